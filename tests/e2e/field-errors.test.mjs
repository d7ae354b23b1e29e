// Journeys through the editor's field errors on the release build in dist/:
// every problem with a value is shown next to its own input (never only at
// the top of the editor), in the page's language, while the input keeps
// exactly what was typed or what the opened file said.
//
// The DOM contract: an input's id and data-testid are its engine path
// ("quarantine.rooms", "gateways[0].checkpoint.posts"); its problem is
// <span class="field-error" id="<path>-error" data-testid="<path>-error"
// role="alert">, and the input has aria-invalid="true" and
// aria-describedby="<path>-error".
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished, journey, PERCENT, screenshot, TIMEOUT_MS, useSite } from './helpers.mjs';

const site = useSite();

/** Temporary scenario files, removed after the tests. */
const temp = {};
after(async () => {
  if (temp.dir) await rm(temp.dir, { recursive: true, force: true });
});

/** Waits for the first results, then for all runs. */
async function results(page, crashed) {
  await Promise.race([page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor(), crashed]);
  await finished(page);
}

/** Clicks `locator` and returns the download it starts, with its bytes. */
async function download(page, locator) {
  const [dl] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}

/**
 * Opens every closed <details> around the element with this data-testid (a
 * group or its "more settings" part), outermost first, as a user would.
 */
async function reveal(page, testid) {
  const target = page.getByTestId(testid);
  await target.waitFor({ state: 'attached' });
  const closed = page.locator('details:not([open])', { has: target });
  for (let i = 0; i < 5 && (await closed.count()) > 0; i++) {
    await closed.first().locator(':scope > summary').click();
  }
  assert.equal(await closed.count(), 0, `every <details> around ${testid} opens`);
}

/** Fills a field's input after making sure it can be seen. */
async function fill(page, fieldPath, value) {
  await reveal(page, fieldPath);
  await page.getByTestId(fieldPath).fill(value);
}

/**
 * Asserts the field at `fieldPath` shows exactly `message` next to it, wired
 * to its input, and that the input shows `typed`.
 */
async function expectFieldError(page, fieldPath, message, typed, crashed) {
  const error = page.getByTestId(`${fieldPath}-error`);
  try {
    await Promise.race([error.filter({ hasText: message }).waitFor({ state: 'attached' }), crashed]);
  } catch (err) {
    const now = (await error.count()) ? await error.first().textContent() : '(no such element)';
    throw new Error(
      `${fieldPath}: expected "${message}" at [data-testid="${fieldPath}-error"], found ${JSON.stringify(now)} (${err.message})`,
      { cause: err },
    );
  }
  await reveal(page, `${fieldPath}-error`);
  await error.waitFor({ state: 'visible' });
  assert.equal((await error.innerText()).trim(), message, `${fieldPath}: the message`);
  assert.equal(await error.getAttribute('id'), `${fieldPath}-error`, `${fieldPath}: the message's id`);
  assert.equal(await error.getAttribute('role'), 'alert', `${fieldPath}: the message is announced`);
  assert.ok(
    ((await error.getAttribute('class')) ?? '').split(/\s+/).includes('field-error'),
    `${fieldPath}: the message has class="field-error"`,
  );
  const input = page.getByTestId(fieldPath);
  assert.equal(await input.getAttribute('id'), fieldPath, `${fieldPath}: the input's id is its path`);
  assert.equal(await input.inputValue(), typed, `${fieldPath}: the input keeps exactly what was typed`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true', `${fieldPath}: aria-invalid="true"`);
  const describedBy = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/);
  assert.ok(
    describedBy.includes(`${fieldPath}-error`),
    `${fieldPath}: aria-describedby names ${fieldPath}-error (has ${JSON.stringify(describedBy.join(' '))})`,
  );
}

/** Waits until the field shows no problem: no (or an empty) message, input not invalid. */
async function expectNoFieldError(page, fieldPath, crashed) {
  try {
    await Promise.race([
      page.waitForFunction(
        (p) => {
          const input = document.querySelector(`[data-testid="${p}"]`);
          const error = document.querySelector(`[data-testid="${p}-error"]`);
          return input && input.getAttribute('aria-invalid') !== 'true' && (!error || error.textContent.trim() === '');
        },
        fieldPath,
        { timeout: TIMEOUT_MS },
      ),
      crashed,
    ]);
  } catch (err) {
    const error = page.getByTestId(`${fieldPath}-error`);
    const now = (await error.count()) ? await error.first().textContent() : '(no such element)';
    throw new Error(`${fieldPath}: expected no problem, the message is ${JSON.stringify(now)} (${err.message})`, {
      cause: err,
    });
  }
}

/** Asserts the page is in Chinese (the context's locale chose it). */
async function assertChinese(page) {
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN', 'the page starts in Chinese');
}

test('out-of-range values in three groups are explained in Chinese at each field; fixing one clears only its message', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'field-errors-zh', { locale: 'zh-CN' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);
    await assertChinese(page);

    const wrong = [
      // path, typed, message (10,000 is "1万" in Chinese)
      ['gateways[0].checkpoint.posts', '20000', '允许范围：0 至 1万'],
      ['testing.pool_size', '60', '允许范围：1 至 50'],
      ['epidemiology.r0', '40', '允许范围：0 至 30'],
    ];
    for (const [fieldPath, typed] of wrong) {
      await fill(page, fieldPath, typed);
    }
    for (const [fieldPath, typed, message] of wrong) {
      await expectFieldError(page, fieldPath, message, typed, crashed);
    }
    await screenshot(page, 'field-errors-zh');

    // Fix the pool size: its message goes, the other two stay as they were.
    await fill(page, 'testing.pool_size', '20');
    await expectNoFieldError(page, 'testing.pool_size', crashed);
    assert.equal(await page.getByTestId('testing.pool_size').inputValue(), '20');
    for (const [fieldPath, typed, message] of wrong.filter(([p]) => p !== 'testing.pool_size')) {
      await expectFieldError(page, fieldPath, message, typed, crashed);
    }
  });
});

test('too many runs for the browser is explained at the runs input, in view next to it', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'field-errors-runs', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);

    // 730,000 run-days at most in a tab: 6,083 runs of the example's 120 days.
    await fill(page, 'runs', '100000');
    await expectFieldError(page, 'runs', 'Allowed: 1 to 6,083', '100000', crashed);

    const input = page.getByTestId('runs');
    const error = page.getByTestId('runs-error');
    // Bring the input (not the message) into view, in the middle so the test
    // does not depend on where it happened to sit; its message must come along.
    await input.scrollIntoViewIfNeeded();
    await input.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }));
    const viewport = page.viewportSize();
    const inputBox = await input.boundingBox();
    const errorBox = await error.boundingBox();
    assert.ok(inputBox && errorBox, 'the input and its message are laid out');
    const inView = (b) =>
      b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width && b.y + b.height <= viewport.height;
    assert.ok(inView(inputBox), `the runs input is in view: ${JSON.stringify(inputBox)}`);
    assert.ok(
      inView(errorBox),
      `the message is in view with its input (viewport ${viewport.width}×${viewport.height}): ${JSON.stringify(errorBox)}`,
    );
    // Next to the input: a few lines away at most, not at the top of the editor.
    const gap = Math.max(errorBox.y - (inputBox.y + inputBox.height), inputBox.y - (errorBox.y + errorBox.height), 0);
    assert.ok(gap <= 200, `the message is next to the input (${gap} px apart)`);
    await screenshot(page, 'field-errors-runs');
  });
});

test('a share accepts "60%" as 60 % and explains text that is not a number', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'field-errors-percent', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);
    const share = 'community.self_report_share';
    const input = page.getByTestId(share);
    /** Waits until the saved scenario has this self-report share (engine units). */
    const saved = (value) =>
      Promise.race([
        page.waitForFunction(
          (v) => new RegExp(`"self_report_share":${v.replace('.', '\\.')}[,}]`).test(localStorage.getItem('cordon.scenario.v1') ?? ''),
          value,
        ),
        crashed,
      ]);

    // The example city's share is 60 %: move away first so "60%" is a change.
    await fill(page, share, '45');
    await saved('0.45');
    await expectNoFieldError(page, share, crashed);

    await fill(page, share, '60%');
    await saved('0.6');
    await expectNoFieldError(page, share, crashed);
    await input.blur();
    assert.match(await input.inputValue(), /^60\s*%?$/, 'still 60 after leaving the input');

    // The stored value comes back as 60 (percent) after a reload.
    await page.reload();
    await results(page, crashed);
    await reveal(page, share);
    assert.match(await input.inputValue(), /^60\s*%?$/, 'shown as 60 after a reload');
    await expectNoFieldError(page, share, crashed);

    await fill(page, share, 'abc');
    await expectFieldError(page, share, 'Enter a number', 'abc', crashed);
  });
});

test('an opened file with a refused value loads the rest and shows the problem at the field, in Chinese', { timeout: 4 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'field-errors-file', { locale: 'zh-CN' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);
    await assertChinese(page);

    // The example city, as the page saves it.
    const base = JSON.parse((await download(page, page.getByTestId('share-save'))).bytes.toString('utf8'));
    assert.notEqual(base.quarantine.rooms, 5000, 'the example has another room count');
    temp.dir = await mkdtemp(path.join(os.tmpdir(), 'cordon-field-errors-'));
    const write = async (name, scenario) => {
      const file = path.join(temp.dir, name);
      await writeFile(file, `${JSON.stringify(scenario, null, 2)}\n`);
      return file;
    };
    const clone = () => JSON.parse(JSON.stringify(base));
    const open = page.getByTestId('share-open-input');

    // A stay in hospital of 0 days (allowed: 1 to 90) and a valid room count.
    const stay = clone();
    stay.hospital.stay_days = 0;
    stay.quarantine.rooms = 5000;
    await open.setInputFiles(await write('stay-days.json', stay));
    await Promise.race([
      page.waitForFunction(() => document.querySelector('[data-testid="quarantine.rooms"]')?.value === '5000'),
      crashed,
    ]);
    await expectFieldError(page, 'hospital.stay_days', '允许范围：1 至 90', '0', crashed);
    await screenshot(page, 'field-errors-file-zh');

    // The sensitivity peak before detection starts: a rule across two fields.
    const peak = clone();
    peak.testing.peak_day = 1;
    peak.testing.detectable_from_day = 3;
    await open.setInputFiles(await write('peak-day.json', peak));
    const peakError = page.getByTestId('testing.peak_day-error');
    try {
      await Promise.race([peakError.filter({ hasText: '必须大于' }).waitFor({ state: 'attached' }), crashed]);
    } catch (err) {
      const now = (await peakError.count()) ? await peakError.first().textContent() : '(no such element)';
      throw new Error(`testing.peak_day: expected "必须大于 …", found ${JSON.stringify(now)} (${err.message})`, {
        cause: err,
      });
    }
    await reveal(page, 'testing.peak_day-error');
    await peakError.waitFor({ state: 'visible' });
    const message = (await peakError.innerText()).trim();
    assert.match(message, /^必须大于\s*\S/, 'a Chinese "must be greater than" naming the other field');
    assert.doesNotMatch(message, /detectable_from_day/, `the other field by its Chinese label, not its path: ${message}`);
    const peakInput = page.getByTestId('testing.peak_day');
    assert.equal(await peakInput.inputValue(), '1', 'the file\'s peak day stays in its input');
    assert.equal(await peakInput.getAttribute('aria-invalid'), 'true');
    assert.ok(
      ((await peakInput.getAttribute('aria-describedby')) ?? '').split(/\s+/).includes('testing.peak_day-error'),
      'the peak day input is described by its message',
    );
    assert.equal(await page.getByTestId('testing.detectable_from_day').inputValue(), '3', 'the rest of the file loaded');

    // This file's stay in hospital is valid: the first file's problem is gone.
    await expectNoFieldError(page, 'hospital.stay_days', crashed);
    assert.equal(await page.getByTestId('hospital.stay_days').inputValue(), String(base.hospital.stay_days));
    await screenshot(page, 'field-errors-cross-field-zh');
  });
});
