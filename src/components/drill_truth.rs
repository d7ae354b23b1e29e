//! The truth panel: true infections, those nobody has found, and where they
//! came from. Hidden until the facilitator reveals it (e.g. in the debrief).

use crate::drill::{DrillAction, DrillState};
use crate::i18n::{number, t, tf};
use yew::prelude::*;

/// Properties of the truth panel.
#[derive(Properties, PartialEq)]
pub struct TruthProps {
    pub state: DrillState,
    pub dispatch: Callback<DrillAction>,
    /// On the room display: no button.
    pub read_only: bool,
}

/// The reveal button and, once revealed, the truth.
#[function_component(TruthPanel)]
pub fn truth_panel(props: &TruthProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let toggle = {
        let d = props.dispatch.clone();
        let on = !state.revealed;
        Callback::from(move |_| d.emit(DrillAction::Reveal(on)))
    };
    let truth = state
        .today()
        .map(|d| d.truth.clone())
        .filter(|_| state.revealed);
    html! {
        <section class={classes!("truth", state.revealed.then_some("shown"))} aria-label={t(lang, "drill.truth_title")}>
            <div class="truth-head">
                <h3>{ t(lang, "drill.truth_title") }</h3>
                if !props.read_only {
                    <button onclick={toggle} aria-pressed={state.revealed.to_string()} data-testid="reveal">
                        { t(lang, if state.revealed { "drill.hide_truth" } else { "drill.reveal_truth" }) }
                    </button>
                }
            </div>
            if let Some(truth) = truth {
                <dl class="truth-numbers" data-testid="truth">
                    <div><dt>{ t(lang, "drill.truth.local_total") }</dt><dd data-testid="truth-local">{ number(lang, f64::from(truth.local_total)) }</dd></div>
                    <div><dt>{ t(lang, "drill.truth.imported_total") }</dt><dd>{ number(lang, f64::from(truth.imported_total)) }</dd></div>
                    <div><dt>{ t(lang, "drill.truth.undetected") }</dt><dd data-testid="truth-undetected">{ number(lang, f64::from(truth.undetected_total)) }</dd></div>
                    <div><dt>{ t(lang, "drill.truth.at_large") }</dt><dd>{ number(lang, f64::from(truth.infectious_at_large)) }</dd></div>
                    <div><dt>{ t(lang, "drill.truth.today") }</dt><dd>{ tf(lang, "drill.truth.today_split", &[("imported", number(lang, f64::from(truth.imported_new))), ("local", number(lang, f64::from(truth.local_new)))]) }</dd></div>
                    <div><dt>{ t(lang, "drill.truth.unnoticed_today") }</dt><dd>{ number(lang, f64::from(truth.imported_unnoticed_new)) }</dd></div>
                </dl>
            } else if !props.read_only {
                <p class="hidden-note">{ t(lang, "drill.truth_hidden") }</p>
            }
        </section>
    }
}
