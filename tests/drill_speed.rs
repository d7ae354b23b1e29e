//! How long the drill page's replays take on the page's thread (natively;
//! the browser build is within 1.5× of native): a bad realisation of every
//! preset played to its last day, then the after-action report (the line
//! again and the same run without decisions). Not a timed test:
//! `cargo test -p cordon-web --test drill_speed -- --ignored --nocapture`.

use cordon_web::drill::{reduce, DrillAction, DrillState, Pick};
use cordon_web::i18n::Lang;
use std::rc::Rc;

#[test]
#[ignore]
fn replay_speed() {
    for (name, scenario) in cordon_engine::presets::PRESETS
        .iter()
        .map(|p| (p.id, (p.build)()))
    {
        let mut state = DrillState::new(Lang::En, scenario);
        let locals: Vec<u32> = (0..state.exercise.scenario.runs)
            .map(|run| {
                let sim = cordon_engine::Simulation::new(&state.exercise.scenario, run).unwrap();
                sim.run_to_end().summary.local_infections
            })
            .collect();
        state = reduce(&state, DrillAction::PickRun(Pick::BadOne(Rc::new(locals))));
        let days = state.horizon();
        let started = std::time::Instant::now();
        let end = reduce(&state, DrillAction::RunTo(days));
        let full = started.elapsed();
        let started = std::time::Instant::now();
        let _ = reduce(&end, DrillAction::OpenReport);
        let report = started.elapsed();
        println!(
            "{name}, run {}: {} local infections; replay of {days} days {:.2} ms; report (replay + counterfactual) {:.2} ms",
            end.exercise.run,
            end.today().unwrap().truth.local_total,
            full.as_secs_f64() * 1e3,
            report.as_secs_f64() * 1e3
        );
    }
}
