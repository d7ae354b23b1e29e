//! Checks of an exercise, field by field, with paths (`decisions[2].day`,
//! `injects[0].inject.gateway`, `scenario.quarantine.rooms`) and the
//! scenario's [`Problem`]s, so a file, a link and the page's forms show the
//! same message at the same field.
//!
//! [`check_inject`] and [`check_decision`] check one entry against the
//! scenario and the first day it may take (the day about to be played, in a
//! form; the branch's first day in a branch); [`validate_exercise`] runs
//! them over a whole exercise. An exercise that passes replays without
//! error on every line.

use super::exercise::{Decision, Exercise, ScheduledInject, EXERCISE_VERSION};
use super::injects::Inject;
use crate::scenario::Scenario;
use crate::timeline::{
    TimelineEvent, MAX_EVENT_DAYS, MAX_EVENT_PEOPLE, MAX_EVENT_ROOMS, MAX_SURGE_FACTOR,
};
use crate::validate::{
    check_event, validate, Checker, FieldError, Problem, ValidationErrors, MAX_TIMELINE_EVENTS,
};

/// Every problem found in an exercise (the scenario's type: a list of
/// field paths and problems).
pub type ExerciseErrors = ValidationErrors;

/// Most branches in an exercise.
pub const MAX_BRANCHES: usize = 20;
/// Longest note (a decision's, or an evaluator's per department), characters.
pub const MAX_NOTE_CHARS: usize = 10_000;

fn gateway(c: &mut Checker, path: &str, index: u32, scenario: &Scenario) {
    let gateways = scenario.gateways.len() as u32;
    if index >= gateways {
        c.push(path, Problem::NoSuchGateway { index, gateways });
    }
}

fn day(c: &mut Checker, path: &str, day: u32, earliest_day: u32, scenario: &Scenario) {
    c.int(
        path,
        u64::from(day),
        u64::from(earliest_day.max(1)),
        u64::from(scenario.days),
    );
}

fn note(c: &mut Checker, path: &str, text: &str) {
    let count = text.chars().count();
    c.at_most(path, count, MAX_NOTE_CHARS);
}

/// Problems with one inject, paths relative to it (`day`,
/// `inject.gateway`): its day must be from `earliest_day` (from 1) to the
/// scenario's last day, its gateway must exist, its numbers within range.
pub fn check_inject(
    inject: &ScheduledInject,
    scenario: &Scenario,
    earliest_day: u32,
) -> Vec<FieldError> {
    let mut c = Checker { errors: Vec::new() };
    day(&mut c, "day", inject.day, earliest_day, scenario);
    let people = |c: &mut Checker, path: &str, count: u32, min: u64| {
        c.int(path, u64::from(count), min, MAX_EVENT_PEOPLE)
    };
    let days = |c: &mut Checker, days: u32| {
        c.int("inject.days", u64::from(days), 1, MAX_EVENT_DAYS);
    };
    match inject.inject {
        Inject::TravellerSlipsThrough { gateway: g, count } => {
            gateway(&mut c, "inject.gateway", g, scenario);
            people(&mut c, "inject.count", count, 1);
        }
        Inject::NeighbourCityCase { infected_contacts } => {
            people(&mut c, "inject.infected_contacts", infected_contacts, 0)
        }
        Inject::SamplingStaffSick { share, days: d } => {
            c.share("inject.share", share);
            days(&mut c, d);
        }
        Inject::LabDown { days: d } => days(&mut c, d),
        Inject::QuarantineSiteCloses { rooms } => {
            c.int("inject.rooms", u64::from(rooms), 0, MAX_EVENT_ROOMS)
        }
        Inject::ArrivalSurge {
            gateway: g,
            factor,
            days: d,
        } => {
            gateway(&mut c, "inject.gateway", g, scenario);
            c.real("inject.factor", factor, 0.0, MAX_SURGE_FACTOR);
            days(&mut c, d);
        }
        Inject::ColdChainPositive { infected_workers } => {
            people(&mut c, "inject.infected_workers", infected_workers, 0)
        }
    }
    c.errors
}

/// Problems with one decision, paths relative to it (`day`,
/// `change.amount`): its day must be from `earliest_day` (from 1) to the
/// scenario's last day (a decision in the past of the line is refused), its
/// change must pass the scenario timeline's own check
/// ([`crate::validate::check_event`]), its note not be too long.
pub fn check_decision(
    decision: &Decision,
    scenario: &Scenario,
    earliest_day: u32,
) -> Vec<FieldError> {
    let mut c = Checker { errors: Vec::new() };
    day(&mut c, "day", decision.day, earliest_day, scenario);
    note(&mut c, "note", &decision.note);
    let event = TimelineEvent {
        day: 0,
        change: decision.change.clone(),
    };
    c.errors
        .extend(check_event(&event, scenario.gateways.len() as u32));
    c.errors
}

/// Timeline changes a line adds to the scenario's own.
fn line_changes(injects: &[ScheduledInject], decisions: &[Decision]) -> usize {
    injects
        .iter()
        .map(|i| i.inject.changes().len())
        .sum::<usize>()
        + decisions.len()
}

fn prefixed(c: &mut Checker, prefix: &str, errors: Vec<FieldError>) {
    for e in errors {
        c.push(format!("{prefix}.{}", e.path), e.problem);
    }
}

/// Checks a whole exercise: its version, scenario (paths `scenario.…`),
/// run index, day played to, every inject and decision of the main line
/// and of each branch (a branch's on its first day or later), notes, and
/// that every line's timeline stays within the scenario's limit.
pub fn validate_exercise(exercise: &Exercise) -> Result<(), ExerciseErrors> {
    let mut c = Checker { errors: Vec::new() };
    if exercise.exercise_version != EXERCISE_VERSION {
        c.push(
            "exercise_version",
            Problem::UnsupportedVersion {
                found: exercise.exercise_version,
                supported: EXERCISE_VERSION,
            },
        );
    }
    let s = &exercise.scenario;
    if let Err(errors) = validate(s) {
        prefixed(&mut c, "scenario", errors.0);
        // The rest is checked against a scenario that cannot run.
        return Err(ValidationErrors(c.errors));
    }
    c.int(
        "run",
        u64::from(exercise.run),
        0,
        u64::from(s.runs.saturating_sub(1)),
    );
    c.int(
        "played_to",
        u64::from(exercise.played_to),
        0,
        u64::from(s.days),
    );
    note(&mut c, "title", &exercise.title);
    for (i, inject) in exercise.injects.iter().enumerate() {
        prefixed(&mut c, &format!("injects[{i}]"), check_inject(inject, s, 1));
    }
    for (i, decision) in exercise.decisions.iter().enumerate() {
        prefixed(
            &mut c,
            &format!("decisions[{i}]"),
            check_decision(decision, s, 1),
        );
    }
    let room = MAX_TIMELINE_EVENTS.saturating_sub(s.timeline.len());
    let main = line_changes(&exercise.injects, &exercise.decisions);
    c.at_most("injects", main, room);
    c.at_most("branches", exercise.branches.len(), MAX_BRANCHES);
    for (b, branch) in exercise.branches.iter().enumerate() {
        let p = format!("branches[{b}]");
        note(&mut c, &format!("{p}.name"), &branch.name);
        day(&mut c, &format!("{p}.from_day"), branch.from_day, 1, s);
        let from = branch.from_day.max(1);
        for (i, inject) in branch.injects.iter().enumerate() {
            prefixed(
                &mut c,
                &format!("{p}.injects[{i}]"),
                check_inject(inject, s, from),
            );
        }
        for (i, decision) in branch.decisions.iter().enumerate() {
            prefixed(
                &mut c,
                &format!("{p}.decisions[{i}]"),
                check_decision(decision, s, from),
            );
        }
        let inherited_decisions: Vec<Decision> = (exercise.decisions.iter())
            .filter(|d| d.day < branch.from_day)
            .cloned()
            .collect();
        let count = line_changes(&exercise.injects, &inherited_decisions)
            + line_changes(&branch.injects, &branch.decisions);
        c.at_most(p, count, room);
    }
    for (department, text) in &exercise.notes {
        note(&mut c, &format!("notes.{}", department.key()), text);
    }
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(ValidationErrors(c.errors))
    }
}
