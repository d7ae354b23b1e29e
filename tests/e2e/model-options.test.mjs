// The choices published outbreak models make (issue 9 §5), on the release
// build in dist/: the verdict names the containment window's days and
// follows its field; the share of transmission before symptom onset the
// scenario implies is shown next to the generation interval and follows the
// timing switch; both in English and Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { finished, journey, PERCENT, screenshot, SCREENSHOT_DIR, text, TIMEOUT_MS, useSite } from './helpers.mjs';

const site = useSite();

/** Waits for the first results, then for all runs. */
async function results(page, crashed) {
  await Promise.race([page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor(), crashed]);
  await finished(page);
}

/** Opens every closed <details> around the element with this data-testid. */
async function reveal(page, testid) {
  const target = page.getByTestId(testid);
  await target.waitFor({ state: 'attached' });
  const closed = page.locator('details:not([open])', { has: target });
  for (let i = 0; i < 5 && (await closed.count()) > 0; i++) {
    await closed.first().locator(':scope > summary').click();
  }
}

test('the containment window and the presymptomatic share, in English', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'model-options-en', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);
    // The example city simulates 120 days: contained means days 107–120.
    assert.equal(await text(page, 'p-contained-days'), 'No infection in the city on days 107–120');

    await reveal(page, 'presymptomatic-share');
    assert.equal(
      await text(page, 'presymptomatic-share'),
      'Transmission before symptom onset in this scenario: 56.7%',
    );
    // Tied to onset, the share is the set one (40 % by default).
    await reveal(page, 'epidemiology.timing.tied_to_onset');
    await page.getByTestId('epidemiology.timing.tied_to_onset').check();
    await page
      .getByTestId('presymptomatic-share')
      .filter({ hasText: 'Transmission before symptom onset in this scenario: 40%' })
      .waitFor();

    // A shorter window ending on the last day.
    await reveal(page, 'containment.window_days');
    await page.getByTestId('containment.window_days').fill('7');
    await page.getByTestId('containment.window_days').press('Tab');
    await page
      .getByTestId('p-contained-days')
      .filter({ hasText: 'No infection in the city on days 114–120' })
      .waitFor();
    await results(page, crashed);
    await screenshot(page, 'model-options-en');
    // The editor scrolls on its own: its epidemiology panel, with the note.
    const panel = page.locator('details.advanced', { has: page.getByTestId('presymptomatic-share') });
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'model-options-en-epidemiology.png') });
  });
});

test('the same in Chinese', { timeout: 2 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'model-options-zh', { locale: 'zh-CN' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);
    assert.equal(await text(page, 'p-contained-days'), '第 107–120 天无本土新增感染');
    await reveal(page, 'presymptomatic-share');
    assert.equal(await text(page, 'presymptomatic-share'), '本情景症状出现前传播占比：56.7%');
    await screenshot(page, 'model-options-zh');
  });
});
