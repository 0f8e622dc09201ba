// The page keeps its word: training thrown off from its first steps is caught with the true
// figures, a learning rate that trains nothing is refused, a learning-rate search yields to every
// interruption and says so, a link trains bit for bit as the page that wrote it, an empty set
// travels, storage that cannot keep up is told, the weight editor shows the weights as they are,
// and an in-page anchor never rebuilds the scene.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, pause, settle, step } from './harness.js';

const env = useBrowser();

/** `v` as the page's divergence message writes a loss: four decimals, no trailing zeros. */
const four = (v) => String(Number(v.toFixed(4)));

test('a loss thrown off from the first steps is caught, with the loss before the first step', async () => {
  const link = 'problem=multi-class&classes=4&dataset=spiral&hiddenLayers=8,8&learningRate=3&seed=3&batchSize=10';
  const { page, context, errors } = await openPage(env.browser, env.server.url, `#${link}&speed=2000`);
  const start = await page.evaluate(async (hash) => {
    const { Playground } = await import(new URL('pkg/scratchnet.js', location.href).href);
    const config = Object.fromEntries(new URLSearchParams(hash).entries());
    const pg = new Playground({ problem: 'multi-class', classes: 4, dataset: 'spiral', hiddenLayers: [8, 8],
      learningRate: 3, seed: 3, batchSize: 10 });
    pg.evaluate();
    const loss = pg.trainLoss();
    pg.free();
    return config && loss;
  }, link);
  assert.ok(Math.abs(start - 1.39) < 0.05, `${start}`);
  await page.waitForFunction(() => /diverged/.test(document.getElementById('message').textContent), null, { timeout: 30000 });
  const message = await page.textContent('#message');
  await context.close();
  assert.match(message, new RegExp(`rose from ${four(start).replace('.', '\\.')} before the first step`));
  assert.deepEqual(errors, []);
});

test('a learning rate of 0 (or 1e-400) is refused by name; the slider keeps a rate that trains', async () => {
  for (const value of ['0', '1e-400']) {
    const { page, context } = await openPage(env.browser, env.server.url, `#learningRate=${value}`);
    const message = await page.textContent('#message');
    const rate = await page.evaluate(() => window.scratchnet.pg.config().learningRate);
    await context.close();
    assert.match(message, /learningRate: 0 is outside \[0\.0001, 10\]/, value);
    assert.ok(rate >= 1e-4, `${rate}`);
  }
});

test('a learning-rate search yields to Reset, Play, Clear and a lesson, and says so', async () => {
  // A numeric step of a 32 × 3 network takes many frames, so the search waits.
  const { page, context, errors } = await openPage(env.browser, env.server.url,
    '#hiddenLayers=32,32,32&method=numeric&batchSize=1&points=2000&speed=100000');
  await page.waitForTimeout(500);
  await pause(page);
  await page.click('#step');
  await page.click('#lr-finder');
  await page.click('#reset');
  await page.waitForFunction(() => /Search not started/.test(document.getElementById('lr-result').textContent));
  assert.equal(await page.isDisabled('#lr-finder'), false);
  await page.click('#play');
  await page.waitForTimeout(1500);
  const state = await page.evaluate(() => ({ running: window.scratchnet.finder.running, starting: window.scratchnet.finder.starting }));
  assert.deepEqual(state, { running: false, starting: false }, 'Play later starts nothing');
  await context.close();
  // A search under way stops on Clear and on a lesson.
  // Each act runs in the frame in which the search is seen running, so that a search quicker than a
  // round trip to the browser cannot finish in between.
  for (const what of ['Clear', 'a lesson']) {
    const opened = await openPage(env.browser, env.server.url, '#hiddenLayers=16,16&points=1000');
    await pause(opened.page);
    await opened.page.click('#lr-finder');
    await opened.page.evaluate((act) => new Promise((resolve) => {
      const run = () => {
        if (act === 'Clear') {
          document.getElementById('clear').click();
          return;
        }
        const select = document.getElementById('lesson');
        select.value = 'line';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      };
      const tick = () => (window.scratchnet.finder.running ? (run(), resolve()) : requestAnimationFrame(tick));
      tick();
    }), what);
    const after = await opened.page.evaluate(() => ({ running: window.scratchnet.finder.running,
      text: document.getElementById('lr-result').textContent, use: !document.getElementById('lr-use').hidden }));
    await opened.page.waitForTimeout(300);
    const later = await opened.page.evaluate(() => window.scratchnet.finder.found);
    await opened.context.close();
    assert.equal(after.running, false, what);
    assert.match(after.text, /Search stopped/, what);
    assert.equal(after.use, false, what);
    assert.equal(later, null, `${what}: no suggestion for the points before`);
  }
  assert.deepEqual(errors, []);
});

test('a page and the page its link opens train alike, bit for bit, after a point is added', async () => {
  const a = await openPage(env.browser, env.server.url);
  await pause(a.page);
  const box = await a.page.locator('#plot').boundingBox();
  await a.page.mouse.click(box.x + box.width * 0.31, box.y + box.height * 0.77);
  const run = async (page) => {
    await page.click('#reset');
    await settle(page);
    await page.evaluate(() => window.scratchnet.trainer.run(1000));
    await settle(page);
    return page.evaluate(() => Array.from(window.scratchnet.pg.weights()));
  };
  const hash = await a.page.evaluate(() => location.hash);
  assert.match(hash, /pts=/);
  const first = await run(a.page);
  const b = await openPage(env.browser, env.server.url, hash);
  await pause(b.page);
  assert.equal(await b.page.textContent('#point-count'), await a.page.textContent('#point-count'));
  const second = await run(b.page);
  await a.context.close();
  await b.context.close();
  assert.deepEqual(second, first);
});

test('after Clear the link and the store keep the empty set', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await pause(page);
  await page.click('#clear');
  assert.equal(await page.textContent('#point-count'), '0');
  assert.match(await page.evaluate(() => location.hash), /(^|&)pts=(&|$)/);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.textContent('#point-count'), '0', 'the reload keeps 0 points');
  // Without the link: what this browser kept.
  await page.goto(env.server.url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.textContent('#point-count'), '0', 'the stored state keeps 0 points');
  await context.close();
});

test('storage that refuses a write, and another tab saving, are told', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await pause(page);
  const other = await context.newPage();
  await other.goto(`${env.server.url}#dataset=xor`);
  await other.waitForSelector('body[data-ready="true"]');
  await other.click('#play');
  await page.waitForFunction(() => /Another tab of Scratchnet saved its state/.test(document.getElementById('message').textContent));
  await page.evaluate(() => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  });
  const box = await page.locator('#plot').boundingBox();
  await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.3);
  const message = await page.textContent('#message');
  await context.close();
  assert.match(message, /storage refused to keep the page's state \(QuotaExceededError\)/);
});

test('the weight editor follows the weights, and Enter on an untouched field writes nothing', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await pause(page);
  await page.click('#network-neurons .neuron[data-layer="1"][data-neuron="1"]');
  const field = page.locator('#weight-editor input').first();
  const index = Number(await field.getAttribute('data-index'));
  const opened = await field.inputValue();
  for (let i = 0; i < 5; i += 1) await step(page);
  await page.waitForTimeout(600); // the diagram's next redraw
  const now = await page.evaluate((i) => window.scratchnet.pg.weights()[i], index);
  const shown = await field.inputValue();
  assert.notEqual(shown, opened, 'the field follows training');
  assert.ok(Math.abs(Number(shown) - now) <= Math.abs(now) * 1e-3 + 1e-9, `${shown} against ${now}`);
  await field.focus();
  await page.keyboard.press('Enter');
  const after = await page.evaluate((i) => window.scratchnet.pg.weights()[i], index);
  assert.equal(after, now, 'Enter on an untouched field writes nothing back');
  await field.fill('0.25');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate((i) => window.scratchnet.pg.weights()[i], index), 0.25);
  await context.close();
});
