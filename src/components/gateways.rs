//! The gateways group: one fieldset per gateway (its checkpoint's capacity,
//! switches, checks, fields, overload policy and hourly profile) and the
//! "add a gateway" picker. Gateway names live in [`crate::text`].

use super::field::{row_props, FieldRow};
use crate::i18n::t;
use crate::planner::{Action, PlannerState};
use crate::text::{checkpoint_capacity, gateway_name, kind_name};
use cordon_engine::fields::{of_section, Field};
use cordon_engine::GatewayKind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Every gateway's editor, then the kind picker and button that add one.
pub fn gateways_editor(state: &PlannerState, dispatch: &Callback<Action>) -> Html {
    let lang = state.lang;
    let scenario = &state.scenario;
    // The kind is picked first and added with a button, so arrowing through
    // the list adds nothing.
    let kind_ref = NodeRef::default();
    let add_gateway = {
        let d = dispatch.clone();
        let kind_ref = kind_ref.clone();
        Callback::from(move |_| {
            if let Some(select) = kind_ref.cast::<HtmlSelectElement>() {
                let index: usize = select.value().parse().unwrap_or(0);
                if let Some(kind) = GatewayKind::ALL.get(index) {
                    d.emit(Action::AddGateway(*kind));
                }
            }
        })
    };
    html! {
        <>
        { for scenario.gateways.iter().enumerate().map(|(g, gateway)| {
            let rows = |advanced: bool| -> Vec<Html> {
                of_section(cordon_engine::fields::Section::Gateways)
                    .filter(|f: &&'static Field| f.advanced == advanced)
                    .map(|f| {
                        let props = row_props(state, f, Some(g), dispatch);
                        html! { <FieldRow ..props /> }
                    })
                    .collect()
            };
            let d = dispatch.clone();
            let remove = Callback::from(move |_| d.emit(Action::RemoveGateway(g)));
            html! {
                <fieldset class="gateway">
                    <legend>{ gateway_name(lang, gateway, g) }</legend>
                    <p class="capacity">{ checkpoint_capacity(lang, scenario, g) }</p>
                    { for rows(false) }
                    <details class="advanced">
                        <summary>{ t(lang, "app.advanced") }</summary>
                        { for rows(true) }
                    </details>
                    <button class="remove" onclick={remove}>{ t(lang, "app.remove_gateway") }</button>
                </fieldset>
            }
        }) }
        <div class="add-gateway">
            <label class="field add">
                <span>{ t(lang, "app.add_gateway") }</span>
                <select ref={kind_ref} data-testid="add-gateway-kind">
                    { for GatewayKind::ALL.iter().enumerate().map(|(i, kind)| html! {
                        <option value={i.to_string()}>{ kind_name(lang, *kind) }</option>
                    }) }
                </select>
            </label>
            <button onclick={add_gateway} data-testid="add-gateway">{ t(lang, "app.add") }</button>
        </div>
        </>
    }
}
