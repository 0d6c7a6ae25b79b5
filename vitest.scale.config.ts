import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { ConfigEnv } from 'vitest/config';
import { defineConfig } from 'vitest/config';
import type { Reporter } from 'vitest/node';
import suite from './vitest.config.ts';

// `npm run test:scale`: the 1,000-submission run of the monitor, in workerd with the suite's own
// set-up (bindings, migrations), kept out of `npm test` by its file names (`*.scale.ts`). The
// counts a test puts in its `meta.scale` are written to test-results/scale.json.

const RESULTS = 'test-results/scale.json';

const writeScaleFigures: Reporter = {
  onTestCaseResult(testCase) {
    const { scale } = testCase.meta() as { scale?: unknown };
    if (scale === undefined) return;
    mkdirSync('test-results', { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(scale, null, 2)}\n`);
  },
};

/** A process's parent and CPU ticks (user + system), from /proc (Linux only). */
function stat(pid: string) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { name, parent: fields[1] ?? '0', ticks: Number(fields[11]) + Number(fields[12]) };
}

/** CPU milliseconds used so far by the workerd processes this vitest started. */
function workerdCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const process_ = stat(pid);
      if (process_.name !== 'workerd') continue;
      let ancestor = process_.parent;
      while (ancestor !== '0' && ancestor !== '1' && ancestor !== String(process.pid)) {
        ancestor = stat(ancestor).parent;
      }
      if (ancestor === String(process.pid)) ticks += process_.ticks;
    } catch {
      // The process ended while being read.
    }
  }
  // Linux counts CPU time in ticks of 1/100 s (USER_HZ).
  return ticks * 10;
}

/**
 * Inside workerd the clocks stand still while code runs, so the run asks from outside: a small
 * server on loopback answers with the CPU time of workerd so far.
 */
async function startCpuProbe(): Promise<string> {
  const server = createServer((_request, response) => response.end(String(workerdCpuMs())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const address = server.address();
  return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}/` : '';
}

export default defineConfig(async (env: ConfigEnv) => {
  const base = await suite(env);
  const cpuProbeUrl = await startCpuProbe();

  return {
    ...base,
    test: {
      ...base.test,
      include: ['test/scale/**/*.scale.ts'],
      // One long run: arming, then every alarm of a thousand monitors, one after another.
      testTimeout: 60 * 60 * 1000,
      reporters: ['default', writeScaleFigures],
      provide: { scaleSubmissions: Number(process.env.SCALE_SUBMISSIONS ?? 1000), cpuProbeUrl },
    },
  };
});
