import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { createDb } from '../../src/db/client';
import { campaigns, merchants, stores } from '../../src/db/schema';
import { seal } from '../../src/lib/credentials';
import { newId } from '../../src/lib/ids';

export const db = () => createDb(env.DB);

type CampaignOverrides = Partial<typeof campaigns.$inferInsert>;

/** A merchant with one sandbox store and one active test-mode campaign. */
export async function seedMerchant(overrides: CampaignOverrides = {}) {
  const merchant = { id: newId('mer'), name: 'Test Roasters' };
  const store = {
    id: newId('sto'),
    merchantId: merchant.id,
    platform: 'sandbox' as const,
    name: 'Test Roasters Shop',
    domain: `${merchant.id.toLowerCase()}.example`,
  };
  const campaign = {
    id: newId('cmp'),
    merchantId: merchant.id,
    storeId: store.id,
    name: 'Spring sharing',
    status: 'active' as const,
    discountType: 'percentage' as const,
    discountValue: 20,
    offerText: '20% off on all products',
    platforms: ['instagram', 'bluesky', 'mastodon', 'sandbox'] as ('instagram' | 'sandbox')[],
    hashtags: ['#testroasters'],
    pages: { instagram: ['@testroasters'] },
    testMode: true,
    ...overrides,
  };

  await db().batch([
    db().insert(merchants).values(merchant),
    db().insert(stores).values(store),
    db().insert(campaigns).values(campaign),
  ]);

  return { merchant, store, campaign };
}

/**
 * Turns a seeded store into a connected Shopify store, its credentials sealed as the console
 * seals them (an access token, and a webhook secret when the test signs webhooks).
 */
export async function connectShopifyStore(
  storeId: string,
  domain: string,
  credentials: { accessToken: string; webhookSecret?: string },
) {
  const sealed = await seal(env, credentials, storeId);
  await db()
    .update(stores)
    .set({
      platform: 'shopify',
      domain,
      credentialsCiphertext: sealed.ciphertext,
      credentialsKeyId: sealed.keyId,
    })
    .where(eq(stores.id, storeId));
}
