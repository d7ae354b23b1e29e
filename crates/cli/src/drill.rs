//! `cordon drill …`: exercise files of drill mode (桌面推演) — a ready
//! example, a new exercise on a scenario, the schema, checks, replays one
//! JSON line per day (the same lines as the page's), and exercise links.

use crate::{name_of, pretty_json, print, read_text, Failure, Outcome};
use clap::{Args, Subcommand};
use cordon_engine::drill::{
    self, counterfactual, day_json, pick_run, read_exercise, replay, Exercise, ExerciseFileError,
    Line, Pick,
};
use cordon_engine::link::LinkError;
use cordon_engine::report;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum DrillCommand {
    /// Print a ready exercise on the example city as JSON (3 injects, 2
    /// decisions, a branch; played to day 10).
    Example,
    /// Print a new exercise on a scenario file, not yet played: run 0, or
    /// the run picked with --run, --random or --bad.
    New(NewArgs),
    /// Print the JSON Schema of exercise files.
    Schema,
    /// Check an exercise file: prints "ok", or one line per problem (exit 2).
    Validate {
        /// Exercise file, or `-` for standard input.
        file: PathBuf,
    },
    /// Replay an exercise: one JSON line per day (day from 1, `room`: what
    /// the command centre knows, `truth`, and the `injects` and `decisions`
    /// that took effect that day).
    Replay(ReplayArgs),
    /// The after-action review of a line as JSON: its injects and decisions
    /// by day, and its key numbers next to the counterfactual's (the same
    /// realisation and injects, no decisions).
    Review(ReviewArgs),
    /// Exercise links (the part of a Cordon URL after `#`, `e1.…`).
    #[command(subcommand)]
    Link(DrillLinkCommand),
}

#[derive(Args)]
pub struct ReviewArgs {
    /// Exercise file, or `-` for standard input.
    file: PathBuf,
    /// The line to review: `main`, a branch's name or its index from 0.
    #[arg(long, default_value = "main")]
    line: String,
    /// Last day, from 1 (default: as for `replay`).
    #[arg(long, value_name = "DAY")]
    to: Option<u32>,
}

#[derive(Args)]
pub struct NewArgs {
    /// Scenario file, or `-` for standard input.
    file: PathBuf,
    /// Play this run of the scenario's batch.
    #[arg(long, conflicts_with_all = ["random", "bad"])]
    run: Option<u32>,
    /// Play a run drawn at random with this seed.
    #[arg(long, value_name = "SEED", conflicts_with = "bad")]
    random: Option<u64>,
    /// Play a bad run: from the worst decile of the batch by local
    /// infections (simulates the whole batch).
    #[arg(long)]
    bad: bool,
}

#[derive(Args)]
pub struct ReplayArgs {
    /// Exercise file, or `-` for standard input.
    file: PathBuf,
    /// The line to replay: `main`, a branch's name or its index from 0.
    #[arg(long, default_value = "main")]
    line: String,
    /// Last day to replay, from 1 (default: the day the exercise was played
    /// to, or the whole horizon if it has not been played yet).
    #[arg(long, value_name = "DAY")]
    to: Option<u32>,
    /// Replay the line's counterfactual: the same realisation and injects,
    /// no decisions.
    #[arg(long)]
    counterfactual: bool,
}

#[derive(Subcommand)]
pub enum DrillLinkCommand {
    /// Print the link fragment of an exercise file.
    Encode {
        /// Exercise file, or `-` for standard input.
        file: PathBuf,
    },
    /// Print the exercise of a link (`e1.…`, `#e1.…` or a whole URL) as JSON.
    Decode {
        /// The link.
        link: String,
    },
}

/// Runs a drill command.
pub fn run(command: &DrillCommand) -> Outcome {
    match command {
        DrillCommand::Example => print(&drill::exercise_json(&drill::example())),
        DrillCommand::New(args) => new(args),
        DrillCommand::Schema => print(&pretty_json(&drill::json_schema())?),
        DrillCommand::Validate { file } => {
            read_valid_exercise(file)?;
            print("ok\n")
        }
        DrillCommand::Replay(args) => replay_file(args),
        DrillCommand::Review(args) => {
            let exercise = read_valid_exercise(&args.file)?;
            let (line, to) = line_and_day(&exercise, &args.line, args.to)?;
            let review = drill::after_action(&exercise, line, to)
                .map_err(|e| Failure::Input(e.to_string()))?;
            print(&pretty_json(&review)?)
        }
        DrillCommand::Link(DrillLinkCommand::Encode { file }) => {
            let exercise = read_valid_exercise(file)?;
            print(&format!("{}\n", drill::link::encode(&exercise)))
        }
        DrillCommand::Link(DrillLinkCommand::Decode { link }) => {
            let exercise = drill::link::decode(link).map_err(|e| {
                // The codec's messages speak of scenario links.
                let what = match &e {
                    LinkError::NotALink => {
                        "not a Cordon exercise link (expected a fragment like #e1.…)".to_string()
                    }
                    LinkError::InvalidScenario(errors) => {
                        let list: Vec<String> = errors.0.iter().map(|e| e.to_string()).collect();
                        format!("the exercise in the link is not valid: {}", list.join("; "))
                    }
                    other => other.to_string(),
                };
                Failure::Input(format!(
                    "error: cannot open the link: {what} [{}]",
                    e.code()
                ))
            })?;
            print(&drill::exercise_json(&exercise))
        }
    }
}

/// An exercise file's problems, one line each: `FILE:LINE:COLUMN: …` for a
/// file that is not an exercise, `FILE: path: …` per invalid field.
fn exercise_failure(name: &str, error: ExerciseFileError) -> Failure {
    match error {
        ExerciseFileError::Syntax {
            line,
            column,
            message,
        } => Failure::Input(format!(
            "{name}:{line}:{column}: not a valid exercise file: {message}"
        )),
        ExerciseFileError::Invalid(errors) => {
            let lines: Vec<String> = errors.0.iter().map(|e| format!("{name}: {e}")).collect();
            Failure::Input(lines.join("\n"))
        }
    }
}

fn read_valid_exercise(path: &Path) -> Result<Exercise, Failure> {
    read_exercise(&read_text(path)?).map_err(|e| exercise_failure(&name_of(path), e))
}

fn new(args: &NewArgs) -> Outcome {
    let name = name_of(&args.file);
    let scenario = report::read_scenario(&read_text(&args.file)?)
        .map_err(|e| Failure::Input(format!("{name}: {e}")))?;
    let pick = match (args.run, args.random, args.bad) {
        (_, _, true) => Pick::BadOne,
        (_, Some(seed), _) => Pick::Random { seed },
        (run, ..) => Pick::Index {
            run: run.unwrap_or(0),
        },
    };
    if let Pick::Index { run } = pick {
        if run >= scenario.runs {
            return Err(Failure::Input(format!(
                "error: --run {run}: the scenario has {} runs (0 to {})",
                scenario.runs,
                scenario.runs.saturating_sub(1)
            )));
        }
    }
    let run = pick_run(&scenario, pick).map_err(|e| Failure::Input(e.to_string()))?;
    print(&drill::exercise_json(&Exercise::new(scenario, run)))
}

/// The line named on the command line and the last day to play (default:
/// the day played to, or the whole horizon if not played yet).
fn line_and_day(exercise: &Exercise, name: &str, to: Option<u32>) -> Result<(Line, u32), Failure> {
    let line = exercise.line_named(name).ok_or_else(|| {
        let names: Vec<String> = std::iter::once("main".to_string())
            .chain(exercise.branches.iter().map(|b| format!("{:?}", b.name)))
            .collect();
        Failure::Input(format!(
            "error: --line {name:?}: no such line; lines: {}",
            names.join(", ")
        ))
    })?;
    let days = exercise.scenario.days;
    let to = to.unwrap_or(if exercise.played_to > 0 {
        exercise.played_to
    } else {
        days
    });
    if to == 0 || to > days {
        return Err(Failure::Input(format!(
            "error: --to {to}: the scenario has days 1 to {days}"
        )));
    }
    Ok((line, to))
}

fn replay_file(args: &ReplayArgs) -> Outcome {
    let exercise = read_valid_exercise(&args.file)?;
    let (line, to) = line_and_day(&exercise, &args.line, args.to)?;
    let reports = if args.counterfactual {
        counterfactual(&exercise, line, to)
    } else {
        replay(&exercise, line, to)
    }
    .map_err(|e| Failure::Input(e.to_string()))?;
    let mut text = String::new();
    for report in &reports {
        text.push_str(&day_json(report));
        text.push('\n');
    }
    print(&text)
}
