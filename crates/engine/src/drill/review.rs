//! The after-action review (复盘): the key numbers of a played line next to
//! its counterfactual (the same realisation and injects, no decisions), so
//! the room sees what its decisions bought, and the line's timeline of
//! injects and decisions. The page's report and `cordon drill review` show
//! the same numbers.

use super::check::ExerciseErrors;
use super::exercise::{Decision, Exercise, Line, ScheduledInject};
use super::replay::{counterfactual, replay, DayReport};
use crate::sim::MAX_ACCEPTABLE_WAIT_MINUTES;
use serde::{Deserialize, Serialize};

/// The key numbers of a line over the days played.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyNumbers {
    /// Days played.
    pub days: u32,
    /// Infections in the city (truth).
    pub local_infections: f32,
    /// Infected travellers who arrived (truth).
    pub imported_infections: f32,
    /// Cases detected.
    pub detected: f32,
    /// Infections not detected by the last day (truth).
    pub undetected: u32,
    /// First day (from 1) a case was detected.
    pub first_detection_day: Option<u32>,
    /// First day a case infected in the city was detected.
    pub first_local_detection_day: Option<u32>,
    /// Most rooms needed on a day.
    pub peak_rooms_needed: f32,
    /// Most beds needed on a day.
    pub peak_beds_needed: f32,
    /// Most laboratory tubes needed on a day.
    pub peak_tests_needed: f32,
    /// Longest tracing backlog, cases.
    pub peak_tracing_backlog: f32,
    /// Days on which each capacity fell short.
    pub days_over_capacity: DaysOverCapacity,
}

/// Days on which a capacity fell short, as the room would see it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaysOverCapacity {
    /// More people needed a quarantine room than there were rooms.
    pub rooms: u32,
    /// More cases needed a bed than there were beds.
    pub beds: u32,
    /// Tubes were left waiting at the end of the day.
    pub tests: u32,
    /// Detected cases were left waiting for the tracers.
    pub tracing: u32,
    /// The checkpoints' mean wait exceeded the acceptable wait.
    pub checkpoints: u32,
    /// Watching home quarantine needed more visits than the grid workers make.
    pub grid_workers: u32,
    /// Days on which any of these fell short.
    pub any: u32,
}

/// The key numbers of days played (empty: all zero).
pub fn key_numbers(days: &[DayReport]) -> KeyNumbers {
    let mut k = KeyNumbers {
        days: days.len() as u32,
        ..KeyNumbers::default()
    };
    let over = |needed: f32, capacity: Option<f32>| capacity.is_some_and(|c| needed > c + 0.5);
    for d in days {
        let r = &d.room;
        if r.detected_new > 0.0 && k.first_detection_day.is_none() {
            k.first_detection_day = Some(d.day);
        }
        if r.detected_local_new > 0.0 && k.first_local_detection_day.is_none() {
            k.first_local_detection_day = Some(d.day);
        }
        k.peak_rooms_needed = k.peak_rooms_needed.max(r.rooms_needed);
        k.peak_beds_needed = k.peak_beds_needed.max(r.beds_needed);
        k.peak_tests_needed = k.peak_tests_needed.max(r.tests_needed);
        k.peak_tracing_backlog = k.peak_tracing_backlog.max(r.tracing_backlog);
        let short = [
            over(r.rooms_needed, r.rooms_capacity),
            over(r.beds_needed, r.beds_capacity),
            r.test_backlog > 0.5,
            r.tracing_backlog > 0.0,
            f64::from(r.checkpoint_wait_minutes) > MAX_ACCEPTABLE_WAIT_MINUTES,
            r.grid_utilisation.is_none_or(|u| u > 1.0),
        ];
        let o = &mut k.days_over_capacity;
        for (count, is_short) in [
            &mut o.rooms,
            &mut o.beds,
            &mut o.tests,
            &mut o.tracing,
            &mut o.checkpoints,
            &mut o.grid_workers,
        ]
        .into_iter()
        .zip(short)
        {
            *count += u32::from(is_short);
        }
        o.any += u32::from(short.iter().any(|s| *s));
    }
    if let Some(last) = days.last() {
        k.local_infections = last.truth.local_total;
        k.imported_infections = last.truth.imported_total;
        k.detected = last.room.detected_total;
        k.undetected = last.truth.undetected_total;
    }
    k
}

/// An entry of a line's timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "entry", rename_all = "snake_case")]
pub enum TimelineEntry {
    /// An inject (day inside).
    Inject(ScheduledInject),
    /// A decision (day inside).
    Decision(Decision),
}

/// The after-action review of a line played to a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AfterAction {
    /// The line reviewed.
    pub line: Line,
    /// Last day played, from 1.
    pub to_day: u32,
    /// The injects and decisions that took effect, by day (within a day,
    /// injects first, in the order they were applied).
    pub timeline: Vec<TimelineEntry>,
    /// The line as played.
    pub played: KeyNumbers,
    /// The same realisation and injects with no decisions.
    pub counterfactual: KeyNumbers,
}

/// Reviews a line of an exercise played to `to_day` (from 1).
pub fn after_action(
    exercise: &Exercise,
    line: Line,
    to_day: u32,
) -> Result<AfterAction, ExerciseErrors> {
    let played = replay(exercise, line, to_day)?;
    let without = counterfactual(exercise, line, to_day)?;
    let timeline = played
        .iter()
        .flat_map(|d| {
            (d.injects.iter().cloned().map(TimelineEntry::Inject))
                .chain(d.decisions.iter().cloned().map(TimelineEntry::Decision))
        })
        .collect();
    Ok(AfterAction {
        line,
        to_day: played.last().map_or(0, |d| d.day),
        timeline,
        played: key_numbers(&played),
        counterfactual: key_numbers(&without),
    })
}
