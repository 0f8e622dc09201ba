// What a learner trips on (issue 27): work is never lost to an anchor, a hash change, another tab
// or Start over; and the controls agree with the network they set.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, pause, settle } from './harness.js';

const env = useBrowser();

const LINK = '#seed=7&dataset=xor&hiddenLayers=8&learningRate=0.3';

/** The scene as a learner would miss it: points, network, the link and the stored state. */
const scene = (page) => page.evaluate(() => ({
  count: window.scratchnet.pg.pointCount(), layers: window.scratchnet.pg.config().hiddenLayers.join(),
  dataset: window.scratchnet.pg.config().dataset, hash: location.hash, stored: localStorage.getItem('scratchnet-state'),
  message: document.getElementById('message').textContent,
}));

async function threeClicks(page) {
  const box = await page.locator('#plot').boundingBox();
  for (const [fx, fy] of [[0.2, 0.2], [0.7, 0.3], [0.4, 0.8]]) await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
}

test('the skip link focuses the plot and keeps the scene, its points and the stored state', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, LINK);
  await pause(page);
  await threeClicks(page);
  const before = await scene(page);
  assert.equal(before.count, 203);
  await page.focus('.skip-link');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  const after = await scene(page);
  const focused = await page.evaluate(() => document.activeElement?.id);
  await context.close();
  assert.deepEqual({ ...after, message: '' }, { ...before, message: '' });
  assert.doesNotMatch(after.message, /unknown setting/);
  assert.equal(focused, 'plot');
  assert.deepEqual(errors, []);
});

test('no hash change without a setting, no other tab and no worker message rebuilds the scene', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, LINK);
  await pause(page);
  await threeClicks(page);
  const before = await scene(page);
  // An anchor typed into the address bar, an empty hash, the same link again.
  for (const hash of ['#plot', '#', '#help', before.hash]) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForTimeout(300);
    const now = await scene(page);
    assert.equal(now.count, 203, hash);
    assert.equal(now.layers, '8', hash);
    assert.equal(now.hash, before.hash, `${hash}: the link is the state's again`);
    assert.equal(now.stored, before.stored, hash);
  }
  // Another tab saves its own state: this one keeps its scene and says what a new tab gets.
  const other = await context.newPage();
  await other.goto(`${env.server.url}#dataset=circle`);
  await other.waitForSelector('body[data-ready="true"]');
  await other.click('#play');
  await page.waitForFunction(() => /Another tab/.test(document.getElementById('message').textContent));
  const after = await scene(page);
  assert.equal(after.count, 203);
  assert.equal(after.dataset, before.dataset);
  assert.equal(after.hash, before.hash);
  // The worker's states while training: the points stay (only weights are adopted).
  await page.click('#play');
  await page.waitForTimeout(800);
  assert.equal((await scene(page)).count, 203);
  await context.close();
  assert.deepEqual(errors, []);
});

test('Start over says what it did, and Undo brings the scene back', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, LINK);
  await pause(page);
  await threeClicks(page);
  const before = await scene(page);
  await page.click('#start-over');
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => /Started over/.test(document.getElementById('message').textContent));
  const reset = await scene(page);
  assert.equal(reset.dataset, 'line');
  assert.match(reset.message, /Undo brings back the scene before \(203 points\)/);
  await page.click('#undo');
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => window.scratchnet.pg?.pointCount() === 203);
  const back = await scene(page);
  await context.close();
  assert.equal(back.layers, '8');
  assert.equal(back.dataset, 'xor');
  assert.equal(back.count, before.count);
  assert.deepEqual(errors, []);
});

test('Undo on a fresh page, and on a page opened from a link, never empties the plane', async () => {
  for (const hash of ['', '#dataset=xor', LINK]) {
    const { page, context } = await openPage(env.browser, env.server.url, hash);
    await pause(page);
    const before = await scene(page);
    await page.click('#undo');
    await page.keyboard.press('Control+z');
    const after = await scene(page);
    await context.close();
    assert.equal(after.count, before.count, hash);
    assert.equal(after.dataset, before.dataset, hash);
  }
});

test('the controls agree with the network: mixed activations, no hidden layer, a layer count brought in range', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#hiddenLayers=8,4');
  await pause(page);
  await page.selectOption('#layer-controls select[data-layer="1"]', 'relu');
  assert.equal(await page.inputValue('#activation'), 'mixed');
  assert.match(await page.textContent('#activation option[value="mixed"]'), /mixed/);
  // One activation for all again: the menu names it.
  await page.selectOption('#activation', 'sigmoid');
  assert.equal(await page.inputValue('#activation'), 'sigmoid');
  assert.equal(await page.locator('#activation option[value="mixed"]').count(), 0);
  await page.fill('#hidden-layers', '0');
  await page.dispatchEvent('#hidden-layers', 'change');
  assert.equal(await page.inputValue('#neurons'), '');
  assert.match(await page.getAttribute('#neurons', 'placeholder'), /no hidden layer/);
  await page.fill('#hidden-layers', '7');
  await page.dispatchEvent('#hidden-layers', 'change');
  assert.equal(await page.inputValue('#hidden-layers'), '6');
  assert.match(await page.textContent('#message'), /Hidden layers: "7" is not a whole number from 0 to 6, so 6 it is/);
  // The sizes come back with the layers.
  assert.equal(await page.evaluate(() => window.scratchnet.pg.config().hiddenLayers.join()), '8,4,4,4,4,4');
  await context.close();
});

test('the learning rate can be typed exactly, travels in the link as typed, and a bad one is named', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await pause(page);
  await page.fill('#learning-rate-input', '0.3');
  await page.press('#learning-rate-input', 'Enter');
  assert.equal(await page.evaluate(() => window.scratchnet.pg.config().learningRate), 0.3);
  assert.match(await page.evaluate(() => location.hash), /learningRate=0\.3(&|$)/);
  assert.equal(await page.textContent('#learning-rate-value'), '0.3');
  for (const [typed, named] of [['abc', /Learning rate: "abc" is not a number/], ['0', /learningRate: 0 is outside \[0\.0001, 10\]/],
    ['11', /learningRate: 11 is outside/]]) {
    await page.fill('#learning-rate-input', typed);
    await page.press('#learning-rate-input', 'Enter');
    assert.match(await page.textContent('#message'), named, typed);
    assert.equal(await page.evaluate(() => window.scratchnet.pg.config().learningRate), 0.3, typed);
    assert.equal(await page.inputValue('#learning-rate-input'), typed === 'abc' ? 'abc' : '0.3');
  }
  await context.close();
});

test('the learning-rate finder says so when no rate lowers the loss, and suggests none', async () => {
  // A network without a hidden layer on XOR, trained to where a line does best: no line separates
  // XOR, and no rate takes the loss further.
  const { page, context } = await openPage(env.browser, env.server.url, '#dataset=xor&hiddenLayers=&learningRate=0.1');
  await pause(page);
  await page.evaluate(() => window.scratchnet.trainer.run(5000));
  await settle(page);
  await page.click('#lr-finder');
  await page.waitForFunction(() => window.scratchnet.finder.found !== null, null, { timeout: 60000 });
  const out = await page.evaluate(() => ({ text: document.getElementById('lr-result').textContent,
    use: !document.getElementById('lr-use').hidden, found: window.scratchnet.finder.found }));
  await context.close();
  const best = Math.min(...out.found.losses.filter((l, i) => !out.found.diverged[i]));
  assert.ok(best > out.found.initialLoss * 0.98, `best ${best} from ${out.found.initialLoss}: the scene must not improve`);
  assert.match(out.text, /^No rate lowered the training loss by more than 2 % in 30 epochs/);
  assert.ok(out.text.includes(best.toFixed(4)) && out.text.includes(out.found.initialLoss.toFixed(4)), out.text);
  assert.equal(out.use, false);
});

test('overfitting is told in words, marked on the loss chart, with what helps', async () => {
  // The scene: 4 arms, 200 points, 16, 16, Adam at 0.01: the training loss falls towards 0
  // while the test loss climbs.
  const { page, context, errors } = await openPage(env.browser, env.server.url,
    '#problem=multi-class&classes=4&dataset=spiral&points=200&hiddenLayers=16,16&optimizer=adam&learningRate=0.01&speed=100000');
  await page.waitForFunction(() => /^Overfitting: since epoch/.test(document.getElementById('message').textContent), null, { timeout: 90000 });
  const out = await page.evaluate(() => ({ text: document.getElementById('message').textContent,
    marks: window.scratchnet.chart.marks.filter((m) => m.kind === 'overfit'), samples: window.scratchnet.chart.samples }));
  await context.close();
  const [, epoch, testBest, testNow, trainBest, trainNow] = out.text.match(
    /since epoch (\d+) the test loss has risen from (\d+\.\d+) to (\d+\.\d+) while the training loss fell from (\d+\.\d+) to (\d+\.\d+)/).map(Number);
  assert.ok(testNow > testBest * 1.2 && trainNow < trainBest, out.text);
  assert.match(out.text, /more points, L2 regularisation, a smaller network/);
  assert.equal(out.marks.length, 1);
  assert.equal(out.marks[0].epoch, epoch);
  // The chart's own samples agree: the test loss at the mark is near the lowest it recorded.
  const tests = out.samples.map((s) => s.test).filter(Number.isFinite);
  assert.ok(Math.min(...tests) <= testBest + 1e-9, `${Math.min(...tests)} against ${testBest}`);
  assert.deepEqual(errors, []);
});
