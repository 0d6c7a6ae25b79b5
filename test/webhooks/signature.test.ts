import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  decodeHex,
  parseFarOutSignature,
  verifyBase64Signature,
  verifyFarOutSignature,
} from '../../src/webhooks/signature';
import { SHOPIFY_ORDERS_CREATE, WOO_ORDER_CREATED } from '../fixtures/webhooks';
import { signFarOut } from './send';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('verifyBase64Signature', () => {
  it('accepts the signatures recorded with the Shopify and WooCommerce samples', async () => {
    const shopify = SHOPIFY_ORDERS_CREATE;
    const woo = WOO_ORDER_CREATED;

    const results = await Promise.all([
      verifyBase64Signature(
        shopify.secret,
        bytes(shopify.body),
        shopify.headers['X-Shopify-Hmac-Sha256'],
      ),
      verifyBase64Signature(woo.secret, bytes(woo.body), woo.headers['X-WC-Webhook-Signature']),
    ]);

    expect(results).toEqual([true, true]);
  });

  it('refuses a one-byte change of the body, another secret, and a missing header', async () => {
    const { secret, body, headers } = SHOPIFY_ORDERS_CREATE;
    const signature = headers['X-Shopify-Hmac-Sha256'];

    const results = await Promise.all([
      verifyBase64Signature(secret, bytes(`${body} `), signature),
      verifyBase64Signature(`${secret}x`, bytes(body), signature),
      verifyBase64Signature(secret, bytes(body), undefined),
      verifyBase64Signature(secret, bytes(body), 'not base64!'),
    ]);

    expect(results).toEqual([false, false, false, false]);
  });
});

describe('verifyFarOutSignature', () => {
  const secret = 'whsec_unit';
  const body = '{"order_id":"1"}';
  const now = Date.UTC(2026, 4, 1, 12, 0, 0);
  const nowSeconds = now / 1000;

  it('accepts a signature made within five minutes either side of our clock', async () => {
    const early = await signFarOut(secret, body, nowSeconds - 299);
    const late = await signFarOut(secret, body, nowSeconds + 299);

    expect(await verifyFarOutSignature(secret, bytes(body), early, now)).toEqual({
      ok: true,
      value: true,
    });
    expect(await verifyFarOutSignature(secret, bytes(body), late, now)).toEqual({
      ok: true,
      value: true,
    });
  });

  it('calls a valid signature older than five minutes a replay', async () => {
    const header = await signFarOut(secret, body, nowSeconds - 301);

    const result = await verifyFarOutSignature(secret, bytes(body), header, now);

    expect(result).toMatchObject({ ok: false, reason: 'replay' });
  });

  it('refuses a signature whose time was changed after signing', async () => {
    const header = await signFarOut(secret, body, nowSeconds - 3600);
    const moved = header.replace(`t=${nowSeconds - 3600}`, `t=${nowSeconds}`);

    const result = await verifyFarOutSignature(secret, bytes(body), moved, now);

    expect(result).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('accepts any one of several v1 signatures, for secret rotation', async () => {
    const old = await signFarOut('old secret', body, nowSeconds);
    const current = await signFarOut(secret, body, nowSeconds);
    const both = `${old},${current.split(',')[1]}`;

    const result = await verifyFarOutSignature(secret, bytes(body), both, now);

    expect(result.ok).toBe(true);
  });

  it('refuses malformed headers', async () => {
    const headers = [undefined, '', 't=abc,v1=00', `t=${nowSeconds}`, 'v1=abcd'];

    const results = await Promise.all(
      headers.map((header) => verifyFarOutSignature(secret, bytes(body), header, now)),
    );

    expect(results.map((result) => result.ok)).toEqual([false, false, false, false, false]);
  });
});

describe('decoders', () => {
  it('reads base64 and hex, and refuses anything else', () => {
    expect(decodeBase64('AAEC/w==')).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect(decodeHex('0001ff')).toEqual(new Uint8Array([0, 1, 255]));
    expect([decodeBase64('AAE'), decodeHex('0g'), decodeHex('abc')]).toEqual([null, null, null]);
    expect(parseFarOutSignature('t=1,v1=zz')).toBeNull();
  });
});
