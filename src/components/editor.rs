//! The scenario editor: one collapsible panel per section of the scenario,
//! its capacity sentence, then its fields as the engine's registry lists
//! them (levers first, details folded away), and the problems no single
//! field shows (the timeline's, the lists').

use super::field::{row_props, FieldRow};
use super::gateways::gateways_editor;
use super::timeline::TimelinePanel;
use crate::i18n::t;
use crate::planner::{Action, PlannerState};
use crate::problems::error_text;
use crate::text::{group_capacity, presymptomatic_note};
use cordon_engine::fields::{of_section, Scope, Section};
use yew::prelude::*;

/// Properties of the editor section.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub state: PlannerState,
    pub dispatch: Callback<Action>,
}

/// The editor section: every section's panel, and problems outside fields.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let lang = state.lang;
    let elsewhere = state.problems_elsewhere();
    html! {
        <section class="editor" id="editor" tabindex="-1" aria-label={t(lang, "app.editor")}>
            <h2>{ t(lang, "app.editor") }</h2>
            if !elsewhere.is_empty() {
                <div class="banner error" role="alert" data-testid="scenario-problems">
                    <p>{ t(lang, "app.scenario_problems") }</p>
                    <ul>{ for elsewhere.iter().map(|e| html! { <li>{ error_text(lang, e) }</li> }) }</ul>
                </div>
            }
            { for Section::ALL.iter().map(|s| html! { <GroupPanel section={*s} state={state.clone()} dispatch={dispatch.clone()} /> }) }
        </section>
    }
}

/// Properties of one section's panel.
#[derive(Properties, PartialEq)]
pub struct GroupProps {
    pub section: Section,
    pub state: PlannerState,
    pub dispatch: Callback<Action>,
}

/// One section, folded in a `<details>` (the timeline starts closed).
#[function_component(GroupPanel)]
pub fn group_panel(props: &GroupProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let section = props.section;
    let d = &props.dispatch;
    let rows = |advanced: bool| -> Vec<Html> {
        of_section(section)
            .filter(|f| f.scope == Scope::Scenario && f.advanced == advanced)
            .flat_map(|f| {
                let props = row_props(state, f, None, d);
                let row = html! { <FieldRow ..props /> };
                // The share of transmission before onset the timing implies,
                // next to the generation interval it follows from.
                let note = (f.path == "epidemiology.generation_interval.sd")
                    .then(|| presymptomatic_note(lang, &state.scenario))
                    .flatten()
                    .map(|text| html! { <p class="note" data-testid="presymptomatic-share">{ text }</p> });
                std::iter::once(row).chain(note)
            })
            .collect()
    };
    let basic = rows(false);
    let advanced = rows(true);
    let title_key = format!("group.{}", section.key());
    let lead = match section {
        Section::Gateways => gateways_editor(state, d),
        Section::Timeline => {
            html! { <TimelinePanel state={state.clone()} dispatch={d.clone()} /> }
        }
        _ => html! {},
    };
    html! {
        <details class="group" open={section != Section::Timeline}>
            <summary>{ t(lang, &title_key) }</summary>
            if let Some(text) = group_capacity(lang, &state.scenario, section) {
                <p class="capacity" data-testid={format!("capacity-{title_key}")}>{ text }</p>
            }
            { lead }
            { for basic }
            if !advanced.is_empty() {
                <details class="advanced">
                    <summary>{ t(lang, "app.advanced") }</summary>
                    { for advanced }
                </details>
            }
        </details>
    }
}
