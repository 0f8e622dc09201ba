// Two toggles from TF Playground: *Show test data* hides the test points, *Discretize
// output* paints each cell the predicted class's colour without shading; both travel in the hash.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './harness.js';

const env = useBrowser();

/** The plot's pixel (RGBA) at plane point (x, y). */
const pixelAt = (page, x, y) => page.evaluate(([px, py]) => {
  const canvas = document.getElementById('plot');
  const size = canvas.width;
  const ctx = canvas.getContext('2d');
  return Array.from(ctx.getImageData(Math.round(((px + 1) / 2) * size), Math.round(((1 - py) / 2) * size), 1, 1).data);
}, [x, y]);

/** The plot's pixels (RGBA) in a 15 × 15 patch centred on plane point (x, y). */
const patchAt = (page, x, y) => page.evaluate(([px, py]) => {
  const canvas = document.getElementById('plot');
  const size = canvas.width;
  const ctx = canvas.getContext('2d');
  return Array.from(ctx.getImageData(Math.round(((px + 1) / 2) * size) - 7, Math.round(((1 - py) / 2) * size) - 7, 15, 15).data);
}, [x, y]);

/** Waits for two animation frames, so the plot shows what was last set. */
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('Show test data hides the test points and Discretize output drops the shading; both in the hash', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#speed=2000');
  assert.equal(await page.isChecked('#show-test'), true);
  assert.equal(await page.isChecked('#discretize'), false);
  await page.waitForFunction(() => Number(document.getElementById('accuracy').dataset.value) >= 90);
  await page.click('#play'); // pause: the picture stands still
  // Once the twin has taken the pause, the page shows where it stopped.
  const stopped = await page.evaluate(async () => (await window.scratchnet.trainer.probe()).steps);
  await page.waitForFunction((steps) => window.scratchnet.pg.steps() === steps, stopped);
  await page.waitForFunction(() => window.scratchnet.boundary.shown?.res >= Math.round(document.getElementById('plot').getBoundingClientRect().width) && !window.scratchnet.boundary.refining);
  await frames(page);
  // A test point, drawn as a ring: its centre's pixel changes when test points are hidden.
  const [tx, ty] = await page.evaluate(() => {
    const p = window.scratchnet.pg.points();
    for (let i = 0; i < p.length; i += 4) if (p[i + 3] & 1) return [p[i], p[i + 1]];
    return null;
  });
  const shown = await patchAt(page, tx, ty);
  await page.uncheck('#show-test');
  await frames(page);
  const hidden = await patchAt(page, tx, ty);
  assert.notDeepEqual(hidden, shown, 'the test point is no longer drawn');
  assert.match(await page.evaluate(() => location.hash), /showTest=0/);
  // A cell the network calls class 1 without much confidence, away from points and the contour.
  const spot = await page.evaluate(() => {
    const { res, probabilities } = window.scratchnet.boundary.shown;
    const pts = window.scratchnet.pg.points();
    const at = (r, c) => probabilities[r * res + c];
    for (let r = 8; r < res - 8; r += 4) {
      for (let c = 8; c < res - 8; c += 4) {
        let ok = at(r, c) >= 0.55 && at(r, c) <= 0.9;
        for (let dr = -8; ok && dr <= 8; dr += 1) for (let dc = -8; ok && dc <= 8; dc += 1) ok = at(r + dr, c + dc) >= 0.5;
        const [x, y] = [((c + 0.5) / res) * 2 - 1, 1 - ((r + 0.5) / res) * 2];
        for (let i = 0; ok && i < pts.length; i += 4) ok = Math.hypot(pts[i] - x, pts[i + 1] - y) > 0.06;
        if (ok) return [x, y];
      }
    }
    return null;
  });
  assert.ok(spot, 'a pale class-1 cell exists');
  const shaded = await pixelAt(page, ...spot);
  await page.check('#discretize');
  await frames(page);
  const flat = await pixelAt(page, ...spot);
  // The full class-1 tint: crate/view/boundary.rs's colour at p = 1.
  const full = [119, 141, 173];
  assert.ok(shaded[0] > full[0] + 10, `shaded ${shaded} is paler than the full tint`);
  assert.ok(flat.slice(0, 3).every((v, i) => Math.abs(v - full[i]) <= 2), `discretized ${flat} is the full tint`);
  assert.match(await page.evaluate(() => location.hash), /discretize=1/);
  await context.close();
  // The link brings both back.
  const again = await openPage(env.browser, env.server.url, '#showTest=0&discretize=1');
  assert.equal(await again.page.isChecked('#show-test'), false);
  assert.equal(await again.page.isChecked('#discretize'), true);
  await again.context.close();
  assert.deepEqual(errors, []);
});
