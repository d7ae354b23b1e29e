// End-to-end smoke test of the release build in dist/ (`./x test` builds it
// first; alone: `./x build && node --test tests/e2e/`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, screenshot, TIMEOUT_MS, useSite } from './helpers.mjs';

const site = useSite();

test('planner loads, draws the infection chart and shows P(no local case)', { timeout: 3 * TIMEOUT_MS }, async () => {
  const { page, context, errors, crashed } = await newPage(site.browser);
  try {
    await page.goto(site.server.url, { waitUntil: 'load' });

    const chart = page.locator('canvas#chart-infections');
    await Promise.race([chart.waitFor({ state: 'visible', timeout: TIMEOUT_MS }), crashed]);

    // playwright-core has no `expect`; a locator filtered by text auto-waits
    // until the element shows a percentage (i.e. the simulation has finished).
    const percent = /\d+(\.\d+)?\s*%/;
    const pNoLocal = page.locator('[data-testid="p-no-local"]', { hasText: percent });
    await Promise.race([pNoLocal.waitFor({ state: 'visible', timeout: TIMEOUT_MS }), crashed]);
    assert.match(await pNoLocal.innerText(), percent);

    const file = await screenshot(page, 'planner');
    console.log(`screenshot: ${file}`);

    assert.deepEqual(errors, [], `console/page errors:\n${errors.join('\n')}`);
  } catch (err) {
    const file = await screenshot(page, 'planner-failure').catch(() => null);
    const details =
      (errors.length ? `console/page errors:\n  ${errors.join('\n  ')}` : '(no console/page errors)') +
      (file ? `\nscreenshot of the failure: ${file}` : '');
    throw new Error(`${err.message}\n${details}`, { cause: err });
  } finally {
    await context.close();
  }
});
