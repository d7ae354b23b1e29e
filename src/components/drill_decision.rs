//! The room's decision (处置决策): one of the engine's ready decisions
//! (open another quarantine site, a population-wide round, more inspectors,
//! grid workers redeployed, zones …), its number (empty: the ready
//! default), the department that takes it and a short note; it applies
//! from the next day played. A value the engine refuses
//! ([`cordon_engine::drill::check_decision`]) is shown at the form in the
//! reader's language; nothing played is lost.

use crate::drill::{
    decision_from_form, decision_problems, decision_title, department_name, describe_decision,
    problem_text, DrillAction, DrillState,
};
use crate::i18n::{t, tf};
use cordon_engine::drill::{Decision, Department, DECISIONS};
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
    let chosen = use_state(|| 0usize);
    let department = use_state(|| DECISIONS[0].department);
    let amount = use_state(String::new);
    let note = use_state(String::new);
    let problem = use_state(|| None::<String>);
    let typed = |handle: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            handle.set(input.value());
        })
    };
    let submit = {
        let (chosen, department, amount, note, problem) = (
            chosen.clone(),
            department.clone(),
            amount.clone(),
            note.clone(),
            problem.clone(),
        );
        let d = props.dispatch.clone();
        let state = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let id = DECISIONS[(*chosen).min(DECISIONS.len() - 1)].id;
            let Some(change) = decision_from_form(id, &state.exercise.scenario, &amount) else {
                problem.set(Some(t(lang, "drill.not_a_number")));
                return;
            };
            let decision = Decision {
                day: state.day() + 1,
                department: *department,
                note: note.trim().to_string(),
                change,
            };
            match problem_text(lang, &decision_problems(&state, &decision)) {
                Some(message) => problem.set(Some(message)),
                None => {
                    problem.set(None);
                    note.set(String::new());
                    amount.set(String::new());
                    d.emit(DrillAction::Decide(decision));
                }
            }
        })
    };
    let id = DECISIONS[(*chosen).min(DECISIONS.len() - 1)].id;
    let (amount_key, percent) = crate::drill::decision_amount(id);
    html! {
        <section class="drill-panel decisions" aria-labelledby="decision-title">
            <h3 id="decision-title">{ t(lang, "drill.decisions_title") }</h3>
            <form onsubmit={submit} class="decision-form" data-testid="decision-form">
                <label class="field">
                    <span>{ t(lang, "drill.change") }</span>
                    <select onchange={
                        let (chosen, department, amount) = (chosen.clone(), department.clone(), amount.clone());
                        Callback::from(move |e: Event| {
                            let select: HtmlSelectElement = e.target_unchecked_into();
                            let i: usize = select.value().parse().unwrap_or(0);
                            chosen.set(i);
                            department.set(DECISIONS[i.min(DECISIONS.len() - 1)].department);
                            amount.set(String::new());
                        })
                    } data-testid="decision-kind">
                        { for DECISIONS.iter().enumerate().map(|(i, info)| html! {
                            <option value={i.to_string()} selected={*chosen == i}>{ decision_title(lang, info.id) }</option>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span>{ t(lang, amount_key) }{ if percent { " (%)" } else { "" } }</span>
                    <input type="text" inputmode="decimal" value={(*amount).clone()} oninput={typed(amount.clone())} placeholder={tf(lang, "drill.default_value", &[("value", crate::drill::decision_default(lang, id, &state.exercise.scenario))])} data-testid="decision-amount" aria-invalid={problem.is_some().to_string()} />
                </label>
                <label class="field">
                    <span>{ t(lang, "drill.department") }</span>
                    <select onchange={
                        let department = department.clone();
                        Callback::from(move |e: Event| {
                            let select: HtmlSelectElement = e.target_unchecked_into();
                            if let Some(dep) = Department::from_key(&select.value()) {
                                department.set(dep);
                            }
                        })
                    } data-testid="decision-department">
                        { for Department::ALL.iter().map(|dep| html! {
                            <option value={dep.key()} selected={*department == *dep}>{ department_name(lang, *dep) }</option>
                        }) }
                    </select>
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
                { for state.events().1.iter().map(|decision| html! {
                    <li>{ describe_decision(lang, &state.exercise.scenario, decision) }</li>
                }) }
            </ol>
        </section>
    }
}
