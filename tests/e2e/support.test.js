// What differs by engine (issue 32 §1): a browser without module workers trains on the page's own
// thread and says so; one without WebAssembly SIMD gets a message naming what is missing, never a
// blank page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.js';

const env = useBrowser();

/** Opens the page with `init` run before any of its scripts. */
async function openWith(init) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(init);
  await page.goto(`${env.server.url}#speed=2000`);
  return { page, context };
}

test('no module workers: the page trains on its own thread and says so', async () => {
  const { page, context } = await openWith(() => {
    // A Worker that cannot load a module script, as an engine without module workers behaves.
    window.Worker = class { constructor() { throw new TypeError('module workers are not supported'); } };
  });
  await page.waitForSelector('body[data-trainer="main"]', { timeout: 20000 });
  assert.match(await page.textContent('#message'), /could not start the training worker.*trains on the page's own thread/);
  await page.waitForFunction(() => Number(document.getElementById('accuracy').dataset.value) >= 95, null, { timeout: 60000 });
  await context.close();
});

test('no WebAssembly SIMD: a message names it, the page is not left blank', async () => {
  const { page, context } = await openWith(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (bytes.length === 31 ? false : validate(bytes));
  });
  await page.waitForFunction(() => /could not start: this browser cannot run WebAssembly SIMD/.test(document.getElementById('message').textContent));
  assert.match(await page.textContent('#message'), /Safari 16\.4/);
  assert.equal(await page.isVisible('#message'), true);
  await context.close();
});
