import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { campaignResults, utcDay } from '../../src/db/console-results';
import { campaignDailyViews, merchants, type SubmissionState } from '../../src/db/schema';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import { request } from '../helpers/http';
import { db } from '../helpers/seed';
import { daysAgo, seedShopper } from '../helpers/shoppers';

type Seeded = Awaited<ReturnType<typeof signedInMerchant>>;

const VERIFIED_PATH: SubmissionState[] = [
  'generated',
  'awaiting_post',
  'found',
  'holding',
  'verified',
  'activated',
];
const APPROVED_PATH: SubmissionState[] = [
  'generated',
  'awaiting_post',
  'manual_review',
  'approved',
  'activated',
];

/** A campaign 40 days old with a known funnel: 12 views, 4 started, 3 gone, 2 verified. */
async function campaignWithResults(overrides: Parameters<typeof signedInMerchant>[0] = {}) {
  const seeded = await signedInMerchant({ createdAt: daysAgo(40), ...overrides });
  const { campaign } = seeded;
  await db()
    .insert(campaignDailyViews)
    .values([
      { campaignId: campaign.id, day: utcDay(Date.now()), views: 5 },
      { campaignId: campaign.id, day: utcDay(daysAgo(1)), views: 7 },
    ]);
  await seedShopper(campaign, { path: ['generated'] });
  await seedShopper(campaign, { path: ['generated', 'awaiting_post'] });
  const verified = await seedShopper(campaign, {
    path: VERIFIED_PATH,
    at: daysAgo(2),
    engagement: { authorFollowers: 120, likes: 9 },
    orders: [
      { amountMinor: 1999, currency: 'EUR' },
      { amountMinor: 2500, currency: 'EUR' },
    ],
  });
  await seedShopper(campaign, {
    platform: 'bluesky',
    path: APPROVED_PATH,
    engagement: { likes: 3, replies: 1 },
    orders: [{ amountMinor: 1000, currency: 'USD' }],
  });
  await seedShopper(campaign, { opened: false });
  return { ...seeded, verified };
}

/** Someone else's campaign with shoppers, which must never show in the first one's figures. */
async function otherMerchantWithResults() {
  const other = await signedInMerchant();
  await db()
    .insert(campaignDailyViews)
    .values({ campaignId: other.campaign.id, day: utcDay(Date.now()), views: 1000 });
  await seedShopper(other.campaign, {
    path: VERIFIED_PATH,
    orders: [{ amountMinor: 99_999, currency: 'EUR' }],
  });
  return other;
}

function resultsOf({ merchant, campaign }: Seeded) {
  return campaignResults(db(), merchant.id, campaign.id, { to: utcDay(Date.now()), days: 30 });
}

describe('campaignResults', () => {
  it('counts each funnel step from the seeded journeys, submissions, codes and orders', async () => {
    const seeded = await campaignWithResults();
    await otherMerchantWithResults();

    const results = await resultsOf(seeded);

    expect(results?.funnel).toEqual({
      views: 12,
      started: 4,
      generated: 4,
      leftForPlatform: 3,
      found: 2,
      verified: 2,
      codesLive: 2,
      redemptions: 3,
    });
    expect(results?.revenue).toEqual([
      { currency: 'EUR', orders: 2, amountMinor: 4499 },
      { currency: 'USD', orders: 1, amountMinor: 1000 },
    ]);
    expect(results?.reach).toMatchObject({
      posts: 2,
      postsWithFollowers: 1,
      followers: 120,
      likes: 12,
      replies: 1,
    });
    expect(results?.platforms).toEqual([
      { platform: 'bluesky', submissions: 1, posted: 1, verified: 1, redemptions: 1 },
      { platform: 'sandbox', submissions: 3, posted: 2, verified: 1, redemptions: 2 },
    ]);
  });

  it('puts each figure on its UTC day, over the last 30 days', async () => {
    const seeded = await campaignWithResults();

    const daily = (await resultsOf(seeded))?.daily;

    expect(daily?.days).toHaveLength(30);
    expect(daily?.days.at(-1)).toBe(utcDay(Date.now()));
    const twoDaysAgo = daily?.days.indexOf(utcDay(daysAgo(2))) ?? -1;
    expect(daily?.views.at(-1)).toBe(5);
    expect(daily?.views.at(-2)).toBe(7);
    expect(daily?.verified[twoDaysAgo]).toBe(1);
    expect(daily?.redemptions[twoDaysAgo]).toBe(2);
    expect(daily?.submissions.reduce((sum, value) => sum + value, 0)).toBe(4);
  });

  it("starts the days at the campaign's first day when it is younger than the period", async () => {
    const seeded = await signedInMerchant({ createdAt: daysAgo(3) });

    const daily = (await resultsOf(seeded))?.daily;

    expect(daily?.days).toEqual([3, 2, 1, 0].map((days) => utcDay(daysAgo(days))));
  });

  it("answers nothing for another merchant's campaign", async () => {
    const seeded = await campaignWithResults();
    const other = await signedInMerchant();

    const results = await campaignResults(db(), other.merchant.id, seeded.campaign.id, {
      to: utcDay(Date.now()),
      days: 30,
    });

    expect(results).toBeUndefined();
  });
});

describe('GET /console/campaigns/:id/results', () => {
  it('shows the funnel, reach, orders per currency and the charts', async () => {
    const seeded = await campaignWithResults();

    const response = await consoleGet(
      `/console/campaigns/${seeded.campaign.id}/results`,
      seeded.owner.cookie,
    );
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('Results: Spring sharing');
    expect(html).toContain('<th scope="row">Widget views</th><td>12</td>');
    expect(html).toContain('<th scope="row">Orders with a code</th><td>3</td>');
    expect(html).toContain('€44.99');
    expect(html).toContain('$10.00');
    expect(html).toContain('<dd>120 <span class="muted">(from 1 of 2 posts)</span></dd>');
    expect(html.match(/<svg class="chart-svg"/g)).toHaveLength(4);
    expect(html).toContain('Posts shared per platform');
    expect(html).toContain('1 verified, 2 orders');
    expect(html).toContain(`href="/console/campaigns/${seeded.campaign.id}/submissions.csv"`);
    expect(html).toContain('the charts show at most the last 30 days');
  });

  it('draws the whole campaign day by day when asked', async () => {
    const seeded = await campaignWithResults();

    const response = await consoleGet(
      `/console/campaigns/${seeded.campaign.id}/results?period=all`,
      seeded.owner.cookie,
    );
    const html = await response.text();

    expect(html).toContain(`<th scope="row">${utcDay(daysAgo(40))}</th>`);
    expect(html).toContain(
      `<a href="/console/campaigns/${seeded.campaign.id}/results?period=all" aria-current="page">`,
    );
    expect(html).not.toContain('the charts show at most');
  });

  it('refuses a period it does not know with 400', async () => {
    const seeded = await signedInMerchant();

    const response = await consoleGet(
      `/console/campaigns/${seeded.campaign.id}/results?period=week`,
      seeded.owner.cookie,
    );

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Choose a period');
  });

  it('shows a first-steps message for a campaign with no results yet', async () => {
    const seeded = await signedInMerchant();

    const html = await (
      await consoleGet(`/console/campaigns/${seeded.campaign.id}/results`, seeded.owner.cookie)
    ).text();

    expect(html).toContain('No results yet');
    expect(html).not.toContain('chart-svg');
  });

  it('escapes the campaign name', async () => {
    const seeded = await signedInMerchant({ name: '<script>alert(1)</script>' });

    const html = await (
      await consoleGet(`/console/campaigns/${seeded.campaign.id}/results`, seeded.owner.cookie)
    ).text();

    expect(html).toContain('Results: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('is open to staff', async () => {
    const seeded = await campaignWithResults();
    const staff = await seedMember(seeded.merchant.id, 'staff');

    const response = await consoleGet(
      `/console/campaigns/${seeded.campaign.id}/results`,
      staff.cookie,
    );

    expect(response.status).toBe(200);
  });

  it("answers 404 for another merchant's campaign and for an unknown id", async () => {
    const seeded = await signedInMerchant();
    const other = await otherMerchantWithResults();

    const theirs = await consoleGet(
      `/console/campaigns/${other.campaign.id}/results`,
      seeded.owner.cookie,
    );
    const unknown = await consoleGet('/console/campaigns/cmp_nope/results', seeded.owner.cookie);

    expect(theirs.status).toBe(404);
    const html = await theirs.text();
    expect(html).toContain('There is no such campaign in your account.');
    expect(html).not.toContain('€999.99');
    expect(unknown.status).toBe(404);
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const seeded = await signedInMerchant();

    const response = await consoleGet(`/console/campaigns/${seeded.campaign.id}/results`);

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toMatch(/^\/console\/sign-in\?next=/);
  });
});

async function viewsOf(campaignId: string): Promise<number | undefined> {
  const [row] = await db()
    .select({ views: campaignDailyViews.views })
    .from(campaignDailyViews)
    .where(eq(campaignDailyViews.campaignId, campaignId));
  return row?.views;
}

describe('widget views', () => {
  it('counts one view per widget render, on the day of the render', async () => {
    const { campaign } = await signedInMerchant();

    await request(`/w/${campaign.id}`);
    await vi.waitFor(async () => expect(await viewsOf(campaign.id)).toBe(1));
    await request(`/w/${campaign.id}?order=1001`);

    await vi.waitFor(async () => expect(await viewsOf(campaign.id)).toBe(2));
    const [row] = await db()
      .select()
      .from(campaignDailyViews)
      .where(eq(campaignDailyViews.campaignId, campaign.id));
    expect(row?.day).toBe(utcDay(Date.now()));
  });

  it('counts no view when the widget shows no offer', async () => {
    const { campaign } = await signedInMerchant({ status: 'paused' });
    const live = await signedInMerchant();

    await request(`/w/${campaign.id}`);
    await request(`/w/${live.campaign.id}`);

    // The live widget's view lands after its response; by then the paused one would have too.
    await vi.waitFor(async () => expect(await viewsOf(live.campaign.id)).toBe(1));
    expect(await viewsOf(campaign.id)).toBeUndefined();
  });
});

/** The records of a CSV body, without its byte order mark, split on CRLF. */
function csvLines(body: string): string[] {
  return body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(0, -1);
}

describe('GET /console/campaigns/:id/submissions.csv', () => {
  it('lists every submission with its scores, post link and promo code, and no email', async () => {
    const seeded = await signedInMerchant({ name: 'Spring sharing' });
    const shopper = await seedShopper(seeded.campaign, {
      email: 'ada@example.com',
      path: VERIFIED_PATH,
    });

    const response = await consoleGet(
      `/console/campaigns/${seeded.campaign.id}/submissions.csv`,
      seeded.owner.cookie,
    );
    const body = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="Spring-sharing-submissions.csv"; ' +
        "filename*=UTF-8''Spring%20sharing%20submissions.csv",
    );
    const [header, row] = csvLines(body);
    expect(header).toBe(
      'Submission id,Created,Platform,Handle,State,Image score,Caption score,Language passed,' +
        'Post URL,Promo code,Code status,Activated at',
    );
    expect(row).toBe(
      [
        shopper.submission?.id,
        shopper.submission?.createdAt.toISOString(),
        'sandbox',
        'ada.shopper',
        'activated',
        '0.97',
        '1',
        'yes',
        shopper.submission?.postUrl,
        shopper.promoCode?.code,
        'active',
        shopper.promoCode?.activatedAt?.toISOString(),
      ].join(','),
    );
    expect(body).not.toContain('ada@example.com');
  });

  it('defuses a handle a spreadsheet would run as a formula', async () => {
    const seeded = await signedInMerchant();
    await seedShopper(seeded.campaign, {
      handle: '=HYPERLINK("http://evil.example")',
      path: ['generated'],
    });
    await seedShopper(seeded.campaign, { handle: '=1+1', path: ['generated'] });

    const body = await (
      await consoleGet(
        `/console/campaigns/${seeded.campaign.id}/submissions.csv`,
        seeded.owner.cookie,
      )
    ).text();

    expect(body).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
    expect(body).toContain(",'=1+1,");
    expect(body).not.toMatch(/,=1\+1,/);
  });

  it("answers 404 for another merchant's campaign", async () => {
    const seeded = await signedInMerchant();
    const other = await otherMerchantWithResults();

    const response = await consoleGet(
      `/console/campaigns/${other.campaign.id}/submissions.csv`,
      seeded.owner.cookie,
    );

    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).not.toContain('text/csv');
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const seeded = await signedInMerchant();

    const response = await consoleGet(`/console/campaigns/${seeded.campaign.id}/submissions.csv`);

    expect(response.status).toBe(303);
  });
});

describe('GET /console/campaigns/:id/redemptions.csv', () => {
  it('lists the orders that used the codes with amounts in the currency unit', async () => {
    const seeded = await signedInMerchant({ name: 'Café fête' });
    // A minute apart: orders of the same moment come in the order of their random ids.
    const orderedAt = new Date('2026-03-01T10:00:00.000Z');
    const nextMinute = new Date('2026-03-01T10:01:00.000Z');
    const shopper = await seedShopper(seeded.campaign, {
      path: VERIFIED_PATH,
      orders: [
        { orderId: '#1001', amountMinor: 1999, currency: 'EUR', orderedAt },
        { orderId: '=2+3', amountMinor: 1500, currency: 'JPY', orderedAt: nextMinute },
      ],
    });
    const staff = await seedMember(seeded.merchant.id, 'staff');

    const response = await consoleGet(
      `/console/campaigns/${seeded.campaign.id}/redemptions.csv`,
      staff.cookie,
    );
    const lines = csvLines(await response.text());

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toContain(
      'filename="Cafe-fete-orders.csv"',
    );
    const code = shopper.promoCode?.code;
    expect(lines).toEqual([
      'Order id,Promo code,Amount,Currency,Ordered at',
      `#1001,${code},19.99,EUR,2026-03-01T10:00:00.000Z`,
      `'=2+3,${code},1500,JPY,2026-03-01T10:01:00.000Z`,
    ]);
  });

  it("answers 404 for another merchant's campaign", async () => {
    const seeded = await signedInMerchant();
    const other = await otherMerchantWithResults();

    const response = await consoleGet(
      `/console/campaigns/${other.campaign.id}/redemptions.csv`,
      seeded.owner.cookie,
    );

    expect(response.status).toBe(404);
  });
});

describe('/console/settings', () => {
  async function retentionOf(merchantId: string) {
    const [row] = await db()
      .select({ days: merchants.retentionDays })
      .from(merchants)
      .where(eq(merchants.id, merchantId));
    return row?.days;
  }

  it("shows the owner the retention form with the merchant's days", async () => {
    const seeded = await signedInMerchant();

    const html = await (await consoleGet('/console/settings', seeded.owner.cookie)).text();

    expect(html).toContain('name="retentionDays"');
    expect(html).toContain('value="180"');
  });

  it('saves a new retention period and says so', async () => {
    const seeded = await signedInMerchant();

    const response = await consolePost(
      '/console/settings',
      { retentionDays: ' 365 ' },
      seeded.owner.cookie,
    );

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/console/settings?saved');
    expect(await retentionOf(seeded.merchant.id)).toBe(365);
    const page = await consoleGet('/console/settings?saved', seeded.owner.cookie);
    expect(await page.text()).toContain('Settings saved.');
  });

  it.each([['20'], ['3651'], ['ninety'], ['90.5'], ['']])(
    're-renders the form with an error when the days are %j, keeping the value',
    async (typed) => {
      const seeded = await signedInMerchant();

      const response = await consolePost(
        '/console/settings',
        { retentionDays: typed },
        seeded.owner.cookie,
      );

      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toContain('Enter a whole number of days from 30 to 3650.');
      expect(html).toContain(`value="${typed}"`);
      expect(html).toContain('aria-invalid="true"');
      expect(await retentionOf(seeded.merchant.id)).toBe(180);
    },
  );

  it('shows staff the period without a form, and refuses their post with 403', async () => {
    const seeded = await signedInMerchant();
    const staff = await seedMember(seeded.merchant.id, 'staff');

    const html = await (await consoleGet('/console/settings', staff.cookie)).text();
    const response = await consolePost('/console/settings', { retentionDays: '30' }, staff.cookie);

    expect(html).toContain('180 days after a campaign ends');
    expect(html).not.toContain('name="retentionDays"');
    expect(response.status).toBe(403);
    expect(await retentionOf(seeded.merchant.id)).toBe(180);
  });

  it('changes only the signed-in merchant', async () => {
    const seeded = await signedInMerchant();
    const other = await signedInMerchant();

    await consolePost('/console/settings', { retentionDays: '45' }, seeded.owner.cookie);

    expect(await retentionOf(seeded.merchant.id)).toBe(45);
    expect(await retentionOf(other.merchant.id)).toBe(180);
  });

  it('sends a signed-out visitor to sign in, and refuses a signed-out post with 401', async () => {
    const page = await consoleGet('/console/settings');
    const post = await consolePost('/console/settings', { retentionDays: '30' });

    expect(page.status).toBe(303);
    expect(post.status).toBe(401);
  });
});
