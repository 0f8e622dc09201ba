// The problem types in the page: multi-class (3 or 4 classes, each its colour and shape,
// clicks add the chosen class, Shift-clicks the others in turn) and regression (targets as colours,
// a legend of values, clicks add the target slider's value); both in the hash.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser, pause } from './harness.js';

const env = useBrowser();

/** Pixel position of plane point (x, y) on the plot, in CSS pixels from the page's corner. */
async function plotPoint(page, x, y) {
  const box = await page.locator('#plot').boundingBox();
  return { x: box.x + ((x + 1) / 2) * box.width, y: box.y + ((1 - y) / 2) * box.height };
}

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Counts shown per class, from the Data panel. */
const counts = (page, k) => page.evaluate((n) => Array.from({ length: n }, (_, c) => Number(document.getElementById(`count-class-${c}`).textContent)), k);

test('a 3-class scene trains to 90 % and clicks add the chosen class, Shift-clicks the others in turn', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url,
    '#problem=multi-class&dataset=gaussians&noise=0.2&speed=3000&learningRate=0.1');
  assert.equal(await page.inputValue('#problem'), 'multi-class');
  assert.equal(await page.inputValue('#classes'), '3');
  assert.equal(await page.isVisible('#classes'), true);
  // *Click adds* lists every class by colour and shape.
  const options = await page.$$eval('#class-select option', (os) => os.map((o) => o.textContent));
  assert.deepEqual(options, ['class 0 (orange squares)', 'class 1 (blue circles)', 'class 2 (green triangles)']);
  assert.deepEqual(Array.from(await page.evaluate(() => window.scratchnet.pg.layerSizes())), [2, 4, 3]);
  await page.waitForFunction(() => Number(document.getElementById('accuracy').dataset.value) >= 90, null, { timeout: 30000 });
  await pause(page);
  const before = await counts(page, 3);
  await page.selectOption('#class-select', '2');
  const p = await plotPoint(page, 0.05, -0.9);
  await page.mouse.click(p.x, p.y);
  assert.deepEqual(await counts(page, 3), [before[0], before[1], before[2] + 1], 'a click adds class 2');
  await page.keyboard.down('Shift');
  await page.mouse.click(p.x + 10, p.y);
  await page.mouse.click(p.x + 20, p.y);
  await page.keyboard.up('Shift');
  assert.deepEqual(await counts(page, 3), [before[0] + 1, before[1] + 1, before[2] + 1],
    'Shift-clicks add class 0, then class 1');
  // The newest training points (the buffer lists the test points after them).
  const labels = await page.evaluate(() => {
    const n = window.scratchnet.pg.trainPointCount();
    return Array.from(window.scratchnet.pg.points().slice(4 * (n - 3), 4 * n).filter((_, i) => i % 4 === 2));
  });
  assert.deepEqual(labels, [2, 0, 1]);
  // Undo takes them back, last first.
  await page.click('#undo');
  assert.deepEqual(await counts(page, 3), [before[0] + 1, before[1], before[2] + 1]);
  assert.deepEqual(errors, []);
});

test('each class has its own colour and its own shape', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url,
    '#problem=multi-class&classes=4&dataset=gaussians&points=120&speed=3000&learningRate=0.3&discretize=1');
  await page.waitForFunction(() => Number(document.getElementById('train-accuracy').textContent.replace('%', '')) >= 90, null, { timeout: 30000 });
  await pause(page);
  await frames(page);
  // For each class, a training point drawn without a mistake's cross and clear of the others.
  const spots = await page.evaluate(() => {
    const p = window.scratchnet.pg.points();
    const n = p.length / 4;
    const found = [];
    for (let c = 0; c < 4; c += 1) {
      for (let i = 0; i < n; i += 1) {
        if (p[4 * i + 2] !== c || p[4 * i + 3] !== 0) continue;
        let clear = true;
        for (let j = 0; j < n && clear; j += 1) {
          if (j !== i && Math.hypot(p[4 * j] - p[4 * i], p[4 * j + 1] - p[4 * i + 1]) < 0.08) clear = false;
        }
        if (clear) { found.push([p[4 * i], p[4 * i + 1]]); break; }
      }
    }
    return found;
  });
  assert.equal(spots.length, 4, 'a clear point of every class');
  // Each point's 21 × 21 patch: which pixels are its class's colour (its shape), and that colour.
  const looks = await page.evaluate((ps) => {
    const canvas = document.getElementById('plot');
    const ctx = canvas.getContext('2d');
    const colours = [[212, 106, 0], [8, 48, 107], [0, 130, 95], [170, 60, 130]];
    return ps.map(([x, y], c) => {
      const size = canvas.width;
      const data = ctx.getImageData(Math.round(((x + 1) / 2) * size) - 10, Math.round(((1 - y) / 2) * size) - 10, 21, 21).data;
      const mask = [];
      let matches = 0;
      for (let i = 0; i < data.length; i += 4) {
        const near = Math.abs(data[i] - colours[c][0]) + Math.abs(data[i + 1] - colours[c][1]) + Math.abs(data[i + 2] - colours[c][2]) < 40;
        mask.push(near ? 1 : 0);
        matches += near ? 1 : 0;
      }
      return { mask, matches };
    });
  }, spots);
  for (const [c, look] of looks.entries()) assert.ok(look.matches > 12, `class ${c} is drawn in its colour (${look.matches} pixels): ${look.mask.join('')}`);
  for (let a = 0; a < 4; a += 1) {
    for (let b = a + 1; b < 4; b += 1) {
      const both = looks[a].mask.filter((v, i) => v && looks[b].mask[i]).length;
      const either = looks[a].mask.filter((v, i) => v || looks[b].mask[i]).length;
      assert.ok(both / either < 0.85, `classes ${a} and ${b} differ in shape (overlap ${both}/${either})`);
    }
  }
  assert.deepEqual(errors, []);
});

test('a regression scene colours points by target, shows a legend of values, and its loss falls', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url,
    '#problem=regression&dataset=bumps&hiddenLayers=8,8&optimizer=adam&learningRate=0.01&speed=3000');
  assert.equal(await page.isVisible('#legend-values'), true);
  assert.equal(await page.isVisible('#legend-classes'), false);
  const ticks = await page.$$eval('#legend-values .value-ticks span', (s) => s.map((t) => t.textContent));
  assert.deepEqual(ticks, ['−1', '−0.5', '0', '0.5', '+1']);
  assert.equal(await page.isVisible('#target-value'), true);
  assert.equal(await page.isVisible('#class-select'), false);
  assert.deepEqual(Array.from(await page.evaluate(() => window.scratchnet.pg.layerSizes())), [2, 8, 8, 1]);
  const first = await page.evaluate(() => { window.scratchnet.pg.evaluate(); return window.scratchnet.pg.trainLoss(); });
  await page.waitForFunction((f) => Number(document.getElementById('epoch').textContent) >= 100
    && Number(document.getElementById('train-loss').textContent) < f / 3, first, { timeout: 30000 });
  assert.equal(await page.textContent('#accuracy'), '–', 'no accuracy for regression');
  await pause(page);
  // A click adds a point whose target is the slider's value.
  await page.fill('#target-value', '-0.5');
  await page.dispatchEvent('#target-value', 'input');
  assert.equal(await page.textContent('#target-value-value'), '-0.50');
  const p = await plotPoint(page, 0.9, 0.9);
  await page.mouse.click(p.x, p.y);
  const newest = () => { const n = window.scratchnet.pg.trainPointCount(); return Array.from(window.scratchnet.pg.points().slice(4 * n - 4, 4 * n)); };
  const last = await page.evaluate(newest);
  assert.ok(Math.abs(last[0] - 0.9) < 0.02 && Math.abs(last[1] - 0.9) < 0.02);
  // The target as the link carries it: on the 16-bit grid over [−1, 1], within half a step of −0.5.
  assert.ok(Math.abs(last[2] - -0.5) < 2e-5, `${last[2]}`);
  // The link carries the edited regression points, targets and all.
  await page.waitForFunction(() => /ptt=/.test(location.hash));
  const hash = await page.evaluate(() => location.hash);
  const again = await openPage(env.browser, env.server.url, hash);
  const reloaded = await again.page.evaluate(newest);
  assert.ok(Math.abs(reloaded[2] + 0.5) < 1e-4, `target ${reloaded[2]}`);
  assert.deepEqual([...errors, ...again.errors], []);
});

test('problem and classes travel in the hash; switching keeps the learning rate and says what changed', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url, '#problem=multi-class&classes=4&dataset=sectors&learningRate=0.3');
  await page.waitForFunction(() => /problem=multi-class/.test(location.hash) && /classes=4/.test(location.hash));
  assert.equal(await page.inputValue('#dataset'), 'sectors');
  const sets = await page.$$eval('#dataset option:not([disabled])', (os) => os.map((o) => o.value));
  assert.deepEqual(sets, ['gaussians', 'spiral', 'sectors', 'penguins', 'iris', 'own']);
  // Edited 4-class points survive a reload through the link.
  await pause(page);
  await page.evaluate(() => window.scratchnet.pg.addPoint(0.2, 0.1, 3));
  await page.click('#undo');
  await page.click('#regenerate');
  await page.selectOption('#class-select', '3');
  // The buttons above may have scrolled the page: the plot is brought back into view first.
  await page.locator('#plot').scrollIntoViewIfNeeded();
  const p = await plotPoint(page, 0.6, 0.6);
  await page.mouse.click(p.x, p.y);
  await page.waitForFunction(() => /pts=/.test(location.hash));
  const hash = await page.evaluate(() => location.hash);
  const again = await openPage(env.browser, env.server.url, hash);
  assert.equal(await again.page.inputValue('#classes'), '4');
  const lastLabel = await again.page.evaluate(() => window.scratchnet.pg.points()[4 * window.scratchnet.pg.trainPointCount() - 2]);
  assert.equal(lastLabel, 3);
  // Switching to regression: a new data set, output and loss, the same learning rate, in words.
  await page.selectOption('#problem', 'regression');
  const c = await page.evaluate(() => window.scratchnet.pg.config());
  assert.equal(c.problem, 'regression');
  assert.equal(c.dataset, 'plane');
  assert.equal(c.learningRate, 0.3);
  const message = await page.textContent('#message');
  assert.match(message, /Regression: data set plane, output linear \(1 neuron\), loss squared error/);
  assert.doesNotMatch(message, /\b[a-z]+[A-Z][a-zA-Z]*\b/, 'no code names such as squaredError');
  assert.match(message, /learning rate/);
  assert.equal(await page.isVisible('#classes'), false);
  const after = await page.evaluate(() => location.hash);
  assert.match(after, /problem=regression/);
  assert.doesNotMatch(after, /pts=|ptt=/, 'the 4-class points edited before are not carried into regression');
  assert.equal(await page.inputValue('#dataset'), 'plane');
  assert.deepEqual([...errors, ...again.errors], []);
});

/** How many of the canvas's pixels are within `tolerance` of the colour `rgb`. */
const pixelsOf = (page, id, rgb, tolerance = 30) => page.evaluate(([canvasId, [r, g, b], tol]) => {
  const canvas = document.getElementById(canvasId);
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < tol) n += 1;
  }
  return n;
}, [id, rgb, tolerance]);

test('Keep run draws a ghost contour and a second loss curve, says what differs, and can be removed', async () => {
  const { page, errors } = await openPage(env.browser, env.server.url, '#speed=2000');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 40);
  await pause(page);
  await frames(page);
  const ghost = [123, 94, 167]; // the first kept run's colour, #7b5ea7
  assert.equal(await pixelsOf(page, 'plot', ghost), 0, 'no ghost before a run is kept');
  const hash = await page.evaluate(() => location.hash);
  await page.click('#keep-run');
  assert.match(await page.textContent('#kept-runs'), /Run 1 \(kept at epoch \d+\): same settings/);
  // New weights and a tenfold learning rate: the live run moves on, the kept one stays.
  await page.fill('#learning-rate', '800'); // 10^(−4 + 5 · 0.8) = 1
  await page.dispatchEvent('#learning-rate', 'input');
  await page.click('#reset');
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 20);
  await pause(page);
  await frames(page);
  assert.ok(await pixelsOf(page, 'plot', ghost) > 30, 'the kept boundary is drawn in its colour');
  assert.ok(await pixelsOf(page, 'loss-chart', ghost) > 10, 'the kept loss curve is drawn in its colour');
  assert.equal(await page.evaluate(() => window.scratchnet.chart.ghosts.length), 1);
  assert.equal((await page.textContent('#kept-runs .kept-run-text')).replace(/epoch \d+/, 'epoch N'), 'Run 1 (kept at epoch N): η 0.1 → 1');
  assert.equal(await page.evaluate(() => location.hash.includes('kept')), false);
  assert.equal(hash.replace(/learningRate=[^&]*/, ''), (await page.evaluate(() => location.hash)).replace(/learningRate=[^&]*/, ''),
    'keeping a run changes nothing a link carries');
  // Up to three; then the button waits for one to be removed.
  await page.click('#keep-run');
  await page.click('#keep-run');
  assert.equal(await page.locator('#kept-runs li').count(), 3);
  assert.equal(await page.isDisabled('#keep-run'), true);
  await page.click('button[aria-label="Remove run 1"]');
  await frames(page);
  assert.equal(await page.locator('#kept-runs li').count(), 2);
  assert.equal(await page.isDisabled('#keep-run'), false);
  assert.equal(await pixelsOf(page, 'plot', ghost), 0, 'run 1\'s contour is gone');
  assert.deepEqual(errors, []);
});

test('Find learning rate shows progress, cancels without touching the network, and Use it sets the slider', async () => {
  // A search long enough to watch: 2 000 points through a 32 × 32 network.
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#points=2000&hiddenLayers=32,32');
  await page.waitForFunction(() => window.scratchnet.trainer !== null);
  await page.click('#lr-finder');
  await page.waitForFunction(() => {
    const p = document.getElementById('lr-progress');
    return !p.hidden && p.value > 0 && p.value < 1;
  });
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false', 'training pauses for the search');
  const before = await page.evaluate(() => Array.from(window.scratchnet.pg.weights()));
  assert.equal(await page.isVisible('#lr-cancel'), true);
  await page.click('#lr-cancel');
  assert.equal(await page.isVisible('#lr-progress'), false);
  assert.match(await page.textContent('#lr-result'), /cancelled: the network is as it was/);
  assert.deepEqual(await page.evaluate(() => Array.from(window.scratchnet.pg.weights())), before);
  assert.equal(await page.evaluate(() => window.scratchnet.finder.running), false);
  await context.close();
  // The default scene: the search ends, plots every rate and suggests one; Use it sets it.
  const second = await openPage(env.browser, env.server.url, '#learningRate=0.001');
  const p2 = second.page;
  await p2.waitForFunction(() => window.scratchnet.trainer !== null);
  await p2.click('#lr-finder');
  await p2.waitForFunction(() => window.scratchnet.finder.found !== null && !window.scratchnet.finder.running, null, { timeout: 60000 });
  const found = await p2.evaluate(() => window.scratchnet.finder.found);
  assert.equal(found.rates.length, 16);
  assert.equal(await p2.getAttribute('#lr-chart', 'data-points'), '16');
  assert.ok(await pixelsOf(p2, 'lr-chart', [8, 48, 107]) > 20, 'the loss against the rate is drawn');
  const rate = found.rates[found.suggested];
  assert.match(await p2.textContent('#lr-result'), /^Suggested η /);
  await p2.click('#lr-use');
  const config = await p2.evaluate(() => window.scratchnet.pg.config());
  assert.equal(config.learningRate, rate);
  const shown = await p2.textContent('#learning-rate-value');
  assert.equal(Number(shown), rate, `the readout shows ${shown}`);
  const slider = Number(await p2.inputValue('#learning-rate'));
  assert.equal(slider, Math.round(((Math.log10(rate) + 4) / 5) * 1000));
  assert.match(await p2.evaluate(() => location.hash), new RegExp(`learningRate=${rate}`));
  // Training on: a suggestion for the weights the search started from is withdrawn.
  // A worker slow to answer (as on a loaded machine): the search waits for it before it starts.
  // The test holds the answer back until it has looked, however slow this machine is.
  await p2.evaluate(() => {
    const trainer = window.scratchnet.trainer;
    const probe = trainer.probe.bind(trainer);
    trainer.probe = () => new Promise((resolve) => { window.releaseProbe = resolve; }).then(probe);
  });
  await p2.click('#lr-finder');
  // The old suggestion goes with the click, so the wait below is for this search's own answer.
  assert.equal(await p2.isVisible('#lr-use'), false, 'a new search withdraws the last suggestion at once');
  assert.equal(await p2.isVisible('#lr-chart'), false, 'and its chart');
  assert.doesNotMatch(await p2.textContent('#lr-result'), /^Suggested/);
  await p2.waitForFunction(() => typeof window.releaseProbe === 'function');
  await p2.evaluate(() => window.releaseProbe());
  await p2.waitForFunction(() => window.scratchnet.finder.found !== null && !window.scratchnet.finder.running
    && !document.getElementById('lr-use').hidden, null, { timeout: 60000 });
  await p2.click('#play');
  assert.equal(await p2.isVisible('#lr-use'), false);
  assert.match(await p2.textContent('#lr-result'), /search again/);
  assert.deepEqual([...errors, ...second.errors], []);
});
