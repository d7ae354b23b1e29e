//! Drill mode at its boundaries: the example exercise's replay pinned
//! (also in the browser, `tests/web.rs`), order independence, decisions
//! that change nothing before their day, branches, counterfactuals, the
//! equivalence with a scenario timeline, files, links, bad exercises named
//! by path, the inject and decision libraries, and picking a realisation.

use cordon_engine::drill::{
    self, bad_run, check_decision, check_inject, counterfactual, default_decision, digest,
    exercise_from_json, exercise_json, pick_run, read_exercise, replay, validate_exercise,
    DayReport, Decision, Department, Exercise, ExerciseFileError, Inject, Language, Line, Pick,
    Player, ScheduledInject, DECISIONS, INJECTS,
};
use cordon_engine::validate::{check_event, Problem};
use cordon_engine::{link, presets, Batch, Change, Resource, Simulation, TimelineEvent};

/// The example exercise, main line then branch 0, every day: the digest
/// pinned in `testdata/drill_example.digest` (and checked in the browser).
fn example_days() -> Vec<DayReport> {
    let exercise = drill::example();
    let days = exercise.scenario.days;
    let mut all = replay(&exercise, Line::Main, days).unwrap();
    all.extend(replay(&exercise, Line::Branch(0), days).unwrap());
    all
}

#[test]
fn example_replay_digest_is_pinned() {
    let golden: u64 = include_str!("../testdata/drill_example.digest")
        .trim()
        .parse()
        .unwrap();
    let days = example_days();
    assert_eq!(days.len(), 2 * 28);
    assert_eq!(
        digest(&days),
        golden,
        "the example exercise's replay changed; if intended, update testdata/drill_example.digest"
    );
}

fn room_and_truth(days: &[DayReport]) -> Vec<String> {
    days.iter()
        .map(|d| {
            format!(
                "{}",
                serde_json::json!({"day": d.day, "room": d.room, "truth": d.truth})
            )
        })
        .collect()
}

#[test]
fn a_line_replays_identically_whatever_order_its_entries_were_made_in() {
    let exercise = drill::example();
    let days = exercise.scenario.days;
    let expected = replay(&exercise, Line::Main, days).unwrap();
    let mut shuffled = exercise.clone();
    shuffled.injects.reverse();
    shuffled.decisions.reverse();
    shuffled.injects.rotate_left(1);
    // Two injects on one day, entered in either order.
    let extra = [
        ScheduledInject {
            day: 3,
            inject: Inject::ColdChainPositive {
                infected_workers: 2,
            },
            fired: false,
        },
        ScheduledInject {
            day: 3,
            inject: Inject::TravellerSlipsThrough {
                gateway: 0,
                count: 1,
            },
            fired: false,
        },
    ];
    let mut a = exercise.clone();
    a.injects.extend(extra.iter().cloned());
    let mut b = shuffled.clone();
    b.injects.extend(extra.iter().rev().cloned());
    b.injects.swap(0, 3);
    assert_eq!(replay(&shuffled, Line::Main, days).unwrap(), expected);
    let (ra, rb) = (
        replay(&a, Line::Main, days).unwrap(),
        replay(&b, Line::Main, days).unwrap(),
    );
    assert_eq!(digest(&ra), digest(&rb));
    assert_ne!(digest(&ra), digest(&expected), "the extra injects matter");
}

/// The first day (from 1) on which two replays differ in what the room
/// knows or in the truth.
fn first_difference(a: &[DayReport], b: &[DayReport]) -> Option<u32> {
    let (a, b) = (room_and_truth(a), room_and_truth(b));
    a.iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .map(|i| i as u32 + 1)
}

#[test]
fn a_decision_changes_nothing_before_its_day() {
    let exercise = drill::example();
    let days = exercise.scenario.days;
    let first_decision = exercise.decisions.iter().map(|d| d.day).min().unwrap();
    let played = replay(&exercise, Line::Main, days).unwrap();
    let without = counterfactual(&exercise, Line::Main, days).unwrap();
    assert_eq!(first_difference(&played, &without), Some(first_decision));
    assert!(without.iter().all(|d| d.decisions.is_empty()));
    assert_eq!(
        without.iter().map(|d| d.injects.len()).sum::<usize>(),
        exercise.injects.len(),
        "the counterfactual keeps the injects"
    );
    // Each decision alone: nothing changes before its day, its day may.
    for decision in &exercise.decisions {
        let mut one = exercise.clone();
        one.decisions = vec![decision.clone()];
        let with_one = replay(&one, Line::Main, days).unwrap();
        let first = first_difference(&with_one, &without).unwrap_or(days + 1);
        assert!(first >= decision.day, "{decision:?} changed day {first}");
    }
    // A decision taken on the last day changes only the last day.
    let mut late = exercise.clone();
    late.decisions.push(Decision {
        day: days,
        department: Department::Command,
        note: String::new(),
        change: Change::SetLevel {
            resource: Resource::QuarantineRooms,
            level: 10.0,
        },
    });
    let late_days = replay(&late, Line::Main, days).unwrap();
    assert_eq!(first_difference(&late_days, &played), Some(days));
}

#[test]
fn a_branch_follows_the_main_line_until_its_first_day() {
    let exercise = drill::example();
    let days = exercise.scenario.days;
    let branch = &exercise.branches[0];
    let main = replay(&exercise, Line::Main, days).unwrap();
    let forked = replay(&exercise, Line::Branch(0), days).unwrap();
    assert_eq!(first_difference(&main, &forked), Some(branch.from_day));
    // Zones are in force on the branch from its first day.
    assert!(forked[branch.from_day as usize - 1].room.zones_active);
    assert!(!main[branch.from_day as usize - 1].room.zones_active);
    // The branch keeps every inject of the main line (the script), and the
    // main line's decisions before its day only.
    let injected: Vec<u32> = forked
        .iter()
        .flat_map(|d| d.injects.iter().map(|i| i.day))
        .collect();
    assert_eq!(injected, [2, 4, 6]);
    let decided: Vec<Department> = forked
        .iter()
        .flat_map(|d| d.decisions.iter().map(|d| d.department))
        .collect();
    assert_eq!(decided, [Department::Command]);
    let mut earlier = exercise.clone();
    earlier.decisions[0].day = 3;
    let forked = replay(&earlier, Line::Branch(0), days).unwrap();
    assert_eq!(
        forked[2].decisions.len(),
        1,
        "a decision before the fork is kept"
    );
    assert!(replay(&exercise, Line::Branch(1), days).is_err());
}

/// Playing the exercise's changes with `Simulation::apply` day by day is
/// the same as a scenario with them in its timeline from the start (the
/// line's scenario, whose batch is the ensemble with the same decisions).
#[test]
fn a_replay_equals_the_line_scenarios_run() {
    let mut exercise = drill::example();
    // Entries on one day, entered out of order, and a staff absence whose
    // end comes days later.
    exercise.injects.push(ScheduledInject {
        day: 5,
        inject: Inject::SamplingStaffSick {
            share: 0.3,
            days: 4,
        },
        fired: false,
    });
    exercise.decisions.insert(
        0,
        Decision {
            day: 5,
            department: Department::Testing,
            note: String::new(),
            change: Change::AddLevel {
                resource: Resource::SamplingStaff,
                amount: 500.0,
            },
        },
    );
    for line in [Line::Main, Line::Branch(0)] {
        let scenario = drill::line_scenario(&exercise, line).unwrap();
        // Main: 3 injects, the absence and its end, 3 decisions. Branch: the
        // same 5 inject changes and its one decision.
        let events = if line == Line::Main { 8 } else { 6 };
        assert_eq!(scenario.timeline.len(), events);
        let outcome = Simulation::new(&scenario, exercise.run)
            .unwrap()
            .run_to_end();
        let mut player = Player::new(&exercise, line).unwrap();
        player.play_to(scenario.days);
        let played = player.simulation().clone().finish();
        assert_eq!(played.daily, outcome.daily, "{line:?}");
        assert_eq!(played.digest(), outcome.digest());
        assert_eq!(player.simulation().scenario().timeline, scenario.timeline);
    }
    assert!(drill::line_scenario(&exercise, Line::Branch(3)).is_none());
}

#[test]
fn files_and_links_give_the_exercise_back() {
    let exercise = drill::example();
    let text = exercise_json(&exercise);
    assert!(text.ends_with("}\n"));
    assert_eq!(read_exercise(&text).unwrap(), exercise);
    assert_eq!(read_exercise(&format!("\u{feff}{text}")).unwrap(), exercise);
    let fragment = drill::link::encode(&exercise);
    assert!(fragment.starts_with("e1."), "{fragment}");
    assert!(fragment.len() < 1200, "{} characters", fragment.len());
    assert_eq!(drill::link::decode(&fragment).unwrap(), exercise);
    assert_eq!(
        drill::link::decode(&format!("https://example.org/cordon/#{fragment}")).unwrap(),
        exercise
    );
    // Kinds do not mix: a scenario link is not an exercise link.
    let scenario_link = link::encode(&exercise.scenario);
    assert_eq!(
        drill::link::decode(&scenario_link).unwrap_err().code(),
        "not_a_link"
    );
    assert_eq!(link::decode(&fragment).unwrap_err().code(), "not_a_link");
    // A changed character or a cut link opens nothing and says why.
    let mut altered: Vec<char> = fragment.chars().collect();
    let i = altered.len() / 2;
    altered[i] = if altered[i] == 'A' { 'B' } else { 'A' };
    let altered: String = altered.into_iter().collect();
    assert!(drill::link::decode(&altered).is_err());
    for cut in [4, fragment.len() / 2, fragment.len() - 1] {
        assert!(
            drill::link::decode(&fragment[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    // An exercise whose values are out of range is refused with paths.
    let mut bad = exercise.clone();
    bad.decisions[0].day = 99;
    let error = drill::link::decode(&drill::link::encode(&bad)).unwrap_err();
    assert_eq!(error.code(), "invalid_scenario");
    assert!(error.to_string().contains("decisions[0].day"), "{error}");
}

fn paths(exercise: &Exercise) -> Vec<String> {
    validate_exercise(exercise)
        .unwrap_err()
        .0
        .into_iter()
        .map(|e| e.path)
        .collect()
}

#[test]
fn bad_exercises_name_their_fields() {
    let mut e = drill::example();
    e.decisions[1].day = 0;
    e.injects[0].inject = Inject::TravellerSlipsThrough {
        gateway: 7,
        count: 1,
    };
    e.injects[2].inject = Inject::ArrivalSurge {
        gateway: 0,
        factor: -1.0,
        days: 0,
    };
    e.decisions[0].change = Change::AddLevel {
        resource: Resource::QuarantineRooms,
        amount: f64::NAN,
    };
    e.branches[0].decisions[0].day = 3;
    e.branches[0].from_day = 4;
    e.run = 5_000;
    e.played_to = 29;
    assert_eq!(
        paths(&e),
        [
            "run",
            "played_to",
            "injects[0].inject.gateway",
            "injects[2].inject.factor",
            "injects[2].inject.days",
            "decisions[0].change.amount",
            "decisions[1].day",
            "branches[0].decisions[0].day",
        ]
    );
    let errors = validate_exercise(&e).unwrap_err();
    let text = errors.to_string();
    assert!(
        text.contains(
            "injects[0].inject.gateway: gateway 7 does not exist (the scenario has 3 gateways"
        ),
        "{text}"
    );
    assert!(
        text.contains("branches[0].decisions[0].day: 3 is outside the allowed range 4 to 28"),
        "{text}"
    );
    // The scenario's own problems, under `scenario.`.
    let mut e = drill::example();
    e.scenario.quarantine.days = 0;
    assert_eq!(paths(&e), ["scenario.quarantine.days"]);
    // A negative count is not an exercise at all: line and column.
    let text = exercise_json(&drill::example()).replace("\"count\": 3", "\"count\": -3");
    match read_exercise(&text) {
        Err(ExerciseFileError::Syntax { line, message, .. }) => {
            assert!(line > 1);
            assert!(message.contains("-3"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        exercise_from_json("{\"scenario\": {}, \"surprise\": 1}"),
        Err(ExerciseFileError::Syntax { .. })
    ));
}

/// The form's rule: a decision in the past of the line is refused with the
/// first day allowed; the same function checks files.
#[test]
fn forms_refuse_the_past_and_missing_gateways() {
    let scenario = drill::example().scenario;
    let decision = Decision {
        day: 12,
        department: Department::Quarantine,
        note: "open a site".into(),
        change: default_decision("open_quarantine_site", &scenario).unwrap(),
    };
    let errors = check_decision(&decision, &scenario, 14);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        "day: 12 is outside the allowed range 14 to 28"
    );
    assert!(check_decision(&decision, &scenario, 12).is_empty());
    let surge = ScheduledInject {
        day: 14,
        inject: Inject::ArrivalSurge {
            gateway: 3,
            factor: 2.0,
            days: 3,
        },
        fired: true,
    };
    let errors = check_inject(&surge, &scenario, 14);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "inject.gateway");
    assert_eq!(
        errors[0].problem,
        Problem::NoSuchGateway {
            index: 3,
            gateways: 3
        }
    );
}

#[test]
fn every_library_entry_has_defaults_messages_and_valid_changes() {
    let scenario = presets::example_city();
    for info in INJECTS {
        let inject = Inject::default_for(info.id, &scenario).unwrap();
        assert_eq!(inject.id(), info.id);
        let scheduled = ScheduledInject {
            day: 1,
            inject: inject.clone(),
            fired: false,
        };
        assert!(
            check_inject(&scheduled, &scenario, 1).is_empty(),
            "{}",
            info.id
        );
        assert!(!inject.changes().is_empty(), "{}", info.id);
        for (_, change) in inject.changes() {
            let event = TimelineEvent { day: 0, change };
            assert!(check_event(&event, 3).is_empty(), "{}", info.id);
        }
        for language in [Language::ZhCn, Language::EnUs] {
            let message = inject.message(&scenario, language);
            assert!(!message.contains('{'), "{}: {message}", info.id);
        }
        assert!(!info.title_zh.is_ascii() && info.title_en.is_ascii());
    }
    let surge = Inject::default_for("arrival_surge", &scenario).unwrap();
    assert_eq!(
        surge.message(&scenario, Language::EnUs),
        "Rail station: arrivals are 2 times the usual for the next 3 days."
    );
    assert_eq!(
        Inject::SamplingStaffSick {
            share: 0.2,
            days: 7
        }
        .message(&scenario, Language::ZhCn),
        "20% 的采样人员因病缺勤，预计 7 天。"
    );
    // One day is "1 day" in English (the room reads it on the projector).
    assert_eq!(
        Inject::LabDown { days: 1 }.message(&scenario, Language::EnUs),
        "The laboratory's equipment has failed: no test results for 1 day."
    );
    assert_eq!(
        Inject::LabDown { days: 1 }.message(&scenario, Language::ZhCn),
        "实验室设备故障：1 天内无法出具检测结果。"
    );
    assert!(Inject::default_for("no_such_inject", &scenario).is_none());
    for info in DECISIONS {
        let change = default_decision(info.id, &scenario).unwrap();
        let event = TimelineEvent { day: 0, change };
        assert!(check_event(&event, 3).is_empty(), "{}", info.id);
    }
}

#[test]
fn picking_a_realisation() {
    assert_eq!(bad_run(&[]), None);
    // Twenty runs: the worst decile is runs 7 (50) and 3 (40); the middle
    // of the two (index 1 of the decile) is run 3.
    let mut local = vec![0u32; 20];
    local[7] = 50;
    local[3] = 40;
    local[11] = 30;
    assert_eq!(bad_run(&local), Some(3));
    assert_eq!(bad_run(&[0, 0, 0]), Some(0));

    let mut scenario = presets::example_city();
    scenario.runs = 200;
    scenario.days = 40;
    let random = pick_run(&scenario, Pick::Random { seed: 7 }).unwrap();
    assert!(random < 200);
    assert_eq!(
        pick_run(&scenario, Pick::Random { seed: 7 }).unwrap(),
        random
    );
    assert_eq!(pick_run(&scenario, Pick::Index { run: 12 }).unwrap(), 12);
    let bad = pick_run(&scenario, Pick::BadOne).unwrap();
    let batch = Batch::new(&scenario).unwrap();
    let mut local: Vec<u32> = batch
        .run_range(0..200)
        .iter()
        .map(|r| r.summary.local_infections)
        .collect();
    let bad_local = local[bad as usize];
    let mut example = drill::example().scenario;
    assert_eq!(
        pick_run(&example, Pick::BadOne).unwrap(),
        drill::EXAMPLE_RUN,
        "the example exercise plays the example city's bad run"
    );
    example.runs = 1;
    assert_eq!(pick_run(&example, Pick::Random { seed: 9 }).unwrap(), 0);
    local.sort_unstable();
    assert!(
        bad_local >= local[179],
        "{bad_local} vs the 90th percentile {}",
        local[179]
    );
}

fn event(day: u32, change: Change) -> TimelineEvent {
    TimelineEvent { day, change }
}

/// The three timeline changes added for decisions and injects.
#[test]
fn added_levels_surges_and_ordered_rounds() {
    use cordon_engine::Plan;
    let mut s = presets::example_city();
    s.days = 20;
    let base = Plan::new(&s);
    s.timeline = vec![
        event(
            3,
            Change::AddLevel {
                resource: Resource::QuarantineRooms,
                amount: 300.0,
            },
        ),
        event(5, Change::QuarantineSiteClosed { rooms: 100 }),
        event(
            4,
            Change::AddLevel {
                resource: Resource::CheckpointStaff,
                amount: 2.0,
            },
        ),
        event(
            6,
            Change::ArrivalSurge {
                gateway: 1,
                factor: 3.0,
                days: 2,
            },
        ),
    ];
    let plan = Plan::new(&s);
    let rooms: Vec<f64> = plan.levels.iter().map(|l| l.rooms).collect();
    assert_eq!(rooms[2], 3695.0);
    assert_eq!(rooms[3], 3995.0);
    assert_eq!(rooms[5], 3895.0);
    for g in 0..3 {
        assert_eq!(
            plan.levels[4].checkpoint_staff[g],
            base.levels[4].checkpoint_staff[g] + 2.0
        );
        assert_eq!(
            plan.levels[3].checkpoint_staff[g],
            base.levels[3].checkpoint_staff[g]
        );
    }
    let arrivals = |p: &Plan, day: usize, g: usize| p.gateways[day][g].arrivals;
    assert_eq!(arrivals(&plan, 5, 1), arrivals(&base, 5, 1));
    assert_eq!(arrivals(&plan, 6, 1), 3.0 * arrivals(&base, 6, 1));
    assert_eq!(arrivals(&plan, 7, 1), 3.0 * arrivals(&base, 7, 1));
    assert_eq!(arrivals(&plan, 8, 1), arrivals(&base, 8, 1));
    assert_eq!(arrivals(&plan, 6, 0), arrivals(&base, 6, 0));

    // Rounds ordered by a decision run even where the policy never
    // triggers them.
    let mut s = presets::example_city();
    s.days = 20;
    s.testing.mass_testing.enabled = false;
    let quiet = Simulation::new(&s, 0).unwrap().run_to_end();
    s.timeline = vec![event(2, Change::MassTesting { rounds: 2 })];
    let ordered = Simulation::new(&s, 0).unwrap().run_to_end();
    let tests = |o: &cordon_engine::RunOutcome, day: usize| {
        o.daily[day][cordon_engine::Series::TestsNeeded.index()]
    };
    assert_eq!(tests(&ordered, 1), tests(&quiet, 1));
    let participants = (s.city.population as f64 * s.testing.mass_testing.participation
        / f64::from(s.testing.pool_size)) as f32;
    assert!(tests(&ordered, 2) >= tests(&quiet, 2) + participants * 0.99);
    let rounds_started = (0..20)
        .filter(|&d| tests(&ordered, d) > tests(&quiet, d) + participants * 0.5)
        .count();
    assert_eq!(rounds_started, 2);
}

/// The review of the example: what the room's decisions bought over the
/// same realisation without them.
#[test]
fn the_after_action_review_compares_with_the_counterfactual() {
    let exercise = drill::example();
    let review = drill::after_action(&exercise, Line::Main, 28).unwrap();
    assert_eq!(review.to_day, 28);
    let days: Vec<u32> = review
        .timeline
        .iter()
        .map(|e| match e {
            drill::TimelineEntry::Inject(i) => i.day,
            drill::TimelineEntry::Decision(d) => d.day,
        })
        .collect();
    assert_eq!(days, [2, 4, 5, 6, 7]);
    let (played, without) = (&review.played, &review.counterfactual);
    assert_eq!(played.days, 28);
    assert!(
        played.local_infections < without.local_infections,
        "{played:?} vs {without:?}"
    );
    assert!(played.days_over_capacity.rooms < without.days_over_capacity.rooms);
    assert!(played.first_local_detection_day < without.first_local_detection_day);
    // The key numbers are those of the days.
    let line = replay(&exercise, Line::Main, 28).unwrap();
    let numbers = drill::key_numbers(&line);
    assert_eq!(&numbers, played);
    assert_eq!(numbers.local_infections, line[27].truth.local_total);
    let peak = line.iter().map(|d| d.room.rooms_needed).fold(0.0, f32::max);
    assert_eq!(numbers.peak_rooms_needed, peak);
    let short = line
        .iter()
        .filter(|d| {
            d.room
                .rooms_capacity
                .is_some_and(|c| d.room.rooms_needed > c + 0.5)
        })
        .count() as u32;
    assert_eq!(numbers.days_over_capacity.rooms, short);
    assert_eq!(drill::key_numbers(&[]), drill::KeyNumbers::default());
}

/// An exercise link made by the first version of drill mode: it must keep
/// opening, with the same exercise, in every later build.
const GOLDEN_EXERCISE_LINK: &str = "e1.ooh1UsGO00AMXQTiKziM5pyiFnYX0TOc-QCEInfiNgOTcfBM2g1V_h07aZMKdk9Rxn7P7z377d3dqzev353tjiG6GpPdfj_bCp1PnuL052qIB7RbeYdenjb3hc19Ky_aGICx_ENRoEOhHXb7IF9sgXODMUuXo6aBWNnCRsoK-zLBTEIIWBmpGUcxMwX9HckMZEPRoR1-FHbP1JRXah9_ossqTSoRGiWcINpmpM08jKiXXEBDnep6XK_frwvLmKhjpzS_O5AYso9YMlGT7GwUqqoMeMTwoskFu_j81mI0uRajLXFOq-RqomAq4sZn4t6A-DQL0iQvuKG4VcsittLUZy0NpFRmTII4zHI-_SPnWl-0CH1LbRcgSyark6_QjNyF2axXPq42UqaQxujwCVnCw_KIrBGO45fgz9PMD9c31emmUD8W9gAZT5f6Ly97FzUMkl1ALlPwraivZfShtoN6Hbnub7kudzbDA-zKik7xpv9RrsIzSjVzh_-DZT17cBKySNItPyMKmP0RQpk6lqgH9a1ZCfgsqbYBeqzKTCJEr6TTED7rFnwOGujXJ2jagMb53G_N7DAZtWguDs0O9ySXDqam4PU2L9P-Ag";

#[test]
fn golden_exercise_link_keeps_opening() {
    let e = drill::link::decode(GOLDEN_EXERCISE_LINK).unwrap();
    assert_eq!(
        e.title,
        "Example city: travellers slip through before a holiday surge"
    );
    assert_eq!((e.run, e.played_to, e.scenario.days), (191, 10, 28));
    assert_eq!(e.scenario.name, "Example city");
    assert_eq!(e.scenario.quarantine.rooms, 3695);
    assert_eq!(e.scenario.gateways.len(), 3);
    let kinds: Vec<&str> = e.injects.iter().map(|i| i.inject.id()).collect();
    assert_eq!(
        kinds,
        ["traveller_slips_through", "lab_down", "arrival_surge"]
    );
    assert!(e.injects[2].fired);
    assert_eq!(e.decisions[1].change, Change::MassTesting { rounds: 1 });
    assert_eq!(e.branches[0].name, "zones from day 5");
    assert_eq!(
        e.branches[0].decisions[0].change,
        Change::DeclareZones { days: 14 }
    );
}
