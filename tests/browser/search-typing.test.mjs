// Search as you type on a 360 px phone, in Debian's chromium: a query typed
// letter by letter never shows the empty state while its prefix matches
// stories (checked against the JSON API for every prefix), Enter brings
// the results into view, the Back history grows by one per submitted search
// (typing only replaces the current entry), Back restores the previous
// query and filters, and a story list's filters lead to /cerca/ with the
// list's own term selected; a skip link (a #fragment) reloads nothing.
// Usage: node search-typing.test.mjs BASE_URL
import { chromium } from 'playwright-core';

const base = process.argv[2];
if (!base) throw new Error('usage: node search-typing.test.mjs BASE_URL');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

function watch(page, label) {
  page.on('console', (msg) => { if (msg.type() === 'error') failures.push(`${label}: console error: ${msg.text()}`); });
  page.on('pageerror', (error) => failures.push(`${label}: page error: ${error.message}`));
}

async function api(query) {
  const response = await fetch(`${base}/api/search?q=${encodeURIComponent(query)}`);
  return response.json();
}

const idle = (page) => page.waitForFunction(() => !document.querySelector('form[aria-busy]'));
const historyLength = (page) => page.evaluate(() => history.length);
// Is the first result inside the viewport?
const firstResultVisible = (page) => page.evaluate(() => {
  const first = document.querySelector('#risultati .result, #risultati .card');
  if (!first) return false;
  const box = first.getBoundingClientRect();
  return box.top >= 0 && box.top < window.innerHeight;
});

{
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  watch(page, 'typing');
  await page.goto(`${base}/cerca/`);
  const start = await historyLength(page);

  // Every summary line the page shows while typing.
  await page.evaluate(() => {
    window.__summaries = [];
    const record = () => {
      const summary = document.querySelector('.search__summary');
      if (summary) window.__summaries.push(summary.textContent.trim());
    };
    new MutationObserver(record).observe(document.querySelector('form[data-live-search]'),
      { childList: true, subtree: true, characterData: true });
  });
  const word = 'ambiente';
  for (let i = 2; i <= word.length; i++) {
    const json = await api(word.slice(0, i));
    check(json.total > 0, `the prefix '${word.slice(0, i)}' finds nothing in the API (the test needs a word that matches)`);
  }
  await page.click('#q');
  await page.keyboard.type(word, { delay: 90 });
  await page.waitForURL(new RegExp(`q=${word}`));
  await idle(page);
  const summaries = await page.evaluate(() => window.__summaries);
  check(summaries.length > 0, 'typing did not update the results');
  check(!summaries.some((text) => text.startsWith('Nessuna')),
    `the empty state appeared while typing a matching prefix: ${JSON.stringify(summaries)}`);
  check(await historyLength(page) === start, `typing added history entries (${await historyLength(page) - start})`);

  // Enter: one history entry, results in view.
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => history.length === n, start + 1);
  await idle(page);
  check(await firstResultVisible(page), 'after Enter the first result is not in the viewport');
  check(await historyLength(page) === start + 1, 'Enter did not add exactly one history entry');

  // On the phone the results come before the filters: the panel is closed.
  check(!(await page.isVisible('input[name="livello"]')), 'the filters are open on a phone before the visitor opens them');
  const resultsTop = await page.$eval('#risultati', (el) => el.getBoundingClientRect().top + window.scrollY);
  check(resultsTop < 800, `the results start at y = ${resultsTop}, below the first screen`);

  // A filter: one more entry.
  await page.click('details[data-filters] > summary');
  const level = await page.$eval('input[name="livello"]', (input) => input.id);
  await page.check(`#${level}`);
  await page.waitForURL(/livello=/);
  await idle(page);
  check(await historyLength(page) === start + 2, 'a filter did not add exactly one history entry');
  const filtered = page.url();

  // A second search, typed then submitted: one more entry.
  await page.fill('#q', '');
  await page.click('#q');
  await page.keyboard.type('musica', { delay: 60 });
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => history.length === n, start + 3);
  await idle(page);
  check(await historyLength(page) === start + 3, 'the second search did not add exactly one history entry');

  // Back: the previous query with its filter.
  await page.goBack();
  await page.waitForURL(filtered);
  await idle(page);
  await page.waitForFunction(() => document.querySelector('#q').value === 'ambiente');
  check(await page.isChecked(`#${level}`), 'Back did not restore the filter');
  // Back again: the query without the filter.
  await page.goBack();
  await page.waitForURL((url) => url.search.includes('q=ambiente') && !url.search.includes('livello='));
  await idle(page);
  check(await page.inputValue('#q') === 'ambiente', 'Back did not restore the query');
  check(!(await page.isChecked(`#${level}`)), 'Back did not untick the filter');

  // A typo: the results of the correction, said so.
  await page.goto(`${base}/cerca/?q=ambinte`);
  check((await page.textContent('#risultati')).includes('ecco i risultati per'), 'a typo was not corrected');
  check((await page.$$('.result')).length > 0, 'a corrected typo shows no results');

  // A page past the last: 404 with a link to the last page (the browser
  // logs the 404, so this page is not watched).
  const pastPage = await context.newPage();
  const past = await pastPage.goto(`${base}/cerca/?q=ambiente&page=99`);
  check(past.status() === 404, `a page past the last answered ${past.status()}`);
  check(await pastPage.$('.notice a:has-text("ultima pagina")') !== null, 'no link to the last page');
  await context.close();
}

// A term page with JavaScript: the skip link (a change of #fragment only)
// reloads nothing, so the filter the keyboard reaches next stays on the page.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  watch(page, 'skip link');
  await page.goto(`${base}/esperienze/livello/primaria/`);
  const fetched = [];
  page.on('request', (request) => { if (request.resourceType() === 'fetch') fetched.push(request.url()); });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#contenuto$/);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80));
  // Long enough for a reload of the results to arrive and replace them.
  await page.waitForTimeout(500);
  check(fetched.length === 0, `the skip link reloaded the results: ${fetched.join(', ')}`);
  check(await page.evaluate(() => document.activeElement !== document.body && document.activeElement.isConnected),
    `the element focused after the skip link (${focused}) was taken off the page`);
  await context.close();
}

// A term page: without JavaScript its filters are a GET form to /cerca/
// with the page's own term selected.
{
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  watch(page, 'term page');
  await page.goto(`${base}/esperienze/livello/primaria/`);
  check(await page.isChecked('#f-livello-primaria'), 'the term page does not preselect its own term');
  await page.click('details[data-filters] > summary');
  await page.click('details[data-facet="disciplina"] > summary');
  const subject = await page.$eval('input[name="disciplina"]', (input) => input.id);
  await page.check(`#${subject}`);
  await Promise.all([page.waitForNavigation(), page.click('.search__filters button[type="submit"]')]);
  const url = new URL(page.url());
  check(url.pathname === '/cerca/' && url.searchParams.get('livello') === 'primaria' && url.searchParams.get('disciplina'),
    `the term page's filters led to ${page.url()}`);
  check((await page.$$('.result')).length > 0, 'primaria + a subject of its stories found nothing');
  await context.close();
}

await browser.close();
if (failures.length) {
  console.error(failures.map((f) => `FAIL ${f}`).join('\n'));
  process.exit(1);
}
console.log('search as you type at 360 px: ok');
