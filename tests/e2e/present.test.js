// The projector view and the dark theme (issue 32 §4): the plot and the loss chart fill the
// screen, every text at least 24 px, only play, step, reset and the learning rate left; P enters,
// Esc leaves; and the dark theme turns the page's colours (axe-core checks both in access.test.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage } from './harness.js';

const env = useBrowser();

/** Every visible control and every visible text's smallest font size. */
const survey = (page) => page.evaluate(() => {
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const controls = Array.from(document.querySelectorAll('button, select, input, textarea, summary, a[href]'))
    .filter((el) => visible(el) && !el.classList.contains('neuron') && !el.closest('dialog:not([open])'))
    .map((el) => el.id || el.tagName);
  let smallest = Infinity;
  let where = '';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !visible(el) || el.closest('.visually-hidden, #network-neurons')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest) { smallest = size; where = `${el.tagName}#${el.id}.${el.className}: ${n.textContent.trim().slice(0, 30)}`; }
  }
  const plot = document.getElementById('plot').getBoundingClientRect();
  const chart = document.getElementById('loss-chart').getBoundingClientRect();
  return { controls, smallest, where, plot: [plot.width, plot.height], chart: [chart.width, chart.height],
    viewport: [innerWidth, innerHeight] };
});

test('Present: the plot and chart fill the screen, text ≥ 24 px, four controls; P enters, Esc leaves', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, '#speed=500', { width: 1280, height: 800 });
  await page.focus('#plot');
  await page.keyboard.press('p');
  assert.equal(await page.getAttribute('#present', 'aria-pressed'), 'true');
  const s = await survey(page);
  assert.deepEqual(s.controls.sort(), ['play', 'present', 'present-rate', 'reset', 'step'].sort());
  assert.ok(s.smallest >= 24, `smallest text ${s.smallest} px (${s.where})`);
  // Side by side under the header: the plot as tall as the screen leaves, the chart the rest of the width.
  assert.ok(s.plot[1] >= 0.7 * s.viewport[1], `plot ${s.plot} in ${s.viewport}`);
  assert.ok(s.plot[0] + s.chart[0] >= 0.85 * s.viewport[0], `plot ${s.plot} and chart ${s.chart} across ${s.viewport}`);
  // The projector's slider sets the learning rate, and the page's own slider follows.
  await page.locator('#present-rate').fill('900');
  const rate = await page.evaluate(() => window.scratchnet.pg.config().learningRate);
  assert.ok(rate > 1, `η ${rate}`);
  assert.equal(await page.textContent('#present-rate-value'), String(rate));
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#present', 'aria-pressed'), 'false');
  assert.equal(await page.isVisible('.data-panel'), true);
  assert.equal(await page.inputValue('#learning-rate'), '900');
  await context.close();
  assert.deepEqual(errors, []);
});

test('the dark theme follows the system, the plot stays on white', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector('body[data-ready="true"]');
  const colours = await page.evaluate(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    panel: getComputedStyle(document.querySelector('.panel')).backgroundColor,
    text: getComputedStyle(document.querySelector('.panel label')).color,
    plot: getComputedStyle(document.getElementById('plot')).backgroundColor,
  }));
  assert.deepEqual(colours, { body: 'rgb(15, 22, 28)', panel: 'rgb(25, 34, 42)', text: 'rgb(169, 181, 192)', plot: 'rgb(255, 255, 255)' });
  await context.close();
});
