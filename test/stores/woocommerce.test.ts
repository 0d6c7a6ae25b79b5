import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DiscountTerms } from '../../src/stores/types';
import { WooCommerceStoreAdapter } from '../../src/stores/woocommerce';
import duplicate from '../fixtures/stores/woocommerce/coupon-create.duplicate.json';
import sample from '../fixtures/stores/woocommerce/coupon-create.request.json';
import created from '../fixtures/stores/woocommerce/coupon-create.response.json';
import { jsonResponse, mockNetwork } from '../social/fetch-mock';

afterEach(() => {
  vi.restoreAllMocks();
});

const KEY = 'ck_0123456789abcdef0123456789abcdef01234567';
const SECRET = 'cs_76543210fedcba9876543210fedcba9876543210';
const SITE = new URL(sample.url).origin;
const COUPONS = `${SITE}/wp-json/wc/v3/coupons`;
const COUPON_ID = String(created.body.id);

// The terms the sample request stands for; its expiry has no zone, so it is read as UTC.
const TERMS: DiscountTerms = {
  code: sample.body.code,
  title: sample.body.description,
  type: 'percentage',
  value: Number(sample.body.amount),
  currency: 'USD',
  usageLimit: sample.body.usage_limit,
  oncePerCustomer: sample.body.usage_limit_per_user === 1,
  startsAt: new Date('2025-03-01T12:00:00Z'),
  endsAt: new Date(`${sample.body.date_expires}Z`),
  minOrderMinor: null,
};

function adapter(waits: number[] = []) {
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return new WooCommerceStoreAdapter({
    siteUrl: SITE,
    consumerKey: KEY,
    consumerSecret: SECRET,
    sleep,
  });
}

/** Answers the requests in order with `answers`. */
function wooAnswers(...answers: Response[]) {
  return mockNetwork(() => answers.shift());
}

describe('WooCommerceStoreAdapter.activateCode', () => {
  it('creates the coupon with Basic auth and the sample body, expiry in UTC', async () => {
    const { requests } = wooAnswers(jsonResponse(created.body, created.status));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toEqual({ ok: true, value: { externalId: COUPON_ID, alreadyExisted: false } });
    expect(requests.map((request) => [request.method, request.url])).toEqual([['POST', COUPONS]]);
    expect(requests[0]?.headers.get('authorization')).toBe(`Basic ${btoa(`${KEY}:${SECRET}`)}`);
    // Fields left at WooCommerce's defaults are not sent.
    const { exclude_sale_items, email_restrictions, ...sent } = sample.body;
    expect(await requests[0]?.json()).toEqual({ ...sent, date_expires: `${sent.date_expires}Z` });
  });

  it('sends a fixed amount and the minimum as strings, and leaves out empty limits', async () => {
    const { requests } = wooAnswers(jsonResponse(created.body, created.status));
    const terms: DiscountTerms = {
      ...TERMS,
      type: 'fixed_amount',
      value: 1250,
      usageLimit: null,
      endsAt: null,
      minOrderMinor: 4000,
    };

    await adapter().activateCode(terms, 'sub_1');

    const body = await requests[0]?.json();
    expect(body).toMatchObject({
      discount_type: 'fixed_cart',
      amount: '12.50',
      minimum_amount: '40.00',
    });
    expect(body).not.toHaveProperty('usage_limit');
    expect(body).not.toHaveProperty('date_expires');
  });

  it('finds the coupon an earlier try created when the code already exists', async () => {
    const { requests } = wooAnswers(
      jsonResponse(duplicate.body, duplicate.status),
      jsonResponse([created.body]),
    );

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toEqual({ ok: true, value: { externalId: COUPON_ID, alreadyExisted: true } });
    const lookup = new URL(requests[1]?.url ?? '');
    expect([requests[1]?.method, lookup.pathname, lookup.searchParams.get('code')]).toEqual([
      'GET',
      new URL(COUPONS).pathname,
      TERMS.code,
    ]);
  });

  it('refuses an existing code that gives another discount', async () => {
    wooAnswers(
      jsonResponse(duplicate.body, duplicate.status),
      jsonResponse([{ ...created.body, amount: '50.00' }]),
    );

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'rejected' } });
  });

  it('reports any other 400 as rejected, with the WooCommerce code', async () => {
    const invalid = { ...duplicate.body, code: 'rest_invalid_param' };
    wooAnswers(jsonResponse(invalid, 400));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toEqual({
      ok: false,
      failure: { kind: 'rejected', reason: expect.stringContaining('rest_invalid_param') },
    });
  });

  it('waits out a 429 with a short Retry-After, then succeeds', async () => {
    const { requests } = wooAnswers(
      new Response(null, { status: 429, headers: { 'retry-after': '1' } }),
      jsonResponse(created.body, created.status),
    );
    const waits: number[] = [];

    const result = await adapter(waits).activateCode(TERMS, 'sub_1');

    expect(waits).toEqual([1000]);
    expect(requests).toHaveLength(2);
    expect(result).toMatchObject({ ok: true, value: { externalId: COUPON_ID } });
  });

  it('hands a long Retry-After back to the caller', async () => {
    wooAnswers(new Response(null, { status: 429, headers: { 'retry-after': '120' } }));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'retry', retryAfterMs: 120_000 } });
  });

  it('retries later when the site is down (502)', async () => {
    wooAnswers(new Response('<html>Bad gateway</html>', { status: 502 }));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toEqual({ ok: false, failure: { kind: 'retry', reason: expect.any(String) } });
  });

  it('asks the merchant to reconnect on 401, without the keys in the reason', async () => {
    const refused = { ...duplicate.body, code: 'woocommerce_rest_authentication_error' };
    wooAnswers(jsonResponse(refused, 401));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'auth' } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('reports a site without the WooCommerce API as a connection problem', async () => {
    wooAnswers(jsonResponse({ ...duplicate.body, code: 'rest_no_route' }, 404));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'auth' } });
  });

  it('does not follow a redirect with the write', async () => {
    const moved = new Response(null, { status: 301, headers: { location: 'https://other.test/' } });
    const { requests } = wooAnswers(moved);

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(requests).toHaveLength(1);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'auth' } });
  });
});

describe('WooCommerceStoreAdapter deactivate and reactivate', () => {
  it('switches the coupon to draft, and back to publish', async () => {
    const { requests } = wooAnswers(
      jsonResponse({ ...created.body, status: 'draft' }),
      jsonResponse(created.body),
    );

    const off = await adapter().deactivateCode(TERMS.code, COUPON_ID);
    const on = await adapter().reactivateCode(TERMS.code, COUPON_ID);

    expect([off, on]).toEqual([
      { ok: true, value: { externalId: COUPON_ID } },
      { ok: true, value: { externalId: COUPON_ID } },
    ]);
    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ['PUT', `${COUPONS}/${COUPON_ID}`],
      ['PUT', `${COUPONS}/${COUPON_ID}`],
    ]);
    const sent = await Promise.all(requests.map((request) => request.json()));
    expect(sent).toEqual([{ status: 'draft' }, { status: 'publish' }]);
  });

  it('looks the coupon up by code when its id is not known', async () => {
    const { requests } = wooAnswers(
      jsonResponse([created.body]),
      jsonResponse({ ...created.body, status: 'draft' }),
    );

    const result = await adapter().deactivateCode(TERMS.code, null);

    expect(result).toEqual({ ok: true, value: { externalId: COUPON_ID } });
    expect(requests[1]?.url).toBe(`${COUPONS}/${COUPON_ID}`);
  });
});

describe('WooCommerceStoreAdapter.testConnection', () => {
  it('proves the keys by listing a coupon and names the site', async () => {
    const { requests } = wooAnswers(jsonResponse([created.body]), jsonResponse({ name: 'Alice' }));

    const result = await adapter().testConnection();

    expect(result).toEqual({ ok: true, value: { shopName: 'Alice' } });
    expect(requests[0]?.headers.get('authorization')).toMatch(/^Basic /);
    expect(requests[1]?.url).toBe(`${SITE}/wp-json/`);
  });

  it('reports refused keys as auth', async () => {
    wooAnswers(jsonResponse({ ...duplicate.body, code: 'woocommerce_rest_cannot_view' }, 403));

    const result = await adapter().testConnection();

    expect(result).toMatchObject({ ok: false, failure: { kind: 'auth' } });
  });
});
