import { and, count, eq, inArray } from 'drizzle-orm';
import type { Database } from './client';
import { campaigns, emailOutbox, stores, submissions } from './schema';

/** What a merchant's overview page counts; every figure is scoped to the merchant. */
export type MerchantOverview = {
  stores: number;
  campaigns: { id: string; name: string; status: string; testMode: boolean }[];
  toReview: number;
  activationFailed: number;
  emailsWaiting: number;
};

/** The figures of a merchant's console overview. */
export async function merchantOverview(
  db: Database,
  merchantId: string,
): Promise<MerchantOverview> {
  const merchantCampaigns = db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(eq(campaigns.merchantId, merchantId));
  const inState = (state: 'manual_review' | 'activation_failed') =>
    db
      .select({ n: count() })
      .from(submissions)
      .where(and(inArray(submissions.campaignId, merchantCampaigns), eq(submissions.state, state)));

  const [storeRows, campaignRows, review, failed, emails] = await db.batch([
    db.select({ n: count() }).from(stores).where(eq(stores.merchantId, merchantId)),
    db
      .select({
        id: campaigns.id,
        name: campaigns.name,
        status: campaigns.status,
        testMode: campaigns.testMode,
      })
      .from(campaigns)
      .where(eq(campaigns.merchantId, merchantId))
      .orderBy(campaigns.createdAt),
    inState('manual_review'),
    inState('activation_failed'),
    db
      .select({ n: count() })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.merchantId, merchantId), eq(emailOutbox.status, 'pending'))),
  ]);

  return {
    stores: storeRows[0]?.n ?? 0,
    campaigns: campaignRows,
    toReview: review[0]?.n ?? 0,
    activationFailed: failed[0]?.n ?? 0,
    emailsWaiting: emails[0]?.n ?? 0,
  };
}
