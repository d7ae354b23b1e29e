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
use crate::scenario::{Supplies, Supply, SupplyItem, Work, SUPPLY_COUNT};

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

/// Kinds of work an item is used for, in the order of [`SupplyItem::use_for`].
const WORK_KINDS: usize = 8;

/// A day's work as the rates take it, in the order of [`SupplyItem::use_for`].
fn work_amounts(work: &Work) -> [f64; WORK_KINDS] {
    [
        work.checkpoint_shifts,
        work.sampling_shifts,
        work.tracer_shifts,
        work.grid_shifts,
        work.samples,
        work.tests,
        work.room_days,
        work.bed_days,
    ]
}

/// One item's figures as the day needs them (its rates are in
/// [`SupplyTable::rates`]).
#[derive(Clone, Copy, Debug)]
struct ItemRow {
    supply: Supply,
    resupply: f64,
    /// Used per laboratory tube tested.
    per_test: f64,
    /// Used per sampling shift or per sample.
    sampling: bool,
    /// Used per tracer shift.
    tracing: bool,
    /// Used per grid-worker day.
    grid: bool,
    /// Its shortage cuts sampling, tracing or grid work.
    limits_staff: bool,
}

/// The supply items of a scenario, taken once per run (and again when a
/// drill changes the scenario), so that the day reads plain arrays.
#[derive(Clone, Debug)]
pub(super) struct SupplyTable {
    items: [ItemRow; SUPPLY_COUNT],
    /// Each kind of work's rate for every item (kinds in the order of
    /// [`work_amounts`], items in the order of [`Supply::ALL`]).
    rates: [[f64; SUPPLY_COUNT]; WORK_KINDS],
}

impl SupplyTable {
    pub(super) fn new(supplies: &Supplies) -> SupplyTable {
        let items = Supply::ALL.map(|supply| supplies.item(supply));
        let rates_of = |item: &SupplyItem| {
            [
                item.per_checkpoint_shift,
                item.per_sampling_shift,
                item.per_tracer_shift,
                item.per_grid_shift,
                item.per_sample,
                item.per_test,
                item.per_room_day,
                item.per_bed_day,
            ]
        };
        let mut rates = [[0.0; SUPPLY_COUNT]; WORK_KINDS];
        for (i, item) in items.iter().enumerate() {
            for (k, rate) in rates_of(item).into_iter().enumerate() {
                rates[k][i] = rate;
            }
        }
        SupplyTable {
            items: Supply::ALL.map(|supply| {
                let item = supplies.item(supply);
                ItemRow {
                    supply,
                    resupply: item.resupply_per_day,
                    per_test: item.per_test,
                    sampling: item.per_sampling_shift > 0.0 || item.per_sample > 0.0,
                    tracing: item.per_tracer_shift > 0.0,
                    grid: item.per_grid_shift > 0.0,
                    limits_staff: limits_staff(item),
                }
            }),
            rates,
        }
    }

    /// What `work` uses of each item: [`SupplyItem::use_for`] of every
    /// item, the same sums in the same order. A rate of zero adds `-0.0`,
    /// which leaves any sum as it is (so nothing, not even `0 × ∞`, as
    /// `use_for` skips it); the items' sums are independent, so they are
    /// added side by side.
    fn uses(&self, work: &[f64; WORK_KINDS]) -> [f64; SUPPLY_COUNT] {
        let mut sums = [-0.0f64; SUPPLY_COUNT];
        for (rates, &amount) in self.rates.iter().zip(work) {
            for (sum, &rate) in sums.iter_mut().zip(rates) {
                *sum += if rate > 0.0 { rate * amount } else { -0.0 };
            }
        }
        sums
    }
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
        let needs = self.supply_table.uses(&work_amounts(&work));
        let needs_tomorrow = if full_shares {
            needs
        } else {
            self.supply_table.uses(&work_amounts(&demand))
        };
        let last_day = self.day + 1 >= self.scenario.days;

        // Each kind of limited work gets the smallest cover of the items
        // it uses (1 when it uses none), taken in the order of the items.
        let mut next = SupplyShares::FULL;
        for i in 0..SUPPLY_COUNT {
            let item = self.supply_table.items[i];
            let available = self.supply_stock[i] + item.resupply;
            let need = needs[i];
            let used = need.min(available);
            self.record_stock_needed(i, need, &item, last_day);
            if need > available + 1e-9 || self.supply_limits[i] {
                self.bind(Capacity::of_supply(item.supply));
            }
            let stock = (available - used).max(0.0);
            self.supply_stock[i] = stock;
            self.today[Series::supply_used(item.supply).index()] = used as f32;
            self.today[Series::supply_stock(item.supply).index()] = stock as f32;
            let need_tomorrow = needs_tomorrow[i];
            // The cover is 1 when the stock with tomorrow's resupply holds
            // the need (correctly rounded division keeps `a ≥ b` as `a/b ≥ 1`).
            let on_hand = stock + item.resupply;
            let cover = if need_tomorrow > 0.0 && on_hand < need_tomorrow {
                (on_hand / need_tomorrow).min(1.0)
            } else {
                1.0
            };
            self.supply_limits[i] = cover < 1.0 && item.limits_staff;
            if item.sampling {
                next.sampling = next.sampling.min(cover);
            }
            if item.tracing {
                next.tracing = next.tracing.min(cover);
            }
            if item.grid {
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
    fn record_stock_needed(&mut self, i: usize, need: f64, item: &ItemRow, last_day: bool) {
        let deficit = self.supply_deficit[i] + need - item.resupply;
        self.supply_deficit[i] = deficit;
        let mut least = deficit - 1e-9;
        if item.limits_staff && need > 0.0 && !last_day {
            least = least.max(deficit + need - item.resupply);
        }
        // Rounded up to whole units only when it is a new largest (the
        // recorded amount is whole already).
        let recorded = &mut self.summary.supply_stock_needed[i];
        if least > *recorded {
            *recorded = recorded.max(ceil(least));
        }
    }

    /// Laboratory tubes the supplies allow today: the stock and today's
    /// resupply of each item used per tube, divided by its use per tube
    /// (infinite when no item is used per tube).
    pub(super) fn tubes_supplied(&self) -> f64 {
        let mut tubes = f64::INFINITY;
        for (item, stock) in self.supply_table.items.iter().zip(&self.supply_stock) {
            if item.per_test > 0.0 {
                tubes = tubes.min((stock + item.resupply) / item.per_test);
            }
        }
        tubes
    }
}

/// `x.ceil()`, without calling the library's `ceil` for a positive `x`
/// below 2^52 (a call on x86-64 without SSE4.1, which saves and restores
/// every register around it): there truncation is exact, and the next
/// whole number up is one more.
fn ceil(x: f64) -> f64 {
    const EXACT: f64 = 4_503_599_627_370_496.0; // 2^52
    if x > 0.0 && x < EXACT {
        let whole = x as u64 as f64;
        if whole < x {
            whole + 1.0
        } else {
            whole
        }
    } else {
        x.ceil()
    }
}

/// Whether an item's shortage cuts sampling, tracing or grid work.
fn limits_staff(item: &SupplyItem) -> bool {
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
    use proptest::prelude::*;

    fn rate() -> impl Strategy<Value = f64> {
        prop_oneof![Just(0.0), 0.0..10.0f64]
    }

    fn amount() -> impl Strategy<Value = f64> {
        prop_oneof![Just(0.0), Just(f64::INFINITY), 0.0..1e6f64]
    }

    proptest! {
        #[test]
        fn ceil_is_the_librarys(x in prop_oneof![
            -1e6..1e6f64,
            0.0..4.0f64,
            1e15..1e17f64,
            Just(4_503_599_627_370_495.5),
            Just(0.0),
            Just(-0.0),
            Just(f64::INFINITY),
            Just(f64::MIN_POSITIVE),
        ]) {
            prop_assert_eq!(ceil(x).to_bits(), x.ceil().to_bits());
            let whole = x.floor();
            prop_assert_eq!(ceil(whole).to_bits(), whole.ceil().to_bits());
        }

        /// The table's use is the item's own, bit for bit (the item's rates
        /// are its one definition; the table only reads them once).
        #[test]
        fn table_use_is_the_items_use(
            rates in prop::array::uniform8(rate()),
            amounts in prop::array::uniform8(amount()),
        ) {
            let item = SupplyItem {
                stock: 1.0,
                resupply_per_day: 2.0,
                per_checkpoint_shift: rates[0],
                per_sampling_shift: rates[1],
                per_tracer_shift: rates[2],
                per_grid_shift: rates[3],
                per_sample: rates[4],
                per_test: rates[5],
                per_room_day: rates[6],
                per_bed_day: rates[7],
            };
            let work = Work {
                checkpoint_shifts: amounts[0],
                sampling_shifts: amounts[1],
                tracer_shifts: amounts[2],
                grid_shifts: amounts[3],
                samples: amounts[4],
                tests: amounts[5],
                room_days: amounts[6],
                bed_days: amounts[7],
            };
            let mut supplies = Supplies::default();
            *supplies.item_mut(Supply::Gloves) = item;
            let table = SupplyTable::new(&supplies);
            let uses = table.uses(&work_amounts(&work));
            for supply in Supply::ALL {
                let expected = supplies.item(supply).use_for(&work);
                prop_assert_eq!(uses[supply.index()].to_bits(), expected.to_bits());
            }
            let row = &table.items[Supply::Gloves.index()];
            prop_assert_eq!(row.per_test, item.per_test);
            prop_assert_eq!(row.limits_staff, limits_staff(&item));
        }
    }

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
