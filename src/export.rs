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
use cordon_engine::{FieldError, Problem, Scenario, Variant};

pub use cordon_engine::report::{
    daily_csv, read_scenario, scenario_json, summary_csv, ScenarioFileError,
};

/// File name of a saved scenario.
pub const SCENARIO_FILE: &str = "cordon-scenario.json";
/// File name of the daily-series export.
pub const DAILY_FILE: &str = "cordon-daily.csv";
/// File name of the summary export.
pub const SUMMARY_FILE: &str = "cordon-summary.csv";
/// Largest scenario file opened, in bytes (a real one is a few kilobytes).
pub const MAX_SCENARIO_FILE_BYTES: f64 = 2_000_000.0;

/// The chart canvases on the page: (element id, title key of the chart).
pub const CHARTS: &[(&str, &str)] = &[
    ("chart-infections", "chart.infections"),
    ("chart-rooms", "chart.rooms"),
    ("chart-beds", "chart.beds"),
    ("chart-tests", "chart.tests"),
    ("chart-tracing", "chart.tracing"),
    ("chart-queue", "chart.queue"),
    ("chart-checkpoint", "chart.checkpoint"),
    ("chart-outbreak-size", "chart.outbreak_size"),
];

/// File name of a chart's PNG: `cordon-chart-beds.png`.
pub fn chart_file_name(canvas_id: &str) -> String {
    format!("cordon-{canvas_id}.png")
}

/// A value from a file or a range bound, readably: whole numbers grouped
/// the reader's way (`730`, `100,000,000`, `1亿`), others exactly as written.
fn plain(lang: Lang, value: f64) -> String {
    if value.is_finite() && value == value.trunc() && value.abs() < 1e15 {
        number(lang, value)
    } else {
        format!("{value}")
    }
}

/// One validation problem in the reader's language, naming the field path
/// and what is allowed.
pub fn problem_text(lang: Lang, error: &FieldError) -> String {
    let path = ("path", error.path.clone());
    match &error.problem {
        Problem::NotFinite => tf(lang, "share.problem.not_finite", &[path]),
        Problem::OutOfRange { value, min, max } => tf(
            lang,
            "share.problem.out_of_range",
            &[
                path,
                ("value", plain(lang, *value)),
                ("min", plain(lang, *min)),
                ("max", plain(lang, *max)),
            ],
        ),
        Problem::TooMany { count, max } => tf(
            lang,
            "share.problem.too_many",
            &[
                path,
                ("count", plain(lang, *count as f64)),
                ("max", plain(lang, *max as f64)),
            ],
        ),
        Problem::NoSuchGateway { index, gateways } => tf(
            lang,
            "share.problem.no_such_gateway",
            &[
                path,
                ("index", index.to_string()),
                ("gateways", gateways.to_string()),
            ],
        ),
        Problem::UnsupportedVersion { found, supported } => tf(
            lang,
            "share.problem.unsupported_version",
            &[
                path,
                ("found", found.to_string()),
                ("supported", supported.to_string()),
            ],
        ),
        Problem::MustExceed { other } => tf(
            lang,
            "share.problem.must_exceed",
            &[path, ("other", other.clone())],
        ),
    }
}

/// The message for a file that is not JSON or not a scenario.
pub fn syntax_text(lang: Lang, line: usize, column: usize, message: &str) -> String {
    let message = match lang {
        Lang::En => message.to_string(),
        Lang::Zh => parser_message_zh(message),
    };
    tf(
        lang,
        "share.file.syntax",
        &[
            ("line", line.to_string()),
            ("column", column.to_string()),
            ("message", message),
        ],
    )
}

/// The JSON reader's common messages in Chinese (the field names stay as
/// they are in the file).
pub fn parser_message_zh(message: &str) -> String {
    let field = |m: &str| m.split('`').nth(1).unwrap_or("").to_string();
    if message.starts_with("unknown field") {
        format!("未知字段 `{}`", field(message))
    } else if message.starts_with("missing field") {
        format!("缺少字段 `{}`", field(message))
    } else if message.starts_with("unknown variant") {
        format!("未知选项 `{}`", field(message))
    } else if message.starts_with("invalid value") || message.starts_with("invalid type") {
        let what = message.split(": ").nth(1).unwrap_or(message);
        let value = what.split(", expected").next().unwrap_or(what);
        let expected = if message.contains("expected u") {
            "应为非负整数"
        } else if message.contains("expected f64") {
            "应为数字"
        } else if message.contains("expected a boolean") {
            "应为 true 或 false"
        } else {
            "类型或取值不符"
        };
        format!("数值无效：{value}（{expected}）")
    } else if message.starts_with("EOF")
        || message.starts_with("expected")
        || message.starts_with("trailing")
    {
        "JSON 语法错误".to_string()
    } else {
        message.to_string()
    }
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
        row("share.report.r0", plain(lang, s.epidemiology.r0)),
        row("share.report.days", number(lang, f64::from(s.days))),
        row("share.report.runs", number(lang, f64::from(s.runs))),
        row("share.report.seed", s.seed.to_string()),
    ]
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
    fn parser_messages_and_names_read_in_chinese() {
        assert_eq!(
            parser_message_zh("unknown field `version`, expected one of `schema_version`"),
            "未知字段 `version`"
        );
        assert_eq!(
            parser_message_zh("invalid value: integer `-5`, expected u32"),
            "数值无效：integer `-5`（应为非负整数）"
        );
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
    fn broken_files_say_where() {
        match read_scenario("{\n  \"days\": 30,\n  \"runs\": ,\n}") {
            Err(ScenarioFileError::Syntax {
                line,
                column,
                message,
            }) => {
                assert_eq!(line, 3);
                assert!(column > 0);
                assert!(!message.contains("at line"), "{message}");
                let text = syntax_text(Lang::En, line, column, &message);
                assert!(text.contains("line 3"), "{text}");
                assert!(syntax_text(Lang::Zh, line, column, &message).contains("第 3 行"));
            }
            other => panic!("{other:?}"),
        }
        match read_scenario("{\"no_such_field\": 1}") {
            Err(ScenarioFileError::Syntax { message, .. }) => {
                assert!(message.contains("no_such_field"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_values_name_the_field_and_range_in_both_languages() {
        let mut s = Scenario {
            days: 0,
            ..Scenario::default()
        };
        s.hospital.beds = u32::MAX;
        let text = scenario_json(&s);
        let Err(ScenarioFileError::Invalid(errors)) = read_scenario(&text) else {
            panic!("should be invalid");
        };
        let errors = errors.0;
        let days = errors.iter().find(|e| e.path == "days").expect("days");
        let en = problem_text(Lang::En, days);
        assert_eq!(en, "days: 0 is outside the allowed range 1 to 730");
        let zh = problem_text(Lang::Zh, days);
        assert!(zh.starts_with("days") && zh.contains("1 至 730"), "{zh}");
        for e in &errors {
            for lang in [Lang::En, Lang::Zh] {
                let text = problem_text(lang, e);
                assert!(text.contains(&e.path), "{text}");
                assert!(!text.contains('{'), "unfilled placeholder: {text}");
            }
        }
        let every = [
            Problem::NotFinite,
            Problem::TooMany { count: 70, max: 64 },
            Problem::NoSuchGateway {
                index: 3,
                gateways: 2,
            },
            Problem::UnsupportedVersion {
                found: 9,
                supported: 1,
            },
            Problem::MustExceed {
                other: "testing.peak_day".into(),
            },
        ];
        for problem in every {
            let e = FieldError {
                path: "x.y".into(),
                problem,
            };
            for lang in [Lang::En, Lang::Zh] {
                let text = problem_text(lang, &e);
                assert!(text.starts_with("x.y") && !text.contains('{'), "{text}");
            }
        }
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

    #[test]
    fn chart_files() {
        assert_eq!(chart_file_name("chart-beds"), "cordon-chart-beds.png");
        assert_eq!(CHARTS.len(), 8);
    }
}
