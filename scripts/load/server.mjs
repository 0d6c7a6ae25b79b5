// The app under load: `wrangler dev` serving a snapshot of committed code (HEAD), on a fresh
// seeded state. A snapshot, because wrangler dev rebuilds and restarts the Worker whenever a
// watched file changes, and a run of several minutes in a tree others are editing would measure
// restarts; the figures are then those of one commit, named in the results.
import { execSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevVars, freePort, ROOT, startDev, wrangler } from '../lib/wrangler.mjs';

const STATE = join(ROOT, '.wrangler', 'load-state');

/** A copy of a commit's files, with the installed node_modules and the vendored static files. */
function snapshot(commit) {
  const dir = mkdtempSync(join(tmpdir(), 'farout-load-'));
  execSync(`git archive ${commit} | tar -x -C ${JSON.stringify(dir)}`, { cwd: ROOT });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const vendor = join(ROOT, 'static', 'vendor');
  if (existsSync(vendor)) cpSync(vendor, join(dir, 'static', 'vendor'), { recursive: true });
  ensureDevVars();
  copyFileSync(join(ROOT, '.dev.vars'), join(dir, '.dev.vars'));
  return dir;
}

/**
 * Starts the snapshot of `revision` on loopback with the demo data seeded and an inspector port
 * for CPU profiles. Only the end of its output is kept: a load run writes millions of lines.
 */
export async function startLoadServer(revision = 'HEAD') {
  const commit = execSync(`git rev-parse --short ${revision}`, { cwd: ROOT }).toString().trim();
  const dir = snapshot(commit);
  const config = ['--config', join(dir, 'wrangler.toml')];

  rmSync(STATE, { recursive: true, force: true });
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE, ...config], {
    quiet: true,
  });
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'seed.mjs'), '--persist-to', STATE]);

  const inspectorPort = await freePort();
  const dev = await startDev({
    persistTo: STATE,
    extraArgs: [...config, '--inspector-port', String(inspectorPort)],
  });
  let stopping = false;
  let tail = '';
  for (const stream of [dev.child.stdout, dev.child.stderr]) {
    stream?.removeAllListeners('data');
    stream?.on('data', (chunk) => {
      tail = (tail + chunk).slice(-8000);
    });
  }
  dev.child.once('exit', (code, signal) => {
    if (!stopping) console.error(`wrangler dev ended (${code ?? signal}); it last said:\n${tail}`);
  });

  const stop = () => {
    stopping = true;
    dev.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: dev.url, pgid: dev.child.pid, inspectorPort, commit, stop };
}
