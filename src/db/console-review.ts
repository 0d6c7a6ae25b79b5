import { and, asc, desc, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import { findSubmissionPromoCode, type PromoCode } from './promo-codes';
import {
  campaigns,
  promoCodes,
  type SocialPlatform,
  type SubmissionState,
  submissionEvents,
  submissions,
} from './schema';
import { listSubmissionEvents, type Submission, type SubmissionEvent } from './submissions';

/** How many submissions one page of the review list or the queue shows. */
export const REVIEW_PAGE_SIZE = 50;

export type ReviewFilters = {
  campaignId?: string;
  state?: SubmissionState;
  platform?: SocialPlatform;
};

/** Where a page starts: just after the submission with this creation time and id. */
export type ReviewCursor = { at: number; id: string };

export type ReviewRow = {
  id: string;
  handle: string;
  platform: SocialPlatform;
  state: SubmissionState;
  imageScore: number | null;
  createdAt: Date;
  campaignId: string;
  campaignName: string;
  promoCode: string | null;
  postUrl: string | null;
  hasScreenshot: boolean;
  hasPostImage: boolean;
};

export type ReviewPage = { rows: ReviewRow[]; next: ReviewCursor | null };

type PageQuery = {
  filters?: ReviewFilters;
  after?: ReviewCursor;
  order: 'newest' | 'oldest';
  limit?: number;
};

const ofMerchant = (merchantId: string) => eq(campaigns.merchantId, merchantId);

// Keyset paging on (created_at, id): a page stays the same when new submissions arrive, which
// an offset would shift.
function pastCursor(after: ReviewCursor, order: PageQuery['order']): SQL | undefined {
  const beyond = order === 'newest' ? lt : gt;
  const at = new Date(after.at);
  return or(
    beyond(submissions.createdAt, at),
    and(eq(submissions.createdAt, at), beyond(submissions.id, after.id)),
  );
}

/** One page of a merchant's submissions, filtered, newest or oldest first. */
export async function listMerchantSubmissions(
  db: Database,
  merchantId: string,
  { filters = {}, after, order, limit = REVIEW_PAGE_SIZE }: PageQuery,
): Promise<ReviewPage> {
  const direction = order === 'newest' ? desc : asc;
  const rows = await db
    .select({
      id: submissions.id,
      handle: submissions.handle,
      platform: submissions.platform,
      state: submissions.state,
      imageScore: submissions.imageScore,
      createdAt: submissions.createdAt,
      campaignId: campaigns.id,
      campaignName: campaigns.name,
      promoCode: promoCodes.code,
      postUrl: submissions.postUrl,
      screenshotKey: submissions.screenshotKey,
      postImageKey: submissions.postImageKey,
    })
    .from(submissions)
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .leftJoin(promoCodes, eq(promoCodes.submissionId, submissions.id))
    .where(
      and(
        ofMerchant(merchantId),
        filters.campaignId ? eq(submissions.campaignId, filters.campaignId) : undefined,
        filters.state ? eq(submissions.state, filters.state) : undefined,
        filters.platform ? eq(submissions.platform, filters.platform) : undefined,
        after ? pastCursor(after, order) : undefined,
      ),
    )
    .orderBy(direction(submissions.createdAt), direction(submissions.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit).map(({ screenshotKey, postImageKey, ...row }) => ({
    ...row,
    hasScreenshot: screenshotKey !== null,
    hasPostImage: postImageKey !== null,
  }));
  const last = page.at(-1);
  const next = rows.length > limit && last ? { at: last.createdAt.getTime(), id: last.id } : null;
  return { rows: page, next };
}

/** The merchant's campaigns, oldest first, for the review filters. */
export async function listReviewCampaigns(
  db: Database,
  merchantId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(ofMerchant(merchantId))
    .orderBy(asc(campaigns.createdAt), asc(campaigns.id));
}

export type MerchantSubmission = { submission: Submission; campaignName: string };

/** Submissions of `ids` that belong to the merchant's campaigns; others are left out. */
export async function findMerchantSubmissions(
  db: Database,
  merchantId: string,
  ids: string[],
): Promise<MerchantSubmission[]> {
  if (ids.length === 0) return [];
  return db
    .select({ submission: submissions, campaignName: campaigns.name })
    .from(submissions)
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .where(and(ofMerchant(merchantId), inArray(submissions.id, ids)));
}

/** One submission of the merchant's campaigns, or undefined (also for another merchant's). */
export async function findMerchantSubmission(
  db: Database,
  merchantId: string,
  id: string,
): Promise<MerchantSubmission | undefined> {
  const [found] = await findMerchantSubmissions(db, merchantId, [id]);
  return found;
}

export type SubmissionDetail = MerchantSubmission & {
  events: SubmissionEvent[];
  promoCode: PromoCode | undefined;
};

/** A submission of the merchant's with its history and promo code, for the detail page. */
export async function findSubmissionDetail(
  db: Database,
  merchantId: string,
  id: string,
): Promise<SubmissionDetail | undefined> {
  const found = await findMerchantSubmission(db, merchantId, id);
  if (!found) return undefined;

  const [events, promoCode] = await Promise.all([
    listSubmissionEvents(db, id),
    findSubmissionPromoCode(db, id),
  ]);
  return { ...found, events, promoCode };
}

/**
 * The latest pre-score of each submission's screenshot (see journey/screenshot), by submission
 * id, for those of `ids` in the merchant's campaigns that have a scored one.
 */
export async function screenshotScores(
  db: Database,
  merchantId: string,
  ids: string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const events = await db
    .select({ submissionId: submissionEvents.submissionId, data: submissionEvents.data })
    .from(submissionEvents)
    .innerJoin(submissions, eq(submissions.id, submissionEvents.submissionId))
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .where(
      and(
        ofMerchant(merchantId),
        inArray(submissionEvents.submissionId, ids),
        eq(submissionEvents.kind, 'screenshot'),
      ),
    )
    .orderBy(asc(submissionEvents.id));

  const scores = new Map<string, number>();
  for (const { submissionId, data } of events) {
    if (typeof data?.score === 'number') scores.set(submissionId, data.score);
    else scores.delete(submissionId);
  }
  return scores;
}
