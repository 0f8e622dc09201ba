// The shipped page: dist/ served under a sub-path by a plain static server, and dist/scratchnet.html
// opened from file://, each passing the core checks of the page with no console error, no
// Content-Security-Policy violation and no request leaving it. `npm test` builds both first.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { launch, openPage, ROOT } from './harness.js';

const DIST = path.join(ROOT, 'dist');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const env = {};

before(async () => {
  // Built from the current pkg/ (a second or two), so what is tested is never a stale build.
  execFileSync(process.execPath, ['scripts/dist.mjs'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/dist.mjs', '--single'], { cwd: ROOT, stdio: 'inherit' });
  // A plain static server that knows nothing of the project: dist/ under /a/b/, nothing else.
  env.server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    const name = pathname === '/a/b/' ? 'index.html' : pathname.slice('/a/b/'.length);
    if (!pathname.startsWith('/a/b/') || name.includes('/') || !existsSync(path.join(DIST, name))) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(name)] ?? 'application/octet-stream' });
    res.end(readFileSync(path.join(DIST, name)));
  });
  await new Promise((r) => env.server.listen(0, '127.0.0.1', r));
  env.url = `http://127.0.0.1:${env.server.address().port}/a/b/`;
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  env.server?.close();
});

/** The page's core behaviour, whatever serves it; `trainer` is where training must run. */
async function coreChecks(url, trainer) {
  const { page, context, errors, foreign } = await openPage(env.browser, url);
  await page.waitForSelector(`body[data-trainer="${trainer}"]`);
  // The default scene learns.
  await page.waitForFunction(() => Number(document.getElementById('accuracy').dataset.value) >= 95, null, { timeout: 30000 });
  // A click adds a point.
  const count = async () => Number(await page.textContent('#point-count'));
  const n = await count();
  const box = await page.locator('#plot').boundingBox();
  await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.3);
  await page.waitForFunction((want) => Number(document.getElementById('point-count').textContent) === want, n + 1);
  // The slider acts on the network and its readout.
  await page.$eval('#learning-rate', (el) => {
    el.value = '200';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  assert.equal(await page.textContent('#learning-rate-value'), '1e-3');
  assert.equal(await page.evaluate(() => window.scratchnet.pg.config().learningRate), 0.001);
  // A lesson opens and runs.
  await page.selectOption('#lesson', 'xor');
  await page.waitForSelector('#lesson-panel:not([hidden]) #lesson-figures dd');
  await page.click('#lesson-run');
  await page.waitForFunction(() => document.getElementById('lesson-panel').dataset.running === 'false');
  const csp = await page.evaluate(() => window.cspViolations);
  await context.close();
  assert.deepEqual(errors, [], 'no console error');
  assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
  assert.deepEqual(foreign, [], 'no request outside the page');
}

test('dist/ served under a sub-path by a plain static server works', async () => {
  await coreChecks(env.url, 'worker');
});

test('dist/scratchnet.html works opened from disk', async () => {
  await coreChecks(pathToFileURL(path.join(DIST, 'scratchnet.html')).href, process.env.SINGLE_TRAINER ?? 'worker');
});

test('dist/ holds exactly what the page needs: no dotfile, source or test file', () => {
  const files = readdirSync(DIST, { recursive: true }).map(String).sort();
  const expected = [/^app\.[0-9a-f]{10}\.js$/, /^boot\.[0-9a-f]{10}\.js$/, /^index\.html$/,
    /^scratchnet\.[0-9a-f]{10}\.wasm$/, /^scratchnet\.html$/, /^style\.[0-9a-f]{10}\.css$/, /^worker\.[0-9a-f]{10}\.js$/];
  assert.equal(files.length, expected.length, files.join(', '));
  for (const file of files) assert.ok(expected.some((re) => re.test(file)), `unexpected ${file}`);
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  assert.match(html, /http-equiv="Content-Security-Policy"/);
  assert.doesNotMatch(html, /(src|href)="\//, 'every URL is relative');
});
