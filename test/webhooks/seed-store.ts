import { eq } from 'drizzle-orm';
import { promoCodes, redemptions, stores, webhookReceipts } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { db, seedMerchant } from '../helpers/seed';

type Platform = (typeof stores.$inferSelect)['platform'];

/** A merchant whose store is on `platform`, with an active promo code `code` in its campaign. */
export async function storeWithCode(platform: Platform, code: string) {
  const seeded = await seedMerchant();
  await db().update(stores).set({ platform }).where(eq(stores.id, seeded.store.id));
  const promoCode = {
    id: newId('pc'),
    storeId: seeded.store.id,
    campaignId: seeded.campaign.id,
    code,
    status: 'active' as const,
  };
  await db().insert(promoCodes).values(promoCode);

  return { ...seeded, promoCode };
}

/** The redemptions recorded for a store. */
export function redemptionsOf(storeId: string) {
  return db().select().from(redemptions).where(eq(redemptions.storeId, storeId));
}

/** The webhook receipts noted for a source, e.g. `shopify:<store id>`. */
export function receiptsOf(source: string) {
  return db().select().from(webhookReceipts).where(eq(webhookReceipts.source, source));
}
