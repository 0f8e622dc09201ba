// The shipped data sets on the page: Palmer penguins and Fisher's irises, in the link like any data
// set, their species in the legend and the class menu, their source on the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.js';

const env = useBrowser();

test('penguins: species named, source shown, 95 % on held-out penguins', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#problem=multi-class&dataset=penguins&speed=2000');
  assert.equal(await page.inputValue('#dataset'), 'penguins');
  assert.equal(await page.evaluate(() => window.scratchnet.pg.pointCount()), 342);
  const source = await page.textContent('#dataset-source');
  assert.match(source, /x: bill length \(mm\), y: bill depth \(mm\)/);
  assert.match(source, /Palmer Station LTER.*palmerpenguins.*CC0/);
  assert.match(await page.textContent('#legend-classes'), /Adélie.*Chinstrap.*Gentoo/s);
  const options = await page.$$eval('#class-select option', (os) => os.map((o) => o.textContent));
  assert.deepEqual(options, ['Adélie (orange squares)', 'Chinstrap (blue circles)', 'Gentoo (green triangles)']);
  await page.waitForFunction(() => Number(document.getElementById('accuracy').dataset.value) >= 95, null, { timeout: 60000 });
  assert.match(await page.evaluate(() => location.hash), /dataset=penguins/);
  // Back to a generated set: numbered classes, no source.
  await page.selectOption('#dataset', 'spiral');
  assert.equal(await page.isVisible('#dataset-source'), false);
  assert.match(await page.textContent('#legend-classes'), /class 0/);
  await context.close();
  assert.deepEqual(errors, []);
});

test('irises come from a link, with four classes asked for: three, and the reason said', async () => {
  const { page, context } = await openPage(env.browser, env.server.url, '#problem=multi-class&classes=4&dataset=iris');
  assert.equal(await page.evaluate(() => window.scratchnet.pg.config().classes), 3);
  assert.equal(await page.evaluate(() => window.scratchnet.pg.pointCount()), 150);
  assert.match(await page.textContent('#message'), /classes: the iris data set has 3 classes, its species/);
  assert.match(await page.textContent('#dataset-source'), /petal length \(cm\).*Fisher/s);
  await context.close();
});
