import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { journeys, promoCodes, submissions, webhookReceipts } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { db, seedMerchant } from '../helpers/seed';

/** Drizzle wraps D1's error; the constraint SQLite names is in its cause. */
async function rejectsWith(query: Promise<unknown>, constraint: RegExp) {
  const error = await query.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  expect(String((error as Error).cause)).toMatch(constraint);
}

describe('data model constraints', () => {
  it('refuses the same promo code twice in one store', async () => {
    const { store, campaign } = await seedMerchant();
    const code = { storeId: store.id, campaignId: campaign.id, code: 'SHARE-ABCD' };

    await db()
      .insert(promoCodes)
      .values({ id: newId('pc'), ...code });

    await rejectsWith(
      db()
        .insert(promoCodes)
        .values({ id: newId('pc'), ...code }),
      /UNIQUE/,
    );
  });

  it('allows the same promo code in two different stores', async () => {
    const first = await seedMerchant();
    const second = await seedMerchant();

    for (const { store, campaign } of [first, second]) {
      await db()
        .insert(promoCodes)
        .values({ id: newId('pc'), storeId: store.id, campaignId: campaign.id, code: 'SAME' });
    }

    const stores = [first.store.id, second.store.id];
    expect(await db().$count(promoCodes, inArray(promoCodes.storeId, stores))).toBe(2);
  });

  it('refuses a submission whose journey does not exist', async () => {
    const { campaign } = await seedMerchant();

    await rejectsWith(
      db()
        .insert(submissions)
        .values({
          id: newId('sub'),
          journeyId: 'jny_missing',
          campaignId: campaign.id,
          platform: 'sandbox',
          handle: 'someone',
        }),
      /FOREIGN KEY/,
    );
  });

  it('refuses a rating outside 1 to 5 and a state outside the known set', async () => {
    const { campaign } = await seedMerchant();
    const journey = { id: newId('jny'), campaignId: campaign.id };
    await db().insert(journeys).values(journey);
    const base = { journeyId: journey.id, campaignId: campaign.id, handle: 'a' };

    await rejectsWith(
      db()
        .insert(submissions)
        .values({ id: newId('sub'), ...base, platform: 'sandbox', rating: 6 }),
      /CHECK/,
    );
    await rejectsWith(
      db()
        .insert(submissions)
        .values({ id: newId('sub'), ...base, platform: 'sandbox', state: 'lost' as 'draft' }),
      /CHECK/,
    );
  });

  it('lets one post earn one code: a post id is unique per platform', async () => {
    const { campaign } = await seedMerchant();
    const journey = { id: newId('jny'), campaignId: campaign.id };
    await db().insert(journeys).values(journey);
    const post = { journeyId: journey.id, campaignId: campaign.id, platform: 'bluesky' as const };

    await db()
      .insert(submissions)
      .values({ id: newId('sub'), ...post, handle: 'a', postId: 'at://did:plc:x/post/1' });

    await rejectsWith(
      db()
        .insert(submissions)
        .values({ id: newId('sub'), ...post, handle: 'b', postId: 'at://did:plc:x/post/1' }),
      /UNIQUE/,
    );
  });

  it('records a webhook id once per source, so a replay is detectable', async () => {
    const receipt = { source: 'shopify', externalId: 'evt-1', topic: 'orders/create' };

    const first = await db().insert(webhookReceipts).values(receipt).onConflictDoNothing();
    const replay = await db().insert(webhookReceipts).values(receipt).onConflictDoNothing();

    expect(first.meta.changes).toBe(1);
    expect(replay.meta.changes).toBe(0);
  });
});
