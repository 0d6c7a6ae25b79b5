import { eq } from 'drizzle-orm';
import {
  campaigns,
  journeys,
  promoCodes,
  type SocialPlatform,
  type SubmissionState,
  submissions,
} from '../../src/db/schema';
import { type Submission, transitionSubmission } from '../../src/db/submissions';
import { newId } from '../../src/lib/ids';
import { generatedJourney } from '../helpers/journey-generated';
import { connectShopifyStore, db } from '../helpers/seed';

type Campaign = { id: string; storeId: string; merchantId: string };

type Overrides = Partial<typeof submissions.$inferInsert> & { email?: string; code?: string };

/**
 * A submission written straight to D1, with its journey and (unless `code` is '') a reserved
 * promo code: quick, for the lists. Tests that need a rendered post image use `generated`.
 */
export async function insertSubmission(campaign: Campaign, overrides: Overrides = {}) {
  const { email, code, ...columns } = overrides;
  const journey = { id: newId('jrn'), campaignId: campaign.id, email: email ?? null };
  const submission = {
    id: newId('sub'),
    journeyId: journey.id,
    campaignId: campaign.id,
    platform: 'sandbox' as SocialPlatform,
    handle: `shopper${newId('h').slice(2, 8).toLowerCase()}`,
    state: 'awaiting_post' as SubmissionState,
    createdAt: new Date(),
    ...columns,
  };
  await db().insert(journeys).values(journey);
  await db().insert(submissions).values(submission);
  if (code !== '') {
    await db()
      .insert(promoCodes)
      .values({
        id: newId('pc'),
        storeId: campaign.storeId,
        campaignId: campaign.id,
        submissionId: submission.id,
        code: code ?? `SHARE-${newId('c').slice(2, 10).toUpperCase()}`,
      });
  }
  return submission;
}

/** A second campaign of the same merchant and store. */
export async function secondCampaign(first: Campaign & { platforms: SocialPlatform[] }) {
  const campaign = {
    ...first,
    id: newId('cmp'),
    name: 'Autumn sharing',
    offerText: '10% off',
    discountType: 'percentage' as const,
    discountValue: 10,
  };
  await db().insert(campaigns).values(campaign);
  return campaign;
}

/**
 * A submission that went through the real journey (rendered post image, reserved code, the
 * shopper's email), then put in `state` with a recorded transition, as the monitor would.
 */
export async function generated(campaignId: string, state: SubmissionState, platform = 'sandbox') {
  const { submission } = await generatedJourney(campaignId, platform, 'shopper');
  await db()
    .update(journeys)
    .set({ email: 'shopper@example.com' })
    .where(eq(journeys.id, submission.journeyId));
  await db().update(submissions).set({ state }).where(eq(submissions.id, submission.id));
  return { ...submission, state };
}

/** Moves a submission as the monitor would, with the event. */
export async function moveTo(submission: Pick<Submission, 'id' | 'state'>, to: SubmissionState) {
  const moved = await transitionSubmission(db(), submission, { to, actor: 'monitor' });
  if (!moved.ok) throw new Error(moved.message);
}

export const SHOP = 'review-shop.myshopify.com';
export const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';

/** Turns the merchant's sandbox store into a connected Shopify store, its campaign live. */
export async function connectShopify(storeId: string, campaignId: string) {
  await connectShopifyStore(storeId, SHOP, { accessToken: TOKEN });
  await db().update(campaigns).set({ testMode: false }).where(eq(campaigns.id, campaignId));
}
