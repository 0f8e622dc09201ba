// Starts compiling the wasm while the modules arrive (a classic script, so it runs before them):
// www/main.js hands the compiled module to init(), or, if this failed, the URL to fetch it from.
// `npm run dist` rewrites the URL to the fingerprinted file.
window.scratchnetWasmUrl = 'pkg/scratchnet_bg.wasm';
window.scratchnetWasm = WebAssembly.compileStreaming(fetch(window.scratchnetWasmUrl)).catch(() => undefined);
