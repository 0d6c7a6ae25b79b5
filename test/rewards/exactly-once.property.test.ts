import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSubmissionPromoCode } from '../../src/db/promo-codes';
import { emailOutbox, journeys, redemptions, submissions } from '../../src/db/schema';
import { findSubmission } from '../../src/db/submissions';
import { createLogger } from '../../src/lib/logger';
import { runMonitorStep } from '../../src/monitor/run-step';
import type { MonitorCounters } from '../../src/monitor/step-context';
import { drainOutbox } from '../../src/notify/outbox';
import { emailSenderFor } from '../../src/notify/senders';
import { socialAdapterFor } from '../../src/social';
import resend429 from '../fixtures/notify/resend-429.json';
import resendSent from '../fixtures/notify/resend-send.response.json';
import created from '../fixtures/stores/shopify/discountCodeBasicCreate.ok.case.json';
import taken from '../fixtures/stores/shopify/discountCodeBasicCreate.taken.case.json';
import throttled from '../fixtures/stores/shopify/throttled.case.json';
import { request } from '../helpers/http';
import { generatedJourney } from '../helpers/journey-generated';
import { type Prng, prng } from '../helpers/prng';
import { connectShopifyStore, db, seedMerchant } from '../helpers/seed';
import { signBase64 } from '../webhooks/send';

const SCENARIOS = 25;
const FIRST_SEED = 20_260_307;
const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
const WEBHOOK_SECRET = 'shpss_property_webhook_secret_0123456789';
const SHOP = 'alice-shops.myshopify.com';
const FRESH: MonitorCounters = { looks: 0, failures: 0 };
// Past every email backoff (capped at 4 hours), so each final drain finds every row due.
const LATER_MS = 6 * 60 * 60_000;
const MAX_SETTLE_ROUNDS = 8;
// The env the monitor runs with: email through Resend, whose API the fake network answers.
const EMAIL_ENV = Object.assign({}, env, {
  EMAIL_PROVIDER: 'resend',
  EMAIL_FROM: 'FarOut rewards <rewards@farout.test>',
  RESEND_API_KEY: 're_property_0123456789',
});

const STORE_FAILURES = ['502', 'throttled', '429-quick', '429-later', 'lost-answer'] as const;
type StoreFailure = (typeof STORE_FAILURES)[number];

/** Shopify and Resend as this scenario sees them, with what each has really done. */
type FakeNetwork = {
  healthy: boolean;
  storeShare: number;
  emailShare: number;
  discounts: Map<string, { id: string; title: string }>;
  creates: Map<string, number>;
  emailsAccepted: Map<string, number>;
};

type Order = { orderId: number; codes: string[]; body: string; deliveryIds: string[] };
type Scenario = {
  storeId: string;
  shoppers: { submissionId: string; code: string; promoCodeId: string }[];
  counters: Map<string, MonitorCounters>;
  orders: Order[];
  net: FakeNetwork;
};

type Action =
  | { kind: 'step'; targets: number[]; parallel: boolean }
  | { kind: 'drain'; parallel: boolean }
  | { kind: 'order'; targets: number[] }
  | { kind: 'redeliver'; order: number; sameDelivery: boolean; parallel: boolean };
// `minutes`: how far the clock moves on before the action, so scheduled retries fall due.
type Op = Action & { minutes: number };

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function storeFailure(failure: Exclude<StoreFailure, 'lost-answer'>): Response {
  if (failure === 'throttled') return Response.json(throttled.response);
  if (failure === '502') return new Response('<html>502 Bad Gateway</html>', { status: 502 });

  // A Retry-After short enough for the adapter's in-call retry, or one left to the schedule.
  const retryAfter = failure === '429-quick' ? '0.05' : '30';
  const body = { errors: 'Exceeded 2 calls per second for api client.' };
  return Response.json(body, { status: 429, headers: { 'Retry-After': retryAfter } });
}

/** Creates a code once, like the real store: a repeated create is answered TAKEN. */
function createDiscount(net: FakeNetwork, input: { code: string; title: string }): Response {
  if (net.discounts.has(input.code)) return Response.json(taken.response);

  const id = `gid://shopify/DiscountCodeNode/${7_000_000 + net.discounts.size}`;
  net.discounts.set(input.code, { id, title: input.title });
  net.creates.set(input.code, (net.creates.get(input.code) ?? 0) + 1);
  const answer = structuredClone(created.response);
  answer.data.discountCodeBasicCreate.codeDiscountNode.id = id;
  return Response.json(answer);
}

async function answerShopify(net: FakeNetwork, random: Prng, call: Request): Promise<Response> {
  const { query, variables } = (await call.json()) as {
    query: string;
    variables: { code?: string; basicCodeDiscount?: { code: string; title: string } };
  };
  if (call.headers.get('X-Shopify-Access-Token') !== TOKEN) {
    return Response.json({ errors: '[API] Invalid API key or access token' }, { status: 401 });
  }
  const failing = !net.healthy && random.chance(net.storeShare);
  const failure = failing ? random.pick(STORE_FAILURES) : null;
  if (failure && failure !== 'lost-answer') return storeFailure(failure);

  const lost = () => new Response('upstream timed out', { status: 504 });

  if (query.includes('codeDiscountNodeByCode')) {
    if (failure) return lost();
    const found = net.discounts.get(variables.code ?? '');
    const node = found && { id: found.id, codeDiscount: { title: found.title, status: 'ACTIVE' } };
    return Response.json({ data: { codeDiscountNodeByCode: node ?? null } });
  }
  if (!query.includes('discountCodeBasicCreate') || !variables.basicCodeDiscount) {
    throw new Error(`the fake Shopify does not know this call: ${query}`);
  }
  const answer = createDiscount(net, variables.basicCodeDiscount);
  // The create landed in the store, but its answer never reached us.
  return failure ? lost() : answer;
}

function answerResend(net: FakeNetwork, random: Prng, call: Request): Response {
  if (!net.healthy && random.chance(net.emailShare)) {
    return random.chance(0.5)
      ? Response.json({ name: 'internal_server_error' }, { status: 503 })
      : Response.json(resend429.body, { status: 429, headers: resend429.headers });
  }

  const key = call.headers.get('Idempotency-Key') ?? '';
  net.emailsAccepted.set(key, (net.emailsAccepted.get(key) ?? 0) + 1);
  return Response.json(resendSent.body);
}

/** Replaces the network at `fetch`; the fake draws its failures from its own stream. */
function fakeNetwork(random: Prng): FakeNetwork {
  const net: FakeNetwork = {
    healthy: false,
    storeShare: 0.15 + random.next() * 0.35,
    emailShare: 0.1 + random.next() * 0.5,
    discounts: new Map(),
    creates: new Map(),
    emailsAccepted: new Map(),
  };
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const call = new Request(input, init);
    const host = new URL(call.url).hostname;
    if (host === SHOP) return answerShopify(net, random, call);
    if (host === 'api.resend.com') return answerResend(net, random, call);
    throw new Error(`no network in this test, yet ${host} was called`);
  });
  return net;
}

/** A live Shopify campaign with `count` verified submissions whose shoppers gave an email. */
async function verifiedShoppers(count: number) {
  const { store, campaign } = await seedMerchant({ testMode: false, platforms: ['bluesky'] });
  await connectShopifyStore(store.id, SHOP, { accessToken: TOKEN, webhookSecret: WEBHOOK_SECRET });

  const shoppers: Scenario['shoppers'] = [];
  for (let index = 0; index < count; index++) {
    const { submission } = await generatedJourney(
      campaign.id,
      'bluesky',
      `fan${index}.bsky.social`,
    );
    const email = `shopper${index}@example.com`;
    await db().update(journeys).set({ email }).where(eq(journeys.id, submission.journeyId));
    await db()
      .update(submissions)
      .set({ state: 'verified' })
      .where(eq(submissions.id, submission.id));
    const promoCode = await findSubmissionPromoCode(db(), submission.id);
    if (!promoCode) throw new Error('the journey reserved no promo code');
    shoppers.push({ submissionId: submission.id, code: promoCode.code, promoCodeId: promoCode.id });
  }
  return { storeId: store.id, shoppers };
}

function planOp(random: Prng, shoppers: number, orders: number): Action {
  const someone = () => random.int(0, shoppers - 1);
  const roll = random.next();
  if (roll < 0.45) {
    const parallel = random.chance(0.4);
    const first = someone();
    const second = random.chance(0.6) ? first : someone();
    const twice = parallel || random.chance(0.3);
    return { kind: 'step', targets: twice ? [first, second] : [first], parallel };
  }
  if (roll < 0.65) return { kind: 'drain', parallel: random.chance(0.5) };
  if (roll < 0.82 || orders === 0) {
    const targets = random.chance(0.25) ? [someone(), someone()] : [someone()];
    return { kind: 'order', targets: [...new Set(targets)] };
  }
  const order = random.int(0, orders - 1);
  return {
    kind: 'redeliver',
    order,
    sameDelivery: random.chance(0.6),
    parallel: random.chance(0.3),
  };
}

/** The operations of one scenario, drawn before any of them runs. */
function planOps(random: Prng, shoppers: number): Op[] {
  const ops: Op[] = [];
  let orders = 0;
  for (let count = random.int(6, 14); ops.length < count; ) {
    const op = planOp(random, shoppers, orders);
    if (op.kind === 'order') orders++;
    // Mostly no time at all between operations, sometimes past the first email retry (2 min).
    const minutes = random.chance(0.6) ? 0 : random.int(1, 5);
    ops.push({ ...op, minutes });
  }
  return ops;
}

function describeOp(op: Op): string {
  const clock = op.minutes > 0 ? `+${op.minutes}m ` : '';
  if (op.kind === 'step') return `${clock}step(${op.targets.join(op.parallel ? '||' : ',')})`;
  if (op.kind === 'drain') return `${clock}drain${op.parallel ? 'x2||' : ''}`;
  if (op.kind === 'order') return `${clock}order(${op.targets.join('+')})`;
  const which = op.sameDelivery ? 'same-delivery' : 'new-delivery';
  return `${clock}${which}${op.parallel ? 'x2||' : ''}(o${op.order})`;
}

async function step(scenario: Scenario, submissionId: string) {
  const deps = {
    env: EMAIL_ENV,
    db: db(),
    logger: createLogger('error'),
    adapterFor: socialAdapterFor(env, db()),
  };
  const outcome = await runMonitorStep(
    deps,
    submissionId,
    scenario.counters.get(submissionId) ?? FRESH,
  );
  scenario.counters.set(submissionId, outcome.counters);
}

function drain() {
  const sender = emailSenderFor(EMAIL_ENV);
  if (!sender.ok) throw new Error(sender.message);
  return drainOutbox(db(), sender.value);
}

async function deliver(scenario: Scenario, order: Order, deliveryId: string) {
  const response = await request(`/webhooks/shopify/${scenario.storeId}`, {
    method: 'POST',
    body: order.body,
    headers: {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': 'orders/create',
      'X-Shopify-Hmac-Sha256': await signBase64(WEBHOOK_SECRET, order.body),
      'X-Shopify-Shop-Domain': SHOP,
      'X-Shopify-Triggered-At': new Date().toISOString(),
      'X-Shopify-Webhook-Id': deliveryId,
      'X-Shopify-Event-Id': deliveryId,
    },
  });
  if (response.status !== 200) throw new Error(`the order webhook answered ${response.status}`);
}

function newOrder(scenario: Scenario, targets: number[]): Order {
  const orderId = 5_820_917_000_000 + scenario.orders.length;
  const codes = targets.map((target) => scenario.shoppers[target]?.code ?? '');
  const body = JSON.stringify({
    id: orderId,
    currency: 'USD',
    total_price: '84.45',
    created_at: new Date().toISOString(),
    // Shoppers type codes in any case; the store hands them on as typed.
    discount_codes: codes.map((code) => ({ code: code.toLowerCase(), amount: '13.50' })),
  });
  const order = { orderId, codes, body, deliveryIds: [] };
  scenario.orders.push(order);
  return order;
}

async function run(scenario: Scenario, op: Op) {
  vi.setSystemTime(Date.now() + op.minutes * 60_000);

  if (op.kind === 'step') {
    const ids = op.targets.map((target) => scenario.shoppers[target]?.submissionId ?? '');
    if (op.parallel) await Promise.all(ids.map((id) => step(scenario, id)));
    else for (const id of ids) await step(scenario, id);
  } else if (op.kind === 'drain') {
    await (op.parallel ? Promise.all([drain(), drain()]) : drain());
  } else if (op.kind === 'order') {
    const order = newOrder(scenario, op.targets);
    order.deliveryIds.push(crypto.randomUUID());
    await deliver(scenario, order, order.deliveryIds[0] ?? '');
  } else {
    const order = scenario.orders[op.order];
    if (!order) throw new Error(`no order ${op.order}`);
    const deliveryId = op.sameDelivery ? (order.deliveryIds[0] ?? '') : crypto.randomUUID();
    order.deliveryIds.push(deliveryId);
    const again = () => deliver(scenario, order, deliveryId);
    await (op.parallel ? Promise.all([again(), again()]) : again());
  }
}

/** With the network healthy, runs what a scheduler would run until nothing is left to do. */
async function settle(scenario: Scenario) {
  scenario.net.healthy = true;
  for (let round = 0; round < MAX_SETTLE_ROUNDS; round++) {
    vi.setSystemTime(Date.now() + LATER_MS);
    const waiting: string[] = [];
    for (const { submissionId } of scenario.shoppers) {
      const state = (await findSubmission(db(), submissionId))?.state;
      if (state === 'verified') waiting.push(submissionId);
    }
    for (const submissionId of waiting) await step(scenario, submissionId);
    const counts = await drain();
    if (waiting.length === 0 && counts.sent + counts.retrying + counts.failed === 0) return;
  }
  throw new Error(`still busy after ${MAX_SETTLE_ROUNDS} rounds with a healthy network`);
}

async function expectExactlyOnce(scenario: Scenario, context: string) {
  const { net, shoppers } = scenario;
  for (const { submissionId, code } of shoppers) {
    const state = (await findSubmission(db(), submissionId))?.state;
    const promoCode = await findSubmissionPromoCode(db(), submissionId);
    const emails = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.submissionId, submissionId));

    const where = `${context}; submission ${submissionId} (${code})`;
    expect(state, where).toBe('activated');
    expect(promoCode?.status, where).toBe('active');
    expect(promoCode?.externalId ?? 'none', where).toBe(net.discounts.get(code)?.id);
    expect(net.creates.get(code), where).toBe(1);
    expect(
      emails.map((email) => email.status),
      where,
    ).toEqual(['sent']);
    expect(net.emailsAccepted.get(emails[0]?.id ?? ''), where).toBe(1);
  }
  const accepted = [...net.emailsAccepted.values()].reduce((sum, count) => sum + count, 0);
  expect(accepted, context).toBe(shoppers.length);

  const promoCodeIds = new Map(shoppers.map((shopper) => [shopper.code, shopper.promoCodeId]));
  const expected = scenario.orders.flatMap((order) =>
    order.codes.map((code) => `${order.orderId}/${promoCodeIds.get(code)}`),
  );
  const recorded = await db()
    .select()
    .from(redemptions)
    .where(eq(redemptions.storeId, scenario.storeId));
  const seen = recorded.map((row) => `${row.orderId}/${row.promoCodeId}`);
  expect(seen.sort(), context).toEqual(expected.sort());
}

const SEEDS = Array.from({ length: SCENARIOS }, (_, index) => FIRST_SEED + index * 7_919);

describe('rewards under any interleaving', () => {
  it.each(SEEDS)(
    'ends every verified submission with one live code and one email sent (seed %i)',
    async (seed) => {
      const random = prng(seed);
      const shopperCount = random.int(2, 4);
      const ops = planOps(random, shopperCount);
      const seeded = await verifiedShoppers(shopperCount);
      // The network draws from a stream of its own, so the plan above is the same on every
      // replay; which call meets which failure can still vary when parallel calls interleave.
      const net = fakeNetwork(prng(seed ^ 0x9e37_79b9));
      // Only Date is faked: the app and the test see one clock move on, while real timers
      // still run the store adapter's short in-call waits.
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      const scenario: Scenario = { ...seeded, counters: new Map(), orders: [], net };
      const failing = `store ${net.storeShare.toFixed(2)}, email ${net.emailShare.toFixed(2)}`;
      const plan = ops.map(describeOp).join(' ');
      const context = `seed ${seed}, ${shopperCount} shoppers, failing ${failing}: ${plan}`;

      for (const op of ops) await run(scenario, op);
      await settle(scenario);

      await expectExactlyOnce(scenario, context);
    },
    30_000,
  );
});
