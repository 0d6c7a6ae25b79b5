// `node scripts/bench-render.mjs [--runs N] [--photo file.jpg ...] [--save dir] [--no-stages]`
//
// Prints the warm CPU cost and output size of the post image renderer (src/render/) for each
// pipeline and output format, measured in workerd through `wrangler dev` with a bench Worker
// (scripts/bench/worker.ts). Inside workerd the clocks stand still during synchronous work, so
// each request is measured from here: the CPU time workerd's threads used for it (from
// /proc/<pid>/task/*/schedstat, Linux only) and its wall time over loopback, each minus the
// same figure for an empty request. On a busy machine trust the CPU column over the wall one.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { PhotonImage } from '@cf-wasm/photon/node';
import { startDev } from './lib/wrangler.mjs';

const CONFIG = join('scripts', 'bench', 'wrangler.bench.toml');
const PIPELINES = ['composite', 'plain'];
const FORMATS = ['jpeg', 'png'];
const STAGES = [
  'satori (banner svg)',
  'resvg (banner raster)',
  'photon decode',
  'decode + fit (js resize)',
  'decode + photon resize',
  'jpeg q90 encode',
  'png encode',
];
const WARM_UPS = 2;

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    photo: { type: 'string', multiple: true, default: [] },
    save: { type: 'string' },
    'no-stages': { type: 'boolean', default: false },
  },
});
const RUNS = Number(options.runs);

/**
 * A photo-like JPEG as the upload code stores it (long side 2160, quality 88): light falling
 * across a scene, a few objects, fabric stripes and sensor noise, so that it decodes and
 * compresses roughly like a real phone photo rather than like a flat gradient.
 */
function syntheticPhoto(width, height) {
  const rgba = new Uint8Array(width * height * 4);
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed / 0x7fffffff - 0.5) * 24;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      let rgb = [200 - 110 * v, 150 - 50 * u, 110 + 40 * u * v];
      if ((u - 0.45) ** 2 + ((v - 0.5) * 0.75) ** 2 < 0.05) rgb = [236 - 40 * u, 222, 200 - 60 * v];
      if (v > 0.72 && Math.sin(u * 140 + Math.sin(v * 30) * 4) > 0.2) rgb = [60, 84 + 30 * u, 130];
      const i = (y * width + x) * 4;
      rgba[i] = rgb[0] + noise();
      rgba[i + 1] = rgb[1] + noise();
      rgba[i + 2] = rgb[2] + noise();
      rgba[i + 3] = 255;
    }
  }
  const image = new PhotonImage(rgba, width, height);
  const jpeg = image.get_bytes_jpeg(88);
  image.free();
  return jpeg;
}

/** The pids of the workerd processes in a process group, read from /proc. */
function workerdPids(group) {
  if (!existsSync('/proc/self/schedstat')) return [];
  return readdirSync('/proc').filter((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return stat.includes('(workerd)') && Number(fields[2]) === group;
    } catch {
      return false;
    }
  });
}

/** CPU time used so far by every thread of the given processes, in milliseconds. */
function cpuMs(pids) {
  let ns = 0;
  for (const pid of pids) {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  }
  return ns / 1e6;
}

/** The bench Worker under `wrangler dev`, and the workerd processes whose CPU is counted. */
async function startWorker() {
  const extraArgs = ['--config', CONFIG, '--log-level', 'warn'];
  const dev = await startDev({ extraArgs, healthPath: '/empty' });
  process.on('exit', dev.stop);
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
  return { url: dev.url, stop: dev.stop, pids: workerdPids(dev.child.pid) };
}

async function timed(worker, path) {
  const cpuBefore = cpuMs(worker.pids);
  const start = process.hrtime.bigint();
  const response = await fetch(`${worker.url}${path}`);
  const body = await response.arrayBuffer();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = worker.pids.length > 0 ? cpuMs(worker.pids) - cpuBefore : wall;
  if (!response.ok)
    throw new Error(`${path}: ${response.status} ${new TextDecoder().decode(body)}`);
  return { wall, cpu, body };
}

/** Nearest-rank quantile: with 10 runs the p95 is the slowest run. */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function repeat(worker, path, base) {
  for (let i = 0; i < WARM_UPS; i++) await timed(worker, path);
  const cpu = [];
  const wall = [];
  let body;
  for (let i = 0; i < RUNS; i++) {
    const run = await timed(worker, path);
    cpu.push(run.cpu - base.cpu);
    wall.push(run.wall - base.wall);
    body = run.body;
  }
  return { cpu, wall, body };
}

async function baseline(worker) {
  const runs = [];
  for (let i = 0; i < 30; i++) runs.push(await timed(worker, '/empty'));
  const settled = runs.slice(5);
  return {
    cpu: quantile(
      settled.map((run) => run.cpu),
      0.5,
    ),
    wall: quantile(
      settled.map((run) => run.wall),
      0.5,
    ),
  };
}

const ms = (value) => value.toFixed(1).padStart(8);

function loadPhotos() {
  if (options.photo.length > 0) {
    return options.photo.map((file) => ({
      id: basename(file).replace(/\W+/g, '-'),
      bytes: readFileSync(file),
    }));
  }
  return [
    { id: 'landscape-2160x1620', bytes: syntheticPhoto(2160, 1620) },
    { id: 'portrait-1620x2160', bytes: syntheticPhoto(1620, 2160) },
    { id: 'landscape-1440x1080', bytes: syntheticPhoto(1440, 1080) },
  ];
}

async function renders(worker, photo, base) {
  for (const pipeline of PIPELINES) {
    for (const format of FORMATS) {
      const path = `/render?photo=${photo.id}&pipeline=${pipeline}&format=${format}`;
      const { cpu, wall, body } = await repeat(worker, path, base);
      const kb = JSON.parse(new TextDecoder().decode(body)).bytes / 1024;
      console.log(
        `${photo.id.padEnd(22)} ${(photo.bytes.length / 1024).toFixed(0).padStart(6)}  ` +
          `${pipeline.padEnd(9)}  ${format.padEnd(4)}  ${ms(quantile(cpu, 0.5))}` +
          ` ${ms(quantile(cpu, 0.95))} ${ms(quantile(wall, 0.5))}  ${kb.toFixed(0).padStart(6)}`,
      );
      if (options.save) {
        const { body: image } = await timed(worker, `${path}&download`);
        mkdirSync(options.save, { recursive: true });
        const file = `${photo.id}-${pipeline}.${format === 'jpeg' ? 'jpg' : 'png'}`;
        writeFileSync(join(options.save, file), Buffer.from(image));
      }
    }
  }
}

async function stages(worker, photo, base) {
  await timed(worker, `/prepare?photo=${photo.id}`);
  console.log(`\nstages of the composite pipeline, ${photo.id}   median CPU ms`);
  for (const stage of STAGES) {
    const path = `/stage?photo=${photo.id}&stage=${encodeURIComponent(stage)}`;
    const { cpu } = await repeat(worker, path, base);
    console.log(`  ${stage.padEnd(28)} ${ms(quantile(cpu, 0.5))}`);
  }
}

async function main() {
  const photos = loadPhotos();
  const worker = await startWorker();
  try {
    for (const photo of photos) {
      await fetch(`${worker.url}/photo?id=${photo.id}`, { method: 'PUT', body: photo.bytes });
    }
    const base = await baseline(worker);
    const first = photos[0];
    const cold = await timed(worker, `/render?photo=${first.id}&pipeline=composite&format=jpeg`);

    const clock = worker.pids.length > 0 ? 'CPU from /proc schedstat' : 'wall time (no /proc)';
    console.log(`workerd, ${RUNS} runs after ${WARM_UPS} warm-ups each; ${clock};`);
    console.log(
      `empty-request baseline subtracted: ${base.cpu.toFixed(1)} ms CPU, ` +
        `${base.wall.toFixed(1)} ms wall`,
    );
    console.log(
      `first render in a fresh isolate (wasm instantiation, font parsing): ` +
        `${(cold.cpu - base.cpu).toFixed(0)} ms CPU (${first.id}, composite, jpeg)\n`,
    );
    console.log(
      'photo                   in KB  pipeline   fmt   cpu med  cpu p95 wall med  out KB',
    );
    for (const photo of photos) await renders(worker, photo, base);
    if (!options['no-stages']) await stages(worker, first, base);
  } finally {
    worker.stop();
  }
}

await main();
