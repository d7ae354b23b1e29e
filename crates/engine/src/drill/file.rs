//! Exercise files: pretty JSON with a final newline, read back with every
//! field checked, in the style of [`crate::report`]'s scenario files (the
//! CLI and the page call these, so a file reads the same everywhere); the
//! JSON Schema of exercise files; and the ready example exercise.

use super::check::{validate_exercise, ExerciseErrors};
use super::exercise::{Branch, Decision, Department, Exercise, ScheduledInject};
use super::injects::Inject;
use crate::timeline::{Change, Resource};
use std::fmt;

/// The exercise as a file: pretty JSON with a final newline.
pub fn exercise_json(exercise: &Exercise) -> String {
    let mut text = serde_json::to_string_pretty(exercise).unwrap_or_default();
    text.push('\n');
    text
}

/// Why an exercise file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ExerciseFileError {
    /// Not JSON, or JSON that is not an exercise (unknown field, wrong type,
    /// a negative count).
    Syntax {
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
        /// The JSON reader's message, without its " at line L column C".
        message: String,
    },
    /// An exercise with values out of range, each naming its field path.
    Invalid(ExerciseErrors),
}

impl fmt::Display for ExerciseFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExerciseFileError::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "not a valid exercise file: {message} (line {line}, column {column})"
            ),
            ExerciseFileError::Invalid(errors) => write!(f, "{errors}"),
        }
    }
}

impl std::error::Error for ExerciseFileError {}

/// Reads an exercise file's JSON without checking its values. A leading
/// byte-order mark is accepted; the scenario's missing fields take the
/// example city's values. Only ever fails with
/// [`ExerciseFileError::Syntax`].
pub fn exercise_from_json(text: &str) -> Result<Exercise, ExerciseFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
        ExerciseFileError::Syntax {
            line: e.line(),
            column: e.column(),
            message,
        }
    })
}

/// Reads an exercise file: JSON first ([`exercise_from_json`]), then every
/// field checked ([`validate_exercise`]).
pub fn read_exercise(text: &str) -> Result<Exercise, ExerciseFileError> {
    let exercise = exercise_from_json(text)?;
    validate_exercise(&exercise).map_err(ExerciseFileError::Invalid)?;
    Ok(exercise)
}

/// The JSON Schema of exercise files (the scenario's part with the bounds
/// of [`crate::fields::json_schema`]).
#[cfg(feature = "schema")]
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Exercise)).unwrap_or_default();
    let mut scenario = crate::fields::json_schema();
    if let (Some(defs), Some(scenario)) = (
        schema.get_mut("$defs").and_then(|d| d.as_object_mut()),
        scenario.as_object_mut(),
    ) {
        if let Some(serde_json::Value::Object(scenario_defs)) = scenario.remove("$defs") {
            defs.extend(scenario_defs);
        }
        scenario.remove("$schema");
        defs.insert(
            "Scenario".into(),
            serde_json::Value::Object(scenario.clone()),
        );
    }
    schema
}

/// A ready exercise on the example city (`cordon drill example`), 28 days
/// long, on a bad run (from the worst decile of local infections), played
/// to day 10: three infected travellers slip through the highway exits on
/// day 2, the laboratory is down on day 4, and the facilitator fires a
/// surge of arrivals at the highway exits (three times as many for 5 days)
/// on day 6; the room opens a quarantine site of 600 rooms on day 5 and
/// orders a population-wide round on day 7; a branch "zones from day 5"
/// declares zones instead of those two decisions.
pub fn example() -> Exercise {
    let mut scenario = crate::presets::example_city();
    scenario.days = 28;
    let mut exercise = Exercise::new(scenario, EXAMPLE_RUN);
    exercise.title = "Example city: travellers slip through before a holiday surge".into();
    exercise.injects = vec![
        ScheduledInject {
            day: 2,
            inject: Inject::TravellerSlipsThrough {
                gateway: 2,
                count: 3,
            },
            fired: false,
        },
        ScheduledInject {
            day: 4,
            inject: Inject::LabDown { days: 1 },
            fired: false,
        },
        ScheduledInject {
            day: 6,
            inject: Inject::ArrivalSurge {
                gateway: 2,
                factor: 3.0,
                days: 5,
            },
            fired: true,
        },
    ];
    exercise.decisions = vec![
        Decision {
            day: 5,
            department: Department::Quarantine,
            note: "Open the sports-school dormitory as a quarantine site".into(),
            change: Change::AddLevel {
                resource: Resource::QuarantineRooms,
                amount: 600.0,
            },
        },
        Decision {
            day: 7,
            department: Department::Testing,
            note: "One population-wide round, 10-in-1 pools".into(),
            change: Change::MassTesting { rounds: 1 },
        },
    ];
    exercise.branches = vec![Branch {
        name: "zones from day 5".into(),
        from_day: 5,
        decisions: vec![Decision {
            day: 5,
            department: Department::Command,
            note: "Declare sealed and controlled zones at once".into(),
            change: Change::DeclareZones { days: 14 },
        }],
        injects: Vec::new(),
    }];
    exercise.played_to = 10;
    exercise
}

/// The example exercise's run: the bad run [`super::pick_run`] picks for
/// the example city over 28 days (a test keeps them in step).
pub const EXAMPLE_RUN: u32 = 191;
