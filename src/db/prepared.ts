import type { Database } from './client';

// Drizzle builds a query's SQL from its description on every call: on the status poll that was a
// third of the Worker's CPU (`npm run test:load -- --profile`). The hottest lookups are prepared
// once per drizzle handle, with placeholders for their values, and only bound on each call.
const preparedByHandle = new WeakMap<Database, Map<string, unknown>>();

/** The query `name`, built by `build` on the first call for this handle and kept after. */
export function prepared<T>(db: Database, name: string, build: (db: Database) => T): T {
  let queries = preparedByHandle.get(db);
  if (!queries) {
    queries = new Map();
    preparedByHandle.set(db, queries);
  }

  let query = queries.get(name) as T | undefined;
  if (!query) {
    query = build(db);
    queries.set(name, query);
  }
  return query;
}
