// Writes a screenshot of the playground once it has trained 60 epochs: `npm run screenshot` refreshes
// the README's picture. node scripts/screenshot.mjs [out.png] [hash]
// (default docs/screenshots/playground.png)
import { startServer, launch, openPage, ROOT } from '../tests/e2e/harness.js';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

const out = path.resolve(ROOT, process.argv[2] || 'docs/screenshots/playground.png');
const hash = process.argv[3] || '';
mkdirSync(path.dirname(out), { recursive: true });
const server = await startServer();
const browser = await launch();
try {
  const { page, errors } = await openPage(browser, server.url, hash);
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 60, null, { timeout: 60000 });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`screenshot: ${out}${errors.length ? `\nconsole errors: ${errors.join('\n')}` : ''}`);
} finally {
  await browser.close();
  server.stop();
}
