//! The page's header (title, preset picker, reset, presentation mode,
//! language) and the error banners under it (a broken link, a failed run).

use crate::i18n::{t, tf, Lang};
use crate::planner::{Action, PlannerState};
use cordon_engine::presets;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The banners for a link that could not be opened and for a failed
/// computation, each with a dismiss button.
pub fn banners(state: &PlannerState, dispatch: &Callback<Action>) -> Html {
    let lang = state.lang;
    let dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::DismissProblem))
    };
    html! {
        <>
        if let Some((code, link)) = &state.link_problem {
            <div class="banner error" role="alert" data-testid="link-problem">
                <strong>{ t(lang, "app.link_error") }{ ": " }{ t(lang, &format!("link.{code}")) }</strong>
                <p>{ t(lang, "app.link_error_default") }</p>
                <input class="link-text" readonly=true value={link.clone()} aria-label={t(lang, "app.link_error")} />
                <button onclick={dismiss.clone()}>{ t(lang, "app.dismiss") }</button>
            </div>
        }
        if let Some(message) = &state.failure {
            <div class="banner error" role="alert">
                <strong>{ t(lang, "app.error") }</strong>{ ": " }{ message.clone() }
                <button onclick={dismiss}>{ t(lang, "app.dismiss") }</button>
            </div>
        }
        </>
    }
}

/// Properties of the header.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub state: PlannerState,
    pub dispatch: Callback<Action>,
    /// Opens the drill view (桌面推演) on the scenario being edited.
    #[prop_or_default]
    pub on_drill: Callback<()>,
}

/// Title, preset picker (with the discard-edits confirmation), reset,
/// presentation mode and language switch.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let d = props.dispatch.clone();
    let switch_lang = {
        let d = d.clone();
        let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        Callback::from(move |_| d.emit(Action::SetLang(other)))
    };
    let presentation = {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::TogglePresentation))
    };
    let pick = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = presets::preset(&select.value()) {
                d.emit(Action::ChoosePreset(p.id));
            }
        })
    };
    let ask_reset = {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::AskReset))
    };
    let confirm = {
        let d = d.clone();
        Callback::from(move |_| d.emit(Action::ConfirmReset))
    };
    let cancel = Callback::from(move |_| d.emit(Action::CancelReset));
    html! {
        <header class="top">
            <div class="brand">
                <h1>{ t(lang, "app.title") }</h1>
                <p class="subtitle">{ t(lang, "app.subtitle") }</p>
            </div>
            <label class="preset">
                <span>{ t(lang, "app.preset") }</span>
                <select onchange={pick} data-testid="preset" key={format!("{}-{}", state.preset, state.confirm_reset.unwrap_or(""))}>
                    { for presets::PRESETS.iter().map(|p| html! {
                        <option value={p.id} selected={p.id == state.preset}>
                            { if lang == Lang::Zh { p.title_zh } else { p.title_en } }
                        </option>
                    }) }
                </select>
            </label>
            <button
                class="view-tab"
                onclick={props.on_drill.reform(|_| ())}
                data-testid="open-drill"
                title={t(lang, "drill.open_hint")}
            >{ t(lang, "drill.tab") }</button>
            <button onclick={ask_reset}>{ t(lang, "app.reset") }</button>
            <button onclick={presentation} aria-pressed={state.presentation.to_string()}>{ t(lang, "app.presentation") }</button>
            <button onclick={switch_lang} lang={if lang == Lang::Zh { "en" } else { "zh-CN" }} aria-label={t(lang, "app.language_label")} data-testid="lang">
                { t(lang, "app.language") }
            </button>
            if let Some(target) = state.confirm_reset {
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-text" data-testid="confirm">
                    <p id="confirm-text">{
                        if target == state.preset {
                            t(lang, "app.reset_confirm")
                        } else {
                            let title = presets::preset(target)
                                .map(|p| if lang == Lang::Zh { p.title_zh } else { p.title_en })
                                .unwrap_or(target);
                            tf(lang, "app.open_preset_confirm", &[("preset", title.to_string())])
                        }
                    }</p>
                    <button onclick={confirm} class="danger" data-testid="confirm-yes">{ t(lang, "app.yes") }</button>
                    <button onclick={cancel} data-testid="confirm-no">{ t(lang, "app.no") }</button>
                </div>
            }
        </header>
    }
}
