// search.js's beacon in Debian's chromium (docs/usage-report.md): opening a
// result of /cerca/ sends one POST /api/click with the query and the story's
// address; with Do Not Track or Global Privacy Control on, or with
// JavaScript off, nothing is sent. Prints the opened address for beacon.sh.
// Usage: node beacon.test.mjs BASE_URL
import { chromium } from 'playwright-core';

const base = process.argv[2];
if (!base) throw new Error('usage: node beacon.test.mjs BASE_URL');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

// Opens /cerca/?q=orto in a fresh context, clicks the first result and
// returns the beacons sent and the result's address.
// Headless chromium says "HeadlessChrome", which the bot list drops: the
// visitor here is an ordinary desktop browser.
const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
async function openFirstResult(label, options, initScript) {
  const context = await browser.newContext({ userAgent, ...options });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (error) => failures.push(`${label}: page error: ${error.message}`));
  const beacons = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/click')) beacons.push({ method: request.method(), body: request.postData() });
  });
  await page.goto(`${base}/cerca/?q=orto`);
  const link = page.locator('#risultati .result a').first();
  const href = await link.getAttribute('href');
  await Promise.all([page.waitForURL((url) => url.pathname === href), link.click()]);
  await page.waitForTimeout(500);
  await context.close();
  return { beacons, href };
}

const allowed = await openFirstResult('JavaScript on', {});
check(allowed.beacons.length === 1, `JavaScript on: ${allowed.beacons.length} beacons, expected 1`);
if (allowed.beacons.length === 1) {
  const params = new URLSearchParams(allowed.beacons[0].body);
  check(allowed.beacons[0].method === 'POST', 'the beacon is not a POST');
  check(params.get('q') === 'orto', `beacon q is '${params.get('q')}'`);
  check(params.get('url') === allowed.href, `beacon url is '${params.get('url')}', the result was ${allowed.href}`);
}

const dnt = await openFirstResult('Do Not Track', { extraHTTPHeaders: { DNT: '1' } },
  () => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }));
check(dnt.beacons.length === 0, `Do Not Track: ${dnt.beacons.length} beacons sent`);

const gpc = await openFirstResult('Global Privacy Control', { extraHTTPHeaders: { 'Sec-GPC': '1' } },
  () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
check(gpc.beacons.length === 0, `Global Privacy Control: ${gpc.beacons.length} beacons sent`);

const noScript = await openFirstResult('JavaScript off', { javaScriptEnabled: false });
check(noScript.beacons.length === 0, `JavaScript off: ${noScript.beacons.length} beacons sent`);

await browser.close();
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(allowed.href);
