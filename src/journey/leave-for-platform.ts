import type { Campaign } from '../db/campaigns';
import type { Database } from '../db/client';
import { type Submission, transitionSubmission } from '../db/submissions';
import type { Logger } from '../lib/logger';
import { ok, type Result } from '../lib/result';
import { monitorFor } from '../monitor/post-monitor';

// The first look for the post: long enough for a shopper to post, short enough to feel quick.
export const FIRST_CHECK_AFTER_MS = 2 * 60 * 1000;

/**
 * Records that the shopper is on their way to the platform and starts monitoring. The state
 * and the first check time are written to D1 before the monitor is armed, so if arming fails
 * the cron reconciliation arms it later. Pressing the button twice is harmless.
 */
export async function leaveForPlatform(
  env: Cloudflare.Env,
  db: Database,
  logger: Logger,
  {
    submission,
    campaign,
    now = Date.now(),
  }: { submission: Submission; campaign: Campaign; now?: number },
): Promise<Result<void, 'conflict' | 'not_allowed'>> {
  if (submission.state === 'awaiting_post') return ok(undefined);

  const nextCheckAt = now + FIRST_CHECK_AFTER_MS;
  const moved = await transitionSubmission(db, submission, {
    to: 'awaiting_post',
    actor: 'shopper',
    reason: 'went to the platform',
    changes: {
      leftForPlatformAt: new Date(now),
      nextCheckAt: new Date(nextCheckAt),
      deadlineAt: new Date(now + campaign.searchHours * 3_600_000),
    },
  });
  if (!moved.ok) return moved;

  try {
    await monitorFor(env, submission.id).arm(submission.id, nextCheckAt);
  } catch (error) {
    logger.error('monitor arming failed, cron will re-arm', { submissionId: submission.id, error });
  }
  return ok(undefined);
}
