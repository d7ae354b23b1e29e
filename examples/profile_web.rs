//! The engine in a browser without the page: what `tools/profile-web.mjs`
//! times and profiles in headless Chromium (issue 9 §1). Built as a
//! `cdylib` for wasm32 with the release profile, then passed through
//! `wasm-bindgen --target web` and `wasm-opt` as trunk does for the page's
//! worker, so the code measured is the code the worker runs.
//!
//! Each export does one piece of work and returns a small number derived
//! from its result (so nothing is optimised away); the script takes the
//! time around the call.

#[cfg(target_arch = "wasm32")]
mod web {
    use cordon_engine::{aggregate, presets, Batch, RunOutcome};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;

    thread_local! {
        /// The example city's last runs, for [`aggregate_example_city`].
        static OUTCOMES: RefCell<Vec<RunOutcome>> = const { RefCell::new(Vec::new()) };
    }

    /// Runs the example city's first `runs` runs on this thread and keeps
    /// their outcomes; returns the number of local infections in them.
    #[wasm_bindgen]
    pub fn example_city(runs: u32) -> f64 {
        let batch = Batch::new(&presets::example_city()).expect("the example city is valid");
        let outcomes = batch.run_range(0..runs);
        let infections = outcomes
            .iter()
            .map(|o| f64::from(o.summary.local_infections))
            .sum();
        OUTCOMES.with(|kept| *kept.borrow_mut() = outcomes);
        infections
    }

    /// Aggregates the runs kept by the last [`example_city`] into bands, as
    /// the page does; returns the median of the last day's local infections.
    #[wasm_bindgen]
    pub fn aggregate_example_city() -> f64 {
        let scenario = presets::example_city();
        OUTCOMES.with(|kept| {
            let results = aggregate(&scenario, &kept.borrow());
            results.summary.local_infections.p50
        })
    }

    /// One run of issue 9's uncontrolled outbreak in a city of `population`
    /// people; returns its infections.
    #[wasm_bindgen]
    pub fn outbreak(population: f64) -> f64 {
        let scenario = presets::uncontrolled_outbreak(population as u64);
        let batch = Batch::new(&scenario).expect("the outbreak is valid");
        f64::from(batch.run(0).summary.total_infections)
    }

    /// The example city's run 0 digest, as decimal text (the number pinned
    /// in `crates/engine/testdata/example_city_run0.digest`).
    #[wasm_bindgen]
    pub fn example_city_run0_digest() -> String {
        let batch = Batch::new(&presets::example_city()).expect("the example city is valid");
        batch.run(0).digest().to_string()
    }
}
