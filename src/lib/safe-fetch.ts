import { fail, ok, type Result } from './result';

/**
 * Outgoing requests to addresses a shopper controls (their Mastodon server, an image URL inside
 * their post) go through here, and so do the fixed platform APIs, for the timeout and the size
 * limit. The address check is by name only: Workers cannot resolve DNS themselves, so a public
 * name that points at a private address is not caught here. Cloudflare's network does not route
 * a Worker's fetch to private ranges anyway, so that case reaches nothing of ours; catching it
 * in code would take a DNS-over-HTTPS lookup before every request.
 */

export type SafeFetchFailure = 'blocked_address' | 'too_large' | 'timeout' | 'network';

export type SafeResponse = { status: number; headers: Headers; body: Uint8Array; url: string };

/**
 * A read by default. A write (`method` other than GET, with a `body`) is never redirected: its
 * 3xx answer comes back as it is, since replaying a write, with its credentials in whatever
 * header the API uses, to an address the server names is not safe.
 */
export type SafeFetchInit = {
  headers?: HeadersInit;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: string;
};

export type SafeFetchOptions = {
  maxBytes: number;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
};

export const DEFAULT_TIMEOUT_MS = 8_000;
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// RFC 1035 label, as narrowed for host names: letters, digits and inner hyphens, 1 to 63 long.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Names that never reach the public internet: RFC 6761 (localhost, invalid, test, example),
// RFC 6762 (local), RFC 9476 (alt), RFC 7686 (onion), arpa (home.arpa, reverse zones), ICANN's
// 2024 reservation of `internal`, the TLDs ICANN will not delegate because networks use them
// inside (home, corp, mail) and the common router default `lan`.
const PRIVATE_SUFFIXES = new Set([
  'alt',
  'arpa',
  'corp',
  'example',
  'home',
  'internal',
  'invalid',
  'lan',
  'local',
  'localhost',
  'mail',
  'onion',
  'test',
]);

/** Whether `url` may be fetched: https on the default port, to a public DNS name. */
export function checkPublicUrl(url: string | URL): Result<URL, 'blocked_address'> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('blocked_address', 'That address is not a valid URL.');
  }

  if (parsed.protocol !== 'https:') return fail('blocked_address', 'Only https is allowed.');
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return fail('blocked_address', 'Addresses with a port or credentials are not fetched.');
  }
  if (!isPublicName(parsed.hostname)) {
    return fail('blocked_address', `${parsed.hostname} is not a public host name.`);
  }
  return ok(parsed);
}

function isPublicName(hostname: string): boolean {
  // The URL parser has already turned every IPv4 spelling (decimal, hex, octal, short forms)
  // into dotted decimal and kept IPv6 in brackets, so these two tests catch every IP literal.
  if (hostname.startsWith('[') || /^[0-9.]+$/.test(hostname)) return false;

  const labels = hostname.replace(/\.$/, '').split('.');
  const tld = labels.at(-1) ?? '';
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
  return /^[a-z]/.test(tld) && !PRIVATE_SUFFIXES.has(tld);
}

/**
 * Fetches `url` with a timeout, a body size limit enforced while streaming and, for reads, at
 * most three redirects, each hop re-checked with `checkPublicUrl`. Any HTTP status is a success
 * here; the caller decides what a 404 or a 429 means.
 */
export async function safeFetch(
  url: string,
  init: SafeFetchInit,
  options: SafeFetchOptions,
): Promise<Result<SafeResponse, SafeFetchFailure>> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const fetchImpl = options.fetchImpl ?? ((input, req) => globalThis.fetch(input, req));

  try {
    return await fetchFollowing(url, init, options.maxBytes, { signal, fetchImpl });
  } catch (error) {
    if (signal.aborted) return fail('timeout', 'The server took too long to answer.');
    const detail = error instanceof Error ? error.message : String(error);
    return fail('network', `The request failed: ${detail}`);
  }
}

type Transport = { signal: AbortSignal; fetchImpl: typeof fetch };

async function fetchFollowing(
  url: string,
  init: SafeFetchInit,
  maxBytes: number,
  transport: Transport,
): Promise<Result<SafeResponse, SafeFetchFailure>> {
  let target = checkPublicUrl(url);
  let headers = new Headers(init.headers);
  const method = init.method ?? 'GET';
  const request = {
    method,
    body: init.body,
    redirect: 'manual' as const,
    signal: transport.signal,
  };

  for (let hop = 0; target.ok; hop++) {
    const current = target.value;
    const response = await untilAborted(
      transport.fetchImpl(current.href, { ...request, headers }),
      transport.signal,
    );
    const location = response.headers.get('location');
    const redirected = REDIRECT_STATUSES.has(response.status) && location !== null;
    if (!redirected || method !== 'GET') {
      return readLimited(response, current.href, maxBytes, transport.signal);
    }

    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) return fail('network', 'The server redirected too many times.');
    target = checkPublicUrl(new URL(location, current));
    // Fetch spec, HTTP-redirect fetch: credentials are not carried to another origin.
    if (target.ok && target.value.origin !== current.origin) headers = withoutCredentials(headers);
  }
  return target;
}

function withoutCredentials(headers: Headers): Headers {
  const next = new Headers(headers);
  next.delete('authorization');
  next.delete('cookie');
  return next;
}

async function readLimited(
  response: Response,
  url: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Result<SafeResponse, SafeFetchFailure>> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    return tooLarge(maxBytes);
  }

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await untilAborted(reader.read(), signal);
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }

  const { status, headers } = response;
  return ok({ status, headers, body: concat(chunks, size), url });
}

const tooLarge = (maxBytes: number) =>
  fail('too_large', `The answer is larger than ${Math.round(maxBytes / 1024)} KiB.`);

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Settles with `promise`, or rejects once `signal` aborts, for a fetch that ignores signals. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
