// Full-page screenshots of each page kind at 360 and 1280 px wide, and the
// same pages in slices two screens tall (NAME-WIDTH-partN.png), to look at by
// eye (bench/screenshots.sh builds and serves the site, then runs this).
// Also prints, per page and width, the first screen's facts a reviewer
// checks: whether the h1 and the first picture are visible without
// scrolling, the header's height, and words broken inside (an element whose
// text wraps in the middle of a word).
// Usage: node tests/browser/screenshots.mjs BASE_URL OUT_DIR
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [baseArg, out] = process.argv.slice(2);
if (!baseArg || !out) {
  console.error('usage: node tests/browser/screenshots.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const base = new URL(baseArg);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

const context = await browser.newContext();
const page = await context.newPage();
await page.goto(new URL('/', base).href);
const story = await page.locator('.card__title a').first().getAttribute('href');
const term = await page.locator('.term-grid a').first().getAttribute('href');
await context.close();

const kinds = [
  ['home', '/'], ['list', '/esperienze/'], ['term', term], ['story', story],
  ['page', '/dichiarazione-di-accessibilita/'], ['awards', '/premi/'], ['award-year', '/premi/2019/'],
  ['events', '/eventi/'], ['numeri', '/numeri/'], ['search', '/cerca/?q=scuola'], ['404', '/pagina-che-non-esiste/'],
];
let problems = 0;
for (const width of [360, 1280]) {
  const view = await browser.newContext({ viewport: { width, height: width === 360 ? 740 : 800 } });
  const tab = await view.newPage();
  for (const [name, path] of kinds) {
    await tab.goto(new URL(path, base).href, { waitUntil: 'networkidle' });
    await tab.evaluate(() => document.fonts.ready);
    // Lazy images load only near the viewport: scroll through the page first.
    await tab.evaluate(async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
        scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      scrollTo(0, 0);
    });
    await tab.waitForLoadState('networkidle');
    const facts = await tab.evaluate(() => {
      const h1 = document.querySelector('h1')?.getBoundingClientRect();
      const img = document.querySelector('main img')?.getBoundingClientRect();
      const header = document.querySelector('header')?.getBoundingClientRect();
      const broken = [];
      for (const element of document.querySelectorAll('main a, main h1, main h2, main h3, main dt, main span')) {
        if (element.children.length > 0 || !element.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(element);
        const rects = [...range.getClientRects()];
        if (rects.length < 2) continue;
        // A wrap inside a word: some line ends without a space or hyphen after it.
        const words = element.textContent.trim().split(/[\s/-]+/);
        if (words.some((word) => {
          const r = document.createRange();
          const node = element.firstChild;
          if (!node || node.nodeType !== 3) return false;
          const at = node.textContent.indexOf(word);
          if (at < 0) return false;
          r.setStart(node, at);
          r.setEnd(node, at + word.length);
          const boxes = [...r.getClientRects()].filter((b) => b.width > 0);
          return boxes.length > 1 && new Set(boxes.map((b) => Math.round(b.top))).size > 1;
        })) broken.push(element.textContent.trim().slice(0, 40));
      }
      return {
        h1: h1 ? Math.round(h1.bottom) : null, img: img ? Math.round(img.top) : null,
        header: header ? Math.round(header.height) : null, broken, height: document.documentElement.scrollHeight,
      };
    });
    const file = join(out, `${name}-${width}.png`);
    await tab.screenshot({ path: file, fullPage: true });
    // The same page in slices two screens tall (readable in an image viewer
    // that scales a whole page down), the first one being the first screens.
    const slice = 2 * (width === 360 ? 740 : 800);
    for (let y = 0, n = 1; y < facts.height; y += slice, n += 1) {
      await tab.screenshot({
        path: join(out, `${name}-${width}-part${n}.png`), fullPage: true,
        clip: { x: 0, y, width, height: Math.min(slice, facts.height - y) },
      });
    }
    console.log(`${name} @${width}: header ${facts.header}px, h1 ends at y=${facts.h1}, first picture at y=${facts.img}, ` +
                `page ${facts.height}px${facts.broken.length ? `, BROKEN WORDS: ${facts.broken.join(' | ')}` : ''}`);
    problems += facts.broken.length;
  }
  await view.close();
}
await browser.close();
process.exit(problems ? 1 : 0);
