import type { Database } from '../db/client';
import type { Logger } from '../lib/logger';
import { drainOutbox } from './outbox';
import { emailSenderFor } from './senders';

/**
 * Sends what is due in the outbox with the configured provider. Runs from the cron and right
 * after a code is switched on; a misconfigured provider leaves the emails queued, logged once.
 */
export async function sendQueuedEmails(env: Cloudflare.Env, db: Database, logger: Logger) {
  const sender = emailSenderFor(env, logger);
  if (!sender.ok) {
    logger.error('email provider not configured; emails stay queued', { reason: sender.message });
    return;
  }

  const counts = await drainOutbox(db, sender.value, { logger });
  if (counts.sent + counts.retrying + counts.failed > 0) logger.info('outbox drained', counts);
}
