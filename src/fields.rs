//! The editable fields of the planner, grouped the way a command centre is
//! organised, each with its allowed range in the engine's terms.

use cordon_engine::dist::Delay;
use cordon_engine::{Gateway, Scenario};

/// A group of fields (a panel of the editor).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    City,
    Gateways,
    Community,
    Quarantine,
    Testing,
    Tracing,
    Hospital,
    Epidemiology,
    Response,
    Timeline,
}

impl Group {
    /// Every group, in display order.
    pub const ALL: [Group; 10] = [
        Group::City,
        Group::Gateways,
        Group::Community,
        Group::Quarantine,
        Group::Testing,
        Group::Tracing,
        Group::Hospital,
        Group::Epidemiology,
        Group::Response,
        Group::Timeline,
    ];

    /// Translation key of the group's title.
    pub fn title_key(self) -> &'static str {
        match self {
            Group::City => "group.city",
            Group::Gateways => "group.gateways",
            Group::Community => "group.community",
            Group::Quarantine => "group.quarantine",
            Group::Testing => "group.testing",
            Group::Tracing => "group.tracing",
            Group::Hospital => "group.hospital",
            Group::Epidemiology => "group.epidemiology",
            Group::Response => "group.response",
            Group::Timeline => "group.timeline",
        }
    }
}

/// Where a field's value lives.
#[derive(Clone, Copy)]
pub enum Target {
    /// In the scenario itself.
    Scenario(fn(&Scenario) -> f64, fn(&mut Scenario, f64)),
    /// In each gateway.
    Gateway(fn(&Gateway) -> f64, fn(&mut Gateway, f64)),
}

/// A numeric field.
#[derive(Clone, Copy)]
pub struct FieldSpec {
    /// Translation key of the label; also the field's identifier.
    pub key: &'static str,
    pub group: Group,
    /// Allowed range in engine units.
    pub min: f64,
    pub max: f64,
    /// Whole numbers only.
    pub integer: bool,
    /// Shown as a percentage (engine value × 100).
    pub percent: bool,
    /// Shown in the group's advanced section.
    pub advanced: bool,
    pub target: Target,
}

impl FieldSpec {
    /// Multiplier from engine units to display units.
    pub fn scale(&self) -> f64 {
        if self.percent {
            100.0
        } else {
            1.0
        }
    }

    /// The value shown in the input.
    pub fn display(&self, scenario: &Scenario, gateway: Option<usize>) -> String {
        let value = match (self.target, gateway) {
            (Target::Scenario(get, _), _) => get(scenario),
            (Target::Gateway(get, _), Some(g)) => scenario.gateways.get(g).map(get).unwrap_or(0.0),
            (Target::Gateway(..), None) => 0.0,
        } * self.scale();
        format_input(value)
    }

    /// Sets the field (value in engine units, already checked).
    pub fn set(&self, scenario: &mut Scenario, gateway: Option<usize>, value: f64) {
        match (self.target, gateway) {
            (Target::Scenario(_, set), _) => set(scenario, value),
            (Target::Gateway(_, set), Some(g)) => {
                if let Some(gateway) = scenario.gateways.get_mut(g) {
                    set(gateway, value);
                }
            }
            (Target::Gateway(..), None) => {}
        }
    }
}

/// A number as typed into an input: no exponent, no trailing zeros.
pub fn format_input(value: f64) -> String {
    if value == value.round() && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.6}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Why typed text is not accepted.
#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    NotANumber,
    NotWhole,
    OutOfRange { min: f64, max: f64 },
}

/// Parses typed text (display units) into an engine value.
pub fn parse_input(spec: &FieldSpec, text: &str) -> Result<f64, InputError> {
    // Full-width digits and signs (typed with a Chinese input method) count
    // as their ASCII forms; 万 and 亿 are multipliers (63万 = 630,000).
    let mut cleaned = String::new();
    for c in text.trim().chars() {
        match c {
            '０'..='９' => cleaned.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '．' | '。' => cleaned.push('.'),
            '－' => cleaned.push('-'),
            '＋' => cleaned.push('+'),
            ',' | '，' | ' ' | '\u{3000}' => {}
            other => cleaned.push(other),
        }
    }
    let (number, multiplier) = if let Some(n) = cleaned.strip_suffix('万') {
        (n, 10_000.0)
    } else if let Some(n) = cleaned.strip_suffix('亿') {
        (n, 100_000_000.0)
    } else {
        (cleaned.as_str(), 1.0)
    };
    let shown: f64 = number.parse::<f64>().map_err(|_| InputError::NotANumber)? * multiplier;
    if !shown.is_finite() {
        return Err(InputError::NotANumber);
    }
    let value = shown / spec.scale();
    if spec.integer && value != value.round() {
        return Err(InputError::NotWhole);
    }
    if value < spec.min || value > spec.max {
        return Err(InputError::OutOfRange {
            min: spec.min * spec.scale(),
            max: spec.max * spec.scale(),
        });
    }
    Ok(value)
}

macro_rules! scenario_field {
    ($key:literal, $group:expr, $min:expr, $max:expr, $integer:expr, $percent:expr, |$s:ident| $path:expr) => {
        FieldSpec {
            key: $key,
            group: $group,
            min: $min,
            max: $max,
            integer: $integer,
            percent: $percent,
            advanced: false,
            target: Target::Scenario(
                |$s: &Scenario| ($path) as f64,
                |$s: &mut Scenario, v: f64| $path = v as _,
            ),
        }
    };
}

macro_rules! gateway_field {
    ($key:literal, $min:expr, $max:expr, $integer:expr, $percent:expr, |$g:ident| $path:expr) => {
        FieldSpec {
            key: $key,
            group: Group::Gateways,
            min: $min,
            max: $max,
            integer: $integer,
            percent: $percent,
            advanced: false,
            target: Target::Gateway(
                |$g: &Gateway| ($path) as f64,
                |$g: &mut Gateway, v: f64| $path = v as _,
            ),
        }
    };
}

/// The same field, in the group's advanced section.
const fn advanced(spec: FieldSpec) -> FieldSpec {
    FieldSpec {
        advanced: true,
        ..spec
    }
}

fn delay_mean_sd(delay: &Delay) -> (f64, f64) {
    (delay.mean(), delay.sd())
}

/// Which parameter of a delay a field edits.
#[derive(Clone, Copy)]
enum DelayPart {
    Mean,
    Sd,
}

fn delay_part(delay: &Delay, part: DelayPart) -> f64 {
    let (mean, sd) = delay_mean_sd(delay);
    match part {
        DelayPart::Mean => mean,
        DelayPart::Sd => sd,
    }
}

/// Sets the mean or standard deviation of a delay, keeping its family
/// (a Weibull becomes a gamma with the same mean and deviation).
fn set_delay_part(delay: &mut Delay, part: DelayPart, value: f64) {
    let (mut mean, mut sd) = delay_mean_sd(delay);
    match part {
        DelayPart::Mean => mean = value,
        DelayPart::Sd => sd = value,
    }
    *delay = match *delay {
        Delay::LogNormal { .. } => Delay::LogNormal { mean, sd },
        _ => Delay::Gamma { mean, sd },
    };
}

/// The mean or standard deviation of one of the epidemiology's delays.
macro_rules! delay_field {
    ($key:literal, $min:expr, $delay:ident, $part:ident) => {
        FieldSpec {
            key: $key,
            group: Group::Epidemiology,
            min: $min,
            max: 60.0,
            integer: false,
            percent: false,
            advanced: true,
            target: Target::Scenario(
                |s| delay_part(&s.epidemiology.$delay, DelayPart::$part),
                |s, v| set_delay_part(&mut s.epidemiology.$delay, DelayPart::$part, v),
            ),
        }
    };
}

/// Every numeric field, in display order within its group.
pub const FIELDS: &[FieldSpec] = &[
    scenario_field!(
        "field.population",
        Group::City,
        1.0,
        100_000_000.0,
        true,
        false,
        |s| s.city.population
    ),
    scenario_field!(
        "field.household_size",
        Group::City,
        1.0,
        10.0,
        false,
        false,
        |s| s.city.household_size
    ),
    gateway_field!(
        "field.arrivals_per_day",
        0.0,
        10_000_000.0,
        false,
        false,
        |g| g.arrivals_per_day
    ),
    gateway_field!("field.risk_area_share", 0.0, 1.0, false, true, |g| g
        .risk_area_share),
    gateway_field!("field.prevalence_risk_area", 0.0, 1.0, false, true, |g| g
        .prevalence_risk_area),
    gateway_field!("field.prevalence_elsewhere", 0.0, 1.0, false, true, |g| g
        .prevalence_elsewhere),
    gateway_field!("field.posts", 0.0, 10_000.0, true, false, |g| g
        .checkpoint
        .posts),
    gateway_field!("field.staff_per_shift", 0.0, 100_000.0, true, false, |g| g
        .checkpoint
        .staff_per_shift),
    gateway_field!("field.shifts", 0.0, 24.0, true, false, |g| g
        .checkpoint
        .shifts),
    gateway_field!("field.shift_hours", 0.5, 24.0, false, false, |g| g
        .checkpoint
        .shift_hours),
    gateway_field!(
        "field.inspections_per_staff_hour",
        0.0,
        3_600.0,
        false,
        false,
        |g| g.checkpoint.inspections_per_staff_hour
    ),
    scenario_field!(
        "field.grid_workers",
        Group::Community,
        0.0,
        10_000_000.0,
        true,
        false,
        |s| s.community.grid_workers
    ),
    scenario_field!(
        "field.visits_per_worker_per_day",
        Group::Community,
        0.0,
        200.0,
        false,
        false,
        |s| s.community.visits_per_worker_per_day
    ),
    scenario_field!(
        "field.self_report_share",
        Group::Community,
        0.0,
        1.0,
        false,
        true,
        |s| s.community.self_report_share
    ),
    scenario_field!(
        "field.visits_per_watched_household",
        Group::Community,
        0.0,
        24.0,
        false,
        false,
        |s| s.community.visits_per_watched_household
    ),
    scenario_field!(
        "field.rooms",
        Group::Quarantine,
        0.0,
        10_000_000.0,
        true,
        false,
        |s| s.quarantine.rooms
    ),
    scenario_field!(
        "field.sites",
        Group::Quarantine,
        0.0,
        100_000.0,
        true,
        false,
        |s| s.quarantine.sites
    ),
    scenario_field!(
        "field.quarantine_days",
        Group::Quarantine,
        1.0,
        60.0,
        true,
        false,
        |s| s.quarantine.days
    ),
    scenario_field!(
        "field.home_compliance",
        Group::Quarantine,
        0.0,
        1.0,
        false,
        true,
        |s| s.quarantine.home_compliance
    ),
    scenario_field!(
        "field.sampling_staff",
        Group::Testing,
        0.0,
        10_000_000.0,
        true,
        false,
        |s| s.testing.sampling_staff
    ),
    scenario_field!(
        "field.samples_per_staff_per_day",
        Group::Testing,
        0.0,
        10_000.0,
        false,
        false,
        |s| s.testing.samples_per_staff_per_day
    ),
    scenario_field!(
        "field.lab_tests_per_day",
        Group::Testing,
        0.0,
        100_000_000.0,
        true,
        false,
        |s| s.testing.lab_tests_per_day
    ),
    scenario_field!(
        "field.pool_size",
        Group::Testing,
        1.0,
        50.0,
        true,
        false,
        |s| s.testing.pool_size
    ),
    scenario_field!(
        "field.turnaround_days",
        Group::Testing,
        0.0,
        14.0,
        true,
        false,
        |s| s.testing.turnaround_days
    ),
    scenario_field!(
        "field.mass_rounds",
        Group::Testing,
        0.0,
        100.0,
        true,
        false,
        |s| s.testing.mass_testing.rounds
    ),
    scenario_field!(
        "field.screening_per_day",
        Group::Testing,
        0.0,
        100_000_000.0,
        true,
        false,
        |s| s.testing.routine_screening.people_per_day
    ),
    scenario_field!(
        "field.tracing_teams",
        Group::Tracing,
        0.0,
        100_000.0,
        true,
        false,
        |s| s.tracing.teams
    ),
    scenario_field!(
        "field.tracing_staff",
        Group::Tracing,
        0.0,
        10_000_000.0,
        true,
        false,
        |s| s.tracing.staff
    ),
    scenario_field!(
        "field.cases_per_staff_per_day",
        Group::Tracing,
        0.0,
        100.0,
        false,
        false,
        |s| s.tracing.cases_per_staff_per_day
    ),
    scenario_field!(
        "field.close_contacts_per_case",
        Group::Tracing,
        0.0,
        10_000.0,
        false,
        false,
        |s| s.tracing.close_contacts_per_case
    ),
    scenario_field!(
        "field.beds",
        Group::Hospital,
        0.0,
        10_000_000.0,
        true,
        false,
        |s| s.hospital.beds
    ),
    scenario_field!(
        "field.stay_days",
        Group::Hospital,
        1.0,
        90.0,
        true,
        false,
        |s| s.hospital.stay_days
    ),
    scenario_field!(
        "field.r0",
        Group::Epidemiology,
        0.0,
        30.0,
        false,
        false,
        |s| s.epidemiology.r0
    ),
    scenario_field!(
        "field.dispersion_k",
        Group::Epidemiology,
        0.01,
        1_000_000.0,
        false,
        false,
        |s| s.epidemiology.dispersion_k
    ),
    scenario_field!(
        "field.asymptomatic_share",
        Group::Epidemiology,
        0.0,
        1.0,
        false,
        true,
        |s| s.epidemiology.asymptomatic_share
    ),
    scenario_field!(
        "field.baseline_contact_factor",
        Group::Response,
        0.0,
        1.0,
        false,
        true,
        |s| s.response.baseline_contact_factor
    ),
    scenario_field!(
        "field.zones_contact_factor",
        Group::Response,
        0.0,
        1.0,
        false,
        true,
        |s| s.response.zones.contact_factor
    ),
    scenario_field!(
        "field.days",
        Group::Response,
        1.0,
        730.0,
        true,
        false,
        |s| s.days
    ),
    scenario_field!(
        "field.runs",
        Group::Response,
        1.0,
        100_000.0,
        true,
        false,
        |s| s.runs
    ),
    scenario_field!(
        "field.seed",
        Group::Response,
        0.0,
        9_007_199_254_740_991.0,
        true,
        false,
        |s| s.seed
    ),
    advanced(scenario_field!(
        "field.initial_infections",
        Group::City,
        0.0,
        1_000_000.0,
        true,
        false,
        |s| s.initial_infections
    )),
    advanced(gateway_field!(
        "field.health_code_flag_probability",
        0.0,
        1.0,
        false,
        true,
        |g| g.checkpoint.checks.health_code_flag_probability
    )),
    advanced(gateway_field!(
        "field.travel_record_flag_probability",
        0.0,
        1.0,
        false,
        true,
        |g| g.checkpoint.checks.travel_record_flag_probability
    )),
    advanced(gateway_field!(
        "field.thermometer_sensitivity",
        0.0,
        1.0,
        false,
        true,
        |g| g.checkpoint.checks.thermometer_sensitivity
    )),
    advanced(scenario_field!(
        "field.sweep_find_probability",
        Group::Community,
        0.0,
        1.0,
        false,
        true,
        |s| s.community.sweep_find_probability
    )),
    advanced(scenario_field!(
        "field.symptom_find_probability",
        Group::Community,
        0.0,
        1.0,
        false,
        true,
        |s| s.community.symptom_find_probability
    )),
    advanced(scenario_field!(
        "field.sweep_window_days",
        Group::Community,
        0.0,
        60.0,
        true,
        false,
        |s| s.community.sweep_window_days
    )),
    advanced(scenario_field!(
        "field.centralised_effectiveness",
        Group::Quarantine,
        0.0,
        1.0,
        false,
        true,
        |s| s.quarantine.centralised_effectiveness
    )),
    advanced(scenario_field!(
        "field.unmonitored_home_compliance",
        Group::Quarantine,
        0.0,
        1.0,
        false,
        true,
        |s| s.quarantine.unmonitored_home_compliance
    )),
    advanced(scenario_field!(
        "field.peak_sensitivity",
        Group::Testing,
        0.0,
        1.0,
        false,
        true,
        |s| s.testing.peak_sensitivity
    )),
    advanced(scenario_field!(
        "field.detectable_from_day",
        Group::Testing,
        0.0,
        30.0,
        false,
        false,
        |s| s.testing.detectable_from_day
    )),
    advanced(scenario_field!(
        "field.peak_day",
        Group::Testing,
        0.0,
        60.0,
        false,
        false,
        |s| s.testing.peak_day
    )),
    advanced(scenario_field!(
        "field.detectable_until_day",
        Group::Testing,
        1.0,
        90.0,
        false,
        false,
        |s| s.testing.detectable_until_day
    )),
    advanced(scenario_field!(
        "field.presentation_share",
        Group::Testing,
        0.0,
        1.0,
        false,
        true,
        |s| s.testing.fever_clinic.presentation_share
    )),
    advanced(scenario_field!(
        "field.risk_enrichment",
        Group::Testing,
        0.0,
        100.0,
        false,
        false,
        |s| s.testing.routine_screening.risk_enrichment
    )),
    advanced(scenario_field!(
        "field.mass_trigger",
        Group::Testing,
        1.0,
        1_000_000.0,
        true,
        false,
        |s| s.testing.mass_testing.trigger_local_cases
    )),
    advanced(scenario_field!(
        "field.mass_interval",
        Group::Testing,
        1.0,
        60.0,
        true,
        false,
        |s| s.testing.mass_testing.interval_days
    )),
    advanced(scenario_field!(
        "field.participation",
        Group::Testing,
        0.0,
        1.0,
        false,
        true,
        |s| s.testing.mass_testing.participation
    )),
    advanced(scenario_field!(
        "field.secondary_per_close_contact",
        Group::Tracing,
        0.0,
        1_000.0,
        false,
        false,
        |s| s.tracing.secondary_per_close_contact
    )),
    advanced(scenario_field!(
        "field.household_find_probability",
        Group::Tracing,
        0.0,
        1.0,
        false,
        true,
        |s| s.tracing.household_find_probability
    )),
    advanced(scenario_field!(
        "field.other_find_probability",
        Group::Tracing,
        0.0,
        1.0,
        false,
        true,
        |s| s.tracing.other_find_probability
    )),
    advanced(scenario_field!(
        "field.source_find_probability",
        Group::Tracing,
        0.0,
        1.0,
        false,
        true,
        |s| s.tracing.source_find_probability
    )),
    advanced(scenario_field!(
        "field.home_isolation_effectiveness",
        Group::Hospital,
        0.0,
        1.0,
        false,
        true,
        |s| s.hospital.home_isolation_effectiveness
    )),
    advanced(scenario_field!(
        "field.asymptomatic_relative_infectiousness",
        Group::Epidemiology,
        0.0,
        2.0,
        false,
        false,
        |s| s.epidemiology.asymptomatic_relative_infectiousness
    )),
    advanced(scenario_field!(
        "field.fever_share",
        Group::Epidemiology,
        0.0,
        1.0,
        false,
        true,
        |s| s.epidemiology.fever_share
    )),
    advanced(scenario_field!(
        "field.household_share",
        Group::Epidemiology,
        0.0,
        1.0,
        false,
        true,
        |s| s.epidemiology.household_share
    )),
    advanced(scenario_field!(
        "field.max_infection_age_on_arrival",
        Group::Epidemiology,
        0.0,
        30.0,
        false,
        false,
        |s| s.epidemiology.max_infection_age_on_arrival
    )),
    advanced(scenario_field!(
        "field.infection_limit",
        Group::Response,
        100.0,
        10_000_000.0,
        true,
        false,
        |s| s.infection_limit
    )),
    delay_field!("field.gi_mean", 0.1, generation_interval, Mean),
    delay_field!("field.gi_sd", 0.05, generation_interval, Sd),
    delay_field!("field.incubation_mean", 0.1, incubation, Mean),
    delay_field!("field.incubation_sd", 0.05, incubation, Sd),
    advanced(scenario_field!(
        "field.zones_trigger",
        Group::Response,
        1.0,
        1_000_000.0,
        true,
        false,
        |s| s.response.zones.trigger_local_cases
    )),
    advanced(scenario_field!(
        "field.zones_duration",
        Group::Response,
        0.0,
        365.0,
        true,
        false,
        |s| s.response.zones.duration_days
    )),
];

/// The field with this key.
pub fn field(key: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.key == key)
}

/// Identifier of a field instance: the key, prefixed by the gateway index for gateway fields.
pub fn field_id(key: &str, gateway: Option<usize>) -> String {
    match gateway {
        Some(g) => format!("g{g}.{key}"),
        None => key.to_string(),
    }
}

/// Splits an identifier into the field and its gateway.
pub fn parse_field_id(id: &str) -> Option<(&'static FieldSpec, Option<usize>)> {
    if let Some(rest) = id.strip_prefix('g') {
        if let Some((index, key)) = rest.split_once('.') {
            if let Ok(g) = index.parse::<usize>() {
                return field(key).map(|f| (f, Some(g)));
            }
        }
    }
    field(id).map(|f| (f, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_round_trips_and_is_valid_at_its_bounds() {
        let scenario = Scenario::default();
        for spec in FIELDS {
            let gateway = matches!(spec.target, Target::Gateway(..)).then_some(0);
            let shown = spec.display(&scenario, gateway);
            let parsed =
                parse_input(spec, &shown).unwrap_or_else(|e| panic!("{}: {e:?}", spec.key));
            let mut copy = scenario.clone();
            spec.set(&mut copy, gateway, parsed);
            assert_eq!(copy, scenario, "{}", spec.key);
            // The engine accepts the field's own bounds.
            for bound in [spec.min, spec.max] {
                let mut s = scenario.clone();
                spec.set(&mut s, gateway, bound);
                if let Err(errors) = cordon_engine::validate(&s) {
                    // Cross-field rules may object (ordering of the sensitivity curve,
                    // infections vs population); a field's own range must not.
                    for e in errors.0 {
                        assert!(
                            matches!(e.problem, cordon_engine::Problem::MustExceed { .. })
                                || e.path.contains("initial_infections"),
                            "{} at {bound}: {e}",
                            spec.key
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn bad_input_is_explained() {
        let posts = field("field.posts").unwrap();
        assert_eq!(parse_input(posts, "abc"), Err(InputError::NotANumber));
        assert_eq!(parse_input(posts, "2.5"), Err(InputError::NotWhole));
        assert_eq!(
            parse_input(posts, "-1"),
            Err(InputError::OutOfRange {
                min: 0.0,
                max: 10_000.0
            })
        );
        assert_eq!(parse_input(posts, "1,200"), Ok(1200.0));
        assert_eq!(parse_input(posts, "１２００"), Ok(1200.0));
        let population = field("field.population").unwrap();
        assert_eq!(parse_input(population, "63万"), Ok(630_000.0));
        assert_eq!(parse_input(population, "0.2亿"), Ok(20_000_000.0));
        let share = field("field.risk_area_share").unwrap();
        assert_eq!(parse_input(share, "5"), Ok(0.05));
        assert_eq!(
            parse_input(share, "150"),
            Err(InputError::OutOfRange {
                min: 0.0,
                max: 100.0
            })
        );
        assert_eq!(
            parse_field_id("g2.field.posts").map(|(f, g)| (f.key, g)),
            Some(("field.posts", Some(2)))
        );
    }
}
