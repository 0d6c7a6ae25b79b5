import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShopifyStoreAdapter } from '../../src/stores/shopify';
import type { DiscountTerms } from '../../src/stores/types';
import activated from '../fixtures/stores/shopify/discountCodeActivate.ok.case.json';
import created from '../fixtures/stores/shopify/discountCodeBasicCreate.ok.case.json';
import taken from '../fixtures/stores/shopify/discountCodeBasicCreate.taken.case.json';
import notFound from '../fixtures/stores/shopify/discountCodeDeactivate.not-found.case.json';
import deactivated from '../fixtures/stores/shopify/discountCodeDeactivate.ok.case.json';
import throttled from '../fixtures/stores/shopify/throttled.case.json';
import { jsonResponse, mockNetwork } from '../social/fetch-mock';

afterEach(() => {
  vi.restoreAllMocks();
});

const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
const SHOP = 'alice-shops.myshopify.com';
const ENDPOINT = `https://${SHOP}/admin/api/2026-07/graphql.json`;

// The terms that the sample request's variables were made from.
const sample = created.request.variables.basicCodeDiscount;
const TERMS: DiscountTerms = {
  code: sample.code,
  title: sample.title,
  type: 'percentage',
  value: Math.round(sample.customerGets.value.percentage * 100),
  currency: 'USD',
  usageLimit: sample.usageLimit,
  oncePerCustomer: sample.appliesOncePerCustomer,
  startsAt: new Date(sample.startsAt),
  endsAt: new Date(sample.endsAt),
  minOrderMinor: null,
};
const createdNode = created.response.data.discountCodeBasicCreate.codeDiscountNode;

function adapter(waits: number[] = []) {
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return new ShopifyStoreAdapter({ shopDomain: SHOP, accessToken: TOKEN, sleep });
}

/** Answers the requests in order with `answers`. */
function shopifyAnswers(...answers: Response[]) {
  return mockNetwork(() => answers.shift());
}

async function bodies(requests: Request[]) {
  return Promise.all(requests.map((request) => request.clone().json() as Promise<GraphqlBody>));
}
type GraphqlBody = { query: string; variables: Record<string, unknown> };

describe('ShopifyStoreAdapter.activateCode', () => {
  it('creates the code discount with the token header and the sample variables', async () => {
    const { requests } = shopifyAnswers(jsonResponse(created.response));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toEqual({
      ok: true,
      value: { externalId: createdNode.id, alreadyExisted: false },
    });
    expect(requests.map((request) => [request.method, request.url])).toEqual([['POST', ENDPOINT]]);
    expect(requests[0]?.headers.get('x-shopify-access-token')).toBe(TOKEN);
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    const [body] = await bodies(requests);
    expect(body?.query).toContain('discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount)');
    expect(body?.variables).toEqual(created.request.variables);
  });

  it('sends a fixed amount in major units, once per order, with the minimum subtotal', async () => {
    const { requests } = shopifyAnswers(jsonResponse(created.response));
    const terms: DiscountTerms = {
      ...TERMS,
      type: 'fixed_amount',
      value: 500,
      minOrderMinor: 2500,
    };

    await adapter().activateCode(terms, 'sub_1');

    const [body] = await bodies(requests);
    expect(body?.variables.basicCodeDiscount).toMatchObject({
      customerGets: {
        value: { discountAmount: { amount: '5.00', appliesOnEachItem: false } },
        items: { all: true },
      },
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: '25.00' } },
    });
  });

  it('finds the discount an earlier try created when the code is TAKEN', async () => {
    const lookup = { data: { codeDiscountNodeByCode: createdNode } };
    const { requests } = shopifyAnswers(jsonResponse(taken.response), jsonResponse(lookup));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toEqual({
      ok: true,
      value: { externalId: createdNode.id, alreadyExisted: true },
    });
    const [, second] = await bodies(requests);
    expect(second?.query).toContain('codeDiscountNodeByCode(code: $code)');
    expect(second?.variables).toEqual({ code: TERMS.code });
  });

  it('refuses a TAKEN code that belongs to another discount of the merchant', async () => {
    const other = {
      ...createdNode,
      codeDiscount: { ...createdNode.codeDiscount, title: 'Summer' },
    };
    const lookup = { data: { codeDiscountNodeByCode: other } };
    shopifyAnswers(jsonResponse(taken.response), jsonResponse(lookup));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'rejected' } });
  });

  it('reports any other user error as rejected, with Shopify’s message', async () => {
    const [error] = taken.response.data.discountCodeBasicCreate.userErrors;
    const answer = structuredClone(taken.response);
    answer.data.discountCodeBasicCreate.userErrors = [{ ...error, code: 'INVALID' } as never];
    shopifyAnswers(jsonResponse(answer));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toEqual({
      ok: false,
      failure: { kind: 'rejected', reason: expect.stringContaining(error?.message ?? '-') },
    });
  });

  it('waits out a throttle for the time the cost needs, then succeeds', async () => {
    const { requests } = shopifyAnswers(
      jsonResponse(throttled.response),
      jsonResponse(created.response),
    );
    const waits: number[] = [];

    const result = await adapter(waits).activateCode(TERMS, 'sub_1');

    // shopify.dev rate limits: the bucket refills at restoreRate points per second.
    const { requestedQueryCost, throttleStatus } = throttled.response.extensions.cost;
    const missing = requestedQueryCost - throttleStatus.currentlyAvailable;
    expect(waits).toEqual([Math.ceil((missing / throttleStatus.restoreRate) * 1000)]);
    expect(requests).toHaveLength(2);
    const [first, second] = await bodies(requests);
    expect(second).toEqual(first);
    expect(result).toMatchObject({ ok: true, value: { externalId: createdNode.id } });
  });

  it('hands a throttle with a long wait back to the caller as a retry', async () => {
    const slow = structuredClone(throttled.response);
    slow.extensions.cost.throttleStatus.restoreRate = 2;
    const { requests } = shopifyAnswers(jsonResponse(slow));
    const waits: number[] = [];

    const result = await adapter(waits).activateCode(TERMS, 'sub_1');

    const { requestedQueryCost, throttleStatus } = slow.extensions.cost;
    const wait = ((requestedQueryCost - throttleStatus.currentlyAvailable) / 2) * 1000;
    expect(result).toEqual({
      ok: false,
      failure: { kind: 'retry', reason: expect.any(String), retryAfterMs: wait },
    });
    expect(waits).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('reads the wait of an HTTP 429 from Retry-After', async () => {
    shopifyAnswers(jsonResponse(throttled.response, 429, { 'retry-after': '30.0' }));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'retry', retryAfterMs: 30_000 } });
  });

  it('retries later when Shopify is down (502) or unreachable', async () => {
    shopifyAnswers(new Response('<html>Bad gateway</html>', { status: 502 }));
    const down = await adapter().activateCode(TERMS, 'sub_1');
    vi.restoreAllMocks();
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('connection reset'));

    const unreachable = await adapter().activateCode(TERMS, 'sub_1');

    expect(down).toEqual({ ok: false, failure: { kind: 'retry', reason: expect.any(String) } });
    expect(unreachable).toMatchObject({ ok: false, failure: { kind: 'retry' } });
  });

  it('asks the merchant to reconnect on 401, without the token in the reason', async () => {
    shopifyAnswers(jsonResponse({ errors: '[API] Invalid API key or access token' }, 401));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'auth' } });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('asks for the permission when Shopify denies access to discounts', async () => {
    const denied = {
      errors: [{ message: 'Access denied', extensions: { code: 'ACCESS_DENIED' } }],
    };
    shopifyAnswers(jsonResponse(denied));

    const result = await adapter().activateCode(TERMS, 'sub_1');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'auth' } });
  });

  it('calls nothing for a shop that is not on myshopify.com', async () => {
    const { requests } = shopifyAnswers();
    const custom = new ShopifyStoreAdapter({ shopDomain: 'shop.example.com', accessToken: TOKEN });

    const result = await custom.activateCode(TERMS, 'sub_1');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'auth' } });
    expect(requests).toEqual([]);
  });
});

describe('ShopifyStoreAdapter deactivate and reactivate', () => {
  it('deactivates by the discount node id', async () => {
    const { requests } = shopifyAnswers(jsonResponse(deactivated.response));

    const result = await adapter().deactivateCode(TERMS.code, deactivated.request.variables.id);

    expect(result).toEqual({ ok: true, value: { externalId: deactivated.request.variables.id } });
    const [body] = await bodies(requests);
    expect(body?.query).toContain('discountCodeDeactivate(id: $id)');
    expect(body?.variables).toEqual(deactivated.request.variables);
  });

  it('looks the node up by code first when its id is not known', async () => {
    const lookup = { data: { codeDiscountNodeByCode: createdNode } };
    const { requests } = shopifyAnswers(jsonResponse(lookup), jsonResponse(deactivated.response));

    const result = await adapter().deactivateCode(TERMS.code, null);

    expect(result).toEqual({ ok: true, value: { externalId: createdNode.id } });
    const [, second] = await bodies(requests);
    expect(second?.variables).toEqual({ id: createdNode.id });
  });

  it('reports a discount Shopify does not have as rejected', async () => {
    shopifyAnswers(jsonResponse(notFound.response));

    const result = await adapter().deactivateCode(TERMS.code, notFound.request.variables.id);

    const [error] = notFound.response.data.discountCodeDeactivate.userErrors;
    expect(result).toEqual({
      ok: false,
      failure: { kind: 'rejected', reason: expect.stringContaining(error?.message ?? '-') },
    });
  });

  it('reactivates by the discount node id', async () => {
    const { requests } = shopifyAnswers(jsonResponse(activated.response));

    const result = await adapter().reactivateCode(TERMS.code, activated.request.variables.id);

    expect(result).toEqual({ ok: true, value: { externalId: activated.request.variables.id } });
    const [body] = await bodies(requests);
    expect(body?.query).toContain('discountCodeActivate(id: $id)');
  });
});

describe('ShopifyStoreAdapter.testConnection', () => {
  it('returns the shop name', async () => {
    const { requests } = shopifyAnswers(jsonResponse({ data: { shop: { name: 'Alice Shops' } } }));

    const result = await adapter().testConnection();

    expect(result).toEqual({ ok: true, value: { shopName: 'Alice Shops' } });
    expect(requests[0]?.headers.get('x-shopify-access-token')).toBe(TOKEN);
  });
});
