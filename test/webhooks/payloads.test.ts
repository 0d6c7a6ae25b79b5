import { describe, expect, it } from 'vitest';
import { parseShopifyOrder, parseWooOrder } from '../../src/webhooks/payloads';
import { SHOPIFY_ORDERS_CREATE, WOO_ORDER_CREATED } from '../fixtures/webhooks';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseShopifyOrder', () => {
  it('reads the order id, codes, total and time of the recorded orders/create body', () => {
    const sample = JSON.parse(SHOPIFY_ORDERS_CREATE.body);

    const parsed = parseShopifyOrder(bytes(SHOPIFY_ORDERS_CREATE.body));

    expect(parsed).toEqual({
      ok: true,
      value: {
        orderId: String(sample.id),
        codes: sample.discount_codes.map((line: { code: string }) => line.code),
        amountMinor: 8445,
        currency: sample.currency,
        orderedAt: new Date(sample.created_at),
      },
    });
  });

  it('falls back to current_total_price when total_price is absent', () => {
    const { total_price: _total, ...sample } = JSON.parse(SHOPIFY_ORDERS_CREATE.body);

    const parsed = parseShopifyOrder(
      bytes(JSON.stringify({ ...sample, current_total_price: '70.00' })),
    );

    expect(parsed).toMatchObject({ ok: true, value: { amountMinor: 7000 } });
  });

  it('refuses a body that is not JSON, or a total sent as a number', () => {
    const sample = JSON.parse(SHOPIFY_ORDERS_CREATE.body);

    const results = [
      parseShopifyOrder(bytes('webhook_id=1')),
      parseShopifyOrder(bytes(JSON.stringify({ ...sample, total_price: 84.45 }))),
    ];

    expect(results).toEqual([
      expect.objectContaining({ ok: false, reason: 'bad_payload' }),
      expect.objectContaining({ ok: false, reason: 'bad_payload' }),
    ]);
  });
});

describe('parseWooOrder', () => {
  it('reads date_created_gmt as UTC and keeps an explicit zone as given', () => {
    const sample = JSON.parse(WOO_ORDER_CREATED.body);
    const zoned = { ...sample, date_created_gmt: '2017-03-22T19:28:02+00:00' };

    const plain = parseWooOrder(bytes(WOO_ORDER_CREATED.body));
    const withZone = parseWooOrder(bytes(JSON.stringify(zoned)));

    const expected = Date.UTC(2017, 2, 22, 19, 28, 2);
    expect(plain.ok && plain.value.orderedAt?.getTime()).toBe(expected);
    expect(withZone.ok && withZone.value.orderedAt?.getTime()).toBe(expected);
  });
});
