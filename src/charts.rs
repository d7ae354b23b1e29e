//! Charts drawn with plotters on a canvas: fan charts (median, 50% and 90%
//! bands) with capacity lines, and the outbreak-size histogram.
//!
//! Days count from 1 on the x axis (day 1 = the first simulated day), and
//! the scenario's timeline events are marked on it: a dashed vertical line
//! with the event's number in the timeline list.
//!
//! Colours are the Okabe-Ito palette, safe for colour-blind readers.

use crate::i18n::{number, t, tf, Lang};
pub use crate::text::{day_at, y_top};
use cordon_engine::{Results, Series};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use std::ops::Range;
use web_sys::HtmlCanvasElement;

/// Okabe-Ito colours.
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub const SKY_BLUE: RGBColor = RGBColor(86, 180, 233);
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
pub const GREY: RGBColor = RGBColor(80, 80, 80);

/// Tick and legend labels, CSS pixels (scaled to the canvas's pixel density
/// and, in presentation mode, enlarged by the caller's scale).
pub const LABEL_PX: f64 = 12.0;

/// One series on a fan chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub series: Series,
    /// Translation key of its label.
    pub label_key: &'static str,
    pub color: RGBColor,
    /// Draw the 50% and 90% bands, not only the median.
    pub bands: bool,
}

/// What a fan chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct FanSpec {
    pub lines: Vec<Line>,
    /// A capacity series drawn as a dark line.
    pub capacity: Option<Series>,
}

/// The page's fan charts, in order: (element id, title key, what it shows).
pub fn fan_specs() -> Vec<(&'static str, &'static str, FanSpec)> {
    vec![
        (
            "chart-infections",
            "chart.infections",
            FanSpec {
                lines: vec![
                    Line {
                        series: Series::CumulativeLocal,
                        label_key: "chart.local",
                        color: VERMILLION,
                        bands: true,
                    },
                    Line {
                        series: Series::CumulativeImported,
                        label_key: "chart.imported",
                        color: BLUE,
                        bands: true,
                    },
                    Line {
                        series: Series::CumulativeDetected,
                        label_key: "chart.detected",
                        color: GREEN,
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
                    color: ORANGE,
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
                    color: PURPLE,
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
                    color: SKY_BLUE,
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
                    color: GREEN,
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
                    color: ORANGE,
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
                    color: VERMILLION,
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
                    color: BLUE,
                    bands: true,
                }],
                capacity: None,
            },
        ),
    ]
}

/// Pixel range of the plotting area, for mapping the pointer to a day.
pub type PlotArea = (Range<i32>, Range<i32>);

fn finite_max(values: &[f32]) -> f64 {
    values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0f32, f32::max) as f64
}

/// The x coordinate of the engine's day `day` (from 0): planners count from 1.
fn x_of(day: usize) -> f64 {
    (day + 1) as f64
}

/// Draws a fan chart with the timeline's events marked (`event_days`: the
/// engine's days, from 0, in the timeline's order); returns the plotting area.
#[allow(clippy::too_many_arguments)]
pub fn draw_fan(
    canvas: HtmlCanvasElement,
    results: &Results,
    spec: &FanSpec,
    event_days: &[u32],
    hover_day: Option<usize>,
    lang: Lang,
    scale: f64,
) -> Result<PlotArea, String> {
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("no canvas")?;
    let root = backend.into_drawing_area();
    let area = draw_fan_on(&root, results, spec, event_days, hover_day, lang, scale)?;
    root.present().map_err(|e| e.to_string())?;
    Ok(area)
}

/// A canvas's drawing area, whole or a part of it.
pub type Area = DrawingArea<CanvasBackend, Shift>;

/// A chart of days (from 1) against values on a canvas.
pub type DayChart<'a> = ChartContext<
    'a,
    CanvasBackend,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// A chart of days 1 to `last_day` against values 0 to `y_max` on a
/// drawing area at `scale`, its mesh drawn: light grid lines, the "Day"
/// axis, the reader's numbers, and two y ticks (0 and 1, not fractions of
/// a person) when nothing happened (`all_zero`). The fan charts and the
/// drill's line charts are drawn on it.
pub fn day_chart<'a>(
    root: &'a Area,
    lang: Lang,
    scale: f64,
    last_day: f64,
    y_max: f64,
    all_zero: bool,
) -> Result<DayChart<'a>, String> {
    let px = |v: f64| (v * scale).round() as u32;
    let mut chart = ChartBuilder::on(root)
        .margin(px(8.0))
        .margin_right(px(LABEL_PX * 1.5))
        .x_label_area_size(px(LABEL_PX * 3.3))
        .y_label_area_size(px(LABEL_PX * 4.7))
        .build_cartesian_2d(1f64..last_day, 0f64..y_max)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .light_line_style(RGBColor(235, 235, 235))
        .x_desc(t(lang, "chart.day"))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| number(lang, *v))
        .y_labels(if all_zero { 2 } else { 6 })
        .label_style(("sans-serif", px(LABEL_PX)))
        .draw()
        .map_err(|e| e.to_string())?;
    Ok(chart)
}

/// The legend of a [`day_chart`]'s labelled series, upper left on a
/// light background.
pub fn day_legend(chart: &mut DayChart, scale: f64) -> Result<(), String> {
    let px = |v: f64| (v * scale).round() as u32;
    chart
        .configure_series_labels()
        // Room for the marker at any scale (print, presentation).
        .legend_area_size(px(24.0))
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .label_font(("sans-serif", px(LABEL_PX)))
        .draw()
        .map_err(|e| e.to_string())
}

/// [`draw_fan`] on a drawing area (the whole canvas, or a print image's
/// part below its title block).
#[allow(clippy::too_many_arguments)]
fn draw_fan_on(
    root: &Area,
    results: &Results,
    spec: &FanSpec,
    event_days: &[u32],
    hover_day: Option<usize>,
    lang: Lang,
    scale: f64,
) -> Result<PlotArea, String> {
    let px = |v: f64| (v * scale).round() as u32;
    let legend_len = px(16.0) as i32;
    let thick = px(3.0);
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let days = results.days as usize;
    let mut y_max = 0.0f64;
    for line in &spec.lines {
        let band = results.band(line.series);
        y_max = y_max.max(if line.bands {
            finite_max(&band.p95)
        } else {
            finite_max(&band.p50)
        });
    }
    if let Some(capacity) = spec.capacity {
        let cap = finite_max(&results.band(capacity).p50);
        // Show the capacity line when it is within reach of the need.
        if cap > 0.0 && cap < y_max.max(1.0) * 4.0 {
            y_max = y_max.max(cap);
        }
    }
    let all_zero = y_max <= 0.0;
    // Headroom keeps the legend clear of the lines and capacity.
    let y_max = y_top(y_max);
    let font = px(LABEL_PX);
    let mut chart = day_chart(root, lang, scale, days.max(2) as f64, y_max, all_zero)?;
    // The timeline's events: a dashed line and the event's number on top.
    for day in event_days {
        let day = *day as usize;
        if day >= days {
            continue;
        }
        let x = x_of(day);
        let dash = y_max / 24.0;
        chart
            .draw_series((0..24).step_by(2).map(|k| {
                let y = f64::from(k) * dash;
                PathElement::new(vec![(x, y), (x, y + dash)], GREY.stroke_width(px(1.5)))
            }))
            .map_err(|e| e.to_string())?;
    }
    for line in &spec.lines {
        let band = results.band(line.series);
        let xs = 0..band.p50.len().min(days);
        if line.bands {
            for (upper, lower, opacity) in
                [(&band.p95, &band.p5, 0.15), (&band.p75, &band.p25, 0.3)]
            {
                // The band's outline: along the upper edge, back along the lower.
                let outline: Vec<(f64, f64)> = xs
                    .clone()
                    .map(|d| (x_of(d), upper[d] as f64))
                    .chain(xs.clone().rev().map(|d| (x_of(d), lower[d] as f64)))
                    .collect();
                chart
                    .draw_series(std::iter::once(Polygon::new(
                        outline,
                        line.color.mix(opacity).filled(),
                    )))
                    .map_err(|e| e.to_string())?;
            }
        }
        chart
            .draw_series(LineSeries::new(
                xs.map(|d| (x_of(d), band.p50[d] as f64)),
                line.color.stroke_width(px(2.0)),
            ))
            .map_err(|e| e.to_string())?
            .label(t(lang, line.label_key))
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![(x, y), (x + legend_len, y)],
                    line.color.stroke_width(thick),
                )
            });
    }
    // What the shaded bands mean, once for the chart, in the first banded
    // line's colour.
    if let Some(color) = spec.lines.iter().find(|l| l.bands).map(|l| l.color) {
        for (key, opacity) in [("chart.band50", 0.3), ("chart.band90", 0.15)] {
            chart
                .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())
                .map_err(|e| e.to_string())?
                .label(t(lang, key))
                .legend(move |(x, y)| {
                    Rectangle::new(
                        [
                            (x, y - legend_len / 3),
                            (x + legend_len, y + legend_len / 3),
                        ],
                        color.mix(opacity).filled(),
                    )
                });
        }
    }
    if let Some(capacity) = spec.capacity {
        let band = results.band(capacity);
        if band
            .p50
            .iter()
            .any(|v| v.is_finite() && (*v as f64) < y_max)
        {
            chart
                .draw_series(LineSeries::new(
                    (0..band.p50.len())
                        .filter(|d| band.p50[*d].is_finite())
                        .map(|d| (x_of(d), band.p50[d] as f64)),
                    GREY.stroke_width(px(2.0)),
                ))
                .map_err(|e| e.to_string())?
                .label(t(lang, "chart.capacity"))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + legend_len, y)], GREY.stroke_width(thick))
                });
        }
    }
    if let Some(day) = hover_day.filter(|d| *d < days) {
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x_of(day), 0.0), (x_of(day), y_max)],
                BLACK.mix(0.5).stroke_width(px(1.0)),
            )))
            .map_err(|e| e.to_string())?;
    }
    day_legend(&mut chart, scale)?;
    // The events' numbers, drawn over the legend so none is hidden.
    for (i, day) in event_days.iter().enumerate() {
        let day = *day as usize;
        if day >= days {
            continue;
        }
        let x = x_of(day);
        // A white disc with a grey ring at the top of the event's line.
        let r = px(LABEL_PX * 0.85) as i32;
        let number = EmptyElement::at((x, y_max))
            + Circle::new((0, r), r, WHITE.filled())
            + Circle::new((0, r), r, GREY.stroke_width(px(1.5)))
            + Text::new(
                (i + 1).to_string(),
                (0, r),
                ("sans-serif", font)
                    .into_font()
                    .style(FontStyle::Bold)
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            );
        chart
            .draw_series(std::iter::once(number))
            .map_err(|e| e.to_string())?;
    }
    Ok(chart.plotting_area().get_pixel_range())
}

/// The readout of one day on a fan chart, in words.
pub fn readout(results: &Results, spec: &FanSpec, day: usize, lang: Lang) -> String {
    let mut parts = Vec::new();
    for line in &spec.lines {
        let band = results.band(line.series);
        if day >= band.p50.len() {
            continue;
        }
        // People are whole; show one decimal only below ten (waits, shares).
        let n = |v: f32| {
            let v = f64::from(v);
            number(
                lang,
                if v.abs() >= 10.0 {
                    v.round()
                } else {
                    (v * 10.0).round() / 10.0
                },
            )
        };
        parts.push(format!(
            "{}: {}",
            t(lang, line.label_key),
            tf(
                lang,
                "chart.hover",
                &[
                    ("day", crate::text::day_number(day)),
                    ("median", n(band.p50[day])),
                    ("p25", n(band.p25[day])),
                    ("p75", n(band.p75[day])),
                    ("p5", n(band.p5[day])),
                    ("p95", n(band.p95[day])),
                ]
            )
        ));
    }
    if let Some(capacity) = spec.capacity {
        let band = results.band(capacity);
        if let Some(v) = band.p50.get(day) {
            parts.push(format!(
                "{}: {}",
                t(lang, "chart.capacity"),
                number(lang, *v as f64)
            ));
        }
    }
    parts.join(" · ")
}

/// Bins of the outbreak-size histogram: (label, lower, upper exclusive).
pub const SIZE_BINS: [(&str, u32, u32); 7] = [
    ("0", 0, 1),
    ("1–4", 1, 5),
    ("5–9", 5, 10),
    ("10–49", 10, 50),
    ("50–99", 50, 100),
    ("100–999", 100, 1000),
    ("1000+", 1000, u32::MAX),
];

/// Share of runs in each size bin.
pub fn size_shares(results: &Results) -> Vec<f64> {
    let n = results.local_infections_by_run.len().max(1) as f64;
    SIZE_BINS
        .iter()
        .map(|(_, lo, hi)| {
            results
                .local_infections_by_run
                .iter()
                .filter(|v| **v >= *lo && **v < *hi)
                .count() as f64
                / n
        })
        .collect()
}

/// Draws the histogram of local infections per run.
pub fn draw_histogram(
    canvas: HtmlCanvasElement,
    results: &Results,
    lang: Lang,
    scale: f64,
) -> Result<(), String> {
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("no canvas")?;
    let root = backend.into_drawing_area();
    draw_histogram_on(&root, results, lang, scale)?;
    root.present().map_err(|e| e.to_string())
}

/// [`draw_histogram`] on a drawing area.
fn draw_histogram_on(root: &Area, results: &Results, lang: Lang, scale: f64) -> Result<(), String> {
    let px = |v: f64| (v * scale).round() as u32;
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let shares = size_shares(results);
    let top = shares.iter().copied().fold(0.0, f64::max).max(0.05) * 1.15;
    let mut chart = ChartBuilder::on(root)
        .margin(px(8.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(px(48.0))
        .build_cartesian_2d((0..SIZE_BINS.len() - 1).into_segmented(), 0f64..top)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(RGBColor(235, 235, 235))
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => SIZE_BINS
                .get(*i)
                .map(|b| b.0.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .y_label_formatter(&|v| crate::i18n::percent(*v))
        .x_desc(t(lang, "chart.outbreak_size"))
        .x_label_style(("sans-serif", px(10.0)))
        .label_style(("sans-serif", px(LABEL_PX)))
        .draw()
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(
            Histogram::vertical(&chart)
                .style(BLUE.mix(0.8).filled())
                .margin(6)
                .data(shares.iter().enumerate().map(|(i, s)| (i, *s))),
        )
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Width of a chart's PNG in pixels: print resolution (about 15 cm at 300 dpi).
pub const PRINT_WIDTH: u32 = 1800;
/// The PNG is drawn as a 600-CSS-pixel-wide chart at three times the density.
const PRINT_SCALE: f64 = 3.0;
/// Height of the chart under the title block, CSS pixels.
const PRINT_CHART_HEIGHT: f64 = 320.0;

/// What the title block of a chart's PNG says: the chart's title, then the
/// scenario, date and link lines (each already in the reader's language).
pub struct PrintTitle<'a> {
    pub title: &'a str,
    pub lines: &'a [String],
}

/// The link broken into lines of at most `width` characters (a link has no
/// spaces to break at).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(width.max(1))
        .map(|c| c.iter().collect())
        .collect()
}

/// Draws a chart for print on a new canvas of [`PRINT_WIDTH`] pixels: a
/// title block (title, scenario, date, link) above the chart. `id` is the
/// chart's element id (`chart-outbreak-size` is the histogram, others fan
/// charts from [`fan_specs`]). None when the id names no chart.
pub fn draw_print(
    document: &web_sys::Document,
    id: &str,
    results: &Results,
    event_days: &[u32],
    lang: Lang,
    heading: &PrintTitle,
) -> Result<Option<HtmlCanvasElement>, String> {
    use wasm_bindgen::JsCast;
    let fan = fan_specs().into_iter().find(|(i, _, _)| *i == id);
    if fan.is_none() && id != "chart-outbreak-size" {
        return Ok(None);
    }
    let px = |v: f64| (v * PRINT_SCALE).round() as u32;
    // Small type: about 80 characters of the link to a line.
    let text_lines: Vec<String> = heading
        .lines
        .iter()
        .flat_map(|line| wrap(line, 80))
        .collect();
    let title_height = px(12.0 + 24.0 + 17.0 * text_lines.len() as f64 + 8.0);
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .dyn_into()
        .map_err(|_| "no canvas")?;
    canvas.set_width(PRINT_WIDTH);
    canvas.set_height(title_height + px(PRINT_CHART_HEIGHT));
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no canvas")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (top, bottom) = root.split_vertically(title_height);
    let left = px(10.0) as i32;
    top.draw(&Text::new(
        heading.title.to_string(),
        (left, px(10.0) as i32),
        ("sans-serif", px(20.0)).into_font().style(FontStyle::Bold),
    ))
    .map_err(|e| e.to_string())?;
    for (i, line) in text_lines.iter().enumerate() {
        top.draw(&Text::new(
            line.clone(),
            (left, px(12.0 + 24.0 + 17.0 * i as f64) as i32),
            ("sans-serif", px(13.0)).into_font().color(&GREY),
        ))
        .map_err(|e| e.to_string())?;
    }
    match fan {
        Some((_, _, spec)) => {
            draw_fan_on(&bottom, results, &spec, event_days, None, lang, PRINT_SCALE)?;
        }
        None => draw_histogram_on(&bottom, results, lang, PRINT_SCALE)?,
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(Some(canvas))
}
