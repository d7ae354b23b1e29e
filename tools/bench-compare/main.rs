//! The timing harness of `tools/bench-compare.sh`: the engine of an older
//! commit (`old`, a git dependency) and of this tree (`new`, a path
//! dependency) linked into one program, so that both run the same scenario
//! file the same way. The script writes this crate's Cargo.toml into
//! target/bench-compare/harness (with the commit and the paths) and times
//! each engine in its own process (CPU time, peak memory).
//!
//!   harness example                    the old engine's example city, as JSON
//!   harness old|new FILE RUNS          runs 0..RUNS of FILE on one thread;
//!                                      prints ms per run (wall) and infections

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [command] if command == "example" => {
            let example = old::presets::example_city();
            println!("{}", serde_json::to_string_pretty(&example).expect("serialisable"));
        }
        [engine, file, runs] => {
            let text = std::fs::read_to_string(file).expect("the scenario file is readable");
            let runs: u32 = runs.parse().expect("RUNS is a number");
            let start = Instant::now();
            let infections: u64 = match engine.as_str() {
                "old" => {
                    let scenario: old::Scenario = serde_json::from_str(&text).expect("a scenario");
                    let batch = old::Batch::new(&scenario).expect("valid");
                    batch
                        .run_range(0..runs)
                        .iter()
                        .map(|o| u64::from(o.summary.total_infections))
                        .sum()
                }
                "new" => {
                    let scenario: new::Scenario = serde_json::from_str(&text).expect("a scenario");
                    let batch = new::Batch::new(&scenario).expect("valid");
                    batch
                        .run_range(0..runs)
                        .iter()
                        .map(|o| u64::from(o.summary.total_infections))
                        .sum()
                }
                other => panic!("unknown engine {other}: old or new"),
            };
            let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs.max(1));
            println!("{ms:.3} {infections}");
        }
        _ => {
            eprintln!("usage: harness example | harness old|new FILE RUNS");
            std::process::exit(2);
        }
    }
}
