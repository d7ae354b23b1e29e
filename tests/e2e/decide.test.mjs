// The Decide view on the release build in dist/, in both languages: switch
// to it with the keyboard, run "which lever buys most" (the tornado) and see
// its bars and the table per added unit; run "size a plan to a target" for
// quarantine rooms and see the staffing table; a refused value is shown at
// its field; apply the plan and take it back. Times are logged (`timing:`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { finished, journey, PERCENT, screenshot, text, TIMEOUT_MS, useSite } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const site = useSite();

/** axe-core's serious and critical violations on the page as it is now (none expected). */
async function assertAccessible(page, state) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(found, [], `${state}: ${JSON.stringify(found, null, 2)}`);
}

/** Opens the page, waits for the plan's numbers, and opens the Decide view with the keyboard. */
async function openDecide(page, crashed) {
  await page.goto(site.server.url);
  await Promise.race([page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor(), crashed]);
  await finished(page);
  await page.getByTestId('view-results').focus();
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('decide-panel').waitFor({ state: 'visible' });
  assert.equal(await page.getByTestId('view-decide').getAttribute('aria-selected'), 'true');
  assert.equal(
    await page.evaluate(() => document.activeElement?.dataset.testid),
    'view-decide',
    'the arrow key moves the focus to the Decide tab',
  );
}

/** Runs the tornado and waits for it to finish; returns the time taken in ms. */
async function runTornado(page, crashed) {
  return runUntilNew(page, crashed, 'tornado-run', 'tornado-progress', 'tornado-elapsed');
}

/**
 * Clicks `run`, then waits until no `progress` shows and `answer`'s text is
 * new (a previous answer stays on screen until the new one replaces it).
 */
async function runUntilNew(page, crashed, run, progress, answer) {
  const previous = await page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.innerText ?? null, answer);
  const started = Date.now();
  await page.getByTestId(run).click();
  await Promise.race([
    page.waitForFunction(
      ([progress, answer, previous]) => {
        const a = document.querySelector(`[data-testid="${answer}"]`);
        return !document.querySelector(`[data-testid="${progress}"]`) && a && a.innerText !== previous;
      },
      [progress, answer, previous],
      { timeout: 4 * TIMEOUT_MS },
    ),
    crashed,
  ]);
  return Date.now() - started;
}

/** How many pixels of the tornado's canvas are one of the bars' blues. */
async function barPixels(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="tornado-chart"]');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      const blue = r === 0 && g === 114 && b === 178;
      const sky = r === 86 && g === 180 && b === 233;
      if (blue || sky) count += 1;
    }
    return count;
  });
}

/** Runs the optimiser with the form as it is and waits for its answer; returns ms. */
async function runOptimiser(page, crashed) {
  return runUntilNew(page, crashed, 'optimiser-run', 'optimiser-progress', 'optimiser-effort');
}

test('English: the tornado shows its bars, the rooms optimiser its staffing table, apply and back', { timeout: 10 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'decide-en', { locale: 'en-US' }, async (page, _context, crashed) => {
    await openDecide(page, crashed);

    // A refused step is shown at its field and starts nothing.
    await page.getByTestId('tornado-step').fill('150');
    await page.getByTestId('tornado-step-error').filter({ hasText: 'Allowed: 1 to 100' }).waitFor();
    assert.equal(await page.getByTestId('tornado-run').isDisabled(), true);
    await page.getByTestId('tornado-step').fill('20');

    await page.getByTestId('tornado-outcome').selectOption('p_contained');
    const tornadoMs = await runTornado(page, crashed);
    const rows = await page.getByTestId('tornado-row').count();
    console.log(`timing: tornado, ${rows} levers x 2 sides + the plan, 1,000 runs each: ${tornadoMs} ms`);
    assert.ok(rows >= 8, `${rows} levers`);
    assert.match(await page.getByTestId('tornado-table').innerText(), /Quarantine rooms/);
    assert.match(await page.getByTestId('tornado-table').innerText(), /per added (staff member|room|test a day|bed)/);
    assert.ok((await barPixels(page)) > 500, 'the tornado draws its bars');
    await page.getByTestId('tornado-chart').scrollIntoViewIfNeeded();
    await screenshot(page, 'decide-tornado-en');

    // A refused target value: at its field, in English.
    await page.getByTestId('target-p_exceeded-quarantine_rooms').fill('150');
    await page.getByTestId('target-p_exceeded-quarantine_rooms-error').filter({ hasText: 'Allowed: 0 to 100' }).waitFor();
    await page.getByTestId('optimiser-run').click();
    await page.getByTestId('optimiser-gap').waitFor();
    await page.getByTestId('target-p_exceeded-quarantine_rooms').fill('5');

    // Rooms run out in at most 5 % of runs: only rooms move.
    const optimiserMs = await runOptimiser(page, crashed);
    const verdict = await text(page, 'optimiser-verdict');
    assert.match(verdict, /Cheapest plan found/);
    assert.equal(await page.getByTestId('staffing-row').count(), 1);
    const proposed = (await text(page, 'staffing-proposed')).replace(/,/g, '');
    assert.match(proposed, /^\d+$/);
    assert.match(await text(page, 'optimiser-check'), /fresh runs \(seed \d+/);
    assert.match(await text(page, 'optimiser-fresh'), PERCENT);
    const effort = await text(page, 'optimiser-effort');
    console.log(`timing: rooms optimiser (P(rooms run out) <= 5 %): ${optimiserMs} ms; ${effort}; rooms ${proposed}`);
    await page.getByTestId('staffing-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'decide-optimiser-en');
    await assertAccessible(page, 'the Decide view with a tornado and an answer');

    // Apply: the editor takes the proposed rooms; back restores the plan.
    const before = await page.getByTestId('quarantine.rooms').inputValue();
    await page.getByTestId('optimiser-apply').click();
    await page.waitForFunction((want) => document.querySelector('[data-testid="quarantine.rooms"]')?.value === want, proposed);
    await page.getByTestId('optimiser-restore').click();
    await page.waitForFunction((want) => document.querySelector('[data-testid="quarantine.rooms"]')?.value === want, before);
    await page.getByTestId('optimiser-stale').waitFor({ state: 'detached' });

    // Back to the results with the keyboard.
    await page.getByTestId('view-decide').focus();
    await page.keyboard.press('Home');
    await page.getByTestId('p-no-local').waitFor();
    assert.equal(await page.getByTestId('decide-panel').count(), 0);
    assert.equal(await page.getByTestId('staffing-table').isVisible(), false, 'the answer is only on paper here');

    // The printed report carries both tables (the forms and buttons stay off paper).
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByTestId('tornado-table').isVisible(), true, 'tornado table printed');
    assert.equal(await page.getByTestId('tornado-chart').isVisible(), true, 'tornado chart printed');
    assert.ok((await barPixels(page)) > 500, 'the printed tornado draws its bars');
    assert.equal(await page.getByTestId('staffing-table').isVisible(), true, 'staffing table printed');
    assert.equal(await page.getByTestId('optimiser-run').isVisible(), false, 'no form on paper');
    await screenshot(page, 'decide-print-en');
    await page.emulateMedia({ media: 'screen' });
  });
});

test('Chinese: the tornado and the rooms optimiser, in Chinese', { timeout: 10 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'decide-zh', { locale: 'zh-CN' }, async (page, _context, crashed) => {
    await openDecide(page, crashed);
    assert.match(await page.getByTestId('tornado-panel').innerText(), /哪项资源最见效/);
    // Stop keeps what is done so far.
    await page.getByTestId('tornado-run').click();
    await page.getByTestId('tornado-stop').click();
    await page.getByTestId('tornado-progress').waitFor({ state: 'detached' });
    const tornadoMs = await runTornado(page, crashed);
    console.log(`timing: tornado (zh): ${tornadoMs} ms`);
    assert.match(await page.getByTestId('tornado-table').innerText(), /隔离房间/);
    assert.ok((await barPixels(page)) > 500, 'the tornado draws its bars');
    await page.getByTestId('tornado-chart').scrollIntoViewIfNeeded();
    await screenshot(page, 'decide-tornado-zh');

    const optimiserMs = await runOptimiser(page, crashed);
    console.log(`timing: rooms optimiser (zh): ${optimiserMs} ms`);
    assert.match(await text(page, 'optimiser-verdict'), /找到最省方案/);
    assert.match(await page.getByTestId('staffing-table').innerText(), /隔离房间/);
    assert.match(await text(page, 'optimiser-check'), /复核/);
    await page.getByTestId('staffing-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'decide-optimiser-zh');

    // An infeasible target says what the best reaches.
    await page.getByTestId('target-p_contained-on').check();
    await page.getByTestId('target-p_contained').fill('100');
    await page.getByTestId('target-p_exceeded-quarantine_rooms-on').uncheck();
    await runOptimiser(page, crashed);
    const infeasible = await text(page, 'optimiser-verdict');
    assert.match(infeasible, /在这些范围内没有方案能满足：疫情得到控制 ≥ 100%（最好只能达到 \d+(\.\d)?%）/);
    await screenshot(page, 'decide-infeasible-zh');
  });
});
