// Module types for the binary files the renderer imports. Wrangler bundles `*.wasm` as a compiled
// WebAssembly.Module (its default CompiledWasm rule) and `*.woff` as an ArrayBuffer through the
// `Data` rule in wrangler.toml; both also apply inside vitest-pool-workers, which reads that file.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}

declare module '*.woff' {
  const data: ArrayBuffer;
  export default data;
}
