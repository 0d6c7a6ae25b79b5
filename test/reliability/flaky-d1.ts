/**
 * A D1 binding that fails for a moment, on purpose. A failing batch is failed by D1 itself: a
 * statement that errors when it runs is put in the batch after the first `ran` statements, so
 * those statements do run, inside the batch's transaction, and it is D1 that must take them
 * back. A failing single write throws before it reaches D1, as a dropped connection does.
 */

// SQLite raises "malformed JSON" when it evaluates this, not when it prepares it.
const FAILING_SQL = "select json('{not json') as failing";

export type FlakyD1 = {
  binding: D1Database;
  /** Sizes of the batches sent so far, before any failing statement was put in. */
  readonly batches: number[];
  /** The next batch fails after `ran` of its statements ran (all of them when larger). */
  failNextBatch(ran: number): void;
  /** The next single write whose SQL matches `pattern` throws. */
  failNextWrite(pattern: RegExp): void;
};

const EXECUTE = new Set(['run', 'all', 'first', 'raw']);

/** `real`, failing where and when the test says. */
export function flakyD1(real: D1Database): FlakyD1 {
  const unwrapped = new WeakMap<object, D1PreparedStatement>();
  const batches: number[] = [];
  let batchAfter: number | null = null;
  let writePattern: RegExp | null = null;

  function wrap(statement: D1PreparedStatement, query: string): D1PreparedStatement {
    const proxy = new Proxy(statement, {
      get(target, name) {
        if (name === 'bind') {
          return (...values: unknown[]) => wrap(target.bind(...values), query);
        }
        if (typeof name === 'string' && EXECUTE.has(name) && writePattern?.test(query)) {
          writePattern = null;
          return () => Promise.reject(new Error('D1_ERROR: Network connection lost.'));
        }
        const value = Reflect.get(target, name, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    unwrapped.set(proxy, statement);
    return proxy;
  }

  const binding = {
    prepare: (query: string) => wrap(real.prepare(query), query),
    exec: (query: string) => real.exec(query),
    dump: () => real.dump(),
    withSession: () => binding,
    batch(statements: D1PreparedStatement[]) {
      const inner = statements.map((statement) => unwrapped.get(statement) ?? statement);
      batches.push(inner.length);
      if (batchAfter === null) return real.batch(inner);

      const at = Math.min(batchAfter, inner.length);
      batchAfter = null;
      return real.batch([...inner.slice(0, at), real.prepare(FAILING_SQL), ...inner.slice(at)]);
    },
  };

  return {
    binding: binding as unknown as D1Database,
    batches,
    failNextBatch(ran) {
      batchAfter = ran;
    },
    failNextWrite(pattern) {
      writePattern = pattern;
    },
  };
}
