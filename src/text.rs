//! The page's pure text: capacity sentences, timeline events in words,
//! gateway and resource names, and the "add event" form's parsing.
//!
//! Nothing here touches the browser, so it compiles natively and is
//! unit-tested without one; the components in `src/components/` call it.

use crate::i18n::{number, percent, t, tf, Lang};
use cordon_engine::fields::Section;
use cordon_engine::{
    Capacity, Change, Gateway, GatewayKind, Problem, Resource, Scenario, Supply, TimelineEvent,
    SUPPLY_STANDARD_DAYS,
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

/// A gateway's title: its number from 1 and its name (its kind in Chinese
/// or when it has no name).
pub fn gateway_name(lang: Lang, gateway: &Gateway, index: usize) -> String {
    let kind = kind_name(lang, gateway.kind);
    if gateway.name.is_empty() || lang == Lang::Zh {
        format!("{} · {}", index + 1, kind)
    } else {
        format!("{} · {}", index + 1, gateway.name)
    }
}

/// The checkpoint of gateway `g`: checks an hour at full staffing against
/// arrivals in the busiest hour.
pub fn checkpoint_capacity(lang: Lang, scenario: &Scenario, g: usize) -> String {
    let gateway = &scenario.gateways[g];
    let cp = &gateway.checkpoint;
    let capacity = f64::from(cp.posts.min(cp.staff_per_shift)) * cp.inspections_per_staff_hour;
    let peak = cordon_engine::checkpoint::hourly_shares(cp.hourly_profile)
        .iter()
        .copied()
        .fold(0.0, f64::max)
        * gateway.arrivals_per_day;
    tf(
        lang,
        "cap.checkpoint",
        &[
            ("capacity", number(lang, capacity)),
            ("peak", number(lang, peak.round())),
        ],
    )
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

/// An event in words.
pub fn describe_event(lang: Lang, scenario: &Scenario, event: &TimelineEvent) -> String {
    let day = event.day.to_string();
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
            let key = if *unnoticed {
                "event.infected_arrival_unnoticed"
            } else {
                "event.infected_arrival"
            };
            tf(
                lang,
                key,
                &[("count", count.to_string()), ("gateway", name)],
            )
        }
        Change::LocalInfection { count } => tf(
            lang,
            "event.local_infection",
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
        Change::LabOutage { days } => tf(lang, "event.lab_outage", &[("days", days.to_string())]),
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
        Change::DeclareZones { days } => {
            tf(lang, "event.declare_zones", &[("days", days.to_string())])
        }
    };
    tf(lang, "event.on_day", &[("day", day), ("what", text)])
}

/// The kinds of event the timeline form offers, in its order (`event.kind.*`).
pub const EVENT_KINDS: [&str; 8] = [
    "infected_arrival",
    "local_infection",
    "staff_absent",
    "set_level",
    "lab_outage",
    "site_closed",
    "contact_factor",
    "declare_zones",
];

/// What the "add event" form holds, as typed or picked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EventForm<'a> {
    /// One of [`EVENT_KINDS`].
    pub kind: &'a str,
    /// The day, as typed.
    pub day: &'a str,
    /// The count, percentage, level, rooms or days, as typed.
    pub amount: &'a str,
    /// Index of the chosen gateway (infected arrivals).
    pub gateway: usize,
    /// Index into [`Resource::ALL`] (staff absent, set level).
    pub resource: usize,
    /// The infected arrivals slip through unnoticed.
    pub unnoticed: bool,
}

/// Why the form's event cannot be added.
#[derive(Clone, Debug, PartialEq)]
pub enum EventError {
    /// The day or the amount is not a number, or the day is outside the
    /// horizon (`event.invalid`, which takes `{days}`: the last day).
    Invalid,
    /// The engine refuses the event (its range, a gateway that does not
    /// exist), with percentages in percent as typed.
    Refused(Problem),
}

/// The form's event for a scenario of `days` days and `gateways` gateways.
/// The amount's range is the engine's ([`cordon_engine::validate::check_event`]),
/// so an event the form accepts is one the engine accepts.
pub fn parse_event(
    form: &EventForm,
    days: u32,
    gateways: usize,
) -> Result<TimelineEvent, EventError> {
    let parsed_day: Option<u32> = form.day.trim().parse().ok().filter(|d| *d < days);
    let value = crate::fields::parse_number(form.amount);
    let (Some(d), Some(v)) = (parsed_day, value.filter(|v| *v >= 0.0)) else {
        return Err(EventError::Invalid);
    };
    let kind = form.kind;
    let is_percent = matches!(kind, "staff_absent" | "contact_factor");
    let is_count = !is_percent && kind != "set_level";
    if is_count && v != v.round() {
        return Err(EventError::Refused(Problem::NotWhole { value: v }));
    }
    // Saturating: the engine's check reports anything too large.
    let whole = v.min(f64::from(u32::MAX)) as u32;
    let share = v / 100.0;
    let res = Resource::ALL[form.resource.min(Resource::ALL.len() - 1)];
    let change = match kind {
        "infected_arrival" => Change::InfectedArrival {
            gateway: form.gateway.min(u32::MAX as usize) as u32,
            count: whole,
            unnoticed: form.unnoticed,
        },
        "local_infection" => Change::LocalInfection { count: whole },
        "staff_absent" => Change::StaffAbsent {
            resource: res,
            share,
        },
        "set_level" => Change::SetLevel {
            resource: res,
            level: v,
        },
        "lab_outage" => Change::LabOutage { days: whole },
        "site_closed" => Change::QuarantineSiteClosed { rooms: whole },
        "contact_factor" => Change::SetContactFactor { factor: share },
        _ => Change::DeclareZones { days: whole },
    };
    let event = TimelineEvent { day: d, change };
    first_problem(&event, gateways, is_percent)
}

/// The engine's first objection to an event, or the event.
fn first_problem(
    event: &TimelineEvent,
    gateways: usize,
    is_percent: bool,
) -> Result<TimelineEvent, EventError> {
    let gateways = gateways.min(u32::MAX as usize) as u32;
    match cordon_engine::validate::check_event(event, gateways)
        .into_iter()
        .next()
    {
        None => Ok(event.clone()),
        Some(error) => Err(EventError::Refused(match error.problem {
            Problem::OutOfRange { value, min, max } if is_percent => Problem::OutOfRange {
                value: value * 100.0,
                min: min * 100.0,
                max: max * 100.0,
            },
            problem => problem,
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{HourlyProfile, Variant};

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

    fn form<'a>(kind: &'a str, day: &'a str, amount: &'a str) -> EventForm<'a> {
        EventForm {
            kind,
            day,
            amount,
            gateway: 0,
            resource: 0,
            unnoticed: false,
        }
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
            "Day 5: 3 infected travellers arrive at 1 · North"
        );
        // Chinese names a gateway by its kind.
        assert_eq!(
            describe_event(Lang::Zh, &s, &arrival(0, true)),
            "第 5 天：3 名感染者经 1 · 火车站 入城且未被发现"
        );
        // A gateway that no longer exists keeps its number.
        assert_eq!(
            describe_event(Lang::En, &s, &arrival(2, false)),
            "Day 5: 3 infected travellers arrive at #3"
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
            "Day 0: 25% of Tracing staff off sick"
        );
        assert_eq!(
            describe_event(Lang::Zh, &s, &absent),
            "第 0 天：流调人员 25% 因病缺勤"
        );
    }

    #[test]
    fn keys_have_strings() {
        for lang in [Lang::En, Lang::Zh] {
            for r in Resource::ALL {
                assert_ne!(t(lang, resource_key(r)), resource_key(r));
            }
            for c in Capacity::ALL {
                assert_ne!(t(lang, &capacity_key(c)), capacity_key(c));
            }
            for kind in EVENT_KINDS {
                let key = format!("event.kind.{kind}");
                assert_ne!(t(lang, &key), key);
            }
        }
    }

    #[test]
    fn parse_a_valid_event() {
        let event = parse_event(
            &EventForm {
                unnoticed: true,
                ..form("infected_arrival", " 12 ", "1,000")
            },
            60,
            1,
        );
        assert_eq!(
            event,
            Ok(TimelineEvent {
                day: 12,
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
                ..form("staff_absent", "0", "25")
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
        for (day, amount) in [("60", "1"), ("-1", "1"), ("x", "1"), ("", "1"), ("3", "-2")] {
            assert_eq!(
                parse_event(&form("local_infection", day, amount), 60, 1),
                Err(EventError::Invalid),
                "{day} {amount}"
            );
        }
        assert_eq!(
            parse_event(&form("local_infection", "3", "NaN"), 60, 1),
            Err(EventError::Invalid)
        );
        // The message names the last day.
        assert_eq!(
            tf(Lang::En, "event.invalid", &[("days", "59".into())]),
            "Enter a day from 0 to 59 and a non-negative number"
        );
    }

    #[test]
    fn parse_rejects_what_the_engine_refuses() {
        assert_eq!(
            parse_event(&form("infected_arrival", "3", "2"), 60, 0),
            Err(EventError::Refused(Problem::NoSuchGateway {
                index: 0,
                gateways: 0
            }))
        );
        assert_eq!(
            parse_event(&form("contact_factor", "3", "101"), 60, 1),
            Err(EventError::Refused(Problem::OutOfRange {
                value: 101.0,
                min: 0.0,
                max: 100.0
            }))
        );
        assert_eq!(
            parse_event(&form("local_infection", "3", "0.4"), 60, 1),
            Err(EventError::Refused(Problem::NotWhole { value: 0.4 }))
        );
        // The engine's own limit, not a second copy of it.
        let too_many = (cordon_engine::timeline::MAX_EVENT_PEOPLE + 1).to_string();
        assert!(matches!(
            parse_event(&form("local_infection", "3", &too_many), 60, 1),
            Err(EventError::Refused(Problem::OutOfRange { .. }))
        ));
        let most = cordon_engine::timeline::MAX_EVENT_PEOPLE.to_string();
        assert!(parse_event(&form("local_infection", "3", &most), 60, 1).is_ok());
    }

    #[test]
    fn every_key_the_components_use_exists() {
        // The same check as i18n's for app.rs, over the split-out components.
        let sources = [
            include_str!("text.rs"),
            include_str!("components/editor.rs"),
            include_str!("components/fan_chart.rs"),
            include_str!("components/gateways.rs"),
            include_str!("components/header.rs"),
            include_str!("components/histogram.rs"),
            include_str!("components/field.rs"),
            include_str!("components/results.rs"),
            include_str!("components/timeline.rs"),
            include_str!("components/verdict.rs"),
        ];
        let prefixes = [
            "app.",
            "group.",
            "field.",
            "cap.",
            "verdict.",
            "capacity.",
            "chart.",
            "error.",
            "event.",
            "check.",
            "profile.",
            "place.",
            "resource.",
            "overload.",
            "variant.",
            "share.",
        ];
        let mut missing = Vec::new();
        for source in sources {
            for piece in source.split('"').skip(1).step_by(2) {
                let looks_like_key = prefixes.iter().any(|p| piece.starts_with(p))
                    && piece.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'
                    })
                    && !piece.ends_with('.');
                if looks_like_key && t(Lang::En, piece) == piece {
                    missing.push(piece.to_string());
                }
            }
        }
        assert!(missing.is_empty(), "keys without strings: {missing:?}");
    }
}
