// Writes a screenshot of the playground once it has trained 60 epochs: `npm run screenshot` refreshes
// the README's pictures. node scripts/screenshot.mjs [out.png] [hash] [keep]
// (default docs/screenshots/playground.png). With `keep`: trains 150 epochs, keeps the run, switches
// the hidden activation to ReLU and trains 150 more, so the picture compares two runs.
import { startServer, launch, openPage, ROOT } from '../tests/e2e/harness.js';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

const out = path.resolve(ROOT, process.argv[2] || 'docs/screenshots/playground.png');
const hash = process.argv[3] || '';
const keep = process.argv[4] === 'keep';
mkdirSync(path.dirname(out), { recursive: true });
const server = await startServer();
const browser = await launch();
try {
  const { page, errors } = await openPage(browser, server.url, hash);
  const epochs = (n) => page.waitForFunction((e) => Number(document.getElementById('epoch').textContent) >= e, n, { timeout: 60000 });
  if (keep) {
    await epochs(150);
    await page.click('#keep-run');
    await page.selectOption('#activation', 'relu');
    await epochs(150);
  }
  await epochs(60);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`screenshot: ${out}${errors.length ? `\nconsole errors: ${errors.join('\n')}` : ''}`);
} finally {
  await browser.close();
  server.stop();
}
