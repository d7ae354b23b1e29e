//! `cordon`: run, validate and share Cordon scenarios from a terminal.
//!
//! The only part of Cordon that prints or touches files: the engine is pure.
//! Exit status: 0 on success, 2 for bad input (unreadable or invalid files,
//! bad links, bad arguments), 1 when output cannot be written.

mod compare;
mod decide;
mod drill;

use clap::{Args, Parser, Subcommand};
use cordon_engine::report::{self, ScenarioFileError};
use cordon_engine::validate::MAX_RUNS;
use cordon_engine::{
    aggregate, link, needed, presets, validate, warnings, Batch, GatewayKind, GatewayResults,
    Results, RunOutcome, Scenario, Stats,
};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Parser)]
#[command(
    name = "cordon",
    version,
    about = "Plan and drill the defence of a city against imported infections",
    long_about = "Plan and drill the defence of a city against imported infections.\n\n\
        Scenarios are JSON files (see `cordon schema`); a file may give only the fields \
        it changes from the example city. Use `-` to read a scenario from standard input."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a preset scenario as JSON (the example city by default).
    Example {
        /// Preset identifier (see --list).
        name: Option<String>,
        /// List the presets instead.
        #[arg(long, conflicts_with = "name")]
        list: bool,
    },
    /// Print the JSON Schema of scenario files.
    Schema,
    /// Check a scenario file: prints "ok", or one line per problem (exit 2);
    /// warnings (valid but probably not meant) go to stderr, exit 0.
    Validate {
        /// Scenario file, or `-` for standard input.
        file: PathBuf,
    },
    /// Run a scenario's Monte Carlo batch and print the results as JSON.
    Run(RunArgs),
    /// Scenario links (the part of a Cordon URL after `#`).
    #[command(subcommand)]
    Link(LinkCommand),
    /// Drill mode (桌面推演): exercise files, replays and links.
    #[command(subcommand)]
    Drill(drill::DrillCommand),
    /// Compare plans side by side: each outcome of the verdict for every
    /// plan, and each plan's difference from the first (the baseline) with
    /// its Monte Carlo standard error, paired (common random numbers) when
    /// the plans share their seed and run count. Prints JSON (or --csv).
    Compare(compare::CompareArgs),
    /// Which lever buys most: each lever down and up by a step, one outcome
    /// (paired differences, common random numbers), as JSON or a table.
    Tornado(decide::TornadoArgs),
    /// The cheapest plan that meets every target within the levers' bounds
    /// (or why none does), checked on a fresh seed.
    Optimise(decide::OptimiseArgs),
    /// Run a sweep of plans (or one shard of it) and write its result.
    Sweep(decide::SweepArgs),
    /// Merge a sweep's shard files into the result of the whole sweep.
    Merge(decide::MergeArgs),
}

#[derive(Args)]
struct RunArgs {
    /// Scenario file, or `-` for standard input.
    file: PathBuf,
    /// Number of runs (overrides the scenario's).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_RUNS)))]
    runs: Option<u32>,
    /// Seed (overrides the scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (default: every core). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
    /// Also write the daily series to this CSV file (one row per day and
    /// series: day,series,mean,p5,p25,p50,p75,p95) and the summary
    /// (metric,value) and each gateway's daily series next to it, with
    /// `-summary` or `-gateways` before the extension (results.csv →
    /// results-summary.csv, results-gateways.csv). The same files as the page's
    /// downloads; empty cells for unlimited capacities. Columns:
    /// crates/engine/src/report.rs.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Also write each run's own daily counts to this CSV file (not bands):
    /// run,day,imported_infections,local_infections,detected_imported,detected_local,
    /// one row per run and day, runs and days from 1.
    #[arg(long, value_name = "FILE")]
    per_run: Option<PathBuf>,
    /// Also write the line list of one run (run 1 unless --line-list-run)
    /// to this CSV file: every infected person with their infection day,
    /// arrival day, onset day, detection day and how found, infector or
    /// gateway, and where they were infected; the same file as the page's
    /// "line list of run 1". Columns: crates/engine/src/report.rs.
    #[arg(long, value_name = "FILE")]
    line_list: Option<PathBuf>,
    /// The run whose line list --line-list writes, from 1.
    #[arg(long, value_name = "RUN", default_value_t = 1, requires = "line_list",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_RUNS)))]
    line_list_run: u32,
    /// Indent the JSON output.
    #[arg(long)]
    pretty: bool,
}

#[derive(Subcommand)]
enum LinkCommand {
    /// Print the link fragment of a scenario file.
    Encode {
        /// Scenario file, or `-` for standard input.
        file: PathBuf,
    },
    /// Print the scenario of a link (a fragment `s1.…`, `#s1.…` or a whole URL) as JSON.
    Decode {
        /// The link.
        link: String,
    },
}

/// A failure, with its exit status.
enum Failure {
    /// Bad input: exit 2.
    Input(String),
    /// Output could not be written: exit 1.
    Output(String),
    /// Standard output was closed (e.g. piped into `head`): exit quietly.
    Closed,
}

type Outcome = Result<(), Failure>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Example { name, list } => example(name.as_deref(), list),
        Command::Schema => schema(),
        Command::Validate { file } => validate_file(&file),
        Command::Run(args) => run(&args),
        Command::Link(LinkCommand::Encode { file }) => link_encode(&file),
        Command::Link(LinkCommand::Decode { link }) => link_decode(&link),
        Command::Drill(command) => drill::run(&command),
        Command::Compare(args) => compare::run(&args),
        Command::Tornado(args) => decide::tornado(&args),
        Command::Optimise(args) => decide::optimise(&args),
        Command::Sweep(args) => decide::sweep(&args),
        Command::Merge(args) => decide::merge(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(Failure::Output(message)) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
        Err(Failure::Closed) => ExitCode::from(1),
    }
}

/// Writes to standard output.
fn print(text: &str) -> Outcome {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Failure::Closed
            } else {
                Failure::Output(format!("error: cannot write the output: {e}"))
            }
        })
}

fn pretty_json<T: Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|mut text| {
            text.push('\n');
            text
        })
        .map_err(|e| Failure::Output(format!("error: cannot write JSON: {e}")))
}

fn name_of(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// The text of a scenario file, or of standard input for `-`.
fn read_text(path: &Path) -> Result<String, Failure> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Input(format!("error: cannot read standard input: {e}")))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path)
            .map_err(|e| Failure::Input(format!("error: cannot read {}: {e}", name_of(path))))
    }
}

/// A scenario file's problems, one line each: `FILE:LINE:COLUMN: …` for a
/// file that is not a scenario, `FILE: path: …` per invalid field.
fn file_failure(name: &str, error: ScenarioFileError) -> Failure {
    match error {
        ScenarioFileError::Syntax {
            line,
            column,
            message,
        } => Failure::Input(format!(
            "{name}:{line}:{column}: not a valid scenario file: {message}"
        )),
        ScenarioFileError::Invalid(errors) => {
            let lines: Vec<String> = errors.0.iter().map(|e| format!("{name}: {e}")).collect();
            Failure::Input(lines.join("\n"))
        }
    }
}

/// Reads, parses and validates a scenario file.
fn read_valid_scenario(path: &Path) -> Result<Scenario, Failure> {
    report::read_scenario(&read_text(path)?).map_err(|e| file_failure(&name_of(path), e))
}

fn example(name: Option<&str>, list: bool) -> Outcome {
    if list {
        let width = presets::PRESETS
            .iter()
            .map(|p| p.id.len())
            .max()
            .unwrap_or(0);
        let mut text = String::new();
        for p in presets::PRESETS {
            text.push_str(&format!(
                "{:width$}  {} / {}\n",
                p.id, p.title_en, p.title_zh
            ));
        }
        return print(&text);
    }
    let id = name.unwrap_or("example-city");
    let preset = presets::preset(id).ok_or_else(|| {
        let ids: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
        Failure::Input(format!(
            "error: no preset named {id:?}; presets: {}",
            ids.join(", ")
        ))
    })?;
    print(&pretty_json(&(preset.build)())?)
}

fn schema() -> Outcome {
    print(&pretty_json(&cordon_engine::fields::json_schema())?)
}

fn validate_file(path: &Path) -> Outcome {
    let scenario = read_valid_scenario(path)?;
    print_warnings(&name_of(path), &scenario);
    print("ok\n")
}

/// Prints the scenario's warnings on stderr, one a line (they never fail a command).
fn print_warnings(name: &str, scenario: &Scenario) {
    for warning in warnings(scenario) {
        eprintln!("{name}: warning: {warning}");
    }
}

fn link_encode(path: &Path) -> Outcome {
    let scenario = read_valid_scenario(path)?;
    print(&format!("{}\n", link::encode(&scenario)))
}

fn link_decode(text: &str) -> Outcome {
    let scenario = link::decode(text)
        .map_err(|e| Failure::Input(format!("error: cannot open the link: {e} [{}]", e.code())))?;
    print(&pretty_json(&scenario)?)
}

/// Runs every run of the batch on `threads` threads; the outcomes come back
/// in run order, so the results do not depend on the thread count.
fn run_batch(batch: &Batch, runs: u32, threads: u32) -> Vec<RunOutcome> {
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(u64::from(runs));
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} {bar:40} {pos}/{len} runs, {elapsed_precise} (eta {eta})",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let next = AtomicU32::new(0);
    let threads = threads.clamp(1, runs.max(1));
    let mut outcomes: Vec<RunOutcome> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= runs {
                            return done;
                        }
                        done.push(batch.run(index));
                        bar.inc(1);
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    bar.finish_and_clear();
    outcomes.sort_by_key(|o| o.run_index);
    outcomes
}

fn run(args: &RunArgs) -> Outcome {
    let name = name_of(&args.file);
    // Checked after the overrides: `--runs` may replace a file's bad value.
    let mut scenario =
        report::scenario_from_json(&read_text(&args.file)?).map_err(|e| file_failure(&name, e))?;
    if let Some(runs) = args.runs {
        scenario.runs = runs;
    }
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    validate(&scenario).map_err(|e| file_failure(&name, ScenarioFileError::Invalid(e)))?;
    print_warnings(&name, &scenario);
    let batch = Batch::new(&scenario).map_err(|e| Failure::Input(e.to_string()))?;
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(1024) as u32)
    });
    let outcomes = run_batch(&batch, scenario.runs, threads);
    let mut results = aggregate(&scenario, &outcomes);
    // How much is needed: the same runs with the capacities unlimited.
    let unlimited = run_batch(&batch.unlimited(), scenario.runs, threads);
    results.needed = Some(needed(&scenario, &unlimited));
    cordon_engine::set_checkpoint_staff_needed(&scenario, &mut results);

    if let Some(path) = &args.csv {
        write_csv(path, &results)?;
    }
    if let Some(path) = &args.per_run {
        write_file(path, report::per_run_csv(&outcomes))?;
    }
    if let Some(path) = &args.line_list {
        if args.line_list_run > scenario.runs {
            return Err(Failure::Input(format!(
                "error: --line-list-run {} is beyond the {} runs",
                args.line_list_run, scenario.runs
            )));
        }
        let entries = batch.line_list(args.line_list_run - 1);
        write_file(path, report::line_list_csv(&entries))?;
    }
    let output = Output::new(&scenario, &results);
    let mut text = if args.pretty {
        serde_json::to_string_pretty(&output)
    } else {
        serde_json::to_string(&output)
    }
    .map_err(|e| Failure::Output(format!("error: cannot write JSON: {e}")))?;
    text.push('\n');
    print(&text)
}

/// The results as printed: the summary, and every daily series keyed by its
/// name. Non-finite numbers (unlimited capacities) are written as `null`.
#[derive(Serialize)]
struct Output<'a> {
    scenario: &'a str,
    runs: u32,
    runs_planned: u32,
    seed: u64,
    days: u32,
    summary: &'a cordon_engine::Summary,
    /// Share of a symptomatic case's transmission before its onset that the
    /// scenario implies (`cordon_engine::timing::presymptomatic_share`).
    presymptomatic_share: f64,
    daily: Daily<'a, cordon_engine::Series>,
    local_infections_by_run: &'a [u32],
    gateways: Vec<GatewayOutput<'a>>,
    /// How much of each capacity is needed in 90 % / 95 % of runs.
    needed: Option<&'a cordon_engine::Needed>,
}

/// One gateway's checkpoint as printed: its figures, and its daily series
/// keyed by name, in [`cordon_engine::GatewaySeries::ALL`] order.
#[derive(Serialize)]
struct GatewayOutput<'a> {
    gateway: usize,
    kind: GatewayKind,
    name: &'a str,
    p_short: f64,
    median_first_short_day: Option<f64>,
    arrivals: &'a Stats,
    peak_hour_wait_minutes: &'a Stats,
    max_mean_wait_minutes: &'a Stats,
    max_queue: &'a Stats,
    unchecked_by_policy: &'a Stats,
    unchecked_by_cap: &'a Stats,
    unchecked_unstaffed: &'a Stats,
    infected_arrivals: &'a Stats,
    infected_unchecked: &'a Stats,
    /// Inspectors per shift needed never to be short (posts to match).
    needed_staff_per_shift: Option<u32>,
    daily: Daily<'a, cordon_engine::sim::GatewaySeries>,
}

impl<'a> GatewayOutput<'a> {
    fn new(g: &'a GatewayResults) -> Self {
        GatewayOutput {
            gateway: g.gateway,
            kind: g.kind,
            name: &g.name,
            p_short: g.p_short,
            median_first_short_day: g.median_first_short_day,
            arrivals: &g.arrivals,
            peak_hour_wait_minutes: &g.peak_hour_wait_minutes,
            max_mean_wait_minutes: &g.max_mean_wait_minutes,
            max_queue: &g.max_queue,
            unchecked_by_policy: &g.unchecked_by_policy,
            unchecked_by_cap: &g.unchecked_by_cap,
            unchecked_unstaffed: &g.unchecked_unstaffed,
            infected_arrivals: &g.infected_arrivals,
            infected_unchecked: &g.infected_unchecked,
            needed_staff_per_shift: g.needed_staff_per_shift,
            daily: Daily(&g.daily),
        }
    }
}

impl<'a> Output<'a> {
    fn new(scenario: &'a Scenario, results: &'a Results) -> Self {
        Output {
            scenario: &scenario.name,
            runs: results.runs,
            runs_planned: results.runs_planned,
            seed: results.seed,
            days: results.days,
            summary: &results.summary,
            presymptomatic_share: cordon_engine::timing::presymptomatic_share(scenario),
            daily: Daily(&results.daily),
            local_infections_by_run: &results.local_infections_by_run,
            gateways: results.gateways.iter().map(GatewayOutput::new).collect(),
            needed: results.needed.as_ref(),
        }
    }
}

/// Daily bands as an object keyed by series (city-wide in
/// [`cordon_engine::Series::ALL`] order, or a gateway's).
struct Daily<'a, K>(&'a [cordon_engine::Band<K>]);

#[derive(Serialize)]
struct BandOutput<'a> {
    mean: &'a [f32],
    p5: &'a [f32],
    p25: &'a [f32],
    p50: &'a [f32],
    p75: &'a [f32],
    p95: &'a [f32],
}

/// A series' name in the output.
trait SeriesKey: Copy {
    fn key(self) -> &'static str;
}

impl SeriesKey for cordon_engine::Series {
    fn key(self) -> &'static str {
        cordon_engine::Series::key(self)
    }
}

impl SeriesKey for cordon_engine::sim::GatewaySeries {
    fn key(self) -> &'static str {
        cordon_engine::sim::GatewaySeries::key(self)
    }
}

impl<K: SeriesKey> Serialize for Daily<'_, K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for band in self.0 {
            map.serialize_entry(
                band.series.key(),
                &BandOutput {
                    mean: &band.mean,
                    p5: &band.p5,
                    p25: &band.p25,
                    p50: &band.p50,
                    p75: &band.p75,
                    p95: &band.p95,
                },
            )?;
        }
        map.end()
    }
}

/// `results.csv` → `results-summary.csv` (`part` "summary") or `results-gateways.csv`.
fn sibling_path(path: &Path, part: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "results".into());
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{part}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{part}"),
    };
    path.with_file_name(name)
}

/// Writes the daily CSV to `path`, and the summary and the gateways next
/// to it (see `cordon_engine::report` for the columns).
fn write_csv(path: &Path, results: &Results) -> Outcome {
    let summary = sibling_path(path, "summary");
    let gateways = sibling_path(path, "gateways");
    for (file, text) in [
        (path, report::daily_csv(results)),
        (summary.as_path(), report::summary_csv(results)),
        (gateways.as_path(), report::gateways_csv(results)),
    ] {
        write_file(file, text)?;
    }
    Ok(())
}

/// Writes a whole file.
fn write_file(path: &Path, text: String) -> Outcome {
    std::fs::write(path, text)
        .map_err(|e| Failure::Input(format!("error: cannot write {}: {e}", path.display())))
}
