// `npm run cost`: the cost of one verified post and of 100,000 a month (`-- --posts N` for
// another monthly volume), from the counts of `npm run test:scale` (test-results/scale.json) and
// the Worker CPU per request of `npm run test:load` (test-results/load.json), at Cloudflare's
// published prices. Prints figures, asserts nothing. docs/COST.md explains each line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../lib/wrangler.mjs';

// Prices read on 2026-12-04 from the pages named, in US dollars. `included` is per month.
const PRICES = {
  // https://developers.cloudflare.com/workers/platform/pricing/
  workersBase: 5,
  workerRequests: { included: 10e6, perMillion: 0.3 },
  workerCpuMs: { included: 30e6, perMillion: 0.02 },
  // https://developers.cloudflare.com/d1/platform/pricing/
  d1RowsRead: { included: 25e9, perMillion: 0.001 },
  d1RowsWritten: { included: 50e6, perMillion: 1 },
  d1StorageGbMonth: { included: 5, each: 0.75 },
  // https://developers.cloudflare.com/r2/pricing/
  r2ClassA: { included: 1e6, perMillion: 4.5 },
  r2ClassB: { included: 10e6, perMillion: 0.36 },
  r2StorageGbMonth: { included: 10, each: 0.015 },
  // https://developers.cloudflare.com/durable-objects/platform/pricing/
  doRequests: { included: 1e6, perMillion: 0.15 },
  doGbSeconds: { included: 400e3, perMillion: 12.5 },
  doRowsRead: { included: 25e9, perMillion: 0.001 },
  doRowsWritten: { included: 50e6, perMillion: 1 },
  doStorageGbMonth: { included: 5, each: 0.2 },
};
// Durable Objects are billed for 128 MB of memory while active, whatever they use.
const DO_MEMORY_GB = 0.128;

// What the counts cannot say, stated here and in docs/COST.md.
const ASSUMED = {
  postsPerMonth: 100_000,
  // Thank-you pages that show the widget for each verified post: one shopper in 20 who sees the
  // offer ends with a verified post. The first view is counted with the journey.
  widgetViewsPerPost: 20,
  // Status page views and htmx polls (every 15 s while open) per verified post: the tab open
  // for five minutes after posting, then four visits of a minute during the hold.
  statusRequestsPerPost: 40,
  // Wall time an alarm waits on the network (the platform's API, then its CDN) on top of its CPU.
  alarmNetworkWaitMs: 300,
  // The shopper's photo as the upload code stores it: long side 1,440 px, JPEG quality 88, about
  // 400 KB for a camera photo.
  photoBytes: 400_000,
};
// The cron runs every ten minutes (wrangler.toml), whatever the traffic.
const CRON_RUNS_PER_MONTH = 6 * 24 * 30;

const read = (name) => JSON.parse(readFileSync(join(ROOT, 'test-results', name), 'utf8'));
const sum = (values) => Object.values(values).reduce((total, value) => total + value, 0);

// Key-value calls on SQLite-backed objects are billed as rows; each setAlarm as a row written.
const storageReads = (calls) => calls.get + calls.list + calls.getAlarm;
const storageWrites = (calls) =>
  calls.put + calls.delete + calls.deleteAll + calls.setAlarm + calls.deleteAlarm;

function units(scale, load) {
  const { journey, monitor } = scale.perVerifiedSubmission;
  const status = scale.perStatusPageVisit;
  const widget = scale.perRequest.widget;
  const statusRow = load.rows.find((row) => row.page.startsWith('status') && row.fixedRate);
  const widgetRow = load.rows.find((row) => row.page.startsWith('widget') && row.fixedRate);
  const imageRow = load.rows.find((row) => row.page.startsWith('post image') && row.fixedRate);
  const polls = ASSUMED.statusRequestsPerPost;
  const views = ASSUMED.widgetViewsPerPost - 1;
  const journeyRequests = Object.keys(scale.perRequest).length;
  const alarmSeconds = (scale.workerdCpuMs.perAlarmRun + ASSUMED.alarmNetworkWaitMs) / 1000;
  const postImageBytes = imageRow?.bytes ?? 250_000;
  const extra = (field) => polls * status[field] + views * widget[field];

  return {
    workerRequests: journeyRequests + polls + views,
    workerCpuMs:
      scale.workerdCpuMs.perJourney +
      polls * (statusRow?.workerCpuMs ?? 0) +
      views * (widgetRow?.workerCpuMs ?? 0),
    d1RowsRead: journey.d1RowsRead + monitor.d1RowsRead + extra('d1RowsRead'),
    d1RowsWritten: journey.d1RowsWritten + monitor.d1RowsWritten + extra('d1RowsWritten'),
    d1StorageGb: scale.d1BytesPerSubmission / 1e9,
    r2ClassA: journey.r2.put + journey.r2.list + monitor.r2.put + monitor.r2.list,
    r2ClassB: journey.r2.get + journey.r2.head + monitor.r2.get + monitor.r2.head,
    r2StorageGb: (ASSUMED.photoBytes + postImageBytes) / 1e9,
    doRequests: journey.monitorArms + monitor.alarmRuns,
    doGbSeconds: monitor.alarmRuns * alarmSeconds * DO_MEMORY_GB,
    doRowsRead: storageReads(journey.storage) + storageReads(monitor.storage),
    doRowsWritten: storageWrites(journey.storage) + storageWrites(monitor.storage),
    doStorageGb: scale.monitorStorageBytesKeptPerSubmission / 1e9,
    outgoing: sum(monitor.fetches) + sum(journey.fetches),
  };
}

/** What the cron costs in a month, whatever the number of posts. */
function cronUnits(scale) {
  const run = scale.perCronRun;
  return {
    workerRequests: CRON_RUNS_PER_MONTH,
    d1RowsRead: CRON_RUNS_PER_MONTH * run.d1RowsRead,
    d1RowsWritten: CRON_RUNS_PER_MONTH * run.d1RowsWritten,
  };
}

/** Cost of `amount` units in a month: what is above the allowance, at the price. */
function monthly(price, amount) {
  if ('perMillion' in price) return (Math.max(0, amount - price.included) / 1e6) * price.perMillion;
  return Math.max(0, amount - price.included) * price.each;
}
const marginal = (price, amount) =>
  'perMillion' in price ? (amount / 1e6) * price.perMillion : amount * price.each;

const LINES = [
  ['Worker requests', 'workerRequests', PRICES.workerRequests],
  ['Worker CPU ms', 'workerCpuMs', PRICES.workerCpuMs],
  ['D1 rows read', 'd1RowsRead', PRICES.d1RowsRead],
  ['D1 rows written', 'd1RowsWritten', PRICES.d1RowsWritten],
  ['D1 storage GB (month kept)', 'd1StorageGb', PRICES.d1StorageGbMonth],
  ['R2 class A', 'r2ClassA', PRICES.r2ClassA],
  ['R2 class B', 'r2ClassB', PRICES.r2ClassB],
  ['R2 storage GB (month kept)', 'r2StorageGb', PRICES.r2StorageGbMonth],
  ['DO requests', 'doRequests', PRICES.doRequests],
  ['DO duration GB-s', 'doGbSeconds', PRICES.doGbSeconds],
  ['DO rows read', 'doRowsRead', PRICES.doRowsRead],
  ['DO rows written', 'doRowsWritten', PRICES.doRowsWritten],
  ['DO storage GB (month kept)', 'doStorageGb', PRICES.doStorageGbMonth],
];

// Width of each figure's column.
const CELL = 17;

function main() {
  const scale = read('scale.json');
  const load = read('load.json');
  const perPost = units(scale, load);
  const cron = cronUnits(scale);
  const { values } = parseArgs({ options: { posts: { type: 'string' } } });
  const posts = Number(values.posts ?? ASSUMED.postsPerMonth);

  console.log(`Counts: scale run of ${scale.measuredAt}, load run of ${load.at} (${load.commit}).`);
  console.log(`Assumed: ${JSON.stringify(ASSUMED)}\n`);
  const head = ['line', 'per post', '$ per post', `in ${posts} posts`, '$ a month'];
  console.log(
    `${head[0].padEnd(28)}${head
      .slice(1)
      .map((cell) => cell.padStart(CELL))
      .join('')}`,
  );
  let perPostTotal = 0;
  let monthTotal = PRICES.workersBase;
  for (const [name, key, price] of LINES) {
    const each = marginal(price, perPost[key]);
    const amount = perPost[key] * posts + (cron[key] ?? 0);
    const month = monthly(price, amount);
    perPostTotal += each;
    monthTotal += month;
    const cells = [
      perPost[key].toPrecision(4),
      each.toExponential(2),
      amount.toPrecision(4),
      month.toFixed(2),
    ];
    console.log(`${name.padEnd(28)}${cells.map((cell) => cell.padStart(CELL)).join('')}`);
  }
  const plan = PRICES.workersBase.toFixed(2).padStart(CELL);
  console.log(`${'Workers Paid plan'.padEnd(28)}${''.padStart(3 * CELL)}${plan}`);
  console.log(
    `\nOne verified post, without the monthly allowances: $${perPostTotal.toExponential(2)}` +
      ` (outgoing requests to platforms and stores: ${perPost.outgoing}, not billed by` +
      ' Cloudflare).',
  );
  console.log(
    `${posts} verified posts in a month, with the allowances: $${monthTotal.toFixed(2)}; every ` +
      'further month their data is kept adds the storage lines again. The month includes the ' +
      `cron (${CRON_RUNS_PER_MONTH} runs, ${cron.d1RowsRead} D1 rows read).`,
  );
}

main();
