// The Worker's V8 inspector, which `wrangler dev --inspector-port` opens: a CPU profile of its
// isolate while a load runs, summed by where the time went (each package of node_modules, each
// folder of src/, the runtime's own work), and the devtools relay switched off or on.
// Inside workerd the clocks stand still during synchronous work, so timing code from inside the
// Worker says nothing; the sampling profiler does.

// The inspector proxy admits only local origins (and sends nothing without one).
const ORIGIN = 'http://127.0.0.1';

// A few tries: the inspector proxy sometimes refuses a connection made just after another.
async function open(url, tries = 3) {
  for (let attempt = 1; ; attempt += 1) {
    const socket = new WebSocket(url, { headers: { Origin: ORIGIN } });
    const opened = await new Promise((resolve) => {
      socket.addEventListener('open', () => resolve(true), { once: true });
      socket.addEventListener('error', () => resolve(false), { once: true });
    });
    if (opened) return socket;
    if (attempt === tries) throw new Error(`the inspector at ${url} refused ${tries} connections`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function connect(inspectorPort) {
  if (typeof WebSocket === 'undefined') {
    throw new Error('profiling needs WebSocket: run node with --experimental-websocket (Node 20)');
  }
  const [target] = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const socket = await open(target.webSocketDebuggerUrl);

  let lastId = 0;
  const pending = new Map();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    const waiting = pending.get(message.id);
    if (!waiting) return;
    // workerd answers Profiler.enable by echoing the request, without a result.
    pending.delete(message.id);
    if (message.error) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result ?? {});
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      lastId += 1;
      pending.set(lastId, { resolve, reject });
      socket.send(JSON.stringify({ id: lastId, method, params }));
    });
  return { send, close: () => socket.close() };
}

/**
 * Where each line of the bundle comes from: esbuild starts every module of a bundle it does not
 * minify with a `// path/of/module.ts` comment.
 */
function moduleLines(source) {
  const starts = [];
  source.split('\n').forEach((line, index) => {
    // Paths are relative to the bundle's folder; node_modules may be reached through a link.
    const marker = line.match(/^\/\/ (?:\.\.\/)*(\S+\.(?:[cm]?js|jsx?|tsx?|json))$/);
    if (!marker) return;
    const path = marker[1];
    const inPackage = path.lastIndexOf('node_modules/');
    starts.push([index, inPackage >= 0 ? path.slice(inPackage) : path]);
  });
  return (line) => {
    let low = 0;
    let high = starts.length - 1;
    let found = 'bundle glue';
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle][0] <= line) {
        found = starts[middle][1];
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  };
}

/** The bucket a module's time is counted in: its package, or its folder of src/. */
function bucketOf(module) {
  const pkg = module.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const ours = module.match(/(?:^|\/)src\/([^/]+)/);
  return ours ? `src/${ours[1]}` : 'wrangler dev glue';
}

function runtimeBucket(frame) {
  if (frame.url.startsWith('wasm://')) return 'WebAssembly (resvg, photon)';
  if (frame.url.startsWith('cloudflare-internal:d1')) return 'workerd: D1 binding';
  if (frame.url.startsWith('cloudflare-internal:') || frame.url.startsWith('node-internal:')) {
    return 'workerd: other built-ins';
  }
  if (frame.functionName === '(garbage collector)') return 'V8: garbage collection';
  if (frame.functionName === '(program)') return 'V8: compiling and other';
  return 'workerd: native (fetch, streams, crypto, ...)';
}

/** Self time by bucket and by function, out of the busy (not idle) time of the profile. */
async function summarise(send, profile) {
  const lookups = new Map();
  for (const node of profile.nodes) {
    const { scriptId, url } = node.callFrame;
    if (url && !url.includes(':') && !lookups.has(scriptId)) {
      const { scriptSource } = await send('Debugger.getScriptSource', { scriptId });
      lookups.set(scriptId, moduleLines(scriptSource));
    }
  }

  const selfTime = new Map();
  profile.samples.forEach((nodeId, index) => {
    selfTime.set(nodeId, (selfTime.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });

  const buckets = new Map();
  const functions = new Map();
  let busyUs = 0;
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  for (const node of profile.nodes) {
    const us = selfTime.get(node.id) ?? 0;
    const frame = node.callFrame;
    if (us === 0 || frame.functionName === '(idle)') continue;

    const lookup = lookups.get(frame.scriptId);
    const module = lookup ? lookup(frame.lineNumber) : null;
    const bucket = module ? bucketOf(module) : runtimeBucket(frame);
    busyUs += us;
    add(buckets, bucket, us);
    add(
      functions,
      `${frame.functionName || '(anonymous)'}  ${module ?? (frame.url || 'native')}`,
      us,
    );
  }

  const top = (map, count) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / busyUs }));
  return { busyMs: busyUs / 1000, buckets: top(buckets, 12), functions: top(functions, 12) };
}

/**
 * Switches off (or back on) the Runtime and Network domains that wrangler dev keeps enabled to
 * show console lines and requests in devtools. With them on, every console line and every D1 or
 * R2 call of the Worker is also serialised, sent to wrangler's proxy and relayed to its node
 * process: work of the development server that a deployed Worker does not do.
 */
export async function setDevtoolsRelay(inspectorPort, on) {
  const { send, close } = await connect(inspectorPort);
  try {
    for (const domain of ['Runtime', 'Network'])
      await send(`${domain}.${on ? 'enable' : 'disable'}`);
  } finally {
    close();
  }
}

/**
 * Profiles the Worker while `work()` runs and returns where its CPU time went, with `work()`'s
 * own result. Sampling every 100 µs slows the Worker down: figures from a profiled run are for
 * proportions only.
 */
export async function profileWhile(inspectorPort, work) {
  const { send, close } = await connect(inspectorPort);
  try {
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 100 });
    await send('Profiler.start');
    const result = await work();
    const { profile } = await send('Profiler.stop');
    // Enabled only now, so the debugger costs the profiled run nothing; it lists every script.
    await send('Debugger.enable');
    return { result, summary: await summarise(send, profile) };
  } finally {
    close();
  }
}
