//! The results column: progress and staleness, then the verdict, the fan
//! charts and the outbreak-size histogram.

use super::fan_chart::FanChart;
use super::histogram::Histogram;
use super::verdict::Verdict;
use crate::charts::{self, FanSpec, Line};
use crate::i18n::{number, t};
use crate::planner::PlannerState;
use cordon_engine::Series;
use yew::prelude::*;

/// Properties of the results view.
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub state: PlannerState,
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
            "chart-suits",
            "chart.suits",
            FanSpec {
                lines: vec![Line {
                    series: Series::ProtectiveSuitsStock,
                    label_key: "chart.suits",
                    color: charts::ORANGE,
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
