import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSandboxPost, deleteSandboxPost } from '../../src/db/sandbox-posts';
import { sandboxPosts } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { SandboxAdapter } from '../../src/social/sandbox';
import { db } from '../helpers/seed';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 0xff, 0xd9]);

const adapter = (origin = '') => new SandboxAdapter({ db: db(), bucket: env.MEDIA, origin });

/** A unique sandbox handle, so no test sees another's posts. */
const freshHandle = () => `shopper-${newId('h').slice(2, 10).toLowerCase()}`;

async function publish(handle: string, caption: string, createdAt?: Date) {
  const sourceImageKey = `submissions/${newId('sub')}/post.jpg`;
  await env.MEDIA.put(sourceImageKey, JPEG);

  const result = await createSandboxPost(db(), env.MEDIA, { handle, caption, sourceImageKey });
  if (!result.ok) throw new Error(result.message);
  if (createdAt) {
    await db().update(sandboxPosts).set({ createdAt }).where(eq(sandboxPosts.id, result.value.id));
  }
  return result.value;
}

describe('SandboxAdapter.recentPosts', () => {
  it('finds the handle’s posts since a date, newest first, with R2 image addresses', async () => {
    const handle = freshHandle();
    await publish(handle, 'Old one', new Date('2026-01-01T10:00:00Z'));
    const middle = await publish(handle, 'Middle #testroasters', new Date('2026-01-02T10:00:00Z'));
    const newest = await publish(handle, 'Newest', new Date('2026-01-03T10:00:00Z'));
    await publish(freshHandle(), 'Someone else', new Date('2026-01-03T11:00:00Z'));

    const result = await adapter('https://farout.example/').recentPosts(
      handle.toUpperCase(),
      new Date('2026-01-02T00:00:00Z'),
    );

    expect(result).toEqual({
      ok: true,
      value: [
        {
          id: newest.id,
          url: `https://farout.example/sandbox/posts/${newest.id}`,
          caption: 'Newest',
          imageUrls: [`r2:sandbox/${newest.id}.jpg`],
          publishedAt: new Date('2026-01-03T10:00:00Z'),
        },
        expect.objectContaining({ id: middle.id, caption: 'Middle #testroasters' }),
      ],
    });
  });

  it('leaves out deleted posts and answers an unknown handle with no posts', async () => {
    const handle = freshHandle();
    const post = await publish(handle, 'Soon gone');
    await deleteSandboxPost(db(), post.id);

    const mine = await adapter().recentPosts(handle, new Date(0));
    const nobody = await adapter().recentPosts(freshHandle(), new Date(0));

    expect(mine).toEqual({ ok: true, value: [] });
    expect(nobody).toEqual({ ok: true, value: [] });
  });
});

describe('SandboxAdapter.getPost', () => {
  it('reads a post again by id, with a link relative to this deployment', async () => {
    const handle = freshHandle();
    const post = await publish(handle, 'Still here');

    const result = await adapter().getPost(handle, post.id);

    expect(result).toMatchObject({
      ok: true,
      value: { id: post.id, url: `/sandbox/posts/${post.id}`, caption: 'Still here' },
    });
  });

  it('reports a deleted post, an unknown id and another handle’s post as not found', async () => {
    const handle = freshHandle();
    const deleted = await publish(handle, 'Taken down');
    await deleteSandboxPost(db(), deleted.id);
    const other = await publish(freshHandle(), 'Not theirs');

    const results = [
      await adapter().getPost(handle, deleted.id),
      await adapter().getPost(handle, 'sbx_missing'),
      await adapter().getPost(handle, other.id),
    ];

    expect(results).toEqual(Array(3).fill({ ok: false, failure: { kind: 'not_found' } }));
  });
});

describe('SandboxAdapter.fetchImage', () => {
  it('reads the post image from R2', async () => {
    const post = await publish(freshHandle(), 'With a picture');

    const result = await adapter().fetchImage(`r2:${post.imageKey}`);

    expect(result).toEqual({ ok: true, value: JPEG });
  });

  it('refuses keys outside the post images and reports a missing one as not found', async () => {
    const shopperPhoto = `submissions/${newId('sub')}/photo.jpg`;
    await env.MEDIA.put(shopperPhoto, JPEG);

    const results = [
      await adapter().fetchImage(`r2:${shopperPhoto}`),
      await adapter().fetchImage(`r2:sandbox/../${shopperPhoto}`),
      await adapter().fetchImage('r2:sandbox/sbx_missing.jpg'),
      await adapter().fetchImage('https://example.com/sandbox/a.jpg'),
    ];

    expect(results).toEqual(Array(4).fill({ ok: false, failure: { kind: 'not_found' } }));
  });
});
