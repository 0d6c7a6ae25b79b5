import type { Database } from '../db/client';
import { type ErasureCount, eraseShoppers } from '../webhooks/erasure';
import { findMerchantSubmission } from './shopper-data';

/**
 * Erases the data of the shopper behind a submission of the merchant: their journey and every
 * submission of it. Undefined when the submission is not the merchant's.
 */
export async function eraseShopperOfSubmission(
  db: Database,
  media: R2Bucket,
  merchantId: string,
  submissionId: string,
): Promise<ErasureCount | undefined> {
  const found = await findMerchantSubmission(db, merchantId, submissionId);
  if (!found) return undefined;

  return eraseShoppers(db, media, { merchantId, journeyIds: [found.journeyId] }, 'merchant');
}
