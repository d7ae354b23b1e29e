//! "Size a plan to a target": the form (targets, the resources that may
//! move with their bounds, unit costs; each refused value shown at its
//! field in the reader's language), Run and Stop with progress, then the
//! answer ([`super::decide_staffing::Staffing`]).

use super::decide_staffing::Staffing;
use crate::decide::{
    cost_names, target_outcomes, DecideAction, FormGap, LeverRow, OptimiserForm, Run, TargetRow,
};
use crate::i18n::{t, tf, whole_amount, Lang};
use crate::problems::input_message;
use crate::text_decide::{lever_label, outcome_label};
use cordon_engine::decide::{Direction, Lever, OptimiseResult, OutcomeUnit};
use cordon_engine::Scenario;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of the optimiser panel.
#[derive(Properties, PartialEq)]
pub struct OptimiserPanelProps {
    pub form: OptimiserForm,
    pub run: Run<OptimiseResult>,
    pub plan: Option<Rc<Scenario>>,
    pub scenario: Rc<Scenario>,
    pub inputs_valid: bool,
    pub form_gap: Option<FormGap>,
    /// The plan an applied answer replaced.
    pub before_apply: Option<Rc<Scenario>>,
    pub lang: Lang,
    pub dispatch: Callback<DecideAction>,
    /// Load a plan into the editor.
    pub on_load: Callback<Scenario>,
    /// Only the answer (the results view: for the printed report).
    pub print_only: bool,
}

/// A change to a lever's row: (the row, typed text, a checkbox's state).
type RowChange = Rc<dyn Fn(&mut LeverRow, String, bool)>;

/// The translation key of a unit cost's label.
fn cost_key(name: &str) -> &'static str {
    match name {
        "checkpoint_staff_day" => "decide.cost.checkpoint_staff_day",
        "grid_worker_day" => "decide.cost.grid_worker_day",
        "room_day" => "decide.cost.room_day",
        "sampling_staff_day" => "decide.cost.sampling_staff_day",
        "test" => "decide.cost.test",
        "tracer_day" => "decide.cost.tracer_day",
        _ => "decide.cost.bed_day",
    }
}

/// A text input's value from its event.
fn typed(e: &InputEvent) -> String {
    let input: HtmlInputElement = e.target_unchecked_into();
    input.value()
}

/// A checkbox's state from its event.
fn checked(e: &Event) -> bool {
    let input: HtmlInputElement = e.target_unchecked_into();
    input.checked()
}

/// A DOM id from a lever's or outcome's name (`wait_p95[2]` → `wait_p95-2`).
fn id_of(name: &str) -> String {
    name.replace(['[', '.'], "-").replace(']', "")
}

/// An input with its problem, for a table cell.
fn number_input(
    id: String,
    value: String,
    problem: Option<String>,
    disabled: bool,
    label: String,
    oninput: Callback<InputEvent>,
) -> Html {
    let error_id = format!("{id}-error");
    html! {
        <>
            <input type="text" inputmode="decimal" id={id.clone()} data-testid={id} {value} {disabled} {oninput}
                aria-label={label}
                aria-invalid={problem.is_some().to_string()}
                aria-describedby={problem.is_some().then(|| error_id.clone())} />
            if let Some(message) = problem {
                <span class="field-error" id={error_id.clone()} data-testid={error_id} role="alert">{ message }</span>
            }
        </>
    }
}

/// The optimiser panel.
#[function_component(OptimiserPanel)]
pub fn optimiser_panel(props: &OptimiserPanelProps) -> Html {
    let lang = props.lang;
    let form = &props.form;
    let scenario = &props.scenario;
    let dispatch = props.dispatch.clone();
    let running = props.run.running();

    let targets = target_outcomes(scenario).into_iter().map(|outcome| {
        let name = outcome.to_string();
        let row = form.target(&outcome);
        let id = format!("target-{}", id_of(&name));
        let problem = form.target_problem(&outcome).map(|e| input_message(lang, &e));
        let label = outcome_label(lang, &outcome, scenario);
        let on_toggle = {
            let dispatch = dispatch.clone();
            let (name, row) = (name.clone(), row.clone());
            Callback::from(move |e: Event| {
                dispatch.emit(DecideAction::SetTarget {
                    outcome: name.clone(),
                    row: TargetRow { on: checked(&e), ..row.clone() },
                })
            })
        };
        let on_value = {
            let dispatch = dispatch.clone();
            let (name, row) = (name.clone(), row.clone());
            Callback::from(move |e: InputEvent| {
                dispatch.emit(DecideAction::SetTarget {
                    outcome: name.clone(),
                    row: TargetRow { text: typed(&e), ..row.clone() },
                })
            })
        };
        let op = match outcome.direction() {
            Direction::HigherIsBetter => "≥",
            Direction::LowerIsBetter => "≤",
        };
        let unit = match outcome.unit() {
            OutcomeUnit::Share => "%".to_string(),
            OutcomeUnit::Infections => t(lang, "decide.infections"),
            OutcomeUnit::Minutes => t(lang, "decide.min"),
        };
        html! {
            <tr>
                <th scope="row">
                    <label>
                        <input type="checkbox" id={format!("{id}-on")} data-testid={format!("{id}-on")} checked={row.on} onchange={on_toggle} />
                        { " " }{ label.clone() }
                    </label>
                </th>
                <td>{ op }</td>
                <td>
                    { number_input(id, row.text.clone(), problem, !row.on, label, on_value) }
                    { " " }{ unit }
                </td>
            </tr>
        }
    });

    let levers = Lever::all(scenario).into_iter().map(|lever| {
        let name = lever.to_string();
        let row = form.lever(&lever, scenario);
        let id = format!("lever-{}", id_of(&name));
        let (min_problem, max_problem) = form.lever_problems(&lever, scenario);
        let label = lever_label(lang, &lever, scenario);
        let set = |change: RowChange| {
            let dispatch = dispatch.clone();
            let (name, row) = (name.clone(), row.clone());
            move |text: String, flag: bool| {
                let mut row = row.clone();
                change(&mut row, text, flag);
                dispatch.emit(DecideAction::SetLever { lever: name.clone(), row });
            }
        };
        let allow = set(Rc::new(|row, _, flag| row.allowed = flag));
        let min = set(Rc::new(|row, text, _| row.min = text));
        let max = set(Rc::new(|row, text, _| row.max = text));
        html! {
            <tr>
                <th scope="row">
                    <label>
                        <input type="checkbox" id={format!("{id}-on")} data-testid={format!("{id}-on")} checked={row.allowed}
                            onchange={Callback::from(move |e: Event| allow(String::new(), checked(&e)))} />
                        { " " }{ label.clone() }
                    </label>
                </th>
                <td class="num">{ whole_amount(lang, lever.get(scenario).unwrap_or(0.0)) }</td>
                <td>{ number_input(format!("{id}-min"), row.min.clone(), min_problem.map(|e| input_message(lang, &e)), !row.allowed,
                    format!("{label} · {}", t(lang, "decide.col.min")),
                    Callback::from(move |e: InputEvent| min(typed(&e), false))) }</td>
                <td>{ number_input(format!("{id}-max"), row.max.clone(), max_problem.map(|e| input_message(lang, &e)), !row.allowed,
                    format!("{label} · {}", t(lang, "decide.col.max")),
                    Callback::from(move |e: InputEvent| max(typed(&e), false))) }</td>
            </tr>
        }
    });

    let costs = cost_names().into_iter().map(|name| {
        let problem = form.cost_problem(name, scenario).map(|e| input_message(lang, &e));
        let on_cost = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: InputEvent| {
                dispatch.emit(DecideAction::Cost { name: name.to_string(), text: typed(&e) })
            })
        };
        html! {
            <tr>
                <th scope="row"><label for={format!("cost-{name}")}>{ t(lang, cost_key(name)) }</label></th>
                <td>{ number_input(format!("cost-{name}"), form.cost(name), problem, false, t(lang, cost_key(name)), on_cost) }</td>
            </tr>
        }
    });

    let run = {
        let dispatch = dispatch.clone();
        let scenario = scenario.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            dispatch.emit(DecideAction::RunOptimiser(Box::new((*scenario).clone())));
        })
    };
    let stop = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(DecideAction::Stop))
    };
    let gap = props.form_gap.map(|gap| {
        let key = match gap {
            FormGap::Invalid => "decide.gap.invalid",
            FormGap::NoTargets => "decide.gap.no_targets",
            FormGap::NoLevers => "decide.gap.no_levers",
        };
        html! { <p class="field-error" role="alert" data-testid="optimiser-gap">{ t(lang, key) }</p> }
    });

    let status = match &props.run {
        Run::Running { partial, .. } => {
            let (plans, runs) = partial
                .as_ref()
                .map_or((0, 0), |r| (r.evaluations, r.runs_used));
            html! {
                <div class="decide-run" role="status" aria-live="polite">
                    <progress />
                    <span data-testid="optimiser-progress">{ tf(lang, "decide.optimiser.progress", &[("plans", whole_amount(lang, f64::from(plans))), ("runs", whole_amount(lang, runs as f64))]) }</span>
                    <button type="button" onclick={stop} data-testid="optimiser-stop">{ t(lang, "decide.stop") }</button>
                </div>
            }
        }
        Run::Stopped => {
            html! { <p class="decide-note" role="status">{ t(lang, "decide.stopped_empty") }</p> }
        }
        Run::Failed(message) => {
            html! { <p class="field-error" role="alert" data-testid="optimiser-failed">{ tf(lang, "decide.failed", &[("message", message.clone())]) }</p> }
        }
        _ => html! {},
    };

    let answer = match (props.run.known(), &props.plan) {
        (Some(result), Some(plan)) => {
            let stale = !running && (**plan != **scenario || !props.inputs_valid);
            html! {
                <Staffing
                    result={Rc::new(result.clone())}
                    plan={plan.clone()}
                    elapsed_ms={props.run.elapsed_ms()}
                    running={running}
                    stale={stale}
                    before_apply={props.before_apply.clone()}
                    current={scenario.clone()}
                    {lang}
                    dispatch={dispatch.clone()}
                    on_load={props.on_load.clone()}
                />
            }
        }
        _ => html! {},
    };

    if props.print_only {
        return html! {
            if props.run.known().is_some() {
                <section class="decide-part">
                    <h2>{ t(lang, "decide.optimiser.title") }</h2>
                    { answer }
                </section>
            }
        };
    }
    html! {
        <section class="decide-part" aria-labelledby="optimiser-title" data-testid="optimiser-panel">
            <h2 id="optimiser-title">{ t(lang, "decide.optimiser.title") }</h2>
            <p class="intro">{ t(lang, "decide.optimiser.intro") }</p>
            <form onsubmit={run} novalidate=true>
                <div class="decide-form">
                    <table class="decide-table" data-testid="optimiser-targets">
                        <caption>{ t(lang, "decide.targets") }</caption>
                        <tbody>{ for targets }</tbody>
                    </table>
                    <table class="decide-table" data-testid="optimiser-levers">
                        <caption>{ t(lang, "decide.levers") }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ t(lang, "decide.col.may_move") }</th>
                                <th scope="col" class="num">{ t(lang, "decide.col.now") }</th>
                                <th scope="col">{ t(lang, "decide.col.min") }</th>
                                <th scope="col">{ t(lang, "decide.col.max") }</th>
                            </tr>
                        </thead>
                        <tbody>{ for levers }</tbody>
                    </table>
                    <table class="decide-table" data-testid="optimiser-costs">
                        <caption>{ t(lang, "decide.costs") }</caption>
                        <tbody>{ for costs }</tbody>
                    </table>
                </div>
                <div class="decide-run">
                    <button type="submit" data-testid="optimiser-run" disabled={running || !props.inputs_valid}>
                        { t(lang, "decide.optimiser.run") }
                    </button>
                </div>
                { for gap }
            </form>
            { status }
            { answer }
        </section>
    }
}
