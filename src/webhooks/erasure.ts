import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { campaigns, emailOutbox, journeys, submissions } from '../db/schema';

/** Whose data to erase in a store: every shopper, or one shopper by email and order ids. */
export type ErasureScope =
  | { storeId: string; everyone: true }
  | { storeId: string; email: string | null; orderRefs: string[] };

export type ErasureCount = { journeys: number; submissions: number; objects: number };

// R2's delete takes at most 1000 keys per call.
const R2_DELETE_BATCH = 1000;
const ERASED_HANDLE = 'erased';

function journeyFilter(db: Database, scope: ErasureScope): SQL | undefined {
  const storeCampaigns = db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(eq(campaigns.storeId, scope.storeId));
  const inStore = inArray(journeys.campaignId, storeCampaigns);
  if ('everyone' in scope) return inStore;

  // Order ids travel as one JSON parameter: a shopper may have more orders than D1's limit of
  // 100 bound parameters per statement.
  const byEmail = scope.email
    ? sql`lower(${journeys.email}) = ${scope.email.toLowerCase()}`
    : undefined;
  const byOrder = scope.orderRefs.length
    ? sql`${journeys.orderRef} in (select value from json_each(${JSON.stringify(scope.orderRefs)}))`
    : undefined;
  if (!byEmail && !byOrder) return undefined;
  return and(inStore, or(byEmail, byOrder));
}

async function mediaKeysOf(db: Database, matched: SQL): Promise<string[]> {
  const rows = await db
    .select({
      photoKey: submissions.photoKey,
      postImageKey: submissions.postImageKey,
      defaultPhotoKey: campaigns.defaultPhotoKey,
    })
    .from(submissions)
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .where(
      inArray(submissions.journeyId, db.select({ id: journeys.id }).from(journeys).where(matched)),
    );

  const keys = new Set<string>();
  for (const row of rows) {
    // The campaign's default photo belongs to the merchant, never to a shopper.
    if (row.photoKey && row.photoKey !== row.defaultPhotoKey) keys.add(row.photoKey);
    if (row.postImageKey) keys.add(row.postImageKey);
  }
  return [...keys];
}

async function deleteObjects(media: R2Bucket, keys: string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += R2_DELETE_BATCH) {
    await media.delete(keys.slice(start, start + R2_DELETE_BATCH));
  }
}

// One D1 batch, so the rows of a shopper are erased together or not at all.
async function eraseRows(db: Database, matched: SQL) {
  const matchedJourneys = db.select({ id: journeys.id }).from(journeys).where(matched);
  const ofMatched = inArray(submissions.journeyId, matchedJourneys);
  const matchedSubmissions = db.select({ id: submissions.id }).from(submissions).where(ofMatched);

  const [, erasedSubmissions, erasedJourneys] = await db.batch([
    db.delete(emailOutbox).where(inArray(emailOutbox.submissionId, matchedSubmissions)),
    db
      .update(submissions)
      .set({
        handle: ERASED_HANDLE,
        comment: null,
        caption: null,
        postUrl: null,
        photoKey: null,
        postImageKey: null,
        updatedAt: new Date(),
      })
      .where(ofMatched)
      .returning({ id: submissions.id }),
    // Last, because the steps above find the journeys by this very email.
    db.update(journeys).set({ email: null }).where(matched).returning({ id: journeys.id }),
  ]);
  return { journeys: erasedJourneys.length, submissions: erasedSubmissions.length };
}

/**
 * Erases shoppers' personal data in one store, for Shopify's `customers/redact` and
 * `shop/redact` (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance): the
 * journey's email; the submission's handle (kept as a placeholder because it is required),
 * comment, caption and post link; their photo and post image in R2; their queued or sent emails.
 * Running it again erases nothing more, so a retried webhook is harmless.
 *
 * Not erased yet: `submission_events` rows, whose data may hold the post link, and the copy of
 * the image on our sandbox network (`sandbox_posts`), which is keyed by handle rather than by
 * submission. Lifting it takes a link from sandbox posts to submissions and a pass over events.
 */
export async function eraseShoppers(
  db: Database,
  media: R2Bucket,
  scope: ErasureScope,
): Promise<ErasureCount> {
  const matched = journeyFilter(db, scope);
  if (!matched) return { journeys: 0, submissions: 0, objects: 0 };

  // Objects go first: if deleting them fails, the rows still point at them for the retry.
  const keys = await mediaKeysOf(db, matched);
  await deleteObjects(media, keys);

  const erased = await eraseRows(db, matched);
  return { ...erased, objects: keys.length };
}
