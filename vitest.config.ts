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
          // No test reaches an outside host. A fetch no test replaced (a monitor's alarm firing
          // after its file restored the real fetch) is answered here, refused, instead of
          // looking the host up; loopback stays open for the scale run's CPU probe.
          outboundService: (request: { url: string }) => {
            const { hostname } = new URL(request.url);
            if (hostname === '127.0.0.1') return fetch(request.url) as never;
            return new Response(`No outside host in tests: ${hostname}`, { status: 502 }) as never;
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
