#!/usr/bin/env node
// Times and profiles the engine in headless Chromium (issue 9 §1).
//
//   node tools/profile-web.mjs [--opt=z,3,...] [--save=NAME] [--with=NAME,...]
//        [--no-build] [--repeat=N] [--runs=N] [--outbreak=100000,1000000]
//        [--only=example_city,aggregate,outbreak] [--profile] [--top=N]
//
// Builds examples/profile_web.rs (the engine and nothing else, a wasm32
// cdylib) with the release profile, runs `wasm-bindgen --target web` on it
// and then `wasm-opt -O<level>` as trunk does for the page's worker, once
// per level in --opt (default z, as index.html asks; `off` skips wasm-opt),
// serves the builds on 127.0.0.1 and calls them from pages in the system
// Chromium (tests/e2e/helpers.mjs):
//
// - example_city: the example city's 1,000 runs of 120 days on one thread;
// - aggregate: those runs aggregated into bands, as the page does;
// - outbreak_<N>: one run of issue 9's uncontrolled outbreak in a city of
//   N people (presets::uncontrolled_outbreak).
//
// Every build ("variant") gets its own page; each piece of work is called
// once cold (V8's baseline code) in every variant, then REPEAT times
// (default 5) going round the variants, so that they share the machine's
// load alike. Printed per variant, in milliseconds per call: the CPU time
// of Chromium's renderers (SystemInfo.getProcessInfo, summed over the
// repeats: on a busy machine wall time says little), then the median wall
// time and the first call's; also written to target/profile-web/results.json.
// --save=NAME keeps this run's builds under target/profile-web/saved/ as
// NAME-<level>; --with=NAME-<level>,... times saved builds next to the new
// ones (an engine before and after a change, in one run). --no-build times
// the builds of the last run again.
//
// With --profile, one more call of each piece of work in the first variant
// runs under the Chrome DevTools Protocol's CPU profiler (Profiler.start /
// stop, 100 µs sampling): the top functions by self time and by total time
// are printed and the profile is written to target/profile-web/<name>.cpuprofile
// (open it in Chromium's DevTools). wasm-opt gets -g so that the functions
// keep their names (it does not change the code).
//
// RUSTFLAGS is passed to cargo (e.g. RUSTFLAGS='-C target-feature=+simd128');
// a build with RUSTFLAGS set uses its own target directory under
// target/profile-web/ so that it does not rebuild the page's.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, REPO_ROOT, startServer } from '../tests/e2e/helpers.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const list = (v) => (v === undefined ? [] : String(v).split(',').filter(Boolean));
const repeat = Number(args.repeat ?? 5);
const runs = Number(args.runs ?? 1000);
const levels = list(args.opt ?? 'z');
const outbreaks = list(args.outbreak ?? '100000,1000000').map(Number);
const only = args.only ? list(args.only) : null;
const top = Number(args.top ?? 20);
const profile = Boolean(args.profile);

const out = path.join(REPO_ROOT, 'target', 'profile-web');
const rustflags = process.env.RUSTFLAGS ?? '';

function run(cmd, argv, env = {}) {
  console.error(`==> ${cmd} ${argv.join(' ')}`);
  const r = spawnSync(cmd, argv, { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal})`);
}

const PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Cordon engine profile</title></head>
<body><script type="module">
import init, * as engine from './pkg/profile_web.js';
await init();
window.engine = engine;
window.ready = true;
</script></body></html>
`;

/** Builds the engine once, then one variant per wasm-opt level; returns their directory names. */
async function build() {
  const env = {};
  let targetDir = path.join(REPO_ROOT, 'target');
  if (rustflags) {
    const tag = createHash('sha256').update(rustflags).digest('hex').slice(0, 8);
    targetDir = path.join(out, `cargo-${tag}`);
    env.CARGO_TARGET_DIR = targetDir;
  } else {
    // Always the workspace's own target/ (see ./x).
    delete process.env.CARGO_TARGET_DIR;
  }
  run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--example', 'profile_web'], env);
  const wasm = path.join(targetDir, 'wasm32-unknown-unknown', 'release', 'examples', 'profile_web.wasm');
  const raw = path.join(out, 'bindgen');
  run('wasm-bindgen', ['--target', 'web', '--out-dir', raw, '--out-name', 'profile_web', wasm]);
  const names = [];
  for (const level of levels) {
    const name = `opt-${level}`;
    const pkg = path.join(out, name, 'pkg');
    await rm(path.join(out, name), { recursive: true, force: true });
    await mkdir(pkg, { recursive: true });
    await cp(raw, pkg, { recursive: true });
    const bg = path.join(pkg, 'profile_web_bg.wasm');
    if (level !== 'off') {
      const wasmOpt = path.join(REPO_ROOT, 'node_modules', '.bin', 'wasm-opt');
      run(wasmOpt, [`--output=${bg}`, `-O${level}`, ...(profile ? ['-g'] : []), bg]);
    }
    await writeFile(path.join(out, name, 'index.html'), PAGE);
    await writeFile(path.join(out, name, 'BUILD'), `wasm-opt ${level}; RUSTFLAGS '${rustflags}'; ${new Date().toISOString()}\n`);
    const size = (await readFile(bg)).length;
    console.error(`${name}: profile_web_bg.wasm ${(size / 1024).toFixed(1)} KiB (RUSTFLAGS '${rustflags}')`);
    names.push(name);
  }
  await writeFile(path.join(out, 'LAST'), names.join('\n'));
  return names;
}

/** Self and total sample counts per function name in a CPU profile. */
function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => {
    const f = n.callFrame.functionName || '(anonymous)';
    // Rust symbols end in a hash (…::h0123456789abcdef).
    return f.replace(/::h[0-9a-f]{16}$/, '');
  };
  const self = new Map();
  const total = new Map();
  let samples = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || name(n) === '(idle)') continue;
    samples += hits;
    const f = name(n);
    self.set(f, (self.get(f) ?? 0) + hits);
    const seen = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const g = name(byId.get(id));
      if (seen.has(g)) continue;
      seen.add(g);
      total.set(g, (total.get(g) ?? 0) + hits);
    }
  }
  const rank = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([f, h]) => `  ${((100 * h) / samples).toFixed(1).padStart(5)} %  ${f}`)
      .join('\n');
  return { samples, self: rank(self), total: rank(total) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  await mkdir(out, { recursive: true });
  const built = args['no-build'] ? (await readFile(path.join(out, 'LAST'), 'utf8')).split('\n').filter(Boolean) : await build();
  if (args.save) {
    for (const name of built) {
      const saved = path.join(out, 'saved', `${args.save}-${name.replace(/^opt-/, '')}`);
      await rm(saved, { recursive: true, force: true });
      await cp(path.join(out, name), saved, { recursive: true });
      console.error(`saved ${name} as ${path.relative(REPO_ROOT, saved)}`);
    }
  }
  const variants = [...built, ...list(args.with).map((n) => `saved/${n}`)];
  // The server wants an index at its root (each variant has its own page).
  await writeFile(
    path.join(out, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>profile-web</title>${variants.map((v) => `<a href="${v}/">${v}</a>`).join(' ')}\n`,
  );
  const server = await startServer({ root: out });
  const browser = await launchBrowser();
  try {
    const golden = (await readFile(path.join(REPO_ROOT, 'crates/engine/testdata/example_city_run0.digest'), 'utf8')).trim();
    const pages = [];
    for (const variant of variants) {
      const build = (await readFile(path.join(out, variant, 'BUILD'), 'utf8')).trim();
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`${variant}: page error: ${e.message}`));
      await page.goto(`${server.url}${variant}/index.html`);
      await page.waitForFunction(() => window.ready === true, null, { timeout: 120_000 });
      const digest = await page.evaluate(() => window.engine.example_city_run0_digest());
      console.log(`${variant} (${build}): example city run 0 digest ${digest}${digest === golden ? ' (as pinned)' : ` (pinned: ${golden}: DIFFERENT)`}`);
      pages.push({ variant, page });
    }

    const work = [
      { name: 'example_city', label: `example city, ${runs} runs`, call: `engine.example_city(${runs})` },
      { name: 'aggregate', label: `aggregation of ${runs} runs`, call: 'engine.aggregate_example_city()' },
      ...outbreaks.map((n) => ({
        name: `outbreak_${n}`,
        label: `outbreak, ${n.toLocaleString('en')} people, 1 run`,
        call: `engine.outbreak(${n})`,
      })),
    ].filter((w) => !only || only.some((o) => w.name.startsWith(o)));
    // Aggregation needs the example city's runs.
    if (!work.some((w) => w.name === 'example_city') && work.some((w) => w.name === 'aggregate')) {
      for (const { page } of pages) await page.evaluate(`engine.example_city(${runs})`);
    }
    // CPU time of Chromium's renderer processes (the machine may be busy:
    // wall time then says little), from the DevTools Protocol; its unit is
    // the kernel's clock tick (10 ms), so it is summed over the repeats.
    const browserCdp = await browser.newBrowserCDPSession();
    const rendererCpu = async () => {
      const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
      return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
    };
    const timed = (page, call) =>
      page.evaluate(`(() => { const t = performance.now(); ${call}; return performance.now() - t; })()`);

    const width = Math.max(...variants.map((v) => v.length), 10) + 20;
    console.log(
      `\n${'CPU ms per call (wall median; first call)'.padEnd(42)}${variants.map((v) => v.padStart(width)).join('')}`,
    );
    const results = {};
    for (const w of work) {
      const times = pages.map(() => []);
      const cpu = pages.map(() => 0);
      const cold = [];
      for (const { page } of pages) cold.push(await timed(page, w.call));
      for (let i = 0; i < repeat; i++) {
        for (const [j, { page }] of pages.entries()) {
          const before = await rendererCpu();
          times[j].push(await timed(page, w.call));
          cpu[j] += (await rendererCpu()) - before;
        }
      }
      results[w.name] = variants.map((v, j) => ({ variant: v, cpu_ms: (1000 * cpu[j]) / repeat, wall_ms: median(times[j]) }));
      const cells = times.map((t, j) =>
        `${((1000 * cpu[j]) / repeat).toFixed(1)} (${median(t).toFixed(1)}; ${cold[j].toFixed(0)})`.padStart(width),
      );
      console.log(`${w.label.padEnd(42)}${cells.join('')}`);
    }
    await writeFile(path.join(out, 'results.json'), JSON.stringify(results, null, 2));

    if (profile) {
      const { variant, page } = pages[0];
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      for (const w of work) {
        await cdp.send('Profiler.start');
        await timed(page, w.call);
        const { profile: data } = await cdp.send('Profiler.stop');
        const file = path.join(out, `${w.name}.cpuprofile`);
        await writeFile(file, JSON.stringify(data));
        const s = summarise(data);
        console.log(`\n${w.label} in ${variant}: ${s.samples} samples (${path.relative(REPO_ROOT, file)})`);
        console.log(`self time:\n${s.self}\ntotal time (self and callees):\n${s.total}`);
      }
    }
    console.log(`\nChromium ${await browser.version()}; load average ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
