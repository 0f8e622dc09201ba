// End-to-end tests of the playground page in Debian's Chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, openPage, ROOT, pause, step } from './harness.js';

const env = useBrowser();

const number = async (page, id) => Number((await page.textContent(`#${id}`)).replace(/[^0-9.eE+-]/g, ''));

/** Average RGB of a 5×5 patch of a canvas around the plane point (x, y) of the plot. */
function plotColour(page, x, y) {
  return page.evaluate(([x, y]) => {
    const c = document.getElementById('plot');
    const px = Math.round(((x + 1) / 2) * c.width);
    const py = Math.round(((1 - y) / 2) * c.height);
    const d = c.getContext('2d').getImageData(px - 2, py - 2, 5, 5).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k += 1) sum[k] += d[i + k];
    return sum.map((s) => s / 25);
  }, [x, y]);
}
const isBlue = ([r, , b]) => b > r + 40;
const isOrange = ([r, , b]) => r > b + 40;

/** Resolves after `n` animation frames of the page: time measured in what the page did. */
const frames = (page, n) => page.evaluate((count) => new Promise((resolve) => {
  let left = count;
  const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}), n);


test('loads with no console error and no request beyond the local server', async () => {
  const { page, context, errors, foreign } = await openPage(env.browser, env.server.url);
  // Long enough to have trained and drawn many frames, where a late error would show.
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) > 5);
  await frames(page, 30);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  for (const id of ['plot', 'loss-chart', 'learning-rate', 'learning-rate-value', 'play', 'step', 'reset',
    'dataset', 'clear', 'epoch', 'train-loss', 'test-loss', 'accuracy', 'point-count', 'class-select', 'message']) {
    assert.equal(await page.locator(`#${id}`).count(), 1, `#${id} exists`);
  }
  await context.close();
});

test('every module the page loads is preloaded from the start, and the wasm is fetched once', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  const { scripts, preloaded, wasm } = await page.evaluate(() => {
    const resources = performance.getEntriesByType('resource');
    return {
      // www/boot.js is the one classic script (it starts the wasm's compilation); the rest are modules,
      // but for the training worker's script, which starts in its own context (its import of the
      // wasm glue is listed too: the worker has its own module map).
      scripts: [...new Set(resources.filter((r) => r.name.endsWith('.js') && !/\/www\/(boot|worker)\.js$/.test(r.name))
        .map((r) => new URL(r.name).pathname.slice(1)))].sort(),
      preloaded: [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.getAttribute('href')).sort(),
      wasm: resources.filter((r) => r.name.endsWith('.wasm')).length,
    };
  });
  assert.ok(scripts.includes('www/main.js') && scripts.includes('pkg/scratchnet.js'), scripts.join(', '));
  assert.deepEqual(scripts, preloaded, 'index.html preloads exactly the modules the page imports');
  // Once, although two threads run it: the worker is handed the compiled module.
  assert.equal(wasm, 1);
  await context.close();
});

test('untouched, the default scene learns y = x: accuracy ≥ 95%, blue above, orange below', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  assert.equal(await page.inputValue('#dataset'), 'line');
  await page.waitForFunction(() => parseFloat(document.getElementById('accuracy').textContent) >= 95, null, { timeout: 30000 });
  assert.ok(isBlue(await plotColour(page, -0.5, 0.5)), 'above the line is blue');
  assert.ok(isOrange(await plotColour(page, 0.5, -0.5)), 'below the line is orange');
  assert.ok(await number(page, 'epoch') > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('click, shift-click and ctrl-click edit points; undo restores', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  const box = await page.locator('#plot').boundingBox();
  const at = (x, y) => ({ x: ((x + 1) / 2) * box.width, y: ((1 - y) / 2) * box.height });
  const counts = async () => [await number(page, 'point-count'), await number(page, 'count-class-1'), await number(page, 'count-class-0')];
  const [n, c1, c0] = await counts();
  await page.click('#plot', { position: at(0.93, 0.97) });
  assert.deepEqual(await counts(), [n + 1, c1 + 1, c0], 'click adds class 1');
  await page.click('#plot', { position: at(0.97, 0.93), modifiers: ['Shift'] });
  assert.deepEqual(await counts(), [n + 2, c1 + 1, c0 + 1], 'shift-click adds the other class');
  await page.selectOption('#class-select', '0');
  await page.click('#plot', { position: at(-0.97, -0.97) });
  assert.deepEqual(await counts(), [n + 3, c1 + 1, c0 + 2], 'the class select picks what a click adds');
  await page.click('#plot', { position: at(-0.97, -0.97), modifiers: ['Control'] });
  assert.deepEqual(await counts(), [n + 2, c1 + 1, c0 + 1], 'ctrl-click removes the nearest');
  await page.click('#plot', { position: at(0.97, 0.93), button: 'right' });
  assert.deepEqual(await counts(), [n + 1, c1 + 1, c0], 'right-click removes the nearest');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.deepEqual(await counts(), [n + 3, c1 + 1, c0 + 2], 'undo restores removed points');
  await page.click('#clear');
  assert.equal(await number(page, 'point-count'), 0);
  await page.click('#undo');
  assert.equal(await number(page, 'point-count'), n + 3);
  await context.close();
});

test('dragging a point moves it, as one undo step', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#points=10&seed=3');
  await pause(page);
  const box = await page.locator('#plot').boundingBox();
  const first = await page.evaluate(() => Array.from(window.scratchnet.pg.points().slice(0, 2)));
  const from = { x: box.x + ((first[0] + 1) / 2) * box.width, y: box.y + ((1 - first[1]) / 2) * box.height };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 10, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1, { steps: 4 });
  await page.mouse.up();
  const moved = await page.evaluate(() => Array.from(window.scratchnet.pg.points().slice(0, 2)));
  assert.ok(Math.abs(moved[0] - -0.8) < 0.02 && Math.abs(moved[1] - 0.8) < 0.02, `moved to ${moved}`);
  assert.equal(await number(page, 'point-count'), 10, 'a drag adds nothing');
  await page.keyboard.press('Control+z');
  const back = await page.evaluate(() => Array.from(window.scratchnet.pg.points().slice(0, 2)));
  assert.ok(Math.abs(back[0] - first[0]) < 1e-6 && Math.abs(back[1] - first[1]) < 1e-6, 'one undo undoes the drag');
  await context.close();
});

test('the learning-rate slider updates its readout and the very next step uses it, weights kept', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await pause(page);
  const weights = () => page.evaluate(() => Array.from(window.scratchnet.pg.weights()));
  const setSlider = (v) => page.$eval('#learning-rate', (el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, v);
  const change = async () => {
    const w0 = await weights();
    await step(page);
    const w1 = await weights();
    return Math.max(...w0.map((w, i) => Math.abs(w - w1[i])));
  };
  await setSlider(0); // 1e-4
  assert.equal(await page.textContent('#learning-rate-value'), '1e-4');
  const beforeChange = await weights();
  await setSlider(1000); // 10
  assert.equal(await page.textContent('#learning-rate-value'), '10');
  assert.deepEqual(await weights(), beforeChange, 'moving the slider keeps the weights');
  const big = await change();
  await setSlider(0);
  const small = await change();
  assert.ok(big > 100 * small, `a step at η = 10 moved weights by ${big}, at 1e-4 by ${small}`);
  assert.match(await page.evaluate(() => location.hash), /learningRate=0\.0001/);
  await context.close();
});

test('pause stops the epoch counter, step adds one epoch, reset restarts at 0 and keeps the points', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) > 2);
  await pause(page);
  await frames(page, 2);
  const paused = await number(page, 'epoch');
  await frames(page, 40);
  assert.equal(await number(page, 'epoch'), paused, 'paused: the epoch stands still');
  await step(page);
  await frames(page, 2); // the counter shows the adopted epoch in the next frame's evaluation
  assert.equal(await number(page, 'epoch'), paused + 1);
  const points = await page.evaluate(() => Array.from(window.scratchnet.pg.points()).filter((_, i) => i % 4 < 3));
  await page.click('#reset');
  assert.equal(await number(page, 'epoch'), 0);
  const after = await page.evaluate(() => Array.from(window.scratchnet.pg.points()).filter((_, i) => i % 4 < 3));
  assert.deepEqual(after, points, 'reset keeps the points');
  await context.close();
});

test('each hidden layer can have its own size; a bad size is refused by name and nothing changes', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  const sizes = () => page.evaluate(() => Array.from(window.scratchnet.pg.layerSizes()));
  const setNeurons = async (text) => {
    await page.fill('#neurons', text);
    await page.dispatchEvent('#neurons', 'change');
  };
  await setNeurons('8, 4 2');
  assert.deepEqual(await sizes(), [2, 8, 4, 2, 1]);
  assert.equal(await page.inputValue('#hidden-layers'), '3');
  assert.equal(await page.inputValue('#neurons'), '8, 4, 2');
  assert.match(await page.evaluate(() => decodeURIComponent(window.location.hash)), /hiddenLayers=8,4,2/);
  // Fewer layers keep the first sizes; more repeat the last.
  await page.fill('#hidden-layers', '2');
  await page.dispatchEvent('#hidden-layers', 'change');
  assert.deepEqual(await sizes(), [2, 8, 4, 1]);
  await page.fill('#hidden-layers', '4');
  await page.dispatchEvent('#hidden-layers', 'change');
  assert.deepEqual(await sizes(), [2, 8, 4, 4, 4, 1]);
  // One number sizes every layer.
  await setNeurons('6');
  assert.deepEqual(await sizes(), [2, 6, 6, 6, 6, 1]);
  // Not a number, or out of range: a message naming it, the network and the field as they were.
  await setNeurons('6, x');
  assert.match(await page.textContent('#message'), /"x" is not a whole number/);
  assert.deepEqual(await sizes(), [2, 6, 6, 6, 6, 1]);
  assert.equal(await page.inputValue('#neurons'), '6, 6, 6, 6');
  await setNeurons('6, 100');
  assert.match(await page.textContent('#message'), /100/);
  assert.deepEqual(await sizes(), [2, 6, 6, 6, 6, 1]);
  assert.equal(await page.inputValue('#neurons'), '6, 6, 6, 6');
  await context.close();
});

test('a link with settings in its hash reproduces them; a bad value is reported, not a blank page', async () => {
  const hash = '#dataset=xor&hiddenLayers=5,3&learningRate=0.03&seed=42&activation=tanh';
  const a = await openPage(env.browser, env.server.url, hash.replace('&activation=tanh', ''));
  assert.equal(await a.page.inputValue('#dataset'), 'xor');
  assert.equal(await a.page.inputValue('#hidden-layers'), '2');
  assert.equal(await a.page.inputValue('#neurons'), '5, 3');
  assert.equal(await a.page.textContent('#learning-rate-value'), '0.03');
  assert.equal(await a.page.inputValue('#seed'), '42');
  const pointsA = await a.page.evaluate(() => Array.from(window.scratchnet.pg.points()).slice(0, 40).filter((_, i) => i % 4 < 3));
  assert.deepEqual(a.errors, []);
  await a.context.close();

  const b = await openPage(env.browser, env.server.url, '#dataset=xor&learningRate=banana&seed=42&hiddenLayers=5,3');
  const message = await b.page.textContent('#message');
  assert.match(message, /learningRate/);
  assert.equal(await b.page.textContent('#learning-rate-value'), '0.1', 'the bad value falls back to its default');
  assert.equal(await b.page.inputValue('#dataset'), 'xor', 'the rest of the link still applies');
  const pointsB = await b.page.evaluate(() => Array.from(window.scratchnet.pg.points()).slice(0, 40).filter((_, i) => i % 4 < 3));
  assert.deepEqual(pointsB, pointsA, 'the same seed draws the same points');
  assert.ok(await b.page.locator('#plot').isVisible());
  await b.context.close();
});

test('a model standing still is not recomputed; a step redraws it', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await pause(page);
  const state = () => page.evaluate(() => {
    const b = window.scratchnet.boundary;
    return { computations: b.computations, res: b.shown.res, full: Math.round(document.getElementById('plot').getBoundingClientRect().width * devicePixelRatio) };
  });
  // On a loaded machine the live resolution may have dropped; paused, it comes back to full.
  await page.waitForFunction(() => window.scratchnet.boundary.shown.res === Math.round(document.getElementById('plot').getBoundingClientRect().width * devicePixelRatio));
  const before = await state();
  assert.equal(before.res, before.full, 'the small default network is drawn at full resolution');
  await frames(page, 30);
  assert.equal((await state()).computations, before.computations, 'about 30 frames, no boundary computed');
  const picture = () => page.evaluate(() => window.scratchnet.boundary.shown.probabilities.reduce((s, p) => s + p, 0));
  const still = await picture();
  await page.click('#step');
  await page.waitForFunction((n) => window.scratchnet.boundary.computations > n, before.computations);
  assert.notEqual(await picture(), still, 'the stepped model is drawn');
  await context.close();
});

test('paused, a big network\'s coarse boundary is refined to the plot\'s full resolution', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#hiddenLayers=64,64,64,64,64,64&points=500');
  // Let the scheduler measure a few whole boundaries while training.
  await page.waitForFunction(() => window.scratchnet.boundary.computations > 10);
  const live = await page.evaluate(() => window.scratchnet.boundary.shown.res);
  const full = await page.evaluate(() => Math.round(document.getElementById('plot').getBoundingClientRect().width * devicePixelRatio));
  assert.ok(live < full, `while training, the boundary of a 6 × 64 network is coarser (${live} < ${full})`);
  await pause(page);
  await page.waitForFunction((f) => window.scratchnet.boundary.shown.res === f, full, { timeout: 60000 });
  // The refined picture is the same model's: its probabilities agree with a direct prediction.
  const check = await page.evaluate(() => {
    const { pg, boundary } = window.scratchnet;
    const { res, probabilities } = boundary.shown;
    const [r, c] = [Math.floor(res / 3), Math.floor((2 * res) / 3)];
    const x = -1 + ((c + 0.5) * 2) / res;
    const y = 1 - ((r + 0.5) * 2) / res;
    return { cell: probabilities[r * res + c], predicted: pg.predict(x, y) };
  });
  assert.ok(Math.abs(check.cell - check.predicted) < 1e-4, JSON.stringify(check));
  await context.close();
});

test('a live setting keeps the boundary refinement going; a new network restarts it', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#hiddenLayers=64,64,64,64,64,64&points=500');
  await pause(page);
  // Paused, the coarse picture is refined a band of rows per frame: catch its last level part-way.
  const full = await page.evaluate(() => Math.round(document.getElementById('plot').getBoundingClientRect().width * devicePixelRatio));
  await page.waitForFunction((f) => {
    const r = window.scratchnet.boundary.refining;
    return r && r.res === f && r.row > 0 && r.row < f / 2;
  }, full, { timeout: 60000 });
  const state = () => page.evaluate(() => {
    const { shown, refining } = window.scratchnet.boundary;
    return { shown: shown.res, refining: refining?.res ?? 0, row: refining?.row ?? 0 };
  });
  const before = await state();
  await page.$eval('#learning-rate', (el) => {
    el.value = String(Number(el.value) - 100);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await frames(page, 2);
  const after = await state();
  assert.ok(after.shown === full || (after.refining === full && after.row >= before.row),
    `the refinement went on: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  await page.selectOption('#activation', 'relu');
  await frames(page, 2);
  const rebuilt = await state();
  assert.ok(rebuilt.shown < after.shown, `a new network is drawn afresh, coarse first: ${JSON.stringify(rebuilt)}`);
  assert.equal(await page.evaluate(() => window.scratchnet.pg.config().hiddenActivation), 'relu');
  await context.close();
});

test('divergence pauses training and explains itself', async () => {
  const { page, context } = await openPage(env.browser, env.server.url,
    '#learningRate=10&outputActivation=linear&loss=squaredError&hiddenActivation=relu&hiddenLayers=8,8&batchSize=1');
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false', null, { timeout: 10000 });
  const message = await page.textContent('#message');
  assert.match(message, /diverged/i);
  assert.match(message, /learning rate/i);
  const weights = await page.evaluate(() => Array.from(window.scratchnet.pg.weights()));
  assert.ok(weights.every(Number.isFinite), 'the weights drawn are the last finite ones');
  await context.close();
});

test('the loss chart changes as training runs; a screenshot is kept for review', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  const snapshot = () => page.$eval('#loss-chart', (c) => c.toDataURL());
  await frames(page, 5);
  const early = await snapshot();
  await page.waitForFunction((before) => document.getElementById('loss-chart').toDataURL() !== before, early);
  assert.notEqual(await snapshot(), early, 'chart pixels change');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 60);
  // Written to an ignored folder, so a test run leaves the checkout clean; `npm run screenshot`
  // refreshes the README's picture.
  const out = path.join(ROOT, 'test-results', 'playground.png');
  mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  await context.close();
});

test('touch: a tap adds a point, a long press removes the nearest', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector('body[data-ready="true"]');
  const box = await page.locator('#plot').boundingBox();
  const count = async () => Number(await page.textContent('#point-count'));
  const n = await count();
  await page.touchscreen.tap(box.x + box.width * 0.9, box.y + box.height * 0.1);
  await page.waitForFunction((want) => Number(document.getElementById('point-count').textContent) === want, n + 1);
  // A long press: pointer events as a finger sends them, held past the long-press delay.
  const at = { clientX: box.x + box.width * 0.9, clientY: box.y + box.height * 0.1, pointerType: 'touch', pointerId: 7, button: 0, isPrimary: true, bubbles: true };
  await page.dispatchEvent('#plot', 'pointerdown', at);
  // Held until the long press acts (the finger is still down), then lifted.
  await page.waitForFunction((want) => Number(document.getElementById('point-count').textContent) === want, n);
  await page.dispatchEvent('#plot', 'pointerup', at);
  assert.equal(await count(), n, 'the long press removed the point the tap added');
  await context.close();
});

test('the controls offer the ranges the Playground checks, read from it', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  const shown = await page.evaluate(async () => {
    const { ranges } = await import(new URL('pkg/scratchnet.js', location.href).href);
    const r = ranges();
    const slider = document.getElementById('learning-rate');
    const rateAt = (v) => {
      slider.value = String(v);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      return window.scratchnet.pg.config().learningRate;
    };
    return {
      r,
      layersMax: document.getElementById('hidden-layers').max,
      pointsMax: document.getElementById('points').max,
      texts: [...document.querySelectorAll('.lr-range')].map((el) => el.textContent),
      low: rateAt(0),
      high: rateAt(1000),
    };
  });
  await context.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(shown.r.learningRate, [0.0001, 10]);
  assert.equal(Number(shown.layersMax), shown.r.maxHiddenLayers);
  assert.equal(Number(shown.pointsMax), shown.r.maxPoints);
  assert.deepEqual(shown.texts, ['0.0001 to 10', '0.0001 to 10']);
  assert.equal(shown.low, 0.0001, 'the slider starts at the smallest rate');
  assert.equal(shown.high, 10, 'and ends at the largest');
});
