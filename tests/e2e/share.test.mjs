// Journeys through the sharing panel on the release build in dist/: share a
// link and open it in a fresh browser, open a tampered link, save and open
// scenario files (valid, with a refused value, broken), download the CSV and PNG exports,
// and look at the printed report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  finished,
  journey,
  PERCENT,
  screenshot,
  SCREENSHOT_DIR,
  text,
  TIMEOUT_MS,
  useSite,
} from './helpers.mjs';

const site = useSite();

const SERIES_COUNT = 40;

/** Waits for the first results, then for all runs. */
async function results(page, crashed) {
  await Promise.race([page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor(), crashed]);
  await finished(page);
}

async function verdict(page) {
  return {
    pNoLocal: await text(page, 'p-no-local'),
    pContained: await text(page, 'p-contained'),
    localMean: await text(page, 'local-mean'),
  };
}

/** Clicks `locator` and returns the download it starts, with its bytes. */
async function download(page, locator) {
  const [dl] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: await readFile(file) };
}

test('a shared link opens the same scenario and the same numbers in a fresh browser', { timeout: 6 * TIMEOUT_MS }, async () => {
  let link;
  let numbers;
  await journey(
    site.browser,
    'share-link',
    { locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'] },
    async (page, _context, crashed) => {
      await page.goto(site.server.url);
      await results(page, crashed);
      await page.getByTestId('quarantine.rooms').fill('5000');
      await page.getByTestId('hospital.beds').fill('120');
      // The edit reached the page's state (saved), then every run is done.
      await page.waitForFunction(() => {
        const saved = localStorage.getItem('cordon.scenario.v1') ?? '';
        return saved.includes('"rooms":5000') && saved.includes('"beds":120');
      });
      await finished(page);
      numbers = await verdict(page);

      await page.getByTestId('share-copy').click();
      await page.getByTestId('share-copied').waitFor();
      link = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(link, await page.getByTestId('share-link').inputValue());
      assert.equal(link, page.url(), 'the link is the address of the page');
      assert.match(link, /#s\d+\./);
      const length = await text(page, 'share-link-length');
      assert.equal(parseInt(length.replace(/[^\d]/g, ''), 10), link.length, length);

      // The QR code, switched on from the keyboard.
      await page.getByTestId('share-qr-toggle').focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="share-qr"] svg').waitFor();
      assert.equal(await page.getByTestId('share-qr-toggle').getAttribute('aria-pressed'), 'true');
      assert.ok(await page.locator('[data-testid="share-qr"] [role="img"]').getAttribute('aria-label'));
      await screenshot(page, 'share-qr-page');
      await page.getByTestId('share-panel').screenshot({ path: path.join(SCREENSHOT_DIR, 'share-panel-qr.png') });
    },
  );

  // A new context: no localStorage, nothing but the link.
  await journey(site.browser, 'share-link-fresh', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(link);
    await results(page, crashed);
    assert.equal(await page.getByTestId('quarantine.rooms').inputValue(), '5000');
    assert.equal(await page.getByTestId('hospital.beds').inputValue(), '120');
    assert.deepEqual(await verdict(page), numbers);
    assert.equal(await page.getByTestId('link-problem').count(), 0);
  });
});

test('a tampered link shows the default scenario and says why', { timeout: 4 * TIMEOUT_MS }, async () => {
  let link;
  let defaults;
  await journey(site.browser, 'share-tampered-source', { locale: 'zh-CN' }, async (page, context, crashed) => {
    // No clipboard API here: the link is selected for copying by hand.
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
    });
    await page.goto(site.server.url);
    await results(page, crashed);
    defaults = await page.getByTestId('quarantine.rooms').inputValue();
    await page.getByTestId('quarantine.rooms').fill('4999');
    await page.waitForFunction(() => (localStorage.getItem('cordon.scenario.v1') ?? '').includes('"rooms":4999'));
    link = await page.getByTestId('share-link').inputValue();
    await page.getByTestId('share-copy').click();
    await page.getByTestId('share-copy-manual').filter({ hasText: 'Ctrl+C' }).waitFor();
    const selected = await page.evaluate(() => {
      const input = document.activeElement;
      return input?.dataset.testid === 'share-link' && input.selectionEnd - input.selectionStart === input.value.length;
    });
    assert.ok(selected, 'the link is selected');
  });
  const [base, fragment] = link.split('#');
  // Change three characters in the middle of the payload.
  const chars = [...fragment];
  for (const i of [Math.floor(chars.length / 2), Math.floor(chars.length / 2) + 3, chars.length - 4]) {
    chars[i] = chars[i] === 'A' ? 'B' : 'A';
  }
  const tampered = chars.join('');
  assert.notEqual(tampered, fragment);

  await journey(site.browser, 'share-tampered', { locale: 'zh-CN' }, async (page, _context, crashed) => {
    await page.goto(`${base}#${tampered}`);
    const banner = page.getByTestId('link-problem');
    await Promise.race([banner.waitFor(), crashed]);
    assert.equal(await banner.locator('input').inputValue(), tampered);
    await results(page, crashed);
    assert.equal(await page.getByTestId('quarantine.rooms').inputValue(), defaults, 'the default scenario');
    await screenshot(page, 'share-tampered-link');
  });
});

test('scenario files save, open again, and explain what is wrong with a bad one', { timeout: 5 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'share-files', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);
    const original = await page.getByTestId('quarantine.rooms').inputValue();
    await page.getByTestId('quarantine.rooms').fill('4321');
    await page.waitForFunction(() => (localStorage.getItem('cordon.scenario.v1') ?? '').includes('"rooms":4321'));

    const saved = await download(page, page.getByTestId('share-save'));
    assert.equal(saved.name, 'cordon-scenario.json');
    const scenario = JSON.parse(saved.bytes.toString('utf8'));
    assert.equal(scenario.quarantine.rooms, 4321);

    // Back to the preset, then open the file.
    await page.getByRole('button', { name: 'Reset to preset' }).click();
    await page.locator('.confirm').getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction((v) => document.querySelector('[data-testid="quarantine.rooms"]').value === v, original);
    const input = page.getByTestId('share-open-input');
    await input.setInputFiles({ name: 'cordon-scenario.json', mimeType: 'application/json', buffer: saved.bytes });
    await page.getByTestId('share-file-opened').waitFor();
    assert.equal(await page.getByTestId('quarantine.rooms').inputValue(), '4321');
    assert.match(await text(page, 'share-file-opened'), /cordon-scenario\.json/);

    // Out of range: the rest of the file loads; the refused value stays in
    // its input, with the problem (field range) next to it.
    const invalid = { ...scenario, days: 0, quarantine: { ...scenario.quarantine, rooms: 4444 } };
    await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(invalid, null, 2)) });
    await page.waitForFunction(() => document.querySelector('[data-testid="quarantine.rooms"]')?.value === '4444');
    const daysError = page.getByTestId('days-error');
    await daysError.filter({ hasText: 'Allowed: 1 to 730' }).waitFor();
    assert.equal(await page.getByTestId('days').inputValue(), '0', 'the file\'s refused value stays in its input');
    assert.equal(await page.getByTestId('days').getAttribute('aria-invalid'), 'true');

    // The same message in Chinese after switching language.
    await page.getByTestId('lang').click();
    await daysError.filter({ hasText: '允许范围：1 至 730' }).waitFor();
    await page.getByTestId('lang').click();
    await daysError.filter({ hasText: 'Allowed: 1 to 730' }).waitFor();

    // Not JSON: line and column.
    await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "days": 30,\n  "runs": ,\n}') });
    await page.getByTestId('share-file-problem').filter({ hasText: 'line 3' }).waitFor();
    assert.equal(await page.locator('.share-panel .file-status').getAttribute('role'), 'alert');
    await page.getByTestId('share-panel').screenshot({ path: path.join(SCREENSHOT_DIR, 'share-panel-invalid-file.png') });

    // Not a JSON file at all.
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByTestId('share-file-problem').filter({ hasText: 'notes.txt' }).waitFor();
  });
});

test('a scenario file dropped onto the page opens', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'share-drop', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);
    const scenario = JSON.parse(
      (await download(page, page.getByTestId('share-save'))).bytes.toString('utf8'),
    );
    scenario.hospital.beds = 77;
    const json = JSON.stringify(scenario);
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      return dt;
    }, json);
    const target = page.getByTestId('share-panel');
    await target.dispatchEvent('dragover', { dataTransfer: transfer });
    await target.dispatchEvent('drop', { dataTransfer: transfer });
    await page.getByTestId('share-file-opened').waitFor();
    assert.equal(await page.getByTestId('hospital.beds').inputValue(), '77');
  });
});

test('a link too long for a QR code says so plainly', { timeout: 3 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'share-qr-too-long', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);
    const scenario = JSON.parse(
      (await download(page, page.getByTestId('share-save'))).bytes.toString('utf8'),
    );
    // A long name that does not compress: the link grows past what a QR code holds.
    let x = 12345;
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    scenario.name = Array.from({ length: 3000 }, () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return letters[x % letters.length];
    }).join('');
    await page.getByTestId('share-open-input').setInputFiles({
      name: 'long.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(scenario)),
    });
    await page.getByTestId('share-file-opened').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="share-link"]').value.length > 2000);
    await page.getByTestId('share-qr-toggle').click();
    const message = page.getByTestId('share-qr-too-long');
    await message.waitFor();
    assert.match(await message.innerText(), /too long for a QR code/);
    assert.equal(await page.locator('[data-testid="share-qr"] svg').count(), 0);
  });
});

test('results export to CSV and charts to PNG; the printed report shows the assumptions', { timeout: 4 * TIMEOUT_MS }, async () => {
  await journey(site.browser, 'share-exports', { locale: 'zh-CN' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await results(page, crashed);

    // The panel in Chinese, QR code shown.
    await page.getByTestId('share-qr-toggle').click();
    await page.locator('[data-testid="share-qr"] svg').waitFor();
    await page.getByTestId('share-panel').screenshot({ path: path.join(SCREENSHOT_DIR, 'share-panel-qr-zh.png') });
    await page.getByTestId('share-qr-toggle').click();

    const summary = await download(page, page.getByTestId('share-summary-csv'));
    assert.equal(summary.name, 'cordon-summary.csv');
    const rows = summary.bytes.toString('utf8').trim().split('\n');
    assert.equal(rows[0], 'metric,value');
    const metric = (name) => {
      const row = rows.find((r) => r.startsWith(`${name},`));
      assert.ok(row, `no ${name} row`);
      return row.slice(name.length + 1);
    };
    const days = parseInt(metric('days'), 10);
    assert.ok(days > 0);
    assert.equal(metric('runs'), metric('runs_planned'));
    // The verdict on screen is the CSV's share, as a percentage.
    const shown = parseFloat((await text(page, 'p-no-local')).replace('%', ''));
    assert.ok(Math.abs(parseFloat(metric('p_no_local_transmission')) * 100 - shown) <= 0.05 + 1e-9, `${shown}`);
    for (const name of ['p_contained', 'local_infections.mean', 'local_infections.p95', 'capacity.hospital_beds.p_exceeded']) {
      metric(name);
    }

    const daily = await download(page, page.getByTestId('share-daily-csv'));
    assert.equal(daily.name, 'cordon-daily.csv');
    const lines = daily.bytes.toString('utf8').trim().split('\n');
    assert.equal(lines[0], 'day,series,mean,p5,p25,p50,p75,p95');
    assert.equal(lines.length - 1, days * SERIES_COUNT);
    assert.equal(new Set(lines.slice(1).map((l) => l.split(',')[1])).size, SERIES_COUNT);
    assert.ok(lines.some((l) => l.startsWith('1,rooms_capacity,')), 'days count from 1');
    assert.ok(!lines.some((l) => l.startsWith('0,')), 'no day 0');

    // Every chart exports; check two of them.
    await page.locator('[data-testid="share-charts"] > summary').click();
    for (const id of ['chart-beds', 'chart-outbreak-size']) {
      const png = await download(page, page.getByTestId(`share-png-${id}`));
      assert.equal(png.name, `cordon-${id}.png`);
      assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.ok(png.bytes.length > 1000);
      // Print resolution: 1,800 pixels wide (the PNG header's width), taller
      // than the chart alone by its title block.
      assert.equal(png.bytes.readUInt32BE(16), 1800);
      assert.ok(png.bytes.readUInt32BE(20) > 960, `height ${png.bytes.readUInt32BE(20)}`);
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await writeFile(path.join(SCREENSHOT_DIR, `export-${id}.png`), png.bytes);
    }
    // Every chart on the page can be exported.
    const charts = await page.locator('figure.chart canvas').count();
    assert.equal(charts, 9);
    assert.equal(await page.locator('[data-testid^="share-png-"]').count(), charts);
    const box = await page.getByTestId('share-panel').boundingBox();
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'share-panel-charts-menu.png'),
      clip: { x: box.x, y: box.y, width: box.width, height: box.height + 260 },
    });
    // Escape closes the menu (focus is on the last chart button).
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="share-charts"]').open);

    // Printed: the assumptions appear; the editor and the buttons do not.
    const report = page.getByTestId('report-assumptions');
    assert.equal(await report.isVisible(), false, 'hidden on screen');
    await page.emulateMedia({ media: 'print' });
    await report.waitFor({ state: 'visible' });
    const reportText = await report.innerText();
    assert.match(reportText, /常住人口/);
    assert.match(reportText, /随机种子/);
    // What reproduces the result: every gateway's staffing, the timeline,
    // the link and its QR code.
    assert.match(reportText, /1 · 火车站/);
    assert.match(reportText, /每班 \d+ 名查验员/);
    assert.match(reportText, /时间线/);
    assert.ok(await report.locator('.report-qr svg').isVisible(), 'the QR code is printed');
    assert.equal(await page.locator('.editor').isVisible(), false);
    assert.equal(await page.getByTestId('share-copy').isVisible(), false);
    assert.ok(await page.getByTestId('p-no-local').isVisible());
    assert.ok(await page.locator('#chart-infections').isVisible());
    await screenshot(page, 'share-print-report');
    await page.emulateMedia({ media: 'screen' });
  });
});
