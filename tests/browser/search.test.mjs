// /cerca/ in Debian's chromium: ticking filters updates results, counts and
// the address (JavaScript on), Back restores the previous state, and the
// same form works with JavaScript off. Counts on the page must equal the
// JSON API's for the same address. Usage: node search.test.mjs BASE_URL
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const base = process.argv[2];
if (!base) throw new Error('usage: node search.test.mjs BASE_URL');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

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
  page.on('request', (request) => {
    if (!request.url().startsWith(base)) failures.push(`${label}: request to another host: ${request.url()}`);
  });
}

async function api(search) {
  const response = await fetch(`${base}/api/search${search}`);
  return response.json();
}

// The summary line and the facet counts shown for `livello` on the page.
async function shown(page) {
  return page.evaluate(() => {
    const counts = {};
    for (const input of document.querySelectorAll('input[name="livello"]')) {
      const label = document.querySelector(`label[for="${input.id}"] .facet__count`);
      counts[input.value] = label ? Number(label.textContent.replace(/[^0-9]/g, '')) : 0;
    }
    return { summary: document.querySelector('.search__summary').textContent.trim(), counts,
             results: document.querySelectorAll('.result').length };
  });
}

function expectedCounts(json) {
  const counts = {};
  for (const value of json.facets.livello) counts[value.id] = value.count;
  return counts;
}

async function agreesWithApi(page, label) {
  const search = new URL(page.url()).search;
  const json = await api(search);
  const state = await shown(page);
  check(state.summary.startsWith(json.total === 0 ? 'Nessuna' : json.total.toLocaleString('it-IT')),
        `${label}: summary '${state.summary}' does not show total ${json.total}`);
  check(JSON.stringify(state.counts) === JSON.stringify(expectedCounts(json)),
        `${label}: counts ${JSON.stringify(state.counts)} != API ${JSON.stringify(expectedCounts(json))}`);
  check(state.results === json.results.length, `${label}: ${state.results} results shown, API has ${json.results.length}`);
  return json;
}

// --- JavaScript on: live filters, shareable address, Back ---
{
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  watch(page, 'live');
  await page.goto(`${base}/cerca/`);
  const all = await agreesWithApi(page, 'live /cerca/');
  // On a phone the filters are behind a button.
  check(!(await page.isVisible('#f-livello-primaria')), 'live: the filters are open on a phone');
  await page.click('details[data-filters] > summary');

  await page.check('#f-livello-primaria');
  await page.waitForURL(/livello=primaria/);
  await page.waitForFunction(() => !document.querySelector('form[aria-busy]'));
  const primaria = await agreesWithApi(page, 'live livello=primaria');
  check(primaria.total < all.total, 'ticking a level did not narrow the results');
  check(await page.isChecked('#f-livello-primaria'), 'the ticked box is not checked after the update');

  // Only the level group starts open; a visitor opens the competences first.
  check(!(await page.isVisible('input[name="competenza"]')), 'the competence group is open before any choice');
  await page.click('details[data-facet="competenza"] > summary');
  await page.click('details[data-facet="disciplina"] > summary');
  const competence = await page.$eval('input[name="competenza"]', (input) => input.id);
  await page.check(`#${competence}`);
  await page.waitForURL(/competenza=/);
  await page.waitForFunction(() => !document.querySelector('form[aria-busy]'));
  const both = await agreesWithApi(page, 'live livello+competenza');
  check(both.total <= primaria.total, 'a second facet widened the results');
  check(await page.isVisible('input[name="disciplina"]'),
    'the subject group the visitor opened closed when the results were updated');

  await page.goBack();
  await page.waitForURL((url) => !url.search.includes('competenza='));
  await page.waitForFunction(() => !document.querySelector('form[aria-busy]'));
  await page.waitForFunction(() => document.querySelector('#f-livello-primaria')?.checked);
  check(!(await page.isChecked(`#${competence}`)), 'Back did not untick the competence');
  await agreesWithApi(page, 'live after Back');

  // The address is shareable: opening it fresh gives the same page.
  const shared = await context.newPage();
  watch(shared, 'shared');
  await shared.goto(page.url());
  check(await shared.isChecked('#f-livello-primaria'), 'a shared address lost the filter');
  await agreesWithApi(shared, 'shared address');

  // Typing a word searches it (debounced) and highlights it.
  await page.fill('#q', 'scuola');
  await page.waitForURL(/q=scuola/);
  await page.waitForFunction(() => !document.querySelector('form[aria-busy]'));
  await agreesWithApi(page, 'live q=scuola');
  check((await page.$$('.result mark')).length > 0, 'no highlighted words in the snippets');

  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  for (const violation of axe.violations) {
    failures.push(`axe /cerca/: ${violation.id}: ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  await context.close();
}

// --- JavaScript off: the same form as a plain GET ---
{
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  watch(page, 'no-js');
  await page.goto(`${base}/cerca/`);
  await page.click('details[data-filters] > summary');
  await page.check('#f-livello-secondaria-2');
  await Promise.all([page.waitForNavigation(), page.click('.search__filters button[type="submit"]')]);
  check(page.url().includes('livello=secondaria-2'), `no-js: the form did not submit the filter (${page.url()})`);
  await agreesWithApi(page, 'no-js livello=secondaria-2');
  await page.fill('#q', '"virgolette AND');
  await Promise.all([page.waitForNavigation(), page.click('.search__row button')]);
  // The form leads to /cerca/?...#risultati (the results in view): reload it for its status.
  check(page.url().endsWith('#risultati'), `no-js: the form does not lead to the results (${page.url()})`);
  const response = await page.reload();
  check(response.status() === 200, `no-js: a broken query answered ${response.status()}`);
  // A bad filter: status 400 (the browser logs it, so this page is not watched).
  const errorPage = await context.newPage();
  const bad = await errorPage.goto(`${base}/cerca/?livello=%3Cscript%3Ealert(1)%3C/script%3E`);
  check(bad.status() === 400, `no-js: a bad filter answered ${bad.status()}`);
  check((await errorPage.content()).includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'no-js: the bad value was not escaped');
  check(await errorPage.$('.notice') !== null, 'no-js: no friendly message for a bad filter');
  await context.close();
}

await browser.close();
if (failures.length) {
  console.error(failures.map((f) => `FAIL ${f}`).join('\n'));
  process.exit(1);
}
console.log('search in the browser: ok');
