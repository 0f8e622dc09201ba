// `npm run dist` and `npm run dist:single`: the page as files any static host can serve, and as one
// self-contained HTML file that works from file://. Run after `npm run build` (the scripts do).
//
//   node scripts/dist.mjs           writes dist/: index.html and fingerprinted app, boot, style,
//                                   training worker and wasm
//   node scripts/dist.mjs --single  writes dist/scratchnet.html
//
// esbuild bundles the page's ES modules (one file, minified): a maintained bundler rather than
// hand-written concatenation, and a single small binary from npm with no plugins to configure.
// Every URL in dist/ is relative, so the folder works under any sub-path; file names carry a hash
// of their content, so a redeploy is never half-cached. The Content-Security-Policy is a meta tag.

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const single = process.argv.includes('--single');
const WASM = path.join(ROOT, 'pkg', 'scratchnet_bg.wasm');

const hash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 10);
const cspHash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/**
 * The page's modules (or the training worker's, `entry` 'worker.js') as one minified ES module, or
 * a classic script with `format` 'iife'.
 */
async function bundle(entry = 'main.js', format = 'esm') {
  const result = await build({
    entryPoints: [path.join(ROOT, 'www', entry)],
    bundle: true,
    format,
    minify: true,
    write: false,
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

/** index.html with the dev page's references replaced and the module preloads dropped. */
function page(replace) {
  let html = readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  html = html.replace(/\s*<!-- Fetch every module at once[\s\S]*?-->/, '');
  html = html.replace(/\n\s*<link rel="modulepreload" href="[^"]*">/g, '');
  for (const [from, to] of replace) {
    if (!html.includes(from)) throw new Error(`index.html no longer contains ${from}`);
    html = html.replace(from, () => to); // a function: the bundle may hold `$` patterns
  }
  return html;
}

const CSP_TAG = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;

function report(files) {
  let total = 0;
  for (const file of files) {
    const data = readFileSync(path.join(DIST, file));
    total += data.length;
    console.log(`  ${file.padEnd(32)} ${kb(data.length).padStart(9)}  ${kb(gzipSync(data, { level: 9 }).length).padStart(9)} gzipped`);
  }
  console.log(`  ${'total'.padEnd(32)} ${kb(total).padStart(9)}`);
}

async function folder() {
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  const wasm = readFileSync(WASM);
  const wasmName = `scratchnet.${hash(wasm)}.wasm`;
  const source = readFileSync(path.join(ROOT, 'www', 'boot.js'), 'utf8');
  if (!source.includes("'pkg/scratchnet_bg.wasm'")) throw new Error('www/boot.js no longer names pkg/scratchnet_bg.wasm');
  const worker = await bundle('worker.js');
  const workerName = `worker.${hash(worker)}.js`;
  const boot = `${source.replace("'pkg/scratchnet_bg.wasm'", `'${wasmName}'`)}window.scratchnetWorkerUrl = '${workerName}';\n`;
  const app = await bundle();
  const css = readFileSync(path.join(ROOT, 'www', 'style.css'));
  const names = {
    app: `app.${hash(app)}.js`,
    boot: `boot.${hash(boot)}.js`,
    style: `style.${hash(css)}.css`,
  };
  writeFileSync(path.join(DIST, wasmName), wasm);
  writeFileSync(path.join(DIST, workerName), worker);
  writeFileSync(path.join(DIST, names.app), app);
  writeFileSync(path.join(DIST, names.boot), boot);
  writeFileSync(path.join(DIST, names.style), css);
  writeFileSync(path.join(DIST, 'index.html'), page([
    ['href="www/style.css"', `href="${names.style}"`],
    ['src="www/boot.js"', `src="${names.boot}"`],
    ['src="www/main.js"', `src="${names.app}"`],
  ]));
  const files = readdirSync(DIST).sort();
  const size = files.reduce((s, f) => s + statSync(path.join(DIST, f)).size, 0);
  console.log(`[dist] dist/: ${files.length} files, ${kb(size)}; copy the folder to any static host, under any path`);
  report(files);
}

async function oneFile() {
  mkdirSync(DIST, { recursive: true });
  const wasm = readFileSync(WASM).toString('base64');
  // The wasm travels as base64 and is compiled from bytes: file:// pages cannot fetch.
  // The training worker travels as text and starts from a blob: URL (`worker-src blob:` below), as
  // a classic script: Chromium refuses module workers from the blob: URLs of a file:// page.
  const worker = JSON.stringify(await bundle('worker.js', 'iife')).replace(/</g, '\\u003c');
  const boot = 'window.scratchnetWasm=WebAssembly.compile(Uint8Array.from(atob('
    + `"${wasm}"),c=>c.charCodeAt(0))).catch(()=>undefined);`
    + `window.scratchnetWorkerUrl=URL.createObjectURL(new Blob([${worker}],{type:'text/javascript'}));`
    + "window.scratchnetWorkerType='classic';";
  // A module inside <script> must not contain "</script": escaping the slash keeps strings and
  // regular expressions meaning the same.
  const app = (await bundle()).replace(/<\/script/gi, '<\\/script');
  const css = readFileSync(path.join(ROOT, 'www', 'style.css'), 'utf8');
  const csp = ["default-src 'none'", `script-src ${cspHash(boot)} ${cspHash(app)} 'wasm-unsafe-eval'`,
    `style-src ${cspHash(css)}`, 'img-src data: blob:', 'worker-src blob:', "connect-src 'none'", "object-src 'none'",
    "base-uri 'none'", "form-action 'none'"].join('; ');
  let html = page([
    ['<link rel="stylesheet" href="www/style.css">', `<style>${css}</style>`],
    ['<script src="www/boot.js"></script>', `<script>${boot}</script>`],
    ['<script type="module" src="www/main.js"></script>', `<script type="module">${app}</script>`],
  ]);
  if (!CSP_TAG.test(html)) throw new Error('index.html has no Content-Security-Policy meta tag');
  html = html.replace(CSP_TAG, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  writeFileSync(path.join(DIST, 'scratchnet.html'), html);
  console.log('[dist] dist/scratchnet.html: one file that opens from disk, offline');
  report(['scratchnet.html']);
}

await (single ? oneFile() : folder());
