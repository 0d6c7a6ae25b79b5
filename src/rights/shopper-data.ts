import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { campaigns, journeys, promoCodes, redemptions, submissions } from '../db/schema';

/** A submission of the merchant, with what finds its shopper's journey and files. */
export type MerchantSubmission = {
  id: string;
  journeyId: string;
  campaignId: string;
  campaignName: string;
  photoKey: string | null;
  postImageKey: string | null;
  screenshotKey: string | null;
  defaultPhotoKey: string | null;
};

/** A submission by id, only when its campaign is the merchant's. */
export async function findMerchantSubmission(
  db: Database,
  merchantId: string,
  submissionId: string,
): Promise<MerchantSubmission | undefined> {
  const [row] = await db
    .select({
      id: submissions.id,
      journeyId: submissions.journeyId,
      campaignId: submissions.campaignId,
      campaignName: campaigns.name,
      photoKey: submissions.photoKey,
      postImageKey: submissions.postImageKey,
      screenshotKey: submissions.screenshotKey,
      defaultPhotoKey: campaigns.defaultPhotoKey,
    })
    .from(submissions)
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .where(and(eq(submissions.id, submissionId), eq(campaigns.merchantId, merchantId)))
    .limit(1);
  return row;
}

/** The files of a submission a shopper's export links to. */
export const SHOPPER_FILES = ['photo', 'post-image', 'screenshot'] as const;
export type ShopperFile = (typeof SHOPPER_FILES)[number];

/**
 * The R2 key of one of the shopper's files, or null when there is none. A submission that kept
 * the campaign's default photo has no photo of the shopper's: that photo is the merchant's.
 */
export function shopperFileKey(
  submission: Pick<
    MerchantSubmission,
    'photoKey' | 'postImageKey' | 'screenshotKey' | 'defaultPhotoKey'
  >,
  file: ShopperFile,
): string | null {
  if (file === 'post-image') return submission.postImageKey;
  if (file === 'screenshot') return submission.screenshotKey;
  const own = submission.photoKey !== null && submission.photoKey !== submission.defaultPhotoKey;
  return own ? submission.photoKey : null;
}

/** Everything held about the shopper of a journey: the rows the export is written from. */
export async function loadShopperRows(db: Database, journeyId: string) {
  const ofJourney = db
    .select({ id: submissions.id })
    .from(submissions)
    .where(eq(submissions.journeyId, journeyId));

  const [journeyRows, submissionRows, events, codes, orders] = await db.batch([
    db.select().from(journeys).where(eq(journeys.id, journeyId)),
    db
      .select({ submission: submissions, defaultPhotoKey: campaigns.defaultPhotoKey })
      .from(submissions)
      .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
      .where(eq(submissions.journeyId, journeyId))
      .orderBy(asc(submissions.createdAt), asc(submissions.id)),
    db.query.submissionEvents.findMany({
      where: (event, { inArray: within }) => within(event.submissionId, ofJourney),
      orderBy: (event, { asc: up }) => up(event.id),
    }),
    db.select().from(promoCodes).where(inArray(promoCodes.submissionId, ofJourney)),
    db
      .select({ redemption: redemptions, submissionId: promoCodes.submissionId })
      .from(redemptions)
      .innerJoin(promoCodes, eq(promoCodes.id, redemptions.promoCodeId))
      .where(inArray(promoCodes.submissionId, ofJourney))
      .orderBy(asc(redemptions.orderedAt), asc(redemptions.id)),
  ]);
  return { journey: journeyRows[0], submissionRows, events, codes, orders };
}
