//! The tornado chart on a canvas (drawn by [`crate::tornado_chart`]), with
//! the rows in words as its accessible label; redrawn when the rows, the
//! language, presentation mode or the view's visibility change. While the
//! Decide view is hidden the chart is still drawn, at a fixed size, for the
//! printed report.

use super::fan_chart::{fit_canvas, PRESENTATION_SCALE};
use crate::i18n::{t, Lang};
use crate::text_decide::{outcome_label, outcome_value, TornadoLine};
use crate::tornado_chart::{draw_tornado, TornadoSpec};
use cordon_engine::decide::Outcome;
use cordon_engine::Scenario;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Properties of the tornado chart.
#[derive(Properties, PartialEq)]
pub struct TornadoChartProps {
    /// The rows, largest swing first.
    pub lines: Rc<Vec<TornadoLine>>,
    /// The plan's value of the outcome.
    pub base: f64,
    pub outcome: Outcome,
    /// The plan the tornado is for (names its gateways).
    pub plan: Rc<Scenario>,
    pub lang: Lang,
    pub presentation: bool,
    /// Whether the view is shown (a hidden canvas has no size to draw at).
    pub visible: bool,
}

/// The size the chart is drawn at for the printed report while the Decide
/// view is hidden (a hidden canvas has no layout size to fit): CSS pixels,
/// drawn at twice the resolution for print.
const PRINT_SIZE: (u32, u32) = (720, 340);
const PRINT_SCALE: f64 = 2.0;

/// Sizes a hidden canvas for print; returns the drawing scale.
fn print_canvas(canvas: &HtmlCanvasElement) -> f64 {
    let (width, height) = (
        (f64::from(PRINT_SIZE.0) * PRINT_SCALE) as u32,
        (f64::from(PRINT_SIZE.1) * PRINT_SCALE) as u32,
    );
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    PRINT_SCALE
}

/// The canvas.
#[function_component(TornadoChart)]
pub fn tornado_chart(props: &TornadoChartProps) -> Html {
    let canvas_ref = use_node_ref();
    let lang = props.lang;
    {
        let canvas_ref = canvas_ref.clone();
        let lines = props.lines.clone();
        let base = props.base;
        let outcome = props.outcome.clone();
        let plan = props.plan.clone();
        let presentation = props.presentation;
        use_effect_with(
            (props.lines.clone(), lang, presentation, props.visible),
            move |(_, _, _, visible)| {
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    let scale = if *visible {
                        let scale = fit_canvas(&canvas);
                        if presentation {
                            scale * PRESENTATION_SCALE
                        } else {
                            scale
                        }
                    } else {
                        print_canvas(&canvas)
                    };
                    let format = |v: f64| outcome_value(lang, &outcome, v);
                    let axis = outcome_label(lang, &outcome, &plan);
                    let lowered = t(lang, "decide.lowered");
                    let raised = t(lang, "decide.raised");
                    let spec = TornadoSpec {
                        rows: &lines,
                        base,
                        axis: &axis,
                        format: &format,
                        lowered: &lowered,
                        raised: &raised,
                    };
                    if let Err(e) = draw_tornado(canvas, &spec, scale) {
                        gloo::console::error!(format!("chart: {e}"));
                    }
                }
            },
        );
    }
    let label: Vec<String> = props
        .lines
        .iter()
        .map(|l| format!("{}: {} / {}", l.lever, l.down, l.up))
        .collect();
    html! {
        <canvas id="chart-tornado" data-testid="tornado-chart" ref={canvas_ref} role="img" aria-label={label.join("; ")} />
    }
}
