import { eq } from 'drizzle-orm';
import { beforeAll, expect } from 'vitest';
import { stores } from '../../src/db/schema';
import { hmacSha256, toHex } from '../helpers/hmac';
import { db, seedMerchant } from '../helpers/seed';
import { signBase64, signFarOut } from '../webhooks/send';
import { type BadRequest, describeCorpus, expectRefused, get, HOSTILE_TEXT } from './corpus';
import { giveWebhookSecret, WEBHOOK_SECRET } from './fixtures';

type Stores = { custom: string; shopify: string; woocommerce: string; bare: string };
let ids: Stores;

/** One store of each kind that signs its webhooks, and one that has no secret at all. */
async function webhookStores(): Promise<Stores> {
  const [custom, shopify, woocommerce, bare] = await Promise.all(
    [1, 2, 3, 4].map(async () => (await seedMerchant()).store.id),
  );
  if (!custom || !shopify || !woocommerce || !bare) throw new Error('stores were not seeded');
  await db().update(stores).set({ platform: 'webhook' }).where(eq(stores.id, custom));
  await db().update(stores).set({ platform: 'shopify' }).where(eq(stores.id, shopify));
  await db().update(stores).set({ platform: 'woocommerce' }).where(eq(stores.id, woocommerce));
  await Promise.all(
    [custom, shopify, woocommerce].map((id) => giveWebhookSecret(id, WEBHOOK_SECRET)),
  );
  return { custom, shopify, woocommerce, bare };
}

beforeAll(async () => {
  ids = await webhookStores();
});

const now = () => Math.floor(Date.now() / 1000);

/** A delivery as a server sends it: no Origin, no cookie, the body's bytes as they are. */
function deliver(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return new Request(new URL(path, 'http://farout.test'), {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const ORDER = JSON.stringify({
  order_id: 'ord_1',
  codes: ['SHARE-ABCDEFGH'],
  amount: '12.34',
  currency: 'EUR',
  ordered_at: new Date().toISOString(),
});

// The route signs lazily, so each case is built from a body and the signature's time.
type Signed = { body: string | Uint8Array; at?: () => number; secret?: string };

/** `FarOut-Signature` over the exact bytes, which need not be text. */
async function signBytes(secret: string, body: Uint8Array, unixSeconds: number) {
  const signed = new Uint8Array([...new TextEncoder().encode(`${unixSeconds}.`), ...body]);
  return `t=${unixSeconds},v1=${toHex(await hmacSha256(secret, signed))}`;
}

async function farOutSigned(path: string, { body, at = now, secret = WEBHOOK_SECRET }: Signed) {
  const signature =
    typeof body === 'string'
      ? await signFarOut(secret, body, at())
      : await signBytes(secret, body, at());
  return deliver(path, body, { 'FarOut-Signature': signature });
}

const custom = () => `/webhooks/orders/${ids.custom}`;
const NOT_JSON = /The body is not JSON/;
const FIELDS = /does not have the expected fields/;

/** Cases whose request needs a signature computed first; all but `page` ones answer JSON. */
type AsyncCase = Omit<BadRequest, 'send'> & { build: () => Promise<Request>; page?: true };

const ORDERS: AsyncCase[] = [
  {
    name: 'an order for a store that does not exist',
    build: async () => deliver('/webhooks/orders/sto_nope', ORDER),
    status: 404,
    says: /No store with this id takes these webhooks/,
  },
  {
    name: 'an order for a store id that is SQL',
    build: async () => deliver(`/webhooks/orders/${encodeURIComponent(HOSTILE_TEXT.sql)}`, ORDER),
    status: 404,
    says: /No store with this id/,
  },
  {
    name: 'an order without a signature',
    build: async () => deliver(custom(), ORDER),
    status: 401,
    says: /FarOut-Signature header is missing or malformed/,
  },
  {
    name: 'an order with a signature header that is a script',
    build: async () => deliver(custom(), ORDER, { 'FarOut-Signature': HOSTILE_TEXT.script }),
    status: 401,
    says: /missing or malformed/,
  },
  {
    name: 'an order signed with another secret',
    build: () => farOutSigned(custom(), { body: ORDER, secret: 'not-the-secret' }),
    status: 401,
    says: /The signature does not match the body/,
  },
  {
    name: 'an order signed ten minutes ago',
    build: () => farOutSigned(custom(), { body: ORDER, at: () => now() - 600 }),
    status: 409,
    says: /more than five minutes from ours/,
  },
  {
    name: 'an order to a store with no webhook secret',
    build: () => farOutSigned(`/webhooks/orders/${ids.bare}`, { body: ORDER }),
    status: 401,
    says: /no webhook secret set up/,
  },
  ...(
    [
      ['that is not JSON', 'order_id=1', NOT_JSON],
      ['cut off halfway', ORDER.slice(0, 40), NOT_JSON],
      ['of JSON null', 'null', FIELDS],
      ['of an empty object', '{}', FIELDS],
      ['with a script as the amount', ORDER.replace('12.34', HOSTILE_TEXT.script), /./],
      ['with SQL as the currency', ORDER.replace('"EUR"', JSON.stringify(HOSTILE_TEXT.sql)), /./],
      ['with codes that are not a list', ORDER.replace('["SHARE-ABCDEFGH"]', '"SHARE"'), FIELDS],
    ] as const
  ).map(([what, body, says]) => ({
    name: `a signed order ${what}`,
    build: () => farOutSigned(custom(), { body }),
    status: 400,
    says,
  })),
  {
    name: 'a signed order in bytes that are not UTF-8',
    build: () =>
      farOutSigned(custom(), { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x22, 0xc3, 0x28, 0x7d]) }),
    status: 400,
    says: /./,
  },
  {
    name: 'an order of 5 MiB, refused before its signature is checked',
    build: async () => deliver(custom(), `{"pad":"${'a'.repeat(5 * 1024 * 1024)}"}`),
    status: 413,
    says: /larger than any order we accept/,
  },
];

const shopify = () => `/webhooks/shopify/${ids.shopify}`;
const woo = () => `/webhooks/woocommerce/${ids.woocommerce}`;

const PLATFORMS: AsyncCase[] = [
  {
    name: 'a Shopify delivery to a store that is not on Shopify',
    build: async () => deliver(`/webhooks/shopify/${ids.custom}`, '{}'),
    status: 404,
    says: /No store with this id takes these webhooks/,
  },
  {
    name: 'a Shopify delivery without its HMAC',
    build: async () => deliver(shopify(), '{}', { 'X-Shopify-Topic': 'orders/create' }),
    status: 401,
    says: /X-Shopify-Hmac-Sha256 does not match the body/,
  },
  {
    name: 'a Shopify delivery signed for another body',
    build: async () =>
      deliver(shopify(), '{"id":2}', {
        'X-Shopify-Topic': 'orders/create',
        'X-Shopify-Hmac-Sha256': await signBase64(WEBHOOK_SECRET, '{"id":1}'),
      }),
    status: 401,
    says: /does not match the body/,
  },
  {
    name: 'a WooCommerce delivery to a Shopify store',
    build: async () => deliver(`/webhooks/woocommerce/${ids.shopify}`, '{}'),
    status: 404,
    says: /No store with this id/,
  },
  {
    name: 'a WooCommerce delivery with a signature that is SQL',
    build: async () => deliver(woo(), '{}', { 'X-WC-Webhook-Signature': HOSTILE_TEXT.sql }),
    status: 401,
    says: /X-WC-Webhook-Signature does not match the body/,
  },
  {
    name: 'an Instagram delivery for a store that does not exist',
    build: async () => deliver('/webhooks/instagram/sto_nope', '{}'),
    status: 404,
    says: /No store with this id takes these webhooks/,
  },
  {
    name: 'an Instagram delivery to a store without an app secret',
    build: async () => deliver(`/webhooks/instagram/${ids.custom}`, '{}'),
    status: 401,
    says: /has not set up its Instagram app secret/,
  },
  {
    name: 'an Instagram delivery of 2 MiB',
    build: async () => deliver(`/webhooks/instagram/${ids.custom}`, 'a'.repeat(2 * 1024 * 1024)),
    status: 413,
    says: /larger than any mentions delivery/,
  },
  {
    name: 'an Instagram handshake with a wrong verify token',
    build: async () =>
      get(
        `/webhooks/instagram/${ids.custom}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=42`,
      ),
    status: 403,
    says: /verify token/,
  },
  {
    name: 'an Instagram handshake without a mode',
    build: async () => get(`/webhooks/instagram/${ids.custom}?hub.challenge=42`),
    status: 403,
    says: /verify token/,
  },
  {
    name: 'an order webhook read with GET',
    build: async () => get(custom()),
    page: true,
    status: 404,
    says: /mistyped, or the page has moved/,
  },
];

/** Sends a signed or unsigned delivery; all but page cases must answer JSON with the reason. */
async function expectWebhookRefused(entry: AsyncCase) {
  const request = await entry.build();

  const body = await expectRefused({ ...entry, send: () => request });

  if (entry.page) expect(body).toMatch(/<html/);
  else expect(JSON.parse(body)).toMatchObject({ status: entry.status, error: entry.says });
}

describeCorpus(
  'hostile webhooks: %s',
  [
    ['orders in our own format', ORDERS],
    ['store platforms and Instagram', PLATFORMS],
  ],
  expectWebhookRefused,
);
