// The page's CSV downloads are the CLI's files, byte for byte: one scenario
// file (the example city from `cordon example`, with its own seed and run
// count changed so both sides must take them from the file) is given to
// `cordon run FILE --csv OUT` and opened in the page's share panel; the
// page's daily, summary and gateway downloads must equal OUT, OUT-summary
// and OUT-gateways, and its line list of run 1 `--line-list`'s file.
//
// The CLI is run through `cargo run --release -p cordon-cli` (built the first
// time, which can take minutes), or set CORDON_BIN to a built `cordon`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished, journey, PERCENT, REPO_ROOT, TIMEOUT_MS, useSite } from './helpers.mjs';

const site = useSite();

/** Differs from the example city's (1,000 runs, seed 20220410). */
const RUNS = 600;
const SEED = 20240601;

/** Longest the CLI may take, including a first release build on a slow box. */
const CLI_TIMEOUT_MS = 30 * 60_000;

/** Runs the CLI with `args`; resolves with its standard output. */
function cordon(args) {
  const [command, prefix] = process.env.CORDON_BIN
    ? [process.env.CORDON_BIN, []]
    : [process.env.CARGO || 'cargo', ['run', '--quiet', '--release', '-p', 'cordon-cli', '--']];
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve(Buffer.concat(stdout));
      } else {
        const why = code === null ? `signal ${signal}` : `exit status ${code}`;
        reject(new Error(`cordon ${args.join(' ')}: ${why}\n${Buffer.concat(stderr)}`));
      }
    });
  });
}

/** Clicks `locator` and returns the download it starts, with its bytes. */
async function download(page, locator) {
  const [dl] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}

/** Asserts two files are the same bytes; on failure, names the first line that differs. */
function assertSameBytes(actual, expected, what) {
  if (actual.equals(expected)) return;
  const a = actual.toString('utf8').split('\n');
  const e = expected.toString('utf8').split('\n');
  const i = a.findIndex((line, n) => line !== e[n]);
  const at = i === -1 ? e.length : i;
  assert.fail(
    `${what}: ${actual.length} bytes vs ${expected.length}; first difference on line ${at + 1}:\n` +
      `  page: ${JSON.stringify(a[at])}\n  cli:  ${JSON.stringify(e[at])}`,
  );
}

const cli = {};

before(
  async () => {
    cli.dir = await mkdtemp(path.join(os.tmpdir(), 'cordon-csv-'));
    const scenario = JSON.parse((await cordon(['example'])).toString('utf8'));
    assert.notEqual(scenario.runs, RUNS);
    assert.notEqual(scenario.seed, SEED);
    scenario.runs = RUNS;
    scenario.seed = SEED;
    cli.scenario = scenario;
    cli.file = path.join(cli.dir, 'city.json');
    cli.bytes = Buffer.from(`${JSON.stringify(scenario, null, 2)}\n`);
    await writeFile(cli.file, cli.bytes);
    // No --runs or --seed: the CLI takes both from the file, as the page does.
    const csv = path.join(cli.dir, 'cli.csv');
    const lineList = path.join(cli.dir, 'cli-line-list.csv');
    await cordon(['run', cli.file, '--csv', csv, '--line-list', lineList]);
    cli.lineList = await readFile(lineList);
    cli.daily = await readFile(csv);
    cli.summary = await readFile(path.join(cli.dir, 'cli-summary.csv'));
    cli.gateways = await readFile(path.join(cli.dir, 'cli-gateways.csv'));
  },
  { timeout: CLI_TIMEOUT_MS },
);

after(async () => {
  if (cli.dir) await rm(cli.dir, { recursive: true, force: true });
});

test('the page downloads the same daily and summary CSV bytes as `cordon run --csv`', { timeout: 4 * TIMEOUT_MS }, async () => {
  // What the CLI wrote, on its own terms.
  const lines = cli.daily.toString('utf8').split('\n');
  assert.equal(lines[0], 'day,series,mean,p5,p25,p50,p75,p95');
  assert.equal(lines.at(-1), '', 'a final newline');
  assert.equal(lines.length - 2, cli.scenario.days * 40);
  // Days count from 1: day 1 is the first simulated day, the last is `days`.
  assert.ok(lines[1].startsWith('1,imported_infections,'), lines[1]);
  assert.ok(lines.at(-2).startsWith(`${cli.scenario.days},`), lines.at(-2));
  const summary = cli.summary.toString('utf8');
  assert.ok(summary.startsWith('metric,value\n'), summary.slice(0, 80));
  assert.match(summary, new RegExp(`\\nruns,${RUNS}\\nruns_planned,${RUNS}\\nseed,${SEED}\\n`));

  await journey(site.browser, 'csv-matches-cli', { locale: 'en-US' }, async (page, _context, crashed) => {
    await page.goto(site.server.url);
    await Promise.race([page.locator('[data-testid="p-no-local"]', { hasText: PERCENT }).waitFor(), crashed]);
    await finished(page);

    await page.getByTestId('share-open-input').setInputFiles({
      name: 'city.json',
      mimeType: 'application/json',
      buffer: cli.bytes,
    });
    await Promise.race([page.getByTestId('share-file-opened').waitFor(), crashed]);
    // Every run of the opened scenario is done: no progress bar, the count is
    // the file's (the default scenario has 1,000 runs), results not stale.
    await Promise.race([
      page.waitForFunction(
        (runs) => {
          const progress = document.querySelector('[data-testid="progress"]');
          return (
            progress &&
            !document.querySelector('.status progress') &&
            !document.querySelector('[data-testid="stale"]') &&
            new RegExp(`(^|\\D)${runs}(\\D|$)`).test(progress.textContent.replace(/,/g, ''))
          );
        },
        RUNS,
        { timeout: TIMEOUT_MS },
      ),
      crashed,
    ]);
    await finished(page);

    const daily = await download(page, page.getByTestId('share-daily-csv'));
    assert.equal(daily.name, 'cordon-daily.csv');
    assertSameBytes(daily.bytes, cli.daily, 'daily CSV');

    const pageSummary = await download(page, page.getByTestId('share-summary-csv'));
    assert.equal(pageSummary.name, 'cordon-summary.csv');
    assertSameBytes(pageSummary.bytes, cli.summary, 'summary CSV');

    const gateways = await download(page, page.getByTestId('share-gateways-csv'));
    assert.equal(gateways.name, 'cordon-gateways.csv');
    assertSameBytes(gateways.bytes, cli.gateways, 'gateway CSV');

    // The line list of run 1: `cordon run --line-list` (run 1 by default).
    assert.ok(cli.lineList.toString('utf8').startsWith('id,infection_day,arrival_day,onset_day,'));
    const lineList = await download(page, page.getByTestId('share-line-list-csv'));
    assert.equal(lineList.name, 'cordon-line-list-run1.csv');
    assertSameBytes(lineList.bytes, cli.lineList, 'line list CSV');
  });
});
