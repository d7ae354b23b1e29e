//! Decision tools at their boundaries: levers and outcomes, paired
//! differences, the tornado, the optimiser against a plain scan, and sweeps
//! (shards merge into the unsharded result; merge refuses bad shard sets).

use cordon_engine::decide::optimise::Request;
use cordon_engine::decide::{
    merge, optimise, tornado, Costs, DecideError, ItemResult, Lever, LeverKind, LeverRange,
    MergeError, OptimiseSpec, OptimiseStatus, Optimiser, Outcome, Sample, Shard, ShardFile, Side,
    Step, SweepResult, SweepSpec, Target, TornadoRun, TornadoSpec, LEVERS,
};
use cordon_engine::{fields, presets, Capacity, Scenario};

/// The example city with fewer runs (the properties hold; tests stay quick).
fn city(runs: u32) -> Scenario {
    Scenario {
        runs,
        ..presets::example_city()
    }
}

fn rooms_exceeded() -> Outcome {
    Outcome::Exceeded(Capacity::QuarantineRooms)
}

#[test]
fn every_lever_is_a_count_field_of_the_registry_and_names_round_trip() {
    let scenario = presets::example_city();
    for def in LEVERS {
        let field = def.field();
        assert_eq!(field.path, def.path, "{}", def.name);
        assert_eq!(field.kind, fields::Kind::Count, "{}", def.name);
        assert_eq!(field.scope == fields::Scope::Gateway, def.per_gateway);
    }
    let levers = Lever::all(&scenario);
    // Three gateways' checkpoint staff and six city-wide levers.
    assert_eq!(levers.len(), 3 + LEVERS.len() - 1);
    for lever in levers {
        let name = lever.to_string();
        assert_eq!(name.parse::<Lever>().unwrap(), lever);
        assert_eq!(lever.field_id().parse::<Lever>().unwrap(), lever, "{name}");
        assert!(lever.get(&scenario).is_some(), "{name}");
    }
    for bad in [
        "rooms[0]",
        "checkpoint_staff",
        "checkpoint_staff[x]",
        "city.population",
        "nope",
    ] {
        assert!(
            matches!(bad.parse::<Lever>(), Err(DecideError::UnknownLever { .. })),
            "{bad}"
        );
    }
    assert!(Lever::checkpoint_staff(7).check(&scenario).is_err());
    for outcome in Outcome::all(&scenario) {
        assert_eq!(outcome.to_string().parse::<Outcome>().unwrap(), outcome);
    }
    // The comparison table's keys read too.
    assert_eq!(
        "local_infections_mean".parse::<Outcome>().unwrap(),
        Outcome::MeanLocalInfections
    );
    assert_eq!(
        "p_any_capacity_exceeded".parse::<Outcome>().unwrap(),
        Outcome::AnyExceeded
    );
    for bad in ["p_exceeded.nothing", "wait_p95[", "contained"] {
        assert!(bad.parse::<Outcome>().is_err(), "{bad}");
    }
}

#[test]
fn raising_checkpoint_staff_raises_posts_to_match() {
    let mut scenario = presets::example_city();
    let lever = Lever::checkpoint_staff(2);
    let posts = scenario.gateways[2].checkpoint.posts;
    lever.set(&mut scenario, f64::from(posts + 5)).unwrap();
    assert_eq!(scenario.gateways[2].checkpoint.staff_per_shift, posts + 5);
    assert_eq!(scenario.gateways[2].checkpoint.posts, posts + 5);
    // Going down leaves the posts.
    lever.set(&mut scenario, 1.0).unwrap();
    assert_eq!(scenario.gateways[2].checkpoint.posts, posts + 5);
    // A value outside the registry's range is refused.
    assert!(Lever::city(LeverKind::QuarantineRooms)
        .set(&mut scenario, -1.0)
        .is_err());
}

#[test]
fn paired_differences_are_far_tighter_than_unpaired_and_identical_plans_differ_by_zero() {
    // The issue's question: half the grid workers redeployed.
    let base = city(300);
    let mut fewer = base.clone();
    fewer.community.grid_workers /= 2;
    for outcome in [Outcome::MeanLocalInfections, Outcome::Contained] {
        let a = Sample::run(&base, &outcome, 0..base.runs).unwrap();
        let b = Sample::run(&fewer, &outcome, 0..base.runs).unwrap();
        let paired = a.paired_difference(&b).unwrap();
        let unpaired =
            (a.standard_error().unwrap().powi(2) + b.standard_error().unwrap().powi(2)).sqrt();
        let se = paired.standard_error.unwrap();
        assert!(
            se * 3.0 < unpaired,
            "{outcome}: paired standard error {se} vs unpaired {unpaired} ({paired:?})"
        );
    }
    let outcome = rooms_exceeded();
    let a = Sample::run(&base, &outcome, 0..base.runs).unwrap();
    let same = a.paired_difference(&a.clone()).unwrap();
    assert_eq!(same.change, 0.0);
    assert_eq!(same.standard_error, Some(0.0));
    // Samples of other runs do not pair.
    let other = Sample::run(&base, &outcome, 1..base.runs + 1).unwrap();
    assert!(a.paired_difference(&other).is_none());
    // Parts computed by workers join into the whole.
    let parts = vec![
        Sample::run(&base, &outcome, 100..base.runs).unwrap(),
        Sample::run(&base, &outcome, 0..100).unwrap(),
    ];
    assert_eq!(Sample::join(parts).unwrap(), a);
}

#[test]
fn tornado_step_by_step_equals_tasks_computed_elsewhere() {
    let scenario = city(150);
    let spec = TornadoSpec {
        outcome: rooms_exceeded(),
        step: Step::Percent(20.0),
        levers: vec![
            Lever::city(LeverKind::QuarantineRooms),
            Lever::city(LeverKind::HospitalBeds),
            Lever::checkpoint_staff(2),
        ],
        runs: None,
    };
    let whole = tornado(&scenario, &spec).unwrap();
    assert_eq!((whole.done, whole.total), (7, 7));
    assert_eq!(whole.runs_used, 7 * 150);
    let rooms = &whole.rows[0];
    assert_eq!(rooms.lever, Lever::city(LeverKind::QuarantineRooms));
    let down = rooms.down.as_ref().unwrap();
    let up = rooms.up.as_ref().unwrap();
    assert_eq!((down.side, down.value), (Side::Down, 2_956.0));
    assert_eq!((up.side, up.value), (Side::Up, 4_434.0));
    assert!(down.difference.change > 0.0 && up.difference.change <= 0.0);
    assert_eq!(down.units_added, -739.0);
    // Per added room (the up side), and per room taken away: fewer rooms
    // run out more often.
    assert_eq!(rooms.per_unit, Some(up.difference.change / 739.0 + 0.0));
    assert_eq!(
        rooms.gain_per_unit,
        Some(-up.difference.change / 739.0 + 0.0)
    );
    assert_eq!(
        rooms.per_unit_removed,
        Some(down.difference.change / -739.0)
    );
    assert!(rooms.per_unit_removed.unwrap() < 0.0);
    // Checkpoint staff are counted per person: per shift × shifts.
    let staff = whole
        .rows
        .iter()
        .find(|r| r.lever == Lever::checkpoint_staff(2))
        .unwrap();
    let shifts = f64::from(scenario.gateways[2].checkpoint.shifts);
    assert_eq!(
        staff.up.as_ref().unwrap().units_added,
        (staff.up.as_ref().unwrap().value - staff.value) * shifts
    );

    // A worker computes each task's sample; the page records them in any order.
    let mut run = TornadoRun::new(&scenario, &spec).unwrap();
    let partial = run.result();
    assert_eq!((partial.done, partial.base), (0, None));
    for index in (0..run.total()).rev() {
        let task = &run.tasks()[index];
        let sample = Sample::run(&task.scenario, &spec.outcome, 0..150).unwrap();
        assert!(run.record(index, sample));
    }
    assert_eq!(run.result(), whole);
    // A sample of other runs is refused.
    let wrong = Sample::run(&scenario, &spec.outcome, 0..10).unwrap();
    assert!(!run.record(0, wrong));
}

#[test]
fn tornado_refuses_bad_steps_and_unknown_outcomes() {
    let scenario = city(10);
    let spec = |step: Step, outcome: Outcome| TornadoSpec {
        outcome,
        step,
        levers: Vec::new(),
        runs: None,
    };
    assert!(matches!(
        TornadoRun::new(&scenario, &spec(Step::Percent(0.0), Outcome::Contained)),
        Err(DecideError::BadStep { .. })
    ));
    assert!(matches!(
        TornadoRun::new(&scenario, &spec(Step::Units(0), Outcome::Contained)),
        Err(DecideError::BadStep { .. })
    ));
    assert!(matches!(
        TornadoRun::new(
            &scenario,
            &spec(Step::Units(5), Outcome::WaitP95 { gateway: 9 })
        ),
        Err(DecideError::UnknownOutcome { .. })
    ));
    assert_eq!("20%".parse::<Step>().unwrap(), Step::Percent(20.0));
    assert_eq!("50".parse::<Step>().unwrap(), Step::Units(50));
    for bad in ["-5%", "0", "x", "200%"] {
        assert!(bad.parse::<Step>().is_err(), "{bad}");
    }
}

fn costs(text: &str) -> Costs {
    let mut costs = Costs::default();
    costs.parse_into(text).unwrap();
    costs
}

fn rooms_spec(step: f64, margin: Option<f64>, runs: u32) -> OptimiseSpec {
    OptimiseSpec {
        targets: vec!["p_exceeded.quarantine_rooms<=5%".parse().unwrap()],
        costs: costs("room_day=80"),
        levers: vec![LeverRange {
            lever: Lever::city(LeverKind::QuarantineRooms),
            min: 0.0,
            max: 8_000.0,
            step,
        }],
        runs: Some(runs),
        check_seed: None,
        max_evaluations: None,
        margin_standard_errors: margin,
    }
}

#[test]
fn rooms_optimiser_equals_a_plain_scan_of_room_counts() {
    let scenario = city(200);
    let step = 50.0;
    let result = optimise(&scenario, &rooms_spec(step, Some(0.0), 200)).unwrap();
    assert_eq!(result.status, OptimiseStatus::Found);
    let found = result.staffing[0].value;

    // The plain scan: every multiple of the step, the same runs.
    let outcome = rooms_exceeded();
    let scan = (0..=160)
        .map(|k| f64::from(k) * step)
        .find(|&rooms| {
            let mut s = scenario.clone();
            s.quarantine.rooms = rooms as u32;
            Sample::run(&s, &outcome, 0..200).unwrap().value() <= 0.05
        })
        .unwrap();
    assert!(
        (found - scan).abs() <= step,
        "optimiser {found} rooms, scan {scan}"
    );
    assert!(
        result.evaluations < 20,
        "{} evaluations",
        result.evaluations
    );
    assert_eq!(result.cost, found * 80.0 * f64::from(scenario.days));
    assert!(result.targets[0].met);
}

#[test]
fn the_answer_meets_its_targets_on_a_fresh_seed_and_every_step_counts() {
    let scenario = city(300);
    let spec = OptimiseSpec {
        targets: vec![
            "p_exceeded.quarantine_rooms<=5%".parse().unwrap(),
            "p_exceeded.hospital_beds<=10%".parse().unwrap(),
        ],
        costs: costs("room_day=80,bed_day=600"),
        levers: vec![
            "rooms=0..8000/25".parse().unwrap(),
            "beds=0..200".parse().unwrap(),
        ],
        runs: None,
        check_seed: None,
        max_evaluations: None,
        margin_standard_errors: None,
    };
    let result = optimise(&scenario, &spec).unwrap();
    assert_eq!(result.status, OptimiseStatus::Found, "{result:#?}");
    let check = result.check.as_ref().unwrap();
    assert_ne!(check.seed, scenario.seed);
    assert!(check.all_met, "{check:#?}");
    assert!(result.targets.iter().all(|t| t.met && t.confident));
    let plan = result.plan.as_ref().unwrap();
    for row in &result.staffing {
        assert_eq!(row.lever.get(plan), Some(row.value));
    }
    // Removing one step of any lever breaks a target (or it is at its minimum).
    assert_eq!(result.removals.len(), 2);
    for note in &result.removals {
        assert!(
            note.breaks.is_some() || note.reason.as_deref() == Some("at_minimum"),
            "{note:#?}"
        );
    }
    assert_eq!(result.runs_used, u64::from(result.evaluations) * 300);
}

#[test]
fn targets_out_of_reach_are_answered_after_one_batch() {
    let scenario = city(100);
    let spec = OptimiseSpec {
        targets: vec![
            "p_contained>=99%".parse().unwrap(),
            "p_exceeded.quarantine_rooms<=5%".parse().unwrap(),
        ],
        costs: costs("room_day=80"),
        levers: vec!["rooms=0..5000".parse().unwrap()],
        runs: None,
        check_seed: None,
        max_evaluations: None,
        margin_standard_errors: None,
    };
    let result = optimise(&scenario, &spec).unwrap();
    let OptimiseStatus::Infeasible { unmet } = &result.status else {
        panic!("{result:#?}");
    };
    assert_eq!(result.evaluations, 1);
    assert_eq!(unmet.len(), 1);
    assert_eq!(unmet[0].target.outcome, Outcome::Contained);
    assert!(unmet[0].value < 0.99 && unmet[0].value > 0.5);
    assert!(result.plan.is_none());
}

#[test]
fn a_search_stopped_early_shows_its_best_plan_so_far() {
    let scenario = city(100);
    let mut optimiser = Optimiser::new(&scenario, &rooms_spec(1.0, None, 100)).unwrap();
    // The worker's path: run the pending request, record its samples.
    for _ in 0..4 {
        let request: Request = optimiser.pending().unwrap();
        let samples = Optimiser::evaluate(&request).unwrap();
        assert!(optimiser.record(&request, samples.clone()));
        // The same samples again are not the pending request's any more.
        assert!(!optimiser.record(&request, samples));
    }
    optimiser.stop();
    assert!(optimiser.pending().is_none());
    assert!(!optimiser.step().unwrap());
    let result = optimiser.result();
    assert_eq!(result.status, OptimiseStatus::Stopped);
    assert_eq!(result.evaluations, 4);
    // The best plan so far meets the target on the search's runs.
    assert!(result.plan.is_some());
    assert!(result.targets.iter().all(|t| t.confident));
    // A bounded search stops by itself.
    let mut spec = rooms_spec(1.0, None, 50);
    spec.max_evaluations = Some(3);
    let result = optimise(&scenario, &spec).unwrap();
    assert_eq!(
        (result.status, result.evaluations),
        (OptimiseStatus::Stopped, 3)
    );
}

#[test]
fn optimiser_refuses_bad_specs() {
    let scenario = city(10);
    let base = rooms_spec(1.0, None, 10);
    let with = |edit: &dyn Fn(&mut OptimiseSpec)| {
        let mut spec = base.clone();
        edit(&mut spec);
        Optimiser::new(&scenario, &spec).err()
    };
    assert!(matches!(
        with(&|s| s.targets = vec!["p_contained<=50%".parse().unwrap()]),
        Some(DecideError::TargetAgainstDirection { .. })
    ));
    assert!(matches!(
        with(&|s| s.targets = vec!["p_contained>=1.5".parse().unwrap()]),
        Some(DecideError::BadTarget { .. })
    ));
    assert!(matches!(
        with(&|s| s.targets.clear()),
        Some(DecideError::NoTargets)
    ));
    assert!(matches!(
        with(&|s| s.levers.clear()),
        Some(DecideError::NoLevers)
    ));
    assert!(matches!(
        with(&|s| s.costs = Costs::default()),
        Some(DecideError::MissingCost { .. })
    ));
    assert!(matches!(
        with(&|s| s.levers[0].max = -3.0),
        Some(DecideError::BadBounds { .. })
    ));
    assert!(matches!(
        with(&|s| s.levers.push(s.levers[0].clone())),
        Some(DecideError::DuplicateLever { .. })
    ));
    for bad in [
        "p_contained=0.9",
        "p_contained>=x",
        "wait_p95[0]<=30%",
        "nope<=1",
    ] {
        assert!(bad.parse::<Target>().is_err(), "{bad}");
    }
    let wait: Target = "wait_p95[2]<=30".parse().unwrap();
    assert_eq!(wait.to_string(), "wait_p95[2]<=30");
    let rooms: Target = "p_exceeded.quarantine_rooms≤5%".parse().unwrap();
    assert_eq!(rooms.to_string(), "p_exceeded.quarantine_rooms<=5%");
    assert!("rooms=10..x".parse::<LeverRange>().is_err());
    assert!(costs("test=0.5").of(&Lever::city(LeverKind::LabCapacity)) == Some(0.5));
    assert!(Costs::default().parse_into("rooms=5").is_err());
    assert!(Costs::default().parse_into("room_day=-5").is_err());
}

/// A small sweep: two cities (one a preset) × a 2 × 2 grid, few runs, short.
fn small_spec() -> SweepSpec {
    SweepSpec::parse(
        r#"{
          "name": "small",
          "bases": [
            {"id": "example", "scenario": {"days": 40}},
            {"id": "holiday", "preset": "holiday-return"}
          ],
          "grid": [
            {"field": "quarantine.rooms", "values": [2000, 4000]},
            {"field": "gateways[2].checkpoint.staff_per_shift", "values": [10, 30]}
          ],
          "runs": 6,
          "seed": 7
        }"#,
    )
    .unwrap()
}

fn shard_texts(spec: &SweepSpec, count: u32) -> Vec<(String, String)> {
    let items = spec.items().unwrap();
    (0..count)
        .map(|i| {
            let shard = Shard::new(i, count).unwrap();
            let results: Vec<ItemResult> = items
                .iter()
                .filter(|item| shard.covers(item.index))
                .map(|item| ItemResult::run(item).unwrap())
                .collect();
            let file = ShardFile::new(spec, shard, items.len() as u32, results);
            (format!("shard-{i}.json"), file.to_json())
        })
        .collect()
}

#[test]
fn sweep_shards_merge_into_the_unsharded_result_in_any_order() {
    let spec = small_spec();
    let items = spec.items().unwrap();
    assert_eq!(items.len(), 8);
    assert_eq!(
        items[1].id,
        "example/quarantine.rooms=2000,gateways[2].checkpoint.staff_per_shift=30"
    );
    assert_eq!(items[5].scenario.quarantine.rooms, 2000);
    assert_eq!(items[5].scenario.gateways[2].checkpoint.staff_per_shift, 30);
    assert!(items
        .iter()
        .all(|i| i.scenario.runs == 6 && i.scenario.seed == 7));
    let whole = SweepResult::new(
        &spec,
        items.iter().map(|i| ItemResult::run(i).unwrap()).collect(),
    )
    .to_json();
    assert!(serde_json::from_str::<serde_json::Value>(&whole).is_ok());
    for count in [1, 3, 8, 11] {
        let mut files = shard_texts(&spec, count);
        files.reverse();
        assert_eq!(merge(&files).unwrap().to_json(), whole, "{count} shards");
    }
}

#[test]
fn merge_refuses_missing_duplicated_foreign_and_edited_shards() {
    let spec = small_spec();
    let files = shard_texts(&spec, 3);
    let err = |files: &[(String, String)]| merge(files).unwrap_err();

    let missing = err(&files[..2]);
    assert!(matches!(&missing, MergeError::Missing { shards, .. } if shards == &[2]));
    assert!(missing.to_string().contains("2/3"), "{missing}");

    let mut twice = files.clone();
    twice.push(("copy.json".into(), files[1].1.clone()));
    let duplicate = err(&twice);
    assert!(
        duplicate.to_string().contains("copy.json")
            && duplicate.to_string().contains("shard-1.json"),
        "{duplicate}"
    );

    let mut other_spec = spec.clone();
    other_spec.seed = 8;
    let mut foreign = files.clone();
    foreign[2] = ("other.json".into(), shard_texts(&other_spec, 3).remove(2).1);
    let message = err(&foreign).to_string();
    assert!(
        message.starts_with("other.json: from another sweep"),
        "{message}"
    );

    let mut other_count = files.clone();
    other_count[2] = ("four.json".into(), shard_texts(&spec, 4).remove(2).1);
    assert!(err(&other_count)
        .to_string()
        .starts_with("four.json: one of 4 shards"));

    let mut edited = files.clone();
    edited[0].1 = edited[0].1.replace("\"runs\": 6", "\"runs\": 7");
    assert!(err(&edited)
        .to_string()
        .starts_with("shard-0.json: not a sweep shard file"));

    let mut garbage = files.clone();
    garbage[1] = ("notes.txt".into(), "hello".into());
    assert!(err(&garbage)
        .to_string()
        .starts_with("notes.txt: not a sweep shard file"));

    let mut dropped: serde_json::Value = serde_json::from_str(&files[0].1).unwrap();
    dropped["results"].as_array_mut().unwrap().pop();
    dropped["plan_ids"].as_array_mut().unwrap().pop();
    let mut short = files.clone();
    short[0].1 = dropped.to_string();
    assert!(err(&short)
        .to_string()
        .starts_with("shard-0.json: does not hold exactly"));

    assert!(matches!(merge(&[]), Err(MergeError::NoFiles)));
}

#[test]
fn malformed_sweep_specs_are_refused() {
    let bad = [
        r#"{"bases": [], "runs": 5, "seed": 1}"#,
        r#"{"bases": [{"id": "a"}], "runs": 5, "seed": 1}"#,
        r#"{"bases": [{"id": "a", "preset": "nowhere"}], "runs": 5, "seed": 1}"#,
        r#"{"bases": [{"id": "a", "preset": "example-city"}, {"id": "a", "preset": "example-city"}], "runs": 5, "seed": 1}"#,
        r#"{"bases": [{"id": "a", "preset": "example-city"}], "grid": [{"field": "no.such", "values": [1]}], "runs": 5, "seed": 1}"#,
        r#"{"bases": [{"id": "a", "preset": "example-city"}], "grid": [{"field": "quarantine.rooms", "values": [-1]}], "runs": 5, "seed": 1}"#,
        r#"{"bases": [{"id": "a", "preset": "example-city"}], "grid": [{"field": "quarantine.rooms", "values": []}], "runs": 5, "seed": 1}"#,
        r#"{"bases": [{"id": "a", "preset": "example-city"}], "runs": 0, "seed": 1}"#,
    ];
    for text in bad {
        let spec = SweepSpec::parse(text).unwrap();
        assert!(spec.items().is_err(), "{text}");
    }
    assert!(SweepSpec::parse(r#"{"bases": [], "runs": 5, "seed": 1, "extra": 1}"#).is_err());
    assert!(SweepSpec::parse("{").is_err());
}
