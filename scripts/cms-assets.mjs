// Copies Decap CMS's browser bundle (npm decap-cms, MIT; the version pinned
// in package.json) into themes/etwinning/admin/, where `vetrina build` takes
// it for /admin/ (docs/cms.md): the site serves the editors' interface
// itself, nothing is loaded from a CDN. decap-cms.js loads its chunks
// (<n>.decap-cms.js) from its own folder, so all of them are copied. The
// copy is committed, like the theme's fonts, so a server that builds from
// Git needs no npm; run this again after changing the version.
// Usage: npm ci && npm run cms-assets
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'node_modules/decap-cms/dist');
const target = join(root, 'themes/etwinning/admin');
if (!existsSync(join(dist, 'decap-cms.js'))) {
  console.error(`cms-assets: ${dist}/decap-cms.js is missing: run 'npm ci' at the repository's root`);
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
const files = readdirSync(dist).filter((name) => name === 'decap-cms.js' || /^\d+\.decap-cms\.js$/.test(name));
for (const name of files) copyFileSync(join(dist, name), join(target, name));
console.log(`cms-assets: ${files.length} files in ${target}`);
