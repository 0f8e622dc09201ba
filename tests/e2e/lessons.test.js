// End-to-end tests of the lessons: each tutorial's outcome, seen on the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useBrowser, openPage, ROOT } from './harness.js';

const env = useBrowser();

const IDS = ['line', 'perceptron-and', 'xor', 'first-input', 'new-situation', 'regression', 'vanishing-gradients'];

const figure = async (page, name) => Number(await page.getAttribute(`#lesson-figures [data-name="${name}"]`, 'data-value'));

/** A whole run at once: what a run computes does not depend on its pace (the paced run has a test of its own). */
async function run(page) {
  if (await page.inputValue('#lesson-pace') !== 'instant') await page.selectOption('#lesson-pace', 'instant');
  await page.click('#lesson-run');
  await page.waitForSelector('#lesson-panel[data-running="false"]', { timeout: 30000 });
}

test('every lesson opens from the select and from its link, without console errors', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  for (const id of IDS) {
    await page.selectOption('#lesson', id);
    await page.waitForSelector(`#lesson-panel[data-lesson="${id}"]`);
    assert.ok(await page.isVisible('#lesson-panel'), id);
    assert.match(await page.evaluate(() => location.hash), new RegExp(`lesson=${id}`));
    for (const name of ['accuracy', 'loss'].filter((n) => id !== 'regression' || n === 'loss')) {
      assert.ok(await page.locator(`[data-name="${name}"]`).count() === 1, `${id} reports ${name}`);
    }
  }
  await page.selectOption('#lesson', '');
  assert.ok(await page.isHidden('#lesson-panel'));
  assert.deepEqual(errors, []);
  await context.close();
  for (const id of IDS) {
    const opened = await openPage(env.browser, env.server.url, `#lesson=${id}`);
    assert.equal(await opened.page.getAttribute('#lesson-panel', 'data-lesson'), id);
    assert.equal(await opened.page.inputValue('#lesson'), id);
    const onPlane = await opened.page.isVisible('#plot');
    assert.equal(onPlane, !['first-input', 'new-situation'].includes(id), `${id}: plane or table`);
    if (!onPlane) assert.ok(await opened.page.isVisible('#lesson-table table'));
    await run(opened.page);
    assert.deepEqual(opened.errors, [], `${id}: no console errors`);
    await opened.context.close();
  }
});

test('an unknown lesson in a link is reported and the playground shows', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#lesson=astrology');
  assert.match(await page.textContent('#message'), /astrology/);
  assert.ok(await page.isHidden('#lesson-panel'));
  await context.close();
});

test('line: both gradients agree, and one pass reaches the tutorial\'s predictions', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#lesson=line');
  assert.ok(await figure(page, 'max-gradient-difference') < 1e-6);
  await page.check('#lesson-numeric');
  await run(page);
  assert.ok(await figure(page, 'max-gradient-difference') < 1e-6, 'agree after training too');
  assert.ok(await figure(page, 'accuracy') >= 98);
  assert.ok(await figure(page, 'prediction-0.5-0.1') < 0.1);
  assert.ok(await figure(page, 'prediction-0.3-0.7') > 0.9);
  const cells = await page.$$eval('#lesson-gradients tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.equal(cells.length, 2 * 5 + 5 + 5 + 1, 'one row per parameter');
  assert.ok(cells.every(([, a, n]) => Math.abs(Number(a) - Number(n)) <= 1e-6 * Math.max(1e-8, Math.abs(Number(a)))));
  await context.close();
});

test('perceptron-and converges to a correct AND', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#lesson=perceptron-and');
  await run(page);
  assert.equal(await figure(page, 'accuracy'), 100);
  const outputs = await page.$$eval('#lesson-truth tbody tr td.out .num', (cells) => cells.map((c) => Number(c.textContent)));
  assert.deepEqual(outputs, [0, 0, 0, 1]);
  await context.close();
});

test('xor: the single layer stays below 100%, the hidden layer reaches it', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#lesson=xor');
  for (let i = 0; i < 3; i += 1) {
    await run(page);
    assert.ok(await figure(page, 'accuracy') < 100);
  }
  assert.match(await page.textContent('#lesson-note'), /linearly separable/);
  await page.click('#lesson-fix');
  await run(page);
  assert.equal(await figure(page, 'accuracy'), 100);
  await context.close();
});

test('new-situation predicts more than 0.99 for (1, 0, 0)', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#lesson=new-situation');
  await run(page);
  assert.equal(await figure(page, 'iterations'), 15000);
  assert.ok(await figure(page, 'prediction-1-0-0') > 0.99);
  await context.close();
});

test('regression: weights within 0.05 of (2, −3) after 100 iterations, bias within 0.5 of 5 after 300', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#lesson=regression');
  await run(page);
  assert.equal(await figure(page, 'iterations'), 100);
  assert.ok(Math.abs(await figure(page, 'w1') - 2) < 0.05);
  assert.ok(Math.abs(await figure(page, 'w2') + 3) < 0.05);
  assert.ok(Math.abs(await figure(page, 'bias') - 5) > 0.5, 'the bias is still on its way after 100');
  await run(page);
  await run(page);
  assert.equal(await figure(page, 'iterations'), 300);
  assert.ok(Math.abs(await figure(page, 'bias') - 5) < 0.5);
  assert.ok(await page.isVisible('#lesson-scatter'));
  // Its points are coloured by the sign of a real target, not by class: the legend says so.
  assert.ok(await page.isVisible('#legend-targets'));
  assert.ok(await page.isHidden('#legend-classes'));
  assert.ok(await page.isHidden('#legend-loss-test'), 'no test curve in a lesson, so no test legend');
  await page.selectOption('#lesson', '');
  assert.ok(await page.isVisible('#legend-classes'), 'back in the playground, classes again');
  assert.ok(await page.isHidden('#legend-targets'));
  assert.ok(await page.isVisible('#legend-loss-test'));
  await context.close();
});

test('first-input: confidence rises with iterations; saved weights reload to identical predictions', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#lesson=first-input');
  let last = 0;
  for (const n of ['100', '1000', '10000', '100000']) {
    await page.selectOption('#lesson-iterations', n);
    await run(page);
    const c = await figure(page, 'confidence');
    assert.ok(c > last, `${n}: ${c} > ${last}`);
    last = c;
  }
  const outputs = (p) => p.$$eval('#lesson-table td.out .num', (cells) => cells.map((c) => c.textContent));
  const trained = await outputs(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#lesson-save')]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'scratchnet-')), 'weights.json');
  await download.saveAs(file);
  assert.match(readFileSync(file, 'utf8'), /"format":"scratchnet-model"/);
  await context.close();

  const fresh = await openPage(env.browser, env.server.url, '#lesson=first-input');
  assert.notDeepEqual(await outputs(fresh.page), trained, 'an untrained neuron predicts otherwise');
  await fresh.page.setInputFiles('#lesson-file', file);
  await fresh.page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('#lesson-table td.out .num')].map((c) => c.textContent);
    return JSON.stringify(got) === JSON.stringify(want);
  }, trained);
  assert.equal(await figure(fresh.page, 'iterations'), 0, 'no training happened');
  await fresh.page.setInputFiles('#lesson-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"scratchnet-model","version":1,"layers":[3,1],"hiddenActivations":[],"outputActivation":"sigmoid","params":[1,2,3,0]}') });
  // The page reads the file asynchronously: wait for its verdict rather than reading the message at once.
  await fresh.page.waitForFunction(() => /layers/.test(document.getElementById('message').textContent));
  assert.match(await fresh.page.textContent('#message'), /layers/);
  assert.deepEqual(await outputs(fresh.page), trained, 'a refused file changes nothing');
  await fresh.context.close();
});

test('a run at normal pace is watched: it spans many frames, samples the loss from iteration 0, and can pause and stop', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#lesson=line');
  assert.equal(await page.inputValue('#lesson-pace'), 'normal');
  // The page's frames, counted from the start of the run.
  await page.evaluate(() => {
    window.framesSeen = 0;
    const tick = () => { window.framesSeen += 1; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.click('#lesson-run');
  await page.waitForFunction(() => document.getElementById('lesson-progress').value > 0.2);
  await page.click('#lesson-pause');
  const paused = await page.evaluate(() => window.scratchnet.lessons.lesson.steps());
  // Twenty frames later (the page's own clock), still where it was.
  await page.evaluate(() => new Promise((resolve) => {
    let left = 20;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }));
  assert.equal(await page.evaluate(() => window.scratchnet.lessons.lesson.steps()), paused, 'paused: no iterations');
  await page.click('#lesson-pause');
  await page.waitForSelector('#lesson-panel[data-running="false"]', { timeout: 30000 });
  const frames = await page.evaluate(() => window.framesSeen);
  const chart = await page.evaluate(() => {
    const { chart } = window.scratchnet;
    return { count: chart.sampleCount, first: chart.samples[0].epoch, last: chart.samples.at(-1).epoch, logX: chart.logX };
  });
  assert.ok(frames >= 60, `a normal-pace run is spread over many frames: ${frames}`);
  assert.ok(chart.count >= 100, `${chart.count} samples`);
  assert.equal(chart.first, 0, 'the chart starts at iteration 0');
  assert.equal(chart.last, 10000);
  assert.ok(chart.logX, 'iterations spanning decades are on a log axis');
  // Stop ends a run where it is.
  await page.selectOption('#lesson-pace', 'slow');
  await page.click('#lesson-run');
  await page.waitForFunction(() => document.getElementById('lesson-progress').value > 0.05);
  await page.click('#lesson-stop');
  assert.equal(await page.getAttribute('#lesson-panel', 'data-running'), 'false');
  const stoppedAt = await page.evaluate(() => window.scratchnet.lessons.lesson.steps());
  assert.ok(stoppedAt > 10000 && stoppedAt < 20000, `stopped at ${stoppedAt}`);
  await context.close();
  assert.deepEqual(errors, []);
});

test('stepping one example changes exactly the weights it shows, by exactly the amounts it shows', async () => {
  for (const id of ['new-situation', 'line']) {
    const { page, context, errors } = await openPage(env.browser, env.server.url, `#lesson=${id}`);
    for (let round = 0; round < 2; round += 1) {
      const before = await page.evaluate(() => Array.from(window.scratchnet.lessons.lesson.weights()));
      await page.click('#lesson-step-example');
      const shown = await page.$$eval('[data-name^="step-update-"]', (cells) => cells.map((c) => Number(c.dataset.value)));
      const gradients = await page.$$eval('[data-name^="step-gradient-"]', (cells) => cells.map((c) => Number(c.dataset.value)));
      const numeric = await page.$$eval('[data-name^="step-numeric-"]', (cells) => cells.map((c) => Number(c.dataset.value)));
      const after = await page.evaluate(() => Array.from(window.scratchnet.lessons.lesson.weights()));
      assert.equal(shown.length, before.length, `${id}: an update per parameter`);
      for (let k = 0; k < before.length; k += 1) {
        assert.equal(after[k], before[k] + shown[k], `${id} parameter ${k}`);
        const scale = Math.max(Math.abs(gradients[k]), Math.abs(numeric[k]), 1e-8);
        assert.ok(Math.abs(gradients[k] - numeric[k]) / scale < 1e-6, `${id} parameter ${k}: backprop vs numeric`);
      }
      assert.ok(shown.some((u) => u !== 0), `${id}: something changed`);
      for (const name of ['step-input-0', 'step-target', 'step-z-1-0', 'step-a-1-0', 'step-error', 'step-loss']) {
        assert.equal(await page.locator(`[data-name="${name}"]`).count(), 1, `${id}: ${name}`);
      }
    }
    await context.close();
    assert.deepEqual(errors, []);
  }
});

test('clicks in a lesson leave free play\'s points alone; the line lesson adds to its own data', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  const freePlay = await page.evaluate(() => window.scratchnet.pg.pointCount());
  const box = async () => page.locator('#plot').boundingBox();
  await page.selectOption('#lesson', 'xor');
  const table = await page.evaluate(() => window.scratchnet.lessons.lesson.pointCount());
  let b = await box();
  await page.mouse.click(b.x + b.width * 0.3, b.y + b.height * 0.3);
  await page.keyboard.press('Control+z');
  assert.equal(await page.evaluate(() => window.scratchnet.lessons.lesson.pointCount()), table, 'the truth table is fixed');
  assert.match(await page.getAttribute('#plot', 'class'), /locked/);
  await page.selectOption('#lesson', 'line');
  b = await box();
  const lessonPoints = await page.evaluate(() => window.scratchnet.lessons.lesson.pointCount());
  await page.mouse.click(b.x + b.width * 0.2, b.y + b.height * 0.2);
  assert.equal(await page.evaluate(() => window.scratchnet.lessons.lesson.pointCount()), lessonPoints + 1);
  await page.selectOption('#lesson', '');
  assert.equal(await page.evaluate(() => window.scratchnet.pg.pointCount()), freePlay, 'free play untouched');
  await context.close();
  assert.deepEqual(errors, []);
});

test('each lesson\'s plot is labelled in its own coordinates', async () => {
  for (const [id, ticks] of [['regression', '-10,0,10'], ['xor', '0,1'], ['perceptron-and', '0,1'], ['line', '0,0.5,1'], ['', '-1,0,1']]) {
    const { page, context } = await openPage(env.browser, env.server.url, id ? `#lesson=${id}` : '');
    await page.waitForFunction((want) => document.getElementById('plot').dataset.ticks === want, ticks);
    await context.close();
  }
});

test('screenshots of every lesson after a run, text beside its figures', async () => {
  const out = path.join(ROOT, 'test-results', 'lessons'); // ignored: looked at, not committed
  mkdirSync(out, { recursive: true });
  for (const id of IDS) {
    const { page, context, errors } = await openPage(env.browser, env.server.url, `#lesson=${id}`);
    await page.selectOption('#lesson-pace', 'instant');
    if (id === 'first-input') await page.selectOption('#lesson-iterations', '100000');
    await run(page);
    const note = await page.textContent('#lesson-note');
    assert.ok(!/–/.test(note), `${id}: every live number in the note is there: ${note}`);
    await page.screenshot({ path: path.join(out, `${id}.png`), fullPage: true });
    await context.close();
    assert.deepEqual(errors, [], id);
  }
});
