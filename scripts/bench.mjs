// `npm run bench`: prints figures, asserts nothing. Page weights of what a shopper downloads
// (served by `wrangler dev` on a fresh seeded state), then the post image benchmark.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { printConsoleFigures } from './bench-console.mjs';
import { migrateLocal, ROOT, startDev } from './lib/wrangler.mjs';

const STATE = join(ROOT, '.wrangler', 'bench-state');

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

/** Raw and gzip size of a response body, and of the same-origin assets it names. */
async function pageWeight(url) {
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

/** Walks a journey with plain HTTP, as a browser without JavaScript would, to reach each page. */
async function journeyPages(base) {
  const start = await fetch(`${base}/c/cmp_demo/start?order=bench-${Date.now()}`, {
    redirect: 'manual',
  });
  const journey = `${base}${start.headers.get('location')}`;
  const form = (fields) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return { method: 'POST', body, headers: { Origin: base }, redirect: 'manual' };
  };

  // Journey pages redirect to the status page once the shopper has left, so weigh them on the way.
  const account = await pageWeight(journey);
  await fetch(`${journey}/account`, form({ platform: 'sandbox', username: 'bench' }));
  const photo = await pageWeight(`${journey}/photo`);
  await fetch(`${journey}/photo`, form({ rating: '5', comment: 'Benchmarking the journey.' }));
  const preview = await pageWeight(`${journey}/preview`);
  const go = await fetch(`${journey}/go`, form({}));
  const compose = new URL(go.headers.get('location') ?? '', base);
  const submission = compose.searchParams.get('submission');
  return [
    ['journey step 1 /j/:id', account],
    ['journey step 2 /j/:id/photo', photo],
    ['journey step 3 /j/:id/preview', preview],
    ['status page /s/:id', `${base}/s/${submission}`],
    ['sandbox composer', compose.href],
  ];
}

async function printPageWeights(base) {
  const pages = [
    ['widget page /w/cmp_demo', `${base}/w/cmp_demo?order=1001`],
    ['widget script /widget.js', `${base}/widget.js`],
    ['embed script /embed.js', `${base}/embed.js`],
    ['demo store page /demo', `${base}/demo`],
    ['stylesheet /app.css', `${base}/app.css`],
    ['htmx /vendor/htmx.min.js', `${base}/vendor/htmx.min.js`],
    ['journey script /journey.js', `${base}/journey.js`],
    ...(await journeyPages(base)),
  ];

  console.log('\nPage weights (gzip level 9)');
  console.log('page'.padEnd(34), 'status', 'raw'.padStart(10), 'gzip'.padStart(10));
  for (const [name, page] of pages) {
    const { status, raw, gzip } = typeof page === 'string' ? await pageWeight(page) : page;
    console.log(
      name.padEnd(34),
      String(status).padEnd(6),
      kb(raw).padStart(10),
      kb(gzip).padStart(10),
    );
  }
}

async function main() {
  rmSync(STATE, { recursive: true, force: true });
  migrateLocal(STATE);
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'seed.mjs'), '--persist-to', STATE]);

  const dev = await startDev({ persistTo: STATE });
  try {
    await printPageWeights(dev.url);
    await printConsoleFigures(dev.url);
  } finally {
    dev.stop();
  }

  console.log('\nPost image rendering (CPU in workerd)');
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench-render.mjs')], { stdio: 'inherit' });

  console.log('\nImage check: accuracy on the labelled pairs, and time per pair');
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'match-report.mjs')], { stdio: 'inherit' });
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
