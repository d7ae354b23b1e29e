//! The optimiser's answer, as a planner takes it to a meeting: the verdict
//! (or "no plan within these bounds meets …; the best reaches …"), the
//! staffing table (lever, now, proposed, change, cost) with its total, each
//! target's margin, one step less of each resource, how it was checked
//! (fresh seed), runs used and time taken; "Apply this plan" (and back),
//! and the CSV in the reader's language.

use crate::decide::DecideAction;
use crate::i18n::{t, Lang};
use crate::text_decide::{
    check_text, effort_text, fresh_value, margin_text, money, outcome_value, removal_text,
    safety_text, staffing_csv, staffing_lines, target_text, verdict,
};
use cordon_engine::decide::{OptimiseResult, OptimiseStatus};
use cordon_engine::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of the answer.
#[derive(Properties, PartialEq)]
pub struct StaffingProps {
    pub result: Rc<OptimiseResult>,
    /// The plan the search started from.
    pub plan: Rc<Scenario>,
    pub elapsed_ms: f64,
    /// Still searching (the plan shown is the best so far).
    pub running: bool,
    /// The editor's plan is no longer the one searched from.
    pub stale: bool,
    pub before_apply: Option<Rc<Scenario>>,
    /// The plan in the editor.
    pub current: Rc<Scenario>,
    pub lang: Lang,
    pub dispatch: Callback<DecideAction>,
    pub on_load: Callback<Scenario>,
}

/// The answer.
#[function_component(Staffing)]
pub fn staffing(props: &StaffingProps) -> Html {
    let lang = props.lang;
    let result = &props.result;
    let plan = &props.plan;
    let infeasible = matches!(result.status, OptimiseStatus::Infeasible { .. });
    let lines = staffing_lines(lang, &result.staffing, plan);
    let apply = result.plan.clone().filter(|_| !props.running).map(|proposed| {
        let dispatch = props.dispatch.clone();
        let on_load = props.on_load.clone();
        let current = props.current.clone();
        let applied = proposed == *props.current;
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.emit(DecideAction::Applied(Box::new((*current).clone())));
            on_load.emit(proposed.clone());
        });
        html! {
            <button type="button" {onclick} disabled={applied} data-testid="optimiser-apply">{ t(lang, "decide.apply") }</button>
        }
    });
    let restore = props.before_apply.clone().map(|before| {
        let dispatch = props.dispatch.clone();
        let on_load = props.on_load.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.emit(DecideAction::Restored);
            on_load.emit((*before).clone());
        });
        html! {
            <>
                <span class="decide-note" data-testid="optimiser-applied">{ t(lang, "decide.applied") }</span>
                <button type="button" {onclick} data-testid="optimiser-restore">{ t(lang, "decide.restore") }</button>
            </>
        }
    });
    let csv = {
        let result = result.clone();
        let plan = plan.clone();
        let elapsed = props.elapsed_ms;
        Callback::from(move |_: MouseEvent| {
            let text = staffing_csv(lang, &result, &plan, elapsed);
            let name = match lang {
                Lang::Zh => "cordon-资源配置表.csv",
                Lang::En => "cordon-staffing-table.csv",
            };
            if let Err(e) = crate::share::download_text(&text, "text/csv;charset=utf-8", name) {
                gloo::console::error!(e);
            }
        })
    };
    html! {
        <div class="decide-result" data-testid="optimiser-result">
            if props.stale {
                <p class="stale" data-testid="optimiser-stale">{ t(lang, "decide.stale") }</p>
            }
            <p class={classes!("decide-verdict", infeasible.then_some("infeasible"))} data-testid="optimiser-verdict">
                { verdict(lang, result, plan) }
            </p>
            if !infeasible {
                <table class="decide-table" data-testid="staffing-table">
                    <caption>{ t(lang, "decide.staffing") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t(lang, "decide.col.lever") }</th>
                            <th scope="col">{ t(lang, "decide.col.unit") }</th>
                            <th scope="col" class="num">{ t(lang, "decide.col.now") }</th>
                            <th scope="col" class="num">{ t(lang, "decide.col.proposed") }</th>
                            <th scope="col" class="num">{ t(lang, "decide.col.change") }</th>
                            <th scope="col" class="num">{ t(lang, "decide.col.cost") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for lines.iter().map(|line| html! {
                            <tr data-testid="staffing-row">
                                <th scope="row">{ line.lever.clone() }</th>
                                <td>{ line.unit.clone() }</td>
                                <td class="num">{ line.current.clone() }</td>
                                <td class="num" data-testid="staffing-proposed">{ line.proposed.clone() }</td>
                                <td class="num">{ line.change.clone() }</td>
                                <td class="num">{ line.cost.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="5">{ t(lang, "decide.total") }</th>
                            <td class="num" data-testid="staffing-total">{ money(lang, result.cost) }</td>
                        </tr>
                    </tfoot>
                </table>
            }
            if !result.targets.is_empty() {
                <table class="decide-table" data-testid="optimiser-margins">
                    <caption>{ t(lang, "decide.margins") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t(lang, "decide.col.target") }</th>
                            <th scope="col" class="num">{ t(lang, "decide.col.reached") }</th>
                            <th scope="col">{ t(lang, "decide.col.margin") }</th>
                            <th scope="col" class="num">{ t(lang, "decide.col.fresh") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for result.targets.iter().map(|check| html! {
                            <tr>
                                <th scope="row">{ target_text(lang, &check.target, plan) }</th>
                                <td class="num">{ outcome_value(lang, &check.target.outcome, check.value) }</td>
                                <td>{ margin_text(lang, check) }</td>
                                <td class="num" data-testid="optimiser-fresh">{ fresh_value(lang, result, &check.target) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            if !result.removals.is_empty() {
                <h3>{ t(lang, "decide.removals") }</h3>
                <ul data-testid="optimiser-removals">
                    { for result.removals.iter().map(|note| html! { <li>{ removal_text(lang, note, plan) }</li> }) }
                </ul>
            }
            if !infeasible {
            <p class="decide-note" data-testid="optimiser-check">{ check_text(lang, result) }{ " " }{ safety_text(lang, result) }</p>
            }
            <p class="decide-note" data-testid="optimiser-effort">{ effort_text(lang, result, props.elapsed_ms) }</p>
            <div class="decide-run">
                { for apply }
                { for restore }
                <button type="button" onclick={csv} data-testid="optimiser-csv">{ t(lang, "decide.download_csv") }</button>
            </div>
        </div>
    }
}
