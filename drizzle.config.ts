import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and applied by wrangler (locally, in tests and on
// deploy), so drizzle-kit only needs the dialect here, never a database connection.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/index.ts',
  out: './migrations',
});
