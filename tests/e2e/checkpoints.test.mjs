// Checkpoints gateway by gateway on the release build in dist/: the holiday
// return wave's verdict names the gateway that is short (in both
// languages), the capacity line speaks of the wave's busiest day, and staff
// per shift beyond the posts is a warning at that field, not silence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finished, journey, PERCENT, screenshot, SCREENSHOT_DIR, text, TIMEOUT_MS, useSite } from './helpers.mjs';
import path from 'node:path';

const site = useSite();

const STAFF = 'gateways[2].checkpoint.staff_per_shift';

test('the verdict names the short gateway; staff without posts warn at the field', { timeout: 6 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'checkpoints', { locale: 'zh-CN' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await Promise.race([page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor(), crashed]);
    await page.getByTestId('preset').selectOption('holiday-return');
    await page.waitForFunction(() => document.querySelector('[data-testid="preset"]').value === 'holiday-return');
    await finished(page);

    // Chinese (the default): the highway exits are short, named.
    const zh = page.getByTestId('checkpoint-verdict-2');
    await Promise.race([zh.waitFor(), crashed]);
    assert.match(await text(page, 'checkpoint-verdict-2'), /^3 · 高速路口（6）：100% 的模拟中不足，通常从第 \d+ 天起$/);
    assert.match(await text(page, 'checkpoint-2'), /^3 · 高速路口/);
    const capacity = await page.locator('fieldset.gateway p.capacity').nth(2).textContent();
    assert.equal(capacity.trim(), '第 6 天最繁忙：高峰小时到达 3,736 人，满员时每小时可查验 1,320 人');
    await page.getByTestId('checkpoints').screenshot({ path: path.join(SCREENSHOT_DIR, 'checkpoints-verdict-zh.png') });

    // More staff than posts: a warning at the field, and the numbers stay.
    await page.getByTestId(STAFF).fill('66');
    const warning = page.getByTestId(`${STAFF}-warning`);
    await Promise.race([warning.waitFor({ state: 'attached' }), crashed]);
    assert.equal(
      (await warning.textContent()).trim(),
      '只有 22 个查验岗位：每班 66 人中有 44 人无岗可站，不增加查验能力',
    );
    assert.equal(await page.getByTestId(STAFF).getAttribute('aria-describedby'), `${STAFF}-warning`);
    assert.equal(await page.getByTestId(`${STAFF}-error`).count(), 0, 'a warning is not an error');
    await finished(page);
    assert.match(await text(page, 'checkpoint-verdict-2'), /^3 · 高速路口（6）：100% 的模拟中不足/);

    // English.
    await page.getByTestId('lang').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(
      await text(page, 'checkpoint-verdict-2'),
      /^3 · Highway exits \(6\): short in 100% of runs, typically from day \d+$/,
    );
    assert.equal(
      (await warning.textContent()).trim(),
      'Only 22 posts: 44 of the 66 staff per shift have no post and check nobody',
    );
    await page.getByTestId('checkpoints').screenshot({ path: path.join(SCREENSHOT_DIR, 'checkpoints-verdict-en.png') });
    await page.getByTestId('checkpoint-verdicts').screenshot({ path: path.join(SCREENSHOT_DIR, 'checkpoints-verdicts-en.png') });
    await page.locator('fieldset.gateway').nth(2).screenshot({ path: path.join(SCREENSHOT_DIR, 'checkpoints-highway-en.png') });
    await screenshot(page, 'checkpoints-page-en');
  });
});
