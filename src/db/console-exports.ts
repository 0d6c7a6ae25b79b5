import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from './client';
import { scopedCampaign } from './console-results';
import { campaigns, promoCodes, redemptions, type SocialPlatform, submissions } from './schema';

function campaignName(db: Database, merchantId: string, campaignId: string) {
  return db
    .select({ name: campaigns.name })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.merchantId, merchantId)));
}

/** One row of a campaign's submissions export. */
export type SubmissionExportRow = {
  id: string;
  createdAt: Date;
  platform: SocialPlatform;
  handle: string;
  state: string;
  imageScore: number | null;
  captionScore: number | null;
  languagePassed: boolean | null;
  postUrl: string | null;
  code: string | null;
  codeStatus: string | null;
  activatedAt: Date | null;
};

/** A campaign's name and its submissions with their promo codes, oldest first; or undefined. */
export async function campaignSubmissionRows(
  db: Database,
  merchantId: string,
  campaignId: string,
): Promise<{ name: string; rows: SubmissionExportRow[] } | undefined> {
  const [named, rows] = await db.batch([
    campaignName(db, merchantId, campaignId),
    db
      .select({
        id: submissions.id,
        createdAt: submissions.createdAt,
        platform: submissions.platform,
        handle: submissions.handle,
        state: submissions.state,
        imageScore: submissions.imageScore,
        captionScore: submissions.captionScore,
        languagePassed: submissions.languagePassed,
        postUrl: submissions.postUrl,
        code: promoCodes.code,
        codeStatus: promoCodes.status,
        activatedAt: promoCodes.activatedAt,
      })
      .from(submissions)
      .leftJoin(promoCodes, eq(promoCodes.submissionId, submissions.id))
      .where(inArray(submissions.campaignId, scopedCampaign(db, merchantId, campaignId)))
      .orderBy(asc(submissions.createdAt), asc(submissions.id)),
  ]);
  const campaign = named[0];
  return campaign && { name: campaign.name, rows };
}

/** One row of a campaign's redemptions export. */
export type RedemptionExportRow = {
  orderId: string;
  code: string;
  amountMinor: number;
  currency: string;
  orderedAt: Date | null;
};

/** A campaign's name and the orders that used its promo codes, oldest first; or undefined. */
export async function campaignRedemptionRows(
  db: Database,
  merchantId: string,
  campaignId: string,
): Promise<{ name: string; rows: RedemptionExportRow[] } | undefined> {
  const [named, rows] = await db.batch([
    campaignName(db, merchantId, campaignId),
    db
      .select({
        orderId: redemptions.orderId,
        code: promoCodes.code,
        amountMinor: redemptions.amountMinor,
        currency: redemptions.currency,
        orderedAt: redemptions.orderedAt,
      })
      .from(redemptions)
      .innerJoin(promoCodes, eq(promoCodes.id, redemptions.promoCodeId))
      .where(inArray(promoCodes.campaignId, scopedCampaign(db, merchantId, campaignId)))
      .orderBy(asc(redemptions.orderedAt), asc(redemptions.createdAt), asc(redemptions.id)),
  ]);
  const campaign = named[0];
  return campaign && { name: campaign.name, rows };
}
