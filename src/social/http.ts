import type { z } from 'zod';
import { type SafeFetchFailure, safeFetch } from '../lib/safe-fetch';
import type { LookupFailure, LookupResult } from './types';

// A page of 50 posts with their embeds is some hundreds of KB; 2 MB leaves room for long posts
// while keeping a hostile server from filling the Worker's 128 MB of memory.
export const JSON_MAX_BYTES = 2 * 1024 * 1024;
// Platforms serve their own re-encoded copies of pictures, a few MB at most; a larger answer
// is not a post picture.
export const IMAGE_MAX_BYTES = 15 * 1024 * 1024;

/** What every adapter that calls out needs: the `fetch` to use (the global one when absent). */
export type FetchDeps = { fetch?: typeof fetch };

/**
 * An adapter of a platform with one fixed API: `fetch`, and that API's address when configured
 * (the platform's public API otherwise). A configured address is operator configuration, yet it
 * goes through the same `safeFetch` address check as everything else: https on the default port
 * to a public name. One rule for every outgoing request means no variable can point a deployment
 * at an internal address; a local instance of a platform's server is reached through a public
 * https name (a tunnel). Letting a configured origin skip the check would take an allowed-origin
 * option in safeFetch. A refused address shows as `unsupported` with the reason, so the
 * submissions go to manual review saying why instead of silently reading the public API.
 */
export type ApiDeps = FetchDeps & { baseUrl?: string };

export type ApiResponse = { status: number; headers: Headers; json: unknown };

/** The base URL paths are appended to: an operator may leave off the final slash. */
export const asDirectory = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** A successful lookup. */
export const found = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** A failed lookup, with why. */
export const lost = (failure: LookupFailure): { ok: false; failure: LookupFailure } => ({
  ok: false,
  failure,
});

/** The account or post does not exist (any more). */
export const notFound = () => lost({ kind: 'not_found' });

/** No automatic lookup is possible; `message` tells the reviewer why. */
export const unsupported = (message: string) => lost({ kind: 'unsupported', message });

/** Not the shopper's doing: try again later, after `retryAfterMs` when known. */
export const retry = (reason: string, retryAfterMs?: number) =>
  lost(
    retryAfterMs === undefined
      ? { kind: 'retry', reason }
      : { kind: 'retry', reason, retryAfterMs },
  );

/** A failure of the request itself, as a lookup failure. */
export function fromTransport(reason: SafeFetchFailure, message: string): LookupFailure {
  switch (reason) {
    case 'timeout':
    case 'network':
      return { kind: 'retry', reason: message };
    case 'blocked_address':
      return { kind: 'unsupported', message: `This address is not contacted: ${message}` };
    case 'too_large':
      return { kind: 'unsupported', message: `Too large to check automatically. ${message}` };
  }
}

/** GETs a JSON API; the body is `undefined` when it is not JSON, for the caller to judge. */
export async function getJson(
  url: string,
  deps: FetchDeps,
  headers: Record<string, string> = {},
): Promise<LookupResult<ApiResponse>> {
  const response = await safeFetch(
    url,
    { headers: { accept: 'application/json', ...headers } },
    { maxBytes: JSON_MAX_BYTES, fetchImpl: deps.fetch },
  );
  if (!response.ok) return lost(fromTransport(response.reason, response.message));

  const { status, headers: responseHeaders, body } = response.value;
  return found({ status, headers: responseHeaders, json: parseJson(body) });
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}

/**
 * 429 and 5xx are the platform's trouble: tried again later, after the wait it asked for when
 * it said one. `resetHeader` names the platform's own "limit resets at" header, if any.
 */
export function serverTrouble(
  response: { status: number; headers: Headers },
  resetHeader?: string,
): LookupFailure | null {
  if (response.status === 429) {
    const wait = retryAfterMs(response.headers, resetHeader);
    const failure: LookupFailure = { kind: 'retry', reason: 'rate limited (HTTP 429)' };
    return wait === undefined ? failure : { ...failure, retryAfterMs: wait };
  }
  if (response.status >= 500) return { kind: 'retry', reason: `HTTP ${response.status}` };
  return null;
}

/**
 * Milliseconds to wait, from `Retry-After` (RFC 9110 10.2.3: seconds or an HTTP date) or the
 * platform's reset header, which is Unix seconds on X and Bluesky and an ISO time on Mastodon.
 */
export function retryAfterMs(
  headers: Headers,
  resetHeader?: string,
  now = Date.now(),
): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    const at = /^\d+$/.test(retryAfter) ? now + Number(retryAfter) * 1000 : Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }

  const reset = resetHeader ? headers.get(resetHeader)?.trim() : undefined;
  if (!reset) return undefined;
  const at = /^\d+$/.test(reset) ? Number(reset) * 1000 : Date.parse(reset);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The body in the shape `schema` describes, or a retry when the platform sent something else. */
export function readBody<T>(schema: z.ZodType<T>, json: unknown, what: string): LookupResult<T> {
  const parsed = schema.safeParse(json);
  return parsed.success ? found(parsed.data) : retry(`malformed ${what} body`);
}

/** A status no branch expected: not the shopper's doing, so it is tried again later. */
export const unexpected = (status: number, what: string) =>
  retry(`unexpected HTTP ${status} from ${what}`);

/** Fetches one image of a post, at most `IMAGE_MAX_BYTES`, refusing anything not an image. */
export async function fetchImageBytes(
  url: string,
  deps: FetchDeps,
): Promise<LookupResult<Uint8Array>> {
  const response = await safeFetch(url, {}, { maxBytes: IMAGE_MAX_BYTES, fetchImpl: deps.fetch });
  if (!response.ok) return lost(fromTransport(response.reason, response.message));

  const { status, headers, body } = response.value;
  const trouble = serverTrouble(response.value);
  if (trouble) return lost(trouble);
  // A signed CDN link that expired answers 403; either way the image is gone from this address.
  if (status === 403 || status === 404 || status === 410) return notFound();
  if (status !== 200) return unexpected(status, 'the image host');
  if (!headers.get('content-type')?.startsWith('image/')) {
    return unsupported('The post image address did not answer with an image.');
  }
  return found(body);
}

/** A date from an API, or null when absent or unreadable. */
export function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  // Instagram writes offsets as +0000, which ISO 8601 parsers need as +00:00.
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Whether a post's time is known and at or after `since`; an undated post never counts. Compared
 * to the second, because X and Mastodon give post times in whole seconds.
 */
export const isAtOrAfter = (date: Date | null, since: Date): boolean =>
  date !== null && Math.floor(date.getTime() / 1000) >= Math.floor(since.getTime() / 1000);
