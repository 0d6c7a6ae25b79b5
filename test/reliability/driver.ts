import {
  abortAllDurableObjects,
  createExecutionContext,
  createScheduledController,
  runDurableObjectAlarm,
  runInDurableObject,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq, inArray, min, sql } from 'drizzle-orm';
import { vi } from 'vitest';
import { emailOutbox, submissions } from '../../src/db/schema';
import worker from '../../src/index';
import { monitorFor, type PostMonitor } from '../../src/monitor/post-monitor';
import { MONITORED_STATES } from '../../src/monitor/reconcile';
import { db } from '../helpers/seed';
import { type OrderBook, placeOrders } from './orders';
import type { World } from './world';

/**
 * Plays the scheduler of a reliability run: the alarms that are due (some delivered twice, some
 * cut off by a reset of every Durable Object), the cron every ten minutes, and the shoppers'
 * orders once their codes are live. Time is the faked Date, moved on from one due check to the
 * next, so a day of monitoring takes seconds and never waits on a real timer.
 */

const CRON_EVERY_MS = 10 * 60_000;
// Long enough for a reset to find alarms mid-step, short enough not to wait on a hung call.
const RESET_WAIT_MS = 3_000;
const HOLD_SHIFT_MS = 18 * 60 * 60_000;

/** A submission whose check is due this round. */
export type Due = { id: string; state: string; postedAt: Date | null; nextCheckAt: Date | null };

export type RoundPlan = {
  /** Share of due alarms delivered twice at once, as an at-least-once runtime may. */
  doubled: number;
  /** Whether to reset every Durable Object while this round's alarms are running. */
  reset: (due: Due[]) => boolean;
};

export type Figures = {
  rounds: number;
  alarmRuns: number;
  doubledAlarms: number;
  abortedAlarms: number;
  resets: number;
  /** Due by D1 while the monitor had no alarm: only the cron can bring those back. */
  strandedChecks: number;
  cronRuns: number;
  alarmErrors: string[];
};

export type Driver = {
  world: World;
  clock: number;
  figures: Figures;
  orders: OrderBook;
  /** Submissions whose hold was moved back already. */
  shortened: Set<string>;
};

export function createDriver(world: World, clock: number, orders: OrderBook): Driver {
  const figures: Figures = {
    rounds: 0,
    alarmRuns: 0,
    doubledAlarms: 0,
    abortedAlarms: 0,
    resets: 0,
    strandedChecks: 0,
    cronRuns: 0,
    alarmErrors: [],
  };
  return { world, clock, figures, orders, shortened: new Set() };
}

async function watched(driver: Driver): Promise<Due[]> {
  return db()
    .select({
      id: submissions.id,
      state: submissions.state,
      postedAt: submissions.postedAt,
      nextCheckAt: submissions.nextCheckAt,
    })
    .from(submissions)
    .where(
      and(
        eq(submissions.campaignId, driver.world.campaignId),
        inArray(submissions.state, MONITORED_STATES),
      ),
    );
}

async function nextEmailAt(): Promise<number | null> {
  const [row] = await db()
    .select({ at: min(emailOutbox.nextAttemptAt) })
    .from(emailOutbox)
    .where(eq(emailOutbox.status, 'pending'));
  return row?.at ? row.at.getTime() : null;
}

async function runAlarm(driver: Driver, id: string, twice: boolean, resetting: boolean) {
  const stub = monitorFor(env, id);
  const runs: Promise<boolean>[] = [runDurableObjectAlarm(stub)];
  if (twice) {
    driver.figures.doubledAlarms++;
    runs.push(runInDurableObject(stub, (monitor: PostMonitor) => monitor.alarm().then(() => true)));
  }

  for (const outcome of await Promise.allSettled(runs)) {
    if (outcome.status === 'fulfilled') {
      if (outcome.value) driver.figures.alarmRuns++;
      else driver.figures.strandedChecks++;
    } else if (resetting) {
      driver.figures.abortedAlarms++;
    } else {
      driver.figures.alarmErrors.push(String(outcome.reason));
    }
  }
}

/** Waits until the running alarms have made some outside calls, then resets every object. */
async function resetMidRun(driver: Driver, running: Promise<unknown>, due: number) {
  let settled = false;
  running.finally(() => {
    settled = true;
  });
  const network = driver.world.network;
  const target = network.totals().calls + Math.ceil(due / 2);
  const deadline = performance.now() + RESET_WAIT_MS;
  while (!settled && network.totals().calls < target && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await abortAllDurableObjects();
  driver.figures.resets++;
}

/**
 * Moves the post times of every newly held submission back by `HOLD_SHIFT_MS`, as if the post
 * had been up that long already: each hold then takes one re-check in the middle and one at its
 * end instead of four, which keeps a hundred of them within the test's time.
 */
async function shortenHolds(driver: Driver) {
  const held = await db()
    .select({ id: submissions.id })
    .from(submissions)
    .where(
      and(eq(submissions.campaignId, driver.world.campaignId), eq(submissions.state, 'holding')),
    );
  const fresh = held.map((row) => row.id).filter((id) => !driver.shortened.has(id));
  if (fresh.length === 0) return;

  for (const id of fresh) driver.shortened.add(id);
  const back = (column: typeof submissions.postedAt) => sql`${column} - ${HOLD_SHIFT_MS}`;
  await db()
    .update(submissions)
    .set({ postedAt: back(submissions.postedAt), firstSeenAt: back(submissions.firstSeenAt) })
    .where(inArray(submissions.id, fresh));
}

async function runCron(driver: Driver) {
  const controller = createScheduledController({
    scheduledTime: driver.clock,
    cron: '*/10 * * * *',
  });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
  driver.figures.cronRuns++;
}

/**
 * One round at the current clock: every due alarm, the cron, the orders. Returns false when
 * nothing is left to do: no submission watched and no email waiting.
 */
export async function runRound(driver: Driver, plan: RoundPlan): Promise<boolean> {
  vi.setSystemTime(driver.clock);
  const due = (await watched(driver)).filter(
    (row) => row.nextCheckAt && row.nextCheckAt.getTime() <= driver.clock,
  );

  const reset = due.length > 0 && plan.reset(due);
  const runs = Promise.all(
    due.map((row) => runAlarm(driver, row.id, driver.world.random.chance(plan.doubled), reset)),
  );
  if (reset) await resetMidRun(driver, runs, due.length);
  await runs;
  await shortenHolds(driver);
  await runCron(driver);
  await placeOrders(driver.world, driver.orders);
  driver.figures.rounds++;

  return advance(driver);
}

/** Moves the clock to the next due check or email, at least one cron interval on. */
async function advance(driver: Driver): Promise<boolean> {
  const times = (await watched(driver))
    .map((row) => row.nextCheckAt?.getTime())
    .filter((time): time is number => time !== undefined);
  const email = await nextEmailAt();
  if (email !== null) times.push(email);
  if (times.length === 0) return false;

  driver.clock = Math.max(driver.clock + CRON_EVERY_MS, Math.min(...times));
  return true;
}
