// Into a slide (issue 31 §5): #snapshot saves a PNG of the plot and the loss chart redrawn at twice
// the screen's CSS pixels; #record saves a WebM of them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBrowser, openPage } from './harness.js';

const env = useBrowser();

test('Snapshot saves a PNG at twice the CSS pixels of the plot and the chart, of the size it states', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#speed=500');
  await page.waitForFunction(() => window.scratchnet.pg.epoch() > 5);
  const css = await page.evaluate(() => ['#plot', '#loss-chart'].map((s) => document.querySelector(s).getBoundingClientRect().width));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#snapshot')]);
  assert.match(download.suggestedFilename(), /^scratchnet-epoch-\d+\.png$/);
  const png = fs.readFileSync(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  assert.equal(await page.getAttribute('#snapshot', 'data-size'), `${width}x${height}`);
  assert.match(await page.textContent('#message'), new RegExp(`Saved a ${width} × ${height} PNG`));
  assert.ok(width >= 2 * (css[0] + css[1]), `${width} px wide for a plot of ${css[0]} and a chart of ${css[1]} CSS px`);
  assert.ok(height >= 2 * css[0], `${height} px tall`);
  assert.ok(png.length > 20000, `${png.length} bytes: a picture, not a blank`);
  await context.close();
  assert.deepEqual(errors, []);
});

test('Record saves a WebM of the plot and the chart as they train', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#speed=200');
  await page.click('#record');
  assert.equal(await page.getAttribute('#record', 'aria-pressed'), 'true');
  await page.waitForTimeout(1500);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#record')]);
  assert.match(download.suggestedFilename(), /\.webm$/);
  const webm = fs.readFileSync(await download.path());
  assert.deepEqual([...webm.subarray(0, 4)], [0x1a, 0x45, 0xdf, 0xa3], 'a WebM (Matroska) file');
  assert.ok(webm.length > 2000, `${webm.length} bytes`);
  assert.equal(await page.getAttribute('#record', 'aria-pressed'), 'false');
  await context.close();
  assert.deepEqual(errors, []);
});
