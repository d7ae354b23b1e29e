//! The comparison chart, in two views the reader switches between: the
//! plans' cumulative local infections overlaid on one scale (mean line and
//! the band of 90 % of runs, from `compare::chart_paths`), or each plan's
//! difference from the baseline day by day (mean difference and its 95 %
//! interval, paired run by run, from `compare::difference_paths`). One
//! colour per plan in both views, named in a legend; drawn as SVG.

use crate::compare::{chart_paths, difference_paths, ChartPlan};
use crate::i18n::{number, t, Lang};
use cordon_engine::compare::DailyDifference;
use cordon_engine::Results;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of the comparison chart.
#[derive(Properties, PartialEq)]
pub struct CompareChartProps {
    /// Each plan's name and results, the baseline first.
    pub plans: Rc<Vec<(String, Rc<Results>)>>,
    /// Each plan's difference from the baseline: name, position among the
    /// plans (its colour), difference.
    pub differences: Rc<Vec<(String, usize, DailyDifference)>>,
    pub lang: Lang,
}

/// One colour per plan (colour-blind safe, Okabe–Ito).
const COLOURS: [&str; 4] = ["#0072b2", "#d55e00", "#009e73", "#cc79a7"];

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 200.0;

/// Which view the chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    Overlaid,
    Difference,
}

/// The chart and its view switch.
#[function_component(CompareChart)]
pub fn compare_chart(props: &CompareChartProps) -> Html {
    let lang = props.lang;
    let view = use_state_eq(|| View::Overlaid);
    let view = if props.differences.is_empty() {
        // Nothing to subtract yet: the overlaid view, without a switch.
        None
    } else {
        Some(view)
    };
    let shown = view.as_ref().map_or(View::Overlaid, |v| **v);
    let days = props.plans.first().map_or(0, |(_, r)| r.days);
    // (title, legend hint, paths with their colour index, y ticks: value and position)
    let (title, hint, paths, ticks) = match shown {
        View::Overlaid => {
            let results: Vec<&Results> = props.plans.iter().map(|(_, r)| r.as_ref()).collect();
            let (paths, top) = chart_paths(&results, WIDTH, HEIGHT);
            let paths: Vec<(usize, ChartPlan)> = paths.into_iter().enumerate().collect();
            (
                t(lang, "compare.chart"),
                t(lang, "compare.chart_legend"),
                paths,
                vec![(top, 0.0), (0.0, HEIGHT)],
            )
        }
        View::Difference => {
            let differences: Vec<&DailyDifference> =
                props.differences.iter().map(|(_, _, d)| d).collect();
            let (paths, (bottom, top)) = difference_paths(&differences, WIDTH, HEIGHT);
            let zero = HEIGHT * top / (top - bottom);
            let paths = props
                .differences
                .iter()
                .map(|(_, i, _)| *i)
                .zip(paths)
                .collect();
            (
                t(lang, "compare.chart_difference"),
                t(lang, "compare.chart_difference_legend"),
                paths,
                // The lower end only when it is far enough from zero to read.
                if -bottom >= 0.1 * (top - bottom) {
                    vec![(top, 0.0), (0.0, zero), (bottom, HEIGHT)]
                } else {
                    vec![(top, 0.0), (0.0, zero)]
                },
            )
        }
    };
    let zero_line = (shown == View::Difference).then(|| ticks[1].1);
    let switch = view.map(|view| {
        let button = |v: View, key: &str, testid: &str| {
            let set = {
                let view = view.clone();
                Callback::from(move |_: MouseEvent| view.set(v))
            };
            html! {
                <button type="button" aria-pressed={(*view == v).to_string()}
                    onclick={set} data-testid={testid.to_string()}>{ t(lang, key) }</button>
            }
        };
        html! {
            <div class="chart-view" role="group" aria-label={t(lang, "compare.chart_view")}>
                { button(View::Overlaid, "compare.chart_view.overlaid", "compare-chart-overlaid") }
                { button(View::Difference, "compare.chart_view.difference", "compare-chart-difference") }
            </div>
        }
    });
    let legend_names: Vec<(usize, String)> = match shown {
        View::Overlaid => props
            .plans
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (i, name.clone()))
            .collect(),
        View::Difference => props
            .differences
            .iter()
            .map(|(name, i, _)| (*i, name.clone()))
            .collect(),
    };
    let view_name = match shown {
        View::Overlaid => "overlaid",
        View::Difference => "difference",
    };
    html! {
        <figure class="chart compare-chart" data-testid="compare-chart" data-view={view_name}>
            <figcaption>{ title.clone() }</figcaption>
            { switch.unwrap_or_default() }
            <svg viewBox={format!("-44 -8 {} {}", WIDTH + 52.0, HEIGHT + 30.0)} role="img" aria-label={title}>
                <line x1="0" y1={HEIGHT.to_string()} x2={WIDTH.to_string()} y2={HEIGHT.to_string()} class="axis" />
                <line x1="0" y1="0" x2="0" y2={HEIGHT.to_string()} class="axis" />
                if let Some(y) = zero_line {
                    <line x1="0" y1={format!("{y:.1}")} x2={WIDTH.to_string()} y2={format!("{y:.1}")} class="axis zero" />
                }
                { for ticks.iter().map(|(value, y)| html! {
                    <text x="-6" y={format!("{:.1}", (y + 4.0).min(HEIGHT))} text-anchor="end" class="tick">{ signed_tick(lang, *value, shown) }</text>
                }) }
                <text x="0" y={(HEIGHT + 18.0).to_string()} class="tick">{ "1" }</text>
                <text x={WIDTH.to_string()} y={(HEIGHT + 18.0).to_string()} text-anchor="end" class="tick">{ days.to_string() }</text>
                { for paths.iter().map(|(i, p)| {
                    let colour = COLOURS[i % COLOURS.len()];
                    html! {
                        <g>
                            <path d={p.band.clone()} fill={colour} fill-opacity="0.12" stroke="none" />
                            <path d={p.mean.clone()} fill="none" stroke={colour} stroke-width="2" />
                        </g>
                    }
                }) }
            </svg>
            <ul class="compare-chart-legend">
                { for legend_names.iter().map(|(i, name)| html! {
                    <li><span class="swatch" style={format!("background: {}", COLOURS[i % COLOURS.len()])}></span>{ name.clone() }</li>
                }) }
                <li class="hint">{ hint }</li>
            </ul>
        </figure>
    }
}

/// A y tick: the number, with its sign in the difference view.
fn signed_tick(lang: Lang, value: f64, view: View) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    match view {
        View::Difference if rounded > 0.0 => format!("+{}", number(lang, rounded)),
        View::Difference if rounded < 0.0 => format!("−{}", number(lang, -rounded)),
        _ => number(lang, rounded),
    }
}
