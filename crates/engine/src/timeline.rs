//! The timeline: changes to resources and policy, and injected events, by day.
//!
//! A scenario's timeline is applied at the start of the given day. Drill mode
//! adds events to a running [`crate::Simulation`] with
//! [`crate::Simulation::apply`], which records them in the same form, so a
//! drill can be replayed from its scenario.

use serde::{Deserialize, Serialize};

/// Most infected arrivals or local infections one event brings.
pub const MAX_EVENT_PEOPLE: u64 = 100_000;
/// Highest level a resource can be set to.
pub const MAX_EVENT_LEVEL: f64 = 100_000_000.0;
/// Longest laboratory outage or declared zones, days.
pub const MAX_EVENT_DAYS: u64 = 365;
/// Most rooms a closing quarantine site removes.
pub const MAX_EVENT_ROOMS: u64 = 10_000_000;
/// Largest arrivals multiplier of a surge.
pub const MAX_SURGE_FACTOR: f64 = 100.0;
/// Most population-wide rounds one order starts.
pub const MAX_EVENT_ROUNDS: u64 = 10;

/// A change that takes effect at the start of `day`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimelineEvent {
    /// Day (0-based) on which the change takes effect.
    pub day: u32,
    /// What changes.
    pub change: Change,
}

/// A resource whose level can change or whose staff can be off sick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// Inspectors at every checkpoint.
    CheckpointStaff,
    /// 网格员
    GridWorkers,
    /// Centralised quarantine rooms.
    QuarantineRooms,
    /// Sampling staff.
    SamplingStaff,
    /// Laboratory tests per day.
    LabCapacity,
    /// Tracing staff.
    TracingStaff,
    /// Designated-hospital beds.
    HospitalBeds,
}

impl Resource {
    /// Every resource, in display order.
    pub const ALL: [Resource; 7] = [
        Resource::CheckpointStaff,
        Resource::GridWorkers,
        Resource::QuarantineRooms,
        Resource::SamplingStaff,
        Resource::LabCapacity,
        Resource::TracingStaff,
        Resource::HospitalBeds,
    ];
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// What can change on a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// `count` infected travellers arrive at gateway `gateway` (index into
    /// the scenario's gateways), from a risk area. With `unnoticed`, they pass
    /// the checkpoint without being caught or flagged (the question is then
    /// whether the community finds them).
    InfectedArrival {
        gateway: u32,
        count: u32,
        #[serde(default, skip_serializing_if = "is_false")]
        unnoticed: bool,
    },
    /// `count` residents are infected locally (e.g. a cold-chain worker), undetected.
    LocalInfection { count: u32 },
    /// A share of a resource's staff is off sick (or back, with share 0) from this day.
    StaffAbsent { resource: Resource, share: f64 },
    /// A resource is set to a new level from this day (staff per shift for checkpoint staff).
    SetLevel { resource: Resource, level: f64 },
    /// Laboratories produce nothing for `days` days.
    LabOutage { days: u32 },
    /// A quarantine site closes, removing `rooms` rooms.
    QuarantineSiteClosed { rooms: u32 },
    /// Routine measures change: contacts kept relative to none.
    SetContactFactor { factor: f64 },
    /// Zones are declared now for `days` days, whatever the trigger.
    DeclareZones { days: u32 },
    /// A resource grows by `amount` from this day (a new quarantine site's
    /// rooms, grid workers redeployed, inspectors added per shift at every
    /// checkpoint); added after link version 1 (travels by name).
    AddLevel { resource: Resource, amount: f64 },
    /// Travellers at gateway `gateway` are `factor` times as many as
    /// planned for `days` days from this day (a surge of arrivals: queues,
    /// and infected travellers in proportion).
    ArrivalSurge {
        gateway: u32,
        factor: f64,
        days: u32,
    },
    /// `rounds` population-wide testing rounds are ordered now, whatever the
    /// policy's trigger (with the policy's participation and interval).
    MassTesting { rounds: u32 },
}
