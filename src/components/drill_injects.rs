//! Injects (情况注入, the master scenario events list): pick one from the
//! library, fire it now or schedule it for a day not yet played; the
//! line's injects listed by day, those not yet played removable.

use crate::drill::{inject_title, library, DrillAction, DrillState};
use crate::i18n::{t, tf};
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
    let chosen = use_state(|| {
        library()
            .first()
            .map(|i| i.0.to_string())
            .unwrap_or_default()
    });
    let day = use_state(|| String::new());
    let fire = {
        let d = props.dispatch.clone();
        let chosen = chosen.clone();
        Callback::from(move |_| d.emit(DrillAction::FireInject((*chosen).clone())))
    };
    let schedule = {
        let d = props.dispatch.clone();
        let chosen = chosen.clone();
        let day = day.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let day = day.trim().parse::<u32>().unwrap_or(0);
            d.emit(DrillAction::ScheduleInject {
                id: (*chosen).clone(),
                day,
            });
        })
    };
    let pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            chosen.set(select.value());
        })
    };
    let typed = {
        let day = day.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            day.set(input.value());
        })
    };
    let today = state.day();
    let mut upcoming = 0usize;
    html! {
        <section class="drill-panel injects" aria-labelledby="injects-title">
            <h3 id="injects-title">{ t(lang, "drill.injects_title") }</h3>
            <label class="field">
                <span>{ t(lang, "drill.inject") }</span>
                <select onchange={pick} data-testid="inject-kind">
                    { for library().into_iter().map(|(id, _)| html! {
                        <option value={id} selected={*chosen == id}>{ inject_title(lang, id) }</option>
                    }) }
                </select>
            </label>
            <div class="inline">
                <button onclick={fire} data-testid="inject-fire">{ t(lang, "drill.fire") }</button>
                <form onsubmit={schedule} class="inline">
                    <label>
                        <span>{ t(lang, "drill.on_day") }</span>
                        <input type="text" inputmode="numeric" size="4" value={(*day).clone()} oninput={typed} data-testid="inject-day" />
                    </label>
                    <button type="submit" data-testid="inject-schedule">{ t(lang, "drill.schedule") }</button>
                </form>
            </div>
            <ol class="events" data-testid="inject-list">
                { for state.injects().into_iter().map(|inject| {
                    let played = inject.day < today;
                    let remove = (!played).then(|| {
                        let index = upcoming;
                        upcoming += 1;
                        let d = props.dispatch.clone();
                        Callback::from(move |_| d.emit(DrillAction::RemoveInject(index)))
                    });
                    html! {
                        <li class={classes!(played.then_some("played"))}>
                            <span class="event-text">
                                { tf(lang, "drill.inject_on_day", &[
                                    ("day", (inject.day + 1).to_string()),
                                    ("what", inject_title(lang, &inject.id)),
                                ]) }
                                if inject.fired { <small>{ t(lang, "drill.fired") }</small> }
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
