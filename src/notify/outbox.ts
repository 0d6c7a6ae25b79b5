import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Database } from '../db/client';
import { emailOutbox } from '../db/schema';
import { newId } from '../lib/ids';
import type { Logger } from '../lib/logger';
import type { EmailSender, SendOutcome } from './senders/types';

/**
 * The email outbox: an email is queued once per `dedupe_key`, and drains send what is due. A
 * drain claims each row with a conditional UPDATE before sending it, so two drains running at
 * once (a cron tick and a request's `waitUntil`) never send the same row; the claim is a lease
 * that lapses, so a drain that dies mid-send leaves the row to the next one. Every attempt at a
 * row gives the provider the row id as idempotency key, which makes a resend after such a lapse
 * harmless where the provider honours the key (Resend does; see each sender for the others).
 */

/** Attempts at one email before it is marked failed. */
export const MAX_ATTEMPTS = 8;
// Longer than a send may take (the senders give up after 10 s), so a live claim never lapses.
const LEASE_MS = 5 * 60_000;
// 2, 4, 8 ... 128 minutes: the seven waits between eight attempts add up to about 4 hours,
// time enough to fix a revoked key or an unverified domain before anything is given up.
const FIRST_RETRY_MS = 2 * 60_000;
const MAX_RETRY_MS = 4 * 60 * 60_000;
const MAX_ERROR_LENGTH = 500;
const DEFAULT_DRAIN_LIMIT = 20;
const MAX_LIST_LIMIT = 200;

export type EmailToQueue = {
  dedupeKey: string;
  kind: string;
  merchantId?: string | null;
  submissionId?: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
};

/** The insert of `email` that does nothing if its dedupe key exists, for use in a `db.batch`. */
export function queueEmailStatement(db: Database, email: EmailToQueue) {
  return db
    .insert(emailOutbox)
    .values({
      id: newId('eml'),
      dedupeKey: email.dedupeKey,
      kind: email.kind,
      merchantId: email.merchantId ?? null,
      submissionId: email.submissionId ?? null,
      toAddress: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning({ id: emailOutbox.id });
}

/** Queues `email` unless one with its dedupe key exists; true when this call queued it. */
export async function enqueueEmail(db: Database, email: EmailToQueue): Promise<boolean> {
  const inserted = await queueEmailStatement(db, email);
  return inserted.length > 0;
}

export type DrainOptions = { now?: number; limit?: number; logger?: Logger };

/** What one drain did: `skipped` rows were claimed first by another drain. */
export type DrainCounts = { sent: number; retrying: number; failed: number; skipped: number };

/** Sends the emails that are due, oldest first, at most `limit` of them, one at a time. */
export async function drainOutbox(
  db: Database,
  sender: EmailSender,
  options: DrainOptions = {},
): Promise<DrainCounts> {
  const now = options.now ?? Date.now();
  const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_DRAIN_LIMIT, MAX_LIST_LIMIT));
  const counts: DrainCounts = { sent: 0, retrying: 0, failed: 0, skipped: 0 };

  const due = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(isDue(now))
    .orderBy(asc(emailOutbox.createdAt))
    .limit(limit);

  for (const { id } of due) {
    const row = await claim(db, id, now);
    if (!row) {
      counts.skipped++;
      continue;
    }
    const outcome = await attempt(sender, row, options.logger);
    counts[await settle(db, row, outcome, now, options.logger)]++;
  }
  return counts;
}

type OutboxRow = typeof emailOutbox.$inferSelect;

/** Outcomes the outbox adds to the senders' own: a run of lapsed claims, a sender that threw. */
type AttemptOutcome =
  | SendOutcome
  | { ok: false; retry: boolean; reason: 'gave_up' | 'sender_fault'; message: string };

function isDue(now: number): SQL | undefined {
  return and(
    eq(emailOutbox.status, 'pending'),
    or(isNull(emailOutbox.nextAttemptAt), lte(emailOutbox.nextAttemptAt, new Date(now))),
  );
}

/** Takes the row for this drain if it is still due; undefined when another drain has it. */
async function claim(db: Database, id: string, now: number): Promise<OutboxRow | undefined> {
  // The attempt is counted here, before sending, so a row whose drains keep dying still
  // reaches MAX_ATTEMPTS instead of being claimed forever.
  const [row] = await db
    .update(emailOutbox)
    .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: new Date(now + LEASE_MS) })
    .where(and(eq(emailOutbox.id, id), isDue(now)))
    .returning();
  return row;
}

async function attempt(
  sender: EmailSender,
  row: OutboxRow,
  logger: Logger | undefined,
): Promise<AttemptOutcome> {
  if (row.attempts > MAX_ATTEMPTS) {
    const message = `The last ${MAX_ATTEMPTS} attempts never finished; not trying again.`;
    return { ok: false, retry: false, reason: 'gave_up', message };
  }

  const email = { to: row.toAddress, subject: row.subject, html: row.html, text: row.text };
  try {
    return await sender.send({ ...email, kind: row.kind }, row.id);
  } catch (error) {
    // Senders return expected failures; a throw is a bug or a runtime fault. The row is
    // retried like any other failure so one bad attempt does not stop the rest of the drain.
    logger?.error('email sender threw', { outboxId: row.id, provider: sender.provider, error });
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, retry: true, reason: 'sender_fault', message: detail };
  }
}

/** Records the outcome of the attempt on the row; returns which count it adds to. */
async function settle(
  db: Database,
  row: OutboxRow,
  outcome: AttemptOutcome,
  now: number,
  logger: Logger | undefined,
): Promise<'sent' | 'retrying' | 'failed'> {
  if (outcome.ok) {
    const sent = { providerMessageId: outcome.providerMessageId, sentAt: new Date(now) };
    await db
      .update(emailOutbox)
      .set({ status: 'sent', ...sent, nextAttemptAt: null, lastError: null })
      .where(eq(emailOutbox.id, row.id));
    return 'sent';
  }

  const final = !outcome.retry || row.attempts >= MAX_ATTEMPTS;
  const lastError = `${outcome.reason}: ${outcome.message}`.slice(0, MAX_ERROR_LENGTH);
  const nextAttemptAt = final ? null : new Date(now + retryDelay(row.attempts));
  await db
    .update(emailOutbox)
    .set({ status: final ? 'failed' : 'pending', nextAttemptAt, lastError })
    .where(eq(emailOutbox.id, row.id));

  const fields = { outboxId: row.id, reason: outcome.reason, attempts: row.attempts, final };
  logger?.warn('email not sent', fields);
  return final ? 'failed' : 'retrying';
}

/** Exponential backoff after the given number of attempts. */
export function retryDelay(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export type OutboxEntry = Omit<OutboxRow, 'html' | 'text'>;

/** The newest outbox rows, without their bodies, for the console; one merchant's if given. */
export async function listOutbox(
  db: Database,
  options: { merchantId?: string; limit?: number; kinds?: string[] } = {},
): Promise<OutboxEntry[]> {
  const limit = Math.max(1, Math.min(options.limit ?? 50, MAX_LIST_LIMIT));
  const { html: _html, text: _text, ...columns } = getTableColumns(emailOutbox);

  return db
    .select(columns)
    .from(emailOutbox)
    .where(
      and(
        options.merchantId ? eq(emailOutbox.merchantId, options.merchantId) : undefined,
        options.kinds ? inArray(emailOutbox.kind, options.kinds) : undefined,
      ),
    )
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit);
}

/** One outbox row of `merchantId` with its plain-text body, if its kind is one of `kinds`. */
export async function findOutboxEmail(
  db: Database,
  merchantId: string,
  id: string,
  kinds: string[],
): Promise<(OutboxEntry & { text: string }) | undefined> {
  const { html: _html, ...columns } = getTableColumns(emailOutbox);
  const rows = await db
    .select(columns)
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.id, id),
        eq(emailOutbox.merchantId, merchantId),
        inArray(emailOutbox.kind, kinds),
      ),
    )
    .limit(1);
  return rows[0];
}
