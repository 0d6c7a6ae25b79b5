import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { updateStore } from '../../src/db/console-stores';
import { maskSecret, seal } from '../../src/lib/credentials';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import {
  answers,
  CLIENT_SECRET,
  fieldError,
  INSTAGRAM,
  inputValue,
  noNetwork,
  openedCredentials,
  SHOP,
  seedStore,
  shopifyRefused,
  shopNameAnswer,
  storeRow,
  TOKEN,
  WOO_KEY,
  WOO_SECRET,
  WOO_SITE,
  wooAnswers,
  X_TOKEN,
} from '../helpers/console-stores';
import { db } from '../helpers/seed';

afterEach(() => {
  vi.restoreAllMocks();
});

const NEW_TOKEN = 'shpat_99999999999999999999999999999999';
const ORDER_SECRET = 'orders-secret-0123456789abcdefghij';

/** A merchant's Shopify store with every part of the credentials set. */
async function shopifyStore() {
  const seeded = await signedInMerchant();
  const secrets = {
    accessToken: TOKEN,
    webhookSecret: CLIENT_SECRET,
    instagram: INSTAGRAM,
    x: { bearerToken: X_TOKEN },
  };
  const store = await seedStore(seeded.merchant.id, 'shopify', secrets, { domain: SHOP });
  return { ...seeded, store, secrets };
}

const EVERY_SECRET = [
  TOKEN,
  CLIENT_SECRET,
  INSTAGRAM.accessToken,
  INSTAGRAM.appSecret,
  INSTAGRAM.verifyToken,
  X_TOKEN,
];

describe('a store’s page', () => {
  it('shows the details, the webhook address and masks, and never a stored secret', async () => {
    const { store, owner } = await shopifyStore();

    const response = await consoleGet(`/console/stores/${store.id}`, owner.cookie);

    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(SHOP);
    expect(inputValue(html, 'address-orders')).toBe(
      `http://farout.test/webhooks/shopify/${store.id}`,
    );
    expect(inputValue(html, 'address-instagram')).toBe(
      `http://farout.test/webhooks/instagram/${store.id}`,
    );
    expect(html).toContain('orders/create');
    expect(html).toContain(maskSecret(TOKEN));
    expect(maskSecret(TOKEN)).toMatch(/cdef$/);
    expect(html).toContain(`value="${INSTAGRAM.igUserId}"`);
    for (const secret of EVERY_SECRET) expect(html).not.toContain(secret);
  });

  it('gives a WooCommerce store its own webhook address, and says what is not set', async () => {
    const { merchant, owner } = await signedInMerchant();
    const store = await seedStore(merchant.id, 'woocommerce', {}, { domain: 'shop.example.com' });

    const html = await (await consoleGet(`/console/stores/${store.id}`, owner.cookie)).text();

    expect(inputValue(html, 'address-orders')).toBe(
      `http://farout.test/webhooks/woocommerce/${store.id}`,
    );
    expect(html).toContain('badge-failed">not set');
    expect(html).toContain('Order updated');
  });

  it('shows staff the details without the credential forms', async () => {
    const { merchant, store } = await shopifyStore();
    const staff = await seedMember(merchant.id, 'staff');

    const response = await consoleGet(`/console/stores/${store.id}`, staff.cookie);

    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Test the connection');
    expect(html).not.toContain(`action="/console/stores/${store.id}/connection"`);
    expect(html).toContain('Only an owner can change this store’s credentials.');
  });

  it('says the credentials cannot be read when they were sealed for another store', async () => {
    const { merchant, owner } = await signedInMerchant();
    const store = await seedStore(merchant.id, 'shopify', {}, { domain: SHOP });
    const foreign = await seal(env, { accessToken: TOKEN }, 'sto_someone_else');
    await updateStore(db(), merchant.id, store.id, store.credentialsCiphertext, {
      sealed: foreign,
    });

    const html = await (await consoleGet(`/console/stores/${store.id}`, owner.cookie)).text();

    expect(html).toContain('The stored credentials cannot be read');
    expect(html).not.toContain(TOKEN);
  });

  it('answers 404 for an unknown store and for another merchant’s store', async () => {
    const { owner } = await signedInMerchant();
    const other = await shopifyStore();

    const unknown = await consoleGet('/console/stores/sto_unknown', owner.cookie);
    const foreign = await consoleGet(`/console/stores/${other.store.id}`, owner.cookie);

    expect(unknown.status).toBe(404);
    expect(foreign.status).toBe(404);
    const html = await foreign.text();
    expect(html).toContain('There is no such store in your account.');
    expect(html).not.toContain(SHOP);
  });
});

describe('testing the connection', () => {
  it('shows the name the shop answers with', async () => {
    const { store, owner } = await shopifyStore();
    const network = answers(() => shopNameAnswer('Alice & Co'));

    const response = await consolePost(`/console/stores/${store.id}/test`, {}, owner.cookie);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('the store answered as “Alice &amp; Co”');
    expect(network.requests[0]?.headers.get('x-shopify-access-token')).toBe(TOKEN);
  });

  it('shows why the test call failed', async () => {
    const { store, owner } = await shopifyStore();
    answers(shopifyRefused);

    const html = await (
      await consolePost(`/console/stores/${store.id}/test`, {}, owner.cookie)
    ).text();

    expect(html).toContain('The test call failed. Shopify refused this token.');
  });

  it('lets staff test, since it changes nothing', async () => {
    const { merchant, store } = await shopifyStore();
    const staff = await seedMember(merchant.id, 'staff');
    answers(() => shopNameAnswer('Alice Shops'));

    const response = await consolePost(`/console/stores/${store.id}/test`, {}, staff.cookie);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('the store answered as “Alice Shops”');
  });

  it('sends a webhook store a signed ping', async () => {
    const { merchant, owner } = await signedInMerchant();
    const url = 'https://hooks.alice.example.com/farout';
    const store = await seedStore(merchant.id, 'webhook', { url, secret: ORDER_SECRET });
    const network = answers(() => new Response(null, { status: 204 }));

    const html = await (
      await consolePost(`/console/stores/${store.id}/test`, {}, owner.cookie)
    ).text();

    expect(html).toContain('the store answered as “Alice Shops”');
    expect(network.requests[0]?.url).toBe(url);
    expect(network.requests[0]?.headers.get('farout-signature')).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(JSON.parse(network.bodies[0] ?? '{}').type).toBe('ping');
  });
});

describe('replacing the credentials', () => {
  it('tests the new token, keeps the secrets left empty and the other parts', async () => {
    const { store, owner, secrets } = await shopifyStore();
    const network = answers(() => shopNameAnswer('Alice Renamed'));

    const response = await consolePost(
      `/console/stores/${store.id}/connection`,
      { shopDomain: SHOP, accessToken: NEW_TOKEN, clientSecret: '', currency: 'CAD' },
      owner.cookie,
    );

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(`/console/stores/${store.id}?saved=connection`);
    expect(network.requests[0]?.headers.get('x-shopify-access-token')).toBe(NEW_TOKEN);
    expect(await openedCredentials(store.id)).toEqual({ ...secrets, accessToken: NEW_TOKEN });
    expect(await storeRow(store.id)).toMatchObject({ name: 'Alice Renamed', currency: 'CAD' });
    const page = await consoleGet(response.headers.get('Location') ?? '', owner.cookie);
    expect(await page.text()).toContain('The store’s connection is saved.');
  });

  it('re-renders with the refusal and changes nothing when the new token is refused', async () => {
    const { store, owner } = await shopifyStore();
    answers(shopifyRefused);

    const response = await consolePost(
      `/console/stores/${store.id}/connection`,
      { shopDomain: SHOP, accessToken: NEW_TOKEN, clientSecret: '', currency: 'USD' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'accessToken')).toContain('Shopify refused this token.');
    expect(html).not.toContain(NEW_TOKEN);
    expect((await storeRow(store.id))?.credentialsCiphertext).toBe(store.credentialsCiphertext);
  });

  it('re-renders each invalid field, keeping the values typed, and calls nobody', async () => {
    const { store, owner } = await shopifyStore();
    const network = noNetwork();

    const response = await consolePost(
      `/console/stores/${store.id}/connection`,
      { shopDomain: 'alice.example.com', accessToken: 'nope', currency: '' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'shopDomain')).toContain('myshopify.com address');
    expect(fieldError(html, 'accessToken')).toContain('it starts with shpat_');
    expect(fieldError(html, 'currency')).toContain('three-letter code');
    expect(html).toContain('value="alice.example.com"');
    expect(network.requests).toHaveLength(0);
    expect((await storeRow(store.id))?.credentialsCiphertext).toBe(store.credentialsCiphertext);
  });

  it('refuses a domain another of the merchant’s stores has', async () => {
    const { merchant, owner } = await signedInMerchant();
    const store = await seedStore(merchant.id, 'sandbox', { webhookSecret: ORDER_SECRET });
    await seedStore(merchant.id, 'sandbox', {}, { domain: 'taken.example.com' });

    const response = await consolePost(
      `/console/stores/${store.id}/connection`,
      { name: 'Practice', domain: 'taken.example.com', currency: 'USD' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    expect(fieldError(await response.text(), 'domain')).toBe(
      'You have already connected a store at taken.example.com.',
    );
    expect((await storeRow(store.id))?.domain).toBe(store.domain);
  });

  it('prefills a WooCommerce store’s address and keeps its order secret', async () => {
    const { merchant, owner } = await signedInMerchant();
    const secrets = {
      consumerKey: WOO_KEY,
      consumerSecret: WOO_SECRET,
      siteUrl: `${WOO_SITE}/shop`,
      webhookSecret: ORDER_SECRET,
    };
    const store = await seedStore(merchant.id, 'woocommerce', secrets, {
      domain: 'shop.example.com',
    });
    const newKey = 'ck_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    answers(...wooAnswers('Alice Woo'));

    const page = await (await consoleGet(`/console/stores/${store.id}`, owner.cookie)).text();
    const response = await consolePost(
      `/console/stores/${store.id}/connection`,
      { siteUrl: `${WOO_SITE}/shop`, consumerKey: newKey, consumerSecret: '', currency: 'USD' },
      owner.cookie,
    );

    expect(page).toContain(`value="${WOO_SITE}/shop"`);
    expect(page).not.toContain(ORDER_SECRET);
    expect(response.status).toBe(303);
    expect(await openedCredentials(store.id)).toEqual({ ...secrets, consumerKey: newKey });
  });

  it('refuses staff with 403 and changes nothing', async () => {
    const { merchant, store } = await shopifyStore();
    const staff = await seedMember(merchant.id, 'staff');
    const network = noNetwork();

    const response = await consolePost(
      `/console/stores/${store.id}/connection`,
      { shopDomain: SHOP, accessToken: NEW_TOKEN, currency: 'USD' },
      staff.cookie,
    );

    expect(response.status).toBe(403);
    expect(network.requests).toHaveLength(0);
    expect((await storeRow(store.id))?.credentialsCiphertext).toBe(store.credentialsCiphertext);
  });
});

const instagramForm = {
  igUserId: INSTAGRAM.igUserId,
  igAccessToken: INSTAGRAM.accessToken,
  igAppSecret: INSTAGRAM.appSecret,
  igVerifyToken: INSTAGRAM.verifyToken,
};

describe('the Instagram and X credentials', () => {
  it('seals the Instagram part into the store’s credentials, keeping the rest', async () => {
    const { merchant, owner } = await signedInMerchant();
    const secrets = { accessToken: TOKEN, webhookSecret: CLIENT_SECRET };
    const store = await seedStore(merchant.id, 'shopify', secrets, { domain: SHOP });

    const response = await consolePost(
      `/console/stores/${store.id}/instagram`,
      instagramForm,
      owner.cookie,
    );

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(`/console/stores/${store.id}?saved=instagram`);
    expect(await openedCredentials(store.id)).toEqual({ ...secrets, instagram: INSTAGRAM });
  });

  it('keeps the stored Instagram secrets that are left empty', async () => {
    const { store, owner, secrets } = await shopifyStore();

    const response = await consolePost(
      `/console/stores/${store.id}/instagram`,
      { igUserId: '17841400000000999', igAccessToken: '', igAppSecret: '', igVerifyToken: '' },
      owner.cookie,
    );

    expect(response.status).toBe(303);
    expect(await openedCredentials(store.id)).toEqual({
      ...secrets,
      instagram: { ...INSTAGRAM, igUserId: '17841400000000999' },
    });
  });

  it('re-renders each invalid Instagram field, and asks for every secret the first time', async () => {
    const { merchant, owner } = await signedInMerchant();
    const store = await seedStore(merchant.id, 'sandbox', { webhookSecret: ORDER_SECRET });

    const response = await consolePost(
      `/console/stores/${store.id}/instagram`,
      { igUserId: 'alice', igAccessToken: '', igAppSecret: 'not-hex', igVerifyToken: 'short' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'igUserId')).toContain('numeric user id');
    expect(fieldError(html, 'igAccessToken')).toBe('Paste the Instagram access token.');
    expect(fieldError(html, 'igAppSecret')).toContain('32 letters and digits');
    expect(fieldError(html, 'igVerifyToken')).toContain('at least 8 characters');
    expect(html).toContain('value="alice"');
    expect(html).not.toContain('not-hex');
    expect((await storeRow(store.id))?.credentialsCiphertext).toBe(store.credentialsCiphertext);
  });

  it('saves and removes the X bearer token', async () => {
    const { merchant, owner } = await signedInMerchant();
    const store = await seedStore(merchant.id, 'sandbox', { webhookSecret: ORDER_SECRET });

    const saved = await consolePost(
      `/console/stores/${store.id}/x`,
      { xBearerToken: X_TOKEN },
      owner.cookie,
    );
    const afterSave = await openedCredentials(store.id);
    const removed = await consolePost(`/console/stores/${store.id}/x/remove`, {}, owner.cookie);

    expect(saved.status).toBe(303);
    expect(afterSave).toEqual({ webhookSecret: ORDER_SECRET, x: { bearerToken: X_TOKEN } });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('Location')).toBe(`/console/stores/${store.id}?saved=x-removed`);
    expect(await openedCredentials(store.id)).toEqual({ webhookSecret: ORDER_SECRET });
  });

  it('re-renders with an error when the X token is empty', async () => {
    const { merchant, owner } = await signedInMerchant();
    const store = await seedStore(merchant.id, 'sandbox', {});

    const response = await consolePost(
      `/console/stores/${store.id}/x`,
      { xBearerToken: ' ' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    expect(fieldError(await response.text(), 'xBearerToken')).toBe(
      'Paste the bearer token of your X app.',
    );
  });

  it('removes the Instagram part and keeps the rest', async () => {
    const { store, owner, secrets } = await shopifyStore();

    const response = await consolePost(
      `/console/stores/${store.id}/instagram/remove`,
      {},
      owner.cookie,
    );

    expect(response.status).toBe(303);
    const { instagram: _removed, ...rest } = secrets;
    expect(await openedCredentials(store.id)).toEqual(rest);
  });
});

describe('making a new secret', () => {
  it('replaces the order secret and shows the new one once', async () => {
    const { merchant, owner } = await signedInMerchant();
    const store = await seedStore(merchant.id, 'sandbox', { webhookSecret: ORDER_SECRET });

    const response = await consolePost(
      `/console/stores/${store.id}/secrets/webhookSecret`,
      {},
      owner.cookie,
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const html = await response.text();
    const stored = await openedCredentials(store.id);
    expect(stored?.webhookSecret).not.toBe(ORDER_SECRET);
    expect(inputValue(html, 'revealed-webhookSecret')).toBe(stored?.webhookSecret);
    expect(html).not.toContain(ORDER_SECRET);
  });

  it('answers 404 for a secret the store’s kind does not have', async () => {
    const { store, owner } = await shopifyStore();

    const orders = await consolePost(
      `/console/stores/${store.id}/secrets/webhookSecret`,
      {},
      owner.cookie,
    );
    const other = await consolePost(
      `/console/stores/${store.id}/secrets/accessToken`,
      {},
      owner.cookie,
    );

    expect([orders.status, other.status]).toEqual([404, 404]);
    expect((await storeRow(store.id))?.credentialsCiphertext).toBe(store.credentialsCiphertext);
  });
});

describe('saving over a change made meanwhile', () => {
  it('refuses to save credentials sealed over a ciphertext that has been replaced', async () => {
    const { merchant, store } = await shopifyStore();
    const first = await seal(env, { accessToken: NEW_TOKEN }, store.id);
    const second = await seal(env, { accessToken: TOKEN }, store.id);
    await updateStore(db(), merchant.id, store.id, store.credentialsCiphertext, { sealed: first });

    const stale = await updateStore(db(), merchant.id, store.id, store.credentialsCiphertext, {
      sealed: second,
    });

    expect(stale).toMatchObject({ ok: false, reason: 'changed' });
    expect(await openedCredentials(store.id)).toEqual({ accessToken: NEW_TOKEN });
  });
});

const OWNER_POSTS = [
  ['connection', { name: 'x', domain: 'x.example.com', currency: 'USD' }],
  ['instagram', instagramForm],
  ['instagram/remove', {}],
  ['x', { xBearerToken: X_TOKEN }],
  ['x/remove', {}],
  ['secrets/webhookSecret', {}],
] as const;

describe('who may do what', () => {
  it('answers 404 on every route for another merchant’s store, changing nothing', async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();
    const store = await seedStore(other.merchant.id, 'sandbox', { webhookSecret: ORDER_SECRET });
    const network = noNetwork();

    const page = await consoleGet(`/console/stores/${store.id}`, owner.cookie);
    const test = await consolePost(`/console/stores/${store.id}/test`, {}, owner.cookie);
    const posts = await Promise.all(
      OWNER_POSTS.map(([path, fields]) =>
        consolePost(`/console/stores/${store.id}/${path}`, { ...fields }, owner.cookie),
      ),
    );

    expect([page, test, ...posts].map((response) => response.status)).toEqual(
      Array(OWNER_POSTS.length + 2).fill(404),
    );
    expect(await storeRow(store.id)).toMatchObject(store);
    expect(network.requests).toHaveLength(0);
  });

  it('refuses staff with 403 on every change, changing nothing', async () => {
    const { merchant } = await signedInMerchant();
    const staff = await seedMember(merchant.id, 'staff');
    const store = await seedStore(merchant.id, 'sandbox', { webhookSecret: ORDER_SECRET });

    const posts = await Promise.all(
      OWNER_POSTS.map(([path, fields]) =>
        consolePost(`/console/stores/${store.id}/${path}`, { ...fields }, staff.cookie),
      ),
    );

    expect(posts.map((response) => response.status)).toEqual(Array(OWNER_POSTS.length).fill(403));
    expect((await storeRow(store.id))?.credentialsCiphertext).toBe(store.credentialsCiphertext);
  });

  it('sends a signed-out visit to sign in and refuses a signed-out post with 401', async () => {
    const { merchant } = await signedInMerchant();
    const store = await seedStore(merchant.id, 'sandbox', { webhookSecret: ORDER_SECRET });

    const page = await consoleGet(`/console/stores/${store.id}`);
    const posts = await Promise.all(
      [...OWNER_POSTS, ['test', {}] as const].map(([path, fields]) =>
        consolePost(`/console/stores/${store.id}/${path}`, { ...fields }),
      ),
    );

    expect(page.status).toBe(303);
    expect(page.headers.get('Location')).toContain('/console/sign-in?next=');
    expect(posts.map((response) => response.status)).toEqual(
      Array(OWNER_POSTS.length + 1).fill(401),
    );
    expect((await storeRow(store.id))?.credentialsCiphertext).toBe(store.credentialsCiphertext);
  });
});
