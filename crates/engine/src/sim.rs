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
//! transmission; tracing; then the day's outputs are recorded.

use crate::dist::{self, poisson};
use crate::plan::{Injection, Plan};
use crate::rng::{splitmix64, SimRng};
use crate::scenario::{QuarantinePlace, Scenario};
use crate::timeline::TimelineEvent;
use crate::validate::{validate, ValidationErrors};
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
}

/// Number of daily series.
pub const SERIES_COUNT: usize = 26;

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
}

/// Number of capacities.
pub const CAPACITY_COUNT: usize = 6;

impl Capacity {
    /// Every capacity, in index order.
    pub const ALL: [Capacity; CAPACITY_COUNT] = [
        Capacity::Checkpoint,
        Capacity::GridWorkers,
        Capacity::QuarantineRooms,
        Capacity::Testing,
        Capacity::Tracing,
        Capacity::HospitalBeds,
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
    /// No infection in the city in the last 14 days of the horizon (and the run was not cut short).
    pub contained: bool,
    /// Most rooms needed on any day.
    pub peak_rooms_needed: f64,
    /// Most beds needed on any day.
    pub peak_beds_needed: f64,
    /// Most laboratory tubes needed on any day.
    pub peak_tests_needed: f64,
    /// Longest tracing backlog, cases.
    pub peak_tracing_backlog: f64,
    /// Longest mean checkpoint wait of any day, minutes.
    pub max_checkpoint_wait_minutes: f64,
    /// Person-days spent in quarantine (centralised and home).
    pub quarantine_person_days: f64,
    /// First day each capacity bound (index by [`Capacity::index`]).
    pub first_bind_day: [Option<u32>; CAPACITY_COUNT],
    /// The run hit the infection limit and stopped spreading.
    pub truncated: bool,
}

/// The full outcome of one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunOutcome {
    /// Index of the run within its Monte Carlo batch.
    pub run_index: u32,
    /// Summary figures.
    pub summary: RunSummary,
    /// Daily values.
    pub daily: Vec<DayValues>,
}

impl RunOutcome {
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

/// Where an infected traveller comes from, as the checkpoint sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Traveller {
    /// From a risk area: the health code and travel record may flag them.
    RiskArea,
    /// From elsewhere: only the certificate and the thermometer can catch them.
    Elsewhere,
    /// From a risk area, but passes the checkpoint unnoticed (injected events).
    Unnoticed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Imported,
    Seed,
    Household,
    Community,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Status {
    /// Not yet in the city (imported, before arrival).
    Away,
    Community,
    HomeQuarantine {
        until: u32,
    },
    Centralised {
        until: u32,
    },
    Hospital,
    HomeIsolation,
}

#[derive(Clone, Debug)]
struct Case {
    rng: SimRng,
    stream: u64,
    origin: Origin,
    infected_day: i64,
    infectiousness: f64,
    onset_day: Option<f64>,
    fever: bool,
    household: u32,
    infector: u32,
    first_child: u32,
    next_sibling: u32,
    children: u32,
    status: Status,
    detected_day: Option<u32>,
    result_pending: bool,
    /// Arrived from a risk area and nobody knows yet (findable by sweeps).
    unreported_arrival_day: Option<u32>,
}

const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
enum Event {
    Onset(u32),
    Sample(u32, SampleKind),
    Result(u32),
    SelfReport(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SampleKind {
    Single,
    Pooled,
}

/// People staying somewhere for a number of days, counted, not stored.
#[derive(Clone, Debug)]
struct Stays {
    occupancy: f64,
    releases: Vec<f64>,
}

impl Stays {
    fn new(days: u32) -> Self {
        Stays {
            occupancy: 0.0,
            releases: vec![0.0; days as usize + 1],
        }
    }

    fn release(&mut self, day: u32) {
        if let Some(r) = self.releases.get_mut(day as usize) {
            self.occupancy = (self.occupancy - *r).max(0.0);
            *r = 0.0;
        }
    }

    fn add(&mut self, count: f64, until: u32) {
        self.occupancy += count;
        let last = self.releases.len() - 1;
        self.releases[(until as usize).min(last)] += count;
    }
}

#[derive(Clone, Debug)]
struct MassRound {
    start: u32,
    length: u32,
    tubes_per_day: f64,
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
    tracing_credit: f64,
    zones_until: Option<u32>,
    recent_local_detections: VecDeque<u32>,
    local_detected_total: u32,
    mass_rounds_left: u32,
    mass_next_day: u32,
    mass_last_start: Option<u32>,
    mass_current: Option<MassRound>,
    grid_coverage: f64,
    today: DayValues,
    summary: RunSummary,
    daily: Vec<DayValues>,
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
            tracing_credit: 0.0,
            zones_until: None,
            recent_local_detections: VecDeque::new(),
            local_detected_total: 0,
            mass_rounds_left: 0,
            mass_next_day: 0,
            mass_last_start: None,
            mass_current: None,
            grid_coverage: 1.0,
            today: [0.0; SERIES_COUNT],
            summary: RunSummary::default(),
            daily: Vec::with_capacity(days as usize),
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
        }
    }

    fn close_summary(&mut self) {
        let days = self.daily.len();
        let window = days.min(14);
        let recent: f32 = self.daily[days - window..]
            .iter()
            .map(|d| d[Series::LocalInfections.index()])
            .sum();
        self.summary.contained = recent == 0.0 && !self.summary.truncated;
        self.summary.total_infections = self.cases.len() as u32;
    }

    fn zones_active(&self, day: u32) -> bool {
        self.zones_until.is_some_and(|until| day < until)
    }

    fn infectious_at_large(&self) -> u32 {
        let gi_len = self.plan.generation_weights.len() as i64;
        self.active
            .iter()
            .filter(|&&i| {
                let c = &self.cases[i as usize];
                matches!(c.status, Status::Community | Status::HomeQuarantine { .. })
                    && (i64::from(self.day) - c.infected_day) < gi_len
            })
            .count() as u32
    }

    fn schedule(&mut self, day: u32, event: Event) {
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

    fn new_household(&mut self, rng: &mut SimRng) -> u32 {
        let others = poisson(rng, (self.scenario.city.household_size - 1.0).max(0.0)).min(20) as u8;
        self.households_left.push(others);
        (self.households_left.len() - 1) as u32
    }

    /// Creates an infected person with their own random stream.
    fn create_case(
        &mut self,
        stream: u64,
        origin: Origin,
        infected_day: i64,
        infector: u32,
        household: Option<u32>,
    ) -> u32 {
        let mut rng = SimRng::from_seed(splitmix64(self.seed ^ splitmix64(stream)));
        let epi = &self.scenario.epidemiology;
        let asymptomatic = rng.chance(epi.asymptomatic_share);
        let relative = if asymptomatic {
            epi.asymptomatic_relative_infectiousness
        } else {
            1.0
        };
        let mean_relative = (1.0 - epi.asymptomatic_share)
            + epi.asymptomatic_share * epi.asymptomatic_relative_infectiousness;
        let k = epi.dispersion_k;
        let base = dist::gamma(&mut rng, k, epi.r0 / k);
        let infectiousness = if mean_relative > 0.0 {
            base * relative / mean_relative
        } else {
            0.0
        };
        let onset_day = if asymptomatic {
            None
        } else {
            Some(infected_day as f64 + epi.incubation.sample(&mut rng))
        };
        let fever = rng.chance(epi.fever_share);
        let household = match household {
            Some(h) => h,
            None => self.new_household(&mut rng),
        };
        let id = self.cases.len() as u32;
        self.cases.push(Case {
            rng,
            stream,
            origin,
            infected_day,
            infectiousness,
            onset_day,
            fever,
            household,
            infector,
            first_child: NONE,
            next_sibling: NONE,
            children: 0,
            status: if origin == Origin::Imported {
                Status::Away
            } else {
                Status::Community
            },
            detected_day: None,
            result_pending: false,
            unreported_arrival_day: None,
        });
        if self.scenario.epidemiology.susceptible_depletion {
            self.susceptible = (self.susceptible - 1.0).max(0.0);
        }
        if infector != NONE {
            let parent = &mut self.cases[infector as usize];
            let sibling = parent.first_child;
            parent.first_child = id;
            parent.children += 1;
            self.cases[id as usize].next_sibling = sibling;
        }
        if origin != Origin::Imported {
            self.summary.local_infections += 1;
            self.today[Series::LocalInfections.index()] += 1.0;
            if self.summary.first_local_infection_day.is_none() {
                self.summary.first_local_infection_day = Some(self.day);
            }
            if origin != Origin::Seed {
                self.summary.local_transmission = true;
            }
            self.active.push(id);
            self.schedule_onset(id);
        }
        id
    }

    fn schedule_onset(&mut self, id: u32) {
        if let Some(onset) = self.cases[id as usize].onset_day {
            let day = (onset.floor().max(0.0) as u32).max(self.day);
            self.schedule(day, Event::Onset(id));
        }
    }

    fn seed_local_infection(&mut self, day: u32) {
        self.infection_counter += 1;
        let stream = 0x5EED_0000_0000_0000 ^ self.infection_counter;
        self.create_case(stream, Origin::Seed, i64::from(day), NONE, None);
    }

    /// PCR sensitivity at an infection age in days.
    fn sensitivity(&self, age: f64) -> f64 {
        let t = &self.scenario.testing;
        if age < t.detectable_from_day || age >= t.detectable_until_day {
            0.0
        } else if age < t.peak_day {
            let span = (t.peak_day - t.detectable_from_day).max(1e-9);
            t.peak_sensitivity * (age - t.detectable_from_day) / span
        } else {
            let span = (t.detectable_until_day - t.peak_day).max(1e-9);
            t.peak_sensitivity * (1.0 - (age - t.peak_day) / span)
        }
    }

    /// Advances one day. Does nothing once the horizon is reached.
    pub fn step(&mut self) {
        if self.finished() {
            return;
        }
        let day = self.day;
        self.today = [0.0; SERIES_COUNT];
        let plan = Arc::clone(&self.plan);
        let levels = &plan.levels[day as usize];

        // Releases at the start of the day.
        self.rooms.release(day);
        self.rooms_needed.release(day);
        self.home.release(day);
        self.beds.release(day);
        self.beds_needed.release(day);
        for i in 0..self.active.len() {
            let id = self.active[i] as usize;
            match self.cases[id].status {
                Status::HomeQuarantine { until } | Status::Centralised { until }
                    if day >= until =>
                {
                    self.cases[id].status = Status::Community;
                }
                _ => {}
            }
        }
        if let Some(days) = levels.declare_zones {
            self.zones_until = Some(self.zones_until.unwrap_or(0).max(day + days));
        }

        // Grid-worker capacity: watching home quarantine comes first.
        let visits = levels.grid_workers * self.scenario.community.visits_per_worker_per_day;
        let watch = self.home.occupancy * self.scenario.community.visits_per_watched_household;
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
        self.screening(&mut routine_tubes);
        self.process_events(&mut routine_tubes);
        let mass_tubes = self.mass_testing(
            levels.sampling_staff,
            levels.lab_tests,
            routine_tubes,
            &mut tubes_needed,
        );
        self.process_events(&mut routine_tubes);

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
        let done = total.min(levels.lab_tests);
        self.lab_backlog = total - done;
        if self.lab_backlog > 0.5 {
            self.bind(Capacity::Testing);
        }
        self.today[Series::TestsNeeded.index()] = tubes_needed as f32;
        self.today[Series::TestsDone.index()] = done as f32;
        self.today[Series::TestsCapacity.index()] = levels.lab_tests as f32;
        self.today[Series::TestBacklog.index()] = self.lab_backlog as f32;
        if tubes_needed > self.summary.peak_tests_needed {
            self.summary.peak_tests_needed = tubes_needed;
        }

        self.transmission(levels.contact_factor);
        self.tracing(levels.tracers);
        self.record(&plan);
        self.day += 1;
    }

    fn arrivals(&mut self, plan: &Plan, routine_tubes: &mut f64) {
        let day = self.day;
        let scenario = Arc::clone(&self.scenario);
        let gateways = &plan.gateways[day as usize];
        let mut queue = 0.0f64;
        let mut wait_weighted = 0.0;
        let mut checked_total = 0.0;
        for (g, gateway_day) in gateways.iter().enumerate() {
            let gateway = &scenario.gateways[g];
            let cp = &gateway_day.checkpoint;
            // Travellers passing unchecked (waved through, queue too long, or
            // nobody on duty) or long waits mean the checkpoint is short.
            let unchecked = scenario.gateways[g].checkpoint.enabled
                && gateway_day.arrivals * (1.0 - cp.checked_share)
                    > 0.01 * gateway_day.arrivals.max(1.0);
            if unchecked || cp.mean_wait_minutes > MAX_ACCEPTABLE_WAIT_MINUTES {
                self.bind(Capacity::Checkpoint);
            }
            queue = queue.max(cp.max_queue);
            let checked = gateway_day.arrivals * cp.checked_share;
            wait_weighted += cp.mean_wait_minutes * checked;
            checked_total += checked;

            // The uninfected flagged go to quarantine and are tested.
            let flagged = gateway_day.flagged;
            self.enter_quarantine_counted(flagged, scenario.quarantine.risk_area_arrivals);
            if scenario.testing.arrival_test
                && scenario.quarantine.risk_area_arrivals != QuarantinePlace::None
            {
                *routine_tubes += flagged;
            }
            let unflagged = (gateway_day.risk_arrivals - flagged).max(0.0);
            let reporting = unflagged * scenario.community.self_report_share;
            self.self_report_uninfected += reporting;
            self.unreported_uninfected
                .push_back((day, unflagged - reporting));

            // Infected travellers, one by one.
            let risk_infected = poisson(
                &mut self.rng,
                gateway_day.risk_arrivals * gateway.prevalence_risk_area,
            );
            let other_infected = poisson(
                &mut self.rng,
                (gateway_day.arrivals - gateway_day.risk_arrivals) * gateway.prevalence_elsewhere,
            );
            for k in 0..risk_infected {
                self.infected_arrival(g, Traveller::RiskArea, 0x1000 + k, routine_tubes);
            }
            for k in 0..other_infected {
                self.infected_arrival(g, Traveller::Elsewhere, 0x2000_0000 + k, routine_tubes);
            }
        }
        for injection in &plan.injections[day as usize] {
            match *injection {
                Injection::Arrival {
                    gateway,
                    count,
                    unnoticed,
                } => {
                    let origin = if unnoticed {
                        Traveller::Unnoticed
                    } else {
                        Traveller::RiskArea
                    };
                    for k in 0..u64::from(count) {
                        self.infected_arrival(gateway, origin, 0x4000_0000 + k, routine_tubes);
                    }
                }
                Injection::Local { count } => {
                    for _ in 0..count {
                        self.seed_local_infection(day);
                    }
                }
            }
        }
        // Travellers who left the sweep window are no longer findable.
        let window = self.scenario.community.sweep_window_days;
        while self
            .unreported_uninfected
            .front()
            .is_some_and(|(d, _)| day >= d + window)
        {
            self.unreported_uninfected.pop_front();
        }
        self.today[Series::CheckpointQueue.index()] = queue as f32;
        self.today[Series::CheckpointWait.index()] = if checked_total > 0.0 {
            (wait_weighted / checked_total) as f32
        } else {
            0.0
        };
        if self.today[Series::CheckpointWait.index()] as f64
            > self.summary.max_checkpoint_wait_minutes
        {
            self.summary.max_checkpoint_wait_minutes =
                self.today[Series::CheckpointWait.index()] as f64;
        }
    }

    fn infected_arrival(
        &mut self,
        gateway: usize,
        traveller: Traveller,
        k: u64,
        routine_tubes: &mut f64,
    ) {
        let risk_area = traveller != Traveller::Elsewhere;
        let day = self.day;
        let stream = (u64::from(day) << 40) ^ ((gateway as u64) << 32) ^ k;
        let scenario = Arc::clone(&self.scenario);
        let plan = Arc::clone(&self.plan);
        let max_age = scenario.epidemiology.max_infection_age_on_arrival;
        // The arrival's age of infection is drawn from its own stream.
        let mut age_rng = SimRng::from_seed(splitmix64(self.seed ^ splitmix64(stream ^ 0xA6E)));
        let age = (age_rng.uniform() * max_age).floor();
        let id = self.create_case(
            stream,
            Origin::Imported,
            i64::from(day) - age as i64,
            NONE,
            None,
        );
        self.summary.infected_arrivals += 1;
        self.today[Series::ImportedInfections.index()] += 1.0;

        let gateway_day = &plan.gateways[day as usize][gateway];
        let cp = &gateway_day.checkpoint;
        let checks = scenario.gateways[gateway].checkpoint.checks;
        let case_sensitivity_at_certificate = {
            let test_age = age - 1.0 - self.cases[id as usize].rng.uniform();
            self.sensitivity(test_age)
        };
        let case = &mut self.cases[id as usize];
        // Which hour they arrive decides whether anyone checks them.
        let total: f64 = cp.arrivals_by_hour.iter().sum();
        let mut hour = 23;
        if total > 0.0 {
            let mut target = case.rng.uniform() * total;
            for (h, a) in cp.arrivals_by_hour.iter().enumerate() {
                if target < *a {
                    hour = h;
                    break;
                }
                target -= a;
            }
        }
        let checked = traveller != Traveller::Unnoticed
            && scenario.gateways[gateway].checkpoint.enabled
            && case.rng.chance(cp.checked_share_by_hour[hour]);
        let mut caught = false;
        let mut flagged = false;
        if checked {
            if checks.test_certificate && case.rng.chance(case_sensitivity_at_certificate) {
                caught = true;
            }
            let feverish =
                case.fever && case.onset_day.is_some_and(|onset| onset <= f64::from(day));
            if checks.temperature && feverish && case.rng.chance(checks.thermometer_sensitivity) {
                caught = true;
            }
            if risk_area && case.rng.chance(gateway_day.flag_probability) {
                flagged = true;
            }
        }
        case.status = Status::Community;
        self.active.push(id);
        self.schedule_onset(id);
        if caught {
            self.summary.caught_at_checkpoint += 1;
            self.detect(id, false);
        } else if flagged && scenario.quarantine.risk_area_arrivals != QuarantinePlace::None {
            self.summary.flagged_at_checkpoint += 1;
            self.quarantine_case(id, scenario.quarantine.risk_area_arrivals);
            if scenario.testing.arrival_test {
                *routine_tubes += 1.0;
                self.sample(id, SampleKind::Single);
            }
        } else {
            self.today[Series::ImportedUnnoticed.index()] += 1.0;
            if risk_area {
                self.cases[id as usize].unreported_arrival_day = Some(day);
                let reports = self.cases[id as usize]
                    .rng
                    .chance(scenario.community.self_report_share);
                if reports {
                    self.schedule(day + 1, Event::SelfReport(id));
                }
            }
        }
    }

    fn process_events(&mut self, routine_tubes: &mut f64) {
        let day = self.day;
        // Uninfected arrivals who reported yesterday go to quarantine today.
        let reported = std::mem::take(&mut self.self_report_uninfected);
        let place = self.scenario.quarantine.risk_area_arrivals;
        self.enter_quarantine_counted(reported, place);
        if self.scenario.testing.arrival_test && place != QuarantinePlace::None {
            *routine_tubes += reported;
        }
        let lab_open = self.plan.levels[day as usize].lab_tests > 0.0;
        loop {
            let events = std::mem::take(&mut self.events[day as usize]);
            if events.is_empty() {
                break;
            }
            for event in events {
                match event {
                    Event::Onset(id) => self.onset(id),
                    Event::Sample(id, kind) => {
                        if kind == SampleKind::Single {
                            *routine_tubes += 1.0;
                        }
                        self.sample(id, kind);
                    }
                    Event::Result(id) => {
                        if lab_open {
                            self.cases[id as usize].result_pending = false;
                            self.detect(id, true);
                        } else {
                            self.schedule(day + 1, Event::Result(id));
                        }
                    }
                    Event::SelfReport(id) => {
                        if self.is_undetected_free(id) {
                            self.cases[id as usize].unreported_arrival_day = None;
                            let place = self.scenario.quarantine.risk_area_arrivals;
                            self.quarantine_case(id, place);
                            self.sample(id, SampleKind::Single);
                            *routine_tubes += 1.0;
                        }
                    }
                }
            }
        }
    }

    fn is_undetected_free(&self, id: u32) -> bool {
        let c = &self.cases[id as usize];
        c.detected_day.is_none() && matches!(c.status, Status::Community)
    }

    fn onset(&mut self, id: u32) {
        let day = self.day;
        let case = &self.cases[id as usize];
        if case.detected_day.is_some() || case.result_pending {
            return;
        }
        match case.status {
            Status::Centralised { .. } => self.schedule(day, Event::Sample(id, SampleKind::Single)),
            Status::HomeQuarantine { .. } => {
                let coverage = self.grid_coverage;
                if self.cases[id as usize].rng.chance(coverage) {
                    self.schedule(day, Event::Sample(id, SampleKind::Single));
                } else {
                    self.clinic(id);
                }
            }
            Status::Community => self.clinic(id),
            _ => {}
        }
    }

    fn clinic(&mut self, id: u32) {
        let clinic = self.scenario.testing.fever_clinic.clone();
        if !clinic.enabled {
            return;
        }
        let case = &mut self.cases[id as usize];
        if !case.rng.chance(clinic.presentation_share) {
            return;
        }
        let onset = case
            .onset_day
            .unwrap_or(f64::from(self.day))
            .max(f64::from(self.day));
        let visit = onset + clinic.delay.sample(&mut case.rng);
        self.schedule(visit.floor() as u32, Event::Sample(id, SampleKind::Single));
    }

    /// A sample is taken from an infected person today.
    fn sample(&mut self, id: u32, kind: SampleKind) {
        let day = self.day;
        let case = &self.cases[id as usize];
        if case.detected_day.is_some() || case.result_pending {
            return;
        }
        let age = f64::from(day) - case.infected_day as f64;
        let sensitivity = self.sensitivity(age);
        let pool = f64::from(self.scenario.testing.pool_size);
        let turnaround = self.scenario.testing.turnaround_days;
        let lab = self.plan.levels[day as usize].lab_tests;
        let delay = if lab.is_finite() && lab > 0.0 {
            (self.lab_backlog / lab).floor() as u32
        } else {
            0
        };
        let case = &mut self.cases[id as usize];
        if case.rng.chance(sensitivity) {
            case.result_pending = true;
            if kind == SampleKind::Pooled {
                // The positive pool is retested tube by tube.
                self.lab_backlog += pool;
            }
            self.schedule(day + turnaround + delay, Event::Result(id));
        }
    }

    fn sweeps(&mut self, visit_probability: f64) {
        if visit_probability <= 0.0 {
            return;
        }
        let day = self.day;
        let find = self.scenario.community.sweep_find_probability;
        let symptom_find = self.scenario.community.symptom_find_probability;
        let window = self.scenario.community.sweep_window_days;
        // Uninfected unreported arrivals found go to quarantine.
        let found_share = visit_probability * find;
        let mut found = 0.0;
        for (_, remaining) in self.unreported_uninfected.iter_mut() {
            let f = *remaining * found_share;
            *remaining -= f;
            found += f;
        }
        let place = self.scenario.quarantine.risk_area_arrivals;
        self.enter_quarantine_counted(found, place);
        for i in 0..self.active.len() {
            let id = self.active[i];
            if !self.is_undetected_free(id) {
                continue;
            }
            let case = &self.cases[id as usize];
            let arrival_findable = case
                .unreported_arrival_day
                .is_some_and(|d| day < d + window);
            let symptomatic = case.onset_day.is_some_and(|onset| onset <= f64::from(day));
            if !arrival_findable && !symptomatic {
                continue;
            }
            let case = &mut self.cases[id as usize];
            if !case.rng.chance(visit_probability) {
                continue;
            }
            if arrival_findable && case.rng.chance(find) {
                case.unreported_arrival_day = None;
                self.quarantine_case(id, place);
                self.schedule(day, Event::Sample(id, SampleKind::Single));
            } else if symptomatic && case.rng.chance(symptom_find) {
                self.schedule(day, Event::Sample(id, SampleKind::Single));
            }
        }
    }

    fn screening(&mut self, routine_tubes: &mut f64) {
        let screening = &self.scenario.testing.routine_screening;
        if !screening.enabled || screening.people_per_day == 0 {
            return;
        }
        let pool = f64::from(self.scenario.testing.pool_size);
        *routine_tubes += f64::from(screening.people_per_day) / pool;
        let rate = (f64::from(screening.people_per_day) / self.scenario.city.population as f64
            * screening.risk_enrichment)
            .min(1.0);
        for i in 0..self.active.len() {
            let id = self.active[i];
            if self.is_undetected_free(id) && self.cases[id as usize].rng.chance(rate) {
                self.sample(id, SampleKind::Pooled);
            }
        }
    }

    /// Population-wide rounds: returns the tubes sent to the laboratory today.
    fn mass_testing(
        &mut self,
        sampling_staff: f64,
        lab: f64,
        routine_tubes: f64,
        tubes_needed: &mut f64,
    ) -> f64 {
        let day = self.day;
        let mass = self.scenario.testing.mass_testing.clone();
        if !mass.enabled {
            return 0.0;
        }
        let pool = f64::from(self.scenario.testing.pool_size);
        let participants = self.scenario.city.population as f64 * mass.participation;
        if self.mass_rounds_left > 0 && day >= self.mass_next_day && self.mass_current.is_none() {
            let sampling = if self.scenario.testing.unlimited {
                f64::INFINITY
            } else {
                sampling_staff * self.scenario.testing.samples_per_staff_per_day
            };
            let spare_lab = (lab - routine_tubes).max(0.0);
            let throughput = sampling.min(spare_lab * pool);
            if throughput >= 1.0 {
                let length = (participants / throughput).ceil().clamp(1.0, 60.0) as u32;
                if length > 1 {
                    self.bind(Capacity::Testing);
                }
                self.mass_rounds_left -= 1;
                self.mass_last_start = Some(day);
                self.mass_next_day = day + mass.interval_days.max(length);
                self.mass_current = Some(MassRound {
                    start: day,
                    length,
                    tubes_per_day: participants / f64::from(length) / pool,
                });
                for i in 0..self.active.len() {
                    let id = self.active[i];
                    let case = &self.cases[id as usize];
                    let eligible = case.detected_day.is_none()
                        && matches!(
                            case.status,
                            Status::Community | Status::HomeQuarantine { .. }
                        );
                    if !eligible {
                        continue;
                    }
                    let case = &mut self.cases[id as usize];
                    if case.rng.chance(mass.participation) {
                        let offset = case.rng.below(u64::from(length)) as u32;
                        self.schedule(day + offset, Event::Sample(id, SampleKind::Pooled));
                    }
                }
            } else {
                self.bind(Capacity::Testing);
            }
        }
        let mut tubes = 0.0;
        if let Some(round) = &self.mass_current {
            if day < round.start + round.length {
                tubes = round.tubes_per_day;
                // Needed: the whole round in one day.
                if day == round.start {
                    *tubes_needed += participants / pool;
                }
            }
            if day + 1 >= round.start + round.length {
                self.mass_current = None;
            }
        }
        tubes
    }

    fn trigger_response(&mut self) {
        let day = self.day;
        let zones = &self.scenario.response.zones;
        while self
            .recent_local_detections
            .front()
            .is_some_and(|d| day >= d + 7)
        {
            self.recent_local_detections.pop_front();
        }
        if zones.enabled && self.recent_local_detections.len() as u32 >= zones.trigger_local_cases {
            self.zones_until = Some(
                self.zones_until
                    .unwrap_or(0)
                    .max(day + 1 + zones.duration_days),
            );
        }
        let mass = &self.scenario.testing.mass_testing;
        if mass.enabled
            && self.local_detected_total >= mass.trigger_local_cases
            && self.mass_rounds_left == 0
        {
            let new_since_last = self.mass_last_start.is_none_or(|start| day > start);
            if new_since_last {
                self.mass_rounds_left = mass.rounds;
                self.mass_next_day = self.mass_next_day.max(day + 1);
            }
        }
    }

    fn detect(&mut self, id: u32, trace: bool) {
        let day = self.day;
        let case = &mut self.cases[id as usize];
        if case.detected_day.is_some() {
            return;
        }
        case.detected_day = Some(day);
        case.unreported_arrival_day = None;
        let origin = case.origin;
        self.summary.detected += 1;
        if origin == Origin::Imported {
            self.today[Series::DetectedImported.index()] += 1.0;
        } else {
            self.today[Series::DetectedLocal.index()] += 1.0;
            self.local_detected_total += 1;
            self.recent_local_detections.push_back(day);
            if self.summary.first_local_detection_day.is_none() {
                self.summary.first_local_detection_day = Some(day);
            }
        }
        // A bed in the designated hospital, or isolation at home.
        let stay = self.scenario.hospital.stay_days;
        let beds = self.plan.levels[day as usize].beds;
        self.beds_needed.add(1.0, day + stay);
        if self.beds.occupancy + 1.0 <= beds {
            self.beds.add(1.0, day + stay);
            self.cases[id as usize].status = Status::Hospital;
        } else {
            self.bind(Capacity::HospitalBeds);
            self.cases[id as usize].status = Status::HomeIsolation;
        }
        if trace && self.scenario.tracing.enabled {
            self.tracing_queue.push_back(id);
        }
        if origin != Origin::Imported {
            self.trigger_response();
        }
    }

    /// Counted (uninfected) people entering quarantine.
    fn enter_quarantine_counted(&mut self, count: f64, place: QuarantinePlace) {
        if count <= 0.0 {
            return;
        }
        let day = self.day;
        let until = day + self.scenario.quarantine.days;
        match place {
            QuarantinePlace::None => {}
            QuarantinePlace::Home => self.home.add(count, until),
            QuarantinePlace::Centralised => {
                let rooms = self.plan.levels[day as usize].rooms;
                self.rooms_needed.add(count, until);
                let free = (rooms - self.rooms.occupancy).max(0.0);
                let placed = count.min(free);
                if placed > 0.0 {
                    self.rooms.add(placed, until);
                }
                if count - placed > 1e-9 {
                    self.bind(Capacity::QuarantineRooms);
                    self.home.add(count - placed, until);
                }
            }
        }
        self.summary.quarantine_person_days += count * f64::from(self.scenario.quarantine.days);
    }

    /// An infected person enters quarantine: centralised while rooms last.
    fn quarantine_case(&mut self, id: u32, place: QuarantinePlace) {
        if place == QuarantinePlace::None {
            return;
        }
        let day = self.day;
        let until = day + self.scenario.quarantine.days;
        let rooms_before = self.rooms.occupancy;
        self.enter_quarantine_counted(1.0, place);
        let centralised =
            place == QuarantinePlace::Centralised && self.rooms.occupancy > rooms_before;
        let case = &mut self.cases[id as usize];
        case.status = if centralised {
            Status::Centralised { until }
        } else {
            Status::HomeQuarantine { until }
        };
        // Shares the scenario rather than copying its list of test days.
        let scenario = Arc::clone(&self.scenario);
        for &offset in &scenario.quarantine.test_days {
            if offset < scenario.quarantine.days {
                self.schedule(day + offset, Event::Sample(id, SampleKind::Single));
            }
        }
    }

    fn transmission(&mut self, contact_factor: f64) {
        let day = self.day;
        if self.cases.len() as u32 >= self.infection_limit {
            self.summary.truncated = true;
            return;
        }
        let epi = &self.scenario.epidemiology;
        let household_share = epi.household_share;
        let population = self.scenario.city.population as f64;
        let cf = if self.zones_active(day) {
            contact_factor.min(self.scenario.response.zones.contact_factor)
        } else {
            contact_factor
        };
        let q = &self.scenario.quarantine;
        let coverage = self.grid_coverage;
        let home_compliance =
            q.home_compliance * coverage + q.unmonitored_home_compliance * (1.0 - coverage);
        let centralised_residual = 1.0 - q.centralised_effectiveness;
        let isolation_residual = 1.0 - self.scenario.hospital.home_isolation_effectiveness;
        let gi_len = self.plan.generation_weights.len() as i64;
        let keep_days = (self.scenario.testing.detectable_until_day.ceil() as i64).max(gi_len);
        let mut births: Vec<(u32, bool)> = Vec::new();
        let mut retained = Vec::with_capacity(self.active.len());
        let active = std::mem::take(&mut self.active);
        for &id in &active {
            let case = &mut self.cases[id as usize];
            let age = i64::from(day) - case.infected_day;
            if age >= keep_days {
                continue;
            }
            retained.push(id);
            if age < 1 || age >= gi_len {
                continue;
            }
            let (household_factor, other_factor) = match case.status {
                Status::Community => (1.0, cf),
                Status::HomeQuarantine { .. } => (1.0, cf * (1.0 - home_compliance)),
                Status::Centralised { .. } => (0.0, centralised_residual),
                Status::HomeIsolation => (isolation_residual, cf * isolation_residual),
                Status::Hospital | Status::Away => (0.0, 0.0),
            };
            let weight = self.plan.generation_weights[age as usize] * case.infectiousness;
            if weight <= 0.0 {
                continue;
            }
            let household_mean = weight * household_share * household_factor;
            let other_mean = weight * (1.0 - household_share) * other_factor;
            let at_home = poisson(&mut case.rng, household_mean);
            let elsewhere = poisson(&mut case.rng, other_mean);
            let room = u64::from(self.households_left[case.household as usize]);
            let at_home = at_home.min(room);
            self.households_left[case.household as usize] -= at_home as u8;
            for _ in 0..at_home {
                births.push((id, true));
            }
            for _ in 0..elsewhere {
                births.push((id, false));
            }
        }
        self.active = retained;
        for (infector, household) in births {
            if self.cases.len() as u32 >= self.infection_limit {
                self.summary.truncated = true;
                break;
            }
            if epi_susceptible_gone(
                self.susceptible,
                self.scenario.epidemiology.susceptible_depletion,
            ) {
                break;
            }
            let depletion = self.scenario.epidemiology.susceptible_depletion;
            let susceptible_share = (self.susceptible / population).clamp(0.0, 1.0);
            let parent = &mut self.cases[infector as usize];
            if depletion && !household && !parent.rng.chance(susceptible_share) {
                // The contact was with someone already infected or immune.
                continue;
            }
            let stream = splitmix64(
                parent.stream
                    ^ (u64::from(parent.children) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            let household_id = if household {
                Some(parent.household)
            } else {
                None
            };
            let origin = if household {
                Origin::Household
            } else {
                Origin::Community
            };
            self.create_case(stream, origin, i64::from(day), infector, household_id);
        }
    }

    fn tracing(&mut self, tracers: f64) {
        let tracing = self.scenario.tracing.clone();
        let capacity = if tracing.unlimited {
            f64::INFINITY
        } else {
            tracers * tracing.cases_per_staff_per_day
        };
        self.today[Series::TracingCapacity.index()] = capacity as f32;
        if !tracing.enabled {
            return;
        }
        self.tracing_credit = (self.tracing_credit + capacity).min(capacity.max(1.0) * 2.0);
        while self.tracing_credit >= 1.0 {
            let Some(id) = self.tracing_queue.pop_front() else {
                break;
            };
            self.tracing_credit -= 1.0;
            self.trace(id, &tracing);
        }
        if self.tracing_queue.is_empty() {
            self.tracing_credit = self.tracing_credit.min(capacity);
        } else {
            self.bind(Capacity::Tracing);
        }
    }

    fn trace(&mut self, id: u32, tracing: &crate::scenario::Tracing) {
        let day = self.day;
        let scenario = Arc::clone(&self.scenario);
        let q = &scenario.quarantine;
        let mut found_infected = 0.0;
        let mut child = self.cases[id as usize].first_child;
        while child != NONE {
            let next = self.cases[child as usize].next_sibling;
            if self.trace_contact(id, child, tracing, q.close_contacts) {
                found_infected += 1.0;
                if tracing.trace_secondary {
                    let mut grandchild = self.cases[child as usize].first_child;
                    while grandchild != NONE {
                        let next_grandchild = self.cases[grandchild as usize].next_sibling;
                        self.trace_contact(child, grandchild, tracing, q.secondary_contacts);
                        grandchild = next_grandchild;
                    }
                }
            }
            child = next;
        }
        let uninfected_close = (tracing.close_contacts_per_case - found_infected).max(0.0);
        self.enter_quarantine_counted(uninfected_close, q.close_contacts);
        if tracing.trace_secondary {
            self.enter_quarantine_counted(
                tracing.close_contacts_per_case * tracing.secondary_per_close_contact,
                q.secondary_contacts,
            );
        }
        // Looking for the source (溯源).
        let infector = self.cases[id as usize].infector;
        if infector != NONE && self.cases[infector as usize].detected_day.is_none() {
            let source = self.cases[id as usize]
                .rng
                .chance(tracing.source_find_probability);
            if source {
                if self.is_undetected_free(infector) {
                    self.quarantine_case(infector, q.close_contacts);
                }
                self.schedule(day, Event::Sample(infector, SampleKind::Single));
            }
        }
    }

    /// Finds an infected contact of a traced case; returns whether found.
    fn trace_contact(
        &mut self,
        traced: u32,
        contact: u32,
        tracing: &crate::scenario::Tracing,
        place: QuarantinePlace,
    ) -> bool {
        let same_household =
            self.cases[traced as usize].household == self.cases[contact as usize].household;
        let probability = if same_household {
            tracing.household_find_probability
        } else {
            tracing.other_find_probability
        };
        if !self.cases[traced as usize].rng.chance(probability) {
            return false;
        }
        if self.is_undetected_free(contact) {
            self.quarantine_case(contact, place);
            if place == QuarantinePlace::None {
                self.schedule(self.day, Event::Sample(contact, SampleKind::Single));
            }
        }
        true
    }

    fn record(&mut self, plan: &Plan) {
        let day = self.day as usize;
        let levels = &plan.levels[day];
        let zones = if self.zones_active(self.day) {
            1.0
        } else {
            0.0
        };
        let t = &mut self.today;
        t[Series::InfectiousAtLarge.index()] = 0.0;
        t[Series::RoomsOccupied.index()] = self.rooms.occupancy as f32;
        t[Series::RoomsNeeded.index()] = self.rooms_needed.occupancy as f32;
        t[Series::RoomsCapacity.index()] = levels.rooms as f32;
        t[Series::HomeQuarantine.index()] = self.home.occupancy as f32;
        t[Series::BedsOccupied.index()] = self.beds.occupancy as f32;
        t[Series::BedsNeeded.index()] = self.beds_needed.occupancy as f32;
        t[Series::BedsCapacity.index()] = levels.beds as f32;
        t[Series::TracingBacklog.index()] = self.tracing_queue.len() as f32;
        t[Series::ZonesActive.index()] = zones;
        t[Series::CumulativeImported.index()] = self.summary.infected_arrivals as f32;
        t[Series::CumulativeLocal.index()] = self.summary.local_infections as f32;
        t[Series::CumulativeDetected.index()] = self.summary.detected as f32;
        let at_large = self.infectious_at_large();
        self.today[Series::InfectiousAtLarge.index()] = at_large as f32;
        let s = &mut self.summary;
        s.peak_rooms_needed = s.peak_rooms_needed.max(self.rooms_needed.occupancy);
        s.peak_beds_needed = s.peak_beds_needed.max(self.beds_needed.occupancy);
        s.peak_tracing_backlog = s.peak_tracing_backlog.max(self.tracing_queue.len() as f64);
        self.daily.push(self.today);
    }
}

fn epi_susceptible_gone(susceptible: f64, depletion: bool) -> bool {
    depletion && susceptible < 1.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::Change;

    fn injected(unnoticed: bool) -> Scenario {
        let mut s = crate::presets::rail_traveller();
        s.days = 5;
        s.timeline = vec![TimelineEvent {
            day: 0,
            change: Change::InfectedArrival {
                gateway: 0,
                count: 50,
                unnoticed,
            },
        }];
        s
    }

    #[test]
    fn unnoticed_travellers_pass_the_checkpoint() {
        let seen = Simulation::new(&injected(false), 0)
            .unwrap()
            .run_to_end()
            .summary;
        let unseen = Simulation::new(&injected(true), 0)
            .unwrap()
            .run_to_end()
            .summary;
        assert_eq!((seen.infected_arrivals, unseen.infected_arrivals), (50, 50));
        assert!(seen.caught_at_checkpoint + seen.flagged_at_checkpoint > 25);
        assert_eq!(
            unseen.caught_at_checkpoint + unseen.flagged_at_checkpoint,
            0
        );
    }

    #[test]
    fn stepping_and_applying_a_change_is_recorded() {
        let mut sim = Simulation::new(&crate::presets::cold_chain(), 3).unwrap();
        sim.step();
        sim.step();
        assert_eq!(sim.day(), 2);
        sim.apply(Change::LabOutage { days: 3 }).unwrap();
        assert_eq!(sim.scenario().timeline.last().map(|e| e.day), Some(2));
        let bad = sim.apply(Change::StaffAbsent {
            resource: crate::timeline::Resource::GridWorkers,
            share: 2.0,
        });
        assert!(bad.is_err(), "invalid changes are refused");
        let outcome = sim.run_to_end();
        assert_eq!(outcome.daily.len(), 60);
        assert_eq!(
            outcome.daily[3][Series::TestsCapacity.index()],
            0.0,
            "the outage bites on day 3"
        );
    }
}
