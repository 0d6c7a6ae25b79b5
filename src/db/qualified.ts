import { type Column, getTableName, type SQL, sql } from 'drizzle-orm';

/**
 * A column written as `"table"."column"` wherever it appears. Drizzle leaves columns bare in
 * statements over one table, so inside a correlated subquery `submissions.id` would come out as
 * `"id"` and SQLite would read the subquery's own `id` instead of the outer row's.
 */
export function qualified(column: Column): SQL {
  return sql.raw(`"${getTableName(column.table)}"."${column.name}"`);
}
