import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { qualified } from '../db/qualified';
import { campaigns, emailOutbox, journeys, submissionEvents, submissions } from '../db/schema';

/**
 * Whose data to erase: every shopper of a store, one shopper of a store by email and order ids
 * (Shopify's redact topics), or given journeys of a merchant (the console, the retention purge).
 */
export type ErasureScope =
  | { storeId: string; everyone: true }
  | { storeId: string; email: string | null; orderRefs: string[] }
  | { merchantId: string; journeyIds: string[] };

/** Who asked: the store's platform, the merchant in the console, or the retention period. */
export type ErasureCause = 'store_request' | 'merchant' | 'retention';

export type ErasureCount = { journeys: number; submissions: number; objects: number };

/** The `submission_events.kind` that marks a submission as erased. */
export const ERASURE_EVENT = 'erasure';

// R2's delete takes at most 1000 keys per call.
const R2_DELETE_BATCH = 1000;
const ERASED_HANDLE = 'erased';

// Fields of event data that point at the shopper's post or files: the post link (`found`,
// `link`), the posted image's address (`image` check), the screenshot's R2 key (`screenshot`).
// Scores, counts and engagement figures stay, so the results keep adding up.
const EVENT_POST_FIELDS = sql.raw(`'$.url', '$.imageUrl', '$.key'`);

// A monitor looks for or re-checks the post by its handle and link, which are gone: these
// states are decided now, as rejected, so the monitor stops at its next alarm and the cron
// does not re-arm it. A post waiting for a person has nothing left to review either.
// Verified and approved posts keep going: switching the code on needs no personal data.
const STOPPED_STATES = sql.raw(`'awaiting_post', 'found', 'holding', 'manual_review'`);

const NOTICES: Record<ErasureCause, (day: string) => string> = {
  store_request: (day) =>
    `Your personal data was erased from FarOut on ${day}, at the store's request.`,
  merchant: (day) => `The store erased your personal data from FarOut on ${day}.`,
  retention: (day) =>
    `Your personal data was erased from FarOut on ${day}: the store keeps it only for a set ` +
    'time after a campaign ends.',
};

function journeyFilter(db: Database, scope: ErasureScope): SQL | undefined {
  if ('journeyIds' in scope) {
    if (scope.journeyIds.length === 0) return undefined;
    const merchantCampaigns = db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(eq(campaigns.merchantId, scope.merchantId));
    return and(
      inArray(journeys.campaignId, merchantCampaigns),
      sql`${journeys.id} in (select value from json_each(${JSON.stringify(scope.journeyIds)}))`,
    );
  }

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

type Held = { keys: string[]; postIds: Record<string, string> };

const ERASED_POST_ID = 'erased:';

// A post id can name its author (a Bluesky post id holds the author's DID), so it goes; its
// SHA-256 stays in its place, so the same post still cannot earn a second code.
async function postIdDigest(postId: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(postId));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0'));
  return ERASED_POST_ID + hex.join('');
}

/** The R2 keys of the matched shoppers' files, and the digests their post ids become. */
async function heldBy(db: Database, matched: SQL): Promise<Held> {
  const rows = await db
    .select({
      id: submissions.id,
      postId: submissions.postId,
      photoKey: submissions.photoKey,
      postImageKey: submissions.postImageKey,
      screenshotKey: submissions.screenshotKey,
      defaultPhotoKey: campaigns.defaultPhotoKey,
    })
    .from(submissions)
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .where(
      inArray(submissions.journeyId, db.select({ id: journeys.id }).from(journeys).where(matched)),
    );

  const keys = new Set<string>();
  const postIds: Record<string, string> = {};
  for (const row of rows) {
    // The campaign's default photo belongs to the merchant, never to a shopper.
    if (row.photoKey && row.photoKey !== row.defaultPhotoKey) keys.add(row.photoKey);
    if (row.postImageKey) keys.add(row.postImageKey);
    if (row.screenshotKey) keys.add(row.screenshotKey);
    if (row.postId && !row.postId.startsWith(ERASED_POST_ID)) {
      postIds[row.id] = await postIdDigest(row.postId);
    }
  }
  return { keys: [...keys], postIds };
}

async function deleteObjects(media: R2Bucket, keys: string[]): Promise<void> {
  for (let start = 0; start < keys.length; start += R2_DELETE_BATCH) {
    await media.delete(keys.slice(start, start + R2_DELETE_BATCH));
  }
}

// One D1 batch, so the rows of a shopper are erased together or not at all.
async function eraseRows(db: Database, matched: SQL, cause: ErasureCause, held: Held) {
  const now = new Date();
  const actor = cause === 'merchant' ? 'merchant' : 'system';
  const notice = NOTICES[cause](now.toISOString().slice(0, 10));
  const matchedJourneys = db.select({ id: journeys.id }).from(journeys).where(matched);
  const ofMatched = inArray(submissions.journeyId, matchedJourneys);
  const matchedSubmissions = db.select({ id: submissions.id }).from(submissions).where(ofMatched);
  const alreadyErased = sql`exists (select 1 from ${submissionEvents}
    where ${qualified(submissionEvents.submissionId)} = ${qualified(submissions.id)}
      and ${qualified(submissionEvents.kind)} = ${ERASURE_EVENT})`;
  const stopped = sql`${submissions.state} in (${STOPPED_STATES})`;
  const digests = JSON.stringify(held.postIds);
  const nextState = sql`case when ${submissions.state} = 'generated' then 'draft'
    when ${stopped} then 'rejected' else ${submissions.state} end`;

  const [, , erasedSubmissions, , , , erasedJourneys] = await db.batch([
    db.delete(emailOutbox).where(inArray(emailOutbox.submissionId, matchedSubmissions)),
    // The moves are written as events before the states change, as every transition is. A
    // generated post goes back to draft: its image and caption are gone, so the shopper's
    // journey makes them again if they come back.
    db.insert(submissionEvents).select(sql`
      select null, ${submissions.id}, ${now.getTime()}, ${actor}, 'transition',
        ${submissions.state}, ${nextState}, 'personal data erased', null
      from ${submissions}
      where ${ofMatched} and (${stopped} or ${submissions.state} = 'generated')`),
    db
      .update(submissions)
      .set({
        handle: ERASED_HANDLE,
        comment: null,
        caption: null,
        postUrl: null,
        photoKey: null,
        postImageKey: null,
        screenshotKey: null,
        state: sql`${nextState}`,
        nextCheckAt: sql`case when ${stopped} then null else ${submissions.nextCheckAt} end`,
        decidedAt: sql`case when ${stopped} then ${now.getTime()}
          else ${submissions.decidedAt} end`,
        // The status page shows this; a second erasure keeps the first one's date.
        outcomeReason: sql`case when ${alreadyErased} then ${submissions.outcomeReason}
          else ${notice} end`,
        updatedAt: now,
      })
      .where(ofMatched)
      .returning({ id: submissions.id }),
    // One statement for any number of submissions: the digests travel as one JSON parameter.
    db
      .update(submissions)
      .set({
        postId: sql`(select value from json_each(${digests})
          where key = ${qualified(submissions.id)})`,
      })
      .where(sql`${submissions.id} in (select key from json_each(${digests}))`),
    db
      .update(submissionEvents)
      .set({ data: sql`json_remove(${submissionEvents.data}, ${EVENT_POST_FIELDS})` })
      .where(
        and(
          inArray(submissionEvents.submissionId, matchedSubmissions),
          sql`${submissionEvents.data} is not null`,
        ),
      ),
    db.insert(submissionEvents).select(sql`
      select null, ${submissions.id}, ${now.getTime()}, ${actor}, ${ERASURE_EVENT}, null, null,
        ${notice}, ${JSON.stringify({ cause })}
      from ${submissions}
      where ${ofMatched} and not ${alreadyErased}`),
    // Last, because the steps above find the journeys by this very email.
    db
      .update(journeys)
      .set({ email: null, emailConsentAt: null })
      .where(matched)
      .returning({ id: journeys.id }),
  ]);
  return { journeys: erasedJourneys.length, submissions: erasedSubmissions.length };
}

/**
 * Erases shoppers' personal data, for Shopify's `customers/redact` and `shop/redact`
 * (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance), the console's erase
 * button and the retention purge: the journey's email; the submission's handle (kept as a
 * placeholder because it is required), comment, caption and post link; its post id (replaced by
 * a digest); the post links and file keys in its events; their photo, post image and screenshot
 * in R2; their queued or sent emails. Counts, states, scores, promo codes and redemptions stay,
 * so the merchant's results hold.
 * A submission still being watched is decided as rejected, and each erased submission gets an
 * `erasure` event and a notice its status page shows. Running it again erases nothing more, so
 * a retried webhook is harmless.
 *
 * Not erased: the journey's order reference (the store's own order number, which matches the
 * store's redemption records), and the copy of the post on our sandbox network
 * (`sandbox_posts`), which stands for the shopper's post on a real network and is theirs to
 * delete there.
 */
export async function eraseShoppers(
  db: Database,
  media: R2Bucket,
  scope: ErasureScope,
  cause: ErasureCause = 'store_request',
): Promise<ErasureCount> {
  const matched = journeyFilter(db, scope);
  if (!matched) return { journeys: 0, submissions: 0, objects: 0 };

  // Objects go first: if deleting them fails, the rows still point at them for the retry.
  const held = await heldBy(db, matched);
  await deleteObjects(media, held.keys);

  const erased = await eraseRows(db, matched, cause, held);
  return { ...erased, objects: held.keys.length };
}
