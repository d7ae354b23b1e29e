//! The drill page's state and its pure reducer (桌面推演).
//!
//! A facilitator plays one realisation of a scenario day by day in front of
//! a room: [`DrillState`] holds the exercise (the engine's
//! [`cordon_engine::drill::Exercise`]), the line being shown (the main line
//! or a branch), the day reached, whether the truth is revealed, play/pause
//! and its speed. Every user action and timer tick is a [`DrillAction`];
//! [`reduce`] is pure, replays with the engine (cheap: one run, see
//! README's drill figures) and is unit-tested natively. What the room sees
//! is [`RoomNumbers`], what only the facilitator sees is [`TruthNumbers`],
//! both read from a day's values.

use crate::drill_shim::{replay, Branch, Decision, Department, Exercise, Inject, Line};
use crate::i18n::Lang;
use cordon_engine::{DayValues, Scenario, Series};
use std::rc::Rc;

/// Whether a URL fragment (without `#`) is an exercise link (`e1.…`)
/// rather than a scenario link (`s1.…`).
pub fn is_exercise_link(fragment: &str) -> bool {
    let mut chars = fragment.chars();
    chars.next() == Some('e') && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// A value of the day's outputs.
fn value(day: &DayValues, series: Series) -> f64 {
    f64::from(day[series.index()])
}

/// What the command centre knows at the end of a day: the room display.
#[derive(Clone, Debug, PartialEq)]
pub struct RoomNumbers {
    /// Cases detected that day (imported and local).
    pub detected_today: f64,
    /// Cases detected so far.
    pub detected_total: f64,
    /// Centralised quarantine rooms occupied, and the rooms there are.
    pub rooms: (f64, f64),
    /// People in home quarantine.
    pub home_quarantine: f64,
    /// Designated-hospital beds occupied, and the beds there are.
    pub beds: (f64, f64),
    /// Laboratory tubes processed, and the tubes a day the laboratories can do.
    pub tests: (f64, f64),
    /// Tubes waiting at the end of the day.
    pub test_backlog: f64,
    /// Detected cases waiting for tracing, and the cases tracers can do a day.
    pub tracing: (f64, f64),
    /// Largest checkpoint queue, travellers.
    pub checkpoint_queue: f64,
    /// Mean wait at the checkpoints, minutes.
    pub checkpoint_wait: f64,
    /// Grid workers' visits needed to watch home quarantine, as a share of
    /// the visits they make (their report: above 1 they cannot keep up).
    pub grid_load: f64,
    /// Zones are in force.
    pub zones: bool,
}

/// What really happened by the end of a day (the facilitator's view, shown
/// to the room only when revealed).
#[derive(Clone, Debug, PartialEq)]
pub struct TruthNumbers {
    /// Infected travellers who arrived that day.
    pub imported_today: f64,
    /// Of whom entered the community unnoticed.
    pub unnoticed_today: f64,
    /// Infections in the city that day.
    pub local_today: f64,
    /// Infected travellers so far.
    pub imported_total: f64,
    /// Infections in the city so far.
    pub local_total: f64,
    /// Infected people at large (infectious, neither isolated nor quarantined).
    pub at_large: f64,
    /// Infections so far not detected (imported and local).
    pub undetected_total: f64,
}

impl RoomNumbers {
    /// The room's numbers at the end of a day.
    pub fn of(day: &DayValues) -> RoomNumbers {
        let v = |s| value(day, s);
        RoomNumbers {
            detected_today: v(Series::DetectedImported) + v(Series::DetectedLocal),
            detected_total: v(Series::CumulativeDetected),
            rooms: (v(Series::RoomsOccupied), v(Series::RoomsCapacity)),
            home_quarantine: v(Series::HomeQuarantine),
            beds: (v(Series::BedsOccupied), v(Series::BedsCapacity)),
            tests: (v(Series::TestsDone), v(Series::TestsCapacity)),
            test_backlog: v(Series::TestBacklog),
            tracing: (v(Series::TracingBacklog), v(Series::TracingCapacity)),
            checkpoint_queue: v(Series::CheckpointQueue),
            checkpoint_wait: v(Series::CheckpointWait),
            grid_load: v(Series::GridUtilisation),
            zones: v(Series::ZonesActive) > 0.0,
        }
    }
}

impl TruthNumbers {
    /// The truth at the end of a day.
    pub fn of(day: &DayValues) -> TruthNumbers {
        let v = |s| value(day, s);
        let imported_total = v(Series::CumulativeImported);
        let local_total = v(Series::CumulativeLocal);
        TruthNumbers {
            imported_today: v(Series::ImportedInfections),
            unnoticed_today: v(Series::ImportedUnnoticed),
            local_today: v(Series::LocalInfections),
            imported_total,
            local_total,
            at_large: v(Series::InfectiousAtLarge),
            undetected_total: (imported_total + local_total - v(Series::CumulativeDetected))
                .max(0.0),
        }
    }
}

/// How full a capacity is: `None` when it is unlimited or zero and unused.
pub fn fill(used: f64, capacity: f64) -> Option<f64> {
    if !capacity.is_finite() {
        None
    } else if capacity > 0.0 {
        Some(used / capacity)
    } else if used > 0.0 {
        Some(f64::INFINITY)
    } else {
        None
    }
}

/// The library of injects: (id, the library's entry).
pub fn library() -> Vec<(&'static str, &'static crate::drill_shim::LibraryInject)> {
    crate::drill_shim::INJECTS
        .iter()
        .map(|i| (i.id, i))
        .collect()
}

/// An inject's title in the reader's language (its id when unknown).
pub fn inject_title(lang: Lang, id: &str) -> String {
    crate::drill_shim::INJECTS
        .iter()
        .find(|i| i.id == id)
        .map(|i| match lang {
            Lang::Zh => i.title_zh.to_string(),
            Lang::En => i.title_en.to_string(),
        })
        .unwrap_or_else(|| id.to_string())
}

/// A fired or scheduled inject's message for the room, with its day.
pub fn inject_message(lang: Lang, inject: &Inject) -> String {
    let text = crate::drill_shim::INJECTS
        .iter()
        .find(|i| i.id == inject.id)
        .map(|i| match lang {
            Lang::Zh => i.message_zh.to_string(),
            Lang::En => i.message_en.to_string(),
        })
        .unwrap_or_else(|| inject.id.clone());
    crate::i18n::tf(
        lang,
        "drill.message_on_day",
        &[("day", (inject.day + 1).to_string()), ("message", text)],
    )
}

/// A department's name.
pub fn department_name(lang: Lang, department: Department) -> String {
    let key = match department {
        Department::Command => "drill.department.command",
        Department::Checkpoints => "drill.department.checkpoints",
        Department::Community => "drill.department.community",
        Department::Quarantine => "drill.department.quarantine",
        Department::Testing => "drill.department.testing",
        Department::Tracing => "drill.department.tracing",
        Department::Hospital => "drill.department.hospital",
    };
    crate::i18n::t(lang, key)
}

/// The changes the decision form offers (kinds of the timeline's form,
/// `event.kind.*`): a resource's new level, contacts, zones.
pub const DECISION_KINDS: [&str; 3] = ["set_level", "declare_zones", "contact_factor"];

/// A decision in words: its day, the department, the change and the note.
pub fn describe_decision(lang: Lang, scenario: &Scenario, decision: &Decision) -> String {
    let event = cordon_engine::TimelineEvent {
        day: decision.day,
        change: decision.change.clone(),
    };
    let what = crate::text::describe_event(lang, scenario, &event);
    let mut text = crate::i18n::tf(
        lang,
        "drill.decision_by",
        &[
            ("department", department_name(lang, decision.department)),
            ("what", what),
        ],
    );
    if !decision.note.trim().is_empty() {
        text.push_str(&crate::i18n::tf(
            lang,
            "drill.decision_note",
            &[("note", decision.note.trim().to_string())],
        ));
    }
    text
}

/// A measure a line can be charted by.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measure {
    /// Its title (`drill.measure.*`).
    pub key: &'static str,
    pub series: Series,
    /// Part of the truth: charted only once revealed.
    pub truth: bool,
}

/// The measures the comparison chart offers, the room's first.
pub const MEASURES: [Measure; 4] = [
    Measure {
        key: "drill.measure.detected",
        series: Series::CumulativeDetected,
        truth: false,
    },
    Measure {
        key: "drill.measure.rooms",
        series: Series::RoomsOccupied,
        truth: false,
    },
    Measure {
        key: "drill.measure.local",
        series: Series::CumulativeLocal,
        truth: true,
    },
    Measure {
        key: "drill.measure.at_large",
        series: Series::InfectiousAtLarge,
        truth: true,
    },
];

/// One series' daily values, day 1 first.
pub fn measure_values(days: &[DayValues], series: Series) -> Rc<Vec<f64>> {
    Rc::new(days.iter().map(|d| value(d, series)).collect())
}

/// The after-action report's key numbers of a line over the days played.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyNumbers {
    /// Infections in the city (the truth).
    pub local_infections: f64,
    /// Infections detected.
    pub detected: f64,
    /// First day (from 1) a local infection was detected.
    pub first_local_detection_day: Option<u32>,
    /// Most quarantine rooms needed on a day.
    pub peak_rooms: f64,
    /// Days on which any capacity was exceeded: rooms or beds needed beyond
    /// those there are, laboratory tubes left waiting, cases waiting for tracers.
    pub days_over_capacity: u32,
}

impl KeyNumbers {
    /// The key numbers of a line's days.
    pub fn of(days: &[DayValues]) -> KeyNumbers {
        let last = days.last();
        let at = |s| last.map_or(0.0, |d| value(d, s));
        KeyNumbers {
            local_infections: at(Series::CumulativeLocal),
            detected: at(Series::CumulativeDetected),
            first_local_detection_day: days
                .iter()
                .position(|d| value(d, Series::DetectedLocal) > 0.0)
                .map(|i| i as u32 + 1),
            peak_rooms: days
                .iter()
                .map(|d| value(d, Series::RoomsNeeded))
                .fold(0.0, f64::max),
            days_over_capacity: days
                .iter()
                .filter(|d| {
                    value(d, Series::RoomsNeeded) > value(d, Series::RoomsCapacity)
                        || value(d, Series::BedsNeeded) > value(d, Series::BedsCapacity)
                        || value(d, Series::TestBacklog) > 0.0
                        || value(d, Series::TracingBacklog) > 0.0
                })
                .count() as u32,
        }
    }
}

/// The exercise as a JSON file.
pub fn exercise_json(exercise: &Exercise) -> String {
    serde_json::to_string_pretty(exercise).unwrap_or_default()
}

/// Play speeds, days a second.
pub const SPEEDS: [u32; 4] = [1, 2, 4, 8];

/// The language a drill state speaks (kept with the page's).
pub fn other_lang(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

/// How the facilitator picks the realisation to play.
#[derive(Clone, Debug, PartialEq)]
pub enum Pick {
    /// This run index.
    Index(u32),
    /// A run drawn at random (the page draws the number).
    Random(u32),
    /// A run from the worst decile by local infections, read from the
    /// Monte Carlo batch the workers computed (its local infections by run).
    BadOne(Rc<Vec<u32>>),
}

/// The run a bad-one pick plays: among the worst tenth of runs by local
/// infections, the one at the middle of that decile (ties by run index),
/// so the same batch always gives the same run.
pub fn bad_run(local_infections_by_run: &[u32]) -> Option<u32> {
    if local_infections_by_run.is_empty() {
        return None;
    }
    let mut order: Vec<(u32, u32)> = local_infections_by_run
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, i as u32))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let decile = order.len().div_ceil(10);
    Some(order[decile / 2].1)
}

/// The state of the drill page.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillState {
    pub lang: Lang,
    pub exercise: Exercise,
    /// The line shown: the main line or a branch.
    pub line: Line,
    /// Each day's values on the line shown, day 1 first, to the day reached.
    pub days: Rc<Vec<DayValues>>,
    /// The main line's days when a branch is shown (the comparison chart).
    pub main_days: Option<Rc<Vec<DayValues>>>,
    /// The truth is shown.
    pub revealed: bool,
    /// Playing on its own at `speed` days a second.
    pub playing: bool,
    pub speed: u32,
    /// The after-action report is open, with the same run without decisions.
    pub report: Option<Rc<Vec<DayValues>>>,
    /// Why the last request could not be carried out (a translation key and
    /// its arguments), shown next to the controls.
    pub notice: Option<(String, Vec<(String, String)>)>,
}

/// Everything that can happen on the drill page.
#[derive(Clone, Debug, PartialEq)]
pub enum DrillAction {
    /// Play one more day.
    NextDay,
    /// Play on to this day (from 1).
    RunTo(u32),
    TogglePlay,
    SetSpeed(u32),
    /// The play timer: one day when playing.
    Tick,
    /// Choose the realisation (restarts the exercise at day 0, keeping the
    /// scheduled injects and the notes).
    PickRun(Pick),
    /// Fire an inject of the library now (it takes effect on the next day played).
    FireInject(String),
    /// Schedule an inject of the library for a day (from 1, not yet played).
    ScheduleInject {
        id: String,
        day: u32,
    },
    /// Remove a scheduled inject not yet played (index into the line's injects).
    RemoveInject(usize),
    /// The room's decision (already checked by the form), from the next day played.
    Decide(Decision),
    Reveal(bool),
    /// Fork the main line after this day (from 0: the start) into a new branch.
    Fork {
        after_day: u32,
        name: String,
    },
    /// Show a line.
    ShowLine(Line),
    SetNote(Department, String),
    OpenReport,
    CloseReport,
    /// Open an exercise (a link, a file, another window's broadcast).
    Load(Box<Exercise>),
    SetLang(Lang),
    DismissNotice,
}

impl DrillState {
    /// A drill of `scenario`'s run 0, not yet started.
    pub fn new(lang: Lang, scenario: Scenario) -> DrillState {
        DrillState::of_exercise(lang, Exercise::new(scenario, 0))
    }

    /// A drill of an exercise, shown on its main line at the day it was played to.
    pub fn of_exercise(lang: Lang, exercise: Exercise) -> DrillState {
        let mut state = DrillState {
            lang,
            exercise,
            line: Line::Main,
            days: Rc::new(Vec::new()),
            main_days: None,
            revealed: false,
            playing: false,
            speed: SPEEDS[0],
            report: None,
            notice: None,
        };
        state.replay();
        state
    }

    /// The last day of the scenario's horizon.
    pub fn horizon(&self) -> u32 {
        self.exercise.scenario.days
    }

    /// Days played on the line shown (0 before day 1).
    pub fn day(&self) -> u32 {
        match self.line {
            Line::Branch(b) => self.exercise.branches.get(b).map_or(0, |b| b.played_to),
            _ => self.exercise.played_to,
        }
    }

    fn set_day(&mut self, day: u32) {
        match self.line {
            Line::Branch(b) => {
                if let Some(branch) = self.exercise.branches.get_mut(b) {
                    branch.played_to = day;
                }
            }
            _ => self.exercise.played_to = day,
        }
    }

    /// The room's numbers at the end of the day reached.
    pub fn room(&self) -> Option<RoomNumbers> {
        self.days.last().map(RoomNumbers::of)
    }

    /// The truth at the end of the day reached.
    pub fn truth(&self) -> Option<TruthNumbers> {
        self.days.last().map(TruthNumbers::of)
    }

    /// The line's injects: the main line's before the fork, then the branch's.
    pub fn injects(&self) -> Vec<&Inject> {
        match self.line {
            Line::Branch(b) => match self.exercise.branches.get(b) {
                Some(branch) => self
                    .exercise
                    .injects
                    .iter()
                    .filter(|i| i.day < branch.from_day)
                    .chain(&branch.injects)
                    .collect(),
                None => Vec::new(),
            },
            _ => self.exercise.injects.iter().collect(),
        }
    }

    /// The line's decisions: the main line's before the fork, then the branch's.
    pub fn decisions(&self) -> Vec<&Decision> {
        match self.line {
            Line::Branch(b) => match self.exercise.branches.get(b) {
                Some(branch) => self
                    .exercise
                    .decisions
                    .iter()
                    .filter(|d| d.day < branch.from_day)
                    .chain(&branch.decisions)
                    .collect(),
                None => Vec::new(),
            },
            _ => self.exercise.decisions.iter().collect(),
        }
    }

    /// Replays the line shown to its day (and the main line, for the
    /// comparison, when a branch is shown).
    fn replay(&mut self) {
        let day = self.day().min(self.horizon());
        match replay(&self.exercise, self.line, day) {
            Ok(days) => self.days = Rc::new(days),
            Err(message) => {
                self.days = Rc::new(Vec::new());
                self.notice = Some((
                    "drill.replay_failed".into(),
                    vec![("message".into(), message)],
                ));
            }
        }
        self.main_days = match self.line {
            Line::Branch(_) => replay(&self.exercise, Line::Main, self.exercise.played_to)
                .ok()
                .map(Rc::new),
            _ => None,
        };
        if self.report.is_some() {
            self.report = self.counterfactual();
        }
    }

    /// The same run with the line's injects and no decisions, over the days played.
    fn counterfactual(&self) -> Option<Rc<Vec<DayValues>>> {
        replay(&self.exercise, Line::NoDecisions, self.day())
            .ok()
            .map(Rc::new)
    }

    fn play_to(&mut self, day: u32) {
        let target = day.min(self.horizon());
        if target > self.day() {
            self.set_day(target);
            self.replay();
        }
        if self.day() >= self.horizon() {
            self.playing = false;
        }
    }
}

/// The state after an action.
pub fn reduce(state: &DrillState, action: DrillAction) -> DrillState {
    let mut next = state.clone();
    match action {
        DrillAction::NextDay => {
            next.notice = None;
            let day = next.day() + 1;
            next.play_to(day);
        }
        DrillAction::RunTo(day) => {
            next.notice = None;
            if day <= next.day() || day > next.horizon() {
                next.notice = Some((
                    "drill.run_to_invalid".into(),
                    vec![
                        ("from".into(), (next.day() + 1).to_string()),
                        ("to".into(), next.horizon().to_string()),
                    ],
                ));
            } else {
                next.play_to(day);
            }
        }
        DrillAction::TogglePlay => {
            next.playing = !next.playing && next.day() < next.horizon();
        }
        DrillAction::SetSpeed(speed) => {
            if SPEEDS.contains(&speed) {
                next.speed = speed;
            }
        }
        DrillAction::Tick => {
            if next.playing {
                let day = next.day() + 1;
                next.play_to(day);
            }
        }
        DrillAction::PickRun(pick) => {
            let run = match pick {
                Pick::Index(i) | Pick::Random(i) => Some(i),
                Pick::BadOne(locals) => bad_run(&locals),
            };
            match run {
                Some(run) if run < next.exercise.scenario.runs.max(1) || run < 1_000_000 => {
                    next.exercise.run = run;
                    next.exercise.played_to = 0;
                    next.exercise.decisions.clear();
                    next.exercise.branches.clear();
                    next.exercise.injects.retain(|i| !i.fired);
                    next.line = Line::Main;
                    next.playing = false;
                    next.notice = None;
                    next.replay();
                }
                _ => {
                    next.notice = Some(("drill.pick_wait".into(), Vec::new()));
                }
            }
        }
        DrillAction::FireInject(id) => {
            let day = next.day();
            if day >= next.horizon() {
                next.notice = Some(("drill.at_end".into(), Vec::new()));
            } else {
                let inject = Inject {
                    day,
                    changes: crate::drill_shim::inject_changes(&id),
                    id,
                    fired: true,
                };
                next.push_inject(inject);
            }
        }
        DrillAction::ScheduleInject { id, day } => {
            if day <= next.day() || day > next.horizon() {
                next.notice = Some((
                    "drill.schedule_invalid".into(),
                    vec![
                        ("from".into(), (next.day() + 1).to_string()),
                        ("to".into(), next.horizon().to_string()),
                    ],
                ));
            } else {
                let inject = Inject {
                    day: day - 1,
                    changes: crate::drill_shim::inject_changes(&id),
                    id,
                    fired: false,
                };
                next.push_inject(inject);
            }
        }
        DrillAction::RemoveInject(index) => {
            let day = next.day();
            let list = match next.line {
                Line::Branch(b) => next.exercise.branches.get_mut(b).map(|b| &mut b.injects),
                _ => Some(&mut next.exercise.injects),
            };
            if let Some(list) = list {
                // Only an inject not yet played can go: the past stays.
                let own: Vec<usize> = (0..list.len()).filter(|i| list[*i].day >= day).collect();
                if let Some(&at) = own.get(index) {
                    list.remove(at);
                }
            }
        }
        DrillAction::Decide(mut decision) => {
            decision.day = next.day();
            if decision.day >= next.horizon() {
                next.notice = Some(("drill.at_end".into(), Vec::new()));
            } else {
                match next.line {
                    Line::Branch(b) => {
                        if let Some(branch) = next.exercise.branches.get_mut(b) {
                            branch.decisions.push(decision);
                        }
                    }
                    _ => next.exercise.decisions.push(decision),
                }
                next.notice = None;
            }
        }
        DrillAction::Reveal(on) => next.revealed = on,
        DrillAction::Fork { after_day, name } => {
            let main_day = next.exercise.played_to;
            if after_day > main_day {
                next.notice = Some((
                    "drill.fork_invalid".into(),
                    vec![("to".into(), main_day.to_string())],
                ));
            } else {
                let name = if name.trim().is_empty() {
                    format!("{}", next.exercise.branches.len() + 1)
                } else {
                    name.trim().to_string()
                };
                next.exercise.branches.push(Branch {
                    name,
                    from_day: after_day,
                    decisions: Vec::new(),
                    injects: Vec::new(),
                    played_to: after_day,
                });
                next.line = Line::Branch(next.exercise.branches.len() - 1);
                next.playing = false;
                next.notice = None;
                next.replay();
            }
        }
        DrillAction::ShowLine(line) => {
            let valid = match line {
                Line::Branch(b) => b < next.exercise.branches.len(),
                _ => true,
            };
            if valid {
                next.line = line;
                next.playing = false;
                next.replay();
            }
        }
        DrillAction::SetNote(department, text) => {
            if text.trim().is_empty() {
                next.exercise.notes.remove(&department);
            } else {
                next.exercise.notes.insert(department, text);
            }
        }
        DrillAction::OpenReport => {
            next.playing = false;
            next.report = next.counterfactual();
        }
        DrillAction::CloseReport => next.report = None,
        DrillAction::Load(exercise) => {
            let keep = (next.lang, next.revealed, next.speed);
            next = DrillState::of_exercise(keep.0, *exercise);
            next.revealed = keep.1;
            next.speed = keep.2;
        }
        DrillAction::SetLang(lang) => next.lang = lang,
        DrillAction::DismissNotice => next.notice = None,
    }
    next
}

impl DrillState {
    fn push_inject(&mut self, inject: Inject) {
        match self.line {
            Line::Branch(b) => {
                if let Some(branch) = self.exercise.branches.get_mut(b) {
                    branch.injects.push(inject);
                }
            }
            _ => self.exercise.injects.push(inject),
        }
        self.notice = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercise_links_are_told_from_scenario_links() {
        assert!(is_exercise_link("e1.AbC"));
        assert!(!is_exercise_link("s1.AbC"));
        assert!(!is_exercise_link("e"));
        assert!(!is_exercise_link("example"));
        assert!(!is_exercise_link(""));
    }

    #[test]
    fn capacity_fill() {
        assert_eq!(fill(5.0, 10.0), Some(0.5));
        assert_eq!(fill(0.0, 0.0), None);
        assert_eq!(fill(1.0, 0.0), Some(f64::INFINITY));
        assert_eq!(fill(1.0, f64::INFINITY), None);
    }
}
