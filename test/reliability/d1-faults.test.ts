import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../src/db/client';
import {
  emailOutbox,
  journeys,
  promoCodes,
  redemptions,
  submissionEvents,
  submissions,
  webhookReceipts,
} from '../../src/db/schema';
import { findSubmission } from '../../src/db/submissions';
import { app } from '../../src/index';
import { createLogger } from '../../src/lib/logger';
import { runMonitorStep } from '../../src/monitor/run-step';
import { drainOutbox, enqueueEmail } from '../../src/notify/outbox';
import { emailSenderFor } from '../../src/notify/senders';
import { decideSubmission } from '../../src/review/decide';
import { socialAdapterFor } from '../../src/social';
import { eraseShoppers } from '../../src/webhooks/erasure';
import { db } from '../helpers/seed';
import { seedShopper } from '../helpers/shoppers';
import { type FlakyD1, flakyD1 } from './flaky-d1';
import { orderBody, orderDelivery } from './orders';
import { addShopper, createWorld, heldToTheEnd, sendEmailThroughResend, type World } from './world';

// Every transition here writes several rows in one `db.batch`, which D1 runs as one
// transaction. Each test fails that batch after each of its statements in turn (and after all
// of them), checks that not one row changed, then lets the same call through and checks it did
// its work once.

const FRESH = { looks: 0, failures: 0 };

let restoreEmail: () => void;

beforeAll(() => {
  restoreEmail = sendEmailThroughResend();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterAll(() => {
  restoreEmail();
  vi.restoreAllMocks();
});

/** Fails the next batch of `attempt` after each of its statements; returns the batch size. */
async function failAtEveryStatement(
  flaky: FlakyD1,
  attempt: () => Promise<unknown>,
  rows: () => Promise<unknown>,
) {
  const before = await rows();
  flaky.failNextBatch(Number.POSITIVE_INFINITY);
  await expect(attempt()).rejects.toThrow(/malformed JSON/);
  const size = flaky.batches.at(-1) ?? 0;
  expect(await rows()).toEqual(before);

  for (let ran = 0; ran < size; ran++) {
    flaky.failNextBatch(ran);
    await expect(attempt()).rejects.toThrow(/malformed JSON/);
    expect(await rows(), `failed after ${ran} of ${size} statements`).toEqual(before);
  }
  return size;
}

const flakyDb = () => {
  const flaky = flakyD1(env.DB);
  return { flaky, flakyDb: createDb(flaky.binding) };
};

/** What a submission's moves write: its row, its events, its promo code, its emails. */
async function rowsOf(submissionId: string) {
  const [submission] = await db()
    .select()
    .from(submissions)
    .where(eq(submissions.id, submissionId));
  const events = await db()
    .select()
    .from(submissionEvents)
    .where(eq(submissionEvents.submissionId, submissionId));
  const codes = await db()
    .select()
    .from(promoCodes)
    .where(eq(promoCodes.submissionId, submissionId));
  const emails = await db()
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.submissionId, submissionId));
  return { submission, events, codes, emails };
}

function stepWith(database: ReturnType<typeof db>, submissionId: string) {
  const deps = {
    env,
    db: database,
    logger: createLogger('error'),
    adapterFor: socialAdapterFor(env, database),
  };
  return runMonitorStep(deps, submissionId, FRESH);
}

const stateOf = async (id: string) => (await rowsOf(id)).submission?.state;

async function verifiedShopper(world: World) {
  const shopper = await addShopper(world);
  await db()
    .update(submissions)
    .set({ state: 'verified' })
    .where(eq(submissions.id, shopper.submissionId));
  return shopper;
}

describe('D1 failing for a moment in the monitor’s transitions', () => {
  it('leaves an activation undone, then activates the code once in the store', async () => {
    const world = await createWorld(31);
    const shopper = await verifiedShopper(world);
    const { flaky, flakyDb: database } = flakyDb();

    const size = await failAtEveryStatement(
      flaky,
      () => stepWith(database, shopper.submissionId),
      () => rowsOf(shopper.submissionId),
    );
    await stepWith(db(), shopper.submissionId);

    const after = await rowsOf(shopper.submissionId);
    expect(size).toBe(4);
    expect(after.submission?.state).toBe('activated');
    expect(after.codes.map((code) => code.status)).toEqual(['active']);
    expect(after.emails).toHaveLength(1);
    expect(after.events.filter((event) => event.toState === 'activated')).toHaveLength(1);
    expect([...world.shopify.made.values()]).toEqual([1]);
  });

  it('leaves a verification undone, its duration check included', async () => {
    const world = await createWorld(32);
    const shopper = await heldToTheEnd(world);
    const { flaky, flakyDb: database } = flakyDb();
    const decisionRows = async () => {
      const { submission, events } = await rowsOf(shopper.submissionId);
      const decided = events.filter((event) => event.kind !== 'image' && event.kind !== 'caption');
      return {
        state: submission?.state,
        decidedAt: submission?.decidedAt,
        events: decided.filter((event) => !['language', 'engagement'].includes(event.kind)),
      };
    };

    await failAtEveryStatement(flaky, () => stepWith(database, shopper.submissionId), decisionRows);
    await stepWith(db(), shopper.submissionId);

    const { events } = await rowsOf(shopper.submissionId);
    expect(await stateOf(shopper.submissionId)).toBe('activated');
    expect(events.filter((event) => event.kind === 'duration')).toHaveLength(1);
    expect(events.filter((event) => event.toState === 'verified')).toHaveLength(1);
  });
});

describe('D1 failing for a moment in a merchant’s decision', () => {
  it.each([
    { kind: 'approve' as const, to: 'approved' },
    { kind: 'reject' as const, to: 'rejected', reason: 'The post shows another shop.' },
  ])('leaves the decision undone, then makes it once ($kind)', async ({ kind, to, reason }) => {
    const world = await createWorld(33);
    const seeded = await seedShopper(
      { id: world.campaignId, storeId: world.storeId },
      { path: ['generated', 'awaiting_post', 'found', 'manual_review'] },
    );
    const submission = await findSubmission(db(), seeded.submission?.id ?? '');
    if (!submission) throw new Error('no submission');
    const { flaky, flakyDb: database } = flakyDb();
    const decision = kind === 'approve' ? { kind } : { kind, reason: reason ?? '' };
    const decide = (on: ReturnType<typeof db>) =>
      decideSubmission({ env, db: on, memberId: 'mem_reviewer' }, submission, decision);

    const size = await failAtEveryStatement(
      flaky,
      () => decide(database),
      () => rowsOf(submission.id),
    );
    const decided = await decide(db());

    expect(size).toBe(2);
    expect(decided.ok).toBe(true);
    expect(await stateOf(submission.id)).toBe(to);
    const { events } = await rowsOf(submission.id);
    expect(events.filter((event) => event.toState === to)).toHaveLength(1);
  });
});

describe('D1 failing for a moment in an erasure', () => {
  it('leaves every row of the shopper as it was, then erases them all', async () => {
    const world = await createWorld(34);
    const campaign = { id: world.campaignId, storeId: world.storeId };
    const seeded = await seedShopper(campaign, {
      path: ['generated', 'awaiting_post', 'found', 'holding'],
      files: true,
    });
    const submissionId = seeded.submission?.id ?? '';
    await enqueueEmail(db(), {
      dedupeKey: `reminder:${submissionId}`,
      kind: 'reminder',
      submissionId,
      to: seeded.journey.email ?? '',
      subject: 'Your post is being checked',
      html: '<p>Checking</p>',
      text: 'Checking',
    });
    const { flaky, flakyDb: database } = flakyDb();
    const scope = { merchantId: (await merchantOf(world)) ?? '', journeyIds: [seeded.journey.id] };
    const erase = (on: ReturnType<typeof db>) => eraseShoppers(on, env.MEDIA, scope, 'merchant');
    const shopperRows = async () => ({
      journey: await db().select().from(journeys).where(eq(journeys.id, seeded.journey.id)),
      ...(await rowsOf(submissionId)),
    });

    const size = await failAtEveryStatement(flaky, () => erase(database), shopperRows);
    const erased = await erase(db());

    const after = await shopperRows();
    expect(size).toBe(7);
    expect(erased).toMatchObject({ journeys: 1, submissions: 1 });
    expect(after.journey[0]?.email).toBeNull();
    expect(after.submission).toMatchObject({ handle: 'erased', state: 'rejected' });
    expect(after.emails).toEqual([]);
    expect(after.events.filter((event) => event.kind === 'erasure')).toHaveLength(1);
  });
});

async function merchantOf(world: World) {
  const campaign = await db().query.campaigns.findFirst({
    where: (table, { eq: equals }) => equals(table.id, world.campaignId),
  });
  return campaign?.merchantId;
}

describe('D1 failing for a moment while an order webhook is handled', () => {
  async function twoLiveCodes(world: World) {
    const campaign = { id: world.campaignId, storeId: world.storeId };
    const path = ['generated', 'awaiting_post', 'found', 'holding', 'verified', 'activated'];
    const first = await seedShopper(campaign, { path: path as never });
    const second = await seedShopper(campaign, { path: path as never });
    return [first.promoCode?.code ?? '', second.promoCode?.code ?? ''];
  }

  const storeRows = async (world: World) => ({
    redemptions: await db()
      .select()
      .from(redemptions)
      .where(eq(redemptions.storeId, world.storeId)),
    receipts: await db()
      .select()
      .from(webhookReceipts)
      .where(eq(webhookReceipts.source, `shopify:${world.storeId}`)),
  });

  it('records none of an order’s redemptions when their batch fails, then each once', async () => {
    const world = await createWorld(35);
    const body = orderBody(5_820_917_400_001, await twoLiveCodes(world));
    const eventId = crypto.randomUUID();
    const { flaky } = flakyDb();
    const send = async (binding: D1Database) => {
      const response = await app.fetch(await orderDelivery(world, body, eventId), {
        ...env,
        DB: binding,
      });
      if (response.status !== 200) throw new Error(`D1 malformed JSON: HTTP ${response.status}`);
      return response.json();
    };

    const size = await failAtEveryStatement(
      flaky,
      () => send(flaky.binding),
      () => storeRows(world),
    );
    const first = await send(env.DB);
    const again = await send(env.DB);

    expect(size).toBe(2);
    expect(first).toEqual({ result: 'recorded', redemptions: 2 });
    expect(again).toEqual({ result: 'duplicate' });
    expect((await storeRows(world)).redemptions).toHaveLength(2);
  });

  it('counts an order once when its receipt fails to be written and Shopify sends it again', async () => {
    const world = await createWorld(36);
    const body = orderBody(5_820_917_400_002, await twoLiveCodes(world));
    const eventId = crypto.randomUUID();
    const { flaky } = flakyDb();
    flaky.failNextWrite(/^insert into "webhook_receipts"/);

    const failed = await app.fetch(await orderDelivery(world, body, eventId), {
      ...env,
      DB: flaky.binding,
    });
    const meanwhile = await storeRows(world);
    const retried = await app.fetch(await orderDelivery(world, body, eventId), env);

    expect(failed.status).toBe(500);
    expect(meanwhile).toMatchObject({ receipts: [] });
    expect(meanwhile.redemptions).toHaveLength(2);
    expect(await retried.json()).toEqual({ result: 'recorded', redemptions: 0 });
    const after = await storeRows(world);
    expect(after.redemptions).toEqual(meanwhile.redemptions);
    expect(after.receipts).toHaveLength(1);
  });
});

describe('D1 failing for a moment after an email left', () => {
  it('sends the email once when the outbox fails to note it sent', async () => {
    const world = await createWorld(37);
    await enqueueEmail(db(), {
      dedupeKey: `code-active:${crypto.randomUUID()}`,
      kind: 'code-active',
      to: 'once@example.com',
      subject: 'Your code is live',
      html: '<p>SHARE-ONCE</p>',
      text: 'SHARE-ONCE',
    });
    const sender = emailSenderFor(env);
    if (!sender.ok) throw new Error(sender.message);
    const { flaky, flakyDb: database } = flakyDb();
    flaky.failNextWrite(/^update "email_outbox" set "status"/);
    const now = Date.now();

    const failed = await drainOutbox(database, sender.value, { now }).catch(() => 'failed');
    const early = await drainOutbox(db(), sender.value, { now: now + 60_000 });
    const later = await drainOutbox(db(), sender.value, { now: now + 6 * 60_000 });

    const rows = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'once@example.com'));
    expect(failed).toBe('failed');
    expect(early.sent).toBe(0);
    expect(later.sent).toBe(1);
    expect(rows.map((row) => row.status)).toEqual(['sent']);
    expect(world.resend.delivered.filter((email) => email.to === 'once@example.com')).toHaveLength(
      1,
    );
    expect(world.resend.replays).toBe(1);
  });
});
