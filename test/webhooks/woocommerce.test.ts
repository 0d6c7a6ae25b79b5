import { describe, expect, it } from 'vitest';
import { WOO_ORDER_CREATED, WOO_PING_BODY } from '../fixtures/webhooks';
import { receiptsOf, redemptionsOf, storeWithCode } from './seed-store';
import { signBase64, webhookApp } from './send';

const { secret } = WOO_ORDER_CREATED;
const send = webhookApp(secret);
const order = JSON.parse(WOO_ORDER_CREATED.body);
// WooCommerce stores coupon codes in lower case; ours are upper case.
const ORDER_CODE = String(order.coupon_lines[0].code).toUpperCase();

async function sendOrder(storeId: string, body = WOO_ORDER_CREATED.body, extra = {}) {
  return send(`/webhooks/woocommerce/${storeId}`, body, {
    ...WOO_ORDER_CREATED.headers,
    ...extra,
    'X-WC-Webhook-Signature': await signBase64(secret, body),
  });
}

describe('POST /webhooks/woocommerce/:storeId', () => {
  it('records a processing order once, with its total in minor units and UTC time', async () => {
    const { store, promoCode } = await storeWithCode('woocommerce', ORDER_CODE);

    const response = await sendOrder(store.id);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 'recorded', redemptions: 1 });
    expect(await redemptionsOf(store.id)).toEqual([
      expect.objectContaining({
        promoCodeId: promoCode.id,
        orderId: String(order.id),
        // total "17.00" in USD; date_created_gmt is UTC without a zone.
        amountMinor: 1700,
        currency: 'USD',
        orderedAt: new Date(`${order.date_created_gmt}Z`),
      }),
    ]);
  });

  it('accepts the recorded delivery with its own signature', async () => {
    const { store } = await storeWithCode('woocommerce', ORDER_CODE);

    const response = await send(
      `/webhooks/woocommerce/${store.id}`,
      WOO_ORDER_CREATED.body,
      WOO_ORDER_CREATED.headers,
    );

    expect(response.status).toBe(200);
    expect(await redemptionsOf(store.id)).toHaveLength(1);
  });

  it('skips the same delivery id and counts an update of the same order once', async () => {
    const { store } = await storeWithCode('woocommerce', ORDER_CODE);
    await sendOrder(store.id);

    const again = await sendOrder(store.id);
    const updated = await sendOrder(store.id, JSON.stringify({ ...order, status: 'completed' }), {
      'X-WC-Webhook-Topic': 'order.updated',
      'X-WC-Webhook-Delivery-ID': crypto.randomUUID(),
    });

    expect(await again.json()).toEqual({ result: 'duplicate' });
    expect(await updated.json()).toEqual({ result: 'recorded', redemptions: 0 });
    expect(await redemptionsOf(store.id)).toHaveLength(1);
    expect(await receiptsOf(`woocommerce:${store.id}`)).toHaveLength(2);
  });

  it('waits for payment: a pending order counts once an update marks it processing', async () => {
    const { store } = await storeWithCode('woocommerce', ORDER_CODE);

    const pending = await sendOrder(store.id, JSON.stringify({ ...order, status: 'pending' }));
    const paid = await sendOrder(store.id, JSON.stringify({ ...order, status: 'processing' }), {
      'X-WC-Webhook-Topic': 'order.updated',
      'X-WC-Webhook-Delivery-ID': crypto.randomUUID(),
    });

    expect(await pending.json()).toEqual({ result: 'ignored' });
    expect(await paid.json()).toEqual({ result: 'recorded', redemptions: 1 });
  });

  it('refuses a body changed after signing with 401', async () => {
    const { store } = await storeWithCode('woocommerce', ORDER_CODE);
    const tampered = WOO_ORDER_CREATED.body.replace('"total":"17.00"', '"total":"1.00"');

    const response = await send(
      `/webhooks/woocommerce/${store.id}`,
      tampered,
      WOO_ORDER_CREATED.headers,
    );

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, reason: 'bad_signature' });
    expect(await redemptionsOf(store.id)).toHaveLength(0);
  });

  it('answers the ping sent when the webhook is saved with 200, recording nothing', async () => {
    const { store } = await storeWithCode('woocommerce', ORDER_CODE);

    const response = await send(`/webhooks/woocommerce/${store.id}`, WOO_PING_BODY, {
      'Content-Type': 'application/x-www-form-urlencoded',
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 'ping' });
    expect(await receiptsOf(`woocommerce:${store.id}`)).toHaveLength(0);
  });

  it('refuses an order sent without a signature, as if it were a ping, with 401', async () => {
    const { store } = await storeWithCode('woocommerce', ORDER_CODE);

    const response = await send(`/webhooks/woocommerce/${store.id}`, WOO_ORDER_CREATED.body, {
      ...WOO_ORDER_CREATED.headers,
      'X-WC-Webhook-Signature': '',
    });

    expect(response.status).toBe(401);
  });
});
