//! Drill mode: a tabletop exercise (桌面推演) played on one realisation of
//! a scenario, day by day, in front of a room.
//!
//! An [`Exercise`] is plain data (scenario, run index, injects, decisions,
//! branches, evaluators' notes); [`Player`] plays one of its lines a day at
//! a time on the engine's [`crate::Simulation`] and reports each day as the
//! room sees it and as it really is ([`DayReport`]). Everything is pure and
//! deterministic: the same exercise replays bit for bit, natively and in
//! the browser (a digest of the example exercise is pinned in
//! `testdata/drill_example.digest`).
//!
//! Files, by concern:
//! - `exercise.rs` — the exercise's data: [`Exercise`], [`ScheduledInject`],
//!   [`Decision`], [`Branch`], [`Department`], [`Line`];
//! - `injects.rs` — the inject library ([`INJECTS`]: messages for the room
//!   in both languages, effects as timeline changes) and the ready
//!   decisions ([`DECISIONS`], [`default_decision`]);
//! - `check.rs` — [`validate_exercise`], and [`check_inject`] /
//!   [`check_decision`] shared with the page's forms;
//! - `replay.rs` — [`Player`], [`replay`], [`counterfactual`], the day's
//!   views, [`digest`], and which realisation to play ([`pick_run`]);
//! - `review.rs` — the after-action review: key numbers of a line and of
//!   its counterfactual, and its timeline ([`after_action`]);
//! - `file.rs` — exercise files as JSON ([`exercise_json`],
//!   [`read_exercise`]), the JSON Schema, and the ready example exercise
//!   ([`example`]);
//! - `link.rs` — exercise links (`#e1.<payload>`, see [`crate::link`]).

mod check;
mod exercise;
mod file;
mod injects;
pub mod link;
mod replay;
mod review;

pub use check::{
    check_decision, check_inject, validate_exercise, ExerciseErrors, MAX_BRANCHES, MAX_NOTE_CHARS,
};
pub use exercise::{
    Branch, Decision, Department, Exercise, Line, ScheduledInject, EXERCISE_VERSION,
};
#[cfg(feature = "schema")]
pub use file::json_schema;
pub use file::{
    example, exercise_from_json, exercise_json, read_exercise, ExerciseFileError, EXAMPLE_RUN,
};
pub use injects::{
    default_decision, DecisionInfo, Inject, InjectInfo, Language, DECISIONS, INJECTS,
};
pub use replay::{
    bad_run, counterfactual, day_json, digest, line_scenario, pick_run, replay, DayReport, Pick,
    Player, RoomView, TruthView,
};
pub use review::{
    after_action, key_numbers, AfterAction, DaysOverCapacity, KeyNumbers, TimelineEntry,
};
