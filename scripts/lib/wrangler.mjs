// Helpers the npm scripts share to drive wrangler: run a command, apply migrations, and start
// `wrangler dev` in a process group of its own so that stopping it also stops workerd.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');

/** Runs wrangler to completion, failing loudly with its output when it fails. */
export function wrangler(args, { quiet = false } = {}) {
  const result = spawnSync(WRANGLER, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    throw new Error(`wrangler ${args.slice(0, 3).join(' ')} failed (exit ${result.status})`);
  }
  if (!quiet) process.stdout.write(result.stdout);
  return result.stdout;
}

/** `--persist-to` arguments for a state directory other than the default `.wrangler/state`. */
export const persistArgs = (persistTo) => (persistTo ? ['--persist-to', persistTo] : []);

/** Applies every migration in `migrations/` to the local D1 database. */
export function migrateLocal(persistTo) {
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs(persistTo)], {
    quiet: true,
  });
}

/** A TCP port that was free a moment ago on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs, healthPath) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}${healthPath}`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wrangler dev did not answer ${url}${healthPath} within ${timeoutMs / 1000}s`);
}

/**
 * Creates `.dev.vars` from the example with fresh random secrets, once. Every local server needs
 * them: without CREDENTIALS_KEY no store credentials can be sealed.
 */
export function ensureDevVars() {
  const target = join(ROOT, '.dev.vars');
  if (existsSync(target)) return;

  const example = readFileSync(join(ROOT, '.dev.vars.example'), 'utf8');
  const filled = example.replace(/^([A-Z_]+)=$/gm, (_, name) => {
    return `${name}=${randomBytes(32).toString('base64')}`;
  });
  writeFileSync(target, filled);
  console.log('Created .dev.vars with random local secrets.');
}

/**
 * Starts `wrangler dev` on loopback and waits until /healthz answers. `stop()` ends the whole
 * process group: stopping only npm's or wrangler's pid leaves workerd holding the port.
 */
export async function startDev({
  port,
  persistTo,
  inherit = false,
  extraArgs = [],
  healthPath = '/healthz',
} = {}) {
  ensureDevVars();
  const chosenPort = port ?? (await freePort());
  const url = `http://127.0.0.1:${chosenPort}`;
  const args = [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(chosenPort),
    ...persistArgs(persistTo),
  ];
  const child = spawn(WRANGLER, [...args, ...extraArgs], {
    cwd: ROOT,
    detached: true,
    stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });

  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };

  try {
    await waitForHealth(url, child, 90_000, healthPath);
  } catch (error) {
    stop();
    process.stderr.write(output);
    throw error;
  }
  return { url, child, stop, output: () => output };
}
