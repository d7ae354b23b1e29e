//! Playing an exercise: one line (the main line or a branch) of one
//! realisation, a day at a time, on [`Simulation::step`] and
//! [`Simulation::apply`]. Each day gives a [`DayReport`]: what the command
//! centre knows ([`RoomView`]), the truth ([`TruthView`]), and the injects
//! and decisions that took effect.
//!
//! **Order.** The injects and decisions of a line are put in a canonical
//! order first (by day, then by content), so a line replays bit for bit
//! whatever order they were entered in: at the start of day `d` the changes
//! due that day are applied — the injects' (including the later parts of
//! earlier injects, such as staff coming back), then the decisions' — and
//! the day is simulated. A decision on day `d` therefore changes nothing
//! before day `d`.
//!
//! **Counterfactual.** [`Player::counterfactual`] plays the same line with
//! the same injects and no decisions: what the decisions bought.
//!
//! **Which realisation.** [`pick_run`]: a given run index, one drawn from a
//! seed, or a bad one (from the worst decile of the batch by local
//! infections, deterministic: [`bad_run`]).

use super::check::{validate_exercise, ExerciseErrors};
use super::exercise::{Decision, Exercise, Line, ScheduledInject};
use crate::montecarlo::Batch;
use crate::scenario::Scenario;
use crate::sim::{DayValues, Series, Simulation};
use crate::timeline::{Change, TimelineEvent};
use crate::validate::{FieldError, Problem, ValidationErrors};
use serde::{Deserialize, Serialize};

/// One day of a line: what the room knows, the truth, and what happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayReport {
    /// Day, from 1.
    pub day: u32,
    /// What the command centre knows at the end of the day.
    pub room: RoomView,
    /// What really happened (the facilitator's view; revealed at will).
    pub truth: TruthView,
    /// Injects that reached the room this day (canonical order).
    pub injects: Vec<ScheduledInject>,
    /// Decisions that took effect this day (canonical order).
    pub decisions: Vec<Decision>,
}

/// What the command centre would know at the end of a day. Capacities of
/// unlimited resources are `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomView {
    /// Cases detected this day (imported and local).
    pub detected_new: f32,
    /// Of which infections acquired in the city.
    pub detected_local_new: f32,
    /// Cases detected so far.
    pub detected_total: f32,
    /// Centralised quarantine rooms occupied.
    pub rooms_occupied: f32,
    /// Rooms needed (occupied plus people who should be in one: above the
    /// capacity, the people sent home instead).
    pub rooms_needed: f32,
    /// Rooms available.
    pub rooms_capacity: Option<f32>,
    /// People in home quarantine.
    pub home_quarantine: f32,
    /// Designated-hospital beds occupied.
    pub beds_occupied: f32,
    /// Beds needed (occupied plus cases turned away).
    pub beds_needed: f32,
    /// Beds available.
    pub beds_capacity: Option<f32>,
    /// Laboratory tubes needed this day (a population-wide round counted on
    /// its first day).
    pub tests_needed: f32,
    /// Laboratory tubes processed this day.
    pub tests_done: f32,
    /// Tubes the laboratories could process this day.
    pub tests_capacity: Option<f32>,
    /// Tubes waiting at the end of the day.
    pub test_backlog: f32,
    /// Detected cases waiting for the tracers.
    pub tracing_backlog: f32,
    /// Cases the tracers can investigate per day.
    pub tracing_capacity: Option<f32>,
    /// Longest checkpoint queue, travellers.
    pub checkpoint_queue: f32,
    /// Mean wait at the checkpoints, minutes.
    pub checkpoint_wait_minutes: f32,
    /// Grid workers' reports: visits needed to watch home quarantine as a
    /// share of the visits they can make (`None`: no grid workers left).
    pub grid_utilisation: Option<f32>,
    /// Zones in force.
    pub zones_active: bool,
    /// Population-wide testing rounds still to come.
    pub mass_rounds_pending: u32,
}

/// The truth at the end of a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthView {
    /// Infected travellers who arrived this day.
    pub imported_new: f32,
    /// Of whom entered the community unnoticed.
    pub imported_unnoticed_new: f32,
    /// New infections in the city this day (transmission and local seeds
    /// such as a cold-chain positive).
    pub local_new: f32,
    /// Infected travellers so far.
    pub imported_total: f32,
    /// Infections in the city so far.
    pub local_total: f32,
    /// All infections so far.
    pub infections_total: u32,
    /// Infections not (yet) detected.
    pub undetected_total: u32,
    /// Infected people at large now (neither isolated nor quarantined).
    pub infectious_at_large: u32,
}

/// Plays one line of an exercise a day at a time.
#[derive(Clone, Debug)]
pub struct Player {
    sim: Simulation,
    /// Timeline changes due at the start of each day (index: day − 1).
    due: Vec<Vec<Change>>,
    /// Injects reaching the room each day.
    injects: Vec<Vec<ScheduledInject>>,
    /// Decisions taking effect each day.
    decisions: Vec<Vec<Decision>>,
}

/// A canonical sort key: the entry's JSON.
fn key<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn no_such_line(line: Line, branches: usize) -> ExerciseErrors {
    let Line::Branch(index) = line else {
        return ValidationErrors(Vec::new());
    };
    ValidationErrors(vec![FieldError {
        path: "branches".into(),
        problem: Problem::OutOfRange {
            value: f64::from(index),
            min: 0.0,
            max: branches as f64 - 1.0,
        },
    }])
}

/// Puts a line's entries in the order they are applied: by day, then by
/// content (so the order they were entered in does not matter).
fn canonical_order(injects: &mut [ScheduledInject], decisions: &mut [Decision]) {
    injects.sort_by_cached_key(|i| (i.day, key(&i.inject), i.fired));
    decisions.sort_by_cached_key(|d| (d.day, key(&d.change), d.department, d.note.clone()));
}

/// The scenario of a line: the exercise's scenario with the line's injects
/// and decisions in its timeline (engine days, from 0), in the order a
/// [`Player`] applies them. Run `exercise.run` of it is the line played to
/// the end; a Monte Carlo batch of it is the ensemble of every realisation
/// with the same injects and decisions (for the after-action report). `None`
/// for a branch that does not exist.
pub fn line_scenario(exercise: &Exercise, line: Line) -> Option<Scenario> {
    let (mut injects, mut decisions) = exercise.line_events(line)?;
    canonical_order(&mut injects, &mut decisions);
    let mut scenario = exercise.scenario.clone();
    let mut added = Vec::new();
    for inject in &injects {
        for (offset, change) in inject.inject.changes() {
            let day = inject.day.saturating_sub(1).saturating_add(offset);
            added.push(TimelineEvent { day, change });
        }
    }
    for decision in decisions {
        let day = decision.day.saturating_sub(1);
        added.push(TimelineEvent {
            day,
            change: decision.change,
        });
    }
    // Stable: within a day, the order of application.
    added.sort_by_key(|e| e.day);
    let days = scenario.days;
    scenario
        .timeline
        .extend(added.into_iter().filter(|e| e.day < days));
    Some(scenario)
}

impl Player {
    /// Starts a line of a (validated here) exercise at day 1.
    pub fn new(exercise: &Exercise, line: Line) -> Result<Player, ExerciseErrors> {
        validate_exercise(exercise)?;
        let (injects, decisions) = exercise
            .line_events(line)
            .ok_or_else(|| no_such_line(line, exercise.branches.len()))?;
        Player::start(&exercise.scenario, exercise.run, injects, decisions)
    }

    /// Starts the counterfactual of a line: the same realisation and
    /// injects, no decisions.
    pub fn counterfactual(exercise: &Exercise, line: Line) -> Result<Player, ExerciseErrors> {
        validate_exercise(exercise)?;
        let (injects, _) = exercise
            .line_events(line)
            .ok_or_else(|| no_such_line(line, exercise.branches.len()))?;
        Player::start(&exercise.scenario, exercise.run, injects, Vec::new())
    }

    fn start(
        scenario: &Scenario,
        run: u32,
        mut injects: Vec<ScheduledInject>,
        mut decisions: Vec<Decision>,
    ) -> Result<Player, ExerciseErrors> {
        let sim = Simulation::new(scenario, run)?;
        let days = scenario.days as usize;
        canonical_order(&mut injects, &mut decisions);
        let mut player = Player {
            sim,
            due: vec![Vec::new(); days],
            injects: vec![Vec::new(); days],
            decisions: vec![Vec::new(); days],
        };
        for inject in injects {
            let start = inject.day.saturating_sub(1) as usize;
            for (offset, change) in inject.inject.changes() {
                if let Some(list) = player.due.get_mut(start + offset as usize) {
                    list.push(change);
                }
            }
            if let Some(list) = player.injects.get_mut(start) {
                list.push(inject);
            }
        }
        for decision in decisions {
            let start = decision.day.saturating_sub(1) as usize;
            if let Some(list) = player.due.get_mut(start) {
                list.push(decision.change.clone());
            }
            if let Some(list) = player.decisions.get_mut(start) {
                list.push(decision);
            }
        }
        Ok(player)
    }

    /// The next day to be played, from 1 (the scenario's days + 1 when
    /// finished).
    pub fn next_day(&self) -> u32 {
        self.sim.day() + 1
    }

    /// The simulation as it stands (its scenario has the line's changes so
    /// far in its timeline).
    pub fn simulation(&self) -> &Simulation {
        &self.sim
    }

    /// Plays the next day; `None` once the horizon is reached.
    pub fn step(&mut self) -> Option<DayReport> {
        if self.sim.finished() {
            return None;
        }
        let index = self.sim.day() as usize;
        for change in std::mem::take(&mut self.due[index]) {
            // Checked with the exercise; a change the engine still refuses
            // (none should) is skipped rather than stopping the exercise.
            let _ = self.sim.apply(change);
        }
        self.sim.step();
        let values = self.sim.daily().last()?;
        Some(DayReport {
            day: index as u32 + 1,
            room: room_view(values, &self.sim),
            truth: truth_view(values, &self.sim),
            injects: std::mem::take(&mut self.injects[index]),
            decisions: std::mem::take(&mut self.decisions[index]),
        })
    }

    /// Plays on to day `to_day` (from 1; at most the horizon) and returns
    /// the days played.
    pub fn play_to(&mut self, to_day: u32) -> Vec<DayReport> {
        let mut days = Vec::new();
        while self.sim.day() < to_day {
            match self.step() {
                Some(report) => days.push(report),
                None => break,
            }
        }
        days
    }
}

fn capacity(value: f32) -> Option<f32> {
    value.is_finite().then_some(value)
}

fn room_view(v: &DayValues, sim: &Simulation) -> RoomView {
    let get = |s: Series| v[s.index()];
    let state = sim.state();
    RoomView {
        detected_new: get(Series::DetectedImported) + get(Series::DetectedLocal),
        detected_local_new: get(Series::DetectedLocal),
        detected_total: get(Series::CumulativeDetected),
        rooms_occupied: get(Series::RoomsOccupied),
        rooms_needed: get(Series::RoomsNeeded),
        rooms_capacity: capacity(get(Series::RoomsCapacity)),
        home_quarantine: get(Series::HomeQuarantine),
        beds_occupied: get(Series::BedsOccupied),
        beds_needed: get(Series::BedsNeeded),
        beds_capacity: capacity(get(Series::BedsCapacity)),
        tests_needed: get(Series::TestsNeeded),
        tests_done: get(Series::TestsDone),
        tests_capacity: capacity(get(Series::TestsCapacity)),
        test_backlog: get(Series::TestBacklog),
        tracing_backlog: get(Series::TracingBacklog),
        tracing_capacity: capacity(get(Series::TracingCapacity)),
        checkpoint_queue: get(Series::CheckpointQueue),
        checkpoint_wait_minutes: get(Series::CheckpointWait),
        grid_utilisation: capacity(get(Series::GridUtilisation)),
        zones_active: get(Series::ZonesActive) > 0.0,
        mass_rounds_pending: state.mass_rounds_pending,
    }
}

fn truth_view(v: &DayValues, sim: &Simulation) -> TruthView {
    let get = |s: Series| v[s.index()];
    let state = sim.state();
    TruthView {
        imported_new: get(Series::ImportedInfections),
        imported_unnoticed_new: get(Series::ImportedUnnoticed),
        local_new: get(Series::LocalInfections),
        imported_total: get(Series::CumulativeImported),
        local_total: get(Series::CumulativeLocal),
        infections_total: state.total_infections,
        undetected_total: state.total_infections.saturating_sub(state.detected),
        infectious_at_large: state.infectious_at_large,
    }
}

/// Plays a line of an exercise from day 1 to `to_day` (from 1; at most the
/// scenario's horizon).
pub fn replay(
    exercise: &Exercise,
    line: Line,
    to_day: u32,
) -> Result<Vec<DayReport>, ExerciseErrors> {
    Ok(Player::new(exercise, line)?.play_to(to_day))
}

/// The counterfactual of a line from day 1 to `to_day`: the same
/// realisation and injects, no decisions.
pub fn counterfactual(
    exercise: &Exercise,
    line: Line,
    to_day: u32,
) -> Result<Vec<DayReport>, ExerciseErrors> {
    Ok(Player::counterfactual(exercise, line)?.play_to(to_day))
}

/// A day as one line of JSON (no line break), as `cordon drill replay`
/// prints it.
pub fn day_json(report: &DayReport) -> String {
    serde_json::to_string(report).unwrap_or_default()
}

/// A 64-bit FNV-1a digest of days as `cordon drill replay` prints them
/// (each [`day_json`] and a line break), to compare platforms bit for bit.
pub fn digest(days: &[DayReport]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for day in days {
        for byte in day_json(day).bytes().chain(std::iter::once(b'\n')) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// How the facilitator picks the realisation to play.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pick {
    /// This run of the batch.
    Index { run: u32 },
    /// A run drawn at random from a seed (the same seed, the same run).
    Random { seed: u64 },
    /// A run from the worst decile of the batch by local infections (see
    /// [`bad_run`]); simulates the whole batch.
    BadOne,
}

/// The run index a pick gives for a scenario (validated here), always
/// below the scenario's `runs`.
pub fn pick_run(scenario: &Scenario, pick: Pick) -> Result<u32, ExerciseErrors> {
    crate::validate::validate(scenario)?;
    let runs = scenario.runs.max(1);
    Ok(match pick {
        Pick::Index { run } => run.min(runs - 1),
        Pick::Random { seed } => (crate::rng::splitmix64(seed) % u64::from(runs)) as u32,
        Pick::BadOne => {
            let batch = Batch::new(scenario)?;
            let local: Vec<u32> = batch
                .run_range(0..runs)
                .iter()
                .map(|r| r.summary.local_infections)
                .collect();
            bad_run(&local).unwrap_or(0)
        }
    })
}

/// A bad run, given each run's local infections (index = run index): the
/// runs are ranked from the most local infections to the fewest (ties by
/// run index), and the middle run of the worst decile is taken — bad enough
/// to be worth playing, not the most extreme. `None` for no runs.
pub fn bad_run(local_infections: &[u32]) -> Option<u32> {
    if local_infections.is_empty() {
        return None;
    }
    let mut order: Vec<u32> = (0..local_infections.len() as u32).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(local_infections[i as usize]), i));
    let decile = local_infections.len().div_ceil(10);
    Some(order[decile / 2])
}
