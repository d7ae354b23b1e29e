//! The comparison table: one column per plan (the baseline first), its
//! name editable, each outcome's value and, for the other plans, the
//! difference from the baseline ± its 95 % interval, coloured better /
//! worse only when the interval excludes zero.

use crate::compare::{
    format_difference, format_value, outcome_label, pairing_text, ColumnPlan, Table, Verdict,
};
use crate::i18n::{number, t, tf, Lang};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of the comparison table.
#[derive(Properties, PartialEq)]
pub struct CompareTableProps {
    pub table: Rc<Table>,
    pub lang: Lang,
    /// A pinned plan renamed: its position and new name.
    pub on_rename: Callback<(usize, String)>,
    /// A pinned plan removed.
    pub on_remove: Callback<usize>,
    /// A pinned plan made the baseline.
    pub on_make_baseline: Callback<usize>,
}

/// The table.
#[function_component(CompareTable)]
pub fn compare_table(props: &CompareTableProps) -> Html {
    let lang = props.lang;
    let table = &props.table;
    let header = table.columns.iter().enumerate().map(|(c, column)| {
        let runs = tf(lang, "compare.runs", &[
            ("done", number(lang, f64::from(column.runs.0))),
            ("total", number(lang, f64::from(column.runs.1))),
        ]);
        let pairing = column.pairing.map(|p| pairing_text(lang, p));
        let controls = match column.plan {
            ColumnPlan::Pinned(index) => {
                let on_rename = props.on_rename.clone();
                let onchange = Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    on_rename.emit((index, input.value()));
                });
                let on_remove = props.on_remove.clone();
                let on_make_baseline = props.on_make_baseline.clone();
                html! {
                    <>
                        <input type="text" class="plan-name" value={column.name.clone()}
                            aria-label={tf(lang, "compare.rename", &[("n", (index + 1).to_string())])}
                            data-testid={format!("plan-name-{c}")} {onchange} />
                        <span class="plan-actions">
                            if index > 0 {
                                <button type="button" class="small" data-testid={format!("make-baseline-{c}")}
                                    onclick={Callback::from(move |_| on_make_baseline.emit(index))}>
                                    { t(lang, "compare.make_baseline") }
                                </button>
                            }
                            <button type="button" class="small" data-testid={format!("remove-plan-{c}")}
                                aria-label={tf(lang, "compare.remove", &[("name", column.name.clone())])}
                                onclick={Callback::from(move |_| on_remove.emit(index))}>
                                { "×" }
                            </button>
                        </span>
                    </>
                }
            }
            ColumnPlan::Current => html! { <strong class="plan-name">{ column.name.clone() }</strong> },
        };
        html! {
            <th scope="col" data-testid={format!("plan-column-{c}")}>
                { controls }
                if c == 0 {
                    <span class="badge">{ t(lang, "compare.baseline") }</span>
                }
                <span class="plan-runs">{ runs }</span>
                if let Some(pairing) = pairing {
                    <span class="pairing" data-testid={format!("pairing-{c}")}>{ pairing }</span>
                }
            </th>
        }
    });
    let rows = table.rows.iter().map(|(outcome, cells)| {
        let key = outcome.key();
        html! {
            <tr data-testid={format!("compare-row-{key}")}>
                <th scope="row">{ outcome_label(lang, *outcome) }</th>
                { for cells.iter().enumerate().map(|(c, cell)| {
                    let value = cell.value.map(|v| format_value(lang, *outcome, v)).unwrap_or_else(|| "…".into());
                    match &cell.difference {
                        Some(d) => {
                            let verdict = Verdict::of(*outcome, d);
                            html! {
                                <td data-testid={format!("compare-{key}-{c}")}>
                                    <span class="value">{ value }</span>
                                    <span class={classes!("difference", verdict.class())}
                                        data-testid={format!("difference-{key}-{c}")}
                                        title={t(lang, verdict.label_key())}>
                                        { format_difference(lang, *outcome, d) }
                                    </span>
                                </td>
                            }
                        }
                        None => html! {
                            <td data-testid={format!("compare-{key}-{c}")}><span class="value">{ value }</span></td>
                        },
                    }
                }) }
            </tr>
        }
    });
    html! {
        <div class="compare-scroll">
            <table class="compare-table" data-testid="compare-table">
                <caption>{ t(lang, "compare.caption") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t(lang, "compare.outcome") }</th>
                        { for header }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
