// The built site in Debian's chromium: home, a story, a term page, a term
// list and the 404 page load without console errors, failed requests or
// requests to other hosts; axe-core finds no violation (WCAG 2.1 A/AA and
// best practices); the skip link is the first stop of the keyboard and
// moves focus to the main content; nothing scrolls sideways at 360 px.
// Usage: node pages.test.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [base, shots] = process.argv.slice(2);
if (!base) throw new Error('usage: node pages.test.mjs BASE_URL [SCREENSHOT_DIR]');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const failures = [];
const pages = [
  ['/', 'home'],
  ['/esperienze/', 'list'],
  ['/esperienze/holidays-in-a-box/', 'story'],
  ['/esperienze/livello/primaria/', 'term'],
  ['/esperienze/competenza/', 'terms'],
  ['/cos-e-etwinning/', 'page'],
  ['/numeri/', 'numeri'],
  ['/pagina-che-non-esiste/', '404'],
];
for (const [path, name] of pages) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  page.on('console', (msg) => {
    // The 404 page answers 404 on purpose; chromium logs that as an error.
    if (msg.type() === 'error' && !(name === '404' && msg.text().includes('404'))) failures.push(`${path}: console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => failures.push(`${path}: page error: ${error.message}`));
  page.on('requestfailed', (request) => failures.push(`${path}: failed request ${request.url()}`));
  page.on('request', (request) => { if (!request.url().startsWith(base)) failures.push(`${path}: request to another host: ${request.url()}`); });
  const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
  const expected = name === '404' ? 404 : 200;
  if (response.status() !== expected) failures.push(`${path}: status ${response.status()}, expected ${expected}`);

  // Keyboard: the first Tab lands on the skip link, Enter moves to <main>.
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.getAttribute('href'));
  if (first !== '#contenuto') failures.push(`${path}: the first Tab stop is ${first}, not the skip link`);
  await page.keyboard.press('Enter');
  const inMain = await page.evaluate(() => document.activeElement.id === 'contenuto' || location.hash === '#contenuto');
  if (!inMain) failures.push(`${path}: the skip link does not reach the main content`);

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) failures.push(`${path}: scrolls sideways by ${overflow}px at 360px`);

  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  for (const violation of axe.violations) {
    failures.push(`${path}: axe ${violation.id} (${violation.impact}): ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  await context.close();
}
await browser.close();
if (failures.length) {
  console.error(failures.map((f) => `FAIL ${f}`).join('\n'));
  process.exit(1);
}
console.log(`pages in the browser: ok (${pages.length} pages)`);
