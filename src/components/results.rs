//! The results column: progress and staleness, then the verdict, what the
//! page puts after it (the share panel), the fan charts and the
//! outbreak-size histogram.

use super::fan_chart::FanChart;
use super::histogram::Histogram;
use super::verdict::Verdict;
use crate::charts;
use crate::i18n::{number, t};
use crate::planner::PlannerState;
use crate::text::describe_event;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of the results view.
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub state: PlannerState,
    /// Shown right after the verdict (the share panel): results first.
    #[prop_or_default]
    pub children: Html,
}

/// Progress, verdict and charts (a placeholder until the first results).
#[function_component(ResultsView)]
pub fn results_view(props: &ResultsProps) -> Html {
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
        return html! {
            <>
                { status }
                <p class="placeholder">{ t(lang, "app.computing") }{ "…" }</p>
                { props.children.clone() }
            </>
        };
    };
    let fans = charts::fan_specs();
    // The timeline's events, marked on every chart with their list number.
    let events: Rc<Vec<(u32, String)>> = Rc::new(
        state
            .scenario
            .timeline
            .iter()
            .map(|e| (e.day, describe_event(lang, &state.scenario, e)))
            .collect(),
    );
    html! {
        <>
            { status }
            <Verdict results={results.clone()} {lang} infection_limit={state.scenario.infection_limit} scenario={Rc::new(state.scenario.clone())} />
            { props.children.clone() }
            <div class="charts">
                { for fans.into_iter().map(|(id, title, spec)| html! {
                    <FanChart {id} {title} {spec} results={results.clone()} events={events.clone()} {lang} presentation={state.presentation} />
                }) }
                <figure class="chart">
                    <figcaption>{ t(lang, "chart.outbreak_size") }</figcaption>
                    <Histogram results={results.clone()} {lang} presentation={state.presentation} />
                </figure>
            </div>
        </>
    }
}
