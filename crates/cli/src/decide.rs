//! `cordon tornado`, `cordon optimise`, `cordon sweep` and `cordon merge`:
//! the decision tools from a terminal (the engine's `decide` module does
//! the work; this file reads arguments and files, times the work, runs
//! batches on every core and writes the output).

use crate::{
    name_of, pretty_json, print, read_text, read_valid_scenario, run_batch, Failure, Outcome,
};
use clap::Args;
use cordon_engine::decide::optimise::{Request, DEFAULT_MARGIN_STANDARD_ERRORS};
use cordon_engine::decide::sweep::SpecError;
use cordon_engine::decide::{
    self, Bound, Costs, DecideError, ItemResult, Lever, LeverRange, OptimiseResult, OptimiseSpec,
    OptimiseStatus, Optimiser, Outcome as DecisionOutcome, OutcomeUnit, Sample, Shard, ShardFile,
    Step, SweepResult, SweepSpec, TargetCheck, TornadoRun, TornadoSpec,
};
use cordon_engine::validate::MAX_RUNS;
use cordon_engine::{Batch, Scenario};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;

const OUTCOMES_HELP: &str = "Outcomes: p_no_local_transmission, p_contained, \
    local_infections_mean, p_any_capacity_exceeded, p_exceeded.<capacity> (checkpoint, grid_workers, \
    quarantine_rooms, testing, tracing, hospital_beds, or a supply item: masks …), \
    wait_p95[<gateway>] (95th percentile over runs of the gateway's worst-hour wait, minutes; \
    gateways counted from 0).";

const LEVERS_HELP: &str = "Levers: checkpoint_staff[<gateway>] (inspectors per shift; posts \
    raised to match), grid_workers, rooms, sampling_staff, lab_tests (tests a day), tracers, \
    beds; or their field paths (quarantine.rooms, gateways[2].checkpoint.staff_per_shift).";

#[derive(Args)]
#[command(after_help = format!("{LEVERS_HELP}\n\n{OUTCOMES_HELP}\n\n\
    Example: cordon tornado plan.json --step 20% --outcome p_contained"))]
pub struct TornadoArgs {
    /// Plan (scenario file), or `-` for standard input.
    file: PathBuf,
    /// How far each lever moves down and up: a percentage of its value
    /// (`20%`, at least one unit) or a number of units (`50`).
    #[arg(long, default_value = "20%", value_parser = parse_step, conflicts_with = "step_people")]
    step: Step,
    /// Move each lever by N units (people per shift, staff, rooms, tests a day, beds).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    step_people: Option<u32>,
    /// The outcome measured (see below).
    #[arg(long, default_value = "p_contained", value_parser = parse_outcome)]
    outcome: DecisionOutcome,
    /// A lever to move (repeat; default: every lever of the plan).
    #[arg(long = "lever", value_name = "LEVER", value_parser = parse_lever)]
    levers: Vec<Lever>,
    /// Runs per bar (overrides the plan's).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_RUNS)))]
    runs: Option<u32>,
    /// Worker threads (default: every core). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
    /// Print a table for people instead of JSON.
    #[arg(long)]
    text: bool,
}

#[derive(Args)]
#[command(after_help = format!("Syntax:\n  \
    --target OUTCOME>=VALUE or OUTCOME<=VALUE; a probability as 0.95 or 95%; a wait in \
    minutes (e.g. p_contained>=95%, p_exceeded.quarantine_rooms<=5%, wait_p95[2]<=30). \
    Targets must ask for the better direction (>= for p_no_local_transmission and \
    p_contained, <= for the rest).\n  \
    --cost NAME=COST per unit-day (repeat, or join with commas): checkpoint_staff_day, \
    grid_worker_day, room_day, sampling_staff_day, test (per test a day of laboratory \
    capacity, per day), tracer_day, bed_day.\n  \
    --lever NAME=MIN..MAX, optionally /STEP (the search's resolution, default 1): e.g. \
    rooms=2000..8000/50. NAME alone: 0 to twice the plan's value. Without --lever, every \
    lever with a --cost moves.\n\n\
    {LEVERS_HELP}\n\n{OUTCOMES_HELP}\n\n\
    The search: every lever at its maximum first (if a target is missed there, no plan within \
    the bounds meets it, and the answer says so after one batch); then lever by lever, the \
    most expensive range first, the smallest value that still meets every target by \
    bisection, until no lever moves; a plan meets a target when it does by --margin \
    standard errors. The answer is checked on a fresh batch with another seed.\n\n\
    Example: cordon optimise plan.json --target 'p_exceeded.quarantine_rooms<=5%' \
    --cost room_day=80 --lever rooms=2000..8000/10"))]
pub struct OptimiseArgs {
    /// Plan (scenario file), or `-` for standard input.
    file: PathBuf,
    /// A target (repeat): OUTCOME>=VALUE or OUTCOME<=VALUE (see below).
    #[arg(long = "target", value_name = "TARGET", required = true, value_parser = parse_target)]
    targets: Vec<decide::Target>,
    /// Unit costs: NAME=COST per unit-day (repeat; see below).
    #[arg(long = "cost", value_name = "NAME=COST", required = true, value_parser = parse_costs)]
    costs: Vec<Costs>,
    /// A lever allowed to move: NAME=MIN..MAX[/STEP] (repeat; see below).
    #[arg(long = "lever", value_name = "LEVER", value_parser = parse_lever_range)]
    levers: Vec<LeverRange>,
    /// Runs per evaluation (overrides the plan's).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_RUNS)))]
    runs: Option<u32>,
    /// Seed of the check (default: the plan's seed + 1).
    #[arg(long)]
    check_seed: Option<u64>,
    /// Most plans to evaluate before stopping with the best so far.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    max_evaluations: Option<u32>,
    /// Safety margin of the search, in standard errors (0: the estimate itself).
    #[arg(long, value_name = "SE", default_value_t = DEFAULT_MARGIN_STANDARD_ERRORS)]
    margin: f64,
    /// Also write the plan found (a scenario file) here.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Worker threads (default: every core). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
    /// Print the staffing table for people instead of JSON.
    #[arg(long)]
    text: bool,
}

#[derive(Args)]
#[command(
    after_help = "Sharding: item k of the sweep (bases × plans, in the spec's order) \
    belongs to shard k mod N, so every shard's items, and every item's result, are the same \
    whatever N is; `cordon merge` puts the shards back together byte for byte.\n\n\
    The shard comes from --shard I/N, else from the scheduler's environment: Slurm job \
    arrays ((SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP, of \
    SLURM_ARRAY_TASK_COUNT) or \
    Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX, of --shards or CORDON_SHARD_COUNT). \
    Without any, the whole sweep runs and the merged result is written.\n\n\
    Spec: {\"name\": …, \"bases\": [{\"id\": \"city\", \"preset\": \"example-city\"} or \
    {\"id\": …, \"scenario\": {…}}], \"plans\": [{\"id\": \"a\", \"set\": {\"quarantine.rooms\": \
    3000}}], \"grid\": [{\"field\": \"tracing.staff\", \"values\": [100, 200]}], \"runs\": 1000, \
    \"seed\": 1}. See crates/cli/deploy/ for a Slurm and a Kubernetes file."
)]
pub struct SweepArgs {
    /// Sweep spec (JSON), or `-` for standard input.
    spec: PathBuf,
    /// This process's shard: I/N, counted from 0 (e.g. 0/3).
    #[arg(long, value_parser = parse_shard)]
    shard: Option<Shard>,
    /// Shard count when the index comes from JOB_COMPLETION_INDEX.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    shards: Option<u32>,
    /// Output file (default: standard output).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Worker threads (default: every core). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
}

#[derive(Args)]
pub struct MergeArgs {
    /// Shard files (any order), e.g. results/*.json.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output file (default: standard output).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

fn parse_step(text: &str) -> Result<Step, String> {
    text.parse().map_err(|e: DecideError| e.to_string())
}

fn parse_outcome(text: &str) -> Result<DecisionOutcome, String> {
    text.parse().map_err(|e: DecideError| e.to_string())
}

fn parse_lever(text: &str) -> Result<Lever, String> {
    text.parse().map_err(|e: DecideError| e.to_string())
}

fn parse_target(text: &str) -> Result<decide::Target, String> {
    text.parse().map_err(|e: DecideError| {
        format!("{e} (write OUTCOME>=VALUE or OUTCOME<=VALUE, e.g. p_contained>=95%)")
    })
}

fn parse_costs(text: &str) -> Result<Costs, String> {
    let mut costs = Costs::default();
    costs.parse_into(text)?;
    Ok(costs)
}

fn parse_lever_range(text: &str) -> Result<LeverRange, String> {
    text.parse()
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    text.parse()
}

fn threads(requested: Option<u32>) -> u32 {
    requested.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(1024) as u32)
    })
}

fn input(e: impl std::fmt::Display) -> Failure {
    Failure::Input(format!("error: {e}"))
}

/// A scenario's runs on every thread, read as samples of `outcomes`.
fn samples(
    scenario: &Scenario,
    outcomes: &[DecisionOutcome],
    threads: u32,
) -> Result<Vec<Sample>, Failure> {
    let batch = Batch::new(scenario).map_err(input)?;
    let runs = run_batch(&batch, scenario.runs, threads);
    Ok(outcomes
        .iter()
        .map(|o| Sample::of(scenario, o, 0, &runs))
        .collect())
}

fn write_or_print(out: Option<&Path>, text: &str) -> Outcome {
    match out {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| Failure::Output(format!("error: cannot write {}: {e}", path.display()))),
        None => print(text),
    }
}

/// A value in the outcome's unit, for people.
fn shown(outcome: &DecisionOutcome, value: f64) -> String {
    match outcome.unit() {
        OutcomeUnit::Share => format!("{:.1} %", value * 100.0),
        OutcomeUnit::Infections => format!("{value:.2}"),
        OutcomeUnit::Minutes => format!("{value:.1} min"),
    }
}

/// A change per unit, for people (a probability in percentage points).
fn per_unit(outcome: &DecisionOutcome, value: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    match outcome.unit() {
        OutcomeUnit::Share => format!("{:+.2e} pt", value * 100.0),
        _ => format!("{value:+.2e}"),
    }
}

#[derive(Serialize)]
struct Timed<'a, T> {
    #[serde(flatten)]
    result: &'a T,
    /// Wall-clock time of the whole command's work, seconds.
    elapsed_seconds: f64,
    threads: u32,
}

pub fn tornado(args: &TornadoArgs) -> Outcome {
    let scenario = read_valid_scenario(&args.file)?;
    let spec = TornadoSpec {
        outcome: args.outcome.clone(),
        step: args.step_people.map_or(args.step, Step::Units),
        levers: args.levers.clone(),
        runs: args.runs,
    };
    let threads = threads(args.threads);
    let start = Instant::now();
    let mut run = TornadoRun::new(&scenario, &spec).map_err(input)?;
    for index in 0..run.total() {
        let task = &run.tasks()[index];
        let sample = samples(&task.scenario, std::slice::from_ref(&spec.outcome), threads)?;
        run.record(index, sample.into_iter().next().ok_or(Failure::Closed)?);
    }
    let tornado = run.result();
    let elapsed = start.elapsed().as_secs_f64();
    if args.text {
        let o = &tornado.outcome;
        let mut text = format!(
            "{o}: {} in the plan ({} runs, seed {}); each lever ±{}\n",
            tornado.base.map_or("-".into(), |b| shown(o, b)),
            tornado.runs,
            tornado.seed,
            tornado.step
        );
        text.push_str(&format!(
            "{:<22} {:>10} {:>22} {:>22} {:>16}\n",
            "lever", "value", "down", "up", "gain per unit"
        ));
        for row in &tornado.rows {
            let side = |bar: &Option<decide::TornadoBar>| {
                bar.as_ref().map_or("-".into(), |b| {
                    format!(
                        "{} → {}{}",
                        b.value,
                        shown(o, b.outcome),
                        b.difference
                            .standard_error
                            .map_or(String::new(), |se| format!(" ±{}", shown(o, se)))
                    )
                })
            };
            text.push_str(&format!(
                "{:<22} {:>10} {:>22} {:>22} {:>16}\n",
                row.lever.to_string(),
                row.value,
                side(&row.down),
                side(&row.up),
                row.gain_per_unit.map_or("-".into(), |g| format!(
                    "{}/{}",
                    per_unit(o, g),
                    row.lever.def().unit.key()
                ))
            ));
        }
        text.push_str(&format!(
            "{} runs in {elapsed:.2} s on {threads} threads\n",
            tornado.runs_used
        ));
        return print(&text);
    }
    print(&pretty_json(&Timed {
        result: &tornado,
        elapsed_seconds: elapsed,
        threads,
    })?)
}

pub fn optimise(args: &OptimiseArgs) -> Outcome {
    let scenario = read_valid_scenario(&args.file)?;
    let mut costs = Costs::default();
    for c in &args.costs {
        costs.0.extend(c.0.clone());
    }
    let levers = if args.levers.is_empty() {
        // Every lever with a cost moves, within its default bounds.
        Lever::all(&scenario)
            .into_iter()
            .filter(|l| costs.of(l).is_some())
            .map(|l| LeverRange::default_for(l, &scenario))
            .collect()
    } else {
        args.levers.clone()
    };
    let spec = OptimiseSpec {
        targets: args.targets.clone(),
        costs,
        levers,
        runs: args.runs,
        check_seed: args.check_seed,
        max_evaluations: args.max_evaluations,
        margin_standard_errors: Some(args.margin),
    };
    let threads = threads(args.threads);
    let start = Instant::now();
    let mut optimiser = Optimiser::new(&scenario, &spec).map_err(input)?;
    while let Some(request) = optimiser.pending() {
        let Request {
            scenario: plan,
            outcomes,
        } = &request;
        let samples = samples(plan, outcomes, threads)?;
        optimiser.record(&request, samples);
    }
    let result = optimiser.result();
    let elapsed = start.elapsed().as_secs_f64();
    if let (Some(path), Some(plan)) = (&args.out, &result.plan) {
        std::fs::write(path, pretty_json(plan)?)
            .map_err(|e| Failure::Output(format!("error: cannot write {}: {e}", path.display())))?;
    }
    let report = optimise_text(&result, elapsed, threads);
    if args.text {
        return print(&report);
    }
    if let OptimiseStatus::Infeasible { .. } = result.status {
        eprint!(
            "{}",
            report
                .lines()
                .next()
                .map_or(String::new(), |l| format!("{l}\n"))
        );
    }
    print(&pretty_json(&Timed {
        result: &result,
        elapsed_seconds: elapsed,
        threads,
    })?)
}

fn target_text(check: &TargetCheck) -> String {
    let o = &check.target.outcome;
    let (op, limit) = match check.target.bound {
        Bound::AtLeast(v) => ("≥", v),
        Bound::AtMost(v) => ("≤", v),
    };
    format!("{o} {op} {}", shown(o, limit))
}

fn check_line(check: &TargetCheck) -> String {
    let o = &check.target.outcome;
    format!(
        "  {:<44} {:>10}{}  margin {:>10}  {}\n",
        target_text(check),
        shown(o, check.value),
        check
            .standard_error
            .map_or(String::new(), |se| format!(" ±{}", shown(o, se))),
        shown(o, check.margin),
        if check.met { "met" } else { "MISSED" }
    )
}

/// The answer for people: what was found, the staffing table, the margins,
/// the check and the effort.
fn optimise_text(result: &OptimiseResult, elapsed: f64, threads: u32) -> String {
    let mut text = String::new();
    match &result.status {
        OptimiseStatus::Infeasible { unmet } => {
            let parts: Vec<String> = unmet
                .iter()
                .map(|c| {
                    let note = if c.met {
                        format!(
                            " (within the target, but not by the {} standard errors' safety margin)",
                            result.margin_standard_errors
                        )
                    } else {
                        String::new()
                    };
                    format!(
                        "no plan within these bounds meets {}; the best reaches {}{note}",
                        target_text(c),
                        shown(&c.target.outcome, c.value)
                    )
                })
                .collect();
            text.push_str(&parts.join("\n"));
            text.push('\n');
        }
        OptimiseStatus::Found => text.push_str("cheapest plan found that meets every target:\n"),
        OptimiseStatus::Stopped => text.push_str(&format!(
            "stopped after {} evaluations; the best plan so far:\n",
            result.evaluations
        )),
        OptimiseStatus::Searching => text.push_str("still searching; the best plan so far:\n"),
    }
    text.push_str(&format!(
        "  {:<24} {:>10} {:>10} {:>16} {:>12} {:>14}\n",
        "lever", "plan", "answer", "bounds", "unit cost", "cost"
    ));
    for row in &result.staffing {
        text.push_str(&format!(
            "  {:<24} {:>10} {:>10} {:>16} {:>12} {:>14.0}\n",
            row.lever.to_string(),
            row.start,
            row.value,
            format!("{}..{}", row.min, row.max),
            row.unit_cost,
            row.cost
        ));
    }
    text.push_str(&format!(
        "  total cost over {} days: {:.0} ({:.0} a day)\n",
        result.days, result.cost, result.cost_per_day
    ));
    if !result.targets.is_empty() {
        text.push_str(&format!(
            "targets on the search's {} runs (seed {}):\n",
            result.runs, result.seed
        ));
        for c in &result.targets {
            text.push_str(&check_line(c));
        }
    }
    if let Some(check) = &result.check {
        text.push_str(&format!(
            "checked on a fresh batch ({} runs, seed {}): {}\n",
            check.runs,
            check.seed,
            if check.all_met {
                "every target met"
            } else {
                "a target MISSED (the answer is near the bound: add runs or a larger --margin)"
            }
        ));
        for c in &check.targets {
            text.push_str(&check_line(c));
        }
    }
    for note in &result.removals {
        let line = match (&note.breaks, note.reason.as_deref()) {
            (Some(c), _) if c.met => format!(
                "{} at {} meets {} only within the search's safety margin of {} standard errors ({}{})",
                note.lever,
                note.value,
                target_text(c),
                result.margin_standard_errors,
                shown(&c.target.outcome, c.value),
                c.standard_error
                    .map_or(String::new(), |se| format!(" ±{}", shown(&c.target.outcome, se)))
            ),
            (Some(c), _) => format!(
                "{} at {} misses {} ({})",
                note.lever,
                note.value,
                target_text(c),
                shown(&c.target.outcome, c.value)
            ),
            (None, Some("at_minimum")) => format!("{} is at its lower bound", note.lever),
            (None, _) => format!("{} at {} still meets every target", note.lever, note.value),
        };
        text.push_str(&format!("  one step less: {line}\n"));
    }
    text.push_str(&format!(
        "{} plans evaluated, {} runs, {elapsed:.2} s on {threads} threads\n",
        result.evaluations, result.runs_used
    ));
    text
}

/// The shard of this process: `--shard`, else the scheduler's environment.
fn shard_of(args: &SweepArgs) -> Result<Option<Shard>, Failure> {
    if let Some(shard) = args.shard {
        return Ok(Some(shard));
    }
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let number = |name: &str, text: String| {
        text.trim()
            .parse::<u32>()
            .map_err(|_| Failure::Input(format!("error: {name}={text:?} is not a whole number")))
    };
    let count_from = |name: &str| -> Result<Option<u32>, Failure> {
        match (args.shards, var(name)) {
            (Some(n), _) => Ok(Some(n)),
            (None, Some(text)) => number(name, text).map(Some),
            (None, None) => Ok(None),
        }
    };
    let found = if let Some(id) = var("SLURM_ARRAY_TASK_ID") {
        let id = number("SLURM_ARRAY_TASK_ID", id)?;
        let min = match var("SLURM_ARRAY_TASK_MIN") {
            Some(text) => number("SLURM_ARRAY_TASK_MIN", text)?,
            None => 0,
        };
        let step = match var("SLURM_ARRAY_TASK_STEP") {
            Some(text) => number("SLURM_ARRAY_TASK_STEP", text)?.max(1),
            None => 1,
        };
        let count = count_from("SLURM_ARRAY_TASK_COUNT")?.ok_or_else(|| {
            Failure::Input(
                "error: SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT (or --shards)"
                    .into(),
            )
        })?;
        Some(("SLURM_ARRAY_TASK_ID", id.saturating_sub(min) / step, count))
    } else if let Some(index) = var("JOB_COMPLETION_INDEX") {
        let index = number("JOB_COMPLETION_INDEX", index)?;
        let count = count_from("CORDON_SHARD_COUNT")?.ok_or_else(|| {
            Failure::Input("error: JOB_COMPLETION_INDEX is set: give the shard count with --shards or CORDON_SHARD_COUNT".into())
        })?;
        Some(("JOB_COMPLETION_INDEX", index, count))
    } else {
        None
    };
    match found {
        Some((source, index, count)) => Shard::new(index, count).map(Some).ok_or_else(|| {
            Failure::Input(format!(
                "error: shard {index}/{count} from {source} is not I/N with I < N"
            ))
        }),
        None => Ok(None),
    }
}

fn spec_failure(name: &str, e: SpecError) -> Failure {
    Failure::Input(format!("{name}: {e}"))
}

pub fn sweep(args: &SweepArgs) -> Outcome {
    let name = name_of(&args.spec);
    let spec = SweepSpec::parse(&read_text(&args.spec)?).map_err(|e| spec_failure(&name, e))?;
    let items = spec.items().map_err(|e| spec_failure(&name, e))?;
    let shard = shard_of(args)?;
    let threads = threads(args.threads);
    let mine = shard.unwrap_or(Shard::WHOLE);
    let mut results: Vec<ItemResult> = Vec::new();
    for item in items.iter().filter(|i| mine.covers(i.index)) {
        let batch = Batch::new(&item.scenario).map_err(|e| {
            spec_failure(
                &name,
                SpecError::Invalid {
                    item: item.id.clone(),
                    errors: e,
                },
            )
        })?;
        let runs = run_batch(&batch, item.scenario.runs, threads);
        results.push(ItemResult::of(item, &runs));
    }
    let text = match shard {
        Some(shard) => ShardFile::new(&spec, shard, items.len() as u32, results).to_json(),
        None => SweepResult::new(&spec, results).to_json(),
    };
    write_or_print(args.out.as_deref(), &text)
}

pub fn merge(args: &MergeArgs) -> Outcome {
    let mut files = Vec::with_capacity(args.files.len());
    for path in &args.files {
        files.push((name_of(path), read_text(path)?));
    }
    let result = decide::merge(&files).map_err(|e| Failure::Input(format!("error: {e}")))?;
    write_or_print(args.out.as_deref(), &result.to_json())
}
