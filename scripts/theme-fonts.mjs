// Regenerates the theme's Titillium Web files from npm @fontsource/titillium-web
// (SIL Open Font License 1.1):
//   - themes/etwinning/static/assets/fonts/titillium-web-latin-{400,700}-normal.woff2,
//     the only two faces the stylesheet uses (latin subset: Italian needs no more);
//   - themes/etwinning/fonts/cover.ttf, the bold face
//     as TrueType for the generated story covers (stb_truetype reads TTF, not
//     WOFF2): rebuilt here from the package's WOFF 1.0 file (zlib tables);
//   - prints the metrics the @font-face fallback in style.css uses
//     (size-adjust and ascent/descent overrides against Arial/Liberation Sans),
//     so the swap from the fallback to Titillium moves no line.
// Usage: npm ci && node scripts/theme-fonts.mjs
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = join(root, 'node_modules/@fontsource/titillium-web/files');
const staticFonts = join(root, 'themes/etwinning/static/assets/fonts');
const coverFonts = join(root, 'themes/etwinning/fonts');
mkdirSync(staticFonts, { recursive: true });
mkdirSync(coverFonts, { recursive: true });
for (const weight of [400, 700]) {
  const name = `titillium-web-latin-${weight}-normal.woff2`;
  copyFileSync(join(files, name), join(staticFonts, name));
}

// WOFF 1.0 -> sfnt (https://www.w3.org/TR/WOFF/): same tables, uncompressed.
function woffToTtf(woff) {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = [];
  for (let i = 0; i < count; ++i) {
    const at = 44 + i * 20;
    const tag = woff.toString('latin1', at, at + 4);
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const checksum = woff.readUInt32BE(at + 16);
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(raw) : Buffer.from(raw);
    if (data.length !== origLength) throw new Error(`table ${tag}: bad length`);
    tables.push({ tag, checksum, data });
  }
  tables.sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const power = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  let offset = header.length;
  const parts = [header];
  tables.forEach((table, i) => {
    const at = 12 + i * 16;
    header.write(table.tag, at, 'latin1');
    header.writeUInt32BE(table.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return { ttf: Buffer.concat(parts), tables: Object.fromEntries(tables.map((t) => [t.tag, t.data])) };
}

const { ttf, tables } = woffToTtf(readFileSync(join(files, 'titillium-web-latin-700-normal.woff')));
writeFileSync(join(coverFonts, 'cover.ttf'), ttf);
const regular = woffToTtf(readFileSync(join(files, 'titillium-web-latin-400-normal.woff'))).tables;
// Advance widths per character (cmap format 4 + hmtx), for the average width
// of running text: letter frequencies of English, as capsize's xWidthAvg
// (Arial: 904/2048), so the two averages compare like with like.
function advances(t) {
  const cmap = t.cmap;
  let sub = null;
  for (let i = 0; i < cmap.readUInt16BE(2); ++i) {
    const offset = cmap.readUInt32BE(4 + i * 8 + 4);
    if (cmap.readUInt16BE(offset) === 4) sub = offset;
  }
  const segs = cmap.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14, starts = ends + segs * 2 + 2, deltas = starts + segs * 2, ranges = deltas + segs * 2;
  const glyph = (code) => {
    for (let i = 0; i < segs; ++i) {
      if (code > cmap.readUInt16BE(ends + i * 2)) continue;
      const start = cmap.readUInt16BE(starts + i * 2);
      if (code < start) return 0;
      const delta = cmap.readInt16BE(deltas + i * 2);
      const range = cmap.readUInt16BE(ranges + i * 2);
      if (range === 0) return (code + delta) & 0xffff;
      const at = ranges + i * 2 + range + (code - start) * 2;
      const g = cmap.readUInt16BE(at);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const metrics = t.hhea.readUInt16BE(34);
  return (code) => {
    const g = glyph(code);
    return t.hmtx.readUInt16BE(4 * Math.min(g, metrics - 1));
  };
}
const frequencies = { ' ': 18.3, e: 10.2, t: 7.5, a: 6.5, o: 6.2, n: 5.7, i: 5.7, s: 5.3, r: 5.0, h: 4.9, l: 3.3,
  d: 3.3, u: 2.3, c: 2.2, m: 2.0, f: 1.8, w: 1.7, g: 1.6, y: 1.4, p: 1.5, b: 1.2, v: 0.8, k: 0.6, x: 0.15, j: 0.1,
  q: 0.1, z: 0.07 };
for (const [label, t] of [['400', regular], ['700', tables]]) {
  const unitsPerEm = t.head.readUInt16BE(18);
  const ascender = t.hhea.readInt16BE(4);
  const descender = t.hhea.readInt16BE(6);
  const lineGap = t.hhea.readInt16BE(8);
  const width = advances(t);
  let sum = 0, weight = 0;
  for (const [ch, f] of Object.entries(frequencies)) { sum += width(ch.codePointAt(0)) * f; weight += f; }
  const avg = sum / weight / unitsPerEm;
  const arialAvg = 904 / 2048;  // capsize's xWidthAvg of Arial (Liberation Sans has Arial's widths)
  const size = avg / arialAvg;
  console.log(`Titillium Web ${label}: size-adjust ${(size * 100).toFixed(1)}%; ` +
              `ascent-override ${((ascender / unitsPerEm / size) * 100).toFixed(1)}%; ` +
              `descent-override ${((-descender / unitsPerEm / size) * 100).toFixed(1)}%; ` +
              `line-gap-override ${((lineGap / unitsPerEm / size) * 100).toFixed(1)}%`);
}
