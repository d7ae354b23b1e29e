//! The gateways group: one fieldset per gateway (its checkpoint's capacity,
//! switches, checks, fields, overload policy and hourly profile) and the
//! "add a gateway" picker. Gateway names live in [`crate::text`].

use super::editor::{number_field, toggle};
use crate::fields::{Target, FIELDS};
use crate::i18n::t;
use crate::planner::{profile_value, Action, Choice, PlannerState, Toggle};
use crate::text::{checkpoint_capacity, gateway_name, kind_name};
use cordon_engine::{GatewayKind, OverloadPolicy};
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
            let basic: Vec<Html> = FIELDS
                .iter()
                .filter(|f| matches!(f.target, Target::Gateway(..)) && !f.advanced)
                .map(|f| number_field(state, f.key, Some(g), dispatch))
                .collect();
            let advanced: Vec<Html> = FIELDS
                .iter()
                .filter(|f| matches!(f.target, Target::Gateway(..)) && f.advanced)
                .map(|f| number_field(state, f.key, Some(g), dispatch))
                .collect();
            let d = dispatch.clone();
            let overload = Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                let policy = if select.value() == "wave_through" { OverloadPolicy::WaveThrough } else { OverloadPolicy::Queue };
                d.emit(Action::SetOverload { gateway: g, policy });
            });
            let d = dispatch.clone();
            let profile = Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                d.emit(Action::Choose { choice: Choice::HourlyProfile, gateway: Some(g), value: select.value() });
            });
            let d = dispatch.clone();
            let remove = Callback::from(move |_| d.emit(Action::RemoveGateway(g)));
            let checks = &gateway.checkpoint.checks;
            let current_profile = profile_value(gateway.checkpoint.hourly_profile);
            let check = |which: Toggle, on: bool, key: &str| toggle(state, which, Some(g), on, key, dispatch);
            html! {
                <fieldset class="gateway">
                    <legend>{ gateway_name(lang, gateway, g) }</legend>
                    <p class="capacity">{ checkpoint_capacity(lang, scenario, g) }</p>
                    { check(Toggle::CheckpointEnabled, gateway.checkpoint.enabled, "field.checkpoint_enabled") }
                    { for basic }
                    <label class="field">
                        <span>{ t(lang, "field.overload") }</span>
                        <select onchange={overload}>
                            <option value="queue" selected={gateway.checkpoint.overload == OverloadPolicy::Queue}>{ t(lang, "overload.queue") }</option>
                            <option value="wave_through" selected={gateway.checkpoint.overload == OverloadPolicy::WaveThrough}>{ t(lang, "overload.wave_through") }</option>
                        </select>
                    </label>
                    <details class="advanced">
                        <summary>{ t(lang, "app.advanced") }</summary>
                        <div class="checks" role="group" aria-label={t(lang, "field.checks")}>
                            <span>{ t(lang, "field.checks") }</span>
                            { check(Toggle::HealthCode, checks.health_code, "check.health_code") }
                            { check(Toggle::TravelRecord, checks.travel_record, "check.travel_record") }
                            { check(Toggle::TestCertificate, checks.test_certificate, "check.test_certificate") }
                            { check(Toggle::Temperature, checks.temperature, "check.temperature") }
                        </div>
                        <label class="field">
                            <span>{ t(lang, "field.hourly_profile") }</span>
                            <select onchange={profile}>
                                { for ["daytime", "road", "flat"].iter().map(|v| html! {
                                    <option value={*v} selected={current_profile == *v}>{ t(lang, &format!("profile.{v}")) }</option>
                                }) }
                            </select>
                        </label>
                        { for advanced }
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
