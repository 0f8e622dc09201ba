// The input features: seven toggles shape the input layer, travel in the link, and let
// 2 × 6 neurons learn the spiral that x and y alone do not learn in the same number of epochs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser, pause } from './harness.js';

const env = useBrowser();

const SPIRAL = '#dataset=spiral&hiddenLayers=6,6&optimizer=adam&learningRate=0.03&points=400';

/** Test accuracy after `epochs` epochs from a fresh start (Reset), with `features` on. */
async function spiralAccuracy(features, epochs) {
  const { page, context, errors } = await openPage(env.browser, env.server.url, `${SPIRAL}&features=${features}`);
  await pause(page);
  await page.click('#reset');
  const accuracy = await page.evaluate(async (n) => {
    const { pg, trainer } = window.scratchnet;
    const perEpoch = Math.ceil(pg.trainPointCount() / pg.config().batchSize);
    await trainer.run(n * perEpoch);
    pg.evaluate();
    return { accuracy: pg.testAccuracy(), epoch: pg.epoch() };
  }, epochs);
  await context.close();
  assert.deepEqual(errors, []);
  return accuracy;
}

test('with x, y, x², y², sin x and sin y, 2 × 6 neurons learn the spiral that x and y alone do not', async () => {
  const more = await spiralAccuracy('x,y,x2,y2,sinx,siny', 100);
  const plain = await spiralAccuracy('x,y', 100);
  assert.equal(more.epoch, 100);
  assert.equal(plain.epoch, 100);
  assert.ok(more.accuracy >= 0.95, `more features: ${more.accuracy}`);
  assert.ok(plain.accuracy < 0.95, `x and y alone: ${plain.accuracy}`);
});

test('the toggles shape the input layer, the hash carries them, and the last one cannot be turned off', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#features=x,y,xy');
  const sizes = () => page.evaluate(() => Array.from(window.scratchnet.pg.layerSizes()));
  const checked = () => page.$$eval('fieldset.features input', (els) => els.filter((e) => e.checked).map((e) => e.id));
  assert.deepEqual(await checked(), ['feature-x', 'feature-y', 'feature-xy']);
  assert.equal((await sizes())[0], 3);
  await page.check('#feature-sinx');
  assert.equal((await sizes())[0], 4);
  assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), /features=x,y,xy,sinx/);
  for (const id of ['#feature-x', '#feature-y', '#feature-xy']) await page.uncheck(id);
  assert.deepEqual(await sizes(), [1, 4, 1]);
  await page.click('#feature-sinx'); // the last one on
  assert.equal(await page.isChecked('#feature-sinx'), true, 'it stays on');
  assert.match(await page.textContent('#message'), /At least one input must stay on/);
  assert.deepEqual(await sizes(), [1, 4, 1], 'the network is unchanged');
  // The twin trains the same inputs.
  const twin = await page.evaluate(async () => (await window.scratchnet.trainer.probe()).config.features);
  assert.deepEqual(twin, ['sinx']);
  await context.close();
  assert.deepEqual(errors, []);
});
