// Runs the image check over every pair of a labels.csv and prints accuracy, false accepts and
// false rejects per category, the score distribution and the time per pair in Node:
//   node scripts/match-report.mjs [labels.csv ...] [--list]
// Without arguments it reads the shared development set (../shared/match-dev/labels.csv) and,
// when scripts/match-cases.mjs has been run, the harder set under .wrangler/match-cases/.
// --list prints every pair's score and parts as well.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFile, loadMatcher } from './match.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_SETS = [
  resolve(REPO, '../shared/match-dev/labels.csv'),
  resolve(REPO, '.wrangler/match-cases/labels.csv'),
];

function csvRow(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

function readLabels(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = csvRow(header);
  return lines.map((line) => Object.fromEntries(csvRow(line).map((v, i) => [names[i], v])));
}

function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const fixed = (value, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

// Times each step apart: decoding (photon, wasm), preparing our image (once per render in the
// Worker if its features are kept) and comparing. Ours is decoded once per file and reused.
function runPair(matcher, base, row, decodedOurs) {
  const t0 = performance.now();
  const ours = decodedOurs.get(row.generated) ?? decodeFile(matcher, resolve(base, row.generated));
  const t1 = performance.now();
  const theirs = decodeFile(matcher, resolve(base, row.posted));
  const t2 = performance.now();
  const prepared = matcher.prepareOurs(ours);
  const t3 = performance.now();
  const result = matcher.matchPrepared(prepared, theirs);
  const t4 = performance.now();

  const timing = { posted: t2 - t1, prepare: t3 - t2, compare: t4 - t3 };
  if (!decodedOurs.has(row.generated)) timing.ours = t1 - t0;
  decodedOurs.set(row.generated, ours);
  return { row, result, timing };
}

function printCategories(runs) {
  const categories = [...new Set(runs.map((run) => run.row.category))];
  process.stdout.write('  category                      pairs  wrong  min    median max\n');
  for (const category of categories) {
    const mine = runs.filter((run) => run.row.category === category);
    const scores = mine.map((run) => run.result.score).sort((a, b) => a - b);
    const wrong = mine.filter((run) => run.result.match !== (run.row.expected_match === 'true'));
    const line = [
      category.padEnd(30),
      String(mine.length).padStart(5),
      String(wrong.length).padStart(6),
      fixed(scores[0]).padStart(6),
      fixed(quantile(scores, 0.5)).padStart(6),
      fixed(scores[scores.length - 1]).padStart(6),
    ].join(' ');
    process.stdout.write(`  ${line}\n`);
  }
}

function printSummary(runs) {
  const positives = runs.filter((run) => run.row.expected_match === 'true');
  const negatives = runs.filter((run) => run.row.expected_match !== 'true');
  const falseRejects = positives.filter((run) => !run.result.match);
  const falseAccepts = negatives.filter((run) => run.result.match);
  const right = runs.length - falseRejects.length - falseAccepts.length;
  const positiveScores = positives.map((run) => run.result.score).sort((a, b) => a - b);
  const negativeScores = negatives.map((run) => run.result.score).sort((a, b) => a - b);
  process.stdout.write(
    `  accuracy ${right}/${runs.length} (${fixed((100 * right) / runs.length, 1)}%)\n`,
  );
  process.stdout.write(`  false rejects ${falseRejects.length}/${positives.length}: `);
  process.stdout.write(
    `${falseRejects.map((run) => `${run.row.pair} ${run.row.transformation}`).join(', ') || 'none'}\n`,
  );
  process.stdout.write(`  false accepts ${falseAccepts.length}/${negatives.length}: `);
  process.stdout.write(
    `${falseAccepts.map((run) => `${run.row.pair} ${run.row.category}`).join(', ') || 'none'}\n`,
  );
  process.stdout.write(
    `  positives min ${fixed(positiveScores[0])} median ${fixed(quantile(positiveScores, 0.5))}; ` +
      `negatives max ${fixed(negativeScores[negativeScores.length - 1])} median ${fixed(quantile(negativeScores, 0.5))}\n`,
  );
  printTiming(runs);
}

function printTiming(runs) {
  const steps = [
    ['compare', 'compare (prepared ours vs posted pixels)'],
    ['prepare', 'prepare ours (edges of our render)'],
    ['posted', 'decode posted (photon)'],
    ['ours', 'decode ours (photon)'],
  ];
  process.stdout.write('  Node, ms per pair            median  p95\n');
  for (const [key, label] of steps) {
    const times = runs.map((run) => run.timing[key]).filter((t) => t !== undefined);
    const sorted = times.sort((a, b) => a - b);
    process.stdout.write(
      `  ${label.padEnd(42)} ${fixed(quantile(sorted, 0.5), 1).padStart(5)} ${fixed(quantile(sorted, 0.95), 1).padStart(5)}\n`,
    );
  }
  const checks = runs.map((run) => run.timing.prepare + run.timing.compare).sort((a, b) => a - b);
  process.stdout.write(
    `  ${'matchImages on two decoded images'.padEnd(42)} ${fixed(quantile(checks, 0.5), 1).padStart(5)} ${fixed(quantile(checks, 0.95), 1).padStart(5)}\n`,
  );
}

function printList(runs) {
  for (const { row, result } of runs) {
    const parts = Object.entries(result.parts).map(([k, v]) => `${k}=${fixed(v, 2)}`);
    const flag = result.match === (row.expected_match === 'true') ? ' ' : '!';
    process.stdout.write(
      `  ${flag} ${row.pair} ${fixed(result.score)} ${row.category} ${row.transformation} ${parts.join(' ')}\n`,
    );
  }
}

async function main() {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const given = args.filter((arg) => arg !== '--list');
  const sets =
    given.length > 0 ? given.map((path) => resolve(path)) : DEFAULT_SETS.filter(existsSync);
  const matcher = await loadMatcher();

  for (const path of sets) {
    const base = dirname(path);
    const decodedOurs = new Map();
    const rows = readLabels(path);
    // Warm-up, so that the first pair's figures are not the JIT compiler's.
    for (const row of rows.slice(0, 5)) runPair(matcher, base, row, new Map());
    const runs = rows.map((row) => runPair(matcher, base, row, decodedOurs));

    process.stdout.write(`${path} (threshold ${matcher.MATCH_THRESHOLD})\n`);
    if (list) printList(runs);
    printCategories(runs);
    printSummary(runs);
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
