//! The timeline group: the scenario's events in words, each removable, and
//! the form that adds one: the engine's change kinds
//! ([`cordon_engine::CHANGE_KINDS`]), each with the inputs its kind lists
//! (gateway, resource, its numbers), parsed by [`crate::text::parse_event`].

use crate::i18n::{t, tf};
use crate::planner::{Action, PlannerState};
use crate::text::{
    describe_event, form_numbers, gateway_name, number_label_key, parse_event, resource_key,
    unbound_hint, EventError, EventForm,
};
use cordon_engine::{change_kind, ChangeKind, Resource, CHANGE_KINDS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of the timeline panel.
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub state: PlannerState,
    pub dispatch: Callback<Action>,
}

/// The timeline's events and the "add event" form.
#[function_component(TimelinePanel)]
pub fn timeline_panel(props: &TimelineProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let kind = use_state(|| CHANGE_KINDS[0].key.to_string());
    let day = use_state(|| "1".to_string());
    // The kind's numbers as typed, starting from its defaults.
    let starting = |kind: &ChangeKind| form_numbers(&kind.change(&kind.default_inputs()));
    let numbers = use_state(|| starting(CHANGE_KINDS[0]));
    let gateway = use_state(|| 0usize);
    let resource = use_state(|| 0usize);
    let unnoticed = use_state(|| false);
    let problem = use_state(|| None::<String>);
    let select_kind = {
        let (kind, numbers, problem) = (kind.clone(), numbers.clone(), problem.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let key = select.value();
            if let Some(chosen) = change_kind(&key) {
                numbers.set(starting(chosen));
            }
            problem.set(None);
            kind.set(key);
        })
    };
    let input_value = |handle: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            handle.set(input.value());
        })
    };
    let select_index = |handle: UseStateHandle<usize>| {
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            handle.set(select.value().parse().unwrap_or(0));
        })
    };
    let add = {
        let (kind, day, numbers, gateway, resource, problem) = (
            kind.clone(),
            day.clone(),
            numbers.clone(),
            gateway.clone(),
            resource.clone(),
            problem.clone(),
        );
        let unnoticed = unnoticed.clone();
        let dispatch = props.dispatch.clone();
        let days = state.scenario.days;
        let gateways = state.scenario.gateways.len();
        Callback::from(move |_| {
            let form = EventForm {
                kind: kind.as_str(),
                day: day.as_str(),
                numbers: numbers.as_slice(),
                gateway: *gateway,
                resource: *resource,
                unnoticed: *unnoticed,
            };
            match parse_event(&form, days, gateways) {
                Ok(event) => {
                    problem.set(None);
                    dispatch.emit(Action::AddEvent(event));
                }
                Err(EventError::Invalid) => problem.set(Some(tf(
                    lang,
                    "event.invalid",
                    &[("days", days.to_string())],
                ))),
                Err(EventError::Refused(refused)) => {
                    problem.set(Some(crate::problems::message(lang, &refused)))
                }
            }
        })
    };
    let chosen = change_kind(&kind).unwrap_or(CHANGE_KINDS[0]);
    let needs_gateway = chosen.at_gateway;
    let needs_resource = chosen.of_resource;
    let number_inputs = chosen.numbers.iter().enumerate().map(|(i, number)| {
        let typed = numbers.get(i).cloned().unwrap_or_default();
        let oninput = {
            let numbers = numbers.clone();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let mut typed = (*numbers).clone();
                if let Some(slot) = typed.get_mut(i) {
                    *slot = input.value();
                }
                numbers.set(typed);
            })
        };
        html! {
            <label class="field">
                <span>{ t(lang, &number_label_key(number)) }</span>
                <input type="text" inputmode="decimal" value={typed} oninput={oninput} data-testid={format!("event-{}", number.name)} />
            </label>
        }
    });
    html! {
        <div class="timeline">
            if state.scenario.timeline.is_empty() {
                <p class="capacity">{ t(lang, "event.none") }</p>
            }
            <ol class="events">
                { for state.scenario.timeline.iter().enumerate().map(|(i, event)| {
                    let d = props.dispatch.clone();
                    let remove = Callback::from(move |_| d.emit(Action::RemoveEvent(i)));
                    // Only results of this very scenario can say a change did not bind.
                    let hint = state
                        .results
                        .as_ref()
                        .filter(|_| !state.stale && !state.computing())
                        .and_then(|results| unbound_hint(lang, &state.scenario, results, event));
                    html! {
                        <li>
                            <span class="event-text">
                                { describe_event(lang, &state.scenario, event) }
                                if let Some(hint) = hint {
                                    <small class="event-hint" data-testid="event-hint">{ hint }</small>
                                }
                            </span>
                            <button class="remove" onclick={remove} aria-label={t(lang, "event.remove")}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ol>
            <div class="add-event" role="group" aria-label={t(lang, "event.add")}>
                <label class="field">
                    <span>{ t(lang, "event.kind") }</span>
                    <select onchange={select_kind} data-testid="event-kind">
                        { for CHANGE_KINDS.iter().map(|k| html! {
                            <option value={k.key} selected={kind.as_str() == k.key}>{ t(lang, &format!("event.kind.{}", k.key)) }</option>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span>{ t(lang, "event.field.day") }</span>
                    <input type="text" inputmode="numeric" value={(*day).clone()} oninput={input_value(day.clone())} data-testid="event-day" />
                </label>
                if needs_gateway {
                    <label class="field">
                        <span>{ t(lang, "event.field.gateway") }</span>
                        <select onchange={select_index(gateway.clone())} data-testid="event-gateway">
                            { for state.scenario.gateways.iter().enumerate().map(|(i, g)| html! {
                                <option value={i.to_string()} selected={*gateway == i}>{ gateway_name(lang, g, i) }</option>
                            }) }
                        </select>
                    </label>
                }
                if chosen.may_be_unnoticed {
                    <label class="toggle">
                        <input
                            type="checkbox"
                            checked={*unnoticed}
                            data-testid="event-unnoticed"
                            onchange={
                                let unnoticed = unnoticed.clone();
                                Callback::from(move |e: Event| {
                                    let input: HtmlInputElement = e.target_unchecked_into();
                                    unnoticed.set(input.checked());
                                })
                            }
                        />
                        <span>{ t(lang, "event.field.unnoticed") }</span>
                    </label>
                }
                if needs_resource {
                    <label class="field">
                        <span>{ t(lang, "event.field.resource") }</span>
                        <select onchange={select_index(resource.clone())} data-testid="event-resource">
                            { for Resource::ALL.iter().enumerate().map(|(i, r)| html! {
                                <option value={i.to_string()} selected={*resource == i}>{ t(lang, resource_key(*r)) }</option>
                            }) }
                        </select>
                    </label>
                }
                { for number_inputs }
                if let Some(message) = &*problem {
                    <p class="field-error" role="alert">{ message.clone() }</p>
                }
                <button onclick={add} data-testid="event-add">{ t(lang, "event.add") }</button>
            </div>
        </div>
    }
}
