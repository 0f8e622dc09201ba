// Training in a Web Worker. Edits made while the worker trains reach its twin in order,
// a step count asked for is the count done, a diverging f32 run pauses with its message, and the
// page still trains where there is no Worker at all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser, pause } from './harness.js';

const env = useBrowser();

/** The twin's state once it has applied every edit sent so far (once the trainer has started). */
async function probe(page) {
  await page.waitForFunction(() => window.scratchnet.trainer !== null);
  return page.evaluate(async () => {
    const p = await window.scratchnet.trainer.probe();
    return { config: p.config, points: Array.from(p.points), epoch: p.epoch, steps: p.steps };
  });
}

const mainState = (page) => page.evaluate(() => {
  const pg = window.scratchnet.pg;
  return { config: pg.config(), points: Array.from(pg.points()), epoch: pg.epoch(), steps: pg.steps() };
});

/** The points as the twin and the page hold them, without the misclassified flag (bit 1): the
 * page's flags come from its own evaluation passes. */
const positions = (points) => points.map((v, i) => (i % 4 === 3 ? v % 2 : v));

test('edits made while the worker trains all take effect, in order, on both sides', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#speed=2000');
  await page.waitForSelector('body[data-trainer="worker"]');
  await page.waitForFunction(() => window.scratchnet.pg.steps() > 50);
  const before = await mainState(page);
  // 20 points clicked into the plot while training runs, alternating classes.
  const box = await page.locator('#plot').boundingBox();
  for (let i = 0; i < 20; i += 1) {
    await page.selectOption('#class-select', String(i % 2));
    await page.mouse.click(box.x + box.width * (0.1 + 0.04 * i), box.y + box.height * (0.8 - 0.03 * i));
  }
  // The learning-rate slider, moved twice.
  for (const v of ['300', '650']) {
    await page.$eval('#learning-rate', (el, value) => {
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, v);
  }
  const rate = await page.evaluate(() => window.scratchnet.pg.config().learningRate);
  // Pause, one Step, then Undo (takes back the last added point).
  await page.click('#play');
  // Once the twin has taken the pause, the page shows where it stopped.
  const stopped = await probe(page);
  await page.waitForFunction((steps) => window.scratchnet.pg.steps() === steps, stopped.steps);
  const paused = await mainState(page);
  await page.click('#step');
  await page.waitForFunction((from) => window.scratchnet.pg.epoch() === from + 1 && !window.scratchnet.trainer.stepping,
    paused.epoch);
  await page.click('#undo');
  const twin = await probe(page);
  const mine = await mainState(page);
  assert.equal(mine.points.length / 4, before.points.length / 4 + 19, '20 added, 1 undone');
  assert.deepEqual(positions(twin.points), positions(mine.points), 'the twin holds the same points, in the same order');
  assert.equal(twin.config.learningRate, rate);
  assert.deepEqual(twin.config, mine.config);
  assert.equal(twin.epoch, paused.epoch + 1, 'the Step ran exactly one epoch on the twin');
  // Paused: the twin does not go on training.
  const later = await probe(page);
  assert.equal(later.steps, twin.steps);
  await context.close();
  assert.deepEqual(errors, []);
});

test('a step count asked for is the step count done', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#hiddenLayers=8,8&dataset=spiral');
  await page.waitForSelector('body[data-trainer="worker"]');
  await pause(page); // and the page shows where the twin stopped
  for (const n of [1, 37, 250]) {
    const result = await page.evaluate(async (count) => {
      const app = window.scratchnet;
      const before = app.pg.steps();
      const done = await app.trainer.run(count);
      // The page adopted the twin's state in the frame that resolved the run.
      return { done, moved: app.pg.steps() - before, twin: (await app.trainer.probe()).steps - before };
    }, n);
    assert.deepEqual(result, { done: n, moved: n, twin: n }, `asked for ${n}`);
  }
  await context.close();
  assert.deepEqual(errors, []);
});

test('Pause reaches the worker with the click: nothing asked of it afterwards sees it train on', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#speed=2000');
  await page.waitForSelector('body[data-trainer="worker"]');
  await page.waitForFunction(() => window.scratchnet.pg.steps() > 50);
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'true');
  // In one task: Pause, then ask the twin how far it got; ten frames later, ask again.
  const [first, later, shown] = await page.evaluate(async () => {
    const { trainer, pg } = window.scratchnet;
    document.getElementById('play').click();
    const asked = trainer.probe();
    // A long frame on the main thread (a big redraw): the worker must have the Pause already.
    const t = performance.now();
    while (performance.now() - t < 60);
    const a = await asked;
    for (let i = 0; i < 10; i += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
    const b = await trainer.probe();
    return [a.steps, b.steps, pg.steps()];
  });
  await context.close();
  assert.deepEqual(errors, []);
  assert.ok(first > 50, `trained ${first} steps before the pause`);
  assert.equal(later, first, 'the twin trained on after the pause');
  assert.equal(shown, first, 'the page shows where the twin stopped');
});

test('a diverging f32 run pauses with its message and keeps finite weights', async () => {
  // As the exploding-loss test of hostile.test.js, in f32 and in the worker: a circle learnt at η = 0.3, then η = 10.
  const { page, context, errors } = await openPage(env.browser, env.server.url,
    '#dataset=circle&hiddenLayers=4&learningRate=0.3&speed=2000&precision=f32');
  await page.waitForSelector('body[data-trainer="worker"]');
  await page.click('#play'); // pause
  await page.click('#reset');
  await page.evaluate(() => window.scratchnet.trainer.run(600));
  await page.$eval('#learning-rate', (el) => {
    el.value = '1000'; // η = 10
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false', null, { timeout: 30000 });
  const state = await page.evaluate(() => ({
    message: document.getElementById('message').textContent,
    precision: window.scratchnet.pg.config().precision,
    finite: Array.from(window.scratchnet.pg.weights()).every(Number.isFinite),
    label: document.getElementById('play').textContent,
    restore: document.getElementById('restore-weights') !== null,
  }));
  assert.match(state.message, /diverged.*at learning rate 10/);
  assert.deepEqual({ ...state, message: undefined }, { message: undefined, precision: 'f32', finite: true, label: '▶ Play', restore: true });
  await context.close();
  assert.deepEqual(errors, []);
});

test('without Worker the page trains on the main thread', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => { delete window.Worker; });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.server.url);
  await page.waitForSelector('body[data-trainer="main"]');
  await page.waitForFunction(() => Number(document.getElementById('accuracy').dataset.value) >= 95, null, { timeout: 30000 });
  const n = await page.evaluate(async () => {
    window.scratchnet.playing = false;
    return window.scratchnet.trainer.run(25);
  });
  assert.equal(n, 25);
  await context.close();
  assert.deepEqual(errors, []);
});

test('f32 is the default precision and f64 can be chosen; the hash carries it', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  assert.equal(await page.inputValue('#precision'), 'f32');
  await page.selectOption('#precision', 'f64');
  await page.waitForFunction(() => location.hash.includes('precision=f64'));
  const twin = await probe(page);
  assert.equal(twin.config.precision, 'f64');
  await context.close();
  const again = await openPage(env.browser, env.server.url, '#precision=f64');
  assert.equal(await again.page.inputValue('#precision'), 'f64');
  await again.context.close();
});
