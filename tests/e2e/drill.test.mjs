// The drill journey (issue 10) on the release build in dist/, in both
// languages: open the drill from the planner, pick a bad realisation, step
// 10 days (button, N key, "run to"), play/pause with Space, fire an inject,
// take a decision (a refused value first), reveal the truth, fork a branch,
// open the after-action report, export the exercise, then open its link in
// a fresh context and find the same day and numbers; the read-only room
// display (projector 1920×1080 and phone 390×844) follows the link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { finished, journey, screenshot, text, TIMEOUT_MS, useSite } from './helpers.mjs';

const site = useSite();
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** No serious or critical axe-core violation on the page as it is now. */
async function accessible(page, state) {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(violations, [], `${state}: ${JSON.stringify(violations, null, 2)}`);
}

const WORDS = {
  'en-US': {
    day: (n) => `Day ${n}`,
    title: /^Example city/,
    main: 'Main line',
    refused: /from|to|between/i,
  },
  'zh-CN': {
    day: (n) => `第 ${n} 天`,
    title: /^示例城市/,
    main: '主线',
    refused: /至|之间|范围/,
  },
};

/** The room's numbers as shown. */
async function roomNumbers(page) {
  const numbers = {};
  for (const id of ['room-detected', 'room-rooms', 'room-home', 'room-beds', 'room-tests', 'room-tracing']) {
    numbers[id] = (await page.getByTestId(id).locator('.tile-value').innerText()).trim();
  }
  return numbers;
}

async function dayIs(page, words, n) {
  await page.getByTestId('drill-day').filter({ hasText: words.day(n) }).waitFor();
}

for (const locale of ['en-US', 'zh-CN']) {
  test(`a facilitator plays a drill and hands it on (${locale})`, { timeout: 8 * TIMEOUT_MS }, async () => {
    const words = WORDS[locale];
    let link;
    let roomLink;
    let numbers;
    let run;
    let day;
    let exported;
    await journey(site.browser, `drill-${locale}`, { locale, viewport: { width: 1920, height: 1080 } }, async (page, _context, crashed) => {
      await page.goto(site.server.url);
      await Promise.race([page.getByTestId('open-drill').waitFor(), crashed]);
      // The drill opens from the planner's header, by keyboard too.
      await page.getByTestId('open-drill').focus();
      await page.keyboard.press('Enter');
      await Promise.race([page.getByTestId('drill').waitFor(), crashed]);
      await dayIs(page, words, 0);
      // The day header names the exercise (the planner's preset).
      assert.match(await text(page, 'drill-title'), words.title);

      // A bad one: once the planner's Monte Carlo runs are done.
      await page.locator('[data-testid="pick-bad"]:not([disabled])').waitFor({ timeout: 4 * TIMEOUT_MS });
      await page.getByTestId('pick-bad').click();
      run = await text(page, 'drill-run');
      assert.match(run, /\d+/);

      // Ten days: the button, the N key, then "run to day 10".
      await page.getByTestId('next-day').click();
      await dayIs(page, words, 1);
      await page.getByTestId('drill-day').click();
      await page.keyboard.press('n');
      await dayIs(page, words, 2);
      await page.getByTestId('run-to').fill('10');
      await page.getByTestId('run-to-go').click();
      await dayIs(page, words, 10);
      // A day already played is refused, nothing is lost.
      await page.getByTestId('run-to').fill('3');
      await page.getByTestId('run-to-go').click();
      await page.getByTestId('drill-notice').waitFor();
      await dayIs(page, words, 10);

      // Space plays and pauses (not while typing).
      await page.getByTestId('drill-day').click();
      await page.keyboard.press(' ');
      await page.locator('[data-testid="play"][aria-pressed="true"]').waitFor();
      await page.keyboard.press(' ');
      await page.locator('[data-testid="play"][aria-pressed="false"]').waitFor();
      // Space on the drill's own time controls plays and pauses too, once:
      // on Play itself (pressing the button as well would undo it) and on
      // Next day (pressing that button instead would leave play off).
      await page.getByTestId('play').focus();
      await page.keyboard.press(' ');
      await page.locator('[data-testid="play"][aria-pressed="true"]').waitFor();
      await page.keyboard.press(' ');
      await page.locator('[data-testid="play"][aria-pressed="false"]').waitFor();
      await page.getByTestId('next-day').focus();
      await page.keyboard.press(' ');
      await page.locator('[data-testid="play"][aria-pressed="true"]').waitFor();
      await page.keyboard.press(' ');
      await page.locator('[data-testid="play"][aria-pressed="false"]').waitFor();
      // Playing may have gone on a day or two: go on from where it stopped.
      const played = Number((await text(page, 'drill-day')).match(/\d+/)[0]);
      assert.ok(played >= 10, `day ${played}`);

      // Fire an inject: a quarantine site must close.
      await page.getByTestId('inject-kind').selectOption('quarantine_site_closes');
      await page.getByTestId('inject-amount').fill('-3');
      await page.getByTestId('inject-fire').click();
      await page.getByTestId('inject-problem').waitFor();
      await page.getByTestId('inject-amount').fill('');
      await page.getByTestId('inject-fire').click();
      await page.getByTestId('inject-problem').waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('inject-list').locator('li').count(), 1);

      // A decision: a refused value is shown at the form, then the default.
      await page.getByTestId('decision-kind').selectOption({ index: 0 });
      await page.getByTestId('decision-amount').fill('-50');
      await page.getByTestId('decision-add').click();
      await page.getByTestId('decision-problem').waitFor();
      assert.match(await text(page, 'decision-problem'), words.refused);
      await page.getByTestId('decision-amount').fill('');
      await page.getByTestId('decision-note').fill('site B');
      await page.getByTestId('decision-add').click();
      await page.getByTestId('decision-list').locator('li', { hasText: 'site B' }).waitFor();

      // The next day brings the inject's message to the room.
      await page.getByTestId('next-day').click();
      await dayIs(page, words, played + 1);
      assert.equal(await page.getByTestId('room-messages').locator('li').count(), 1);

      // The truth, on demand.
      assert.equal(await page.getByTestId('truth').count(), 0);
      await page.getByTestId('reveal').click();
      await page.getByTestId('truth').waitFor();
      assert.match(await text(page, 'truth-local'), /\d/);

      // Fork after day 5: the branch starts there; the main line is kept.
      await page.getByTestId('fork-day').fill('5');
      await page.getByTestId('fork').click();
      await page.locator('[data-testid="line-branch-0"][aria-pressed="true"]').waitFor();
      await dayIs(page, words, 5);
      await page.getByTestId('next-day').click();
      await dayIs(page, words, 6);
      await page.locator('#chart-branch').waitFor();
      await page.getByTestId('line-main').click();
      await dayIs(page, words, played + 1);
      assert.equal(await text(page, 'drill-line'), words.main);
      numbers = await roomNumbers(page);
      day = played + 1;
      await screenshot(page, `drill-facilitator-${locale}`);

      // The after-action report, then the export.
      await page.getByTestId('open-report').click();
      await page.getByTestId('report').waitFor();
      assert.equal(await page.getByTestId('report-timeline').locator('li').count(), 2);
      await page.getByTestId('note-quarantine').fill('Rooms ran short on day 8');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
      exported = await readFile(await download.path(), 'utf8');
      const exercise = JSON.parse(exported);
      assert.equal(exercise.played_to, played + 1);
      assert.equal(exercise.decisions.length, 1);
      assert.equal(exercise.injects.length, 1);
      assert.equal(exercise.branches.length, 1);
      assert.equal(exercise.notes.quarantine, 'Rooms ran short on day 8');
      await screenshot(page, `drill-report-${locale}`);
      await accessible(page, 'the drill with its report');

      // The address bar holds the exercise; the room link too.
      link = await page.evaluate(() => location.href);
      assert.match(link, /#e1\./);
      roomLink = await page.getByTestId('room-link').inputValue();
      assert.match(roomLink, /\?view=room#e1\./);
      await page.getByTestId('room-qr-toggle').click();
      await page.getByTestId('room-qr').locator('svg').waitFor();
    });

    // A fresh context opens the link on the same day with the same numbers.
    await journey(site.browser, `drill-link-${locale}`, { locale, viewport: { width: 1920, height: 1080 } }, async (page, _context, crashed) => {
      await page.goto(link);
      await Promise.race([page.getByTestId('drill').waitFor(), crashed]);
      await dayIs(page, words, day);
      assert.equal(await text(page, 'drill-run'), run);
      assert.deepEqual(await roomNumbers(page), numbers);
      // A broken exercise file opens nothing and says why; the export opens.
      await page.getByTestId('next-day').click();
      await dayIs(page, words, day + 1);
      const broken = exported.replace('"played_to": ', '"played_to": -');
      await page.getByTestId('exercise-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
      await page.getByTestId('exercise-file-problem').filter({ hasText: 'broken.json' }).waitFor();
      await dayIs(page, words, day + 1);
      await page.getByTestId('exercise-file').setInputFiles({ name: 'exercise.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
      await dayIs(page, words, day);
      assert.deepEqual(await roomNumbers(page), numbers);
      await page.getByTestId('exercise-file-problem').waitFor({ state: 'detached' });
    });

    // The read-only room display: projector and phone.
    await journey(site.browser, `drill-room-${locale}`, { locale, viewport: { width: 1920, height: 1080 } }, async (page, _context, crashed) => {
      await page.goto(roomLink);
      await Promise.race([page.getByTestId('room-view').waitFor(), crashed]);
      await dayIs(page, words, day);
      assert.deepEqual(await roomNumbers(page), numbers);
      assert.equal(await page.getByTestId('next-day').count(), 0);
      await screenshot(page, `drill-room-1920-${locale}`);
      await accessible(page, 'the room display');
    });
    await journey(site.browser, `drill-phone-${locale}`, { locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, async (page, _context, crashed) => {
      await page.goto(roomLink);
      await Promise.race([page.getByTestId('room-view').waitFor(), crashed]);
      assert.deepEqual(await roomNumbers(page), numbers);
      await screenshot(page, `drill-phone-${locale}`);
    });
  });
}

test('a projector window follows the facilitator live; a damaged exercise link opens nothing and says why', { timeout: 4 * TIMEOUT_MS }, async (t) => {
  await journey(site.browser, 'drill-live', { locale: 'en-US' }, async (page, context, crashed) => {
    await page.goto(site.server.url);
    await Promise.race([page.getByTestId('open-drill').waitFor(), crashed]);
    await page.getByTestId('open-drill').click();
    await page.getByTestId('next-day').click();
    await dayIs(page, WORDS['en-US'], 1);
    const roomLink = await page.getByTestId('room-link').inputValue();
    const projector = await context.newPage();
    await projector.goto(roomLink);
    await projector.getByTestId('room-view').waitFor();
    await dayIs(projector, WORDS['en-US'], 1);
    await page.getByTestId('next-day').click();
    await page.getByTestId('next-day').click();
    await dayIs(projector, WORDS['en-US'], 3);
    await page.getByTestId('reveal').click();
    await projector.getByTestId('truth').waitFor();
    await projector.close();
    // A figure, not a timed test: the replays run on the page's thread.
    const started = Date.now();
    await page.getByTestId('run-to').fill('120');
    await page.getByTestId('run-to-go').click();
    await dayIs(page, WORDS['en-US'], 120);
    const played = Date.now() - started;
    const reported = Date.now();
    await page.getByTestId('open-report').click();
    await page.getByTestId('report').waitFor();
    t.diagnostic(`run to day 120 shown after ${played} ms; report (with the counterfactual) after ${Date.now() - reported} ms`);
  });
  // A preset starts a new exercise (the planner computes it too).
  await journey(site.browser, 'drill-preset', { locale: 'zh-CN' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await Promise.race([page.getByTestId('open-drill').waitFor(), crashed]);
    await page.getByTestId('open-drill').click();
    await page.getByTestId('drill-preset').selectOption('cold-chain');
    await page.locator('.day-of', { hasText: '共 60 天' }).waitFor();
    await page.getByTestId('next-day').click();
    await dayIs(page, WORDS['zh-CN'], 1);
    await page.locator('[data-testid="pick-bad"]:not([disabled])').waitFor({ timeout: 4 * TIMEOUT_MS });
  });
  await journey(site.browser, 'drill-broken-link', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(`${site.server.url}#e1.AAAAbroken`);
    await Promise.race([page.getByTestId('drill-link-problem').waitFor(), crashed]);
    assert.equal(await page.getByTestId('drill-link-problem').locator('input').inputValue(), 'e1.AAAAbroken');
    // The broken link stays in the address bar.
    assert.match(await page.evaluate(() => location.hash), /AAAAbroken/);
  });
});
