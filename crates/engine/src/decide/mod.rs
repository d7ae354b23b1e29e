//! Decision tools: which lever buys most, the smallest plan that meets a
//! target, and sweeps of many plans.
//!
//! Everything here is built on common random numbers: two plans run with the
//! same seed and run indices share every infected person's random stream, so
//! plans that differ in one lever differ only where that lever matters.
//!
//! - [`levers`] — the resources a planner can move ([`LEVERS`], one line
//!   each: registry field, unit, label) and the outcomes a decision is
//!   judged by ([`Outcome`]: an outcome of [`crate::outcome`]'s one table,
//!   or a gateway's wait);
//! - [`mod@tornado`] — each lever moved down and up by a step, the change in
//!   one outcome and the change per added unit, one (lever, side) at a time;
//! - [`mod@optimise`] — the cheapest plan meeting every target, found by
//!   per-lever bisection inside coordinate descent, then checked on a fresh
//!   batch with another seed; a step function, stoppable at any time;
//! - [`sweep`] — many plans over one or more cities, sharded
//!   deterministically; shard files merge into exactly the unsharded result.
//!
//! The engine stays pure: no clocks (callers time the work), no files, no
//! threads. A [`Sample`] (one plan's per-run values of one outcome) is plain
//! serde data, so the page's Web Workers can compute samples and the page
//! (or the CLI) can feed them back into a tornado or an optimiser.

pub mod levers;
pub mod optimise;
pub mod sweep;
pub mod tornado;

pub use levers::{Direction, Lever, LeverDef, LeverKind, LeverUnit, Outcome, OutcomeUnit, LEVERS};
pub use optimise::{
    optimise, Bound, Costs, LeverRange, OptimiseResult, OptimiseSpec, OptimiseStatus, Optimiser,
    PlanCheck, RemovalNote, Request, StaffingRow, Target, TargetCheck,
};
pub use sweep::{
    merge, Axis, ItemResult, MergeError, Shard, ShardFile, SpecError, SweepBase, SweepItem,
    SweepPlan, SweepResult, SweepSpec,
};
pub use tornado::{
    tornado, Side, Step, Tornado, TornadoBar, TornadoRow, TornadoRun, TornadoSpec, TornadoTask,
};

use crate::montecarlo::{percentile_sorted, Batch};
use crate::outcome::{paired, standard_error};
use crate::scenario::Scenario;
use crate::sim::RunOutcome;
use crate::validate::ValidationErrors;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One plan's values of one outcome, run by run (in run-index order).
///
/// The outcome's value is [`Sample::value`]; two samples of the same runs
/// (same seed, same run indices) give a paired difference
/// ([`Sample::paired_difference`], computed by [`crate::outcome::paired`],
/// as plans side by side are).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// The outcome measured.
    pub outcome: Outcome,
    /// Seed of the runs.
    pub seed: u64,
    /// Index of the first run (runs are `first_run..first_run + values.len()`).
    pub first_run: u32,
    /// Each run's value (an indicator 0/1 for probabilities, a count, or
    /// minutes), in run order.
    pub values: Vec<f64>,
}

/// A difference between two plans and its Monte Carlo standard error.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// `b − a`.
    pub change: f64,
    /// Standard error of the change; `None` when the outcome is a
    /// percentile (no simple standard error) or there are fewer than two runs.
    pub standard_error: Option<f64>,
}

impl Sample {
    /// Runs `runs` runs of `scenario` (from run `first_run`) and reads `outcome`.
    pub fn run(
        scenario: &Scenario,
        outcome: &Outcome,
        runs: std::ops::Range<u32>,
    ) -> Result<Sample, DecideError> {
        let batch = Batch::new(scenario).map_err(DecideError::Invalid)?;
        let first_run = runs.start;
        let outcomes = batch.run_range(runs);
        Ok(Sample::of(scenario, outcome, first_run, &outcomes))
    }

    /// Reads `outcome` from runs already done (in run order).
    pub fn of(
        scenario: &Scenario,
        outcome: &Outcome,
        first_run: u32,
        outcomes: &[RunOutcome],
    ) -> Sample {
        Sample {
            outcome: outcome.clone(),
            seed: scenario.seed,
            first_run,
            values: outcomes.iter().map(|o| outcome.per_run(o)).collect(),
        }
    }

    /// Joins samples of consecutive run ranges (as computed by several
    /// workers), in any order; `None` if they differ in outcome or seed, or
    /// leave a gap or overlap.
    pub fn join(mut parts: Vec<Sample>) -> Option<Sample> {
        parts.sort_by_key(|s| s.first_run);
        let mut iter = parts.into_iter();
        let mut joined = iter.next()?;
        for part in iter {
            let end = joined.first_run as usize + joined.values.len();
            if part.outcome != joined.outcome
                || part.seed != joined.seed
                || part.first_run as usize != end
            {
                return None;
            }
            joined.values.extend(part.values);
        }
        Some(joined)
    }

    /// Number of runs.
    pub fn runs(&self) -> u32 {
        self.values.len() as u32
    }

    /// The outcome's value over these runs (a mean, a share, or the 95th
    /// percentile of a wait); `NaN` without runs.
    pub fn value(&self) -> f64 {
        self.outcome.across_runs(&self.values)
    }

    /// `other − self` with its paired standard error (common random numbers:
    /// run i of both plans shares its random streams). Identical plans give
    /// exactly zero. `None` if the samples are not of the same runs.
    pub fn paired_difference(&self, other: &Sample) -> Option<Difference> {
        if self.outcome != other.outcome
            || self.seed != other.seed
            || self.first_run != other.first_run
            || self.values.len() != other.values.len()
        {
            return None;
        }
        let change = other.value() - self.value();
        let standard_error = if self.outcome.is_mean() {
            paired(
                self.values
                    .iter()
                    .copied()
                    .zip(other.values.iter().copied()),
            )
            .standard_error
        } else {
            None
        };
        Some(Difference {
            change,
            standard_error,
        })
    }

    /// Standard error of [`Sample::value`] on its own (unpaired); `None` for
    /// a percentile or fewer than two runs.
    pub fn standard_error(&self) -> Option<f64> {
        if self.outcome.is_mean() {
            standard_error(self.values.iter().copied())
        } else {
            None
        }
    }
}

/// The 95th percentile of unsorted values.
pub(crate) fn p95(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    percentile_sorted(&sorted, 0.95)
}

/// Why a decision tool cannot start (bad input; the message names it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DecideError {
    /// The plan (or a plan derived from it) is not a valid scenario.
    Invalid(ValidationErrors),
    /// A lever name that is not one of [`LEVERS`] (or a gateway that does not exist).
    UnknownLever { name: String },
    /// An outcome name that is not one of [`Outcome`]'s (or a capacity or
    /// gateway that does not exist).
    UnknownOutcome { name: String },
    /// A lever's bounds are outside its registry range, or `min > max`.
    BadBounds {
        lever: String,
        min: f64,
        max: f64,
        allowed_min: f64,
        allowed_max: f64,
    },
    /// A step of zero or less, or a percentage over 100.
    BadStep { step: String },
    /// A target that is not `OUTCOME>=VALUE` / `OUTCOME<=VALUE`, or whose
    /// bound is outside the outcome's range (a probability over 1).
    BadTarget { target: String },
    /// A target asks for the worse direction (e.g. `p_contained <= 0.5`):
    /// more resources never make an outcome worse, so the search needs
    /// targets that more resources help to meet.
    TargetAgainstDirection { target: String },
    /// No lever is allowed to move.
    NoLevers,
    /// No target is given.
    NoTargets,
    /// A lever that moves has no unit cost (or a negative one).
    MissingCost { lever: String },
    /// Zero runs asked for.
    NoRuns,
    /// A lever listed twice.
    DuplicateLever { lever: String },
}

impl fmt::Display for DecideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecideError::Invalid(errors) => write!(f, "the plan is not valid: {errors}"),
            DecideError::UnknownLever { name } => write!(
                f,
                "no lever named {name:?}; levers: {}",
                LEVERS
                    .iter()
                    .map(|l| l.name_pattern())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            DecideError::UnknownOutcome { name } => write!(
                f,
                "no outcome named {name:?}; outcomes: {}",
                Outcome::PATTERNS.join(", ")
            ),
            DecideError::BadBounds {
                lever,
                min,
                max,
                allowed_min,
                allowed_max,
            } => write!(
                f,
                "bounds {min}..{max} for {lever} are not allowed (min ≤ max, within {allowed_min}..{allowed_max})"
            ),
            DecideError::BadStep { step } => write!(
                f,
                "step {step} is not allowed (a percentage above 0 and at most 100, or a whole number of units above 0)"
            ),
            DecideError::BadTarget { target } => write!(
                f,
                "target {target} is not OUTCOME>=VALUE or OUTCOME<=VALUE with a value in the outcome's range (a probability 0 to 1, or 0 % to 100 %; minutes or infections 0 or more)"
            ),
            DecideError::TargetAgainstDirection { target } => write!(
                f,
                "target {target} asks for the worse direction; more resources never make it worse, so state it the other way (>= for probabilities of good news, <= for the rest)"
            ),
            DecideError::NoLevers => write!(f, "no lever is allowed to move"),
            DecideError::NoTargets => write!(f, "no target is given"),
            DecideError::MissingCost { lever } => {
                write!(f, "lever {lever} moves but has no unit cost (give one, 0 or more)")
            }
            DecideError::NoRuns => write!(f, "at least one run is needed"),
            DecideError::DuplicateLever { lever } => write!(f, "lever {lever} is listed twice"),
        }
    }
}

impl std::error::Error for DecideError {}
