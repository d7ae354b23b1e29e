//! Benchmarks of the decision tools (issue 11's figures, not timed tests):
//! `cargo bench -p cordon-engine --bench decide` (add `-- --quick` for one
//! pass). Both on the example city, 1,000 runs a batch, on one thread (the
//! page spreads the batches over up to four workers):
//!
//! - the tornado of 8 levers (17 batches: the plan and each lever ±20 %),
//!   P(contained) (aim in the page: under 5 s);
//! - the rooms optimiser: the fewest rooms (to the room) for P(rooms
//!   exceeded) ≤ 5 %, with its fresh-seed check (aim: under 30 s).

use cordon_engine::decide::{
    optimise, tornado, Costs, Lever, LeverKind, LeverRange, OptimiseSpec, Outcome, Step,
    TornadoSpec,
};
use cordon_engine::{presets, Capacity};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;

fn decide(c: &mut Criterion) {
    let city = presets::example_city();
    let mut group = c.benchmark_group("decide");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));

    // Eight levers: the busiest gateways' checkpoint staff and the six
    // city-wide levers.
    let mut levers = Lever::all(&city);
    levers.retain(|l| *l != Lever::checkpoint_staff(1));
    assert_eq!(levers.len(), 8);
    let spec = TornadoSpec {
        outcome: Outcome::Contained,
        step: Step::Percent(20.0),
        levers,
        runs: None,
    };
    group.bench_function("tornado, 8 levers, example city, 1,000 runs", |b| {
        b.iter(|| black_box(tornado(&city, &spec).unwrap()))
    });

    let mut costs = Costs::default();
    costs.0.insert("room_day".into(), 80.0);
    let spec = OptimiseSpec {
        targets: vec![cordon_engine::decide::Target {
            outcome: Outcome::Exceeded(Capacity::QuarantineRooms),
            bound: cordon_engine::decide::Bound::AtMost(0.05),
        }],
        costs,
        levers: vec![LeverRange {
            lever: Lever::city(LeverKind::QuarantineRooms),
            min: 0.0,
            max: 8_000.0,
            step: 1.0,
        }],
        runs: None,
        check_seed: None,
        max_evaluations: None,
        margin_standard_errors: None,
    };
    group.bench_function("rooms optimiser, example city, 1,000 runs", |b| {
        b.iter(|| black_box(optimise(&city, &spec).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, decide);
criterion_main!(benches);
