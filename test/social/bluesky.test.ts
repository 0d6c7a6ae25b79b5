import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlueskyAdapter } from '../../src/social/bluesky';
import errors from '../fixtures/social/bluesky/errors.json';
import authorFeed from '../fixtures/social/bluesky/getAuthorFeed.json';
import deletedPosts from '../fixtures/social/bluesky/getPosts.deleted.json';
import posts from '../fixtures/social/bluesky/getPosts.json';
import { imageResponse, jsonResponse, mockNetwork } from './fetch-mock';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const HANDLE = 'alice-shops.bsky.social';
const [withImages, textOnly] = authorFeed.feed;
const POST_URI = withImages?.post.uri ?? '';
const SINCE = new Date('2024-11-20T00:00:00Z');

const adapter = () => new BlueskyAdapter();

describe('BlueskyAdapter.recentPosts', () => {
  it('finds the posts since the date with their caption, full-size images and counts', async () => {
    const { requests } = mockNetwork(() => jsonResponse(authorFeed));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    const url = new URL(requests[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe(
      'https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      actor: HANDLE,
      filter: 'posts_no_replies',
      limit: '50',
    });
    const post = withImages?.post;
    expect(result).toEqual({
      ok: true,
      value: [
        {
          id: POST_URI,
          url: `https://bsky.app/profile/${HANDLE}/post/3lbh2ykqv5k2a`,
          caption: post?.record.text,
          imageUrls: post?.embed?.images.map((image) => image.fullsize),
          publishedAt: new Date(post?.record.createdAt ?? ''),
          engagement: {
            likes: post?.likeCount,
            reposts: post?.repostCount,
            replies: post?.replyCount,
          },
        },
      ],
    });
  });

  it('returns a text-only post with no images', async () => {
    mockNetwork(() => jsonResponse(authorFeed));

    const result = await adapter().recentPosts(HANDLE, new Date('2024-11-19T00:00:00Z'));

    if (!result.ok) throw new Error(result.failure.kind);
    expect(result.value.map((post) => post.id)).toEqual([POST_URI, textOnly?.post.uri]);
    expect(result.value[1]?.imageUrls).toEqual([]);
  });

  it('leaves out reposts of other people and pinned posts', async () => {
    const feed = structuredClone(authorFeed);
    const [first] = feed.feed;
    if (!first) throw new Error('fixture has no post');
    Object.assign(first, {
      reason: {
        $type: 'app.bsky.feed.defs#reasonRepost',
        by: first.post.author,
        indexedAt: '2024-11-21T10:00:00.000Z',
      },
    });
    mockNetwork(() => jsonResponse(feed));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toEqual({ ok: true, value: [] });
  });

  it('does not count an old post whose app set a recent createdAt', async () => {
    const feed = structuredClone(authorFeed);
    const first = feed.feed[0]?.post;
    if (!first) throw new Error('fixture has no post');
    first.indexedAt = '2024-11-10T08:00:00.000Z';
    mockNetwork(() => jsonResponse(feed));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toEqual({ ok: true, value: [] });
  });

  it('reads the pictures of a quote post with media', async () => {
    const feed = structuredClone(authorFeed);
    const first = feed.feed[0]?.post;
    if (!first) throw new Error('fixture has no post');
    const quoted = { $type: 'app.bsky.embed.record#viewNotFound', uri: POST_URI, notFound: true };
    Object.assign(first, {
      embed: {
        $type: 'app.bsky.embed.recordWithMedia#view',
        record: { record: quoted },
        media: withImages?.post.embed,
      },
    });
    mockNetwork(() => jsonResponse(feed));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    if (!result.ok) throw new Error(result.failure.kind);
    expect(result.value[0]?.imageUrls).toEqual(
      withImages?.post.embed?.images.map((image) => image.fullsize),
    );
  });

  it('reports an unknown account as not found', async () => {
    const { status, body } = errors.getAuthorFeed_unknown_actor;
    mockNetwork(() => jsonResponse(body, status));

    const result = await adapter().recentPosts('nobody-here.bsky.social', SINCE);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('reports a suspended account as not found', async () => {
    const { status, body } = errors.getProfile_takendown;
    mockNetwork(() => jsonResponse(body, status));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('retries after the reset time the AppView gives on 429', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-11-20T15:00:00Z'));
    const reset = String(Date.parse('2024-11-20T15:02:00Z') / 1000);
    mockNetwork(() =>
      jsonResponse({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }, 429, {
        'ratelimit-reset': reset,
      }),
    );

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'retry', retryAfterMs: 120_000 } });
  });

  it('retries on a server error', async () => {
    mockNetwork(() => new Response('upstream unavailable', { status: 502 }));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'retry', reason: 'HTTP 502' } });
  });

  it('retries when the body is not JSON or not a feed', async () => {
    mockNetwork((url) =>
      url.searchParams.get('actor') === 'html.bsky.social'
        ? new Response('<html>maintenance</html>', { status: 200 })
        : jsonResponse({ feed: [{ post: { uri: 42 } }] }),
    );

    const html = await adapter().recentPosts('html.bsky.social', SINCE);
    const wrongShape = await adapter().recentPosts(HANDLE, SINCE);

    expect(html).toMatchObject({ ok: false, failure: { kind: 'retry' } });
    expect(wrongShape).toMatchObject({ ok: false, failure: { kind: 'retry' } });
  });
});

describe('BlueskyAdapter.getPost', () => {
  it('reads the post again by its at:// URI', async () => {
    const { requests } = mockNetwork(() => jsonResponse(posts));

    const result = await adapter().getPost(HANDLE, POST_URI);

    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe('/xrpc/app.bsky.feed.getPosts');
    expect(url.searchParams.get('uris')).toBe(POST_URI);
    expect(result).toMatchObject({
      ok: true,
      value: { id: POST_URI, caption: posts.posts[0]?.record.text },
    });
  });

  it('reports a deleted post, which getPosts silently leaves out, as not found', async () => {
    mockNetwork(() => jsonResponse(deletedPosts));

    const result = await adapter().getPost(HANDLE, POST_URI);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('reports an id that is not a post URI as not found without asking', async () => {
    const { requests } = mockNetwork(() => jsonResponse(posts));

    const result = await adapter().getPost(HANDLE, 'https://bsky.app/profile/x/post/1');

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
    expect(requests).toHaveLength(0);
  });
});

describe('BlueskyAdapter.fetchImage', () => {
  const fullsize = withImages?.post.embed?.images[0]?.fullsize ?? '';

  it('downloads a full-size image from the CDN', async () => {
    const { requests } = mockNetwork(() => imageResponse(new Uint8Array([0xff, 0xd8, 1, 2])));

    const result = await adapter().fetchImage(fullsize);

    expect(requests[0]?.url).toBe(fullsize);
    expect(result).toEqual({ ok: true, value: new Uint8Array([0xff, 0xd8, 1, 2]) });
  });

  it('reports a missing image as not found and a page as unsupported', async () => {
    mockNetwork((url) =>
      url.pathname.includes('missing')
        ? new Response('not found', { status: 404 })
        : new Response('<html></html>', { headers: { 'content-type': 'text/html' } }),
    );

    const missing = await adapter().fetchImage('https://cdn.bsky.app/img/missing@jpeg');
    const page = await adapter().fetchImage(fullsize);

    expect(missing).toEqual({ ok: false, failure: { kind: 'not_found' } });
    expect(page).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
  });
});

describe('BlueskyAdapter with a configured AppView', () => {
  it('calls the configured AppView, adding the final slash it was written without', async () => {
    const { requests } = mockNetwork(() => jsonResponse(authorFeed));
    const staging = new BlueskyAdapter({ baseUrl: 'https://appview.farout-staging.dev/xrpc' });

    const result = await staging.recentPosts(HANDLE, SINCE);

    const url = new URL(requests[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe(
      'https://appview.farout-staging.dev/xrpc/app.bsky.feed.getAuthorFeed',
    );
    expect(result).toMatchObject({ ok: true, value: [{ id: POST_URI }] });
  });
});
