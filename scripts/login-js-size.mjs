// Sum of gzip sizes of the JS the /login page loads: entry + static imports + LoginPage chunk + its static imports.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
const dist = process.argv[2] ?? path.resolve(import.meta.dirname, '../apps/web/dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const entry = [...html.matchAll(/<script[^>]+src="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const preload = [...html.matchAll(/modulepreload"[^>]*href="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const seen = new Set();
function walk(rel) {
  if (seen.has(rel)) return;
  seen.add(rel);
  const src = fs.readFileSync(path.join(dist, rel), 'utf8');
  for (const m of src.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) walk(path.posix.join(path.posix.dirname(rel), m[1]));
}
entry.forEach(walk);
const entrySet = new Set(seen);
const login = fs.readdirSync(path.join(dist, 'assets')).find((f) => /^LoginPage-.*\.js$/.test(f));
walk('assets/' + login);
let total = 0;
const rows = [];
for (const f of seen) {
  const buf = fs.readFileSync(path.join(dist, f));
  const gz = zlib.gzipSync(buf, { level: 9 }).length;
  total += gz;
  rows.push([f, buf.length, gz, entrySet.has(f) ? 'entry' : 'login']);
}
rows.sort((a, b) => b[2] - a[2]);
for (const r of rows) console.log(r[3].padEnd(6), (r[2] / 1024).toFixed(1).padStart(7), 'KB gz', (r[1] / 1024).toFixed(1).padStart(8), 'KB', r[0]);
console.log('preloaded by html:', preload.length, 'files');
console.log('TOTAL login JS gzip:', (total / 1024).toFixed(1), 'KB');
