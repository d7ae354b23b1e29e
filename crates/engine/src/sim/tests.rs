//! Tests of one run: injected arrivals at the checkpoint and drill-mode
//! stepping. (The digest and known answers are in `tests/known_answers.rs`.)

use super::*;
use crate::scenario::{QuarantinePlace, Supply};
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

/// Secondary contacts stay their own number of days; absent, as many as
/// close contacts (so files made before the field existed mean the same).
#[test]
fn secondary_contacts_keep_their_own_quarantine_days() {
    let mut s = crate::presets::rail_traveller();
    s.days = 40;
    s.timeline = vec![TimelineEvent {
        day: 0,
        change: Change::LocalInfection { count: 20 },
    }];
    let person_days = |s: &Scenario| {
        (0..5)
            .map(|run| {
                Simulation::new(s, run)
                    .unwrap()
                    .run_to_end()
                    .summary
                    .quarantine_person_days
            })
            .sum::<f64>()
    };
    let same = person_days(&s);
    let mut explicit = s.clone();
    explicit.quarantine.secondary_contact_days = Some(s.quarantine.days);
    assert_eq!(person_days(&explicit), same);
    let mut shorter = s.clone();
    shorter.quarantine.secondary_contact_days = Some(7);
    assert!(
        person_days(&shorter) < same,
        "7 days of 14 for secondary contacts"
    );
}

/// The holiday wave, short: 3 runs of the first 20 days.
fn holiday_wave() -> Scenario {
    let mut s = crate::presets::holiday_return();
    s.runs = 3;
    s.days = 20;
    s
}

#[test]
fn fixing_the_highway_clears_its_verdict_not_the_coach_stations() {
    let short = crate::run_all(&holiday_wave()).unwrap();
    let (coach, highway) = (&short.gateways[1], &short.gateways[2]);
    assert_eq!(highway.kind, crate::scenario::GatewayKind::HighwayExit);
    assert_eq!(highway.p_short, 1.0);
    assert_eq!(coach.p_short, 1.0);
    assert!(highway.median_first_short_day.is_some());
    // The queue cap waves travellers through, and they are counted.
    assert!(highway.unchecked_by_cap.p50 > 0.0);
    assert!(highway.peak_hour_wait_minutes.p50 >= highway.max_mean_wait_minutes.p50);
    assert!(highway.peak_hour_wait_minutes.p95 >= highway.peak_hour_wait_minutes.p50);
    let band = highway.band(GatewaySeries::UncheckedByCap);
    assert_eq!(band.p50.len(), 20);
    assert!(band.p50[8] > 0.0, "the wave's plateau is overloaded");

    // Triple the highway exits' posts and staff: the highway is no longer
    // short; the coach stations are, and so is the city's checkpoint verdict.
    let mut fixed = holiday_wave();
    fixed.gateways[2].checkpoint.posts = 66;
    fixed.gateways[2].checkpoint.staff_per_shift = 66;
    let fixed = crate::run_all(&fixed).unwrap();
    assert_eq!(fixed.gateways[2].p_short, 0.0);
    assert_eq!(fixed.gateways[2].unchecked_by_cap.p95, 0.0);
    assert_eq!(fixed.gateways[1].p_short, 1.0);
    let city = &fixed.summary.capacities[Capacity::Checkpoint.index()];
    assert_eq!(city.p_exceeded, 1.0);

    // Staff without posts change nothing (the scenario warns instead).
    let mut staff_only = holiday_wave();
    staff_only.gateways[2].checkpoint.staff_per_shift = 66;
    let staff_only = crate::run_all(&staff_only).unwrap();
    assert_eq!(staff_only.gateways[2], short.gateways[2]);
}

#[test]
fn a_bigger_wave_waves_more_through_the_cap() {
    let base = crate::run_all(&holiday_wave()).unwrap();
    let mut bigger = holiday_wave();
    for point in &mut bigger.gateways[2].profile {
        point.multiplier *= 1.5;
    }
    let bigger = crate::run_all(&bigger).unwrap();
    let (a, b) = (&base.gateways[2], &bigger.gateways[2]);
    assert!(b.unchecked_by_cap.p50 > a.unchecked_by_cap.p50 + 1.0);
    // The mean wait is held by the cap; the unchecked count is not.
    assert!(b.max_mean_wait_minutes.p50 < a.max_mean_wait_minutes.p50 + 30.0);
}

#[test]
fn infected_travellers_unchecked_are_counted_per_gateway() {
    // 50 infected travellers at the rail station, unnoticed: all unchecked there.
    let s = injected(true);
    let outcome = Simulation::new(&s, 0).unwrap().run_to_end();
    let g = &outcome.summary.gateways[0];
    assert_eq!(g.infected_arrivals, outcome.summary.infected_arrivals);
    assert!(g.infected_unchecked >= 50);
    let day0 = outcome
        .gateway_day(0, 0)
        .expect("the rail station on day 1");
    assert!(day0[GatewaySeries::InfectedUnchecked.index()] >= 50.0);
    // Seen travellers are mostly checked.
    let seen = Simulation::new(&injected(false), 0).unwrap().run_to_end();
    assert!(seen.summary.gateways[0].infected_unchecked < 25);
}

/// Supplies with no stock and no use: nothing is tracked but what a test sets.
fn no_supplies() -> crate::scenario::Supplies {
    let none = crate::scenario::SupplyItem::default();
    crate::scenario::Supplies {
        masks: none,
        protective_suits: none,
        goggles: none,
        gloves: none,
        disinfectant_litres: none,
        swabs: none,
        reagent: none,
    }
}

/// A city with nothing but routine screening: 20,000 people a day in
/// 10-in-1 pools (2,000 tubes a day), 10,000 grid workers, no arrivals and
/// no infections, so every day's work is known.
fn screening_only() -> Scenario {
    let mut s = Scenario {
        days: 8,
        runs: 1,
        gateways: Vec::new(),
        initial_infections: 0,
        ..Scenario::default()
    };
    s.testing.mass_testing.enabled = false;
    s.community.grid_workers = 10_000;
    s.supplies = no_supplies();
    s
}

fn series(outcome: &RunOutcome, series: Series) -> Vec<f32> {
    outcome.daily.iter().map(|d| d[series.index()]).collect()
}

#[test]
fn reagent_runs_out_on_the_computed_day_and_the_laboratory_stops() {
    let mut s = screening_only();
    s.supplies.reagent.stock = 5_000.0;
    s.supplies.reagent.per_test = 1.0;
    let run = Simulation::new(&s, 0).unwrap().run_to_end();
    // 2,000 tubes a day: 5,000 cover two days and half of the third.
    assert_eq!(
        series(&run, Series::ReagentUsed)[..5],
        [2_000.0, 2_000.0, 1_000.0, 0.0, 0.0]
    );
    assert_eq!(
        series(&run, Series::ReagentStock)[..4],
        [3_000.0, 1_000.0, 0.0, 0.0]
    );
    let bind = &run.summary.first_bind_day;
    assert_eq!(bind[Capacity::Reagent.index()], Some(2));
    assert_eq!(bind[Capacity::Testing.index()], Some(2), "tubes wait");
    assert_eq!(
        series(&run, Series::TestsDone)[..4],
        [2_000.0, 2_000.0, 1_000.0, 0.0]
    );
    assert_eq!(series(&run, Series::TestBacklog)[3], 3_000.0);
    assert_eq!(series(&run, Series::TestsCapacity)[3], 0.0);
    for supply in Supply::ALL {
        if supply != Supply::Reagent {
            assert_eq!(bind[Capacity::of_supply(supply).index()], None);
        }
    }
}

#[test]
fn swabs_running_out_stop_screening_down_to_the_resupply() {
    let mut s = screening_only();
    s.supplies.swabs.stock = 50_000.0;
    s.supplies.swabs.resupply_per_day = 5_000.0;
    s.supplies.swabs.per_sample = 1.0;
    let run = Simulation::new(&s, 0).unwrap().run_to_end();
    // 20,000 people a day against 50,000 + 5,000 a day: short on day 3.
    assert_eq!(
        series(&run, Series::SwabsStock)[..4],
        [35_000.0, 20_000.0, 5_000.0, 0.0]
    );
    assert_eq!(run.summary.first_bind_day[Capacity::Swabs.index()], Some(3));
    // From day 4 on, screening samples what the day's resupply covers.
    let used = series(&run, Series::SwabsUsed);
    assert_eq!(used[..4], [20_000.0, 20_000.0, 20_000.0, 10_000.0]);
    assert!(used[4..].iter().all(|&u| u == 5_000.0), "{used:?}");
    let tubes = series(&run, Series::TestsNeeded);
    assert_eq!(tubes[0], 2_000.0);
    assert!(tubes[4..].iter().all(|&t| t == 500.0), "{tubes:?}");
}

#[test]
fn grid_workers_without_masks_do_not_work() {
    let mut s = screening_only();
    s.supplies.masks.stock = 25_000.0;
    s.supplies.masks.per_grid_shift = 1.0;
    let mut sim = Simulation::new(&s, 0).unwrap();
    for _ in 0..3 {
        sim.step();
    }
    assert_eq!(
        sim.summary().first_bind_day[Capacity::Masks.index()],
        Some(2)
    );
    assert_eq!(sim.supply_shares.grid, 0.0);
    sim.step();
    let run = sim.run_to_end();
    assert_eq!(
        series(&run, Series::MasksUsed)[..5],
        [10_000.0, 10_000.0, 5_000.0, 0.0, 0.0]
    );
}

#[test]
fn the_example_city_does_not_run_short_and_supplies_change_nothing_else() {
    let s = Scenario {
        runs: 24,
        ..Scenario::default()
    };
    let mut untracked = s.clone();
    untracked.supplies = no_supplies();
    let first_supply_series = Series::MasksStock.index();
    for run in 0..s.runs {
        let mut with = crate::Batch::new(&s).unwrap().run(run);
        let without = crate::Batch::new(&untracked).unwrap().run(run);
        for supply in Supply::ALL {
            assert_eq!(
                with.summary.first_bind_day[Capacity::of_supply(supply).index()],
                None,
                "run {run}: {supply:?} ran out"
            );
        }
        // The stock each item needs is about supplies only (none without).
        assert_eq!(without.summary.supply_stock_needed, [0.0; SUPPLY_COUNT]);
        with.summary.supply_stock_needed = without.summary.supply_stock_needed;
        assert_eq!(with.summary, without.summary, "run {run}");
        for (a, b) in with.daily.iter().zip(&without.daily) {
            assert_eq!(a[..first_supply_series], b[..first_supply_series]);
        }
    }
}

#[test]
fn ten_days_of_stock_without_resupply_run_out_in_an_ordinary_fortnight() {
    // Every item stocked for 10 days at full load and never resupplied:
    // ordinary days (checkpoints, grid workers, screening, arrivals in
    // quarantine) use 60 to 75 % of full load of masks, so masks run out in
    // the third week, and the grid workers stop.
    let mut s = Scenario {
        days: 30,
        ..Scenario::default()
    };
    let full = s.full_load_work();
    for supply in Supply::ALL {
        let item = match supply {
            Supply::Masks => &mut s.supplies.masks,
            Supply::ProtectiveSuits => &mut s.supplies.protective_suits,
            Supply::Goggles => &mut s.supplies.goggles,
            Supply::Gloves => &mut s.supplies.gloves,
            Supply::DisinfectantLitres => &mut s.supplies.disinfectant_litres,
            Supply::Swabs => &mut s.supplies.swabs,
            Supply::Reagent => &mut s.supplies.reagent,
        };
        item.stock = 10.0 * item.use_for(&full);
        item.resupply_per_day = 0.0;
    }
    for supply in Supply::ALL {
        assert!((s.days_of_stock_at_full_load(supply).unwrap() - 10.0).abs() < 1e-9);
    }
    let mut sim = Simulation::new(&s, 0).unwrap();
    while sim.summary().first_bind_day[Capacity::Masks.index()].is_none() && !sim.finished() {
        sim.step();
    }
    let day = sim.summary().first_bind_day[Capacity::Masks.index()].unwrap();
    assert!((13..=17).contains(&day), "masks ran out on day {day}");
    sim.step();
    assert!(sim.supply_shares.grid < 0.5, "{:?}", sim.supply_shares);
}

/// A city with no measures and no imports, seeded with `seeds` cases.
fn bare(seeds: u32, days: u32) -> Scenario {
    let mut s = crate::presets::no_measures(seeds);
    s.days = days;
    s.infection_limit = 100_000_000;
    s
}

/// The initial infections are new infections of day 0, like the same seeds
/// given as a local infection on day 0 of the timeline.
#[test]
fn initial_infections_count_on_day_zero() {
    let mut s = bare(20, 10);
    let outcome = Simulation::new(&s, 0).unwrap().run_to_end();
    let local = Series::LocalInfections.index();
    assert_eq!(outcome.daily[0][local], 20.0);
    let series_total: f32 = outcome.daily.iter().map(|d| d[local]).sum();
    assert_eq!(series_total, outcome.summary.local_infections as f32);
    assert_eq!(
        outcome.daily[9][Series::CumulativeLocal.index()],
        series_total
    );
    s.initial_infections = 0;
    s.timeline = vec![TimelineEvent {
        day: 0,
        change: Change::LocalInfection { count: 20 },
    }];
    let injected = Simulation::new(&s, 0).unwrap().run_to_end();
    assert_eq!(injected.daily[0][local], 20.0);
}

/// Offspring are drawn once per case and thinned on their day; with no
/// measures and no depletion nothing is thinned, so a case's offspring over
/// its lifetime are negative binomial with mean R0 and dispersion k, as
/// when they were drawn day by day: P(0) = (1 + R0/k)^-k.
#[test]
fn offspring_over_a_lifetime_are_negative_binomial() {
    let seeds = 20_000;
    let mut s = bare(seeds, 20);
    s.city.population = 100_000_000;
    s.epidemiology.r0 = 2.3;
    s.epidemiology.dispersion_k = 0.5;
    s.epidemiology.household_share = 0.0;
    s.epidemiology.susceptible_depletion = false;
    // Every seed's offspring fall on days 5 to 15, inside the horizon.
    s.epidemiology.generation_interval = crate::dist::Delay::Gamma {
        mean: 10.0,
        sd: 1.0,
    };
    let mut sim = Simulation::new(&s, 0).unwrap();
    assert!(sim.plan.generation_weights.len() < 20);
    while !sim.finished() {
        sim.step();
    }
    let children: Vec<f64> = sim.cases[..seeds as usize]
        .iter()
        .map(|c| f64::from(c.children))
        .collect();
    let n = f64::from(seeds);
    let mean = children.iter().sum::<f64>() / n;
    let zero_share = children.iter().filter(|&&c| c == 0.0).count() as f64 / n;
    let (r, k) = (2.3, 0.5);
    let variance = r + r * r / k;
    let zero = libm::pow(1.0 + r / k, -k);
    // Four standard errors of each estimate.
    assert!(
        (mean - r).abs() < 4.0 * (variance / n).sqrt(),
        "mean offspring {mean:.4}, want {r}"
    );
    assert!(
        (zero_share - zero).abs() < 4.0 * (zero * (1.0 - zero) / n).sqrt(),
        "no offspring {zero_share:.4}, want {zero:.4}"
    );
}

/// Runs where nobody is ever found but through tracing: every case
/// asymptomatic, no fever clinic, screening or sweeps. On day 12 the local
/// case with the most infected contacts (and an infector) is found by hand;
/// after ten more days, `found` counts the people found through it. Over
/// four runs. Tracing runs after the day's last pass of events, so the
/// samples it asks for today are taken tomorrow: before that rule they were
/// lost and these counts were zero.
fn found_through_tracing(
    edit: impl Fn(&mut Scenario),
    found: impl Fn(&Simulation, u32) -> u32,
) -> u32 {
    let mut s = bare(10, 30);
    s.epidemiology.asymptomatic_share = 1.0;
    s.testing.unlimited = true;
    s.tracing.enabled = true;
    s.tracing.unlimited = true;
    s.tracing.household_find_probability = 1.0;
    s.tracing.other_find_probability = 1.0;
    s.quarantine.unlimited_rooms = true;
    edit(&mut s);
    (0..4)
        .map(|run| {
            let mut sim = Simulation::new(&s, run).unwrap();
            for _ in 0..12 {
                sim.step();
            }
            let id = (0..sim.cases.len() as u32)
                .filter(|&i| sim.cases[i as usize].infector != case::NONE)
                .max_by_key(|&i| sim.cases[i as usize].children)
                .unwrap();
            assert!(sim.cases[id as usize].children >= 2, "run {run}");
            sim.detect(id, true);
            for _ in 0..10 {
                sim.step();
            }
            found(&sim, id)
        })
        .sum()
}

/// Infected contacts of a case found by tracing and since detected.
fn contacts_detected(sim: &Simulation, id: u32) -> u32 {
    let mut count = 0;
    let mut child = sim.cases[id as usize].first_child;
    while child != case::NONE {
        let c = &sim.cases[child as usize];
        if c.detected_day.is_some() {
            count += 1;
        }
        child = c.next_sibling;
    }
    count
}

#[test]
fn a_test_on_the_first_day_of_quarantine_detects_contacts() {
    let found = found_through_tracing(|s| s.quarantine.test_days = vec![0], contacts_detected);
    assert!(found > 0);
}

#[test]
fn tracing_without_quarantine_tests_the_contacts() {
    let found = found_through_tracing(
        |s| s.quarantine.close_contacts = QuarantinePlace::None,
        contacts_detected,
    );
    assert!(found > 0);
}

#[test]
fn finding_the_source_tests_it() {
    let found = found_through_tracing(
        |s| {
            s.quarantine.close_contacts = QuarantinePlace::None;
            s.tracing.household_find_probability = 0.0;
            s.tracing.other_find_probability = 0.0;
            s.tracing.source_find_probability = 1.0;
        },
        |sim, id| {
            let infector = sim.cases[id as usize].infector;
            u32::from(sim.cases[infector as usize].detected_day.is_some())
        },
    );
    assert!(found > 0);
}

/// The count at large, kept as statuses change, is the count of the cases
/// within their generation interval in the community or home quarantine,
/// every day: here with a seed whose centralised quarantine ends on the
/// very day its generation interval does.
#[test]
fn the_count_at_large_follows_the_statuses() {
    let mut s = bare(5, 40);
    s.quarantine.unlimited_rooms = true;
    let mut sim = Simulation::new(&s, 0).unwrap();
    sim.step();
    let gi_len = sim.plan.generation_weights.len() as i64;
    assert!(gi_len < 40);
    let until_window_ends = gi_len as u32 - sim.day();
    sim.quarantine_case_for(0, QuarantinePlace::Centralised, until_window_ends);
    while !sim.finished() {
        sim.step();
        // The day just recorded.
        let today = i64::from(sim.day()) - 1;
        let counted = sim
            .cases
            .iter()
            .filter(|c| today < c.infected_day + gi_len && Simulation::counts_at_large(c.status))
            .count() as u32;
        assert_eq!(sim.infectious_at_large(), counted, "day {today}");
    }
}
