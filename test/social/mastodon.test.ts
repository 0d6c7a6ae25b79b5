import { afterEach, describe, expect, it, vi } from 'vitest';
import { MastodonAdapter } from '../../src/social/mastodon';
import lookup from '../fixtures/social/mastodon/accounts-lookup.json';
import statuses from '../fixtures/social/mastodon/accounts-statuses.json';
import notFoundBody from '../fixtures/social/mastodon/error-404.json';
import status from '../fixtures/social/mastodon/status.json';
import { type FakeServer, imageResponse, jsonResponse, mockNetwork } from './fetch-mock';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const HANDLE = 'alice@mastodon.social';
const SINCE = new Date('2025-03-06T00:00:00Z');
const STATUSES_PATH = `/api/v1/accounts/${lookup.id}/statuses`;

const adapter = () => new MastodonAdapter();

/** A server with Alice's account and `list` as her statuses. */
const aliceServer =
  (list: unknown = statuses): FakeServer =>
  (url) => {
    if (url.pathname === '/api/v1/accounts/lookup') return jsonResponse(lookup);
    if (url.pathname === STATUSES_PATH) return jsonResponse(list);
    return undefined;
  };

describe('MastodonAdapter.recentPosts', () => {
  it('looks the account up on its own server, then reads its public posts', async () => {
    const { requests } = mockNetwork(aliceServer());

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(requests.map((request) => request.url)).toEqual([
      'https://mastodon.social/api/v1/accounts/lookup?acct=alice',
      `https://mastodon.social${STATUSES_PATH}?exclude_replies=true&exclude_reblogs=true&limit=40`,
    ]);
    const [first] = statuses;
    expect(result).toEqual({
      ok: true,
      value: [
        {
          id: first?.id,
          url: first?.url,
          caption: 'Just got my new trail runners from @acmeoutdoors 👟 Loving them so far! #ad',
          imageUrls: [first?.media_attachments[0]?.url],
          publishedAt: new Date(first?.created_at ?? ''),
          engagement: {
            likes: first?.favourites_count,
            reposts: first?.reblogs_count,
            replies: first?.replies_count,
          },
          authorFollowers: first?.account.followers_count,
        },
      ],
    });
  });

  it('turns HTML content into text with line breaks and decoded entities', async () => {
    const content =
      '<p>Line one<br />line two &amp; more</p>' +
      '<p>Paragraph with &lt;3, &#39;single&#39;, &quot;double&quot; and &#x1F45F;</p>';
    mockNetwork(aliceServer([{ ...statuses[0], content }]));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    if (!result.ok) throw new Error(result.failure.kind);
    expect(result.value[0]?.caption).toBe(
      'Line one\nline two & more\n\nParagraph with <3, \'single\', "double" and 👟',
    );
  });

  it('leaves out posts from before the date', async () => {
    mockNetwork(aliceServer());

    const result = await adapter().recentPosts(HANDLE, new Date('2025-03-07T00:00:00Z'));

    expect(result).toEqual({ ok: true, value: [] });
  });

  it('reports an unknown account as not found', async () => {
    mockNetwork(() => jsonResponse(notFoundBody, 404));

    const result = await adapter().recentPosts('nobody@mastodon.social', SINCE);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('reports a suspended account (410) as not found', async () => {
    mockNetwork(() => jsonResponse({ error: 'Gone' }, 410));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('sends a server that wants a token for lookups to manual review', async () => {
    mockNetwork(() => jsonResponse({ error: 'This API requires an authenticated user' }, 401));

    const result = await adapter().recentPosts('alice@private.example.org', SINCE);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
    expect(result.ok || result.failure).toHaveProperty(
      'message',
      expect.stringContaining('private.example.org'),
    );
  });

  it('never contacts a server that is not a public host', async () => {
    const { requests } = mockNetwork(aliceServer());

    const local = await adapter().recentPosts('alice@localhost', SINCE);
    const literal = await adapter().recentPosts('alice@10.0.0.1', SINCE);

    expect(local).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
    expect(literal).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
    expect(requests).toHaveLength(0);
  });

  it('retries at the reset time the server gives on 429', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-06T19:00:00Z'));
    mockNetwork(() =>
      jsonResponse({ error: 'Too many requests' }, 429, {
        'x-ratelimit-reset': '2025-03-06T19:05:00.000000Z',
      }),
    );

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'retry', retryAfterMs: 300_000 } });
  });

  it('prefers Retry-After when the server sends it', async () => {
    mockNetwork(() =>
      jsonResponse({ error: 'Too many requests' }, 429, {
        'retry-after': '30',
        'x-ratelimit-reset': '2099-01-01T00:00:00Z',
      }),
    );

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'retry', retryAfterMs: 30_000 } });
  });

  it('retries on a server error and on a body that is not JSON', async () => {
    mockNetwork((url) =>
      url.hostname === 'down.example.org'
        ? new Response('Bad gateway', { status: 503 })
        : new Response('<!doctype html><title>Mastodon</title>', { status: 200 }),
    );

    const down = await adapter().recentPosts('alice@down.example.org', SINCE);
    const html = await adapter().recentPosts(HANDLE, SINCE);

    expect(down).toMatchObject({ ok: false, failure: { kind: 'retry', reason: 'HTTP 503' } });
    expect(html).toMatchObject({ ok: false, failure: { kind: 'retry' } });
  });
});

describe('MastodonAdapter.getPost', () => {
  it('reads the status again by id', async () => {
    const { requests } = mockNetwork(() => jsonResponse(status));

    const result = await adapter().getPost(HANDLE, status.id);

    expect(requests[0]?.url).toBe(`https://mastodon.social/api/v1/statuses/${status.id}`);
    expect(result).toMatchObject({
      ok: true,
      value: { id: status.id, url: status.url, imageUrls: [status.media_attachments[0]?.url] },
    });
  });

  it('reports a deleted status as not found', async () => {
    mockNetwork(() => jsonResponse(notFoundBody, 404));

    const result = await adapter().getPost(HANDLE, status.id);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('does not take a status of another account as the shopper’s', async () => {
    mockNetwork(() => jsonResponse({ ...status, account: { ...status.account, acct: 'mallory' } }));

    const result = await adapter().getPost(HANDLE, status.id);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('refuses an id that could change the path', async () => {
    const { requests } = mockNetwork(() => jsonResponse(status));

    const result = await adapter().getPost(HANDLE, '../accounts/1');

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
    expect(requests).toHaveLength(0);
  });
});

describe('MastodonAdapter.fetchImage', () => {
  it('downloads an attachment from the server’s file host', async () => {
    const imageUrl = status.media_attachments[0]?.url ?? '';
    const { requests } = mockNetwork(() => imageResponse());

    const result = await adapter().fetchImage(imageUrl);

    expect(requests[0]?.url).toBe(imageUrl);
    expect(result).toMatchObject({ ok: true });
  });

  it('will not fetch an attachment address inside a private network', async () => {
    const { requests } = mockNetwork(() => imageResponse());

    const result = await adapter().fetchImage('https://169.254.169.254/latest/meta-data/');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
    expect(requests).toHaveLength(0);
  });
});
