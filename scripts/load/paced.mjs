// Requests at a fixed rate, sent on a clock whatever the answers do ("open loop"), as shoppers
// arrive: one every 1/rate seconds, each on a free keep-alive connection. autocannon's own rate
// is a quota per connection per second: its connections ask back to back until the quota is
// used, then wait for the next second, so each second starts with a burst as wide as the
// connections and the latency measured is mostly that burst queueing.
// Latency counts from the moment a request was due, so a generator that falls behind (or a
// server that holds connections) shows in the figures instead of hiding.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const TIMEOUT_MS = 10_000;

/** The value below which `share` of the sorted values lie. */
const percentile = (sorted, share) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];

/**
 * Asks `paths` in turn at `rate` a second for `duration` seconds. Returns figures in the shape of
 * autocannon's result, for the parts the load test reads.
 */
export async function pacedRun(base, { paths, bodies, headers = {} }, { rate, duration }) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const interval = 1000 / rate;
  const total = Math.round(rate * duration);
  const latencies = [];
  const statusCodeStats = {};
  let errors = 0;
  let timeouts = 0;
  // What each failed request died of (ECONNRESET, socket hang up, ...), so a report can say.
  const errorCodes = {};

  const ask = (index, due) =>
    new Promise((resolve) => {
      const path = paths[index % paths.length];
      const body = bodies?.[index % bodies.length];
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method: body === undefined ? 'GET' : 'POST',
          headers:
            body === undefined
              ? headers
              : { ...headers, 'content-length': Buffer.byteLength(body) },
          agent,
          timeout: TIMEOUT_MS,
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - due);
            const status = response.statusCode;
            statusCodeStats[status] = { count: (statusCodeStats[status]?.count ?? 0) + 1 };
            resolve();
          });
        },
      );
      request.on('timeout', () => {
        timeouts += 1;
        request.destroy();
      });
      request.on('error', (error) => {
        errors += 1;
        const code = error.code ?? error.message;
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
        resolve();
      });
      request.end(body);
    });

  const start = performance.now();
  const asked = [];
  for (let index = 0; index < total; index += 1) {
    const due = start + index * interval;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    asked.push(ask(index, due));
  }
  await Promise.all(asked);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();

  const sorted = latencies.sort((a, b) => a - b);
  const round = (ms) => Math.round(ms * 10) / 10;
  return {
    requests: { total: latencies.length, average: latencies.length / seconds },
    latency: {
      p50: round(percentile(sorted, 0.5)),
      p99: round(percentile(sorted, 0.99)),
      max: round(sorted.at(-1) ?? 0),
    },
    errors: errors - timeouts,
    timeouts,
    errorCodes,
    statusCodeStats,
  };
}
