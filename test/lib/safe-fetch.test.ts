import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeFetch } from '../../src/lib/safe-fetch';
import { mockNetwork } from '../social/fetch-mock';

afterEach(() => {
  vi.restoreAllMocks();
});

const LIMIT = { maxBytes: 1024 };

/** A body of `chunkSize`-byte chunks that never ends unless read to `total`; counts its pulls. */
function countingStream(chunkSize: number, total = Number.POSITIVE_INFINITY) {
  const stats = { pulls: 0, cancelled: false, sent: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.pulls++;
      if (stats.sent >= total) return controller.close();
      stats.sent += chunkSize;
      controller.enqueue(new Uint8Array(chunkSize).fill(7));
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

describe('safeFetch address check', () => {
  it.each([
    ['plain http', 'http://example.com/feed'],
    ['another scheme', 'ftp://example.com/feed'],
    ['an IPv4 literal', 'https://93.184.216.34/'],
    ['a private IPv4 literal', 'https://10.1.2.3/'],
    ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data/'],
    ['loopback spelled as one decimal number', 'https://2130706433/'],
    ['loopback spelled in hex and short form', 'https://0x7f.1/'],
    ['IPv6 loopback', 'https://[::1]/'],
    ['an IPv4-mapped IPv6 literal', 'https://[::ffff:10.0.0.1]/'],
    ['localhost', 'https://localhost/'],
    ['localhost with a trailing dot and capitals', 'https://LOCALHOST./'],
    ['a name under localhost', 'https://admin.localhost/'],
    ['an mDNS name', 'https://printer.local/'],
    ['an internal name', 'https://db.internal/'],
    ['a single-label name', 'https://intranet/'],
    ['a port other than 443', 'https://example.com:8443/'],
    ['credentials in the address', 'https://user:secret@example.com/'],
    ['something that is not a URL', 'not a url'],
  ])('refuses %s without sending anything', async (_, url) => {
    const { requests } = mockNetwork(() => new Response('never'));

    const result = await safeFetch(url, {}, LIMIT);

    expect(result).toMatchObject({ ok: false, reason: 'blocked_address' });
    expect(requests).toHaveLength(0);
  });

  it('fetches a public name, passes the headers through and handles redirects itself', async () => {
    const { requests } = mockNetwork(() => new Response('{"ok":true}', { status: 200 }));

    const result = await safeFetch(
      'https://mastodon.social/api/v1/instance',
      {
        headers: { accept: 'application/json' },
      },
      LIMIT,
    );

    if (!result.ok) throw new Error(result.message);
    expect(result.value.status).toBe(200);
    expect(new TextDecoder().decode(result.value.body)).toBe('{"ok":true}');
    expect(requests[0]?.url).toBe('https://mastodon.social/api/v1/instance');
    expect(requests[0]?.headers.get('accept')).toBe('application/json');
    expect(requests[0]?.redirect).toBe('manual');
  });

  it('uses the fetch it is given instead of the global one', async () => {
    const global = mockNetwork(() => new Response('global'));
    const given = vi.fn(async () => new Response('given'));

    const result = await safeFetch('https://example.com/', {}, { ...LIMIT, fetchImpl: given });

    if (!result.ok) throw new Error(result.message);
    expect(new TextDecoder().decode(result.value.body)).toBe('given');
    expect(given).toHaveBeenCalledOnce();
    expect(global.requests).toHaveLength(0);
  });
});

describe('safeFetch redirects', () => {
  it('follows a relative redirect on a public host and reports the final address', async () => {
    const { requests } = mockNetwork((url) =>
      url.pathname === '/old'
        ? new Response(null, { status: 301, headers: { location: '/new' } })
        : new Response('moved here'),
    );

    const result = await safeFetch('https://files.example.org/old', {}, LIMIT);

    if (!result.ok) throw new Error(result.message);
    expect(result.value.url).toBe('https://files.example.org/new');
    expect(requests.map((request) => request.url)).toEqual([
      'https://files.example.org/old',
      'https://files.example.org/new',
    ]);
  });

  it('refuses a redirect to a blocked address without following it', async () => {
    const { requests } = mockNetwork(
      () => new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/' } }),
    );

    const result = await safeFetch('https://evil.example.net/image.jpg', {}, LIMIT);

    expect(result).toMatchObject({ ok: false, reason: 'blocked_address' });
    expect(requests).toHaveLength(1);
  });

  it('gives up after three redirects', async () => {
    let hop = 0;
    const { requests } = mockNetwork(
      () => new Response(null, { status: 307, headers: { location: `/hop-${++hop}` } }),
    );

    const result = await safeFetch('https://loop.example.com/', {}, LIMIT);

    expect(result).toMatchObject({ ok: false, reason: 'network' });
    expect(requests).toHaveLength(4);
  });

  it('keeps the Authorization header on the same origin and drops it on another', async () => {
    const { requests } = mockNetwork((url) => {
      if (url.pathname === '/a')
        return new Response(null, { status: 302, headers: { location: '/b' } });
      if (url.hostname === 'api.example.com') {
        return new Response(null, {
          status: 302,
          headers: { location: 'https://cdn.example.net/c' },
        });
      }
      return new Response('done');
    });

    await safeFetch(
      'https://api.example.com/a',
      { headers: { authorization: 'Bearer t0k' } },
      LIMIT,
    );

    expect(requests.map((request) => request.headers.get('authorization'))).toEqual([
      'Bearer t0k',
      'Bearer t0k',
      null,
    ]);
  });
});

describe('safeFetch writes', () => {
  it('sends the method and body, and hands back a redirect instead of following it', async () => {
    const store = vi.fn(
      async () =>
        new Response(null, {
          status: 307,
          headers: { Location: 'https://elsewhere.example.com/' },
        }),
    );

    const result = await safeFetch(
      'https://shop.example.com/api',
      { method: 'POST', body: '{"code":"A"}', headers: { 'X-Api-Key': 'k' } },
      { ...LIMIT, fetchImpl: store },
    );

    expect(result).toMatchObject({ ok: true, value: { status: 307 } });
    expect(store).toHaveBeenCalledOnce();
    expect(store.mock.calls[0]).toMatchObject([
      'https://shop.example.com/api',
      { method: 'POST', body: '{"code":"A"}' },
    ]);
  });
});

describe('safeFetch size limit', () => {
  it('refuses early when Content-Length is over the limit, without reading the body', async () => {
    const { stream, stats } = countingStream(512);
    mockNetwork(() => new Response(stream, { headers: { 'content-length': '4096' } }));

    const result = await safeFetch('https://example.com/big.json', {}, LIMIT);

    expect(result).toMatchObject({ ok: false, reason: 'too_large' });
    expect(stats.sent).toBeLessThanOrEqual(512);
    expect(stats.cancelled).toBe(true);
  });

  it('stops reading a body without Content-Length once it passes the limit', async () => {
    const { stream, stats } = countingStream(256);
    mockNetwork(() => new Response(stream));

    const result = await safeFetch('https://example.com/endless', {}, LIMIT);

    expect(result).toMatchObject({ ok: false, reason: 'too_large' });
    expect(stats.cancelled).toBe(true);
    // 1024 bytes are allowed: the fifth chunk passes the limit, and at most one more was queued.
    expect(stats.pulls).toBeLessThanOrEqual(6);
  });

  it('accepts a body of exactly the limit', async () => {
    const { stream } = countingStream(256, 1024);
    mockNetwork(() => new Response(stream));

    const result = await safeFetch('https://example.com/exact', {}, LIMIT);

    if (!result.ok) throw new Error(result.message);
    expect(result.value.body.byteLength).toBe(1024);
  });
});

describe('safeFetch failures', () => {
  it('times out when the server never answers', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => new Promise<Response>(() => {}));

    const result = await safeFetch('https://slow.example.com/', {}, { ...LIMIT, timeoutMs: 20 });

    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('times out when the body stops arriving halfway', async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(10));
      },
    });
    mockNetwork(() => new Response(stalled));

    const result = await safeFetch('https://slow.example.com/', {}, { ...LIMIT, timeoutMs: 20 });

    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('reports a connection failure as a network failure', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('connection reset'));

    const result = await safeFetch('https://down.example.com/', {}, LIMIT);

    expect(result).toMatchObject({ ok: false, reason: 'network' });
    expect(result.ok || result.message).toContain('connection reset');
  });
});
