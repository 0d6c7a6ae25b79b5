import { and, inArray, lte } from 'drizzle-orm';
import type { Database } from '../db/client';
import { type SubmissionState, submissions } from '../db/schema';
import type { Logger } from '../lib/logger';
import { monitorFor } from './post-monitor';

/** States in which a monitor is expected to have an alarm set. */
export const MONITORED_STATES: SubmissionState[] = [
  'awaiting_post',
  'found',
  'holding',
  // Verified or approved, with the store not yet confirming the code: activation is retried.
  'verified',
  'approved',
];

// An alarm a little late is normal; only re-arm monitors well past their time.
const OVERDUE_AFTER_MS = 5 * 60 * 1000;
const BATCH = 200;

/**
 * Re-arms the monitor of every watched submission whose next check is overdue, so an alarm
 * lost to a deploy or an outage delays a decision by one cron interval at most.
 * Returns how many monitors it re-armed.
 */
export async function reconcileMonitors(
  env: Cloudflare.Env,
  db: Database,
  logger: Logger,
  now = Date.now(),
): Promise<number> {
  const overdue = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(
      and(
        inArray(submissions.state, MONITORED_STATES),
        lte(submissions.nextCheckAt, new Date(now - OVERDUE_AFTER_MS)),
      ),
    )
    .limit(BATCH);

  for (const { id } of overdue) {
    await monitorFor(env, id).arm(id, now);
  }

  if (overdue.length > 0) logger.warn('re-armed overdue monitors', { count: overdue.length });
  return overdue.length;
}
