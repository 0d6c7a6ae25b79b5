import { env } from 'cloudflare:workers';
import {
  journeys,
  promoCodes,
  redemptions,
  type SocialPlatform,
  type SubmissionState,
  submissionEvents,
  submissions,
} from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { db } from './seed';

type CampaignRef = { id: string; storeId: string };

export type ShopperSeed = {
  email?: string | null;
  orderRef?: string;
  opened?: boolean;
  platform?: SocialPlatform;
  handle?: string;
  comment?: string;
  // The states the submission moved through after draft, in order; none means no submission.
  path?: SubmissionState[];
  at?: Date;
  nextCheckAt?: Date | null;
  orders?: { amountMinor: number; currency: string; orderId?: string; orderedAt?: Date }[];
  engagement?: Record<string, number>;
  // Puts a photo, a post image and a screenshot in R2.
  files?: boolean;
};

const LIVE_CODE_STATES: SubmissionState[] = ['activated'];

/**
 * A shopper of `campaign` written straight to D1 (and R2): a journey, and with `path` a
 * submission with its transition events, check events, promo code and orders.
 */
export async function seedShopper(campaign: CampaignRef, seed: ShopperSeed = {}) {
  const at = seed.at ?? new Date();
  const journey = {
    id: newId('jny'),
    campaignId: campaign.id,
    email: seed.email === undefined ? `${newId('e').slice(2, 10)}@example.com` : seed.email,
    orderRef: seed.orderRef ?? null,
    createdAt: at,
    openedAt: seed.opened === false ? null : at,
  };
  await db().insert(journeys).values(journey);
  if (!seed.path) return { journey, submission: undefined, promoCode: undefined, keys: [] };

  const path = seed.path;
  const state = path[path.length - 1] ?? 'draft';
  const id = newId('sub');
  const keys = seed.files
    ? [`photos/${newId('ph')}.jpg`, `posts/${newId('po')}.jpg`, `photos/${newId('sc')}.jpg`]
    : [];
  const postUrl = path.includes('found') ? `https://sandbox.example/p/${id}` : null;
  const submission = {
    id,
    journeyId: journey.id,
    campaignId: campaign.id,
    platform: seed.platform ?? ('sandbox' as const),
    handle: seed.handle ?? 'ada.shopper',
    rating: 5,
    comment: seed.comment ?? 'Great coffee, would share again',
    caption: path.includes('generated') ? 'Great coffee #testroasters #ad CODE' : null,
    state,
    postUrl,
    postId: path.includes('found') ? `at://did:plc:shopper/app.bsky.feed.post/${id}` : null,
    photoKey: keys[0] ?? null,
    postImageKey: keys[1] ?? null,
    screenshotKey: keys[2] ?? null,
    imageScore: path.includes('found') ? 0.97 : null,
    captionScore: path.includes('found') ? 1 : null,
    languagePassed: path.includes('found') ? true : null,
    leftForPlatformAt: path.includes('awaiting_post') ? at : null,
    firstSeenAt: path.includes('found') ? at : null,
    nextCheckAt: seed.nextCheckAt ?? null,
    createdAt: at,
  };
  await db().insert(submissions).values(submission);
  for (const key of keys) await env.MEDIA.put(key, new Uint8Array([1, 2, 3]));

  const moves = path.map((to, index) => ({
    submissionId: id,
    at,
    actor: 'monitor' as const,
    kind: 'transition',
    fromState: index === 0 ? ('draft' as const) : (path[index - 1] ?? null),
    toState: to,
    data: to === 'found' ? { url: postUrl } : null,
  }));
  const checks = [
    ...(path.includes('found')
      ? [{ kind: 'image', data: { passed: true, score: 0.97, imageUrl: `${postUrl}/image.jpg` } }]
      : []),
    ...(seed.engagement ? [{ kind: 'engagement', data: seed.engagement }] : []),
    ...(keys[2] ? [{ kind: 'screenshot', data: { key: keys[2], score: 0.5 } }] : []),
  ].map((check) => ({ ...check, submissionId: id, at, actor: 'monitor' as const }));
  await db()
    .insert(submissionEvents)
    .values([...moves, ...checks]);

  const live = LIVE_CODE_STATES.includes(state);
  const promoCode = {
    id: newId('pc'),
    storeId: campaign.storeId,
    campaignId: campaign.id,
    submissionId: id,
    code: `SHARE${newId('c').slice(2, 10).toUpperCase()}`,
    status: live ? ('active' as const) : ('reserved' as const),
    activatedAt: live ? at : null,
  };
  await db().insert(promoCodes).values(promoCode);
  for (const order of seed.orders ?? []) {
    await db()
      .insert(redemptions)
      .values({
        id: newId('red'),
        promoCodeId: promoCode.id,
        storeId: campaign.storeId,
        orderId: order.orderId ?? newId('order'),
        amountMinor: order.amountMinor,
        currency: order.currency,
        orderedAt: order.orderedAt ?? at,
      });
  }

  return { journey, submission, promoCode, keys };
}

/** A day `days` before now, as a Date. */
export function daysAgo(days: number, now = Date.now()): Date {
  return new Date(now - days * 86_400_000);
}
