import { postBacksAnother, transitionSubmission } from '../db/submissions';
import { postIdFromLink } from '../domain/post-link';
import type { FoundPost, LookupResult } from '../social/types';
import { checkCaption } from '../verify/caption-match';
import { checkPost } from './post-checks';
import { nextSearchAt } from './schedule';
import {
  platformFailed,
  recordPostChecks,
  reject,
  rejectOrRefer,
  type StepContext,
  type StepOutcome,
  scheduleNext,
} from './step-context';

// Posts made a little before "Go to <platform>" count too: some shoppers post first, then press.
const LOOK_BACK_MS = 30 * 60 * 1000;

function carriesCode(post: FoundPost, promoCode: string): boolean {
  const check = checkCaption(post.caption, { promoCode, hashtags: [], pages: [], comment: null });
  return check.passed;
}

async function expire(ctx: StepContext): Promise<StepOutcome> {
  const hours = ctx.campaign.searchHours;
  const reason = `No post with your code appeared within ${hours} hours.`;
  await transitionSubmission(ctx.db, ctx.submission, {
    to: 'expired',
    actor: 'monitor',
    reason,
    data: { looks: ctx.counters.looks },
    changes: { outcomeReason: reason, decidedAt: new Date(ctx.now), nextCheckAt: null },
  });
  return { nextAt: null, counters: ctx.counters };
}

/** A post carrying the code was found: record it, check it, and hold it or reject it. */
async function examine(ctx: StepContext, post: FoundPost): Promise<StepOutcome> {
  const adapter = ctx.adapterFor(ctx.submission, ctx.campaign);
  let submission = ctx.submission;

  if (submission.state === 'awaiting_post') {
    // One post earns one code (a unique index says so). A caption carrying the codes of two
    // orders is refused for the second: left to the index, the move would fail at every check.
    if (await postBacksAnother(ctx.db, submission, post.id)) {
      return reject(ctx, 'This post already earned a code for another order.');
    }
    const found = await transitionSubmission(ctx.db, submission, {
      to: 'found',
      actor: 'monitor',
      reason: 'post found',
      data: { url: post.url },
      changes: {
        postId: post.id,
        postUrl: post.url,
        postedAt: post.publishedAt,
        firstSeenAt: new Date(ctx.now),
        lastSeenAt: new Date(ctx.now),
      },
    });
    if (!found.ok) return { nextAt: null, counters: ctx.counters };
    submission = { ...submission, state: 'found', postId: post.id, postedAt: post.publishedAt };
    submission.firstSeenAt = new Date(ctx.now);
  }

  const next = { ...ctx, submission };
  const checks = await checkPost({ ...next, adapter, media: ctx.env.MEDIA, post });
  if (!checks.ok) return platformFailed(next, checks.failure);
  const failing = await recordPostChecks(next, post, checks.value);
  if (failing) return rejectOrRefer(next, checks.value, failing);

  const held = await transitionSubmission(ctx.db, submission, {
    to: 'holding',
    actor: 'monitor',
    reason: 'every check passed; holding',
    changes: {
      imageScore: checks.value.image.score,
      captionScore: checks.value.caption.score,
      languagePassed: checks.value.language.passed,
    },
  });
  if (!held.ok) return { nextAt: null, counters: ctx.counters };
  // The first hold check is soon, then every few hours: a post removed at once is caught early.
  return scheduleNext(next, ctx.now + 10 * 60 * 1000, { ...ctx.counters, failures: 0 });
}

/**
 * The posts to examine: the found post again; else the post whose link the shopper pasted
 * (when its link names it), else the account's recent posts.
 */
async function candidatePosts(ctx: StepContext): Promise<LookupResult<FoundPost[]>> {
  const { submission, now } = ctx;
  const adapter = ctx.adapterFor(submission, ctx.campaign);
  const single = (result: LookupResult<FoundPost>): LookupResult<FoundPost[]> =>
    result.ok ? { ok: true, value: [result.value] } : result;

  if (submission.state === 'found' && submission.postId) {
    return single(await adapter.getPost(submission.handle, submission.postId));
  }

  const linked = submission.postUrl && postIdFromLink(submission.platform, submission.postUrl);
  if (linked) {
    const post = await adapter.getPost(submission.handle, linked);
    if (post.ok && carriesCode(post.value, ctx.promoCode)) return single(post);
  }

  const since = new Date((submission.leftForPlatformAt?.getTime() ?? now) - LOOK_BACK_MS);
  return adapter.recentPosts(submission.handle, since);
}

/** Looks for the shopper's post: the newest post of theirs whose caption carries the code. */
export async function lookForPost(ctx: StepContext): Promise<StepOutcome> {
  const { submission, now } = ctx;
  const deadline = submission.deadlineAt?.getTime() ?? now;
  // While the platform is failing we could not look, so the deadline waits for an answer: the
  // shopper may have posted in time. The outage grace still hands the post to a person.
  const outage = ctx.counters.failures > 0;
  if (submission.state === 'awaiting_post' && now >= deadline && !outage) return expire(ctx);

  const posts = await candidatePosts(ctx);

  if (!posts.ok && posts.failure.kind !== 'not_found' && posts.failure.kind !== 'private') {
    return platformFailed(ctx, posts.failure);
  }

  const post = posts.ok
    ? posts.value.find((candidate) => carriesCode(candidate, ctx.promoCode))
    : undefined;
  if (post) return examine(ctx, post);

  // Not there yet (or the profile is private or not found: the shopper may still fix that).
  const looks = ctx.counters.looks + 1;
  const counters = { looks, failures: 0 };
  if (now >= deadline) return expire({ ...ctx, counters });
  return scheduleNext(ctx, nextSearchAt(now, looks, deadline), counters);
}
