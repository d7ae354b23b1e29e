//! The page's pure text: capacity sentences, timeline events in words (and
//! whether a change bound), gateway and resource names, the "add event"
//! form's parsing, and the charts' day-axis arithmetic (days from 1).
//!
//! Nothing here touches the browser, so it compiles natively and is
//! unit-tested without one; the components in `src/components/` call it.

use crate::i18n::{number, percent, t, tf, whole_amount, Lang};
use cordon_engine::fields::Section;
use cordon_engine::{
    change_kind, Capacity, Change, ChangeInputs, ChangeNumber, Gateway, GatewayKind,
    GatewayResults, NumberKind, Problem, Resource, Results, Scenario, Series, Supply,
    TimelineEvent, SUPPLY_STANDARD_DAYS,
};

/// A gateway kind's name.
pub fn kind_name(lang: Lang, kind: GatewayKind) -> &'static str {
    use GatewayKind::*;
    match (lang, kind) {
        (Lang::Zh, RailStation) => "火车站",
        (Lang::Zh, CoachStation) => "汽车站",
        (Lang::Zh, HighwayExit) => "高速路口",
        (Lang::Zh, Airport) => "机场",
        (Lang::Zh, Port) => "港口",
        (Lang::Zh, RoadEntrance) => "道路卡口",
        (Lang::En, RailStation) => "Rail station",
        (Lang::En, CoachStation) => "Coach station",
        (Lang::En, HighwayExit) => "Highway exit",
        (Lang::En, Airport) => "Airport",
        (Lang::En, Port) => "Port",
        (Lang::En, RoadEntrance) => "Road entrance",
    }
}

/// How many places a gateway's name says it stands for: the `6` of
/// "Highway exits (6)".
fn place_count(name: &str) -> Option<&str> {
    let inner = name.trim_end().strip_suffix(')')?;
    let (_, count) = inner.rsplit_once('(')?;
    (!count.is_empty() && count.chars().all(|c| c.is_ascii_digit())).then_some(count)
}

/// A gateway's title: its number from 1 and its name, or its kind when it
/// has no name. In Chinese an English (ASCII) name, as the presets' are,
/// gives way to the kind, keeping the count of places ("高速路口（6）");
/// a name typed in Chinese is shown as typed.
pub fn gateway_name(lang: Lang, gateway: &Gateway, index: usize) -> String {
    gateway_title(lang, gateway.kind, &gateway.name, index)
}

/// [`gateway_name`] from a gateway's kind and name (as the results carry them).
pub fn gateway_title(lang: Lang, kind: GatewayKind, name: &str, index: usize) -> String {
    let kind = kind_name(lang, kind);
    let name = name.trim();
    if name.is_empty() {
        format!("{} · {}", index + 1, kind)
    } else if lang == Lang::Zh && name.is_ascii() {
        match place_count(name) {
            Some(count) => format!("{} · {}（{}）", index + 1, kind, count),
            None => format!("{} · {}", index + 1, kind),
        }
    } else {
        format!("{} · {}", index + 1, name)
    }
}

/// The day of the horizon with the most arrivals at a gateway (the worst
/// day of its wave; the first such day) and its arrivals multiplier.
pub fn busiest_day(scenario: &Scenario, gateway: &Gateway) -> (u32, f64) {
    (0..scenario.days.max(1))
        .map(|day| (day, cordon_engine::plan::profile_multiplier(gateway, day)))
        .fold((0, f64::NEG_INFINITY), |best, (day, m)| {
            if m > best.1 {
                (day, m)
            } else {
                best
            }
        })
}

/// The checkpoint of gateway `g`: checks an hour at full staffing against
/// arrivals in the busiest hour of the busiest day (with an arrivals wave,
/// the wave's worst day, named).
pub fn checkpoint_capacity(lang: Lang, scenario: &Scenario, g: usize) -> String {
    let gateway = &scenario.gateways[g];
    let cp = &gateway.checkpoint;
    let capacity = f64::from(cp.posts.min(cp.staff_per_shift)) * cp.inspections_per_staff_hour;
    let (day, multiplier) = busiest_day(scenario, gateway);
    let peak = cordon_engine::checkpoint::hourly_shares(cp.hourly_profile)
        .iter()
        .copied()
        .fold(0.0, f64::max)
        * gateway.arrivals_per_day
        * multiplier;
    let plain = cordon_engine::plan::profile_multiplier(gateway, 0) == multiplier;
    let mut args = vec![
        ("capacity", number(lang, capacity)),
        ("peak", number(lang, peak.round())),
    ];
    if plain {
        tf(lang, "cap.checkpoint", &args)
    } else {
        args.push(("day", day_number(day as usize)));
        tf(lang, "cap.checkpoint_wave", &args)
    }
}

/// One gateway's checkpoint verdict in a sentence: how often and from which
/// day it is short, or that it never is.
pub fn gateway_verdict(lang: Lang, g: &GatewayResults) -> String {
    let name = gateway_title(lang, g.kind, &g.name, g.gateway);
    match g.median_first_short_day {
        Some(day) if g.p_short > 0.0 => tf(
            lang,
            "verdict.gateway_short",
            &[
                ("gateway", name),
                // The engine counts days from 0, people from day 1.
                ("day", number(lang, day.round() + 1.0)),
                ("p", percent(g.p_short)),
            ],
        ),
        _ => tf(lang, "verdict.gateway_enough", &[("gateway", name)]),
    }
}

/// What an editor group's resources can handle, in one sentence (none for
/// gateways, the timeline and the response).
pub fn group_capacity(lang: Lang, s: &Scenario, group: Section) -> Option<String> {
    let text = match group {
        Section::City => tf(
            lang,
            "cap.city",
            &[("households", number(lang, s.households().round()))],
        ),
        Section::Community => {
            let visits =
                f64::from(s.community.grid_workers) * s.community.visits_per_worker_per_day;
            let days = if visits > 0.0 {
                s.households() / visits
            } else {
                f64::INFINITY
            };
            tf(
                lang,
                "cap.grid",
                &[
                    ("workers", number(lang, f64::from(s.community.grid_workers))),
                    ("days", number(lang, (days * 10.0).round() / 10.0)),
                ],
            )
        }
        Section::Quarantine => {
            let rooms = s.quarantine.room_capacity();
            tf(
                lang,
                "cap.quarantine",
                &[
                    ("rooms", number(lang, rooms)),
                    (
                        "per_day",
                        number(lang, (rooms / f64::from(s.quarantine.days)).floor()),
                    ),
                    ("days", s.quarantine.days.to_string()),
                ],
            )
        }
        Section::Testing => {
            let throughput = s.testing.round_throughput();
            let participants = s.city.population as f64 * s.testing.mass_testing.participation;
            let days = if throughput > 0.0 {
                participants / throughput
            } else {
                f64::INFINITY
            };
            tf(
                lang,
                "cap.testing",
                &[
                    ("days", number(lang, (days * 10.0).round() / 10.0)),
                    ("throughput", number(lang, throughput.round())),
                ],
            )
        }
        Section::Tracing => {
            let cases = s.tracing.cases_per_day();
            tf(
                lang,
                "cap.tracing",
                &[("cases", number(lang, (cases * 10.0).round() / 10.0))],
            )
        }
        Section::Hospital => {
            let beds = s.hospital.bed_capacity();
            tf(
                lang,
                "cap.hospital",
                &[
                    ("beds", number(lang, beds)),
                    (
                        "per_day",
                        number(
                            lang,
                            (beds / f64::from(s.hospital.stay_days) * 10.0).round() / 10.0,
                        ),
                    ),
                    ("days", s.hospital.stay_days.to_string()),
                ],
            )
        }
        Section::Epidemiology => {
            let e = &s.epidemiology;
            let r = e.r0
                * (e.household_share
                    + (1.0 - e.household_share) * s.response.baseline_contact_factor);
            tf(
                lang,
                "cap.epidemiology",
                &[("r", number(lang, (r * 10.0).round() / 10.0))],
            )
        }
        Section::Supplies => return supplies_capacity(lang, s),
        Section::Gateways | Section::Timeline | Section::Response => return None,
    };
    Some(text)
}

/// The supply item with the fewest days of stock at full load, against the
/// 30-day standard: "Protective suits: 19 days at full load, below the
/// 30-day standard". Whole days, rounded down (a stock for 29.9 days is
/// short of 30). `None` when full load uses no item.
fn supplies_capacity(lang: Lang, s: &Scenario) -> Option<String> {
    let (supply, days) = Supply::ALL
        .iter()
        .filter_map(|&item| Some((item, s.days_of_stock_at_full_load(item)?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let key = if days >= SUPPLY_STANDARD_DAYS {
        "cap.supplies_meets"
    } else {
        "cap.supplies_below"
    };
    Some(tf(
        lang,
        key,
        &[
            ("item", t(lang, &capacity_key(Capacity::of_supply(supply)))),
            ("days", number(lang, days.floor())),
            ("standard", number(lang, SUPPLY_STANDARD_DAYS)),
        ],
    ))
}

/// The i18n key of a resource's name.
pub fn resource_key(resource: Resource) -> &'static str {
    match resource {
        Resource::CheckpointStaff => "resource.checkpoint_staff",
        Resource::GridWorkers => "resource.grid_workers",
        Resource::QuarantineRooms => "resource.quarantine_rooms",
        Resource::SamplingStaff => "resource.sampling_staff",
        Resource::LabCapacity => "resource.lab_capacity",
        Resource::TracingStaff => "resource.tracing_staff",
        Resource::HospitalBeds => "resource.hospital_beds",
    }
}

/// The i18n key of a capacity's name.
pub fn capacity_key(c: Capacity) -> String {
    format!("capacity.{}", c.key())
}

/// What the city has of a capacity that "how much is needed" covers
/// (infinite when unlimited); `None` for the other capacities.
pub fn capacity_has(scenario: &Scenario, capacity: Capacity) -> Option<f64> {
    match capacity {
        Capacity::QuarantineRooms => Some(scenario.quarantine.room_capacity()),
        Capacity::HospitalBeds => Some(scenario.hospital.bed_capacity()),
        Capacity::Testing => Some(scenario.testing.lab_capacity()),
        Capacity::Tracing if scenario.tracing.unlimited => Some(f64::INFINITY),
        Capacity::Tracing => Some(f64::from(scenario.tracing.staff)),
        Capacity::GridWorkers => Some(f64::from(scenario.community.grid_workers)),
        Capacity::Checkpoint => None,
        _ => capacity
            .supply()
            .map(|supply| scenario.supplies.item(supply).stock),
    }
}

/// How much of a capacity is needed in 90 % and 95 % of runs ("–" each
/// when not computed for this capacity).
pub fn capacity_needed(lang: Lang, results: &Results, capacity: Capacity) -> (String, String) {
    results
        .needed
        .as_ref()
        .and_then(|n| n.amounts().into_iter().find(|(c, _)| *c == capacity))
        .map(|(_, a)| (whole_amount(lang, a.p90), whole_amount(lang, a.p95)))
        .unwrap_or_else(|| ("–".into(), "–".into()))
}

/// A day of the horizon as planners count it: the engine's day 0 is day 1.
pub fn day_number(day: usize) -> String {
    (day + 1).to_string()
}

/// The top of the y axis: the highest value with headroom for the legend,
/// or 1 when everything is zero (so the axis reads 0–1, not 0–1.3).
pub fn y_top(highest: f64) -> f64 {
    if highest > 0.0 {
        highest * 1.3
    } else {
        1.0
    }
}

/// The engine's day (from 0) nearest to a fraction of the plotting area's
/// width, on a chart of `days` days drawn from day 1 to day `days`.
pub fn day_at(fraction: f64, days: usize) -> Option<usize> {
    let span = days.saturating_sub(1).max(1) as f64;
    let day = (fraction * span).round();
    (day >= 0.0 && (day as usize) < days).then_some(day as usize)
}

/// A number of days as an event's text puts it: English says "1 day" and
/// "3 days", the Chinese templates carry 天 themselves.
fn days_text(lang: Lang, days: u32) -> String {
    match lang {
        Lang::En if days == 1 => "1 day".to_string(),
        Lang::En => format!("{days} days"),
        Lang::Zh => days.to_string(),
    }
}

/// An event in words, its day counted from 1.
pub fn describe_event(lang: Lang, scenario: &Scenario, event: &TimelineEvent) -> String {
    let day = day_number(event.day as usize);
    let text = match &event.change {
        Change::InfectedArrival {
            gateway,
            count,
            unnoticed,
        } => {
            let name = scenario
                .gateways
                .get(*gateway as usize)
                .map(|g| gateway_name(lang, g, *gateway as usize))
                .unwrap_or_else(|| format!("#{}", gateway + 1));
            // English says "1 infected traveller arrives", "3 … arrive".
            let key = match (*unnoticed, *count == 1 && lang == Lang::En) {
                (true, false) => "event.infected_arrival_unnoticed",
                (true, true) => "event.infected_arrival_unnoticed_one",
                (false, false) => "event.infected_arrival",
                (false, true) => "event.infected_arrival_one",
            };
            tf(
                lang,
                key,
                &[("count", count.to_string()), ("gateway", name)],
            )
        }
        Change::LocalInfection { count } => tf(
            lang,
            if *count == 1 && lang == Lang::En {
                "event.local_infection_one"
            } else {
                "event.local_infection"
            },
            &[("count", count.to_string())],
        ),
        Change::StaffAbsent { resource, share } => tf(
            lang,
            "event.staff_absent",
            &[
                ("share", percent(*share)),
                ("resource", t(lang, resource_key(*resource))),
            ],
        ),
        Change::SetLevel { resource, level } => tf(
            lang,
            "event.set_level",
            &[
                ("resource", t(lang, resource_key(*resource))),
                ("level", number(lang, *level)),
            ],
        ),
        Change::LabOutage { days } => tf(
            lang,
            "event.lab_outage",
            &[("days", days_text(lang, *days))],
        ),
        Change::QuarantineSiteClosed { rooms } => tf(
            lang,
            "event.site_closed",
            &[("rooms", number(lang, f64::from(*rooms)))],
        ),
        Change::SetContactFactor { factor } => tf(
            lang,
            "event.contact_factor",
            &[("factor", percent(*factor))],
        ),
        Change::DeclareZones { days } => tf(
            lang,
            "event.declare_zones",
            &[("days", days_text(lang, *days))],
        ),
        Change::AddLevel { resource, amount } => tf(
            lang,
            "event.add_level",
            &[
                ("resource", t(lang, resource_key(*resource))),
                ("amount", number(lang, *amount)),
            ],
        ),
        Change::ArrivalSurge {
            gateway,
            factor,
            days,
        } => {
            let name = scenario
                .gateways
                .get(*gateway as usize)
                .map(|g| gateway_name(lang, g, *gateway as usize))
                .unwrap_or_else(|| format!("#{}", gateway + 1));
            tf(
                lang,
                "event.arrival_surge",
                &[
                    ("gateway", name),
                    ("factor", number(lang, *factor)),
                    ("days", days_text(lang, *days)),
                ],
            )
        }
        Change::MassTesting { rounds } => tf(
            lang,
            "event.mass_testing",
            &[("rounds", rounds.to_string())],
        ),
    };
    tf(lang, "event.on_day", &[("day", day), ("what", text)])
}

/// The resource an event changes (staff absent, a set level, a laboratory
/// outage, a quarantine site closed), or none (arrivals, infections,
/// contacts, zones).
pub fn event_resource(change: &Change) -> Option<Resource> {
    match change {
        Change::StaffAbsent { resource, .. }
        | Change::SetLevel { resource, .. }
        | Change::AddLevel { resource, .. } => Some(*resource),
        Change::LabOutage { .. } => Some(Resource::LabCapacity),
        Change::QuarantineSiteClosed { .. } => Some(Resource::QuarantineRooms),
        Change::InfectedArrival { .. }
        | Change::LocalInfection { .. }
        | Change::SetContactFactor { .. }
        | Change::DeclareZones { .. }
        | Change::ArrivalSurge { .. }
        | Change::MassTesting { .. } => None,
    }
}

/// The highest use of a capacity over the horizon: on each day, the 95th
/// percentile of what was needed over the median capacity that day (so a
/// day an event cut the capacity counts at its cut level). Infinite when
/// something was needed on a day with no capacity; none when the capacity
/// is unlimited on every day or nothing is recorded.
pub fn peak_use(results: &Results, needed: Series, capacity: Series) -> Option<f64> {
    let needed = &results.band(needed).p95;
    let capacity = &results.band(capacity).p50;
    needed
        .iter()
        .zip(capacity)
        .filter(|(_, c)| c.is_finite())
        .filter_map(|(n, c)| {
            let (n, c) = (f64::from(*n), f64::from(*c));
            if !n.is_finite() {
                None
            } else if c > 0.0 {
                Some(n / c)
            } else if n > 0.0 {
                Some(f64::INFINITY)
            } else {
                Some(0.0)
            }
        })
        .reduce(f64::max)
}

/// Why an event that changes a resource made no difference: the resource
/// never binds in these results ("Sampling staff: not a limit in this
/// scenario, peak use 41% of capacity"). None when it binds, when the
/// event changes no resource, or when the results cannot tell (checkpoint
/// inspectors, whose limit is per gateway and hour).
pub fn unbound_hint(
    lang: Lang,
    scenario: &Scenario,
    results: &Results,
    event: &TimelineEvent,
) -> Option<String> {
    let resource = event_resource(&event.change)?;
    let name = t(lang, resource_key(resource));
    let use_hint = |peak: f64| {
        (peak < 1.0).then(|| {
            tf(
                lang,
                "event.unbound_use",
                &[("resource", name.clone()), ("use", percent(peak))],
            )
        })
    };
    match resource {
        Resource::QuarantineRooms => use_hint(peak_use(
            results,
            Series::RoomsNeeded,
            Series::RoomsCapacity,
        )?),
        Resource::HospitalBeds => {
            use_hint(peak_use(results, Series::BedsNeeded, Series::BedsCapacity)?)
        }
        Resource::LabCapacity => use_hint(peak_use(
            results,
            Series::TestsNeeded,
            Series::TestsCapacity,
        )?),
        Resource::GridWorkers => use_hint(
            results
                .band(Series::GridUtilisation)
                .p95
                .iter()
                .map(|v| f64::from(*v))
                .filter(|v| v.is_finite())
                .reduce(f64::max)?,
        ),
        Resource::TracingStaff => {
            let waited = results
                .band(Series::TracingBacklog)
                .p95
                .iter()
                .any(|v| *v >= 0.5);
            (!waited).then(|| tf(lang, "event.unbound_tracing", &[("resource", name.clone())]))
        }
        Resource::SamplingStaff => (!scenario.testing.mass_testing.enabled).then(|| {
            tf(
                lang,
                "event.unbound_sampling",
                &[("resource", name.clone())],
            )
        }),
        Resource::CheckpointStaff => None,
    }
}

/// The translation key of a change number's label on the add-event form:
/// `event.field.percent` for a share (typed in percent), else
/// `event.field.<name>`.
pub fn number_label_key(number: &ChangeNumber) -> String {
    match number.kind {
        NumberKind::Share => "event.field.percent".to_string(),
        NumberKind::Whole | NumberKind::Real => format!("event.field.{}", number.name),
    }
}

/// A change's numbers as the add-event form shows them (shares in
/// percent), in its kind's order: the form starts with those of
/// `kind.change(&kind.default_inputs())`.
pub fn form_numbers(change: &Change) -> Vec<String> {
    let kind = change.kind();
    kind.numbers
        .iter()
        .zip(change.inputs().numbers)
        .map(|(number, value)| match number.kind {
            NumberKind::Share => format!("{}", (value * 100.0 * 1e9).round() / 1e9),
            NumberKind::Whole | NumberKind::Real => format!("{value}"),
        })
        .collect()
}

/// What the "add event" form holds, as typed or picked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EventForm<'a> {
    /// The key of one of the engine's [`cordon_engine::CHANGE_KINDS`].
    pub kind: &'a str,
    /// The day, as typed: from 1 (the first simulated day) to the horizon.
    pub day: &'a str,
    /// The kind's numbers as typed, in its order (shares in percent).
    pub numbers: &'a [String],
    /// Index of the chosen gateway (kinds at a gateway).
    pub gateway: usize,
    /// Index into [`Resource::ALL`] (kinds of a resource).
    pub resource: usize,
    /// The infected arrivals slip through unnoticed.
    pub unnoticed: bool,
}

/// Why the form's event cannot be added.
#[derive(Clone, Debug, PartialEq)]
pub enum EventError {
    /// The day or a number is not a number, or the day is outside the
    /// horizon, 1 to `days` (`event.invalid`, which takes `{days}`: the last day).
    Invalid,
    /// The engine refuses the event (its range, a gateway that does not
    /// exist), with percentages in percent as typed.
    Refused(Problem),
}

/// The form's event for a scenario of `days` days and `gateways` gateways.
/// The form's day counts from 1; the event stores the engine's day, from 0.
/// The kind, its inputs and their ranges are the engine's
/// ([`cordon_engine::change_kinds`], checked by
/// [`cordon_engine::validate::check_event`]), so an event the form accepts
/// is one the engine accepts.
pub fn parse_event(
    form: &EventForm,
    days: u32,
    gateways: usize,
) -> Result<TimelineEvent, EventError> {
    let kind = change_kind(form.kind).ok_or(EventError::Invalid)?;
    let day = form
        .day
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=days).contains(d))
        .ok_or(EventError::Invalid)?;
    let mut numbers = Vec::with_capacity(kind.numbers.len());
    for (i, number) in kind.numbers.iter().enumerate() {
        let typed = form.numbers.get(i).map(String::as_str).unwrap_or_default();
        let value = crate::fields::parse_number(typed)
            .filter(|v| *v >= 0.0)
            .ok_or(EventError::Invalid)?;
        numbers.push(match number.kind {
            NumberKind::Whole if value != value.round() => {
                return Err(EventError::Refused(Problem::NotWhole { value }))
            }
            NumberKind::Share => value / 100.0,
            NumberKind::Whole | NumberKind::Real => value,
        });
    }
    let inputs = ChangeInputs {
        gateway: form.gateway.min(u32::MAX as usize) as u32,
        resource: Resource::ALL[form.resource.min(Resource::ALL.len() - 1)],
        unnoticed: form.unnoticed && kind.may_be_unnoticed,
        numbers,
    };
    let event = TimelineEvent {
        day: day - 1,
        change: kind.change(&inputs),
    };
    first_problem(&event, gateways)
}

/// The engine's first objection to an event (a share's range in percent,
/// as typed), or the event.
fn first_problem(event: &TimelineEvent, gateways: usize) -> Result<TimelineEvent, EventError> {
    let gateways = gateways.min(u32::MAX as usize) as u32;
    let Some(error) = cordon_engine::validate::check_event(event, gateways)
        .into_iter()
        .next()
    else {
        return Ok(event.clone());
    };
    let is_share =
        event.change.kind().numbers.iter().any(|n| {
            n.kind == NumberKind::Share && error.path.strip_prefix("change.") == Some(n.name)
        });
    Err(EventError::Refused(match error.problem {
        Problem::OutOfRange { value, min, max } if is_share => Problem::OutOfRange {
            value: value * 100.0,
            min: min * 100.0,
            max: max * 100.0,
        },
        problem => problem,
    }))
}

/// The share of a symptomatic case's transmission before its onset that
/// the scenario implies, as a sentence (`None` if it cannot be computed).
pub fn presymptomatic_note(lang: Lang, scenario: &Scenario) -> Option<String> {
    let share = cordon_engine::timing::presymptomatic_share(scenario);
    share.is_finite().then(|| {
        tf(
            lang,
            "timing.presymptomatic_implied",
            &[("share", percent(share))],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{HourlyProfile, Variant};

    #[test]
    fn the_presymptomatic_note_follows_the_timing() {
        let mut s = Scenario::default();
        let independent = presymptomatic_note(Lang::En, &s).unwrap();
        assert_eq!(
            independent,
            "Transmission before symptom onset in this scenario: 56.7%"
        );
        s.epidemiology.timing.tied_to_onset = true;
        s.epidemiology.timing.presymptomatic_share = 0.15;
        assert_eq!(
            presymptomatic_note(Lang::Zh, &s).unwrap(),
            "本情景症状出现前传播占比：15%"
        );
    }

    /// One rail station of 2,400 arrivals a day, flat over the hours, four
    /// posts and three inspectors checking 60 an hour.
    fn one_station() -> Scenario {
        let mut s = Scenario::default();
        let mut gateway = Gateway {
            kind: GatewayKind::RailStation,
            name: "North".into(),
            arrivals_per_day: 2400.0,
            ..Gateway::default()
        };
        gateway.checkpoint.posts = 4;
        gateway.checkpoint.staff_per_shift = 3;
        gateway.checkpoint.inspections_per_staff_hour = 60.0;
        gateway.checkpoint.hourly_profile = HourlyProfile::Flat;
        s.gateways = vec![gateway];
        s.days = 60;
        s
    }

    fn form<'a>(kind: &'a str, day: &'a str, numbers: &'a [String]) -> EventForm<'a> {
        EventForm {
            kind,
            day,
            numbers,
            gateway: 0,
            resource: 0,
            unnoticed: false,
        }
    }

    /// One typed number (the form's only one for most kinds).
    fn typed(number: &str) -> Vec<String> {
        vec![number.to_string()]
    }

    #[test]
    fn checkpoint_capacity_in_both_languages() {
        let s = one_station();
        assert_eq!(
            checkpoint_capacity(Lang::En, &s, 0),
            "180 checks an hour at peak staffing against 100 arrivals in the busiest hour"
        );
        assert_eq!(
            checkpoint_capacity(Lang::Zh, &s, 0),
            "满员时每小时可查验 180 人，高峰小时到达 100 人"
        );
    }

    #[test]
    fn checkpoint_capacity_uses_the_waves_worst_day() {
        let s = cordon_engine::presets::holiday_return();
        // Highway exits: 22 posts at 60 an hour; 20,000 a day tripled by the
        // wave from the engine's day 5 (day 6 counted from 1), 6.23 % of
        // them in the busiest road hour.
        let shares =
            cordon_engine::checkpoint::hourly_shares(cordon_engine::scenario::HourlyProfile::Road);
        let peak = (60_000.0 * shares.iter().copied().fold(0.0, f64::max)).round();
        assert_eq!(peak, 3736.0);
        assert_eq!(
            checkpoint_capacity(Lang::En, &s, 2),
            "Day 6, the busiest: 3,736 arrivals in the peak hour against 1,320 checks an hour at peak staffing"
        );
        assert_eq!(
            checkpoint_capacity(Lang::Zh, &s, 2),
            "第 6 天最繁忙：高峰小时到达 3,736 人，满员时每小时可查验 1,320 人"
        );
        // The ordinary day says what it said before.
        let plain = cordon_engine::presets::example_city();
        assert!(checkpoint_capacity(Lang::En, &plain, 2).starts_with("1,320 checks an hour"));
    }

    #[test]
    fn gateway_verdict_names_the_gateway() {
        let mut s = cordon_engine::presets::holiday_return();
        s.runs = 2;
        s.days = 12;
        let r = cordon_engine::run_all(&s).unwrap();
        assert_eq!(
            gateway_verdict(Lang::Zh, &r.gateways[2]),
            format!(
                "3 · 高速路口（6）：{} 的模拟中不足，通常从第 {} 天起",
                percent(1.0),
                number(
                    Lang::Zh,
                    r.gateways[2].median_first_short_day.unwrap() + 1.0
                )
            )
        );
        assert!(gateway_verdict(Lang::En, &r.gateways[2])
            .starts_with("3 · Highway exits (6): short in 100% of runs, typically from day "));
        s.gateways[0].arrivals_per_day = 10.0;
        s.gateways[0].profile.clear();
        let r = cordon_engine::run_all(&s).unwrap();
        assert_eq!(
            gateway_verdict(Lang::En, &r.gateways[0]),
            "1 · Rail station: enough in every run"
        );
    }

    #[test]
    fn group_capacity_sentences() {
        let mut s = one_station();
        s.city.population = 1_000_000;
        s.city.household_size = 2.5;
        s.quarantine.rooms = 1000;
        s.quarantine.unlimited_rooms = false;
        s.quarantine.days = 14;
        assert_eq!(
            group_capacity(Lang::En, &s, Section::City).as_deref(),
            Some("400,000 households")
        );
        assert_eq!(
            group_capacity(Lang::Zh, &s, Section::City).as_deref(),
            Some("40万 户")
        );
        assert_eq!(
            group_capacity(Lang::En, &s, Section::Quarantine).as_deref(),
            Some("1,000 rooms: 71 new arrivals a day for 14 days")
        );
        assert_eq!(
            group_capacity(Lang::Zh, &s, Section::Quarantine).as_deref(),
            Some("1,000 间：可容纳每日新增 71 人、隔离 14 天")
        );
        s.epidemiology.variant = Variant::Custom;
        s.epidemiology.r0 = 4.0;
        s.epidemiology.household_share = 0.5;
        s.response.baseline_contact_factor = 0.5;
        assert_eq!(
            group_capacity(Lang::En, &s, Section::Epidemiology).as_deref(),
            Some("Under routine measures each case infects about 3 others")
        );
        // Supplies: the item with the fewest days at full load.
        let mut s = Scenario::default();
        assert_eq!(
            group_capacity(Lang::En, &s, Section::Supplies).as_deref(),
            Some("Swabs: 30 days at full load, meets the 30-day standard")
        );
        // 19 days of protective suits at full load: 4,370 a day (3,312
        // sampling shifts, 158 tracer shifts at 0.5, 3,695 rooms at 0.2,
        // 60 beds at 4).
        s.supplies.protective_suits.stock = 19.5 * 4_370.0;
        assert_eq!(
            group_capacity(Lang::En, &s, Section::Supplies).as_deref(),
            Some("Protective suits: 19 days at full load, below the 30-day standard")
        );
        assert_eq!(
            group_capacity(Lang::Zh, &s, Section::Supplies).as_deref(),
            Some("防护服：满负荷可用 19 天，低于 30 天标准")
        );
        s.supplies = cordon_engine::Supplies {
            masks: cordon_engine::SupplyItem::default(),
            protective_suits: cordon_engine::SupplyItem::default(),
            goggles: cordon_engine::SupplyItem::default(),
            gloves: cordon_engine::SupplyItem::default(),
            disinfectant_litres: cordon_engine::SupplyItem::default(),
            swabs: cordon_engine::SupplyItem::default(),
            reagent: cordon_engine::SupplyItem::default(),
        };
        assert_eq!(group_capacity(Lang::Zh, &s, Section::Supplies), None);
        for group in [Section::Gateways, Section::Timeline, Section::Response] {
            assert_eq!(group_capacity(Lang::En, &s, group), None);
        }
    }

    #[test]
    fn events_in_words() {
        let s = one_station();
        let arrival = |gateway, unnoticed| TimelineEvent {
            day: 5,
            change: Change::InfectedArrival {
                gateway,
                count: 3,
                unnoticed,
            },
        };
        assert_eq!(
            describe_event(Lang::En, &s, &arrival(0, false)),
            "Day 6: 3 infected travellers arrive at 1 · North"
        );
        // Chinese names a gateway by its kind.
        assert_eq!(
            describe_event(Lang::Zh, &s, &arrival(0, true)),
            "第 6 天：3 名感染者经 1 · 火车站 入城且未被发现"
        );
        // A gateway that no longer exists keeps its number.
        assert_eq!(
            describe_event(Lang::En, &s, &arrival(2, false)),
            "Day 6: 3 infected travellers arrive at #3"
        );
        let absent = TimelineEvent {
            day: 0,
            change: Change::StaffAbsent {
                resource: Resource::TracingStaff,
                share: 0.25,
            },
        };
        assert_eq!(
            describe_event(Lang::En, &s, &absent),
            "Day 1: 25% of Tracing staff off sick"
        );
        assert_eq!(
            describe_event(Lang::Zh, &s, &absent),
            "第 1 天：流调人员 25% 因病缺勤"
        );
    }

    #[test]
    fn days_count_from_one_on_the_axis() {
        assert_eq!(day_number(0), "1");
        assert_eq!(day_number(59), "60");
        // Sixty days drawn from day 1 to day 60: the left edge is the
        // engine's day 0, the right edge its day 59.
        assert_eq!(day_at(0.0, 60), Some(0));
        assert_eq!(day_at(1.0, 60), Some(59));
        assert_eq!(day_at(0.5, 60), Some(30));
        assert_eq!(day_at(-0.2, 60), None);
        assert_eq!(day_at(1.2, 60), None);
        // All zero: a 0–1 axis; otherwise 30% headroom for the legend.
        assert_eq!(y_top(0.0), 1.0);
        assert_eq!(y_top(100.0), 130.0);
    }

    #[test]
    fn capacities_have_and_need() {
        let mut s = Scenario::default();
        assert_eq!(
            capacity_has(&s, Capacity::QuarantineRooms),
            Some(f64::from(s.quarantine.rooms))
        );
        assert_eq!(
            capacity_has(&s, Capacity::Tracing),
            Some(f64::from(s.tracing.staff))
        );
        assert_eq!(
            capacity_has(&s, Capacity::GridWorkers),
            Some(f64::from(s.community.grid_workers))
        );
        assert_eq!(capacity_has(&s, Capacity::Checkpoint), None);
        assert_eq!(
            capacity_has(&s, Capacity::Masks),
            Some(s.supplies.masks.stock)
        );
        s.hospital.unlimited_beds = true;
        assert_eq!(
            capacity_has(&s, Capacity::HospitalBeds),
            Some(f64::INFINITY)
        );

        let mut r = results_with(&[0.0], &[0.0], &[0.0]);
        let none = ("–".to_string(), "–".to_string());
        assert_eq!(
            capacity_needed(Lang::En, &r, Capacity::QuarantineRooms),
            none
        );
        let mut needed = cordon_engine::Needed::default();
        needed.rooms.p90 = 7_243.0;
        needed.rooms.p95 = 7_395.0;
        r.needed = Some(needed.clone());
        assert_eq!(
            capacity_needed(Lang::En, &r, Capacity::QuarantineRooms),
            ("7,243".to_string(), "7,395".to_string())
        );
        needed.rooms.p95 = 17_395.0;
        r.needed = Some(needed);
        assert_eq!(
            capacity_needed(Lang::Zh, &r, Capacity::QuarantineRooms).1,
            "17,395"
        );
        assert_eq!(capacity_needed(Lang::En, &r, Capacity::Checkpoint), none);
    }

    /// Results of a small run whose rooms, beds and grid bands are then
    /// set by hand.
    fn results_with(rooms_needed: &[f32], rooms: &[f32], grid: &[f32]) -> Results {
        let s = Scenario {
            runs: 2,
            days: rooms_needed.len() as u32,
            ..Scenario::default()
        };
        let mut r = cordon_engine::run_all(&s).unwrap();
        for band in &mut r.daily {
            let values: Option<&[f32]> = match band.series {
                Series::RoomsNeeded => Some(rooms_needed),
                Series::RoomsCapacity => Some(rooms),
                Series::GridUtilisation => Some(grid),
                Series::TracingBacklog => Some(&[0.0, 0.0, 0.0]),
                _ => None,
            };
            if let Some(values) = values {
                band.p95 = values.to_vec();
                band.p50 = values.to_vec();
            }
        }
        r
    }

    #[test]
    fn peak_use_is_the_worst_day() {
        let r = results_with(&[10.0, 41.0, 20.0], &[100.0, 100.0, 100.0], &[0.0; 3]);
        assert_eq!(
            peak_use(&r, Series::RoomsNeeded, Series::RoomsCapacity),
            Some(0.41)
        );
        // A site closed on day 3 cuts the capacity: that day counts at its cut level.
        let r = results_with(&[10.0, 41.0, 20.0], &[100.0, 100.0, 10.0], &[0.0; 3]);
        assert_eq!(
            peak_use(&r, Series::RoomsNeeded, Series::RoomsCapacity),
            Some(2.0)
        );
        // No capacity and something needed: it binds.
        let r = results_with(&[0.0, 1.0, 0.0], &[0.0, 0.0, 0.0], &[0.0; 3]);
        assert_eq!(
            peak_use(&r, Series::RoomsNeeded, Series::RoomsCapacity),
            Some(f64::INFINITY)
        );
        // Unlimited every day: nothing to compare.
        let r = results_with(&[5.0, 5.0, 5.0], &[f32::INFINITY; 3], &[0.0; 3]);
        assert_eq!(
            peak_use(&r, Series::RoomsNeeded, Series::RoomsCapacity),
            None
        );
    }

    #[test]
    fn a_change_that_did_not_bind_says_so() {
        let s = Scenario::default();
        let r = results_with(
            &[10.0, 41.0, 20.0],
            &[100.0, 100.0, 100.0],
            &[0.2, 0.9, 0.1],
        );
        let closed = TimelineEvent {
            day: 1,
            change: Change::QuarantineSiteClosed { rooms: 10 },
        };
        assert_eq!(
            unbound_hint(Lang::En, &s, &r, &closed).as_deref(),
            Some("Quarantine rooms: not a limit in this scenario (peak use 41% of capacity)")
        );
        assert_eq!(
            unbound_hint(Lang::Zh, &s, &r, &closed).as_deref(),
            Some("隔离房间在本情景中不构成限制（峰值使用为容量的 41%）")
        );
        let absent = |resource| TimelineEvent {
            day: 0,
            change: Change::StaffAbsent {
                resource,
                share: 0.2,
            },
        };
        assert_eq!(
            unbound_hint(Lang::En, &s, &r, &absent(Resource::GridWorkers)).as_deref(),
            Some("Grid workers: not a limit in this scenario (peak use 90% of capacity)")
        );
        assert_eq!(
            unbound_hint(Lang::En, &s, &r, &absent(Resource::TracingStaff)).as_deref(),
            Some("Tracing staff: not a limit in this scenario (no detected case waited to be traced)")
        );
        let mut no_rounds = s.clone();
        no_rounds.testing.mass_testing.enabled = false;
        assert_eq!(
            unbound_hint(Lang::En, &no_rounds, &r, &absent(Resource::SamplingStaff)).as_deref(),
            Some(
                "Sampling staff: not a limit in this scenario (no population-wide testing rounds)"
            )
        );
        let mut rounds = s.clone();
        rounds.testing.mass_testing.enabled = true;
        assert_eq!(
            unbound_hint(Lang::En, &rounds, &r, &absent(Resource::SamplingStaff)),
            None
        );
        // Rooms that ran out: no hint.
        let full = results_with(
            &[10.0, 141.0, 20.0],
            &[100.0, 100.0, 100.0],
            &[1.2, 0.9, 0.1],
        );
        assert_eq!(unbound_hint(Lang::En, &s, &full, &closed), None);
        assert_eq!(
            unbound_hint(Lang::En, &s, &full, &absent(Resource::GridWorkers)),
            None
        );
        // Events that change no resource get none.
        let arrival = TimelineEvent {
            day: 0,
            change: Change::LocalInfection { count: 3 },
        };
        assert_eq!(unbound_hint(Lang::En, &s, &r, &arrival), None);
    }

    #[test]
    fn gateway_names_keep_their_count() {
        let named = |kind, name: &str| Gateway {
            kind,
            name: name.into(),
            ..Gateway::default()
        };
        let exits = named(GatewayKind::HighwayExit, "Highway exits (6)");
        assert_eq!(gateway_name(Lang::En, &exits, 2), "3 · Highway exits (6)");
        assert_eq!(gateway_name(Lang::Zh, &exits, 2), "3 · 高速路口（6）");
        let coach = named(GatewayKind::CoachStation, "Coach stations (2)");
        assert_eq!(gateway_name(Lang::Zh, &coach, 1), "2 · 汽车站（2）");
        let rail = named(GatewayKind::RailStation, "Rail station");
        assert_eq!(gateway_name(Lang::Zh, &rail, 0), "1 · 火车站");
        // A name typed in Chinese is the planner's own: shown as typed.
        let north = named(GatewayKind::RailStation, "北站 (2)");
        assert_eq!(gateway_name(Lang::Zh, &north, 0), "1 · 北站 (2)");
        let unnamed = named(GatewayKind::Port, " ");
        assert_eq!(gateway_name(Lang::En, &unnamed, 0), "1 · Port");
        // Not a count: no parentheses added.
        let odd = named(GatewayKind::Port, "Port (east)");
        assert_eq!(gateway_name(Lang::Zh, &odd, 0), "1 · 港口");
    }

    #[test]
    fn parse_a_valid_event() {
        let event = parse_event(
            &EventForm {
                unnoticed: true,
                ..form("infected_arrival", " 12 ", &typed("1,000"))
            },
            60,
            1,
        );
        // Day 12 as typed is the engine's day 11.
        assert_eq!(
            event,
            Ok(TimelineEvent {
                day: 11,
                change: Change::InfectedArrival {
                    gateway: 0,
                    count: 1000,
                    unnoticed: true,
                },
            })
        );
        let event = parse_event(
            &EventForm {
                resource: 99,
                ..form("staff_absent", "1", &typed("25"))
            },
            60,
            1,
        );
        assert_eq!(
            event,
            Ok(TimelineEvent {
                day: 0,
                change: Change::StaffAbsent {
                    resource: *Resource::ALL.last().unwrap(),
                    share: 0.25,
                },
            })
        );
    }

    #[test]
    fn parse_rejects_a_bad_day_or_amount() {
        for (day, amount) in [
            ("61", "1"),
            ("0", "1"),
            ("-1", "1"),
            ("x", "1"),
            ("", "1"),
            ("3", "-2"),
        ] {
            assert_eq!(
                parse_event(&form("local_infection", day, &typed(amount)), 60, 1),
                Err(EventError::Invalid),
                "{day} {amount}"
            );
        }
        assert_eq!(
            parse_event(&form("local_infection", "3", &typed("NaN")), 60, 1),
            Err(EventError::Invalid)
        );
        // The last day of a 60-day horizon is day 60, the engine's day 59.
        assert_eq!(
            parse_event(&form("local_infection", "60", &typed("1")), 60, 1).map(|e| e.day),
            Ok(59)
        );
        // The message names the last day.
        assert_eq!(
            tf(Lang::En, "event.invalid", &[("days", "60".into())]),
            "Enter a day from 1 to 60 and non-negative numbers"
        );
    }

    #[test]
    fn parse_rejects_what_the_engine_refuses() {
        assert_eq!(
            parse_event(&form("infected_arrival", "3", &typed("2")), 60, 0),
            Err(EventError::Refused(Problem::NoSuchGateway {
                index: 0,
                gateways: 0
            }))
        );
        assert_eq!(
            parse_event(&form("set_contact_factor", "3", &typed("101")), 60, 1),
            Err(EventError::Refused(Problem::OutOfRange {
                value: 101.0,
                min: 0.0,
                max: 100.0
            }))
        );
        assert_eq!(
            parse_event(&form("local_infection", "3", &typed("0.4")), 60, 1),
            Err(EventError::Refused(Problem::NotWhole { value: 0.4 }))
        );
        // The engine's own limit, not a second copy of it.
        let too_many = (cordon_engine::timeline::MAX_EVENT_PEOPLE + 1).to_string();
        assert!(matches!(
            parse_event(&form("local_infection", "3", &typed(&too_many)), 60, 1),
            Err(EventError::Refused(Problem::OutOfRange { .. }))
        ));
        let most = cordon_engine::timeline::MAX_EVENT_PEOPLE.to_string();
        assert!(parse_event(&form("local_infection", "3", &typed(&most)), 60, 1).is_ok());
    }

    /// Every `type` of a change serde reads, from its refusal of an unknown
    /// one ("expected one of `a`, `b`, …"): the engine's enum, not a list.
    fn changes_the_engine_reads() -> Vec<String> {
        let error = serde_json::from_str::<Change>(r#"{"type":"?"}"#)
            .unwrap_err()
            .to_string();
        let expected = error.split("expected one of").nth(1).unwrap_or_default();
        let mut kinds: Vec<String> = expected
            .split(',')
            .map(|s| s.trim().split('`').nth(1).unwrap_or_default().to_string())
            .collect();
        kinds.sort();
        kinds
    }

    #[test]
    fn the_form_offers_every_change_the_engine_reads_with_its_labels() {
        let mut offered: Vec<String> = cordon_engine::CHANGE_KINDS
            .iter()
            .map(|k| k.key.to_string())
            .collect();
        offered.sort();
        assert_eq!(offered, changes_the_engine_reads());
        for kind in cordon_engine::CHANGE_KINDS {
            let mut keys = vec![format!("event.kind.{}", kind.key)];
            keys.extend(kind.numbers.iter().map(number_label_key));
            for key in keys {
                for lang in [Lang::En, Lang::Zh] {
                    assert_ne!(t(lang, &key), key, "{lang:?} has no {key}");
                }
            }
        }
    }

    #[test]
    fn every_kind_parses_from_the_form_and_round_trips() {
        let mut s = one_station();
        s.gateways.push(s.gateways[0].clone());
        for kind in cordon_engine::CHANGE_KINDS {
            // The form's first values, then others in every input.
            let first = kind.change(&kind.default_inputs());
            let mut other = kind.default_inputs();
            other.gateway = 1;
            other.resource = Resource::ALL[2];
            other.unnoticed = true;
            for (value, number) in other.numbers.iter_mut().zip(kind.numbers) {
                *value = match number.kind {
                    NumberKind::Share => 0.125,
                    NumberKind::Whole | NumberKind::Real => number.max,
                };
            }
            let other = kind.change(&other);
            for change in [first, other] {
                let inputs = change.inputs();
                let numbers = form_numbers(&change);
                let form = EventForm {
                    kind: kind.key,
                    day: "7",
                    numbers: &numbers,
                    gateway: inputs.gateway as usize,
                    resource: Resource::ALL
                        .iter()
                        .position(|r| *r == inputs.resource)
                        .unwrap_or_default(),
                    unnoticed: inputs.unnoticed,
                };
                assert_eq!(
                    parse_event(&form, 60, 2),
                    Ok(TimelineEvent { day: 6, change }),
                    "{}",
                    kind.key
                );
            }
        }
    }

    #[test]
    fn an_arrival_surge_from_the_form() {
        let numbers = ["3".to_string(), "5".to_string()];
        let surge = form("arrival_surge", "4", &numbers);
        let event = parse_event(&surge, 60, 1).unwrap();
        assert_eq!(
            event.change,
            Change::ArrivalSurge {
                gateway: 0,
                factor: 3.0,
                days: 5,
            }
        );
        assert_eq!(
            describe_event(Lang::En, &one_station(), &event),
            "Day 4: arrivals at 1 · North × 3 for 5 days"
        );
        let none = ["3".to_string(), "0".to_string()];
        assert_eq!(
            parse_event(&form("arrival_surge", "4", &none), 60, 1),
            Err(EventError::Refused(Problem::OutOfRange {
                value: 0.0,
                min: 1.0,
                max: cordon_engine::timeline::MAX_EVENT_DAYS as f64,
            }))
        );
        // A number missing is not a number.
        assert_eq!(
            parse_event(&form("arrival_surge", "4", &typed("3")), 60, 1),
            Err(EventError::Invalid)
        );
    }

    #[test]
    fn one_day_is_a_day() {
        let s = one_station();
        let outage = |days| TimelineEvent {
            day: 0,
            change: Change::LabOutage { days },
        };
        assert_eq!(
            describe_event(Lang::En, &s, &outage(1)),
            "Day 1: laboratories down for 1 day"
        );
        assert_eq!(
            describe_event(Lang::En, &s, &outage(3)),
            "Day 1: laboratories down for 3 days"
        );
        assert_eq!(
            describe_event(Lang::Zh, &s, &outage(1)),
            "第 1 天：实验室停摆 1 天"
        );
    }

    #[test]
    fn every_kind_is_described_in_both_languages() {
        let s = one_station();
        for lang in [Lang::En, Lang::Zh] {
            let mut seen = std::collections::BTreeSet::new();
            for kind in cordon_engine::CHANGE_KINDS {
                let event = TimelineEvent {
                    day: 2,
                    change: kind.change(&kind.default_inputs()),
                };
                let text = describe_event(lang, &s, &event);
                assert!(!text.contains(['{', '}']), "{text}");
                assert!(!text.contains(" 1 days"), "{text}");
                for plural in ["1 infected travellers", "1 residents"] {
                    assert!(!text.contains(plural), "{text}");
                }
                assert!(!text.contains("event."), "{text}");
                assert!(seen.insert(text.clone()), "{text} twice");
            }
        }
    }
}
