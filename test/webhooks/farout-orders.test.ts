import { describe, expect, it } from 'vitest';
import { redemptionsOf, storeWithCode } from './seed-store';
import { signFarOut, webhookApp } from './send';

const SECRET = 'whsec_test_farout_orders';
const send = webhookApp(SECRET);
const CODE = 'SHARE-ABCD2345';

function orderBody(orderId: string, overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    order_id: orderId,
    codes: [CODE.toLowerCase()],
    amount: '12.34',
    currency: 'eur',
    ordered_at: '2026-05-01T10:00:00+02:00',
    ...overrides,
  });
}

async function sendOrder(storeId: string, body: string, signedAt = Math.floor(Date.now() / 1000)) {
  return send(`/webhooks/orders/${storeId}`, body, {
    'Content-Type': 'application/json',
    'FarOut-Signature': await signFarOut(SECRET, body, signedAt),
  });
}

describe('POST /webhooks/orders/:storeId', () => {
  it('records an order of any store from our own signed format', async () => {
    const { store, promoCode } = await storeWithCode('webhook', CODE);

    const response = await sendOrder(store.id, orderBody('A-1001'));

    expect(response.status).toBe(200);
    expect(await redemptionsOf(store.id)).toEqual([
      expect.objectContaining({
        promoCodeId: promoCode.id,
        orderId: 'A-1001',
        amountMinor: 1234,
        currency: 'EUR',
        orderedAt: new Date('2026-05-01T08:00:00Z'),
      }),
    ]);
  });

  it('refuses a signature made more than five minutes ago with 409', async () => {
    const { store } = await storeWithCode('webhook', CODE);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;

    const response = await sendOrder(store.id, orderBody('A-1002'), tenMinutesAgo);

    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ status: 409, reason: 'replay' });
    expect(await redemptionsOf(store.id)).toHaveLength(0);
  });

  it('refuses a signature made with another secret with 401', async () => {
    const { store } = await storeWithCode('webhook', CODE);
    const body = orderBody('A-1003');

    const response = await send(`/webhooks/orders/${store.id}`, body, {
      'FarOut-Signature': await signFarOut('another secret', body, Math.floor(Date.now() / 1000)),
    });

    expect(response.status).toBe(401);
    expect(await redemptionsOf(store.id)).toHaveLength(0);
  });

  it('answers an order id seen before as a duplicate, even freshly signed', async () => {
    const { store } = await storeWithCode('webhook', CODE);
    await sendOrder(store.id, orderBody('A-1004'));

    const again = await sendOrder(store.id, orderBody('A-1004'));

    expect(await again.json()).toEqual({ result: 'duplicate' });
    expect(await redemptionsOf(store.id)).toHaveLength(1);
  });

  it('refuses an amount that is not a decimal string with 400', async () => {
    const { store } = await storeWithCode('webhook', CODE);

    const response = await sendOrder(store.id, orderBody('A-1005', { amount: 12.34 }));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: 'bad_payload' });
  });
});
