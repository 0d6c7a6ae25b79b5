import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { journeys } from '../../src/db/schema';
import { request } from '../helpers/http';
import { postForm } from '../helpers/journey';
import { generatedJourney } from '../helpers/journey-generated';
import { db, seedMerchant } from '../helpers/seed';

async function waitingSubmission() {
  const { campaign } = await seedMerchant();
  const { journeyId, submission } = await generatedJourney(campaign.id);
  await postForm(`/j/${journeyId}/go`, {});
  return { journeyId, submissionId: submission.id };
}

describe('asking for the shopper email on the status page', () => {
  it('offers the form while the code is still to come and no address is known', async () => {
    const { submissionId } = await waitingSubmission();

    const html = await (await request(`/s/${submissionId}`)).text();

    expect(html).toContain('Email me when my code is live');
    expect(html).toContain('name="consent"');
  });

  it('needs the consent box ticked, keeping the address typed', async () => {
    const { submissionId } = await waitingSubmission();

    const response = await postForm(`/s/${submissionId}/email`, { email: 'me@example.com' });
    const html = await response.text();

    expect(response.status).toBe(422);
    expect(html).toMatch(/id="email-error"[^>]*>Tick the box/);
    expect(html).toContain('value="me@example.com"');
  });

  it('refuses an address that is not one', async () => {
    const { submissionId } = await waitingSubmission();

    const response = await postForm(`/s/${submissionId}/email`, {
      email: 'me at home',
      consent: 'yes',
    });

    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Enter an email address like name@example.com.');
  });

  it('keeps the address with the time of consent, and stops asking', async () => {
    const { journeyId, submissionId } = await waitingSubmission();

    const response = await postForm(`/s/${submissionId}/email`, {
      email: ' me@example.com ',
      consent: 'yes',
    });
    const html = await (await request(`/s/${submissionId}`)).text();

    const journey = await db().query.journeys.findFirst({ where: eq(journeys.id, journeyId) });
    expect(response.status).toBe(303);
    expect(journey?.email).toBe('me@example.com');
    expect(journey?.emailConsentAt).toBeInstanceOf(Date);
    expect(html).not.toContain('Email me when my code is live');
  });
});
