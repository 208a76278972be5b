// /admin/ (Decap CMS) in Debian's chromium with the local backend: the page
// loads without console errors and without requests to other hosts than
// the site and decap-server, lists the story collection with the existing
// story, opens it, changes the summary in the form and saves; then waits
// until the file on disk holds the new text.
// Usage: node admin.test.mjs BASE_URL STORY_FILE [SCREENSHOT_DIR]
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [base, storyFile, shots] = process.argv.slice(2);
if (!storyFile) throw new Error('usage: node admin.test.mjs BASE_URL STORY_FILE [SCREENSHOT_DIR]');
const summary = 'Due scuole si scrivono lettere sul mare. Scritto dalla redazione web.';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const failures = [];
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.on('console', (msg) => {
  if (msg.type() === 'error') failures.push(`console: ${msg.text()} (${msg.location().url})`);
});
page.on('pageerror', (error) => failures.push(`page error: ${error.message || error}`));
page.on('response', (response) => { if (response.status() >= 400) failures.push(`${response.status()} for ${response.url()}`); });
page.on('request', (request) => {
  const url = new URL(request.url());
  if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    failures.push(`request to another host: ${request.url()}`);
  }
});
const shot = async (name) => { if (shots) await page.screenshot({ path: `${shots}/admin-${name}.png`, fullPage: true }); };

try {
  const response = await page.goto(`${base}/admin/`, { waitUntil: 'load' });
  if (response.status() !== 200) throw new Error(`/admin/ answered ${response.status()}`);
  // The local backend needs no credentials, but Decap shows its login button first.
  const login = page.getByRole('button', { name: /accedi|login|entra/i });
  const story = page.getByText('Lettere dal mare', { exact: false }).first();
  await Promise.race([login.waitFor({ timeout: 30000 }), story.waitFor({ timeout: 30000 })]);
  if (await login.isVisible()) await login.click();
  await page.getByText('Esperienze').first().waitFor({ timeout: 30000 });
  await story.waitFor({ timeout: 30000 });
  await shot('collection');
  await story.click();

  const field = page.getByLabel('Sommario', { exact: false }).first();
  await field.waitFor({ timeout: 30000 });
  await field.fill(summary);
  await shot('edited');
  // Simple publishing (decap-server on files): "Pubblica" opens a menu with "Pubblica ora".
  const publish = page.getByRole('button', { name: /^pubblica$/i }).first();
  await publish.click();
  await shot('menu');
  const now = page.getByText(/pubblica ora/i).first();
  await now.click();

  const deadline = Date.now() + 20000;
  while (!readFileSync(storyFile, 'utf8').includes(summary)) {
    if (Date.now() > deadline) throw new Error(`the form's save did not reach ${storyFile}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await shot('saved');
} catch (error) {
  failures.push(error.message);
  await shot('failure').catch(() => {});
}
await browser.close();
if (failures.length) {
  console.error(failures.map((f) => `FAIL ${f}`).join('\n'));
  process.exit(1);
}
console.log('admin in the browser: ok');
