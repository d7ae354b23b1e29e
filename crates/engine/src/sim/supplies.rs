//! Phase 8 of the day (after tracing, before the outputs): supplies (物资).
//!
//! Every item starts the day with its stock plus the day's resupply. The
//! day's work is counted from what the day did: inspector shifts at the
//! checkpoints (staff on shift × shifts), sampling shifts (people sampled ÷
//! samples per staff member, at most the sampling staff at work), tracer
//! shifts (cases investigated ÷ cases per tracer, at most the tracers at
//! work), grid workers at work, people sampled (screening, population-wide
//! rounds, fever clinics, arrival and quarantine tests), laboratory tubes
//! tested, occupied quarantine rooms and hospital beds. Each item's use is
//! its rates times that work; what the stock cannot cover is not used, and
//! the stock never goes below zero.
//!
//! **Running out.** At the end of each day, each item's *cover* for the next
//! day is (stock + next day's resupply) ÷ the day's need, at most 1 (the
//! need expected is the day's, with work cut short by supplies counted in
//! full). The next day, the work that needs the item is done only in the
//! share the item covers, the share being the same for all the work that
//! uses it:
//!
//! - sampling staff work, and routine screening and population-wide rounds
//!   sample, in the smallest cover of the items used per sampling shift or
//!   per sample (no swabs or no protective suits: no sampling);
//! - tracers work in the smallest cover of the items used per tracer shift;
//! - grid workers work in the smallest cover of the items used per
//!   grid-worker day;
//! - the laboratories test at most the tubes that the stock (with the day's
//!   resupply) of each item used per tube covers, the same day (no reagent:
//!   no tests, and the tubes wait in the backlog); the item runs out on the
//!   day the tubes waiting exceed it.
//!
//! An item *runs out* (the capacity named after it binds) on the first day
//! it cuts work short (its cover is under 1 and limits sampling, tracing or
//! grid work) or its use would exceed its stock. Checkpoint inspectors keep working without protection (as the seeds'
//! inspectors did, "only one mask" each), people in quarantine rooms and
//! hospital beds are never turned out, and fever clinics, arrival and
//! quarantine tests still take their samples: for these the shortage is
//! reported (use stops at the stock), not enforced. A capacity that is
//! unlimited stays unlimited unless its cover is zero. Nothing here draws a
//! random number, so while no item runs out a run is the same as without
//! supplies.

use super::{Capacity, Series, Simulation};
use crate::plan::Levels;
use crate::scenario::{Supply, Work};
use std::sync::Arc;

/// The share of each kind of limited work that the supplies allow today
/// (1: no shortage).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct SupplyShares {
    pub sampling: f64,
    pub tracing: f64,
    pub grid: f64,
}

impl SupplyShares {
    pub(super) const FULL: SupplyShares = SupplyShares {
        sampling: 1.0,
        tracing: 1.0,
        grid: 1.0,
    };
}

/// A capacity scaled by a supply share: unchanged at 1, zero at 0 (even
/// when unlimited).
pub(super) fn scaled(capacity: f64, share: f64) -> f64 {
    if share >= 1.0 {
        capacity
    } else if share <= 0.0 {
        0.0
    } else {
        capacity * share
    }
}

/// What the day did, as the supplies phase needs it.
pub(super) struct DayWork<'a> {
    pub levels: &'a Levels,
    /// People sampled today.
    pub samples: f64,
    /// Laboratory tubes the laboratories would have tested today with
    /// supplies enough (the tubes actually tested are at most what the
    /// supplies cover).
    pub tests: f64,
    /// Cases investigated by the tracers today.
    pub traced: f64,
}

impl Simulation {
    pub(super) fn use_supplies(&mut self, day: &DayWork) {
        let shares = self.supply_shares;
        let levels = day.levels;
        let testing = &self.scenario.testing;
        let sampling_staff = scaled(levels.sampling_staff, shares.sampling);
        let tracers = scaled(levels.tracers, shares.tracing);
        let per_tracer = self.scenario.tracing.cases_per_staff_per_day;
        let work = Work {
            checkpoint_shifts: self
                .scenario
                .gateways
                .iter()
                .zip(&levels.checkpoint_staff)
                .filter(|(g, _)| g.checkpoint.enabled)
                .map(|(g, staff)| staff * f64::from(g.checkpoint.shifts))
                .sum(),
            sampling_shifts: shifts(
                day.samples,
                testing.samples_per_staff_per_day,
                sampling_staff,
            ),
            tracer_shifts: shifts(day.traced, per_tracer, tracers),
            grid_shifts: scaled(levels.grid_workers, shares.grid),
            samples: day.samples,
            tests: day.tests,
            room_days: self.rooms.occupancy,
            bed_days: self.beds.occupancy,
        };
        // What today's work would have been without shortages, the need
        // expected tomorrow: work done at a share is scaled back up; work
        // stopped entirely is taken at its full level.
        let unscaled = |done: f64, share: f64, full: f64| {
            if share >= 1.0 {
                done
            } else if share > 0.0 {
                done / share
            } else {
                full
            }
        };
        // With no shortage since yesterday (every share 1) the need
        // expected is today's use: the same work.
        let full_shares = shares == SupplyShares::FULL;
        let demand = if full_shares {
            work
        } else {
            let full_samples = levels.sampling_staff * testing.samples_per_staff_per_day;
            Work {
                sampling_shifts: unscaled(
                    work.sampling_shifts,
                    shares.sampling,
                    levels.sampling_staff,
                ),
                samples: unscaled(work.samples, shares.sampling, full_samples),
                tracer_shifts: unscaled(work.tracer_shifts, shares.tracing, levels.tracers),
                grid_shifts: levels.grid_workers,
                ..work
            }
        };

        // Each kind of limited work gets the smallest cover of the items
        // it uses (1 when it uses none), taken in the order of the items.
        let mut next = SupplyShares::FULL;
        let scenario = Arc::clone(&self.scenario);
        for supply in Supply::ALL {
            let item = scenario.supplies.item(supply);
            let i = supply.index();
            let available = self.supply_stock[i] + item.resupply_per_day;
            let need = item.use_for(&work);
            let used = need.min(available);
            self.record_stock_needed(i, need, item);
            if need > available + 1e-9 || self.supply_limits[i] {
                self.bind(Capacity::of_supply(supply));
            }
            self.supply_stock[i] = (available - used).max(0.0);
            self.today[Series::supply_used(supply).index()] = used as f32;
            self.today[Series::supply_stock(supply).index()] = self.supply_stock[i] as f32;
            let need_tomorrow = if full_shares {
                need
            } else {
                item.use_for(&demand)
            };
            let mut cover = 1.0f64;
            if need_tomorrow > 0.0 {
                cover = ((self.supply_stock[i] + item.resupply_per_day) / need_tomorrow).min(1.0);
            }
            self.supply_limits[i] = cover < 1.0 && limits_staff(item);
            if item.per_sampling_shift > 0.0 || item.per_sample > 0.0 {
                next.sampling = next.sampling.min(cover);
            }
            if item.per_tracer_shift > 0.0 {
                next.tracing = next.tracing.min(cover);
            }
            if item.per_grid_shift > 0.0 {
                next.grid = next.grid.min(cover);
            }
        }
        self.supply_shares = next;
    }

    /// The smallest starting stock with which item `i` has not run out so
    /// far: today's use `need` fits in the stock and resupply (within the
    /// 1e-9 of the running-out rule) and, for an item that limits staff,
    /// the stock left with tomorrow's resupply covers today's use again
    /// (its cover stays 1; not on the last day, which has no tomorrow).
    fn record_stock_needed(&mut self, i: usize, need: f64, item: &crate::scenario::SupplyItem) {
        let deficit = self.supply_deficit[i] + need - item.resupply_per_day;
        self.supply_deficit[i] = deficit;
        let mut least = deficit - 1e-9;
        let last_day = self.day + 1 >= self.scenario.days;
        if limits_staff(item) && need > 0.0 && !last_day {
            least = least.max(deficit + need - item.resupply_per_day);
        }
        // Rounded up to whole units only when it is a new largest (the
        // recorded amount is whole already; `ceil` is a call on wasm32 and
        // on x86-64 without SSE4.1).
        let recorded = &mut self.summary.supply_stock_needed[i];
        if least > *recorded {
            *recorded = recorded.max(least.ceil());
        }
    }

    /// Laboratory tubes the supplies allow today: the stock and today's
    /// resupply of each item used per tube, divided by its use per tube
    /// (infinite when no item is used per tube).
    pub(super) fn tubes_supplied(&self) -> f64 {
        Supply::ALL
            .iter()
            .map(|&s| (s, self.scenario.supplies.item(s)))
            .filter(|(_, item)| item.per_test > 0.0)
            .map(|(s, item)| (self.supply_stock[s.index()] + item.resupply_per_day) / item.per_test)
            .fold(f64::INFINITY, f64::min)
    }
}

/// Whether an item's shortage cuts sampling, tracing or grid work.
fn limits_staff(item: &crate::scenario::SupplyItem) -> bool {
    item.per_sampling_shift > 0.0
        || item.per_sample > 0.0
        || item.per_tracer_shift > 0.0
        || item.per_grid_shift > 0.0
}

/// Staff shifts that did `done` units of work at `per_staff` units each, at
/// most the staff at work (all of them when a rate is not set).
fn shifts(done: f64, per_staff: f64, staff: f64) -> f64 {
    if done <= 0.0 {
        0.0
    } else if per_staff > 0.0 {
        (done / per_staff).min(staff)
    } else {
        staff
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_and_shifts() {
        assert_eq!(scaled(f64::INFINITY, 1.0), f64::INFINITY);
        assert_eq!(scaled(f64::INFINITY, 0.0), 0.0);
        assert_eq!(scaled(200.0, 0.25), 50.0);
        assert_eq!(shifts(0.0, 300.0, 10.0), 0.0);
        assert_eq!(shifts(1_500.0, 300.0, 10.0), 5.0);
        assert_eq!(
            shifts(6_000.0, 300.0, 10.0),
            10.0,
            "at most the staff at work"
        );
        assert_eq!(shifts(3.0, 0.0, 7.0), 7.0);
    }
}
