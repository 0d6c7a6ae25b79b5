import { findPublicCampaign } from '../db/campaigns';
import { findSubmissionPromoCode } from '../db/promo-codes';
import { findSubmission, touchSubmission, transitionSubmission } from '../db/submissions';
import { activationStep } from './activation-step';
import { checkPost } from './post-checks';
import { MONITORED_STATES } from './reconcile';
import { holdEndsAt, nextHoldCheckAt } from './schedule';
import { lookForPost } from './search';
import {
  DONE,
  type MonitorCounters,
  platformFailed,
  recordPostChecks,
  rejectOrRefer,
  type StepContext,
  type StepDeps,
  type StepOutcome,
  scheduleNext,
} from './step-context';

/** A held post: gone means removed; still there and clean until the hold ends means verified. */
async function reviewHeldPost(ctx: StepContext): Promise<StepOutcome> {
  const { submission, campaign } = ctx;
  const adapter = ctx.adapterFor(submission, campaign);
  const post = await adapter.getPost(submission.handle, submission.postId ?? '');

  if (!post.ok && post.failure.kind === 'not_found') {
    const reason = 'The post was deleted or hidden before the hold ended.';
    await transitionSubmission(ctx.db, submission, {
      to: 'removed',
      actor: 'monitor',
      reason,
      checks: [{ kind: 'duration', data: { passed: false } }],
      changes: { outcomeReason: reason, decidedAt: new Date(ctx.now), nextCheckAt: null },
    });
    return DONE(ctx.counters);
  }
  if (!post.ok) return platformFailed(ctx, post.failure);

  const checks = await checkPost({ ...ctx, adapter, media: ctx.env.MEDIA, post: post.value });
  if (!checks.ok) return platformFailed(ctx, checks.failure);
  const failing = await recordPostChecks(ctx, post.value, checks.value);
  if (failing) return rejectOrRefer(ctx, checks.value, failing);

  const counters = { ...ctx.counters, failures: 0 };
  const endsAt = holdEndsAt(submission, campaign.holdHours) ?? ctx.now;
  await touchSubmission(ctx.db, submission.id, { lastSeenAt: new Date(ctx.now) });
  if (ctx.now < endsAt) return scheduleNext(ctx, nextHoldCheckAt(ctx.now, endsAt), counters);

  return verify({ ...ctx, counters });
}

async function verify(ctx: StepContext): Promise<StepOutcome> {
  const hours = ctx.campaign.holdHours;
  const verified = await transitionSubmission(ctx.db, ctx.submission, {
    to: 'verified',
    actor: 'monitor',
    reason: `the post stayed up for ${hours} hours and passed every check`,
    checks: [{ kind: 'duration', data: { passed: true, hours } }],
    // The activation below is due now. Should this run die before it ends (a reset, a deploy),
    // the cron sees the check overdue and re-arms the monitor, as it does for an approval.
    changes: { decidedAt: new Date(ctx.now), nextCheckAt: new Date(ctx.now) },
  });
  if (!verified.ok) return DONE(ctx.counters);

  const submission = { ...ctx.submission, state: 'verified' as const };
  return activationStep({ ...ctx, submission, counters: { ...ctx.counters, failures: 0 } });
}

/**
 * One run of a submission's monitor: reads the submission from D1 (the truth), does what its
 * state calls for, and says when to run next (null: nothing more to watch). Running it twice
 * in a row is harmless: the second run sees the state the first one wrote.
 */
export async function runMonitorStep(
  deps: StepDeps,
  submissionId: string,
  counters: MonitorCounters,
  now = Date.now(),
): Promise<StepOutcome> {
  const submission = await findSubmission(deps.db, submissionId);
  if (!submission || !MONITORED_STATES.includes(submission.state)) return DONE(counters);
  const campaign = await findPublicCampaign(deps.db, submission.campaignId);
  const promoCode = await findSubmissionPromoCode(deps.db, submission.id);
  if (!campaign || !promoCode) return DONE(counters);

  const ctx: StepContext = {
    ...deps,
    submission,
    campaign,
    promoCode: promoCode.code,
    counters,
    now,
  };
  if (submission.state === 'holding') return reviewHeldPost(ctx);
  if (submission.state === 'verified' || submission.state === 'approved') {
    return activationStep(ctx);
  }
  return lookForPost(ctx);
}
