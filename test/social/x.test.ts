import { afterEach, describe, expect, it, vi } from 'vitest';
import { XAdapter } from '../../src/social/x';
import rateLimited from '../fixtures/social/x/rate-limited-429.json';
import user from '../fixtures/social/x/users-by-username.json';
import userNotFound from '../fixtures/social/x/users-by-username.not-found.json';
import userNotFoundXCom from '../fixtures/social/x/users-by-username.not-found.x-com.json';
import tweets from '../fixtures/social/x/users-tweets.json';
import posts from '../fixtures/social/x/users-tweets.post-naming-2.167.json';
import { type FakeServer, jsonResponse, mockNetwork } from './fetch-mock';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const TOKEN = 'test-bearer-token-of-the-merchant';
const HANDLE = 'alice_runs';
const SINCE = new Date('2025-03-06T00:00:00.250Z');
const TIMELINE_PATH = `/2/users/${user.data.id}/tweets`;

const adapter = (options = {}) => new XAdapter({ bearerToken: TOKEN, ...options });

const xServer =
  (timeline: unknown = tweets): FakeServer =>
  (url) => {
    if (url.pathname === `/2/users/by/username/${HANDLE}`) return jsonResponse(user);
    if (url.pathname === TIMELINE_PATH) return jsonResponse(timeline);
    return undefined;
  };

describe('XAdapter.recentPosts', () => {
  it('finds the user, then their posts since the date, with photos and counts', async () => {
    const { requests } = mockNetwork(xServer());

    const result = await adapter().recentPosts(HANDLE, SINCE);

    const [lookup, timeline] = requests.map((request) => new URL(request.url));
    expect(lookup?.href).toBe(
      `https://api.x.com/2/users/by/username/${HANDLE}?user.fields=protected,public_metrics`,
    );
    expect(timeline?.pathname).toBe(TIMELINE_PATH);
    expect(Object.fromEntries(timeline?.searchParams ?? [])).toEqual({
      max_results: '50',
      start_time: '2025-03-06T00:00:00Z',
      exclude: 'replies,retweets',
      expansions: 'attachments.media_keys',
      'media.fields': 'url,type',
      'tweet.fields': 'created_at,public_metrics,attachments',
    });
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
    const [first, second] = tweets.data;
    const metrics = first?.public_metrics;
    expect(result).toEqual({
      ok: true,
      value: [
        {
          id: first?.id,
          url: `https://x.com/${HANDLE}/status/${first?.id}`,
          caption: first?.text,
          imageUrls: [tweets.includes.media[0]?.url],
          publishedAt: new Date(first?.created_at ?? ''),
          engagement: {
            likes: metrics?.like_count,
            reposts: metrics?.retweet_count,
            replies: metrics?.reply_count,
            views: metrics?.impression_count,
          },
          authorFollowers: undefined,
        },
        expect.objectContaining({ id: second?.id, imageUrls: [] }),
      ],
    });
  });

  it('speaks the newer post naming when configured and reads repost_count', async () => {
    const { requests } = mockNetwork(xServer(posts));

    const result = await adapter({ fieldNaming: 'post' }).recentPosts(HANDLE, SINCE);

    const timeline = new URL(requests[1]?.url ?? '');
    expect(timeline.searchParams.get('post.fields')).toBe('created_at,public_metrics,attachments');
    expect(timeline.searchParams.has('tweet.fields')).toBe(false);
    if (!result.ok) throw new Error(result.failure.kind);
    expect(result.value[0]?.engagement?.reposts).toBe(posts.data[0]?.public_metrics.repost_count);
  });

  it('passes on the follower count when the user lookup gives it', async () => {
    const withMetrics = { data: { ...user.data, public_metrics: { followers_count: 1234 } } };
    mockNetwork((url) =>
      url.pathname === TIMELINE_PATH ? jsonResponse(tweets) : jsonResponse(withMetrics),
    );

    const result = await adapter().recentPosts(HANDLE, SINCE);

    if (!result.ok) throw new Error(result.failure.kind);
    expect(result.value.map((post) => post.authorFollowers)).toEqual([1234, 1234]);
  });

  it('returns nothing for an empty timeline', async () => {
    mockNetwork(xServer({ meta: { result_count: 0 } }));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['api.twitter.com', userNotFound],
    ['api.x.com', userNotFoundXCom],
  ])(
    'reports an unknown user (HTTP 200 with errors, %s problem type) as not found',
    async (_, body) => {
      const { requests } = mockNetwork(() => jsonResponse(body));

      const result = await adapter().recentPosts('nobody_here_123', SINCE);

      expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
      expect(requests).toHaveLength(1);
    },
  );

  it('reports a protected account as private without reading its posts', async () => {
    const { requests } = mockNetwork(() =>
      jsonResponse({ data: { ...user.data, protected: true } }),
    );

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toEqual({ ok: false, failure: { kind: 'private' } });
    expect(requests).toHaveLength(1);
  });

  it('sends posts to manual review when the merchant gave no token', async () => {
    const { requests } = mockNetwork(xServer());

    const result = await new XAdapter().recentPosts(HANDLE, SINCE);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
    expect(requests).toHaveLength(0);
  });

  it('sends posts to manual review when X refuses the token', async () => {
    mockNetwork(() =>
      jsonResponse(
        { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
        401,
      ),
    );

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
  });

  it.each([
    ['problem body', rateLimited.body_v2_problem],
    ['body shown in the docs', rateLimited.body_as_shown_in_x_docs_rate_limits_page],
  ])('turns 429 with the reset in Unix seconds into a wait in ms (%s)', async (_, body) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const reset = Number(rateLimited.headers['x-rate-limit-reset']);
    vi.setSystemTime(reset * 1000 - 90_000);
    const { 'retry-after': _none, ...headers } = rateLimited.headers;
    mockNetwork(() => jsonResponse(body, rateLimited.status, headers));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'retry', retryAfterMs: 90_000 } });
  });

  it('retries on a server error and on a malformed body', async () => {
    mockNetwork((url) =>
      url.pathname.endsWith('/down_user')
        ? new Response('Service Unavailable', { status: 503 })
        : new Response('{"data": {"id": ', { status: 200 }),
    );

    const down = await adapter().recentPosts('down_user', SINCE);
    const malformed = await adapter().recentPosts(HANDLE, SINCE);

    expect(down).toMatchObject({ ok: false, failure: { kind: 'retry', reason: 'HTTP 503' } });
    expect(malformed).toMatchObject({ ok: false, failure: { kind: 'retry' } });
  });
});

describe('XAdapter.getPost', () => {
  const [first] = tweets.data;
  const postId = first?.id ?? '';

  it('reads the post again by id, with its photo', async () => {
    const { requests } = mockNetwork(() =>
      jsonResponse({ data: first, includes: tweets.includes }),
    );

    const result = await adapter().getPost(HANDLE, postId);

    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe(`/2/tweets/${postId}`);
    expect(url.searchParams.get('expansions')).toBe('attachments.media_keys');
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(result).toMatchObject({
      ok: true,
      value: { id: postId, caption: first?.text, imageUrls: [tweets.includes.media[0]?.url] },
    });
  });

  it('reports a deleted post (HTTP 200 with a not-found problem) as not found', async () => {
    mockNetwork(() => jsonResponse(userNotFoundXCom));

    const result = await adapter().getPost(HANDLE, postId);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('reports an id that is not a post id as not found without asking', async () => {
    const { requests } = mockNetwork(() => jsonResponse({ data: first }));

    const result = await adapter().getPost(HANDLE, '123/../../users/1');

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
    expect(requests).toHaveLength(0);
  });
});

describe('XAdapter with a configured API', () => {
  it('calls the configured API v2 base with the merchant’s token', async () => {
    const [first] = tweets.data;
    const { requests } = mockNetwork(() => jsonResponse({ data: first }));
    const staging = adapter({ baseUrl: 'https://x-api.farout-staging.dev/2/' });

    const result = await staging.getPost(HANDLE, first?.id ?? '');

    const url = new URL(requests[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe(
      `https://x-api.farout-staging.dev/2/tweets/${first?.id}`,
    );
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(result).toMatchObject({ ok: true, value: { id: first?.id } });
  });
});
