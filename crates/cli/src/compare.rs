//! `cordon compare`: plans side by side, the first the baseline, as JSON
//! or CSV (the columns of `report::compare_csv`).

use super::{file_failure, name_of, pretty_json, print, read_text, run_batch, Failure, Outcome};
use clap::Args;
use cordon_engine::compare::{compare, PlanRuns, MAX_PLANS};
use cordon_engine::report::{self, ScenarioFileError};
use cordon_engine::validate::MAX_RUNS;
use cordon_engine::{validate, Batch, Scenario};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct CompareArgs {
    /// Two to four scenario files (the first is the baseline), or one
    /// plan-set file (the page's "Download plans"). `-` reads standard input.
    #[arg(required = true, num_args = 1..=MAX_PLANS)]
    files: Vec<PathBuf>,
    /// Number of runs for every plan (overrides the files').
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_RUNS)))]
    runs: Option<u32>,
    /// Seed for every plan (overrides the files'; plans are paired only
    /// when their seeds and run counts are the same).
    #[arg(long)]
    seed: Option<u64>,
    /// Worker threads (default: every core). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
    /// Print CSV instead of JSON: one row per outcome and plan
    /// (outcome,plan,value,difference,se,ci95_low,ci95_high,se_paired,
    /// se_unpaired,paired,runs; columns: crates/engine/src/report.rs).
    #[arg(long)]
    csv: bool,
}

/// One plan to run: its name, scenario, and where it came from.
struct Plan {
    name: String,
    scenario: Scenario,
}

/// The plans of the arguments: a plan-set file alone, or scenario files
/// named by their scenario's name (or, when it is empty or shared, their
/// file name).
fn plans(args: &CompareArgs) -> Result<Vec<Plan>, Failure> {
    let overridden = |mut scenario: Scenario, source: &str| -> Result<Scenario, Failure> {
        if let Some(runs) = args.runs {
            scenario.runs = runs;
        }
        if let Some(seed) = args.seed {
            scenario.seed = seed;
        }
        validate(&scenario).map_err(|e| file_failure(source, ScenarioFileError::Invalid(e)))?;
        Ok(scenario)
    };
    if let [path] = args.files.as_slice() {
        let source = name_of(path);
        let set = report::read_plan_set(&read_text(path)?)
            .map_err(|e| Failure::Input(format!("{source}: {e}")))?;
        return set
            .plans
            .into_iter()
            .map(|p| {
                Ok(Plan {
                    scenario: overridden(p.scenario, &format!("{source}: {}", p.name))?,
                    name: p.name,
                })
            })
            .collect();
    }
    let mut plans = Vec::new();
    for path in &args.files {
        let source = name_of(path);
        let scenario =
            report::scenario_from_json(&read_text(path)?).map_err(|e| file_failure(&source, e))?;
        plans.push(Plan {
            name: scenario.name.trim().to_string(),
            scenario: overridden(scenario, &source)?,
        });
    }
    let names: Vec<String> = plans.iter().map(|p| p.name.clone()).collect();
    for (plan, path) in plans.iter_mut().zip(&args.files) {
        if plan.name.is_empty() || names.iter().filter(|n| **n == plan.name).count() > 1 {
            plan.name = file_name(path);
        }
    }
    Ok(plans)
}

/// A file's name without its extension (`-`: "stdin").
fn file_name(path: &Path) -> String {
    if path == Path::new("-") {
        return "stdin".into();
    }
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub fn run(args: &CompareArgs) -> Outcome {
    let plans = plans(args)?;
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(1024) as u32)
    });
    let mut runs = Vec::new();
    for plan in &plans {
        let batch = Batch::new(&plan.scenario).map_err(|e| Failure::Input(e.to_string()))?;
        let outcomes = run_batch(&batch, plan.scenario.runs, threads);
        runs.push(PlanRuns::of(&plan.scenario, &outcomes));
    }
    let named: Vec<(&str, &PlanRuns)> = plans
        .iter()
        .zip(&runs)
        .map(|(p, r)| (p.name.as_str(), r))
        .collect();
    let table = compare(&named).map_err(|e| Failure::Input(format!("error: {e}")))?;
    if args.csv {
        print(&report::compare_csv(&table))
    } else {
        print(&pretty_json(&table)?)
    }
}
