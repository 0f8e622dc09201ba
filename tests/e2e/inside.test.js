// Watching a run from inside (issue 31): the timeline (scrub, Live, replay), the gradients on the
// diagram and their chart, the hidden space, the loss landscape, and the vanishing-gradients lesson.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser, pause } from './harness.js';

const env = useBrowser();

/** A canvas's pixels on a 24 × 24 grid, as one string to compare. */
const pixels = (page, id) => page.evaluate((which) => {
  const canvas = document.getElementById(which);
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const out = [];
  for (let r = 0; r < 24; r += 1) {
    for (let c = 0; c < 24; c += 1) {
      const i = 4 * (Math.floor(((r + 0.5) / 24) * canvas.height) * canvas.width + Math.floor(((c + 0.5) / 24) * canvas.width));
      out.push(data[i], data[i + 1], data[i + 2], data[i + 3]);
    }
  }
  return out.join(',');
}, id);

const frames = (page, n = 2) => page.evaluate((count) => new Promise((resolve) => {
  let left = count;
  const next = () => (--left <= 0 ? resolve() : requestAnimationFrame(next));
  requestAnimationFrame(next);
}), n);

/** Waits until the plot's boundary is computed at the plot's full resolution and stands still. */
const sharp = (page) => page.waitForFunction(() => {
  const b = window.scratchnet.boundary;
  return b.shown?.res >= Math.round(document.getElementById('plot').getBoundingClientRect().width) && !b.refining;
}).then(() => frames(page));

test('scrubbing to epoch 0 redraws the plot as it was, Live restores it, and the weights trained never change', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#dataset=circle&hiddenLayers=4,2&speed=2000');
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 30);
  await pause(page);
  await sharp(page);
  const live = await pixels(page, 'plot');
  const trained = await page.evaluate(() => Array.from(window.scratchnet.pg.weights()).join());
  const epoch = await page.textContent('#epoch');
  const snapshots = await page.evaluate(() => window.scratchnet.pg.timeline().epochs);
  assert.deepEqual(snapshots.slice(0, 5), [0, 1, 2, 3, 4], 'every epoch at first');
  // The slider from the keyboard: Home is its left end, epoch 0.
  await page.focus('#timeline');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.getElementById('epoch').textContent === '0');
  assert.equal(await page.textContent('#timeline-epoch'), 'epoch 0');
  assert.equal(await page.getAttribute('#timeline-live', 'aria-pressed'), 'false');
  assert.equal(await page.evaluate(() => window.scratchnet.chart.cursor), 0, 'the loss chart marks the epoch shown');
  await sharp(page);
  const atZero = await pixels(page, 'plot');
  assert.notEqual(atZero, live, 'epoch 0 looks otherwise');
  // The right end is Live: the plot, the readout and the weights are the trained ones again.
  await page.keyboard.press('End');
  await page.waitForFunction((e) => document.getElementById('epoch').textContent === e, epoch);
  assert.equal(await page.textContent('#timeline-epoch'), 'live');
  await sharp(page);
  assert.equal(await pixels(page, 'plot'), live, 'Live restores the plot, pixel for pixel');
  assert.equal(await page.evaluate(() => Array.from(window.scratchnet.pg.weights()).join()), trained);
  // Reset puts the seed's weights back: the very plot the timeline showed at epoch 0.
  await page.click('#reset');
  await sharp(page);
  assert.equal(await pixels(page, 'plot'), atZero, 'the snapshot of epoch 0 is the untrained network');
  assert.deepEqual(await page.evaluate(() => window.scratchnet.pg.timeline().epochs), [0], 'Reset starts a new timeline');
  await context.close();
  assert.deepEqual(errors, []);
});

test('looking back while the worker trains leaves training alone; an edit and Replay come back to live', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#dataset=circle&hiddenLayers=4&speed=1000');
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 20);
  await page.focus('#timeline');
  await page.keyboard.press('Home');
  const steps = await page.evaluate(async () => (await window.scratchnet.trainer.probe()).steps);
  // The twin trains on: its steps pass the ones it had while the page shows epoch 0.
  await page.waitForFunction(async (s) => (await window.scratchnet.trainer.probe()).steps > s + 200, steps);
  assert.equal(await page.textContent('#epoch'), '0');
  // An edit acts on the live weights: the page returns to them first.
  await page.click('#plot', { position: { x: 40, y: 40 } });
  await page.waitForFunction(() => !window.scratchnet.rewind.looking && document.getElementById('epoch').textContent !== '0');
  assert.equal(await page.textContent('#timeline-epoch'), 'live');
  // Replay plays the timeline from epoch 0 and ends at Live.
  await pause(page);
  await page.selectOption('#replay-speed', 'fast');
  // The epochs shown, from the click on (the page's own handler runs first and shows epoch 0).
  await page.evaluate(() => {
    window.replayed = new Promise((resolve) => {
      document.getElementById('replay').addEventListener('click', () => {
        const epochs = new Set();
        const watch = () => {
          epochs.add(document.getElementById('epoch').textContent);
          if (window.scratchnet.rewind.replaying) requestAnimationFrame(watch);
          else resolve([...epochs]);
        };
        watch();
      }, { once: true });
    });
  });
  await page.click('#replay');
  assert.equal(await page.getAttribute('#replay', 'aria-pressed'), 'true');
  const seen = await page.evaluate(() => window.replayed);
  // From epoch 0, in order.
  const shown = seen.map(Number);
  assert.ok(shown[0] === 0 && shown.length >= 10, `the replay showed epochs ${seen.slice(0, 12).join(', ')}…`);
  assert.ok(shown.slice(0, -1).every((e, i) => e < shown[i + 1]), `in order: ${seen.join(', ')}`);
  assert.equal(await page.getAttribute('#replay', 'aria-pressed'), 'false');
  assert.equal(await page.textContent('#timeline-epoch'), 'live');
  // A change that rebuilds the network starts a new timeline.
  await page.fill('#neurons', '5');
  await page.press('#neurons', 'Enter');
  await page.waitForFunction(() => window.scratchnet.pg.timeline().epochs.length === 1);
  await context.close();
  assert.deepEqual(errors, []);
});

test('weights set while the worker trains leave no gap in the page\'s timeline', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#dataset=circle&hiddenLayers=4&speed=1000');
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 5);
  for (let k = 0; k < 6; k += 1) {
    // An edit the twin receives in order: states it published before taking it are dropped, their
    // snapshots are not.
    await page.evaluate((v) => window.scratchnet.pg.setWeight(0, v), 0.1 * k);
    await page.waitForTimeout(120);
  }
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 60);
  await pause(page);
  const epochs = await page.evaluate(() => window.scratchnet.pg.timeline().epochs);
  const last = epochs[epochs.length - 1];
  assert.deepEqual(epochs, Array.from({ length: last + 1 }, (_, e) => e), 'every epoch from 0, none missing');
  await context.close();
  assert.deepEqual(errors, []);
});

test('gradients: the diagram changes, the norm chart draws a line a layer, and deep sigmoid layers sit far below', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url,
    '#dataset=circle&hiddenLayers=6,6,6,6,6,6&hiddenActivation=sigmoid&speed=300');
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 3);
  await pause(page);
  await page.evaluate(() => { window.scratchnet.lastNetworkDraw = -Infinity; });
  await frames(page, 3);
  const weightsDrawn = await pixels(page, 'network');
  await page.check('#show-gradients');
  assert.ok(await page.isVisible('#gradient-chart'));
  await page.waitForFunction(() => window.scratchnet.gradients.latest?.length === 7);
  await frames(page, 3);
  assert.notEqual(await pixels(page, 'network'), weightsDrawn, 'the diagram draws the gradients');
  assert.match(await page.textContent('#gradient-scale-text'), /\|∂L\/∂w\|, from \d × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+ or less \(faint, thin\) to [\d.]+( × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+)? \(dark, thick\)/);
  // The norms the page charts are the Playground's, one per layer of weights, read with the key
  // in one go (each frame folds in one more batch).
  const { norms, keys } = await page.evaluate(() => ({
    norms: window.scratchnet.gradients.latest,
    keys: [...document.querySelectorAll('#gradient-keys [data-layer]')].map((e) => Number(e.dataset.value)),
  }));
  assert.ok(norms[0] < norms[6] / 100, `first layer ${norms[0]} against the last ${norms[6]}`);
  assert.equal(keys.length, 7);
  assert.equal(keys[0], norms[0], 'the key shows the first layer\'s norm');
  assert.match(await page.textContent('#gradient-keys [data-layer="0"]'), /^\d(\.\d)? × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
  // Off again: the diagram draws the weights.
  await page.uncheck('#show-gradients');
  await frames(page, 3);
  assert.equal(await pixels(page, 'network'), weightsDrawn);
  assert.ok(await page.isHidden('#gradient-chart'));
  await context.close();
  assert.deepEqual(errors, []);
});

test('the hidden space draws the points and the bent grid; the landscape\'s centre is the loss readout', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url,
    '#dataset=spiral&hiddenLayers=8,8&features=x,y,sinx,siny&optimizer=adam&learningRate=0.03&speed=1000');
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 40);
  await page.click('#hidden-space summary');
  await page.waitForFunction(() => /hidden layer 1/.test(document.getElementById('hidden-caption').textContent));
  assert.match(await page.textContent('#hidden-caption'), /^200 points/);
  // Both classes' colours are on the canvas: the points are drawn.
  const colours = () => page.evaluate(() => {
    const c = document.getElementById('hidden-canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let [orange, blue] = [0, 0];
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - 212) < 12 && Math.abs(d[i + 1] - 106) < 12 && d[i + 2] < 20) orange += 1;
      if (d[i] < 20 && Math.abs(d[i + 1] - 48) < 12 && Math.abs(d[i + 2] - 107) < 12) blue += 1;
    }
    return [orange, blue];
  });
  const [orange, blue] = await colours();
  assert.ok(orange > 100 && blue > 100, `orange ${orange}, blue ${blue} pixels`);
  await page.selectOption('#hidden-axes', '1,2');
  await page.waitForFunction(() => /neuron 1's activation across/.test(document.getElementById('hidden-caption').textContent));
  await page.selectOption('#hidden-layer', '2');
  await page.waitForFunction(() => /hidden layer 2/.test(document.getElementById('hidden-caption').textContent));

  await pause(page);
  // A message the run told (overfitting, on this spiral) may lie over the panel: read and dismissed.
  if (await page.isVisible('#dismiss-overfit')) await page.click('#dismiss-overfit');
  await page.click('#landscape summary');
  await page.waitForFunction(() => /^Done/.test(document.getElementById('landscape-status').textContent), null, { timeout: 30000 });
  assert.equal(await page.textContent('#landscape-centre'), await page.textContent('#train-loss'));
  const map = await pixels(page, 'landscape-canvas');
  assert.ok(new Set(map.split(',')).size > 50, 'a map of many colours');
  // The random plane: another picture, the same centre.
  await page.selectOption('#landscape-directions', 'random');
  await page.waitForFunction(() => /^Done/.test(document.getElementById('landscape-status').textContent), null, { timeout: 30000 });
  assert.equal(await page.textContent('#landscape-centre'), await page.textContent('#train-loss'));
  assert.notEqual(await pixels(page, 'landscape-canvas'), map);
  // Training again, then a pause: the map is computed anew through the weights training stopped at.
  const before = await page.textContent('#landscape-centre');
  await page.click('#play');
  await page.waitForFunction((e) => window.scratchnet.pg.epoch() > e + 20, Number(await page.textContent('#epoch')));
  await page.click('#play');
  await page.waitForFunction(() => /^Done/.test(document.getElementById('landscape-status').textContent)
    && document.getElementById('landscape-centre').textContent === document.getElementById('train-loss').textContent, null, { timeout: 30000 });
  assert.notEqual(await page.textContent('#landscape-centre'), before);
  await context.close();
  assert.deepEqual(errors, []);
});

test('the landscape says why it cannot draw a run that has not moved yet', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#speed=300');
  await page.click('#play');
  await page.click('#reset');
  await page.click('#landscape summary');
  await page.waitForFunction(() => /train a few epochs/.test(document.getElementById('landscape-status').textContent));
  await context.close();
});

test('vanishing gradients: six sigmoid layers stall with the last layer\'s gradient thousands of times the first\'s; ReLU learns', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#lesson=vanishing-gradients');
  const figure = async (name) => Number(await page.getAttribute(`#lesson-figures [data-name="${name}"]`, 'data-value'));
  const run = async () => {
    await page.selectOption('#lesson-pace', 'instant');
    await page.click('#lesson-run');
    await page.waitForSelector('#lesson-panel[data-running="false"]', { timeout: 60000 });
  };
  assert.ok(await figure('gradient-ratio') > 1000);
  await run();
  const ratio = await figure('gradient-ratio');
  assert.ok(ratio > 100 && await figure('accuracy') <= 60, `sigmoid: ${ratio}, ${await figure('accuracy')} %`);
  const note = await page.textContent('#lesson-note');
  assert.match(note, /vanishing gradient/);
  // The note quotes the figures beside it.
  assert.ok(note.includes(String(Number(ratio.toPrecision(3)))), note);
  assert.ok(note.includes(`${(await figure('accuracy')).toFixed(1)} %`), note);
  await page.selectOption('#lesson-hidden-activation', 'relu');
  assert.ok(await figure('gradient-ratio') < 20);
  await run();
  assert.ok(await figure('accuracy') >= 95, `ReLU: ${await figure('accuracy')} %`);
  assert.doesNotMatch(await page.textContent('#lesson-note'), /vanishing/);
  assert.match(await page.textContent('#lesson-note'), /ReLU's slope is 1/);
  assert.ok(new Set((await pixels(page, 'lesson-norms-chart')).split(',')).size > 5, 'the norm chart is drawn');
  await context.close();
  assert.deepEqual(errors, []);
});

test('keyboard only: the timeline, Live, Replay, Show gradients and both panels', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#dataset=circle&hiddenLayers=4&speed=1000');
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 10);
  // Each control is reached by Tab from the one before it in the page's order.
  const tabTo = async (selector) => {
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement === document.querySelector(s), selector)) return;
    }
    assert.fail(`Tab never reached ${selector}`);
  };
  await page.focus('#show-gradients');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#show-gradients'), true);
  await page.waitForFunction(() => !document.getElementById('gradient-box').hidden);
  await page.focus('#log-scale');
  await tabTo('#timeline');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.getElementById('epoch').textContent === '0');
  await tabTo('#timeline-live');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !window.scratchnet.rewind.looking);
  await tabTo('#replay');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#replay', 'aria-pressed'), 'true');
  await page.keyboard.press('Enter'); // stops where it is
  assert.equal(await page.getAttribute('#replay', 'aria-pressed'), 'false');
  await tabTo('#hidden-space summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.getElementById('hidden-space').open), true);
  await tabTo('#landscape summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.getElementById('landscape').open), true);
  await tabTo('#landscape-compute');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Done/.test(document.getElementById('landscape-status').textContent), null, { timeout: 30000 });
  await context.close();
  assert.deepEqual(errors, []);
});
