import { chromium } from '/work/main/node_modules/playwright-core/index.mjs';
import { startServer, CHROMIUM_ARGS } from '/work/main/tests/e2e/harness.js';
const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const sizes = JSON.parse(process.argv[2] ?? '[[1280,800]]');
const hash = process.argv[3] ?? '';
for (const [w, h, scale] of sizes) {
  const context = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: scale ?? 1 });
  const page = await context.newPage();
  await page.goto(server.url + hash);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForTimeout(1500);
  const r = await page.evaluate(() => {
    const box = (id) => { const b = document.getElementById(id)?.getBoundingClientRect(); return b && [Math.round(b.top), Math.round(b.bottom), Math.round(b.left), Math.round(b.width)]; };
    return { plot: box('plot'), chart: box('loss-chart'), network: box('network'), data: box('problem') };
  });
  console.log(w, h, JSON.stringify(r));
  await page.screenshot({ path: `/tmp/shot-${w}x${h}.png` });
  await context.close();
}
await browser.close(); server.stop();
