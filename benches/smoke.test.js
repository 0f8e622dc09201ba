// The benchmark cannot rot: `npm run bench` runs this before it measures. A quick run of the
// benchmark end to end, and the check that keeps it honest: from the same initial weights every
// implementation learns W1 to the same accuracy, so nobody is fast by skipping work.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useBrowser, ROOT } from '../tests/e2e/harness.js';
import { buildBound } from './build-bound.mjs';

const env = useBrowser({ bench: true }); // the benchmark page and its libraries

test('same initial weights give the same W1 accuracy in every implementation', async () => {
  buildBound(); // the f32 yardstick the bench page loads
  const page = await env.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}benches/web/index.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const rows = await page.evaluate(() => window.benchRound({ quick: true }));
  await page.close();
  assert.deepEqual(errors, []);
  const w1 = rows.filter((r) => r.workload === 'W1');
  assert.equal(w1.length, 11, 'six browser implementations, Scratchnet f32, three one-call-per-example drivers, the f32 bound');
  const reference = w1.find((r) => r.impl === 'JS reference').accuracy;
  assert.ok(reference > 0.9, `the reference learns: ${reference}`);
  for (const r of w1) {
    // Same arithmetic in f64 (Scratchnet, the JS reference, convnetjs) gives the same answers;
    // f32 libraries (TF.js, brain.js) and the f32 bound may flip a point or two next to the line:
    // 1 point in 100.
    const tolerance = /TensorFlow|brain|f32/.test(r.impl) ? 0.01 : 0;
    assert.ok(Math.abs(r.accuracy - reference) <= tolerance, `${r.impl}: ${r.accuracy} vs ${reference}`);
  }
  for (const r of rows) assert.ok(Number.isFinite(r.perSecond) && r.perSecond > 0, `${r.impl} ${r.workload}`);
});

test('npm run bench runs end to end (quick sizes) and reports every implementation', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'scratchnet-bench-')), 'BENCHMARKS.md');
  const run = spawnSync(process.execPath, ['benches/run.mjs', '--quick', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 300000 });
  assert.equal(run.status, 0, run.stderr);
  const text = readFileSync(out, 'utf8');
  for (const name of ['JS reference', 'Scratchnet (wasm)', 'Scratchnet f32 (wasm)', 'Scratchnet f64, trainBatch per example',
    'Scratchnet f32, trainBatch per example', 'Scratchnet f32, trainExample per example', 'Scratchnet (native)', 'bound: hand-specialised, native',
    'bound: hand-specialised f32, wasm', 'TensorFlow.js (cpu)', 'TensorFlow.js (wasm)', 'brain.js', 'convnetjs']) {
    assert.match(text, new RegExp(`\\| ${name.replace(/[()]/g, '\\$&')} \\|`), name);
  }
  assert.match(text, /### W4/);
  assert.match(text, /gzipped/);
  assert.match(text, /dist\/scratchnet.html \(`npm run dist:single`\): [\d.]+ KB/, "the shipped sizes are reported");
  // The native W1 accuracy (same data, same weights, same f64 arithmetic) matches the wasm one.
  const acc = (impl) => text.match(new RegExp(`\\| ${impl.replace(/[()]/g, '\\$&')} \\|[^\\n]*\\| ([0-9.]+) % \\|`))[1];
  assert.equal(acc('Scratchnet (native)'), acc('Scratchnet (wasm)'));
});
