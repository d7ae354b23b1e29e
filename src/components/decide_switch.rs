//! The switch between the results and the Decide view ("which lever buys
//! most", "size a plan to a target"): a tab list of two tabs, reachable with
//! Tab and moved along with the arrow keys, Home and End.

use crate::decide::View;
use crate::i18n::{t, Lang};
use yew::prelude::*;

/// Properties of the view switch.
#[derive(Properties, PartialEq)]
pub struct ViewSwitchProps {
    pub view: View,
    pub lang: Lang,
    /// A view chosen.
    pub on_choose: Callback<View>,
}

fn tab_id(view: View) -> &'static str {
    match view {
        View::Results => "view-results",
        View::Decide => "view-decide",
    }
}

/// Focuses the tab of `view` (after an arrow key moved the choice).
fn focus_tab(view: View) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(tab_id(view)))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Two tabs: the results, and the Decide view.
#[function_component(ViewSwitch)]
pub fn view_switch(props: &ViewSwitchProps) -> Html {
    let lang = props.lang;
    let onkeydown = {
        let on_choose = props.on_choose.clone();
        let now = props.view;
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowLeft" | "ArrowRight" => now.other(),
                "Home" => View::Results,
                "End" => View::Decide,
                _ => return,
            };
            e.prevent_default();
            on_choose.emit(next);
            focus_tab(next);
        })
    };
    // Each panel is in the page only while its tab is selected.
    let tab = |view: View, key: &'static str| {
        let selected = props.view == view;
        let on_choose = props.on_choose.clone();
        let panel = match view {
            View::Results => "results-panel",
            View::Decide => "decide-panel",
        };
        html! {
            <button
                type="button"
                role="tab"
                id={tab_id(view)}
                data-testid={tab_id(view)}
                aria-selected={selected.to_string()}
                aria-controls={selected.then_some(panel)}
                tabindex={if selected { "0" } else { "-1" }}
                onclick={Callback::from(move |_: MouseEvent| on_choose.emit(view))}
            >
                { t(lang, key) }
            </button>
        }
    };
    html! {
        <div class="view-switch" role="tablist" aria-label={t(lang, "decide.view.label")} {onkeydown}>
            { tab(View::Results, "decide.view.results") }
            { tab(View::Decide, "decide.view.decide") }
        </div>
    }
}
