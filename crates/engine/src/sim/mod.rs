//! One stochastic run of a scenario, advanced a day at a time.
//!
//! The simulation is individual-based for infected people only: arrivals,
//! checks, quarantine and tests of the uninfected are counted, never stored,
//! so cost and memory grow with infections and contacts, not with the
//! population. Each infected person carries their own random stream, derived
//! from the run's seed and their place in the chain of infection, so two
//! scenarios that differ in one resource share their random numbers (common
//! random numbers) wherever their histories agree.
//!
//! A day runs in this order: timeline changes; arrivals and checkpoints;
//! scheduled events (symptom onsets, samples, results, self-reports);
//! grid-worker sweeps; routine screening and population-wide testing;
//! transmission; tracing; supplies; then the day's outputs are recorded.
//! Every event is processed on the day it is due, except one scheduled for
//! today after the day's last pass of events (a sample asked for by tracing,
//! the onset of a case infected today), which is processed the next day.
//!
//! [`Simulation::step`] (in this file) is the day's table of contents: it
//! releases rooms and beds, applies the timeline's levels, shares out the
//! grid workers and runs the laboratory itself, and calls each phase in
//! order. The phases, in order, and their files:
//!
//! 1. `mod.rs` (`step`) — releases, timeline changes, grid-worker share-out;
//! 2. `arrivals.rs` — arrivals and checkpoints;
//! 3. `events.rs` — scheduled events: onsets, fever clinics, samples,
//!    results, self-reports (run again after screening and after
//!    population-wide testing, for the samples they schedule today);
//! 4. `community.rs` — grid-worker sweeps;
//! 5. `testing.rs` — routine screening and population-wide testing, then
//!    the laboratory (in `step`);
//! 6. `transmission.rs` — transmission;
//! 7. `tracing.rs` — contact tracing;
//! 8. `supplies.rs` — the day's use of supplies, stocks, running out (and
//!    the shares of work the supplies allow the next day, applied in `step`);
//! 9. `outputs.rs` — the day's values and the run summary.
//!
//! Called from within those phases: `response.rs` (detection, hospital
//! beds, quarantine, zones and population-wide rounds triggered by local
//! cases) and `case.rs` (infected people, their random streams, and the
//! private types shared by the phases). Checkpoint outputs gateway by
//! gateway are defined in `gateways.rs`. Tests are in `tests.rs`.

mod arrivals;
mod case;
mod community;
mod events;
mod gateways;
mod line_list;
mod outputs;
mod response;
mod supplies;
mod testing;
#[cfg(test)]
mod tests;
mod tracing;
mod transmission;

use crate::plan::Plan;
use crate::rng::SimRng;
use crate::scenario::{Scenario, Supply, SUPPLY_COUNT};
use crate::timeline::TimelineEvent;
use crate::validate::{validate, ValidationErrors};
use case::{Case, Event, MassRound, Scheduled, Status, Stays};
pub use gateways::{
    CheckpointsDay, GatewayDayValues, GatewaySeries, GatewaySummary, GATEWAY_SERIES_COUNT,
};
pub use line_list::{Found, Infector, LineListEntry, Setting};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::sync::Arc;

/// A checkpoint whose travellers wait longer than this on average over a
/// day (or that waves travellers through unchecked) counts as overwhelmed.
pub const MAX_ACCEPTABLE_WAIT_MINUTES: f64 = 30.0;

/// A daily output series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Series {
    /// Infected travellers arriving.
    ImportedInfections,
    /// Infected travellers who entered the community unnoticed (not caught, not flagged).
    ImportedUnnoticed,
    /// New infections in the city (transmission and local seeds).
    LocalInfections,
    /// Imported infections detected (at the gate or later).
    DetectedImported,
    /// Local infections detected.
    DetectedLocal,
    /// Infected people at large: infectious, not isolated or quarantined.
    InfectiousAtLarge,
    /// Centralised quarantine rooms occupied.
    RoomsOccupied,
    /// Rooms that would be occupied were they unlimited.
    RoomsNeeded,
    /// Rooms available.
    RoomsCapacity,
    /// People in home quarantine.
    HomeQuarantine,
    /// Hospital beds occupied.
    BedsOccupied,
    /// Beds needed (occupied plus cases turned away).
    BedsNeeded,
    /// Beds available.
    BedsCapacity,
    /// Laboratory tubes needed (population-wide rounds counted as done in one day).
    TestsNeeded,
    /// Tubes processed.
    TestsDone,
    /// Laboratory tubes per day available.
    TestsCapacity,
    /// Tubes waiting at the end of the day.
    TestBacklog,
    /// Detected cases waiting for tracing at the end of the day.
    TracingBacklog,
    /// Cases the tracing staff can investigate per day.
    TracingCapacity,
    /// Largest checkpoint queue, travellers.
    CheckpointQueue,
    /// Mean wait of a checked traveller, minutes (all gateways).
    CheckpointWait,
    /// Grid-worker visits needed to watch home quarantine, as a share of visits available.
    GridUtilisation,
    /// 1 while zones are in force.
    ZonesActive,
    /// Infected travellers who arrived so far.
    CumulativeImported,
    /// Infections in the city so far.
    CumulativeLocal,
    /// Infections detected so far (imported and local).
    CumulativeDetected,
    /// Masks in stock at the end of the day.
    MasksStock,
    /// Masks used.
    MasksUsed,
    /// Protective suits in stock at the end of the day.
    ProtectiveSuitsStock,
    /// Protective suits used.
    ProtectiveSuitsUsed,
    /// Goggles in stock at the end of the day.
    GogglesStock,
    /// Goggles used.
    GogglesUsed,
    /// Gloves (pairs) in stock at the end of the day.
    GlovesStock,
    /// Gloves (pairs) used.
    GlovesUsed,
    /// Disinfectant in stock at the end of the day, litres.
    DisinfectantStock,
    /// Disinfectant used, litres.
    DisinfectantUsed,
    /// Swabs in stock at the end of the day.
    SwabsStock,
    /// Swabs used.
    SwabsUsed,
    /// Reagent in stock at the end of the day, tests.
    ReagentStock,
    /// Reagent used, tests.
    ReagentUsed,
}

/// Number of daily series.
pub const SERIES_COUNT: usize = 40;

impl Series {
    /// Every series, in index order.
    pub const ALL: [Series; SERIES_COUNT] = [
        Series::ImportedInfections,
        Series::ImportedUnnoticed,
        Series::LocalInfections,
        Series::DetectedImported,
        Series::DetectedLocal,
        Series::InfectiousAtLarge,
        Series::RoomsOccupied,
        Series::RoomsNeeded,
        Series::RoomsCapacity,
        Series::HomeQuarantine,
        Series::BedsOccupied,
        Series::BedsNeeded,
        Series::BedsCapacity,
        Series::TestsNeeded,
        Series::TestsDone,
        Series::TestsCapacity,
        Series::TestBacklog,
        Series::TracingBacklog,
        Series::TracingCapacity,
        Series::CheckpointQueue,
        Series::CheckpointWait,
        Series::GridUtilisation,
        Series::ZonesActive,
        Series::CumulativeImported,
        Series::CumulativeLocal,
        Series::CumulativeDetected,
        Series::MasksStock,
        Series::MasksUsed,
        Series::ProtectiveSuitsStock,
        Series::ProtectiveSuitsUsed,
        Series::GogglesStock,
        Series::GogglesUsed,
        Series::GlovesStock,
        Series::GlovesUsed,
        Series::DisinfectantStock,
        Series::DisinfectantUsed,
        Series::SwabsStock,
        Series::SwabsUsed,
        Series::ReagentStock,
        Series::ReagentUsed,
    ];

    /// Index into a day's values.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Machine name (snake case), as in CSV headers and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Series::ImportedInfections => "imported_infections",
            Series::ImportedUnnoticed => "imported_unnoticed",
            Series::LocalInfections => "local_infections",
            Series::DetectedImported => "detected_imported",
            Series::DetectedLocal => "detected_local",
            Series::InfectiousAtLarge => "infectious_at_large",
            Series::RoomsOccupied => "rooms_occupied",
            Series::RoomsNeeded => "rooms_needed",
            Series::RoomsCapacity => "rooms_capacity",
            Series::HomeQuarantine => "home_quarantine",
            Series::BedsOccupied => "beds_occupied",
            Series::BedsNeeded => "beds_needed",
            Series::BedsCapacity => "beds_capacity",
            Series::TestsNeeded => "tests_needed",
            Series::TestsDone => "tests_done",
            Series::TestsCapacity => "tests_capacity",
            Series::TestBacklog => "test_backlog",
            Series::TracingBacklog => "tracing_backlog",
            Series::TracingCapacity => "tracing_capacity",
            Series::CheckpointQueue => "checkpoint_queue",
            Series::CheckpointWait => "checkpoint_wait_minutes",
            Series::GridUtilisation => "grid_utilisation",
            Series::ZonesActive => "zones_active",
            Series::CumulativeImported => "cumulative_imported",
            Series::CumulativeLocal => "cumulative_local",
            Series::CumulativeDetected => "cumulative_detected",
            Series::MasksStock => "masks_stock",
            Series::MasksUsed => "masks_used",
            Series::ProtectiveSuitsStock => "protective_suits_stock",
            Series::ProtectiveSuitsUsed => "protective_suits_used",
            Series::GogglesStock => "goggles_stock",
            Series::GogglesUsed => "goggles_used",
            Series::GlovesStock => "gloves_stock",
            Series::GlovesUsed => "gloves_used",
            Series::DisinfectantStock => "disinfectant_litres_stock",
            Series::DisinfectantUsed => "disinfectant_litres_used",
            Series::SwabsStock => "swabs_stock",
            Series::SwabsUsed => "swabs_used",
            Series::ReagentStock => "reagent_stock",
            Series::ReagentUsed => "reagent_used",
        }
    }

    /// The stock of a supply item at the end of each day.
    pub fn supply_stock(supply: Supply) -> Series {
        match supply {
            Supply::Masks => Series::MasksStock,
            Supply::ProtectiveSuits => Series::ProtectiveSuitsStock,
            Supply::Goggles => Series::GogglesStock,
            Supply::Gloves => Series::GlovesStock,
            Supply::DisinfectantLitres => Series::DisinfectantStock,
            Supply::Swabs => Series::SwabsStock,
            Supply::Reagent => Series::ReagentStock,
        }
    }

    /// The use of a supply item each day.
    pub fn supply_used(supply: Supply) -> Series {
        match supply {
            Supply::Masks => Series::MasksUsed,
            Supply::ProtectiveSuits => Series::ProtectiveSuitsUsed,
            Supply::Goggles => Series::GogglesUsed,
            Supply::Gloves => Series::GlovesUsed,
            Supply::DisinfectantLitres => Series::DisinfectantUsed,
            Supply::Swabs => Series::SwabsUsed,
            Supply::Reagent => Series::ReagentUsed,
        }
    }
}

/// One day's values of every series.
pub type DayValues = [f32; SERIES_COUNT];

/// A capacity that can run out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    /// Checkpoint inspectors (arrivals exceed inspection capacity).
    Checkpoint,
    /// Grid workers (home-quarantine watch needs more visits than they make).
    GridWorkers,
    /// Centralised quarantine rooms.
    QuarantineRooms,
    /// Sampling staff and laboratories (a backlog, or a population-wide round longer than a day).
    Testing,
    /// Tracing staff (a case waits to be traced).
    Tracing,
    /// Designated-hospital beds.
    HospitalBeds,
    /// Masks (a day's use exceeds the stock).
    Masks,
    /// Protective suits.
    ProtectiveSuits,
    /// Goggles.
    Goggles,
    /// Gloves.
    Gloves,
    /// Disinfectant.
    DisinfectantLitres,
    /// Sampling swabs.
    Swabs,
    /// PCR reagent.
    Reagent,
}

/// Number of capacities.
pub const CAPACITY_COUNT: usize = 13;

impl Capacity {
    /// Every capacity, in index order.
    pub const ALL: [Capacity; CAPACITY_COUNT] = [
        Capacity::Checkpoint,
        Capacity::GridWorkers,
        Capacity::QuarantineRooms,
        Capacity::Testing,
        Capacity::Tracing,
        Capacity::HospitalBeds,
        Capacity::Masks,
        Capacity::ProtectiveSuits,
        Capacity::Goggles,
        Capacity::Gloves,
        Capacity::DisinfectantLitres,
        Capacity::Swabs,
        Capacity::Reagent,
    ];

    /// Index into per-capacity arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Machine name.
    pub fn key(self) -> &'static str {
        match self {
            Capacity::Checkpoint => "checkpoint",
            Capacity::GridWorkers => "grid_workers",
            Capacity::QuarantineRooms => "quarantine_rooms",
            Capacity::Testing => "testing",
            Capacity::Tracing => "tracing",
            Capacity::HospitalBeds => "hospital_beds",
            Capacity::Masks
            | Capacity::ProtectiveSuits
            | Capacity::Goggles
            | Capacity::Gloves
            | Capacity::DisinfectantLitres
            | Capacity::Swabs
            | Capacity::Reagent => self.supply().map_or("", Supply::key),
        }
    }

    /// The supply item of a supply capacity.
    pub fn supply(self) -> Option<Supply> {
        Supply::ALL
            .into_iter()
            .find(|&s| Capacity::of_supply(s) == self)
    }

    /// The capacity of a supply item: it binds on the day the item runs out.
    pub fn of_supply(supply: Supply) -> Capacity {
        match supply {
            Supply::Masks => Capacity::Masks,
            Supply::ProtectiveSuits => Capacity::ProtectiveSuits,
            Supply::Goggles => Capacity::Goggles,
            Supply::Gloves => Capacity::Gloves,
            Supply::DisinfectantLitres => Capacity::DisinfectantLitres,
            Supply::Swabs => Capacity::Swabs,
            Supply::Reagent => Capacity::Reagent,
        }
    }
}

/// Summary of one run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    /// Infected travellers who arrived.
    pub infected_arrivals: u32,
    /// Of whom caught at a checkpoint (certificate or temperature).
    pub caught_at_checkpoint: u32,
    /// Of whom flagged at a checkpoint and sent to quarantine.
    pub flagged_at_checkpoint: u32,
    /// Infections acquired in the city (transmission plus local seeds).
    pub local_infections: u32,
    /// Whether anyone was infected by someone in the city.
    pub local_transmission: bool,
    /// All infections (imported and local).
    pub total_infections: u32,
    /// Infections detected.
    pub detected: u32,
    /// Day of the first infection in the city.
    pub first_local_infection_day: Option<u32>,
    /// Day of the first detection of an infection acquired in the city.
    pub first_local_detection_day: Option<u32>,
    /// No infection in the city on the containment window's days
    /// ([`Scenario::containment_days`]; by default the last 14 days of the
    /// horizon), and the run was not cut short.
    pub contained: bool,
    /// Most rooms needed on any day.
    pub peak_rooms_needed: f64,
    /// Most beds needed on any day.
    pub peak_beds_needed: f64,
    /// Most laboratory tubes needed on any day.
    pub peak_tests_needed: f64,
    /// Longest tracing backlog, cases.
    pub peak_tracing_backlog: f64,
    /// Most detected cases waiting for the tracers at the start of a day's
    /// tracing (the day's work were tracing unlimited; not in
    /// [`RunOutcome::digest`]).
    #[serde(default)]
    pub peak_tracing_waiting: f64,
    /// Most grid-worker visits needed on any day to watch every
    /// home-quarantined household (not in [`RunOutcome::digest`]).
    #[serde(default)]
    pub peak_watch_visits: f64,
    /// Per supply item (index by [`Supply::index`]): the smallest starting
    /// stock with which the item never runs out, given its resupply and the
    /// run's use (not in [`RunOutcome::digest`]).
    #[serde(default)]
    pub supply_stock_needed: [f64; SUPPLY_COUNT],
    /// Longest mean checkpoint wait of any day, minutes.
    pub max_checkpoint_wait_minutes: f64,
    /// Person-days spent in quarantine (centralised and home).
    pub quarantine_person_days: f64,
    /// First day each capacity bound (index by [`Capacity::index`]).
    pub first_bind_day: [Option<u32>; CAPACITY_COUNT],
    /// The run hit the infection limit and stopped spreading.
    pub truncated: bool,
    /// Each gateway's checkpoint, in the scenario's order (not in [`RunOutcome::digest`]).
    #[serde(default)]
    pub gateways: Vec<GatewaySummary>,
}

/// The full outcome of one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunOutcome {
    /// Index of the run within its Monte Carlo batch.
    pub run_index: u32,
    /// Summary figures.
    pub summary: RunSummary,
    /// Daily values.
    #[serde(with = "day_values")]
    pub daily: Vec<DayValues>,
    /// Daily values of each gateway, day by day, each day's gateways in the
    /// scenario's order (one row per gateway of `summary.gateways`; read
    /// with [`RunOutcome::gateway_day`]; not in the digest).
    #[serde(default)]
    pub gateway_daily: Vec<GatewayDayValues>,
}

/// Daily values as a list of lists (serde derives arrays only up to 32
/// elements); a day of the wrong length is an error.
mod day_values {
    use super::DayValues;
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(daily: &[DayValues], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(daily.iter().map(|day| &day[..]))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<DayValues>, D::Error> {
        let days = Vec::<Vec<f32>>::deserialize(deserializer)?;
        days.into_iter()
            .map(|day| {
                DayValues::try_from(day.as_slice())
                    .map_err(|_| D::Error::invalid_length(day.len(), &"one value per series"))
            })
            .collect()
    }
}

impl RunOutcome {
    /// Gateway `gateway`'s values on day index `day` (from 0), if both exist.
    pub fn gateway_day(&self, day: usize, gateway: usize) -> Option<&GatewayDayValues> {
        let gateways = self.summary.gateways.len();
        if gateway >= gateways {
            return None;
        }
        self.gateway_daily.get(day * gateways + gateway)
    }

    /// A 64-bit FNV-1a digest of every output, to compare platforms bit for bit.
    pub fn digest(&self) -> u64 {
        let mut hash = 0xcbf2_9ce4_8422_2325u64;
        let mut eat = |x: u64| {
            for byte in x.to_le_bytes() {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        };
        for day in &self.daily {
            for v in day {
                eat(u64::from(v.to_bits()));
            }
        }
        let s = &self.summary;
        for x in [
            s.infected_arrivals,
            s.caught_at_checkpoint,
            s.local_infections,
            s.total_infections,
            s.detected,
        ] {
            eat(u64::from(x));
        }
        for x in [
            s.peak_rooms_needed,
            s.peak_beds_needed,
            s.peak_tests_needed,
            s.peak_tracing_backlog,
            s.max_checkpoint_wait_minutes,
            s.quarantine_person_days,
        ] {
            eat(x.to_bits());
        }
        hash
    }
}

/// A snapshot of a simulation's state for display (drill mode).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The next day to simulate (days done so far).
    pub day: u32,
    /// Infections so far.
    pub total_infections: u32,
    /// Infected people at large now.
    pub infectious_at_large: u32,
    /// Detected so far.
    pub detected: u32,
    /// Rooms occupied now.
    pub rooms_occupied: f64,
    /// People in home quarantine now.
    pub home_quarantine: f64,
    /// Beds occupied now.
    pub beds_occupied: f64,
    /// Cases waiting to be traced.
    pub tracing_backlog: u32,
    /// Zones in force.
    pub zones_active: bool,
    /// Population-wide testing rounds still planned.
    pub mass_rounds_pending: u32,
}

/// One run of a scenario, advanced a day at a time.
#[derive(Clone, Debug)]
pub struct Simulation {
    scenario: Arc<Scenario>,
    plan: Arc<Plan>,
    run_index: u32,
    rng: SimRng,
    seed: u64,
    day: u32,
    infection_limit: u32,
    cases: Vec<Case>,
    active: Vec<u32>,
    households_left: Vec<u8>,
    events: Vec<Vec<Event>>,
    /// Today's events have all been processed: an event scheduled for today
    /// from now on (by tracing) happens tomorrow.
    events_closed: bool,
    /// Scheduled infections by due day.
    pending: Vec<Vec<Scheduled>>,
    /// Infected people whose quarantine ends, by day.
    quarantine_ends: Vec<Vec<u32>>,
    /// Infected people at large now: within their generation interval, in
    /// the community or in home quarantine (kept as statuses change).
    at_large: u32,
    /// Infected people whose generation interval ends, by day.
    window_ends: Vec<Vec<u32>>,
    susceptible: f64,
    infection_counter: u64,
    rooms: Stays,
    rooms_needed: Stays,
    home: Stays,
    beds: Stays,
    beds_needed: Stays,
    unreported_uninfected: VecDeque<(u32, f64)>,
    self_report_uninfected: f64,
    lab_backlog: f64,
    tracing_queue: VecDeque<u32>,
    /// Each imported case's gateway and arrival day, in order of id (for
    /// the line list).
    arrivals_log: Vec<case::Arrival>,
    /// Cases joining the tracing queue after a delay, by day (empty unless
    /// `tracing.delayed`).
    tracing_due: Vec<Vec<u32>>,
    tracing_credit: f64,
    zones_until: Option<u32>,
    recent_local_detections: VecDeque<u32>,
    local_detected_total: u32,
    mass_rounds_left: u32,
    mass_next_day: u32,
    mass_last_start: Option<u32>,
    mass_current: Option<MassRound>,
    grid_coverage: f64,
    supply_stock: [f64; SUPPLY_COUNT],
    supply_deficit: [f64; SUPPLY_COUNT],
    supply_shares: supplies::SupplyShares,
    supply_limits: [bool; SUPPLY_COUNT],
    supply_table: supplies::SupplyTable,
    today: DayValues,
    summary: RunSummary,
    daily: Vec<DayValues>,
    /// Each day's gateways in order, as in [`RunOutcome::gateway_daily`].
    gateway_daily: Vec<GatewayDayValues>,
}

impl Simulation {
    /// A new run of a scenario (validated first).
    pub fn new(scenario: &Scenario, run_index: u32) -> Result<Simulation, ValidationErrors> {
        validate(scenario)?;
        let plan = Arc::new(Plan::new(scenario));
        Ok(Simulation::with_plan(
            Arc::new(scenario.clone()),
            plan,
            run_index,
        ))
    }

    /// A new run sharing a scenario and its plan with other runs. The
    /// scenario must have passed [`validate`].
    pub fn with_plan(scenario: Arc<Scenario>, plan: Arc<Plan>, run_index: u32) -> Simulation {
        let seed = crate::rng::run_seed(scenario.seed, run_index);
        let days = scenario.days;
        let mut sim = Simulation {
            rng: SimRng::from_seed(seed),
            seed,
            run_index,
            day: 0,
            infection_limit: scenario.infection_limit,
            cases: Vec::new(),
            active: Vec::new(),
            households_left: Vec::new(),
            events: vec![Vec::new(); days as usize + 1],
            events_closed: false,
            pending: vec![Vec::new(); days as usize],
            quarantine_ends: vec![Vec::new(); days as usize],
            at_large: 0,
            window_ends: vec![Vec::new(); days as usize],
            susceptible: scenario.city.population as f64,
            infection_counter: 0,
            rooms: Stays::new(days),
            rooms_needed: Stays::new(days),
            home: Stays::new(days),
            beds: Stays::new(days),
            beds_needed: Stays::new(days),
            unreported_uninfected: VecDeque::new(),
            self_report_uninfected: 0.0,
            lab_backlog: 0.0,
            tracing_queue: VecDeque::new(),
            tracing_due: Vec::new(),
            arrivals_log: Vec::new(),
            tracing_credit: 0.0,
            zones_until: None,
            recent_local_detections: VecDeque::new(),
            local_detected_total: 0,
            mass_rounds_left: 0,
            mass_next_day: 0,
            mass_last_start: None,
            mass_current: None,
            grid_coverage: 1.0,
            supply_stock: Supply::ALL.map(|s| scenario.supplies.item(s).stock),
            supply_deficit: [0.0; SUPPLY_COUNT],
            supply_shares: supplies::SupplyShares::FULL,
            supply_limits: [false; SUPPLY_COUNT],
            supply_table: supplies::SupplyTable::new(&scenario.supplies),
            today: [0.0; SERIES_COUNT],
            summary: RunSummary::default(),
            daily: Vec::with_capacity(days as usize),
            gateway_daily: Vec::with_capacity(days as usize * scenario.gateways.len()),
            scenario,
            plan,
        };
        let seeds = sim.scenario.initial_infections;
        for _ in 0..seeds {
            sim.seed_local_infection(0);
        }
        sim
    }

    /// Stops transmission after `limit` infections (the run is marked truncated).
    pub fn set_infection_limit(&mut self, limit: u32) {
        self.infection_limit = limit;
    }

    /// The next day to simulate.
    pub fn day(&self) -> u32 {
        self.day
    }

    /// Whether every day has been simulated.
    pub fn finished(&self) -> bool {
        self.day >= self.scenario.days
    }

    /// The scenario as it stands (with any changes applied in a drill).
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Values recorded so far, one entry per simulated day.
    pub fn daily(&self) -> &[DayValues] {
        &self.daily
    }

    /// Daily values of each gateway so far: day by day, each day's
    /// gateways in order (as in [`RunOutcome::gateway_daily`]).
    pub fn gateway_daily(&self) -> &[GatewayDayValues] {
        &self.gateway_daily
    }

    /// Summary so far.
    pub fn summary(&self) -> &RunSummary {
        &self.summary
    }

    /// A snapshot of the current state.
    pub fn state(&self) -> State {
        State {
            day: self.day,
            total_infections: self.cases.len() as u32,
            infectious_at_large: self.infectious_at_large(),
            detected: self.summary.detected,
            rooms_occupied: self.rooms.occupancy,
            home_quarantine: self.home.occupancy,
            beds_occupied: self.beds.occupancy,
            tracing_backlog: self.tracing_queue.len() as u32,
            zones_active: self.zones_active(self.day),
            mass_rounds_pending: self.mass_rounds_left,
        }
    }

    /// Applies a change from the current day on (drill mode): the change is
    /// added to this run's scenario timeline and the plan is rebuilt.
    pub fn apply(&mut self, change: crate::timeline::Change) -> Result<(), ValidationErrors> {
        let mut scenario = (*self.scenario).clone();
        scenario.timeline.push(TimelineEvent {
            day: self.day,
            change,
        });
        validate(&scenario)?;
        self.plan = Arc::new(Plan::new(&scenario));
        self.supply_table = supplies::SupplyTable::new(&scenario.supplies);
        self.scenario = Arc::new(scenario);
        Ok(())
    }

    /// Runs every remaining day and returns the outcome.
    pub fn run_to_end(mut self) -> RunOutcome {
        while !self.finished() {
            self.step();
        }
        self.finish()
    }

    /// The outcome of the days simulated so far.
    pub fn finish(mut self) -> RunOutcome {
        self.close_summary();
        RunOutcome {
            run_index: self.run_index,
            summary: self.summary,
            daily: self.daily,
            gateway_daily: self.gateway_daily,
        }
    }

    fn zones_active(&self, day: u32) -> bool {
        self.zones_until.is_some_and(|until| day < until)
    }

    fn infectious_at_large(&self) -> u32 {
        self.at_large
    }

    /// Whether a status counts as at large (free to infect others).
    fn counts_at_large(status: Status) -> bool {
        matches!(status, Status::Community | Status::HomeQuarantine { .. })
    }

    /// Changes an infected person's status, keeping the count at large.
    fn set_status(&mut self, id: u32, status: Status) {
        let gi_len = self.plan.generation_weights.len() as i64;
        let case = &mut self.cases[id as usize];
        if i64::from(self.day) < case.infected_day + gi_len {
            let before = Self::counts_at_large(case.status);
            let after = Self::counts_at_large(status);
            if after && !before {
                self.at_large += 1;
            } else if before && !after {
                self.at_large -= 1;
            }
        }
        case.status = status;
    }

    /// Drops from the active list the cases past their generation interval
    /// and the window in which a test can find them. Done when a phase is
    /// about to go through the list (sweeps, screening, population-wide
    /// testing), so a run without them never walks it.
    fn prune_active(&mut self) {
        let day = i64::from(self.day);
        let gi_len = self.plan.generation_weights.len() as i64;
        let keep_days = (self.scenario.testing.detectable_until_day.ceil() as i64).max(gi_len);
        let cases = &self.cases;
        self.active
            .retain(|&id| day - cases[id as usize].infected_day < keep_days);
    }

    fn is_undetected_free(&self, id: u32) -> bool {
        let c = &self.cases[id as usize];
        c.detected_day.is_none() && matches!(c.status, Status::Community)
    }

    /// Schedules an event. The rule: every event is processed on the day it
    /// is due, except one scheduled for today after the day's last pass of
    /// events (by tracing, or the onset of a case infected today), which is
    /// processed first thing the next day.
    fn schedule(&mut self, day: u32, event: Event) {
        let day = if self.events_closed {
            day.max(self.day + 1)
        } else {
            day
        };
        if let Some(list) = self.events.get_mut(day as usize) {
            list.push(event);
        }
    }

    fn bind(&mut self, capacity: Capacity) {
        let slot = &mut self.summary.first_bind_day[capacity.index()];
        if slot.is_none() {
            *slot = Some(self.day);
        }
    }

    /// Advances one day. Does nothing once the horizon is reached.
    pub fn step(&mut self) {
        if self.finished() {
            return;
        }
        let day = self.day;
        // `today` was cleared when yesterday was recorded (or is new), so the
        // initial infections created with the run count on day 0.
        self.events_closed = false;
        let plan = Arc::clone(&self.plan);
        let levels = &plan.levels[day as usize];

        // Releases at the start of the day.
        self.rooms.release(day);
        self.rooms_needed.release(day);
        self.home.release(day);
        self.beds.release(day);
        self.beds_needed.release(day);
        // Generation intervals ending today first: a quarantine ending today
        // must not count as at large someone whose interval is over.
        for id in std::mem::take(&mut self.window_ends[day as usize]) {
            if Self::counts_at_large(self.cases[id as usize].status) {
                self.at_large -= 1;
            }
        }
        for id in std::mem::take(&mut self.quarantine_ends[day as usize]) {
            match self.cases[id as usize].status {
                Status::HomeQuarantine { until } | Status::Centralised { until }
                    if day >= until =>
                {
                    self.set_status(id, Status::Community);
                }
                _ => {}
            }
        }
        if let Some(days) = levels.declare_zones {
            self.zones_until = Some(self.zones_until.unwrap_or(0).max(day + days));
        }
        if let Some(rounds) = levels.mass_rounds_ordered {
            // Ordered rounds start as soon as no round is under way.
            self.mass_rounds_left += rounds;
            self.mass_next_day = day;
        }

        // Supplies short since yesterday limit some of today's work.
        let shares = self.supply_shares;
        let sampling_staff = supplies::scaled(levels.sampling_staff, shares.sampling);
        let lab_tests = levels.lab_tests.min(self.tubes_supplied());

        // Grid-worker capacity: watching home quarantine comes first.
        let visits = supplies::scaled(levels.grid_workers, shares.grid)
            * self.scenario.community.visits_per_worker_per_day;
        let watch = self.home.occupancy * self.scenario.community.visits_per_watched_household;
        self.summary.peak_watch_visits = self.summary.peak_watch_visits.max(watch);
        self.grid_coverage = if watch > 0.0 {
            (visits / watch).min(1.0)
        } else {
            1.0
        };
        if watch > visits && watch > 0.0 {
            self.bind(Capacity::GridWorkers);
        }
        self.today[Series::GridUtilisation.index()] = if visits > 0.0 {
            (watch / visits) as f32
        } else if watch > 0.0 {
            f32::INFINITY
        } else {
            0.0
        };
        let sweep_probability = if self.scenario.community.sweeps {
            ((visits - watch).max(0.0) / self.scenario.households()).min(1.0)
        } else {
            0.0
        };

        let mut tubes_needed = 0.0;
        let mut routine_tubes = 0.0;

        self.arrivals(&plan, &mut routine_tubes);
        self.process_events(&mut routine_tubes);
        self.sweeps(sweep_probability);
        let screened = self.screening(shares.sampling, &mut routine_tubes);
        self.process_events(&mut routine_tubes);
        let mass_tubes =
            self.mass_testing(sampling_staff, lab_tests, routine_tubes, &mut tubes_needed);
        self.process_events(&mut routine_tubes);
        self.events_closed = true;

        // Quarantine tests of everyone in quarantine, spread over their stay.
        let q = &self.scenario.quarantine;
        let quarantine_tubes = (self.rooms.occupancy + self.home.occupancy)
            * q.test_days.len() as f64
            / f64::from(q.days);
        routine_tubes += quarantine_tubes;
        tubes_needed += routine_tubes;

        // Laboratory: routine tubes and mass rounds against capacity.
        let demand = routine_tubes + mass_tubes;
        let total = self.lab_backlog + demand;
        let done = total.min(lab_tests);
        self.lab_backlog = total - done;
        if self.lab_backlog > 0.5 {
            self.bind(Capacity::Testing);
        }
        self.today[Series::TestsNeeded.index()] = tubes_needed as f32;
        self.today[Series::TestsDone.index()] = done as f32;
        self.today[Series::TestsCapacity.index()] = lab_tests as f32;
        self.today[Series::TestBacklog.index()] = self.lab_backlog as f32;
        if tubes_needed > self.summary.peak_tests_needed {
            self.summary.peak_tests_needed = tubes_needed;
        }

        self.transmission(levels.contact_factor);
        let waiting = self.tracing_queue.len();
        self.summary.peak_tracing_waiting = self.summary.peak_tracing_waiting.max(waiting as f64);
        self.tracing(supplies::scaled(levels.tracers, shares.tracing));
        // People sampled: every single tube is one person; screening and
        // population-wide rounds sample a pool's worth per tube.
        let pool = f64::from(self.scenario.testing.pool_size);
        let samples = routine_tubes - screened / pool + screened + mass_tubes * pool;
        self.use_supplies(&supplies::DayWork {
            levels,
            samples,
            tests: total.min(levels.lab_tests),
            traced: waiting.saturating_sub(self.tracing_queue.len()) as f64,
        });
        self.record(&plan);
        self.today = [0.0; SERIES_COUNT];
        self.day += 1;
    }
}
