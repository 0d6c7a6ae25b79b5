import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { sendQueuedEmails } from '../notify/dispatch';
import { type EmailToQueue, enqueueEmail } from '../notify/outbox';

/** A form's text fields; files and repeated names are left to routes that expect them. */
export type FormFields = Record<string, string | undefined>;

/** The text fields of a posted form (urlencoded or multipart). */
export async function readForm(c: Context<AppEnv>): Promise<FormFields> {
  const body = await c.req.parseBody();
  const form: FormFields = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') form[key] = value;
  }
  return form;
}

/** Queues an email in the outbox and sends what is due once the response has gone. */
export async function queueAndSend(c: Context<AppEnv>, email: EmailToQueue): Promise<void> {
  const db = c.get('db');
  await enqueueEmail(db, email);
  c.executionCtx.waitUntil(sendQueuedEmails(c.env, db, c.get('logger')));
}
