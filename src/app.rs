//! The planner page: the initial state, the effects at the top (workers,
//! storage, address bar) and the layout composing the components in
//! [`crate::components`].

use crate::components::editor::Editor;
use crate::components::header::{banners, Header};
use crate::components::results::ResultsView;
use crate::compute::use_monte_carlo;
use crate::i18n::t;
use crate::planner::{reduce, Action, PlannerState};
use crate::storage;
use cordon_engine::Scenario;
use std::rc::Rc;
use yew::prelude::*;

// The browser tests (tests/web.rs) mount these from here.
pub use crate::components::fan_chart::{FanChart, FanProps};
pub use crate::components::verdict::{Verdict, VerdictProps};

/// The reducer's state as Yew wants it.
#[derive(Clone, Debug, PartialEq)]
pub struct Page(pub PlannerState);

impl Reducible for Page {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Page(reduce(&self.0, action)))
    }
}

fn initial_state() -> PlannerState {
    let lang = storage::load_lang().unwrap_or_else(storage::browser_lang);
    let fragment = storage::fragment();
    if !fragment.is_empty() {
        match cordon_engine::link::decode(&fragment) {
            Ok(scenario) => {
                // The same scenario as saved here keeps its saved preset.
                let saved = storage::load_scenario()
                    .filter(|(_, s)| *s == scenario)
                    .map(|(p, _)| p);
                let preset =
                    saved.unwrap_or_else(|| crate::planner::preset_of(&scenario, "example-city"));
                let mut state = PlannerState::new(lang, preset, scenario);
                state.presentation = storage::load_presentation();
                return state;
            }
            Err(error) => {
                let mut state = PlannerState::new(lang, "example-city", Scenario::default());
                state.link_problem = Some((error.code().to_string(), fragment));
                return state;
            }
        }
    }
    let mut state = match storage::load_scenario() {
        Some((preset, scenario)) => PlannerState::new(lang, preset, scenario),
        None => PlannerState::new(lang, "example-city", Scenario::default()),
    };
    state.presentation = storage::load_presentation();
    state
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let page = use_reducer(|| Page(initial_state()));
    let state = &page.0;
    let dispatch = page.dispatcher().to_callback();

    // Effect: compute the current scenario in the workers.
    use_monte_carlo(
        state.progress.generation,
        state.scenario.clone(),
        dispatch.clone(),
    );
    // Effect: keep the edit in the browser and in the address bar.
    {
        let preset = state.preset;
        use_effect_with(state.scenario.clone(), move |scenario| {
            storage::save_scenario(preset, scenario);
            storage::set_fragment(&cordon_engine::link::encode(scenario));
        });
    }
    {
        use_effect_with(state.lang, move |lang| storage::save_lang(*lang));
    }
    {
        use_effect_with(state.presentation, move |on| {
            storage::save_presentation(*on)
        });
    }
    // Effect: a link pasted into this tab's address bar opens its scenario.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "hashchange", move |_| {
                    let fragment = storage::fragment();
                    if fragment.is_empty() {
                        return;
                    }
                    match cordon_engine::link::decode(&fragment) {
                        Ok(scenario) => dispatch.emit(Action::LoadScenario(Box::new(scenario))),
                        Err(error) => dispatch.emit(Action::LinkProblem {
                            code: error.code().to_string(),
                            link: fragment,
                        }),
                    }
                })
            });
            move || drop(listener)
        });
    }

    let lang = state.lang;
    let class = classes!("page", state.presentation.then_some("presentation"));
    html! {
        <div class={class}>
            <a class="skip-link" href="#results">{ t(lang, "app.skip") }</a>
            <Header state={state.clone()} dispatch={dispatch.clone()} />
            { banners(state, &dispatch) }
            <main class="layout">
                <Editor state={state.clone()} dispatch={dispatch.clone()} />
                <section class="results" id="results" tabindex="-1" aria-label={t(lang, "app.results")}>
                    <crate::share::SharePanel
                        scenario={state.scenario.clone()}
                        results={state.results.clone()}
                        {lang}
                        on_load={
                            let dispatch = dispatch.clone();
                            Callback::from(move |s: Scenario| dispatch.emit(Action::LoadScenario(Box::new(s))))
                        }
                    />
                    <ResultsView state={state.clone()} />
                </section>
            </main>
        </div>
    }
}
