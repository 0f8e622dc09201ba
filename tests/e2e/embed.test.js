// Embeds for course pages (issue 32 §2): `hide=` hides exactly the named controls, which keep the
// link's values; Share writes such a link and an <iframe> snippet; and the page works inside an
// iframe on another origin.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { useBrowser, openPage } from './harness.js';

const env = useBrowser();

/** Whether each of `selectors` is displayed (a hidden control is not). */
const shown = (page, selectors) => page.evaluate((list) => list.map((s) => {
  const el = document.querySelector(s);
  return el !== null && el.getClientRects().length > 0;
}), selectors);

test('hide= hides exactly the named controls, which keep the link\'s values', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url,
    '#hide=dataset,learningRate,network,optimizer&learningRate=0.3&dataset=xor&hiddenLayers=6&optimizer=momentum');
  const hidden = ['#dataset', 'label[for=dataset]', '#learning-rate', '#learning-rate-input', '#hidden-layers', '#neurons',
    '#layer-controls', '#optimizer', '#momentum'];
  assert.deepEqual(await shown(page, hidden), hidden.map(() => false));
  const kept = ['#points', '#noise', '#activation', '#batch-size', '#play', '#step', '#reset', '#plot', '#share', '#l1'];
  assert.deepEqual(await shown(page, kept), kept.map(() => true));
  const config = await page.evaluate(() => window.scratchnet.pg.config());
  assert.deepEqual([config.learningRate, config.dataset, config.hiddenLayers, config.optimizer], [0.3, 'xor', [6], 'momentum']);
  // The link goes on hiding them as the scene changes.
  await page.selectOption('#activation', 'relu');
  assert.match(await page.evaluate(() => location.hash), /&hide=dataset,network,learningRate,optimizer$/);
  assert.deepEqual(await shown(page, ['#dataset', '#momentum']), [false, false]);
  await context.close();
  assert.deepEqual(errors, []);
});

test('hide=editPoints: the plot takes no edits; a later visit hides nothing', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#hide=editPoints');
  const before = await page.evaluate(() => window.scratchnet.pg.pointCount());
  await page.locator('#plot').click({ position: { x: 40, y: 40 } });
  await page.focus('#plot');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.scratchnet.pg.pointCount()), before);
  // What this browser keeps for a visit without a link hides no control.
  await page.selectOption('#activation', 'relu');
  assert.doesNotMatch(await page.evaluate(() => localStorage.getItem('scratchnet-state')), /hide=/);
  await context.close();
});

test('an unknown name in hide= is named, the others are hidden', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#hide=noise,sliders');
  assert.match(await page.textContent('#message'), /hide: "sliders" is no control that can be hidden \(lesson, problem, dataset/);
  assert.deepEqual(await shown(page, ['#noise', '#points']), [false, true]);
  await context.close();
});

test('Share writes a link and an iframe snippet that hide what is ticked', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#dataset=circle');
  await page.click('#share');
  assert.equal(await page.isVisible('#share-dialog'), true);
  await page.check('#share-hide-problem');
  await page.check('#share-hide-features');
  const link = await page.inputValue('#share-link');
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#.*dataset=circle.*&hide=problem,features$/);
  await page.fill('#share-width', '640');
  await page.fill('#share-title-text', 'Circles "and" <more>');
  const snippet = await page.inputValue('#share-embed');
  assert.equal(snippet, `<iframe src="${link.replace(/&/g, '&amp;')}" width="640" height="700" `
    + 'title="Circles &quot;and&quot; &lt;more>" style="border:0" loading="lazy"></iframe>');
  await page.click('#share-copy-link');
  await page.waitForFunction(() => document.getElementById('share-status').textContent !== '');
  assert.match(await page.textContent('#share-status'), /^Link (copied|selected)/);
  await page.click('#share-close');
  assert.equal(await page.isVisible('#share-dialog'), false);
  // The link it wrote opens with those controls hidden.
  const opened = await context.newPage();
  await opened.goto(link);
  await opened.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(await shown(opened, ['#problem', '#feature-x', '#dataset']), [false, false, true]);
  await context.close();
  assert.deepEqual(errors, []);
});

test('embedded in an iframe on another origin, the page trains, takes clicks and asks for nothing', async () => {
  const inner = `${env.server.url}#hide=dataset,network,files&speed=2000`;
  const outer = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>A course page</title><h1>Lesson 3</h1>
      <iframe id="embed" src="${inner}" width="900" height="700" title="Scratchnet"></iframe>`);
  });
  await new Promise((resolve) => outer.listen(0, '127.0.0.1', resolve));
  // localhost and 127.0.0.1 are two origins: the course page is on the other one.
  const outerUrl = `http://localhost:${outer.address().port}/`;
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(outerUrl);
    const frame = page.frameLocator('#embed');
    await frame.locator('body[data-ready="true"]').waitFor({ timeout: 15000 });
    const inside = page.frames().find((f) => f.url().startsWith(env.server.url));
    assert.notEqual(new URL(inside.url()).origin, new URL(page.url()).origin, 'another origin');
    // Ready first, then the trainer settles (a worker starts in tens of milliseconds).
    await inside.waitForFunction(() => document.body.dataset.trainer !== undefined);
    assert.equal(await inside.evaluate(() => document.body.dataset.trainer), 'worker');
    await inside.waitForFunction(() => Number(document.getElementById('accuracy').dataset.value) >= 95, null, { timeout: 60000 });
    // A click inside the frame adds a point.
    const before = await inside.evaluate(() => window.scratchnet.pg.pointCount());
    await frame.locator('#plot').click({ position: { x: 40, y: 40 } });
    assert.equal(await inside.evaluate(() => window.scratchnet.pg.pointCount()), before + 1);
    assert.equal(await frame.locator('#dataset').isVisible(), false);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    outer.closeAllConnections?.();
    outer.close();
  }
});
