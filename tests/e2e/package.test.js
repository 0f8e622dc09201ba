// The engine for course authors (issue 32 §5): `npm run package` (a stage of npm test, before this
// file) wrote package; its package.json, its types with every export documented, its README's
// example run as written, and examples/minimal.html learning from clicked points.

import { test, before } from 'node:test';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, ROOT } from './harness.js';

const env = useBrowser();
const DIR = path.join(ROOT, 'package');
// `npm test` writes the package in the stage before this one; run alone, this file writes it.
before(() => {
  if (!fs.existsSync(path.join(DIR, 'package.json'))) execFileSync('bash', [path.join(ROOT, 'scripts', 'package.sh')], { stdio: 'ignore' });
});

test('the package: package.json, the files it names, and a documented type for every export', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(DIR, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'scratchnet');
  assert.equal(pkg.types, 'scratchnet.d.ts');
  for (const file of pkg.files) assert.ok(fs.existsSync(path.join(DIR, file)), `${file} is in the package`);
  const lines = fs.readFileSync(path.join(DIR, 'scratchnet.d.ts'), 'utf8').split('\n');
  const undocumented = [];
  let cls = null;
  let exports = 0;
  lines.forEach((line, i) => {
    const top = /^export (class|function) (\w+)/.exec(line);
    const documented = lines[i - 1]?.trim().endsWith('*/');
    if (top) {
      cls = top[1] === 'class' ? top[2] : null;
      exports += 1;
      if (!documented && top[2] !== 'initSync') undocumented.push(top[2]);
    } else if (line.startsWith('}')) {
      cls = null;
    } else if (cls) {
      const method = /^ {4}(?:static )?(constructor|\w+)\(/.exec(line);
      if (method && method[1] !== 'free' && !documented) undocumented.push(`${cls}.${method[1]}`);
    }
  });
  assert.ok(exports >= 12, `${exports} exports`);
  assert.deepEqual(undocumented, []);
});

test('the README\'s example trains y = x and predicts, as written', async () => {
  const readme = fs.readFileSync(path.join(DIR, 'README.md'), 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(readme)[1];
  assert.ok(code.trim().split('\n').length <= 16, 'about fifteen lines');
  // Run as a module beside the package (the example page's origin, which has no policy against it),
  // its console.log captured.
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}examples/minimal.html`);
  const printed = await page.evaluate(async ({ source, base }) => {
    const logged = [];
    const log = console.log;
    console.log = (...args) => logged.push(args.join(' '));
    const url = URL.createObjectURL(new Blob([source.replace("'./scratchnet.js'", `'${base}scratchnet.js'`)], { type: 'text/javascript' }));
    try {
      await import(url);
    } finally {
      console.log = log;
    }
    return logged;
  }, { source: code, base: `${env.server.url}package/` }).catch((e) => [`error: ${e.message}`]);
  const [above, below] = printed[0].split(' ').map(Number);
  assert.ok(above > 0.9 && below < 0.1, printed.join('\n'));
  await context.close();
  assert.deepEqual(errors, []);
});

test('examples/minimal.html learns from clicked points with the package alone', async () => {
  const source = fs.readFileSync(path.join(ROOT, 'examples', 'minimal.html'), 'utf8');
  assert.ok(source.split('\n').length <= 65, 'a short page');
  assert.doesNotMatch(source, /www\/|pkg\//, 'nothing of the playground\'s own');
  const context = await env.browser.newContext({ viewport: { width: 800, height: 700 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${env.server.url}examples/minimal.html`);
  const canvas = page.locator('#plot');
  await canvas.waitFor();
  // The page listens for clicks once the engine is loaded, and says so.
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Add points of both classes.');
  // Class 1 on the left half, class 0 (Shift) on the right.
  for (const [x, y] of [[60, 80], [90, 200], [50, 330], [130, 140], [110, 300]]) await canvas.click({ position: { x, y } });
  for (const [x, y] of [[340, 80], [310, 200], [350, 330], [270, 140], [290, 300]]) await canvas.click({ position: { x, y }, modifiers: ['Shift'] });
  await page.waitForFunction(() => /10 points, loss 0\.0\d\d/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  // The boundary: blue-tinted on the left, orange-tinted on the right.
  const [left, right] = await page.evaluate(() => {
    const ctx = document.getElementById('plot').getContext('2d');
    return [ctx.getImageData(30, 200, 1, 1).data, ctx.getImageData(370, 200, 1, 1).data];
  });
  assert.ok(left[2] > left[0], `left is blue: ${left}`);
  assert.ok(right[0] > right[2], `right is orange: ${right}`);
  await context.close();
  assert.deepEqual(errors, []);
});
