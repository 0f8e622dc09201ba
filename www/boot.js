// Starts compiling the wasm while the modules arrive (a classic script, so it runs before them):
// www/main.js hands the compiled module to init(), or, if this failed, the URL to fetch it from.
// `npm run dist` rewrites the URL to the fingerprinted file.
window.scratchnetWasmUrl = 'pkg/scratchnet_bg.wasm';
window.scratchnetWasm = WebAssembly.compileStreaming(fetch(window.scratchnetWasmUrl)).catch(() => undefined);

// What went wrong, as the page itself saw it: errors, unhandled rejections, console errors and
// Content-Security-Policy violations. The cross-browser tests read it (not every engine's driver
// can read the console), and so can a learner's bug report.
window.scratchnetProblems = [];
window.addEventListener('error', (e) => window.scratchnetProblems.push(`error: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => window.scratchnetProblems.push(`rejection: ${e.reason?.message ?? e.reason}`));
document.addEventListener('securitypolicyviolation', (e) => window.scratchnetProblems.push(`csp: ${e.effectiveDirective} ${e.blockedURI}`));
{
  const error = console.error.bind(console);
  console.error = (...args) => {
    // Kept short and safe: a value String() cannot print is named by its kind.
    if (window.scratchnetProblems.length < 50) {
      const text = args.map((a) => { try { return String(a); } catch { return typeof a; } }).join(' ');
      window.scratchnetProblems.push(`console: ${text}`);
    }
    error(...args);
  };
}
