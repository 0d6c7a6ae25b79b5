import { initWasm, Resvg } from '@resvg/resvg-wasm';
import RESVG_WASM from '@resvg/resvg-wasm/index_bg.wasm';
import satori, { init as initYoga } from 'satori/standalone';
import YOGA_WASM from 'satori/yoga.wasm';

// workerd refuses to compile WebAssembly from bytes at run time, so satori's default entry (which
// inlines yoga as base64) cannot be used. Both wasm files are imported as modules compiled at
// deploy time and instantiated once per isolate, on the first render that needs them. Neither
// library can be initialised twice (resvg throws), so any other user of resvg or satori must come
// through here, and a failure stays failed until the isolate is replaced.
let ready: Promise<unknown> | undefined;

/** Instantiates yoga (for satori) and resvg once per isolate; later calls share one promise. */
export function initRenderEngines(): Promise<unknown> {
  ready ??= Promise.all([initYoga(YOGA_WASM), initWasm(RESVG_WASM)]);
  return ready;
}

export { Resvg, satori };
