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
