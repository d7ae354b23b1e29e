//! Injects (情况注入, the master scenario events list): pick one from the
//! engine's library (its message for the room in both languages), set its
//! gateway and main number (empty: the library's default), fire it now or
//! schedule it for a day not yet played; the line's injects listed by day,
//! those not yet played removable. A value the engine refuses
//! ([`cordon_engine::drill::check_inject`]) is shown at the form.

use crate::drill::{
    inject_amount, inject_at_gateway, inject_from_form, inject_message, inject_problems,
    inject_title, problem_text, DrillAction, DrillState,
};
use crate::i18n::{t, tf};
use crate::text::gateway_name;
use cordon_engine::drill::{ScheduledInject, INJECTS};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of the inject panel.
#[derive(Properties, PartialEq)]
pub struct InjectProps {
    pub state: DrillState,
    pub dispatch: Callback<DrillAction>,
}

/// The library picker, fire / schedule, and the line's injects.
#[function_component(InjectPanel)]
pub fn inject_panel(props: &InjectProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let chosen = use_state(|| INJECTS[0].id.to_string());
    let gateway = use_state(|| 0usize);
    let amount = use_state(String::new);
    let day = use_state(String::new);
    let problem = use_state(|| None::<String>);
    // Fire now (`None`) or schedule for the typed day.
    let submit = |scheduled: bool| {
        let (chosen, gateway, amount, day, problem) = (
            chosen.clone(),
            gateway.clone(),
            amount.clone(),
            day.clone(),
            problem.clone(),
        );
        let d = props.dispatch.clone();
        let state = state.clone();
        move || {
            let Some(inject) =
                inject_from_form(&chosen, &state.exercise.scenario, *gateway, &amount)
            else {
                problem.set(Some(t(lang, "drill.not_a_number")));
                return;
            };
            let on = if scheduled {
                match day.trim().parse::<u32>() {
                    Ok(d) => d,
                    Err(_) => {
                        problem.set(Some(tf(
                            lang,
                            "drill.days_upcoming",
                            &[
                                ("from", (state.day() + 1).to_string()),
                                ("to", state.horizon().to_string()),
                            ],
                        )));
                        return;
                    }
                }
            } else {
                state.day() + 1
            };
            let entry = ScheduledInject {
                day: on,
                inject,
                fired: !scheduled,
            };
            match problem_text(lang, &inject_problems(&state, &entry)) {
                Some(message) => problem.set(Some(message)),
                None => {
                    problem.set(None);
                    d.emit(DrillAction::AddInject(entry));
                }
            }
        }
    };
    let fire = {
        let go = submit(false);
        Callback::from(move |_: MouseEvent| go())
    };
    let schedule = {
        let go = submit(true);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            go();
        })
    };
    let typed = |handle: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            handle.set(input.value());
        })
    };
    let (amount_key, percent) = inject_amount(&chosen);
    let today = state.day();
    let scenario = &state.exercise.scenario;
    let mut injects = state.events().0;
    injects.sort_by_key(|i| i.day);
    let removable = state.removable_injects();
    html! {
        <section class="drill-panel injects" aria-labelledby="injects-title">
            <h3 id="injects-title">{ t(lang, "drill.injects_title") }</h3>
            <label class="field">
                <span>{ t(lang, "drill.inject") }</span>
                <select onchange={
                    let (chosen, amount) = (chosen.clone(), amount.clone());
                    Callback::from(move |e: Event| {
                        let select: HtmlSelectElement = e.target_unchecked_into();
                        chosen.set(select.value());
                        amount.set(String::new());
                    })
                } data-testid="inject-kind">
                    { for INJECTS.iter().map(|info| html! {
                        <option value={info.id} selected={*chosen == info.id}>{ inject_title(lang, info.id) }</option>
                    }) }
                </select>
            </label>
            if inject_at_gateway(&chosen) {
                <label class="field">
                    <span>{ t(lang, "event.field.gateway") }</span>
                    <select onchange={
                        let gateway = gateway.clone();
                        Callback::from(move |e: Event| {
                            let select: HtmlSelectElement = e.target_unchecked_into();
                            gateway.set(select.value().parse().unwrap_or(0));
                        })
                    } data-testid="inject-gateway">
                        { for scenario.gateways.iter().enumerate().map(|(i, g)| html! {
                            <option value={i.to_string()} selected={*gateway == i}>{ gateway_name(lang, g, i) }</option>
                        }) }
                    </select>
                </label>
            }
            <label class="field">
                <span>{ t(lang, amount_key) }{ if percent { " (%)" } else { "" } }</span>
                <input type="text" inputmode="decimal" value={(*amount).clone()} oninput={typed(amount.clone())} placeholder={tf(lang, "drill.default_value", &[("value", crate::drill::inject_default(lang, &chosen, scenario))])} data-testid="inject-amount" />
            </label>
            if let Some(message) = &*problem {
                <p class="field-error" role="alert" data-testid="inject-problem">{ message.clone() }</p>
            }
            <div class="inline">
                <button onclick={fire} data-testid="inject-fire">{ tf(lang, "drill.fire", &[("day", (today + 1).to_string())]) }</button>
                <form onsubmit={schedule} class="inline">
                    <label>
                        <span>{ t(lang, "drill.on_day") }</span>
                        <input type="text" inputmode="numeric" size="4" value={(*day).clone()} oninput={typed(day.clone())} data-testid="inject-day" />
                    </label>
                    <button type="submit" data-testid="inject-schedule">{ t(lang, "drill.schedule") }</button>
                </form>
            </div>
            <ol class="events" data-testid="inject-list">
                { for injects.iter().map(|inject| {
                    let index = removable.iter().position(|r| r == inject);
                    let remove = index.map(|index| {
                        let d = props.dispatch.clone();
                        Callback::from(move |_| d.emit(DrillAction::RemoveInject(index)))
                    });
                    html! {
                        <li class={classes!((inject.day <= today).then_some("played"))} title={inject_message(lang, scenario, &inject.inject)}>
                            <span class="event-text">
                                { tf(lang, "drill.inject_on_day", &[
                                    ("day", inject.day.to_string()),
                                    ("what", inject_title(lang, inject.inject.id())),
                                ]) }
                                if inject.fired { <small>{ " · " }{ t(lang, "drill.fired") }</small> }
                            </span>
                            if let Some(remove) = remove {
                                <button class="remove" onclick={remove} aria-label={t(lang, "drill.remove_inject")}>{ "×" }</button>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
