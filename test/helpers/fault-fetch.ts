import { vi } from 'vitest';
import type { Prng } from './prng';

/**
 * A network that fails on purpose. Each outside system is a fake answering in its real API's
 * shapes; in front of every fake, a chosen share of calls meets a fault drawn from one seeded
 * stream, so a failing run can be replayed. The fake keeps its own truth (codes it created,
 * emails it accepted), which is what a test compares the app's records with.
 */

export const FAULT_KINDS = [
  'server_error',
  'rate_limited',
  'timeout',
  'truncated',
  'malformed',
  'slow',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * One outside system as a test plays it. `answer` changes the fake's state (a created discount,
 * an accepted email), so a call whose answer a fault then loses has still happened, as it does
 * when a real connection drops after the server acted.
 */
export type FakeSystem = {
  name: string;
  hosts: string[];
  answer(request: Request): Promise<Response>;
  /** How this system says "slow down": its own 429 (or throttle) answer and headers. */
  rateLimited(random: Prng): Response;
  /** A 200 whose body the client cannot read; JSON with a syntax error when absent. */
  malformed?(random: Prng): Response;
};

export type FaultCounts = Record<FaultKind, number>;

export type SystemCounts = {
  calls: number;
  faults: FaultCounts;
  /** Calls the fake carried out whose answer never reached the caller whole. */
  lostAnswers: number;
};

export type FaultOptions = {
  random: Prng;
  /** Share of calls answered with a fault, from 0 to 1; `setShare` changes it later. */
  share?: number;
  kinds?: readonly FaultKind[];
};

export type FaultNetwork = {
  /** Per system name: what was called and what was injected. */
  readonly counts: Record<string, SystemCounts>;
  /** Addresses no fake answers; a test asserts this stays empty. */
  readonly unknownCalls: string[];
  readonly fetch: typeof fetch;
  /** Sets the failing share for one system, or for all of them. */
  setShare(share: number, system?: string): void;
  /** Draws faults from `kinds` only, from now on. */
  setKinds(kinds: readonly FaultKind[]): void;
  /**
   * Lets the next `count` timeouts hang until the caller's signal aborts them, or for `ms` at
   * most (a timer of the caller's own: a promise of one Durable Object cannot be settled from
   * another context).
   */
  allowHangs(count: number, ms?: number): void;
  /** Calls and faults summed over every system. */
  totals(): SystemCounts;
  /** Replaces the global `fetch` (for the Worker and its Durable Objects alike). */
  install(): void;
};

const SERVER_ERRORS = [500, 502, 503, 504];
// Slow, yet well inside every client's timeout (8 to 10 s): the answer arrives, late.
const SLOW_MS = { min: 20, max: 250 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Signal = AbortSignal | null | undefined;

const noFaults = (): FaultCounts =>
  Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as FaultCounts;

function serverError(random: Prng): Response {
  const status = random.pick(SERVER_ERRORS);
  const page = `<html><head><title>${status}</title></head><body>upstream error</body></html>`;
  return new Response(page, { status, headers: { 'content-type': 'text/html' } });
}

function malformedJson(): Response {
  return new Response('{"ok": true, "result": [1, 2,, 3]', {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * The first half of `response`'s body, then either a clean end (a close-delimited answer cut
 * short) or a stream error (the connection reset mid-body).
 */
async function truncate(response: Response, reset: boolean): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const cut = bytes.slice(0, Math.floor(bytes.length / 2));
  const headers = new Headers(response.headers);
  headers.delete('content-length');

  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(cut);
      } else if (reset) {
        controller.error(new TypeError('Network connection lost.'));
      } else {
        controller.close();
      }
    },
  });
  return new Response(body, { status: response.status, headers });
}

const timedOut = () => new DOMException('The operation timed out.', 'TimeoutError');

/** The fault-injecting network over `systems`; nothing fails until a share is set. */
export function faultNetwork(systems: FakeSystem[], options: FaultOptions): FaultNetwork {
  const { random } = options;
  let kinds = options.kinds ?? FAULT_KINDS;
  const byHost = new Map(systems.flatMap((system) => system.hosts.map((host) => [host, system])));
  const shares = new Map(systems.map((system) => [system.name, options.share ?? 0]));
  const counts: Record<string, SystemCounts> = Object.fromEntries(
    systems.map((system) => [system.name, { calls: 0, faults: noFaults(), lostAnswers: 0 }]),
  );
  const unknownCalls: string[] = [];
  let hangs = 0;
  let hangMs = Number.POSITIVE_INFINITY;

  /** Rejects as an aborted fetch does: when the caller's signal fires, or at once. */
  function timeOut(signal: Signal): Promise<never> {
    if (hangs === 0 || !signal) return Promise.reject(timedOut());
    hangs--;
    return new Promise<never>((_, reject) => {
      if (Number.isFinite(hangMs)) setTimeout(() => reject(timedOut()), hangMs);
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }

  async function inject(kind: FaultKind, system: FakeSystem, request: Request, signal?: Signal) {
    const count = counts[system.name] as SystemCounts;
    switch (kind) {
      case 'server_error':
        return serverError(random);
      case 'rate_limited':
        return system.rateLimited(random);
      case 'malformed':
        return system.malformed?.(random) ?? malformedJson();
      case 'slow':
        await sleep(random.int(SLOW_MS.min, SLOW_MS.max));
        return system.answer(request);
      case 'truncated':
        count.lostAnswers++;
        return truncate(await system.answer(request), random.chance(0.5));
      case 'timeout': {
        // Half the time the server acted before the connection went quiet.
        if (random.chance(0.5)) {
          await system.answer(request);
          count.lostAnswers++;
        }
        return timeOut(signal ?? request.signal);
      }
    }
  }

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const host = new URL(request.url).hostname;
    const system = byHost.get(host);
    if (!system) {
      unknownCalls.push(request.url);
      throw new TypeError(`no fake answers ${host}`);
    }

    const count = counts[system.name] as SystemCounts;
    count.calls++;
    if (!random.chance(shares.get(system.name) ?? 0)) return system.answer(request);
    const kind = random.pick(kinds);
    count.faults[kind]++;
    return inject(kind, system, request, init?.signal);
  };

  return {
    counts,
    unknownCalls,
    fetch: fakeFetch as typeof fetch,
    setShare(share, name) {
      for (const system of systems) {
        if (!name || system.name === name) shares.set(system.name, share);
      }
    },
    setKinds(chosen) {
      kinds = chosen;
    },
    allowHangs(count, ms = Number.POSITIVE_INFINITY) {
      hangs = count;
      hangMs = ms;
    },
    totals() {
      const all: SystemCounts = { calls: 0, faults: noFaults(), lostAnswers: 0 };
      for (const count of Object.values(counts)) {
        all.calls += count.calls;
        all.lostAnswers += count.lostAnswers;
        for (const kind of FAULT_KINDS) all.faults[kind] += count.faults[kind];
      }
      return all;
    },
    install() {
      vi.spyOn(globalThis, 'fetch').mockImplementation(fakeFetch);
    },
  };
}
