import type { PublicCampaign } from '../db/campaigns';
import type { Database } from '../db/client';
import { recordChecks, type Submission, touchSubmission } from '../db/submissions';
import { fail, ok, type Result } from '../lib/result';
import { monitorFor } from '../monitor/post-monitor';
import { MONITORED_STATES } from '../monitor/reconcile';

const HOUR = 3_600_000;

/**
 * Test mode only: run the next check now, and when the post is being held, pretend the hold
 * has passed (the post's times move back by the hold). It lets a merchant or a developer see
 * the whole loop, up to the live code, in a minute instead of a day. The event says so.
 */
export async function fastForward(
  env: Cloudflare.Env,
  db: Database,
  submission: Submission,
  campaign: PublicCampaign,
  now = Date.now(),
): Promise<Result<void, 'not_test_mode' | 'not_monitored'>> {
  if (!campaign.testMode) return fail('not_test_mode', 'Only test-mode campaigns can skip ahead.');
  if (!MONITORED_STATES.includes(submission.state)) {
    return fail('not_monitored', 'There is no check waiting for this post.');
  }

  if (submission.state === 'holding') {
    const shift = campaign.holdHours * HOUR;
    const back = (time: Date | null) => (time ? new Date(time.getTime() - shift) : null);
    await touchSubmission(db, submission.id, {
      postedAt: back(submission.postedAt),
      firstSeenAt: back(submission.firstSeenAt),
    });
  }
  await recordChecks(db, submission.id, [
    { kind: 'test_fast_forward', data: { state: submission.state, holdHours: campaign.holdHours } },
  ]);

  await touchSubmission(db, submission.id, { nextCheckAt: new Date(now) });
  await monitorFor(env, submission.id).arm(submission.id, now);
  return ok(undefined);
}
