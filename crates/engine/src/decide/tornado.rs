//! The tornado: which lever buys most.
//!
//! For a plan, each lever is moved down and up by a step (a percentage of
//! its value, or a number of units) and one outcome is measured with common
//! random numbers (the plan's seed, the same runs), so each bar is a paired
//! difference from the plan, with its standard error. Each row also gives
//! the change per added unit (staff member, room, test a day, bed) so that
//! levers counted in different units can be ranked.
//!
//! The work is a list of [`TornadoTask`]s (the plan itself, then each
//! lever's down and up side): [`TornadoRun::step`] does one at a time, so a
//! caller can report progress and stop; a Web Worker can compute a task's
//! [`Sample`] on its own ([`Sample::run`]) and hand it to
//! [`TornadoRun::record`]. [`TornadoRun::result`] reads whatever is done.

use super::{DecideError, Difference, Lever, Outcome, Sample};
use crate::scenario::Scenario;
use crate::validate::validate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How far each lever moves.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// A percentage of the lever's value (at least one unit), e.g. 20.
    Percent(f64),
    /// A number of units (people per shift for checkpoint staff, rooms,
    /// tests a day, beds).
    Units(u32),
}

impl Step {
    /// How much a lever at `value` moves (at least 1).
    pub fn delta(&self, value: f64) -> f64 {
        match *self {
            Step::Percent(p) => (value * p / 100.0).round().max(1.0),
            Step::Units(n) => f64::from(n),
        }
    }

    /// Checks the step.
    pub fn check(&self) -> Result<(), DecideError> {
        let ok = match *self {
            Step::Percent(p) => p.is_finite() && p > 0.0 && p <= 100.0,
            Step::Units(n) => n > 0,
        };
        if ok {
            Ok(())
        } else {
            Err(DecideError::BadStep {
                step: self.to_string(),
            })
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Percent(p) => write!(f, "{p}%"),
            Step::Units(n) => write!(f, "{n}"),
        }
    }
}

impl FromStr for Step {
    type Err = DecideError;

    /// `20%` or `50` (units).
    fn from_str(text: &str) -> Result<Step, DecideError> {
        let bad = || DecideError::BadStep {
            step: text.to_string(),
        };
        let text = text.trim();
        let step = if let Some(p) = text.strip_suffix('%') {
            Step::Percent(p.trim().parse().map_err(|_| bad())?)
        } else {
            Step::Units(text.parse().map_err(|_| bad())?)
        };
        step.check().map_err(|_| bad())?;
        Ok(step)
    }
}

/// Which way a lever moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Down,
    Up,
}

/// What to compute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TornadoSpec {
    /// The outcome measured.
    pub outcome: Outcome,
    /// How far each lever moves.
    pub step: Step,
    /// The levers (empty: every lever of the plan, [`Lever::all`]).
    #[serde(default)]
    pub levers: Vec<Lever>,
    /// Runs per bar (default: the plan's runs).
    #[serde(default)]
    pub runs: Option<u32>,
}

/// One batch to run: the plan itself (`lever` `None`) or one lever moved to
/// one side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TornadoTask {
    pub lever: Option<Lever>,
    pub side: Option<Side>,
    /// The lever's value in this task (`NaN` for the plan itself).
    pub value: f64,
    /// The scenario to run (its `runs` and `seed` are the tornado's).
    pub scenario: Scenario,
}

/// One side of one lever.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TornadoBar {
    pub side: Side,
    /// The lever's value on this side.
    pub value: f64,
    /// Units of the lever added a day (negative going down): people for
    /// checkpoint staff (per shift × shifts), rooms, tests a day, beds.
    pub units_added: f64,
    /// The outcome on this side.
    pub outcome: f64,
    /// The outcome's change from the plan, paired.
    pub difference: Difference,
}

/// One lever: both sides and the change per added unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TornadoRow {
    pub lever: Lever,
    /// The plan's value.
    pub value: f64,
    /// `None` while not computed, or when the lever is at its bound.
    pub down: Option<TornadoBar>,
    pub up: Option<TornadoBar>,
    /// Outcome change per added unit: the up side's change ÷ the units it
    /// adds ("where do more staff buy most"); the down side's when the lever
    /// cannot go up.
    pub per_unit: Option<f64>,
    /// The same, signed so that positive is better (the ranking).
    pub gain_per_unit: Option<f64>,
    /// Outcome change per unit taken away (the down side's change ÷ the
    /// units it removes, as a change per added unit: "what does each unit
    /// redeployed cost").
    #[serde(default)]
    pub per_unit_removed: Option<f64>,
    /// Largest distance between the plan and either side (the bar's length).
    pub swing: f64,
}

/// The tornado so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tornado {
    pub outcome: Outcome,
    pub step: Step,
    pub runs: u32,
    pub seed: u64,
    /// The plan's value of the outcome (`None` until computed).
    pub base: Option<f64>,
    /// The plan's standard error of the outcome on its own (unpaired).
    pub base_standard_error: Option<f64>,
    /// One row per lever, largest swing first.
    pub rows: Vec<TornadoRow>,
    /// Tasks done and in all.
    pub done: u32,
    pub total: u32,
    /// Runs done (every task's runs).
    pub runs_used: u64,
}

/// A tornado being computed, one task at a time.
#[derive(Clone, Debug)]
pub struct TornadoRun {
    spec: TornadoSpec,
    runs: u32,
    seed: u64,
    levers: Vec<(Lever, f64)>,
    tasks: Vec<TornadoTask>,
    samples: Vec<Option<Sample>>,
}

impl TornadoRun {
    /// Plans the tasks: checks the plan, the step, the levers and the outcome.
    pub fn new(scenario: &Scenario, spec: &TornadoSpec) -> Result<TornadoRun, DecideError> {
        validate(scenario).map_err(DecideError::Invalid)?;
        spec.step.check()?;
        spec.outcome.check(scenario)?;
        let runs = spec.runs.unwrap_or(scenario.runs);
        if runs == 0 {
            return Err(DecideError::NoRuns);
        }
        let mut plan = scenario.clone();
        plan.runs = runs;
        let levers = if spec.levers.is_empty() {
            Lever::all(scenario)
        } else {
            spec.levers.clone()
        };
        let mut tasks = vec![TornadoTask {
            lever: None,
            side: None,
            value: f64::NAN,
            scenario: plan.clone(),
        }];
        let mut with_values = Vec::new();
        for (i, lever) in levers.iter().enumerate() {
            lever.check(scenario)?;
            if levers[..i].contains(lever) {
                return Err(DecideError::DuplicateLever {
                    lever: lever.to_string(),
                });
            }
            let value = lever.get(scenario).unwrap_or(0.0);
            with_values.push((*lever, value));
            let (min, max) = lever.allowed();
            let delta = spec.step.delta(value);
            for (side, moved) in [
                (Side::Down, (value - delta).max(min)),
                (Side::Up, (value + delta).min(max)),
            ] {
                if moved == value {
                    continue;
                }
                let mut scenario = plan.clone();
                lever
                    .set(&mut scenario, moved)
                    .map_err(|problem| DecideError::Invalid(problem_at(lever, problem)))?;
                tasks.push(TornadoTask {
                    lever: Some(*lever),
                    side: Some(side),
                    value: moved,
                    scenario,
                });
            }
        }
        Ok(TornadoRun {
            spec: spec.clone(),
            runs,
            seed: scenario.seed,
            levers: with_values,
            samples: vec![None; tasks.len()],
            tasks,
        })
    }

    /// The tasks, the plan itself first.
    pub fn tasks(&self) -> &[TornadoTask] {
        &self.tasks
    }

    /// Computes task `index`'s sample (every run; pure, for a worker).
    pub fn evaluate(&self, index: usize) -> Result<Sample, DecideError> {
        let task = self.tasks.get(index).ok_or(DecideError::NoRuns)?;
        Sample::run(&task.scenario, &self.spec.outcome, 0..self.runs)
    }

    /// Records task `index`'s sample (computed anywhere). A sample of the
    /// wrong outcome, seed or runs is ignored (returns `false`).
    pub fn record(&mut self, index: usize, sample: Sample) -> bool {
        let fits = sample.outcome == self.spec.outcome
            && sample.seed == self.seed
            && sample.first_run == 0
            && sample.runs() == self.runs
            && index < self.samples.len();
        if fits {
            self.samples[index] = Some(sample);
        }
        fits
    }

    /// Computes the next task not yet done; returns its index, or `None`
    /// when every task is done.
    pub fn step(&mut self) -> Result<Option<usize>, DecideError> {
        let Some(index) = self.samples.iter().position(Option::is_none) else {
            return Ok(None);
        };
        let sample = self.evaluate(index)?;
        self.samples[index] = Some(sample);
        Ok(Some(index))
    }

    /// Tasks done.
    pub fn done(&self) -> usize {
        self.samples.iter().filter(|s| s.is_some()).count()
    }

    /// Tasks in all.
    pub fn total(&self) -> usize {
        self.tasks.len()
    }

    /// Whether every task is done.
    pub fn is_finished(&self) -> bool {
        self.done() == self.total()
    }

    /// The tornado from the tasks done so far.
    pub fn result(&self) -> Tornado {
        let outcome = &self.spec.outcome;
        let base = self.samples[0].as_ref();
        let mut rows: Vec<TornadoRow> = self
            .levers
            .iter()
            .map(|&(lever, value)| {
                let mut row = TornadoRow {
                    lever,
                    value,
                    down: None,
                    up: None,
                    per_unit: None,
                    gain_per_unit: None,
                    per_unit_removed: None,
                    swing: 0.0,
                };
                let Some(base) = base else {
                    return row;
                };
                for (task, sample) in self.tasks.iter().zip(&self.samples) {
                    let (Some(side), Some(sample)) = (task.side, sample) else {
                        continue;
                    };
                    if task.lever != Some(lever) {
                        continue;
                    }
                    let Some(difference) = base.paired_difference(sample) else {
                        continue;
                    };
                    let units_added = lever.units_per_day(&task.scenario, task.value)
                        - lever.units_per_day(&task.scenario, value);
                    let bar = TornadoBar {
                        side,
                        value: task.value,
                        units_added,
                        outcome: sample.value(),
                        difference,
                    };
                    match side {
                        Side::Down => row.down = Some(bar),
                        Side::Up => row.up = Some(bar),
                    }
                }
                let ends: Vec<(f64, f64)> = [&row.down, &row.up]
                    .into_iter()
                    .flatten()
                    .map(|b| (b.units_added, b.difference.change))
                    .collect();
                row.swing = ends
                    .iter()
                    .map(|(_, change)| change.abs())
                    .fold(0.0, f64::max);
                // `+ 0.0` writes no change as 0, never −0.
                let slope = |bar: &Option<TornadoBar>| {
                    bar.as_ref()
                        .filter(|b| b.units_added != 0.0)
                        .map(|b| b.difference.change / b.units_added + 0.0)
                };
                row.per_unit_removed = slope(&row.down);
                row.per_unit = slope(&row.up).or(row.per_unit_removed);
                row.gain_per_unit = row.per_unit.map(|s| match outcome.direction() {
                    super::Direction::HigherIsBetter => s,
                    super::Direction::LowerIsBetter => -s + 0.0,
                });
                row
            })
            .collect();
        rows.sort_by(|a, b| b.swing.total_cmp(&a.swing));
        Tornado {
            outcome: outcome.clone(),
            step: self.spec.step,
            runs: self.runs,
            seed: self.seed,
            base: base.map(Sample::value),
            base_standard_error: base.and_then(Sample::standard_error),
            rows,
            done: self.done() as u32,
            total: self.total() as u32,
            runs_used: self.done() as u64 * u64::from(self.runs),
        }
    }
}

/// A lever's problem as validation errors at its field.
pub(crate) fn problem_at(
    lever: &Lever,
    problem: crate::validate::Problem,
) -> crate::validate::ValidationErrors {
    crate::validate::ValidationErrors(vec![crate::validate::FieldError {
        path: lever.field_id(),
        problem,
    }])
}

/// The whole tornado at once.
pub fn tornado(scenario: &Scenario, spec: &TornadoSpec) -> Result<Tornado, DecideError> {
    let mut run = TornadoRun::new(scenario, spec)?;
    while run.step()?.is_some() {}
    Ok(run.result())
}
