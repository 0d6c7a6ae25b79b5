import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Tests run inside workerd with the bindings of wrangler.toml: D1 with the real migrations,
// R2 and the PostMonitor Durable Object, each test with its own isolated storage.
export default defineConfig(async () => {
  const migrations = await readD1Migrations('migrations');

  return {
    plugins: [
      cloudflareTest({
        main: './src/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            // A fixed test key; real deployments set their own with `wrangler secret put`.
            CREDENTIALS_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
            LOG_LEVEL: 'warn',
          },
        },
      }),
    ],
    resolve: {
      // obscenity's ESM entry re-exports its CommonJS build through a default import, which
      // the pool's module loader does not provide; loading the CommonJS build directly works.
      alias: {
        obscenity: fileURLToPath(
          new URL('./node_modules/obscenity/dist/index.js', import.meta.url),
        ),
      },
    },
    test: {
      include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
      exclude: ['test/e2e/**'],
      setupFiles: ['./test/apply-migrations.ts'],
    },
  };
});
