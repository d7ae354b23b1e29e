//! Benchmarks of the brief's "Speed and size" targets (figures, not timed
//! tests): `cargo bench -p cordon-engine` (add `-- --quick` for one pass).
//!
//! - the example city, 1,000 Monte Carlo runs of 120 days on one thread
//!   (target: well under a second natively);
//! - aggregation of those 1,000 runs into percentile bands;
//! - one run of a 20-million-person city with a 100,000-infection outbreak
//!   (target: under a second, memory bounded by infections);
//! - one run of issue 9's uncontrolled outbreak in a 100,000-person city
//!   (and in cities of 1 and 10 million, [`presets::uncontrolled_outbreak`]); `tools/bench-compare.sh` times the
//!   same scenarios against the engine of commit 7f15c09 side by side;
//! - scenario links: encoding (tries every base preset) and decoding.

use cordon_engine::{aggregate, link, presets, Batch, Scenario, Simulation};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// A 20-million-person city without gateways: 20 undetected infections on
/// day 0, a weak response (no zones, no mass or routine testing), and the
/// run cut at 100,000 infections, which it reaches in about 45 days.
fn big_city() -> Scenario {
    let mut s = presets::example_city();
    s.name = "20-million city, uncontrolled outbreak".into();
    s.city.population = 20_000_000;
    s.gateways.clear();
    s.initial_infections = 20;
    s.days = 60;
    s.runs = 1;
    s.response.zones.enabled = false;
    s.testing.mass_testing.enabled = false;
    s.testing.routine_screening.enabled = false;
    s
}

fn outbreak_run(c: &mut Criterion) {
    let mut group = c.benchmark_group("outbreak");
    group.sample_size(10);
    for (label, population) in [
        ("100k_people_one_run", 100_000),
        ("1M_people_one_run", 1_000_000),
        ("10M_people_one_run", 10_000_000),
    ] {
        let batch =
            Batch::new(&presets::uncontrolled_outbreak(population)).expect("the outbreak is valid");
        group.bench_function(label, |b| b.iter(|| black_box(batch.run_range(0..1))));
    }
    group.finish();
}

const BIG_CITY_INFECTIONS: u32 = 100_000;

fn example_city(c: &mut Criterion) {
    let scenario = presets::example_city();
    let batch = Batch::new(&scenario).expect("the example city is valid");
    let mut group = c.benchmark_group("example_city");
    group.sample_size(10);
    group.bench_function("1000_runs_120_days_one_thread", |b| {
        b.iter(|| black_box(batch.run_range(0..1_000)))
    });
    let outcomes = batch.run_range(0..1_000);
    group.bench_function("aggregate_1000_runs", |b| {
        b.iter(|| black_box(aggregate(&scenario, black_box(&outcomes))))
    });
    group.finish();
}

fn big_city_run(c: &mut Criterion) {
    let scenario = big_city();
    let run = || {
        let mut sim = Simulation::new(&scenario, 0).expect("the big city is valid");
        sim.set_infection_limit(BIG_CITY_INFECTIONS);
        sim.run_to_end()
    };
    let outcome = run();
    assert_eq!(outcome.summary.total_infections, BIG_CITY_INFECTIONS);
    let mut group = c.benchmark_group("big_city");
    group.sample_size(10);
    group.bench_function("20M_people_100k_infections_one_run", |b| {
        b.iter(|| black_box(run()))
    });
    group.finish();
}

fn links(c: &mut Criterion) {
    let mut s = presets::example_city();
    s.seed = 42;
    s.community.grid_workers = 12_000;
    s.quarantine.rooms = 5_000;
    s.testing.pool_size = 5;
    s.epidemiology.r0 = 6.2;
    let fragment = link::encode(&s);
    let mut group = c.benchmark_group("link");
    group.bench_function("encode_example_city_5_edits", |b| {
        b.iter(|| black_box(link::encode(black_box(&s))))
    });
    group.bench_function("decode_example_city_5_edits", |b| {
        b.iter(|| black_box(link::decode(black_box(&fragment))))
    });
    group.finish();
}

criterion_group!(benches, example_city, big_city_run, outbreak_run, links);
criterion_main!(benches);
