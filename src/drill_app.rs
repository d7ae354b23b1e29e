//! The drill view (桌面推演): the drill's state ([`crate::drill`]), the
//! effects at the top (the exercise link in the address bar, the play
//! timer, the N / Space keys, other windows of this browser kept in step
//! through a `BroadcastChannel`) and the layout of the `drill_*` components.
//!
//! Opened with `?view=room` (the link and QR code handed to the room), the
//! page shows only the room display, read-only. Phones get the state when
//! they open or refresh the link; windows of the facilitator's browser (a
//! projector) follow every step live.

use crate::components::drill_branches::Branches;
use crate::components::drill_controls::Controls;
use crate::components::drill_day::DayHeader;
use crate::components::drill_decision::DecisionForm;
use crate::components::drill_injects::InjectPanel;
use crate::components::drill_report::Report;
use crate::components::drill_room::RoomDisplay;
use crate::components::drill_share::SharePhones;
use crate::components::drill_truth::TruthPanel;
use crate::drill::{is_exercise_link, reduce, DrillAction, DrillState};
use crate::i18n::{t, Lang};
use crate::storage;
use cordon_engine::drill::link::{decode, encode};
use cordon_engine::drill::Exercise;
use cordon_engine::{Results, Scenario};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How the drill view starts.
#[derive(Clone, Debug, PartialEq)]
pub enum DrillStart {
    /// From the planner's scenario.
    Scenario(Box<Scenario>),
    /// From an exercise link (the fragment, without `#`); `room_only`: the
    /// read-only room display handed to participants.
    Link { link: String, room_only: bool },
}

impl DrillStart {
    /// Identifies the start: a new link opens a new drill.
    pub fn key(&self) -> String {
        match self {
            DrillStart::Scenario(_) => "planner".into(),
            DrillStart::Link { link, .. } => link.clone(),
        }
    }
}

/// The view the page opens in: the drill for an exercise link, else the planner.
pub fn initial_view() -> crate::app::View {
    let fragment = storage::fragment();
    if is_exercise_link(&fragment) {
        crate::app::View::Drill(DrillStart::Link {
            link: fragment,
            room_only: room_flag(),
        })
    } else {
        crate::app::View::Planner
    }
}

/// Whether the address asks for the read-only room display (`?view=room`).
fn room_flag() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| {
            q.trim_start_matches('?')
                .split('&')
                .any(|p| p == "view=room")
        })
}

/// The page's address without query or fragment.
fn page_base() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| {
            href.split(['#', '?'])
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .unwrap_or_default()
}

/// The read-only room display's address for an exercise link.
pub fn room_url(link: &str) -> String {
    format!("{}?view=room#{link}", page_base())
}

/// The name of the channel windows of one browser share.
const CHANNEL: &str = "cordon-drill";

/// What the facilitator's window tells the others after every change.
#[derive(serde::Serialize, serde::Deserialize)]
struct Broadcast {
    link: String,
    revealed: bool,
}

/// The drill's state as Yew wants it.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillPage(pub DrillState);

impl Reducible for DrillPage {
    type Action = DrillAction;
    fn reduce(self: Rc<Self>, action: DrillAction) -> Rc<Self> {
        Rc::new(DrillPage(reduce(&self.0, action)))
    }
}

/// Properties of the drill view.
#[derive(Properties, PartialEq)]
pub struct DrillAppProps {
    pub start: DrillStart,
    pub lang: Lang,
    /// The planner's finished Monte Carlo results of the same scenario
    /// (for "a bad one"), if any.
    pub results: Option<Rc<Results>>,
    /// The planner's scenario (what `results` are for).
    pub planner_scenario: Scenario,
    /// Asks the planner to compute the drill's scenario (for "a bad one").
    pub on_scenario: Callback<Scenario>,
    pub on_back: Callback<()>,
    pub on_lang: Callback<Lang>,
}

/// Whether a key press comes from a field being typed in.
fn typing(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.has_attribute("contenteditable")
        })
}

/// Listens to the window's `kind` keyboard events (`keydown`, `keyup`),
/// which `handle` may prevent the default of.
fn on_key(
    window: &web_sys::Window,
    kind: &'static str,
    handle: impl Fn(&KeyboardEvent) + 'static,
) -> gloo::events::EventListener {
    let options = gloo::events::EventListenerOptions::enable_prevent_default();
    gloo::events::EventListener::new_with_options(window, kind, options, move |event| {
        if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
            handle(event);
        }
    })
}

/// What a key does in the drill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shortcut {
    NextDay,
    TogglePlay,
}

/// The drill's shortcut a key press asks for: N the next day (anywhere
/// but a field being typed in); Space play or pause, on the page itself
/// and on the drill's own time controls (next day, play/pause, run to,
/// report: the shortcut instead of pressing the focused button, so one
/// action), while Space on any other button presses that button.
fn shortcut(event: &KeyboardEvent) -> Option<Shortcut> {
    if typing(event) || event.ctrl_key() || event.meta_key() || event.alt_key() {
        return None;
    }
    match event.key().as_str() {
        "n" | "N" => Some(Shortcut::NextDay),
        " " => {
            let target = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let on_other_control = target.is_some_and(|e| {
                let control = matches!(e.tag_name().as_str(), "BUTTON" | "A" | "SUMMARY");
                let ours = e.closest(".drill-controls .time").ok().flatten().is_some();
                control && !ours
            });
            (!on_other_control).then_some(Shortcut::TogglePlay)
        }
        _ => None,
    }
}

/// The drill view.
#[function_component(DrillApp)]
pub fn drill_app(props: &DrillAppProps) -> Html {
    let lang = props.lang;
    let room_only = matches!(
        props.start,
        DrillStart::Link {
            room_only: true,
            ..
        }
    );
    // The start is read once (a link decoded, its exercise replayed), not at every render.
    let start = {
        let start = props.start.clone();
        use_memo((), move |_| match &start {
            DrillStart::Scenario(s) => (DrillState::new(lang, (**s).clone()), None),
            DrillStart::Link { link, .. } => match decode(link) {
                Ok(exercise) => (DrillState::of_exercise(lang, exercise), None),
                Err(error) => (
                    DrillState::new(lang, Scenario::default()),
                    Some((error.code().to_string(), link.clone())),
                ),
            },
        })
    };
    let page = {
        let start = start.clone();
        use_reducer(move || DrillPage(start.0.clone()))
    };
    let link_problem = {
        let start = start.clone();
        use_state(move || start.1.clone())
    };
    let state = &page.0;
    let dispatch = page.dispatcher().to_callback();

    // The page's language is the planner's.
    {
        let dispatch = dispatch.clone();
        use_effect_with(lang, move |lang| dispatch.emit(DrillAction::SetLang(*lang)));
    }
    // The exercise in the address bar, and in every other window of this browser.
    let channel = use_memo((), |_| web_sys::BroadcastChannel::new(CHANNEL).ok());
    {
        let channel = channel.clone();
        let broken = link_problem.is_some();
        use_effect_with(
            (state.exercise.clone(), state.revealed),
            move |(exercise, revealed)| {
                if !room_only && !broken {
                    let link = encode(exercise);
                    storage::set_fragment(&link);
                    if let Some(channel) = channel.as_ref() {
                        let message = Broadcast {
                            link,
                            revealed: *revealed,
                        };
                        if let Ok(text) = serde_json::to_string(&message) {
                            let _ = channel.post_message(&text.into());
                        }
                    }
                }
            },
        );
    }
    // A room display follows the facilitator's window.
    {
        let channel = channel.clone();
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = channel
                .as_ref()
                .as_ref()
                .filter(|_| room_only)
                .map(|channel| {
                    gloo::events::EventListener::new(channel, "message", move |event| {
                        let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                            return;
                        };
                        let Some(text) = event.data().as_string() else {
                            return;
                        };
                        let Ok(message) = serde_json::from_str::<Broadcast>(&text) else {
                            return;
                        };
                        if let Ok(exercise) = decode(&message.link) {
                            storage::set_fragment(&message.link);
                            dispatch.emit(DrillAction::Load(Box::new(exercise)));
                            dispatch.emit(DrillAction::Reveal(message.revealed));
                        }
                    })
                });
            move || drop(listener)
        });
    }
    // The planner computes the drill's scenario, for "a bad one".
    {
        let on_scenario = props.on_scenario.clone();
        let planner = props.planner_scenario.clone();
        use_effect_with(state.exercise.scenario.clone(), move |scenario| {
            if *scenario != planner && !room_only {
                on_scenario.emit(scenario.clone());
            }
        });
    }
    // Play: a day every 1/speed seconds.
    {
        let dispatch = dispatch.clone();
        use_effect_with((state.playing, state.speed), move |(playing, speed)| {
            let timer = playing.then(|| {
                gloo::timers::callback::Interval::new(1000 / (*speed).max(1), move || {
                    dispatch.emit(DrillAction::Tick)
                })
            });
            move || drop(timer)
        });
    }
    // Keys: N for the next day, Space to play or pause (not while typing).
    {
        let dispatch = dispatch.clone();
        use_effect_with(room_only, move |room_only| {
            let listeners = (!room_only).then(web_sys::window).flatten().map(|window| {
                let down = on_key(&window, "keydown", move |event| match shortcut(event) {
                    Some(Shortcut::NextDay) => {
                        event.prevent_default();
                        dispatch.emit(DrillAction::NextDay);
                    }
                    Some(Shortcut::TogglePlay) => {
                        event.prevent_default();
                        if !event.repeat() {
                            dispatch.emit(DrillAction::TogglePlay);
                        }
                    }
                    None => {}
                });
                // A button presses on Space's release: the shortcut took it.
                let up = on_key(&window, "keyup", |event| {
                    if shortcut(event) == Some(Shortcut::TogglePlay) {
                        event.prevent_default();
                    }
                });
                (down, up)
            });
            move || drop(listeners)
        });
    }

    let switch_lang = {
        let on_lang = props.on_lang.clone();
        Callback::from(move |_| on_lang.emit(crate::drill::other_lang(lang)))
    };
    let problem_banner = link_problem.as_ref().map(|(code, link)| {
        html! {
            <div class="banner error" role="alert" data-testid="drill-link-problem">
                <strong>{ t(lang, "drill.link_error") }{ ": " }{ t(lang, &format!("link.{code}")) }</strong>
                <p>{ t(lang, "drill.link_error_default") }</p>
                <input class="link-text" readonly=true value={link.clone()} aria-label={t(lang, "drill.link_error")} />
            </div>
        }
    });
    let link = use_memo(state.exercise.clone(), encode);

    if room_only {
        return html! {
            <div class={classes!("drill", "room-only", state.revealed.then_some("revealed"))} data-testid="room-view">
                { for problem_banner }
                <DayHeader state={state.clone()} />
                <RoomDisplay state={state.clone()} />
                if state.revealed {
                    <TruthPanel state={state.clone()} dispatch={dispatch.clone()} read_only=true />
                }
                <p class="room-note">{ t(lang, "drill.room_note") }</p>
            </div>
        };
    }

    let back = props.on_back.reform(|_| ());
    let results = props
        .results
        .clone()
        .filter(|_| props.planner_scenario == state.exercise.scenario);
    html! {
        <div class="drill" data-testid="drill">
            <header class="top drill-top">
                <div class="brand">
                    <h1>{ t(lang, "app.title") }</h1>
                    <p class="subtitle">{ t(lang, "drill.subtitle") }</p>
                </div>
                <nav class="view-tabs" aria-label={t(lang, "drill.views")}>
                    <button class="view-tab" onclick={back} data-testid="open-planner">{ t(lang, "drill.planner_tab") }</button>
                    <span class="view-tab current" aria-current="page">{ t(lang, "drill.tab") }</span>
                </nav>
                <crate::components::drill_file::OpenExercise {lang} on_load={dispatch.reform(|e: Exercise| DrillAction::Load(Box::new(e)))} />
                <button onclick={switch_lang} lang={if lang == Lang::Zh { "en" } else { "zh-CN" }} aria-label={t(lang, "app.language_label")} data-testid="lang">
                    { t(lang, "app.language") }
                </button>
            </header>
            { for problem_banner }
            <main class="drill-layout">
                <section class="drill-stage" aria-label={t(lang, "drill.room_title")}>
                    <DayHeader state={state.clone()} />
                    <Controls state={state.clone()} dispatch={dispatch.clone()} {results} />
                    <RoomDisplay state={state.clone()} />
                    <TruthPanel state={state.clone()} dispatch={dispatch.clone()} read_only=false />
                    <Branches state={state.clone()} dispatch={dispatch.clone()} />
                </section>
                <aside class="drill-side">
                    <InjectPanel state={state.clone()} dispatch={dispatch.clone()} />
                    <DecisionForm state={state.clone()} dispatch={dispatch.clone()} />
                    <SharePhones {lang} room_link={room_url(&link)} />
                </aside>
            </main>
            <Report state={state.clone()} dispatch={dispatch.clone()} />
        </div>
    }
}
