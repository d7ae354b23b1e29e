//! Browser tests, run in headless Chromium by wasm-bindgen-test-runner.

#![cfg(target_arch = "wasm32")]

use cordon_engine::{presets, Batch, Scenario};
use cordon_web::app::{FanChart, FanProps, Verdict, VerdictProps};
use cordon_web::charts::{FanSpec, Line, BLUE};
use cordon_web::i18n::Lang;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// The same scenario and seed give bit-identical results natively and in
/// the browser: the native test pins the same digest.
#[wasm_bindgen_test]
fn run_digest_matches_native() {
    let golden: u64 = include_str!("../crates/engine/testdata/example_city_run0.digest")
        .trim()
        .parse()
        .unwrap();
    let batch = Batch::new(&presets::example_city()).unwrap();
    assert_eq!(batch.run(0).digest(), golden);
}

/// The example exercise of drill mode (main line, then its branch, every
/// day) replays bit-identically in the browser: the native test
/// (`crates/engine/tests/drill.rs`) pins the same digest.
#[wasm_bindgen_test]
fn drill_replay_digest_matches_native() {
    use cordon_engine::drill;
    let golden: u64 = include_str!("../crates/engine/testdata/drill_example.digest")
        .trim()
        .parse()
        .unwrap();
    let exercise = drill::example();
    let days = exercise.scenario.days;
    let mut all = drill::replay(&exercise, drill::Line::Main, days).unwrap();
    all.extend(drill::replay(&exercise, drill::Line::Branch(0), days).unwrap());
    assert_eq!(drill::digest(&all), golden);
}

/// Times the example city in the browser (figures for the notes: compare
/// with `cargo bench -p cordon-engine`). A measurement, not a test: run it
/// with `cargo test -p cordon-web --target wasm32-unknown-unknown --release
/// --test web example_city_speed_in_browser -- --include-ignored
/// --nocapture` (a build without wasm-opt; `./x bench-web` times the
/// worker's build with `tools/profile-web.mjs`).
#[wasm_bindgen_test]
#[ignore = "a measurement: run by ./x bench-web"]
fn example_city_speed_in_browser() {
    let scenario = presets::example_city();
    let batch = Batch::new(&scenario).unwrap();
    // The first pass runs in V8's baseline compiler; the second shows the
    // optimised code a long-lived worker runs.
    let cold_start = now_ms();
    let cold = batch.run_range(0..scenario.runs);
    let cold_ms = now_ms() - cold_start;
    let start = now_ms();
    let outcomes = batch.run_range(0..scenario.runs);
    let ran = now_ms();
    let results = cordon_engine::aggregate(&scenario, &outcomes);
    let done = now_ms();
    web_sys::console::log_1(
        &format!(
            "browser: example city {} runs x {} days in {:.0} ms (first pass {:.0} ms), aggregation {:.0} ms",
            scenario.runs,
            scenario.days,
            ran - start,
            cold_ms,
            done - ran
        )
        .into(),
    );
    assert_eq!(cold, outcomes, "the same runs give the same outcomes");
    assert_eq!(results.runs, scenario.runs);
}

fn mount() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

async fn settle() {
    // Let Yew render (it schedules work on the microtask queue).
    gloo::timers::future::TimeoutFuture::new(0).await;
}

fn small_results() -> Rc<cordon_engine::Results> {
    let scenario = Scenario {
        runs: 20,
        days: 30,
        ..presets::example_city()
    };
    Rc::new(cordon_engine::run_all(&scenario).unwrap())
}

#[wasm_bindgen_test]
async fn verdict_shows_probabilities_in_both_languages() {
    let results = small_results();
    let host = mount();
    let expected = cordon_web::i18n::percent(results.summary.p_no_local_transmission);
    yew::Renderer::<Verdict>::with_root_and_props(
        host.clone(),
        VerdictProps {
            results: results.clone(),
            lang: Lang::En,
            infection_limit: cordon_engine::DEFAULT_INFECTION_LIMIT,
            scenario: Rc::new(presets::example_city()),
        },
    )
    .render();
    settle().await;
    let text = host.text_content().unwrap();
    assert!(text.contains("No local transmission"), "{text}");
    assert!(text.contains(&expected), "{text}");
    let zh_host = mount();
    yew::Renderer::<Verdict>::with_root_and_props(
        zh_host.clone(),
        VerdictProps {
            results,
            lang: Lang::Zh,
            infection_limit: cordon_engine::DEFAULT_INFECTION_LIMIT,
            scenario: Rc::new(presets::example_city()),
        },
    )
    .render();
    settle().await;
    let zh_text = zh_host.text_content().unwrap();
    assert!(zh_text.contains("无本土传播"));
    assert!(zh_text.contains("95% 的模拟中够用所需"), "{zh_text}");
}

#[wasm_bindgen_test]
async fn fan_chart_draws_on_its_canvas() {
    let results = small_results();
    let host = mount();
    let props = FanProps {
        id: "chart-test",
        title: "chart.infections",
        spec: FanSpec {
            lines: vec![Line {
                series: cordon_engine::Series::ImportedInfections,
                label_key: "chart.imported",
                color: BLUE,
                bands: true,
            }],
            capacity: None,
        },
        results,
        events: std::rc::Rc::new(vec![(3, "Day 4: an event".to_string())]),
        lang: Lang::En,
        presentation: false,
    };
    yew::Renderer::<FanChart>::with_root_and_props(host.clone(), props).render();
    settle().await;
    settle().await;
    let canvas: web_sys::HtmlCanvasElement =
        wasm_bindgen::JsCast::dyn_into(host.query_selector("canvas#chart-test").unwrap().unwrap())
            .unwrap();
    assert!(canvas.width() >= 280);
    // Something other than white was drawn.
    let context: web_sys::CanvasRenderingContext2d =
        wasm_bindgen::JsCast::dyn_into(canvas.get_context("2d").unwrap().unwrap()).unwrap();
    let data = context
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data();
    let inked = data
        .chunks(4)
        .filter(|px| px[0] < 200 || px[1] < 200 || px[2] < 200)
        .count();
    assert!(inked > 500, "only {inked} inked pixels");
}
