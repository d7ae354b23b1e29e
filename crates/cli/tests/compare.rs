//! `cordon compare`, end to end: names, pairing, the CSV's bytes (the
//! engine's `report::compare_csv` of the same runs), bad files.

use assert_cmd::Command;
use cordon_engine::compare::{compare, NamedPlan, PlanRuns, PlanSet, OUTCOMES};
use cordon_engine::{presets, report, Batch, Scenario};
use serde_json::Value;
use std::path::PathBuf;

fn cordon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cordon"))
}

/// A file in this test's scratch directory.
fn scratch(name: &str, contents: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cordon-compare-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.display().to_string()
}

fn small(name: &str) -> Scenario {
    Scenario {
        name: name.into(),
        runs: 30,
        days: 60,
        ..presets::example_city()
    }
}

fn halved(name: &str) -> Scenario {
    let mut s = small(name);
    s.community.grid_workers /= 2;
    s
}

fn file(name: &str, scenario: &Scenario) -> String {
    scratch(name, &serde_json::to_string(scenario).unwrap())
}

fn output(args: &[&str]) -> std::process::Output {
    cordon().args(args).assert().success().get_output().clone()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_slice(&output(args).stdout).unwrap()
}

fn fails(args: &[&str]) -> String {
    let out = cordon().args(args).assert().code(2).get_output().clone();
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn compares_two_files_paired_with_names_from_the_scenarios() {
    let a = file("base.json", &small("Today"));
    let b = file("half.json", &halved("Half the grid workers"));
    let table = json(&["compare", &a, &b]);
    assert_eq!(table["plans"][0]["name"], "Today");
    assert_eq!(table["plans"][1]["name"], "Half the grid workers");
    assert_eq!(table["plans"][0]["pairing"], Value::Null);
    assert_eq!(table["plans"][1]["pairing"], "paired");
    let outcomes = table["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), OUTCOMES.len());
    let keys: Vec<&str> = outcomes
        .iter()
        .map(|o| o["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        &keys[..3],
        [
            "p_no_local_transmission",
            "p_contained",
            "local_infections_mean"
        ]
    );
    for o in outcomes {
        assert_eq!(o["differences"][0], Value::Null);
        let d = &o["differences"][1];
        assert_eq!(d["paired"], true);
        assert_eq!(d["runs"], 30);
        assert_eq!(d["se"], d["se_paired"]);
    }
}

#[test]
fn identical_plans_differ_by_zero_and_shared_names_give_way_to_file_names() {
    let a = file("first.json", &small("Same"));
    let b = file("second.json", &small("Same"));
    let table = json(&["compare", &a, &b]);
    assert_eq!(table["plans"][0]["name"], "first");
    assert_eq!(table["plans"][1]["name"], "second");
    for o in table["outcomes"].as_array().unwrap() {
        assert_eq!(o["differences"][1]["difference"], 0.0, "{}", o["key"]);
        assert_eq!(o["differences"][1]["se_paired"], 0.0, "{}", o["key"]);
    }
}

#[test]
fn different_seeds_are_compared_unpaired_and_said_so() {
    let a = file("seed1.json", &small("One"));
    let mut other = halved("Two");
    other.seed += 1;
    let b = file("seed2.json", &other);
    let table = json(&["compare", &a, &b]);
    assert_eq!(
        table["plans"][1]["pairing"],
        serde_json::json!({"unpaired": "different_seeds"})
    );
    let d = &table["outcomes"][2]["differences"][1];
    assert_eq!(d["paired"], false);
    assert_eq!(d["se_paired"], Value::Null);
    assert_eq!(d["se"], d["se_unpaired"]);
    // --seed gives every plan the same seed: paired again.
    let table = json(&["compare", &a, &b, "--seed", "7"]);
    assert_eq!(table["plans"][1]["pairing"], "paired");
}

/// The CSV is the engine's, byte for byte, from the same runs.
#[test]
fn csv_is_the_engines_comparison_csv() {
    let plans = [small("Today"), halved("Half"), {
        let mut s = small("More rooms");
        s.quarantine.rooms += 500;
        s
    }];
    let paths: Vec<String> = plans
        .iter()
        .enumerate()
        .map(|(i, s)| file(&format!("csv{i}.json"), s))
        .collect();
    let mut args = vec!["compare", "--csv", "--threads", "3"];
    args.extend(paths.iter().map(String::as_str));
    let text = String::from_utf8(output(&args).stdout).unwrap();
    let runs: Vec<PlanRuns> = plans
        .iter()
        .map(|s| PlanRuns::of(s, &Batch::new(s).unwrap().run_range(0..s.runs)))
        .collect();
    let named: Vec<(&str, &PlanRuns)> = plans
        .iter()
        .zip(&runs)
        .map(|(s, r)| (s.name.as_str(), r))
        .collect();
    assert_eq!(text, report::compare_csv(&compare(&named).unwrap()));
    assert!(text.starts_with(report::COMPARE_HEADER));
    assert_eq!(text.lines().count(), 1 + 3 * OUTCOMES.len());
}

#[test]
fn a_plan_set_file_compares_its_plans() {
    let set = PlanSet {
        plans: vec![
            NamedPlan {
                name: "基准".into(),
                scenario: small("ignored"),
            },
            NamedPlan {
                name: "网格员减半".into(),
                scenario: halved("ignored"),
            },
        ],
    };
    let path = scratch("plans.json", &report::plan_set_json(&set));
    let table = json(&["compare", &path, "--runs", "10"]);
    assert_eq!(table["plans"][0]["name"], "基准");
    assert_eq!(table["plans"][1]["name"], "网格员减半");
    assert_eq!(table["plans"][1]["runs"], 10);
}

#[test]
fn bad_files_exit_2_naming_the_file() {
    let good = file("good.json", &small("Good"));
    let missing = scratch("x", "");
    let missing = missing.replace("/x", "/missing.json");
    assert!(fails(&["compare", &good, &missing]).contains("missing.json"));
    let broken = scratch("broken.json", "{\"runs\": ");
    assert!(fails(&["compare", &good, &broken]).contains("broken.json:1:"));
    let invalid = scratch("invalid.json", "{\"runs\": 0}");
    let message = fails(&["compare", &good, &invalid]);
    assert!(message.contains("invalid.json: runs"), "{message}");
    let not_a_set = scratch("one.json", &serde_json::to_string(&small("One")).unwrap());
    assert!(fails(&["compare", &not_a_set]).contains("one.json"));
    fails(&["compare", &good, &good, &good, &good, &good]);
}
