// `npm run test:load`: prints figures, asserts nothing. Starts `wrangler dev` on loopback (a
// snapshot of HEAD, fresh seeded state), prepares journeys, a held submission and a console
// session, then asks each page at a fixed rate paced on a clock (load/paced.mjs) and a few at
// the most they can take (autocannon), and prints requests per second, latency, errors, and
// where the CPU went.
//
//   npm run test:load                         # every page, 200 requests a second, 10 s each
//   npm run test:load -- --rate 100 --duration 5 --only status
//   npm run test:load -- --profile            # then a CPU profile of the Worker for each page
//   npm run test:load -- --relay              # also widget and status with wrangler's relay on
//   npm run test:load -- --commit 57cdda3~1   # the same for an earlier commit
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ROOT } from './lib/wrangler.mjs';
import { startCpuCount } from './load/cpu.mjs';
import { profileWhile, setDevtoolsRelay } from './load/inspector.mjs';
import { pacedRun } from './load/paced.mjs';
import { postImageOf, prepare } from './load/prepare.mjs';
import { startLoadServer } from './load/server.mjs';

const RESULTS = join(ROOT, 'test-results', 'load.json');
// The aim for pages that do not render an image, at the fixed rate.
const AIM_P99_MS = 50;

const { values: options } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '10' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    relay: { type: 'boolean', default: false },
    commit: { type: 'string', default: 'HEAD' },
  },
});
const RATE = Number(options.rate);
const DURATION = Number(options.duration);
const FIXED = { rate: RATE };

/** The pages under load, from what `prepare` made. `renders`: draws an image on each request. */
function pagesOf(prepared) {
  const { journeys, usernames, cookie, statusPath, base } = prepared;
  // What htmx sends when the status panel refreshes itself every 15 s.
  const poll = {
    'HX-Request': 'true',
    'HX-Target': 'status',
    'HX-Trigger': 'status',
    'HX-Current-URL': statusPath,
  };
  const pages = [
    // The floor of this set-up: one D1 query and one R2 call, no page drawn.
    { name: 'baseline /healthz', paths: ['/healthz'] },
    { name: 'widget /w/:campaign', paths: [prepared.widget] },
    { name: 'step 1 /j/:id', paths: journeys },
    { name: 'step 2 /j/:id/photo', paths: journeys.map((path) => `${path}/photo`) },
    { name: 'step 3 /j/:id/preview', paths: journeys.map((path) => `${path}/preview`) },
    // The account step posted again with the same answer: it reads the journey and submission,
    // finds nothing changed, and sends the shopper on (303), as a double submit would.
    {
      name: 'step 1 form POST …/account',
      paths: journeys.map((path) => `${path}/account`),
      bodies: usernames.map((username) => formBody({ platform: 'sandbox', username })),
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      expect: 303,
    },
    { name: 'post image /media/posts/…', paths: prepared.postImages },
    { name: 'status poll /s/:id (htmx)', paths: [statusPath], headers: poll },
    { name: 'console /console/campaigns', paths: ['/console/campaigns'], headers: { cookie } },
    { name: 'console /console/review', paths: ['/console/review'], headers: { cookie } },
    // The photo step posted again: the post image is drawn anew and stored in R2 each time.
    {
      name: 'step 2 form POST …/photo',
      paths: journeys.map((path) => `${path}/photo`),
      bodies: journeys.map(() => formBody({ rating: '4', comment: 'Posted again under load.' })),
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      expect: 303,
      renders: true,
    },
    {
      name: 'sample post render .jpg',
      paths: [`/console/campaigns/preview.jpg?campaign=${prepared.campaignId}`],
      headers: { cookie },
      renders: true,
    },
  ];
  return options.only ? pages.filter((page) => page.name.includes(options.only)) : pages;
}

const formBody = (fields) => new URLSearchParams(fields).toString();

/**
 * Asks each path once, since a page that redirects or fails would measure the wrong thing, and
 * keeps the size of each page's first answer.
 */
async function checkPages(base, pages) {
  for (const page of pages) {
    for (const [index, path] of page.paths.entries()) {
      const response = await fetch(`${base}${path}`, {
        method: page.bodies ? 'POST' : 'GET',
        body: page.bodies?.[index],
        headers: page.headers ?? {},
        redirect: 'manual',
      });
      const bytes = (await response.arrayBuffer()).byteLength;
      const expected = page.expect ?? 200;
      if (response.status !== expected) throw new Error(`${path} answered ${response.status}`);
      page.bytes ??= bytes;
    }
  }
}

/**
 * One run over the page's paths in turn: at a fixed `rate` on a clock (load/paced.mjs), or
 * without one as fast as autocannon's `connections` can ask.
 */
function run(base, page, { rate, connections, duration }) {
  if (rate) return pacedRun(base, page, { rate, duration });
  let next = 0;
  const setupRequest = (request) => {
    next = (next + 1) % page.paths.length;
    const form = page.bodies ? { method: 'POST', body: page.bodies[next] } : {};
    return { ...request, ...form, path: page.paths[next] };
  };
  return autocannon({
    url: base,
    connections,
    duration,
    headers: page.headers ?? {},
    requests: [{ setupRequest }],
  });
}

async function measure(dev, page, mode, relay = 'off') {
  process.stderr.write(`measuring ${page.name}, ${mode.rate ?? 'max'}, relay ${relay}\n`);
  // A short warm-up, unmeasured: the first requests compile code and fill caches.
  await run(dev.url, page, { ...mode, duration: 2 });
  const cpuUsed = startCpuCount(dev.pgid);
  const result = await run(dev.url, page, { ...mode, duration: DURATION });
  const cpu = cpuUsed();
  const served = Math.max(1, result.requests.total);
  return {
    page: page.name,
    renders: page.renders === true,
    bytes: page.bytes,
    mode:
      (mode.rate ? `${mode.rate}/s` : `max ${mode.connections}c`) +
      (relay === 'on' ? ' relay' : ''),
    fixedRate: mode.rate === RATE && relay === 'off',
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    // What the failed requests died of; autocannon's flat-out rows do not say.
    errorCodes: {
      ...(result.errorCodes ?? {}),
      ...(result.timeouts ? { timeout: result.timeouts } : {}),
    },
    // Answers other than the page's own (200, or 303 for a form post).
    unexpected: result.requests.total - (result.statusCodeStats[page.expect ?? 200]?.count ?? 0),
    statuses: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
    ),
    requests: result.requests.total,
    workerCpuMs: cpu.workerMs / served,
    proxyCpuMs: cpu.proxyMs / served,
    wranglerCpuMs: cpu.wranglerMs / served,
    loadCpuMs: cpu.loadMs / served,
    otherCpuShare: cpu.otherMs / (DURATION * 1000 * cpus().length),
  };
}

const COLUMNS = [
  ['page', 28],
  ['rate', 15],
  ['rps', 5],
  ['p50', 5],
  ['p99', 9],
  ['max', 5],
  ['errors', 7],
  ['unexpected', 10],
  ['worker', 7],
  ['proxy', 6],
  ['node', 6],
  ['load', 6],
  ['others', 6],
];

function printTable(rows) {
  const line = (cells) =>
    cells
      .map((cell, i) => String(cell).padEnd(COLUMNS[i][1]))
      .join(' ')
      .trimEnd();
  console.log(line(COLUMNS.map(([name]) => name)));
  for (const row of rows) {
    const aim = !row.fixedRate || row.renders ? '' : row.p99 <= AIM_P99_MS ? ' ok' : ' over';
    console.log(
      line([
        row.page,
        row.mode,
        row.rps.toFixed(0),
        row.p50,
        `${row.p99}${aim}`,
        row.max,
        row.errors,
        row.unexpected,
        row.workerCpuMs.toFixed(2),
        row.proxyCpuMs.toFixed(2),
        row.wranglerCpuMs.toFixed(2),
        row.loadCpuMs.toFixed(2),
        `${(row.otherCpuShare * 100).toFixed(0)}%`,
      ]),
    );
  }
  for (const row of rows.filter((each) => Object.keys(each.errorCodes).length > 0)) {
    console.log(`errors of ${row.page} (${row.mode}): ${JSON.stringify(row.errorCodes)}`);
  }
}

const LEGEND = `
Latency in ms (p99 against the ${AIM_P99_MS} ms aim at ${RATE}/s). CPU in ms a request:
worker = the workerd running the Worker with its local D1 and R2; proxy = the workerd wrangler
dev puts in front; node = wrangler's node process; load = autocannon; others = share of the
machine other programs used during the run. "relay" (with --relay): as wrangler dev starts, with
the devtools relay of console lines and D1/R2 calls on; other rows have it off, as deployed.
`;

async function printProfiles(dev, pages) {
  const profiles = [];
  for (const page of pages) {
    const mode = page.renders ? { connections: 2, duration: 5 } : { ...FIXED, duration: 5 };
    const { result, summary } = await profileWhile(dev.inspectorPort, () =>
      run(dev.url, page, mode),
    );
    const perRequest = summary.busyMs / Math.max(1, result.requests.total);
    console.log(`\n${page.name}: ${perRequest.toFixed(2)} ms of Worker CPU a request (profiled)`);
    for (const bucket of summary.buckets.slice(0, 8)) {
      console.log(`  ${(bucket.share * 100).toFixed(1).padStart(5)}%  ${bucket.name}`);
    }
    console.log('  top functions (self time):');
    for (const fn of summary.functions.slice(0, 6)) {
      console.log(`  ${(fn.share * 100).toFixed(1).padStart(5)}%  ${fn.name}`);
    }
    profiles.push({ page: page.name, perRequestMs: perRequest, ...summary });
  }
  return profiles;
}

async function main() {
  const dev = await startLoadServer(options.commit);
  // Whatever happens, the server and its workerd processes end with this script.
  process.once('exit', dev.stop);
  try {
    process.stderr.write('preparing journeys, a held submission and a console session\n');
    const prepared = await prepare(dev.url);
    const pages = pagesOf(prepared);
    await checkPages(dev.url, pages);
    // Checking the photo step's form drew each post again, and the earlier images are gone.
    const images = await Promise.all(prepared.journeys.map((path) => postImageOf(dev.url, path)));
    for (const page of pages) if (page.name.startsWith('post image')) page.paths = images;
    console.log(
      `\nLoad on commit ${dev.commit}, ${cpus().length} cores (${cpus()[0]?.model}), load ` +
        `average ${loadavg()[0].toFixed(2)}; ${DURATION} s a run; the fixed rate is paced on a ` +
        'clock, one request every 1/rate s.',
    );

    const rows = [];
    const compared = pages.filter((page) => /baseline|widget|status/.test(page.name));
    // With the relay on, wrangler's proxy queues every console line and storage call of the
    // Worker for its node process; at 200 a second it fell behind, grew past 3 GB and stalled
    // the run. A deployment has no relay, so it is off unless asked for.
    if (options.relay) {
      for (const page of compared) rows.push(await measure(dev, page, FIXED, 'on'));
    }
    await setDevtoolsRelay(dev.inspectorPort, false);

    for (const page of pages.filter((candidate) => !candidate.renders)) {
      rows.push(await measure(dev, page, FIXED));
    }
    for (const page of pages.filter(
      (candidate) => candidate.renders || compared.includes(candidate),
    )) {
      rows.push(await measure(dev, page, { connections: page.renders ? 2 : 10 }));
    }
    console.log(LEGEND);
    printTable(rows);

    const profiles = options.profile ? await printProfiles(dev, pages) : [];
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    const machine = { cores: cpus().length, model: cpus()[0]?.model, node: process.version };
    const settings = { rate: RATE, duration: DURATION, paced: true };
    const at = new Date().toISOString();
    const report = { at, commit: dev.commit, machine, settings, rows, profiles };
    writeFileSync(RESULTS, JSON.stringify(report, null, 2));
    console.log(`\nWritten to ${RESULTS}`);
  } finally {
    dev.stop();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
