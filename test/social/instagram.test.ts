import { afterEach, describe, expect, it, vi } from 'vitest';
import { InstagramAdapter, type InstagramOptions } from '../../src/social/instagram';
import removed from '../fixtures/social/instagram/error-removed-media.json';
import mention from '../fixtures/social/instagram/mentioned_media.json';
import { jsonResponse, mockNetwork } from './fetch-mock';

afterEach(() => {
  vi.restoreAllMocks();
});

const HANDLE = 'alice.runs';
const IG_USER_ID = mention.id;
const MEDIA_ID = mention.mentioned_media.id;
const TOKEN = 'test-access-token-of-the-merchant';
const SINCE = new Date('2025-03-06T00:00:00Z');
const FIELDS =
  'caption,media_type,media_url,permalink,timestamp,username,like_count,comments_count';

const adapter = (options: InstagramOptions = {}) =>
  new InstagramAdapter({ igUserId: IG_USER_ID, accessToken: TOKEN, ...options });

/** The mentioned_media answer for another media id, as a second mention would come back. */
function mentionOf(mediaId: string, changes: Partial<typeof mention.mentioned_media> = {}) {
  return { ...mention, mentioned_media: { ...mention.mentioned_media, id: mediaId, ...changes } };
}

describe('InstagramAdapter.getPost', () => {
  it('reads a mention of the merchant by media id', async () => {
    const { requests } = mockNetwork(() => jsonResponse(mention));

    const result = await adapter().getPost(HANDLE, MEDIA_ID);

    const url = new URL(requests[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe(`https://graph.facebook.com/v25.0/${IG_USER_ID}`);
    expect(url.searchParams.get('fields')).toBe(`mentioned_media.media_id(${MEDIA_ID}){${FIELDS}}`);
    expect(url.searchParams.get('access_token')).toBe(TOKEN);
    const media = mention.mentioned_media;
    expect(result).toEqual({
      ok: true,
      value: {
        id: MEDIA_ID,
        url: media.permalink,
        caption: media.caption,
        imageUrls: [media.media_url],
        publishedAt: new Date('2025-03-06T18:22:41Z'),
        engagement: { likes: media.like_count, replies: media.comments_count },
      },
    });
  });

  it('gives no images for a video', async () => {
    mockNetwork(() => jsonResponse(mentionOf(MEDIA_ID, { media_type: 'VIDEO' })));

    const result = await adapter().getPost(HANDLE, MEDIA_ID);

    expect(result).toMatchObject({ ok: true, value: { imageUrls: [] } });
  });

  it.each([
    ['object does not exist (code 100, subcode 33)', removed.body],
    ['invalid parameter (code 100)', removed.alt_body_when_queried_via_mentioned_media],
  ])('reports removed media as not found: %s', async (_, body) => {
    mockNetwork(() => jsonResponse(body, removed.status));

    const result = await adapter().getPost(HANDLE, MEDIA_ID);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('does not take another account’s mention as the shopper’s', async () => {
    mockNetwork(() => jsonResponse(mention));

    const result = await adapter().getPost('someone.else', MEDIA_ID);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('sends posts to manual review when the store has not connected Instagram', async () => {
    const { requests } = mockNetwork(() => jsonResponse(mention));

    const result = await new InstagramAdapter({ igUserId: IG_USER_ID }).getPost(HANDLE, MEDIA_ID);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
    expect(requests).toHaveLength(0);
  });

  it('sends posts to manual review when the token has expired', async () => {
    const expired = { error: { ...removed.body.error, code: 190, error_subcode: 463 } };
    mockNetwork(() => jsonResponse(expired, 400));

    const result = await adapter().getPost(HANDLE, MEDIA_ID);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
  });

  it('retries on a Graph API rate limit error', async () => {
    const limited = { error: { ...removed.body.error, code: 4, error_subcode: undefined } };
    mockNetwork(() => jsonResponse(limited, 403));

    const result = await adapter().getPost(HANDLE, MEDIA_ID);

    expect(result).toMatchObject({ ok: false, failure: { kind: 'retry' } });
  });

  it('retries after Retry-After on 429, and on server errors and malformed bodies', async () => {
    mockNetwork((url) => {
      const field = url.searchParams.get('fields') ?? '';
      if (field.includes('(1)'))
        return new Response('slow down', { status: 429, headers: { 'retry-after': '60' } });
      if (field.includes('(2)')) return new Response('oops', { status: 500 });
      return new Response('{"mentioned_media":', { status: 200 });
    });

    const limited = await adapter().getPost(HANDLE, '1');
    const broken = await adapter().getPost(HANDLE, '2');
    const malformed = await adapter().getPost(HANDLE, '3');

    expect(limited).toMatchObject({ ok: false, failure: { kind: 'retry', retryAfterMs: 60_000 } });
    expect(broken).toMatchObject({ ok: false, failure: { kind: 'retry', reason: 'HTTP 500' } });
    expect(malformed).toMatchObject({ ok: false, failure: { kind: 'retry' } });
  });
});

describe('InstagramAdapter.recentPosts', () => {
  it('says plainly that Instagram cannot list posts when no mentions were passed in', async () => {
    const { requests } = mockNetwork(() => jsonResponse(mention));

    const result = await adapter().recentPosts(HANDLE, SINCE);

    expect(result).toMatchObject({
      ok: false,
      failure: { kind: 'unsupported', message: expect.stringContaining('reviewed by hand') },
    });
    expect(requests).toHaveLength(0);
  });

  it('reads the given mentions and keeps the shopper’s recent ones, newest first', async () => {
    const answers: Record<string, unknown> = {
      '1001': mentionOf('1001', { timestamp: '2025-03-06T10:00:00+0000' }),
      '1002': mentionOf('1002', { username: 'someone.else' }),
      '1003': mentionOf('1003', { timestamp: '2025-03-05T10:00:00+0000' }),
      '1004': mentionOf('1004', { timestamp: '2025-03-06T20:00:00+0000' }),
      '1005': removed.body,
    };
    mockNetwork((url) => {
      const id = /media_id\((\d+)\)/.exec(url.searchParams.get('fields') ?? '')?.[1] ?? '';
      return jsonResponse(answers[id], id === '1005' ? removed.status : 200);
    });
    const ids = Object.keys(answers);

    const result = await adapter({ mentionedMediaIds: ids }).recentPosts(HANDLE, SINCE);

    if (!result.ok) throw new Error(result.failure.kind);
    expect(result.value.map((post) => post.id)).toEqual(['1004', '1001']);
  });
});

describe('InstagramAdapter with a configured Graph API', () => {
  it('calls the configured Graph API base', async () => {
    const { requests } = mockNetwork(() => jsonResponse(mention));
    const staging = adapter({ baseUrl: 'https://graph.farout-staging.dev/v25.0/' });

    const result = await staging.getPost(HANDLE, MEDIA_ID);

    const url = new URL(requests[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe(`https://graph.farout-staging.dev/v25.0/${IG_USER_ID}`);
    expect(url.searchParams.get('access_token')).toBe(TOKEN);
    expect(result).toMatchObject({ ok: true, value: { id: MEDIA_ID } });
  });
});
