import { afterEach, describe, expect, it, vi } from 'vitest';
import { merchants } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import {
  answers,
  CLIENT_SECRET,
  fieldError,
  inputValue,
  noNetwork,
  openedCredentials,
  SHOP,
  SHOPIFY_ENDPOINT,
  seedStore,
  shopifyRefused,
  shopNameAnswer,
  storeRow,
  storesOf,
  TOKEN,
  WOO_KEY,
  WOO_SECRET,
  WOO_SITE,
  wooAnswers,
  wooRefused,
  X_TOKEN,
} from '../helpers/console-stores';
import { db } from '../helpers/seed';
import { mockNetwork } from '../social/fetch-mock';

afterEach(() => {
  vi.restoreAllMocks();
});

function storeIdFrom(response: Response): string {
  const match = /\/console\/stores\/(sto_[\w-]+)/.exec(response.headers.get('Location') ?? '');
  if (!match?.[1]) throw new Error('no store in the redirect');
  return match[1];
}

/** The store a page shows, from its test form's address. */
function storeIdOn(html: string): string {
  const match = /action="\/console\/stores\/(sto_[\w-]+)\/test"/.exec(html);
  if (!match?.[1]) throw new Error('no store on the page');
  return match[1];
}

describe('the store list', () => {
  it('lists the stores with platform, domain, currency and the credentials set', async () => {
    const { merchant, owner } = await signedInMerchant();
    await seedStore(
      merchant.id,
      'shopify',
      { accessToken: TOKEN, webhookSecret: CLIENT_SECRET, x: { bearerToken: X_TOKEN } },
      { domain: SHOP, name: 'Alice <Shops>', currency: 'EUR' },
    );

    const response = await consoleGet('/console/stores', owner.cookie);

    expect(response.status).toBe(200);
    const html = await response.text();
    const row = /<tr><td><a[^>]*>Alice &lt;Shops&gt;<\/a>.*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(row).toContain('Shopify');
    expect(row).toContain(SHOP);
    expect(row).toContain('EUR');
    expect(row).toMatch(/badge-active">set<\/span><\/td><td>not set<\/td><td>set<\/td>/);
    expect(html).toContain('Test Roasters Shop');
    expect(html).toContain('not needed');
    expect(html).toContain('href="/console/stores/new"');
  });

  it('shows an empty state with a link to connect a store', async () => {
    const merchant = { id: newId('mer'), name: 'Empty Co' };
    await db().insert(merchants).values(merchant);
    const { cookie } = await seedMember(merchant.id, 'owner');

    const html = await (await consoleGet('/console/stores', cookie)).text();

    expect(html).toContain('No store yet');
    expect(html).toContain('<a href="/console/stores/new">Connect a store</a>');
  });

  it('shows staff the list without the link to connect one', async () => {
    const { merchant } = await signedInMerchant();
    const staff = await seedMember(merchant.id, 'staff');

    const response = await consoleGet('/console/stores', staff.cookie);

    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Test Roasters Shop');
    expect(html).not.toContain('href="/console/stores/new"');
  });

  it('never lists another merchant’s stores', async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();
    await seedStore(other.merchant.id, 'sandbox', {}, { name: 'Someone Else’s Shop' });

    const html = await (await consoleGet('/console/stores', owner.cookie)).text();

    expect(html).not.toContain('Someone Else’s Shop');
  });

  it('sends a signed-out visitor to sign in', async () => {
    const response = await consoleGet('/console/stores');

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/console/sign-in?next=%2Fconsole%2Fstores');
  });
});

describe('choosing the kind of store', () => {
  it('offers the four kinds, each with its form', async () => {
    const { owner } = await signedInMerchant();

    const html = await (await consoleGet('/console/stores/new', owner.cookie)).text();
    const forms = await Promise.all(
      ['shopify', 'woocommerce', 'webhook', 'sandbox'].map((kind) =>
        consoleGet(`/console/stores/new/${kind}`, owner.cookie),
      ),
    );

    for (const kind of ['shopify', 'woocommerce', 'webhook', 'sandbox']) {
      expect(html).toContain(`href="/console/stores/new/${kind}"`);
    }
    expect(forms.map((form) => form.status)).toEqual([200, 200, 200, 200]);
    expect(await forms[0]?.text()).toContain('name="accessToken"');
  });

  it('answers 404 for a kind that does not exist', async () => {
    const { owner } = await signedInMerchant();

    const page = await consoleGet('/console/stores/new/magento', owner.cookie);
    const post = await consolePost('/console/stores/new/magento', { name: 'x' }, owner.cookie);

    expect(page.status).toBe(404);
    expect(post.status).toBe(404);
    expect(await page.text()).toContain('There is no such kind of store.');
  });

  it('refuses staff with 403, on the pages and on a post, and saves nothing', async () => {
    const { merchant } = await signedInMerchant();
    const staff = await seedMember(merchant.id, 'staff');
    const network = noNetwork();

    const chooser = await consoleGet('/console/stores/new', staff.cookie);
    const form = await consoleGet('/console/stores/new/sandbox', staff.cookie);
    const post = await consolePost(
      '/console/stores/new/sandbox',
      { name: 'Staff shop', domain: 'staff.example.com', currency: 'USD' },
      staff.cookie,
    );

    expect([chooser.status, form.status, post.status]).toEqual([403, 403, 403]);
    expect(await post.text()).toContain('Only an owner of this account can do this.');
    expect(await storesOf(merchant.id)).toHaveLength(1);
    expect(network.requests).toHaveLength(0);
  });

  it('refuses a signed-out post with 401', async () => {
    const response = await consolePost('/console/stores/new/sandbox', {
      name: 'Nobody',
      domain: 'nobody.example.com',
      currency: 'USD',
    });

    expect(response.status).toBe(401);
  });
});

const shopifyForm = {
  shopDomain: SHOP,
  accessToken: TOKEN,
  clientSecret: CLIENT_SECRET,
  currency: 'usd',
};

describe('connecting a Shopify store', () => {
  it('tests the token, names the store after the shop and seals what was typed', async () => {
    const { merchant, owner } = await signedInMerchant();
    const network = answers(() => shopNameAnswer('Alice Shops'));

    const response = await consolePost(
      '/console/stores/new/shopify',
      { ...shopifyForm, shopDomain: ` https://Alice-Shops.myshopify.com/ ` },
      owner.cookie,
    );

    expect(response.status).toBe(303);
    const storeId = storeIdFrom(response);
    expect(response.headers.get('Location')).toBe(`/console/stores/${storeId}?saved=connected`);
    expect(await storeRow(storeId)).toMatchObject({
      merchantId: merchant.id,
      platform: 'shopify',
      name: 'Alice Shops',
      domain: SHOP,
      currency: 'USD',
    });
    expect((await storeRow(storeId))?.credentialsCiphertext).not.toContain('shpat_');
    expect(await openedCredentials(storeId)).toEqual({
      accessToken: TOKEN,
      webhookSecret: CLIENT_SECRET,
    });
    const [call] = network.requests;
    expect([call?.method, call?.url]).toEqual(['POST', SHOPIFY_ENDPOINT]);
    expect(call?.headers.get('x-shopify-access-token')).toBe(TOKEN);
    expect(JSON.parse(network.bodies[0] ?? '{}').query).toContain('shop { name }');
  });

  it('re-renders the form with Shopify’s refusal beside the token and stores nothing', async () => {
    const { merchant, owner } = await signedInMerchant();
    answers(shopifyRefused);

    const response = await consolePost('/console/stores/new/shopify', shopifyForm, owner.cookie);

    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'accessToken')).toContain('Shopify refused this token.');
    expect(fieldError(html, 'accessToken')).toContain('HTTP 401');
    expect(html).toContain(`value="${SHOP}"`);
    expect(html).not.toContain(TOKEN);
    expect(html).not.toContain(CLIENT_SECRET);
    expect(await storesOf(merchant.id)).toHaveLength(1);
  });

  it('says so beside the shop address when the shop cannot be reached', async () => {
    const { merchant, owner } = await signedInMerchant();
    mockNetwork(() => {
      throw new TypeError('Network connection lost.');
    });

    const response = await consolePost('/console/stores/new/shopify', shopifyForm, owner.cookie);

    expect(response.status).toBe(422);
    const message = fieldError(await response.text(), 'shopDomain');
    expect(message).toContain(`We could not reach ${SHOP}`);
    expect(message).toContain('Network connection lost.');
    expect(await storesOf(merchant.id)).toHaveLength(1);
  });

  it('re-renders each invalid field with its message, keeping the values, and calls nobody', async () => {
    const { merchant, owner } = await signedInMerchant();
    const network = noNetwork();

    const response = await consolePost(
      '/console/stores/new/shopify',
      {
        shopDomain: 'alice.example.com',
        accessToken: 'abc123',
        clientSecret: 'short',
        currency: 'dollars',
      },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'shopDomain')).toContain('myshopify.com address');
    expect(fieldError(html, 'accessToken')).toContain('it starts with shpat_');
    expect(fieldError(html, 'clientSecret')).toContain('at least 16 characters');
    expect(fieldError(html, 'currency')).toContain('three-letter code');
    expect(html).toContain('value="alice.example.com"');
    expect(html).toContain('value="dollars"');
    expect(network.requests).toHaveLength(0);
    expect(await storesOf(merchant.id)).toHaveLength(1);
  });

  it('refuses a shop the merchant has connected already, beside the shop address', async () => {
    const { merchant, owner } = await signedInMerchant();
    await seedStore(merchant.id, 'shopify', { accessToken: TOKEN }, { domain: SHOP });
    answers(() => shopNameAnswer('Alice Shops'));

    const response = await consolePost('/console/stores/new/shopify', shopifyForm, owner.cookie);

    expect(response.status).toBe(422);
    expect(fieldError(await response.text(), 'shopDomain')).toBe(
      `You have already connected a store at ${SHOP}.`,
    );
    expect(await storesOf(merchant.id)).toHaveLength(2);
  });

  it('lets two merchants connect the same shop domain', async () => {
    const other = await signedInMerchant();
    await seedStore(other.merchant.id, 'shopify', { accessToken: TOKEN }, { domain: SHOP });
    const { merchant, owner } = await signedInMerchant();
    answers(() => shopNameAnswer('Alice Shops'));

    const response = await consolePost('/console/stores/new/shopify', shopifyForm, owner.cookie);

    expect(response.status).toBe(303);
    expect(await storesOf(merchant.id)).toHaveLength(2);
  });
});

const wooForm = {
  siteUrl: `${WOO_SITE}/`,
  consumerKey: WOO_KEY,
  consumerSecret: WOO_SECRET,
  currency: 'EUR',
};

describe('connecting a WooCommerce store', () => {
  it('tests the keys, seals them with a new order secret and shows that secret once', async () => {
    const { owner } = await signedInMerchant();
    const network = answers(...wooAnswers('Alice Woo'));

    const response = await consolePost('/console/stores/new/woocommerce', wooForm, owner.cookie);

    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const html = await response.text();
    const storeId = storeIdOn(html);
    const stored = await openedCredentials(storeId);
    expect(stored).toEqual({
      consumerKey: WOO_KEY,
      consumerSecret: WOO_SECRET,
      siteUrl: WOO_SITE,
      webhookSecret: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(inputValue(html, 'revealed-webhookSecret')).toBe(stored?.webhookSecret);
    expect(html).toContain('These secrets will not be shown again.');
    expect(html).toContain('data-copy="#revealed-webhookSecret"');
    expect(html).not.toContain(WOO_KEY);
    expect(html).not.toContain(WOO_SECRET);
    expect(await storeRow(storeId)).toMatchObject({
      platform: 'woocommerce',
      name: 'Alice Woo',
      domain: 'shop.example.com',
      currency: 'EUR',
    });
    expect(network.requests.map((request) => request.url)).toEqual([
      `${WOO_SITE}/wp-json/wc/v3/coupons?per_page=1`,
      `${WOO_SITE}/wp-json/`,
    ]);
    const basic = `Basic ${btoa(`${WOO_KEY}:${WOO_SECRET}`)}`;
    expect(network.requests[0]?.headers.get('authorization')).toBe(basic);

    const again = await (await consoleGet(`/console/stores/${storeId}`, owner.cookie)).text();

    expect(again).not.toContain(String(stored?.webhookSecret));
    expect(again).not.toContain('These secrets will not be shown again.');
  });

  it('re-renders the form with WooCommerce’s refusal beside the key and stores nothing', async () => {
    const { merchant, owner } = await signedInMerchant();
    answers(wooRefused);

    const response = await consolePost('/console/stores/new/woocommerce', wooForm, owner.cookie);

    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'consumerKey')).toContain('WooCommerce refused these keys.');
    expect(html).toContain(`value="${WOO_SITE}/"`);
    expect(html).not.toContain(WOO_SECRET);
    expect(await storesOf(merchant.id)).toHaveLength(1);
  });

  it('re-renders each invalid field with its message and calls nobody', async () => {
    const { owner } = await signedInMerchant();
    const network = noNetwork();

    const plain = await consolePost(
      '/console/stores/new/woocommerce',
      { siteUrl: 'http://shop.example.com', consumerKey: 'key', consumerSecret: 'secret' },
      owner.cookie,
    );
    const local = await consolePost(
      '/console/stores/new/woocommerce',
      { ...wooForm, siteUrl: 'https://shop.local' },
      owner.cookie,
    );

    expect(plain.status).toBe(422);
    const html = await plain.text();
    expect(fieldError(html, 'siteUrl')).toContain('Enter the site’s https address');
    expect(fieldError(html, 'consumerKey')).toContain('it starts with ck_');
    expect(fieldError(html, 'consumerSecret')).toContain('it starts with cs_');
    expect(fieldError(html, 'currency')).toBe('Enter a currency code.');
    expect(local.status).toBe(422);
    expect(fieldError(await local.text(), 'siteUrl')).toContain('not a public host name');
    expect(network.requests).toHaveLength(0);
  });
});

const webhookForm = {
  name: 'Alice Direct',
  domain: 'alice.example.com',
  url: 'https://hooks.alice.example.com/farout',
  currency: 'GBP',
};

describe('connecting a store through a webhook', () => {
  it('makes the signing and order secrets, shows them once with the guide, calls nobody', async () => {
    const { owner } = await signedInMerchant();
    const network = noNetwork();

    const response = await consolePost('/console/stores/new/webhook', webhookForm, owner.cookie);

    expect(response.status).toBe(200);
    const html = await response.text();
    const storeId = storeIdOn(html);
    const stored = await openedCredentials(storeId);
    expect(stored).toEqual({
      url: webhookForm.url,
      secret: expect.stringMatching(/^[\w-]{43}$/),
      webhookSecret: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(stored?.secret).not.toBe(stored?.webhookSecret);
    expect(inputValue(html, 'revealed-secret')).toBe(stored?.secret);
    expect(inputValue(html, 'revealed-webhookSecret')).toBe(stored?.webhookSecret);
    expect(html).toContain('These secrets will not be shown again.');
    expect(html).toContain('FarOut-Signature: t=&lt;unix seconds&gt;,v1=');
    expect(html).toContain('Compare it with the v1 value in constant time');
    expect(await storeRow(storeId)).toMatchObject({ name: 'Alice Direct', currency: 'GBP' });
    expect(network.requests).toHaveLength(0);

    const again = await (await consoleGet(`/console/stores/${storeId}`, owner.cookie)).text();

    expect(again).not.toContain(String(stored?.secret));
    expect(again).not.toContain(String(stored?.webhookSecret));
    expect(again).toContain('Compare it with the v1 value in constant time');
  });

  it('re-renders each invalid field with its message, keeping the values', async () => {
    const { merchant, owner } = await signedInMerchant();

    const response = await consolePost(
      '/console/stores/new/webhook',
      { name: ' ', domain: 'not a domain', url: 'http://hooks.alice.example.com', currency: 'GBP' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'name')).toBe('Enter the store’s name.');
    expect(fieldError(html, 'domain')).toContain('domain only');
    expect(fieldError(html, 'url')).toContain('Enter the https address of your endpoint');
    expect(html).toContain('value="not a domain"');
    expect(await storesOf(merchant.id)).toHaveLength(1);
  });
});

describe('adding a test mode store', () => {
  it('saves the name and domain, and shows its order secret once', async () => {
    const { owner, merchant } = await signedInMerchant();

    const response = await consolePost(
      '/console/stores/new/sandbox',
      { name: 'Practice Shop', domain: 'Practice.Example.com', currency: 'USD' },
      owner.cookie,
    );

    expect(response.status).toBe(200);
    const html = await response.text();
    const storeId = storeIdOn(html);
    expect(await storeRow(storeId)).toMatchObject({
      merchantId: merchant.id,
      platform: 'sandbox',
      name: 'Practice Shop',
      domain: 'practice.example.com',
    });
    const stored = await openedCredentials(storeId);
    expect(inputValue(html, 'revealed-webhookSecret')).toBe(stored?.webhookSecret);
    expect(html).toContain('codes are recorded as live in FarOut’s own database');
    expect(html).toContain(`http://farout.test/webhooks/orders/${storeId}`);
  });

  it('re-renders with an error when the name or the domain is missing', async () => {
    const { owner, merchant } = await signedInMerchant();

    const response = await consolePost(
      '/console/stores/new/sandbox',
      { name: '', domain: '', currency: 'USD' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'name')).toBe('Enter the store’s name.');
    expect(fieldError(html, 'domain')).toContain('domain only');
    expect(await storesOf(merchant.id)).toHaveLength(1);
  });
});
