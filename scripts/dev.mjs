// `npm run dev`: prepares local secrets, applies migrations, seeds the demo data (only what is
// missing), starts `wrangler dev` with local D1, R2, Durable Objects and assets, and prints the
// addresses to open. Ctrl+C stops everything.
import { ensureDevVars, migrateLocal, startDev } from './lib/wrangler.mjs';

const PORT = Number(process.env.PORT ?? 8787);

async function main() {
  ensureDevVars();

  console.log('Applying migrations to the local database...');
  migrateLocal();

  console.log('Seeding demo data...');
  await import('./seed.mjs');

  const dev = await startDev({ port: PORT, inherit: true });
  const stop = () => {
    dev.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const base = `http://localhost:${PORT}`;
  console.log(`
FarOut is running locally.

  Demo store Thank-You page   ${base}/demo
  Merchant console            ${base}/console
    sign in as                owner@demo-coffee.test / demo-coffee-2026
  Health                      ${base}/healthz

Press Ctrl+C to stop.
`);

  dev.child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
