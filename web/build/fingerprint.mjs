// Names each script and style sheet the page loads after its content (app.js -> app.3f2a9c01d4.js) and points
// index.html at those names, so the gateway can let browsers keep them for a year (a new release has new names)
// while index.html itself is asked for again on every load.
//   node build/fingerprint.mjs <the source index.html> <webroot>
// The source's index.html is read, not webroot's: a second build finds webroot's already pointing at named files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [source, webroot] = process.argv.slice(2);
const index = readFileSync(source, 'utf8');
// an earlier build's named files (a build without clean), which the new page no longer names
for (const entry of readdirSync(webroot, { recursive: true })) {
  if (/\.[0-9a-f]{10}\.(js|css)$/.test(entry)) rmSync(join(webroot, entry));
}
const referenced = /(?:src|href)="([^"#:]+\.(?:js|css))"/g;

const renamed = new Map();
for (const [, path] of index.matchAll(referenced)) {
  if (renamed.has(path)) continue;
  const hash = createHash('sha256').update(readFileSync(join(webroot, path))).digest('hex').slice(0, 10);
  const named = path.replace(/\.(js|css)$/, `.${hash}.$1`);
  renameSync(join(webroot, path), join(dirname(join(webroot, path)), named.split('/').pop()));
  renamed.set(path, named);
}
writeFileSync(join(webroot, 'index.html'), index.replace(referenced, (whole, path) => whole.replace(path, renamed.get(path))));
console.log(`[fingerprint] ${renamed.size} files named by their content in ${webroot}`);
