//! The Decide view: "which lever buys most" and "size a plan to a target",
//! for the plan in the editor. Its state lives in the page (`App`), so a
//! computation and its answer survive switching views; while the results
//! are shown only the answers are in the page, hidden on screen and printed
//! after the results.

use super::decide_optimiser::OptimiserPanel;
use super::decide_tornado::TornadoPanel;
use crate::decide::{reduce, DecideAction, DecideState, View};
use crate::i18n::Lang;
use cordon_engine::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// The Decide reducer's state as Yew wants it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DecidePage(pub DecideState);

impl Reducible for DecidePage {
    type Action = DecideAction;
    fn reduce(self: Rc<Self>, action: DecideAction) -> Rc<Self> {
        Rc::new(DecidePage(reduce(&self.0, action)))
    }
}

/// Properties of the Decide view.
#[derive(Properties, PartialEq)]
pub struct DecidePanelProps {
    pub state: DecideState,
    /// The plan in the editor (the last valid one).
    pub scenario: Rc<Scenario>,
    /// The editor's inputs are all valid.
    pub inputs_valid: bool,
    pub lang: Lang,
    pub presentation: bool,
    pub dispatch: Callback<DecideAction>,
    /// Load a plan into the editor.
    pub on_load: Callback<Scenario>,
}

/// Whether the view is shown; if not, only the answers are in the page
/// (hidden on screen, printed after the results).
fn shown(state: &DecideState) -> bool {
    state.view == View::Decide
}

/// Both panels.
#[function_component(DecidePanel)]
pub fn decide_panel(props: &DecidePanelProps) -> Html {
    let state = &props.state;
    let visible = shown(state);
    let panels = html! {
        <>
            <TornadoPanel
                form={state.tornado_form.clone()}
                run={state.tornado.clone()}
                plan={state.tornado_plan.clone().map(Rc::new)}
                scenario={props.scenario.clone()}
                inputs_valid={props.inputs_valid}
                lang={props.lang}
                presentation={props.presentation}
                {visible}
                dispatch={props.dispatch.clone()}
            />
            <OptimiserPanel
                form={state.optimiser_form.clone()}
                run={state.optimiser.clone()}
                plan={state.optimiser_plan.clone().map(Rc::new)}
                scenario={props.scenario.clone()}
                inputs_valid={props.inputs_valid}
                form_gap={state.form_gap}
                before_apply={state.before_apply.clone().map(Rc::new)}
                lang={props.lang}
                dispatch={props.dispatch.clone()}
                on_load={props.on_load.clone()}
                print_only={!visible}
            />
        </>
    };
    if visible {
        html! {
            <div class="decide-panel" id="decide-panel" role="tabpanel" aria-labelledby="view-decide" data-testid="decide-panel">
                { panels }
            </div>
        }
    } else {
        html! { <div class="decide-panel decide-print">{ panels }</div> }
    }
}
