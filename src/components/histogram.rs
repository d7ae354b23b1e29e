//! The outbreak-size histogram: the share of runs in each size bin, on a
//! canvas, with the shares as its accessible label.

use super::fan_chart::{fit_canvas, PRESENTATION_SCALE};
use crate::charts;
use crate::i18n::{percent, Lang};
use cordon_engine::Results;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Properties of the histogram.
#[derive(Properties, PartialEq)]
pub struct HistogramProps {
    pub results: Rc<Results>,
    pub lang: Lang,
    pub presentation: bool,
}

/// The histogram's canvas, redrawn when the results, language or
/// presentation mode change.
#[function_component(Histogram)]
pub fn histogram(props: &HistogramProps) -> Html {
    let canvas_ref = use_node_ref();
    {
        let canvas_ref = canvas_ref.clone();
        let results = props.results.clone();
        let lang = props.lang;
        let presentation = props.presentation;
        use_effect_with((props.results.clone(), lang, presentation), move |_| {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let mut scale = fit_canvas(&canvas);
                if presentation {
                    scale *= PRESENTATION_SCALE;
                }
                if let Err(e) = charts::draw_histogram(canvas, &results, lang, scale) {
                    gloo::console::error!(format!("chart: {e}"));
                }
            }
        });
    }
    let shares = charts::size_shares(&props.results);
    let text: Vec<String> = charts::SIZE_BINS
        .iter()
        .zip(shares)
        .map(|((label, _, _), share)| format!("{label}: {}", percent(share)))
        .collect();
    html! {
        <canvas id="chart-outbreak-size" ref={canvas_ref} role="img" aria-label={text.join(", ")} />
    }
}
