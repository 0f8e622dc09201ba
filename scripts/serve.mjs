// `npm run serve` (and the tail of `npm start`): serves the playground on 127.0.0.1 only, and prints
// the one address that works. PORT chooses the port (default 8080); the end-to-end tests and the
// benchmark use this too.
//
// It serves only what the page needs (index.html, www/, pkg/; the engine's package in package/
// and its example in examples/; with --bench also the benchmark's
// page and libraries), never a dotfile (/.git/config, /%2egit/…), and answers only requests whose
// Host is 127.0.0.1 or localhost on its port, so a web page elsewhere cannot reach it through a
// DNS name rebound to this machine. The path is decoded once, normalised, checked, and the file
// served is the one checked: nothing decodes it a second time (a static-file library did, so
// `%252e%252e` became `..` after the check). No request, however malformed, stops the server.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const raw = process.env.PORT ?? '8080';
const port = Number(raw);
if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
  console.error(`[serve] PORT=${raw} is not a port number (1-65535)`);
  process.exit(2);
}
const quiet = process.argv.includes('--quiet');
const PAGE = ['/index.html', '/www/', '/pkg/', '/examples/', '/package/'];
const BENCH = ['/benches/web/', '/target/bound-pkg/', '/node_modules/@tensorflow/', '/node_modules/brain.js/',
  '/node_modules/convnetjs/'];
const allowed = process.argv.includes('--bench') ? [...PAGE, ...BENCH] : PAGE;

/**
 * What a request may be served: `{ file }` (a path under the root, decoded once and normalised),
 * or `{ status, reason }` where it is refused.
 * @param {string} host the Host header
 * @param {string} url the request target
 * @param {number} listening the port this server listens on
 * @param {string[]} prefixes what may be served
 */
export function resolve(host, url, listening, prefixes) {
  const refuse = (status, reason) => ({ status, reason });
  // Browsers leave the port out of Host when it is the scheme's default (80).
  const names = ['127.0.0.1', 'localhost'].flatMap((h) => (listening === 80 ? [h, `${h}:80`] : [`${h}:${listening}`]));
  if (!names.includes(host)) return refuse(421, 'unknown host');
  const target = url.split('?')[0];
  // `//x` would be read as a host name by URL but as a path by a file server, and `\` as a
  // separator by some: neither belongs in a request for this page.
  if (!target.startsWith('/') || target.startsWith('//') || target.includes('\\')) return refuse(400, 'bad path');
  let pathname;
  try {
    pathname = decodeURIComponent(target);
  } catch {
    return refuse(400, 'bad path');
  }
  // After the one decoding, what still looks encoded, a backslash, a NUL or a doubled slash is no
  // name a file of the page has.
  if (/%|\\|\0|\/\//.test(pathname)) return refuse(400, 'bad path');
  const clean = path.posix.normalize(pathname === '/' ? '/index.html' : pathname);
  if (clean.split('/').some((segment) => segment.startsWith('.'))) return refuse(404, 'not served');
  if (!prefixes.some((p) => (p.endsWith('/') ? clean.startsWith(p) : clean === p))) return refuse(404, 'not served');
  return { file: clean };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json', '.ts': 'text/plain; charset=utf-8',
};

/**
 * The byte range a `Range` header asks of a file of `size` bytes: `{ start, end }` (inclusive),
 * null where there is no header, or 'bad' where it is not one range this server can satisfy.
 * @param {string | undefined} header
 * @param {number} size
 */
export function byteRange(header, size) {
  if (header === undefined) return null;
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'bad';
  let start;
  let end;
  if (m[1] === '') {
    // The last n bytes.
    const n = Number(m[2]);
    if (n === 0) return 'bad';
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : 'bad';
}

function send(res, status, text, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n`);
}

/** Serves one request; never throws. */
function serve(req, res) {
  const where = resolve(req.headers.host ?? '', req.url ?? '/', port, allowed);
  if (!where.file) {
    send(res, where.status, where.reason);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
    return;
  }
  const file = path.join(ROOT, where.file);
  fs.stat(file, (error, stat) => {
    if (error || !stat.isFile()) {
      send(res, 404, 'not found');
      return;
    }
    const range = byteRange(req.headers.range, stat.size);
    if (range === 'bad') {
      send(res, 416, 'range not satisfiable', { 'content-range': `bytes */${stat.size}` });
      return;
    }
    const { start, end } = range ?? { start: 0, end: stat.size - 1 };
    const headers = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': String(Math.max(0, end - start + 1)),
      'accept-ranges': 'bytes',
      // dev: no caching, so a rebuilt pkg/ is what the next reload gets.
      'cache-control': 'no-store',
    };
    if (range) headers['content-range'] = `bytes ${start}-${end}/${stat.size}`;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD' || stat.size === 0) {
      res.end();
      return;
    }
    const stream = fs.createReadStream(file, { start, end });
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });
}

const server = http.createServer((req, res) => {
  try {
    serve(req, res);
  } catch {
    // Whatever went wrong with this request, the next one is served.
    if (!res.headersSent) send(res, 400, 'bad request');
    else res.destroy();
  }
});
server.on('clientError', (_e, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  else socket.destroy();
});
server.on('error', (e) => {
  const hint = e.code === 'EADDRINUSE' ? ' — run with PORT=<another port>' : '';
  console.error(`[serve] cannot listen on 127.0.0.1:${port}: ${e.message}${hint}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  if (!quiet) console.log(`\nScratchnet playground: http://127.0.0.1:${port}/   (Ctrl-C stops the server)\n`);
});
