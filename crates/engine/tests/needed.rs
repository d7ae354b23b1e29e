//! "How much is needed" against a scan: the rooms needed in 95 % of the
//! holiday-return runs, set as the city's rooms, leave at most 5 % of the
//! same runs short of rooms, and one room fewer leaves more than 5 % short.
//! The same seed and runs throughout (common random numbers), so the check
//! is exact, not statistical.

use cordon_engine::*;

/// Share of runs in which quarantine rooms ran out.
fn share_short_of_rooms(scenario: &Scenario) -> f64 {
    run_all(scenario).unwrap().summary.p_quarantine_exceeded
}

#[test]
fn rooms_needed_in_95_percent_of_runs_holds_against_a_scan() {
    let mut scenario = presets::holiday_return();
    scenario.runs = 1_000;
    let batch = Batch::new(&scenario).unwrap();
    let unlimited = batch.unlimited().run_range(0..scenario.runs);
    let needed = needed(&scenario, &unlimited);
    assert_eq!(needed.runs, 1_000);
    let rooms = needed.rooms.p95;
    assert!(rooms >= needed.rooms.p90, "{needed:?}");
    assert!(rooms > 0.0 && rooms.fract() == 0.0, "{rooms}");
    println!(
        "holiday-return, {} runs, seed {}: rooms needed in 90 % of runs {}, in 95 % {}",
        scenario.runs, scenario.seed, needed.rooms.p90, rooms
    );

    scenario.quarantine.rooms = rooms as u32;
    let at = share_short_of_rooms(&scenario);
    scenario.quarantine.rooms = rooms as u32 - 1;
    let below = share_short_of_rooms(&scenario);
    println!("short of rooms with {rooms}: {at}; with one fewer: {below}");
    assert!(at <= 0.05, "{rooms} rooms: {at} of runs short");
    assert!(below > 0.05, "{} rooms: {below} of runs short", rooms - 1.0);

    // And at 90 %: at most 10 % short, more a room below.
    scenario.quarantine.rooms = needed.rooms.p90 as u32;
    assert!(share_short_of_rooms(&scenario) <= 0.10);
    scenario.quarantine.rooms = needed.rooms.p90 as u32 - 1;
    assert!(share_short_of_rooms(&scenario) > 0.10);
}
