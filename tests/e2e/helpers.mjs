// Shared helpers for the end-to-end tests (node:test + playwright-core).
//
// Uses the system Chromium (Debian package `chromium`, installed by
// `./x setup-test`); Playwright's own browser downloads are never used.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { REPO_ROOT, startServer } from './serve.mjs';

export { REPO_ROOT, startServer };

/** Generous default for waits: the first wasm compile on a slow CI box takes a while. */
export const TIMEOUT_MS = 60_000;

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'tests', 'e2e', 'screenshots');

/**
 * Launch headless Chromium. Playwright's launch() always uses a fresh temporary
 * user-data-dir, removed again on browser.close().
 * @param {import('playwright-core').LaunchOptions} [options]
 */
export function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: TIMEOUT_MS,
    ...options,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      ...(options.args ?? []),
    ],
  });
}

/**
 * Open a new page with generous default timeouts and collect every console
 * error, uncaught page error and failed request into `errors`.
 *
 * `crashed` is a promise that rejects on the first uncaught page error (e.g. a
 * Rust panic); race it against waits so a crash fails fast instead of after
 * the full timeout: `await Promise.race([locator.waitFor(), crashed])`.
 * @param {import('playwright-core').Browser} browser
 * @returns {Promise<{page: import('playwright-core').Page, context: import('playwright-core').BrowserContext, errors: string[], crashed: Promise<never>}>}
 */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    ...contextOptions,
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  let crash;
  const crashed = new Promise((_, reject) => {
    crash = reject;
  });
  crashed.catch(() => {}); // only an error for whoever races it
  page.on('pageerror', (err) => {
    errors.push(`pageerror: ${err.stack || err.message}`);
    crash(new Error(`uncaught error in the page: ${err.message}`));
  });
  page.on('requestfailed', (req) =>
    errors.push(`requestfailed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`),
  );
  // Workers (the simulation runs in one) report uncaught errors separately.
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`worker console.error: ${msg.text()}`);
    });
  });
  return { page, context, errors, crashed };
}

/** Save a full-page screenshot to tests/e2e/screenshots/<name>.png and return its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A percentage as the verdict shows it. */
export const PERCENT = /\d+(\.\d+)?\s*%/;

/**
 * Serves dist/ and launches Chromium once for a test file; `site.server` and
 * `site.browser` are set before its tests run and closed after.
 */
export function useSite() {
  const site = {};
  before(async () => {
    site.server = await startServer();
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** Waits until every run of the current scenario is done. */
export async function finished(page) {
  await page.waitForFunction(
    () => {
      const p = document.querySelector('[data-testid="progress"]');
      return p && !document.querySelector('.status progress');
    },
    null,
    { timeout: TIMEOUT_MS },
  );
}

/** The trimmed text of the element with this data-testid. */
export async function text(page, testid) {
  return (await page.getByTestId(testid).innerText()).trim();
}

/**
 * Runs `body(page, context, crashed)` in a fresh context; fails on any console
 * or page error, and saves a screenshot named `<name>-failure` when it fails.
 */
export async function journey(browser, name, contextOptions, body) {
  const { page, context, errors, crashed } = await newPage(browser, contextOptions);
  try {
    await body(page, context, crashed);
    assert.deepEqual(errors, [], `console/page errors:\n${errors.join('\n')}`);
  } catch (err) {
    const file = await screenshot(page, `${name}-failure`).catch(() => null);
    throw new Error(`${err.message}\n${errors.join('\n')}\n${file ?? ''}`, { cause: err });
  } finally {
    await context.close();
  }
}
