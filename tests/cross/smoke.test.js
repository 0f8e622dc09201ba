// The page's core in the engines a class has (issue 32 §1): Firefox (firefox-esr, driven over
// WebDriver BiDi by puppeteer-core) and WebKit (Safari's engine, every iPad browser's: WebKitGTK's
// MiniBrowser driven by WebKitWebDriver through selenium-webdriver, under xvfb). Chromium runs the
// whole suite in tests/e2e. In each engine: the default scene trains to 95 % in the worker, a click
// and a tap add points, the learning-rate slider sets η, a lesson runs, a file loads, and the page
// saw no error and no CSP violation (window.scratchnetProblems, kept by www/boot.js). WebKit also
// lays the page out for a tablet: 768 × 1024, the plot first, every control at least 44 px.
//
// Run under xvfb-run (scripts/test.sh does): `xvfb-run -a node --test tests/cross/`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { Builder, By } from 'selenium-webdriver';
import { startServer, findSmallControls } from '../e2e/harness.js';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
/** WebKitGTK's MiniBrowser, wherever this machine's architecture keeps it. */
const MINIBROWSER = process.env.MINIBROWSER || ['/usr/lib', ...fs.readdirSync('/usr/lib').filter((d) => d.endsWith('-linux-gnu')).map((d) => `/usr/lib/${d}`)]
  .map((dir) => `${dir}/webkit2gtk-4.1/MiniBrowser`).find((file) => fs.existsSync(file)) || '';

let server;
before(async () => { server = await startServer(); });
after(() => server.stop());

/** A table file for the "a file loads" check. */
const tableFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scratchnet-cross-')), 'blobs.csv');
fs.writeFileSync(tableFile, ['a,b,kind', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2 ? 'p' : 'q'}`)].join('\n'));

/** A free local port. */
const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/**
 * The checks every engine passes, through a driver's `run(fnSource, ...args)` (a function's text
 * run in the page, returning its value), `waitFor(fnSource, ms)`, `click(selector, x, y)` (a real
 * pointer click at that offset in the element) and `upload(selector, file)`.
 */
async function smoke(d) {
  await d.waitFor('() => document.body.dataset.ready === "true" && document.body.dataset.trainer !== undefined', 20000);
  assert.equal(await d.run('() => document.body.dataset.trainer'), 'worker', 'trains in a worker');
  await d.waitFor('() => Number(document.getElementById("accuracy").dataset.value) >= 95', 90000);
  // A click adds a point where it lands.
  const count = () => d.run('() => window.scratchnet.pg.pointCount()');
  const before = await count();
  await d.click('#plot', 30, 30);
  await d.waitFor(`() => window.scratchnet.pg.pointCount() === ${before + 1}`, 5000);
  // A tap: the pointer events a finger sends (pointerType "touch").
  await d.run(`() => {
    const plot = document.getElementById('plot');
    const r = plot.getBoundingClientRect();
    const at = { clientX: r.left + r.width - 40, clientY: r.top + r.height - 40, bubbles: true, pointerId: 7, pointerType: 'touch', isPrimary: true };
    plot.dispatchEvent(new PointerEvent('pointerdown', { ...at, buttons: 1 }));
    plot.dispatchEvent(new PointerEvent('pointerup', { ...at, buttons: 0 }));
  }`);
  await d.waitFor(`() => window.scratchnet.pg.pointCount() === ${before + 2}`, 5000);
  // The learning-rate slider sets η.
  await d.run(`() => {
    const s = document.getElementById('learning-rate');
    s.value = '800';
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }`);
  const rate = await d.run('() => window.scratchnet.pg.config().learningRate');
  assert.ok(rate > 0.1, `η ${rate} after the slider moved up`);
  assert.equal(await d.run('() => document.getElementById("learning-rate-value").textContent'), String(rate));
  // Inside the run (issue 31): scrub back to epoch 0 and return, gradients, the hidden space and
  // a landscape computed to its end, whose centre is the training loss shown.
  await d.run(`() => {
    const s = document.getElementById('timeline');
    s.value = '0';
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }`);
  await d.waitFor('() => document.getElementById("epoch").textContent === "0" && window.scratchnet.rewind.looking', 5000);
  await d.run('() => document.getElementById("timeline-live").click()');
  await d.waitFor('() => document.getElementById("epoch").textContent !== "0" && !window.scratchnet.rewind.looking', 5000);
  await d.run(`() => {
    const g = document.getElementById('show-gradients');
    g.checked = true;
    g.dispatchEvent(new Event('change', { bubbles: true }));
    document.querySelector('#hidden-space summary').click();
    document.getElementById('play').click();
  }`);
  await d.waitFor('() => window.scratchnet.gradients.latest?.length === 2 && /points and the plane/.test(document.getElementById("hidden-caption").textContent)', 10000);
  // Paused, and the page shows the twin's last steps: the map is computed through those weights.
  await d.run('() => window.scratchnet.trainer.probe().then(({ steps }) => { window.lastSteps = steps; })');
  await d.waitFor('() => window.lastSteps !== undefined && window.scratchnet.pg.steps() === window.lastSteps', 10000);
  await d.run('() => document.querySelector("#landscape summary").click()');
  await d.waitFor('() => /^Done/.test(document.getElementById("landscape-status").textContent)', 30000);
  assert.equal(await d.run('() => document.getElementById("landscape-centre").textContent'),
    await d.run('() => document.getElementById("train-loss").textContent'));
  await d.run('() => document.getElementById("play").click()');
  // A file loads: a table through Your data.
  await d.run(`() => { const s = document.getElementById('dataset'); s.value = 'own'; s.dispatchEvent(new Event('change', { bubbles: true })); }`);
  await d.upload('#data-import', tableFile);
  await d.waitFor('() => /blobs\\.csv: 40 rows/.test(document.getElementById("data-status").textContent)', 10000);
  await d.run('() => document.getElementById("data-use").click()');
  await d.waitFor('() => window.scratchnet.pg.config().dataset === "own" && window.scratchnet.pg.pointCount() === 40', 5000);
  // A lesson runs to its end.
  await d.run(`() => { const s = document.getElementById('lesson'); s.value = 'line'; s.dispatchEvent(new Event('change', { bubbles: true })); }`);
  await d.waitFor('() => document.getElementById("lesson-run") !== null && !document.getElementById("lesson-panel").hidden', 5000);
  await d.run(`() => {
    const pace = document.getElementById('lesson-pace');
    pace.value = 'instant';
    pace.dispatchEvent(new Event('change', { bubbles: true }));
    document.getElementById('lesson-run').click();
  }`);
  await d.waitFor('() => window.scratchnet.lessons.lesson.epoch() > 0 && document.getElementById("lesson-panel").dataset.running === "false"', 30000);
  assert.match(await d.run('() => document.querySelector(\'#lesson-panel [data-name="accuracy"]\').textContent'), /\d+(\.\d+)? ?%/);
  assert.deepEqual(await d.run('() => window.scratchnetProblems'), [], 'no error, no CSP violation');
}

test('Firefox (firefox-esr over WebDriver BiDi): the core of the page works', { skip: !fs.existsSync(FIREFOX) && `no ${FIREFOX}` }, async () => {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}#speed=2000`);
    await smoke({
      run: (fn) => page.evaluate(`(${fn})()`),
      waitFor: (fn, timeout) => page.waitForFunction(`(${fn})()`, { timeout }),
      click: async (selector, x, y) => {
        const box = await (await page.$(selector)).boundingBox();
        await page.mouse.click(box.x + x, box.y + y);
      },
      upload: async (selector, file) => (await page.$(selector)).uploadFile(file),
    });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('WebKit (WebKitGTK MiniBrowser, Safari\'s engine): the core of the page works, and a tablet layout', {
  skip: (!fs.existsSync(WEBKIT_DRIVER) && `no ${WEBKIT_DRIVER}`) || (!MINIBROWSER && 'no WebKitGTK MiniBrowser')
    || (!process.env.DISPLAY && 'no display: run under xvfb-run'),
}, async () => {
  const port = await freePort();
  const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore' });
  let d;
  let last;
  try {
    for (let i = 0; i < 50 && !d; i += 1) {
      try {
        d = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        }).build();
      } catch (e) {
        last = e;
        await new Promise((r) => setTimeout(r, 200)); // the driver is not listening yet
      }
    }
    assert.ok(d, `WebKitWebDriver started a session (${last?.message})`);
    await d.manage().window().setRect({ width: 1280, height: 900 });
    await d.get(`${server.url}#speed=2000`);
    const run = (fn) => d.executeScript(`return (${fn})()`);
    await smoke({
      run,
      // A script run while the page is still loading can fail to return: that is "not yet".
      waitFor: (fn, timeout) => d.wait(async () => run(fn).catch(() => false), timeout),
      click: async (selector, x, y) => {
        const el = await d.findElement(By.css(selector));
        const rect = await el.getRect();
        // Offsets are from the element's centre in WebDriver actions.
        await d.actions().move({ origin: el, x: Math.round(x - rect.width / 2), y: Math.round(y - rect.height / 2) }).click().perform();
      },
      upload: async (selector, file) => d.findElement(By.css(selector)).sendKeys(file),
    });
    // A tablet held upright: the plot first, every control a finger can hit.
    await d.manage().window().setRect({ width: 768, height: 1024 });
    // A new document (not a hash change, which the page answers by reloading itself later).
    await d.get('about:blank');
    await d.get(`${server.url}?tablet#speed=300`);
    await d.wait(async () => run('() => document.body.dataset.ready === "true"').catch(() => false), 20000);
    const layout = await run(`() => {
      const top = (s) => document.querySelector(s).getBoundingClientRect().top;
      return { width: innerWidth, plot: top('#plot'), data: top('.data-panel'), model: top('.model-panel') };
    }`);
    layout.small = await run(findSmallControls.toString());
    assert.ok(layout.width >= 700 && layout.width <= 768, `the window is a tablet's (${layout.width} px)`);
    assert.ok(layout.plot < layout.data && layout.plot < layout.model, `the plot comes first: ${JSON.stringify(layout)}`);
    assert.deepEqual(layout.small, [], 'every control is at least 44 px tall');
  } finally {
    await d?.quit();
    driverProcess.kill();
  }
});
