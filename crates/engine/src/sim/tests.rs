//! Tests of one run: injected arrivals at the checkpoint and drill-mode
//! stepping. (The digest and known answers are in `tests/known_answers.rs`.)

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
    let day0 = &outcome.gateway_daily[0][0];
    assert!(day0[GatewaySeries::InfectedUnchecked.index()] >= 50.0);
    // Seen travellers are mostly checked.
    let seen = Simulation::new(&injected(false), 0).unwrap().run_to_end();
    assert!(seen.summary.gateways[0].infected_unchecked < 25);
}
