import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  createSandboxPost,
  deleteSandboxPost,
  findSandboxPost,
  listSandboxPosts,
} from '../../src/db/sandbox-posts';
import { newId } from '../../src/lib/ids';
import { db } from '../helpers/seed';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

async function putSourceImage(): Promise<string> {
  const key = `submissions/${newId('sub')}/post.jpg`;
  await env.MEDIA.put(key, JPEG, { httpMetadata: { contentType: 'image/jpeg' } });
  return key;
}

async function post(handle: string, caption: string) {
  const result = await createSandboxPost(db(), env.MEDIA, {
    handle,
    caption,
    sourceImageKey: await putSourceImage(),
  });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('createSandboxPost', () => {
  it('copies the image to its own key, so erasing the source leaves the post intact', async () => {
    const sourceImageKey = await putSourceImage();

    const result = await createSandboxPost(db(), env.MEDIA, {
      handle: 'Maple.Leaf',
      caption: 'Fresh beans #testroasters',
      sourceImageKey,
    });
    await env.MEDIA.delete(sourceImageKey);

    if (!result.ok) throw new Error(result.message);
    const copy = await env.MEDIA.get(result.value.imageKey);
    expect(result.value.imageKey).toBe(`sandbox/${result.value.id}.jpg`);
    expect(result.value).toMatchObject({
      handle: 'maple.leaf',
      caption: 'Fresh beans #testroasters',
      url: `/sandbox/posts/${result.value.id}`,
      deletedAt: null,
    });
    expect(new Uint8Array((await copy?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(JPEG);
    expect(copy?.httpMetadata?.contentType).toBe('image/jpeg');
  });

  it('refuses with a reason when the source image is missing, writing no row', async () => {
    const result = await createSandboxPost(db(), env.MEDIA, {
      handle: 'ghost',
      caption: 'Hello',
      sourceImageKey: 'submissions/none/post.jpg',
    });

    expect(result).toMatchObject({ ok: false, reason: 'image_missing' });
    expect(await listSandboxPosts(db(), 'ghost', { includeDeleted: true })).toEqual([]);
  });
});

describe('listSandboxPosts', () => {
  it('lists only that handle, newest first, whatever case the handle is asked in', async () => {
    const first = await post('lister', 'First');
    const second = await post('lister', 'Second');
    await post('someone-else', 'Not mine');

    const posts = await listSandboxPosts(db(), 'LISTER');

    expect(posts.map((p) => p.id)).toEqual([second.id, first.id]);
  });

  it('stops at 50 posts', async () => {
    const sourceImageKey = await putSourceImage();
    for (let i = 0; i < 51; i++) {
      await createSandboxPost(db(), env.MEDIA, {
        handle: 'prolific',
        caption: `${i}`,
        sourceImageKey,
      });
    }

    const posts = await listSandboxPosts(db(), 'prolific');

    expect(posts).toHaveLength(50);
    expect(posts[0]?.caption).toBe('50');
  });
});

describe('deleteSandboxPost', () => {
  it('hides the post from the list unless deleted posts are asked for', async () => {
    const kept = await post('deleter', 'Kept');
    const gone = await post('deleter', 'Gone');

    const result = await deleteSandboxPost(db(), gone.id);

    expect(result.ok && result.value.deletedAt).toBeInstanceOf(Date);
    expect((await listSandboxPosts(db(), 'deleter')).map((p) => p.id)).toEqual([kept.id]);
    const all = await listSandboxPosts(db(), 'deleter', { includeDeleted: true });
    expect(all.map((p) => p.id)).toEqual([gone.id, kept.id]);
  });

  it('keeps the first deletion time when deleting again', async () => {
    const target = await post('twice', 'Twice');
    const first = await deleteSandboxPost(db(), target.id);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const second = await deleteSandboxPost(db(), target.id);

    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value.deletedAt).toEqual(first.value.deletedAt);
    expect((await findSandboxPost(db(), target.id))?.deletedAt).toEqual(first.value.deletedAt);
  });

  it('answers not_found for a post that never existed', async () => {
    const result = await deleteSandboxPost(db(), 'sbx_missing');

    expect(result).toMatchObject({ ok: false, reason: 'not_found' });
  });
});

describe('findSandboxPost', () => {
  it('finds a deleted post with its deletion time, and nothing for an unknown id', async () => {
    const target = await post('finder', 'Find me');
    await deleteSandboxPost(db(), target.id);

    const found = await findSandboxPost(db(), target.id);
    const missing = await findSandboxPost(db(), 'sbx_unknown');

    expect(found).toMatchObject({ id: target.id, caption: 'Find me' });
    expect(found?.deletedAt).toBeInstanceOf(Date);
    expect(missing).toBeUndefined();
  });
});
