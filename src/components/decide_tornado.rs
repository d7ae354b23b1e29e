//! "Which lever buys most": the form (outcome, step as a percentage or a
//! number of units), Run and Stop with progress, then the tornado chart
//! and the table "per added staff member / room / test", best first, with
//! its CSV download in the reader's language.

use super::decide_tornado_chart::TornadoChart;
use crate::decide::{DecideAction, Run, StepKind, TornadoForm};
use crate::i18n::{t, tf, whole_amount, Lang};
use crate::problems::input_message;
use crate::text_decide::{
    by_gain, outcome_label, significant, tornado_caption, tornado_csv, tornado_lines,
};
use cordon_engine::decide::{Outcome, Tornado};
use cordon_engine::Scenario;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of the tornado panel.
#[derive(Properties, PartialEq)]
pub struct TornadoPanelProps {
    pub form: TornadoForm,
    pub run: Run<Tornado>,
    /// The plan the tornado is (or was) for.
    pub plan: Option<Rc<Scenario>>,
    /// The plan in the editor.
    pub scenario: Rc<Scenario>,
    /// The editor's inputs are all valid (else the plan is not what is shown).
    pub inputs_valid: bool,
    pub lang: Lang,
    pub presentation: bool,
    /// Whether the Decide view is shown (else only the answer is in the
    /// page, for the printed report).
    pub visible: bool,
    pub dispatch: Callback<DecideAction>,
}

/// The outcomes the tornado may measure.
fn tornado_outcomes() -> [Outcome; 4] {
    [
        Outcome::Contained,
        Outcome::NoLocalTransmission,
        Outcome::MeanLocalInfections,
        Outcome::AnyExceeded,
    ]
}

/// The tornado panel.
#[function_component(TornadoPanel)]
pub fn tornado_panel(props: &TornadoPanelProps) -> Html {
    let lang = props.lang;
    let form = &props.form;
    let dispatch = props.dispatch.clone();
    let on_outcome = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(outcome) = select.value().parse::<Outcome>() {
                dispatch.emit(DecideAction::TornadoOutcome(outcome));
            }
        })
    };
    let on_kind = |kind: StepKind| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.emit(DecideAction::TornadoStepKind(kind)))
    };
    let on_step = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(DecideAction::TornadoStep(input.value()));
        })
    };
    let problem = form.step_problem().map(|e| input_message(lang, &e));
    let run = {
        let dispatch = dispatch.clone();
        let scenario = props.scenario.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.emit(DecideAction::RunTornado(Box::new((*scenario).clone())));
        })
    };
    let stop = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(DecideAction::Stop))
    };
    let running = props.run.running();
    let step_unit = match form.step_kind {
        StepKind::Percent => "%",
        StepKind::Units => "",
    };

    let status = match &props.run {
        Run::Running { partial, .. } => {
            let (done, total) = partial.as_ref().map_or((0, 0), |t| (t.done, t.total));
            html! {
                <div class="decide-run" role="status" aria-live="polite">
                    <progress max={total.max(1).to_string()} value={done.to_string()} />
                    <span data-testid="tornado-progress">{ tf(lang, "decide.tornado.progress", &[("done", done.to_string()), ("total", if total == 0 { "…".into() } else { total.to_string() })]) }</span>
                    <button type="button" onclick={stop} data-testid="tornado-stop">{ t(lang, "decide.stop") }</button>
                </div>
            }
        }
        Run::Done { stopped: true, .. } => {
            html! { <p class="decide-note" role="status">{ t(lang, "decide.stopped") }</p> }
        }
        Run::Stopped => {
            html! { <p class="decide-note" role="status">{ t(lang, "decide.stopped_empty") }</p> }
        }
        Run::Failed(message) => {
            html! { <p class="field-error" role="alert">{ tf(lang, "decide.failed", &[("message", message.clone())]) }</p> }
        }
        _ => html! {},
    };

    let result = match (props.run.known(), &props.plan) {
        (Some(tornado), Some(plan)) if tornado.base.is_some() => {
            let lines = Rc::new(tornado_lines(lang, tornado, plan));
            let table = by_gain((*lines).clone());
            let stale = !running && (**plan != *props.scenario || !props.inputs_valid);
            let csv = {
                let tornado = tornado.clone();
                let plan = plan.clone();
                Callback::from(move |_: MouseEvent| {
                    let text = tornado_csv(lang, &tornado, &plan);
                    let name = match lang {
                        Lang::Zh => "cordon-哪项资源最见效.csv",
                        Lang::En => "cordon-which-lever-buys-most.csv",
                    };
                    if let Err(e) =
                        crate::share::download_text(&text, "text/csv;charset=utf-8", name)
                    {
                        gloo::console::error!(e);
                    }
                })
            };
            let elapsed = props.run.elapsed_ms();
            html! {
                <div class="decide-result" data-testid="tornado-result">
                    if stale {
                        <p class="stale" data-testid="tornado-stale">{ t(lang, "decide.stale") }</p>
                    }
                    <figure class="tornado">
                        <figcaption>{ tornado_caption(lang, tornado, plan) }</figcaption>
                        <TornadoChart
                            lines={lines.clone()}
                            base={tornado.base.unwrap_or(0.0)}
                            outcome={tornado.outcome.clone()}
                            plan={plan.clone()}
                            {lang}
                            presentation={props.presentation}
                            visible={props.visible}
                        />
                    </figure>
                    <table class="decide-table" data-testid="tornado-table">
                        <caption>{ t(lang, "decide.tornado.table") }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ t(lang, "decide.col.lever") }</th>
                                <th scope="col" class="num">{ t(lang, "decide.col.now") }</th>
                                <th scope="col">{ t(lang, "decide.col.lowered") }</th>
                                <th scope="col">{ t(lang, "decide.col.raised") }</th>
                                <th scope="col">{ t(lang, "decide.col.per_unit") }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for table.iter().map(|line| html! {
                                <tr data-testid="tornado-row">
                                    <th scope="row">{ line.lever.clone() }</th>
                                    <td class="num">{ line.value.clone() }</td>
                                    <td>{ line.down.clone() }</td>
                                    <td>{ line.up.clone() }</td>
                                    <td data-testid="tornado-per-unit">{ line.per_unit.clone() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <p class="decide-note" data-testid="tornado-elapsed">
                        { tf(lang, "decide.elapsed", &[
                            ("runs", whole_amount(lang, tornado.runs_used as f64)),
                            ("seconds", significant(elapsed / 1000.0, 2)),
                        ]) }
                    </p>
                    <button type="button" onclick={csv} data-testid="tornado-csv">{ t(lang, "decide.download_csv") }</button>
                </div>
            }
        }
        _ => html! {},
    };

    if !props.visible {
        // The results view: only the answer, for the printed report.
        return html! {
            if props.run.known().is_some() {
                <section class="decide-part">
                    <h2>{ t(lang, "decide.tornado.title") }</h2>
                    { result }
                </section>
            }
        };
    }
    html! {
        <section class="decide-part" aria-labelledby="tornado-title" data-testid="tornado-panel">
            <h2 id="tornado-title">{ t(lang, "decide.tornado.title") }</h2>
            <p class="intro">{ t(lang, "decide.tornado.intro") }</p>
            <form class="decide-form" onsubmit={run}>
                <label class="field">
                    <span>{ t(lang, "decide.tornado.outcome") }</span>
                    <select id="tornado-outcome" data-testid="tornado-outcome" onchange={on_outcome}>
                        { for tornado_outcomes().iter().map(|o| html! {
                            <option value={o.to_string()} selected={*o == form.outcome}>{ outcome_label(lang, o, &props.scenario) }</option>
                        }) }
                    </select>
                </label>
                <fieldset>
                    <legend>{ t(lang, "decide.tornado.step_kind") }</legend>
                    <label>
                        <input type="radio" name="tornado-step-kind" data-testid="tornado-step-percent"
                            checked={form.step_kind == StepKind::Percent} onchange={on_kind(StepKind::Percent)} />
                        { t(lang, "decide.step.percent") }
                    </label>
                    { " " }
                    <label>
                        <input type="radio" name="tornado-step-kind" data-testid="tornado-step-units"
                            checked={form.step_kind == StepKind::Units} onchange={on_kind(StepKind::Units)} />
                        { t(lang, "decide.step.units") }
                    </label>
                </fieldset>
                <label class="field">
                    <span>{ t(lang, "decide.tornado.step") }</span>
                    <span class="input">
                        <input type="text" inputmode="decimal" id="tornado-step" data-testid="tornado-step"
                            value={form.step_text().to_string()} oninput={on_step}
                            aria-invalid={problem.is_some().to_string()}
                            aria-describedby={problem.is_some().then_some("tornado-step-error")} />
                        { step_unit }
                    </span>
                    if let Some(message) = problem.clone() {
                        <span class="field-error" id="tornado-step-error" data-testid="tornado-step-error" role="alert">{ message }</span>
                    }
                </label>
                <button type="submit" data-testid="tornado-run" disabled={running || problem.is_some() || !props.inputs_valid}>
                    { t(lang, "decide.tornado.run") }
                </button>
            </form>
            { status }
            { result }
        </section>
    }
}
