// The service worker (assets/sw.js) and its precache manifest, written into
// dist/sw.js by tools/precache-manifest.mjs when trunk builds the site:
// the manifest lists every built file; one online visit is enough to work
// offline; a new deployment replaces the old cache.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { manifest, readManifest, siteFiles, writeManifest } from '../../tools/precache-manifest.mjs';
import {
  finished,
  journey,
  launchBrowser,
  PERCENT,
  REPO_ROOT,
  screenshot,
  startServer,
  text,
  TIMEOUT_MS,
} from './helpers.mjs';

const DIST = path.join(REPO_ROOT, 'dist');

/** The manifest in <dir>/sw.js. */
async function builtManifest(dir) {
  const m = readManifest(await readFile(path.join(dir, 'sw.js'), 'utf8'));
  assert.ok(m, `${dir}/sw.js has no precache manifest`);
  return m;
}

/**
 * Waits until the page is controlled by an activated service worker (it
 * activates only once its install, i.e. the precache, has succeeded), then
 * returns the cordon caches and the paths each holds, relative to the site.
 */
async function swCaches(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
  return page.evaluate(async () => {
    const base = new URL('./', location.href).href;
    const out = {};
    for (const name of await caches.keys()) {
      if (!name.startsWith('cordon-')) continue;
      const requests = await (await caches.open(name)).keys();
      out[name] = requests.map((r) => r.url.slice(base.length)).sort();
    }
    return out;
  });
}

/** The first results of the current scenario, failing fast on a crash. */
async function results(page, crashed) {
  await Promise.race([page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor(), crashed]);
  await finished(page);
}

test('dist/sw.js lists every file of the build and its version', async () => {
  const m = await builtManifest(DIST);
  assert.deepEqual(m.files, await siteFiles(DIST));
  assert.ok(m.files.includes('index.html'), m.files.join(', '));
  assert.ok(m.files.some((f) => f.endsWith('.wasm')), m.files.join(', '));
  assert.ok(!m.files.includes('sw.js'));
  assert.deepEqual(m, await manifest(DIST), 'the version is the one of the files in dist/');
});

test('the manifest script: same files, same version; any change, a new one; needs the PRECACHE line', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'cordon-precache-'));
  try {
    await writeFile(path.join(dir, 'sw.js'), 'const A = 1;\nconst PRECACHE = {"version":"unbuilt","files":[]};\n');
    await writeFile(path.join(dir, 'index.html'), '<p>one</p>');
    await cp(path.join(REPO_ROOT, 'assets', 'style.css'), path.join(dir, 'sub', 'style-0123.css'), { recursive: true });
    await writeFile(path.join(dir, '.hidden'), 'x');
    const first = await writeManifest(dir);
    assert.deepEqual(first.files, ['index.html', 'sub/style-0123.css']);
    assert.match(first.version, /^[0-9a-f]{16}$/);
    const written = await readFile(path.join(dir, 'sw.js'), 'utf8');
    assert.deepEqual(readManifest(written), first);
    assert.ok(written.startsWith('const A = 1;\n'), 'the rest of sw.js is kept');

    assert.deepEqual(await writeManifest(dir), first, 'running it again changes nothing');
    assert.equal(await readFile(path.join(dir, 'sw.js'), 'utf8'), written);

    await writeFile(path.join(dir, 'index.html'), '<p>two</p>');
    const second = await writeManifest(dir);
    assert.deepEqual(second.files, first.files);
    assert.notEqual(second.version, first.version, 'a changed file gives a new version');

    await writeFile(path.join(dir, 'sw.js'), 'const A = 1;\n');
    await assert.rejects(writeManifest(dir), /no line `const PRECACHE/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('one online visit, then the planner works offline', { timeout: 4 * TIMEOUT_MS }, async () => {
  const { version, files } = await builtManifest(DIST);
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    await journey(browser, 'offline', { locale: 'en-US' }, async (page, context, crashed) => {
      await page.goto(server.url);
      await results(page, crashed);
      assert.deepEqual(await swCaches(page), { [`cordon-${version}`]: files }, 'the whole build is cached');

      await context.setOffline(true);
      const response = await page.reload();
      assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
      assert.equal(await page.evaluate(() => navigator.onLine), false);
      await results(page, crashed);
      // The workers compute offline too: an edit moves the numbers.
      const before = await text(page, 'local-mean');
      await page.getByTestId('community.grid_workers').fill('0');
      await page.waitForFunction((old) => {
        const el = document.querySelector('[data-testid="local-mean"]');
        return el && el.textContent.trim() !== old;
      }, before);
      await finished(page);
      await screenshot(page, 'planner-offline');
      await context.setOffline(false);
    });
  } finally {
    await browser.close();
    await server.close();
  }
});

test('a new deployment replaces the cache of the old one', { timeout: 4 * TIMEOUT_MS }, async () => {
  // A copy of dist/ served from a temporary directory, redeployed in place.
  const root = await mkdtemp(path.join(tmpdir(), 'cordon-deploy-'));
  await cp(DIST, root, { recursive: true });
  const server = await startServer({ root });
  const browser = await launchBrowser();
  try {
    await journey(browser, 'redeploy', { locale: 'en-US' }, async (page, _context, crashed) => {
      const old = await builtManifest(root);
      await page.goto(server.url);
      await results(page, crashed);
      assert.deepEqual(Object.keys(await swCaches(page)), [`cordon-${old.version}`]);

      // The new deployment: a changed index.html, hence a new manifest and sw.js.
      const index = path.join(root, 'index.html');
      await writeFile(index, (await readFile(index, 'utf8')).replace('</body>', '<!-- deployment 2 --></body>'));
      const next = await writeManifest(root);
      assert.notEqual(next.version, old.version);

      // Reloading online checks for a new sw.js; the new worker installs,
      // activates, and deletes the old cache.
      await page.reload();
      await results(page, crashed);
      // (waitForFunction does not await an async predicate, hence the loop.)
      await page.evaluate(async (name) => {
        const only = async () => {
          const names = (await caches.keys()).filter((n) => n.startsWith('cordon-'));
          return names.length === 1 && names[0] === name;
        };
        // The new worker becomes the page's controller, then deletes the old
        // cache while `activating`, then is `activated`: look again after each.
        for (;;) {
          const changed = new Promise((resolve) => {
            navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true });
            navigator.serviceWorker.controller?.addEventListener('statechange', resolve, { once: true });
          });
          if (await only()) return;
          await changed;
        }
      }, `cordon-${next.version}`);
      assert.deepEqual(await swCaches(page), { [`cordon-${next.version}`]: next.files });
    });
  } finally {
    await browser.close();
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});
