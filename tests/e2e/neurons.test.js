// The neuron maps: each hidden and output neuron is a button over the diagram, drawn as a
// map of its output; hovering or focusing one shows its map in the plot with a caption, and
// leaving restores the plot.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser, pause } from './harness.js';

const env = useBrowser();

/** The plot's pixels on a 24 × 24 grid, as one string to compare. */
const plotPixels = (page) => page.evaluate(() => {
  const canvas = document.getElementById('plot');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const out = [];
  for (let r = 0; r < 24; r += 1) {
    for (let c = 0; c < 24; c += 1) {
      const i = 4 * (Math.floor(((r + 0.5) / 24) * canvas.height) * canvas.width + Math.floor(((c + 0.5) / 24) * canvas.width));
      out.push(data[i], data[i + 1], data[i + 2]);
    }
  }
  return out.join(',');
});

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('hovering or focusing a neuron shows its map in the plot, and leaving restores the output', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#dataset=circle&hiddenLayers=4,2&speed=2000');
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 20);
  await page.click('#play'); // pause: the output stands still
  // Once the twin has taken the pause, the page shows where it stopped.
  const stopped = await page.evaluate(async () => (await window.scratchnet.trainer.probe()).steps);
  await page.waitForFunction((steps) => window.scratchnet.pg.steps() === steps, stopped);
  await page.waitForFunction(() => window.scratchnet.boundary.shown?.res >= Math.round(document.getElementById('plot').getBoundingClientRect().width) && !window.scratchnet.boundary.refining);
  // One button per hidden and output neuron, named for assistive tools and tests.
  await page.waitForFunction(() => document.querySelectorAll('#network-neurons .neuron').length === 7);
  const labels = await page.$$eval('#network-neurons .neuron', (bs) => bs.map((b) => b.getAttribute('aria-label')));
  assert.deepEqual(labels.slice(0, 2), ['layer 1 neuron 1', 'layer 1 neuron 2']);
  assert.equal(labels[6], 'layer 3 neuron 1 (output)');
  await frames(page);
  const output = await plotPixels(page);
  await page.hover('#network-neurons .neuron[data-layer="1"][data-neuron="2"]');
  await frames(page);
  assert.notEqual(await plotPixels(page), output, 'the plot shows the neuron');
  assert.equal(await page.textContent('#plot-caption'), 'layer 1, neuron 2');
  assert.equal(await page.isVisible('#plot-caption'), true);
  await page.mouse.move(5, 5); // off the diagram
  await frames(page);
  assert.equal(await plotPixels(page), output, 'leaving restores the output, pixel for pixel');
  assert.equal(await page.isVisible('#plot-caption'), false);
  // The keyboard: focus the first neuron, arrow down to the second of its layer, right to layer 2.
  await page.focus('#network-neurons .neuron[data-layer="1"][data-neuron="1"]');
  await page.keyboard.press('ArrowDown');
  await frames(page);
  assert.equal(await page.textContent('#plot-caption'), 'layer 1, neuron 2');
  await page.keyboard.press('ArrowRight');
  await frames(page);
  assert.equal(await page.textContent('#plot-caption'), 'layer 2, neuron 2');
  const layerTwo = await plotPixels(page);
  assert.notEqual(layerTwo, output);
  // Only one neuron is in the tab order.
  assert.equal(await page.$$eval('#network-neurons .neuron[tabindex="0"]', (bs) => bs.length), 1);
  await page.keyboard.press('Tab'); // focus leaves the diagram
  await frames(page);
  assert.equal(await plotPixels(page), output);
  await context.close();
  assert.deepEqual(errors, []);
});

test('− / + under the diagram change the layer sizes shown and trained, the fields follow, and a limit is said', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#hiddenLayers=2');
  const sizes = () => page.evaluate(() => Array.from(window.scratchnet.pg.layerSizes()));
  await page.click('#layer-controls button[data-layer="1"][data-action="more"]');
  assert.deepEqual(await sizes(), [2, 3, 1]);
  assert.equal(await page.inputValue('#neurons'), '3');
  await page.click('#layer-controls button[data-action="add-layer"]');
  assert.deepEqual(await sizes(), [2, 3, 3, 1]);
  assert.equal(await page.inputValue('#hidden-layers'), '2');
  assert.equal(await page.textContent('#layer-controls output[data-layer="2"]'), '3');
  // The diagram's neuron buttons follow the new shape.
  await page.waitForFunction(() => document.querySelectorAll('#network-neurons .neuron').length === 7);
  // Each layer its own activation: the network, the link and the twin have it.
  await page.selectOption('#layer-controls select[data-layer="2"]', 'relu');
  assert.deepEqual(await page.evaluate(() => window.scratchnet.pg.config().hiddenActivations), ['tanh', 'relu']);
  assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), /hiddenActivations=tanh,relu/);
  assert.deepEqual(await page.evaluate(async () => (await window.scratchnet.trainer.probe()).config.hiddenActivations), ['tanh', 'relu']);
  // Trained as shown: the twin has the shape, and training moves weights of that many.
  const trained = await page.evaluate(async () => {
    const { pg, trainer } = window.scratchnet;
    const before = Array.from(pg.weights());
    await trainer.run(20);
    const after = Array.from(pg.weights());
    const twin = (await trainer.probe()).config.hiddenLayers;
    return { twin, length: after.length, moved: after.some((w, i) => w !== before[i]) };
  });
  assert.deepEqual(trained, { twin: [3, 3], length: 2 * 3 + 3 + 3 * 3 + 3 + 3 + 1, moved: true });
  await page.click('#layer-controls button[data-action="remove-layer"]');
  assert.deepEqual(await sizes(), [2, 3, 1]);
  for (let k = 0; k < 2; k += 1) await page.click('#layer-controls button[data-layer="1"][data-action="fewer"]');
  assert.deepEqual(await sizes(), [2, 1, 1]);
  await page.click('#layer-controls button[data-layer="1"][data-action="fewer"]');
  assert.deepEqual(await sizes(), [2, 1, 1], 'one neuron is the fewest');
  assert.match(await page.textContent('#message'), /1 to 64/);
  assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), /hiddenLayers=1(&|$)/);
  await context.close();
  assert.deepEqual(errors, []);
});

test('a weight typed into a neuron\'s editor changes predict(), Undo restores it, and a bad value is refused', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await pause(page);
  const state = () => page.evaluate(() => ({
    weights: Array.from(window.scratchnet.pg.weights()),
    p: window.scratchnet.pg.predict(0.3, 0.4),
  }));
  const before = await state();
  // Hovering a line shows its weight.
  const centre = (sel) => page.$eval(sel, (b) => { const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });
  const [ax, ay] = await centre('#network-neurons .neuron[data-layer="1"][data-neuron="1"]');
  const [bx, by] = await centre('#network-neurons .neuron[data-layer="2"][data-neuron="1"]');
  await page.mouse.move((ax + bx) / 2, (ay + by) / 2);
  await page.waitForSelector('#weight-tip:not([hidden])');
  assert.match(await page.textContent('#weight-tip'), /^w = -?[\d.e-]+: layer 1, neuron 1 → layer 2, neuron 1/);
  // The output neuron's editor: its bias first.
  await page.click('#network-neurons .neuron[data-layer="2"][data-neuron="1"]');
  const bias = page.locator('#weight-editor input').first();
  const index = Number(await bias.getAttribute('data-index'));
  await bias.fill('5');
  await bias.press('Enter');
  const set = await state();
  assert.equal(set.weights[index], 5);
  assert.ok(set.p > before.p, `a larger output bias raises the class-1 probability: ${before.p} → ${set.p}`);
  assert.deepEqual(set.weights.filter((_, i) => i !== index), before.weights.filter((_, i) => i !== index));
  // Refused values leave the network as it is, with a message naming them.
  for (const [text, said] of [['abc', /"abc" is not a finite number/], ['1e9', /outside/], ['', /is not a finite number/]]) {
    await bias.fill(text);
    await bias.press('Enter');
    assert.match(await page.textContent('#message'), said);
    assert.deepEqual((await state()).weights, set.weights, `${text} refused`);
  }
  await bias.press('Escape');
  assert.equal(await page.isVisible('#weight-editor'), false);
  // Undo takes the weight back, bit for bit.
  await page.click('#undo');
  const undone = await state();
  assert.deepEqual(undone.weights, before.weights);
  assert.equal(undone.p, before.p);
  await context.close();
  assert.deepEqual(errors, []);
});
