import type { Database } from '../db/client';
import type { SubmissionEvent } from '../db/submissions';
import { minorToDecimal } from '../stores/money';
import { ERASURE_EVENT } from '../webhooks/erasure';
import {
  findMerchantSubmission,
  loadShopperRows,
  type ShopperFile,
  shopperFileKey,
} from './shopper-data';

/** The version of the export's layout, so a reader can tell later layouts apart. */
export const EXPORT_FORMAT = 'farout-shopper-export/1';

type Rows = Awaited<ReturnType<typeof loadShopperRows>>;

// R2 keys name our storage, not the shopper's data; their files are linked instead.
function exportedEvent(event: SubmissionEvent) {
  const { key: _key, ...data } = event.data ?? {};
  return {
    at: event.at.toISOString(),
    actor: event.actor,
    kind: event.kind,
    fromState: event.fromState,
    toState: event.toState,
    reason: event.reason,
    data: event.data ? data : null,
  };
}

const iso = (time: Date | null) => time?.toISOString() ?? null;

function exportedSubmission(rows: Rows, row: Rows['submissionRows'][number], origin: string) {
  const { submission } = row;
  const located = { ...submission, defaultPhotoKey: row.defaultPhotoKey };
  const fileUrl = (file: ShopperFile) =>
    shopperFileKey(located, file)
      ? `${origin}/console/submissions/${submission.id}/export/${file}`
      : null;
  const code = rows.codes.find((entry) => entry.submissionId === submission.id);
  const orders = rows.orders.filter((entry) => entry.submissionId === submission.id);
  const events = rows.events.filter((event) => event.submissionId === submission.id);

  return {
    id: submission.id,
    createdAt: submission.createdAt.toISOString(),
    platform: submission.platform,
    handle: submission.handle,
    rating: submission.rating,
    comment: submission.comment,
    caption: submission.caption,
    postUrl: submission.postUrl,
    state: submission.state,
    outcomeReason: submission.outcomeReason,
    erased: events.some((event) => event.kind === ERASURE_EVENT),
    scores: {
      image: submission.imageScore,
      caption: submission.captionScore,
      languagePassed: submission.languagePassed,
    },
    times: {
      leftForPlatformAt: iso(submission.leftForPlatformAt),
      postedAt: iso(submission.postedAt),
      firstSeenAt: iso(submission.firstSeenAt),
      lastSeenAt: iso(submission.lastSeenAt),
      decidedAt: iso(submission.decidedAt),
    },
    // A null photo is the campaign's default photo, which is the merchant's, not the shopper's.
    files: {
      photo: fileUrl('photo'),
      postImage: fileUrl('post-image'),
      screenshot: fileUrl('screenshot'),
    },
    promoCode: code
      ? {
          code: code.code,
          status: code.status,
          activatedAt: iso(code.activatedAt),
          expiresAt: iso(code.expiresAt),
        }
      : null,
    redemptions: orders.map(({ redemption }) => ({
      orderId: redemption.orderId,
      amount: minorToDecimal(redemption.amountMinor, redemption.currency),
      currency: redemption.currency,
      orderedAt: iso(redemption.orderedAt),
    })),
    events: events.map(exportedEvent),
  };
}

/** The shopper's data as the owner downloads it for them. */
export type ShopperExport = {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  merchant: string;
  campaign: { id: string; name: string };
  shopper: {
    journeyId: string;
    email: string | null;
    emailConsentAt: string | null;
    orderRef: string | null;
    startedAt: string;
    openedAt: string | null;
  };
  submissions: ReturnType<typeof exportedSubmission>[];
};

/**
 * Everything held about the shopper behind a submission of the merchant (their journey and
 * every submission of it), with their files as console links; undefined when the submission is
 * not the merchant's.
 */
export async function exportShopperData(
  db: Database,
  merchant: { id: string; name: string },
  submissionId: string,
  origin: string,
  now = new Date(),
): Promise<ShopperExport | undefined> {
  const found = await findMerchantSubmission(db, merchant.id, submissionId);
  if (!found) return undefined;

  const rows = await loadShopperRows(db, found.journeyId);
  const journey = rows.journey;
  if (!journey) return undefined;

  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    merchant: merchant.name,
    campaign: { id: found.campaignId, name: found.campaignName },
    shopper: {
      journeyId: journey.id,
      email: journey.email,
      emailConsentAt: iso(journey.emailConsentAt),
      orderRef: journey.orderRef,
      startedAt: journey.createdAt.toISOString(),
      openedAt: iso(journey.openedAt),
    },
    submissions: rows.submissionRows.map((row) => exportedSubmission(rows, row, origin)),
  };
}
