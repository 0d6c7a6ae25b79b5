import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DiscountTerms, type StoreRow, storeAdapterFor } from '../../src/stores';
import { SandboxStoreAdapter } from '../../src/stores/sandbox';
import created from '../fixtures/stores/shopify/discountCodeBasicCreate.ok.case.json';
import { jsonResponse, mockNetwork } from '../social/fetch-mock';

afterEach(() => {
  vi.restoreAllMocks();
});

const TERMS: DiscountTerms = {
  code: 'SHARE-7KQ2M9',
  title: 'Share reward',
  type: 'percentage',
  value: 15,
  currency: 'USD',
  usageLimit: 1,
  oncePerCustomer: true,
  startsAt: new Date('2025-03-01T12:00:00Z'),
  endsAt: null,
  minOrderMinor: null,
};

const store = (platform: StoreRow['platform'], domain = 'alice-shops.myshopify.com'): StoreRow => ({
  platform,
  name: 'Alice Shops',
  domain,
});

describe('storeAdapterFor', () => {
  it('switches codes on at once for sandbox stores, calling nothing', async () => {
    const { requests } = mockNetwork(() => undefined);

    const adapter = storeAdapterFor(store('sandbox'), null);
    const result = await adapter.activateCode(TERMS, 'sub_1');

    expect(adapter).toBeInstanceOf(SandboxStoreAdapter);
    expect(result).toEqual({ ok: true, value: { externalId: TERMS.code, alreadyExisted: false } });
    expect(await adapter.testConnection()).toEqual({
      ok: true,
      value: { shopName: 'Alice Shops' },
    });
    expect(requests).toEqual([]);
  });

  it('keeps a campaign in test mode away from the real store', () => {
    const adapter = storeAdapterFor(
      store('shopify'),
      { accessToken: 'shpat_x' },
      { testMode: true },
    );

    expect(adapter).toBeInstanceOf(SandboxStoreAdapter);
  });

  it('calls Shopify on the row’s domain with the opened token', async () => {
    const { requests } = mockNetwork(() => jsonResponse(created.response));

    const adapter = storeAdapterFor(store('shopify'), { accessToken: 'shpat_abc' });
    await adapter.activateCode(TERMS, 'sub_1');

    expect(new URL(requests[0]?.url ?? '').host).toBe('alice-shops.myshopify.com');
    expect(requests[0]?.headers.get('x-shopify-access-token')).toBe('shpat_abc');
  });

  it('calls WooCommerce at https://<domain> unless a site address is given', async () => {
    const { requests } = mockNetwork(() => jsonResponse({ id: 1, code: TERMS.code }, 201));
    const keys = { consumerKey: 'ck_1a2b', consumerSecret: 'cs_3c4d' };

    await storeAdapterFor(store('woocommerce', 'shop.alice.com'), keys).activateCode(TERMS, 'k');
    await storeAdapterFor(store('woocommerce', 'alice.com'), {
      ...keys,
      siteUrl: 'https://alice.com/shop',
    }).activateCode(TERMS, 'k');

    expect(requests.map((request) => request.url)).toEqual([
      'https://shop.alice.com/wp-json/wc/v3/coupons',
      'https://alice.com/shop/wp-json/wc/v3/coupons',
    ]);
  });

  it('answers auth to every call when the credentials are missing or incomplete', async () => {
    const { requests } = mockNetwork(() => undefined);
    const adapters = [
      storeAdapterFor(store('shopify'), null),
      storeAdapterFor(store('woocommerce'), { consumerKey: 'ck_1' }),
      storeAdapterFor(store('webhook'), { url: 'https://hooks.alice.com/x', secret: 'short' }),
    ];

    const results = await Promise.all(
      adapters.flatMap((adapter) => [
        adapter.activateCode(TERMS, 'k'),
        adapter.deactivateCode(TERMS.code, null),
        adapter.testConnection(),
      ]),
    );

    expect(results.map((result) => !result.ok && result.failure.kind)).toEqual(
      Array(9).fill('auth'),
    );
    expect(requests).toEqual([]);
  });

  it('names a webhook store after the row', async () => {
    mockNetwork(() => new Response(null, { status: 200 }));
    const credentials = { url: 'https://hooks.alice.com/farout', secret: 'whsec_0123456789abcdef' };

    const result = await storeAdapterFor(store('webhook'), credentials).testConnection();

    expect(result).toEqual({ ok: true, value: { shopName: 'Alice Shops' } });
  });
});
