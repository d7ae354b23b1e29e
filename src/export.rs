//! Scenario files, results exports and the link's QR code: pure functions
//! (no browser), unit-tested natively. The sharing panel (`share.rs`) only
//! moves their output to the clipboard, a download or the page.
//!
//! The CSV files and scenario files themselves are written and read by
//! [`cordon_engine::report`] (re-exported here), the same code as the CLI's
//! `cordon run --csv` and `cordon validate`; its documentation defines every
//! column. This module adds what only the page needs: file names, messages
//! in the reader's language, the printed report's assumptions, the QR code.

use crate::i18n::{number, t, tf, Lang};
use cordon_engine::{Scenario, Variant};

pub use cordon_engine::report::{
    daily_csv, gateways_csv, read_scenario, scenario_from_json, scenario_json, summary_csv,
    ScenarioFileError,
};

/// The line list of the scenario's first run as CSV, the same bytes as
/// `cordon run --line-list FILE` (run 1): one run, done when asked (a few
/// milliseconds; a run stops spreading at the scenario's infection limit).
/// `None` for an invalid scenario.
pub fn line_list_csv(scenario: &Scenario) -> Option<String> {
    let batch = cordon_engine::Batch::new(scenario).ok()?;
    Some(cordon_engine::report::line_list_csv(&batch.line_list(0)))
}

/// File name of a saved scenario.
pub const SCENARIO_FILE: &str = "cordon-scenario.json";
/// File name of the daily-series export.
pub const DAILY_FILE: &str = "cordon-daily.csv";
/// File name of the summary export.
pub const SUMMARY_FILE: &str = "cordon-summary.csv";
/// File name of the export of each gateway's daily series.
pub const GATEWAYS_FILE: &str = "cordon-gateways.csv";
/// File name of the line list of the first run.
pub const LINE_LIST_FILE: &str = "cordon-line-list-run1.csv";
/// Largest scenario file opened, in bytes (a real one is a few kilobytes).
pub const MAX_SCENARIO_FILE_BYTES: f64 = 2_000_000.0;

/// The chart canvases on the page: (element id, title key of the chart).
pub const CHARTS: &[(&str, &str)] = &[
    ("chart-infections", "chart.infections"),
    ("chart-rooms", "chart.rooms"),
    ("chart-beds", "chart.beds"),
    ("chart-tests", "chart.tests"),
    ("chart-tracing", "chart.tracing"),
    ("chart-suits", "chart.suits"),
    ("chart-queue", "chart.queue"),
    ("chart-checkpoint", "chart.checkpoint"),
    ("chart-outbreak-size", "chart.outbreak_size"),
];

/// File name of a chart's PNG: `cordon-chart-beds.png`.
pub fn chart_file_name(canvas_id: &str) -> String {
    format!("cordon-{canvas_id}.png")
}

/// A scenario's name in the reader's language: presets have both.
pub fn display_name(lang: Lang, name: &str) -> String {
    if lang == Lang::Zh {
        if let Some(p) = cordon_engine::presets::PRESETS
            .iter()
            .find(|p| p.title_en == name || (p.build)().name == name)
        {
            return p.title_zh.to_string();
        }
    }
    name.to_string()
}

/// The key resources and settings of a scenario, for the printed report:
/// (label, value) in the reader's language.
pub fn assumptions(lang: Lang, s: &Scenario) -> Vec<(String, String)> {
    let unlimited = |flag: bool, value: f64| {
        if flag {
            t(lang, "share.report.unlimited")
        } else {
            number(lang, value)
        }
    };
    let arrivals: f64 = s.gateways.iter().map(|g| g.arrivals_per_day).sum();
    let staffed = s.gateways.iter().filter(|g| g.checkpoint.enabled).count();
    let variant = match s.epidemiology.variant {
        Variant::Ancestral => "share.variant.ancestral",
        Variant::Delta => "share.variant.delta",
        Variant::Omicron => "share.variant.omicron",
        Variant::Custom => "share.variant.custom",
    };
    let tracing = if s.tracing.enabled {
        unlimited(s.tracing.unlimited, f64::from(s.tracing.staff))
    } else {
        t(lang, "share.report.off")
    };
    let row = |key: &str, value: String| (t(lang, key), value);
    vec![
        row(
            "share.report.population",
            number(lang, s.city.population as f64),
        ),
        row(
            "share.report.gateways",
            tf(
                lang,
                "share.report.gateways_value",
                &[
                    ("count", s.gateways.len().to_string()),
                    ("staffed", staffed.to_string()),
                    ("arrivals", number(lang, arrivals.round())),
                ],
            ),
        ),
        row(
            "share.report.grid_workers",
            number(lang, f64::from(s.community.grid_workers)),
        ),
        row(
            "share.report.rooms",
            unlimited(s.quarantine.unlimited_rooms, f64::from(s.quarantine.rooms)),
        ),
        row(
            "share.report.lab_tests",
            unlimited(s.testing.unlimited, f64::from(s.testing.lab_tests_per_day)),
        ),
        row("share.report.tracing_staff", tracing),
        row(
            "share.report.beds",
            unlimited(s.hospital.unlimited_beds, f64::from(s.hospital.beds)),
        ),
        row("share.report.variant", t(lang, variant)),
        row("share.report.r0", format!("{}", s.epidemiology.r0)),
        row("share.report.days", number(lang, f64::from(s.days))),
        row("share.report.runs", number(lang, f64::from(s.runs))),
        row("share.report.seed", s.seed.to_string()),
    ]
}

/// Each gateway's staffing and arrival wave, for the printed report:
/// (the gateway's title, what it has) in the reader's language, so the
/// report carries what is needed to reproduce the result.
pub fn gateway_rows(lang: Lang, s: &Scenario) -> Vec<(String, String)> {
    s.gateways
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let cp = &g.checkpoint;
            let arrivals = number(lang, g.arrivals_per_day);
            let mut value = if cp.enabled {
                tf(
                    lang,
                    "share.report.gateway_value",
                    &[
                        ("arrivals", arrivals),
                        ("posts", cp.posts.to_string()),
                        ("staff", cp.staff_per_shift.to_string()),
                        ("shifts", cp.shifts.to_string()),
                        ("hours", number(lang, cp.shift_hours)),
                        ("rate", number(lang, cp.inspections_per_staff_hour)),
                    ],
                )
            } else {
                tf(
                    lang,
                    "share.report.gateway_unstaffed",
                    &[("arrivals", arrivals)],
                )
            };
            if !g.profile.is_empty() {
                let points: Vec<String> = g
                    .profile
                    .iter()
                    .map(|p| {
                        tf(
                            lang,
                            "share.report.wave_point",
                            &[
                                ("day", crate::text::day_number(p.day as usize)),
                                ("multiplier", number(lang, p.multiplier)),
                            ],
                        )
                    })
                    .collect();
                let separator = if lang == Lang::Zh { "；" } else { "; " };
                value.push_str(separator);
                value.push_str(&tf(
                    lang,
                    "share.report.wave",
                    &[("points", points.join(", "))],
                ));
            }
            (crate::text::gateway_name(lang, g, i), value)
        })
        .collect()
}

/// The timeline's events in words (days from 1), for the printed report.
pub fn timeline_rows(lang: Lang, s: &Scenario) -> Vec<String> {
    s.timeline
        .iter()
        .map(|e| crate::text::describe_event(lang, s, e))
        .collect()
}

/// Most characters of a link shown as a QR code. Version 40 at the lowest
/// error correction holds 2,953 bytes, but codes that dense are hard to scan
/// from a screen; past this the panel says so instead.
pub const MAX_QR_CHARS: usize = 2_000;

/// The link as an SVG QR code (dark modules on white, with a quiet zone), or
/// `None` when it is too long for one.
pub fn qr_svg(text: &str) -> Option<String> {
    use qrcode::{render::svg, EcLevel, QrCode};
    if text.len() > MAX_QR_CHARS {
        return None;
    }
    // Medium error correction when it fits comfortably, low otherwise.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .ok()
        .filter(|c| c.width() <= 101)
        .or_else(|| QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok())?;
    let image = code
        .render::<svg::Color>()
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .module_dimensions(4, 4)
        .build();
    // The XML declaration is for standalone files, not for inline SVG.
    let start = image.find("<svg").unwrap_or(0);
    Some(image[start..].to_string())
}

#[cfg(test)]
mod zh_tests {
    use super::*;

    #[test]
    fn the_report_carries_gateways_waves_and_the_timeline() {
        let s = cordon_engine::presets::holiday_return();
        let rows = gateway_rows(Lang::En, &s);
        assert_eq!(rows.len(), s.gateways.len());
        assert_eq!(rows[0].0, "1 · Rail station");
        assert_eq!(
            rows[0].1,
            "8,000 arrivals a day; 12 posts, 12 inspectors a shift × 3 shifts of 8 h, 60 checks an hour each; arrival wave: day 1 ×1, day 6 ×3, day 13 ×3, day 21 ×1"
        );
        let zh = gateway_rows(Lang::Zh, &s);
        assert_eq!(zh[2].0, "3 · 高速路口（6）");
        assert!(zh[0].1.contains("到达波动：第 1 天 ×1"), "{}", zh[0].1);
        let rail = cordon_engine::presets::rail_traveller();
        assert_eq!(
            timeline_rows(Lang::En, &rail),
            vec![
                "Day 1: 1 infected traveller slips through 1 · Rail station unnoticed".to_string()
            ]
        );
        assert!(timeline_rows(Lang::En, &s).is_empty());
    }

    #[test]
    fn parser_messages_and_names_read_in_chinese() {
        assert_eq!(
            display_name(Lang::Zh, "Example city"),
            "示例城市·常态输入压力"
        );
        assert_eq!(display_name(Lang::En, "Example city"), "Example city");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_list_is_run_one_of_the_batch() {
        let mut s = Scenario {
            days: 60,
            initial_infections: 2,
            ..Scenario::default()
        };
        let text = line_list_csv(&s).unwrap();
        let batch = cordon_engine::Batch::new(&s).unwrap();
        assert_eq!(
            text.lines().count() - 1,
            batch.run(0).summary.total_infections as usize
        );
        assert!(text.starts_with("id,infection_day,"));
        s.days = 0;
        assert_eq!(line_list_csv(&s), None);
    }

    #[test]
    fn the_report_lists_key_resources() {
        let s = Scenario::default();
        let en = assumptions(Lang::En, &s);
        assert!(en.len() >= 10);
        assert!(en
            .iter()
            .any(|(k, v)| k == "Seed" && *v == s.seed.to_string()));
        let zh = assumptions(Lang::Zh, &s);
        assert_eq!(zh.len(), en.len());
        for (label, value) in en.iter().chain(&zh) {
            assert!(
                !label.starts_with("share.") && !value.starts_with("share."),
                "{label}"
            );
        }
    }

    #[test]
    fn qr_codes_for_links_that_fit() {
        let link = format!(
            "https://example.org/cordon/#{}",
            cordon_engine::link::encode(&Scenario::default())
        );
        let svg = qr_svg(&link).expect("fits");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(qr_svg(&"x".repeat(MAX_QR_CHARS + 1)).is_none());
        assert!(qr_svg(&"x".repeat(MAX_QR_CHARS)).is_some());
    }

    /// The page opens files the way the CLI does: a byte-order mark is fine.
    #[test]
    fn a_scenario_file_with_a_byte_order_mark_opens() {
        let text = format!("\u{feff}{}", scenario_json(&Scenario::default()));
        assert_eq!(scenario_from_json(&text).unwrap(), Scenario::default());
        assert_eq!(read_scenario(&text).unwrap(), Scenario::default());
    }

    #[test]
    fn chart_files() {
        assert_eq!(chart_file_name("chart-beds"), "cordon-chart-beds.png");
        assert_eq!(CHARTS.len(), 9);
    }
}
