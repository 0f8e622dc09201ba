// The curve data set in the page: a typed y = f(x) draws points above it as class 1, draws the curve
// on the plot, travels in the link, and a bad curve is named with its place while the scene stays.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, pause } from './harness.js';

const env = useBrowser();

test('a typed curve labels the points, is drawn, travels in the link, and trains', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#dataset=curve&speed=2000&hiddenLayers=8,8&optimizer=adam&learningRate=0.03&points=500');
  assert.equal(await page.isVisible('#curve-expr'), true);
  assert.equal(await page.inputValue('#curve-expr'), 'x');
  await page.fill('#curve-expr', 'sin(3*x)/2');
  await page.press('#curve-expr', 'Enter');
  await page.waitForFunction(() => window.scratchnet.pg.config().curve === 'sin(3*x)/2');
  // Every point is class 1 exactly where it lies above the curve.
  const wrong = await page.evaluate(() => {
    const p = window.scratchnet.pg.points();
    let bad = 0;
    for (let i = 0; i < p.length; i += 4) if ((p[i + 2] === 1) !== (p[i + 1] > Math.sin(3 * p[i]) / 2)) bad += 1;
    return bad;
  });
  assert.equal(wrong, 0);
  assert.match(await page.evaluate(() => location.hash), /curve=sin\(3\*x\)%2F2/);
  // It trains to 95 % on held-out points.
  await page.waitForFunction(() => Number(document.getElementById('accuracy').dataset.value) >= 95, null, { timeout: 60000 });
  // The dashed curve is drawn where the curve is: along it the plot changes when the page stops
  // drawing it; 0.3 above it, nothing does.
  await pause(page);
  const along = (dy) => Array.from({ length: 40 }, (_, i) => {
    const x = -0.95 + (1.9 * i) / 39;
    return [x, Math.sin(3 * x) / 2 + dy];
  }).filter(([, yy]) => Math.abs(yy) < 0.95);
  const sample = (pts) => page.evaluate(async (list) => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const canvas = document.getElementById('plot');
    const ctx = canvas.getContext('2d');
    const size = canvas.width;
    return list.map(([x, y]) => Array.from(ctx.getImageData(Math.round(((x + 1) / 2) * size), Math.round(((1 - y) / 2) * size), 1, 1).data).join());
  }, pts);
  const onCurve = along(0);
  const offCurve = along(0.3);
  const drawn = [await sample(onCurve), await sample(offCurve)];
  await page.evaluate(() => { window.scratchnet.curveLine = null; window.scratchnet.referenceLine = false; });
  const bare = [await sample(onCurve), await sample(offCurve)];
  const changed = (a, b) => a.filter((v, i) => v !== b[i]).length;
  assert.ok(changed(drawn[0], bare[0]) >= onCurve.length / 3, `${changed(drawn[0], bare[0])} of ${onCurve.length} pixels on the curve are its line`);
  assert.equal(changed(drawn[1], bare[1]), 0, 'nothing is drawn 0.3 above it');
  await context.close();
  assert.deepEqual(errors, []);
  // The link brings the curve back.
  const again = await openPage(env.browser, env.server.url, '#dataset=curve&curve=x%5E3%20-%20x');
  assert.equal(await again.page.inputValue('#curve-expr'), 'x^3 - x');
  assert.equal(await again.page.evaluate(() => window.scratchnet.pg.config().curve), 'x^3 - x');
  await again.context.close();
});

test('a bad curve is named with its place, and the scene before it stays', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#dataset=curve&curve=abs(x)%20-%200.5');
  await pause(page);
  const before = await page.evaluate(() => ({ config: window.scratchnet.pg.config(), points: Array.from(window.scratchnet.pg.points()) }));
  for (const [text, named] of [['sin(', /curve: at the end: expected a number/], ['x ++', /curve: at the end/],
    ['foo(x)', /curve: at character 1: foo is not x, pi, e or a function/], ['1/0', /no finite value/],
    ['x+'.repeat(5000), /curve: 10000 characters, at most 200/]]) {
    await page.fill('#curve-expr', text);
    await page.press('#curve-expr', 'Enter');
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('message').textContent), named.source);
    const after = await page.evaluate(() => ({ config: window.scratchnet.pg.config(), points: Array.from(window.scratchnet.pg.points()) }));
    assert.deepEqual(after, before, `${text.slice(0, 20)} changed the scene`);
  }
  await context.close();
  // A link with a bad curve opens with the default and says why.
  const bad = await openPage(env.browser, env.server.url, '#dataset=curve&curve=sin(');
  assert.match(await bad.page.textContent('#message'), /curve: at the end/);
  assert.equal(await bad.page.evaluate(() => window.scratchnet.pg.config().curve), 'x');
  await bad.context.close();
});

test('an example curve is one click, and the field shows only for the curve data set', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  assert.equal(await page.isVisible('#curve-field'), false);
  await page.selectOption('#dataset', 'curve');
  assert.equal(await page.isVisible('#curve-field'), true);
  await page.click('.curve-example >> text=x^3 - x');
  assert.equal(await page.evaluate(() => window.scratchnet.pg.config().curve), 'x^3 - x');
  assert.equal(await page.inputValue('#curve-expr'), 'x^3 - x');
  await page.selectOption('#dataset', 'circle');
  assert.equal(await page.isVisible('#curve-field'), false);
  await context.close();
  assert.deepEqual(errors, []);
});
