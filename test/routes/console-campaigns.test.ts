import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, merchants, stores } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { storeDefaultPhoto } from '../../src/media/default-photo';
import { MAX_PHOTO_BYTES } from '../../src/media/photo-inspect';
import { encodePhoto } from '../fixtures/media/photo-fixtures';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import { db } from '../helpers/seed';

const jpeg = () => new Blob([encodePhoto('jpeg', 96, 72)], { type: 'image/jpeg' });

/** Every field of the form, filled in as a merchant would. */
function filledForm(storeId: string, overrides: Record<string, string | Blob | string[]> = {}) {
  return {
    name: 'Summer <sharing> & more',
    storeId,
    discountType: 'fixed_amount',
    discountValue: '5.00',
    codePrefix: 'sun',
    codeUsageLimit: '5',
    codeValidDays: '30',
    minOrder: '25.50',
    hashtags: 'summer, #Roasters coffee',
    pages_instagram: '@testroasters',
    pages_bluesky: 'roasters.bsky.social',
    platforms: ['instagram', 'bluesky'],
    background: '#FFFFFF',
    accent: '#ff8e3c',
    text: '#1b1b1f',
    offerText: '5.00 off your next bag',
    adDisclosure: '#ad',
    blockedWords: 'cheap knockoff\nscam',
    holdHours: '48',
    searchHours: '96',
    frameOrigins: 'https://shop.example.com\nhttps://www.shop.example.com/',
    ...overrides,
  };
}

async function campaignsOf(merchantId: string) {
  return db().select().from(campaigns).where(eq(campaigns.merchantId, merchantId));
}

async function campaignRow(id: string) {
  const row = await db().query.campaigns.findFirst({ where: eq(campaigns.id, id) });
  if (!row) throw new Error(`no campaign ${id}`);
  return row;
}

async function defaultPhotoCount() {
  return (await env.MEDIA.list({ prefix: 'defaults/' })).objects.length;
}

describe('campaign list', () => {
  it("lists the merchant's campaigns with status, store, test mode and links", async () => {
    const { campaign, store, owner } = await signedInMerchant({ name: 'Mine <b>1</b>' });
    const other = await signedInMerchant({ name: 'Somebody else' });

    const response = await consoleGet('/console/campaigns', owner.cookie);

    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('Mine &lt;b&gt;1&lt;/b&gt;');
    expect(html).toContain('badge badge-active');
    expect(html).toContain('test mode');
    expect(html).toContain(store.name);
    expect(html).toContain(`/console/campaigns/${campaign.id}/edit`);
    expect(html).toContain(`/console/campaigns/${campaign.id}/results`);
    expect(html).toContain(`/console/review?campaign=${campaign.id}`);
    expect(html).not.toContain(other.campaign.id);
  });

  it('sends a merchant without a store to connect one first', async () => {
    const merchant = { id: newId('mer'), name: 'Empty' };
    await db().insert(merchants).values(merchant);
    const { cookie } = await seedMember(merchant.id, 'owner');

    const response = await consoleGet('/console/campaigns', cookie);
    const form = await consoleGet('/console/campaigns/new', cookie);

    expect(await response.text()).toContain('href="/console/stores/new"');
    expect(form.status).toBe(303);
    expect(form.headers.get('Location')).toBe('/console/campaigns');
  });

  it('offers to create the first campaign when there is a store and no campaign', async () => {
    const { merchant, campaign, owner } = await signedInMerchant();
    await db().delete(campaigns).where(eq(campaigns.id, campaign.id));

    const response = await consoleGet('/console/campaigns', owner.cookie);

    expect(await response.text()).toContain('Create your first campaign');
    expect(await campaignsOf(merchant.id)).toEqual([]);
  });

  it('sends a signed-out visitor to sign in', async () => {
    const response = await consoleGet('/console/campaigns');

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/console/sign-in?next=%2Fconsole%2Fcampaigns');
  });
});

describe('creating a campaign', () => {
  it("shows a form with the merchant's own stores only", async () => {
    const { store, owner } = await signedInMerchant();
    const other = await signedInMerchant();

    const response = await consoleGet('/console/campaigns/new', owner.cookie);

    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(`value="${store.id}"`);
    expect(html).not.toContain(other.store.id);
    expect(html).toContain('hx-trigger="input changed delay:400ms, change"');
  });

  it('creates a draft with every field and stores the default photo in R2', async () => {
    const { merchant, store, owner } = await signedInMerchant();

    const response = await consolePost(
      '/console/campaigns/new',
      filledForm(store.id, { photo: jpeg(), testMode: 'on' }),
      owner.cookie,
    );

    expect(response.status).toBe(303);
    const created = (await campaignsOf(merchant.id)).find((row) => row.name.startsWith('Summer'));
    expect(response.headers.get('Location')).toBe(`/console/campaigns/${created?.id}?saved`);
    expect(created).toMatchObject({
      merchantId: merchant.id,
      storeId: store.id,
      name: 'Summer <sharing> & more',
      status: 'draft',
      discountType: 'fixed_amount',
      discountValue: 500,
      minOrderMinor: 2550,
      codePrefix: 'SUN',
      codeUsageLimit: 5,
      codeValidDays: 30,
      hashtags: ['#summer', '#Roasters', '#coffee'],
      pages: { instagram: ['@testroasters'], bluesky: ['@roasters.bsky.social'] },
      platforms: ['instagram', 'bluesky'],
      colors: { background: '#ffffff', accent: '#ff8e3c', text: '#1b1b1f' },
      offerText: '5.00 off your next bag',
      adDisclosure: '#ad',
      blockedWords: ['cheap knockoff', 'scam'],
      holdHours: 48,
      searchHours: 96,
      frameOrigins: ['https://shop.example.com', 'https://www.shop.example.com'],
      testMode: true,
    });
    expect(created?.defaultPhotoKey).toMatch(/^defaults\/ph_[\w-]{22}\.jpg$/);
    const photo = await env.MEDIA.get(created?.defaultPhotoKey ?? '');
    expect(photo?.httpMetadata?.contentType).toBe('image/jpeg');
    expect(photo?.customMetadata?.merchantId).toBe(merchant.id);
  });

  it('lets staff create campaigns: staff run campaigns', async () => {
    const { merchant, store } = await signedInMerchant();
    const staff = await seedMember(merchant.id, 'staff');

    const response = await consolePost(
      '/console/campaigns/new',
      filledForm(store.id),
      staff.cookie,
    );

    expect(response.status).toBe(303);
    expect((await campaignsOf(merchant.id)).map((row) => row.name)).toContain(
      'Summer <sharing> & more',
    );
  });

  const invalid: [string, Record<string, string | string[]>, string, string][] = [
    ['the name is empty', { name: ' ' }, 'name', 'Enter a name for the campaign.'],
    [
      'the percentage is over 100',
      { discountType: 'percentage', discountValue: '120' },
      'discountValue',
      'Enter a whole percentage from 1 to 100.',
    ],
    [
      'the amount has three decimals',
      { discountValue: '5.001' },
      'discountValue',
      'Enter an amount above zero in USD, like 5.00.',
    ],
    [
      'the discount type is missing',
      { discountType: '' },
      'discountType',
      'Choose a percentage or a fixed amount.',
    ],
    [
      'the code prefix has a dash',
      { codePrefix: 'SUN-1' },
      'codePrefix',
      'Use 2 to 12 letters A-Z and digits 0-9, like SHARE.',
    ],
    [
      'the usage limit is zero',
      { codeUsageLimit: '0' },
      'codeUsageLimit',
      'Enter how many orders one code may discount (1 to 100000), or leave it empty.',
    ],
    [
      'the valid days are not a number',
      { codeValidDays: 'a month' },
      'codeValidDays',
      'Enter a number of days from 1 to 3650, or leave it empty for no expiry.',
    ],
    [
      'the minimum order is not an amount',
      { minOrder: '25,50' },
      'minOrder',
      'Enter an amount in USD like 5.00, or leave it empty.',
    ],
    [
      'a hashtag has a dash',
      { hashtags: '#summer-sale' },
      'hashtags',
      '&quot;#summer-sale&quot; cannot be a hashtag',
    ],
    [
      'a page is not an Instagram username',
      { pages_instagram: '@two..dots' },
      'pages_instagram',
      'Check &quot;@two..dots&quot;. Instagram usernames have up to 30 letters',
    ],
    ['no platform is chosen', { platforms: [] }, 'platforms', 'Choose at least one platform.'],
    [
      'only the sandbox is chosen outside test mode',
      { platforms: ['sandbox'] },
      'platforms',
      'The sandbox network is offered only in test mode: choose a real platform too.',
    ],
    [
      'a colour is a name',
      { background: 'white' },
      'background',
      'Enter a colour as a hex code like #1f1235.',
    ],
    [
      'the text has too little contrast on the background',
      { text: '#cccccc' },
      'text',
      'Text on this background has a contrast of 1.6',
    ],
    [
      'the accent is too dark for the button',
      { accent: '#222266' },
      'accent',
      'Choose a lighter accent colour.',
    ],
    [
      'the offer is empty',
      { offerText: '' },
      'offerText',
      'Write the offer shoppers see in the widget',
    ],
    [
      'the ad disclosure is empty',
      { adDisclosure: '' },
      'adDisclosure',
      'Enter the word that marks a post as an ad, like #ad.',
    ],
    [
      'the hold is under a day outside test mode',
      { holdHours: '12' },
      'holdHours',
      'Hold posts for 24 to 720 hours',
    ],
    [
      'the search hours are zero',
      { searchHours: '0' },
      'searchHours',
      'Enter a whole number of hours from 1 to 720.',
    ],
    [
      'a store address is not https',
      { frameOrigins: 'http://shop.example.com' },
      'frameOrigins',
      '&quot;http://shop.example.com&quot; is not a store address like https://shop.example.com',
    ],
    [
      'a store address has a path',
      { frameOrigins: 'https://shop.example.com/checkout' },
      'frameOrigins',
      '&quot;https://shop.example.com/checkout&quot; is not a store address',
    ],
  ];

  it.each(invalid)(
    're-renders the form with an error when %s, keeping what was typed',
    async (_case, overrides, field, message) => {
      const { merchant, store, owner } = await signedInMerchant();
      const before = await campaignsOf(merchant.id);

      const response = await consolePost(
        '/console/campaigns/new',
        filledForm(store.id, { ...overrides, offerText: overrides.offerText ?? 'Kept offer' }),
        owner.cookie,
      );

      const html = await response.text();
      expect(response.status).toBe(422);
      expect(html).toMatch(
        new RegExp(`id="field-${field}-error" role="alert">[^<]*${escapeRegExp(message)}`),
      );
      if (field !== 'name') expect(html).toContain('value="Summer &lt;sharing&gt; &amp; more"');
      if (field !== 'offerText') expect(html).toContain('value="Kept offer"');
      expect(html).toContain('cheap knockoff\nscam</textarea>');
      expect(await campaignsOf(merchant.id)).toEqual(before);
    },
  );

  it('shows every error at once and keeps the ticked boxes', async () => {
    const { store, owner } = await signedInMerchant();

    const response = await consolePost(
      '/console/campaigns/new',
      filledForm(store.id, {
        name: '',
        codePrefix: '!',
        platforms: ['x', 'tiktok'],
        testMode: 'on',
      }),
      owner.cookie,
    );

    const html = await response.text();
    expect(response.status).toBe(422);
    expect(html).toContain('id="field-name-error"');
    expect(html).toContain('id="field-codePrefix-error"');
    expect(html).toMatch(/value="x" checked/);
    expect(html).toMatch(/value="tiktok" checked/);
    expect(html).not.toMatch(/value="instagram" checked/);
    expect(html).toMatch(/name="testMode" checked/);
  });

  it("refuses another merchant's store, and creates nothing", async () => {
    const { merchant, owner } = await signedInMerchant();
    const other = await signedInMerchant();

    const response = await consolePost(
      '/console/campaigns/new',
      filledForm(other.store.id),
      owner.cookie,
    );

    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Choose one of your stores.');
    expect(await campaignsOf(merchant.id)).toHaveLength(1);
    expect(await campaignsOf(other.merchant.id)).toHaveLength(1);
  });

  it('refuses an upload that is not an image, keeping the other values', async () => {
    const { merchant, store, owner } = await signedInMerchant();
    const photos = await defaultPhotoCount();
    const notAnImage = new Blob(['name,email\nada,ada@example.com'], { type: 'image/jpeg' });

    const response = await consolePost(
      '/console/campaigns/new',
      filledForm(store.id, { photo: notAnImage }),
      owner.cookie,
    );

    const html = await response.text();
    expect(response.status).toBe(422);
    expect(html).toContain('This file is not a JPEG, PNG or WebP photo.');
    expect(html).toContain('value="Summer &lt;sharing&gt; &amp; more"');
    expect(html).toContain('value="5.00 off your next bag"');
    expect(await campaignsOf(merchant.id)).toHaveLength(1);
    expect(await defaultPhotoCount()).toBe(photos);
  });

  it('refuses a photo over 10 MB, keeping the other values', async () => {
    const { merchant, store, owner } = await signedInMerchant();
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(encodePhoto('jpeg', 8, 8));

    const response = await consolePost(
      '/console/campaigns/new',
      filledForm(store.id, { photo: new Blob([big], { type: 'image/jpeg' }) }),
      owner.cookie,
    );

    const html = await response.text();
    expect(response.status).toBe(422);
    expect(html).toContain('This file is larger than 10 MB.');
    expect(html).toContain('value="Summer &lt;sharing&gt; &amp; more"');
    expect(await campaignsOf(merchant.id)).toHaveLength(1);
  });

  it('answers 413 with the form again when the body is far too large to read', async () => {
    const { merchant, store, owner } = await signedInMerchant();
    const huge = new Blob([new Uint8Array(2 * MAX_PHOTO_BYTES + 1)], { type: 'image/jpeg' });

    const response = await consolePost(
      '/console/campaigns/new',
      filledForm(store.id, { photo: huge }),
      owner.cookie,
    );

    expect(response.status).toBe(413);
    expect(await response.text()).toContain('Nothing was saved: the photo is far over 10 MB.');
    expect(await campaignsOf(merchant.id)).toHaveLength(1);
  });

  it('keeps a good photo through a failed post, and saves it on the next one', async () => {
    const { merchant, store, owner } = await signedInMerchant();

    const failed = await consolePost(
      '/console/campaigns/new',
      filledForm(store.id, { name: '', photo: jpeg() }),
      owner.cookie,
    );
    const html = await failed.text();
    const pendingKey = html.match(/name="pendingPhotoKey" value="([^"]+)"/)?.[1];
    const saved = await consolePost(
      '/console/campaigns/new',
      filledForm(store.id, { pendingPhotoKey: pendingKey ?? '' }),
      owner.cookie,
    );

    expect(failed.status).toBe(422);
    expect(pendingKey).toMatch(/^defaults\//);
    expect(saved.status).toBe(303);
    const created = (await campaignsOf(merchant.id)).find((row) => row.status === 'draft');
    expect(created?.defaultPhotoKey).toBe(pendingKey);
  });

  it("ignores a pending photo key that is another merchant's upload", async () => {
    const { merchant, store, owner } = await signedInMerchant();
    const other = await signedInMerchant();
    const theirs = await storeDefaultPhoto(env.MEDIA, other.merchant.id, encodePhoto('jpeg', 8, 8));
    if (!theirs.ok) throw new Error(theirs.message);

    await consolePost(
      '/console/campaigns/new',
      filledForm(store.id, { pendingPhotoKey: theirs.value }),
      owner.cookie,
    );

    const created = (await campaignsOf(merchant.id)).find((row) => row.status === 'draft');
    expect(created?.defaultPhotoKey).toBeNull();
  });

  it('answers 401 to a signed-out post and creates nothing', async () => {
    const { merchant, store } = await signedInMerchant();

    const response = await consolePost('/console/campaigns/new', filledForm(store.id));

    expect(response.status).toBe(401);
    expect(await campaignsOf(merchant.id)).toHaveLength(1);
  });
});

describe('editing a campaign', () => {
  it('shows the saved values as they were typed', async () => {
    const { campaign, owner } = await signedInMerchant({
      discountType: 'fixed_amount',
      discountValue: 750,
      minOrderMinor: 2000,
      frameOrigins: ['https://shop.example.com', 'https://b.example.com'],
    });

    const response = await consoleGet(`/console/campaigns/${campaign.id}/edit`, owner.cookie);

    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('name="discountValue" type="text" value="7.50"');
    expect(html).toContain('name="minOrder" type="text" value="20.00"');
    expect(html).toContain('value="#testroasters"');
    expect(html).toContain('https://shop.example.com\nhttps://b.example.com</textarea>');
  });

  it('lets staff save changes, keeping the photo when no new file is chosen', async () => {
    const { merchant, campaign, store } = await signedInMerchant();
    const staff = await seedMember(merchant.id, 'staff');
    const photo = await storeDefaultPhoto(env.MEDIA, merchant.id, encodePhoto('jpeg', 8, 8));
    if (!photo.ok) throw new Error(photo.message);
    await db()
      .update(campaigns)
      .set({ defaultPhotoKey: photo.value })
      .where(eq(campaigns.id, campaign.id));

    const response = await consolePost(
      `/console/campaigns/${campaign.id}/edit`,
      filledForm(store.id, { name: 'Renamed by staff', photo: new Blob([]) }),
      staff.cookie,
    );

    expect(response.status).toBe(303);
    const row = await campaignRow(campaign.id);
    expect(row).toMatchObject({ name: 'Renamed by staff', status: 'active', holdHours: 48 });
    expect(row.defaultPhotoKey).toBe(photo.value);
    expect(await env.MEDIA.head(photo.value)).not.toBeNull();
  });

  it('replaces the photo with a new upload and deletes the one it replaced', async () => {
    const { merchant, campaign, store, owner } = await signedInMerchant();
    const old = await storeDefaultPhoto(env.MEDIA, merchant.id, encodePhoto('jpeg', 8, 8));
    if (!old.ok) throw new Error(old.message);
    await db()
      .update(campaigns)
      .set({ defaultPhotoKey: old.value })
      .where(eq(campaigns.id, campaign.id));

    await consolePost(
      `/console/campaigns/${campaign.id}/edit`,
      filledForm(store.id, { photo: jpeg() }),
      owner.cookie,
    );

    const row = await campaignRow(campaign.id);
    expect(row.defaultPhotoKey).not.toBe(old.value);
    expect(await env.MEDIA.head(row.defaultPhotoKey ?? '')).not.toBeNull();
    expect(await env.MEDIA.head(old.value)).toBeNull();
  });

  it('re-renders the edit form with the error and the typed values', async () => {
    const { campaign, store, owner } = await signedInMerchant();

    const response = await consolePost(
      `/console/campaigns/${campaign.id}/edit`,
      filledForm(store.id, { searchHours: 'soon' }),
      owner.cookie,
    );

    const html = await response.text();
    expect(response.status).toBe(422);
    expect(html).toContain(`action="/console/campaigns/${campaign.id}/edit"`);
    expect(html).toContain('value="soon"');
    expect((await campaignRow(campaign.id)).name).toBe('Spring sharing');
  });

  it('keeps the store of a campaign that has gone live', async () => {
    const { merchant, campaign, owner } = await signedInMerchant();
    const second = {
      id: newId('sto'),
      merchantId: merchant.id,
      platform: 'sandbox' as const,
      name: 'Second',
      domain: 'second.example',
    };
    await db().insert(stores).values(second);

    const response = await consolePost(
      `/console/campaigns/${campaign.id}/edit`,
      filledForm(second.id),
      owner.cookie,
    );

    expect(response.status).toBe(422);
    expect(await response.text()).toContain('A campaign keeps its store once it has gone live.');
    expect((await campaignRow(campaign.id)).storeId).toBe(campaign.storeId);
  });

  it('refuses to edit an ended campaign', async () => {
    const { campaign, store, owner } = await signedInMerchant({ status: 'ended' });

    const page = await consoleGet(`/console/campaigns/${campaign.id}/edit`, owner.cookie);
    const post = await consolePost(
      `/console/campaigns/${campaign.id}/edit`,
      filledForm(store.id),
      owner.cookie,
    );

    expect(page.status).toBe(409);
    expect(post.status).toBe(409);
    expect((await campaignRow(campaign.id)).name).toBe('Spring sharing');
  });

  it("answers 404 for another merchant's campaign and changes nothing", async () => {
    const { store, owner } = await signedInMerchant();
    const other = await signedInMerchant();

    const page = await consoleGet(`/console/campaigns/${other.campaign.id}/edit`, owner.cookie);
    const post = await consolePost(
      `/console/campaigns/${other.campaign.id}/edit`,
      filledForm(store.id, { name: 'Taken over' }),
      owner.cookie,
    );

    expect(page.status).toBe(404);
    expect(post.status).toBe(404);
    expect(await post.text()).toContain('There is no such campaign in your account.');
    expect((await campaignRow(other.campaign.id)).name).toBe('Spring sharing');
  });

  it('answers 404 for a campaign that does not exist', async () => {
    const { owner } = await signedInMerchant();

    const response = await consoleGet('/console/campaigns/cmp_nothing/edit', owner.cookie);

    expect(response.status).toBe(404);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
