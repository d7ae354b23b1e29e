//! Validation of scenarios before a run.
//!
//! [`validate`] returns every problem at once, each naming the field's path
//! (`gateways[2].checkpoint.posts`) and what is allowed, so a file, a link or
//! a form can show the message next to the field. A scenario that passes
//! cannot make the engine panic, loop for ever or exhaust memory.
//!
//! [`warnings`] lists what is valid but probably not meant (a checkpoint
//! with more staff per shift than posts: the extra staff have no post and
//! check nobody). A warning is its own type, [`Warning`], never a
//! [`Problem`]: it does not stop a run; the page shows it at the field and
//! `cordon validate` prints it on stderr and still exits 0.

use crate::change_kinds::NumberKind;
use crate::dist::Delay;
use crate::fields::{Field, Scope, FIELDS};
use crate::scenario::{Scenario, SCHEMA_VERSION};
use crate::timeline::TimelineEvent;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Largest population the engine accepts.
pub const MAX_POPULATION: u64 = 100_000_000;
/// Longest horizon, days.
pub const MAX_DAYS: u32 = 730;
/// Most Monte Carlo runs.
pub const MAX_RUNS: u32 = 100_000;
/// Most gateways.
pub const MAX_GATEWAYS: usize = 64;
/// Most timeline events.
pub const MAX_TIMELINE_EVENTS: usize = 1_000;

/// What is wrong with a value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Not a finite number (NaN or infinite).
    NotFinite,
    /// Outside the allowed range (inclusive).
    OutOfRange { value: f64, min: f64, max: f64 },
    /// A list is longer than allowed.
    TooMany { count: u64, max: u64 },
    /// Refers to a gateway that does not exist.
    NoSuchGateway { index: u32, gateways: u32 },
    /// A schema version this build does not know.
    UnsupportedVersion { found: u32, supported: u32 },
    /// Two values that must be ordered are not.
    MustExceed { other: String },
    /// A count with a fraction.
    NotWhole { value: f64 },
    /// A name that is not one of the choices.
    UnknownChoice { value: String, allowed: Vec<String> },
    /// A number given for a switch, or the like.
    WrongKind,
}

/// What is valid but probably not meant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Caution {
    /// More staff per shift than posts: the extra staff have no post and
    /// check nobody.
    StaffWithoutPost { staff: u32, posts: u32 },
}

/// One warning about one field (see [`warnings`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Path of the field, e.g. `gateways[2].checkpoint.staff_per_shift`.
    pub path: String,
    /// What is probably not meant.
    pub caution: Caution,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.caution {
            Caution::StaffWithoutPost { staff, posts } => write!(
                f,
                "{}: {} staff per shift but {} posts; {} of them have no post and check nobody",
                self.path,
                staff,
                posts,
                staff.saturating_sub(*posts)
            ),
        }
    }
}

/// What is valid in a scenario but probably not meant, field by field.
pub fn warnings(s: &Scenario) -> Vec<Warning> {
    let mut out = Vec::new();
    for (g, gateway) in s.gateways.iter().enumerate() {
        let cp = &gateway.checkpoint;
        if cp.enabled && cp.staff_per_shift > cp.posts {
            out.push(Warning {
                path: format!("gateways[{g}].checkpoint.staff_per_shift"),
                caution: Caution::StaffWithoutPost {
                    staff: cp.staff_per_shift,
                    posts: cp.posts,
                },
            });
        }
    }
    out
}

/// One problem with one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// Path of the field, e.g. `gateways[0].checkpoint.posts`.
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::NotFinite => write!(f, "{}: must be a finite number", self.path),
            Problem::OutOfRange { value, min, max } => {
                write!(
                    f,
                    "{}: {} is outside the allowed range {} to {}",
                    self.path, value, min, max
                )
            }
            Problem::TooMany { count, max } => {
                write!(
                    f,
                    "{}: {} entries, at most {} allowed",
                    self.path, count, max
                )
            }
            Problem::NoSuchGateway { index, gateways } => write!(
                f,
                "{}: gateway {} does not exist (the scenario has {} gateways, numbered from 0)",
                self.path, index, gateways
            ),
            Problem::UnsupportedVersion { found, supported } => write!(
                f,
                "{}: schema version {} is not supported (this build reads up to {})",
                self.path, found, supported
            ),
            Problem::MustExceed { other } => {
                write!(f, "{}: must be greater than {}", self.path, other)
            }
            Problem::NotWhole { value } => {
                write!(f, "{}: {} is not a whole number", self.path, value)
            }
            Problem::UnknownChoice { value, allowed } => write!(
                f,
                "{}: \"{}\" is not one of {}",
                self.path,
                value,
                allowed.join(", ")
            ),
            Problem::WrongKind => write!(f, "{}: a value of the wrong kind", self.path),
        }
    }
}

/// Every problem found in a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Collects problems (shared with the drill's checks).
pub(crate) struct Checker {
    pub(crate) errors: Vec<FieldError>,
}

impl Checker {
    pub(crate) fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.errors.push(FieldError {
            path: path.into(),
            problem,
        });
    }

    /// A list (or a text's characters) of `count` items where at most
    /// `max` are allowed.
    pub(crate) fn at_most(&mut self, path: impl Into<String>, count: usize, max: usize) {
        if count > max {
            self.push(
                path,
                Problem::TooMany {
                    count: count as u64,
                    max: max as u64,
                },
            );
        }
    }

    pub(crate) fn real(&mut self, path: impl Into<String>, value: f64, min: f64, max: f64) {
        let path = path.into();
        if !value.is_finite() {
            self.push(path, Problem::NotFinite);
        } else if value < min || value > max {
            self.push(path, Problem::OutOfRange { value, min, max });
        }
    }

    pub(crate) fn share(&mut self, path: impl Into<String>, value: f64) {
        self.real(path, value, 0.0, 1.0);
    }

    pub(crate) fn int(&mut self, path: impl Into<String>, value: u64, min: u64, max: u64) {
        if value < min || value > max {
            self.push(
                path,
                Problem::OutOfRange {
                    value: value as f64,
                    min: min as f64,
                    max: max as f64,
                },
            );
        }
    }

    /// A field's own range, from the registry.
    fn field(&mut self, s: &Scenario, field: &Field, gateway: Option<usize>) {
        if !field.is_checked(s) {
            return;
        }
        if let Some(value) = field.get(s, gateway) {
            if let Err(problem) = field.check(&value) {
                self.push(field.id(gateway), problem);
            }
        }
    }

    /// A Weibull's own parameters (the registry checks every delay's mean
    /// and standard deviation).
    fn weibull(&mut self, path: &str, delay: &Delay) {
        if let Delay::Weibull { shape, scale } = *delay {
            self.real(format!("{path}.shape"), shape, 0.2, 20.0);
            self.real(format!("{path}.scale"), scale, 0.05, 60.0);
        }
    }
}

/// Checks every field of a scenario; `Ok` means it is safe to run.
///
/// Every scalar's own range comes from the field registry
/// ([`crate::fields::FIELDS`]); lists and rules that involve two fields are
/// checked here by hand.
pub fn validate(s: &Scenario) -> Result<(), ValidationErrors> {
    let mut c = Checker { errors: Vec::new() };
    if s.schema_version != SCHEMA_VERSION {
        c.push(
            "schema_version",
            Problem::UnsupportedVersion {
                found: s.schema_version,
                supported: SCHEMA_VERSION,
            },
        );
    }
    c.at_most("gateways", s.gateways.len(), MAX_GATEWAYS);
    // Scalars: the registry, scenario fields first, then each gateway's.
    for field in FIELDS.iter().filter(|f| f.scope == Scope::Scenario) {
        c.field(s, field, None);
    }
    for g in 0..s.gateways.len() {
        for field in FIELDS.iter().filter(|f| f.scope == Scope::Gateway) {
            c.field(s, field, Some(g));
        }
    }
    // Lists and rules across fields.
    for (i, g) in s.gateways.iter().enumerate() {
        let p = format!("gateways[{i}]");
        c.at_most(format!("{p}.profile"), g.profile.len(), 366);
        for (j, point) in g.profile.iter().enumerate() {
            c.int(
                format!("{p}.profile[{j}].day"),
                u64::from(point.day),
                0,
                u64::from(MAX_DAYS),
            );
            c.real(
                format!("{p}.profile[{j}].multiplier"),
                point.multiplier,
                0.0,
                100.0,
            );
        }
        let cp = &g.checkpoint;
        if cp.enabled && cp.shifts > 0 && cp.shift_hours <= 0.0 {
            c.push(
                format!("{p}.checkpoint.shift_hours"),
                Problem::MustExceed { other: "0".into() },
            );
        }
    }
    if s.initial_infections as u64 > s.city.population {
        c.push(
            "initial_infections",
            Problem::OutOfRange {
                value: f64::from(s.initial_infections),
                min: 0.0,
                max: s.city.population as f64,
            },
        );
    }
    let q = &s.quarantine;
    c.at_most("quarantine.test_days", q.test_days.len(), 60);
    for (i, d) in q.test_days.iter().enumerate() {
        c.int(format!("quarantine.test_days[{i}]"), u64::from(*d), 0, 60);
    }
    let t = &s.testing;
    if t.peak_day < t.detectable_from_day {
        c.push(
            "testing.peak_day",
            Problem::MustExceed {
                other: "testing.detectable_from_day".into(),
            },
        );
    }
    if t.detectable_until_day <= t.peak_day {
        c.push(
            "testing.detectable_until_day",
            Problem::MustExceed {
                other: "testing.peak_day".into(),
            },
        );
    }
    c.weibull("testing.fever_clinic.delay", &t.fever_clinic.delay);
    c.weibull(
        "epidemiology.generation_interval",
        &s.epidemiology.generation_interval,
    );
    c.weibull("epidemiology.incubation", &s.epidemiology.incubation);

    c.at_most("timeline", s.timeline.len(), MAX_TIMELINE_EVENTS);
    let gateways = s.gateways.len() as u32;
    for (i, event) in s.timeline.iter().enumerate() {
        for e in check_event(event, gateways) {
            c.push(format!("timeline[{i}].{}", e.path), e.problem);
        }
    }
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(ValidationErrors(c.errors))
    }
}

/// Problems with one timeline event for a scenario with `gateways`
/// gateways, with paths relative to the event (`day`, `change.count`). The
/// scenario's validation and the page's event form both use it, so an event
/// the form accepts is one the engine accepts.
pub fn check_event(event: &TimelineEvent, gateways: u32) -> Vec<FieldError> {
    let mut c = Checker { errors: Vec::new() };
    c.int("day", u64::from(event.day), 0, u64::from(MAX_DAYS));
    let kind = event.change.kind();
    let inputs = event.change.inputs();
    if kind.at_gateway && inputs.gateway >= gateways {
        c.push(
            "change.gateway",
            Problem::NoSuchGateway {
                index: inputs.gateway,
                gateways,
            },
        );
    }
    for (number, value) in kind.numbers.iter().zip(inputs.numbers) {
        let path = format!("change.{}", number.name);
        match number.kind {
            NumberKind::Whole => c.int(path, value as u64, number.min as u64, number.max as u64),
            NumberKind::Share | NumberKind::Real => c.real(path, value, number.min, number.max),
        }
    }
    c.errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::Change;

    #[test]
    fn presets_are_valid() {
        for preset in crate::presets::PRESETS {
            validate(&(preset.build)()).unwrap_or_else(|e| panic!("{}: {e}", preset.id));
        }
    }

    #[test]
    fn bad_values_name_their_fields() {
        let mut s = Scenario::default();
        s.epidemiology.r0 = f64::NAN;
        s.gateways[1].risk_area_share = 1.5;
        s.quarantine.days = 0;
        s.gateways[0].checkpoint.shift_hours = 0.0;
        s.timeline.push(crate::timeline::TimelineEvent {
            day: 3,
            change: Change::InfectedArrival {
                gateway: 9,
                count: 1,
                unnoticed: false,
            },
        });
        let errors = validate(&s).unwrap_err().0;
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "quarantine.days",
                "epidemiology.r0",
                "gateways[1].risk_area_share",
                "gateways[0].checkpoint.shift_hours",
                "timeline[0].change.gateway",
            ]
        );
        assert_eq!(
            errors[2].to_string(),
            "gateways[1].risk_area_share: 1.5 is outside the allowed range 0 to 1"
        );
        assert_eq!(
            errors[3].to_string(),
            "gateways[0].checkpoint.shift_hours: must be greater than 0"
        );
    }

    #[test]
    fn staff_beyond_posts_is_a_warning_not_an_error() {
        let mut s = Scenario::default();
        assert_eq!(warnings(&s), []);
        s.gateways[2].checkpoint.staff_per_shift = 66;
        assert!(validate(&s).is_ok());
        let found = warnings(&s);
        assert_eq!(
            found,
            [Warning {
                path: "gateways[2].checkpoint.staff_per_shift".into(),
                caution: Caution::StaffWithoutPost {
                    staff: 66,
                    posts: 22
                },
            }]
        );
        assert_eq!(
            found[0].to_string(),
            "gateways[2].checkpoint.staff_per_shift: 66 staff per shift but 22 posts; 44 of them have no post and check nobody"
        );
        // A checkpoint that is off checks nobody anyway.
        s.gateways[2].checkpoint.enabled = false;
        assert_eq!(warnings(&s), []);
    }
}
