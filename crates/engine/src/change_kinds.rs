//! The timeline's change kinds, defined once.
//!
//! Each kind of [`Change`] is one [`ChangeKind`]: its key (the `type` in
//! scenario files), which inputs it takes (a gateway, a resource, the
//! "unnoticed" switch) and its numbers, each with its name in files, what
//! it is (whole, a share, a real number), its bounds and the value a form
//! starts with. [`crate::validate::check_event`] checks a change against
//! its kind, the JSON Schema states the same bounds ([`patch_schema`]), and
//! the page's add-event form offers [`CHANGE_KINDS`], reads its inputs and
//! builds the change with [`ChangeKind::change`]. A new change kind is a
//! variant of [`Change`], its constant here (the compiler asks for it in
//! [`Change::kind`]), its line in [`CHANGE_KINDS`] and its arm in
//! [`ChangeKind::change`] / [`Change::inputs`] (the tests fail without them).

use crate::timeline::{
    Change, Resource, MAX_EVENT_DAYS, MAX_EVENT_LEVEL, MAX_EVENT_PEOPLE, MAX_EVENT_ROOMS,
    MAX_EVENT_ROUNDS, MAX_SURGE_FACTOR,
};

/// What a number of a change is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// A whole number (people, rooms, days, rounds).
    Whole,
    /// A share from 0 to 1 (typed in percent on the page).
    Share,
    /// A real number (a level, an amount, a multiplier).
    Real,
}

/// One number a change takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChangeNumber {
    /// Its name in scenario files; its validation path is `change.<name>`.
    pub name: &'static str,
    /// Whole, share or real.
    pub kind: NumberKind,
    /// Smallest value allowed.
    pub min: f64,
    /// Largest value allowed.
    pub max: f64,
    /// The value a form starts with.
    pub default: f64,
}

/// One kind of timeline change: its key and its inputs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChangeKind {
    /// The `type` of the change in scenario files (snake case).
    pub key: &'static str,
    /// It happens at a gateway (`gateway`: an index into the scenario's gateways).
    pub at_gateway: bool,
    /// It concerns a resource (`resource`).
    pub of_resource: bool,
    /// Its travellers may slip through unnoticed (`unnoticed`).
    pub may_be_unnoticed: bool,
    /// Its numbers, in the order a form shows them.
    pub numbers: &'static [ChangeNumber],
}

/// The inputs of a change, as its kind lists them (inputs a kind does not
/// take are ignored when building and read as the first gateway, the first
/// resource, noticed).
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeInputs {
    /// Index of the gateway.
    pub gateway: u32,
    /// The resource.
    pub resource: Resource,
    /// The travellers slip through unnoticed.
    pub unnoticed: bool,
    /// The kind's numbers, in its order.
    pub numbers: Vec<f64>,
}

const fn whole(name: &'static str, min: u64, max: u64, default: f64) -> ChangeNumber {
    ChangeNumber {
        name,
        kind: NumberKind::Whole,
        min: min as f64,
        max: max as f64,
        default,
    }
}

const fn share(name: &'static str, default: f64) -> ChangeNumber {
    ChangeNumber {
        name,
        kind: NumberKind::Share,
        min: 0.0,
        max: 1.0,
        default,
    }
}

const fn real(name: &'static str, max: f64, default: f64) -> ChangeNumber {
    ChangeNumber {
        name,
        kind: NumberKind::Real,
        min: 0.0,
        max,
        default,
    }
}

const fn kind(key: &'static str, numbers: &'static [ChangeNumber]) -> ChangeKind {
    ChangeKind {
        key,
        at_gateway: false,
        of_resource: false,
        may_be_unnoticed: false,
        numbers,
    }
}

const PEOPLE: ChangeNumber = whole("count", 1, MAX_EVENT_PEOPLE, 1.0);

/// Infected travellers arrive at a gateway.
pub const INFECTED_ARRIVAL: ChangeKind = ChangeKind {
    at_gateway: true,
    may_be_unnoticed: true,
    ..kind("infected_arrival", &[PEOPLE])
};
/// Residents infected locally.
pub const LOCAL_INFECTION: ChangeKind = kind("local_infection", &[PEOPLE]);
/// A share of a resource's staff off sick.
pub const STAFF_ABSENT: ChangeKind = ChangeKind {
    of_resource: true,
    ..kind("staff_absent", &[share("share", 0.2)])
};
/// A resource set to a new level.
pub const SET_LEVEL: ChangeKind = ChangeKind {
    of_resource: true,
    ..kind("set_level", &[real("level", MAX_EVENT_LEVEL, 100.0)])
};
/// Laboratories down for some days.
pub const LAB_OUTAGE: ChangeKind = kind("lab_outage", &[whole("days", 0, MAX_EVENT_DAYS, 1.0)]);
/// A quarantine site closes.
pub const QUARANTINE_SITE_CLOSED: ChangeKind = kind(
    "quarantine_site_closed",
    &[whole("rooms", 0, MAX_EVENT_ROOMS, 100.0)],
);
/// Routine measures change.
pub const SET_CONTACT_FACTOR: ChangeKind = kind("set_contact_factor", &[share("factor", 0.6)]);
/// Zones declared for some days.
pub const DECLARE_ZONES: ChangeKind =
    kind("declare_zones", &[whole("days", 0, MAX_EVENT_DAYS, 14.0)]);
/// A resource grows.
pub const ADD_LEVEL: ChangeKind = ChangeKind {
    of_resource: true,
    ..kind("add_level", &[real("amount", MAX_EVENT_LEVEL, 100.0)])
};
/// A surge of arrivals at a gateway.
pub const ARRIVAL_SURGE: ChangeKind = ChangeKind {
    at_gateway: true,
    ..kind(
        "arrival_surge",
        &[
            real("factor", MAX_SURGE_FACTOR, 2.0),
            whole("days", 1, MAX_EVENT_DAYS, 3.0),
        ],
    )
};
/// Population-wide testing rounds ordered.
pub const MASS_TESTING: ChangeKind =
    kind("mass_testing", &[whole("rounds", 1, MAX_EVENT_ROUNDS, 1.0)]);

/// Every change kind, in the order a form offers them.
pub const CHANGE_KINDS: [&ChangeKind; 11] = [
    &INFECTED_ARRIVAL,
    &LOCAL_INFECTION,
    &STAFF_ABSENT,
    &SET_LEVEL,
    &ADD_LEVEL,
    &LAB_OUTAGE,
    &QUARANTINE_SITE_CLOSED,
    &SET_CONTACT_FACTOR,
    &DECLARE_ZONES,
    &ARRIVAL_SURGE,
    &MASS_TESTING,
];

/// The change kind with this key.
pub fn change_kind(key: &str) -> Option<&'static ChangeKind> {
    CHANGE_KINDS.iter().copied().find(|k| k.key == key)
}

impl ChangeKind {
    /// The inputs a form starts with: the first gateway and resource,
    /// noticed, each number's default.
    pub fn default_inputs(&self) -> ChangeInputs {
        ChangeInputs {
            gateway: 0,
            resource: Resource::ALL[0],
            unnoticed: false,
            numbers: self.numbers.iter().map(|n| n.default).collect(),
        }
    }

    /// The change of this kind with these inputs. A number missing is its
    /// default; a whole number is rounded and saturates at 0 and
    /// `u32::MAX` (the range check reports what is too large).
    pub fn change(&self, inputs: &ChangeInputs) -> Change {
        let real = |i: usize| {
            inputs
                .numbers
                .get(i)
                .copied()
                .or_else(|| self.numbers.get(i).map(|n| n.default))
                .unwrap_or(0.0)
        };
        let whole = |i: usize| real(i).round().clamp(0.0, f64::from(u32::MAX)) as u32;
        let (gateway, resource) = (inputs.gateway, inputs.resource);
        match self.key {
            "infected_arrival" => Change::InfectedArrival {
                gateway,
                count: whole(0),
                unnoticed: inputs.unnoticed,
            },
            "local_infection" => Change::LocalInfection { count: whole(0) },
            "staff_absent" => Change::StaffAbsent {
                resource,
                share: real(0),
            },
            "set_level" => Change::SetLevel {
                resource,
                level: real(0),
            },
            "add_level" => Change::AddLevel {
                resource,
                amount: real(0),
            },
            "lab_outage" => Change::LabOutage { days: whole(0) },
            "quarantine_site_closed" => Change::QuarantineSiteClosed { rooms: whole(0) },
            "set_contact_factor" => Change::SetContactFactor { factor: real(0) },
            "arrival_surge" => Change::ArrivalSurge {
                gateway,
                factor: real(0),
                days: whole(1),
            },
            "mass_testing" => Change::MassTesting { rounds: whole(0) },
            _ => Change::DeclareZones { days: whole(0) },
        }
    }
}

impl Change {
    /// Its kind.
    pub fn kind(&self) -> &'static ChangeKind {
        match self {
            Change::InfectedArrival { .. } => &INFECTED_ARRIVAL,
            Change::LocalInfection { .. } => &LOCAL_INFECTION,
            Change::StaffAbsent { .. } => &STAFF_ABSENT,
            Change::SetLevel { .. } => &SET_LEVEL,
            Change::LabOutage { .. } => &LAB_OUTAGE,
            Change::QuarantineSiteClosed { .. } => &QUARANTINE_SITE_CLOSED,
            Change::SetContactFactor { .. } => &SET_CONTACT_FACTOR,
            Change::DeclareZones { .. } => &DECLARE_ZONES,
            Change::AddLevel { .. } => &ADD_LEVEL,
            Change::ArrivalSurge { .. } => &ARRIVAL_SURGE,
            Change::MassTesting { .. } => &MASS_TESTING,
        }
    }

    /// Its inputs, as its kind lists them ([`ChangeKind::change`] builds
    /// it back).
    pub fn inputs(&self) -> ChangeInputs {
        let mut inputs = ChangeInputs {
            gateway: 0,
            resource: Resource::ALL[0],
            unnoticed: false,
            numbers: Vec::new(),
        };
        let numbers = match *self {
            Change::InfectedArrival {
                gateway,
                count,
                unnoticed,
            } => {
                inputs.gateway = gateway;
                inputs.unnoticed = unnoticed;
                vec![f64::from(count)]
            }
            Change::LocalInfection { count } => vec![f64::from(count)],
            Change::StaffAbsent { resource, share } => {
                inputs.resource = resource;
                vec![share]
            }
            Change::SetLevel { resource, level } => {
                inputs.resource = resource;
                vec![level]
            }
            Change::AddLevel { resource, amount } => {
                inputs.resource = resource;
                vec![amount]
            }
            Change::LabOutage { days } | Change::DeclareZones { days } => vec![f64::from(days)],
            Change::QuarantineSiteClosed { rooms } => vec![f64::from(rooms)],
            Change::SetContactFactor { factor } => vec![factor],
            Change::ArrivalSurge {
                gateway,
                factor,
                days,
            } => {
                inputs.gateway = gateway;
                vec![factor, f64::from(days)]
            }
            Change::MassTesting { rounds } => vec![f64::from(rounds)],
        };
        inputs.numbers = numbers;
        inputs
    }
}

/// Adds each change kind's bounds (`minimum`/`maximum` of its numbers) to
/// a JSON Schema's `Change` definition (as schemars writes it: a `oneOf`
/// of objects told apart by their `type`), so the schema states the same
/// bounds as [`crate::validate::check_event`].
pub fn patch_schema(schema: &mut serde_json::Value) {
    let Some(variants) = schema
        .pointer_mut("/$defs/Change/oneOf")
        .and_then(|v| v.as_array_mut())
    else {
        return;
    };
    for variant in variants {
        let key = variant
            .pointer("/properties/type/const")
            .and_then(|k| k.as_str())
            .unwrap_or_default();
        let Some(kind) = change_kind(key) else {
            continue;
        };
        for number in kind.numbers {
            let pointer = format!("/properties/{}", number.name);
            if let Some(serde_json::Value::Object(node)) = variant.pointer_mut(&pointer) {
                node.insert("minimum".into(), bound(number.min));
                node.insert("maximum".into(), bound(number.max));
            }
        }
    }
}

fn bound(value: f64) -> serde_json::Value {
    if value == value.round() {
        serde_json::Value::from(value as i64)
    } else {
        serde_json::Value::from(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::TimelineEvent;
    use crate::validate::check_event;

    /// Every `type` serde knows for a change, read from its refusal of an
    /// unknown one ("expected one of `a`, `b`, …"): the enum's variants,
    /// with no list kept by hand.
    fn serde_kinds() -> Vec<String> {
        let error = serde_json::from_str::<Change>(r#"{"type":"?"}"#)
            .unwrap_err()
            .to_string();
        let expected = error.split("expected one of").nth(1).unwrap_or_default();
        expected
            .split(',')
            .map(|s| s.trim().split('`').nth(1).unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn every_change_of_the_enum_has_its_kind_and_only_those() {
        let mut enum_kinds = serde_kinds();
        assert_eq!(enum_kinds.len(), 11, "{enum_kinds:?}");
        let mut defined: Vec<String> = CHANGE_KINDS.iter().map(|k| k.key.to_string()).collect();
        enum_kinds.sort();
        defined.sort();
        assert_eq!(enum_kinds, defined);
    }

    #[test]
    fn each_kind_builds_its_own_change_and_reads_it_back() {
        for kind in CHANGE_KINDS {
            let inputs = ChangeInputs {
                gateway: 2,
                resource: Resource::TracingStaff,
                unnoticed: true,
                ..kind.default_inputs()
            };
            let change = kind.change(&inputs);
            assert_eq!(change.kind(), kind, "{}", kind.key);
            // The file's `type` is the key.
            let json = serde_json::to_value(&change).unwrap();
            assert_eq!(json["type"], kind.key);
            // Each number is stored under its name.
            for (number, value) in kind.numbers.iter().zip(&inputs.numbers) {
                assert_eq!(json[number.name].as_f64(), Some(*value), "{}", kind.key);
            }
            let back = change.inputs();
            assert_eq!(back.numbers, inputs.numbers, "{}", kind.key);
            assert_eq!(back.gateway, if kind.at_gateway { 2 } else { 0 });
            assert_eq!(back.unnoticed, kind.may_be_unnoticed);
            if kind.of_resource {
                assert_eq!(back.resource, Resource::TracingStaff);
            }
            assert_eq!(kind.change(&back), change, "{}", kind.key);
            // The defaults are valid.
            let event = TimelineEvent { day: 3, change };
            assert!(check_event(&event, 3).is_empty(), "{}", kind.key);
        }
    }

    #[test]
    fn the_check_follows_each_numbers_bounds() {
        for kind in CHANGE_KINDS {
            for (i, number) in kind.numbers.iter().enumerate() {
                let mut inputs = kind.default_inputs();
                let step = if number.kind == NumberKind::Whole {
                    1.0
                } else {
                    0.5
                };
                inputs.numbers[i] = number.max + step;
                let event = TimelineEvent {
                    day: 0,
                    change: kind.change(&inputs),
                };
                let paths: Vec<String> =
                    check_event(&event, 1).into_iter().map(|e| e.path).collect();
                assert_eq!(paths, [format!("change.{}", number.name)], "{}", kind.key);
                inputs.numbers[i] = number.max;
                let event = TimelineEvent {
                    day: 0,
                    change: kind.change(&inputs),
                };
                assert!(check_event(&event, 1).is_empty(), "{}", kind.key);
            }
        }
    }
}
