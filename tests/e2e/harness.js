// Shared set-up for the end-to-end tests: a static server on a free localhost port (scripts/serve.mjs,
// the server `npm start` uses) and Debian's Chromium driven by playwright-core.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { before, after, afterEach } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts the static server (with `bench`, also the benchmark's files); resolves to { url, stop }. */
export async function startServer({ bench = false } = {}) {
  const port = await freePort();
  const args = [path.join(ROOT, 'scripts', 'serve.mjs'), '--quiet', ...(bench ? ['--bench'] : [])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT, stdio: 'ignore', env: { ...process.env, PORT: String(port) },
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill() };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`the static server did not start on ${url}`);
}

/** Launches Chromium (CHROMIUM overrides the path). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens the page at `hash` and records console errors and requests leaving the server.
 * Resolves once the page says it is ready.
 */
export async function openPage(browser, url, hash = '', viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(url) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  // Content-Security-Policy violations, as the page itself sees them.
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url + hash);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return { page, context, errors, foreign };
}

/**
 * Registers before/after hooks that start the server and Chromium once for a test file; the
 * returned object's `server` and `browser` are set once the hooks ran.
 */
export function useBrowser({ bench = false } = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer({ bench });
    env.browser = await launch();
  });
  // A page left open keeps its worker training: every test's pages are closed when it ends, so
  // that none takes the machine from the tests after it.
  afterEach(async () => {
    for (const context of env.browser?.contexts() ?? []) await context.close();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

/**
 * Waits until the page shows the training worker's latest state: after a pause, the twin's last
 * steps are drawn; after a Step, its epoch. (On the main thread there is nothing to wait for.)
 */
export async function settle(page) {
  await page.evaluate(async () => {
    const { trainer, pg } = window.scratchnet;
    if (!trainer || trainer.kind !== 'worker') return;
    // Bounded: a twin that never answers fails the test that waits on it, naming why, never hangs it.
    const late = (what) => new Promise((resolve, reject) => setTimeout(() => reject(new Error(`settle: ${what} after 30 s`)), 30000));
    const { steps } = await Promise.race([trainer.probe(), late('no answer from the training worker')]);
    await Promise.race([new Promise((resolve) => {
      const check = () => (pg.steps() >= steps && !trainer.stepping ? resolve() : requestAnimationFrame(check));
      check();
    }), late(`the page's steps short of the worker's ${steps}`)]);
  });
}

/** Pauses training (if it runs) and waits for the page to show where it stopped. */
export async function pause(page) {
  if ((await page.getAttribute('#play', 'aria-pressed')) === 'true') await page.click('#play');
  await page.waitForFunction(() => window.scratchnet.trainer !== null);
  await settle(page);
}

/** Clicks Step and waits for its epoch to be trained and shown. */
export async function step(page) {
  await page.click('#step');
  await page.waitForFunction(() => !window.scratchnet.trainer.stepping);
  await settle(page);
}

/**
 * Every visible control smaller than 44 px either way (a checkbox counts by its label). The
 * diagram's neurons are the one exception: each is the size of its map (26 px at most, down to
 * 10 px in a layer of 64), a place to look rather than a control that changes anything, and every
 * one is also reached from the keyboard (the arrow keys move between them).
 */
export function findSmallControls() {
  const small = [];
  for (const el of document.querySelectorAll('button, select, input, summary, a[href], [tabindex="0"]')) {
    if (el.type === 'hidden' || el.type === 'file' || el.closest('[hidden]') || el.closest('details:not([open])')) continue;
    if (el.matches('#network-neurons .neuron')) continue;
    const target = el.type === 'checkbox' && el.closest('label') ? el.closest('label') : el;
    const box = target.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.height < 44 || box.width < 44) small.push(`${el.id || el.tagName} ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return small;
}
