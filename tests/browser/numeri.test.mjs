// /numeri/ in Debian's chromium at 320, 360, 768 and 1280 px:
//   - no console error, no failed request, no request to another host;
//   - axe-core finds no violation (WCAG 2.1 A/AA, best practices), with the
//     data tables closed and opened;
//   - nothing scrolls sideways;
//   - every chart: role="img" named by its <title> and <desc>; every text of
//     the chart inside the drawing (nothing clipped), no two texts overlapping,
//     the smallest text at least 11 px on screen; shapes coloured by the
//     theme (not the default black);
//   - every CSV link answers 200 with text/csv.
// Screenshots (whole page, tables open at 320 px) go to SCREENSHOT_DIR.
// Usage: node tests/browser/numeri.test.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [base, shots] = process.argv.slice(2);
if (!base || !shots) throw new Error('usage: node numeri.test.mjs BASE_URL SCREENSHOT_DIR');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const failures = [];
const fail = (where, message) => failures.push(`${where}: ${message}`);

async function axeCheck(page, where) {
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), axeTags);
  for (const violation of result.violations) {
    for (const node of violation.nodes) {
      fail(where, `axe ${violation.id}: ${node.target.join(' ')}: ${node.html.replace(/\s+/g, ' ').slice(0, 140)}`);
    }
  }
}

// What every chart on the page looks like on screen.
function measureCharts() {
  const report = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const id = svg.closest('figure')?.id || '?';
    const labelled = (svg.getAttribute('aria-labelledby') || '').split(' ').map((i) => document.getElementById(i));
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.getBBox().width > 0);
    const outside = [];
    const overlaps = [];
    let smallest = Infinity;
    const rects = texts.map((t) => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
      const r = rects[i];
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
        outside.push(t.textContent);
      }
      for (let j = 0; j < i; ++j) {
        const o = rects[j];
        const w = Math.min(r.right, o.right) - Math.max(r.left, o.left);
        const h = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
        // Glyph boxes include line gaps: a sliver of contact is not an overlap.
        if (w > 1 && h > Math.min(r.height, o.height) * 0.3) overlaps.push(`${texts[j].textContent} / ${t.textContent}`);
      }
    });
    const black = [...svg.querySelectorAll('.bar, .slice, .point, .tile rect')]
      .filter((shape) => getComputedStyle(shape).fill === 'rgb(0, 0, 0)').length;
    report.push({
      id,
      role: svg.getAttribute('role'),
      names: labelled.map((element) => element && element.parentNode === svg ? element.textContent.trim() : null),
      width: box.width, smallest, outside, overlaps, black,
    });
  }
  return report;
}

const widths = [320, 360, 768, 1280];
let charts = 0;
for (const width of widths) {
  const where = `/numeri/ (${width}px)`;
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.route((url) => !url.href.startsWith(base), (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  page.on('console', (message) => { if (message.type() === 'error') fail(where, `console: ${message.text()}`); });
  page.on('pageerror', (error) => fail(where, `page error: ${error.message}`));
  page.on('requestfailed', (request) => fail(where, `failed request ${request.url()}`));
  page.on('request', (request) => { if (!request.url().startsWith(base)) fail(where, `request to another host: ${request.url()}`); });
  const response = await page.goto(`${base}/numeri/`, { waitUntil: 'load' });
  if (response.status() !== 200) fail(where, `status ${response.status()}`);
  await page.addScriptTag({ content: axeSource });
  await axeCheck(page, where);

  const report = await page.evaluate(measureCharts);
  if (report.length === 0) fail(where, 'no chart on the page');
  charts = report.length;
  for (const chart of report) {
    const at = `${where} #${chart.id}`;
    if (chart.role !== 'img') fail(at, `role="${chart.role}"`);
    if (chart.names.length !== 2 || chart.names.some((name) => !name)) fail(at, 'aria-labelledby does not name its <title> and <desc>');
    if (chart.smallest < 11) fail(at, `text of ${chart.smallest.toFixed(1)} px`);
    if (chart.outside.length) fail(at, `text outside the chart: ${chart.outside.join(', ')}`);
    if (chart.overlaps.length) fail(at, `overlapping texts: ${chart.overlaps.join('; ')}`);
    if (chart.black) fail(at, `${chart.black} shapes without a theme colour`);
  }

  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await axeCheck(page, `${where}, tables open`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) fail(where, `scrolls sideways by ${overflow}px (tables open)`);
  await page.screenshot({ path: join(shots, `numeri-${width}.png`), fullPage: true });

  if (width === 1280) {
    const links = await page.evaluate(() => [...document.querySelectorAll('a[download]')].map((a) => a.href));
    if (links.length !== charts) fail(where, `${links.length} CSV links for ${charts} charts`);
    for (const link of links) {
      const answer = await page.request.get(link);
      if (answer.status() !== 200 || !answer.headers()['content-type']?.startsWith('text/csv')) {
        fail(where, `${link}: ${answer.status()} ${answer.headers()['content-type']}`);
      }
    }
  }
  await context.close();
}
await browser.close();

if (failures.length) {
  console.error(failures.map((f) => `FAIL ${f}`).join('\n'));
  console.error(`screenshots: ${shots}`);
  process.exit(1);
}
console.log(`/numeri/ in the browser: ok (${charts} charts x ${widths.length} widths; screenshots in ${shots})`);
