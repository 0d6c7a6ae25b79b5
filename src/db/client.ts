import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Database = DrizzleD1Database<typeof schema>;

// Making a handle walks the whole schema to map its relations: about a twelfth of the Worker's
// CPU on a simple page, measured with `npm run test:load -- --profile`. A handle keeps no state
// between queries, so one per binding object (workerd passes the same `env` to every request of
// an isolate) serves every request and alarm.
const handles = new WeakMap<D1Database, Database>();

/** The drizzle handle over the D1 binding, made on first use of that binding. */
export function createDb(d1: D1Database): Database {
  let db = handles.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    handles.set(d1, db);
  }
  return db;
}
