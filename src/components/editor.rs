//! The scenario editor: the "scenario problems" banner and one collapsible
//! panel per field group, with its capacity sentence, toggles, selects and
//! number fields (basic first, advanced folded away).

use super::gateways::gateways_editor;
use super::problem::problem_text;
use super::timeline::TimelinePanel;
use crate::fields::{field_id, Group, Target, FIELDS};
use crate::i18n::{number, t, tf};
use crate::planner::{place_value, Action, Choice, PlannerState, Toggle};
use crate::text::group_capacity;
use cordon_engine::{QuarantinePlace, Variant};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of the editor section.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub state: PlannerState,
    pub dispatch: Callback<Action>,
}

/// The editor section: problems with the scenario, then every group.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let state = &props.state;
    let dispatch = &props.dispatch;
    let lang = state.lang;
    html! {
        <section class="editor" aria-label={t(lang, "app.editor")}>
            <h2>{ t(lang, "app.editor") }</h2>
            if let Some(errors) = &state.scenario_errors {
                <div class="banner error" role="alert" data-testid="scenario-problems">
                    <p>{ t(lang, "app.scenario_problems") }</p>
                    <ul>{ for errors.0.iter().map(|e| html! { <li>{ problem_text(lang, e) }</li> }) }</ul>
                </div>
            }
            { for Group::ALL.iter().map(|g| html! { <GroupPanel group={*g} state={state.clone()} dispatch={dispatch.clone()} /> }) }
        </section>
    }
}

/// Properties of one group's panel.
#[derive(Properties, PartialEq)]
pub struct GroupProps {
    pub group: Group,
    pub state: PlannerState,
    pub dispatch: Callback<Action>,
}

/// One group of fields, folded in a `<details>` (the timeline starts closed).
#[function_component(GroupPanel)]
pub fn group_panel(props: &GroupProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let scenario = &state.scenario;
    let group = props.group;
    let d = &props.dispatch;
    let fields_of = |advanced: bool| -> Vec<Html> {
        FIELDS
            .iter()
            .filter(|f| {
                f.group == group
                    && f.advanced == advanced
                    && matches!(f.target, Target::Scenario(..))
            })
            .map(|f| number_field(state, f.key, None, d))
            .collect()
    };
    let basic = fields_of(false);
    let advanced_fields = fields_of(true);
    let tg = |which: Toggle, on: bool, key: &str| toggle(state, which, None, on, key, d);
    let (lead, extra): (Html, Html) = match group {
        Group::Gateways => (gateways_editor(state, d), html! {}),
        Group::Community => (
            tg(Toggle::Sweeps, scenario.community.sweeps, "field.sweeps"),
            html! {},
        ),
        Group::Quarantine => (
            html! {
                <>
                { tg(Toggle::UnlimitedRooms, scenario.quarantine.unlimited_rooms, "field.unlimited_rooms") }
                { place_select(state, Choice::RiskArrivalsPlace, scenario.quarantine.risk_area_arrivals, "field.place_risk_arrivals", d) }
                { place_select(state, Choice::CloseContactsPlace, scenario.quarantine.close_contacts, "field.place_close_contacts", d) }
                { place_select(state, Choice::SecondaryContactsPlace, scenario.quarantine.secondary_contacts, "field.place_secondary_contacts", d) }
                </>
            },
            html! {},
        ),
        Group::Hospital => (
            tg(
                Toggle::UnlimitedBeds,
                scenario.hospital.unlimited_beds,
                "field.unlimited_beds",
            ),
            html! {},
        ),
        Group::Tracing => (
            html! {
                <>
                { tg(Toggle::TracingEnabled, scenario.tracing.enabled, "field.tracing_enabled") }
                { tg(Toggle::UnlimitedTracing, scenario.tracing.unlimited, "field.unlimited_tracing") }
                { tg(Toggle::TraceSecondary, scenario.tracing.trace_secondary, "field.trace_secondary") }
                </>
            },
            html! {},
        ),
        Group::Testing => (
            html! {
                <>
                { tg(Toggle::UnlimitedTesting, scenario.testing.unlimited, "field.unlimited_testing") }
                { tg(Toggle::ArrivalTest, scenario.testing.arrival_test, "field.arrival_test") }
                { tg(Toggle::FeverClinic, scenario.testing.fever_clinic.enabled, "field.fever_clinic") }
                { tg(Toggle::RoutineScreening, scenario.testing.routine_screening.enabled, "field.routine_screening") }
                { tg(Toggle::MassTesting, scenario.testing.mass_testing.enabled, "field.mass_testing") }
                </>
            },
            html! {},
        ),
        Group::Response => (
            tg(
                Toggle::Zones,
                scenario.response.zones.enabled,
                "field.zones_enabled",
            ),
            html! {},
        ),
        Group::Epidemiology => (
            variant_select(state, d),
            tg(
                Toggle::SusceptibleDepletion,
                scenario.epidemiology.susceptible_depletion,
                "field.susceptible_depletion",
            ),
        ),
        Group::Timeline => (
            html! { <TimelinePanel state={state.clone()} dispatch={d.clone()} /> },
            html! {},
        ),
        Group::City => (html! {}, html! {}),
    };
    let has_advanced =
        !advanced_fields.is_empty() || !matches!(extra, Html::VList(ref l) if l.is_empty());
    html! {
        <details class="group" open={group != Group::Timeline}>
            <summary>{ t(lang, group.title_key()) }</summary>
            if let Some(text) = group_capacity(lang, scenario, group) {
                <p class="capacity" data-testid={format!("capacity-{}", group.title_key())}>{ text }</p>
            }
            { lead }
            { for basic }
            if has_advanced {
                <details class="advanced">
                    <summary>{ t(lang, "app.advanced") }</summary>
                    { extra }
                    { for advanced_fields }
                </details>
            }
        </details>
    }
}

fn variant_select(state: &PlannerState, dispatch: &Callback<Action>) -> Html {
    let lang = state.lang;
    let d = dispatch.clone();
    let pick = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let variant = match select.value().as_str() {
            "ancestral" => Variant::Ancestral,
            "omicron" => Variant::Omicron,
            "custom" => Variant::Custom,
            _ => Variant::Delta,
        };
        d.emit(Action::SetVariant(variant));
    });
    let v = state.scenario.epidemiology.variant;
    html! {
        <label class="field">
            <span>{ t(lang, "field.variant") }</span>
            <select onchange={pick} data-testid="variant">
                <option value="ancestral" selected={v == Variant::Ancestral}>{ t(lang, "variant.ancestral") }</option>
                <option value="delta" selected={v == Variant::Delta}>{ t(lang, "variant.delta") }</option>
                <option value="omicron" selected={v == Variant::Omicron}>{ t(lang, "variant.omicron") }</option>
                <option value="custom" selected={v == Variant::Custom}>{ t(lang, "variant.custom") }</option>
            </select>
        </label>
    }
}

fn place_select(
    state: &PlannerState,
    choice: Choice,
    current: QuarantinePlace,
    key: &str,
    dispatch: &Callback<Action>,
) -> Html {
    let lang = state.lang;
    let d = dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        d.emit(Action::Choose {
            choice,
            gateway: None,
            value: select.value(),
        });
    });
    let now = place_value(current);
    html! {
        <label class="field">
            <span>{ t(lang, key) }</span>
            <select {onchange}>
                { for ["centralised", "home", "none"].iter().map(|v| html! {
                    <option value={*v} selected={now == *v}>{ t(lang, &format!("place.{v}")) }</option>
                }) }
            </select>
        </label>
    }
}

/// A checkbox that flips one of the scenario's switches (of gateway `gateway` when given).
pub(super) fn toggle(
    state: &PlannerState,
    which: Toggle,
    gateway: Option<usize>,
    on: bool,
    label_key: &str,
    dispatch: &Callback<Action>,
) -> Html {
    let d = dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        d.emit(Action::Toggle {
            toggle: which,
            gateway,
            on: input.checked(),
        });
    });
    html! {
        <label class="toggle">
            <input type="checkbox" checked={on} {onchange} />
            <span>{ t(state.lang, label_key) }</span>
        </label>
    }
}

/// A number field (of gateway `gateway` when given) showing its draft and
/// the draft's error while the typed text is not a valid value.
pub(super) fn number_field(
    state: &PlannerState,
    key: &'static str,
    gateway: Option<usize>,
    dispatch: &Callback<Action>,
) -> Html {
    let Some(spec) = crate::fields::field(key) else {
        return html! {};
    };
    let lang = state.lang;
    let id = field_id(key, gateway);
    let draft = state.drafts.get(&id);
    let value = draft
        .map(|d| d.text.clone())
        .unwrap_or_else(|| spec.display(&state.scenario, gateway));
    let error = draft.map(|d| match &d.error {
        crate::fields::InputError::NotANumber => t(lang, "error.not_finite"),
        crate::fields::InputError::NotWhole => t(lang, "error.integer"),
        crate::fields::InputError::OutOfRange { min, max } => tf(
            lang,
            "error.range",
            &[("min", number(lang, *min)), ("max", number(lang, *max))],
        ),
    });
    let d = dispatch.clone();
    let field = id.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        d.emit(Action::Edit {
            field: field.clone(),
            text: input.value(),
        });
    });
    let unit = if spec.percent { "%" } else { "" };
    let error_id = format!("{id}-error");
    html! {
        <label class="field">
            <span>{ t(lang, key) }</span>
            <span class="input">
                <input
                    type="text"
                    inputmode="decimal"
                    id={id.clone()}
                    data-testid={id.clone()}
                    value={value}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby={error.is_some().then(|| error_id.clone())}
                    {oninput}
                />
                { unit }
            </span>
            if let Some(message) = error {
                <span class="field-error" id={error_id} role="alert">{ message }</span>
            }
        </label>
    }
}
