import { defineConfig } from 'vitest/config';

// Browser tests run in Node and drive Debian's Chromium against `wrangler dev`, which
// `npm run test:e2e` (scripts/e2e.mjs) starts and passes in as FAROUT_URL.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
