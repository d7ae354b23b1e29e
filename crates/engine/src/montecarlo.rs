//! Monte Carlo across runs: percentiles of every daily series and of the
//! summary figures.
//!
//! A [`Batch`] holds a validated scenario and its plan; any range of run
//! indices can be computed in any order, on any thread or Web Worker, and
//! [`aggregate`] turns whatever runs are done into results. Callers stream
//! partial results by aggregating after each chunk.

use crate::plan::Plan;
use crate::scenario::{GatewayKind, Scenario, Supply, SUPPLY_COUNT, SUPPLY_STANDARD_DAYS};
use crate::sim::{
    Capacity, GatewaySeries, RunOutcome, Series, Simulation, CAPACITY_COUNT, GATEWAY_SERIES_COUNT,
    SERIES_COUNT,
};
use crate::validate::{validate, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// A validated scenario ready to run.
#[derive(Clone, Debug)]
pub struct Batch {
    scenario: Arc<Scenario>,
    plan: Arc<Plan>,
}

impl Batch {
    /// Validates the scenario and works out its plan.
    pub fn new(scenario: &Scenario) -> Result<Batch, ValidationErrors> {
        validate(scenario)?;
        Ok(Batch {
            plan: Arc::new(Plan::new(scenario)),
            scenario: Arc::new(scenario.clone()),
        })
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Run `index` from start to end.
    pub fn run(&self, index: u32) -> RunOutcome {
        Simulation::with_plan(Arc::clone(&self.scenario), Arc::clone(&self.plan), index)
            .run_to_end()
    }

    /// A simulation of run `index`, to step through.
    pub fn simulation(&self, index: u32) -> Simulation {
        Simulation::with_plan(Arc::clone(&self.scenario), Arc::clone(&self.plan), index)
    }

    /// The line list of run `index`: the same run as [`Batch::run`], every
    /// infected person in it ([`Simulation::line_list`]).
    pub fn line_list(&self, index: u32) -> Vec<crate::sim::LineListEntry> {
        let mut simulation = self.simulation(index);
        while !simulation.finished() {
            simulation.step();
        }
        simulation.line_list()
    }

    /// Runs `range` in order.
    pub fn run_range(&self, range: Range<u32>) -> Vec<RunOutcome> {
        range.map(|i| self.run(i)).collect()
    }

    /// The same runs (same seed, same random streams) with quarantine
    /// rooms, hospital beds, laboratory tests and tracing staff switched to
    /// unlimited: the batch whose outcomes [`needed`] reads.
    pub fn unlimited(&self) -> Batch {
        let mut scenario = (*self.scenario).clone();
        scenario.quarantine.unlimited_rooms = true;
        scenario.hospital.unlimited_beds = true;
        scenario.testing.unlimited = true;
        scenario.tracing.unlimited = true;
        // An infinite stock (beyond the registry's range, so only here):
        // no item ever runs out.
        for supply in Supply::ALL {
            scenario.supplies.item_mut(supply).stock = f64::INFINITY;
        }
        Batch {
            plan: Arc::new(Plan::new(&scenario)),
            scenario: Arc::new(scenario),
        }
    }
}

/// How much of a capacity is needed: the amount that suffices in 90 % and
/// in 95 % of runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NeededAmount {
    pub p90: f64,
    pub p95: f64,
}

/// How much of each capacity the city needs, read from the runs of
/// [`Batch::unlimited`] (the capacities switched to unlimited, the same
/// runs otherwise). Each run's need is a whole amount; the figure "in q of
/// runs" is the smallest amount that at most `1 − q` of the runs need more
/// of (the nearest-rank percentile, not interpolated), so that with that
/// amount at most `1 − q` of the runs run out, and with one less more do.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Needed {
    /// Runs read.
    pub runs: u32,
    /// Centralised quarantine rooms: the most rooms occupied at once (the
    /// smallest whole number of rooms with which the run never sends anyone
    /// home for want of a room). Exact when the rooms are the same every day
    /// (no timeline change to rooms).
    pub rooms: NeededAmount,
    /// Hospital beds: the most beds occupied at once (exact when the beds
    /// are the same every day).
    pub beds: NeededAmount,
    /// Laboratory tubes per day: the most tubes needed on any day (with it
    /// no day's tubes wait for the next day).
    pub tests_per_day: NeededAmount,
    /// Tracing staff on duty: the most detected cases waiting for the
    /// tracers on any day, over the cases each staff member investigates a
    /// day, rounded up (with them every case is investigated the day it
    /// joins the queue).
    pub tracers: NeededAmount,
    /// Grid workers on duty: the most visits needed on any day to watch
    /// every home-quarantined household, over the visits each worker makes
    /// a day, rounded up (with them the grid workers never fall short of
    /// watching). Read from the same unlimited runs, in which the grid
    /// workers stay as the city has them: more workers also sweep more
    /// households, which changes the run, so the figure is exact only
    /// for runs in which the grid workers did not fall short.
    #[serde(default)]
    pub grid_workers: NeededAmount,
    /// Per supply item, in the order of [`Supply::ALL`]: the smallest
    /// starting stock with which the item never runs out (given its
    /// resupply), read from the unlimited runs, in which no item runs out.
    #[serde(default)]
    pub supplies: [NeededAmount; SUPPLY_COUNT],
}

impl Needed {
    /// Each amount with its capacity: grid workers, rooms, beds, tests,
    /// tracers, then each supply item.
    pub fn amounts(&self) -> Vec<(Capacity, NeededAmount)> {
        let mut amounts = vec![
            (Capacity::GridWorkers, self.grid_workers),
            (Capacity::QuarantineRooms, self.rooms),
            (Capacity::HospitalBeds, self.beds),
            (Capacity::Testing, self.tests_per_day),
            (Capacity::Tracing, self.tracers),
        ];
        amounts.extend(
            Supply::ALL
                .into_iter()
                .map(|s| (Capacity::of_supply(s), self.supplies[s.index()])),
        );
        amounts
    }
}

/// One run's need of each capacity, whole amounts (read from a run of
/// [`Batch::unlimited`]; see [`Needed`] for what each means). Small, so Web
/// Workers send these instead of the unlimited runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunNeeds {
    pub rooms: f64,
    pub beds: f64,
    pub tests_per_day: f64,
    pub tracers: f64,
    #[serde(default)]
    pub grid_workers: f64,
    #[serde(default)]
    pub supplies: [f64; SUPPLY_COUNT],
}

impl RunNeeds {
    /// The needs of one run of [`Batch::unlimited`] of `scenario`.
    pub fn of(scenario: &Scenario, unlimited_outcome: &RunOutcome) -> RunNeeds {
        // Rooms and beds bind when the occupancy would exceed the capacity
        // by more than 1e-9 (rooms are counted fractionally).
        let whole = |peak: f64| (peak - 1e-9).ceil().max(0.0);
        let s = &unlimited_outcome.summary;
        let per_staff = scenario.tracing.cases_per_staff_per_day;
        RunNeeds {
            rooms: whole(s.peak_rooms_needed),
            beds: whole(s.peak_beds_needed),
            tests_per_day: whole(s.peak_tests_needed),
            tracers: if per_staff > 0.0 {
                whole(s.peak_tracing_waiting / per_staff)
            } else {
                0.0
            },
            grid_workers: workers_to_watch(
                s.peak_watch_visits,
                scenario.community.visits_per_worker_per_day,
            ),
            supplies: s.supply_stock_needed.map(|stock| stock.max(0.0)),
        }
    }
}

/// The fewest grid workers whose visits (`per_worker` each) cover `visits`
/// (the grid workers fall short when the visits needed exceed the visits
/// made, with no tolerance).
fn workers_to_watch(visits: f64, per_worker: f64) -> f64 {
    if visits <= 0.0 || per_worker <= 0.0 {
        return 0.0;
    }
    let workers = (visits / per_worker).ceil();
    if workers * per_worker < visits {
        workers + 1.0
    } else {
        workers
    }
}

/// The smallest amount that at most `1 − q` of the (sorted, whole) needs
/// exceed.
fn nearest_rank(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (q * sorted.len() as f64 - 1e-9).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

impl Needed {
    /// How much of each capacity is needed, from the needs of the runs done
    /// so far (in any order).
    pub fn of(needs: &[RunNeeds]) -> Needed {
        let amount = |f: fn(&RunNeeds) -> f64| {
            let mut values: Vec<f64> = needs.iter().map(f).collect();
            values.sort_by(f64::total_cmp);
            NeededAmount {
                p90: nearest_rank(&values, 0.90),
                p95: nearest_rank(&values, 0.95),
            }
        };
        Needed {
            runs: needs.len() as u32,
            rooms: amount(|n| n.rooms),
            beds: amount(|n| n.beds),
            tests_per_day: amount(|n| n.tests_per_day),
            tracers: amount(|n| n.tracers),
            grid_workers: amount(|n| n.grid_workers),
            supplies: Supply::ALL.map(|s| {
                let mut values: Vec<f64> = needs.iter().map(|n| n.supplies[s.index()]).collect();
                values.sort_by(f64::total_cmp);
                NeededAmount {
                    p90: nearest_rank(&values, 0.90),
                    p95: nearest_rank(&values, 0.95),
                }
            }),
        }
    }
}

/// How much of each capacity is needed, from runs of [`Batch::unlimited`]
/// (of `scenario`, the scenario as the planner gave it).
pub fn needed(scenario: &Scenario, unlimited_outcomes: &[RunOutcome]) -> Needed {
    let needs: Vec<RunNeeds> = unlimited_outcomes
        .iter()
        .map(|o| RunNeeds::of(scenario, o))
        .collect();
    Needed::of(&needs)
}

/// Sets each gateway's [`GatewayResults::needed_staff_per_shift`] (a few
/// plans per gateway, the same for every run: once per scenario).
pub fn set_checkpoint_staff_needed(scenario: &Scenario, results: &mut Results) {
    let staff = crate::plan::checkpoint_staff_needed(scenario);
    for g in &mut results.gateways {
        g.needed_staff_per_shift = staff.get(g.gateway).copied().flatten();
    }
}

/// Validates and runs every run of a scenario on this thread.
pub fn run_all(scenario: &Scenario) -> Result<Results, ValidationErrors> {
    let batch = Batch::new(scenario)?;
    let outcomes = batch.run_range(0..scenario.runs);
    Ok(aggregate(scenario, &outcomes))
}

/// Mean and percentiles of a figure across runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub mean: f64,
    pub p5: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p95: f64,
}

/// Percentile `q` (0..1) of sorted data, linear between order statistics.
pub fn percentile_sorted(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let position = q * (sorted.len() - 1) as f64;
    let lower = position.floor() as usize;
    let upper = position.ceil() as usize;
    let t = position - lower as f64;
    if lower == upper {
        sorted[lower]
    } else {
        sorted[lower] + t * (sorted[upper] - sorted[lower])
    }
}

/// [`percentile_sorted`] on single-precision data (the daily series).
#[cfg(test)]
fn percentile_sorted_f32(sorted: &[f32], q: f64) -> f64 {
    percentile_at(sorted.len(), q, |rank| sorted[rank])
}

/// Percentile `q` of `n` single-precision values whose order statistic of
/// each rank (0-based) `at` gives, linear between order statistics.
fn percentile_at(n: usize, q: f64, at: impl Fn(usize) -> f32) -> f64 {
    if n == 0 {
        return f64::NAN;
    }
    let position = q * (n - 1) as f64;
    let lower = position.floor() as usize;
    let upper = position.ceil() as usize;
    let (a, b) = (f64::from(at(lower)), f64::from(at(upper)));
    if lower == upper || a == b {
        a
    } else {
        a + (position - lower as f64) * (b - a)
    }
}

impl Stats {
    /// Statistics of the values (empty: `None`).
    pub fn of(values: &[f64]) -> Option<Stats> {
        if values.is_empty() {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let finite: Vec<f64> = sorted.iter().copied().filter(|v| v.is_finite()).collect();
        let mean = if finite.len() == sorted.len() {
            sorted.iter().sum::<f64>() / sorted.len() as f64
        } else {
            f64::INFINITY
        };
        Some(Stats {
            mean,
            p5: percentile_sorted(&sorted, 0.05),
            p25: percentile_sorted(&sorted, 0.25),
            p50: percentile_sorted(&sorted, 0.5),
            p75: percentile_sorted(&sorted, 0.75),
            p95: percentile_sorted(&sorted, 0.95),
        })
    }
}

/// A daily series across runs: one entry per day for each statistic.
/// `K` names the series ([`Series`] for the city, [`GatewaySeries`] for a
/// gateway).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Band<K> {
    pub series: K,
    pub mean: Vec<f32>,
    pub p5: Vec<f32>,
    pub p25: Vec<f32>,
    pub p50: Vec<f32>,
    pub p75: Vec<f32>,
    pub p95: Vec<f32>,
}

/// A city-wide daily series across runs.
pub type DailyBand = Band<Series>;

impl<K> Band<K> {
    /// An empty band for `days` days.
    fn with_capacity(series: K, days: usize) -> Self {
        Band {
            series,
            mean: Vec::with_capacity(days),
            p5: Vec::with_capacity(days),
            p25: Vec::with_capacity(days),
            p50: Vec::with_capacity(days),
            p75: Vec::with_capacity(days),
            p95: Vec::with_capacity(days),
        }
    }

    /// Appends one day from every run's value (reordered in place);
    /// `scratch` is made for columns of this length and reused from day
    /// to day.
    fn push_day(&mut self, column: &mut [f32], scratch: &mut DayScratch) {
        let n = column.len();
        debug_assert_eq!(scratch.runs, n);
        // A finite value the same in every run (capacities, the plan's
        // queues, zeros) is its own mean and every percentile: n copies of
        // a single-precision value add up exactly in double precision
        // (n < 2^29), so the mean below would be the value itself.
        if let Some(&value) = column.first() {
            let bits = value.to_bits();
            if value.is_finite() && n < 1 << 29 && column.iter().all(|v| v.to_bits() == bits) {
                for stat in [
                    &mut self.mean,
                    &mut self.p5,
                    &mut self.p25,
                    &mut self.p50,
                    &mut self.p75,
                    &mut self.p95,
                ] {
                    stat.push(value);
                }
                return;
            }
        }
        let counts = &mut scratch.counts;
        // One pass finds what the day needs. Most days of most series are
        // constant across runs (zeros, capacities, the plan's queues); most
        // others are small counts, whose order statistics a histogram gives
        // (the largest count at most twice the runs, so the histogram is no
        // longer than the column); of the rest only the order statistics
        // the percentiles read are put in place, when the mean does not
        // depend on the order, and the column is sorted otherwise. Every
        // way gives the same numbers, bit for bit, as sorting.
        let first = column.first().copied().unwrap_or(0.0).to_bits();
        let mut constant = true;
        let mut counts_only = true;
        let mut largest = 0u32;
        for &v in column.iter() {
            constant &= v.to_bits() == first;
            let count = v as u32;
            counts_only &= (count as f32).to_bits() == v.to_bits();
            largest = largest.max(count);
        }
        let histogram = !constant && counts_only && (largest as usize) <= 2 * n;
        let ranks: &[usize] = &scratch.ranks;
        let mut at_rank = [0.0f32; 2 * BAND_PERCENTILES.len()];
        let sum = if constant || n == 0 {
            column.iter().map(|&v| f64::from(v)).sum::<f64>()
        } else if histogram {
            counts.clear();
            counts.resize(largest as usize + 1, 0);
            for &v in column.iter() {
                counts[v as usize] += 1;
            }
            let mut sum = 0.0f64;
            let mut below = 0usize;
            let mut next = 0;
            for (value, &count) in counts.iter().enumerate() {
                sum += value as f64 * f64::from(count);
                below += count as usize;
                while next < ranks.len() && ranks[next] < below {
                    at_rank[next] = value as f32;
                    next += 1;
                }
            }
            sum
        } else {
            if order_free_sum(column) {
                select_ranks(column, ranks, 0);
            } else {
                column.sort_unstable_by(f32::total_cmp);
            }
            column.iter().map(|&v| f64::from(v)).sum::<f64>()
        };
        if n > 0 && !histogram {
            for (slot, &rank) in at_rank.iter_mut().zip(ranks) {
                *slot = column[rank];
            }
        }
        let mean = if n > 0 { sum / n as f64 } else { 0.0 };
        let q = |p: f64| {
            percentile_at(n, p, |rank| {
                at_rank[ranks.binary_search(&rank).unwrap_or(0)]
            }) as f32
        };
        self.mean.push(mean as f32);
        self.p5.push(q(0.05));
        self.p25.push(q(0.25));
        self.p50.push(q(0.5));
        self.p75.push(q(0.75));
        self.p95.push(q(0.95));
    }
}

/// Room for [`Band::push_day`], reused from column to column: the ranks
/// the percentiles of `runs` values read, and a histogram.
struct DayScratch {
    runs: usize,
    ranks: Vec<usize>,
    counts: Vec<u32>,
}

impl DayScratch {
    fn new(runs: usize) -> DayScratch {
        DayScratch {
            runs,
            ranks: percentile_ranks(runs),
            counts: Vec::new(),
        }
    }
}

/// The percentiles of a band (as fractions).
const BAND_PERCENTILES: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];

/// The ranks (0-based, ascending, each once) of the order statistics that
/// [`percentile_sorted_f32`] reads for the band's percentiles of `n` values.
fn percentile_ranks(n: usize) -> Vec<usize> {
    let mut ranks: Vec<usize> = BAND_PERCENTILES
        .iter()
        .flat_map(|q| {
            let position = q * n.saturating_sub(1) as f64;
            [position.floor() as usize, position.ceil() as usize]
        })
        .collect();
    ranks.sort_unstable();
    ranks.dedup();
    ranks
}

/// Puts in place the order statistics of `data` at `ranks` (ascending,
/// each at least `offset`; `data` starts at rank `offset`), as a full sort
/// would, by quickselect: linear time for a handful of ranks.
fn select_ranks(data: &mut [f32], ranks: &[usize], offset: usize) {
    if ranks.is_empty() || data.len() < 2 {
        return;
    }
    if data.len() <= 32 {
        data.sort_unstable_by(f32::total_cmp);
        return;
    }
    let middle = ranks.len() / 2;
    let rank = ranks[middle] - offset;
    let (below, _, above) = data.select_nth_unstable_by(rank, f32::total_cmp);
    select_ranks(below, &ranks[..middle], offset);
    select_ranks(above, &ranks[middle + 1..], offset + rank + 1);
}

/// Whether summing `values` in f64 is exact, so the same in any order: all
/// finite, and their sum of magnitudes (with a factor of 2 to spare) below
/// 2^53 units of the finest binary place any of them uses. Counts always
/// are; a mean of values that are not is taken in sorted order.
fn order_free_sum(values: &[f32]) -> bool {
    let mut finest = i32::MAX;
    let mut magnitude = 0.0f64;
    for &v in values {
        let bits = v.to_bits();
        let exponent = ((bits >> 23) & 0xff) as i32;
        let fraction = bits & 0x7f_ffff;
        if exponent == 0xff {
            return false;
        }
        let (significand, scale) = if exponent == 0 {
            (fraction, -149)
        } else {
            (fraction | 0x80_0000, exponent - 150)
        };
        if significand != 0 {
            finest = finest.min(scale + significand.trailing_zeros() as i32);
        }
        magnitude += f64::from(v).abs();
    }
    if finest == i32::MAX {
        return true;
    }
    // 2^(52 + finest), built from its bits: finest is in -149..=127.
    let limit = f64::from_bits(((52 + finest + 1023) as u64) << 52);
    magnitude < limit
}

/// How one capacity fared across runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapacityVerdict {
    pub capacity: Capacity,
    /// Share of runs in which it ran out at least once.
    pub p_exceeded: f64,
    /// Share of runs in which it was the first capacity to run out.
    pub p_first: f64,
    /// Median day it first ran out, over the runs where it did.
    pub median_first_day: Option<f64>,
}

/// A daily series of one gateway across runs.
pub type GatewayBand = Band<GatewaySeries>;

/// One gateway's checkpoint across runs: its own capacity verdict, waits,
/// and the travellers (and infected travellers) it let through unchecked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GatewayResults {
    /// Index of the gateway in the scenario.
    pub gateway: usize,
    pub kind: GatewayKind,
    pub name: String,
    /// Share of runs in which this checkpoint was short at least once.
    pub p_short: f64,
    /// Median first day it was short, over the runs where it was.
    pub median_first_short_day: Option<f64>,
    /// Travellers arriving over the horizon.
    pub arrivals: Stats,
    /// Longest wait of the worst hour of any day, minutes (median `p50`, 95th percentile `p95`).
    pub peak_hour_wait_minutes: Stats,
    /// Longest daily mean wait, minutes.
    pub max_mean_wait_minutes: Stats,
    /// Largest queue, travellers.
    pub max_queue: Stats,
    /// Travellers waved through by the overload policy over the horizon.
    pub unchecked_by_policy: Stats,
    /// Travellers waved through by the queue cap over the horizon.
    pub unchecked_by_cap: Stats,
    /// Travellers passing while nobody was on duty over the horizon.
    pub unchecked_unstaffed: Stats,
    /// Infected travellers arriving.
    pub infected_arrivals: Stats,
    /// Infected travellers passed without being checked.
    pub infected_unchecked: Stats,
    /// Inspectors per shift (with as many posts) with which this checkpoint
    /// is never short: the same in every run, so one figure for 90 % and
    /// 95 % ([`crate::checkpoint_staff_needed`]); `None` when not computed
    /// (set by [`set_checkpoint_staff_needed`]) or when no number is enough.
    #[serde(default)]
    pub needed_staff_per_shift: Option<u32>,
    /// Every daily series of the gateway, in [`GatewaySeries::ALL`] order.
    pub daily: Vec<GatewayBand>,
}

impl GatewayResults {
    /// The band of one series.
    pub fn band(&self, series: GatewaySeries) -> &GatewayBand {
        &self.daily[series.index()]
    }
}

/// A supply item's stock against the 30-day standard (the same in every
/// run: it follows from the scenario). Whether and when it ran out is in
/// [`Summary::capacities`], under the item's capacity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupplyVerdict {
    pub supply: Supply,
    /// Days the stock lasts at full load without resupply
    /// ([`Scenario::days_of_stock_at_full_load`]); `None` when full load uses none.
    pub days_at_full_load: Option<f64>,
    /// The stock covers the standard's 30 days at full load.
    pub meets_standard: bool,
}

/// Summary figures across runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Share of runs with no infection transmitted in the city.
    pub p_no_local_transmission: f64,
    /// Share of runs contained: no infection in the city on the containment
    /// window's days (by default the last 14 days of the horizon).
    pub p_contained: f64,
    /// First day of the containment window, from 1.
    #[serde(default)]
    pub containment_first_day: u32,
    /// Last day of the containment window, from 1.
    #[serde(default)]
    pub containment_last_day: u32,
    pub local_infections: Stats,
    pub imported_infections: Stats,
    /// Caught at a checkpoint out of all infected arrivals, pooled over runs (`None` without infected arrivals).
    pub caught_at_checkpoint_share: Option<f64>,
    /// Flagged at a checkpoint (sent to quarantine) out of all infected arrivals, pooled.
    pub flagged_at_checkpoint_share: Option<f64>,
    /// Days from first local infection to first local detection, over runs with both.
    pub days_to_first_local_detection: Option<Stats>,
    /// Share of runs with local infections in which none was ever detected.
    pub p_local_undetected: f64,
    pub peak_quarantine_rooms: Stats,
    pub p_quarantine_exceeded: f64,
    pub peak_hospital_beds: Stats,
    pub p_beds_exceeded: f64,
    pub peak_tests_per_day: Stats,
    pub p_testing_exceeded: f64,
    pub peak_tracing_backlog: Stats,
    pub p_tracing_exceeded: f64,
    pub max_checkpoint_wait_minutes: Stats,
    pub p_checkpoint_overloaded: f64,
    pub p_grid_workers_exceeded: f64,
    pub quarantine_person_days: Stats,
    /// Every capacity, in [`Capacity::ALL`] order.
    pub capacities: Vec<CapacityVerdict>,
    /// The capacity most often first to run out, if any runs out.
    pub first_bottleneck: Option<CapacityVerdict>,
    /// Share of runs cut short by the infection limit.
    pub p_truncated: f64,
    /// Every supply item, in [`Supply::ALL`] order.
    pub supplies: Vec<SupplyVerdict>,
}

/// Results of a Monte Carlo batch (possibly partial).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Runs aggregated.
    pub runs: u32,
    /// Runs the scenario asks for.
    pub runs_planned: u32,
    pub seed: u64,
    pub days: u32,
    pub summary: Summary,
    /// Every series, in [`Series::ALL`] order.
    pub daily: Vec<DailyBand>,
    /// Local infections of each run (for the outbreak-size histogram).
    pub local_infections_by_run: Vec<u32>,
    /// Each gateway's checkpoint, in the scenario's order.
    #[serde(default)]
    pub gateways: Vec<GatewayResults>,
    /// How much of each capacity is needed, when the caller also ran
    /// [`Batch::unlimited`] ([`needed`]); `None` from [`aggregate`] alone.
    #[serde(default)]
    pub needed: Option<Needed>,
}

impl Results {
    /// The band of one series.
    pub fn band(&self, series: Series) -> &DailyBand {
        &self.daily[series.index()]
    }
}

fn share(count: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

/// Each supply item's days of stock at full load against the standard.
pub fn supply_verdicts(scenario: &Scenario) -> Vec<SupplyVerdict> {
    Supply::ALL
        .iter()
        .map(|&supply| {
            let days = scenario.days_of_stock_at_full_load(supply);
            SupplyVerdict {
                supply,
                days_at_full_load: days,
                meets_standard: days.is_none_or(|d| d >= SUPPLY_STANDARD_DAYS),
            }
        })
        .collect()
}

/// Aggregates the runs done so far (in any order).
pub fn aggregate(scenario: &Scenario, outcomes: &[RunOutcome]) -> Results {
    let n = outcomes.len();
    let field = |f: &dyn Fn(&RunOutcome) -> f64| -> Stats {
        Stats::of(&outcomes.iter().map(f).collect::<Vec<_>>()).unwrap_or_default()
    };
    let count =
        |f: &dyn Fn(&RunOutcome) -> bool| share(outcomes.iter().filter(|o| f(o)).count(), n);
    let bound = |c: Capacity| count(&|o| o.summary.first_bind_day[c.index()].is_some());

    let arrivals: u64 = outcomes
        .iter()
        .map(|o| u64::from(o.summary.infected_arrivals))
        .sum();
    let caught: u64 = outcomes
        .iter()
        .map(|o| u64::from(o.summary.caught_at_checkpoint))
        .sum();
    let flagged: u64 = outcomes
        .iter()
        .map(|o| u64::from(o.summary.flagged_at_checkpoint))
        .sum();
    let detection_delays: Vec<f64> = outcomes
        .iter()
        .filter_map(|o| {
            let s = &o.summary;
            Some(f64::from(s.first_local_detection_day?) - f64::from(s.first_local_infection_day?))
        })
        .collect();
    let with_local = outcomes
        .iter()
        .filter(|o| o.summary.local_infections > 0)
        .count();
    let local_undetected = outcomes
        .iter()
        .filter(|o| o.summary.local_infections > 0 && o.summary.first_local_detection_day.is_none())
        .count();

    let mut first_counts = [0usize; CAPACITY_COUNT];
    for o in outcomes {
        let first = o
            .summary
            .first_bind_day
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.map(|d| (d, i)))
            .min();
        if let Some((_, i)) = first {
            first_counts[i] += 1;
        }
    }
    let capacities: Vec<CapacityVerdict> = Capacity::ALL
        .iter()
        .map(|&c| {
            let days: Vec<f64> = outcomes
                .iter()
                .filter_map(|o| o.summary.first_bind_day[c.index()].map(f64::from))
                .collect();
            CapacityVerdict {
                capacity: c,
                p_exceeded: bound(c),
                p_first: share(first_counts[c.index()], n),
                median_first_day: Stats::of(&days).map(|s| s.p50),
            }
        })
        .collect();
    let first_bottleneck = capacities
        .iter()
        .filter(|c| c.p_first > 0.0)
        .max_by(|a, b| a.p_first.total_cmp(&b.p_first))
        .cloned();

    let summary = Summary {
        p_no_local_transmission: count(&|o| !o.summary.local_transmission),
        p_contained: count(&|o| o.summary.contained),
        containment_first_day: scenario.containment_days().0,
        containment_last_day: scenario.containment_days().1,
        local_infections: field(&|o| f64::from(o.summary.local_infections)),
        imported_infections: field(&|o| f64::from(o.summary.infected_arrivals)),
        caught_at_checkpoint_share: (arrivals > 0).then(|| caught as f64 / arrivals as f64),
        flagged_at_checkpoint_share: (arrivals > 0).then(|| flagged as f64 / arrivals as f64),
        days_to_first_local_detection: Stats::of(&detection_delays),
        p_local_undetected: share(local_undetected, with_local),
        peak_quarantine_rooms: field(&|o| o.summary.peak_rooms_needed),
        p_quarantine_exceeded: bound(Capacity::QuarantineRooms),
        peak_hospital_beds: field(&|o| o.summary.peak_beds_needed),
        p_beds_exceeded: bound(Capacity::HospitalBeds),
        peak_tests_per_day: field(&|o| o.summary.peak_tests_needed),
        p_testing_exceeded: bound(Capacity::Testing),
        peak_tracing_backlog: field(&|o| o.summary.peak_tracing_backlog),
        p_tracing_exceeded: bound(Capacity::Tracing),
        max_checkpoint_wait_minutes: field(&|o| o.summary.max_checkpoint_wait_minutes),
        p_checkpoint_overloaded: bound(Capacity::Checkpoint),
        p_grid_workers_exceeded: bound(Capacity::GridWorkers),
        quarantine_person_days: field(&|o| o.summary.quarantine_person_days),
        capacities,
        first_bottleneck,
        p_truncated: count(&|o| o.summary.truncated),
        supplies: supply_verdicts(scenario),
    };

    let days = outcomes.iter().map(|o| o.daily.len()).min().unwrap_or(0);
    let mut daily: Vec<DailyBand> = Series::ALL
        .iter()
        .map(|&series| Band::with_capacity(series, days))
        .collect();
    // One day at a time, every run's row is read once (cache-friendly), into
    // one column per series.
    let mut columns = vec![0.0f32; n * SERIES_COUNT];
    let mut scratch = DayScratch::new(n);
    for day in 0..days {
        for (r, o) in outcomes.iter().enumerate() {
            for (k, v) in o.daily[day].iter().enumerate() {
                columns[k * n + r] = *v;
            }
        }
        for (k, band) in daily.iter_mut().enumerate() {
            band.push_day(&mut columns[k * n..(k + 1) * n], &mut scratch);
        }
    }

    let gateways = scenario
        .gateways
        .iter()
        .enumerate()
        .map(|(g, gateway)| aggregate_gateway(g, gateway, outcomes, days))
        .collect();

    let mut by_index: Vec<&RunOutcome> = outcomes.iter().collect();
    by_index.sort_by_key(|o| o.run_index);
    Results {
        runs: n as u32,
        runs_planned: scenario.runs,
        seed: scenario.seed,
        days: days as u32,
        summary,
        daily,
        local_infections_by_run: by_index
            .iter()
            .map(|o| o.summary.local_infections)
            .collect(),
        gateways,
        needed: None,
    }
}

/// Gateway `g` across the runs, over the first `days` days.
fn aggregate_gateway(
    g: usize,
    gateway: &crate::scenario::Gateway,
    outcomes: &[RunOutcome],
    days: usize,
) -> GatewayResults {
    let n = outcomes.len();
    let runs: Vec<crate::sim::GatewaySummary> = outcomes
        .iter()
        .map(|o| o.summary.gateways.get(g).cloned().unwrap_or_default())
        .collect();
    let field = |f: &dyn Fn(&crate::sim::GatewaySummary) -> f64| -> Stats {
        Stats::of(&runs.iter().map(f).collect::<Vec<_>>()).unwrap_or_default()
    };
    let short_days: Vec<f64> = runs
        .iter()
        .filter_map(|r| r.first_short_day.map(f64::from))
        .collect();
    let mut daily: Vec<GatewayBand> = GatewaySeries::ALL
        .iter()
        .map(|&series| Band::with_capacity(series, days))
        .collect();
    // As for the city's series: every run's row of the day read once.
    let mut columns = vec![0.0f32; n * GATEWAY_SERIES_COUNT];
    let mut scratch = DayScratch::new(n);
    for day in 0..days {
        for (r, o) in outcomes.iter().enumerate() {
            let row = o.gateway_day(day, g);
            for k in 0..GATEWAY_SERIES_COUNT {
                columns[k * n + r] = row.map_or(0.0, |v| v[k]);
            }
        }
        for (k, band) in daily.iter_mut().enumerate() {
            band.push_day(&mut columns[k * n..(k + 1) * n], &mut scratch);
        }
    }
    debug_assert_eq!(daily.len(), GATEWAY_SERIES_COUNT);
    GatewayResults {
        gateway: g,
        kind: gateway.kind,
        name: gateway.name.clone(),
        p_short: share(short_days.len(), n),
        median_first_short_day: Stats::of(&short_days).map(|s| s.p50),
        arrivals: field(&|r| r.arrivals),
        peak_hour_wait_minutes: field(&|r| r.peak_hour_wait_minutes),
        max_mean_wait_minutes: field(&|r| r.max_mean_wait_minutes),
        max_queue: field(&|r| r.max_queue),
        unchecked_by_policy: field(&|r| r.unchecked_by_policy),
        unchecked_by_cap: field(&|r| r.unchecked_by_cap),
        unchecked_unstaffed: field(&|r| r.unchecked_unstaffed),
        infected_arrivals: field(&|r| f64::from(r.infected_arrivals)),
        infected_unchecked: field(&|r| f64::from(r.infected_unchecked)),
        needed_staff_per_shift: None,
        daily,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::RunSummary;
    use proptest::prelude::*;

    /// A band's day as it was worked out before quickselect: the column
    /// sorted (unless constant), the mean summed in sorted order.
    fn sorted_band_day(column: &[f32]) -> [u32; 6] {
        let mut sorted = column.to_vec();
        sorted.sort_unstable_by(f32::total_cmp);
        let n = sorted.len();
        let mean = if n > 0 {
            sorted.iter().map(|&v| f64::from(v)).sum::<f64>() / n as f64
        } else {
            0.0
        };
        let q = |p: f64| (percentile_sorted_f32(&sorted, p) as f32).to_bits();
        [
            (mean as f32).to_bits(),
            q(0.05),
            q(0.25),
            q(0.5),
            q(0.75),
            q(0.95),
        ]
    }

    fn band_day(column: &[f32]) -> [u32; 6] {
        let mut band = Band::with_capacity((), 1);
        band.push_day(&mut column.to_vec(), &mut DayScratch::new(column.len()));
        [
            &band.mean, &band.p5, &band.p25, &band.p50, &band.p75, &band.p95,
        ]
        .map(|v| v[0].to_bits())
    }

    /// Daily values as runs produce them: counts (many ties, many zeros),
    /// fractional amounts of very different sizes, infinities.
    fn daily_value() -> impl Strategy<Value = f32> {
        prop_oneof![
            4 => (0u32..5).prop_map(|v| v as f32),
            2 => (0u32..100_000).prop_map(|v| v as f32),
            2 => 0.0f32..5_000.0,
            1 => -1.0e-6f32..1.0e7,
            1 => Just(f32::INFINITY),
        ]
    }

    /// Values whose sums are mostly order-free: counts and amounts.
    fn summable_value() -> impl Strategy<Value = f32> {
        prop_oneof![
            2 => (0u32..100_000).prop_map(|v| v as f32),
            1 => 0.0f32..5_000.0,
        ]
    }

    proptest! {
        /// Quickselect gives every band value bit for bit as sorting did,
        /// for any number of runs (in the page, 8 first, then more).
        #[test]
        fn band_days_are_the_sorted_ones(column in prop::collection::vec(daily_value(), 0..400)) {
            prop_assert_eq!(band_day(&column), sorted_band_day(&column));
        }

        /// The same for days with one value in every run (any value,
        /// zeros of either sign, infinities).
        #[test]
        fn constant_days_are_the_sorted_ones(value in daily_value(), runs in 0usize..400) {
            let column = vec![value; runs];
            prop_assert_eq!(band_day(&column), sorted_band_day(&column));
            let column = vec![-0.0f32; runs];
            prop_assert_eq!(band_day(&column), sorted_band_day(&column));
        }

        /// The same for days of counts (a histogram, or quickselect when a
        /// count exceeds twice the runs).
        #[test]
        fn count_days_are_the_sorted_ones(
            column in prop::collection::vec(prop_oneof![3 => 0u32..6, 1 => 0u32..3_000], 0..400),
        ) {
            let column: Vec<f32> = column.into_iter().map(|c| c as f32).collect();
            prop_assert_eq!(band_day(&column), sorted_band_day(&column));
        }

        /// When the sum is order-free, any order of the runs gives the same
        /// sum as the sorted order.
        #[test]
        fn order_free_sums_do_not_depend_on_the_order(
            column in prop::collection::vec(summable_value(), 0..200),
            rotation in 0usize..200,
        ) {
            prop_assume!(order_free_sum(&column));
            let mut sorted = column.clone();
            sorted.sort_unstable_by(f32::total_cmp);
            let mut rotated = column.clone();
            rotated.reverse();
            let len = rotated.len().max(1);
            rotated.rotate_left(rotation % len);
            let sum = |v: &[f32]| v.iter().map(|&x| f64::from(x)).sum::<f64>().to_bits();
            prop_assert_eq!(sum(&column), sum(&sorted));
            prop_assert_eq!(sum(&rotated), sum(&sorted));
        }
    }

    #[test]
    fn counts_have_order_free_sums_and_tiny_fractions_next_to_millions_do_not() {
        assert!(order_free_sum(&[0.0, 3.0, 1.0e6, 7.0]));
        assert!(order_free_sum(&[0.25, 2879.742, 12.5]));
        assert!(!order_free_sum(&[1.0e-6, 3.0e7, 0.1]));
        assert!(!order_free_sum(&[1.0, f32::INFINITY]));
        assert!(!order_free_sum(&[f32::NAN]));
    }

    fn outcome(index: u32, value: f32, local: u32, bind: Option<u32>) -> RunOutcome {
        let mut day = [0.0f32; SERIES_COUNT];
        day[Series::RoomsNeeded.index()] = value;
        day[Series::RoomsCapacity.index()] = 100.0;
        let mut summary = RunSummary {
            local_infections: local,
            local_transmission: local > 0,
            ..RunSummary::default()
        };
        summary.first_bind_day[Capacity::QuarantineRooms.index()] = bind;
        RunOutcome {
            run_index: index,
            summary,
            daily: vec![day; 3],
            gateway_daily: Vec::new(),
        }
    }

    #[test]
    fn needed_is_the_nearest_rank_of_whole_needs() {
        let scenario = Scenario::default();
        // Run k needs k − 0.5 rooms at peak (k whole rooms), beds 2k,
        // tubes k + 0.25, and 3k cases wait for the tracers.
        let runs: Vec<RunOutcome> = (1..=20u32)
            .rev()
            .map(|k| {
                let mut o = outcome(k, 0.0, 0, None);
                let k = f64::from(k);
                o.summary.peak_rooms_needed = k - 0.5;
                o.summary.peak_beds_needed = 2.0 * k;
                o.summary.peak_tests_needed = k + 0.25;
                o.summary.peak_tracing_waiting = 3.0 * k;
                o.summary.peak_watch_visits = 10.0 * k + 1.0;
                o
            })
            .collect();
        let n = needed(&scenario, &runs);
        assert_eq!(n.runs, 20);
        // 95 %: at most one run of 20 needs more; 90 %: at most two.
        assert_eq!(
            n.rooms,
            NeededAmount {
                p90: 18.0,
                p95: 19.0
            }
        );
        assert_eq!(
            n.beds,
            NeededAmount {
                p90: 36.0,
                p95: 38.0
            }
        );
        assert_eq!(
            n.tests_per_day,
            NeededAmount {
                p90: 19.0,
                p95: 20.0
            }
        );
        let per_staff = scenario.tracing.cases_per_staff_per_day;
        let tracers = |k: f64| (3.0 * k / per_staff - 1e-9).ceil();
        assert_eq!(
            n.tracers,
            NeededAmount {
                p90: tracers(18.0),
                p95: tracers(19.0)
            }
        );
        // 10k + 1 visits at 5 a worker: 2k + 1 workers (2k fall one short).
        assert_eq!(scenario.community.visits_per_worker_per_day, 5.0);
        assert_eq!(
            n.grid_workers,
            NeededAmount {
                p90: 37.0,
                p95: 39.0
            }
        );
        assert_eq!(workers_to_watch(10.0, 5.0), 2.0);
        assert_eq!(workers_to_watch(0.0, 5.0), 0.0);
        // A peak a rounding error above a whole number needs that number.
        let mut exact = outcome(0, 0.0, 0, None);
        exact.summary.peak_rooms_needed = 7.0 + 1e-12;
        assert_eq!(needed(&scenario, &[exact]).rooms.p95, 7.0);
        assert_eq!(needed(&scenario, &[]).rooms, NeededAmount::default());
    }

    #[test]
    fn bands_and_verdicts_from_known_runs() {
        let scenario = Scenario {
            runs: 5,
            days: 3,
            ..Scenario::default()
        };
        // Given out of order: aggregation must not care.
        let runs = vec![
            outcome(4, 40.0, 8, Some(2)),
            outcome(0, 0.0, 0, None),
            outcome(2, 20.0, 2, Some(1)),
            outcome(1, 10.0, 0, None),
            outcome(3, 30.0, 4, None),
        ];
        let r = aggregate(&scenario, &runs);
        let band = r.band(Series::RoomsNeeded);
        assert_eq!(band.p50, vec![20.0; 3]);
        assert_eq!(band.p25, vec![10.0; 3]);
        assert_eq!(band.mean, vec![20.0; 3]);
        assert!(
            (band.p5[0] - 2.0).abs() < 1e-6,
            "linear between order statistics"
        );
        assert_eq!(r.band(Series::RoomsCapacity).p95, vec![100.0; 3]);
        assert_eq!(r.local_infections_by_run, vec![0, 0, 2, 4, 8]);
        assert!((r.summary.p_no_local_transmission - 0.4).abs() < 1e-12);
        assert!((r.summary.p_quarantine_exceeded - 0.4).abs() < 1e-12);
        let first = r.summary.first_bottleneck.clone().unwrap();
        assert_eq!(first.capacity, Capacity::QuarantineRooms);
        assert_eq!(first.median_first_day, Some(1.5));
        assert_eq!(r.summary.local_infections.p50, 2.0);
    }
}
