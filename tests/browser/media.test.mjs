// A story with a YouTube video and a gallery, in Debian's chromium: nothing
// is requested from any other host until the visitor clicks the video, the
// click loads youtube-nocookie.com (intercepted here, never reached), the
// photo viewer opens, steps and closes from the keyboard, and axe finds no
// violation. Usage: node media.test.mjs BASE_URL STORY_PATH
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [base, storyPath] = process.argv.slice(2);
if (!base || !storyPath) throw new Error('usage: node media.test.mjs BASE_URL STORY_PATH');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
const thirdParty = [];
page.on('request', (request) => { if (!request.url().startsWith(base)) thirdParty.push(request.url()); });
page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
page.on('console', (msg) => { if (msg.type() === 'error' && !msg.text().includes('ERR_FAILED')) failures.push(`console: ${msg.text()}`); });
// The player is never really fetched: the test only needs to see it asked for.
await page.route(/youtube/, (route) => route.abort());

await page.goto(`${base}${storyPath}`, { waitUntil: 'load' });
await page.mouse.wheel(0, 5000);
await page.waitForTimeout(300);
check(thirdParty.length === 0, `requests to other hosts before any click: ${thirdParty.join(', ')}`);

await page.click('.video__play');
const frame = await page.waitForSelector('.video iframe');
const src = await frame.getAttribute('src');
check(src.startsWith('https://www.youtube-nocookie.com/embed/'), `the player is not youtube-nocookie: ${src}`);
check(thirdParty.some((url) => url.startsWith('https://www.youtube-nocookie.com/')), 'the click did not ask for the player');
check(thirdParty.every((url) => url.includes('youtube-nocookie.com')), `other hosts after the click: ${thirdParty.join(', ')}`);

// The photo viewer, from the keyboard.
const first = page.locator('.gallery__link').first();
await first.focus();
await page.keyboard.press('Enter');
await page.waitForSelector('dialog.viewer[open]');
check((await page.getAttribute('dialog.viewer img', 'src')).startsWith('/media/'), 'the viewer does not show the photo');
await page.keyboard.press('ArrowRight');
await page.keyboard.press('Escape');
check(await page.$('dialog.viewer[open]') === null, 'Escape did not close the viewer');
check(await page.evaluate(() => document.activeElement.classList.contains('gallery__link')), 'focus did not return to the photo');

await page.addScriptTag({ content: axeSource });
const axe = await page.evaluate(() => window.axe.run(document, {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
}));
for (const violation of axe.violations) {
  failures.push(`axe ${storyPath}: ${violation.id}: ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Without JavaScript the video is a plain link and the photos are links.
const noJs = await browser.newContext({ javaScriptEnabled: false });
const plain = await noJs.newPage();
await plain.goto(`${base}${storyPath}`);
check((await plain.getAttribute('.video__play', 'href')).startsWith('https://www.youtube.com/watch?v='), 'no-js: the video is not a link');
check((await plain.getAttribute('.gallery__link', 'href')).startsWith('/media/'), 'no-js: the photo is not a link');

await browser.close();
if (failures.length) {
  console.error(failures.map((f) => `FAIL ${f}`).join('\n'));
  process.exit(1);
}
console.log('media in the browser: ok');
