// The local server (scripts/serve.mjs) serves only the page, whatever a request is made of: paths
// encoded once, twice or mixed, backslashes, doubled slashes and overlong UTF-8 are refused; a
// malformed Range header gets 416; and after a batch of malformed requests a good one is served.
// No browser: raw HTTP from Node.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './harness.js';

let child;
let port;

before(async () => {
  port = 20000 + Math.floor(Math.random() * 20000);
  child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.mjs'), '--quiet'], {
    cwd: ROOT, stdio: 'ignore', env: { ...process.env, PORT: String(port) },
  });
  for (let i = 0; i < 100; i += 1) {
    if (await status('/').catch(() => 0) === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
});
after(() => child?.kill());

/** Sends `request` as raw bytes; resolves to the response's status (0 when the socket closed with none). */
function raw(request) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const done = () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0));
    // A request the server waits on for more (an unfinished body) ends here, with what came.
    socket.setTimeout(3000, () => { socket.destroy(); done(); });
    socket.on('data', (d) => { text += d.toString('latin1'); });
    socket.on('close', done);
    socket.on('error', reject);
    // Written, not ended: a half-closed socket is dropped by Node's server before it answers.
    socket.write(request, 'latin1');
  });
}

/** The status of a GET of `target` (written as is, never re-encoded), with `headers`. */
function status(target, headers = {}) {
  const lines = [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return raw(`${lines.join('\r\n')}\r\n\r\n`);
}

test('a path is decoded once: double, mixed and overlong encodings reach nothing outside the page', async () => {
  const refused = ['/www/%252e%252e/%252egit/config', '/www/%252e%252e/Cargo.toml', '/pkg/%252e%252e/tests/e2e/harness.js',
    '/www/%25%32%65%25%32%65/Cargo.toml', '/www/%2e%2e/Cargo.toml', '/www/%2E%2E/%2Egit/config', '/www/.%2e/Cargo.toml',
    '/www/..%2fCargo.toml', '/www/..%252fCargo.toml', '/www/..%5cCargo.toml', '/www/..\\Cargo.toml', '/www//../Cargo.toml',
    '//www/main.js', '/www//main.js', '/www/%c0%ae%c0%ae/Cargo.toml', '/www/%e0%80%ae%e0%80%ae/Cargo.toml',
    '/www/%00main.js', '/%2egit/config', '/.git/config', '/www/../package.json', '/node_modules/.package-lock.json',
    '/pkg/%2e%2e/%2e%2e/etc/passwd', '/www/%25'];
  for (const target of refused) {
    const code = await status(target);
    assert.ok([400, 404].includes(code), `${target}: ${code}`);
  }
  assert.equal(await status('/www/main.js'), 200);
  assert.equal(await status('/www/%6dain.js'), 200, 'a path encoded once is read as meant');
  assert.equal(await status('/index.html?x=%252e%252e'), 200, 'the query is no part of the path');
});

test('a Range the server cannot satisfy gets 416, a good one 206, and the server stays up', async () => {
  for (const range of ['bytes=100-50', 'bytes=0-100000000000000000000', 'bytes=99999999-', 'bytes=-0', 'bytes=-',
    'bytes=a-b', 'items=0-1', 'bytes=0-1,5-6', 'bytes=1e3-2e3']) {
    assert.equal(await status('/www/main.js', { Range: range }), 416, range);
  }
  assert.equal(await status('/www/main.js', { Range: 'bytes=0-9' }), 206);
  assert.equal(await status('/www/main.js', { Range: 'bytes=-10' }), 206);
  assert.equal(await status('/www/main.js'), 200);
});

test('a batch of malformed requests leaves the server serving', async () => {
  const junk = [
    'GARBAGE\r\n\r\n',
    'GET\r\n\r\n',
    `GET /www/main.js HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: -1\r\n\r\n`,
    `GET /www/main.js HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
    `GET /${'a'.repeat(100000)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    `GET /www/main.js HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nRange: ${'bytes=0-1,'.repeat(2000)}\r\n\r\n`,
    `DELETE /www/main.js HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    `GET /www/\u00ff\u00fe HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    `GET %%% HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    'GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n',
  ];
  for (const request of junk) await raw(request).catch(() => 0);
  assert.equal(await status('/www/main.js'), 200);
  assert.equal(await status('/'), 200);
});
