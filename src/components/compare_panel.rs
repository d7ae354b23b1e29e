//! The comparison panel: "Pin as baseline" (then "Pin this plan"), the
//! comparison table, its legend, the chart (overlaid or as differences),
//! and the plans' link, JSON file (download, open) and CSV (in the reader's
//! language).

use super::compare_chart::CompareChart;
use super::compare_table::CompareTable;
use crate::compare::{CompareAction, Table};
use crate::i18n::{t, tf, Lang};
use cordon_engine::{link, report, PlanSet};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of the comparison panel.
#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    pub lang: Lang,
    /// `None` until a plan is pinned.
    pub table: Option<Rc<Table>>,
    /// The plans' daily local infections for the chart: name and results.
    pub chart: Rc<Vec<(String, Rc<cordon_engine::Results>)>>,
    /// Each plan's daily difference from the baseline: name, position in
    /// the table, difference (the chart's difference view).
    pub differences: Rc<Vec<(String, usize, cordon_engine::compare::DailyDifference)>>,
    /// Plans pinned so far.
    pub pinned: usize,
    /// Whether the current edit can be pinned.
    pub can_pin: bool,
    /// What the link and the file carry.
    pub set: Rc<PlanSet>,
    pub on_action: Callback<CompareAction>,
    /// A plan set opened from a file.
    pub on_open: Callback<PlanSet>,
}

/// What happened to the last file.
#[derive(Clone, Debug, PartialEq)]
enum Notice {
    Opened(String),
    Failed { file: String, detail: String },
    Saved(String),
}

const PLANS_FILE: &str = "cordon-plans.json";
const COMPARISON_FILE: &str = "cordon-comparison.csv";

/// The panel.
#[function_component(ComparePanel)]
pub fn compare_panel(props: &ComparePanelProps) -> Html {
    let lang = props.lang;
    let notice = use_state_eq(|| None::<Notice>);
    let file_ref = use_node_ref();
    let fragment = use_memo(props.set.clone(), |set| link::encode_plans(set));
    let action = |a: CompareAction| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(a.clone()))
    };
    let pin_label = if props.pinned == 0 {
        t(lang, "compare.pin_baseline")
    } else {
        t(lang, "compare.pin")
    };
    let pin = html! {
        <button type="button" class="primary" data-testid="pin-plan"
            disabled={!props.can_pin} onclick={action(CompareAction::Pin)}>
            { pin_label }
        </button>
    };
    let on_rename = {
        let on_action = props.on_action.clone();
        Callback::from(move |(index, name): (usize, String)| {
            on_action.emit(CompareAction::Rename { index, name })
        })
    };
    let on_remove = {
        let on_action = props.on_action.clone();
        Callback::from(move |index: usize| on_action.emit(CompareAction::Remove(index)))
    };
    let on_make_baseline = {
        let on_action = props.on_action.clone();
        Callback::from(move |index: usize| on_action.emit(CompareAction::MakeBaseline(index)))
    };
    let save = {
        let set = props.set.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let text = report::plan_set_json(&set);
            if crate::share::download_text(&text, "application/json", PLANS_FILE).is_ok() {
                notice.set(Some(Notice::Saved(PLANS_FILE.into())));
            }
        })
    };
    let csv = props
        .table
        .as_ref()
        .and_then(|t| t.comparison.clone())
        .map(|comparison| {
            let notice = notice.clone();
            Callback::from(move |_: MouseEvent| {
                let text = crate::compare::comparison_csv(lang, &comparison);
                if crate::share::download_text(&text, "text/csv;charset=utf-8", COMPARISON_FILE)
                    .is_ok()
                {
                    notice.set(Some(Notice::Saved(COMPARISON_FILE.into())));
                }
            })
        });
    let pick = {
        let file_ref = file_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_ref.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let picked = {
        let notice = notice.clone();
        let on_open = props.on_open.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                let name = file.name();
                let file = gloo::file::File::from(file);
                let notice = notice.clone();
                let on_open = on_open.clone();
                yew::platform::spawn_local(async move {
                    let text = gloo::file::futures::read_as_text(&file).await;
                    match text
                        .map_err(|e| e.to_string())
                        .and_then(|text| report::read_plan_set(&text).map_err(|e| e.to_string()))
                    {
                        Ok(set) => {
                            on_open.emit(set);
                            notice.set(Some(Notice::Opened(name)));
                        }
                        Err(detail) => notice.set(Some(Notice::Failed { file: name, detail })),
                    }
                });
            }
            input.set_value("");
        })
    };
    let select = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    let full_link = format!("{}#{}", crate::share::page_base(), fragment);
    let notice_html = match &*notice {
        None => html! {},
        Some(Notice::Opened(file)) => html! {
            <span class="notice ok" role="status">{ "✓ " }{ tf(lang, "compare.opened", &[("file", file.clone())]) }</span>
        },
        Some(Notice::Saved(file)) => html! {
            <span class="notice ok" role="status">{ "✓ " }{ tf(lang, "share.downloaded", &[("file", file.clone())]) }</span>
        },
        Some(Notice::Failed { file, detail }) => html! {
            <span class="notice warn" role="alert" data-testid="compare-open-failed">
                { "⚠ " }{ tf(lang, "compare.open_failed", &[("file", file.clone())]) }
                <br /><small lang="en">{ detail.clone() }</small>
            </span>
        },
    };
    let file_input = html! {
        <input type="file" accept=".json,application/json" hidden=true ref={file_ref} onchange={picked}
            aria-label={t(lang, "compare.open")} data-testid="plans-file" />
    };
    let Some(table) = props.table.clone() else {
        return html! {
            <section class="compare" aria-labelledby="compare-title" data-testid="compare">
                <h2 id="compare-title">{ t(lang, "compare.title") }</h2>
                <p class="hint">{ t(lang, "compare.intro") }</p>
                <div class="compare-actions">
                    { pin }
                    <button type="button" onclick={pick} data-testid="plans-open">{ t(lang, "compare.open") }</button>
                    { file_input }
                    { notice_html }
                </div>
            </section>
        };
    };
    html! {
        <section class="compare" aria-labelledby="compare-title" data-testid="compare">
            <h2 id="compare-title">{ t(lang, "compare.title") }</h2>
            <div class="compare-actions">
                { pin }
                if !props.can_pin && props.pinned >= cordon_engine::compare::MAX_PLANS {
                    <span class="hint">{ t(lang, "compare.full") }</span>
                } else if !props.can_pin {
                    <span class="hint" data-testid="pin-hint">{ t(lang, "compare.pinned_already") }</span>
                }
            </div>
            <CompareTable {table} {lang} {on_rename} {on_remove} {on_make_baseline} />
            <p class="legend" data-testid="compare-legend">{ t(lang, "compare.legend") }</p>
            if props.chart.len() > 1 {
                <CompareChart plans={props.chart.clone()} differences={props.differences.clone()} {lang} />
            }
            <div class="compare-share">
                <label for="plans-link">{ t(lang, "compare.link") }</label>
                <input id="plans-link" type="text" readonly=true value={full_link}
                    data-testid="plans-link" onfocus={select} />
                <button type="button" onclick={save} data-testid="plans-download">{ t(lang, "compare.download") }</button>
                <button type="button" onclick={pick} data-testid="plans-open">{ t(lang, "compare.open") }</button>
                { file_input }
                if let Some(csv) = csv {
                    <button type="button" onclick={csv} data-testid="compare-csv">{ t(lang, "compare.csv") }</button>
                }
                { notice_html }
            </div>
        </section>
    }
}
