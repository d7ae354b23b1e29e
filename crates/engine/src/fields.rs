//! The field registry: one definition for every editable scalar of a scenario.
//!
//! Every number, switch and choice a planner can set is one [`Field`] in
//! [`FIELDS`]: its path in the scenario's JSON, whether it sits in the
//! scenario or in each gateway, the section of the command centre it belongs
//! to, its kind (a count, a real number, a switch, a choice), its unit, its
//! allowed range and how to read and write it. Everything else is derived
//! from this list, the way ripgrep's flag definitions drive its parser,
//! `--help` and man page:
//!
//! - [`crate::validate`] checks every scalar's range in one loop (only lists
//!   and cross-field rules are written by hand);
//! - the JSON Schema (`cordon schema`) states each field's bounds
//!   ([`patch_schema`]);
//! - the page builds its editor rows, DOM ids ([`Field::id`]), label keys
//!   ([`Field::label_key`]) and its one typed `Set` action from it.
//!
//! What a field *is* lives here; how the page *shows* it (percent scale,
//! 万/亿 parsing, number formats) lives in the page. Choice names are the
//! serde names of their enums, spelled once, in the enum's `rename_all`.
//!
//! Adding a number to the scenario: add it to the struct in
//! [`crate::scenario`] (with its default), add one line here, and add its
//! label in the page's two languages. Tests walk this list in both
//! directions (every field's bounds validate, one step outside fails with the
//! field's path, the schema states the same bounds).

use crate::dist::Delay;
use crate::scenario::{
    ContactsHeld, HourlyProfile, OverloadPolicy, QuarantinePlace, Scenario, TracingStart, Variant,
};
use crate::validate::{Problem, MAX_DAYS, MAX_POPULATION, MAX_RUNS};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;

/// Largest seed: every seed stays exact as a JavaScript number (2^53 − 1).
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// Where a field lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// In the scenario itself, once.
    Scenario,
    /// In each gateway (`gateways[i].<path>`).
    Gateway,
}

/// A part of the scenario, as a command centre is organised (the editor's
/// groups, in display order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    City,
    Gateways,
    Community,
    Quarantine,
    Testing,
    Tracing,
    Hospital,
    Supplies,
    Epidemiology,
    Response,
    Timeline,
}

impl Section {
    /// Every section, in display order.
    pub const ALL: [Section; 11] = [
        Section::City,
        Section::Gateways,
        Section::Community,
        Section::Quarantine,
        Section::Testing,
        Section::Tracing,
        Section::Hospital,
        Section::Supplies,
        Section::Epidemiology,
        Section::Response,
        Section::Timeline,
    ];

    /// Short name (`city`, `gateways` …), used in label keys (`group.city`).
    pub fn key(self) -> &'static str {
        match self {
            Section::City => "city",
            Section::Gateways => "gateways",
            Section::Community => "community",
            Section::Quarantine => "quarantine",
            Section::Testing => "testing",
            Section::Tracing => "tracing",
            Section::Hospital => "hospital",
            Section::Supplies => "supplies",
            Section::Epidemiology => "epidemiology",
            Section::Response => "response",
            Section::Timeline => "timeline",
        }
    }
}

/// What kind of value a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A whole number: people, rooms, days, rounds.
    Count,
    /// A real number: a rate, a duration, a probability, a factor.
    Real,
    /// On or off.
    Switch,
    /// One of a list of names (the serde names of an enum).
    Choice,
}

/// What a number measures (the page shows shares as percentages).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A count of people (residents, staff, travellers).
    People,
    /// Days.
    Days,
    /// Hours.
    Hours,
    /// A share or probability, 0 to 1.
    Share,
    /// A multiplier or relative factor.
    Factor,
    /// Anything else (rooms, tests, visits, rates per staff member).
    Plain,
}

/// A field's value, as the editor sets it.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Number(f64),
    Switch(bool),
    /// The serde name of the choice (`centralised`, `wave_through` …).
    Choice(String),
}

/// How a field is read and written. The `usize` is the gateway index
/// (ignored for scenario fields); reads return `None` for a missing gateway.
#[derive(Clone, Copy)]
enum Access {
    Number {
        get: fn(&Scenario, usize) -> Option<f64>,
        set: fn(&mut Scenario, usize, f64),
    },
    /// A number that may be absent, reading as another field meanwhile
    /// (validation then leaves it to that field).
    Optional {
        get: fn(&Scenario, usize) -> Option<f64>,
        set: fn(&mut Scenario, usize, f64),
        present: fn(&Scenario) -> bool,
    },
    Switch {
        get: fn(&Scenario, usize) -> Option<bool>,
        set: fn(&mut Scenario, usize, bool),
    },
    Choice {
        options: fn() -> Vec<String>,
        get: fn(&Scenario, usize) -> Option<String>,
        set: fn(&mut Scenario, usize, &str) -> bool,
    },
    /// The mean or standard deviation of a delay distribution. For a
    /// Weibull they are derived from its shape and scale, which validation
    /// checks instead.
    Delay {
        delay: fn(&Scenario) -> &Delay,
        delay_mut: fn(&mut Scenario) -> &mut Delay,
        part: DelayPart,
    },
}

/// One editable scalar of a scenario.
#[derive(Clone, Copy)]
pub struct Field {
    /// Path within its scope, as in the scenario JSON: `quarantine.days`,
    /// or for a gateway field `checkpoint.posts`.
    pub path: &'static str,
    pub scope: Scope,
    pub section: Section,
    pub kind: Kind,
    pub unit: Unit,
    /// Smallest allowed value (numbers only).
    pub min: f64,
    /// Largest allowed value (numbers only).
    pub max: f64,
    /// A detail rather than a lever (the editor's "advanced" part).
    pub advanced: bool,
    /// For choices, the label family of its options (`place` → `place.home`).
    pub options_family: &'static str,
    access: Access,
}

impl PartialEq for Field {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.scope == other.scope
    }
}

impl fmt::Debug for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.scope {
            Scope::Scenario => write!(f, "Field({})", self.path),
            Scope::Gateway => write!(f, "Field(gateways[].{})", self.path),
        }
    }
}

impl Field {
    /// The field's full path for one instance, as in validation errors and
    /// DOM ids: `quarantine.days`, `gateways[2].checkpoint.posts`.
    pub fn id(&self, gateway: Option<usize>) -> String {
        match (self.scope, gateway) {
            (Scope::Gateway, Some(g)) => format!("gateways[{g}].{}", self.path),
            _ => self.path.to_string(),
        }
    }

    /// Translation key of the field's label: `field.<path>`.
    pub fn label_key(&self) -> String {
        format!("field.{}", self.path)
    }

    /// Whether the value is a number (a count or a real).
    pub fn is_number(&self) -> bool {
        matches!(self.kind, Kind::Count | Kind::Real)
    }

    /// The current value (`None` for a gateway that does not exist).
    pub fn get(&self, scenario: &Scenario, gateway: Option<usize>) -> Option<FieldValue> {
        let g = gateway.unwrap_or(0);
        match self.access {
            Access::Number { get, .. } | Access::Optional { get, .. } => {
                get(scenario, g).map(FieldValue::Number)
            }
            Access::Delay { delay, part, .. } => {
                Some(FieldValue::Number(delay_part(delay(scenario), part)))
            }
            Access::Switch { get, .. } => get(scenario, g).map(FieldValue::Switch),
            Access::Choice { get, .. } => get(scenario, g).map(FieldValue::Choice),
        }
    }

    /// The current value of a number field.
    pub fn number(&self, scenario: &Scenario, gateway: Option<usize>) -> Option<f64> {
        match self.get(scenario, gateway) {
            Some(FieldValue::Number(v)) => Some(v),
            _ => None,
        }
    }

    /// Whether validation checks this field's range in `scenario`: not for
    /// the derived mean and deviation of a Weibull delay.
    pub(crate) fn is_checked(&self, scenario: &Scenario) -> bool {
        match self.access {
            Access::Delay { delay, .. } => !matches!(delay(scenario), Delay::Weibull { .. }),
            Access::Optional { present, .. } => present(scenario),
            _ => self.is_number(),
        }
    }

    /// The names a choice can take (empty for other kinds).
    pub fn options(&self) -> Vec<String> {
        match self.access {
            Access::Choice { options, .. } => options(),
            _ => Vec::new(),
        }
    }

    /// Whether `value` is allowed for this field on its own (kind, whole
    /// number, range). Cross-field rules are [`crate::validate`]'s.
    pub fn check(&self, value: &FieldValue) -> Result<(), Problem> {
        match (self.kind, value) {
            (Kind::Count | Kind::Real, FieldValue::Number(v)) => {
                let v = *v;
                if !v.is_finite() {
                    Err(Problem::NotFinite)
                } else if self.kind == Kind::Count && v != v.round() {
                    Err(Problem::NotWhole { value: v })
                } else if v < self.min || v > self.max {
                    Err(Problem::OutOfRange {
                        value: v,
                        min: self.min,
                        max: self.max,
                    })
                } else {
                    Ok(())
                }
            }
            (Kind::Switch, FieldValue::Switch(_)) => Ok(()),
            (Kind::Choice, FieldValue::Choice(name)) => {
                if self.options().iter().any(|o| o == name) {
                    Ok(())
                } else {
                    Err(Problem::UnknownChoice {
                        value: name.clone(),
                        allowed: self.options(),
                    })
                }
            }
            _ => Err(Problem::WrongKind),
        }
    }

    /// Sets the field after [`Field::check`]ing the value. Setting any
    /// epidemiology parameter by hand makes the variant `custom`; choosing
    /// a variant loads its parameters.
    pub fn set(
        &self,
        scenario: &mut Scenario,
        gateway: Option<usize>,
        value: &FieldValue,
    ) -> Result<(), Problem> {
        self.check(value)?;
        let g = gateway.unwrap_or(0);
        if self.scope == Scope::Gateway && g >= scenario.gateways.len() {
            return Err(Problem::NoSuchGateway {
                index: g as u32,
                gateways: scenario.gateways.len() as u32,
            });
        }
        let before = (self.section == Section::Epidemiology && self.path != VARIANT)
            .then(|| scenario.epidemiology.clone());
        match (self.access, value) {
            (Access::Number { set, .. } | Access::Optional { set, .. }, FieldValue::Number(v)) => {
                set(scenario, g, *v)
            }
            (
                Access::Delay {
                    delay_mut, part, ..
                },
                FieldValue::Number(v),
            ) => set_delay_part(delay_mut(scenario), part, *v),
            (Access::Switch { set, .. }, FieldValue::Switch(v)) => set(scenario, g, *v),
            (Access::Choice { set, .. }, FieldValue::Choice(v)) => {
                set(scenario, g, v);
            }
            _ => return Err(Problem::WrongKind),
        }
        if before.is_some_and(|b| b != scenario.epidemiology) {
            scenario.epidemiology.variant = Variant::Custom;
        }
        Ok(())
    }
}

/// The field at a full path (`quarantine.days`,
/// `gateways[2].checkpoint.posts`), with its gateway index.
pub fn lookup(id: &str) -> Option<(&'static Field, Option<usize>)> {
    if let Some(rest) = id.strip_prefix("gateways[") {
        let (index, path) = rest.split_once("].")?;
        let g: usize = index.parse().ok()?;
        return FIELDS
            .iter()
            .find(|f| f.scope == Scope::Gateway && f.path == path)
            .map(|f| (f, Some(g)));
    }
    FIELDS
        .iter()
        .find(|f| f.scope == Scope::Scenario && f.path == id)
        .map(|f| (f, None))
}

/// Every field of a section, in display order.
pub fn of_section(section: Section) -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().filter(move |f| f.section == section)
}

const VARIANT: &str = "epidemiology.variant";

/// An enum whose values are chosen from a list by their serde names.
pub trait Choices: Serialize + DeserializeOwned + Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
}

impl Choices for HourlyProfile {
    const ALL: &'static [Self] = &HourlyProfile::ALL;
}
impl Choices for OverloadPolicy {
    const ALL: &'static [Self] = &OverloadPolicy::ALL;
}
impl Choices for QuarantinePlace {
    const ALL: &'static [Self] = &QuarantinePlace::ALL;
}
impl Choices for Variant {
    const ALL: &'static [Self] = &Variant::ALL;
}
impl Choices for TracingStart {
    const ALL: &'static [Self] = &TracingStart::ALL;
}
impl Choices for ContactsHeld {
    const ALL: &'static [Self] = &ContactsHeld::ALL;
}

/// The serde name of a choice.
pub fn choice_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// The choice with this serde name.
pub fn choice_parse<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

fn options<T: Choices>() -> Vec<String> {
    T::ALL.iter().map(choice_name).collect()
}

/// Which parameter of a delay a field edits.
#[derive(Clone, Copy)]
enum DelayPart {
    Mean,
    Sd,
}

fn delay_part(delay: &Delay, part: DelayPart) -> f64 {
    match part {
        DelayPart::Mean => delay.mean(),
        DelayPart::Sd => delay.sd(),
    }
}

/// Sets the mean or standard deviation of a delay, keeping its family
/// (a Weibull becomes a gamma with the same mean and deviation).
fn set_delay_part(delay: &mut Delay, part: DelayPart, value: f64) {
    let (mut mean, mut sd) = (delay.mean(), delay.sd());
    match part {
        DelayPart::Mean => mean = value,
        DelayPart::Sd => sd = value,
    }
    *delay = match *delay {
        Delay::LogNormal { .. } => Delay::LogNormal { mean, sd },
        _ => Delay::Gamma { mean, sd },
    };
}

fn set_variant(scenario: &mut Scenario, _: usize, name: &str) -> bool {
    match choice_parse::<Variant>(name) {
        Some(Variant::Custom) => scenario.epidemiology.variant = Variant::Custom,
        Some(variant) => scenario.epidemiology = crate::presets::variant(variant),
        None => return false,
    }
    true
}

macro_rules! path_text {
    ($first:ident $(. $rest:ident)*) => {
        concat!(stringify!($first) $(, ".", stringify!($rest))*)
    };
}

/// A field of `kind` at `path`, read and written by `access`; numbers add
/// their unit and range with [`Field::range`], choices their label family
/// with [`Field::family`].
const fn entry(
    path: &'static str,
    scope: Scope,
    section: Section,
    kind: Kind,
    access: Access,
) -> Field {
    Field {
        path,
        scope,
        section,
        kind,
        unit: Unit::Plain,
        min: 0.0,
        max: 0.0,
        advanced: false,
        options_family: "",
        access,
    }
}

impl Field {
    const fn range(self, unit: Unit, min: f64, max: f64) -> Field {
        Field {
            unit,
            min,
            max,
            ..self
        }
    }

    const fn family(self, options_family: &'static str) -> Field {
        Field {
            options_family,
            ..self
        }
    }
}

/// A number in the scenario: `number!(Section, Kind, Unit, min, max, path)`.
macro_rules! number {
    ($section:ident, $kind:ident, $unit:ident, $min:expr, $max:expr, $first:ident $(. $rest:ident)*) => {
        entry(
            path_text!($first $(. $rest)*),
            Scope::Scenario,
            Section::$section,
            Kind::$kind,
            Access::Number {
                get: |s, _| Some(s.$first $(.$rest)* as f64),
                set: |s, _, v| s.$first $(.$rest)* = v as _,
            },
        )
        .range(Unit::$unit, $min as f64, $max as f64)
    };
}

/// An optional number in the scenario that reads as another field when
/// absent (a field added later, whose absence keeps old files' meaning);
/// set to the other field's value, it is absent again:
/// `number_or!(Section, Kind, Unit, min, max, path, or other.path)`.
macro_rules! number_or {
    ($section:ident, $kind:ident, $unit:ident, $min:expr, $max:expr, $first:ident $(. $rest:ident)*, or $($other:ident).+) => {
        entry(
            path_text!($first $(. $rest)*),
            Scope::Scenario,
            Section::$section,
            Kind::$kind,
            Access::Optional {
                get: |s, _| Some(s.$first $(.$rest)*.unwrap_or(s.$($other).+) as f64),
                set: |s, _, v| {
                    let v = v as _;
                    s.$first $(.$rest)* = (v != s.$($other).+).then_some(v);
                },
                present: |s| s.$first $(.$rest)*.is_some(),
            },
        )
        .range(Unit::$unit, $min as f64, $max as f64)
    };
}

/// A share (0 to 1) in the scenario.
macro_rules! share {
    ($section:ident, $first:ident $(. $rest:ident)*) => {
        number!($section, Real, Share, 0.0, 1.0, $first $(. $rest)*)
    };
}

/// A number in each gateway: `gateway_number!(Kind, Unit, min, max, path)`.
macro_rules! gateway_number {
    ($kind:ident, $unit:ident, $min:expr, $max:expr, $($path:ident).+) => {
        entry(
            path_text!($($path).+),
            Scope::Gateway,
            Section::Gateways,
            Kind::$kind,
            Access::Number {
                get: |s, g| s.gateways.get(g).map(|x| x.$($path).+ as f64),
                set: |s, g, v| {
                    if let Some(x) = s.gateways.get_mut(g) {
                        x.$($path).+ = v as _;
                    }
                },
            },
        )
        .range(Unit::$unit, $min as f64, $max as f64)
    };
}

/// A switch in the scenario.
macro_rules! switch {
    ($section:ident, $first:ident $(. $rest:ident)*) => {
        entry(
            path_text!($first $(. $rest)*),
            Scope::Scenario,
            Section::$section,
            Kind::Switch,
            Access::Switch {
                get: |s, _| Some(s.$first $(.$rest)*),
                set: |s, _, v| s.$first $(.$rest)* = v,
            },
        )
    };
}

/// A switch in each gateway.
macro_rules! gateway_switch {
    ($($path:ident).+) => {
        entry(
            path_text!($($path).+),
            Scope::Gateway,
            Section::Gateways,
            Kind::Switch,
            Access::Switch {
                get: |s, g| s.gateways.get(g).map(|x| x.$($path).+),
                set: |s, g, v| {
                    if let Some(x) = s.gateways.get_mut(g) {
                        x.$($path).+ = v;
                    }
                },
            },
        )
    };
}

/// A choice in the scenario: `choice!(Section, family, Enum, path)`.
macro_rules! choice {
    ($section:ident, $family:literal, $ty:ty, $first:ident $(. $rest:ident)*) => {
        entry(
            path_text!($first $(. $rest)*),
            Scope::Scenario,
            Section::$section,
            Kind::Choice,
            Access::Choice {
                options: options::<$ty>,
                get: |s, _| Some(choice_name(&s.$first $(.$rest)*)),
                set: |s, _, v| match choice_parse::<$ty>(v) {
                    Some(c) => {
                        s.$first $(.$rest)* = c;
                        true
                    }
                    None => false,
                },
            },
        )
        .family($family)
    };
}

/// A choice in each gateway.
macro_rules! gateway_choice {
    ($family:literal, $ty:ty, $($path:ident).+) => {
        entry(
            path_text!($($path).+),
            Scope::Gateway,
            Section::Gateways,
            Kind::Choice,
            Access::Choice {
                options: options::<$ty>,
                get: |s, g| s.gateways.get(g).map(|x| choice_name(&x.$($path).+)),
                set: |s, g, v| match (choice_parse::<$ty>(v), s.gateways.get_mut(g)) {
                    (Some(c), Some(x)) => {
                        x.$($path).+ = c;
                        true
                    }
                    _ => false,
                },
            },
        )
        .family($family)
    };
}

/// The mean or standard deviation of a delay distribution.
macro_rules! delay {
    ($section:ident, $min:expr, $part:ident, $first:ident $(. $rest:ident)*) => {
        advanced(
            entry(
                concat!(path_text!($first $(. $rest)*), ".", delay!(@name $part)),
                Scope::Scenario,
                Section::$section,
                Kind::Real,
                Access::Delay {
                    delay: |s| &s.$first $(.$rest)*,
                    delay_mut: |s| &mut s.$first $(.$rest)*,
                    part: DelayPart::$part,
                },
            )
            .range(Unit::Days, $min, 60.0),
        )
    };
    (@name Mean) => { "mean" };
    (@name Sd) => { "sd" };
}

/// The same field, in its section's advanced part.
const fn advanced(field: Field) -> Field {
    Field {
        advanced: true,
        ..field
    }
}

/// Every editable scalar, by section, in display order: one line a field.
#[rustfmt::skip]
pub const FIELDS: &[Field] = &[
    // City
    number!(City, Count, People, 1, MAX_POPULATION, city.population),
    number!(City, Real, People, 1, 10, city.household_size),
    advanced(number!(City, Count, People, 0, 1_000_000, initial_infections)),
    // Gateways (each)
    gateway_switch!(checkpoint.enabled),
    gateway_number!(Real, People, 0, 10_000_000, arrivals_per_day),
    gateway_number!(Real, Share, 0, 1, risk_area_share),
    gateway_number!(Real, Share, 0, 1, prevalence_risk_area),
    gateway_number!(Real, Share, 0, 1, prevalence_elsewhere),
    gateway_number!(Count, Plain, 0, 10_000, checkpoint.posts),
    gateway_number!(Count, People, 0, 100_000, checkpoint.staff_per_shift),
    gateway_number!(Count, Plain, 0, 24, checkpoint.shifts),
    gateway_number!(Real, Hours, 0, 24, checkpoint.shift_hours),
    gateway_number!(Real, Plain, 0, 3_600, checkpoint.inspections_per_staff_hour),
    gateway_choice!("overload", OverloadPolicy, checkpoint.overload),
    advanced(gateway_switch!(checkpoint.checks.health_code)),
    advanced(gateway_switch!(checkpoint.checks.travel_record)),
    advanced(gateway_switch!(checkpoint.checks.test_certificate)),
    advanced(gateway_switch!(checkpoint.checks.temperature)),
    advanced(gateway_choice!("profile", HourlyProfile, checkpoint.hourly_profile)),
    advanced(gateway_number!(Real, Share, 0, 1, checkpoint.checks.health_code_flag_probability)),
    advanced(gateway_number!(Real, Share, 0, 1, checkpoint.checks.travel_record_flag_probability)),
    advanced(gateway_number!(Real, Share, 0, 1, checkpoint.checks.thermometer_sensitivity)),
    // Community
    switch!(Community, community.sweeps),
    number!(Community, Count, People, 0, 10_000_000, community.grid_workers),
    number!(Community, Real, Plain, 0, 200, community.visits_per_worker_per_day),
    share!(Community, community.self_report_share),
    number!(Community, Real, Plain, 0, 24, community.visits_per_watched_household),
    advanced(share!(Community, community.sweep_find_probability)),
    advanced(share!(Community, community.symptom_find_probability)),
    advanced(number!(Community, Count, Days, 0, 60, community.sweep_window_days)),
    // Quarantine
    switch!(Quarantine, quarantine.unlimited_rooms),
    choice!(Quarantine, "place", QuarantinePlace, quarantine.risk_area_arrivals),
    choice!(Quarantine, "place", QuarantinePlace, quarantine.close_contacts),
    choice!(Quarantine, "place", QuarantinePlace, quarantine.secondary_contacts),
    number!(Quarantine, Count, Plain, 0, 10_000_000, quarantine.rooms),
    number!(Quarantine, Count, Plain, 0, 100_000, quarantine.sites),
    number!(Quarantine, Count, Days, 1, 60, quarantine.days),
    number_or!(Quarantine, Count, Days, 1, 60, quarantine.secondary_contact_days, or quarantine.days),
    share!(Quarantine, quarantine.home_compliance),
    advanced(share!(Quarantine, quarantine.centralised_effectiveness)),
    advanced(share!(Quarantine, quarantine.unmonitored_home_compliance)),
    // Testing
    switch!(Testing, testing.unlimited),
    switch!(Testing, testing.arrival_test),
    switch!(Testing, testing.fever_clinic.enabled),
    switch!(Testing, testing.routine_screening.enabled),
    switch!(Testing, testing.mass_testing.enabled),
    number!(Testing, Count, People, 0, 10_000_000, testing.sampling_staff),
    number!(Testing, Real, Plain, 0, 10_000, testing.samples_per_staff_per_day),
    number!(Testing, Count, Plain, 0, 100_000_000, testing.lab_tests_per_day),
    number!(Testing, Count, Plain, 1, 50, testing.pool_size),
    number!(Testing, Count, Days, 0, 14, testing.turnaround_days),
    number!(Testing, Count, Plain, 0, 100, testing.mass_testing.rounds),
    number!(Testing, Count, People, 0, MAX_POPULATION, testing.routine_screening.people_per_day),
    advanced(share!(Testing, testing.peak_sensitivity)),
    advanced(number!(Testing, Real, Days, 0, 30, testing.detectable_from_day)),
    advanced(number!(Testing, Real, Days, 0, 60, testing.peak_day)),
    advanced(number!(Testing, Real, Days, 1, 90, testing.detectable_until_day)),
    advanced(share!(Testing, testing.fever_clinic.presentation_share)),
    delay!(Testing, 0.1, Mean, testing.fever_clinic.delay),
    delay!(Testing, 0.05, Sd, testing.fever_clinic.delay),
    advanced(number!(Testing, Real, Factor, 0, 100, testing.routine_screening.risk_enrichment)),
    advanced(number!(Testing, Count, Plain, 1, 1_000_000, testing.mass_testing.trigger_local_cases)),
    advanced(number!(Testing, Count, Days, 1, 60, testing.mass_testing.interval_days)),
    advanced(share!(Testing, testing.mass_testing.participation)),
    advanced(switch!(Testing, testing.fever_clinic.isolate_at_presentation)),
    advanced(number!(Testing, Count, Days, 0, 60, testing.fever_clinic.retest_after_days)),
    // Tracing
    switch!(Tracing, tracing.enabled),
    switch!(Tracing, tracing.unlimited),
    switch!(Tracing, tracing.trace_secondary),
    number!(Tracing, Count, Plain, 0, 100_000, tracing.teams),
    number!(Tracing, Count, People, 0, 10_000_000, tracing.staff),
    number!(Tracing, Real, Plain, 0, 100, tracing.cases_per_staff_per_day),
    number!(Tracing, Real, People, 0, 10_000, tracing.close_contacts_per_case),
    advanced(number!(Tracing, Real, People, 0, 1_000, tracing.secondary_per_close_contact)),
    advanced(share!(Tracing, tracing.household_find_probability)),
    advanced(share!(Tracing, tracing.other_find_probability)),
    advanced(share!(Tracing, tracing.source_find_probability)),
    advanced(choice!(Tracing, "tracing_start", TracingStart, tracing.starts)),
    advanced(switch!(Tracing, tracing.delayed)),
    delay!(Tracing, 0.1, Mean, tracing.delay),
    delay!(Tracing, 0.05, Sd, tracing.delay),
    advanced(choice!(Tracing, "contacts_held", ContactsHeld, tracing.contacts_held)),
    // Hospital
    switch!(Hospital, hospital.unlimited_beds),
    number!(Hospital, Count, Plain, 0, 10_000_000, hospital.beds),
    number!(Hospital, Count, Days, 1, 90, hospital.stay_days),
    advanced(share!(Hospital, hospital.home_isolation_effectiveness)),
    // Supplies: stock and resupply of each item, then (advanced) its use per unit of work
    number!(Supplies, Real, Plain, 0, 1e12, supplies.masks.stock),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.masks.resupply_per_day),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.protective_suits.stock),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.protective_suits.resupply_per_day),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.goggles.stock),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.goggles.resupply_per_day),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.gloves.stock),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.gloves.resupply_per_day),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.disinfectant_litres.stock),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.disinfectant_litres.resupply_per_day),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.swabs.stock),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.swabs.resupply_per_day),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.reagent.stock),
    number!(Supplies, Real, Plain, 0, 1e12, supplies.reagent.resupply_per_day),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.masks.per_checkpoint_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.masks.per_sampling_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.masks.per_tracer_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.masks.per_grid_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.masks.per_sample)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.masks.per_test)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.masks.per_room_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.masks.per_bed_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.protective_suits.per_checkpoint_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.protective_suits.per_sampling_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.protective_suits.per_tracer_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.protective_suits.per_grid_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.protective_suits.per_sample)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.protective_suits.per_test)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.protective_suits.per_room_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.protective_suits.per_bed_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.goggles.per_checkpoint_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.goggles.per_sampling_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.goggles.per_tracer_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.goggles.per_grid_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.goggles.per_sample)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.goggles.per_test)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.goggles.per_room_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.goggles.per_bed_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.gloves.per_checkpoint_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.gloves.per_sampling_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.gloves.per_tracer_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.gloves.per_grid_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.gloves.per_sample)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.gloves.per_test)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.gloves.per_room_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.gloves.per_bed_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.disinfectant_litres.per_checkpoint_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.disinfectant_litres.per_sampling_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.disinfectant_litres.per_tracer_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.disinfectant_litres.per_grid_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.disinfectant_litres.per_sample)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.disinfectant_litres.per_test)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.disinfectant_litres.per_room_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.disinfectant_litres.per_bed_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.swabs.per_checkpoint_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.swabs.per_sampling_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.swabs.per_tracer_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.swabs.per_grid_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.swabs.per_sample)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.swabs.per_test)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.swabs.per_room_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.swabs.per_bed_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.reagent.per_checkpoint_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.reagent.per_sampling_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.reagent.per_tracer_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.reagent.per_grid_shift)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.reagent.per_sample)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.reagent.per_test)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.reagent.per_room_day)),
    advanced(number!(Supplies, Real, Plain, 0, 1_000, supplies.reagent.per_bed_day)),
    // Epidemiology
    entry(
        VARIANT,
        Scope::Scenario,
        Section::Epidemiology,
        Kind::Choice,
        Access::Choice {
            options: options::<Variant>,
            get: |s, _| Some(choice_name(&s.epidemiology.variant)),
            set: set_variant,
        },
    )
    .family("variant"),
    number!(Epidemiology, Real, Factor, 0, 30, epidemiology.r0),
    number!(Epidemiology, Real, Factor, 0.01, 1_000_000, epidemiology.dispersion_k),
    share!(Epidemiology, epidemiology.asymptomatic_share),
    advanced(switch!(Epidemiology, epidemiology.susceptible_depletion)),
    advanced(number!(Epidemiology, Real, Factor, 0, 2, epidemiology.asymptomatic_relative_infectiousness)),
    advanced(share!(Epidemiology, epidemiology.fever_share)),
    advanced(share!(Epidemiology, epidemiology.household_share)),
    advanced(number!(Epidemiology, Real, Days, 0, 30, epidemiology.max_infection_age_on_arrival)),
    delay!(Epidemiology, 0.1, Mean, epidemiology.generation_interval),
    delay!(Epidemiology, 0.05, Sd, epidemiology.generation_interval),
    delay!(Epidemiology, 0.1, Mean, epidemiology.incubation),
    delay!(Epidemiology, 0.05, Sd, epidemiology.incubation),
    advanced(switch!(Epidemiology, epidemiology.timing.tied_to_onset)),
    advanced(share!(Epidemiology, epidemiology.timing.presymptomatic_share)),
    advanced(number!(Epidemiology, Real, Days, 0.1, 10, epidemiology.timing.offset_scale_days)),
    // Response, and the study itself
    switch!(Response, response.zones.enabled),
    share!(Response, response.baseline_contact_factor),
    share!(Response, response.zones.contact_factor),
    number!(Response, Count, Days, 1, MAX_DAYS, days),
    number!(Response, Count, Plain, 1, MAX_RUNS, runs),
    number!(Response, Count, Plain, 0, MAX_SEED, seed),
    advanced(number!(Response, Count, People, 1, MAX_POPULATION, infection_limit)),
    advanced(number!(Response, Count, Plain, 1, 1_000_000, response.zones.trigger_local_cases)),
    advanced(number!(Response, Count, Days, 0, 365, response.zones.duration_days)),
    advanced(number!(Response, Count, Days, 1, MAX_DAYS, containment.window_days)),
    advanced(number_or!(Response, Count, Days, 1, MAX_DAYS, containment.last_day, or days)),
];

/// The JSON Schema of scenario files, with every field's bounds.
#[cfg(feature = "schema")]
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Scenario)).unwrap_or_default();
    patch_schema(&mut schema);
    crate::change_kinds::patch_schema(&mut schema);
    schema
}

/// Adds every number field's `minimum`/`maximum` to a JSON Schema of
/// [`Scenario`] (as schemars writes it: `$defs` and `$ref`s), so the schema
/// states the same bounds as [`crate::validate`].
pub fn patch_schema(schema: &mut serde_json::Value) {
    for field in FIELDS.iter().filter(|f| f.is_number()) {
        let mut segments: Vec<&str> = Vec::new();
        if field.scope == Scope::Gateway {
            segments.extend(["gateways", "[]"]);
        }
        segments.extend(field.path.split('.'));
        for node in schema_nodes(schema, &segments) {
            set_bounds(schema, &node, field);
        }
    }
}

/// JSON pointers of the schema nodes describing the property at `segments`
/// (`[]` steps into array items); several when a type is a `oneOf`.
fn schema_nodes(schema: &serde_json::Value, segments: &[&str]) -> Vec<String> {
    let mut current = vec![String::new()];
    for segment in segments {
        let mut next = Vec::new();
        for pointer in current {
            for node in resolve(schema, &pointer) {
                let step = if *segment == "[]" {
                    format!("{node}/items")
                } else {
                    format!("{node}/properties/{segment}")
                };
                if schema.pointer(&step).is_some() {
                    next.push(step);
                }
            }
        }
        current = next;
    }
    current
}

/// The node at `pointer` after following `$ref`s, or each alternative of a
/// `oneOf`/`anyOf`/`allOf`.
fn resolve(schema: &serde_json::Value, pointer: &str) -> Vec<String> {
    let Some(node) = schema.pointer(pointer) else {
        return Vec::new();
    };
    if let Some(target) = node.get("$ref").and_then(|r| r.as_str()) {
        return resolve(schema, target.trim_start_matches('#'));
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(list) = node.get(key).and_then(|l| l.as_array()) {
            return (0..list.len())
                .flat_map(|i| resolve(schema, &format!("{pointer}/{key}/{i}")))
                .collect();
        }
    }
    vec![pointer.to_string()]
}

fn set_bounds(schema: &mut serde_json::Value, pointer: &str, field: &Field) {
    let targets = resolve(schema, pointer);
    for target in targets {
        if let Some(serde_json::Value::Object(node)) = schema.pointer_mut(&target) {
            node.insert("minimum".into(), bound(field.min));
            node.insert("maximum".into(), bound(field.max));
        }
    }
}

fn bound(value: f64) -> serde_json::Value {
    if value == value.round() && value.abs() <= MAX_SEED as f64 {
        serde_json::Value::from(value as i64)
    } else {
        serde_json::Value::from(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;

    fn instances(scenario: &Scenario) -> Vec<(&'static Field, Option<usize>)> {
        FIELDS
            .iter()
            .flat_map(|f| match f.scope {
                Scope::Scenario => vec![(f, None)],
                Scope::Gateway => (0..scenario.gateways.len()).map(|g| (f, Some(g))).collect(),
            })
            .collect()
    }

    #[test]
    fn paths_are_unique_and_look_up_to_themselves() {
        let scenario = Scenario::default();
        for (field, gateway) in instances(&scenario) {
            let id = field.id(gateway);
            let (found, g) = lookup(&id).unwrap_or_else(|| panic!("{id} not found"));
            assert_eq!((found, g), (field, gateway), "{id}");
        }
        let mut paths: Vec<_> = FIELDS
            .iter()
            .map(|f| (f.path, f.scope == Scope::Gateway))
            .collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), FIELDS.len());
    }

    /// The path names the value in the scenario's JSON (serde's names).
    #[test]
    fn paths_are_the_json_paths() {
        let scenario = Scenario::default();
        let json = serde_json::to_value(&scenario).unwrap();
        for (field, gateway) in instances(&scenario) {
            let pointer = format!(
                "/{}",
                field
                    .id(gateway)
                    .replace("gateways[", "gateways.")
                    .replace("].", ".")
                    .replace('.', "/")
            );
            let Some(at) = json.pointer(&pointer) else {
                // Delay parameters are named mean/sd only for gamma and
                // log-normal; an optional field is absent until set.
                let mut set = scenario.clone();
                let other = FieldValue::Number(field.min);
                field.set(&mut set, gateway, &other).unwrap();
                let json = serde_json::to_value(&set).unwrap();
                assert!(
                    field.path.ends_with(".mean")
                        || field.path.ends_with(".sd")
                        || json.pointer(&pointer).is_some(),
                    "{pointer}"
                );
                continue;
            };
            match field.get(&scenario, gateway).unwrap() {
                FieldValue::Number(v) => assert_eq!(at.as_f64(), Some(v), "{pointer}"),
                FieldValue::Switch(v) => assert_eq!(at.as_bool(), Some(v), "{pointer}"),
                FieldValue::Choice(v) => assert_eq!(at.as_str(), Some(v.as_str()), "{pointer}"),
            }
        }
    }

    /// Both directions: each field's own bounds validate, one step outside
    /// fails naming exactly that field.
    #[test]
    fn bounds_validate_and_one_step_outside_fails_at_the_field() {
        let scenario = Scenario::default();
        for (field, gateway) in instances(&scenario) {
            if !field.is_number() {
                continue;
            }
            let id = field.id(gateway);
            for bound in [field.min, field.max] {
                let mut s = scenario.clone();
                field
                    .set(&mut s, gateway, &FieldValue::Number(bound))
                    .unwrap();
                if let Err(errors) = validate(&s) {
                    for e in errors.0 {
                        assert!(
                            // Rules across fields may object (the sensitivity
                            // curve's order, infections within the population);
                            // a field's own range must not.
                            matches!(e.problem, Problem::MustExceed { .. })
                                || e.path == "initial_infections",
                            "{id} at {bound}: {e}"
                        );
                    }
                }
            }
            let step = if field.kind == Kind::Count {
                1.0
            } else {
                field.max.abs().max(1.0) * 1e-6
            };
            for outside in [field.min - step, field.max + step] {
                let value = FieldValue::Number(outside);
                assert!(
                    matches!(field.check(&value), Err(Problem::OutOfRange { .. })),
                    "{id} accepts {outside}"
                );
                // Written straight into a scenario (a file, a link), the
                // engine refuses it at the same path — where the type can hold it.
                let mut s = scenario.clone();
                match field.access {
                    Access::Number { set, .. } | Access::Optional { set, .. } => {
                        set(&mut s, gateway.unwrap_or(0), outside)
                    }
                    Access::Delay {
                        delay_mut, part, ..
                    } => set_delay_part(delay_mut(&mut s), part, outside),
                    _ => unreachable!(),
                }
                if field.number(&s, gateway) == Some(outside) {
                    let errors = validate(&s).expect_err(&format!("{id} = {outside}"));
                    assert!(errors.0.iter().any(|e| e.path == id), "{id}: {errors}");
                }
            }
        }
    }

    #[test]
    fn choices_come_from_serde() {
        let close = lookup("quarantine.close_contacts").unwrap().0;
        assert_eq!(close.options(), ["centralised", "home", "none"]);
        let mut s = Scenario::default();
        close
            .set(&mut s, None, &FieldValue::Choice("home".into()))
            .unwrap();
        assert_eq!(s.quarantine.close_contacts, QuarantinePlace::Home);
        assert!(close
            .set(&mut s, None, &FieldValue::Choice("hotel".into()))
            .is_err());
        let overload = lookup("gateways[1].checkpoint.overload").unwrap();
        assert_eq!(overload.1, Some(1));
        assert_eq!(overload.0.options(), ["queue", "wave_through"]);
    }

    #[test]
    fn variants_load_and_hand_edits_make_custom() {
        let mut s = Scenario::default();
        let (variant, _) = lookup(VARIANT).unwrap();
        variant
            .set(&mut s, None, &FieldValue::Choice("omicron".into()))
            .unwrap();
        assert_eq!(s.epidemiology, crate::presets::variant(Variant::Omicron));
        let (r0, _) = lookup("epidemiology.r0").unwrap();
        r0.set(&mut s, None, &FieldValue::Number(3.0)).unwrap();
        assert_eq!(s.epidemiology.variant, Variant::Custom);
        // Setting the same value again is not an edit.
        let mut t = Scenario::default();
        let now = r0.number(&t, None).unwrap();
        r0.set(&mut t, None, &FieldValue::Number(now)).unwrap();
        assert_ne!(t.epidemiology.variant, Variant::Custom);
    }

    #[test]
    fn counts_must_be_whole() {
        let (posts, g) = lookup("gateways[0].checkpoint.posts").unwrap();
        assert_eq!(
            posts.check(&FieldValue::Number(2.5)),
            Err(Problem::NotWhole { value: 2.5 })
        );
        let mut s = Scenario::default();
        assert!(posts
            .set(&mut s, Some(9), &FieldValue::Number(2.0))
            .is_err());
        posts.set(&mut s, g, &FieldValue::Number(7.0)).unwrap();
        assert_eq!(s.gateways[0].checkpoint.posts, 7);
    }
}
