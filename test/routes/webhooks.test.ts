import { describe, expect, it } from 'vitest';
import { SHOPIFY_ORDERS_CREATE, WOO_PING_BODY } from '../fixtures/webhooks';
import { request } from '../helpers/http';
import { redemptionsOf, storeWithCode } from '../webhooks/seed-store';

const ORDER_CODE = 'SHARE-7KQ2M9';

describe('webhook routes in the deployed Worker', () => {
  it('answers 404 with a reason for a store that does not exist', async () => {
    const response = await request('/webhooks/shopify/sto_missing', {
      method: 'POST',
      body: SHOPIFY_ORDERS_CREATE.body,
      headers: SHOPIFY_ORDERS_CREATE.headers,
    });

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, reason: 'unknown_store' });
  });

  it('refuses a signed order with 401 while the store has no webhook secret set up', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);

    const response = await request(`/webhooks/shopify/${store.id}`, {
      method: 'POST',
      body: SHOPIFY_ORDERS_CREATE.body,
      headers: {
        ...SHOPIFY_ORDERS_CREATE.headers,
        'X-Shopify-Triggered-At': new Date().toISOString(),
      },
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, reason: 'no_secret' });
    expect(await redemptionsOf(store.id)).toHaveLength(0);
  });

  it("answers WooCommerce's form-encoded ping with 200, though it has no Origin", async () => {
    const { store } = await storeWithCode('woocommerce', ORDER_CODE);

    const response = await request(`/webhooks/woocommerce/${store.id}`, {
      method: 'POST',
      body: WOO_PING_BODY,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 'ping' });
  });

  it('refuses a body over 4 MB with 413 before looking at it', async () => {
    const response = await request('/webhooks/orders/sto_any', {
      method: 'POST',
      body: new Uint8Array(4 * 1024 * 1024 + 1),
      headers: { 'Content-Type': 'application/json' },
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413, reason: 'too_large' });
  });
});
