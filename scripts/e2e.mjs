// `npm run test:e2e`: starts the app with `wrangler dev` on a free port, on a fresh local state
// seeded with the demo data, runs the browser tests against it, and stops the server.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateLocal, ROOT, startDev } from './lib/wrangler.mjs';

const STATE = join(ROOT, '.wrangler', 'e2e-state');

async function main() {
  rmSync(STATE, { recursive: true, force: true });
  migrateLocal(STATE);
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'seed.mjs'), '--persist-to', STATE], {
    stdio: 'inherit',
  });

  const dev = await startDev({ persistTo: STATE });
  let status = 1;
  try {
    const vitest = join(ROOT, 'node_modules', '.bin', 'vitest');
    const result = spawnSync(
      vitest,
      ['run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FAROUT_URL: dev.url } },
    );
    status = result.status ?? 1;
  } finally {
    dev.stop();
  }
  process.exit(status);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
