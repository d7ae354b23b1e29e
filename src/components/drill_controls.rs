//! The facilitator's time control: the realisation to play (a run index,
//! one drawn at random, or a bad one from the worst decile of the Monte
//! Carlo batch), Next day (N), Run to day…, Play/Pause (Space) with its
//! speed, and the after-action report.

use crate::drill::{DrillAction, DrillState, Pick, SPEEDS};
use crate::i18n::{t, tf, Lang};
use cordon_engine::presets;
use cordon_engine::Results;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of the controls.
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub state: DrillState,
    pub dispatch: Callback<DrillAction>,
    /// The planner's finished results of this scenario (for a bad one).
    pub results: Option<Rc<Results>>,
}

/// The controls and the notice about the last request.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let d = props.dispatch.clone();
    let run_to = use_state(String::new);
    let run_index = use_state(|| state.exercise.run.to_string());
    {
        // The run picked (at random, a bad one, from a file) shows in the field.
        let run_index = run_index.clone();
        use_effect_with(state.exercise.run, move |run| {
            run_index.set(run.to_string())
        });
    }
    let emit = |action: DrillAction| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(action.clone()))
    };
    let go_to = {
        let d = d.clone();
        let run_to = run_to.clone();
        let horizon = state.horizon();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Not a number reads as past the horizon: the reducer says which days.
            let day = crate::fields::parse_number(&run_to)
                .filter(|v| *v >= 0.0 && v.fract() == 0.0)
                .map_or(horizon + 1, |v| v.min(f64::from(u32::MAX)) as u32);
            d.emit(DrillAction::RunTo(day));
        })
    };
    let pick_index = {
        let d = d.clone();
        let run_index = run_index.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match run_index.trim().parse::<u32>() {
                Ok(i) => d.emit(DrillAction::PickRun(Pick::Index(i))),
                Err(_) => d.emit(DrillAction::PickRun(Pick::Index(u32::MAX))),
            }
        })
    };
    let random = {
        let d = d.clone();
        Callback::from(move |_| {
            let seed = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
            d.emit(DrillAction::PickRun(Pick::Random(seed)))
        })
    };
    let bad = {
        let d = d.clone();
        let locals = props
            .results
            .as_ref()
            .map(|r| Rc::new(r.local_infections_by_run.clone()))
            .unwrap_or_default();
        Callback::from(move |_| d.emit(DrillAction::PickRun(Pick::BadOne(locals.clone()))))
    };
    let preset = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = presets::preset(&select.value()) {
                d.emit(DrillAction::Start(Box::new((p.build)())));
            }
            select.set_value("");
        })
    };
    let speed = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(v) = select.value().parse() {
                d.emit(DrillAction::SetSpeed(v));
            }
        })
    };
    let typed = |handle: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            handle.set(input.value());
        })
    };
    let at_end = state.day() >= state.horizon();
    html! {
        <div class="drill-controls">
            <div class="pick" role="group" aria-label={t(lang, "drill.pick_title")}>
                <span class="group-label">{ t(lang, "drill.pick_title") }</span>
                <form onsubmit={pick_index} class="inline">
                    <label>
                        <span>{ t(lang, "drill.run_index") }</span>
                        <input type="text" inputmode="numeric" size="5" value={(*run_index).clone()} oninput={typed(run_index.clone())} data-testid="run-index" />
                    </label>
                    <button type="submit">{ t(lang, "drill.pick_index") }</button>
                </form>
                <button onclick={random} data-testid="pick-random">{ t(lang, "drill.pick_random") }</button>
                <label>
                    <span>{ t(lang, "drill.preset") }</span>
                    <select onchange={preset} data-testid="drill-preset">
                        <option value="" selected=true>{ t(lang, "drill.preset_keep") }</option>
                        { for presets::PRESETS.iter().map(|p| html! {
                            <option value={p.id}>{ if lang == Lang::Zh { p.title_zh } else { p.title_en } }</option>
                        }) }
                    </select>
                </label>
                <button onclick={bad} data-testid="pick-bad" disabled={props.results.is_none()} title={t(lang, "drill.pick_bad_hint")}>{ t(lang, "drill.pick_bad") }</button>
            </div>
            <div class="time" role="group" aria-label={t(lang, "drill.time_title")}>
                <button class="primary" onclick={emit(DrillAction::NextDay)} disabled={at_end} data-testid="next-day" aria-keyshortcuts="N">
                    { t(lang, "drill.next_day") }<kbd>{ "N" }</kbd>
                </button>
                <button onclick={emit(DrillAction::TogglePlay)} disabled={at_end && !state.playing} aria-pressed={state.playing.to_string()} data-testid="play" aria-keyshortcuts="Space">
                    { t(lang, if state.playing { "drill.pause" } else { "drill.play" }) }<kbd>{ t(lang, "drill.space") }</kbd>
                </button>
                <label>
                    <span>{ t(lang, "drill.speed") }</span>
                    <select onchange={speed} data-testid="speed">
                        { for SPEEDS.iter().map(|s| html! {
                            <option value={s.to_string()} selected={*s == state.speed}>{ s.to_string() }</option>
                        }) }
                    </select>
                </label>
                <form onsubmit={go_to} class="inline">
                    <label>
                        <span>{ t(lang, "drill.run_to") }</span>
                        <input type="text" inputmode="numeric" size="4" value={(*run_to).clone()} oninput={typed(run_to.clone())} data-testid="run-to" />
                    </label>
                    <button type="submit" data-testid="run-to-go">{ t(lang, "drill.go") }</button>
                </form>
                <button onclick={emit(DrillAction::OpenReport)} data-testid="open-report">{ t(lang, "drill.open_report") }</button>
            </div>
            if let Some((key, args)) = &state.notice {
                <p class="field-error" role="alert" data-testid="drill-notice">
                    { tf(lang, key, &args.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()) }
                    <button class="remove" onclick={emit(DrillAction::DismissNotice)} aria-label={t(lang, "app.dismiss")}>{ "×" }</button>
                </p>
            }
        </div>
    }
}
