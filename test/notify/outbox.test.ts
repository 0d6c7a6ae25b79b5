import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emailOutbox } from '../../src/db/schema';
import { createLogger } from '../../src/lib/logger';
import {
  drainOutbox,
  type EmailToQueue,
  enqueueEmail,
  listOutbox,
  MAX_ATTEMPTS,
} from '../../src/notify/outbox';
import { localSender } from '../../src/notify/senders/local';
import { resendSender } from '../../src/notify/senders/resend';
import resend422 from '../fixtures/notify/resend-422.json';
import resend429 from '../fixtures/notify/resend-429.json';
import resendSent from '../fixtures/notify/resend-send.response.json';
import { db, seedMerchant } from '../helpers/seed';
import { jsonAnswer, spyOnFetch } from './fetch-spy';

const API_KEY = 're_123456789';
const NOW = Date.parse('2026-03-07T10:00:00Z');
const sender = () => resendSender({ apiKey: API_KEY, from: 'Acme <rewards@acme-outdoors.com>' });

const sentAnswer = () => jsonAnswer(resendSent.body, resendSent.status);
const rateLimited = () => jsonAnswer(resend429.body, resend429.status, resend429.headers);
const unavailable = () => jsonAnswer({ statusCode: 503, name: 'internal_server_error' }, 503);

let queued = 0;
const email = (overrides: Partial<EmailToQueue> = {}): EmailToQueue => {
  queued++;
  return {
    dedupeKey: `code-active:sub_${queued}`,
    kind: 'code-active',
    to: 'alice@example.com',
    subject: 'Your code for Acme Outdoors is ready to use',
    html: '<p>SHARE-7KQ2M9</p>',
    text: 'SHARE-7KQ2M9',
    ...overrides,
  };
};

/** Queues an email as if at `at`, so tests that depend on age do not depend on timing. */
async function enqueueAt(at: number, overrides: Partial<EmailToQueue> = {}) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    return await enqueueEmail(db(), email(overrides));
  } finally {
    vi.useRealTimers();
  }
}

const rows = () => db().select().from(emailOutbox).orderBy(emailOutbox.createdAt);
const rowById = async (id: string) =>
  (await db().select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];

// Storage is shared by the tests of this file; each test starts from an empty outbox.
beforeEach(async () => {
  await db().delete(emailOutbox);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('enqueueEmail', () => {
  it('queues an email once per dedupe key', async () => {
    const message = email();

    const first = await enqueueEmail(db(), message);
    const second = await enqueueEmail(db(), { ...message, subject: 'another subject' });

    expect(first).toBe(true);
    expect(second).toBe(false);
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
      subject: message.subject,
      toAddress: 'alice@example.com',
    });
  });
});

describe('drainOutbox', () => {
  it('sends a due email once, with its row id as the idempotency key', async () => {
    const { requests } = spyOnFetch(sentAnswer);
    await enqueueEmail(db(), email());

    const first = await drainOutbox(db(), sender(), { now: NOW });
    const second = await drainOutbox(db(), sender(), { now: NOW + 86_400_000 });

    const [row] = await rows();
    expect(first).toEqual({ sent: 1, retrying: 0, failed: 0, skipped: 0 });
    expect(second).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.request.headers.get('Idempotency-Key')).toBe(row?.id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      providerMessageId: resendSent.body.id,
      sentAt: new Date(NOW),
      lastError: null,
    });
  });

  it.each([
    ['a 429', rateLimited],
    ['a 5xx', unavailable],
  ])('retries after %s, later, and sends exactly once', async (_label, failure) => {
    const { requests } = spyOnFetch((_request, index) => (index === 0 ? failure() : sentAnswer()));
    await enqueueEmail(db(), email());

    const failed = await drainOutbox(db(), sender(), { now: NOW });
    const [waiting] = await rows();
    const tooEarly = await drainOutbox(db(), sender(), { now: NOW + 1_000 });
    const retryAt = waiting?.nextAttemptAt?.getTime() ?? Number.NaN;
    const retried = await drainOutbox(db(), sender(), { now: retryAt });
    const after = await drainOutbox(db(), sender(), { now: retryAt + 86_400_000 });

    expect(failed).toMatchObject({ retrying: 1, sent: 0 });
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(retryAt).toBeGreaterThan(NOW + 1_000);
    expect(tooEarly).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(retried).toMatchObject({ sent: 1 });
    expect(after).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(requests).toHaveLength(2);
    const keys = requests.map(({ request }) => request.headers.get('Idempotency-Key'));
    expect(keys).toEqual([waiting?.id, waiting?.id]);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks an email the provider refuses (422) failed at once, without retrying', async () => {
    const { requests } = spyOnFetch(() => jsonAnswer(resend422, 422));
    await enqueueEmail(db(), email());

    const counts = await drainOutbox(db(), sender(), { now: NOW });
    const later = await drainOutbox(db(), sender(), { now: NOW + 86_400_000 });

    expect(counts).toEqual({ sent: 0, retrying: 0, failed: 1, skipped: 0 });
    expect(later).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(requests).toHaveLength(1);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
    expect(row?.lastError).toContain('validation_error');
  });

  it('backs off longer each time and gives up after the last attempt', async () => {
    const { requests } = spyOnFetch(unavailable);
    await enqueueEmail(db(), email());

    let now = NOW;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await drainOutbox(db(), sender(), { now });
      const next = (await rows())[0]?.nextAttemptAt;
      if (next) waits.push(next.getTime() - now);
      now = next?.getTime() ?? now + 86_400_000;
    }
    await drainOutbox(db(), sender(), { now: now + 86_400_000 });

    expect(requests).toHaveLength(MAX_ATTEMPTS);
    expect(waits).toHaveLength(MAX_ATTEMPTS - 1);
    for (const [index, wait] of waits.slice(1).entries()) {
      expect(wait).toBeGreaterThan(waits[index] ?? Number.POSITIVE_INFINITY);
    }
    expect((await rows())[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('sends each email once when two drains run at the same time', async () => {
    const { requests } = spyOnFetch(sentAnswer);
    for (let n = 0; n < 3; n++) await enqueueEmail(db(), email());

    const [a, b] = await Promise.all([
      drainOutbox(db(), sender(), { now: NOW }),
      drainOutbox(db(), sender(), { now: NOW }),
    ]);

    const stored = await rows();
    const keys = requests.map(({ request }) => request.headers.get('Idempotency-Key'));
    expect(a.sent + b.sent).toBe(3);
    expect(a.skipped + b.skipped).toBe(3);
    expect(keys.sort()).toEqual(stored.map((row) => row.id).sort());
    expect(stored.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });

  it('leaves a claimed email alone until its claim lapses, then sends it', async () => {
    const { requests } = spyOnFetch(sentAnswer);
    await enqueueEmail(db(), email());
    const [row] = await rows();
    // As a drain that claimed the row and died before recording anything leaves it.
    const claimedUntil = new Date(NOW + 60_000);
    await db()
      .update(emailOutbox)
      .set({ attempts: 1, nextAttemptAt: claimedUntil })
      .where(eq(emailOutbox.id, row?.id ?? ''));

    const during = await drainOutbox(db(), sender(), { now: NOW });
    const after = await drainOutbox(db(), sender(), { now: claimedUntil.getTime() });

    expect(during.sent).toBe(0);
    expect(after.sent).toBe(1);
    expect(requests).toHaveLength(1);
    expect(await rowById(row?.id ?? '')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('records an email kept local as sent, so it still shows in the console', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await enqueueEmail(db(), email());

    const counts = await drainOutbox(db(), localSender(createLogger('info')), { now: NOW });

    const [row] = await rows();
    expect(counts.sent).toBe(1);
    expect(row).toMatchObject({ status: 'sent', providerMessageId: `local-${row?.id}` });
  });

  it('keeps the API key out of the recorded error', async () => {
    const echo = { statusCode: 500, name: 'application_error', message: `bad key ${API_KEY}` };
    spyOnFetch(() => jsonAnswer(echo, 500));
    await enqueueEmail(db(), email());

    await drainOutbox(db(), sender(), { now: NOW });

    const [row] = await rows();
    expect(row?.lastError).toContain('application_error');
    expect(row?.lastError).not.toContain(API_KEY);
  });

  it('sends at most `limit` emails, oldest first', async () => {
    const { requests } = spyOnFetch(sentAnswer);
    for (const n of [2, 0, 1]) await enqueueAt(NOW - 3_000 + n, { subject: `email ${n}` });

    const counts = await drainOutbox(db(), sender(), { now: NOW, limit: 2 });

    expect(counts.sent).toBe(2);
    expect(requests.map(({ body }) => (body as { subject: string }).subject)).toEqual([
      'email 0',
      'email 1',
    ]);
  });
});

describe('listOutbox', () => {
  it("lists one merchant's emails, newest first, without their bodies", async () => {
    const { merchant } = await seedMerchant();
    const other = await seedMerchant();
    await enqueueAt(NOW - 2_000, { merchantId: merchant.id, subject: 'older' });
    await enqueueAt(NOW - 1_000, { merchantId: other.merchant.id, subject: 'not theirs' });
    await enqueueAt(NOW, { merchantId: merchant.id, subject: 'newer' });

    const entries = await listOutbox(db(), { merchantId: merchant.id, limit: 10 });

    expect(entries.map((entry) => entry.subject)).toEqual(['newer', 'older']);
    expect(entries[0]).not.toHaveProperty('html');
    expect(entries[0]).not.toHaveProperty('text');
    expect(entries[0]).toMatchObject({ status: 'pending', toAddress: 'alice@example.com' });
  });
});
