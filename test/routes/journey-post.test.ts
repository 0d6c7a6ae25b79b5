import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findSubmissionPromoCode } from '../../src/db/promo-codes';
import { submissions } from '../../src/db/schema';
import { listSubmissionEvents } from '../../src/db/submissions';
import { encodePhoto } from '../fixtures/media/photo-fixtures';
import { request } from '../helpers/http';
import { journeyWithAccount, postForm } from '../helpers/journey';
import { db, seedMerchant } from '../helpers/seed';

const jpeg = (width = 64, height = 48) =>
  new File([encodePhoto('jpeg', width, height)], 'photo.jpg', { type: 'image/jpeg' });

async function submissionOf(journeyId: string) {
  const submission = await db().query.submissions.findFirst({
    where: eq(submissions.journeyId, journeyId),
  });
  if (!submission) throw new Error('no submission');
  return submission;
}

describe('step 2: photo and review', () => {
  it('sends a shopper who skipped step 1 back to it', async () => {
    const { campaign } = await seedMerchant();
    const start = await request(`/c/${campaign.id}/start`, { redirect: 'manual' });
    const journeyPath = start.headers.get('Location') ?? '';

    const response = await request(`${journeyPath}/photo`, { redirect: 'manual' });

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(journeyPath);
  });

  it('asks for a rating and keeps the comment that was typed', async () => {
    const { campaign } = await seedMerchant();
    const journeyId = await journeyWithAccount(campaign.id);

    const response = await postForm(`/j/${journeyId}/photo`, { comment: 'Lovely beans' });
    const html = await response.text();

    expect(response.status).toBe(422);
    expect(html).toMatch(/id="rating-error"[^>]*>Choose a rating from 1 to 5 stars\./);
    expect(html).toContain('>Lovely beans</textarea>');
  });

  it('refuses an offensive comment without echoing the word', async () => {
    const { campaign } = await seedMerchant({ blockedWords: ['competitor'] });
    const journeyId = await journeyWithAccount(campaign.id);

    const response = await postForm(`/j/${journeyId}/photo`, {
      rating: '4',
      comment: 'Better than Competitor!',
      photo: jpeg(),
    });
    const html = await response.text();

    expect(response.status).toBe(422);
    expect(html).toMatch(/id="comment-error"[^>]*>Please remove offensive words/);
    expect(html).toMatch(/value="4" checked/);
  });

  it('keeps a valid photo when another field is wrong, so it need not be sent again', async () => {
    const { campaign } = await seedMerchant({ blockedWords: ['competitor'] });
    const journeyId = await journeyWithAccount(campaign.id);

    const response = await postForm(`/j/${journeyId}/photo`, {
      comment: 'competitor',
      photo: jpeg(),
    });

    const submission = await submissionOf(journeyId);
    expect(response.status).toBe(422);
    expect(submission.photoKey).toMatch(/^photos\//);
    expect(await env.MEDIA.head(submission.photoKey ?? '')).not.toBeNull();
    expect(await response.text()).toContain('Your photo is saved.');
  });

  it.each([
    [
      'an SVG',
      new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'a.svg', { type: 'image/svg+xml' }),
    ],
    ['text named .jpg', new File(['hello, not a photo'], 'photo.jpg', { type: 'image/jpeg' })],
  ])('refuses %s next to the photo field', async (_, file) => {
    const { campaign } = await seedMerchant();
    const journeyId = await journeyWithAccount(campaign.id);

    const response = await postForm(`/j/${journeyId}/photo`, { rating: '5', photo: file });

    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(
      /id="photo-error"[^>]*>This file is not a JPEG, PNG or WebP/,
    );
  });

  it('refuses an oversized body before reading it, with the error by the photo field', async () => {
    const { campaign } = await seedMerchant();
    const journeyId = await journeyWithAccount(campaign.id);
    const huge = new File([new Uint8Array(11 * 1024 * 1024)], 'big.jpg', { type: 'image/jpeg' });

    const response = await postForm(`/j/${journeyId}/photo`, { rating: '5', photo: huge });

    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/id="photo-error"[^>]*>This photo is larger than 10 MB/);
  });

  it('asks for a photo when there is neither an upload nor a store default', async () => {
    const { campaign } = await seedMerchant({ defaultPhotoKey: null });
    const journeyId = await journeyWithAccount(campaign.id);

    const response = await postForm(`/j/${journeyId}/photo`, { rating: '5' });

    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Choose a photo for your post.');
  });

  it('renders the post, reserves the code and writes the caption', async () => {
    const { campaign } = await seedMerchant({ codePrefix: 'BEANS', hashtags: ['#beans'] });
    const journeyId = await journeyWithAccount(campaign.id);

    const response = await postForm(`/j/${journeyId}/photo`, {
      rating: '5',
      comment: 'Best coffee in town',
      photo: jpeg(),
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(`/j/${journeyId}/preview`);
    const submission = await submissionOf(journeyId);
    const promoCode = await findSubmissionPromoCode(db(), submission.id);
    const image = await env.MEDIA.get(submission.postImageKey ?? '');
    expect(submission).toMatchObject({
      state: 'generated',
      rating: 5,
      comment: 'Best coffee in town',
    });
    expect(promoCode?.code).toMatch(/^BEANS-[2-9A-HJKMNP-Z]{8}$/);
    expect(promoCode?.status).toBe('reserved');
    expect(submission.caption).toContain(promoCode?.code);
    expect(submission.caption).toContain('#beans');
    expect(image?.httpMetadata?.contentType).toBe('image/jpeg');
    const events = await listSubmissionEvents(db(), submission.id);
    expect(events.map((event) => event.toState)).toEqual(['generated']);
  });

  it('uses the store default photo when the shopper keeps it', async () => {
    const defaultPhotoKey = 'defaults/test.jpg';
    await env.MEDIA.put(defaultPhotoKey, encodePhoto('jpeg', 80, 80));
    const { campaign } = await seedMerchant({ defaultPhotoKey });
    const journeyId = await journeyWithAccount(campaign.id);

    const response = await postForm(`/j/${journeyId}/photo`, { rating: '3' });

    const submission = await submissionOf(journeyId);
    expect(response.status).toBe(303);
    expect(submission.photoKey).toBeNull();
    expect(submission.postImageKey).toMatch(/^posts\//);
  });

  it('keeps the same code when the shopper edits the review, and drops the old image', async () => {
    const { campaign } = await seedMerchant();
    const journeyId = await journeyWithAccount(campaign.id);
    await postForm(`/j/${journeyId}/photo`, { rating: '5', photo: jpeg() });
    const first = await submissionOf(journeyId);
    const firstCode = await findSubmissionPromoCode(db(), first.id);

    await postForm(`/j/${journeyId}/photo`, { rating: '2', comment: 'Changed my mind' });

    const second = await submissionOf(journeyId);
    expect((await findSubmissionPromoCode(db(), second.id))?.code).toBe(firstCode?.code);
    expect(second.postImageKey).not.toBe(first.postImageKey);
    expect(await env.MEDIA.head(first.postImageKey ?? '')).toBeNull();
    expect(second).toMatchObject({ rating: 2, photoKey: first.photoKey });
  });
});
