import { afterEach, describe, expect, it, vi } from 'vitest';
import { TikTokAdapter } from '../../src/social/tiktok';
import oembedError from '../fixtures/social/tiktok/oembed.error.json';
import oembed from '../fixtures/social/tiktok/oembed.json';
import { jsonResponse, mockNetwork } from './fetch-mock';

afterEach(() => {
  vi.restoreAllMocks();
});

const HANDLE = oembed.author_unique_id;
const POST_URL = `https://www.tiktok.com/@${HANDLE}/video/${oembed.embed_product_id}`;

const adapter = () => new TikTokAdapter();

describe('TikTokAdapter.recentPosts', () => {
  it('sends TikTok posts to manual review', async () => {
    const { requests } = mockNetwork(() => jsonResponse(oembed));

    const result = await adapter().recentPosts();

    expect(result).toEqual({
      ok: false,
      failure: { kind: 'unsupported', message: expect.stringContaining('reviewed by hand') },
    });
    expect(requests).toHaveLength(0);
  });
});

describe('TikTokAdapter.getPost', () => {
  it('confirms a post link through oEmbed, with its caption and thumbnail', async () => {
    const { requests } = mockNetwork(() => jsonResponse(oembed));

    const result = await adapter().getPost(HANDLE, `${POST_URL}?is_from_webapp=1`);

    const url = new URL(requests[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe('https://www.tiktok.com/oembed');
    expect(url.searchParams.get('url')).toBe(POST_URL);
    expect(result).toEqual({
      ok: true,
      value: {
        id: POST_URL,
        url: POST_URL,
        caption: oembed.title,
        imageUrls: [oembed.thumbnail_url],
        publishedAt: null,
      },
    });
  });

  it('reports a removed or private post as not found', async () => {
    mockNetwork(() => jsonResponse(oembedError.body, oembedError.status));

    const result = await adapter().getPost(HANDLE, POST_URL);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('reports an answer that cannot be embedded as not found', async () => {
    const { html: _html, ...withoutHtml } = oembed;
    mockNetwork(() => jsonResponse(withoutHtml));

    const result = await adapter().getPost(HANDLE, POST_URL);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });

  it('does not take another account’s post as the shopper’s', async () => {
    const { requests } = mockNetwork(() => jsonResponse(oembed));

    const result = await adapter().getPost('someone_else', POST_URL);

    expect(result).toEqual({ ok: false, failure: { kind: 'not_found' } });
    expect(requests).toHaveLength(0);
  });

  it('asks for a full link when given a short one', async () => {
    const { requests } = mockNetwork(() => jsonResponse(oembed));

    const result = await adapter().getPost(HANDLE, 'https://vm.tiktok.com/ZMabc123/');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
    expect(requests).toHaveLength(0);
  });

  it('retries after Retry-After on 429, and on server errors and malformed bodies', async () => {
    let call = 0;
    const answers = [
      () => new Response('Too Many Requests', { status: 429, headers: { 'retry-after': '120' } }),
      () => new Response('Bad Gateway', { status: 502 }),
      () => new Response('<html>', { status: 200 }),
    ];
    mockNetwork(() => answers[call++]?.());

    const limited = await adapter().getPost(HANDLE, POST_URL);
    const broken = await adapter().getPost(HANDLE, POST_URL);
    const malformed = await adapter().getPost(HANDLE, POST_URL);

    expect(limited).toMatchObject({ ok: false, failure: { kind: 'retry', retryAfterMs: 120_000 } });
    expect(broken).toMatchObject({ ok: false, failure: { kind: 'retry', reason: 'HTTP 502' } });
    expect(malformed).toMatchObject({ ok: false, failure: { kind: 'retry' } });
  });
});

describe('TikTokAdapter with a configured oEmbed endpoint', () => {
  it('asks the configured endpoint about the post link', async () => {
    const { requests } = mockNetwork(() => jsonResponse(oembed));
    const staging = new TikTokAdapter({ baseUrl: 'https://oembed.farout-staging.dev/oembed' });

    const result = await staging.getPost(HANDLE, POST_URL);

    const url = new URL(requests[0]?.url ?? '');
    expect(url.origin + url.pathname).toBe('https://oembed.farout-staging.dev/oembed');
    expect(url.searchParams.get('url')).toBe(POST_URL);
    expect(result).toMatchObject({ ok: true, value: { id: POST_URL } });
  });
});
