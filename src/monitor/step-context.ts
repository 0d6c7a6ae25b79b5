import type { PublicCampaign } from '../db/campaigns';
import type { Database } from '../db/client';
import {
  recordChecks,
  type Submission,
  touchSubmission,
  transitionSubmission,
} from '../db/submissions';
import type { Logger } from '../lib/logger';
import type { FoundPost, LookupFailure, SocialAdapter } from '../social/types';
import { type FeatureCache, failingCheckReason, needsPerson, type PostChecks } from './post-checks';
import { MAX_CONSECUTIVE_FAILURES, retryAt } from './schedule';

export type MonitorCounters = { looks: number; failures: number };
export type StepOutcome = { nextAt: number | null; counters: MonitorCounters };

export type StepDeps = {
  env: Cloudflare.Env;
  db: Database;
  logger: Logger;
  adapterFor: (submission: Submission, campaign: PublicCampaign) => SocialAdapter;
  featureCache?: FeatureCache;
};

export type StepContext = StepDeps & {
  submission: Submission;
  campaign: PublicCampaign;
  promoCode: string;
  counters: MonitorCounters;
  now: number;
};

export const DONE = (counters: MonitorCounters): StepOutcome => ({ nextAt: null, counters });

/** Writes the next check time to D1 (for the cron's safety net) and returns the outcome. */
export async function scheduleNext(ctx: StepContext, nextAt: number, counters = ctx.counters) {
  await touchSubmission(ctx.db, ctx.submission.id, { nextCheckAt: new Date(nextAt) });
  return { nextAt, counters };
}

/**
 * A platform failure: retried with backoff and never held against the shopper, until too many
 * in a row hand the submission to a person. `unsupported` goes to a person at once.
 */
export async function platformFailed(ctx: StepContext, failure: LookupFailure) {
  const failures = ctx.counters.failures + 1;
  const tooMany = failures >= MAX_CONSECUTIVE_FAILURES;

  if (failure.kind === 'unsupported' || tooMany) {
    const reason =
      failure.kind === 'unsupported'
        ? failure.message
        : 'The platform did not answer for a long time; the store will review your post by hand.';
    await transitionSubmission(ctx.db, ctx.submission, {
      to: 'manual_review',
      actor: 'monitor',
      reason,
      data: { failure: failure.kind, failures },
      changes: { outcomeReason: reason, nextCheckAt: null },
    });
    return DONE({ ...ctx.counters, failures });
  }

  const retryAfterMs = failure.kind === 'retry' ? failure.retryAfterMs : undefined;
  ctx.logger.warn('platform lookup failed, retrying', {
    submissionId: ctx.submission.id,
    failure: failure.kind,
    reason: failure.kind === 'retry' ? failure.reason : undefined,
    failures,
  });
  return scheduleNext(ctx, retryAt(ctx.now, failures, retryAfterMs), { ...ctx.counters, failures });
}

/**
 * The post's reach as the platform showed it at this check, or null when it showed none.
 * Recorded at every check, so a merchant's reach figures can use the latest and see the growth.
 */
function engagementOf(post: FoundPost): Record<string, number> | null {
  const figures = { ...post.engagement, authorFollowers: post.authorFollowers };
  const known = Object.entries(figures).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number',
  );
  return known.length > 0 ? Object.fromEntries(known) : null;
}

/** Records the checks and the post's engagement; returns the first failing check's reason. */
export async function recordPostChecks(ctx: StepContext, post: FoundPost, checks: PostChecks) {
  const engagement = engagementOf(post);
  await recordChecks(ctx.db, ctx.submission.id, [
    { kind: 'image', data: { ...checks.image } },
    { kind: 'caption', data: { ...checks.caption } },
    { kind: 'language', data: { ...checks.language } },
    ...(engagement ? [{ kind: 'engagement', data: engagement }] : []),
  ]);
  return failingCheckReason(checks);
}

export async function reject(ctx: StepContext, reason: string) {
  await transitionSubmission(ctx.db, ctx.submission, {
    to: 'rejected',
    actor: 'monitor',
    reason,
    changes: { outcomeReason: reason, decidedAt: new Date(ctx.now), nextCheckAt: null },
  });
  return DONE(ctx.counters);
}

/**
 * A post that failed a check: rejected, unless the only doubt is an image check that could not
 * judge, in which case the store decides by hand and the shopper is told so.
 */
export async function rejectOrRefer(ctx: StepContext, checks: PostChecks, reason: string) {
  if (!needsPerson(checks)) return reject(ctx, reason);

  const referral =
    'Your photo has too little detail for the automatic image check; the store will look at ' +
    'your post by hand.';
  await transitionSubmission(ctx.db, ctx.submission, {
    to: 'manual_review',
    actor: 'monitor',
    reason: referral,
    data: { imageScore: checks.image.score },
    changes: { outcomeReason: referral, nextCheckAt: null },
  });
  return DONE(ctx.counters);
}
