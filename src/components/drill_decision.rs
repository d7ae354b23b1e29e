//! The room's decision (处置决策): the department that takes it, the change
//! (a resource's new level — e.g. the quarantine rooms with a new site open
//! —, zones declared, contacts cut) and a short note; it applies from the
//! next day played. A value the engine refuses is shown at the form in the
//! reader's language (the engine's check, through
//! [`crate::text::parse_event`]); nothing played is lost.

use crate::drill::{department_name, DrillAction, DrillState, DECISION_KINDS};
use crate::drill_shim::{Decision, Department};
use crate::i18n::{t, tf};
use crate::text::{parse_event, resource_key, EventError, EventForm};
use cordon_engine::Resource;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of the decision form.
#[derive(Properties, PartialEq)]
pub struct DecisionProps {
    pub state: DrillState,
    pub dispatch: Callback<DrillAction>,
}

/// The form and the line's decisions so far.
#[function_component(DecisionForm)]
pub fn decision_form(props: &DecisionProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let department = use_state(|| 0usize);
    let kind = use_state(|| DECISION_KINDS[0].to_string());
    let resource = use_state(|| 2usize);
    let amount = use_state(|| String::new());
    let note = use_state(|| String::new());
    let problem = use_state(|| None::<String>);
    let select_index = |handle: UseStateHandle<usize>| {
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            handle.set(select.value().parse().unwrap_or(0));
        })
    };
    let typed = |handle: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            handle.set(input.value());
        })
    };
    let submit = {
        let (department, kind, resource, amount, note, problem) = (
            department.clone(),
            kind.clone(),
            resource.clone(),
            amount.clone(),
            note.clone(),
            problem.clone(),
        );
        let d = props.dispatch.clone();
        let today = state.day();
        let days = state.horizon();
        let gateways = state.exercise.scenario.gateways.len();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if today >= days {
                problem.set(Some(t(lang, "drill.at_end")));
                return;
            }
            let day = (today + 1).to_string();
            let form = EventForm {
                kind: kind.as_str(),
                day: &day,
                amount: amount.as_str(),
                gateway: 0,
                resource: *resource,
                unnoticed: false,
            };
            match parse_event(&form, days, gateways) {
                Ok(event) => {
                    problem.set(None);
                    note.set(String::new());
                    amount.set(String::new());
                    d.emit(DrillAction::Decide(Decision {
                        day: event.day,
                        department: Department::ALL[(*department).min(Department::ALL.len() - 1)],
                        change: event.change,
                        note: note.trim().to_string(),
                    }));
                }
                Err(EventError::Invalid) => problem.set(Some(t(lang, "drill.decision_invalid"))),
                Err(EventError::Refused(refused)) => {
                    problem.set(Some(crate::problems::message(lang, &refused)))
                }
            }
        })
    };
    let amount_key = match kind.as_str() {
        "contact_factor" => "event.field.percent",
        "set_level" => "event.field.level",
        _ => "event.field.days",
    };
    html! {
        <section class="drill-panel decisions" aria-labelledby="decision-title">
            <h3 id="decision-title">{ t(lang, "drill.decisions_title") }</h3>
            <form onsubmit={submit} class="decision-form" data-testid="decision-form">
                <label class="field">
                    <span>{ t(lang, "drill.department") }</span>
                    <select onchange={select_index(department.clone())} data-testid="decision-department">
                        { for Department::ALL.iter().enumerate().map(|(i, dep)| html! {
                            <option value={i.to_string()} selected={*department == i}>{ department_name(lang, *dep) }</option>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span>{ t(lang, "drill.change") }</span>
                    <select onchange={
                        let kind = kind.clone();
                        Callback::from(move |e: Event| {
                            let select: HtmlSelectElement = e.target_unchecked_into();
                            kind.set(select.value());
                        })
                    } data-testid="decision-kind">
                        { for DECISION_KINDS.iter().map(|k| html! {
                            <option value={*k} selected={kind.as_str() == *k}>{ t(lang, &format!("event.kind.{k}")) }</option>
                        }) }
                    </select>
                </label>
                if kind.as_str() == "set_level" {
                    <label class="field">
                        <span>{ t(lang, "event.field.resource") }</span>
                        <select onchange={select_index(resource.clone())} data-testid="decision-resource">
                            { for Resource::ALL.iter().enumerate().map(|(i, r)| html! {
                                <option value={i.to_string()} selected={*resource == i}>{ t(lang, resource_key(*r)) }</option>
                            }) }
                        </select>
                    </label>
                }
                <label class="field">
                    <span>{ t(lang, amount_key) }</span>
                    <input type="text" inputmode="decimal" value={(*amount).clone()} oninput={typed(amount.clone())} data-testid="decision-amount" aria-invalid={problem.is_some().to_string()} />
                </label>
                <label class="field">
                    <span>{ t(lang, "drill.note") }</span>
                    <input type="text" value={(*note).clone()} oninput={typed(note.clone())} data-testid="decision-note" />
                </label>
                if let Some(message) = &*problem {
                    <p class="field-error" role="alert" data-testid="decision-problem">{ message.clone() }</p>
                }
                <p class="hint">{ tf(lang, "drill.decision_from", &[("day", (state.day() + 1).to_string())]) }</p>
                <button type="submit" data-testid="decision-add">{ t(lang, "drill.decide") }</button>
            </form>
            <ol class="events" data-testid="decision-list">
                { for state.decisions().into_iter().map(|decision| html! {
                    <li>{ crate::drill::describe_decision(lang, &state.exercise.scenario, decision) }</li>
                }) }
            </ol>
        </section>
    }
}
