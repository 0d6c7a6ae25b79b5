import { type SafeFetchFailure, safeFetch } from '../lib/safe-fetch';
import type { StoreFailure, StoreResult } from './types';

// Store APIs answer a discount or an error in a few KB; 1 MB leaves room for verbose HTML error
// pages while keeping a misbehaving server from filling the Worker's memory.
const MAX_BYTES = 1024 * 1024;
// Shopify and WooCommerce answer writes in well under a second; a site that needs ten has a
// problem a retry later is likelier to get past.
const TIMEOUT_MS = 10_000;

/** What every store adapter that calls out can be given; globals when absent. */
export type StoreDeps = {
  fetch?: typeof fetch;
  /** How the adapter waits before a quick retry (tests pass one that records the wait). */
  sleep?: (ms: number) => Promise<void>;
  /** The clock, in milliseconds. */
  now?: () => number;
};

export type StoreRequest = {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
};

export type StoreResponse = { status: number; headers: Headers; json: unknown };

/** A successful store call. */
export const succeed = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** A failed store call, with why. */
export const failWith = (failure: StoreFailure): { ok: false; failure: StoreFailure } => ({
  ok: false,
  failure,
});

/** The store is in trouble: try again later, after `retryAfterMs` when known. */
export const retryLater = (reason: string, retryAfterMs?: number) =>
  failWith(
    retryAfterMs === undefined
      ? { kind: 'retry', reason }
      : { kind: 'retry', reason, retryAfterMs },
  );

/** The store refused the request as it stands. */
export const rejectedBy = (reason: string) => failWith({ kind: 'rejected', reason });

/** The merchant has to fix the connection. */
export const authFailure = (reason: string) => failWith({ kind: 'auth', reason });

/**
 * Sends one request to a store through `safeFetch`: the address check (https, default port,
 * public name), the timeout and the size limit. Writes are never redirected (see safeFetch), so
 * a store's credentials header cannot be replayed to another address.
 */
export async function send(
  request: StoreRequest,
  deps: StoreDeps,
): Promise<StoreResult<StoreResponse>> {
  const init = { headers: request.headers, method: request.method, body: request.body };
  const fetchImpl = deps.fetch ?? ((input, req) => globalThis.fetch(input, req));
  const response = await safeFetch(request.url, init, {
    maxBytes: MAX_BYTES,
    timeoutMs: TIMEOUT_MS,
    fetchImpl,
  });
  if (!response.ok) return failWith(fromTransport(response.reason, response.message));

  const { status, headers, body } = response.value;
  return succeed({ status, headers, json: parseJson(body) });
}

function fromTransport(reason: SafeFetchFailure, message: string): StoreFailure {
  if (reason === 'blocked_address') {
    return { kind: 'auth', reason: `The store address cannot be used: ${message}` };
  }
  return { kind: 'retry', reason: message };
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}

/**
 * Milliseconds to wait from `Retry-After` (RFC 9110 10.2.3: seconds or an HTTP date); Shopify
 * writes the seconds with a fraction ("2.0"), so fractions are read too.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;

  const at = /^\d+(\.\d+)?$/.test(value) ? now + Number(value) * 1000 : Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil(at - now));
}

/** The common answer to a status no branch expected: 5xx and 429 are retried, 401/403 are auth. */
export function statusFailure(response: StoreResponse, what: string, now: number): StoreFailure {
  const { status } = response;
  if (status === 401 || status === 403) {
    return { kind: 'auth', reason: `${what} refused the store credentials (HTTP ${status}).` };
  }
  if (status === 429) {
    const wait = retryAfterMs(response.headers, now);
    const reason = `${what} is rate limiting us (HTTP 429).`;
    return wait === undefined
      ? { kind: 'retry', reason }
      : { kind: 'retry', reason, retryAfterMs: wait };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'auth',
      reason: `${what} redirects elsewhere (HTTP ${status}); check the store address.`,
    };
  }
  return { kind: 'retry', reason: `${what} answered HTTP ${status}.` };
}

/** `setTimeout` as a promise; waits in a Worker cost wall time, not CPU time. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whole-second UTC time, the form every store API here documents. */
export const isoSeconds = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

// A wait this short is cheaper to sit out inside the call than to hand back to a schedule; a
// Worker's wall time is not billed as CPU time.
const QUICK_RETRY_MAX_MS = 2_000;

/**
 * Runs `call`, and once more after the wait when it failed with a retry whose wait is known and
 * at most two seconds (a Shopify throttle, a 429 or 503 with a short Retry-After). Every write
 * the adapters make is safe to repeat: a create that did land is found again by its code.
 */
export async function withQuickRetry<T>(
  call: () => Promise<StoreResult<T>>,
  deps: StoreDeps,
): Promise<StoreResult<T>> {
  const first = await call();
  const wait = first.ok || first.failure.kind !== 'retry' ? undefined : first.failure.retryAfterMs;
  if (wait === undefined || wait > QUICK_RETRY_MAX_MS) return first;

  await (deps.sleep ?? sleep)(wait);
  return call();
}
