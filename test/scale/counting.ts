import { runInDurableObject } from 'cloudflare:test';
import { PostMonitor } from '../../src/monitor/post-monitor';

// Counts what the app asks of Cloudflare's billed services, by wrapping the bindings in place:
// the D1 binding's connection (every query and batch passes through it, with the rows D1
// reports reading and writing), the R2 bucket's methods, the PostMonitor's entry points and its
// storage. Nothing in src/ changes. Counting can be paused for the test's own reads.

const R2_METHODS = ['get', 'head', 'put', 'delete', 'list', 'createMultipartUpload'] as const;
const STORAGE_METHODS = [
  'get',
  'put',
  'delete',
  'list',
  'deleteAll',
  'getAlarm',
  'setAlarm',
  'deleteAlarm',
] as const;

type R2Method = (typeof R2_METHODS)[number];
type StorageMethod = (typeof STORAGE_METHODS)[number];

export type Counts = {
  /** Round trips to D1: a query, or a batch of statements sent together. */
  d1Calls: number;
  /** Statements run, each statement of a batch counted. */
  d1Statements: number;
  d1RowsRead: number;
  d1RowsWritten: number;
  r2: Record<R2Method, number>;
  /** Outgoing requests through `fetch`, by host. */
  fetches: Record<string, number>;
  /** Calls into the PostMonitor: RPC (`arm`) and alarm runs. */
  monitorArms: number;
  alarmRuns: number;
  /** PostMonitor storage calls; keys for get, put and delete (an array counts each key). */
  storage: Record<StorageMethod, number>;
  /** Approximate bytes of the values the monitors put. */
  storageBytesPut: number;
};

/** Roughly how many bytes a stored value takes: its numbers, strings and typed arrays. */
export function approximateBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return 8;
  if (value === null || typeof value !== 'object') return 1;
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + approximateBytes(item), 0);
  return Object.entries(value).reduce(
    (sum, [key, item]) => sum + key.length + approximateBytes(item),
    0,
  );
}

const zero = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

export function emptyCounts(): Counts {
  return {
    d1Calls: 0,
    d1Statements: 0,
    d1RowsRead: 0,
    d1RowsWritten: 0,
    r2: zero(R2_METHODS),
    fetches: {},
    monitorArms: 0,
    alarmRuns: 0,
    storage: zero(STORAGE_METHODS),
    storageBytesPut: 0,
  };
}

export type Counter = {
  counts: Counts;
  /** Runs `work` without counting: the test's own reads and checks. */
  paused<T>(work: () => Promise<T>): Promise<T>;
  /** Starts a new tally and returns the one so far. */
  reset(): Counts;
  /** Approximate bytes the monitors of `ids` hold now, read from their storage. */
  storedBytes(namespace: DurableObjectNamespace<PostMonitor>, ids: string[]): Promise<number>;
  /** The D1 database's size in bytes, as D1 reported it after the last query. */
  databaseBytes(): number;
  countFetch(url: URL): void;
  /** When set, every counted D1 statement with the rows it read and wrote. */
  trace?: { sql: string; read: number; written: number }[];
};

type D1Meta = { rows_read?: number; rows_written?: number; size_after?: number };
type Fetcher = { fetch: (input: RequestInfo, init?: RequestInit) => Promise<Response> };

// The database's size as D1 last reported it (`meta.size_after`).
let databaseBytes = 0;

/**
 * Wraps the D1 binding's connection to its database. The binding's JavaScript (workerd's
 * d1-api) sends each query or batch as one request whose answer carries D1's own `meta`; this
 * depends on the binding keeping that connection in `fetcher` properties, and fails loudly if
 * it does not.
 */
function wrapD1(db: D1Database, counter: Counter, active: () => boolean) {
  const binding = db as unknown as {
    fetcher?: Fetcher;
    alwaysPrimarySession?: { fetcher?: Fetcher };
  };
  const holders = [binding, binding.alwaysPrimarySession];
  if (holders.some((holder) => !holder?.fetcher)) {
    throw new Error('the D1 binding no longer keeps its connection in `fetcher`: update counting');
  }

  for (const holder of holders as { fetcher: Fetcher }[]) {
    const connection = holder.fetcher;
    holder.fetcher = {
      async fetch(input, init) {
        const response = await connection.fetch(input, init);
        const answered = (await response.clone().json()) as { meta?: D1Meta }[] | { meta?: D1Meta };
        const results = Array.isArray(answered) ? answered : [answered];
        const size = results.at(-1)?.meta?.size_after;
        if (size !== undefined) databaseBytes = size;
        if (!active()) return response;

        const sent = JSON.parse(String(init?.body ?? '[]')) as { sql: string } | { sql: string }[];
        const statements = Array.isArray(sent) ? sent : [sent];
        counter.counts.d1Calls += 1;
        counter.counts.d1Statements += statements.length;
        results.forEach(({ meta }, index) => {
          const read = meta?.rows_read ?? 0;
          const written = meta?.rows_written ?? 0;
          counter.counts.d1RowsRead += read;
          counter.counts.d1RowsWritten += written;
          counter.trace?.push({ sql: statements[index]?.sql ?? '', read, written });
        });
        return response;
      },
    };
  }
}

function wrapR2(bucket: R2Bucket, counter: Counter, active: () => boolean) {
  const methods = bucket as unknown as Record<R2Method, (...args: unknown[]) => unknown>;
  for (const name of R2_METHODS) {
    const original = methods[name].bind(bucket);
    methods[name] = (...args: unknown[]) => {
      if (active()) counter.counts.r2[name] += 1;
      return original(...args);
    };
  }
}

/**
 * Counts the monitor's entry points and, while one runs, its storage calls. Storage is counted
 * on the storage class itself (every object's storage shares it), but only inside `arm` and
 * `alarm`: the test harness's own alarm bookkeeping (`runDurableObjectAlarm` reads and clears
 * the alarm) is not the app's.
 */
async function wrapMonitor(
  namespace: DurableObjectNamespace<PostMonitor>,
  counter: Counter,
  active: () => boolean,
) {
  let inside = 0;
  const probe = namespace.get(namespace.idFromName('counting-probe'));
  const storageClass = await runInDurableObject(probe, (_instance, state) =>
    Object.getPrototypeOf(state.storage),
  );

  const storage = storageClass as Record<StorageMethod, (...args: unknown[]) => unknown>;
  for (const name of STORAGE_METHODS) {
    const original = storage[name];
    storage[name] = function (this: object, ...args: unknown[]) {
      if (active() && inside > 0) {
        const keys = Array.isArray(args[0]) ? args[0].length : 1;
        counter.counts.storage[name] += ['get', 'put', 'delete'].includes(name) ? keys : 1;
      }
      if (name === 'put' && typeof args[0] === 'string' && active() && inside > 0) {
        counter.counts.storageBytesPut += args[0].length + approximateBytes(args[1]);
      }
      return original.apply(this, args);
    };
  }

  const monitor = PostMonitor.prototype as unknown as Record<
    'arm' | 'alarm',
    (...args: unknown[]) => Promise<unknown>
  >;
  for (const [name, field] of [
    ['arm', 'monitorArms'],
    ['alarm', 'alarmRuns'],
  ] as const) {
    const original = monitor[name];
    monitor[name] = async function (this: unknown, ...args: unknown[]) {
      if (active()) counter.counts[field] += 1;
      inside += 1;
      try {
        return await original.apply(this, args);
      } finally {
        inside -= 1;
      }
    };
  }
}

/** Starts counting on the bindings of `env`. Call once per test file: wrapping is for good. */
export async function startCounting(env: Cloudflare.Env): Promise<Counter> {
  let pausedDepth = 0;
  const active = () => pausedDepth === 0;
  const counter: Counter = {
    counts: emptyCounts(),
    async paused(work) {
      pausedDepth += 1;
      try {
        return await work();
      } finally {
        pausedDepth -= 1;
      }
    },
    reset() {
      const tally = counter.counts;
      counter.counts = emptyCounts();
      return tally;
    },
    databaseBytes: () => databaseBytes,
    async storedBytes(namespace, ids) {
      let bytes = 0;
      for (const id of ids) {
        const monitor = namespace.get(namespace.idFromName(id));
        bytes += await runInDurableObject(monitor, async (_instance, state) => {
          const kept = await state.storage.list();
          return [...kept].reduce(
            (sum, [key, value]) => sum + key.length + approximateBytes(value),
            0,
          );
        });
      }
      return bytes;
    },
    countFetch(url) {
      if (!active()) return;
      counter.counts.fetches[url.hostname] = (counter.counts.fetches[url.hostname] ?? 0) + 1;
    },
  };

  wrapD1(env.DB, counter, active);
  wrapR2(env.MEDIA, counter, active);
  await wrapMonitor(env.POST_MONITOR, counter, active);
  return counter;
}
