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

use crate::i18n::{t, tf, Lang};
use crate::text::gateway_name;
use cordon_engine::drill::{
    check_decision, check_inject, counterfactual, replay, Branch, DayReport, Decision, Department,
    Exercise, Inject, Language, Line, ScheduledInject, INJECTS,
};
use cordon_engine::{Change, ChangeNumber, FieldError, NumberKind, Problem, Resource, Scenario};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Whether a URL fragment (without `#`) is an exercise link (`e1.…`)
/// rather than a scenario link (`s1.…`).
pub fn is_exercise_link(fragment: &str) -> bool {
    let mut chars = fragment.chars();
    chars.next() == Some('e') && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// How full a capacity is: `None` when it is unlimited or zero and unused.
pub fn fill(used: f64, capacity: Option<f64>) -> Option<f64> {
    match capacity {
        None => None,
        Some(c) if !c.is_finite() => None,
        Some(c) if c > 0.0 => Some(used / c),
        Some(_) if used > 0.0 => Some(f64::INFINITY),
        Some(_) => None,
    }
}

/// The engine's language of the room's messages.
pub fn language(lang: Lang) -> Language {
    match lang {
        Lang::Zh => Language::ZhCn,
        Lang::En => Language::EnUs,
    }
}

/// The scenario with its gateways named as the reader sees them ("1 · 火车站").
fn named_for(lang: Lang, scenario: &Scenario) -> Scenario {
    let mut named = scenario.clone();
    for (i, g) in named.gateways.iter_mut().enumerate() {
        g.name = gateway_name(lang, g, i);
    }
    named
}

/// An inject's message for the room, in the reader's language.
pub fn inject_message(lang: Lang, scenario: &Scenario, inject: &Inject) -> String {
    inject.message(&named_for(lang, scenario), language(lang))
}

/// A library inject's title in the reader's language (its id when unknown).
pub fn inject_title(lang: Lang, id: &str) -> String {
    INJECTS
        .iter()
        .find(|i| i.id == id)
        .map(|i| match lang {
            Lang::Zh => i.title_zh.to_string(),
            Lang::En => i.title_en.to_string(),
        })
        .unwrap_or_else(|| id.to_string())
}

/// A ready decision's title in the reader's language.
pub fn decision_title(lang: Lang, id: &str) -> String {
    cordon_engine::drill::DECISIONS
        .iter()
        .find(|d| d.id == id)
        .map(|d| match lang {
            Lang::Zh => d.title_zh.to_string(),
            Lang::En => d.title_en.to_string(),
        })
        .unwrap_or_else(|| id.to_string())
}

/// The timeline changes an inject of the library makes with its defaults.
fn inject_changes(id: &str) -> Vec<Change> {
    Inject::default_for(id, &Scenario::default())
        .map(|inject| inject.changes().into_iter().map(|(_, c)| c).collect())
        .unwrap_or_default()
}

/// What the inject form's number means for an inject of the library:
/// the translation key of its label, and whether it is typed in percent
/// (its change's number is a share, [`cordon_engine::ChangeKind`]).
pub fn inject_amount(id: &str) -> (&'static str, bool) {
    let key = match id {
        "traveller_slips_through" => "drill.amount.travellers",
        "neighbour_city_case" | "cold_chain_positive" => "drill.amount.infected",
        "sampling_staff_sick" => "drill.amount.share",
        "lab_down" => "drill.amount.days",
        "quarantine_site_closes" => "drill.amount.rooms",
        _ => "drill.amount.factor",
    };
    let percent = inject_changes(id)
        .first()
        .and_then(|c| c.kind().numbers.first())
        .is_some_and(|n| n.kind == NumberKind::Share);
    (key, percent)
}

/// Whether an inject of the library happens at a gateway (a change of a
/// kind at a gateway).
pub fn inject_at_gateway(id: &str) -> bool {
    inject_changes(id).iter().any(|c| c.kind().at_gateway)
}

/// The inject form's inject: the library's defaults for the scenario with
/// the gateway chosen and the number typed (empty: the default). `None`
/// when the text is not a number.
pub fn inject_from_form(
    id: &str,
    scenario: &Scenario,
    gateway: usize,
    amount: &str,
) -> Option<Inject> {
    let mut inject = Inject::default_for(id, scenario)?;
    let typed = if amount.trim().is_empty() {
        None
    } else {
        Some(crate::fields::parse_number(amount).filter(|v| v.is_finite())?)
    };
    let whole = |v: f64| -> Option<u32> {
        (v >= 0.0 && v.fract() == 0.0).then(|| v.min(f64::from(u32::MAX)) as u32)
    };
    let g = gateway.min(u32::MAX as usize) as u32;
    match &mut inject {
        Inject::TravellerSlipsThrough { gateway, count } => {
            *gateway = g;
            if let Some(v) = typed {
                *count = whole(v)?;
            }
        }
        Inject::NeighbourCityCase {
            infected_contacts: n,
        }
        | Inject::ColdChainPositive {
            infected_workers: n,
        } => {
            if let Some(v) = typed {
                *n = whole(v)?;
            }
        }
        Inject::SamplingStaffSick { share, .. } => {
            if let Some(v) = typed {
                *share = v / 100.0;
            }
        }
        Inject::LabDown { days } => {
            if let Some(v) = typed {
                *days = whole(v)?;
            }
        }
        Inject::QuarantineSiteCloses { rooms } => {
            if let Some(v) = typed {
                *rooms = whole(v)?;
            }
        }
        Inject::ArrivalSurge {
            gateway, factor, ..
        } => {
            *gateway = g;
            if let Some(v) = typed {
                *factor = v;
            }
        }
    }
    Some(inject)
}

/// A ready decision's change for a scenario and its number: the first
/// of its kind's numbers ([`cordon_engine::ChangeKind`]), the one the
/// decision form types.
fn decision_number(id: &str, scenario: &Scenario) -> Option<(Change, ChangeNumber, f64)> {
    let change = cordon_engine::drill::default_decision(id, scenario)?;
    let number = *change.kind().numbers.first()?;
    let value = *change.inputs().numbers.first()?;
    Some((change, number, value))
}

/// The number a ready decision takes unless another is typed, as the
/// form shows it (percent for a share, such as contacts kept).
pub fn decision_default(lang: Lang, id: &str, scenario: &Scenario) -> String {
    match decision_number(id, scenario) {
        Some((_, number, value)) if number.kind == NumberKind::Share => crate::i18n::percent(value),
        Some((_, _, value)) => crate::i18n::number(lang, value),
        None => String::new(),
    }
}

/// The number an inject of the library takes unless another is typed.
pub fn inject_default(lang: Lang, id: &str, scenario: &Scenario) -> String {
    match Inject::default_for(id, scenario) {
        Some(Inject::TravellerSlipsThrough { count: n, .. })
        | Some(Inject::NeighbourCityCase {
            infected_contacts: n,
        })
        | Some(Inject::ColdChainPositive {
            infected_workers: n,
        })
        | Some(Inject::LabDown { days: n })
        | Some(Inject::QuarantineSiteCloses { rooms: n }) => {
            crate::i18n::number(lang, f64::from(n))
        }
        Some(Inject::SamplingStaffSick { share, .. }) => crate::i18n::percent(share),
        Some(Inject::ArrivalSurge { factor, .. }) => crate::i18n::number(lang, factor),
        None => String::new(),
    }
}

/// What the decision form's number means for a ready decision: the
/// translation key of its label, and whether it is typed in percent (a
/// share of its change kind).
pub fn decision_amount(id: &str) -> (&'static str, bool) {
    let Some((change, number, _)) = decision_number(id, &Scenario::default()) else {
        return ("drill.amount.more", false);
    };
    let key = match change {
        Change::AddLevel {
            resource: Resource::QuarantineRooms,
            ..
        } => "drill.amount.more_rooms",
        Change::MassTesting { .. } => "drill.amount.rounds",
        Change::DeclareZones { .. } => "drill.amount.days",
        Change::SetContactFactor { .. } => "drill.amount.contacts",
        _ => "drill.amount.more",
    };
    (key, number.kind == NumberKind::Share)
}

/// The decision form's change: the ready decision's default for the
/// scenario with its number (the first of its change kind's) typed
/// (empty: the default). `None` when the text is not a number, or not a
/// whole one where the kind wants one.
pub fn decision_from_form(id: &str, scenario: &Scenario, amount: &str) -> Option<Change> {
    let (change, number, _) = decision_number(id, scenario)?;
    if amount.trim().is_empty() {
        return Some(change);
    }
    let v = crate::fields::parse_number(amount).filter(|v| v.is_finite())?;
    let value = match number.kind {
        NumberKind::Whole => (v >= 0.0 && v.fract() == 0.0).then_some(v)?,
        NumberKind::Share => v / 100.0,
        NumberKind::Real => v,
    };
    let mut inputs = change.inputs();
    inputs.numbers[0] = value;
    Some(change.kind().change(&inputs))
}

/// The first problem the engine finds with an entry, in the reader's
/// language (a share in percent, as typed).
pub fn problem_text(lang: Lang, errors: &[FieldError]) -> Option<String> {
    let error = errors.first()?;
    let percent = error.path.ends_with("share")
        || error.path.ends_with("factor") && !error.path.contains("inject");
    let problem = match &error.problem {
        Problem::OutOfRange { value, min, max } if percent => Problem::OutOfRange {
            value: value * 100.0,
            min: min * 100.0,
            max: max * 100.0,
        },
        other => other.clone(),
    };
    Some(crate::problems::message(lang, &problem))
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
    t(lang, key)
}

/// A decision in words: its day, the department, the change and the note.
pub fn describe_decision(lang: Lang, scenario: &Scenario, decision: &Decision) -> String {
    let event = cordon_engine::TimelineEvent {
        day: decision.day.saturating_sub(1),
        change: decision.change.clone(),
    };
    let what = crate::text::describe_event(lang, scenario, &event);
    let mut text = tf(
        lang,
        "drill.decision_by",
        &[
            ("department", department_name(lang, decision.department)),
            ("what", what),
        ],
    );
    if !decision.note.trim().is_empty() {
        text.push_str(&tf(
            lang,
            "drill.decision_note",
            &[("note", decision.note.trim().to_string())],
        ));
    }
    text
}

/// A measure a line can be charted by.
#[derive(Clone, Copy, Debug)]
pub struct Measure {
    /// Its title (`drill.measure.*`).
    pub key: &'static str,
    pub value: fn(&DayReport) -> f64,
    /// Part of the truth: charted only once revealed.
    pub truth: bool,
}

/// The measures the comparison chart offers, the room's first.
pub const MEASURES: [Measure; 4] = [
    Measure {
        key: "drill.measure.detected",
        value: |d| f64::from(d.room.detected_total),
        truth: false,
    },
    Measure {
        key: "drill.measure.rooms",
        value: |d| f64::from(d.room.rooms_occupied),
        truth: false,
    },
    Measure {
        key: "drill.measure.local",
        value: |d| f64::from(d.truth.local_total),
        truth: true,
    },
    Measure {
        key: "drill.measure.at_large",
        value: |d| f64::from(d.truth.infectious_at_large),
        truth: true,
    },
];

/// A measure's daily values, day 1 first.
pub fn measure_values(days: &[DayReport], measure: &Measure) -> Rc<Vec<f64>> {
    Rc::new(days.iter().map(measure.value).collect())
}

/// Play speeds, days a second.
pub const SPEEDS: [u32; 4] = [1, 2, 4, 8];

/// The other language.
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
    /// A run drawn at random from this seed (the page draws the seed).
    Random(u64),
    /// A bad one: from the worst decile by local infections
    /// ([`cordon_engine::drill::bad_run`]), read from the Monte Carlo batch
    /// the workers computed for the planner (its local infections by run).
    BadOne(Rc<Vec<u32>>),
}

/// A message for the facilitator: a translation key and its arguments.
pub type Notice = (&'static str, Vec<(&'static str, String)>);

/// The state of the drill page.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillState {
    pub lang: Lang,
    pub exercise: Exercise,
    /// The line shown: the main line or a branch.
    pub line: Line,
    /// Days played on each branch (the main line's is the exercise's
    /// `played_to`); a branch not here stands where the main line does.
    pub branch_played: BTreeMap<u32, u32>,
    /// The days of the line shown, day 1 first, to the day reached.
    pub days: Rc<Vec<DayReport>>,
    /// The main line's days when a branch is shown (the comparison chart).
    pub main_days: Option<Rc<Vec<DayReport>>>,
    /// The truth is shown.
    pub revealed: bool,
    /// Playing on its own at `speed` days a second.
    pub playing: bool,
    pub speed: u32,
    /// The after-action report is open: the line shown without decisions.
    pub report: Option<Rc<Vec<DayReport>>>,
    /// Why the last request could not be carried out.
    pub notice: Option<Notice>,
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
    /// Choose the realisation. Nothing is lost: the injects, decisions,
    /// branches, notes and days played stay, replayed on the new run (pick
    /// the previous run again to go back).
    PickRun(Pick),
    /// An inject on the line shown: fired now (the next day played) or
    /// scheduled for a later day (already checked by the form).
    AddInject(ScheduledInject),
    /// Remove an inject not yet played (index among those of the line
    /// shown's own list that are not yet played).
    RemoveInject(usize),
    /// The room's decision (already checked by the form), from the next day played.
    Decide(Decision),
    Reveal(bool),
    /// Fork the main line into a new branch differing from `from_day` (from 1).
    Fork {
        from_day: u32,
        name: String,
    },
    /// Show a line.
    ShowLine(Line),
    SetNote(Department, String),
    OpenReport,
    CloseReport,
    /// Open an exercise (a link, a file, another window's broadcast).
    Load(Box<Exercise>),
    /// Start a new exercise on a scenario (a preset), at run 0.
    Start(Box<Scenario>),
    SetLang(Lang),
    DismissNotice,
}

impl DrillState {
    /// The exercise's name as the day header shows it: its title (a
    /// preset's in the reader's language), else its scenario's name; none
    /// when both are empty.
    pub fn title(&self) -> Option<String> {
        let title = [&self.exercise.title, &self.exercise.scenario.name]
            .into_iter()
            .map(|t| t.trim())
            .find(|t| !t.is_empty())?;
        Some(crate::export::display_name(self.lang, title))
    }

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
            branch_played: BTreeMap::new(),
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
            Line::Branch(b) => self.branch_day(b),
            Line::Main => self.exercise.played_to,
        }
    }

    /// Days played on a branch.
    pub fn branch_day(&self, b: u32) -> u32 {
        let from = self
            .exercise
            .branches
            .get(b as usize)
            .map_or(1, |b| b.from_day);
        self.branch_played
            .get(&b)
            .copied()
            .unwrap_or(self.exercise.played_to)
            .max(from.saturating_sub(1))
    }

    fn set_day(&mut self, day: u32) {
        match self.line {
            Line::Branch(b) => {
                self.branch_played.insert(b, day);
            }
            Line::Main => self.exercise.played_to = day,
        }
    }

    /// The day reached on the line shown.
    pub fn today(&self) -> Option<&DayReport> {
        self.days.last()
    }

    /// The name of a line.
    pub fn line_name(&self, line: Line) -> String {
        match line {
            Line::Main => t(self.lang, "drill.line_main"),
            Line::Branch(b) => tf(
                self.lang,
                "drill.line_branch",
                &[(
                    "name",
                    self.exercise
                        .branches
                        .get(b as usize)
                        .map(|b| b.name.clone())
                        .unwrap_or_default(),
                )],
            ),
        }
    }

    /// The line's injects and decisions: the main line's before the fork,
    /// then the branch's.
    pub fn events(&self) -> (Vec<ScheduledInject>, Vec<Decision>) {
        self.exercise.line_events(self.line).unwrap_or_default()
    }

    /// The line shown's own injects (the branch's, or the main line's).
    fn own_injects(&mut self) -> Option<&mut Vec<ScheduledInject>> {
        match self.line {
            Line::Branch(b) => self
                .exercise
                .branches
                .get_mut(b as usize)
                .map(|b| &mut b.injects),
            Line::Main => Some(&mut self.exercise.injects),
        }
    }

    /// The injects the facilitator may still remove: not yet played, on
    /// the line shown's own list.
    pub fn removable_injects(&self) -> Vec<ScheduledInject> {
        let day = self.day();
        let own = match self.line {
            Line::Branch(b) => self
                .exercise
                .branches
                .get(b as usize)
                .map(|b| b.injects.clone())
                .unwrap_or_default(),
            Line::Main => self.exercise.injects.clone(),
        };
        own.into_iter().filter(|i| i.day > day).collect()
    }

    /// Replays the line shown to its day (and the main line, for the
    /// comparison, when a branch is shown; and the line without decisions
    /// when the report is open).
    fn replay(&mut self) {
        let day = self.day().min(self.horizon());
        match replay(&self.exercise, self.line, day) {
            Ok(days) => self.days = Rc::new(days),
            Err(errors) => {
                self.days = Rc::new(Vec::new());
                let problems: Vec<String> = errors
                    .0
                    .iter()
                    .map(|e| crate::problems::error_text(self.lang, e))
                    .collect();
                self.notice = Some((
                    "drill.replay_failed",
                    vec![("message", problems.join("; "))],
                ));
            }
        }
        self.main_days = match self.line {
            Line::Branch(_) => replay(&self.exercise, Line::Main, self.exercise.played_to)
                .ok()
                .map(Rc::new),
            Line::Main => None,
        };
        if self.report.is_some() {
            self.report = self.counterfactual();
        }
    }

    /// The line shown with the same injects and no decisions, over the days played.
    fn counterfactual(&self) -> Option<Rc<Vec<DayReport>>> {
        counterfactual(&self.exercise, self.line, self.day())
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

    /// The days a new entry may take: from the day about to be played to the horizon.
    fn upcoming(&self) -> Notice {
        (
            "drill.days_upcoming",
            vec![
                ("from", (self.day() + 1).to_string()),
                ("to", self.horizon().to_string()),
            ],
        )
    }
}

/// The problems the engine finds with an inject for the line shown, from
/// the day about to be played.
pub fn inject_problems(state: &DrillState, inject: &ScheduledInject) -> Vec<FieldError> {
    check_inject(inject, &state.exercise.scenario, state.day() + 1)
}

/// The problems the engine finds with a decision taken now.
pub fn decision_problems(state: &DrillState, decision: &Decision) -> Vec<FieldError> {
    check_decision(decision, &state.exercise.scenario, state.day() + 1)
}

/// The state after an action.
pub fn reduce(state: &DrillState, action: DrillAction) -> DrillState {
    let mut next = state.clone();
    match action {
        DrillAction::NextDay => {
            next.notice = None;
            if next.day() >= next.horizon() {
                next.notice = Some(("drill.at_end", Vec::new()));
            } else {
                let day = next.day() + 1;
                next.play_to(day);
            }
        }
        DrillAction::RunTo(day) => {
            next.notice = None;
            if day <= next.day() || day > next.horizon() {
                next.notice = Some(next.upcoming());
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
            let runs = next.exercise.scenario.runs.max(1);
            let run = match pick {
                Pick::Index(i) => Some(i).filter(|i| *i < runs),
                Pick::Random(seed) => {
                    Some((cordon_engine::rng::splitmix64(seed) % u64::from(runs)) as u32)
                }
                Pick::BadOne(locals) => cordon_engine::drill::bad_run(&locals),
            };
            match run {
                Some(run) => {
                    next.exercise.run = run;
                    next.playing = false;
                    next.notice = None;
                    next.replay();
                }
                None => {
                    next.notice =
                        Some(("drill.run_invalid", vec![("last", (runs - 1).to_string())]));
                }
            }
        }
        DrillAction::AddInject(inject) => {
            if !inject_problems(&next, &inject).is_empty() {
                next.notice = Some(next.upcoming());
            } else if let Some(list) = next.own_injects() {
                list.push(inject);
                next.notice = None;
            }
        }
        DrillAction::RemoveInject(index) => {
            let day = next.day();
            if let Some(list) = next.own_injects() {
                let upcoming: Vec<usize> = (0..list.len()).filter(|i| list[*i].day > day).collect();
                if let Some(&at) = upcoming.get(index) {
                    list.remove(at);
                }
            }
        }
        DrillAction::Decide(decision) => {
            if !decision_problems(&next, &decision).is_empty() {
                next.notice = Some(next.upcoming());
            } else {
                match next.line {
                    Line::Branch(b) => {
                        if let Some(branch) = next.exercise.branches.get_mut(b as usize) {
                            branch.decisions.push(decision);
                        }
                    }
                    Line::Main => next.exercise.decisions.push(decision),
                }
                next.notice = None;
            }
        }
        DrillAction::Reveal(on) => next.revealed = on,
        DrillAction::Fork { from_day, name } => {
            let main_day = next.exercise.played_to;
            let full = next.exercise.branches.len() >= cordon_engine::drill::MAX_BRANCHES;
            if full {
                next.notice = Some((
                    "drill.too_many_branches",
                    vec![("max", cordon_engine::drill::MAX_BRANCHES.to_string())],
                ));
            } else if from_day == 0 || from_day > (main_day + 1).min(next.horizon()) {
                next.notice = Some((
                    "drill.fork_invalid",
                    vec![("to", main_day.min(next.horizon() - 1).to_string())],
                ));
            } else {
                let number = next.exercise.branches.len() + 1;
                let name = match name.trim() {
                    "" => tf(
                        next.lang,
                        "drill.branch_default",
                        &[("number", number.to_string())],
                    ),
                    typed => typed.to_string(),
                };
                next.exercise.branches.push(Branch {
                    name,
                    from_day,
                    decisions: Vec::new(),
                    injects: Vec::new(),
                });
                let b = (next.exercise.branches.len() - 1) as u32;
                next.branch_played.insert(b, from_day - 1);
                next.line = Line::Branch(b);
                next.playing = false;
                next.notice = None;
                next.replay();
            }
        }
        DrillAction::ShowLine(line) => {
            let exists = match line {
                Line::Branch(b) => (b as usize) < next.exercise.branches.len(),
                Line::Main => true,
            };
            if exists && line != next.line {
                next.line = line;
                next.playing = false;
                next.replay();
            }
        }
        DrillAction::SetNote(department, text) => {
            if text.is_empty() {
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
            if *exercise != next.exercise {
                let (lang, revealed, speed) = (next.lang, next.revealed, next.speed);
                let report = next.report.is_some();
                next = DrillState::of_exercise(lang, *exercise);
                next.revealed = revealed;
                next.speed = speed;
                if report {
                    next.report = next.counterfactual();
                }
            }
        }
        DrillAction::Start(scenario) => {
            let (lang, speed) = (next.lang, next.speed);
            next = DrillState::new(lang, *scenario);
            next.speed = speed;
        }
        DrillAction::SetLang(lang) => next.lang = lang,
        DrillAction::DismissNotice => next.notice = None,
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::drill::link;

    /// The example city over 30 days, its run 7, not yet started.
    fn drill() -> DrillState {
        let mut scenario = cordon_engine::presets::example_city();
        scenario.days = 30;
        let mut state = DrillState::new(Lang::En, scenario);
        state = reduce(&state, DrillAction::PickRun(Pick::Index(7)));
        state
    }

    fn run(state: &DrillState, actions: Vec<DrillAction>) -> DrillState {
        actions
            .into_iter()
            .fold(state.clone(), |s, a| reduce(&s, a))
    }

    fn rooms(id: &str, state: &DrillState) -> Decision {
        Decision {
            day: state.day() + 1,
            department: Department::Quarantine,
            note: id.into(),
            change: decision_from_form("open_quarantine_site", &state.exercise.scenario, "500")
                .unwrap(),
        }
    }

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
        assert_eq!(fill(5.0, Some(10.0)), Some(0.5));
        assert_eq!(fill(0.0, Some(0.0)), None);
        assert_eq!(fill(1.0, Some(0.0)), Some(f64::INFINITY));
        assert_eq!(fill(1.0, None), None);
    }

    #[test]
    fn time_goes_forward_a_day_or_to_a_day_never_back_nor_past_the_horizon() {
        let s = drill();
        assert_eq!((s.day(), s.days.len()), (0, 0));
        let s = run(&s, vec![DrillAction::NextDay, DrillAction::NextDay]);
        assert_eq!((s.day(), s.days.len()), (2, 2));
        assert_eq!(s.today().unwrap().day, 2);
        let s = reduce(&s, DrillAction::RunTo(10));
        assert_eq!((s.day(), s.days.len()), (10, 10));
        // Back, or past the horizon: refused with the days allowed; nothing lost.
        for day in [3, 10, 31] {
            let refused = reduce(&s, DrillAction::RunTo(day));
            assert_eq!(refused.day(), 10);
            assert_eq!(refused.days, s.days);
            let (key, args) = refused.notice.clone().unwrap();
            assert_eq!(key, "drill.days_upcoming");
            assert_eq!(
                args,
                vec![("from", "11".to_string()), ("to", "30".to_string())]
            );
        }
        // Playing stops at the horizon.
        let mut s = run(&s, vec![DrillAction::RunTo(29), DrillAction::TogglePlay]);
        assert!(s.playing);
        s = run(&s, vec![DrillAction::Tick, DrillAction::Tick]);
        assert_eq!(s.day(), 30);
        assert!(!s.playing);
        assert_eq!(
            reduce(&s, DrillAction::NextDay).notice.unwrap().0,
            "drill.at_end"
        );
    }

    #[test]
    fn the_days_are_the_engines_replay_of_the_exercise() {
        let s = run(&drill(), vec![DrillAction::RunTo(12)]);
        let engine = replay(&s.exercise, Line::Main, 12).unwrap();
        assert_eq!(*s.days, engine);
        // The same exercise through its link: the same days.
        let opened = link::decode(&link::encode(&s.exercise)).unwrap();
        let reopened = DrillState::of_exercise(Lang::Zh, opened);
        assert_eq!(reopened.day(), 12);
        assert_eq!(reopened.days, s.days);
    }

    #[test]
    fn an_inject_fired_reaches_the_room_the_next_day_and_a_refused_one_changes_nothing() {
        let s = run(&drill(), vec![DrillAction::RunTo(5)]);
        let inject =
            inject_from_form("traveller_slips_through", &s.exercise.scenario, 1, "3").unwrap();
        let fired = ScheduledInject {
            day: 6,
            inject,
            fired: true,
        };
        assert!(inject_problems(&s, &fired).is_empty());
        let s2 = run(
            &s,
            vec![DrillAction::AddInject(fired.clone()), DrillAction::NextDay],
        );
        assert_eq!(s2.today().unwrap().injects, vec![fired.clone()]);
        assert!(s2.today().unwrap().truth.imported_total >= 3.0);
        // A gateway that does not exist, a day already played: refused at the form.
        let ghost =
            inject_from_form("traveller_slips_through", &s.exercise.scenario, 9, "").unwrap();
        let ghost = ScheduledInject {
            day: 6,
            inject: ghost,
            fired: true,
        };
        let problems = inject_problems(&s, &ghost);
        assert_eq!(problems[0].path, "inject.gateway");
        assert_eq!(
            problem_text(Lang::Zh, &problems).unwrap(),
            crate::problems::message(Lang::Zh, &problems[0].problem)
        );
        let past = ScheduledInject {
            day: 5,
            ..fired.clone()
        };
        assert_eq!(inject_problems(&s, &past)[0].path, "day");
        for entry in [ghost, past] {
            let refused = reduce(&s, DrillAction::AddInject(entry));
            assert_eq!(refused.exercise, s.exercise);
            assert!(refused.notice.is_some());
        }
        // Scheduled, then removed before it is played.
        let later = ScheduledInject {
            day: 20,
            fired: false,
            ..fired
        };
        let scheduled = reduce(&s, DrillAction::AddInject(later));
        assert_eq!(scheduled.removable_injects().len(), 1);
        let removed = reduce(&scheduled, DrillAction::RemoveInject(0));
        assert_eq!(removed.exercise, s.exercise);
    }

    #[test]
    fn a_decision_changes_nothing_before_its_day_and_the_report_shows_the_run_without_it() {
        let s = run(&drill(), vec![DrillAction::RunTo(8)]);
        let decision = rooms("site B", &s);
        assert_eq!(decision.day, 9);
        assert_eq!(
            decision.change,
            cordon_engine::Change::AddLevel {
                resource: Resource::QuarantineRooms,
                amount: 500.0
            }
        );
        let decided = run(
            &s,
            vec![DrillAction::Decide(decision), DrillAction::RunTo(20)],
        );
        let without = run(&s, vec![DrillAction::RunTo(20)]);
        assert_eq!(decided.days[..8], without.days[..8]);
        let cap = |s: &DrillState, d: usize| s.days[d].room.rooms_capacity.unwrap();
        assert_eq!(cap(&decided, 8), cap(&without, 8) + 500.0);
        let report = reduce(&decided, DrillAction::OpenReport);
        assert_eq!(report.report.as_deref(), Some(&*without.days));
        // A negative number of rooms is refused at the form.
        let mut bad = rooms("minus", &s);
        bad.change =
            decision_from_form("open_quarantine_site", &s.exercise.scenario, "-5").unwrap();
        assert!(!decision_problems(&s, &bad).is_empty());
        assert_eq!(reduce(&s, DrillAction::Decide(bad)).exercise, s.exercise);
        // Not a number: nothing to check.
        assert_eq!(
            decision_from_form("population_testing", &s.exercise.scenario, "two"),
            None
        );
        assert_eq!(
            decision_from_form("tighten_measures", &s.exercise.scenario, "50"),
            Some(cordon_engine::Change::SetContactFactor { factor: 0.5 })
        );
        assert_eq!(
            decision_from_form("population_testing", &s.exercise.scenario, "1.5"),
            None
        );
    }

    #[test]
    fn the_inject_form_asks_for_a_gateway_and_percent_as_its_changes_do() {
        let at_gateway: Vec<&str> = INJECTS
            .iter()
            .map(|i| i.id)
            .filter(|id| inject_at_gateway(id))
            .collect();
        assert_eq!(at_gateway, ["traveller_slips_through", "arrival_surge"]);
        let in_percent: Vec<&str> = INJECTS
            .iter()
            .map(|i| i.id)
            .filter(|id| inject_amount(id).1)
            .collect();
        assert_eq!(in_percent, ["sampling_staff_sick"]);
    }

    #[test]
    fn each_ready_decisions_number_is_labelled_by_what_it_adds() {
        let label = |id: &str, lang: Lang| {
            let (key, percent) = decision_amount(id);
            (t(lang, key), percent)
        };
        // Opening a quarantine site adds rooms.
        assert_eq!(
            label("open_quarantine_site", Lang::En),
            ("How many more rooms".to_string(), false)
        );
        assert_eq!(
            label("open_quarantine_site", Lang::Zh),
            ("增加多少间".to_string(), false)
        );
        assert_eq!(label("population_testing", Lang::En).0, "Rounds");
        assert_eq!(
            label("tighten_measures", Lang::En),
            ("Contacts kept".to_string(), true)
        );
        // Every ready decision has a labelled number the form can type.
        let scenario = cordon_engine::presets::example_city();
        for info in cordon_engine::drill::DECISIONS {
            let (key, _) = decision_amount(info.id);
            assert_ne!(t(Lang::Zh, key), key, "{}", info.id);
            let typed = decision_default(Lang::En, info.id, &scenario).replace(['%', ','], "");
            assert_eq!(
                decision_from_form(info.id, &scenario, &typed),
                cordon_engine::drill::default_decision(info.id, &scenario),
                "{}",
                info.id
            );
        }
    }

    #[test]
    fn a_branch_forks_from_a_past_day_and_the_main_line_is_kept() {
        let s = run(&drill(), vec![DrillAction::RunTo(12)]);
        let main_days = s.days.clone();
        let forked = reduce(
            &s,
            DrillAction::Fork {
                from_day: 6,
                name: String::new(),
            },
        );
        assert_eq!(forked.line, Line::Branch(0));
        assert_eq!(forked.exercise.branches[0].name, "What if 1");
        assert_eq!(forked.day(), 5);
        assert_eq!(forked.days[..], main_days[..5]);
        assert_eq!(forked.main_days.as_deref(), Some(&*main_days));
        // The branch's own decision, then on: the main line is untouched.
        let decision = rooms("earlier", &forked);
        assert_eq!(decision.day, 6);
        let branch = run(
            &forked,
            vec![DrillAction::Decide(decision), DrillAction::RunTo(12)],
        );
        assert_eq!(branch.exercise.decisions, Vec::new());
        assert_eq!(branch.exercise.branches[0].decisions.len(), 1);
        assert_ne!(branch.days, main_days);
        let back = reduce(&branch, DrillAction::ShowLine(Line::Main));
        assert_eq!((back.day(), back.days.clone()), (12, main_days));
        // Forking after a day not yet played is refused.
        let refused = reduce(
            &s,
            DrillAction::Fork {
                from_day: 14,
                name: "x".into(),
            },
        );
        assert_eq!(refused.exercise, s.exercise);
        assert_eq!(refused.notice.unwrap().0, "drill.fork_invalid");
    }

    #[test]
    fn a_bad_one_is_the_engines_pick_from_the_batch() {
        let s = run(&drill(), vec![DrillAction::RunTo(4)]);
        let locals: Vec<u32> = (0..40).map(|i| (i * 7919) % 97).collect();
        let picked = reduce(
            &s,
            DrillAction::PickRun(Pick::BadOne(Rc::new(locals.clone()))),
        );
        assert_eq!(
            Some(picked.exercise.run),
            cordon_engine::drill::bad_run(&locals)
        );
        // Nothing is lost: the days played, replayed on the new run.
        assert_eq!(picked.day(), 4);
        assert_eq!(
            *picked.days,
            replay(&picked.exercise, Line::Main, 4).unwrap()
        );
        let back = reduce(&picked, DrillAction::PickRun(Pick::Index(s.exercise.run)));
        assert_eq!(back.days, s.days);
        // A run the batch does not have is refused.
        let runs = s.exercise.scenario.runs;
        let refused = reduce(&s, DrillAction::PickRun(Pick::Index(runs)));
        assert_eq!(refused.exercise, s.exercise);
        // Random: a run of the batch, the same for the same seed.
        let a = reduce(&s, DrillAction::PickRun(Pick::Random(42)));
        assert!(a.exercise.run < runs);
        assert_eq!(
            a.exercise.run,
            reduce(&s, DrillAction::PickRun(Pick::Random(42)))
                .exercise
                .run
        );
    }

    #[test]
    fn a_preset_starts_a_new_exercise() {
        let s = run(
            &drill(),
            vec![DrillAction::RunTo(3), DrillAction::Reveal(true)],
        );
        let preset = cordon_engine::presets::cold_chain();
        let fresh = reduce(&s, DrillAction::Start(Box::new(preset.clone())));
        assert_eq!(fresh.exercise, Exercise::new(preset.clone(), 0));
        assert_eq!(
            (fresh.day(), fresh.revealed, fresh.lang),
            (0, false, Lang::En)
        );
        // The day header names the preset, in the reader's language.
        assert_eq!(fresh.title().as_deref(), Some(preset.name.as_str()));
        let zh = reduce(&fresh, DrillAction::SetLang(Lang::Zh));
        assert_eq!(zh.title().as_deref(), Some("冷链从业人员感染"));
        // A loaded exercise by its own title; none when nothing is named.
        let mut named = fresh.exercise.clone();
        named.title = " Night shift drill ".into();
        let loaded = reduce(&fresh, DrillAction::Load(Box::new(named.clone())));
        assert_eq!(loaded.title().as_deref(), Some("Night shift drill"));
        named.title.clear();
        named.scenario.name.clear();
        let loaded = reduce(&fresh, DrillAction::Load(Box::new(named)));
        assert_eq!(loaded.title(), None);
    }

    #[test]
    fn notes_per_department() {
        let s = run(&drill(), vec![DrillAction::RunTo(3)]);
        let noted = reduce(&s, DrillAction::SetNote(Department::Tracing, "slow".into()));
        assert_eq!(
            noted.exercise.notes.get(&Department::Tracing).unwrap(),
            "slow"
        );
        let cleared = reduce(
            &noted,
            DrillAction::SetNote(Department::Tracing, String::new()),
        );
        assert!(cleared.exercise.notes.is_empty());
    }

    #[test]
    fn messages_and_decisions_read_in_both_languages() {
        let scenario = cordon_engine::presets::example_city();
        let inject = inject_from_form("arrival_surge", &scenario, 0, "3").unwrap();
        let zh = inject_message(Lang::Zh, &scenario, &inject);
        assert!(zh.contains("火车站") && zh.contains('3'), "{zh}");
        let en = inject_message(Lang::En, &scenario, &inject);
        assert!(en.contains("Rail station") && en.contains('3'), "{en}");
        let decision = Decision {
            day: 4,
            department: Department::Testing,
            note: "all districts".into(),
            change: decision_from_form("population_testing", &scenario, "2").unwrap(),
        };
        let text = describe_decision(Lang::En, &scenario, &decision);
        assert!(text.starts_with("Testing: Day 4"), "{text}");
        assert!(text.ends_with("“all districts”"), "{text}");
        assert!(
            describe_decision(Lang::Zh, &scenario, &decision).starts_with("核酸检测组：第 4 天")
        );
        assert_eq!(inject_from_form("lab_down", &scenario, 0, "1.5"), None);
        assert_eq!(
            inject_default(Lang::En, "sampling_staff_sick", &scenario),
            "20%"
        );
        assert_eq!(
            decision_default(Lang::En, "open_quarantine_site", &scenario),
            "154"
        );
        assert_eq!(
            decision_default(Lang::En, "population_testing", &scenario),
            "1"
        );
        assert_eq!(
            inject_from_form("sampling_staff_sick", &scenario, 0, "30"),
            Some(Inject::SamplingStaffSick {
                share: 0.3,
                days: 7
            })
        );
    }
}
