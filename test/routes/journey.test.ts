import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { journeys, submissions } from '../../src/db/schema';
import { request } from '../helpers/http';
import { postForm, startJourney } from '../helpers/journey';
import { db, seedMerchant } from '../helpers/seed';

describe('starting a journey', () => {
  it('creates a journey and sends the shopper to step 1', async () => {
    const { campaign } = await seedMerchant();

    const response = await request(`/c/${campaign.id}/start?order=A-1`, { redirect: 'manual' });

    expect(response.status).toBe(303);
    const journeyId = response.headers.get('Location')?.replace('/j/', '') ?? '';
    const journey = await db().query.journeys.findFirst({ where: eq(journeys.id, journeyId) });
    expect(journey).toMatchObject({ campaignId: campaign.id, orderRef: 'A-1' });
  });

  it('reuses the journey of the same order when the Thank-You page is reloaded', async () => {
    const { campaign } = await seedMerchant();

    const first = await startJourney(campaign.id, 'A-2');
    const second = await startJourney(campaign.id, 'A-2');

    expect(second).toBe(first);
  });

  it('accepts the widget form post with the email the store passed', async () => {
    const { campaign } = await seedMerchant();

    const response = await postForm(`/c/${campaign.id}/start`, {
      order: 'A-3',
      email: 'shopper@example.com',
    });

    expect(response.status).toBe(303);
    const journey = await db().query.journeys.findFirst({ where: eq(journeys.orderRef, 'A-3') });
    expect(journey?.email).toBe('shopper@example.com');
  });

  it('refuses a form post from another site', async () => {
    const { campaign } = await seedMerchant();

    const response = await postForm(
      `/c/${campaign.id}/start`,
      {},
      { Origin: 'https://evil.example' },
    );

    expect(response.status).toBe(403);
  });

  it('shows a polite page when the campaign has ended', async () => {
    const { campaign } = await seedMerchant({ status: 'ended' });

    const response = await request(`/c/${campaign.id}/start`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('This offer is not running right now');
  });

  it('answers 404 for an unknown campaign or journey', async () => {
    expect((await request('/c/cmp_nope/start')).status).toBe(404);
    expect((await request('/j/jny_nope')).status).toBe(404);
  });
});

describe('step 1: the social account', () => {
  it('offers the campaign platforms plus the test-mode sandbox and says to be public', async () => {
    const { campaign } = await seedMerchant({ platforms: ['bluesky', 'mastodon'], testMode: true });
    const journeyId = await startJourney(campaign.id);

    const html = await (await request(`/j/${journeyId}`)).text();

    expect(html).toContain('value="sandbox"');
    expect(html).toContain('value="bluesky"');
    expect(html).toContain('value="mastodon"');
    expect(html).not.toContain('value="instagram"');
    expect(html).toContain('must be <strong>public</strong>');
  });

  it('does not offer the sandbox outside test mode', async () => {
    const { campaign } = await seedMerchant({ platforms: ['bluesky'], testMode: false });
    const journeyId = await startJourney(campaign.id);

    const html = await (await request(`/j/${journeyId}`)).text();

    expect(html).not.toContain('value="sandbox"');
  });

  it('re-renders with the error next to the username and keeps the platform', async () => {
    const { campaign } = await seedMerchant();
    const journeyId = await startJourney(campaign.id);

    const response = await postForm(`/j/${journeyId}/account`, {
      platform: 'mastodon',
      username: 'justaname',
    });
    const html = await response.text();

    expect(response.status).toBe(422);
    expect(html).toMatch(/id="username-error"[^>]*>[^<]*server/);
    expect(html).toMatch(/value="mastodon" checked/);
    expect(html).toContain('value="justaname"');
  });

  it('asks for a platform when none or one outside the campaign is sent', async () => {
    const { campaign } = await seedMerchant({ platforms: ['bluesky'] });
    const journeyId = await startJourney(campaign.id);

    const response = await postForm(`/j/${journeyId}/account`, { platform: 'x', username: 'a' });

    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Choose where you will post.');
  });

  it('saves the normalised handle and moves on to step 2', async () => {
    const { campaign } = await seedMerchant();
    const journeyId = await startJourney(campaign.id);

    const response = await postForm(`/j/${journeyId}/account`, {
      platform: 'instagram',
      username: '  @Coffee.Lover ',
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(`/j/${journeyId}/photo`);
    const submission = await db().query.submissions.findFirst({
      where: eq(submissions.journeyId, journeyId),
    });
    expect(submission).toMatchObject({
      platform: 'instagram',
      handle: 'coffee.lover',
      state: 'draft',
    });
  });

  it('tells htmx where to go next instead of redirecting the fragment', async () => {
    const { campaign } = await seedMerchant();
    const journeyId = await startJourney(campaign.id);

    const response = await postForm(
      `/j/${journeyId}/account`,
      { platform: 'sandbox', username: 'tester' },
      { 'HX-Request': 'true' },
    );

    expect(response.status).toBe(204);
    expect(response.headers.get('HX-Redirect')).toBe(`/j/${journeyId}/photo`);
  });
});
