import type { Logger } from '../../lib/logger';
import type { EmailSender } from './types';

/**
 * Nothing leaves the machine: the email counts as sent under `local-<outbox id>`, so it shows in
 * the console's outbox like a real one, and one log line says so. The body is not logged: it
 * holds the shopper's code, and the console already shows the row.
 */
export function localSender(logger: Logger): EmailSender {
  return {
    provider: 'local',
    async send(message, idempotencyKey) {
      logger.info('email kept local', { outboxId: idempotencyKey, kind: message.kind });
      return { ok: true, providerMessageId: `local-${idempotencyKey}` };
    },
  };
}
