import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { findSandboxPost, listSandboxPosts } from '../../src/db/sandbox-posts';
import { journeys, submissions } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { request } from '../helpers/http';
import { db, seedMerchant } from '../helpers/seed';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 0xff, 0xd9]);
const ORIGIN = 'http://farout.test';

type SubmissionOverrides = Partial<typeof submissions.$inferInsert>;

// Storage is shared by the tests of this file, so each submission posts as its own handle.
let handles = 0;

/** A sandbox submission with its rendered post image in R2, ready to post. */
async function seedSubmission(overrides: SubmissionOverrides = {}) {
  const { campaign } = await seedMerchant();
  const journey = { id: newId('jny'), campaignId: campaign.id };
  const id = newId('sub');
  const postImageKey = `submissions/${id}/post.jpg`;
  const submission = {
    id,
    journeyId: journey.id,
    campaignId: campaign.id,
    platform: 'sandbox' as const,
    handle: `shopper-${++handles}`,
    caption: 'Great beans! Code SHARE-ABCDEFGH #testroasters',
    postImageKey,
    state: 'awaiting_post' as const,
    ...overrides,
  };

  await env.MEDIA.put(postImageKey, JPEG, { httpMetadata: { contentType: 'image/jpeg' } });
  await db().batch([
    db().insert(journeys).values(journey),
    db().insert(submissions).values(submission),
  ]);
  return submission;
}

function postForm(path: string, fields: Record<string, string>, origin = ORIGIN) {
  return request(path, {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
}

/** Posts a submission's caption and returns the post that appeared on its profile. */
async function publish(submission: { id: string; handle: string }, caption: string) {
  const response = await postForm('/sandbox/posts', { submission: submission.id, caption });
  const [post] = await listSandboxPosts(db(), submission.handle);
  if (response.status !== 303 || !post) throw new Error(`posting failed: ${response.status}`);
  return post;
}

describe('GET /sandbox/compose', () => {
  it('shows the handle, the image preview and the caption in an editable field', async () => {
    const submission = await seedSubmission();

    const response = await request(`/sandbox/compose?submission=${submission.id}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain(`@${submission.handle}`);
    expect(html).toContain(`src="/sandbox/compose/${submission.id}/image"`);
    expect(html).toContain(`alt="Post by @${submission.handle} with a star rating and a comment"`);
    expect(html).toMatch(/<textarea[^>]*name="caption"[^>]*>Great beans! Code SHARE-ABCDEFGH/);
    expect(html).toMatch(/<label for="caption"[^>]*>Caption<\/label>/);
    expect(html).toContain('a test network for trying FarOut, nothing here is public');
  });

  it('says the post is not ready, with a way back, while the submission is a draft', async () => {
    const submission = await seedSubmission({ state: 'draft', postImageKey: null });

    const response = await request(`/sandbox/compose?submission=${submission.id}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('not ready');
    expect(html).toContain(`href="/s/${submission.id}"`);
    expect(html).not.toContain('<textarea');
  });

  it('answers 404 for an unknown submission and for one on another platform', async () => {
    const other = await seedSubmission({ platform: 'instagram' });

    const unknown = await request('/sandbox/compose?submission=sub_nope');
    const instagram = await request(`/sandbox/compose?submission=${other.id}`);
    const missing = await request('/sandbox/compose');

    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('There is no Sandbox post waiting at this link');
    expect(instagram.status).toBe(404);
    expect(missing.status).toBe(404);
  });
});

describe('GET /sandbox/compose/:submission/image', () => {
  it('serves the not-yet-posted image without caching, and 404 for another platform', async () => {
    const submission = await seedSubmission();
    const other = await seedSubmission({ platform: 'bluesky' });

    const response = await request(`/sandbox/compose/${submission.id}/image`);
    const refused = await request(`/sandbox/compose/${other.id}/image`);

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/jpeg');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(JPEG);
    expect(refused.status).toBe(404);
  });
});

describe('POST /sandbox/posts', () => {
  it('creates the post with a copy of the image and redirects to the status page', async () => {
    const submission = await seedSubmission();

    const response = await postForm('/sandbox/posts', {
      submission: submission.id,
      caption: 'Edited by me\r\nSHARE-ABCDEFGH #testroasters ',
    });

    const [post] = await listSandboxPosts(db(), submission.handle);
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(`/s/${submission.id}`);
    expect(post?.caption).toBe('Edited by me\nSHARE-ABCDEFGH #testroasters');
    expect(post?.imageKey).not.toBe(submission.postImageKey);
    const copy = await env.MEDIA.get(post?.imageKey ?? '');
    expect(new Uint8Array((await copy?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(JPEG);
  });

  it('re-renders the form with the error and what was typed if the caption is empty', async () => {
    const submission = await seedSubmission();

    const response = await postForm('/sandbox/posts', {
      submission: submission.id,
      caption: '   ',
    });
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(html).toContain('Please write a caption.');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(`name="submission" value="${submission.id}"`);
    expect(html).toMatch(/<textarea[^>]*> {3}<\/textarea>/);
    expect(await listSandboxPosts(db(), submission.handle)).toEqual([]);
  });

  it('refuses a caption over 2,200 characters and keeps it in the field', async () => {
    const submission = await seedSubmission();
    const long = 'a'.repeat(2201);

    const response = await postForm('/sandbox/posts', { submission: submission.id, caption: long });
    const html = await response.text();

    expect(response.status).toBe(400);
    expect(html).toContain('Your caption has 2,201 characters; Sandbox allows up to 2,200.');
    expect(html).toContain(long);
  });

  it('refuses to post a draft and answers 404 for a submission on another platform', async () => {
    const draft = await seedSubmission({ state: 'draft', postImageKey: null });
    const other = await seedSubmission({ platform: 'x' });

    const notReady = await postForm('/sandbox/posts', { submission: draft.id, caption: 'Hi' });
    const refused = await postForm('/sandbox/posts', { submission: other.id, caption: 'Hi' });

    expect(notReady.status).toBe(409);
    expect(await notReady.text()).toContain('not ready');
    expect(refused.status).toBe(404);
    expect(await listSandboxPosts(db(), other.handle, { includeDeleted: true })).toEqual([]);
  });
});

describe('GET /sandbox/@handle', () => {
  it('lists the posts newest first with image, caption, time and a link to each', async () => {
    const submission = await seedSubmission();
    const older = await publish(submission, 'Older post');
    const newer = await publish(submission, 'Newer post');

    const response = await request(`/sandbox/@${submission.handle}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html.indexOf('Newer post')).toBeLessThan(html.indexOf('Older post'));
    expect(html).toContain(`href="/sandbox/posts/${newer.id}"`);
    expect(html).toContain(`src="/sandbox/images/${older.id}"`);
    expect(html).toContain(`datetime="${newer.createdAt.toISOString()}"`);
  });

  it('shows an empty state for a handle with no posts', async () => {
    const html = await (await request('/sandbox/@nobody.here')).text();

    expect(html).toContain('<h1>@nobody.here</h1>');
    expect(html).toContain('No posts yet');
  });

  it('shows a caption with markup as text, never as markup', async () => {
    const submission = await seedSubmission();
    const post = await publish(submission, '<script>alert("hi")</script> & <b>bold</b>');

    const profile = await (await request(`/sandbox/@${submission.handle}`)).text();
    const page = await (await request(post.url)).text();

    for (const html of [profile, page]) {
      expect(html).toContain('&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; &lt;b&gt;');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<b>bold');
    }
  });
});

describe('GET /sandbox/posts/:id', () => {
  it('shows the post with a delete button, and 404 for an unknown post', async () => {
    const submission = await seedSubmission();
    const post = await publish(submission, 'Look at this');

    const response = await request(post.url);
    const html = await response.text();
    const unknown = await request('/sandbox/posts/sbx_nope');

    expect(response.status).toBe(200);
    expect(html).toContain('Look at this');
    expect(html).toContain(`action="/sandbox/posts/${post.id}/delete"`);
    expect(html).toMatch(/<button[^>]*>\s*Delete post\s*<\/button>/);
    expect(unknown.status).toBe(404);
  });
});

describe('POST /sandbox/posts/:id/delete', () => {
  it('marks the post deleted: a 410 page, gone from the profile and its image gone', async () => {
    const submission = await seedSubmission();
    const post = await publish(submission, 'Short-lived');

    const response = await postForm(`/sandbox/posts/${post.id}/delete`, {});

    const page = await request(post.url);
    const image = await request(`/sandbox/images/${post.id}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(post.url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This post was deleted');
    expect(await listSandboxPosts(db(), submission.handle)).toEqual([]);
    expect((await findSandboxPost(db(), post.id))?.deletedAt).toBeInstanceOf(Date);
    expect(image.status).toBe(404);
  });

  it('refuses a delete sent from another site', async () => {
    const submission = await seedSubmission();
    const post = await publish(submission, 'Still here');

    const response = await postForm(`/sandbox/posts/${post.id}/delete`, {}, 'https://evil.example');

    expect(response.status).toBe(403);
    expect((await findSandboxPost(db(), post.id))?.deletedAt).toBeNull();
  });

  it('answers 404 for an unknown post', async () => {
    const response = await postForm('/sandbox/posts/sbx_nope/delete', {});

    expect(response.status).toBe(404);
  });
});

describe('GET /sandbox/images/:id', () => {
  it('serves the image with long-lived cache headers and honours If-None-Match', async () => {
    const submission = await seedSubmission();
    const post = await publish(submission, 'Pretty picture');

    const response = await request(`/sandbox/images/${post.id}`);
    const etag = response.headers.get('ETag') ?? '';
    const again = await request(`/sandbox/images/${post.id}`, {
      headers: { 'If-None-Match': etag },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/jpeg');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(etag).toMatch(/^".+"$/);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(JPEG);
    expect(again.status).toBe(304);
  });

  it('answers 404 for an unknown post', async () => {
    const response = await request('/sandbox/images/sbx_nope');

    expect(response.status).toBe(404);
  });
});
