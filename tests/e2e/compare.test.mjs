// Comparing plans on the release build in dist/, in Chinese and in English:
// pin the example city as the baseline, halve the grid workers, and see each
// outcome's difference from the baseline with its 95 % interval (paired:
// common random numbers); open the plans' link in a fresh context and see
// the same table (the plans recomputed there); reload and find the plans
// kept; axe-core finds no serious or critical violation on the comparison.
// The chart switches to differences from the baseline; the comparison CSV
// downloads in the reader's language.
// Screenshots: tests/e2e/screenshots/compare-<locale>.png (the page),
// compare-<locale>-panel.png (the comparison panel) and
// compare-<locale>-difference.png (the chart's difference view).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished, journey, PERCENT, screenshot, SCREENSHOT_DIR, text, TIMEOUT_MS, useSite } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const site = useSite();

const LANGS = [
  {
    locale: 'zh-CN', pin: '固定为基准', baseline: '基准方案', current: '当前修改', paired: '配对', points: '个百分点',
    csvHeader: '指标,方案,数值,与基准之差,', csvLocal: '本地感染（平均）,', yes: ',是,',
  },
  {
    locale: 'en-US', pin: 'Pin as baseline', baseline: 'Baseline', current: 'Current edit', paired: 'paired', points: 'pp',
    csvHeader: 'Outcome,Plan,Value,Difference from baseline,', csvLocal: 'Local infections (mean),', yes: ',yes,',
  },
];

/** "−12.3 ± 2.1" (with a unit after, for percentages). */
const DIFFERENCE = /^([−+]\d+(\.\d)?|0) ± \d+\.\d/;

async function results(page, crashed) {
  await Promise.race([page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor(), crashed]);
  await finished(page);
}

/** The comparison table's text, cell by cell. */
async function tableCells(page) {
  return page.getByTestId('compare-table').evaluate((table) =>
    [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((cell) => cell.innerText.replace(/\s+/g, ' ').trim()),
    ),
  );
}

/** Waits until both plans' runs are all in the table. */
async function tableComplete(page) {
  await page.waitForFunction(() => {
    const runs = [...document.querySelectorAll('[data-testid="compare-table"] .plan-runs')];
    return runs.length >= 2 && runs.every((r) => {
      const [done, total] = r.textContent.match(/[\d,]+/g) ?? [];
      return done && done === total;
    });
  }, null, { timeout: 2 * TIMEOUT_MS });
}

async function assertNoSeriousViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
}

for (const lang of LANGS) {
  test(`pin a baseline, halve the grid workers, see the difference with its uncertainty; the link opens the same table (${lang.locale})`, { timeout: 6 * TIMEOUT_MS }, async () => {
    let link;
    let cells;
    await journey(site.browser, `compare-${lang.locale}`, { locale: lang.locale, acceptDownloads: true }, async (page, _context, crashed) => {
      await page.goto(site.server.url);
      await results(page, crashed);

      const pin = page.getByTestId('pin-plan');
      assert.equal((await pin.innerText()).trim(), lang.pin);
      await pin.click();
      assert.equal(await page.getByTestId('plan-name-0').inputValue(), lang.baseline);
      // The same plan cannot be pinned twice.
      assert.ok(await pin.isDisabled());

      // Halve the grid workers (9,149 → 4,574).
      await page.getByTestId('community.grid_workers').fill('4574');
      await page.getByTestId('plan-column-1').filter({ hasText: lang.current }).waitFor();
      await finished(page);
      await tableComplete(page);

      assert.match(await text(page, 'pairing-1'), new RegExp(lang.paired));
      const local = await text(page, 'difference-local_infections_mean-1');
      assert.match(local, DIFFERENCE, local);
      const contained = await text(page, 'difference-p_contained-1');
      assert.match(contained, DIFFERENCE, contained);
      assert.ok(contained.endsWith(lang.points), contained);
      // Fewer grid workers: at least as many local infections on average.
      assert.ok(!local.startsWith('−'), local);
      assert.match(await text(page, 'compare-legend'), /95/);
      await page.getByTestId('compare-chart').waitFor();

      // The chart as differences from the baseline, by keyboard: one line
      // (the changed plan), its band, a zero line.
      const chart = page.getByTestId('compare-chart');
      assert.equal(await chart.getAttribute('data-view'), 'overlaid');
      await page.getByTestId('compare-chart-difference').focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="compare-chart"][data-view="difference"]').waitFor();
      assert.equal(await page.getByTestId('compare-chart-difference').getAttribute('aria-pressed'), 'true');
      assert.equal(await chart.locator('path[stroke-width="2"]').count(), 1);
      assert.equal(await chart.locator('line.zero').count(), 1);
      await chart.scrollIntoViewIfNeeded();
      await chart.screenshot({ path: path.join(SCREENSHOT_DIR, `compare-${lang.locale}-difference.png`) });
      await page.getByTestId('compare-chart-overlaid').click();
      assert.equal(await chart.locator('path[stroke-width="2"]').count(), 2);

      // The comparison as CSV, in the reader's language.
      const [csvDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('compare-csv').click(),
      ]);
      assert.equal(csvDownload.suggestedFilename(), 'cordon-comparison.csv');
      const csv = await readFile(await csvDownload.path(), 'utf8');
      assert.ok(csv.startsWith(`\ufeff${lang.csvHeader}`), csv.slice(0, 120));
      assert.ok(csv.includes(`\n${lang.csvLocal}`), csv);
      assert.ok(csv.includes(lang.yes), 'the changed plan is paired');

      // Rename the changed plan after pinning it too: the table keeps both.
      await pin.click();
      await page.getByTestId('plan-name-1').fill(lang.locale === 'zh-CN' ? '网格员减半' : 'Half the grid workers');
      await page.getByTestId('plan-name-1').press('Enter');
      await page.getByTestId('plan-name-1').blur();
      await page.waitForFunction(() => {
        const input = document.querySelector('[data-testid="plans-link"]');
        return input && input.value.includes('#p1.');
      });
      link = await page.getByTestId('plans-link').inputValue();
      cells = await tableCells(page);
      assert.equal(cells[2][0] !== undefined, true);
      await assertNoSeriousViolations(page);

      // Keyboard: the pin button, the names and the remove buttons are reachable.
      await page.getByTestId('plan-name-0').focus();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'remove-plan-0');

      await page.getByTestId('compare').scrollIntoViewIfNeeded();
      await screenshot(page, `compare-${lang.locale}`);
      await page.getByTestId('compare').screenshot({ path: path.join(SCREENSHOT_DIR, `compare-${lang.locale}-panel.png`) });

      // Reload: the plans are still pinned (recomputed).
      await page.reload();
      await results(page, crashed);
      await tableComplete(page);
      assert.deepEqual(await tableCells(page), cells);
    });

    // The link in a fresh context: the same table.
    await journey(site.browser, `compare-link-${lang.locale}`, { locale: lang.locale }, async (page, _context, crashed) => {
      await page.goto(link);
      await results(page, crashed);
      await tableComplete(page);
      assert.deepEqual(await tableCells(page), cells);
      assert.equal(
        await page.getByTestId('plan-name-1').inputValue(),
        lang.locale === 'zh-CN' ? '网格员减半' : 'Half the grid workers',
      );
    });
  });
}

test('the plans download as one JSON file that opens in a fresh context; a damaged plans link is refused', { timeout: 6 * TIMEOUT_MS }, async () => {
  let file;
  let cells;
  await journey(site.browser, 'compare-file', { locale: 'en-US', acceptDownloads: true }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);
    await page.getByTestId('pin-plan').click();
    await page.getByTestId('quarantine.rooms').fill('2000');
    await finished(page);
    await page.getByTestId('pin-plan').click();
    await tableComplete(page);
    cells = await tableCells(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('plans-download').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'cordon-plans.json');
    // Kept past the context (its downloads go with it).
    file = path.join(await mkdtemp(path.join(os.tmpdir(), 'cordon-plans-')), 'cordon-plans.json');
    await download.saveAs(file);
    const set = JSON.parse(await readFile(file, 'utf8'));
    assert.deepEqual(set.plans.map((p) => p.name), ['Baseline', 'Plan 2']);
    assert.equal(set.plans[1].scenario.quarantine.rooms, 2000);
    // Fewer rooms: they run out more often, beyond the uncertainty.
    const rooms = await text(page, 'difference-p_exceeded.quarantine_rooms-1');
    assert.match(rooms, /^\+\d/, rooms);
    assert.equal(
      await page.getByTestId('difference-p_exceeded.quarantine_rooms-1').getAttribute('class'),
      'difference worse',
    );
  });
  await journey(site.browser, 'compare-open', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);
    await page.getByTestId('plans-file').setInputFiles(file);
    await tableComplete(page);
    assert.deepEqual(await tableCells(page), cells);
    // A damaged plans link: a message, the page keeps working.
    const link = await page.getByTestId('plans-link').inputValue();
    await page.goto(link.replace('#p1.', '#p1.x'));
    await page.reload();
    await page.getByTestId('link-problem').waitFor();
    await results(page, crashed);
  });
});
