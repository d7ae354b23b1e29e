//! The comparison chart: the plans' cumulative local infections overlaid
//! on one scale (mean line and the band of 90 % of runs, one colour per
//! plan, named in a legend), drawn as SVG from `compare::chart_paths`.

use crate::compare::chart_paths;
use crate::i18n::{number, t, Lang};
use cordon_engine::Results;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of the comparison chart.
#[derive(Properties, PartialEq)]
pub struct CompareChartProps {
    /// Each plan's name and results, the baseline first.
    pub plans: Rc<Vec<(String, Rc<Results>)>>,
    pub lang: Lang,
}

/// One colour per plan (colour-blind safe, Okabe–Ito).
const COLOURS: [&str; 4] = ["#0072b2", "#d55e00", "#009e73", "#cc79a7"];

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 200.0;

/// The chart.
#[function_component(CompareChart)]
pub fn compare_chart(props: &CompareChartProps) -> Html {
    let lang = props.lang;
    let results: Vec<&Results> = props.plans.iter().map(|(_, r)| r.as_ref()).collect();
    let (paths, top) = chart_paths(&results, WIDTH, HEIGHT);
    let days = results.first().map_or(0, |r| r.days);
    let title = t(lang, "compare.chart");
    html! {
        <figure class="chart compare-chart" data-testid="compare-chart">
            <figcaption>{ title.clone() }</figcaption>
            <svg viewBox={format!("-44 -8 {} {}", WIDTH + 52.0, HEIGHT + 30.0)} role="img" aria-label={title}>
                <line x1="0" y1={HEIGHT.to_string()} x2={WIDTH.to_string()} y2={HEIGHT.to_string()} class="axis" />
                <line x1="0" y1="0" x2="0" y2={HEIGHT.to_string()} class="axis" />
                <text x="-6" y="4" text-anchor="end" class="tick">{ number(lang, top) }</text>
                <text x="-6" y={HEIGHT.to_string()} text-anchor="end" class="tick">{ "0" }</text>
                <text x="0" y={(HEIGHT + 18.0).to_string()} class="tick">{ "1" }</text>
                <text x={WIDTH.to_string()} y={(HEIGHT + 18.0).to_string()} text-anchor="end" class="tick">{ days.to_string() }</text>
                { for paths.iter().enumerate().map(|(i, p)| {
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
                { for props.plans.iter().enumerate().map(|(i, (name, _))| html! {
                    <li><span class="swatch" style={format!("background: {}", COLOURS[i % COLOURS.len()])}></span>{ name.clone() }</li>
                }) }
                <li class="hint">{ t(lang, "compare.chart_legend") }</li>
            </ul>
        </figure>
    }
}
