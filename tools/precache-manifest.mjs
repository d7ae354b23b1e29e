// Writes the build's file list into the service worker, so that the first
// visit caches the whole app (see assets/sw.js).
//
// Run by trunk as a post_build hook (Trunk.toml), after every asset has been
// written to the staging directory and before it becomes dist/:
//
//   node tools/precache-manifest.mjs            # uses $TRUNK_STAGING_DIR
//   node tools/precache-manifest.mjs some/dir   # or any built site
//
// It lists every file under the directory except sw.js itself (hashed names
// as trunk wrote them), computes a version over their names and contents, and
// replaces the `const PRECACHE = ...;` line of <dir>/sw.js with
//
//   const PRECACHE = {"version":"<16 hex>","files":["index.html", ...]};
//
// The worker caches the files under "cordon-<version>" and deletes every
// other cordon cache once it is active. Any change to any file gives a new
// version, hence a new sw.js, which the browser installs as an update.
// Running it twice on the same directory changes nothing.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKER = 'sw.js';
const LINE = /^const PRECACHE = .*;$/m;

/** Every file under `dir` (posix paths relative to it, sorted), except sw.js and dot-files. */
export async function siteFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .filter((f) => f !== WORKER && !f.split('/').some((part) => part.startsWith('.')))
    .sort();
}

/** The manifest of a built site: its files and a version over their names and contents. */
export async function manifest(dir) {
  const files = await siteFiles(dir);
  const version = createHash('sha256');
  for (const file of files) {
    const content = createHash('sha256').update(await readFile(path.join(dir, file))).digest('hex');
    version.update(`${file}\0${content}\n`);
  }
  return { version: version.digest('hex').slice(0, 16), files };
}

/** The manifest written into `text` (a sw.js), or null when it has none. */
export function readManifest(text) {
  const line = text.match(LINE);
  return line ? JSON.parse(line[0].slice('const PRECACHE = '.length, -1)) : null;
}

/** Computes the manifest of `dir` and writes it into `dir`/sw.js; returns it. */
export async function writeManifest(dir) {
  const worker = path.join(dir, WORKER);
  const text = await readFile(worker, 'utf8');
  if (!LINE.test(text)) throw new Error(`${worker} has no line \`const PRECACHE = ...;\` to fill in`);
  const m = await manifest(dir);
  await writeFile(worker, text.replace(LINE, `const PRECACHE = ${JSON.stringify(m)};`));
  return m;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node tools/precache-manifest.mjs DIR (or set TRUNK_STAGING_DIR, as trunk does)');
    process.exit(2);
  }
  try {
    const m = await writeManifest(dir);
    console.log(`precache ${m.version}: ${m.files.length} files (${m.files.join(', ')})`);
  } catch (err) {
    console.error(`precache-manifest: ${err.message}`);
    process.exit(1);
  }
}
