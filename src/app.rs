//! The planner page: the initial state, the effects at the top (workers,
//! storage, address bar) and the layout composing the components in
//! [`crate::components`]: the editor, then the results (verdict, the share
//! panel, the charts). In presentation mode the editor slides out over the
//! results from a button (Escape closes it).

use crate::components::compare_panel::ComparePanel;
use crate::components::decide_panel::{DecidePage, DecidePanel};
use crate::components::decide_switch::ViewSwitch;
use crate::components::editor::Editor;
use crate::components::header::{banners, Header};
use crate::components::results::ResultsView;
use crate::compute::use_monte_carlo;
use crate::decide::{DecideAction, View as DecideView};
use crate::decide_compute::use_decide;
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

/// Whether the keyboard focus is inside the editor (closing the drawer then
/// hands it back to the drawer's button rather than losing it).
fn document_has_focus_in_editor() -> bool {
    let document = web_sys::window().and_then(|w| w.document());
    let Some(document) = document else {
        return false;
    };
    match (
        document.active_element(),
        document.get_element_by_id("editor"),
    ) {
        (Some(active), Some(editor)) => editor.contains(Some(&active)),
        _ => false,
    }
}

fn initial_state() -> PlannerState {
    let lang = storage::load_lang().unwrap_or_else(storage::browser_lang);
    let fragment = storage::fragment();
    if fragment.starts_with('p') {
        // A plan-set link: its plans pinned, the last one current.
        let state = PlannerState::new(lang, "example-city", Scenario::default());
        return match cordon_engine::link::decode_plans(&fragment) {
            Ok(set) => crate::planner::reduce(&state, Action::OpenPlans(set)),
            Err(error) => {
                let mut state = with_saved_plans(state);
                state.link_problem = Some((error.code().to_string(), fragment));
                state
            }
        };
    }
    // An exercise link opens the drill view (`View::Drill`), not the planner.
    if !fragment.is_empty() && !crate::drill::is_exercise_link(&fragment) {
        match cordon_engine::link::decode(&fragment) {
            Ok(scenario) => {
                // The same scenario as saved here keeps its saved preset.
                let saved = storage::load_scenario()
                    .filter(|(_, s)| *s == scenario)
                    .map(|(p, _)| p);
                let preset =
                    saved.unwrap_or_else(|| crate::planner::preset_of(&scenario, "example-city"));
                let mut state = with_saved_plans(PlannerState::new(lang, preset, scenario));
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
    with_saved_plans(state)
}

/// The state with the plans pinned before the page was reloaded (to be
/// computed again).
fn with_saved_plans(mut state: PlannerState) -> PlannerState {
    if let Some(set) = storage::load_plans() {
        state.compare = crate::compare::CompareState::from_set(set);
        crate::compare::adopt_current(&mut state);
    }
    state
}

/// Which view the page shows: the planner, or the drill (桌面推演) opened
/// from the planner's scenario or from an exercise link (`#e1.…`).
#[derive(Clone, Debug, PartialEq)]
pub enum View {
    Planner,
    Drill(crate::drill_app::DrillStart),
}

/// The comparison panel for the state.
fn compare_panel(state: &PlannerState, dispatch: &Callback<Action>) -> Html {
    let table = crate::compare::table(state);
    let chart = table
        .as_ref()
        .map(|t| crate::compare::chart_plans(state, t))
        .unwrap_or_default();
    let differences = table
        .as_ref()
        .map(|t| crate::compare::difference_plans(state, t))
        .unwrap_or_default();
    html! {
        <ComparePanel
            lang={state.lang}
            table={table.map(Rc::new)}
            chart={Rc::new(chart)}
            differences={Rc::new(differences)}
            pinned={state.compare.plans.len()}
            can_pin={crate::compare::can_pin(state)}
            set={Rc::new(crate::compare::CompareState::shared_set(state))}
            on_action={dispatch.reform(Action::Compare)}
            on_open={dispatch.reform(Action::OpenPlans)}
        />
    }
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let page = use_reducer(|| Page(initial_state()));
    let view = use_state(crate::drill_app::initial_view);
    let state = &page.0;
    let dispatch = page.dispatcher().to_callback();

    // Effect: compute the current scenario in the workers.
    use_monte_carlo(
        state.progress.generation,
        state.scenario.clone(),
        dispatch.clone(),
    );
    // Effect: compute the pinned plans that have no runs yet.
    crate::compare_compute::use_pinned_runs(
        state.compare.pending(state.progress.generation),
        dispatch.clone(),
    );
    // Effect: keep the pinned plans in the browser.
    use_effect_with(state.compare.pinned_set(), storage::save_plans);
    // The Decide view (tornado, optimiser) and its effect: its work in the workers.
    let decide = use_reducer(DecidePage::default);
    let decide_dispatch = decide.dispatcher().to_callback();
    use_decide(
        decide.0.job.clone(),
        decide.0.view == DecideView::Decide,
        state.lang,
        decide_dispatch.clone(),
    );
    // Effect: keep the edit in the browser and in the address bar (the
    // drill view keeps its exercise there instead).
    {
        let preset = state.preset;
        let planner = matches!(*view, View::Planner);
        use_effect_with(
            (state.scenario.clone(), planner),
            move |(scenario, planner)| {
                storage::save_scenario(preset, scenario);
                if *planner {
                    storage::set_fragment(&cordon_engine::link::encode(scenario));
                }
            },
        );
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
        let view = view.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "hashchange", move |_| {
                    let fragment = storage::fragment();
                    if fragment.is_empty() {
                        return;
                    }
                    // An exercise link opens the drill view on it.
                    if crate::drill::is_exercise_link(&fragment) {
                        view.set(View::Drill(crate::drill_app::DrillStart::Link {
                            link: fragment,
                            room_only: false,
                        }));
                        return;
                    }
                    if fragment.starts_with('p') {
                        match cordon_engine::link::decode_plans(&fragment) {
                            Ok(set) => dispatch.emit(Action::OpenPlans(set)),
                            Err(error) => dispatch.emit(Action::LinkProblem {
                                code: error.code().to_string(),
                                link: fragment,
                            }),
                        }
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

    // Presentation mode: the editor as a drawer over the results.
    let drawer_open = use_state_eq(|| false);
    let drawer_shown = state.presentation && *drawer_open;
    {
        // Opening moves the focus into the editor, closing back to the button.
        use_effect_with(drawer_shown, move |shown| {
            let id = if *shown { "editor" } else { "editor-toggle" };
            if let Some(element) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(id))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                if *shown || document_has_focus_in_editor() {
                    let _ = element.focus();
                }
            }
        });
    }
    let toggle_drawer = {
        let drawer_open = drawer_open.clone();
        Callback::from(move |_: MouseEvent| drawer_open.set(!*drawer_open))
    };
    let close_on_escape = {
        let drawer_open = drawer_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *drawer_open {
                e.prevent_default();
                drawer_open.set(false);
            }
        })
    };

    let lang = state.lang;
    if let View::Drill(start) = &*view {
        let back = {
            let view = view.clone();
            Callback::from(move |_| view.set(View::Planner))
        };
        let set_lang = {
            let dispatch = dispatch.clone();
            Callback::from(move |lang| dispatch.emit(Action::SetLang(lang)))
        };
        return html! {
            <crate::drill_app::DrillApp
                key={start.key()}
                start={start.clone()}
                {lang}
                results={state.results.clone().filter(|_| !state.stale && !state.computing())}
                planner_scenario={state.scenario.clone()}
                on_scenario={
                    let dispatch = dispatch.clone();
                    Callback::from(move |s: Scenario| dispatch.emit(Action::LoadScenario(Box::new(s))))
                }
                on_back={back}
                on_lang={set_lang}
            />
        };
    }
    let open_drill = {
        let view = view.clone();
        let scenario = state.scenario.clone();
        Callback::from(move |_| {
            view.set(View::Drill(crate::drill_app::DrillStart::Scenario(
                Box::new(scenario.clone()),
            )))
        })
    };
    let class = classes!(
        "page",
        state.presentation.then_some("presentation"),
        drawer_shown.then_some("editor-open")
    );
    html! {
        <div class={class} onkeydown={close_on_escape}>
            <a class="skip-link" href="#results">{ t(lang, "app.skip") }</a>
            <Header state={state.clone()} dispatch={dispatch.clone()} on_drill={open_drill} />
            { banners(state, &dispatch) }
            if state.presentation {
                <button
                    type="button"
                    id="editor-toggle"
                    class="editor-toggle"
                    aria-expanded={drawer_shown.to_string()}
                    aria-controls="editor"
                    onclick={toggle_drawer}
                    data-testid="editor-toggle"
                >
                    { t(lang, if drawer_shown { "app.editor_close" } else { "app.editor_open" }) }
                </button>
            }
            <main class="layout">
                <Editor state={state.clone()} dispatch={dispatch.clone()} />
                <section class="results" id="results" tabindex="-1" aria-label={t(lang, "app.results")}>
                    <ViewSwitch view={decide.0.view} {lang} on_choose={
                        let decide_dispatch = decide_dispatch.clone();
                        Callback::from(move |view: DecideView| decide_dispatch.emit(DecideAction::Show(view)))
                    } />
                    if decide.0.view == DecideView::Results {
                    <div id="results-panel" role="tabpanel" aria-labelledby="view-results">
                    <ResultsView state={state.clone()}>
                        { compare_panel(state, &dispatch) }
                        <crate::share::SharePanel
                            scenario={state.scenario.clone()}
                            results={state.results.clone()}
                            {lang}
                            on_load={
                                let dispatch = dispatch.clone();
                                Callback::from(move |s: Scenario| dispatch.emit(Action::LoadScenario(Box::new(s))))
                            }
                        />
                    </ResultsView>
                    </div>
                    }
                    <DecidePanel
                        state={decide.0.clone()}
                        scenario={Rc::new(state.scenario.clone())}
                        inputs_valid={state.inputs_valid()}
                        {lang}
                        presentation={state.presentation}
                        dispatch={decide_dispatch.clone()}
                        on_load={
                            let dispatch = dispatch.clone();
                            Callback::from(move |s: Scenario| dispatch.emit(Action::LoadScenario(Box::new(s))))
                        }
                    />
                </section>
            </main>
        </div>
    }
}
