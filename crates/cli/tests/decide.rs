//! `cordon tornado`, `optimise`, `sweep` and `merge`, end to end: shards run
//! as separate processes merge into the unsharded result byte for byte.

use assert_cmd::Command;
use cordon_engine::{presets, Scenario};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn cordon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cordon"))
}

/// This test's scratch directory (`name` keeps tests apart).
fn dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("cordon-decide-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::write(path, text).unwrap();
    path.to_path_buf()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn plan(dir: &Path, runs: u32) -> PathBuf {
    let scenario = Scenario {
        runs,
        ..presets::example_city()
    };
    write(
        &dir.join("plan.json"),
        &serde_json::to_string_pretty(&scenario).unwrap(),
    )
}

const SPEC: &str = r#"{
  "name": "two cities, rooms × tracers",
  "bases": [
    {"id": "example", "scenario": {"days": 40}},
    {"id": "holiday", "preset": "holiday-return"}
  ],
  "grid": [
    {"field": "quarantine.rooms", "values": [2000, 4000]},
    {"field": "tracing.staff", "values": [100, 200]}
  ],
  "runs": 8,
  "seed": 11
}"#;

#[test]
fn three_shard_processes_merge_into_the_unsharded_result_byte_for_byte() {
    let dir = dir("shards");
    let spec = write(&dir.join("spec.json"), SPEC);
    let whole = dir.join("whole.json");
    cordon()
        .arg("sweep")
        .arg(&spec)
        .arg("--out")
        .arg(&whole)
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("JOB_COMPLETION_INDEX")
        .assert()
        .success();

    // Three processes at once, each finding its shard its own way: the
    // flag, a Slurm job array (ids 1..=3), a Kubernetes Indexed Job.
    let out = |i: u32| dir.join(format!("shard-{i}.json"));
    let command = |i: u32| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_cordon"));
        c.arg("sweep")
            .arg(&spec)
            .arg("--out")
            .arg(out(i))
            .args(["--threads", "1"])
            .env_remove("SLURM_ARRAY_TASK_ID")
            .env_remove("JOB_COMPLETION_INDEX")
            .stdout(Stdio::null());
        match i {
            0 => {
                c.args(["--shard", "0/3"]);
            }
            1 => {
                c.env("SLURM_ARRAY_TASK_ID", "2")
                    .env("SLURM_ARRAY_TASK_MIN", "1")
                    .env("SLURM_ARRAY_TASK_COUNT", "3");
            }
            _ => {
                c.env("JOB_COMPLETION_INDEX", "2")
                    .env("CORDON_SHARD_COUNT", "3");
            }
        }
        c
    };
    let children: Vec<_> = (0..3).map(|i| command(i).spawn().unwrap()).collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    for i in 0..3 {
        let shard: Value = serde_json::from_str(&std::fs::read_to_string(out(i)).unwrap()).unwrap();
        assert_eq!(
            (shard["shard"].as_u64(), shard["shards"].as_u64()),
            (Some(i.into()), Some(3))
        );
        assert_eq!(shard["items_total"], 8);
    }
    let merged = dir.join("merged.json");
    cordon()
        .arg("merge")
        .args([out(2), out(0), out(1)])
        .arg("--out")
        .arg(&merged)
        .assert()
        .success();
    let whole_bytes = std::fs::read(&whole).unwrap();
    assert_eq!(std::fs::read(&merged).unwrap(), whole_bytes);
    let result: Value = serde_json::from_slice(&whole_bytes).unwrap();
    assert_eq!(result["items"].as_array().unwrap().len(), 8);
    assert_eq!(
        result["items"][0]["id"],
        "example/quarantine.rooms=2000,tracing.staff=100"
    );
    assert!(result["items"][0]["outcomes"]["p_contained"].is_number());

    // Refused, naming the file: a missing shard, a shard twice, a shard of another sweep.
    let refused = |files: Vec<PathBuf>| {
        let output = cordon().arg("merge").args(files).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
        text(&output.stderr)
    };
    let missing = refused(vec![out(0), out(2)]);
    assert!(missing.contains("missing shard 1/3"), "{missing}");
    let copy = write(
        &dir.join("copy.json"),
        &std::fs::read_to_string(out(1)).unwrap(),
    );
    let twice = refused(vec![out(0), out(1), out(2), copy.clone()]);
    assert!(twice.contains("copy.json: shard 1 again"), "{twice}");
    let other_spec = write(
        &dir.join("other.json"),
        &SPEC.replace("\"seed\": 11", "\"seed\": 12"),
    );
    let foreign = dir.join("foreign.json");
    cordon()
        .arg("sweep")
        .arg(&other_spec)
        .args(["--shard", "1/3", "--out"])
        .arg(&foreign)
        .assert()
        .success();
    let message = refused(vec![out(0), foreign.clone(), out(2)]);
    assert!(
        message.contains("foreign.json: from another sweep"),
        "{message}"
    );
}

#[test]
fn the_slurm_file_runs_a_job_array_whose_shards_merge_into_the_whole() {
    let dir = dir("slurm");
    let spec = write(
        &dir.join("spec.json"),
        &SPEC.replace("\"runs\": 8", "\"runs\": 3"),
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/slurm-sweep.sbatch");
    let results = dir.join("results");
    // An array --array=1-5:2 (ids 1, 3, 5), as Slurm would run its tasks.
    for id in ["1", "3", "5"] {
        let status = std::process::Command::new("bash")
            .arg(&script)
            .arg(&spec)
            .arg(&results)
            .env("CORDON", env!("CARGO_BIN_EXE_cordon"))
            .env("SLURM_ARRAY_TASK_ID", id)
            .env("SLURM_ARRAY_TASK_MIN", "1")
            .env("SLURM_ARRAY_TASK_STEP", "2")
            .env("SLURM_ARRAY_TASK_COUNT", "3")
            .env("SLURM_CPUS_PER_TASK", "1")
            .env_remove("JOB_COMPLETION_INDEX")
            .status()
            .unwrap();
        assert!(status.success());
    }
    let shards: Vec<PathBuf> = ["1", "3", "5"]
        .iter()
        .map(|id| results.join(format!("shard-{id}.json")))
        .collect();
    let merged = cordon().arg("merge").args(&shards).output().unwrap();
    assert!(merged.status.success(), "{}", text(&merged.stderr));
    let whole = cordon()
        .arg("sweep")
        .arg(&spec)
        .env_remove("SLURM_ARRAY_TASK_ID")
        .output()
        .unwrap();
    assert!(whole.status.success());
    assert_eq!(merged.stdout, whole.stdout);
}

#[test]
fn sweep_refuses_bad_shards_and_specs() {
    let dir = dir("bad-sweep");
    let spec = write(&dir.join("spec.json"), SPEC);
    for (args, expected) in [
        (vec!["--shard", "3/3"], "not I/N"),
        (vec!["--shard", "x"], "not I/N"),
    ] {
        let output = cordon()
            .arg("sweep")
            .arg(&spec)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(
            text(&output.stderr).contains(expected),
            "{}",
            text(&output.stderr)
        );
    }
    let output = cordon()
        .arg("sweep")
        .arg(&spec)
        .env("JOB_COMPLETION_INDEX", "1")
        .env_remove("CORDON_SHARD_COUNT")
        .env_remove("SLURM_ARRAY_TASK_ID")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("CORDON_SHARD_COUNT"));
    let bad = write(
        &dir.join("bad.json"),
        &SPEC.replace("tracing.staff", "tracing.stuff"),
    );
    let output = cordon().arg("sweep").arg(&bad).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = text(&output.stderr);
    assert!(
        message.starts_with(&format!("{}: ", bad.display())),
        "{message}"
    );
    assert!(message.contains("tracing.stuff"), "{message}");
}

#[test]
fn tornado_prints_every_lever_and_refuses_bad_syntax() {
    let dir = dir("tornado");
    let plan = plan(&dir, 40);
    let output = cordon()
        .arg("tornado")
        .arg(&plan)
        .args(["--outcome", "p_exceeded.quarantine_rooms", "--step", "20%"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let tornado: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(tornado["rows"].as_array().unwrap().len(), 9);
    assert_eq!(tornado["rows"][0]["lever"], "rooms");
    assert_eq!(tornado["runs_used"], 19 * 40);
    assert!(tornado["elapsed_seconds"].as_f64().unwrap() > 0.0);
    let table = cordon()
        .arg("tornado")
        .arg(&plan)
        .args([
            "--step-people",
            "10",
            "--lever",
            "beds",
            "--lever",
            "checkpoint_staff[2]",
            "--text",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = text(&table);
    assert!(
        table.contains("beds") && table.contains("checkpoint_staff[2]"),
        "{table}"
    );
    for bad in [
        vec!["--step", "0%"],
        vec!["--outcome", "nothing"],
        vec!["--lever", "checkpoint_staff"],
        vec!["--step", "10%", "--step-people", "3"],
    ] {
        let output = cordon()
            .arg("tornado")
            .arg(&plan)
            .args(&bad)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
        assert!(!output.stderr.is_empty());
    }
    let output = cordon()
        .arg("tornado")
        .arg(&plan)
        .args(["--lever", "checkpoint_staff[7]"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("checkpoint_staff[7]"));
}

/// `cordon optimise` of a plan file with these arguments.
fn optimise(plan: &Path, args: &[&str]) -> std::process::Output {
    cordon()
        .arg("optimise")
        .arg(plan)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn optimise_sizes_rooms_says_when_no_plan_can_and_refuses_bad_syntax() {
    let dir = dir("optimise");
    let plan = plan(&dir, 150);
    let found = dir.join("found.json");
    let output = optimise(
        &plan,
        &[
            "--target",
            "p_exceeded.quarantine_rooms<=5%",
            "--cost",
            "room_day=80",
            "--lever",
            "rooms=1000..8000/50",
            "--out",
            found.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["status"], "found");
    let rooms = result["staffing"][0]["value"].as_f64().unwrap();
    assert!((1000.0..8000.0).contains(&rooms));
    assert_eq!(result["check"]["all_met"], true);
    let scenario: Scenario =
        serde_json::from_str(&std::fs::read_to_string(&found).unwrap()).unwrap();
    assert_eq!(f64::from(scenario.quarantine.rooms), rooms);

    // Out of reach: answered, with the best value reached.
    let output = optimise(
        &plan,
        &[
            "--target",
            "p_contained>=99%",
            "--cost",
            "room_day=80",
            "--lever",
            "rooms",
            "--text",
        ],
    );
    assert!(output.status.success());
    let report = text(&output.stdout);
    assert!(
        report.starts_with(
            "no plan within these bounds meets p_contained ≥ 99.0 %; the best reaches "
        ),
        "{report}"
    );
    assert!(report.contains("1 plans evaluated"), "{report}");

    // A valid target and cost with a bad lever.
    let lever = |range| {
        vec![
            "--target",
            "p_contained>=95%",
            "--cost",
            "room_day=1",
            "--lever",
            range,
        ]
    };
    for bad in [
        vec!["--target", "p_contained=95%", "--cost", "room_day=1"],
        vec!["--target", "p_contained<=95%", "--cost", "room_day=1"],
        vec!["--target", "p_contained>=95%", "--cost", "room=1"],
        lever("rooms=5..1"),
        lever("beds=0..10"),
        lever("rooms=1..x"),
        vec!["--cost", "room_day=1"],
    ] {
        let output = optimise(&plan, &bad);
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
        let message = text(&output.stderr);
        assert!(message.starts_with("error: "), "{bad:?}: {message}");
    }
}
