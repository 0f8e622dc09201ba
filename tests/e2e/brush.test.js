// The brush: with Brush on (or B held), a press and drag sprays points of the class a click adds
// around the pointer; one Undo takes the whole stroke back. Touch sprays too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, pause } from './harness.js';

const env = useBrowser();

/** The plot's client coordinates of plane point (x, y). */
async function clientAt(page, x, y) {
  const box = await page.locator('#plot').boundingBox();
  return [box.x + ((x + 1) / 2) * box.width, box.y + ((1 - y) / 2) * box.height];
}

test('a brush stroke sprays points of the chosen class and undoes in one step', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await pause(page);
  assert.equal(await page.isVisible('#brush-settings'), false);
  await page.check('#brush');
  assert.equal(await page.isVisible('#brush-settings'), true);
  await page.selectOption('#class-select', '0');
  const before = await page.evaluate(() => ({ n: window.scratchnet.pg.pointCount(), c0: window.scratchnet.pg.classCount(0) }));
  const [x0, y0] = await clientAt(page, -0.6, 0.6);
  const [x1, y1] = await clientAt(page, 0.2, 0.6);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 10; i += 1) await page.mouse.move(x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10);
  await page.mouse.up();
  const after = await page.evaluate(() => ({ n: window.scratchnet.pg.pointCount(), c0: window.scratchnet.pg.classCount(0) }));
  const added = after.n - before.n;
  assert.ok(added >= 20, `a stroke of 11 sprays at density 3 added ${added} points`);
  assert.equal(after.c0 - before.c0, added, 'all of the chosen class');
  // Sprayed where the stroke went: within the radius (0.1) of its line from (−0.6, 0.6) to (0.2, 0.6).
  const stray = await page.evaluate((n0) => {
    const p = window.scratchnet.pg.points();
    const fresh = [];
    for (let i = 0; i < p.length; i += 4) if (!(p[i + 3] & 1)) fresh.push([p[i], p[i + 1]]);
    return fresh.slice(-(window.scratchnet.pg.pointCount() - n0)).filter(([x, y]) => x < -0.71 || x > 0.31 || Math.abs(y - 0.6) > 0.11).length;
  }, before.n);
  assert.equal(stray, 0, 'every sprayed point lies within the brush of the stroke');
  await page.click('#undo');
  const undone = await page.evaluate(() => window.scratchnet.pg.pointCount());
  assert.equal(undone, before.n, 'one Undo takes the whole stroke back');
  // Without the brush a drag on empty plot adds nothing.
  await page.uncheck('#brush');
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps: 5 });
  await page.mouse.up();
  assert.equal(await page.evaluate(() => window.scratchnet.pg.pointCount()), before.n);
  await context.close();
  assert.deepEqual(errors, []);
});

test('holding B sprays, and a touch drag sprays with the brush on', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await pause(page);
  const n0 = await page.evaluate(() => window.scratchnet.pg.pointCount());
  const [x0, y0] = await clientAt(page, 0.5, -0.5);
  await page.locator('#plot').focus();
  await page.keyboard.down('b');
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 30, y0 + 5, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('b');
  const n1 = await page.evaluate(() => window.scratchnet.pg.pointCount());
  assert.ok(n1 - n0 >= 9, `B held: ${n1 - n0} points sprayed`);
  // B released: a click adds one point.
  await page.mouse.click(x0, y0 - 40);
  assert.equal(await page.evaluate(() => window.scratchnet.pg.pointCount()), n1 + 1);
  // Touch: pointer events of a finger, brush on.
  await page.check('#brush');
  const sprayed = await page.evaluate(([x, y]) => {
    const canvas = document.getElementById('plot');
    const n = window.scratchnet.pg.pointCount();
    const ev = (type, dx) => canvas.dispatchEvent(new PointerEvent(type, {
      pointerId: 7, pointerType: 'touch', isPrimary: true, button: type === 'pointermove' ? -1 : 0,
      clientX: x + dx, clientY: y, bubbles: true,
    }));
    ev('pointerdown', 0);
    for (let dx = 4; dx <= 24; dx += 4) ev('pointermove', dx);
    ev('pointerup', 24);
    return window.scratchnet.pg.pointCount() - n;
  }, [x0, y0 + 60]);
  assert.ok(sprayed >= 12, `a touch stroke sprayed ${sprayed}`);
  await context.close();
  assert.deepEqual(errors, []);
});
