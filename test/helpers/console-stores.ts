import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { vi } from 'vitest';
import { stores } from '../../src/db/schema';
import { openStoreCredentials, seal } from '../../src/lib/credentials';
import { newId } from '../../src/lib/ids';
import duplicate from '../fixtures/stores/woocommerce/coupon-create.duplicate.json';
import created from '../fixtures/stores/woocommerce/coupon-create.response.json';
import { jsonResponse, mockNetwork } from '../social/fetch-mock';
import { db } from './seed';

export const SHOP = 'alice-shops.myshopify.com';
export const SHOPIFY_ENDPOINT = `https://${SHOP}/admin/api/2026-07/graphql.json`;
export const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
export const CLIENT_SECRET = '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';

export const WOO_SITE = 'https://shop.example.com';
export const WOO_KEY = 'ck_0123456789abcdef0123456789abcdef01234567';
export const WOO_SECRET = 'cs_76543210fedcba9876543210fedcba9876543210';

export const INSTAGRAM = {
  igUserId: '17841400000000001',
  accessToken: 'IGQWRPa1ZA0123456789abcdefghijklmnopqrstuvwxyz',
  appSecret: '0123456789abcdef0123456789abcdef',
  verifyToken: 'alice-verify-word-42',
};
export const X_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0123456789abcdefghijklmnop';

/** Shopify's answer to `shop { name }`, with the cost extension every answer carries. */
export function shopNameAnswer(name: string) {
  return jsonResponse({
    data: { shop: { name } },
    extensions: {
      cost: {
        requestedQueryCost: 1,
        actualQueryCost: 1,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1999, restoreRate: 100 },
      },
    },
  });
}

/** Shopify's answer to a revoked or mistyped Admin API token. */
export function shopifyRefused() {
  return jsonResponse(
    { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
    401,
  );
}

/** WooCommerce's coupon list (the key check) and the WordPress REST index naming the site. */
export function wooAnswers(siteName: string): Answer[] {
  return [
    () => jsonResponse([created.body]),
    () => jsonResponse({ name: siteName, url: WOO_SITE }),
  ];
}

/**
 * A fake answer, made when the request comes: workerd refuses a handler the body of a Response
 * made in the context of another request (the test's own).
 */
export type Answer = () => Response;

/**
 * Answers the requests in order; a request beyond them fails the test. Bodies are kept as the
 * text sent: a Request made inside the Worker's handler cannot be read from the test.
 */
export function answers(...responses: Answer[]) {
  const requests: Request[] = [];
  const bodies: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    requests.push(new Request(input, init));
    bodies.push(typeof init?.body === 'string' ? init.body : '');
    const answer = responses.shift();
    if (!answer) throw new Error(`no fake answer for ${String(input)}`);
    return answer();
  });
  return { requests, bodies };
}

/** A network that no request may reach. */
export function noNetwork() {
  return mockNetwork(() => undefined);
}

/** WooCommerce refusing a key pair, in the WP error envelope of the samples. */
export function wooRefused() {
  return jsonResponse(
    {
      ...duplicate.body,
      code: 'woocommerce_rest_cannot_view',
      message: 'Sorry, you cannot list resources.',
      data: { status: 401 },
    },
    401,
  );
}

type StoreOverrides = Partial<typeof stores.$inferInsert>;

/** A store of `merchantId` whose credentials are `secrets`, sealed as the console seals them. */
export async function seedStore(
  merchantId: string,
  platform: (typeof stores.$inferInsert)['platform'],
  secrets: Record<string, unknown>,
  overrides: StoreOverrides = {},
) {
  const id = newId('sto');
  const sealed = await seal(env, secrets, id);
  const store = {
    id,
    merchantId,
    platform,
    name: 'Alice Shops',
    domain: `${id.slice(4).toLowerCase()}.example.com`,
    currency: 'USD',
    credentialsCiphertext: sealed.ciphertext,
    credentialsKeyId: sealed.keyId,
    ...overrides,
  };
  await db().insert(stores).values(store);
  return store;
}

/** The stored row of `storeId`. */
export async function storeRow(storeId: string) {
  return db().query.stores.findFirst({ where: eq(stores.id, storeId) });
}

/** The opened credentials of `storeId`, as the rest of FarOut opens them. */
export async function openedCredentials(storeId: string) {
  const row = await storeRow(storeId);
  return row ? openStoreCredentials(env, row) : null;
}

/** The stores of `merchantId`. */
export function storesOf(merchantId: string) {
  return db().select().from(stores).where(eq(stores.merchantId, merchantId));
}

/** The error shown beside the field `name` of a rendered form, or undefined. */
export function fieldError(html: string, name: string): string | undefined {
  const match = new RegExp(`id="field-${name}-error"[^>]*>([\\s\\S]*?)</p>`).exec(html);
  return match?.[1];
}

/** The value of the read-only input `id` on a rendered page. */
export function inputValue(html: string, id: string): string | undefined {
  return new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1];
}
