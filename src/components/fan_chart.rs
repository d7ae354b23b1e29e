//! A fan chart: percentile bands of daily series on a canvas (drawn by
//! [`crate::charts`]) with the timeline's events marked, a readout of the
//! day under the pointer or chosen with the arrow keys (naming the events of
//! that day); and the canvas helpers the histogram shares.

use crate::charts::{self, FanSpec, PlotArea};
use crate::i18n::{t, Lang};
use cordon_engine::Results;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Properties of a fan chart.
#[derive(Properties, PartialEq)]
pub struct FanProps {
    pub id: &'static str,
    pub title: &'static str,
    pub spec: FanSpec,
    pub results: Rc<Results>,
    /// The timeline's events in list order: the engine's day (from 0) and
    /// the event in words.
    #[prop_or_default]
    pub events: Rc<Vec<(u32, String)>>,
    pub lang: Lang,
    /// Presentation mode (larger charts): redraw when it changes.
    #[prop_or(false)]
    pub presentation: bool,
}

/// The screen's device pixels per CSS pixel (2 on most HiDPI laptops).
fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 3.0)
}

/// How much larger the charts' type and lines are in presentation mode (12 px
/// labels become 19 px on a projector).
pub(super) const PRESENTATION_SCALE: f64 = 1.6;

/// Sizes the canvas bitmap to its displayed size in device pixels, so charts
/// are sharp on HiDPI screens; returns the scale to draw at.
pub(super) fn fit_canvas(canvas: &HtmlCanvasElement) -> f64 {
    let ratio = pixel_ratio();
    let width = (f64::from(canvas.client_width().max(280)) * ratio).round() as u32;
    let height = (f64::from(canvas.client_height().max(180)) * ratio).round() as u32;
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    ratio
}

/// One fan chart with its caption and readout.
#[function_component(FanChart)]
pub fn fan_chart(props: &FanProps) -> Html {
    let canvas_ref = use_node_ref();
    let hover = use_state(|| None::<usize>);
    let area: Rc<RefCell<Option<PlotArea>>> = use_mut_ref(|| None);
    {
        let canvas_ref = canvas_ref.clone();
        let area = area.clone();
        let spec = props.spec.clone();
        let results = props.results.clone();
        let lang = props.lang;
        let hover_day = *hover;
        let presentation = props.presentation;
        let event_days: Vec<u32> = props.events.iter().map(|(day, _)| *day).collect();
        use_effect_with(
            (
                props.results.clone(),
                hover_day,
                lang,
                presentation,
                props.events.clone(),
            ),
            move |_| {
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    let mut scale = fit_canvas(&canvas);
                    if presentation {
                        scale *= PRESENTATION_SCALE;
                    }
                    match charts::draw_fan(
                        canvas,
                        &results,
                        &spec,
                        &event_days,
                        hover_day,
                        lang,
                        scale,
                    ) {
                        Ok(a) => *area.borrow_mut() = Some(a),
                        Err(e) => gloo::console::error!(format!("chart: {e}")),
                    }
                }
            },
        );
    }
    let days = props.results.days as usize;
    let onmousemove = {
        let hover = hover.clone();
        let area = area.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((xs, _)) = area.borrow().as_ref() {
                let x = (f64::from(e.offset_x()) * pixel_ratio()) as i32;
                let width = (xs.end - xs.start).max(1) as f64;
                if let Some(day) = charts::day_at(f64::from(x - xs.start) / width, days) {
                    hover.set(Some(day));
                }
            }
        })
    };
    let onkeydown = {
        let hover = hover.clone();
        Callback::from(move |e: KeyboardEvent| {
            let current = (*hover).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => Some((current + 1).min(days.saturating_sub(1))),
                "ArrowLeft" => Some(current.saturating_sub(1)),
                "Home" => Some(0),
                "End" => Some(days.saturating_sub(1)),
                _ => None,
            };
            if let Some(day) = next {
                e.prevent_default();
                hover.set(Some(day));
            }
        })
    };
    let readout = match *hover {
        Some(day) => {
            let mut text = charts::readout(&props.results, &props.spec, day, props.lang);
            for (i, (event_day, words)) in props.events.iter().enumerate() {
                if *event_day as usize == day {
                    text.push_str(&format!(" · ({}) {words}", i + 1));
                }
            }
            text
        }
        None => t(props.lang, "chart.hover_hint"),
    };
    html! {
        <figure class="chart">
            <figcaption>{ t(props.lang, props.title) }</figcaption>
            <canvas
                id={props.id}
                ref={canvas_ref}
                tabindex="0"
                role="img"
                aria-label={t(props.lang, props.title)}
                {onmousemove}
                {onkeydown}
            />
            <p class="readout" aria-live="polite">{ readout }</p>
        </figure>
    }
}
