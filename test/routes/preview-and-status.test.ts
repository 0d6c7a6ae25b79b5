import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findSubmissionPromoCode } from '../../src/db/promo-codes';
import { submissions } from '../../src/db/schema';
import { listSubmissionEvents } from '../../src/db/submissions';
import { monitorFor } from '../../src/monitor/post-monitor';
import { request } from '../helpers/http';
import { postForm } from '../helpers/journey';
import { generatedJourney } from '../helpers/journey-generated';
import { db, seedMerchant } from '../helpers/seed';

describe('step 3: the preview', () => {
  it('shows the image, the caption with the code, the tags and the platform button', async () => {
    const { campaign } = await seedMerchant({ hashtags: ['#beans'], adDisclosure: '#ad' });
    const { journeyId, submission } = await generatedJourney(campaign.id);
    const promoCode = await findSubmissionPromoCode(db(), submission.id);

    const html = await (await request(`/j/${journeyId}/preview`)).text();

    expect(html).toContain(`src="/media/${submission.postImageKey}"`);
    expect(html).toContain(`download="my-post.jpg"`);
    expect(html).toContain(promoCode?.code);
    expect(html).toMatch(/<textarea id="tags"[^>]*>#ad #beans/);
    expect(html).toContain('Go to Sandbox');
    expect(html).toContain(`href="/s/${submission.id}"`);
  });

  it("lets the preview's form lead to the platform, and no other page's", async () => {
    const { campaign } = await seedMerchant({ platforms: ['facebook', 'sandbox'] });
    const { journeyId } = await generatedJourney(campaign.id, 'facebook', 'bean.lover');

    const preview = await request(`/j/${journeyId}/preview`);
    const photoStep = await request(`/j/${journeyId}/photo`);

    // CSP form-action also covers the redirect that follows a form post, so without the
    // platform's origin the browser would stop the shopper on our page.
    expect(preview.headers.get('Content-Security-Policy')).toContain(
      "form-action 'self' https://www.facebook.com;",
    );
    expect(photoStep.headers.get('Content-Security-Policy')).toContain("form-action 'self';");
  });

  it('sends a shopper without a generated post back to step 2', async () => {
    const { campaign } = await seedMerchant();
    const { journeyId } = await generatedJourney(campaign.id);
    await db()
      .update(submissions)
      .set({ postImageKey: null })
      .where(eq(submissions.journeyId, journeyId));

    const response = await request(`/j/${journeyId}/preview`, { redirect: 'manual' });

    expect(response.headers.get('Location')).toBe(`/j/${journeyId}/photo`);
  });
});

describe('going to the platform', () => {
  it('starts monitoring and opens the sandbox composer', async () => {
    const { campaign } = await seedMerchant();
    const { journeyId, submission } = await generatedJourney(campaign.id);

    const response = await postForm(`/j/${journeyId}/go`, {});

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(`/sandbox/compose?submission=${submission.id}`);
    const stored = await db().query.submissions.findFirst({
      where: eq(submissions.id, submission.id),
    });
    expect(stored?.state).toBe('awaiting_post');
    expect(stored?.deadlineAt?.getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    const monitor = await monitorFor(env, submission.id).describe();
    expect(monitor).toMatchObject({ submissionId: submission.id });
    expect(monitor.nextAlarmAt).toBe(stored?.nextCheckAt?.getTime());
  });

  it('opens the Bluesky composer with the caption filled in', async () => {
    const { campaign } = await seedMerchant({ platforms: ['bluesky'] });
    const { journeyId, submission } = await generatedJourney(
      campaign.id,
      'bluesky',
      'me.bsky.social',
    );

    const response = await postForm(`/j/${journeyId}/go`, {});

    const location = new URL(response.headers.get('Location') ?? '');
    expect(location.origin).toBe('https://bsky.app');
    expect(location.searchParams.get('text')).toBe(submission.caption);
  });

  it('is harmless when pressed twice: one transition, the same destination', async () => {
    const { campaign } = await seedMerchant();
    const { journeyId, submission } = await generatedJourney(campaign.id);

    const first = await postForm(`/j/${journeyId}/go`, {});
    const second = await postForm(`/j/${journeyId}/go`, {});

    expect(second.headers.get('Location')).toBe(first.headers.get('Location'));
    const events = await listSubmissionEvents(db(), submission.id);
    expect(events.filter((event) => event.toState === 'awaiting_post')).toHaveLength(1);
  });

  it('sends the journey pages to the status page once the shopper has left', async () => {
    const { campaign } = await seedMerchant();
    const { journeyId, submission } = await generatedJourney(campaign.id);
    await postForm(`/j/${journeyId}/go`, {});

    const response = await request(`/j/${journeyId}/photo`, { redirect: 'manual' });

    expect(response.headers.get('Location')).toBe(`/s/${submission.id}`);
  });
});

describe('the status page', () => {
  it('says the post is being looked for, with time left, and polls for news', async () => {
    const { campaign } = await seedMerchant();
    const { journeyId, submission } = await generatedJourney(campaign.id);
    await postForm(`/j/${journeyId}/go`, {});

    const response = await request(`/s/${submission.id}`);
    const html = await response.text();

    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(html).toContain('Looking for your post');
    expect(html).toMatch(/Time left: (71|72) hours/);
    expect(html).toContain('hx-trigger="every 15s"');
    expect(html).toContain('Waiting</span> The image matches');
  });

  it('shows the active code and stops polling once the code is live', async () => {
    const { campaign } = await seedMerchant();
    const { submission } = await generatedJourney(campaign.id);
    await db()
      .update(submissions)
      .set({ state: 'activated' })
      .where(eq(submissions.id, submission.id));
    const promoCode = await findSubmissionPromoCode(db(), submission.id);

    const html = await (await request(`/s/${submission.id}`)).text();

    expect(html).toContain('Your code is active');
    expect(html).toContain(`value="${promoCode?.code}"`);
    expect(html).not.toContain('hx-trigger');
  });

  it('shows the reason when the post was rejected', async () => {
    const { campaign } = await seedMerchant();
    const { submission } = await generatedJourney(campaign.id);
    await db()
      .update(submissions)
      .set({ state: 'rejected', outcomeReason: 'The promo code is missing from the caption.' })
      .where(eq(submissions.id, submission.id));

    const html = await (await request(`/s/${submission.id}`)).text();

    expect(html).toContain('did not pass the checks');
    expect(html).toContain('The promo code is missing from the caption.');
  });

  it('answers 404 for an unknown submission', async () => {
    expect((await request('/s/sub_nope')).status).toBe(404);
  });
});

describe('media', () => {
  it('serves a post image with long cache headers and answers revalidation with 304', async () => {
    const { campaign } = await seedMerchant();
    const { submission } = await generatedJourney(campaign.id);

    const response = await request(`/media/${submission.postImageKey}`);
    await response.arrayBuffer();
    const etag = response.headers.get('ETag') ?? '';
    const revalidated = await request(`/media/${submission.postImageKey}`, {
      headers: { 'If-None-Match': etag },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/jpeg');
    expect(response.headers.get('Cache-Control')).toContain('immutable');
    expect(revalidated.status).toBe(304);
  });

  it('offers the image as a download when asked', async () => {
    const { campaign } = await seedMerchant();
    const { submission } = await generatedJourney(campaign.id);

    const response = await request(`/media/${submission.postImageKey}?download=1`);
    await response.arrayBuffer();

    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="my-post.jpg"');
  });

  it('serves nothing outside the public prefixes', async () => {
    await env.MEDIA.put('private/secret.txt', 'secret');

    const response = await request('/media/private/secret.txt');

    expect(response.status).toBe(404);
  });
});

describe('pasting the post link on the status page', () => {
  it('keeps a link on the platform and shows it back', async () => {
    const { campaign } = await seedMerchant({ platforms: ['x'] });
    const { journeyId, submission } = await generatedJourney(campaign.id, 'x', 'coffeefan');
    await postForm(`/j/${journeyId}/go`, {});

    const response = await postForm(`/s/${submission.id}/link`, {
      link: 'https://x.com/coffeefan/status/1790000000000000001',
    });
    const page = await (await request(`/s/${submission.id}`)).text();

    expect(response.status).toBe(303);
    const stored = await db().query.submissions.findFirst({
      where: eq(submissions.id, submission.id),
    });
    expect(stored?.postUrl).toBe('https://x.com/coffeefan/status/1790000000000000001');
    expect(page).toContain('value="https://x.com/coffeefan/status/1790000000000000001"');
    const events = await listSubmissionEvents(db(), submission.id);
    expect(events.some((event) => event.kind === 'link')).toBe(true);
  });

  it('re-renders the page with the error next to the field and keeps what was typed', async () => {
    const { campaign } = await seedMerchant({ platforms: ['x'] });
    const { journeyId, submission } = await generatedJourney(campaign.id, 'x', 'coffeefan');
    await postForm(`/j/${journeyId}/go`, {});

    const response = await postForm(`/s/${submission.id}/link`, { link: 'https://evil.example/x' });
    const html = await response.text();

    expect(response.status).toBe(422);
    expect(html).toMatch(
      /id="link-error"[^>]*>This link is not a post on the platform you chose\./,
    );
    expect(html).toContain('value="https://evil.example/x"');
  });

  it('is refused once the post has been found', async () => {
    const { campaign } = await seedMerchant();
    const { submission } = await generatedJourney(campaign.id);
    await db()
      .update(submissions)
      .set({ state: 'holding' })
      .where(eq(submissions.id, submission.id));

    const response = await postForm(`/s/${submission.id}/link`, {
      link: 'https://x.com/a/status/1',
    });

    expect(response.status).toBe(409);
  });
});
