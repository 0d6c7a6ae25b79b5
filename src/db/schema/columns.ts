import { type SQL, sql } from 'drizzle-orm';
import { type AnySQLiteColumn, integer, text } from 'drizzle-orm/sqlite-core';

/** Primary key column: a random, unguessable id made by `newId` in the application. */
export const idColumn = () => text('id').primaryKey();

/** A point in time, stored as epoch milliseconds. */
export const timeColumn = (name: string) => integer(name, { mode: 'timestamp_ms' });

/** Creation time, filled by the application when the row is inserted. */
export const createdAtColumn = () =>
  timeColumn('created_at')
    .notNull()
    .$defaultFn(() => new Date());

/** A CHECK expression keeping a text column inside a closed set of values. */
export function oneOf(column: AnySQLiteColumn, values: readonly string[]): SQL {
  const list = values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
  return sql`${column} in (${sql.raw(list)})`;
}
