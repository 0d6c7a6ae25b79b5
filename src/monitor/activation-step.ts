import { transitionSubmission } from '../db/submissions';
import { sendQueuedEmails } from '../notify/dispatch';
import { activateReward } from '../rewards/activate';
import { MAX_CONSECUTIVE_FAILURES, retryAt } from './schedule';
import { DONE, type StepContext, type StepOutcome, scheduleNext } from './step-context';

/**
 * Switches the code on in the store for a verified or approved submission. A store that is down
 * or throttling is retried with backoff by this same monitor; credentials the store refuses, a
 * code it rejects, or too many failures in a row move the submission to `activation_failed`,
 * where the merchant sees the reason. Nothing is lost: the code stays reserved.
 */
export async function activationStep(ctx: StepContext): Promise<StepOutcome> {
  const activated = await activateReward(ctx.env, ctx.db, ctx.submission, ctx.campaign, ctx.now);
  if (activated.ok) {
    await sendQueuedEmails(ctx.env, ctx.db, ctx.logger);
    return DONE({ ...ctx.counters, failures: 0 });
  }
  if (activated.reason !== 'store_failed') return DONE(ctx.counters);

  const { failure } = activated;
  const failures = ctx.counters.failures + 1;
  ctx.logger.warn('store activation failed', {
    submissionId: ctx.submission.id,
    failure: failure.kind,
    reason: failure.reason,
    failures,
  });
  if (failure.kind === 'retry' && failures < MAX_CONSECUTIVE_FAILURES) {
    const next = retryAt(ctx.now, failures, failure.retryAfterMs);
    return scheduleNext(ctx, next, { ...ctx.counters, failures });
  }

  await transitionSubmission(ctx.db, ctx.submission, {
    to: 'activation_failed',
    actor: 'system',
    reason: `the store did not switch the code on: ${failure.reason}`,
    data: { failure: failure.kind, failures },
    changes: { nextCheckAt: null },
  });
  return DONE({ ...ctx.counters, failures });
}
