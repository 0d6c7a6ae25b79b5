import { findPublicCampaign } from '../db/campaigns';
import type { Database } from '../db/client';
import { type Submission, transitionSubmission } from '../db/submissions';
import { fail, ok, type Result } from '../lib/result';
import { activateReward } from '../rewards/activate';

export type RetryFailure = 'wrong_state' | 'store_failed' | 'unavailable';

/**
 * Tries once more, at a merchant's request, to switch on the code of a submission whose
 * activation failed: the same idempotent store call the monitor makes, so a code the store did
 * create on an earlier try counts as success. A store that still refuses leaves the submission
 * where it was, with the attempt and the store's reason in its history.
 */
export async function retryActivation(
  env: Cloudflare.Env,
  db: Database,
  submission: Submission,
  memberId: string,
): Promise<Result<void, RetryFailure>> {
  if (submission.state !== 'activation_failed') {
    return fail(
      'wrong_state',
      `Only a code the store did not switch on can be retried; this submission is ` +
        `${submission.state.replaceAll('_', ' ')}.`,
    );
  }
  const campaign = await findPublicCampaign(db, submission.campaignId);
  if (!campaign) return fail('unavailable', 'The campaign of this submission no longer exists.');

  const activated = await activateReward(env, db, submission, campaign);
  if (activated.ok) return ok(undefined);
  if (activated.reason !== 'store_failed') return fail('unavailable', activated.message);

  await transitionSubmission(db, submission, {
    to: 'activation_failed',
    actor: 'merchant',
    reason: `a retry did not switch the code on: ${activated.message}`,
    data: { memberId, failure: activated.failure.kind, storeReason: activated.message },
  });
  return fail('store_failed', activated.message);
}
