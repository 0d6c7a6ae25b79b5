import { SHOPIFY_API_VERSION } from '../../src/stores/shopify';
import created from '../fixtures/stores/shopify/discountCodeBasicCreate.ok.case.json';
import taken from '../fixtures/stores/shopify/discountCodeBasicCreate.taken.case.json';
import throttled from '../fixtures/stores/shopify/throttled.case.json';
import type { FakeSystem } from '../helpers/fault-fetch';
import type { Prng } from '../helpers/prng';

/**
 * One Shopify shop's Admin GraphQL API, as far as switching a code on goes: a create makes the
 * discount once, and any later create of the same code is answered TAKEN, as Shopify does, so a
 * retry after a lost answer finds the code instead of making a second one.
 */

type Discount = { id: string; code: string; title: string };
type GraphqlCall = {
  query: string;
  variables: { code?: string; basicCodeDiscount?: { code: string; title: string } };
};

export type FakeShopify = ReturnType<typeof fakeShopify>;

// A short Retry-After is sat out inside the call (src/stores/http.ts), a long one is scheduled.
const RETRY_AFTER = ['0.2', '30.0'];

function rateLimited(random: Prng): Response {
  if (random.chance(0.5)) return Response.json(throttled.response);
  const body = {
    errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume.',
  };
  return Response.json(body, { status: 429, headers: { 'Retry-After': random.pick(RETRY_AFTER) } });
}

/** The shop at `domain`, taking calls made with `accessToken`. */
export function fakeShopify(domain: string, accessToken: string) {
  const discounts = new Map<string, Discount>();
  /** How many times a create of each code reached the shop, TAKEN answers included. */
  const createCalls = new Map<string, number>();
  /** How many discounts each code was made into: the truth "activated more than once" reads. */
  const made = new Map<string, number>();
  const unknownQueries: string[] = [];

  function create(input: { code: string; title: string }): Response {
    createCalls.set(input.code, (createCalls.get(input.code) ?? 0) + 1);
    if (discounts.has(input.code)) return Response.json(taken.response);

    const id = `gid://shopify/DiscountCodeNode/${1_357_000_000 + discounts.size}`;
    discounts.set(input.code, { id, ...input });
    made.set(input.code, (made.get(input.code) ?? 0) + 1);
    const answer = structuredClone(created.response);
    answer.data.discountCodeBasicCreate.codeDiscountNode.id = id;
    return Response.json(answer);
  }

  function find(code: string): Response {
    const found = discounts.get(code);
    const node = found && { id: found.id, codeDiscount: { title: found.title, status: 'ACTIVE' } };
    return Response.json({ data: { codeDiscountNodeByCode: node ?? null } });
  }

  const system: FakeSystem = {
    name: 'shopify',
    hosts: [domain],
    rateLimited,
    async answer(request) {
      const path = new URL(request.url).pathname;
      if (request.method !== 'POST' || path !== `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`) {
        return Response.json({ errors: 'Not Found' }, { status: 404 });
      }
      if (request.headers.get('X-Shopify-Access-Token') !== accessToken) {
        return Response.json({ errors: '[API] Invalid API key or access token' }, { status: 401 });
      }

      const { query, variables } = (await request.json()) as GraphqlCall;
      if (query.includes('discountCodeBasicCreate') && variables.basicCodeDiscount) {
        return create(variables.basicCodeDiscount);
      }
      if (query.includes('codeDiscountNodeByCode')) return find(variables.code ?? '');
      unknownQueries.push(query);
      return Response.json({ errors: [{ message: 'the fake shop does not know this call' }] });
    },
  };

  return { system, discounts, createCalls, made, unknownQueries };
}
