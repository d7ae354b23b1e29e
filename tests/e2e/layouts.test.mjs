// Journeys for the page's audiences and for accessibility, on the release
// build in dist/:
// - axe-core (the standard accessibility rule engine) finds no serious or
//   critical violation on the page's main states (planner, share panel with
//   its QR code and chart menu open, presentation, presentation with the
//   editor drawer open), in Chinese and in English;
// - presentation mode at 1920×1080 keeps the editor as a drawer opened by a
//   button, keyboard accessible (focus moves in, Escape closes);
// - on a tablet (768×1024) the editor comes before the results;
// - the share panel comes after the verdict; the verdict says over how many
//   days "no local transmission" is counted;
// - timeline events are on the charts: a chart's readout of day 1 (days count
//   from 1) names the event of that day, and an event changing a resource
//   that never binds says so.
// Screenshots of the presentation and tablet layouts are saved to
// tests/e2e/screenshots/ (layout-presentation-*.png, layout-tablet-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { finished, journey, PERCENT, screenshot, useSite } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const site = useSite();

const LANGS = [
  { locale: 'zh-CN', presentation: '演示模式', editorOpen: '编辑情景' },
  { locale: 'en-US', presentation: 'Presentation', editorOpen: 'Edit the scenario' },
];

/** Waits for the first results, then for all runs. */
async function results(page, crashed) {
  await Promise.race([page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor(), crashed]);
  await finished(page);
}

/** The serious and critical axe-core violations on the page as it is now. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function assertNoSeriousViolations(page, state) {
  const violations = await axeViolations(page);
  assert.deepEqual(
    violations,
    [],
    `${state}: serious or critical accessibility violations:\n${JSON.stringify(violations, null, 2)}`,
  );
}

for (const lang of LANGS) {
  test(`axe-core finds no serious or critical violation on the main states (${lang.locale})`, async () => {
    await journey(site.browser, `axe-${lang.locale}`, { locale: lang.locale }, async (page, _context, crashed) => {
      await page.goto(site.server.url);
      await results(page, crashed);
      await assertNoSeriousViolations(page, 'planner');

      // The share panel with its QR code and the charts menu open.
      await page.getByTestId('share-qr-toggle').click();
      await page.getByTestId('share-qr').waitFor();
      const controls = await page.getByTestId('share-qr-toggle').getAttribute('aria-controls');
      assert.equal(await page.locator(`#${controls}`).count(), 1, 'aria-controls names an element in the page');
      await assertNoSeriousViolations(page, 'share panel, QR code shown');
      await page.getByTestId('share-qr-toggle').click();
      assert.equal(
        await page.getByTestId('share-qr-toggle').getAttribute('aria-controls'),
        null,
        'no aria-controls while the QR code is not in the page',
      );

      // Presentation, then its editor drawer.
      await page.getByRole('button', { name: lang.presentation }).click();
      await page.getByTestId('editor-toggle').waitFor();
      await assertNoSeriousViolations(page, 'presentation');
      await page.getByTestId('editor-toggle').click();
      await page.locator('#editor').waitFor({ state: 'visible' });
      await assertNoSeriousViolations(page, 'presentation, editor open');
    });
  });
}

for (const lang of LANGS) {
  test(`presentation at 1920×1080 keeps a slide-out editor (${lang.locale})`, async () => {
    await journey(
      site.browser,
      `presentation-${lang.locale}`,
      { locale: lang.locale, viewport: { width: 1920, height: 1080 } },
      async (page, _context, crashed) => {
        await page.goto(site.server.url);
        await results(page, crashed);
        await page.getByRole('button', { name: lang.presentation }).click();
        const toggle = page.getByTestId('editor-toggle');
        await toggle.waitFor();
        assert.equal(await page.locator('#editor').isVisible(), false, 'the editor starts hidden');
        assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
        assert.equal((await toggle.innerText()).trim(), lang.editorOpen);
        await screenshot(page, `layout-presentation-${lang.locale}`);

        // Keyboard: the button opens the drawer and the focus moves into it.
        await toggle.focus();
        await page.keyboard.press('Enter');
        await page.locator('#editor').waitFor({ state: 'visible' });
        assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
        await page.waitForFunction(() => document.getElementById('editor').contains(document.activeElement));
        await screenshot(page, `layout-presentation-editor-${lang.locale}`);

        // A change made in the drawer recomputes in front of the room.
        const rooms = page.getByTestId('quarantine.rooms');
        if (!(await rooms.isVisible())) {
          await page.locator('#editor details.group', { has: rooms }).locator('> summary').click();
        }
        await rooms.fill('100');
        await rooms.press('Tab');
        await results(page, crashed);

        // Escape closes it and gives the focus back to the button.
        await page.locator('#editor').focus();
        await page.keyboard.press('Escape');
        await page.locator('#editor').waitFor({ state: 'hidden' });
        await page.waitForFunction(() => document.activeElement?.id === 'editor-toggle');

        // Large type: the page's root size is 20 px.
        const rootSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
        assert.equal(rootSize, '20px');
      },
    );
  });
}

test('on a tablet the editor comes first, and the share panel follows the verdict', async () => {
  await journey(
    site.browser,
    'tablet',
    { locale: 'zh-CN', viewport: { width: 768, height: 1024 } },
    async (page, _context, crashed) => {
      await page.goto(site.server.url);
      await results(page, crashed);
      const top = async (selector) => (await page.locator(selector).first().boundingBox()).y;
      assert.ok((await top('#editor')) < (await top('#results')), 'the editor is above the results');
      assert.ok((await top('#editor')) < 1024, 'the editor starts on the first screen');
      const verdict = await top('[data-testid="p-no-local"]');
      const share = await top('[data-testid="share-panel"], .share-panel');
      const charts = await top('.charts');
      assert.ok(verdict < share && share < charts, `verdict ${verdict}, share ${share}, charts ${charts}`);
      await screenshot(page, 'layout-tablet-zh-CN');
    },
  );
});

test('events are on the charts, days count from 1, and a change that did not bind says so', async () => {
  await journey(site.browser, 'events-on-charts', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await page.getByTestId('preset').selectOption('rail-traveller');
    const yes = page.getByTestId('confirm-yes');
    if (await yes.isVisible().catch(() => false)) await yes.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="preset"]').value === 'rail-traveller');
    await results(page, crashed);
    assert.match(await page.getByTestId('p-no-local-days').innerText(), /over the 60 days simulated/);

    // The chart's first day is day 1 and names the traveller's arrival.
    const chart = page.locator('#chart-infections');
    await chart.focus();
    await page.keyboard.press('Home');
    const readout = page.locator('figure.chart', { has: chart }).locator('.readout');
    await page.waitForFunction((el) => el.textContent.includes('Day 1:'), await readout.elementHandle());
    const text = await readout.innerText();
    assert.match(text, /^Local: Day 1: median/);
    assert.match(text, /\(1\) Day 1: 1 infected traveller slips through 1 · Rail station unnoticed/);
    await page.keyboard.press('End');
    await page.waitForFunction((el) => el.textContent.includes('Day 60:'), await readout.elementHandle());

    // The timeline in words counts from 1 too; add grid workers off sick on
    // day 5 (typed as 5, the engine's day 4).
    const timeline = page.locator('details.group', { has: page.getByTestId('event-kind') });
    if (!(await page.getByTestId('event-kind').isVisible())) await timeline.locator('> summary').click();
    await page.getByTestId('event-kind').selectOption('staff_absent');
    await page.getByTestId('event-day').fill('5');
    await page.getByTestId('event-share').fill('20');
    await timeline.locator('select').nth(1).selectOption({ label: 'Grid workers' });
    await page.getByTestId('event-add').click();
    await page.locator('ol.events li', { hasText: 'Day 5: 20% of Grid workers off sick' }).waitFor();
    await results(page, crashed);
    const hint = page.locator('ol.events li', { hasText: 'Day 5:' }).getByTestId('event-hint');
    await hint.waitFor();
    assert.match(await hint.innerText(), /^Grid workers: not a limit in this scenario \(peak use \d+(\.\d)?% of capacity\)$/);

    // Day 0 is not a day.
    await page.getByTestId('event-day').fill('0');
    await page.getByTestId('event-add').click();
    await page.getByText('Enter a day from 1 to 60 and non-negative numbers').waitFor();

    // A surge of arrivals (one of the drill's change kinds) from the same
    // form: its gateway, how many times as many and for how many days.
    await page.getByTestId('event-kind').selectOption('arrival_surge');
    await page.getByTestId('event-day').fill('8');
    await page.getByTestId('event-gateway').selectOption({ index: 0 });
    await page.getByTestId('event-factor').fill('3');
    await page.getByTestId('event-days').fill('5');
    await page.getByTestId('event-add').click();
    await page.locator('ol.events li', { hasText: 'Day 8: arrivals at 1 · Rail station × 3 for 5 days' }).waitFor();
    assert.equal(await page.getByText('Enter a day from 1 to 60').count(), 0);
    // The form as it is now (arrival surge: gateway, times as many, days).
    await timeline.screenshot({ path: new URL('./screenshots/timeline-arrival-surge-en-US.png', import.meta.url).pathname });
  });
});
