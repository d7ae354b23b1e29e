// Journeys through the planner on the release build in dist/: change a
// resource and see the numbers move, type an invalid value, switch language,
// reload and find the edit kept. Offline use: offline.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finished, journey, PERCENT, screenshot, text, TIMEOUT_MS, useSite } from './helpers.mjs';

const site = useSite();

test('a change moves the numbers; first numbers and all runs are timed', { timeout: 4 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'change', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await Promise.race([page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor(), crashed]);
    await finished(page);
    const before = await text(page, 'local-mean');
    const capacityBefore = await text(page, 'capacity-group.community');

    // No grid workers at all: nobody sweeps for unreported arrivals.
    const started = Date.now();
    await page.getByTestId('community.grid_workers').fill('0');
    await page.waitForFunction((old) => {
      const el = document.querySelector('[data-testid="local-mean"]');
      return el && el.textContent.trim() !== old;
    }, before);
    const firstNumbers = Date.now() - started;
    await finished(page);
    const allRuns = Date.now() - started;
    console.log(`timing: change -> first updated numbers ${firstNumbers} ms; -> all 1,000 runs ${allRuns} ms`);

    const after = await text(page, 'local-mean');
    assert.notEqual(after, before);
    assert.ok(parseFloat(after.replace(/,/g, '')) > parseFloat(before.replace(/,/g, '')), `${after} > ${before}`);
    assert.notEqual(await text(page, 'capacity-group.community'), capacityBefore);
    await screenshot(page, 'planner-no-grid-workers');
  });
});

test('an invalid value shows a message at the field while old results stay, marked stale', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'invalid', { locale: 'en-US' }, async (page) => {
    await page.goto(site.server.url);
    await page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor();
    await finished(page);
    const shown = await text(page, 'p-no-local');
    const posts = page.getByTestId('gateways[0].checkpoint.posts');
    await posts.fill('-5');
    const message = page.getByTestId('gateways[0].checkpoint.posts-error');
    await message.filter({ hasText: 'Allowed: 0 to 10,000' }).waitFor();
    assert.ok((await message.getAttribute('class')).split(/\s+/).includes('field-error'), 'class="field-error"');
    assert.equal(await posts.getAttribute('aria-invalid'), 'true');
    assert.equal(await posts.getAttribute('aria-describedby'), 'gateways[0].checkpoint.posts-error');
    assert.equal(await posts.inputValue(), '-5', 'the input keeps what was typed');
    await page.getByTestId('stale').waitFor();
    assert.equal(await text(page, 'p-no-local'), shown, 'old results stay on screen');
    await screenshot(page, 'planner-invalid');
    await posts.fill('12');
    await page.getByTestId('stale').waitFor({ state: 'detached' });
    assert.ok(
      (await message.count()) === 0 || (await message.innerText()).trim() === '',
      'the message goes once the value is valid',
    );
    assert.notEqual(await posts.getAttribute('aria-invalid'), 'true');
  });
});

test('language switches, is remembered, and the edit survives a reload', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'language', { locale: 'zh-CN' }, async (page) => {
    await page.goto(site.server.url);
    await page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor();
    assert.match(await page.locator('h1').innerText(), /外防输入/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await page.getByTestId('lang').click();
    await page.locator('text=No local transmission').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

    await page.getByTestId('quarantine.rooms').fill('5000');
    await page.waitForFunction(() => localStorage.getItem('cordon.scenario.v1')?.includes('"rooms":5000'));
    await page.reload();
    await page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor();
    assert.equal(await page.getByTestId('quarantine.rooms').inputValue(), '5000');
    await page.locator('text=No local transmission').waitFor();
    await screenshot(page, 'planner-english');
  });
});

test('the Supplies group states the days of stock at full load in both languages', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'supplies', { locale: 'zh-CN' }, async (page) => {
    await page.goto(site.server.url);
    await page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor();
    const line = page.getByTestId('capacity-group.supplies');
    assert.equal((await line.innerText()).trim(), '采样拭子：满负荷可用 30 天，达到 30 天标准');
    // 19.5 days of protective suits: 4,370 a day at full load.
    await page.getByTestId('supplies.protective_suits.stock').fill('85215');
    await line.filter({ hasText: '防护服：满负荷可用 19 天，低于 30 天标准' }).waitFor();
    await page.getByTestId('capacities').filter({ hasText: '防护服' }).waitFor();
    await page.getByTestId('lang').click();
    await line.filter({ hasText: 'Protective suits: 19 days at full load, below the 30-day standard' }).waitFor();
    await page.getByTestId('capacities').filter({ hasText: 'Protective suits' }).waitFor();
    await screenshot(page, 'planner-supplies');
  });
});

test('the capacities table shows what the city has and the rooms needed in 95 % of runs, in both languages', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'needed', { locale: 'zh-CN' }, async (page) => {
    await page.goto(site.server.url);
    await page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor();
    await finished(page);
    const table = page.getByTestId('capacities');
    await table.filter({ hasText: '95% 的模拟中够用所需' }).waitFor();
    const whole = /^\d{1,3}(,\d{3})*$/;
    const rooms = await text(page, 'needed-p95-quarantine_rooms');
    assert.match(rooms, whole);
    assert.match(await text(page, 'needed-p90-quarantine_rooms'), whole);
    assert.match(await text(page, 'has-quarantine_rooms'), whole);
    await page.getByTestId('lang').click();
    await table.filter({ hasText: 'Needed in 95 % of runs' }).waitFor();
    assert.equal(await text(page, 'needed-p95-quarantine_rooms'), rooms);
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'planner-needed');
  });
});

test('choosing another scenario asks before discarding edits; a pasted link opens its scenario', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'preset', { locale: 'en-US' }, async (page) => {
    await page.goto(site.server.url);
    await page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor();
    await page.getByTestId('quarantine.rooms').fill('1234');
    await page.getByTestId('preset').selectOption('cold-chain');
    await page.getByTestId('confirm').waitFor();
    await page.getByTestId('confirm-no').click();
    assert.equal(await page.getByTestId('quarantine.rooms').inputValue(), '1234');
    assert.equal(await page.getByTestId('preset').inputValue(), 'example-city');
    await page.getByTestId('preset').selectOption('holiday-return');
    await page.getByTestId('confirm-yes').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="quarantine.rooms"]').value === '3695');
    assert.equal(await page.getByTestId('preset').inputValue(), 'holiday-return');
    await finished(page);
    await screenshot(page, 'planner-holiday-return');

    // A link for another scenario pasted into the same tab opens it.
    const linkOfHolidayReturn = await page.evaluate(async () => location.href);
    await page.getByTestId('preset').selectOption('tour-group');
    await page.waitForFunction(() => document.querySelector('[data-testid="preset"]').value === 'tour-group');
    await page.evaluate((url) => { location.hash = new URL(url).hash; }, linkOfHolidayReturn);
    await page.waitForFunction(() => document.querySelector('[data-testid="preset"]').value === 'holiday-return');
  });
});
