//! `cordon drill …`, end to end: the example, new exercises, the schema,
//! replays (the engine's lines, byte for byte), links and bad files.

use assert_cmd::Command;
use cordon_engine::drill::{self, Exercise, Line};
use cordon_engine::presets;
use serde_json::Value;
use std::path::PathBuf;

fn cordon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cordon"))
}

/// A file in this test's scratch directory. Tests run in parallel and
/// several write the same file (the example): each writes its own
/// temporary file and renames it into place, so a reader never sees a file
/// half written.
fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cordon-drill-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let partial = dir.join(format!("{name}.{:?}.partial", std::thread::current().id()));
    std::fs::write(&partial, contents).unwrap();
    std::fs::rename(&partial, &path).unwrap();
    path
}

fn succeeds(args: &[&str]) -> String {
    let output = cordon().args(args).assert().success().get_output().clone();
    String::from_utf8(output.stdout).unwrap()
}

/// Runs the command, which must exit with status 2, and returns its stderr.
fn fails(args: &[&str]) -> String {
    let output = cordon().args(args).assert().code(2).get_output().clone();
    assert!(output.stdout.is_empty());
    String::from_utf8(output.stderr).unwrap()
}

fn example_file() -> PathBuf {
    scratch("example.json", &drill::exercise_json(&drill::example()))
}

#[test]
fn example_is_the_engines_and_validates() {
    let text = succeeds(&["drill", "example"]);
    assert_eq!(text, drill::exercise_json(&drill::example()));
    let path = example_file();
    assert_eq!(
        succeeds(&["drill", "validate", path.to_str().unwrap()]),
        "ok\n"
    );
}

#[test]
fn replay_prints_the_engines_lines() {
    let exercise = drill::example();
    let path = example_file();
    let file = path.to_str().unwrap();
    let lines = |days: Vec<drill::DayReport>| -> String {
        days.iter()
            .map(|d| format!("{}\n", drill::day_json(d)))
            .collect()
    };
    // By default, up to the day played to.
    let main = succeeds(&["drill", "replay", file]);
    assert_eq!(
        main,
        lines(drill::replay(&exercise, Line::Main, 10).unwrap())
    );
    assert_eq!(main.lines().count(), 10);
    let first: Value = serde_json::from_str(main.lines().next().unwrap()).unwrap();
    assert_eq!(first["day"], 1);
    for key in ["room", "truth", "injects", "decisions"] {
        assert!(first.get(key).is_some(), "{key}");
    }
    assert!(first["room"]["rooms_capacity"].is_number());
    // A branch by name or index, to the end, and a counterfactual.
    let branch = succeeds(&[
        "drill",
        "replay",
        file,
        "--line",
        "zones from day 5",
        "--to",
        "28",
    ]);
    assert_eq!(
        branch,
        lines(drill::replay(&exercise, Line::Branch(0), 28).unwrap())
    );
    assert_eq!(
        succeeds(&["drill", "replay", file, "--line", "0", "--to", "28"]),
        branch
    );
    let without = succeeds(&["drill", "replay", file, "--counterfactual", "--to", "12"]);
    assert_eq!(
        without,
        lines(drill::counterfactual(&exercise, Line::Main, 12).unwrap())
    );
    // The digest of what the CLI prints is the pinned one.
    let all = succeeds(&["drill", "replay", file, "--to", "28"]) + &branch;
    let golden: u64 = include_str!("../../engine/testdata/drill_example.digest")
        .trim()
        .parse()
        .unwrap();
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for byte in all.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    assert_eq!(hash, golden);
}

#[test]
fn replay_refuses_bad_arguments() {
    let path = example_file();
    let file = path.to_str().unwrap();
    let message = fails(&["drill", "replay", file, "--line", "what if"]);
    assert!(
        message.contains("no such line; lines: main, \"zones from day 5\""),
        "{message}"
    );
    let message = fails(&["drill", "replay", file, "--to", "29"]);
    assert!(message.contains("days 1 to 28"), "{message}");
}

#[test]
fn bad_files_exit_2_with_one_line_per_problem() {
    let mut exercise = drill::example();
    exercise.decisions[0].day = 40;
    exercise.injects[0].inject = drill::Inject::TravellerSlipsThrough {
        gateway: 5,
        count: 1,
    };
    exercise.scenario.quarantine.rooms = 3_000_000_000;
    let path = scratch("bad.json", &drill::exercise_json(&exercise));
    let message = fails(&["drill", "validate", path.to_str().unwrap()]);
    let name = path.display().to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 1, "{message}");
    assert!(
        lines[0].starts_with(&format!("{name}: scenario.quarantine.rooms: ")),
        "{message}"
    );
    // With a valid scenario, every other problem, one a line.
    exercise.scenario.quarantine.rooms = 3695;
    let path = scratch("bad2.json", &drill::exercise_json(&exercise));
    let message = fails(&["drill", "replay", path.to_str().unwrap()]);
    assert_eq!(
        message,
        format!(
            "{name2}: injects[0].inject.gateway: gateway 5 does not exist (the scenario has 3 gateways, numbered from 0)\n\
             {name2}: decisions[0].day: 40 is outside the allowed range 1 to 28\n",
            name2 = path.display()
        )
    );
    // Not JSON: file, line and column.
    let path = scratch("broken.json", "{\n  \"scenario\": {},\n  \"run\": -1\n}\n");
    let message = fails(&["drill", "replay", path.to_str().unwrap()]);
    assert!(
        message.starts_with(&format!("{}:3:", path.display())),
        "{message}"
    );
    assert!(message.contains("not a valid exercise file"), "{message}");
    let message = fails(&["drill", "validate", "/no/such/exercise.json"]);
    assert!(message.contains("cannot read"), "{message}");
}

#[test]
fn schema_describes_exercises_with_the_scenarios_bounds() {
    let schema: Value = serde_json::from_str(&succeeds(&["drill", "schema"])).unwrap();
    assert_eq!(schema["title"], "Exercise");
    for key in [
        "scenario",
        "run",
        "injects",
        "decisions",
        "branches",
        "notes",
        "played_to",
    ] {
        assert!(schema["properties"].get(key).is_some(), "{key}");
    }
    let scenario = &schema["$defs"]["Scenario"];
    assert!(scenario["properties"]["gateways"].is_object());
    assert_eq!(scenario["properties"]["days"]["maximum"], 730);
    let text = schema.to_string();
    for kind in [
        "traveller_slips_through",
        "cold_chain_positive",
        "add_level",
        "mass_testing",
    ] {
        assert!(text.contains(kind), "{kind}");
    }
}

#[test]
fn new_exercises_on_a_scenario() {
    let mut scenario = presets::example_city();
    scenario.runs = 60;
    scenario.days = 30;
    let path = scratch("scenario.json", &serde_json::to_string(&scenario).unwrap());
    let file = path.to_str().unwrap();
    let read = |text: String| -> Exercise { drill::read_exercise(&text).unwrap() };
    let plain = read(succeeds(&["drill", "new", file]));
    assert_eq!(plain.run, 0);
    assert_eq!(plain.scenario, scenario);
    assert_eq!(plain.played_to, 0);
    assert_eq!(read(succeeds(&["drill", "new", file, "--run", "7"])).run, 7);
    let random = read(succeeds(&["drill", "new", file, "--random", "3"])).run;
    assert!(random < 60);
    let bad = read(succeeds(&["drill", "new", file, "--bad"])).run;
    assert_eq!(
        bad,
        drill::pick_run(&scenario, drill::Pick::BadOne).unwrap()
    );
    let message = fails(&["drill", "new", file, "--run", "60"]);
    assert!(message.contains("0 to 59"), "{message}");
    // Not yet played: replays the whole horizon.
    let path = scratch("new.json", &succeeds(&["drill", "new", file]));
    let days = succeeds(&["drill", "replay", path.to_str().unwrap()]);
    assert_eq!(days.lines().count(), 30);
}

#[test]
fn links_round_trip_and_bad_links_exit_2() {
    let path = example_file();
    let link = succeeds(&["drill", "link", "encode", path.to_str().unwrap()]);
    assert!(link.starts_with("e1."), "{link}");
    let decoded = succeeds(&["drill", "link", "decode", link.trim()]);
    assert_eq!(decoded, drill::exercise_json(&drill::example()));
    let message = fails(&["drill", "link", "decode", "e1.AAAA"]);
    assert!(
        message.starts_with("error: cannot open the link"),
        "{message}"
    );
    let scenario_link = cordon_engine::link::encode(&presets::example_city());
    let message = fails(&["drill", "link", "decode", &scenario_link]);
    assert_eq!(
        message,
        "error: cannot open the link: not a Cordon exercise link (expected a fragment like #e1.…) [not_a_link]\n"
    );
    let mut bad = drill::example();
    bad.played_to = 99;
    let message = fails(&["drill", "link", "decode", &drill::link::encode(&bad)]);
    assert!(
        message.contains("the exercise in the link is not valid: played_to: 99 is outside the allowed range 0 to 28 [invalid_scenario]"),
        "{message}"
    );
}

#[test]
fn review_prints_the_engines_after_action_review() {
    let path = example_file();
    let file = path.to_str().unwrap();
    let text = succeeds(&["drill", "review", file, "--to", "28"]);
    let printed: drill::AfterAction = serde_json::from_str(&text).unwrap();
    assert_eq!(
        printed,
        drill::after_action(&drill::example(), Line::Main, 28).unwrap()
    );
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["timeline"][2]["entry"], "decision");
    assert!(value["counterfactual"]["days_over_capacity"]["rooms"].is_u64());
    // By default, to the day played to; a branch by name.
    let branch = succeeds(&["drill", "review", file, "--line", "zones from day 5"]);
    let branch: Value = serde_json::from_str(&branch).unwrap();
    assert_eq!(branch["to_day"], 10);
    assert_eq!(branch["line"]["branch"], 0);
}
