//! The Decide view's state and its pure reducer: "which lever buys most"
//! (the tornado) and "size a plan to a target" (the optimiser).
//!
//! The forms keep what the planner typed, each number with what is wrong
//! with it (shown at the field by `crate::problems`); a computation starts
//! only from valid forms, as a [`Job`] the page's effect hands to the Web
//! Workers (`crate::decide_compute`). The workers' progress comes back as
//! actions; Stop keeps what is known so far (the tornado's bars done, the
//! optimiser's best plan). "Apply this plan" is the page's to do (it loads
//! the plan into the editor); the reducer keeps the plan it replaced, so
//! "Back to the previous plan" takes it back. Pure: tested natively.

use crate::fields::{parse_number, InputError};
use cordon_engine::decide::{
    Bound, Costs, Lever, LeverKind, LeverRange, OptimiseResult, OptimiseSpec, Outcome, OutcomeUnit,
    Step, Target, Tornado, TornadoSpec, LEVERS,
};
use cordon_engine::{Capacity, Problem, Scenario};
use std::collections::BTreeMap;

/// Which view the results column shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Results,
    Decide,
}

impl View {
    /// The other view (the switch has two).
    pub fn other(self) -> View {
        match self {
            View::Results => View::Decide,
            View::Decide => View::Results,
        }
    }
}

/// What a typed number may be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min: f64,
    pub max: f64,
    pub whole: bool,
}

impl Bounds {
    /// `text` as a number within these bounds ("95", "95%", "１２", "1.2万").
    pub fn parse(self, text: &str) -> Result<f64, InputError> {
        let value = parse_number(text.trim().trim_end_matches(['%', '％']))
            .ok_or(InputError::NotANumber)?;
        if value < self.min || value > self.max {
            return Err(InputError::Refused(Problem::OutOfRange {
                value,
                min: self.min,
                max: self.max,
            }));
        }
        if self.whole && value != value.trunc() {
            return Err(InputError::Refused(Problem::NotWhole { value }));
        }
        Ok(value)
    }
}

/// The tornado's step as typed: a percentage or a number of units.
pub fn step_bounds(kind: StepKind) -> Bounds {
    match kind {
        StepKind::Percent => Bounds {
            min: 1.0,
            max: 100.0,
            whole: false,
        },
        StepKind::Units => Bounds {
            min: 1.0,
            max: 1_000_000.0,
            whole: true,
        },
    }
}

/// A target's value as typed: percent for a share, infections, minutes.
pub fn target_bounds(outcome: &Outcome) -> Bounds {
    match outcome.unit() {
        OutcomeUnit::Share => Bounds {
            min: 0.0,
            max: 100.0,
            whole: false,
        },
        OutcomeUnit::Infections => Bounds {
            min: 0.0,
            max: 1e9,
            whole: false,
        },
        OutcomeUnit::Minutes => Bounds {
            min: 0.0,
            max: 10_000.0,
            whole: false,
        },
    }
}

/// A unit cost as typed.
pub const COST_BOUNDS: Bounds = Bounds {
    min: 0.0,
    max: 1e9,
    whole: false,
};

/// A lever's bound as typed: a whole number in the registry's range.
pub fn lever_bounds(lever: &Lever) -> Bounds {
    let (min, max) = lever.allowed();
    Bounds {
        min,
        max,
        whole: true,
    }
}

/// How far each lever moves in the tornado.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// ± a share of the lever's value.
    Percent,
    /// ± a number of people, rooms, tests a day or beds.
    Units,
}

/// The tornado's form.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoForm {
    pub outcome: Outcome,
    pub step_kind: StepKind,
    /// The step as typed (per kind, so switching keeps both).
    pub percent: String,
    pub units: String,
}

impl TornadoForm {
    /// The step's text for the kind chosen.
    pub fn step_text(&self) -> &str {
        match self.step_kind {
            StepKind::Percent => &self.percent,
            StepKind::Units => &self.units,
        }
    }

    /// What is wrong with the step.
    pub fn step_problem(&self) -> Option<InputError> {
        step_bounds(self.step_kind).parse(self.step_text()).err()
    }

    /// The engine's spec, when the form is valid.
    pub fn spec(&self) -> Option<TornadoSpec> {
        let value = step_bounds(self.step_kind).parse(self.step_text()).ok()?;
        Some(TornadoSpec {
            outcome: self.outcome.clone(),
            step: match self.step_kind {
                StepKind::Percent => Step::Percent(value),
                StepKind::Units => Step::Units(value as u32),
            },
            levers: Vec::new(),
            runs: None,
        })
    }
}

/// One target in the optimiser's form (keyed by the outcome's name).
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRow {
    pub on: bool,
    /// In display units: percent for a share.
    pub text: String,
}

/// One lever in the optimiser's form (keyed by the lever's name).
#[derive(Clone, Debug, PartialEq)]
pub struct LeverRow {
    pub allowed: bool,
    pub min: String,
    pub max: String,
}

/// The optimiser's form. Rows the planner has not touched take their
/// defaults from the plan ([`OptimiserForm::target`], [`OptimiserForm::lever`]).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct OptimiserForm {
    pub targets: BTreeMap<String, TargetRow>,
    pub levers: BTreeMap<String, LeverRow>,
    /// Unit costs by cost name (`room_day`).
    pub costs: BTreeMap<String, String>,
}

/// The outcomes a target may be set on, for a plan: the headline ones,
/// running out of each capacity a lever moves, and each checkpoint's wait.
pub fn target_outcomes(scenario: &Scenario) -> Vec<Outcome> {
    let capacities = [
        Capacity::QuarantineRooms,
        Capacity::Testing,
        Capacity::Tracing,
        Capacity::HospitalBeds,
        Capacity::GridWorkers,
    ];
    Outcome::all(scenario)
        .into_iter()
        .filter(|o| match o {
            Outcome::Exceeded(c) => capacities.contains(c),
            _ => true,
        })
        .collect()
}

/// The target's bound: at least for good news, at most for the rest.
pub fn bound_of(outcome: &Outcome, value: f64) -> Bound {
    match outcome.direction() {
        cordon_engine::decide::Direction::HigherIsBetter => Bound::AtLeast(value),
        cordon_engine::decide::Direction::LowerIsBetter => Bound::AtMost(value),
    }
}

/// What the form shows before the planner types: rooms running out in at
/// most 5 % of runs is on (the question planners ask first); the others
/// are off with a sensible value.
fn default_target(outcome: &Outcome) -> TargetRow {
    let (on, text) = match outcome {
        Outcome::Exceeded(Capacity::QuarantineRooms) => (true, "5"),
        Outcome::Exceeded(_) | Outcome::AnyExceeded => (false, "5"),
        Outcome::Contained => (false, "95"),
        Outcome::NoLocalTransmission => (false, "90"),
        Outcome::MeanLocalInfections => (false, "10"),
        Outcome::WaitP95 { .. } => (false, "30"),
    };
    TargetRow {
        on,
        text: text.into(),
    }
}

/// A default unit cost a day, in yuan (the planner types their own).
fn default_cost(name: &str) -> &'static str {
    match name {
        "checkpoint_staff_day" | "sampling_staff_day" => "300",
        "grid_worker_day" => "200",
        "room_day" => "150",
        "test" => "5",
        "tracer_day" => "400",
        "bed_day" => "1000",
        _ => "0",
    }
}

impl OptimiserForm {
    /// A target's row (its default when untouched).
    pub fn target(&self, outcome: &Outcome) -> TargetRow {
        self.targets
            .get(&outcome.to_string())
            .cloned()
            .unwrap_or_else(|| default_target(outcome))
    }

    /// A lever's row (its default when untouched: only quarantine rooms
    /// move, from 0 to twice the plan's value).
    pub fn lever(&self, lever: &Lever, scenario: &Scenario) -> LeverRow {
        self.levers
            .get(&lever.to_string())
            .cloned()
            .unwrap_or_else(|| {
                let range = LeverRange::default_for(*lever, scenario);
                LeverRow {
                    allowed: lever.kind == LeverKind::QuarantineRooms,
                    min: crate::fields::format_input(range.min),
                    max: crate::fields::format_input(range.max),
                }
            })
    }

    /// A unit cost's text.
    pub fn cost(&self, name: &str) -> String {
        self.costs
            .get(name)
            .cloned()
            .unwrap_or_else(|| default_cost(name).to_string())
    }

    /// What is wrong with a target's value (only checked when it is on).
    pub fn target_problem(&self, outcome: &Outcome) -> Option<InputError> {
        let row = self.target(outcome);
        if !row.on {
            return None;
        }
        target_bounds(outcome).parse(&row.text).err()
    }

    /// What is wrong with a lever's bounds: (min, max), when it may move.
    pub fn lever_problems(
        &self,
        lever: &Lever,
        scenario: &Scenario,
    ) -> (Option<InputError>, Option<InputError>) {
        let row = self.lever(lever, scenario);
        if !row.allowed {
            return (None, None);
        }
        let bounds = lever_bounds(lever);
        let min = bounds.parse(&row.min);
        let max = match (bounds.parse(&row.max), &min) {
            (Ok(max), Ok(min)) if max < *min => Err(InputError::Refused(Problem::OutOfRange {
                value: max,
                min: *min,
                max: bounds.max,
            })),
            (other, _) => other,
        };
        (min.err(), max.err())
    }

    /// What is wrong with a unit cost (only checked when a lever it
    /// prices may move).
    pub fn cost_problem(&self, name: &str, scenario: &Scenario) -> Option<InputError> {
        let used = Lever::all(scenario)
            .iter()
            .any(|l| l.def().cost_name == name && self.lever(l, scenario).allowed);
        if !used {
            return None;
        }
        COST_BOUNDS.parse(&self.cost(name)).err()
    }

    /// The engine's spec, or why there is none: [`FormGap`].
    pub fn spec(&self, scenario: &Scenario) -> Result<OptimiseSpec, FormGap> {
        let mut targets = Vec::new();
        let mut invalid = false;
        for outcome in target_outcomes(scenario) {
            let row = self.target(&outcome);
            if !row.on {
                continue;
            }
            match target_bounds(&outcome).parse(&row.text) {
                Ok(value) => {
                    let value = match outcome.unit() {
                        OutcomeUnit::Share => value / 100.0,
                        _ => value,
                    };
                    targets.push(Target {
                        bound: bound_of(&outcome, value),
                        outcome,
                    });
                }
                Err(_) => invalid = true,
            }
        }
        let mut levers = Vec::new();
        let mut costs = Costs::default();
        for lever in Lever::all(scenario) {
            let row = self.lever(&lever, scenario);
            if !row.allowed {
                continue;
            }
            let bounds = lever_bounds(&lever);
            let name = lever.def().cost_name;
            match (
                bounds.parse(&row.min),
                bounds.parse(&row.max),
                COST_BOUNDS.parse(&self.cost(name)),
            ) {
                (Ok(min), Ok(max), Ok(cost)) if min <= max => {
                    levers.push(LeverRange {
                        lever,
                        min,
                        max,
                        step: 1.0,
                    });
                    costs.0.insert(name.to_string(), cost);
                }
                _ => invalid = true,
            }
        }
        if invalid {
            return Err(FormGap::Invalid);
        }
        if targets.is_empty() {
            return Err(FormGap::NoTargets);
        }
        if levers.is_empty() {
            return Err(FormGap::NoLevers);
        }
        Ok(OptimiseSpec {
            targets,
            costs,
            levers,
            runs: None,
            check_seed: None,
            max_evaluations: None,
            margin_standard_errors: None,
        })
    }
}

/// Why the optimiser's form cannot start a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormGap {
    /// A value is refused (shown at its field).
    Invalid,
    NoTargets,
    NoLevers,
}

/// Where a computation stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Run<R> {
    /// Nothing asked yet.
    Idle,
    /// Under way, with what is known so far.
    Running {
        job: u64,
        partial: Option<R>,
        elapsed_ms: f64,
    },
    /// Finished, or stopped (`stopped`) with what was known then.
    Done {
        result: R,
        stopped: bool,
        elapsed_ms: f64,
    },
    /// Stopped before anything was known.
    Stopped,
    /// The engine refused the question, or the workers failed (a message
    /// in the reader's language, or the engine's).
    Failed(String),
}

impl<R> Run<R> {
    pub fn running(&self) -> bool {
        matches!(self, Run::Running { .. })
    }

    pub fn job(&self) -> Option<u64> {
        match self {
            Run::Running { job, .. } => Some(*job),
            _ => None,
        }
    }

    /// What is known: the result, or the running one's so far.
    pub fn known(&self) -> Option<&R> {
        match self {
            Run::Running { partial, .. } => partial.as_ref(),
            Run::Done { result, .. } => Some(result),
            _ => None,
        }
    }

    /// Time taken so far.
    pub fn elapsed_ms(&self) -> f64 {
        match self {
            Run::Running { elapsed_ms, .. } | Run::Done { elapsed_ms, .. } => *elapsed_ms,
            _ => 0.0,
        }
    }

    fn progress(&mut self, at: u64, result: R, ms: f64) {
        if let Run::Running {
            job,
            partial,
            elapsed_ms,
        } = self
        {
            if *job == at {
                *partial = Some(result);
                *elapsed_ms = ms;
            }
        }
    }

    fn finish(&mut self, at: u64, result: R, ms: f64) {
        if self.job() == Some(at) {
            *self = Run::Done {
                result,
                stopped: false,
                elapsed_ms: ms,
            };
        }
    }

    fn fail(&mut self, at: u64, message: String) {
        if self.job() == Some(at) {
            *self = Run::Failed(message);
        }
    }

    fn stop(&mut self) {
        if let Run::Running {
            partial,
            elapsed_ms,
            ..
        } = self
        {
            *self = match partial.take() {
                Some(result) => Run::Done {
                    result,
                    stopped: true,
                    elapsed_ms: *elapsed_ms,
                },
                None => Run::Stopped,
            };
        }
    }
}

/// A computation for the workers.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub id: u64,
    pub scenario: Scenario,
    pub work: Work,
}

/// What a [`Job`] computes.
#[derive(Clone, Debug, PartialEq)]
pub enum Work {
    Tornado(TornadoSpec),
    Optimise(OptimiseSpec),
}

/// The Decide view's state.
#[derive(Clone, Debug, PartialEq)]
pub struct DecideState {
    pub view: View,
    pub tornado_form: TornadoForm,
    pub tornado: Run<Tornado>,
    /// The plan the tornado is (or was) for.
    pub tornado_plan: Option<Scenario>,
    pub optimiser_form: OptimiserForm,
    pub optimiser: Run<OptimiseResult>,
    /// The plan the search is (or was) for.
    pub optimiser_plan: Option<Scenario>,
    /// Why the optimiser's form cannot start (after Run was pressed).
    pub form_gap: Option<FormGap>,
    /// The plan an applied answer replaced.
    pub before_apply: Option<Scenario>,
    /// The computation the workers should be doing.
    pub job: Option<Job>,
    next_job: u64,
}

impl Default for DecideState {
    fn default() -> DecideState {
        DecideState {
            view: View::Results,
            tornado_form: TornadoForm {
                outcome: Outcome::Contained,
                step_kind: StepKind::Percent,
                percent: "20".into(),
                units: "10".into(),
            },
            tornado: Run::Idle,
            tornado_plan: None,
            optimiser_form: OptimiserForm::default(),
            optimiser: Run::Idle,
            optimiser_plan: None,
            form_gap: None,
            before_apply: None,
            job: None,
            next_job: 1,
        }
    }
}

/// Everything that can happen in the Decide view.
#[derive(Clone, Debug, PartialEq)]
pub enum DecideAction {
    Show(View),
    TornadoOutcome(Outcome),
    TornadoStepKind(StepKind),
    TornadoStep(String),
    /// Run the tornado for this plan.
    RunTornado(Box<Scenario>),
    /// A target's row changed (the outcome's name, the whole row).
    SetTarget {
        outcome: String,
        row: TargetRow,
    },
    /// A lever's row changed (the lever's name, the whole row).
    SetLever {
        lever: String,
        row: LeverRow,
    },
    /// A unit cost typed (the cost's name).
    Cost {
        name: String,
        text: String,
    },
    /// Search for this plan.
    RunOptimiser(Box<Scenario>),
    /// Stop whatever is running (what is known stays).
    Stop,
    TornadoProgress {
        job: u64,
        tornado: Box<Tornado>,
        elapsed_ms: f64,
    },
    TornadoDone {
        job: u64,
        tornado: Box<Tornado>,
        elapsed_ms: f64,
    },
    OptimiserProgress {
        job: u64,
        result: Box<OptimiseResult>,
        elapsed_ms: f64,
    },
    OptimiserDone {
        job: u64,
        result: Box<OptimiseResult>,
        elapsed_ms: f64,
    },
    Failed {
        job: u64,
        message: String,
    },
    /// The answer was loaded into the editor, replacing this plan.
    Applied(Box<Scenario>),
    /// The previous plan was loaded back.
    Restored,
}

impl DecideState {
    /// Whether the workers have Decide work.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    fn start(&mut self, scenario: Scenario, work: Work) -> u64 {
        // One computation at a time: a new one stops the other.
        self.tornado.stop();
        self.optimiser.stop();
        let id = self.next_job;
        self.next_job += 1;
        self.job = Some(Job { id, scenario, work });
        id
    }
}

/// The next state after an action (pure).
pub fn reduce(state: &DecideState, action: DecideAction) -> DecideState {
    let mut next = state.clone();
    let job = state.job.as_ref().map(|j| j.id);
    match action {
        DecideAction::Show(view) => next.view = view,
        DecideAction::TornadoOutcome(outcome) => next.tornado_form.outcome = outcome,
        DecideAction::TornadoStepKind(kind) => next.tornado_form.step_kind = kind,
        DecideAction::TornadoStep(text) => match next.tornado_form.step_kind {
            StepKind::Percent => next.tornado_form.percent = text,
            StepKind::Units => next.tornado_form.units = text,
        },
        DecideAction::RunTornado(scenario) => {
            if let Some(spec) = next.tornado_form.spec() {
                let id = next.start((*scenario).clone(), Work::Tornado(spec));
                next.tornado = Run::Running {
                    job: id,
                    partial: None,
                    elapsed_ms: 0.0,
                };
                next.tornado_plan = Some(*scenario);
            }
        }
        DecideAction::SetTarget { outcome, row } => {
            next.optimiser_form.targets.insert(outcome, row);
            next.form_gap = None;
        }
        DecideAction::SetLever { lever, row } => {
            next.optimiser_form.levers.insert(lever, row);
            next.form_gap = None;
        }
        DecideAction::Cost { name, text } => {
            next.optimiser_form.costs.insert(name, text);
        }
        DecideAction::RunOptimiser(scenario) => match next.optimiser_form.spec(&scenario) {
            Ok(spec) => {
                next.form_gap = None;
                let id = next.start((*scenario).clone(), Work::Optimise(spec));
                next.optimiser = Run::Running {
                    job: id,
                    partial: None,
                    elapsed_ms: 0.0,
                };
                next.optimiser_plan = Some(*scenario);
            }
            Err(gap) => next.form_gap = Some(gap),
        },
        DecideAction::Stop => {
            next.tornado.stop();
            next.optimiser.stop();
            next.job = None;
        }
        DecideAction::TornadoProgress {
            job: at,
            tornado,
            elapsed_ms,
        } => next.tornado.progress(at, *tornado, elapsed_ms),
        DecideAction::TornadoDone {
            job: at,
            tornado,
            elapsed_ms,
        } => {
            next.tornado.finish(at, *tornado, elapsed_ms);
            if job == Some(at) {
                next.job = None;
            }
        }
        DecideAction::OptimiserProgress {
            job: at,
            result,
            elapsed_ms,
        } => next.optimiser.progress(at, *result, elapsed_ms),
        DecideAction::OptimiserDone {
            job: at,
            result,
            elapsed_ms,
        } => {
            next.optimiser.finish(at, *result, elapsed_ms);
            if job == Some(at) {
                next.job = None;
            }
        }
        DecideAction::Failed { job: at, message } => {
            next.tornado.fail(at, message.clone());
            next.optimiser.fail(at, message);
            if job == Some(at) {
                next.job = None;
            }
        }
        DecideAction::Applied(previous) => next.before_apply = Some(*previous),
        DecideAction::Restored => next.before_apply = None,
    }
    next
}

/// Every cost name, in lever order (checkpoint staff's once).
pub fn cost_names() -> Vec<&'static str> {
    LEVERS.iter().map(|d| d.cost_name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::decide::{OptimiseStatus, TornadoRun};

    fn plan() -> Scenario {
        Scenario {
            runs: 20,
            days: 40,
            ..Scenario::default()
        }
    }

    #[test]
    fn the_view_switches_both_ways() {
        let s = reduce(&DecideState::default(), DecideAction::Show(View::Decide));
        assert_eq!(s.view, View::Decide);
        assert_eq!(s.view.other(), View::Results);
    }

    #[test]
    fn a_refused_step_is_shown_and_starts_nothing() {
        let s = reduce(
            &DecideState::default(),
            DecideAction::TornadoStep("150".into()),
        );
        assert_eq!(
            s.tornado_form.step_problem(),
            Some(InputError::Refused(Problem::OutOfRange {
                value: 150.0,
                min: 1.0,
                max: 100.0
            }))
        );
        let s = reduce(&s, DecideAction::RunTornado(Box::new(plan())));
        assert!(s.job.is_none());
        assert_eq!(s.tornado, Run::Idle);
        // Units keep their own text; full-width digits read.
        let s = reduce(&s, DecideAction::TornadoStepKind(StepKind::Units));
        let s = reduce(&s, DecideAction::TornadoStep("５０".into()));
        assert_eq!(s.tornado_form.spec().unwrap().step, Step::Units(50));
        assert_eq!(s.tornado_form.percent, "150");
        let s = reduce(&s, DecideAction::TornadoStep("2.5".into()));
        assert!(matches!(
            s.tornado_form.step_problem(),
            Some(InputError::Refused(Problem::NotWhole { .. }))
        ));
    }

    #[test]
    fn the_tornado_runs_shows_progress_and_stop_keeps_the_bars_done() {
        let s = reduce(
            &DecideState::default(),
            DecideAction::RunTornado(Box::new(plan())),
        );
        let job = s.job.clone().unwrap();
        assert!(s.tornado.running());
        let Work::Tornado(spec) = &job.work else {
            panic!("a tornado job")
        };
        assert_eq!(spec.step, Step::Percent(20.0));
        let mut run = TornadoRun::new(&job.scenario, spec).unwrap();
        run.step().unwrap();
        run.step().unwrap();
        let partial = run.result();
        // Progress for another job is ignored.
        let ignored = reduce(
            &s,
            DecideAction::TornadoProgress {
                job: job.id + 7,
                tornado: Box::new(partial.clone()),
                elapsed_ms: 5.0,
            },
        );
        assert_eq!(ignored.tornado.known(), None);
        let s = reduce(
            &s,
            DecideAction::TornadoProgress {
                job: job.id,
                tornado: Box::new(partial.clone()),
                elapsed_ms: 50.0,
            },
        );
        assert_eq!(s.tornado.known().map(|t| t.done), Some(2));
        let stopped = reduce(&s, DecideAction::Stop);
        assert!(stopped.job.is_none(), "the workers are released");
        assert_eq!(
            stopped.tornado,
            Run::Done {
                result: partial,
                stopped: true,
                elapsed_ms: 50.0
            }
        );
        // A late answer of the stopped job changes nothing.
        let late = reduce(
            &stopped,
            DecideAction::TornadoDone {
                job: job.id,
                tornado: Box::new(run.result()),
                elapsed_ms: 80.0,
            },
        );
        assert_eq!(late.tornado, stopped.tornado);
    }

    #[test]
    fn the_default_question_is_rooms_running_out_in_at_most_5_percent() {
        let s = DecideState::default();
        let spec = s.optimiser_form.spec(&plan()).unwrap();
        assert_eq!(spec.targets.len(), 1);
        assert_eq!(
            spec.targets[0].to_string(),
            "p_exceeded.quarantine_rooms<=5%"
        );
        assert_eq!(spec.levers.len(), 1);
        assert_eq!(
            spec.levers[0].lever,
            Lever::city(LeverKind::QuarantineRooms)
        );
        assert_eq!((spec.levers[0].min, spec.levers[0].max), (0.0, 7_390.0));
        assert_eq!(spec.costs.0.get("room_day"), Some(&150.0));
    }

    #[test]
    fn bad_optimiser_values_are_refused_at_their_field() {
        let scenario = plan();
        let rooms = Lever::city(LeverKind::QuarantineRooms);
        let mut s = DecideState::default();
        let mut row = s.optimiser_form.lever(&rooms, &scenario);
        row.min = "5000".into();
        row.max = "4000".into();
        s = reduce(
            &s,
            DecideAction::SetLever {
                lever: rooms.to_string(),
                row,
            },
        );
        let (min, max) = s.optimiser_form.lever_problems(&rooms, &scenario);
        assert_eq!(min, None);
        assert_eq!(
            max,
            Some(InputError::Refused(Problem::OutOfRange {
                value: 4000.0,
                min: 5000.0,
                max: 10_000_000.0
            }))
        );
        s = reduce(
            &s,
            DecideAction::Cost {
                name: "room_day".into(),
                text: "-3".into(),
            },
        );
        assert!(s
            .optimiser_form
            .cost_problem("room_day", &scenario)
            .is_some());
        assert_eq!(s.optimiser_form.cost_problem("bed_day", &scenario), None);
        let target = Outcome::Contained;
        s = reduce(
            &s,
            DecideAction::SetTarget {
                outcome: target.to_string(),
                row: TargetRow {
                    on: true,
                    text: "abc".into(),
                },
            },
        );
        assert_eq!(
            s.optimiser_form.target_problem(&target),
            Some(InputError::NotANumber)
        );
        let s = reduce(&s, DecideAction::RunOptimiser(Box::new(scenario.clone())));
        assert_eq!(s.form_gap, Some(FormGap::Invalid));
        assert!(s.job.is_none());
    }

    #[test]
    fn a_search_needs_a_target_and_a_lever() {
        let scenario = plan();
        let rooms = Outcome::Exceeded(Capacity::QuarantineRooms);
        let s = reduce(
            &DecideState::default(),
            DecideAction::SetTarget {
                outcome: rooms.to_string(),
                row: TargetRow {
                    on: false,
                    text: "5".into(),
                },
            },
        );
        let s = reduce(&s, DecideAction::RunOptimiser(Box::new(scenario.clone())));
        assert_eq!(s.form_gap, Some(FormGap::NoTargets));
        let lever = Lever::city(LeverKind::QuarantineRooms);
        let mut row = DecideState::default()
            .optimiser_form
            .lever(&lever, &scenario);
        row.allowed = false;
        let s = reduce(
            &DecideState::default(),
            DecideAction::SetLever {
                lever: lever.to_string(),
                row,
            },
        );
        let s = reduce(&s, DecideAction::RunOptimiser(Box::new(scenario)));
        assert_eq!(s.form_gap, Some(FormGap::NoLevers));
    }

    #[test]
    fn a_search_runs_a_new_one_stops_the_tornado_and_apply_can_be_undone() {
        let scenario = plan();
        let s = reduce(
            &DecideState::default(),
            DecideAction::RunTornado(Box::new(scenario.clone())),
        );
        let s = reduce(&s, DecideAction::RunOptimiser(Box::new(scenario.clone())));
        assert_eq!(s.tornado, Run::Stopped, "one computation at a time");
        let job = s.job.clone().unwrap();
        let Work::Optimise(spec) = &job.work else {
            panic!("a search")
        };
        let mut optimiser = cordon_engine::decide::Optimiser::new(&scenario, spec).unwrap();
        while optimiser.step().unwrap() {}
        let result = optimiser.result();
        assert_eq!(result.status, OptimiseStatus::Found);
        let s = reduce(
            &s,
            DecideAction::OptimiserDone {
                job: job.id,
                result: Box::new(result.clone()),
                elapsed_ms: 900.0,
            },
        );
        assert!(s.job.is_none());
        assert_eq!(s.optimiser.known(), Some(&result));
        assert_eq!(s.optimiser.elapsed_ms(), 900.0);
        let s = reduce(&s, DecideAction::Applied(Box::new(scenario.clone())));
        assert_eq!(s.before_apply, Some(scenario));
        let s = reduce(&s, DecideAction::Restored);
        assert_eq!(s.before_apply, None);
    }

    #[test]
    fn a_failure_is_kept_for_its_job_only() {
        let s = reduce(
            &DecideState::default(),
            DecideAction::RunTornado(Box::new(plan())),
        );
        let id = s.job.as_ref().unwrap().id;
        let other = reduce(
            &s,
            DecideAction::Failed {
                job: id + 1,
                message: "x".into(),
            },
        );
        assert!(other.tornado.running());
        let failed = reduce(
            &s,
            DecideAction::Failed {
                job: id,
                message: "x".into(),
            },
        );
        assert_eq!(failed.tornado, Run::Failed("x".into()));
        assert!(failed.job.is_none());
    }
}
