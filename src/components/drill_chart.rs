//! Two or more lines of one daily measure on one plotters chart: the main
//! line against a branch, or the line played against the same run with no
//! decisions (after-action report). Days count from 1; a text table of the
//! last day's values is given for screen readers.

use super::fan_chart::fit_canvas;
use crate::charts::{day_chart, day_legend, y_top};
use crate::i18n::{number, Lang};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// One line: its label, colour and daily values (day 1 first).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLine {
    pub label: String,
    pub color: RGBColor,
    pub values: Rc<Vec<f64>>,
    /// Dashed (the line without decisions).
    pub dashed: bool,
}

/// Properties of the line chart.
#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    pub id: &'static str,
    pub title: String,
    pub lines: Vec<ChartLine>,
    pub lang: Lang,
}

fn draw(
    canvas: HtmlCanvasElement,
    lines: &[ChartLine],
    lang: Lang,
    scale: f64,
) -> Result<(), String> {
    let px = |v: f64| (v * scale).round() as u32;
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("no canvas")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let days = lines
        .iter()
        .map(|l| l.values.len())
        .max()
        .unwrap_or(0)
        .max(2);
    let highest = lines
        .iter()
        .flat_map(|l| l.values.iter())
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let all_zero = highest <= 0.0;
    let y_max = y_top(highest);
    let legend_len = px(16.0) as i32;
    let mut chart = day_chart(&root, lang, scale, days as f64, y_max, all_zero)?;
    for line in lines {
        let color = line.color;
        let width = px(if line.dashed { 2.0 } else { 3.0 });
        let points: Vec<(f64, f64)> = line
            .values
            .iter()
            .enumerate()
            .map(|(d, v)| ((d + 1) as f64, *v))
            .collect();
        let series = if line.dashed {
            // Every other segment: a dashed line.
            let segments: Vec<PathElement<(f64, f64)>> = points
                .windows(2)
                .step_by(2)
                .map(|w| PathElement::new(vec![w[0], w[1]], color.stroke_width(width)))
                .collect();
            chart.draw_series(segments).map_err(|e| e.to_string())?
        } else {
            chart
                .draw_series(LineSeries::new(points, color.stroke_width(width)))
                .map_err(|e| e.to_string())?
        };
        series.label(line.label.clone()).legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + legend_len, y)], color.stroke_width(width))
        });
    }
    day_legend(&mut chart, scale)?;
    root.present().map_err(|e| e.to_string())
}

/// The chart and, for screen readers, each line's last value.
#[function_component(LineChart)]
pub fn line_chart(props: &LineChartProps) -> Html {
    let canvas_ref = use_node_ref();
    {
        let canvas_ref = canvas_ref.clone();
        let lines = props.lines.clone();
        let lang = props.lang;
        use_effect_with((props.lines.clone(), lang), move |_| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let scale = fit_canvas(&canvas);
                if let Err(e) = draw(canvas, &lines, lang, scale) {
                    gloo::console::error!(format!("chart: {e}"));
                }
            }
        });
    }
    let summary: Vec<String> = props
        .lines
        .iter()
        .map(|l| {
            let last = l.values.last().copied().unwrap_or(0.0);
            format!("{}: {}", l.label, number(props.lang, last.round()))
        })
        .collect();
    html! {
        <figure class="chart drill-chart">
            <figcaption>{ props.title.clone() }</figcaption>
            <canvas id={props.id} ref={canvas_ref} role="img" aria-label={format!("{} — {}", props.title, summary.join("; "))} />
            <p class="readout" data-testid={format!("{}-readout", props.id)}>{ summary.join(" · ") }</p>
        </figure>
    }
}
