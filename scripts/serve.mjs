// `npm run serve` (and the tail of `npm start`): serves the repository root with sirv, a maintained
// static-file server, on 127.0.0.1 only, and prints the one address that works. (sirv-cli's banner
// also listed a LAN address that a server bound to 127.0.0.1 does not answer on.)
// PORT chooses the port (default 8080); the end-to-end tests and the benchmark use this too.

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

// dev: no caching, so a rebuilt pkg/ is what the next reload gets.
const server = http.createServer(sirv(ROOT, { dev: true }));
server.on('error', (e) => {
  const hint = e.code === 'EADDRINUSE' ? ' — run with PORT=<another port>' : '';
  console.error(`[serve] cannot listen on 127.0.0.1:${port}: ${e.message}${hint}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  if (!quiet) console.log(`\nScratchnet playground: http://127.0.0.1:${port}/   (Ctrl-C stops the server)\n`);
});
