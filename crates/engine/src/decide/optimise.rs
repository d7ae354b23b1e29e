//! The staffing optimiser: the cheapest plan the search finds that meets
//! every target.
//!
//! The planner states targets ([`Target`]: an outcome and a bound), the
//! unit cost of each lever ([`Costs`]: per staff-day, room-day, bed-day, test
//! of daily laboratory capacity) and which levers may move within which
//! bounds ([`LeverRange`]). More of any resource never makes an outcome
//! worse (tested in `known_answers.rs`, with common random numbers), so:
//!
//! 1. every moving lever at its maximum is evaluated first; if a target is
//!    missed there, no plan within the bounds meets it, and the answer says
//!    so with the best value reached ([`OptimiseStatus::Infeasible`]) after
//!    one batch;
//! 2. coordinate descent from there: lever by lever, the most expensive
//!    range first, the smallest value (to its step) that still meets every
//!    target is found by bisection, the others held; passes repeat until no
//!    lever moves (at most [`MAX_PASSES`]);
//! 3. removing one step of each moved lever is tried ([`RemovalNote`]: which
//!    target it breaks, or why it does not);
//! 4. the answer is checked on a fresh batch with a different seed
//!    ([`PlanCheck`]).
//!
//! A plan counts as meeting a target during the search when it does so by a
//! safety margin of [`DEFAULT_MARGIN_STANDARD_ERRORS`] standard errors of
//! its value (set [`OptimiseSpec::margin_standard_errors`]; 0 asks only for
//! the estimate), so that the answer also meets it on the fresh batch.
//! Every evaluation runs the same runs of the plan's seed (common random
//! numbers), each distinct plan once (cached). The search is bounded by
//! [`OptimiseSpec::max_evaluations`]; [`Optimiser::step`] does one
//! evaluation, so a caller can report progress and stop at any time;
//! [`Optimiser::result`] is the best plan so far. A Web Worker can compute
//! an evaluation on its own: [`Optimiser::pending`] is the plan to run and
//! the outcomes to read, [`Optimiser::record`] takes the samples back.

use super::tornado::problem_at;
use super::{DecideError, Direction, Lever, LeverUnit, Outcome, OutcomeUnit, Sample};
use crate::fields::MAX_SEED;
use crate::montecarlo::Batch;
use crate::scenario::Scenario;
use crate::validate::validate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

/// Most passes of coordinate descent.
pub const MAX_PASSES: u32 = 4;

/// Default bound on evaluations (distinct plans run).
pub const DEFAULT_MAX_EVALUATIONS: u32 = 300;

/// Default safety margin of the search, in standard errors: a plan counts
/// as meeting a target when it does by this many standard errors of its
/// value, so that the answer still meets it on a fresh batch (a plan just
/// at the bound would pass a fresh check only half the time).
pub const DEFAULT_MARGIN_STANDARD_ERRORS: f64 = 2.0;

/// A target's bound.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The outcome must be at least this (probabilities of good news).
    AtLeast(f64),
    /// The outcome must be at most this (infections, capacity exceeded, waits).
    AtMost(f64),
}

/// A target: an outcome and a bound (`p_contained >= 0.95`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub outcome: Outcome,
    pub bound: Bound,
}

impl Target {
    /// The bound's value.
    pub fn limit(&self) -> f64 {
        match self.bound {
            Bound::AtLeast(v) | Bound::AtMost(v) => v,
        }
    }

    /// How far `value` is inside the target (negative: missed by that much).
    pub fn margin(&self, value: f64) -> f64 {
        match self.bound {
            Bound::AtLeast(v) => value - v,
            Bound::AtMost(v) => v - value,
        }
    }

    /// Whether `value` meets the target.
    pub fn met(&self, value: f64) -> bool {
        self.margin(value) >= 0.0
    }

    /// Checks the bound against the outcome's range and direction.
    pub fn check(&self, scenario: &Scenario) -> Result<(), DecideError> {
        self.outcome.check(scenario)?;
        let v = self.limit();
        let in_range =
            v.is_finite() && v >= 0.0 && (self.outcome.unit() != OutcomeUnit::Share || v <= 1.0);
        if !in_range {
            return Err(DecideError::BadTarget {
                target: self.to_string(),
            });
        }
        let along = matches!(
            (self.outcome.direction(), self.bound),
            (Direction::HigherIsBetter, Bound::AtLeast(_))
                | (Direction::LowerIsBetter, Bound::AtMost(_))
        );
        if !along {
            return Err(DecideError::TargetAgainstDirection {
                target: self.to_string(),
            });
        }
        Ok(())
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (op, v) = match self.bound {
            Bound::AtLeast(v) => (">=", v),
            Bound::AtMost(v) => ("<=", v),
        };
        if self.outcome.unit() == OutcomeUnit::Share {
            write!(f, "{}{op}{}%", self.outcome, round6(v * 100.0))
        } else {
            write!(f, "{}{op}{v}", self.outcome)
        }
    }
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

impl FromStr for Target {
    type Err = DecideError;

    /// `p_contained>=95%`, `p_exceeded.quarantine_rooms<=0.05`,
    /// `wait_p95[2]<=30` (minutes), `mean_local_infections<=10`; `≥`/`≤`
    /// also read. A share may be written as a percentage.
    fn from_str(text: &str) -> Result<Target, DecideError> {
        let bad = || DecideError::BadTarget {
            target: text.to_string(),
        };
        let ops = [(">=", true), ("≥", true), ("<=", false), ("≤", false)];
        let (outcome, at_least, value) = ops
            .iter()
            .find_map(|(op, at_least)| {
                text.split_once(op)
                    .map(|(outcome, value)| (outcome, *at_least, value))
            })
            .ok_or_else(bad)?;
        let outcome: Outcome = outcome.parse()?;
        let value = value.trim();
        let number = if let Some(percent) = value.strip_suffix('%') {
            if outcome.unit() != OutcomeUnit::Share {
                return Err(bad());
            }
            percent.trim().parse::<f64>().map_err(|_| bad())? / 100.0
        } else {
            value.parse::<f64>().map_err(|_| bad())?
        };
        Ok(Target {
            outcome,
            bound: if at_least {
                Bound::AtLeast(number)
            } else {
                Bound::AtMost(number)
            },
        })
    }
}

/// Unit costs, keyed by each lever's cost name ([`super::LeverDef::cost_name`]:
/// `checkpoint_staff_day`, `grid_worker_day`, `room_day`,
/// `sampling_staff_day`, `test`, `tracer_day`, `bed_day`): the cost of one
/// unit for one day (a staff-day, a room-day, a test of daily laboratory
/// capacity).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Costs(pub BTreeMap<String, f64>);

impl Costs {
    /// A lever's unit cost.
    pub fn of(&self, lever: &Lever) -> Option<f64> {
        self.0.get(lever.def().cost_name).copied()
    }

    /// Parses `room_day=80` (one cost; several joined by commas).
    pub fn parse_into(&mut self, text: &str) -> Result<(), String> {
        for part in text.split(',').filter(|p| !p.trim().is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("{part:?} is not NAME=COST"))?;
            let name = name.trim();
            if !super::LEVERS.iter().any(|d| d.cost_name == name) {
                return Err(format!(
                    "no cost named {name:?}; costs: {}",
                    Costs::names().join(", ")
                ));
            }
            let value: f64 = value
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v >= 0.0)
                .ok_or_else(|| format!("cost {value:?} for {name} is not a number ≥ 0"))?;
            self.0.insert(name.to_string(), value);
        }
        Ok(())
    }

    /// Every cost name, in lever order.
    pub fn names() -> Vec<&'static str> {
        super::LEVERS.iter().map(|d| d.cost_name).collect()
    }
}

/// A lever allowed to move, within bounds, by whole steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeverRange {
    pub lever: Lever,
    pub min: f64,
    pub max: f64,
    /// The search's resolution (default 1 unit).
    #[serde(default = "one")]
    pub step: f64,
}

fn one() -> f64 {
    1.0
}

impl LeverRange {
    /// The default range for a lever of `scenario`: 0 to twice its value
    /// (at least 1), within the registry's range.
    pub fn default_for(lever: Lever, scenario: &Scenario) -> LeverRange {
        let value = lever.get(scenario).unwrap_or(0.0);
        let (_, allowed_max) = lever.allowed();
        LeverRange {
            lever,
            min: 0.0,
            max: (2.0 * value).max(1.0).min(allowed_max),
            step: 1.0,
        }
    }
}

impl FromStr for LeverRange {
    type Err = String;

    /// `rooms=3000..6000`, `rooms=3000..6000/50` (step 50),
    /// `checkpoint_staff[2]=10..40`, or just the name (bounds checked
    /// against a scenario later: see [`LeverRange::default_for`], which
    /// the caller applies when both bounds are `NaN`).
    fn from_str(text: &str) -> Result<LeverRange, String> {
        let bad = || format!("{text:?} is not NAME=MIN..MAX (optionally /STEP)");
        let (name, range) = match text.split_once('=') {
            Some((name, range)) => (name, Some(range)),
            None => (text, None),
        };
        let lever: Lever = name
            .trim()
            .parse()
            .map_err(|e: DecideError| e.to_string())?;
        let Some(range) = range else {
            return Ok(LeverRange {
                lever,
                min: f64::NAN,
                max: f64::NAN,
                step: 1.0,
            });
        };
        let (range, step) = match range.split_once('/') {
            Some((range, step)) => (range, step.trim().parse::<f64>().map_err(|_| bad())?),
            None => (range, 1.0),
        };
        let (min, max) = range.split_once("..").ok_or_else(bad)?;
        let min: f64 = min.trim().parse().map_err(|_| bad())?;
        let max: f64 = max.trim().parse().map_err(|_| bad())?;
        Ok(LeverRange {
            lever,
            min,
            max,
            step,
        })
    }
}

/// What to optimise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptimiseSpec {
    pub targets: Vec<Target>,
    pub costs: Costs,
    pub levers: Vec<LeverRange>,
    /// Runs per evaluation (default: the plan's runs).
    #[serde(default)]
    pub runs: Option<u32>,
    /// Seed of the check (default: the plan's seed + 1).
    #[serde(default)]
    pub check_seed: Option<u64>,
    /// Most evaluations (distinct plans run; default [`DEFAULT_MAX_EVALUATIONS`]).
    #[serde(default)]
    pub max_evaluations: Option<u32>,
    /// The search's safety margin in standard errors (default
    /// [`DEFAULT_MARGIN_STANDARD_ERRORS`]; 0: the estimate itself).
    #[serde(default)]
    pub margin_standard_errors: Option<f64>,
}

/// A target against a plan's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetCheck {
    pub target: Target,
    pub value: f64,
    /// How far inside the target (negative: missed by that much).
    pub margin: f64,
    pub met: bool,
    /// Standard error of the value (`None` for a percentile).
    pub standard_error: Option<f64>,
    /// Met by the search's safety margin (`margin` ≥ that many standard
    /// errors): what the search asks of a plan.
    #[serde(default)]
    pub confident: bool,
}

/// One line of the staffing table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffingRow {
    pub lever: Lever,
    /// The registry field's path (`quarantine.rooms`).
    pub field: String,
    pub unit: LeverUnit,
    /// The plan's value before the search.
    pub start: f64,
    /// The answer's value.
    pub value: f64,
    pub min: f64,
    pub max: f64,
    /// Units a day (checkpoint staff: per shift × shifts).
    pub units_per_day: f64,
    /// Cost of one unit for one day.
    pub unit_cost: f64,
    /// Cost over the plan's horizon (units a day × unit cost × days).
    pub cost: f64,
}

/// The answer checked on a fresh batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanCheck {
    pub seed: u64,
    pub runs: u32,
    pub targets: Vec<TargetCheck>,
    pub all_met: bool,
}

/// What removing one step of a moved lever does (on the search's runs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemovalNote {
    pub lever: Lever,
    /// The lever one step lower.
    pub value: f64,
    /// The first target it breaks, with its value there; `None` when it
    /// breaks none (see `reason`).
    pub breaks: Option<TargetCheck>,
    /// Why removing a step breaks nothing: `at_minimum` (the lever is at its
    /// lower bound) or `not_evaluated` (the search stopped first).
    #[serde(default)]
    pub reason: Option<String>,
}

/// Where the search is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum OptimiseStatus {
    /// Still searching (the plan shown is the best so far).
    Searching,
    /// Done: the plan meets every target on the search's runs.
    Found,
    /// No plan within the bounds meets these targets: with every lever at
    /// its maximum they reach only these values.
    Infeasible { unmet: Vec<TargetCheck> },
    /// Stopped (by the caller or the evaluation bound) before the end; the
    /// plan shown is the best so far.
    Stopped,
}

/// The answer (or the best so far).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptimiseResult {
    #[serde(flatten)]
    pub status: OptimiseStatus,
    /// The staffing table of the plan shown (every lever allowed to move).
    pub staffing: Vec<StaffingRow>,
    /// Total cost over the horizon, and a day.
    pub cost: f64,
    pub cost_per_day: f64,
    pub days: u32,
    /// The targets on the search's runs.
    pub targets: Vec<TargetCheck>,
    /// The check on a fresh batch (once done).
    pub check: Option<PlanCheck>,
    /// Removing one step of each moved lever.
    pub removals: Vec<RemovalNote>,
    /// Distinct plans run, and runs in all (search and check).
    pub evaluations: u32,
    pub runs_used: u64,
    /// Runs per evaluation and the search's seed.
    pub runs: u32,
    pub seed: u64,
    /// The search's safety margin, in standard errors.
    #[serde(default)]
    pub margin_standard_errors: f64,
    /// The plan shown, whole (`None` before any plan meets the targets and
    /// when none can).
    pub plan: Option<Scenario>,
}

/// A batch the search wants run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The plan (its `seed` and `runs` set).
    pub scenario: Scenario,
    /// The outcomes to read (one sample each, in this order).
    pub outcomes: Vec<Outcome>,
}

/// One evaluated plan.
#[derive(Clone, Debug)]
struct Evaluation {
    checks: Vec<TargetCheck>,
}

impl Evaluation {
    fn feasible(&self) -> bool {
        self.checks.iter().all(|c| c.confident)
    }
}

/// Where the search is.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    /// Every lever at its maximum.
    Ceiling,
    /// Coordinate descent: lever `order[position]` in pass `pass`, `hi` the
    /// lowest value known to meet every target (the others held).
    Descent {
        pass: u32,
        position: usize,
        stage: Stage,
        hi: f64,
        changed: bool,
    },
    /// Removing one step of each moved lever.
    Removals,
    /// The fresh-seed check.
    Check,
    Done,
}

/// A lever's bisection.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stage {
    /// One step below (later passes: is the lever already as low as it goes?).
    StepBelow,
    /// The lever's minimum.
    Minimum,
    /// Between `lo` (misses a target) and `hi`.
    Bisect { lo: f64 },
}

/// A search in progress.
#[derive(Clone, Debug)]
pub struct Optimiser {
    plan: Scenario,
    spec: OptimiseSpec,
    runs: u32,
    check_seed: u64,
    max_evaluations: u32,
    margin_standard_errors: f64,
    outcomes: Vec<Outcome>,
    /// Levers in the descent's order (most expensive range first).
    order: Vec<usize>,
    current: Vec<f64>,
    cache: HashMap<Vec<i64>, Evaluation>,
    phase: Phase,
    status: OptimiseStatus,
    evaluations: u32,
    runs_used: u64,
    check: Option<PlanCheck>,
    best: Option<(f64, Vec<f64>)>,
}

fn key(values: &[f64]) -> Vec<i64> {
    values.iter().map(|v| v.round() as i64).collect()
}

impl Optimiser {
    /// Checks the spec against the plan and plans the search.
    pub fn new(scenario: &Scenario, spec: &OptimiseSpec) -> Result<Optimiser, DecideError> {
        validate(scenario).map_err(DecideError::Invalid)?;
        if spec.targets.is_empty() {
            return Err(DecideError::NoTargets);
        }
        if spec.levers.is_empty() {
            return Err(DecideError::NoLevers);
        }
        for target in &spec.targets {
            target.check(scenario)?;
        }
        let runs = spec.runs.unwrap_or(scenario.runs);
        if runs == 0 {
            return Err(DecideError::NoRuns);
        }
        let mut spec = spec.clone();
        for i in 0..spec.levers.len() {
            let range = spec.levers[i].clone();
            let lever = range.lever;
            lever.check(scenario)?;
            if spec.levers[..i].iter().any(|r| r.lever == lever) {
                return Err(DecideError::DuplicateLever {
                    lever: lever.to_string(),
                });
            }
            let range = if range.min.is_nan() && range.max.is_nan() {
                LeverRange {
                    step: range.step,
                    ..LeverRange::default_for(lever, scenario)
                }
            } else {
                range
            };
            let (allowed_min, allowed_max) = lever.allowed();
            let ok = range.min.is_finite()
                && range.max.is_finite()
                && range.min == range.min.round()
                && range.max == range.max.round()
                && allowed_min <= range.min
                && range.min <= range.max
                && range.max <= allowed_max;
            if !ok {
                return Err(DecideError::BadBounds {
                    lever: lever.to_string(),
                    min: range.min,
                    max: range.max,
                    allowed_min,
                    allowed_max,
                });
            }
            if !(range.step.is_finite() && range.step >= 1.0 && range.step == range.step.round()) {
                return Err(DecideError::BadStep {
                    step: format!("{lever}/{}", range.step),
                });
            }
            match spec.costs.of(&lever) {
                Some(cost) if cost.is_finite() && cost >= 0.0 => {}
                _ => {
                    return Err(DecideError::MissingCost {
                        lever: lever.to_string(),
                    })
                }
            }
            spec.levers[i] = range;
        }
        let mut plan = scenario.clone();
        plan.runs = runs;
        let mut outcomes: Vec<Outcome> = Vec::new();
        for t in &spec.targets {
            if !outcomes.contains(&t.outcome) {
                outcomes.push(t.outcome.clone());
            }
        }
        let mut order: Vec<usize> = (0..spec.levers.len()).collect();
        let range_cost = |i: usize| {
            let r = &spec.levers[i];
            let unit = spec.costs.of(&r.lever).unwrap_or(0.0);
            unit * (r.lever.units_per_day(&plan, r.max) - r.lever.units_per_day(&plan, r.min))
        };
        order.sort_by(|&a, &b| range_cost(b).total_cmp(&range_cost(a)).then(a.cmp(&b)));
        let current = spec.levers.iter().map(|r| r.max).collect();
        let check_seed = spec.check_seed.unwrap_or(if scenario.seed >= MAX_SEED {
            0
        } else {
            scenario.seed + 1
        });
        let margin_standard_errors = spec
            .margin_standard_errors
            .unwrap_or(DEFAULT_MARGIN_STANDARD_ERRORS);
        if !(margin_standard_errors.is_finite() && margin_standard_errors >= 0.0) {
            return Err(DecideError::BadStep {
                step: format!("margin {margin_standard_errors} standard errors"),
            });
        }
        Ok(Optimiser {
            margin_standard_errors,
            max_evaluations: spec.max_evaluations.unwrap_or(DEFAULT_MAX_EVALUATIONS),
            plan,
            spec,
            runs,
            check_seed,
            outcomes,
            order,
            current,
            cache: HashMap::new(),
            phase: Phase::Ceiling,
            status: OptimiseStatus::Searching,
            evaluations: 0,
            runs_used: 0,
            check: None,
            best: None,
        })
    }

    /// The plan with the moving levers at `values`.
    fn scenario_at(&self, values: &[f64]) -> Result<Scenario, DecideError> {
        let mut scenario = self.plan.clone();
        for (range, &v) in self.spec.levers.iter().zip(values) {
            range
                .lever
                .set(&mut scenario, v)
                .map_err(|p| DecideError::Invalid(problem_at(&range.lever, p)))?;
        }
        Ok(scenario)
    }

    /// The point the search wants evaluated next (`None` when done).
    fn point(&self) -> Option<Vec<f64>> {
        match &self.phase {
            Phase::Ceiling => Some(self.current.clone()),
            Phase::Descent {
                position,
                stage,
                hi,
                ..
            } => {
                let i = self.order[*position];
                let range = &self.spec.levers[i];
                let probe = match stage {
                    Stage::StepBelow => (hi - range.step).max(range.min),
                    Stage::Minimum => range.min,
                    Stage::Bisect { lo } => mid(*lo, *hi, range.step),
                };
                let mut values = self.current.clone();
                values[i] = probe;
                Some(values)
            }
            Phase::Removals => self
                .removal_points()
                .into_iter()
                .find(|p| !self.cache.contains_key(&key(p))),
            Phase::Check => Some(self.current.clone()),
            Phase::Done => None,
        }
    }

    /// One step below each moved lever's value (levers above their minimum).
    fn removal_points(&self) -> Vec<Vec<f64>> {
        self.spec
            .levers
            .iter()
            .enumerate()
            .filter(|(i, r)| self.current[*i] > r.min)
            .map(|(i, r)| {
                let mut values = self.current.clone();
                values[i] = (values[i] - r.step).max(r.min);
                values
            })
            .collect()
    }

    /// The batch the search wants run next (`None` when done or stopped).
    pub fn pending(&self) -> Option<Request> {
        if !matches!(self.status, OptimiseStatus::Searching) {
            return None;
        }
        let values = self.point()?;
        let mut scenario = self.scenario_at(&values).ok()?;
        if self.phase == Phase::Check {
            scenario.seed = self.check_seed;
        }
        Some(Request {
            scenario,
            outcomes: self.outcomes.clone(),
        })
    }

    /// Runs the pending batch (pure; for a worker): one sample per outcome.
    pub fn evaluate(request: &Request) -> Result<Vec<Sample>, DecideError> {
        let batch = Batch::new(&request.scenario).map_err(DecideError::Invalid)?;
        let outcomes = batch.run_range(0..request.scenario.runs);
        Ok(request
            .outcomes
            .iter()
            .map(|o| Sample::of(&request.scenario, o, 0, &outcomes))
            .collect())
    }

    /// One evaluation; `Ok(false)` once the search is over.
    pub fn step(&mut self) -> Result<bool, DecideError> {
        let Some(request) = self.pending() else {
            return Ok(false);
        };
        let samples = Optimiser::evaluate(&request)?;
        self.record(&request, samples);
        Ok(self.pending().is_some())
    }

    /// Records the samples of [`Optimiser::pending`]'s request and moves the
    /// search on. Samples of another request (the search moved on, or the
    /// wrong outcomes or runs) are ignored (returns `false`).
    pub fn record(&mut self, request: &Request, samples: Vec<Sample>) -> bool {
        if self.pending().as_ref() != Some(request)
            || samples.len() != self.outcomes.len()
            || samples.iter().zip(&self.outcomes).any(|(s, o)| {
                &s.outcome != o || s.runs() != self.runs || s.seed != request.scenario.seed
            })
        {
            return false;
        }
        let checks: Vec<TargetCheck> = self
            .spec
            .targets
            .iter()
            .map(|t| {
                let sample = samples
                    .iter()
                    .find(|s| s.outcome == t.outcome)
                    .unwrap_or(&samples[0]);
                let value = sample.value();
                let margin = t.margin(value);
                let standard_error = sample.standard_error();
                TargetCheck {
                    target: t.clone(),
                    value,
                    margin,
                    met: margin >= 0.0,
                    standard_error,
                    confident: margin
                        >= self.margin_standard_errors * standard_error.unwrap_or(0.0),
                }
            })
            .collect();
        self.evaluations += 1;
        self.runs_used += u64::from(self.runs);
        if self.phase == Phase::Check {
            let all_met = checks.iter().all(|c| c.met);
            self.check = Some(PlanCheck {
                seed: self.check_seed,
                runs: self.runs,
                targets: checks,
                all_met,
            });
            self.phase = Phase::Done;
            self.status = OptimiseStatus::Found;
            return true;
        }
        let Some(values) = self.point() else {
            return false;
        };
        let evaluation = Evaluation { checks };
        let feasible = evaluation.feasible();
        if feasible {
            let cost = self.cost_of(&values);
            if self.best.as_ref().is_none_or(|(c, _)| cost < *c) {
                self.best = Some((cost, values.clone()));
            }
        }
        self.cache.insert(key(&values), evaluation);
        self.advance(feasible);
        if matches!(self.status, OptimiseStatus::Searching)
            && self.phase != Phase::Done
            && self.evaluations >= self.max_evaluations
        {
            self.status = OptimiseStatus::Stopped;
        }
        true
    }

    /// Moves the search on (after evaluating [`Optimiser::point`]),
    /// skipping points already evaluated.
    fn advance(&mut self, mut feasible: bool) {
        loop {
            match self.phase.clone() {
                Phase::Ceiling => {
                    if !feasible {
                        let unmet = self.cache[&key(&self.current)]
                            .checks
                            .iter()
                            .filter(|c| !c.confident)
                            .cloned()
                            .collect();
                        self.status = OptimiseStatus::Infeasible { unmet };
                        self.phase = Phase::Done;
                        return;
                    }
                    self.phase = self.start_lever(1, 0, false);
                }
                Phase::Descent {
                    pass,
                    position,
                    stage,
                    hi,
                    changed,
                } => {
                    let i = self.order[position];
                    let range = self.spec.levers[i].clone();
                    let probe = self.point().map_or(hi, |p| p[i]);
                    let next = match (stage, feasible) {
                        (Stage::StepBelow, false) => None,
                        (Stage::StepBelow, true) if probe <= range.min => None,
                        (Stage::StepBelow, true) => Some((Stage::Minimum, probe)),
                        (Stage::Minimum, true) => None,
                        (Stage::Minimum, false) => Some((Stage::Bisect { lo: probe }, hi)),
                        (Stage::Bisect { .. }, true) => Some((stage, probe)),
                        (Stage::Bisect { .. }, false) => Some((Stage::Bisect { lo: probe }, hi)),
                    };
                    // A bisection within a step is settled at its `hi`.
                    let next = next.filter(|(stage, hi)| match stage {
                        Stage::Bisect { lo } => hi - lo > range.step,
                        _ => true,
                    });
                    match next {
                        Some((stage, new_hi)) => {
                            self.phase = Phase::Descent {
                                pass,
                                position,
                                stage,
                                hi: new_hi,
                                changed,
                            };
                        }
                        None => {
                            let settled = match stage {
                                Stage::StepBelow | Stage::Minimum if feasible => probe,
                                Stage::Bisect { .. } if feasible => probe,
                                _ => hi,
                            };
                            let changed = changed || settled != self.current[i];
                            self.current[i] = settled;
                            self.phase = if position + 1 < self.order.len() {
                                self.start_lever(pass, position + 1, changed)
                            } else if changed && pass < MAX_PASSES {
                                self.start_lever(pass + 1, 0, false)
                            } else {
                                Phase::Removals
                            };
                        }
                    }
                }
                Phase::Removals => {}
                Phase::Check | Phase::Done => return,
            }
            if self.phase == Phase::Removals && self.point().is_none() {
                self.phase = Phase::Check;
                return;
            }
            // Skip points already evaluated (common in later passes).
            match self.point() {
                Some(p) if matches!(self.phase, Phase::Descent { .. }) => {
                    match self.cache.get(&key(&p)) {
                        Some(e) => feasible = e.feasible(),
                        None => return,
                    }
                }
                _ => return,
            }
        }
    }

    /// The descent's state at the start of lever `order[position]`; a lever
    /// already at its minimum is skipped.
    fn start_lever(&self, pass: u32, position: usize, changed: bool) -> Phase {
        Phase::Descent {
            pass,
            position,
            stage: if pass == 1 {
                Stage::Minimum
            } else {
                Stage::StepBelow
            },
            hi: self.current[self.order[position]],
            changed,
        }
    }

    /// Cost over the horizon of the moving levers at `values`.
    fn cost_of(&self, values: &[f64]) -> f64 {
        self.cost_per_day(values) * f64::from(self.plan.days)
    }

    fn cost_per_day(&self, values: &[f64]) -> f64 {
        self.spec
            .levers
            .iter()
            .zip(values)
            .map(|(r, &v)| {
                self.spec.costs.of(&r.lever).unwrap_or(0.0) * r.lever.units_per_day(&self.plan, v)
            })
            .sum()
    }

    /// Stops the search; [`Optimiser::result`] keeps the best plan so far.
    pub fn stop(&mut self) {
        if matches!(self.status, OptimiseStatus::Searching) {
            self.status = OptimiseStatus::Stopped;
        }
    }

    /// Whether the search is over (found, infeasible or stopped).
    pub fn is_finished(&self) -> bool {
        !matches!(self.status, OptimiseStatus::Searching)
    }

    /// Evaluations done so far.
    pub fn evaluations(&self) -> u32 {
        self.evaluations
    }

    /// The bound on evaluations (for a progress bar: the search usually
    /// ends well before).
    pub fn max_evaluations(&self) -> u32 {
        self.max_evaluations
    }

    /// The answer, or the best plan so far.
    pub fn result(&self) -> OptimiseResult {
        let shown: Vec<f64> = match (&self.status, &self.best) {
            (OptimiseStatus::Found, _) => self.current.clone(),
            (_, Some((_, best))) => best.clone(),
            _ => self.current.clone(),
        };
        let scenario = self
            .scenario_at(&shown)
            .unwrap_or_else(|_| self.plan.clone());
        let days = self.plan.days;
        let staffing: Vec<StaffingRow> = self
            .spec
            .levers
            .iter()
            .zip(&shown)
            .map(|(r, &value)| {
                let unit_cost = self.spec.costs.of(&r.lever).unwrap_or(0.0);
                let units_per_day = r.lever.units_per_day(&self.plan, value);
                StaffingRow {
                    lever: r.lever,
                    field: r.lever.field_id(),
                    unit: r.lever.def().unit,
                    start: r.lever.get(&self.plan).unwrap_or(0.0),
                    value,
                    min: r.min,
                    max: r.max,
                    units_per_day,
                    unit_cost,
                    cost: units_per_day * unit_cost * f64::from(days),
                }
            })
            .collect();
        let targets = self
            .cache
            .get(&key(&shown))
            .map(|e| e.checks.clone())
            .unwrap_or_default();
        let feasible_shown = !targets.is_empty() && targets.iter().all(|c| c.confident);
        let removals = if matches!(self.status, OptimiseStatus::Found) {
            self.removals()
        } else {
            Vec::new()
        };
        OptimiseResult {
            status: self.status.clone(),
            cost_per_day: self.cost_per_day(&shown),
            cost: self.cost_of(&shown),
            staffing,
            days,
            targets,
            check: self.check.clone(),
            removals,
            evaluations: self.evaluations,
            runs_used: self.runs_used,
            runs: self.runs,
            seed: self.plan.seed,
            margin_standard_errors: self.margin_standard_errors,
            plan: feasible_shown.then_some(scenario),
        }
    }

    fn removals(&self) -> Vec<RemovalNote> {
        self.spec
            .levers
            .iter()
            .enumerate()
            .map(|(i, r)| {
                if self.current[i] <= r.min {
                    return RemovalNote {
                        lever: r.lever,
                        value: self.current[i],
                        breaks: None,
                        reason: Some("at_minimum".into()),
                    };
                }
                let mut values = self.current.clone();
                values[i] = (values[i] - r.step).max(r.min);
                let evaluation = self.cache.get(&key(&values));
                RemovalNote {
                    lever: r.lever,
                    value: values[i],
                    breaks: evaluation
                        .and_then(|e| e.checks.iter().find(|c| !c.confident).cloned()),
                    reason: match evaluation {
                        None => Some("not_evaluated".into()),
                        Some(e) if e.feasible() => Some("still_meets".into()),
                        Some(_) => None,
                    },
                }
            })
            .collect()
    }
}

/// The midpoint of `lo..hi` on the grid of `step`s down from `hi`
/// (strictly between them when they are more than a step apart).
fn mid(lo: f64, hi: f64, step: f64) -> f64 {
    let steps = ((hi - lo) / step).floor();
    hi - (steps / 2.0).floor().max(1.0) * step
}

/// The whole search at once.
pub fn optimise(scenario: &Scenario, spec: &OptimiseSpec) -> Result<OptimiseResult, DecideError> {
    let mut optimiser = Optimiser::new(scenario, spec)?;
    while optimiser.step()? {}
    Ok(optimiser.result())
}
