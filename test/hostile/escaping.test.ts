import { exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, members, merchants, stores, submissions } from '../../src/db/schema';
import { codeActiveEmail } from '../../src/notify/code-active-email';
import { encodePhoto } from '../fixtures/media/photo-fixtures';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import { request } from '../helpers/http';
import { journeyWithAccount, postForm } from '../helpers/journey';
import { db, seedMerchant } from '../helpers/seed';
import { seedShopper } from '../helpers/shoppers';
import { campaignFields } from './fixtures';

// Markup that would run if it reached a page as it is: a script, an attribute breaking out of
// its quotes, an event handler; with right-to-left and emoji text that must survive as typed.
const COMMENT = `<script>alert("c")</script><img src=x onerror=alert(1)>" '& \u202Eevil ☕`;
const RAW_MARKUP = [/<script>alert/, /<img src=x/];
const ESCAPED_COMMENT = '&lt;script&gt;alert(&quot;c&quot;)&lt;/script&gt;&lt;img src=x';

/** The page holds none of the markup raw, and shows it escaped when `shown`. */
function expectEscaped(html: string, shown: string | null) {
  for (const markup of RAW_MARKUP) expect(html).not.toMatch(markup);
  if (shown) expect(html).toContain(shown);
}

async function page(path: string, cookie?: string) {
  const response = cookie ? await consoleGet(path, cookie) : await request(path);
  expect(response.status).toBe(200);
  return response.text();
}

describe("a shopper's comment with markup in it", () => {
  it('is kept as typed and shown escaped on every page that shows it', async () => {
    const { campaign, merchant } = await seedMerchant();
    const { cookie } = await seedMember(merchant.id, 'owner');
    const journeyId = await journeyWithAccount(campaign.id, 'sandbox', 'escaper');

    const sent = await postForm(`/j/${journeyId}/photo`, {
      rating: '5',
      comment: COMMENT,
      photo: new File([encodePhoto('jpeg', 64, 48)], 'p.jpg', { type: 'image/jpeg' }),
    });
    const submission = await db().query.submissions.findFirst({
      where: eq(submissions.journeyId, journeyId),
    });
    const id = submission?.id ?? '';
    const preview = await page(`/j/${journeyId}/preview`);
    const compose = await page(`/sandbox/compose?submission=${id}`);
    await postForm(`/j/${journeyId}/go`, {});
    await db().update(submissions).set({ state: 'manual_review' }).where(eq(submissions.id, id));

    expect(sent.status).toBe(303);
    expect(submission?.comment).toBe(COMMENT);
    expect(submission?.caption).toContain(COMMENT);
    expectEscaped(preview, ESCAPED_COMMENT);
    expectEscaped(compose, ESCAPED_COMMENT);
    expectEscaped(await page(`/s/${id}`), null);
    expectEscaped(await page(`/console/submissions/${id}`, cookie), ESCAPED_COMMENT);
    expectEscaped(await page('/console/review', cookie), null);
    expectEscaped(await page('/console/review/queue', cookie), null);
  });

  it('is given back escaped in the form when another field is wrong', async () => {
    const { campaign } = await seedMerchant();
    const journeyId = await journeyWithAccount(campaign.id);

    const response = await postForm(`/j/${journeyId}/photo`, { rating: '9', comment: COMMENT });

    expect(response.status).toBe(422);
    expectEscaped(await response.text(), ESCAPED_COMMENT);
  });

  it('is posted on Sandbox as typed and shown escaped there', async () => {
    const { campaign } = await seedMerchant();
    const journeyId = await journeyWithAccount(campaign.id, 'sandbox', 'poster');
    await postForm(`/j/${journeyId}/photo`, {
      rating: '4',
      photo: new File([encodePhoto('png', 32, 32)], 'p.png', { type: 'image/png' }),
    });
    const submission = await db().query.submissions.findFirst({
      where: eq(submissions.journeyId, journeyId),
    });

    const posted = await postForm('/sandbox/posts', {
      submission: submission?.id ?? '',
      caption: COMMENT,
    });
    const profile = await page('/sandbox/@poster');

    expect(posted.status).toBe(303);
    expectEscaped(profile, ESCAPED_COMMENT);
  });
});

const MARKUP = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

describe('merchant text with markup in it', () => {
  it('keeps a campaign name and offer as typed and escapes them in the console and widget', async () => {
    const { store, owner } = await signedInMerchant();

    const created = await consolePost(
      '/console/campaigns/new',
      campaignFields(store.id, {
        name: MARKUP,
        offerText: MARKUP,
        platforms: ['bluesky', 'sandbox'],
        testMode: 'on',
        photo: new File([encodePhoto('jpeg', 64, 48)], 'd.jpg', { type: 'image/jpeg' }),
      }),
      owner.cookie,
    );
    const id = (created.headers.get('Location') ?? '').match(/campaigns\/([^?]+)/)?.[1] ?? '';
    await consolePost(`/console/campaigns/${id}/status`, { status: 'active' }, owner.cookie);
    const row = await db().query.campaigns.findFirst({ where: eq(campaigns.id, id) });

    expect(created.status).toBe(303);
    expect(row).toMatchObject({ name: MARKUP, offerText: MARKUP, status: 'active' });
    expectEscaped(await page('/console/campaigns', owner.cookie), ESCAPED);
    expectEscaped(await page(`/console/campaigns/${id}`, owner.cookie), ESCAPED);
    expectEscaped(await page(`/console/campaigns/${id}/edit`, owner.cookie), ESCAPED);
    expectEscaped(await page(`/w/${id}`), ESCAPED);
  });

  it('keeps a store name as typed and escapes it in the console and on shopper pages', async () => {
    const { campaign, store, owner } = await signedInMerchant();

    await db().update(stores).set({ name: MARKUP }).where(eq(stores.id, store.id));
    const journeyId = await journeyWithAccount(campaign.id);

    expectEscaped(await page('/console/stores', owner.cookie), ESCAPED);
    expectEscaped(await page(`/w/${campaign.id}`), ESCAPED);
    expectEscaped(await page(`/j/${journeyId}/photo`), ESCAPED);
  });

  it('stores a store name typed with markup as it was typed', async () => {
    const { owner, merchant } = await signedInMerchant();

    const response = await consolePost(
      '/console/stores/new/sandbox',
      { name: MARKUP, domain: 'markup.example.com', currency: 'USD' },
      owner.cookie,
    );
    const rows = await db().select().from(stores).where(eq(stores.merchantId, merchant.id));

    expect(response.status).toBe(200);
    expect(rows.map((row) => row.name)).toContain(MARKUP);
    expectEscaped(await response.text(), ESCAPED);
  });

  it('escapes a team member named with markup', async () => {
    const { owner, merchant } = await signedInMerchant();

    const invited = await consolePost(
      '/console/team',
      { email: 'markup@example.com', name: MARKUP, role: 'staff' },
      owner.cookie,
    );
    const row = await db().query.members.findFirst({
      where: eq(members.email, 'markup@example.com'),
    });

    expect(invited.status).toBe(303);
    expect(row).toMatchObject({ name: MARKUP, merchantId: merchant.id });
    expectEscaped(await page('/console/team', owner.cookie), ESCAPED);
  });

  it('escapes a business name with markup in the header of every console page', async () => {
    const signedUp = await exports.default.fetch(
      new Request('http://farout.test/console/sign-up', {
        method: 'POST',
        body: new URLSearchParams({
          merchantName: MARKUP,
          name: 'Ada',
          email: 'markup-owner@example.com',
          password: 'correct horse battery',
        }),
        headers: { Origin: 'http://farout.test', 'CF-Connecting-IP': '203.0.113.9' },
        redirect: 'manual',
      }),
    );
    const cookie = (signedUp.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
    const merchant = await db().query.merchants.findFirst({ where: eq(merchants.name, MARKUP) });

    expect(signedUp.status).toBe(303);
    expect(merchant?.name).toBe(MARKUP);
    expectEscaped(await page('/console', cookie), ESCAPED);
    expectEscaped(await page('/console/settings', cookie), ESCAPED);
  });

  it("escapes a merchant's rejection reason on the shopper's status page", async () => {
    const { campaign, owner } = await signedInMerchant();
    const { submission } = await seedShopper(campaign, { path: ['generated', 'manual_review'] });
    const reason = `Not ours: ${MARKUP}`;

    const rejected = await consolePost(
      `/console/submissions/${submission?.id}/reject`,
      { reason },
      owner.cookie,
    );

    expect(rejected.status).toBe(303);
    expectEscaped(await page(`/s/${submission?.id}`), ESCAPED);
  });
});

describe('the code-active email', () => {
  it('escapes the store name, the offer and the code in its HTML, and keeps links to http(s)', () => {
    const email = codeActiveEmail({
      storeName: `Roasters ${MARKUP}`,
      offerText: '<img src=x onerror=alert(1)> 20% off',
      promoCode: 'SHARE-<b>X</b>',
      store: { platform: 'shopify', domain: 'evil.example"><script>' },
      usageLimit: null,
      expiresAt: null,
      statusUrl: 'javascript:alert(document.cookie)',
    });

    expectEscaped(email.html, ESCAPED);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).toContain('SHARE-&lt;b&gt;X&lt;/b&gt;');
    expect(email.html).not.toContain('javascript:');
    expect(email.html).not.toContain('evil.example"');
    expect(email.text).toContain(`Roasters ${MARKUP}`);
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});

/** The cells of a CSV body, split the simple way: the test data hold no commas or quotes. */
function csvRows(body: string): string[][] {
  return body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('CSV exports of shopper-written values', () => {
  it('starts every cell a spreadsheet would run as a formula with an apostrophe', async () => {
    const { campaign, owner } = await signedInMerchant({ name: `\u202Eexe.${MARKUP}` });
    // Each handle as a cell must read: the apostrophe, and quotes where a tab needs them.
    const handles: [string, string][] = [
      ['=HYPERLINK(x)', "'=HYPERLINK(x)"],
      ['+1+1', "'+1+1"],
      ['-2+3', "'-2+3"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tcmd', `"'\tcmd"`],
    ];
    for (const [handle] of handles) await seedShopper(campaign, { path: ['generated'], handle });
    await seedShopper(campaign, {
      path: ['generated', 'awaiting_post', 'found', 'verified', 'activated'],
      orders: [{ amountMinor: 1234, currency: 'USD', orderId: '=cmd|/c calc' }],
    });

    const submissionsCsv = await consoleGet(
      `/console/campaigns/${campaign.id}/submissions.csv`,
      owner.cookie,
    );
    const ordersCsv = await consoleGet(
      `/console/campaigns/${campaign.id}/redemptions.csv`,
      owner.cookie,
    );

    const handleCells = csvRows(await submissionsCsv.text()).map((row) => row[3] ?? '');
    expect(handleCells).toEqual(expect.arrayContaining(handles.map(([, cell]) => cell)));
    expect(await ordersCsv.text()).toContain("'=cmd|/c calc");
    const disposition = submissionsCsv.headers.get('Content-Disposition') ?? '';
    expect(disposition).not.toContain('\u202E');
    expect(disposition).not.toMatch(/<script>/);
  });
});
