//! The `cordon` command, end to end.

use assert_cmd::Command;
use cordon_engine::{needed, presets, report, Batch, Needed, Scenario, Series};
use serde_json::Value;
use std::path::PathBuf;

fn cordon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cordon"))
}

/// A file in this test's scratch directory.
fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cordon-cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Runs the command, which must exit with status 2 (bad input), and returns its output.
fn fails(command: &mut Command) -> std::process::Output {
    command.assert().code(2).get_output().clone()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A small, quick scenario.
fn small_scenario() -> Scenario {
    let mut s = presets::example_city();
    s.runs = 24;
    s.days = 40;
    s
}

/// What a successful `cordon <command>` prints, read as JSON.
fn printed<T: serde::de::DeserializeOwned>(command: &str) -> T {
    let output = cordon()
        .arg(command)
        .assert()
        .success()
        .get_output()
        .clone();
    serde_json::from_str(&stdout(&output)).unwrap()
}

/// What `cordon schema` prints.
fn schema() -> Value {
    printed("schema")
}

fn json(s: &Scenario) -> String {
    serde_json::to_string_pretty(s).unwrap()
}

#[test]
fn example_prints_the_example_city() {
    let s: Scenario = printed("example");
    assert_eq!(s, presets::example_city());
}

#[test]
fn example_prints_a_named_preset() {
    for p in presets::PRESETS {
        let output = cordon()
            .args(["example", p.id])
            .assert()
            .success()
            .get_output()
            .clone();
        let s: Scenario = serde_json::from_str(&stdout(&output)).unwrap();
        assert_eq!(s, (p.build)(), "{}", p.id);
    }
}

#[test]
fn example_lists_presets() {
    let output = cordon()
        .args(["example", "--list"])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = stdout(&output);
    for p in presets::PRESETS {
        assert!(text.contains(p.id), "{text}");
        assert!(text.contains(p.title_en), "{text}");
        assert!(text.contains(p.title_zh), "{text}");
    }
}

#[test]
fn example_with_an_unknown_name_fails() {
    let output = fails(cordon().args(["example", "atlantis"]));
    assert!(stderr(&output).contains("example-city"));
}

#[test]
fn schema_is_a_json_schema_of_scenarios() {
    let schema = schema();
    assert!(schema["$schema"]
        .as_str()
        .unwrap()
        .contains("json-schema.org"));
    assert_eq!(schema["title"], "Scenario");
    for field in ["gateways", "seed", "runs", "quarantine", "timeline"] {
        assert!(schema["properties"].get(field).is_some(), "{field}");
    }
}

#[test]
fn validate_accepts_a_good_file_and_stdin() {
    let path = scratch("good.json", &json(&presets::example_city()));
    let output = cordon()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(stdout(&output), "ok\n");
    // A partial file: everything else from the example city.
    cordon()
        .args(["validate", "-"])
        .write_stdin(r#"{"runs": 50, "community": {"grid_workers": 12000}}"#)
        .assert()
        .success()
        .stdout("ok\n");
}

#[test]
fn validate_warns_of_staff_without_posts_on_stderr() {
    let mut s = presets::example_city();
    s.gateways[2].checkpoint.staff_per_shift = 66;
    let path = scratch("staff.json", &json(&s));
    let output = cordon()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(stdout(&output), "ok\n");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "{}: warning: gateways[2].checkpoint.staff_per_shift: 66 staff per shift but 22 posts; 44 of them have no post and check nobody\n",
            path.display()
        )
    );
}

#[test]
fn run_prints_each_gateway() {
    let s = small_scenario();
    let output = run_output(&["--runs", "4"], &s);
    let v: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let highway = &v["gateways"][2];
    assert_eq!(highway["name"], "Highway exits (6)");
    assert_eq!(highway["kind"], "highway_exit");
    assert!(highway["p_short"].is_number());
    assert!(highway["peak_hour_wait_minutes"]["p95"].is_number());
    assert!(highway["unchecked_by_cap"]["p50"].is_number());
    assert!(highway["infected_unchecked"]["mean"].is_number());
    assert_eq!(
        highway["daily"]["arrivals"]["p50"]
            .as_array()
            .unwrap()
            .len(),
        40
    );
}

#[test]
fn validate_names_every_bad_field() {
    let mut s = presets::example_city();
    s.gateways[1].risk_area_share = 1.5;
    s.quarantine.days = 0;
    let path = scratch("bad.json", &json(&s));
    let output = fails(cordon().arg("validate").arg(&path));
    let text = stderr(&output);
    let lines: Vec<&str> = text.lines().collect();
    // One line per problem, each naming the file and the field (in the
    // validator's order).
    assert_eq!(lines.len(), 2, "{text}");
    let line = |field: &str| {
        lines
            .iter()
            .find(|l| l.contains(field))
            .unwrap_or_else(|| panic!("no {field}: {text}"))
            .to_string()
    };
    let share = line("gateways[1].risk_area_share");
    assert!(
        share.starts_with(&format!("{}: ", path.display())),
        "{text}"
    );
    assert!(share.contains("1.5"), "{text}");
    line("quarantine.days");
    assert!(stdout(&output).is_empty());
}

#[test]
fn validate_reports_json_errors_with_line_and_column() {
    let path = scratch("broken.json", "{\n  \"runs\": 10,\n  \"days\": ,\n}");
    let output = fails(cordon().arg("validate").arg(&path));
    let text = stderr(&output);
    assert!(text.contains("broken.json:3:"), "{text}");

    let output = fails(
        cordon()
            .args(["validate", "-"])
            .write_stdin("{\"runs\": 10,\n \"colour\": 3}"),
    );
    let text = stderr(&output);
    assert!(text.contains("<stdin>:2:"), "{text}");
    assert!(text.contains("unknown field `colour`"), "{text}");

    let output = fails(
        cordon()
            .args(["validate", "-"])
            .write_stdin("{\"runs\": \"many\"}"),
    );
    assert!(
        stderr(&output).contains("invalid type"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn validate_reports_unreadable_files() {
    let output = fails(cordon().args(["validate", "/no/such/scenario.json"]));
    assert!(stderr(&output).contains("/no/such/scenario.json"));
    let path = scratch("binary.json", "");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x80]).unwrap();
    cordon().arg("validate").arg(&path).assert().code(2);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    cordon().arg("validate").arg(&dir).assert().code(2);
}

fn run_output(args: &[&str], scenario: &Scenario) -> std::process::Output {
    cordon()
        .arg("run")
        .arg("-")
        .args(args)
        .write_stdin(json(scenario))
        .assert()
        .success()
        .get_output()
        .clone()
}

#[test]
fn run_prints_results_as_json() {
    let s = small_scenario();
    let output = run_output(&["--threads", "2"], &s);
    let results: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(results["runs"], 24);
    assert_eq!(results["seed"], s.seed);
    assert_eq!(results["days"], 40);
    let summary = &results["summary"];
    for key in [
        "p_no_local_transmission",
        "p_contained",
        "p_quarantine_exceeded",
        "p_beds_exceeded",
    ] {
        let p = summary[key].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p), "{key}");
    }
    assert!(summary.get("caught_at_checkpoint_share").is_some());
    assert!(summary.get("days_to_first_local_detection").is_some());
    for key in [
        "local_infections",
        "imported_infections",
        "peak_quarantine_rooms",
        "peak_hospital_beds",
        "peak_tests_per_day",
        "peak_tracing_backlog",
        "max_checkpoint_wait_minutes",
    ] {
        for stat in ["mean", "p5", "p25", "p50", "p75", "p95"] {
            assert!(summary[key][stat].is_number(), "{key}.{stat}");
        }
    }
    // How much is needed: the engine's figures from the same runs unlimited.
    let batch = Batch::new(&s).unwrap();
    let expected = needed(&s, &batch.unlimited().run_range(0..s.runs));
    let printed: Needed = serde_json::from_value(results["needed"].clone()).unwrap();
    assert_eq!(printed, expected);
    assert_eq!(printed.runs, 24);
    // Inspectors per shift needed, gateway by gateway (the plan's figure).
    for (g, staff) in cordon_engine::checkpoint_staff_needed(&s)
        .iter()
        .enumerate()
    {
        assert_eq!(
            results["gateways"][g]["needed_staff_per_shift"].as_u64(),
            staff.map(u64::from),
            "gateway {g}"
        );
    }
    let daily = results["daily"].as_object().unwrap();
    assert_eq!(daily.len(), Series::ALL.len());
    for series in Series::ALL {
        let band = &daily[series.key()];
        for stat in ["mean", "p5", "p25", "p50", "p75", "p95"] {
            assert_eq!(band[stat].as_array().unwrap().len(), 40, "{}", series.key());
        }
    }
}

#[test]
fn run_results_do_not_depend_on_threads() {
    let s = small_scenario();
    let one = stdout(&run_output(&["--threads", "1"], &s));
    let two = stdout(&run_output(&["--threads", "2"], &s));
    let many = stdout(&run_output(&["--threads", "7"], &s));
    assert_eq!(one, two);
    assert_eq!(one, many);
}

#[test]
fn run_overrides_runs_and_seed() {
    let s = small_scenario();
    let output = run_output(&["--runs", "5", "--seed", "7"], &s);
    let results: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(results["runs"], 5);
    assert_eq!(results["seed"], 7);
    assert_eq!(
        results["local_infections_by_run"].as_array().unwrap().len(),
        5
    );
}

#[test]
fn run_writes_valid_json_with_unlimited_capacities() {
    let mut s = small_scenario();
    s.runs = 4;
    s.quarantine.unlimited_rooms = true;
    s.hospital.unlimited_beds = true;
    s.testing.unlimited = true;
    s.tracing.unlimited = true;
    let output = run_output(&["--pretty"], &s);
    let text = stdout(&output);
    assert!(!text.contains("Infinity") && !text.contains("NaN"));
    let results: Value = serde_json::from_str(&text).unwrap();
    // Unlimited capacities are written as null.
    assert!(results["daily"]["rooms_capacity"]["p50"][0].is_null());
}

#[test]
fn run_writes_the_documented_csv_files() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cordon-cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("results.csv");
    let mut s = small_scenario();
    s.runs = 6;
    s.hospital.unlimited_beds = true;
    run_output(&["--csv", csv.to_str().unwrap(), "--threads", "2"], &s);
    let daily = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = daily.lines().collect();
    assert_eq!(lines[0], "day,series,mean,p5,p25,p50,p75,p95");
    assert_eq!(lines[0], report::DAILY_HEADER);
    assert_eq!(lines.len() - 1, 40 * Series::ALL.len());
    // Day-major, series in Series::ALL order within a day.
    assert!(lines[1].starts_with("1,imported_infections,"));
    assert!(lines[1 + Series::ALL.len()].starts_with("2,imported_infections,"));
    // Unlimited beds: empty cells.
    assert!(lines.contains(&"8,beds_capacity,,,,,,"), "{daily}");
    let summary = std::fs::read_to_string(dir.join("results-summary.csv")).unwrap();
    assert!(summary.starts_with("metric,value\n"), "{summary}");
    assert!(summary.contains("\np_no_local_transmission,"));
    assert!(summary.contains("\nlocal_infections.p95,"));
    assert!(summary.contains("\nruns,6\n"));
    assert!(summary.contains(&format!("\nseed,{}\n", s.seed)));
    assert!(summary.contains("\nneeded.quarantine_rooms.p95,"));
    assert!(summary.contains("\nneeded.tracing.p90,"));
    // Byte for byte what the engine's report (and so the page) writes.
    let mut results = cordon_engine::run_all(&s).unwrap();
    let batch = Batch::new(&s).unwrap();
    results.needed = Some(needed(&s, &batch.unlimited().run_range(0..s.runs)));
    cordon_engine::set_checkpoint_staff_needed(&s, &mut results);
    assert!(summary.contains("\ngateway.0.needed_staff_per_shift,"));
    assert_eq!(daily, report::daily_csv(&results));
    assert_eq!(summary, report::summary_csv(&results));
    let gateways = std::fs::read_to_string(dir.join("results-gateways.csv")).unwrap();
    assert_eq!(gateways, report::gateways_csv(&results));
    assert!(gateways.starts_with("day,gateway,series,"));
    // Without an extension, the summary still gets its own name.
    let bare = dir.join("bare");
    run_output(&["--csv", bare.to_str().unwrap()], &s);
    assert_eq!(std::fs::read_to_string(&bare).unwrap(), daily);
    assert_eq!(
        std::fs::read_to_string(dir.join("bare-summary")).unwrap(),
        summary
    );
}

#[test]
fn a_scenario_file_with_a_byte_order_mark_validates_and_runs() {
    let s = small_scenario();
    let text = format!("\u{feff}{}", json(&s));
    let path = scratch("bom.json", &text);
    cordon()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout("ok\n");
    let output = cordon()
        .args(["run", "--runs", "3"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    let results: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(results["runs"], 3);
    assert_eq!(results["seed"], s.seed);
    cordon()
        .args(["link", "encode", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(format!("{}\n", cordon_engine::link::encode(&s)));
    // A BOM in front of broken JSON: still its line and column.
    let output = fails(
        cordon()
            .args(["validate", "-"])
            .write_stdin("\u{feff}{\n  \"runs\": ,\n}"),
    );
    let text = stderr(&output);
    assert!(
        text.starts_with("<stdin>:2:11: not a valid scenario file: "),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[test]
fn run_overrides_apply_before_the_check() {
    let mut s = small_scenario();
    s.runs = 0;
    fails(cordon().args(["run", "-"]).write_stdin(json(&s)));
    let output = run_output(&["--runs", "2"], &s);
    let results: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(results["runs"], 2);
}

#[test]
fn run_rejects_bad_input() {
    let s = small_scenario();
    for args in [
        vec!["--runs", "0"],
        vec!["--runs", "many"],
        vec!["--runs", "-3"],
        vec!["--threads", "0"],
        vec!["--threads", "two"],
        vec!["--seed", "-1"],
        vec!["--csv", "/no/such/dir/results.csv"],
    ] {
        let output = fails(
            cordon()
                .args(["run", "-"])
                .args(&args)
                .write_stdin(json(&s)),
        );
        let text = stderr(&output);
        assert!(!text.is_empty(), "{args:?}");
        assert!(!text.contains("panicked"), "{args:?}: {text}");
    }
    // An invalid scenario names its field.
    let mut bad = small_scenario();
    bad.hospital.stay_days = 0;
    let output = fails(cordon().args(["run", "-"]).write_stdin(json(&bad)));
    assert!(stderr(&output).contains("hospital.stay_days"));
    cordon()
        .args(["run", "-"])
        .write_stdin("not json")
        .assert()
        .code(2);
    cordon()
        .args(["run", "/no/such/file.json"])
        .assert()
        .code(2);
}

#[test]
fn link_encode_and_decode_round_trip() {
    let mut s = presets::holiday_return();
    s.community.grid_workers = 12_345;
    s.name = "节后返程 drill".into();
    let path = scratch("link.json", &json(&s));
    let output = cordon()
        .args(["link", "encode"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    let fragment = stdout(&output).trim().to_string();
    assert!(fragment.starts_with("s1."), "{fragment}");
    assert_eq!(cordon_engine::link::decode(&fragment).unwrap(), s);

    let url = format!("https://cordon.example.org/#{fragment}");
    let output = cordon()
        .args(["link", "decode", &url])
        .assert()
        .success()
        .get_output()
        .clone();
    let decoded: Scenario = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(decoded, s);

    // Through standard input as well.
    cordon()
        .args(["link", "encode", "-"])
        .write_stdin(json(&s))
        .assert()
        .success()
        .stdout(format!("{fragment}\n"));
}

#[test]
fn link_decode_rejects_bad_links() {
    for (link, code) in [
        ("hello", "not_a_link"),
        ("s9.AAAA", "unsupported_version"),
        ("s1.!!!", "bad_encoding"),
        ("s1.AAAAAAAA", "corrupt"),
    ] {
        let output = fails(cordon().args(["link", "decode", link]));
        let text = stderr(&output);
        assert!(text.contains(code), "{link}: {text}");
        assert!(stdout(&output).is_empty());
    }
    // A tampered link.
    let good = cordon_engine::link::encode(&small_scenario());
    let mut chars: Vec<char> = good.chars().collect();
    let i = chars.len() / 2;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    let bad: String = chars.into_iter().collect();
    cordon().args(["link", "decode", &bad]).assert().code(2);
}

#[test]
fn link_encode_rejects_invalid_scenarios() {
    let mut s = presets::example_city();
    s.runs = 0;
    let output = fails(cordon().args(["link", "encode", "-"]).write_stdin(json(&s)));
    assert!(stderr(&output).contains("runs"));
}

#[test]
fn usage_errors_exit_2() {
    cordon().assert().code(2);
    cordon().arg("frobnicate").assert().code(2);
    cordon().args(["validate"]).assert().code(2);
    cordon().args(["link"]).assert().code(2);
}

/// `cordon schema` states every registry field's bounds, as validation does.
#[test]
fn schema_states_every_fields_bounds() {
    use cordon_engine::fields::{Scope, FIELDS};
    let schema = schema();
    // Follows `$ref`s and steps into every `oneOf` alternative.
    fn nodes<'a>(root: &'a Value, node: &'a Value) -> Vec<&'a Value> {
        if let Some(target) = node.get("$ref").and_then(Value::as_str) {
            return nodes(root, root.pointer(target.trim_start_matches('#')).unwrap());
        }
        match node.get("oneOf").and_then(Value::as_array) {
            Some(list) => list.iter().flat_map(|n| nodes(root, n)).collect(),
            None => vec![node],
        }
    }
    let mut checked = 0;
    for field in FIELDS.iter().filter(|f| f.is_number()) {
        let mut current = vec![&schema];
        if field.scope == Scope::Gateway {
            current = vec![&schema["properties"]["gateways"]["items"]];
        }
        for segment in field.path.split('.') {
            current = current
                .into_iter()
                .flat_map(|n| nodes(&schema, n))
                .filter_map(|n| n.get("properties").and_then(|p| p.get(segment)))
                .collect();
        }
        assert!(!current.is_empty(), "{} is not in the schema", field.path);
        for node in current.into_iter().flat_map(|n| nodes(&schema, n)) {
            assert_eq!(node["minimum"].as_f64(), Some(field.min), "{}", field.path);
            assert_eq!(node["maximum"].as_f64(), Some(field.max), "{}", field.path);
            checked += 1;
        }
    }
    assert!(checked > 80, "{checked} bounds checked");
}

/// `cordon schema` offers every change kind of the timeline, each number
/// with the bounds `check_event` applies (from `cordon_engine::CHANGE_KINDS`).
#[test]
fn schema_states_every_change_kinds_bounds() {
    let schema = schema();
    let variants = schema["$defs"]["Change"]["oneOf"].as_array().unwrap();
    assert_eq!(variants.len(), cordon_engine::CHANGE_KINDS.len());
    for kind in cordon_engine::CHANGE_KINDS {
        let variant = variants
            .iter()
            .find(|v| v["properties"]["type"]["const"] == kind.key)
            .unwrap_or_else(|| panic!("{} is not in the schema", kind.key));
        for number in kind.numbers {
            let node = &variant["properties"][number.name];
            assert_eq!(node["minimum"].as_f64(), Some(number.min), "{}", kind.key);
            assert_eq!(node["maximum"].as_f64(), Some(number.max), "{}", kind.key);
        }
    }
}

#[test]
fn run_writes_each_run_and_a_line_list() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cordon-cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let per_run = dir.join("per-run.csv");
    let line_list = dir.join("line-list.csv");
    let mut s = small_scenario();
    s.runs = 8;
    s.initial_infections = 3;
    let output = run_output(
        &[
            "--per-run",
            per_run.to_str().unwrap(),
            "--line-list",
            line_list.to_str().unwrap(),
            "--line-list-run",
            "2",
        ],
        &s,
    );
    let v: Value = serde_json::from_str(&stdout(&output)).unwrap();
    // Each run's rows add up to its local infections in the JSON.
    let text = std::fs::read_to_string(&per_run).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "run,day,imported_infections,local_infections,detected_imported,detected_local"
    );
    assert_eq!(lines.clone().count(), 8 * 40);
    let by_run = v["local_infections_by_run"].as_array().unwrap();
    for (i, expected) in by_run.iter().enumerate() {
        let total: f64 = lines
            .clone()
            .filter(|l| l.starts_with(&format!("{},", i + 1)))
            .map(|l| l.split(',').nth(3).unwrap().parse::<f64>().unwrap())
            .sum();
        assert_eq!(total, expected.as_f64().unwrap(), "run {}", i + 1);
    }
    // The line list of run 2 (index 1): the engine's, byte for byte, one
    // row per infection, the three seeds on day 1.
    let batch = Batch::new(&s).unwrap();
    let entries = batch.line_list(1);
    let list = std::fs::read_to_string(&line_list).unwrap();
    assert_eq!(list, report::line_list_csv(&entries));
    assert_eq!(
        list.lines().count() - 1,
        batch.run(1).summary.total_infections as usize
    );
    assert_eq!(
        list.lines().filter(|l| l.ends_with(",seeded")).count(),
        3,
        "{list}"
    );
    assert!(v["presymptomatic_share"].as_f64().unwrap() > 0.5);
    assert_eq!(v["summary"]["containment_first_day"], 27);
    assert_eq!(v["summary"]["containment_last_day"], 40);
    // A run beyond the batch is refused.
    fails(
        cordon()
            .args(["run", "-", "--line-list"])
            .arg(&line_list)
            .args(["--line-list-run", "9"])
            .write_stdin(json(&s)),
    );
}
