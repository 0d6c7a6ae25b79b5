import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { SubmissionState } from '../../src/db/schema';
import { submissions } from '../../src/db/schema';
import { listSubmissionEvents, type Submission } from '../../src/db/submissions';
import { encodePhoto, latin1 } from '../fixtures/media/photo-fixtures';
import { request } from '../helpers/http';
import { postForm } from '../helpers/journey';
import { generatedJourney } from '../helpers/journey-generated';
import { db, seedMerchant } from '../helpers/seed';

async function submissionIn(state: SubmissionState, platform = 'sandbox') {
  const { campaign } = await seedMerchant({ platforms: [platform as 'sandbox'] });
  const { submission } = await generatedJourney(campaign.id, platform, 'shopper');
  await db().update(submissions).set({ state }).where(eq(submissions.id, submission.id));
  return submission;
}

async function stored(id: string) {
  return db().query.submissions.findFirst({ where: eq(submissions.id, id) });
}

async function postImageBytes(submission: Submission) {
  const object = await env.MEDIA.get(submission.postImageKey ?? '');
  if (!object) throw new Error('the generated journey has no post image');
  return new Uint8Array(await object.arrayBuffer());
}

// Diagonal stripes of changing width and colour: an image full of edges, none of them ours.
function stripedPicture(width: number, height: number) {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const band = Math.floor((x + 2 * y) / (12 + (y % 40))) % 3;
      pixels.set(
        band === 0 ? [240, 200, 40, 255] : [20, 60 + band * 80, 120, 255],
        (y * width + x) * 4,
      );
    }
  }
  return encodePhoto('png', width, height, pixels);
}

const asFile = (bytes: Uint8Array, name = 'screenshot.png', type = 'image/png') =>
  new File([bytes], name, { type });

async function screenshotEvents(submissionId: string) {
  const events = await listSubmissionEvents(db(), submissionId);
  return events.filter((event) => event.kind === 'screenshot');
}

describe('sending a screenshot of the post', () => {
  it('stores it, keeps its key on the submission and records a scored event', async () => {
    const submission = await submissionIn('manual_review');

    const response = await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(stripedPicture(360, 780)),
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(`/s/${submission.id}`);
    const key = (await stored(submission.id))?.screenshotKey;
    expect(key).toMatch(/^photos\//);
    expect(await env.MEDIA.head(key ?? '')).not.toBeNull();
    const [event] = await screenshotEvents(submission.id);
    expect(event?.data).toMatchObject({ key, match: false });
    expect(typeof event?.data?.score).toBe('number');
  });

  it('scores a screenshot that is our post image as a match', async () => {
    const submission = await submissionIn('manual_review');
    const ours = await postImageBytes(submission);

    await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(ours, 'post.jpg', 'image/jpeg'),
    });

    const [event] = await screenshotEvents(submission.id);
    expect(event?.data?.score).toBeGreaterThanOrEqual(0.9);
    expect(event?.data?.match).toBe(true);
  });

  it('scores a different picture low', async () => {
    const submission = await submissionIn('manual_review');

    await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(stripedPicture(1080, 1350)),
    });

    const [event] = await screenshotEvents(submission.id);
    expect(event?.data?.score).toBeLessThan(0.5);
    expect(event?.data?.match).toBe(false);
  });

  it('replaces an earlier screenshot and deletes its stored copy', async () => {
    const submission = await submissionIn('manual_review');
    await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(stripedPicture(300, 600)),
    });
    const first = (await stored(submission.id))?.screenshotKey ?? '';

    await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(stripedPicture(320, 640)),
    });

    const second = (await stored(submission.id))?.screenshotKey ?? '';
    expect(second).not.toBe(first);
    expect(await env.MEDIA.head(first)).toBeNull();
    expect(await env.MEDIA.head(second)).not.toBeNull();
  });

  it('answers an htmx request with HX-Redirect to the status page', async () => {
    const submission = await submissionIn('manual_review');

    const response = await postForm(
      `/s/${submission.id}/screenshot`,
      { screenshot: asFile(stripedPicture(300, 600)) },
      { 'HX-Request': 'true' },
    );

    expect(response.status).toBe(204);
    expect(response.headers.get('HX-Redirect')).toBe(`/s/${submission.id}`);
  });
});

describe('refusing a screenshot', () => {
  it('refuses an SVG file with the message next to the field', async () => {
    const submission = await submissionIn('manual_review');
    const svg = latin1('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');

    const response = await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(svg, 'post.svg', 'image/svg+xml'),
    });

    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(
      /id="screenshot-error"[^>]*>This file is not a JPEG, PNG or WebP/,
    );
    expect((await stored(submission.id))?.screenshotKey).toBeNull();
    expect(await screenshotEvents(submission.id)).toHaveLength(0);
  });

  it('refuses a text file renamed as an image', async () => {
    const submission = await submissionIn('manual_review');

    const response = await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(latin1('just some notes'), 'notes.png'),
    });

    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/id="screenshot-error"[^>]*>This file is not a JPEG/);
  });

  it('asks for a file when none was chosen', async () => {
    const submission = await submissionIn('manual_review');

    const response = await postForm(`/s/${submission.id}/screenshot`, {});

    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/id="screenshot-error"[^>]*>Choose a screenshot/);
  });

  it('refuses an 11 MB upload before reading it, with the message next to the field', async () => {
    const submission = await submissionIn('manual_review');
    const huge = new Uint8Array(11 * 1024 * 1024);

    const response = await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(huge, 'big.png'),
    });

    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(
      /id="screenshot-error"[^>]*>This screenshot is larger than 10 MB/,
    );
  });

  it('refuses a screenshot once the post is being held', async () => {
    const submission = await submissionIn('holding');

    const response = await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(stripedPicture(300, 600)),
    });

    expect(response.status).toBe(409);
    expect((await stored(submission.id))?.screenshotKey).toBeNull();
  });

  it('refuses one while a searchable platform is still being looked at', async () => {
    const submission = await submissionIn('awaiting_post');

    const response = await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(stripedPicture(300, 600)),
    });

    expect(response.status).toBe(409);
  });
});

describe('the screenshot form on the status page', () => {
  const FORM = 'Upload a screenshot of your post';

  it('is offered in manual review, with its hint tied to the field', async () => {
    const submission = await submissionIn('manual_review');

    const html = await (await request(`/s/${submission.id}`)).text();

    expect(html).toContain(FORM);
    expect(html).toContain(`action="/s/${submission.id}/screenshot"`);
    expect(html).toMatch(/id="screenshot"[^>]*aria-describedby="screenshot-hint"/);
  });

  it('is offered while a Facebook post is awaited, which the monitor cannot find', async () => {
    const submission = await submissionIn('awaiting_post', 'facebook');

    const html = await (await request(`/s/${submission.id}`)).text();

    expect(html).toContain(FORM);
  });

  it('is not offered while the post can be searched for, nor once it is held', async () => {
    const searching = await submissionIn('awaiting_post');
    const held = await submissionIn('holding');

    const searchingHtml = await (await request(`/s/${searching.id}`)).text();
    const heldHtml = await (await request(`/s/${held.id}`)).text();

    expect(searchingHtml).not.toContain(FORM);
    expect(heldHtml).not.toContain(FORM);
  });

  it('shows the screenshot received, served from /media', async () => {
    const submission = await submissionIn('manual_review');
    await postForm(`/s/${submission.id}/screenshot`, {
      screenshot: asFile(stripedPicture(300, 600)),
    });
    const key = (await stored(submission.id))?.screenshotKey;

    const html = await (await request(`/s/${submission.id}`)).text();
    const image = await request(`/media/${key}`);

    expect(html).toContain('Screenshot received');
    expect(html).toMatch(new RegExp(`<img src="/media/${key}" alt="[^"]+"`));
    expect(image.status).toBe(200);
    expect(image.headers.get('Content-Type')).toBe('image/jpeg');
  });
});
