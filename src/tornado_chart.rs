//! The tornado chart, defined once (plotters on a canvas): one row per
//! lever, sorted by how far the outcome moves; a bar from the plan's value
//! to the value with the lever lowered (light) and raised (dark), a line at
//! the plan's value. Colours from the Okabe-Ito palette (see
//! `crate::charts`).

use crate::charts::{BLUE, GREY, LABEL_PX, SKY_BLUE};
use crate::text_decide::TornadoLine;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// What the chart shows: the rows (already sorted, labels and value text in
/// the reader's language), the plan's value and the axis title.
pub struct TornadoSpec<'a> {
    pub rows: &'a [TornadoLine],
    pub base: f64,
    pub axis: &'a str,
    /// Formats a value of the outcome for the axis.
    pub format: &'a dyn Fn(f64) -> String,
    /// Legend: the lever lowered, raised.
    pub lowered: &'a str,
    pub raised: &'a str,
}

/// Draws the tornado on `canvas` at `scale` (device pixels per CSS pixel).
pub fn draw_tornado(
    canvas: HtmlCanvasElement,
    spec: &TornadoSpec,
    scale: f64,
) -> Result<(), String> {
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("no canvas")?;
    let root = backend.into_drawing_area();
    let px = |v: f64| (v * scale).round() as u32;
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let rows = spec.rows;
    let mut lo = spec.base;
    let mut hi = spec.base;
    for row in rows {
        for v in [row.lowered, row.raised].into_iter().flatten() {
            if v.is_finite() {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    let pad = ((hi - lo) * 0.08).max(hi.abs().max(1e-3) * 0.01);
    let (lo, hi) = (lo - pad, hi + pad);
    let n = rows.len().max(1);
    let label_width = rows
        .iter()
        .map(|r| {
            r.lever
                .chars()
                .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
                .sum::<f64>()
        })
        .fold(6.0, f64::max)
        .min(28.0);
    let font = px(LABEL_PX);
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .margin_right(px(LABEL_PX * 2.0))
        .margin_top(px(LABEL_PX * 2.2))
        .x_label_area_size(px(LABEL_PX * 3.3))
        .y_label_area_size(px(LABEL_PX * label_width + 12.0))
        .build_cartesian_2d(lo..hi, 0f64..n as f64)
        .map_err(|e| e.to_string())?;
    let labels: Vec<String> = rows.iter().map(|r| r.lever.clone()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(230, 230, 230))
        .x_labels(6)
        .x_desc(spec.axis)
        .x_label_formatter(&|v| (spec.format)(*v))
        .y_labels(n * 2 + 1)
        .y_label_formatter(&|v| {
            // Row i is drawn from y = n - i - 1 to n - i; its label at the middle.
            let k = (n as f64 - *v - 0.5).round();
            if ((n as f64 - *v - 0.5) - k).abs() < 0.01 && k >= 0.0 {
                labels.get(k as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .label_style(("sans-serif", font))
        .draw()
        .map_err(|e| e.to_string())?;
    for (i, row) in rows.iter().enumerate() {
        let top = (n - i) as f64 - 0.15;
        let bottom = (n - i - 1) as f64 + 0.15;
        for (value, color) in [(row.lowered, SKY_BLUE), (row.raised, BLUE)] {
            if let Some(v) = value.filter(|v| v.is_finite()) {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(spec.base.min(v), bottom), (spec.base.max(v), top)],
                        color.filled(),
                    )))
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(spec.base, 0.0), (spec.base, n as f64)],
            GREY.stroke_width(px(2.0)),
        )))
        .map_err(|e| e.to_string())?;
    // Legend above the plot: lowered, raised.
    let style = ("sans-serif", font)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let y = px(LABEL_PX) as i32;
    let mut x = px(LABEL_PX * label_width + 20.0) as i32;
    for (text, color) in [(spec.lowered, SKY_BLUE), (spec.raised, BLUE)] {
        root.draw(&Rectangle::new(
            [
                (x, y - px(5.0) as i32),
                (x + px(14.0) as i32, y + px(5.0) as i32),
            ],
            color.filled(),
        ))
        .map_err(|e| e.to_string())?;
        root.draw(&Text::new(
            text.to_string(),
            (x + px(20.0) as i32, y),
            style.clone(),
        ))
        .map_err(|e| e.to_string())?;
        x += px(LABEL_PX * 0.6 * text.chars().count() as f64 + 60.0) as i32;
    }
    root.present().map_err(|e| e.to_string())
}
