import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { promoCodes, redemptions, stores } from '../../src/db/schema';
import { seal } from '../../src/lib/credentials';
import { newId } from '../../src/lib/ids';
import { request } from '../helpers/http';
import { db, seedMerchant } from '../helpers/seed';
import { signFarOut } from './send';

describe('incoming webhooks through the deployed Worker', () => {
  it('verifies a delivery with the secret sealed in the store credentials', async () => {
    const { store, campaign } = await seedMerchant();
    const secret = 'whsec_0123456789abcdef0123';
    const sealed = await seal(env, { webhookSecret: secret }, store.id);
    await db()
      .update(stores)
      .set({
        platform: 'webhook',
        credentialsCiphertext: sealed.ciphertext,
        credentialsKeyId: sealed.keyId,
      })
      .where(eq(stores.id, store.id));
    await db()
      .insert(promoCodes)
      .values({
        id: newId('pc'),
        storeId: store.id,
        campaignId: campaign.id,
        code: 'SHARE-ABCD2345',
        status: 'active',
      });
    const body = JSON.stringify({
      order_id: 'A-100',
      codes: ['share-abcd2345'],
      amount: '42.50',
      currency: 'EUR',
      ordered_at: new Date().toISOString(),
    });
    const signature = await signFarOut(secret, body, Math.floor(Date.now() / 1000));

    const signed = await request(`/webhooks/orders/${store.id}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'FarOut-Signature': signature },
    });
    const forged = await request(`/webhooks/orders/${store.id}`, {
      method: 'POST',
      body,
      headers: {
        'Content-Type': 'application/json',
        'FarOut-Signature': await signFarOut(
          'wrong-secret-0123456789',
          body,
          Math.floor(Date.now() / 1000),
        ),
      },
    });

    expect(signed.status).toBe(200);
    expect(forged.status).toBe(401);
    const counted = await db().select().from(redemptions).where(eq(redemptions.storeId, store.id));
    expect(counted).toHaveLength(1);
    expect(counted[0]).toMatchObject({ orderId: 'A-100', amountMinor: 4250, currency: 'EUR' });
  });
});
