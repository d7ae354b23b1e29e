//! Monte Carlo across runs: percentiles of every daily series and of the
//! summary figures.
//!
//! A [`Batch`] holds a validated scenario and its plan; any range of run
//! indices can be computed in any order, on any thread or Web Worker, and
//! [`aggregate`] turns whatever runs are done into results. Callers stream
//! partial results by aggregating after each chunk.

use crate::plan::Plan;
use crate::scenario::Scenario;
use crate::sim::{Capacity, RunOutcome, Series, Simulation, CAPACITY_COUNT};
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

    /// Runs `range` in order.
    pub fn run_range(&self, range: Range<u32>) -> Vec<RunOutcome> {
        range.map(|i| self.run(i)).collect()
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailyBand {
    pub series: Series,
    pub mean: Vec<f32>,
    pub p5: Vec<f32>,
    pub p25: Vec<f32>,
    pub p50: Vec<f32>,
    pub p75: Vec<f32>,
    pub p95: Vec<f32>,
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

/// Summary figures across runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Share of runs with no infection transmitted in the city.
    pub p_no_local_transmission: f64,
    /// Share of runs contained: no infection in the city in the last 14 days of the horizon.
    pub p_contained: f64,
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
    };

    let days = outcomes.iter().map(|o| o.daily.len()).min().unwrap_or(0);
    let mut daily = Vec::with_capacity(Series::ALL.len());
    let mut column = vec![0.0f32; n];
    for series in Series::ALL {
        let k = series.index();
        let mut band = DailyBand {
            series,
            mean: Vec::with_capacity(days),
            p5: Vec::with_capacity(days),
            p25: Vec::with_capacity(days),
            p50: Vec::with_capacity(days),
            p75: Vec::with_capacity(days),
            p95: Vec::with_capacity(days),
        };
        for day in 0..days {
            for (slot, o) in column.iter_mut().zip(outcomes) {
                *slot = o.daily[day][k];
            }
            column.sort_by(f32::total_cmp);
            let sorted: Vec<f64> = column.iter().map(|&v| f64::from(v)).collect();
            let mean = if n > 0 {
                sorted.iter().sum::<f64>() / n as f64
            } else {
                0.0
            };
            band.mean.push(mean as f32);
            band.p5.push(percentile_sorted(&sorted, 0.05) as f32);
            band.p25.push(percentile_sorted(&sorted, 0.25) as f32);
            band.p50.push(percentile_sorted(&sorted, 0.5) as f32);
            band.p75.push(percentile_sorted(&sorted, 0.75) as f32);
            band.p95.push(percentile_sorted(&sorted, 0.95) as f32);
        }
        daily.push(band);
    }

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
    }
}
