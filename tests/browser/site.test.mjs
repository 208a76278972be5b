// The built site in Debian's chromium, as a visitor meets it. For the home
// page, a story, a term page (the first ones the home page links to), the
// awards index, an award year, the events timeline, the statistics
// (/numeri/), an example story, award year and search result (their
// "Storia di esempio" / "Premi di esempio" notice visible), a sourced story
// (its "Fonti" visible) and the 404 page, at 1280 px and at 360 px wide:
//   - no console error, no page error, no failed request, no request to a
//     host other than the test server (no trackers, no fonts, no YouTube);
//   - axe-core finds no violation (wcag2a, wcag2aa, wcag21a, wcag21aa,
//     best-practice);
//   - the skip link is the first focusable element and the first Tab stop,
//     shows itself when focused, and Enter moves focus into <main> so the
//     next Tab lands in the content, not in the header;
//   - nothing scrolls sideways, at 360 px nor at 768, 1024 and 1280 px;
//   - every same-site link on the page answers 200;
//   - axe also at 768 px; every page names an og:image that answers 200 as
//     a 1200x630 PNG or JPEG;
//   - at 360 px the header is one row (brand, search, menu button) no taller
//     than 100 px, the navbar is hidden and the <details> menu opens (no
//     script) onto the main links; at 1280 px the navbar shows them;
//   - the home page shows each story at most once; on a story page at 360 px
//     the title and the picture start within the first screen; at 1280 px
//     the facts sheet stands beside the text.
// Screenshots go to SCREENSHOT_DIR (default: a new temp folder, printed).
// It builds nothing: tests/browser/run.sh builds and serves the site.
// Usage: node tests/browser/site.test.mjs BASE_URL [SCREENSHOT_DIR]
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [baseArg, shotsArg] = process.argv.slice(2);
if (!baseArg) {
  console.error('usage: node tests/browser/site.test.mjs BASE_URL [SCREENSHOT_DIR]');
  process.exit(2);
}
const base = new URL(baseArg);
const shots = shotsArg || mkdtempSync(join(tmpdir(), 'vetrina-screenshots-'));
const require = createRequire(import.meta.url);
const axe = require('axe-core');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 360, height: 740 },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const failures = [];
const fail = (where, message) => failures.push(`${where}: ${message}`);

// Watches a page for everything a visitor should never see or cause.
function watch(page, where, pageUrl, status) {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // chromium logs the 404 status of the 404 page itself as an error.
    const own404 = status === 404 && message.location().url === pageUrl && message.text().includes('404');
    if (!own404) fail(where, `console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => fail(where, `page error: ${error.message}`));
  page.on('requestfailed', (request) => fail(where, `failed request ${request.url()} (${request.failure()?.errorText})`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== base.origin) fail(where, `request to another host: ${request.url()}`);
  });
  page.on('websocket', (socket) => fail(where, `websocket opened: ${socket.url()}`));
}

// Finds the pages to visit from the home page, so the test follows the content.
async function discover() {
  const context = await browser.newContext();
  await context.route((url) => url.origin !== base.origin, (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  await page.goto(new URL('/', base).href);
  const story = await page.locator('.card__title a').first().getAttribute('href');
  const term = await page.locator('.term-grid a').first().getAttribute('href');
  await context.close();
  if (!story) fail('/', 'no story card on the home page');
  if (!term) fail('/', 'no term link on the home page');
  return [
    { path: '/', name: 'home', status: 200 },
    { path: story || '/esperienze/', name: 'story', status: 200 },
    { path: term || '/esperienze/livello/', name: 'term', status: 200 },
    { path: '/premi/', name: 'awards', status: 200 },
    { path: '/premi/2019/', name: 'award-year', status: 200 },
    { path: '/premi/2021/', name: 'award-year-example', status: 200, notice: '.example-notice' },
    { path: '/esperienze/semi-di-storie/', name: 'story-example', status: 200, notice: '.example-notice' },
    { path: '/esperienze/holidays-in-a-box/', name: 'story-sourced', status: 200, notice: '.sources li' },
    { path: '/cerca/?q=semi', name: 'search-example', status: 200, notice: '.results .example-badge' },
    { path: '/eventi/', name: 'events', status: 200 },
    { path: '/numeri/', name: 'numeri', status: 200 },
    { path: '/dichiarazione-di-accessibilita/', name: 'accessibility', status: 200 },
    { path: '/pagina-che-non-esiste/', name: '404', status: 404 },
  ];
}

async function checkSkipLink(page, where) {
  const first = await page.evaluate(() => {
    const selector = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), ' +
      'select:not([disabled]), textarea:not([disabled]), summary, iframe, audio[controls], video[controls], ' +
      '[contenteditable=""], [contenteditable="true"], [tabindex]';
    const focusable = [...document.querySelectorAll(selector)].filter((element) =>
      element.tabIndex >= 0 && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden');
    const element = focusable[0];
    return element ? { html: element.outerHTML.slice(0, 120), skip: element.classList.contains('skip-link'),
                       href: element.getAttribute('href') } : null;
  });
  if (!first || !first.skip) {
    fail(where, `the first focusable element is not the skip link: ${first ? first.html : 'none'}`);
    return;
  }
  const target = (first.href || '').replace(/^#/, '');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const element = document.activeElement;
    const box = element.getBoundingClientRect();
    return { skip: element.classList.contains('skip-link'), width: box.width, height: box.height,
             inside: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth };
  });
  if (!focused.skip) fail(where, 'the first Tab does not focus the skip link');
  else if (!focused.inside || focused.width < 2 || focused.height < 2) fail(where, 'the focused skip link is not visible');
  await page.keyboard.press('Enter');
  const after = await page.evaluate((id) => ({
    target: Boolean(document.getElementById(id)), main: document.getElementById(id)?.tagName,
    focused: document.activeElement?.id,
  }), target);
  if (!after.target) fail(where, `the skip link points to #${target}, which is not on the page`);
  else if (after.main !== 'MAIN') fail(where, `the skip link target #${target} is a <${after.main}>, not <main>`);
  if (after.focused !== target) fail(where, `Enter on the skip link leaves focus on '${after.focused}', not #${target}`);
  await page.keyboard.press('Tab');
  const next = await page.evaluate((id) => {
    const main = document.getElementById(id);
    return { inMain: Boolean(main && main.contains(document.activeElement)),
             html: document.activeElement.outerHTML.slice(0, 120) };
  }, target);
  if (!next.inMain) fail(where, `after the skip link, Tab goes to ${next.html}, outside the main content`);
}

// Nothing may scroll sideways; names the element that sticks out furthest.
async function checkOverflow(page, where) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const by = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
    if (by <= 0) return null;
    let widest = null;
    for (const element of document.body.querySelectorAll('*')) {
      const right = element.getBoundingClientRect().right;
      if (right > width + 0.5 && (!widest || right > widest.right)) {
        widest = { right, html: element.outerHTML.replace(/\s+/g, ' ').slice(0, 100) };
      }
    }
    return { by, html: widest ? widest.html : '?' };
  });
  if (overflow) fail(where, `scrolls sideways by ${overflow.by}px (widest: ${overflow.html})`);
}

async function checkLinks(page, where, checked) {
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
  const own = page.url().replace(/#.*$/, '');
  const todo = [];
  for (const href of hrefs) {
    const url = new URL(href);
    url.hash = '';
    if (url.origin !== base.origin || url.href === own || checked.has(url.href)) continue;
    checked.add(url.href);
    todo.push(url);
  }
  // One after the other: `vetrina serve` has few workers and a kept-alive
  // connection holds one (see the report), so a burst would only measure that.
  for (const url of todo) {
    const response = await page.request.get(url.href, { maxRedirects: 0 });
    if (response.status() !== 200) fail(where, `link ${url.pathname}${url.search} answers ${response.status()}`);
  }
}

async function runAxe(page, where) {
  // resultTypes: only violations get their details collected (much faster).
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), axeTags);
  for (const violation of result.violations) {
    for (const node of violation.nodes) {
      const html = node.html.replace(/\s+/g, ' ').slice(0, 160);
      fail(where, `axe ${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${html} — ${violation.help}`);
    }
  }
}

const checkedImages = new Set();
// The theme's promises: the header, the og:image, the home without repeats,
// the story's first screen.
async function checkLook(page, where, viewport, target) {
  const og = await page.evaluate(() => document.querySelector('meta[property="og:image"]')?.content);
  if (!og) fail(where, 'no og:image');
  else {
    const url = new URL(new URL(og).pathname, base).href;
    if (!checkedImages.has(url)) {
      checkedImages.add(url);
      const response = await page.request.get(url);
      const body = await response.body();
      const png = body.subarray(0, 4).toString('latin1') === '\x89PNG';
      const size = png ? [body.readUInt32BE(16), body.readUInt32BE(20)] : null;
      if (response.status() !== 200) fail(where, `og:image ${url} answers ${response.status()}`);
      else if (png && (size[0] !== 1200 || size[1] !== 630)) fail(where, `og:image is ${size.join('x')}, not 1200x630`);
    }
  }
  const header = await page.evaluate(() => {
    const box = (selector) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      const rect = element.getBoundingClientRect();
      return { top: Math.round(rect.top), bottom: Math.round(rect.bottom), height: Math.round(rect.height),
               shown: rect.height > 0 && getComputedStyle(element).display !== 'none' };
    };
    return { header: box('.it-header'), brand: box('.brand'), search: box('.icon-link'), menu: box('.nav-toggle summary'),
             navbar: box('.it-navbar') };
  });
  if (viewport.width <= 360) {
    if (!header.header || header.header.height > 100) fail(where, `the header is ${header.header?.height}px tall at 360px`);
    if (!header.menu?.shown || header.navbar?.shown) fail(where, 'at 360px the menu button should show, the navbar not');
    if (header.brand && header.search && header.menu &&
        (header.search.top >= header.brand.bottom || header.menu.top >= header.brand.bottom)) {
      fail(where, 'at 360px brand, search and menu are not on one row');
    }
    await page.locator('.nav-toggle summary').click();
    const links = await page.locator('.nav-toggle__panel a').evaluateAll((as) => as.filter((a) => a.offsetHeight > 0).length);
    if (links < 2) fail(where, `the opened menu shows ${links} links`);
    await page.locator('.nav-toggle summary').click();
  } else if (!header.navbar?.shown) {
    fail(where, `the navbar is hidden at ${viewport.width}px`);
  }
  if (target.name === 'home') {
    const cards = await page.locator('.card__title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const repeated = cards.filter((href, i) => cards.indexOf(href) !== i);
    if (repeated.length) fail(where, `stories shown twice on the home page: ${[...new Set(repeated)].join(' ')}`);
  }
  if (target.name === 'story') {
    const story = await page.evaluate(() => {
      const top = (selector) => document.querySelector(selector)?.getBoundingClientRect();
      const facts = top('.facts');
      const text = top('.story__main');
      return { h1: top('h1')?.top, picture: top('.story__cover img')?.top, factsLeft: facts?.left,
               textRight: text?.right, factsTop: facts?.top, textTop: text?.top, height: innerHeight };
    });
    if (!(story.h1 < story.height) || !(story.picture < story.height)) {
      fail(where, `the first screen lacks the title (y=${story.h1}) or the picture (y=${story.picture})`);
    }
    if (viewport.width >= 1280 && !(story.factsLeft >= story.textRight && Math.abs(story.factsTop - story.textTop) < 2)) {
      fail(where, 'at 1280px the facts sheet is not beside the text');
    }
  }
}

async function visit(context, viewport, target, checkedLinks) {
  const where = `${target.path} (${viewport.width}px)`;
  const page = await context.newPage();
  const pageUrl = new URL(target.path, base).href;
  watch(page, where, pageUrl, target.status);
  const response = await page.goto(pageUrl, { waitUntil: 'load' });
  if (response.status() !== target.status) fail(where, `status ${response.status()}, expected ${target.status}`);

  // Invented examples say so where a visitor sees them; sourced stories show their sources.
  if (target.notice && !(await page.locator(target.notice).first().isVisible())) {
    fail(where, `${target.notice} is not visible`);
  }
  await checkOverflow(page, where);
  await page.screenshot({ path: join(shots, `${target.name}-${viewport.name}.png`), fullPage: true });

  await page.addScriptTag({ content: axe.source });
  await runAxe(page, where);

  await checkSkipLink(page, where);
  await checkLook(page, where, viewport, target);  // after the skip link: it moves the focus
  if (viewport.name === 'desktop') {
    await checkLinks(page, where, checkedLinks);
    // The widths in between (tablets, small laptops) get the layout check too.
    for (const width of [1024, 768]) {
      await page.setViewportSize({ width, height: viewport.height });
      await checkOverflow(page, `${target.path} (${width}px)`);
      if (width === 768) {
        // A resize can make search.js reload the results: axe reads the
        // settled page, not the dimmed one of a request in flight.
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 10000 });
        await runAxe(page, `${target.path} (768px)`);
      }
    }
  }
  await page.close();
}

const pages = await discover();
const checkedLinks = new Set();
for (const viewport of viewports) {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
  // Requests to other hosts are reported by watch() and never leave the machine.
  await context.route((url) => url.origin !== base.origin, (route) => route.abort('blockedbyclient'));
  for (const target of pages) await visit(context, viewport, target, checkedLinks);
  await context.close();
}
await browser.close();

console.log(`screenshots: ${shots}`);
if (failures.length) {
  console.error(failures.map((f) => `FAIL ${f}`).join('\n'));
  process.exit(1);
}
console.log(`site in the browser: ok (${pages.length} pages x ${viewports.length} widths, ${checkedLinks.size} links)`);
