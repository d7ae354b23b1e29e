//! The timing harness of `tools/bench-compare.sh`: the engine of an older
//! commit (`old`, a git dependency) and of this tree (`new`, a path
//! dependency) linked into one program, so that both run the same scenario
//! file the same way. The script writes this crate's Cargo.toml into
//! target/bench-compare/harness (with the commit and the paths) and times
//! each engine in its own process (CPU time, peak memory).
//!
//!   harness example                    the old engine's example city, as JSON
//!   harness old|new FILE RUNS          runs 0..RUNS of FILE on one thread,
//!                                      then aggregates them; prints the CPU
//!                                      ms per run, the CPU ms of the
//!                                      aggregation and the infections
//!
//! CPU time is this thread's time on a CPU from /proc/thread-self/schedstat
//! (nanoseconds; Linux): on a busy machine wall time says little.

/// Milliseconds this thread has spent on a CPU.
fn cpu_ms() -> f64 {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").expect("Linux schedstat");
    let ns: f64 = text.split_whitespace().next().and_then(|t| t.parse().ok()).expect("a number");
    ns / 1e6
}

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
            let start = cpu_ms();
            let (ran, infections) = match engine.as_str() {
                "old" => {
                    let scenario: old::Scenario = serde_json::from_str(&text).expect("a scenario");
                    let batch = old::Batch::new(&scenario).expect("valid");
                    let outcomes = batch.run_range(0..runs);
                    let ran = cpu_ms();
                    std::hint::black_box(old::aggregate(&scenario, &outcomes));
                    (ran, outcomes.iter().map(|o| u64::from(o.summary.total_infections)).sum::<u64>())
                }
                "new" => {
                    let scenario: new::Scenario = serde_json::from_str(&text).expect("a scenario");
                    let batch = new::Batch::new(&scenario).expect("valid");
                    let outcomes = batch.run_range(0..runs);
                    let ran = cpu_ms();
                    std::hint::black_box(new::aggregate(&scenario, &outcomes));
                    (ran, outcomes.iter().map(|o| u64::from(o.summary.total_infections)).sum::<u64>())
                }
                other => panic!("unknown engine {other}: old or new"),
            };
            let done = cpu_ms();
            let per_run = (ran - start) / f64::from(runs.max(1));
            println!("{per_run:.3} {:.1} {infections}", done - ran);
        }
        _ => {
            eprintln!("usage: harness example | harness old|new FILE RUNS");
            std::process::exit(2);
        }
    }
}
