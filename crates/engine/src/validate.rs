//! Validation of scenarios before a run.
//!
//! [`validate`] returns every problem at once, each naming the field's path
//! (`gateways[2].checkpoint.posts`) and what is allowed, so a file, a link or
//! a form can show the message next to the field. A scenario that passes
//! cannot make the engine panic, loop for ever or exhaust memory.

use crate::dist::Delay;
use crate::scenario::{Scenario, SCHEMA_VERSION};
use crate::timeline::Change;
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

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.errors.push(FieldError {
            path: path.into(),
            problem,
        });
    }

    fn real(&mut self, path: impl Into<String>, value: f64, min: f64, max: f64) {
        let path = path.into();
        if !value.is_finite() {
            self.push(path, Problem::NotFinite);
        } else if value < min || value > max {
            self.push(path, Problem::OutOfRange { value, min, max });
        }
    }

    fn share(&mut self, path: impl Into<String>, value: f64) {
        self.real(path, value, 0.0, 1.0);
    }

    fn int(&mut self, path: impl Into<String>, value: u64, min: u64, max: u64) {
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

    fn delay(&mut self, path: &str, delay: &Delay) {
        let (a, b) = delay.parameters();
        let (name_a, name_b) = match delay {
            Delay::Gamma { .. } | Delay::LogNormal { .. } => ("mean", "sd"),
            Delay::Weibull { .. } => ("shape", "scale"),
        };
        let (min_a, max_a) = match delay {
            Delay::Weibull { .. } => (0.2, 20.0),
            _ => (0.1, 60.0),
        };
        self.real(format!("{path}.{name_a}"), a, min_a, max_a);
        self.real(format!("{path}.{name_b}"), b, 0.05, 60.0);
    }
}

/// Checks every field of a scenario; `Ok` means it is safe to run.
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
    c.int("runs", u64::from(s.runs), 1, u64::from(MAX_RUNS));
    c.int("days", u64::from(s.days), 1, u64::from(MAX_DAYS));
    c.int("city.population", s.city.population, 1, MAX_POPULATION);
    c.real("city.household_size", s.city.household_size, 1.0, 10.0);
    if s.gateways.len() > MAX_GATEWAYS {
        c.push(
            "gateways",
            Problem::TooMany {
                count: s.gateways.len() as u64,
                max: MAX_GATEWAYS as u64,
            },
        );
    }
    for (i, g) in s.gateways.iter().enumerate() {
        let p = format!("gateways[{i}]");
        c.real(
            format!("{p}.arrivals_per_day"),
            g.arrivals_per_day,
            0.0,
            10_000_000.0,
        );
        c.share(format!("{p}.risk_area_share"), g.risk_area_share);
        c.share(format!("{p}.prevalence_risk_area"), g.prevalence_risk_area);
        c.share(format!("{p}.prevalence_elsewhere"), g.prevalence_elsewhere);
        if g.profile.len() > 366 {
            c.push(
                format!("{p}.profile"),
                Problem::TooMany {
                    count: g.profile.len() as u64,
                    max: 366,
                },
            );
        }
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
        let q = format!("{p}.checkpoint");
        c.int(format!("{q}.posts"), u64::from(cp.posts), 0, 10_000);
        c.int(
            format!("{q}.staff_per_shift"),
            u64::from(cp.staff_per_shift),
            0,
            100_000,
        );
        c.int(format!("{q}.shifts"), u64::from(cp.shifts), 0, 24);
        c.real(format!("{q}.shift_hours"), cp.shift_hours, 0.0, 24.0);
        c.real(
            format!("{q}.inspections_per_staff_hour"),
            cp.inspections_per_staff_hour,
            0.0,
            3_600.0,
        );
        c.share(
            format!("{q}.checks.health_code_flag_probability"),
            cp.checks.health_code_flag_probability,
        );
        c.share(
            format!("{q}.checks.travel_record_flag_probability"),
            cp.checks.travel_record_flag_probability,
        );
        c.share(
            format!("{q}.checks.thermometer_sensitivity"),
            cp.checks.thermometer_sensitivity,
        );
        if cp.enabled && cp.shifts > 0 && cp.shift_hours <= 0.0 {
            c.push(
                format!("{q}.shift_hours"),
                Problem::OutOfRange {
                    value: cp.shift_hours,
                    min: 0.5,
                    max: 24.0,
                },
            );
        }
    }
    c.int(
        "initial_infections",
        u64::from(s.initial_infections),
        0,
        1_000_000,
    );
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

    let m = &s.community;
    c.int(
        "community.grid_workers",
        u64::from(m.grid_workers),
        0,
        10_000_000,
    );
    c.real(
        "community.visits_per_worker_per_day",
        m.visits_per_worker_per_day,
        0.0,
        200.0,
    );
    c.share("community.sweep_find_probability", m.sweep_find_probability);
    c.share(
        "community.symptom_find_probability",
        m.symptom_find_probability,
    );
    c.share("community.self_report_share", m.self_report_share);
    c.real(
        "community.visits_per_watched_household",
        m.visits_per_watched_household,
        0.0,
        24.0,
    );
    c.int(
        "community.sweep_window_days",
        u64::from(m.sweep_window_days),
        0,
        60,
    );

    let q = &s.quarantine;
    c.int("quarantine.sites", u64::from(q.sites), 0, 100_000);
    c.int("quarantine.rooms", u64::from(q.rooms), 0, 10_000_000);
    c.int("quarantine.days", u64::from(q.days), 1, 60);
    c.share(
        "quarantine.centralised_effectiveness",
        q.centralised_effectiveness,
    );
    c.share("quarantine.home_compliance", q.home_compliance);
    c.share(
        "quarantine.unmonitored_home_compliance",
        q.unmonitored_home_compliance,
    );
    if q.test_days.len() > 60 {
        c.push(
            "quarantine.test_days",
            Problem::TooMany {
                count: q.test_days.len() as u64,
                max: 60,
            },
        );
    }
    for (i, d) in q.test_days.iter().enumerate() {
        c.int(format!("quarantine.test_days[{i}]"), u64::from(*d), 0, 60);
    }

    let t = &s.testing;
    c.int(
        "testing.sampling_staff",
        u64::from(t.sampling_staff),
        0,
        10_000_000,
    );
    c.real(
        "testing.samples_per_staff_per_day",
        t.samples_per_staff_per_day,
        0.0,
        10_000.0,
    );
    c.int(
        "testing.lab_tests_per_day",
        u64::from(t.lab_tests_per_day),
        0,
        100_000_000,
    );
    c.int("testing.pool_size", u64::from(t.pool_size), 1, 50);
    c.int(
        "testing.turnaround_days",
        u64::from(t.turnaround_days),
        0,
        14,
    );
    c.share("testing.peak_sensitivity", t.peak_sensitivity);
    c.real(
        "testing.detectable_from_day",
        t.detectable_from_day,
        0.0,
        30.0,
    );
    c.real("testing.peak_day", t.peak_day, 0.0, 60.0);
    c.real(
        "testing.detectable_until_day",
        t.detectable_until_day,
        1.0,
        90.0,
    );
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
    c.share(
        "testing.fever_clinic.presentation_share",
        t.fever_clinic.presentation_share,
    );
    c.delay("testing.fever_clinic.delay", &t.fever_clinic.delay);
    c.int(
        "testing.routine_screening.people_per_day",
        u64::from(t.routine_screening.people_per_day),
        0,
        MAX_POPULATION,
    );
    c.real(
        "testing.routine_screening.risk_enrichment",
        t.routine_screening.risk_enrichment,
        0.0,
        100.0,
    );
    c.int(
        "testing.mass_testing.trigger_local_cases",
        u64::from(t.mass_testing.trigger_local_cases),
        1,
        1_000_000,
    );
    c.int(
        "testing.mass_testing.rounds",
        u64::from(t.mass_testing.rounds),
        0,
        100,
    );
    c.int(
        "testing.mass_testing.interval_days",
        u64::from(t.mass_testing.interval_days),
        1,
        60,
    );
    c.share(
        "testing.mass_testing.participation",
        t.mass_testing.participation,
    );

    let r = &s.tracing;
    c.int("tracing.teams", u64::from(r.teams), 0, 100_000);
    c.int("tracing.staff", u64::from(r.staff), 0, 10_000_000);
    c.real(
        "tracing.cases_per_staff_per_day",
        r.cases_per_staff_per_day,
        0.0,
        100.0,
    );
    c.real(
        "tracing.close_contacts_per_case",
        r.close_contacts_per_case,
        0.0,
        10_000.0,
    );
    c.real(
        "tracing.secondary_per_close_contact",
        r.secondary_per_close_contact,
        0.0,
        1_000.0,
    );
    c.share(
        "tracing.household_find_probability",
        r.household_find_probability,
    );
    c.share("tracing.other_find_probability", r.other_find_probability);
    c.share("tracing.source_find_probability", r.source_find_probability);

    let h = &s.hospital;
    c.int("hospital.beds", u64::from(h.beds), 0, 10_000_000);
    c.int("hospital.stay_days", u64::from(h.stay_days), 1, 90);
    c.share(
        "hospital.home_isolation_effectiveness",
        h.home_isolation_effectiveness,
    );

    let e = &s.epidemiology;
    c.real("epidemiology.r0", e.r0, 0.0, 30.0);
    c.real(
        "epidemiology.dispersion_k",
        e.dispersion_k,
        0.01,
        1_000_000.0,
    );
    c.delay("epidemiology.generation_interval", &e.generation_interval);
    c.delay("epidemiology.incubation", &e.incubation);
    c.share("epidemiology.asymptomatic_share", e.asymptomatic_share);
    c.real(
        "epidemiology.asymptomatic_relative_infectiousness",
        e.asymptomatic_relative_infectiousness,
        0.0,
        2.0,
    );
    c.share("epidemiology.fever_share", e.fever_share);
    c.share("epidemiology.household_share", e.household_share);
    c.real(
        "epidemiology.max_infection_age_on_arrival",
        e.max_infection_age_on_arrival,
        0.0,
        30.0,
    );

    c.real(
        "response.baseline_contact_factor",
        s.response.baseline_contact_factor,
        0.0,
        1.0,
    );
    let z = &s.response.zones;
    c.int(
        "response.zones.trigger_local_cases",
        u64::from(z.trigger_local_cases),
        1,
        1_000_000,
    );
    c.real("response.zones.contact_factor", z.contact_factor, 0.0, 1.0);
    c.int(
        "response.zones.duration_days",
        u64::from(z.duration_days),
        0,
        365,
    );

    if s.timeline.len() > MAX_TIMELINE_EVENTS {
        c.push(
            "timeline",
            Problem::TooMany {
                count: s.timeline.len() as u64,
                max: MAX_TIMELINE_EVENTS as u64,
            },
        );
    }
    let gateways = s.gateways.len() as u32;
    for (i, event) in s.timeline.iter().enumerate() {
        let p = format!("timeline[{i}]");
        c.int(
            format!("{p}.day"),
            u64::from(event.day),
            0,
            u64::from(MAX_DAYS),
        );
        match &event.change {
            Change::InfectedArrival { gateway, count, .. } => {
                if *gateway >= gateways {
                    c.push(
                        format!("{p}.change.gateway"),
                        Problem::NoSuchGateway {
                            index: *gateway,
                            gateways,
                        },
                    );
                }
                c.int(format!("{p}.change.count"), u64::from(*count), 0, 100_000);
            }
            Change::LocalInfection { count } => {
                c.int(format!("{p}.change.count"), u64::from(*count), 0, 100_000)
            }
            Change::StaffAbsent { share, .. } => c.share(format!("{p}.change.share"), *share),
            Change::SetLevel { level, .. } => {
                c.real(format!("{p}.change.level"), *level, 0.0, 100_000_000.0)
            }
            Change::LabOutage { days } => {
                c.int(format!("{p}.change.days"), u64::from(*days), 0, 365)
            }
            Change::QuarantineSiteClosed { rooms } => c.int(
                format!("{p}.change.rooms"),
                u64::from(*rooms),
                0,
                10_000_000,
            ),
            Change::SetContactFactor { factor } => c.share(format!("{p}.change.factor"), *factor),
            Change::DeclareZones { days } => {
                c.int(format!("{p}.change.days"), u64::from(*days), 0, 365)
            }
        }
    }
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(ValidationErrors(c.errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                "gateways[0].checkpoint.shift_hours",
                "gateways[1].risk_area_share",
                "quarantine.days",
                "epidemiology.r0",
                "timeline[0].change.gateway",
            ]
        );
        assert_eq!(
            errors[1].to_string(),
            "gateways[1].risk_area_share: 1.5 is outside the allowed range 0 to 1"
        );
    }
}
