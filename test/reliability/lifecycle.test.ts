import { env } from 'cloudflare:workers';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  emailOutbox,
  promoCodes,
  redemptions,
  submissionEvents,
  submissions,
} from '../../src/db/schema';
import { decideSubmission } from '../../src/review/decide';
import { retryActivation } from '../../src/review/retry-activation';
import { FAULT_KINDS } from '../helpers/fault-fetch';
import { db } from '../helpers/seed';
import { createDriver, type Driver, type Due, runRound } from './driver';
import { newOrderBook } from './orders';
import {
  addShopper,
  createWorld,
  postHonestly,
  type Shopper,
  sendEmailThroughResend,
  startClock,
  type World,
} from './world';

// Reproduce: npx vitest run test/reliability/lifecycle.test.ts (the figures are its annotation).
const SUBMISSIONS = 100;
const FAILING_SHARE = 0.3;
const SEED = 20_260_415;
const HOUR = 3_600_000;
const HOLD_HOURS = 24;
// Long enough for every step of the life to meet the outage: search, hold, activation, email.
const OUTAGE_HOURS = 8;
const LATE_POSTERS = 0.25;
const DOUBLED_ALARMS = 0.1;
const HANGING_TIMEOUTS = 3;
const MAX_ROUNDS = 300;
// Shoppers are made a few at a time, so one's storage waits overlap another's rendering.
const SHOPPERS_AT_ONCE = 4;
// States a person owns or nothing more follows: a submission there is decided, not lost.
const DECIDED = [
  'activated',
  'rejected',
  'expired',
  'removed',
  'manual_review',
  'activation_failed',
];

let restoreEmail: () => void;
const warnings = new Map<string, number>();

beforeAll(() => {
  restoreEmail = sendEmailThroughResend();
  // Every retry is logged as a warning: counted here as a figure, kept out of the output.
  for (const level of ['warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((line: unknown) => {
      const message = String(JSON.parse(String(line)).message);
      warnings.set(message, (warnings.get(message) ?? 0) + 1);
    });
  }
});

afterAll(() => {
  restoreEmail();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function shoppers(world: World): Promise<{ early: Shopper[]; late: Shopper[] }> {
  const made: Shopper[] = [];
  while (made.length < SUBMISSIONS) {
    const batch = Math.min(SHOPPERS_AT_ONCE, SUBMISSIONS - made.length);
    made.push(...(await Promise.all(Array.from({ length: batch }, () => addShopper(world)))));
  }
  const late = made.filter(() => world.random.chance(LATE_POSTERS));
  return { early: made.filter((shopper) => !late.includes(shopper)), late };
}

const endsHold = (row: Due) =>
  row.state === 'holding' &&
  row.postedAt !== null &&
  row.postedAt.getTime() + HOLD_HOURS * HOUR <= Date.now();

/**
 * The outage: a reset of every Durable Object in the third round (shoppers being looked for)
 * and in the first round that ends holds (verifications and activations under way), timeouts
 * that hang in the first round, and the late posters posting after the first looks.
 */
async function outage(driver: Driver, late: Shopper[]) {
  const end = driver.clock + OUTAGE_HOURS * HOUR;
  let resetActivations = true;
  for (let going = true; going && driver.clock < end; ) {
    const round = driver.figures.rounds;
    if (round === 1) for (const shopper of late) postHonestly(driver.world, shopper);
    // Each hanging timeout costs seconds of real time; in one round they overlap.
    driver.world.network.allowHangs(round === 0 ? HANGING_TIMEOUTS : 0);
    going = await runRound(driver, {
      doubled: DOUBLED_ALARMS,
      reset: (due) => {
        if (round === 2) return true;
        if (!resetActivations || !due.some(endsHold)) return false;
        resetActivations = false;
        return true;
      },
    });
    if (driver.figures.rounds > MAX_ROUNDS) throw new Error('the outage does not end');
  }
}

/**
 * The merchant approves the posts the monitor handed over because the platform kept failing
 * (for the outage grace, 18 checks in a row, by design); returns how many. Posts handed over for
 * any other reason are left alone, so they show up as not activated.
 */
async function approveHandovers(driver: Driver): Promise<number> {
  const waiting = await db()
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.campaignId, driver.world.campaignId),
        eq(submissions.state, 'manual_review'),
        like(submissions.outcomeReason, 'The platform did not answer%'),
      ),
    );
  for (const submission of waiting) {
    const decider = { env, db: db(), memberId: 'mem_reliability' };
    const decided = await decideSubmission(decider, submission, { kind: 'approve' });
    if (!decided.ok) throw new Error(decided.message);
  }
  return waiting.length;
}

/**
 * The merchant presses Retry on codes the store refused to switch on for the outage grace (18
 * failed tries in a row; by design, the monitor then leaves it to the merchant); returns how many.
 */
async function retryFailedActivations(driver: Driver): Promise<number> {
  const failed = await db()
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.campaignId, driver.world.campaignId),
        eq(submissions.state, 'activation_failed'),
      ),
    );
  for (const submission of failed) {
    await retryActivation(env, db(), submission, 'mem_reliability');
  }
  return failed.length;
}

async function settle(driver: Driver) {
  while (await runRound(driver, { doubled: DOUBLED_ALARMS, reset: () => false })) {
    if (driver.figures.rounds > MAX_ROUNDS) throw new Error('the run does not settle');
  }
}

/** The systems answer again; everything runs to its end, handovers approved on the way. */
async function recovery(driver: Driver): Promise<number> {
  driver.world.network.setShare(0);
  let approved = 0;
  for (;;) {
    await settle(driver);
    // Approved submissions are due at once: the next round runs at this same time.
    const now = (await approveHandovers(driver)) + (await retryFailedActivations(driver));
    if (now === 0) return approved;
    approved += now;
  }
}

const countOf = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};
const moreThanOnce = (values: string[]) => [...countOf(values).values()].filter((n) => n > 1);

/** The promise to merchant and shopper, counted from D1 and from the fakes' own records. */
async function promiseKept(world: World, driver: Driver) {
  const ofCampaign = eq(submissions.campaignId, world.campaignId);
  const rows = await db().select().from(submissions).where(ofCampaign);
  const codes = await db()
    .select()
    .from(promoCodes)
    .where(eq(promoCodes.campaignId, world.campaignId));
  const activations = await db()
    .select({ id: submissionEvents.submissionId })
    .from(submissionEvents)
    .where(eq(submissionEvents.toState, 'activated'));
  const outbox = await db().select().from(emailOutbox);
  const recorded = await db()
    .select()
    .from(redemptions)
    .where(eq(redemptions.storeId, world.storeId));
  const inbox = world.resend.delivered.map((email) => email.to);
  const redeemed = recorded.map((row) => `${row.orderId}/${row.promoCodeId}`);
  const ordered = driver.orders.orders.map((order) => `${order.orderId}/${order.promoCodeId}`);

  return {
    lost: rows.filter((row) => !DECIDED.includes(row.state)).length,
    notActivated: rows.filter((row) => row.state !== 'activated').length,
    activatedTwice: moreThanOnce(activations.map((row) => row.id)).length,
    codesNotLive: codes.filter((code) => code.status !== 'active').length,
    codesMadeTwiceInStore: [...world.shopify.made.values()].filter((n) => n > 1).length,
    storeCodesOfNoSubmission: [...world.shopify.discounts.keys()].filter(
      (code) => !codes.some((row) => row.code === code),
    ).length,
    emailsSentTwice: moreThanOnce(inbox).length,
    shoppersWithoutEmail: world.shoppers.filter((shopper) => !inbox.includes(shopper.email)).length,
    outboxNotSent: outbox.filter((email) => email.status !== 'sent').length,
    redemptionsCountedTwice: moreThanOnce(redeemed).length,
    ordersNotCounted: ordered.filter((order) => !redeemed.includes(order)).length,
  };
}

describe('a hundred submissions through an outage of their outside systems', () => {
  it('loses none and doubles no code, email or redemption with 30% of calls failing', async ({
    annotate,
  }) => {
    const started = performance.now();
    // A day ahead of the real clock: no alarm set by the app ever falls due on its own.
    const clock = Date.now() + 24 * HOUR;
    startClock(clock);
    const world = await createWorld(SEED);
    const { early, late } = await shoppers(world);
    for (const shopper of early) postHonestly(world, shopper);
    const driver = createDriver(world, clock + 2 * 60_000, newOrderBook());

    world.network.setShare(FAILING_SHARE);
    await outage(driver, late);
    const handedToPerson = await recovery(driver);

    const kept = await promiseKept(world, driver);
    const totals = world.network.totals();
    const figures = {
      submissions: world.shoppers.length,
      failingShare: FAILING_SHARE,
      ...kept,
      handedToPerson,
      calls: totals.calls,
      faults: totals.faults,
      lostAnswers: totals.lostAnswers,
      bySystem: world.network.counts,
      ...driver.figures,
      retries: Object.fromEntries(warnings),
      resendReplays: world.resend.replays,
      orders: driver.orders.orders.length,
      duplicateDeliveries: driver.orders.duplicates,
      seconds: Math.round((performance.now() - started) / 1000),
    };
    await annotate(JSON.stringify(figures));
    expect(kept).toEqual({
      lost: 0,
      notActivated: 0,
      activatedTwice: 0,
      codesNotLive: 0,
      codesMadeTwiceInStore: 0,
      storeCodesOfNoSubmission: 0,
      emailsSentTwice: 0,
      shoppersWithoutEmail: 0,
      outboxNotSent: 0,
      redemptionsCountedTwice: 0,
      ordersNotCounted: 0,
    });
    expect(world.shopify.discounts.size).toBe(SUBMISSIONS);
    expect(driver.orders.orders).toHaveLength(SUBMISSIONS);
    expect(world.network.unknownCalls).toEqual([]);
    expect(world.shopify.unknownQueries).toEqual([]);
    expect(driver.figures.alarmErrors).toEqual([]);
    // The run proves something only if every fault, reset and duplicate really happened.
    for (const kind of FAULT_KINDS) expect(totals.faults[kind], kind).toBeGreaterThan(0);
    expect(totals.lostAnswers).toBeGreaterThan(0);
    expect(driver.figures.resets).toBe(2);
    expect(driver.figures.abortedAlarms).toBeGreaterThan(0);
    expect(driver.figures.doubledAlarms).toBeGreaterThan(0);
    expect(driver.orders.duplicates).toBeGreaterThan(0);
  }, 240_000);
});
