//! The frozen tables of link format version 1: the object keys (`KEYS`) and
//! string values (`VALUES`) that a body writes as small numbers, the bases
//! (the presets as they were when version 1 was defined, in
//! `v1_bases.json`), and the postcard layouts of an op head (`Head`) and of
//! a token (`Tok`).
//!
//! Everything here is frozen: a link shared once must keep meaning the same
//! scenario. Never reorder, remove or insert an entry, nor change a variant.
//! A field or enum name added to the scenario after version 1 is not added
//! here: it travels by name (see the module documentation of `link`). The
//! tests below pin every table by a hash; the body reader and writer that
//! use them are in `v1.rs`.

use serde::{Deserialize, Serialize};

/// Object keys, indexed by path segments and object-key tokens. Frozen:
/// never reorder, remove or insert; a new version may extend its own copy.
pub(super) const KEYS: &[&str] = &[
    // Scenario
    "schema_version",
    "name",
    "seed",
    "runs",
    "days",
    "city",
    "gateways",
    "initial_infections",
    "community",
    "quarantine",
    "testing",
    "tracing",
    "hospital",
    "epidemiology",
    "response",
    "timeline",
    // City
    "population",
    "household_size",
    // Gateway
    "kind",
    "arrivals_per_day",
    "profile",
    "risk_area_share",
    "prevalence_risk_area",
    "prevalence_elsewhere",
    "checkpoint",
    // ProfilePoint
    "day",
    "multiplier",
    // Checkpoint
    "enabled",
    "posts",
    "staff_per_shift",
    "shifts",
    "shift_hours",
    "inspections_per_staff_hour",
    "hourly_profile",
    "overload",
    "checks",
    // Checks
    "health_code",
    "travel_record",
    "test_certificate",
    "temperature",
    "health_code_flag_probability",
    "travel_record_flag_probability",
    "thermometer_sensitivity",
    // Community
    "grid_workers",
    "visits_per_worker_per_day",
    "sweeps",
    "sweep_find_probability",
    "symptom_find_probability",
    "self_report_share",
    "visits_per_watched_household",
    "sweep_window_days",
    // Quarantine
    "sites",
    "rooms",
    "unlimited_rooms",
    "risk_area_arrivals",
    "close_contacts",
    "secondary_contacts",
    "centralised_effectiveness",
    "home_compliance",
    "unmonitored_home_compliance",
    "test_days",
    // Testing
    "sampling_staff",
    "samples_per_staff_per_day",
    "lab_tests_per_day",
    "unlimited",
    "pool_size",
    "turnaround_days",
    "peak_sensitivity",
    "detectable_from_day",
    "peak_day",
    "detectable_until_day",
    "arrival_test",
    "fever_clinic",
    "routine_screening",
    "mass_testing",
    // FeverClinic
    "presentation_share",
    "delay",
    // RoutineScreening
    "people_per_day",
    "risk_enrichment",
    // MassTesting
    "trigger_local_cases",
    "rounds",
    "interval_days",
    "participation",
    // Tracing
    "teams",
    "staff",
    "cases_per_staff_per_day",
    "close_contacts_per_case",
    "secondary_per_close_contact",
    "trace_secondary",
    "household_find_probability",
    "other_find_probability",
    "source_find_probability",
    // Hospital
    "beds",
    "unlimited_beds",
    "stay_days",
    "home_isolation_effectiveness",
    // Epidemiology
    "variant",
    "r0",
    "dispersion_k",
    "generation_interval",
    "incubation",
    "asymptomatic_share",
    "asymptomatic_relative_infectiousness",
    "fever_share",
    "household_share",
    "max_infection_age_on_arrival",
    "susceptible_depletion",
    // Response, Zones
    "baseline_contact_factor",
    "zones",
    "contact_factor",
    "duration_days",
    // TimelineEvent, Change
    "change",
    "type",
    "gateway",
    "count",
    "resource",
    "share",
    "level",
    "factor",
    // Delay
    "family",
    "mean",
    "sd",
    "shape",
    "scale",
    // Added before version 1 was first released (append only).
    "infection_limit",
    "unnoticed",
];

/// String values written as one-byte symbols: enum names and the
/// presets' names. Frozen like [`KEYS`].
pub(super) const VALUES: &[&str] = &[
    // GatewayKind
    "rail_station",
    "coach_station",
    "highway_exit",
    "airport",
    "port",
    "road_entrance",
    // HourlyProfile
    "flat",
    "daytime",
    "road",
    // OverloadPolicy
    "queue",
    "wave_through",
    // QuarantinePlace
    "none",
    "home",
    "centralised",
    // Variant
    "ancestral",
    "delta",
    "omicron",
    "custom",
    // Delay family
    "gamma",
    "log_normal",
    "weibull",
    // Change type
    "infected_arrival",
    "local_infection",
    "staff_absent",
    "set_level",
    "lab_outage",
    "quarantine_site_closed",
    "set_contact_factor",
    "declare_zones",
    // Resource
    "checkpoint_staff",
    "grid_workers",
    "quarantine_rooms",
    "sampling_staff",
    "lab_capacity",
    "tracing_staff",
    "hospital_beds",
    // Names in the presets
    "Example city",
    "Rail station",
    "Coach stations (2)",
    "Highway exits (6)",
    "International airport",
    "A single undetected rail traveller",
    "Holiday return wave",
    "Infected long-haul driver at a highway exit",
    "Cold-chain worker infection",
    "Out-of-province tour group",
    "Inbound international flights",
];

/// The presets as they were when version 1 was defined, by code.
pub(super) const BASES_JSON: &str = include_str!("v1_bases.json");

/// The head of an op. Frozen layout (postcard: variant index, then fields).
#[derive(Serialize, Deserialize)]
pub(super) enum Head {
    Set(Vec<u32>),
    Resize(Vec<u32>, u32),
    SetKey(Vec<u32>, String),
}

/// One token of a value. Frozen layout.
#[derive(Serialize, Deserialize)]
pub(super) enum Tok {
    Null,
    False,
    True,
    UInt(u64),
    NegInt(u64),
    Dec(u64, i32),
    NegDec(u64, i32),
    F64(f64),
    Sym(u32),
    Str(String),
    Arr(u32),
    Obj(u32),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a 64: a simple hash, written out here so that the pins below
    /// never depend on a library.
    fn fnv1a64(bytes: &[u8]) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    }

    // These tables are frozen; if one of these tests fails you changed a
    // released link format. Undo the change: a field added after version 1
    // travels by name, and a new version may extend its own copy.

    #[test]
    fn keys_are_frozen() {
        assert_eq!(fnv1a64(KEYS.join("\n").as_bytes()), 0x8ca4_6555_32f6_040e);
        assert_eq!(KEYS.len(), 126);
    }

    #[test]
    fn values_are_frozen() {
        assert_eq!(fnv1a64(VALUES.join("\n").as_bytes()), 0x7a3e_0841_d337_103a);
        assert_eq!(VALUES.len(), 47);
    }

    #[test]
    fn bases_are_frozen() {
        assert_eq!(fnv1a64(BASES_JSON.as_bytes()), 0x0290_f9c5_4d0e_ae50);
    }

    /// Postcard bytes of every op head and token variant.
    #[test]
    fn layouts_are_frozen() {
        fn bytes<T: Serialize>(item: &T) -> Vec<u8> {
            postcard::to_extend(item, Vec::new()).unwrap()
        }
        assert_eq!(bytes(&Head::Set(vec![5, 200])), [0, 2, 5, 200, 1]);
        assert_eq!(bytes(&Head::Resize(vec![6], 3)), [1, 1, 6, 3]);
        assert_eq!(bytes(&Head::SetKey(vec![], "k".into())), [2, 0, 1, b'k']);
        let tokens = [
            (Tok::Null, vec![0]),
            (Tok::False, vec![1]),
            (Tok::True, vec![2]),
            (Tok::UInt(300), vec![3, 172, 2]),
            (Tok::NegInt(0), vec![4, 0]),
            (Tok::Dec(25, -1), vec![5, 25, 1]),
            (Tok::NegDec(25, 1), vec![6, 25, 2]),
            (Tok::F64(1.0), vec![7, 0, 0, 0, 0, 0, 0, 240, 63]),
            (Tok::Sym(9), vec![8, 9]),
            (Tok::Str("ab".into()), vec![9, 2, b'a', b'b']),
            (Tok::Arr(2), vec![10, 2]),
            (Tok::Obj(1), vec![11, 1]),
        ];
        for (tok, want) in tokens {
            assert_eq!(bytes(&tok), want);
        }
    }
}
