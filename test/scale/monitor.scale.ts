import {
  createExecutionContext,
  runDurableObjectAlarm,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq, ne } from 'drizzle-orm';
import { afterAll, expect, inject, it, vi } from 'vitest';
import { emailOutbox, submissions } from '../../src/db/schema';
import worker from '../../src/index';
import { monitorFor } from '../../src/monitor/post-monitor';
import { encodePhoto } from '../fixtures/media/photo-fixtures';
import { ORIGIN } from '../helpers/journey';
import { db, seedMerchant } from '../helpers/seed';
import { connectShopify } from '../review/review-fixtures';
import { type Counter, type Counts, emptyCounts, startCounting } from './counting';
import { fakeNetwork } from './fake-network';
import { keepDurableObjectPrototypesShort } from './short-prototypes';

// The monitor at scale: a thousand shoppers walk the journey on Bluesky in a live campaign of a
// Shopify store, post, and their monitors' alarms run to the end (found, holding, verified,
// activated) on a simulated clock. Every D1 statement, R2 call, outgoing request and alarm run is
// counted at the bindings, for the journey's steps and for the monitor, and printed per verified
// submission. Figures, not assertions about speed: `npm run test:scale`.

const SUBMISSIONS = inject('scaleSubmissions');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Far enough ahead of the real clock that no alarm fires by itself while the run goes on: every
// alarm runs when the loop below says, at its own time on the simulated clock.
const START = Date.now() + 30 * DAY;
// Minutes from "Go to Bluesky" to the post: most shoppers post at once, some come back later.
const POST_DELAYS = [1, 1, 1, 1, 1, 1, 1, 5, 20, 45];
// Taken before the fakes: the real clock for the report, the real fetch for the CPU probe.
const MEASURED_AT = new Date().toISOString();
const realFetch = globalThis.fetch.bind(globalThis);

const restorePrototypes = keepDurableObjectPrototypesShort();

afterAll(() => {
  restorePrototypes();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function add(into: Counts, counts: Counts, sign = 1) {
  into.d1Calls += sign * counts.d1Calls;
  into.d1Statements += sign * counts.d1Statements;
  into.d1RowsRead += sign * counts.d1RowsRead;
  into.d1RowsWritten += sign * counts.d1RowsWritten;
  into.monitorArms += sign * counts.monitorArms;
  into.alarmRuns += sign * counts.alarmRuns;
  into.storageBytesPut += sign * counts.storageBytesPut;
  for (const group of ['r2', 'storage', 'fetches'] as const) {
    const target = into[group] as Record<string, number>;
    for (const [key, value] of Object.entries(counts[group])) {
      target[key] = (target[key] ?? 0) + sign * value;
    }
  }
}

/** Totals by step of the journey: what each kind of request costs. */
function stepTally(counter: Counter) {
  const steps = new Map<string, { requests: number; counts: Counts }>();
  return {
    steps,
    async step<T>(name: string, work: () => Promise<T>): Promise<T> {
      const before = structuredClone(counter.counts);
      const result = await work();
      const entry = steps.get(name) ?? { requests: 0, counts: emptyCounts() };
      add(entry.counts, counter.counts);
      add(entry.counts, before, -1);
      entry.requests += 1;
      steps.set(name, entry);
      return result;
    },
  };
}

/** A live campaign of a connected Shopify store, on Bluesky. */
async function shopifyCampaign() {
  const { campaign, store } = await seedMerchant({
    platforms: ['bluesky'],
    hashtags: ['#scaleroasters'],
    pages: { bluesky: ['@scaleroasters.bsky.social'] },
  });
  await connectShopify(store.id, campaign.id);
  return campaign.id;
}

type Answer = { status: number; location: string; text: string };

/**
 * A request through the Worker's own fetch handler that returns once the work it left to
 * `waitUntil` (the widget's view count) is done, so each step is charged what it caused.
 */
async function send(path: string, init: RequestInit = {}, expected = 200): Promise<Answer> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(new URL(path, ORIGIN), init), env, ctx);
  const html = response.headers.get('Content-Type')?.startsWith('text/html') ?? false;
  const answer = {
    status: response.status,
    location: response.headers.get('Location') ?? '',
    text: html ? await response.text() : String((await response.arrayBuffer()).byteLength),
  };
  await waitOnExecutionContext(ctx);
  if (answer.status !== expected) throw new Error(`${path} answered ${answer.status}`);
  return answer;
}

/** A form post from our own pages, answered with a redirect. */
function sendForm(path: string, fields: Record<string, string | Blob>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return send(path, { method: 'POST', body, headers: { Origin: ORIGIN } }, 303);
}

/** CPU milliseconds workerd has used so far, from the probe the scale config runs. */
async function workerdCpuMs(): Promise<number> {
  return Number(await (await realFetch(inject('cpuProbeUrl'))).text());
}

/** One shopper's journey through the real routes, step by step, up to "Go to Bluesky". */
async function walkJourney(tally: ReturnType<typeof stepTally>, campaignId: string, index: number) {
  const { step } = tally;
  const query = `?order=scale-${index}&email=shopper${index}%40example.com`;
  const handle = `shopper${index}.bsky.social`;

  await step('widget', () => send(`/w/${campaignId}${query}`));
  const started = await step('start', () => send(`/c/${campaignId}/start${query}`, {}, 303));
  const journey = started.location;
  await step('step 1 page', () => send(journey));
  const account = { platform: 'bluesky', username: handle };
  await step('step 1 form', () => sendForm(`${journey}/account`, account));
  await step('step 2 page', () => send(`${journey}/photo`));
  const photo = new File([encodePhoto('jpeg', 640, 480)], 'photo.jpg', { type: 'image/jpeg' });
  const review = { rating: '5', comment: 'A smooth morning cup, bright and nutty.', photo };
  await step('step 2 form (renders)', () => sendForm(`${journey}/photo`, review));
  const preview = await step('step 3 page', () => send(`${journey}/preview`));
  const image = preview.text.match(/\/media\/posts\/[\w.-]+/)?.[0] ?? '';
  await step('post image', () => send(image));
  await step('go', () => sendForm(`${journey}/go`, {}));
  return { journey: journey.slice('/j/'.length), handle };
}

it(`counts what ${SUBMISSIONS} verified submissions cost`, async ({ task }) => {
  const counter = await startCounting(env);
  const network = fakeNetwork((url) => counter.countFetch(url));
  const tally = stepTally(counter);
  vi.useFakeTimers({ toFake: ['Date'], now: START });
  const campaignId = await counter.paused(shopifyCampaign);
  counter.reset();

  const databaseFrom = counter.databaseBytes();
  counter.trace = [];
  const journeyCpuFrom = await workerdCpuMs();
  const shoppers: { id: string; handle: string }[] = [];
  for (let index = 0; index < SUBMISSIONS; index += 1) {
    vi.setSystemTime(START + index * 1000);
    const { journey, handle } = await walkJourney(tally, campaignId, index);

    const submission = await counter.paused(async () => {
      const row = await db().query.submissions.findFirst({
        where: eq(submissions.journeyId, journey),
      });
      const object = row?.postImageKey ? await env.MEDIA.get(row.postImageKey) : null;
      if (!row?.caption || !object) throw new Error(`journey ${journey} made no post`);
      const image = new Uint8Array(await object.arrayBuffer());
      const delay = (POST_DELAYS[index % POST_DELAYS.length] ?? 1) * MINUTE;
      const postedAt = Date.now() + delay;
      network.post({ handle, recordKey: `3lscale${index}`, caption: row.caption, image, postedAt });
      return row;
    });
    shoppers.push({ id: submission.id, handle });
  }
  const journeyCounts = counter.reset();
  const journeyCpuMs = (await workerdCpuMs()) - journeyCpuFrom;
  const journeyStatements = byStatement(counter.trace);

  // Every monitor's alarms, in the order of their times on the simulated clock.
  const due = new Map<string, number>();
  for (const { id } of shoppers) {
    const { nextAlarmAt } = await counter.paused(() => monitorFor(env, id).describe());
    if (nextAlarmAt !== null) due.set(id, nextAlarmAt);
  }
  counter.trace = [];
  const monitorCpuFrom = await workerdCpuMs();
  let alarmCalls = 0;
  while (due.size > 0) {
    const [id, at] = [...due].reduce((soonest, entry) => (entry[1] < soonest[1] ? entry : soonest));
    vi.setSystemTime(Math.max(at, Date.now()));
    await runDurableObjectAlarm(monitorFor(env, id));
    alarmCalls += 1;
    const { nextAlarmAt } = await counter.paused(() => monitorFor(env, id).describe());
    if (nextAlarmAt === null) due.delete(id);
    else due.set(id, nextAlarmAt);
  }
  const monitorCounts = counter.reset();
  const monitorCpuMs = (await workerdCpuMs()) - monitorCpuFrom;
  const monitorStatements = byStatement(counter.trace);
  counter.trace = undefined;

  // What a shopper's status page costs each time it is shown or polls, and a cron run.
  const visited = shoppers.slice(0, 100);
  for (const { id } of visited) await send(`/s/${id}`, { headers: { 'HX-Request': 'true' } });
  const statusCounts = counter.reset();
  counter.trace = [];
  const ctx = createExecutionContext();
  const controller = { cron: '*/10 * * * *', scheduledTime: Date.now(), noRetry() {} };
  await worker.scheduled(controller as ScheduledController, env, ctx);
  await waitOnExecutionContext(ctx);
  const cronCounts = counter.reset();
  const cronStatements = counter.trace;
  counter.trace = undefined;

  const outcome = await counter.paused(async () => {
    const rows = await db()
      .select({ state: submissions.state })
      .from(submissions)
      .where(eq(submissions.campaignId, campaignId));
    const emails = await db().select({ id: emailOutbox.id }).from(emailOutbox);
    // Any submission that did not end activated, with why, for the report.
    const undecided = await db()
      .select({ id: submissions.id, state: submissions.state, reason: submissions.outcomeReason })
      .from(submissions)
      .where(and(eq(submissions.campaignId, campaignId), ne(submissions.state, 'activated')));
    return { states: rows.map((row) => row.state), emails: emails.length, undecided };
  });
  const activated = outcome.states.filter((state) => state === 'activated').length;

  const figures = report({
    submissions: SUBMISSIONS,
    activated,
    emails: outcome.emails,
    alarmCalls,
    storedBytes: await counter.paused(() =>
      counter.storedBytes(
        env.POST_MONITOR,
        shoppers.map(({ id }) => id),
      ),
    ),
    states: countEach(outcome.states),
    undecided: outcome.undecided,
    databaseBytes: counter.databaseBytes() - databaseFrom,
    cpuMs: { journey: journeyCpuMs, monitor: monitorCpuMs },
    journeyCounts,
    monitorCounts,
    statusCounts: { requests: visited.length, counts: statusCounts },
    cronCounts,
    cronStatements,
    statements: { journey: journeyStatements, monitor: monitorStatements },
    steps: tally.steps,
  });
  console.log(JSON.stringify(figures, null, 2));
  task.meta.scale = figures;

  expect(activated).toBe(SUBMISSIONS);
  expect(monitorCounts.alarmRuns).toBe(alarmCalls);
  expect(outcome.emails).toBe(SUBMISSIONS);
});

type Traced = { sql: string; read: number; written: number };
type StatementTotals = Traced & { runs: number };

/** Each distinct statement's runs and rows, from a trace of the counted D1 calls. */
function byStatement(trace: Traced[] = []): StatementTotals[] {
  const totals = new Map<string, StatementTotals>();
  for (const { sql, read, written } of trace) {
    const entry = totals.get(sql) ?? { sql, runs: 0, read: 0, written: 0 };
    entry.runs += 1;
    entry.read += read;
    entry.written += written;
    totals.set(sql, entry);
  }
  return [...totals.values()];
}

function topWriters(statements: StatementTotals[], activated: number) {
  const per = (value: number) => Math.round((value / activated) * 100) / 100;
  return statements
    .toSorted((a, b) => b.written - a.written)
    .slice(0, 8)
    .map(({ sql, runs, read, written }) => ({
      sql: sql.slice(0, 160),
      runs: per(runs),
      read: per(read),
      written: per(written),
    }));
}

const countEach = (values: string[]) =>
  Object.fromEntries(
    [...new Set(values)].map((value) => [value, values.filter((v) => v === value).length]),
  );

type ReportInput = {
  states: Record<string, number>;
  undecided: { id: string; state: string; reason: string | null }[];
  submissions: number;
  activated: number;
  emails: number;
  alarmCalls: number;
  storedBytes: number;
  databaseBytes: number;
  cpuMs: { journey: number; monitor: number };
  journeyCounts: Counts;
  monitorCounts: Counts;
  statusCounts: { requests: number; counts: Counts };
  cronCounts: Counts;
  cronStatements: Traced[];
  statements: { journey: StatementTotals[]; monitor: StatementTotals[] };
  steps: Map<string, { requests: number; counts: Counts }>;
};

/** Per verified submission, rounded to two places, with the totals they came from. */
function report(input: ReportInput) {
  const per = (value: number, count = input.activated) => Math.round((value / count) * 100) / 100;
  const perEach = (counts: Counts, count: number) => ({
    d1Calls: per(counts.d1Calls, count),
    d1Statements: per(counts.d1Statements, count),
    d1RowsRead: per(counts.d1RowsRead, count),
    d1RowsWritten: per(counts.d1RowsWritten, count),
    r2: Object.fromEntries(Object.entries(counts.r2).map(([name, n]) => [name, per(n, count)])),
    fetches: Object.fromEntries(
      Object.entries(counts.fetches).map(([host, n]) => [host, per(n, count)]),
    ),
    monitorArms: per(counts.monitorArms, count),
    alarmRuns: per(counts.alarmRuns, count),
    storage: Object.fromEntries(
      Object.entries(counts.storage).map(([name, n]) => [name, per(n, count)]),
    ),
    storageBytesPut: per(counts.storageBytesPut, count),
  });

  return {
    measuredAt: MEASURED_AT,
    submissions: input.submissions,
    verifiedAndActivated: input.activated,
    states: input.states,
    undecided: input.undecided,
    emailsQueued: input.emails,
    monitorStorageBytesKeptPerSubmission: per(input.storedBytes, input.submissions),
    // Growth of the whole D1 database (tables and indexes) over the run, per submission.
    d1BytesPerSubmission: per(input.databaseBytes, input.submissions),
    // All of workerd's CPU in each phase (the Worker, the monitor, and the simulated D1, R2 and
    // Durable Object storage, with the test harness): an upper bound for the app's own.
    workerdCpuMs: {
      perJourney: per(input.cpuMs.journey, input.submissions),
      perAlarmRun: per(input.cpuMs.monitor, input.monitorCounts.alarmRuns),
    },
    perVerifiedSubmission: {
      journey: perEach(input.journeyCounts, input.activated),
      monitor: perEach(input.monitorCounts, input.activated),
    },
    perRequest: Object.fromEntries(
      [...input.steps].map(([name, { requests, counts }]) => [name, perEach(counts, requests)]),
    ),
    perStatusPageVisit: perEach(input.statusCounts.counts, input.statusCounts.requests),
    perCronRun: perEach(input.cronCounts, 1),
    cronStatements: input.cronStatements,
    // The statements that wrote the most rows, per verified submission: where D1's bill goes.
    topWriters: {
      journey: topWriters(input.statements.journey, input.activated),
      monitor: topWriters(input.statements.monitor, input.activated),
    },
    totals: { journey: input.journeyCounts, monitor: input.monitorCounts },
  };
}
