import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { sendQueuedEmails } from '../notify/dispatch';
import { type EmailToQueue, enqueueEmail } from '../notify/outbox';

/** Queues an email in the outbox and sends what is due once the response has gone. */
export async function queueAndSend(c: Context<AppEnv>, email: EmailToQueue): Promise<void> {
  const db = c.get('db');
  await enqueueEmail(db, email);
  c.executionCtx.waitUntil(sendQueuedEmails(c.env, db, c.get('logger')));
}
