import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { vi } from 'vitest';
import { findSubmissionPromoCode } from '../../src/db/promo-codes';
import { journeys, submissions } from '../../src/db/schema';
import { findSubmission } from '../../src/db/submissions';
import { monitorFor } from '../../src/monitor/post-monitor';
import { type FaultNetwork, faultNetwork } from '../helpers/fault-fetch';
import { postForm } from '../helpers/journey';
import { generatedJourney } from '../helpers/journey-generated';
import { type Prng, prng } from '../helpers/prng';
import { connectShopifyStore, db, seedMerchant } from '../helpers/seed';
import { type FakeBluesky, fakeBluesky } from './fake-bluesky';
import { type FakeResend, fakeResend } from './fake-resend';
import { type FakeShopify, fakeShopify } from './fake-shopify';

/**
 * The world a reliability run plays in: one merchant with a live campaign on a Shopify store,
 * shoppers on Bluesky, email through Resend, and every one of those systems behind the fault
 * network. Only `fetch` is replaced; D1, R2, the Durable Objects and the Worker are real.
 */

const SHOP = 'farout-reliability.myshopify.com';
const ACCESS_TOKEN = 'shpat_reliability_0123456789abcdef0123';
export const WEBHOOK_SECRET = 'shpss_reliability_webhook_secret_0123456789';
const RESEND_KEY = 're_reliability_0123456789';
const EMAIL_SETTINGS = {
  EMAIL_PROVIDER: 'resend',
  EMAIL_FROM: 'Test Roasters rewards <rewards@farout.test>',
  RESEND_API_KEY: RESEND_KEY,
};

export type Shopper = {
  index: number;
  submissionId: string;
  handle: string;
  email: string;
  code: string;
  promoCodeId: string;
  caption: string;
  postImage: Uint8Array;
  postUri: string | null;
};

export type World = {
  random: Prng;
  network: FaultNetwork;
  bluesky: FakeBluesky;
  shopify: FakeShopify;
  resend: FakeResend;
  shop: string;
  storeId: string;
  campaignId: string;
  shoppers: Shopper[];
  /** Shoppers started so far, finished or not. */
  made: number;
};

/**
 * Has the Worker, its monitors and its cron send email through Resend for the rest of the test
 * file; returns what puts the bindings back. The Durable Objects read the same bindings.
 */
export function sendEmailThroughResend(): () => void {
  const bindings = env as unknown as Record<string, unknown>;
  const before = Object.fromEntries(Object.keys(EMAIL_SETTINGS).map((key) => [key, bindings[key]]));
  Object.assign(bindings, EMAIL_SETTINGS);
  return () => Object.assign(bindings, before);
}

/** Starts the test clock (Date only: real timers keep running timeouts and short waits). */
export function startClock(at: number) {
  vi.useFakeTimers({ toFake: ['Date'], now: at });
}

/** The merchant, store, campaign and fake systems; nothing fails until a share is set. */
export async function createWorld(seed: number): Promise<World> {
  const random = prng(seed);
  const { store, campaign } = await seedMerchant({
    testMode: false,
    platforms: ['bluesky'],
    holdHours: 24,
    searchHours: 72,
  });
  await connectShopifyStore(store.id, SHOP, {
    accessToken: ACCESS_TOKEN,
    webhookSecret: WEBHOOK_SECRET,
  });

  const bluesky = fakeBluesky();
  const shopify = fakeShopify(SHOP, ACCESS_TOKEN);
  const resend = fakeResend(RESEND_KEY);
  // The faults draw from a stream of their own, so the world's other choices stay the same.
  const systems = [bluesky.appView, bluesky.cdn, shopify.system, resend.system];
  const network = faultNetwork(systems, { random: prng(seed ^ 0x5bd1_e995) });
  network.install();
  const ids = { storeId: store.id, campaignId: campaign.id };
  return { random, network, bluesky, shopify, resend, shop: SHOP, ...ids, shoppers: [], made: 0 };
}

/** A shopper who made their post, gave their email and pressed "Go to Bluesky". */
export async function addShopper(world: World): Promise<Shopper> {
  // Taken before the first wait, so shoppers made at once get numbers of their own.
  const index = world.made++;
  const handle = `fan${index}.bsky.social`;
  const email = `shopper${index}@example.com`;
  const { journeyId, submission } = await generatedJourney(world.campaignId, 'bluesky', handle);
  await db().update(journeys).set({ email }).where(eq(journeys.id, journeyId));
  const went = await postForm(`/j/${journeyId}/go`, {});
  if (went.status >= 400) throw new Error(`the go step answered ${went.status}`);

  const current = await findSubmission(db(), submission.id);
  const promoCode = await findSubmissionPromoCode(db(), submission.id);
  const image = await env.MEDIA.get(current?.postImageKey ?? '');
  if (!current?.caption || !promoCode || !image) throw new Error('the post was not generated');
  const shopper: Shopper = {
    index,
    submissionId: submission.id,
    handle,
    email,
    code: promoCode.code,
    promoCodeId: promoCode.id,
    caption: current.caption,
    postImage: new Uint8Array(await image.arrayBuffer()),
    postUri: null,
  };
  world.shoppers.push(shopper);
  return shopper;
}

/** The shopper posts exactly what we generated: the honest path. */
export function postHonestly(world: World, shopper: Shopper) {
  shopper.postUri = world.bluesky.post(shopper.handle, shopper.caption, shopper.postImage);
}

/** A shopper whose honest post is held and whose 24-hour hold is over: the next check decides. */
export async function heldToTheEnd(world: World): Promise<Shopper> {
  const shopper = await addShopper(world);
  postHonestly(world, shopper);
  await runDurableObjectAlarm(monitorFor(env, shopper.submissionId));
  const past = new Date(Date.now() - 25 * 60 * 60_000);
  await db()
    .update(submissions)
    .set({ postedAt: past, firstSeenAt: past })
    .where(eq(submissions.id, shopper.submissionId));
  return shopper;
}
