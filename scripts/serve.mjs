// `npm run serve` (and the tail of `npm start`): serves the playground with sirv, a maintained
// static-file server, on 127.0.0.1 only, and prints the one address that works.
// PORT chooses the port (default 8080); the end-to-end tests and the benchmark use this too.
//
// It serves only what the page needs (index.html, www/, pkg/; with --bench also the benchmark's
// page and libraries), never a dotfile (/.git/config, /%2egit/…), and answers only requests whose
// Host is 127.0.0.1 or localhost on its port, so a web page elsewhere cannot reach it through a
// DNS name rebound to this machine.

import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const raw = process.env.PORT ?? '8080';
const port = Number(raw);
if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
  console.error(`[serve] PORT=${raw} is not a port number (1-65535)`);
  process.exit(2);
}
const quiet = process.argv.includes('--quiet');
const PAGE = ['/index.html', '/www/', '/pkg/'];
const BENCH = ['/benches/web/', '/target/bound-pkg/', '/node_modules/@tensorflow/', '/node_modules/brain.js/',
  '/node_modules/convnetjs/'];
const allowed = process.argv.includes('--bench') ? [...PAGE, ...BENCH] : PAGE;

/**
 * Why a request is refused (status and reason), or null to serve it.
 * @param {string} host the Host header
 * @param {string} url the request target
 * @param {number} listening the port this server listens on
 * @param {string[]} prefixes what may be served
 */
export function refusal(host, url, listening, prefixes) {
  // Browsers leave the port out of Host when it is the scheme's default (80).
  const names = ['127.0.0.1', 'localhost'].flatMap((h) => (listening === 80 ? [h, `${h}:80`] : [`${h}:${listening}`]));
  if (!names.includes(host)) return [421, 'unknown host'];
  // `//x` would be read as a host name by URL but as a path by the file server, and `\` as a
  // separator by some: neither belongs in a request for this page.
  if (!url.startsWith('/') || url.startsWith('//') || url.includes('\\')) return [400, 'bad path'];
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return [400, 'bad path'];
  }
  const clean = path.posix.normalize(pathname === '/' ? '/index.html' : pathname);
  if (clean.split('/').some((segment) => segment.startsWith('.'))) return [404, 'not served'];
  if (!prefixes.some((p) => (p.endsWith('/') ? clean.startsWith(p) : clean === p))) return [404, 'not served'];
  return null;
}

// dev: no caching, so a rebuilt pkg/ is what the next reload gets.
const files = sirv(ROOT, { dev: true });
const server = http.createServer((req, res) => {
  const refused = refusal(req.headers.host ?? '', req.url ?? '/', port, allowed);
  if (refused) {
    res.writeHead(refused[0], { 'content-type': 'text/plain' }).end(`${refused[1]}\n`);
    return;
  }
  // sirv serves what was checked, not a differently read form of it.
  const { pathname, search } = new URL(req.url, 'http://x');
  req.url = path.posix.normalize(decodeURIComponent(pathname)) + search;
  files(req, res, () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'));
});
server.on('error', (e) => {
  const hint = e.code === 'EADDRINUSE' ? ' — run with PORT=<another port>' : '';
  console.error(`[serve] cannot listen on 127.0.0.1:${port}: ${e.message}${hint}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  if (!quiet) console.log(`\nScratchnet playground: http://127.0.0.1:${port}/   (Ctrl-C stops the server)\n`);
});
