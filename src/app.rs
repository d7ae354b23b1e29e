//! The planner page: effects at the top, components below that get data and
//! callbacks.

use crate::charts::{self, FanSpec, Line, PlotArea};
use crate::compute::Compute;
use crate::fields::{field_id, Group, Target, FIELDS};
use crate::i18n::{number, percent, t, tf, Lang};
use crate::planner::{place_value, profile_value, reduce, Action, Choice, PlannerState, Toggle};
use crate::storage;
use cordon_engine::{
    presets, Capacity, Change, GatewayKind, OverloadPolicy, QuarantinePlace, Resource, Results,
    Scenario, Series, TimelineEvent, Variant,
};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The reducer's state as Yew wants it.
#[derive(Clone, Debug, PartialEq)]
pub struct Page(pub PlannerState);

impl Reducible for Page {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Page(reduce(&self.0, action)))
    }
}

fn initial_state() -> PlannerState {
    let lang = storage::load_lang().unwrap_or_else(storage::browser_lang);
    let fragment = storage::fragment();
    if !fragment.is_empty() {
        match cordon_engine::link::decode(&fragment) {
            Ok(scenario) => {
                // The same scenario as saved here keeps its saved preset.
                let saved = storage::load_scenario()
                    .filter(|(_, s)| *s == scenario)
                    .map(|(p, _)| p);
                let preset =
                    saved.unwrap_or_else(|| crate::planner::preset_of(&scenario, "example-city"));
                let mut state = PlannerState::new(lang, preset, scenario);
                state.presentation = storage::load_presentation();
                return state;
            }
            Err(error) => {
                let mut state = PlannerState::new(lang, "example-city", Scenario::default());
                state.link_problem = Some((error.code().to_string(), fragment));
                return state;
            }
        }
    }
    let mut state = match storage::load_scenario() {
        Some((preset, scenario)) => PlannerState::new(lang, preset, scenario),
        None => PlannerState::new(lang, "example-city", Scenario::default()),
    };
    state.presentation = storage::load_presentation();
    state
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let page = use_reducer(|| Page(initial_state()));
    let state = &page.0;
    let dispatch = page.dispatcher().to_callback();
    let compute: Rc<RefCell<Option<Rc<RefCell<Compute>>>>> = use_mut_ref(|| None);

    // Effect: compute the current scenario in the workers.
    {
        let compute = compute.clone();
        let dispatch = dispatch.clone();
        let scenario = state.scenario.clone();
        use_effect_with(state.progress.generation, move |generation| {
            let coordinator = compute
                .borrow_mut()
                .get_or_insert_with(|| Compute::new(dispatch))
                .clone();
            coordinator.borrow_mut().start(*generation, scenario);
        });
    }
    // Effect: keep the edit in the browser and in the address bar.
    {
        let preset = state.preset;
        use_effect_with(state.scenario.clone(), move |scenario| {
            storage::save_scenario(preset, scenario);
            storage::set_fragment(&cordon_engine::link::encode(scenario));
        });
    }
    {
        use_effect_with(state.lang, move |lang| storage::save_lang(*lang));
    }
    {
        use_effect_with(state.presentation, move |on| {
            storage::save_presentation(*on)
        });
    }
    // Effect: a link pasted into this tab's address bar opens its scenario.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "hashchange", move |_| {
                    let fragment = storage::fragment();
                    if fragment.is_empty() {
                        return;
                    }
                    match cordon_engine::link::decode(&fragment) {
                        Ok(scenario) => dispatch.emit(Action::LoadScenario(Box::new(scenario))),
                        Err(error) => dispatch.emit(Action::LinkProblem {
                            code: error.code().to_string(),
                            link: fragment,
                        }),
                    }
                })
            });
            move || drop(listener)
        });
    }

    let lang = state.lang;
    let class = classes!("page", state.presentation.then_some("presentation"));
    html! {
        <div class={class}>
            <a class="skip-link" href="#results">{ t(lang, "app.skip") }</a>
            <Header state={state.clone()} dispatch={dispatch.clone()} />
            { banners(state, &dispatch) }
            <main class="layout">
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
                <section class="results" id="results" tabindex="-1" aria-label={t(lang, "app.results")}>
                    <crate::share::SharePanel
                        scenario={state.scenario.clone()}
                        results={state.results.clone()}
                        {lang}
                        on_load={
                            let dispatch = dispatch.clone();
                            Callback::from(move |s: Scenario| dispatch.emit(Action::LoadScenario(Box::new(s))))
                        }
                    />
                    <ResultsView state={state.clone()} />
                </section>
            </main>
        </div>
    }
}

fn banners(state: &PlannerState, dispatch: &Callback<Action>) -> Html {
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

#[derive(Properties, PartialEq)]
struct HeaderProps {
    state: PlannerState,
    dispatch: Callback<Action>,
}

#[function_component(Header)]
fn header(props: &HeaderProps) -> Html {
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

#[derive(Properties, PartialEq)]
struct GroupProps {
    group: Group,
    state: PlannerState,
    dispatch: Callback<Action>,
}

#[function_component(GroupPanel)]
fn group_panel(props: &GroupProps) -> Html {
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

fn gateways_editor(state: &PlannerState, dispatch: &Callback<Action>) -> Html {
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

fn kind_name(lang: Lang, kind: GatewayKind) -> &'static str {
    use GatewayKind::*;
    match (lang, kind) {
        (Lang::Zh, RailStation) => "火车站",
        (Lang::Zh, CoachStation) => "汽车站",
        (Lang::Zh, HighwayExit) => "高速路口",
        (Lang::Zh, Airport) => "机场",
        (Lang::Zh, Port) => "港口",
        (Lang::Zh, RoadEntrance) => "道路卡口",
        (Lang::En, RailStation) => "Rail station",
        (Lang::En, CoachStation) => "Coach station",
        (Lang::En, HighwayExit) => "Highway exit",
        (Lang::En, Airport) => "Airport",
        (Lang::En, Port) => "Port",
        (Lang::En, RoadEntrance) => "Road entrance",
    }
}

fn gateway_name(lang: Lang, gateway: &cordon_engine::Gateway, index: usize) -> String {
    let kind = kind_name(lang, gateway.kind);
    if gateway.name.is_empty() || lang == Lang::Zh {
        format!("{} · {}", index + 1, kind)
    } else {
        format!("{} · {}", index + 1, gateway.name)
    }
}

fn toggle(
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

fn number_field(
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

fn checkpoint_capacity(lang: Lang, scenario: &Scenario, g: usize) -> String {
    let gateway = &scenario.gateways[g];
    let cp = &gateway.checkpoint;
    let capacity = f64::from(cp.posts.min(cp.staff_per_shift)) * cp.inspections_per_staff_hour;
    let peak = cordon_engine::checkpoint::hourly_shares(cp.hourly_profile)
        .iter()
        .copied()
        .fold(0.0, f64::max)
        * gateway.arrivals_per_day;
    tf(
        lang,
        "cap.checkpoint",
        &[
            ("capacity", number(lang, capacity)),
            ("peak", number(lang, peak.round())),
        ],
    )
}

fn group_capacity(lang: Lang, s: &Scenario, group: Group) -> Option<String> {
    let text = match group {
        Group::City => tf(
            lang,
            "cap.city",
            &[("households", number(lang, s.households().round()))],
        ),
        Group::Community => {
            let visits =
                f64::from(s.community.grid_workers) * s.community.visits_per_worker_per_day;
            let days = if visits > 0.0 {
                s.households() / visits
            } else {
                f64::INFINITY
            };
            tf(
                lang,
                "cap.grid",
                &[
                    ("workers", number(lang, f64::from(s.community.grid_workers))),
                    ("days", number(lang, (days * 10.0).round() / 10.0)),
                ],
            )
        }
        Group::Quarantine => {
            let rooms = s.quarantine.room_capacity();
            tf(
                lang,
                "cap.quarantine",
                &[
                    ("rooms", number(lang, rooms)),
                    (
                        "per_day",
                        number(lang, (rooms / f64::from(s.quarantine.days)).floor()),
                    ),
                    ("days", s.quarantine.days.to_string()),
                ],
            )
        }
        Group::Testing => {
            let throughput = s.testing.round_throughput();
            let participants = s.city.population as f64 * s.testing.mass_testing.participation;
            let days = if throughput > 0.0 {
                participants / throughput
            } else {
                f64::INFINITY
            };
            tf(
                lang,
                "cap.testing",
                &[
                    ("days", number(lang, (days * 10.0).round() / 10.0)),
                    ("throughput", number(lang, throughput.round())),
                ],
            )
        }
        Group::Tracing => {
            let cases = s.tracing.cases_per_day();
            tf(
                lang,
                "cap.tracing",
                &[("cases", number(lang, (cases * 10.0).round() / 10.0))],
            )
        }
        Group::Hospital => {
            let beds = s.hospital.bed_capacity();
            tf(
                lang,
                "cap.hospital",
                &[
                    ("beds", number(lang, beds)),
                    (
                        "per_day",
                        number(
                            lang,
                            (beds / f64::from(s.hospital.stay_days) * 10.0).round() / 10.0,
                        ),
                    ),
                    ("days", s.hospital.stay_days.to_string()),
                ],
            )
        }
        Group::Epidemiology => {
            let e = &s.epidemiology;
            let r = e.r0
                * (e.household_share
                    + (1.0 - e.household_share) * s.response.baseline_contact_factor);
            tf(
                lang,
                "cap.epidemiology",
                &[("r", number(lang, (r * 10.0).round() / 10.0))],
            )
        }
        Group::Gateways | Group::Timeline | Group::Response => return None,
    };
    Some(text)
}

#[derive(Properties, PartialEq)]
struct ResultsProps {
    state: PlannerState,
}

#[function_component(ResultsView)]
fn results_view(props: &ResultsProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let progress = &state.progress;
    let status = html! {
        <div class="status" role="status" aria-live="polite">
            if state.computing() {
                <progress max={progress.total.to_string()} value={progress.done.to_string()} />
                <span data-testid="progress">
                    { format!("{} {} / {} {}", t(lang, "app.computing"), number(lang, progress.done as f64), number(lang, progress.total as f64), t(lang, "app.runs_done")) }
                </span>
            } else if state.results.is_some() {
                <span data-testid="progress">{ format!("{} {}", number(lang, progress.done as f64), t(lang, "app.runs_done")) }</span>
            }
            if state.stale {
                <span class="stale" data-testid="stale">{ t(lang, "app.stale") }</span>
            }
        </div>
    };
    let Some(results) = state.results.clone() else {
        return html! { <>{ status }<p class="placeholder">{ t(lang, "app.computing") }{ "…" }</p></> };
    };
    let fans: Vec<(&'static str, &'static str, FanSpec)> = vec![
        (
            "chart-infections",
            "chart.infections",
            FanSpec {
                lines: vec![
                    Line {
                        series: Series::CumulativeLocal,
                        label_key: "chart.local",
                        color: charts::VERMILLION,
                        bands: true,
                    },
                    Line {
                        series: Series::CumulativeImported,
                        label_key: "chart.imported",
                        color: charts::BLUE,
                        bands: true,
                    },
                    Line {
                        series: Series::CumulativeDetected,
                        label_key: "chart.detected",
                        color: charts::GREEN,
                        bands: false,
                    },
                ],
                capacity: None,
            },
        ),
        (
            "chart-rooms",
            "chart.rooms",
            FanSpec {
                lines: vec![Line {
                    series: Series::RoomsNeeded,
                    label_key: "chart.rooms",
                    color: charts::ORANGE,
                    bands: true,
                }],
                capacity: Some(Series::RoomsCapacity),
            },
        ),
        (
            "chart-beds",
            "chart.beds",
            FanSpec {
                lines: vec![Line {
                    series: Series::BedsNeeded,
                    label_key: "chart.beds",
                    color: charts::PURPLE,
                    bands: true,
                }],
                capacity: Some(Series::BedsCapacity),
            },
        ),
        (
            "chart-tests",
            "chart.tests",
            FanSpec {
                lines: vec![Line {
                    series: Series::TestsNeeded,
                    label_key: "chart.tests",
                    color: charts::SKY_BLUE,
                    bands: true,
                }],
                capacity: Some(Series::TestsCapacity),
            },
        ),
        (
            "chart-tracing",
            "chart.tracing",
            FanSpec {
                lines: vec![Line {
                    series: Series::TracingBacklog,
                    label_key: "chart.tracing",
                    color: charts::GREEN,
                    bands: true,
                }],
                capacity: None,
            },
        ),
        (
            "chart-queue",
            "chart.queue",
            FanSpec {
                lines: vec![Line {
                    series: Series::CheckpointQueue,
                    label_key: "chart.queue",
                    color: charts::VERMILLION,
                    bands: true,
                }],
                capacity: None,
            },
        ),
        (
            "chart-checkpoint",
            "chart.checkpoint",
            FanSpec {
                lines: vec![Line {
                    series: Series::CheckpointWait,
                    label_key: "chart.checkpoint",
                    color: charts::BLUE,
                    bands: true,
                }],
                capacity: None,
            },
        ),
    ];
    html! {
        <>
            { status }
            <Verdict results={results.clone()} {lang} infection_limit={state.scenario.infection_limit} />
            <div class="charts">
                { for fans.into_iter().map(|(id, title, spec)| html! {
                    <FanChart {id} {title} {spec} results={results.clone()} {lang} presentation={state.presentation} />
                }) }
                <figure class="chart">
                    <figcaption>{ t(lang, "chart.outbreak_size") }</figcaption>
                    <Histogram results={results.clone()} {lang} presentation={state.presentation} />
                </figure>
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub results: Rc<Results>,
    pub lang: Lang,
    /// The scenario's infection limit, to explain runs that reached it.
    #[prop_or(cordon_engine::DEFAULT_INFECTION_LIMIT)]
    pub infection_limit: u32,
}

fn capacity_key(c: Capacity) -> String {
    format!("capacity.{}", c.key())
}

#[function_component(Verdict)]
pub fn verdict(props: &VerdictProps) -> Html {
    let lang = props.lang;
    let s = &props.results.summary;
    let bottleneck = match &s.first_bottleneck {
        Some(b) => html! {
            <>
                <strong data-testid="bottleneck">{ t(lang, &capacity_key(b.capacity)) }</strong>
                <span>{ tf(lang, "verdict.bottleneck_detail", &[
                    ("p", percent(b.p_exceeded)),
                    ("day", b.median_first_day.map(|d| number(lang, d.round())).unwrap_or_else(|| "–".into())),
                ]) }</span>
            </>
        },
        None => {
            html! { <strong data-testid="bottleneck">{ t(lang, "verdict.none_binds") }</strong> }
        }
    };
    html! {
        <div class="verdict" aria-label="verdict">
            <div class="card">
                <span class="label">{ t(lang, "verdict.no_local") }</span>
                <strong class="big" data-testid="p-no-local">{ percent(s.p_no_local_transmission) }</strong>
            </div>
            <div class="card">
                <span class="label">{ t(lang, "verdict.contained") }</span>
                <strong class="big" data-testid="p-contained">{ percent(s.p_contained) }</strong>
                <span class="definition">{ t(lang, "verdict.contained_def") }</span>
            </div>
            <div class="card">
                <span class="label">{ t(lang, "verdict.local_infections") }</span>
                <strong class="big" data-testid="local-mean">{ number(lang, (s.local_infections.mean * 10.0).round() / 10.0) }</strong>
                <span class="definition">{ tf(lang, "verdict.local_infections_range", &[
                    ("low", number(lang, s.local_infections.p5.round())),
                    ("high", number(lang, s.local_infections.p95.round())),
                ]) }</span>
            </div>
            <div class="card">
                <span class="label">{ t(lang, "verdict.first_bottleneck") }</span>
                { bottleneck }
            </div>
            if s.caught_at_checkpoint_share.is_some() {
                <div class="card">
                    <span class="label">{ t(lang, "verdict.caught") }</span>
                    <strong class="big">{ s.caught_at_checkpoint_share.map(percent).unwrap_or_else(|| "–".into()) }</strong>
                    <span class="definition">{ format!("+ {} {}", s.flagged_at_checkpoint_share.map(percent).unwrap_or_else(|| "–".into()), t(lang, "verdict.flagged")) }</span>
                </div>
            }
            if s.p_truncated > 0.0 {
                <div class="card warning" data-testid="out-of-control">
                    <span class="label">{ t(lang, "verdict.out_of_control") }</span>
                    <strong class="big">{ percent(s.p_truncated) }</strong>
                    <span class="definition">{ tf(lang, "verdict.out_of_control_def", &[("limit", number(lang, f64::from(props.infection_limit)))]) }</span>
                </div>
            }
            <div class="card">
                <span class="label">{ t(lang, "verdict.detection_delay") }</span>
                <strong class="big">{ s.days_to_first_local_detection.map(|d| number(lang, d.p50)).unwrap_or_else(|| "–".into()) }</strong>
            </div>
            <table class="capacities" data-testid="capacities">
                <caption>{ t(lang, "verdict.capacities") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t(lang, "verdict.capacity") }</th>
                        <th scope="col">{ t(lang, "verdict.p_exceeded") }</th>
                        <th scope="col">{ t(lang, "verdict.p_first") }</th>
                        <th scope="col">{ t(lang, "verdict.median_day") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for s.capacities.iter().map(|c| html! {
                        <tr class={classes!((c.p_exceeded > 0.0).then_some("binds"))}>
                            <th scope="row">{ t(lang, &capacity_key(c.capacity)) }</th>
                            <td>
                                <span class="bar" style={format!("width: {:.2}rem", c.p_exceeded * 6.0)}></span>
                                { percent(c.p_exceeded) }
                            </td>
                            <td>{ percent(c.p_first) }</td>
                            <td>{ c.median_first_day.map(|d| number(lang, d.round())).unwrap_or_else(|| "–".into()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FanProps {
    pub id: &'static str,
    pub title: &'static str,
    pub spec: FanSpec,
    pub results: Rc<Results>,
    pub lang: Lang,
    /// Presentation mode (larger charts): redraw when it changes.
    #[prop_or(false)]
    pub presentation: bool,
}

/// The screen's device pixels per CSS pixel (2 on most HiDPI laptops).
fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 3.0)
}

/// Sizes the canvas bitmap to its displayed size in device pixels, so charts
/// are sharp on HiDPI screens; returns the scale to draw at.
fn fit_canvas(canvas: &HtmlCanvasElement) -> f64 {
    let ratio = pixel_ratio();
    let width = (f64::from(canvas.client_width().max(280)) * ratio).round() as u32;
    let height = (f64::from(canvas.client_height().max(180)) * ratio).round() as u32;
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    ratio
}

#[function_component(FanChart)]
pub fn fan_chart(props: &FanProps) -> Html {
    let canvas_ref = use_node_ref();
    let hover = use_state(|| None::<usize>);
    let area: Rc<RefCell<Option<PlotArea>>> = use_mut_ref(|| None);
    {
        let canvas_ref = canvas_ref.clone();
        let area = area.clone();
        let spec = props.spec.clone();
        let results = props.results.clone();
        let lang = props.lang;
        let hover_day = *hover;
        use_effect_with(
            (props.results.clone(), hover_day, lang, props.presentation),
            move |_| {
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    let scale = fit_canvas(&canvas);
                    match charts::draw_fan(canvas, &results, &spec, hover_day, lang, scale) {
                        Ok(a) => *area.borrow_mut() = Some(a),
                        Err(e) => gloo::console::error!(format!("chart: {e}")),
                    }
                }
            },
        );
    }
    let days = props.results.days as usize;
    let onmousemove = {
        let hover = hover.clone();
        let area = area.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((xs, _)) = area.borrow().as_ref() {
                let x = (f64::from(e.offset_x()) * pixel_ratio()) as i32;
                let width = (xs.end - xs.start).max(1) as f64;
                let day = ((f64::from(x - xs.start) / width) * days as f64).round();
                if day >= 0.0 && (day as usize) < days {
                    hover.set(Some(day as usize));
                }
            }
        })
    };
    let onkeydown = {
        let hover = hover.clone();
        Callback::from(move |e: KeyboardEvent| {
            let current = (*hover).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => Some((current + 1).min(days.saturating_sub(1))),
                "ArrowLeft" => Some(current.saturating_sub(1)),
                "Home" => Some(0),
                "End" => Some(days.saturating_sub(1)),
                _ => None,
            };
            if let Some(day) = next {
                e.prevent_default();
                hover.set(Some(day));
            }
        })
    };
    let readout = match *hover {
        Some(day) => charts::readout(&props.results, &props.spec, day, props.lang),
        None => t(props.lang, "chart.hover_hint"),
    };
    html! {
        <figure class="chart">
            <figcaption>{ t(props.lang, props.title) }</figcaption>
            <canvas
                id={props.id}
                ref={canvas_ref}
                tabindex="0"
                role="img"
                aria-label={t(props.lang, props.title)}
                {onmousemove}
                {onkeydown}
            />
            <p class="readout" aria-live="polite">{ readout }</p>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct HistogramProps {
    results: Rc<Results>,
    lang: Lang,
    presentation: bool,
}

#[function_component(Histogram)]
fn histogram(props: &HistogramProps) -> Html {
    let canvas_ref = use_node_ref();
    {
        let canvas_ref = canvas_ref.clone();
        let results = props.results.clone();
        let lang = props.lang;
        use_effect_with(
            (props.results.clone(), lang, props.presentation),
            move |_| {
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    let scale = fit_canvas(&canvas);
                    if let Err(e) = charts::draw_histogram(canvas, &results, lang, scale) {
                        gloo::console::error!(format!("chart: {e}"));
                    }
                }
            },
        );
    }
    let shares = charts::size_shares(&props.results);
    let text: Vec<String> = charts::SIZE_BINS
        .iter()
        .zip(shares)
        .map(|((label, _, _), share)| format!("{label}: {}", percent(share)))
        .collect();
    html! {
        <canvas id="chart-outbreak-size" ref={canvas_ref} role="img" aria-label={text.join(", ")} />
    }
}

fn resource_key(resource: Resource) -> &'static str {
    match resource {
        Resource::CheckpointStaff => "resource.checkpoint_staff",
        Resource::GridWorkers => "resource.grid_workers",
        Resource::QuarantineRooms => "resource.quarantine_rooms",
        Resource::SamplingStaff => "resource.sampling_staff",
        Resource::LabCapacity => "resource.lab_capacity",
        Resource::TracingStaff => "resource.tracing_staff",
        Resource::HospitalBeds => "resource.hospital_beds",
    }
}

/// An event in words.
pub fn describe_event(lang: Lang, scenario: &Scenario, event: &TimelineEvent) -> String {
    let day = event.day.to_string();
    let text = match &event.change {
        Change::InfectedArrival {
            gateway,
            count,
            unnoticed,
        } => {
            let name = scenario
                .gateways
                .get(*gateway as usize)
                .map(|g| gateway_name(lang, g, *gateway as usize))
                .unwrap_or_else(|| format!("#{}", gateway + 1));
            let key = if *unnoticed {
                "event.infected_arrival_unnoticed"
            } else {
                "event.infected_arrival"
            };
            tf(
                lang,
                key,
                &[("count", count.to_string()), ("gateway", name)],
            )
        }
        Change::LocalInfection { count } => tf(
            lang,
            "event.local_infection",
            &[("count", count.to_string())],
        ),
        Change::StaffAbsent { resource, share } => tf(
            lang,
            "event.staff_absent",
            &[
                ("share", percent(*share)),
                ("resource", t(lang, resource_key(*resource))),
            ],
        ),
        Change::SetLevel { resource, level } => tf(
            lang,
            "event.set_level",
            &[
                ("resource", t(lang, resource_key(*resource))),
                ("level", number(lang, *level)),
            ],
        ),
        Change::LabOutage { days } => tf(lang, "event.lab_outage", &[("days", days.to_string())]),
        Change::QuarantineSiteClosed { rooms } => tf(
            lang,
            "event.site_closed",
            &[("rooms", number(lang, f64::from(*rooms)))],
        ),
        Change::SetContactFactor { factor } => tf(
            lang,
            "event.contact_factor",
            &[("factor", percent(*factor))],
        ),
        Change::DeclareZones { days } => {
            tf(lang, "event.declare_zones", &[("days", days.to_string())])
        }
    };
    tf(lang, "event.on_day", &[("day", day), ("what", text)])
}

#[derive(Properties, PartialEq)]
struct TimelineProps {
    state: PlannerState,
    dispatch: Callback<Action>,
}

const EVENT_KINDS: [&str; 8] = [
    "infected_arrival",
    "local_infection",
    "staff_absent",
    "set_level",
    "lab_outage",
    "site_closed",
    "contact_factor",
    "declare_zones",
];

#[function_component(TimelinePanel)]
fn timeline_panel(props: &TimelineProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let kind = use_state(|| "infected_arrival".to_string());
    let day = use_state(|| "0".to_string());
    let amount = use_state(|| "1".to_string());
    let gateway = use_state(|| 0usize);
    let resource = use_state(|| 0usize);
    let unnoticed = use_state(|| false);
    let problem = use_state(|| None::<String>);
    let select_value = |handle: UseStateHandle<String>| {
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            handle.set(select.value());
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
        let (kind, day, amount, gateway, resource, problem) = (
            kind.clone(),
            day.clone(),
            amount.clone(),
            gateway.clone(),
            resource.clone(),
            problem.clone(),
        );
        let unnoticed = unnoticed.clone();
        let dispatch = props.dispatch.clone();
        let days = state.scenario.days;
        let gateways = state.scenario.gateways.len();
        Callback::from(move |_| {
            let parsed_day: Option<u32> = day.trim().parse().ok().filter(|d| *d < days);
            let value: Option<f64> = amount
                .trim()
                .replace(',', "")
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v >= 0.0);
            let (Some(d), Some(v)) = (parsed_day, value) else {
                problem.set(Some(tf(
                    lang,
                    "event.invalid",
                    &[("days", (days.saturating_sub(1)).to_string())],
                )));
                return;
            };
            let whole = v.round().min(1_000_000.0) as u32;
            let share = v / 100.0;
            let needs_count = matches!(kind.as_str(), "infected_arrival" | "local_infection");
            let is_percent = matches!(kind.as_str(), "staff_absent" | "contact_factor");
            let gateway_missing = kind.as_str() == "infected_arrival" && *gateway >= gateways;
            if (needs_count && whole < 1) || (is_percent && share > 1.0) || gateway_missing {
                problem.set(Some(t(
                    lang,
                    if gateway_missing {
                        "event.no_gateway"
                    } else if is_percent {
                        "event.percent_range"
                    } else {
                        "event.count_range"
                    },
                )));
                return;
            }
            let res = Resource::ALL[(*resource).min(Resource::ALL.len() - 1)];
            let change = match kind.as_str() {
                "infected_arrival" => Change::InfectedArrival {
                    gateway: *gateway as u32,
                    count: whole.max(1),
                    unnoticed: *unnoticed,
                },
                "local_infection" => Change::LocalInfection {
                    count: whole.max(1),
                },
                "staff_absent" => Change::StaffAbsent {
                    resource: res,
                    share,
                },
                "set_level" => Change::SetLevel {
                    resource: res,
                    level: v,
                },
                "lab_outage" => Change::LabOutage { days: whole },
                "site_closed" => Change::QuarantineSiteClosed { rooms: whole },
                "contact_factor" => Change::SetContactFactor { factor: share },
                _ => Change::DeclareZones { days: whole },
            };
            problem.set(None);
            dispatch.emit(Action::AddEvent(TimelineEvent { day: d, change }));
        })
    };
    let amount_key = match kind.as_str() {
        "infected_arrival" | "local_infection" => "event.field.count",
        "staff_absent" | "contact_factor" => "event.field.percent",
        "set_level" => "event.field.level",
        "site_closed" => "event.field.rooms",
        _ => "event.field.days",
    };
    let needs_gateway = kind.as_str() == "infected_arrival";
    let needs_resource = matches!(kind.as_str(), "staff_absent" | "set_level");
    html! {
        <div class="timeline">
            if state.scenario.timeline.is_empty() {
                <p class="capacity">{ t(lang, "event.none") }</p>
            }
            <ol class="events">
                { for state.scenario.timeline.iter().enumerate().map(|(i, event)| {
                    let d = props.dispatch.clone();
                    let remove = Callback::from(move |_| d.emit(Action::RemoveEvent(i)));
                    html! {
                        <li>
                            <span>{ describe_event(lang, &state.scenario, event) }</span>
                            <button class="remove" onclick={remove} aria-label={t(lang, "event.remove")}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ol>
            <div class="add-event" role="group" aria-label={t(lang, "event.add")}>
                <label class="field">
                    <span>{ t(lang, "event.kind") }</span>
                    <select onchange={select_value(kind.clone())} data-testid="event-kind">
                        { for EVENT_KINDS.iter().map(|k| html! {
                            <option value={*k} selected={kind.as_str() == *k}>{ t(lang, &format!("event.kind.{k}")) }</option>
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
                        <select onchange={select_index(gateway.clone())}>
                            { for state.scenario.gateways.iter().enumerate().map(|(i, g)| html! {
                                <option value={i.to_string()} selected={*gateway == i}>{ gateway_name(lang, g, i) }</option>
                            }) }
                        </select>
                    </label>
                }
                if needs_gateway {
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
                        <select onchange={select_index(resource.clone())}>
                            { for Resource::ALL.iter().enumerate().map(|(i, r)| html! {
                                <option value={i.to_string()} selected={*resource == i}>{ t(lang, resource_key(*r)) }</option>
                            }) }
                        </select>
                    </label>
                }
                <label class="field">
                    <span>{ t(lang, amount_key) }</span>
                    <input type="text" inputmode="decimal" value={(*amount).clone()} oninput={input_value(amount.clone())} data-testid="event-amount" />
                </label>
                if let Some(message) = &*problem {
                    <p class="field-error" role="alert">{ message.clone() }</p>
                }
                <button onclick={add} data-testid="event-add">{ t(lang, "event.add") }</button>
            </div>
        </div>
    }
}

/// A validation problem in the user's language, naming the field.
pub fn problem_text(lang: Lang, error: &cordon_engine::FieldError) -> String {
    use cordon_engine::Problem;
    let what = match (&error.problem, lang) {
        (Problem::NotFinite, Lang::En) => "must be a finite number".to_string(),
        (Problem::NotFinite, Lang::Zh) => "必须是有限数值".to_string(),
        (Problem::OutOfRange { value, min, max }, Lang::En) => {
            format!(
                "{} is outside {} to {}",
                number(lang, *value),
                number(lang, *min),
                number(lang, *max)
            )
        }
        (Problem::OutOfRange { value, min, max }, Lang::Zh) => {
            format!(
                "{} 超出允许范围 {} 至 {}",
                number(lang, *value),
                number(lang, *min),
                number(lang, *max)
            )
        }
        (Problem::TooMany { count, max }, Lang::En) => format!("{count} entries, at most {max}"),
        (Problem::TooMany { count, max }, Lang::Zh) => format!("共 {count} 项，最多 {max} 项"),
        (Problem::NoSuchGateway { index, gateways }, Lang::En) => {
            format!("gateway {index} does not exist ({gateways} gateways, numbered from 0)")
        }
        (Problem::NoSuchGateway { index, gateways }, Lang::Zh) => {
            format!("入口 {index} 不存在（共 {gateways} 个入口，从 0 编号）")
        }
        (Problem::UnsupportedVersion { found, supported }, Lang::En) => {
            format!("version {found} is not supported (up to {supported})")
        }
        (Problem::UnsupportedVersion { found, supported }, Lang::Zh) => {
            format!("不支持版本 {found}（最高支持 {supported}）")
        }
        (Problem::MustExceed { other }, Lang::En) => format!("must be greater than {other}"),
        (Problem::MustExceed { other }, Lang::Zh) => format!("必须大于 {other}"),
    };
    format!("{}: {}", error.path, what)
}
