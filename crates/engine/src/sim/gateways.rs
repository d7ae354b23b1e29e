//! Checkpoint outputs gateway by gateway: the daily values of each gateway
//! and its run summary (first day short, infected travellers passed
//! unchecked), recorded by the arrivals phase (`arrivals.rs`).
//!
//! The queue, the waits and the unchecked counts come from the plan (they do
//! not depend on chance), worked out once for all runs ([`CheckpointsDay`],
//! kept in [`crate::Plan::checkpoints`]); the infected travellers are drawn
//! per run. The
//! whole-city series [`Series::CheckpointQueue`](super::Series) and
//! [`Series::CheckpointWait`](super::Series) and the capacity
//! [`Capacity::Checkpoint`](super::Capacity) ("some checkpoint is short")
//! stay as they were; these say which gateway.

use crate::checkpoint::CheckpointDay;
use crate::plan::{checkpoint_short, GatewayDay};
use crate::scenario::Gateway;
use serde::{Deserialize, Serialize};

/// A daily output series of one gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GatewaySeries {
    /// Travellers arriving.
    Arrivals,
    /// Largest queue of the day, travellers.
    Queue,
    /// Mean wait of a checked traveller over the day, minutes.
    MeanWait,
    /// Wait of a checked traveller in the day's worst hour, minutes.
    PeakHourWait,
    /// Travellers waved through by the overload policy.
    UncheckedByPolicy,
    /// Travellers waved through because the queue reached its cap.
    UncheckedByCap,
    /// Travellers passing while nobody is on duty.
    UncheckedUnstaffed,
    /// Infected travellers arriving.
    InfectedArrivals,
    /// Infected travellers who passed without being checked.
    InfectedUnchecked,
}

/// Number of daily series of a gateway.
pub const GATEWAY_SERIES_COUNT: usize = 9;

/// One day's values of a gateway, in [`GatewaySeries::ALL`] order.
pub type GatewayDayValues = [f32; GATEWAY_SERIES_COUNT];

impl GatewaySeries {
    /// Every series, in index order.
    pub const ALL: [GatewaySeries; GATEWAY_SERIES_COUNT] = [
        GatewaySeries::Arrivals,
        GatewaySeries::Queue,
        GatewaySeries::MeanWait,
        GatewaySeries::PeakHourWait,
        GatewaySeries::UncheckedByPolicy,
        GatewaySeries::UncheckedByCap,
        GatewaySeries::UncheckedUnstaffed,
        GatewaySeries::InfectedArrivals,
        GatewaySeries::InfectedUnchecked,
    ];

    /// Index into a day's values.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Machine name (snake case), as in CSV and JSON.
    pub fn key(self) -> &'static str {
        match self {
            GatewaySeries::Arrivals => "arrivals",
            GatewaySeries::Queue => "queue",
            GatewaySeries::MeanWait => "mean_wait_minutes",
            GatewaySeries::PeakHourWait => "peak_hour_wait_minutes",
            GatewaySeries::UncheckedByPolicy => "unchecked_by_policy",
            GatewaySeries::UncheckedByCap => "unchecked_by_cap",
            GatewaySeries::UncheckedUnstaffed => "unchecked_unstaffed",
            GatewaySeries::InfectedArrivals => "infected_arrivals",
            GatewaySeries::InfectedUnchecked => "infected_unchecked",
        }
    }
}

/// One gateway over one run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GatewaySummary {
    /// First day its checkpoint was short (travellers passed unchecked or
    /// the day's mean wait exceeded the acceptable wait).
    pub first_short_day: Option<u32>,
    /// Travellers arriving over the run.
    pub arrivals: f64,
    /// Longest wait of the worst hour of any day, minutes.
    pub peak_hour_wait_minutes: f64,
    /// Longest daily mean wait, minutes.
    pub max_mean_wait_minutes: f64,
    /// Largest queue, travellers.
    pub max_queue: f64,
    /// Travellers waved through by the overload policy, over the run.
    pub unchecked_by_policy: f64,
    /// Travellers waved through by the queue cap, over the run.
    pub unchecked_by_cap: f64,
    /// Travellers passing while nobody was on duty, over the run.
    pub unchecked_unstaffed: f64,
    /// Infected travellers arriving.
    pub infected_arrivals: u32,
    /// Of whom passed without being checked.
    pub infected_unchecked: u32,
}

impl GatewaySummary {
    /// Adds a day of the gateway's checkpoint; `short` says whether it was short.
    pub(super) fn add_day(&mut self, day: u32, arrivals: f64, cp: &CheckpointDay, short: bool) {
        if short && self.first_short_day.is_none() {
            self.first_short_day = Some(day);
        }
        self.arrivals += arrivals;
        self.peak_hour_wait_minutes = self.peak_hour_wait_minutes.max(cp.peak_hour_wait_minutes);
        self.max_mean_wait_minutes = self.max_mean_wait_minutes.max(cp.mean_wait_minutes);
        self.max_queue = self.max_queue.max(cp.max_queue);
        self.unchecked_by_policy += cp.unchecked_by_policy;
        self.unchecked_by_cap += cp.unchecked_by_cap;
        self.unchecked_unstaffed += cp.unchecked_unstaffed;
    }
}

/// The deterministic part of a gateway's day (the infected counts are added
/// as travellers are drawn).
fn day_values(arrivals: f64, cp: &CheckpointDay) -> GatewayDayValues {
    let mut v = [0.0f32; GATEWAY_SERIES_COUNT];
    v[GatewaySeries::Arrivals.index()] = arrivals as f32;
    v[GatewaySeries::Queue.index()] = cp.max_queue as f32;
    v[GatewaySeries::MeanWait.index()] = cp.mean_wait_minutes as f32;
    v[GatewaySeries::PeakHourWait.index()] = cp.peak_hour_wait_minutes as f32;
    v[GatewaySeries::UncheckedByPolicy.index()] = cp.unchecked_by_policy as f32;
    v[GatewaySeries::UncheckedByCap.index()] = cp.unchecked_by_cap as f32;
    v[GatewaySeries::UncheckedUnstaffed.index()] = cp.unchecked_unstaffed as f32;
    v
}

/// Every checkpoint's outputs on one day that are the same in every run,
/// worked out once with the plan ([`crate::Plan::checkpoints`]) rather than
/// in each run.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckpointsDay {
    /// Each gateway's daily values without the infected travellers (added
    /// as they are drawn).
    pub values: Vec<GatewayDayValues>,
    /// Whether each gateway's checkpoint is short ([`checkpoint_short`]).
    pub short: Vec<bool>,
    /// Whether any is.
    pub any_short: bool,
    /// [`Series::CheckpointQueue`](super::Series): the largest queue.
    pub queue: f32,
    /// [`Series::CheckpointWait`](super::Series): the mean wait of a checked
    /// traveller, all gateways.
    pub wait_minutes: f32,
}

impl CheckpointsDay {
    /// The day `days` (one per gateway, in order) of `gateways`.
    pub fn of(gateways: &[Gateway], days: &[GatewayDay]) -> CheckpointsDay {
        let mut queue = 0.0f64;
        let mut wait_weighted = 0.0;
        let mut checked_total = 0.0;
        let mut short = Vec::with_capacity(days.len());
        for (gateway, day) in gateways.iter().zip(days) {
            let cp = &day.checkpoint;
            // Travellers passing unchecked (waved through, queue too long,
            // or nobody on duty) or long waits mean the checkpoint is short.
            short.push(checkpoint_short(gateway, day));
            queue = queue.max(cp.max_queue);
            let checked = day.arrivals * cp.checked_share;
            wait_weighted += cp.mean_wait_minutes * checked;
            checked_total += checked;
        }
        CheckpointsDay {
            values: days
                .iter()
                .map(|day| day_values(day.arrivals, &day.checkpoint))
                .collect(),
            any_short: short.contains(&true),
            short,
            queue: queue as f32,
            wait_minutes: if checked_total > 0.0 {
                (wait_weighted / checked_total) as f32
            } else {
                0.0
            },
        }
    }
}
