import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns } from '../../src/db/schema';
import { storeDefaultPhoto } from '../../src/media/default-photo';
import { decodePhoto, encodePhoto } from '../fixtures/media/photo-fixtures';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import { db } from '../helpers/seed';

async function campaignRow(id: string) {
  const row = await db().query.campaigns.findFirst({ where: eq(campaigns.id, id) });
  if (!row) throw new Error(`no campaign ${id}`);
  return row;
}

async function withPhoto(merchantId: string, campaignId: string) {
  const photo = await storeDefaultPhoto(env.MEDIA, merchantId, encodePhoto('jpeg', 40, 30));
  if (!photo.ok) throw new Error(photo.message);
  await db()
    .update(campaigns)
    .set({ defaultPhotoKey: photo.value })
    .where(eq(campaigns.id, campaignId));
  return photo.value;
}

const moveTo = (campaignId: string, status: string, cookie?: string) =>
  consolePost(`/console/campaigns/${campaignId}/status`, { status }, cookie);

describe('campaign page', () => {
  it('shows the summary, the links and the embed snippets with the campaign id', async () => {
    const { campaign, owner } = await signedInMerchant({ offerText: '20% <off> & more' });

    const response = await consoleGet(`/console/campaigns/${campaign.id}`, owner.cookie);

    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('20% &lt;off&gt; &amp; more');
    expect(html).toContain(`href="/console/campaigns/${campaign.id}/results"`);
    expect(html).toContain(`href="/console/review?campaign=${campaign.id}"`);
    expect(html).toContain(
      '&lt;script src=&quot;http://farout.test/embed.js&quot; ' +
        `data-campaign=&quot;${campaign.id}&quot;\n` +
        '  data-order=&quot;{{ order.number }}&quot; data-email=&quot;{{ customer.email }}&quot; ' +
        'async&gt;&lt;/script&gt;</textarea>',
    );
    expect(html).toContain(
      `&lt;iframe src=&quot;http://farout.test/w/${campaign.id}?order={{ order.number }}&quot;`,
    );
    expect(html).not.toContain('<script src="http://farout.test/embed.js"');
    expect(html).toContain('data-copy="#snippet-script"');
    expect(html).toContain('data-copy="#snippet-iframe"');
  });

  it('gives a WooCommerce snippet that escapes the order number and email', async () => {
    const { campaign, owner } = await signedInMerchant();

    const html = await (await consoleGet(`/console/campaigns/${campaign.id}`, owner.cookie)).text();

    const snippet = html.match(/<textarea id="snippet-woocommerce"[^>]*>([^<]*)<\/textarea>/)?.[1];
    expect(snippet).toContain(
      'add_action( &#39;woocommerce_thankyou&#39;, &#39;farout_thankyou_widget&#39; );',
    );
    expect(snippet).toContain('esc_attr( $order-&gt;get_order_number() )');
    expect(snippet).toContain('esc_attr( $order-&gt;get_billing_email() )');
    expect(snippet).toContain(`data-campaign=&quot;${campaign.id}&quot;`);
    expect(html).toContain('data-copy="#snippet-woocommerce"');
  });

  it('shows only the buttons of the moves allowed from the status', async () => {
    const { campaign, owner } = await signedInMerchant({ status: 'paused' });

    const html = await (await consoleGet(`/console/campaigns/${campaign.id}`, owner.cookie)).text();

    expect(html).toContain('value="active"');
    expect(html).toContain('Resume');
    expect(html).toContain('value="ended"');
    expect(html).not.toContain('value="paused"');
  });

  it("answers 404 for another merchant's campaign and for one that does not exist", async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();

    const theirs = await consoleGet(`/console/campaigns/${other.campaign.id}`, owner.cookie);
    const none = await consoleGet('/console/campaigns/cmp_none', owner.cookie);

    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toContain('There is no such campaign in your account.');
    expect(none.status).toBe(404);
  });

  it('sends a signed-out visitor to sign in', async () => {
    const { campaign } = await signedInMerchant();

    const response = await consoleGet(`/console/campaigns/${campaign.id}`);

    expect(response.status).toBe(303);
  });
});

describe('status moves', () => {
  it('takes a draft with a default photo live, recording the start', async () => {
    const { merchant, campaign, owner } = await signedInMerchant({ status: 'draft' });
    await withPhoto(merchant.id, campaign.id);

    const response = await moveTo(campaign.id, 'active', owner.cookie);

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(`/console/campaigns/${campaign.id}`);
    const row = await campaignRow(campaign.id);
    expect(row.status).toBe('active');
    expect(row.startsAt).toBeInstanceOf(Date);
  });

  it('refuses to go live without a default photo, with the reason', async () => {
    const { campaign, owner } = await signedInMerchant({ status: 'draft' });

    const response = await moveTo(campaign.id, 'active', owner.cookie);

    expect(response.status).toBe(409);
    expect(await response.text()).toContain('Add a default photo before going live');
    expect((await campaignRow(campaign.id)).status).toBe('draft');
  });

  it('pauses, resumes and ends a campaign; staff may do it', async () => {
    const { merchant, campaign } = await signedInMerchant();
    await withPhoto(merchant.id, campaign.id);
    const staff = await seedMember(merchant.id, 'staff');

    const paused = await moveTo(campaign.id, 'paused', staff.cookie);
    const statusWhilePaused = (await campaignRow(campaign.id)).status;
    const resumed = await moveTo(campaign.id, 'active', staff.cookie);
    const ended = await moveTo(campaign.id, 'ended', staff.cookie);

    expect([paused.status, resumed.status, ended.status]).toEqual([303, 303, 303]);
    expect(statusWhilePaused).toBe('paused');
    const row = await campaignRow(campaign.id);
    expect(row.status).toBe('ended');
    expect(row.endsAt).toBeInstanceOf(Date);
  });

  it.each([
    ['ended', 'active', 'This campaign has ended, which is final.'],
    ['ended', 'paused', 'This campaign has ended, which is final.'],
    ['draft', 'paused', 'A draft campaign has not gone live yet'],
    ['draft', 'ended', 'A draft campaign has not gone live yet'],
    ['active', 'active', 'This campaign is already active.'],
  ] as const)(
    'answers 409 to a move from %s to %s and changes nothing',
    async (from, to, reason) => {
      const { merchant, campaign, owner } = await signedInMerchant({ status: from });
      await withPhoto(merchant.id, campaign.id);

      const response = await moveTo(campaign.id, to, owner.cookie);

      expect(response.status).toBe(409);
      expect(await response.text()).toContain(reason);
      expect((await campaignRow(campaign.id)).status).toBe(from);
    },
  );

  it('answers 422 to a status that does not exist', async () => {
    const { campaign, owner } = await signedInMerchant();

    const response = await moveTo(campaign.id, 'deleted', owner.cookie);

    expect(response.status).toBe(422);
    expect((await campaignRow(campaign.id)).status).toBe('active');
  });

  it("answers 404 for another merchant's campaign and changes nothing", async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();

    const response = await moveTo(other.campaign.id, 'paused', owner.cookie);

    expect(response.status).toBe(404);
    expect((await campaignRow(other.campaign.id)).status).toBe('active');
  });

  it('answers 401 to a signed-out post and changes nothing', async () => {
    const { campaign } = await signedInMerchant();

    const response = await moveTo(campaign.id, 'paused');

    expect(response.status).toBe(401);
    expect((await campaignRow(campaign.id)).status).toBe('active');
  });
});

describe('live preview', () => {
  const typed = {
    name: 'Preview me',
    background: '#102030',
    accent: '#FFCC00',
    text: '#fafafa',
    offerText: '<b>50%</b> off & more',
  };

  it('answers the fragment in the typed colours and offer, escaped', async () => {
    const { store, owner } = await signedInMerchant();

    const response = await consolePost(
      '/console/campaigns/preview',
      { ...typed, storeId: store.id },
      owner.cookie,
      { 'HX-Request': 'true' },
    );

    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('data-widget-bg="#102030"');
    expect(html).toContain('data-widget-accent="#ffcc00"');
    expect(html).toContain('data-widget-fg="#fafafa"');
    expect(html).toContain('&lt;b&gt;50%&lt;/b&gt; off &amp; more');
    expect(html).not.toContain('<b>50%</b>');
    expect(html).toContain(`<p class="widget-store">${store.name}</p>`);
    expect(html).toContain(
      '/console/campaigns/preview.jpg?background=%23102030&amp;accent=%23ffcc00&amp;text=%23fafafa',
    );
    expect(html).not.toContain('<style');
  });

  it('shows the default colours for a colour that is not finished yet', async () => {
    const { owner } = await signedInMerchant();

    const response = await consolePost(
      '/console/campaigns/preview',
      { ...typed, background: '#1020', text: '#fff}body{x:y' },
      owner.cookie,
      { 'HX-Request': 'true' },
    );

    const html = await response.text();
    expect(html).toContain('data-widget-bg="#1f1235"');
    expect(html).toContain('data-widget-fg="#ffffff"');
    expect(html).not.toContain('x:y');
  });

  it("colours the page's preview through a <style> carrying the page's nonce", async () => {
    const { campaign, owner } = await signedInMerchant({
      colors: { background: '#0a0a0a', accent: '#ff8e3c', text: '#f5f5f5' },
    });

    const response = await consoleGet(`/console/campaigns/${campaign.id}/edit`, owner.cookie);

    const html = await response.text();
    const nonce = response.headers.get('Content-Security-Policy')?.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(
      `<style nonce="${nonce}">.campaign-preview .widget-preview` +
        '{--w-bg:#0a0a0a;--w-accent:#ff8e3c;--w-fg:#f5f5f5}</style>',
    );
    expect(html).toContain('hx-post="/console/campaigns/preview"');
    expect(html).toContain(`campaign=${campaign.id}`);
  });

  it('re-renders the page with a preview of what was typed, saving nothing', async () => {
    const { campaign, store, owner } = await signedInMerchant();

    const response = await consolePost(
      `/console/campaigns/${campaign.id}/edit`,
      { ...typed, storeId: store.id, intent: 'preview' },
      owner.cookie,
    );

    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(
      '.campaign-preview .widget-preview{--w-bg:#102030;--w-accent:#ffcc00;--w-fg:#fafafa}',
    );
    expect(html).toContain('value="Preview me"');
    expect((await campaignRow(campaign.id)).name).toBe('Spring sharing');
  });

  it('renders the sample post image as a JPEG from the real renderer, cached briefly', async () => {
    const { owner } = await signedInMerchant();

    const response = await consoleGet(
      '/console/campaigns/preview.jpg?background=%23102030&accent=%23ffcc00&text=%23fafafa' +
        '&store=Shop',
      owner.cookie,
    );

    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/jpeg');
    expect(response.headers.get('Cache-Control')).toBe('private, max-age=300');
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const image = decodePhoto(bytes);
    expect([image.width, image.height]).toEqual([1080, 1350]);
    const [r, g, b] = image.rgbAt(20, 1330);
    expect(Math.abs(r - 0x10) + Math.abs(g - 0x20) + Math.abs(b - 0x30)).toBeLessThan(24);
  });

  it("draws the campaign's default photo in the sample", async () => {
    const { merchant, campaign, owner } = await signedInMerchant();
    const key = await withPhoto(merchant.id, campaign.id);
    const red = new Uint8Array(40 * 30 * 4).map((_, i) => (i % 4 === 0 || i % 4 === 3 ? 255 : 0));
    await env.MEDIA.put(key, encodePhoto('jpeg', 40, 30, red));

    const response = await consoleGet(
      `/console/campaigns/preview.jpg?campaign=${campaign.id}`,
      owner.cookie,
    );

    const [r, g, b] = decodePhoto(new Uint8Array(await response.arrayBuffer())).rgbAt(540, 400);
    expect(r).toBeGreaterThan(200);
    expect(g + b).toBeLessThan(60);
  });

  it("answers 404 to a sample of another merchant's campaign", async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();

    const response = await consoleGet(
      `/console/campaigns/preview.jpg?campaign=${other.campaign.id}`,
      owner.cookie,
    );

    expect(response.status).toBe(404);
  });

  it('sends a signed-out visitor of the sample image to sign in', async () => {
    const response = await consoleGet('/console/campaigns/preview.jpg?store=Shop');

    expect(response.status).toBe(303);
  });

  it('answers 401 to a signed-out preview post', async () => {
    const response = await consolePost('/console/campaigns/preview', typed);

    expect(response.status).toBe(401);
  });
});
