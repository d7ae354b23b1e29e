//! Scenario files, results exports and the link's QR code: pure functions
//! (no browser), unit-tested natively. The sharing panel (`share.rs`) only
//! moves their output to the clipboard, a download or the page.
//!
//! # CSV conventions
//!
//! Plain ASCII, comma-separated, `\n` line ends, a header row. Numbers are
//! written with Rust's shortest round-trip form (`0.25`, `5000`), never in
//! exponent notation. Values that are not finite numbers are written the same
//! way everywhere: `inf` / `-inf` for infinities (a capacity series is `inf`
//! when the resource is unlimited) and an empty cell for NaN or for a figure
//! that does not exist (e.g. no run ever detected a local case).

use crate::i18n::{number, t, tf, Lang};
use cordon_engine::{validate, FieldError, Problem, Results, Scenario, Series, Stats, Variant};
use std::fmt::Write as _;

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

/// A number as a CSV cell (see the module's conventions).
pub fn cell_f64(value: f64) -> String {
    if value.is_nan() {
        String::new()
    } else if value == f64::INFINITY {
        "inf".into()
    } else if value == f64::NEG_INFINITY {
        "-inf".into()
    } else if value == 0.0 {
        "0".into() // no "-0"
    } else {
        format!("{value}")
    }
}

/// A single-precision number (daily bands) as a CSV cell, without widening
/// artefacts (`0.1`, not `0.10000000149011612`).
pub fn cell_f32(value: f32) -> String {
    if value.is_nan() {
        String::new()
    } else if value == f32::INFINITY {
        "inf".into()
    } else if value == f32::NEG_INFINITY {
        "-inf".into()
    } else if value == 0.0 {
        "0".into()
    } else {
        format!("{value}")
    }
}

/// Quotes a text cell if it needs it (RFC 4180).
fn cell_text(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Header of the daily-series CSV.
pub const DAILY_HEADER: &str = "day,series,mean,p5,p25,p50,p75,p95";

/// The daily bands in long format: one row per day and series
/// (`day,series,mean,p5,p25,p50,p75,p95`), days from 0 as on the charts,
/// series in [`Series::ALL`] order within a day.
pub fn daily_csv(results: &Results) -> String {
    let days = results
        .daily
        .iter()
        .map(|b| b.mean.len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(64 * days * Series::ALL.len() + 64);
    out.push_str(DAILY_HEADER);
    out.push('\n');
    for day in 0..days {
        for series in Series::ALL {
            let Some(band) = results.daily.iter().find(|b| b.series == series) else {
                continue;
            };
            let _ = writeln!(
                out,
                "{day},{},{},{},{},{},{},{}",
                series.key(),
                cell_f32(band.mean[day]),
                cell_f32(band.p5[day]),
                cell_f32(band.p25[day]),
                cell_f32(band.p50[day]),
                cell_f32(band.p75[day]),
                cell_f32(band.p95[day]),
            );
        }
    }
    out
}

/// Header of the summary CSV.
pub const SUMMARY_HEADER: &str = "metric,value";

fn push_row(out: &mut String, metric: &str, value: String) {
    let _ = writeln!(out, "{metric},{value}");
}

fn push_stats(out: &mut String, metric: &str, stats: Option<&Stats>) {
    let parts: [(&str, Option<f64>); 6] = [
        ("mean", stats.map(|s| s.mean)),
        ("p5", stats.map(|s| s.p5)),
        ("p25", stats.map(|s| s.p25)),
        ("p50", stats.map(|s| s.p50)),
        ("p75", stats.map(|s| s.p75)),
        ("p95", stats.map(|s| s.p95)),
    ];
    for (name, value) in parts {
        push_row(
            out,
            &format!("{metric}.{name}"),
            value.map(cell_f64).unwrap_or_default(),
        );
    }
}

/// The summary figures as `metric,value` rows: shares as fractions (0–1),
/// statistics as `<figure>.mean`, `.p5` … `.p95`, each capacity as
/// `capacity.<key>.p_exceeded|p_first|median_first_day`, then the run count,
/// the seed and the horizon.
pub fn summary_csv(results: &Results) -> String {
    let s = &results.summary;
    let mut out = String::with_capacity(4096);
    out.push_str(SUMMARY_HEADER);
    out.push('\n');
    let opt = |v: Option<f64>| v.map(cell_f64).unwrap_or_default();
    push_row(
        &mut out,
        "p_no_local_transmission",
        cell_f64(s.p_no_local_transmission),
    );
    push_row(&mut out, "p_contained", cell_f64(s.p_contained));
    push_stats(&mut out, "local_infections", Some(&s.local_infections));
    push_stats(
        &mut out,
        "imported_infections",
        Some(&s.imported_infections),
    );
    push_row(
        &mut out,
        "caught_at_checkpoint_share",
        opt(s.caught_at_checkpoint_share),
    );
    push_row(
        &mut out,
        "flagged_at_checkpoint_share",
        opt(s.flagged_at_checkpoint_share),
    );
    push_stats(
        &mut out,
        "days_to_first_local_detection",
        s.days_to_first_local_detection.as_ref(),
    );
    push_row(
        &mut out,
        "p_local_undetected",
        cell_f64(s.p_local_undetected),
    );
    push_stats(
        &mut out,
        "peak_quarantine_rooms",
        Some(&s.peak_quarantine_rooms),
    );
    push_row(
        &mut out,
        "p_quarantine_exceeded",
        cell_f64(s.p_quarantine_exceeded),
    );
    push_stats(&mut out, "peak_hospital_beds", Some(&s.peak_hospital_beds));
    push_row(&mut out, "p_beds_exceeded", cell_f64(s.p_beds_exceeded));
    push_stats(&mut out, "peak_tests_per_day", Some(&s.peak_tests_per_day));
    push_row(
        &mut out,
        "p_testing_exceeded",
        cell_f64(s.p_testing_exceeded),
    );
    push_stats(
        &mut out,
        "peak_tracing_backlog",
        Some(&s.peak_tracing_backlog),
    );
    push_row(
        &mut out,
        "p_tracing_exceeded",
        cell_f64(s.p_tracing_exceeded),
    );
    push_stats(
        &mut out,
        "max_checkpoint_wait_minutes",
        Some(&s.max_checkpoint_wait_minutes),
    );
    push_row(
        &mut out,
        "p_checkpoint_overloaded",
        cell_f64(s.p_checkpoint_overloaded),
    );
    push_row(
        &mut out,
        "p_grid_workers_exceeded",
        cell_f64(s.p_grid_workers_exceeded),
    );
    push_stats(
        &mut out,
        "quarantine_person_days",
        Some(&s.quarantine_person_days),
    );
    for c in &s.capacities {
        let key = c.capacity.key();
        push_row(
            &mut out,
            &format!("capacity.{key}.p_exceeded"),
            cell_f64(c.p_exceeded),
        );
        push_row(
            &mut out,
            &format!("capacity.{key}.p_first"),
            cell_f64(c.p_first),
        );
        push_row(
            &mut out,
            &format!("capacity.{key}.median_first_day"),
            opt(c.median_first_day),
        );
    }
    push_row(
        &mut out,
        "first_bottleneck",
        s.first_bottleneck
            .as_ref()
            .map(|b| cell_text(b.capacity.key()))
            .unwrap_or_default(),
    );
    push_row(&mut out, "p_truncated", cell_f64(s.p_truncated));
    push_row(&mut out, "runs", results.runs.to_string());
    push_row(&mut out, "runs_planned", results.runs_planned.to_string());
    push_row(&mut out, "seed", results.seed.to_string());
    push_row(&mut out, "days", results.days.to_string());
    out
}

/// The scenario as a file: pretty JSON with a final newline.
pub fn scenario_json(scenario: &Scenario) -> String {
    let mut text = serde_json::to_string_pretty(scenario).unwrap_or_default();
    text.push('\n');
    text
}

/// Why a scenario file could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum FileProblem {
    /// Not JSON, or JSON that is not a scenario (unknown field, wrong type).
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// A scenario with values out of range.
    Invalid(Vec<FieldError>),
}

/// Reads a scenario file: JSON first, then every field checked.
pub fn parse_scenario(text: &str) -> Result<Scenario, FileProblem> {
    // A byte-order mark (some editors on Windows add one) is not an error.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let scenario: Scenario = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
        FileProblem::Syntax {
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    validate(&scenario).map_err(|errors| FileProblem::Invalid(errors.0))?;
    Ok(scenario)
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
    use cordon_engine::{run_all, Capacity};

    fn small_results() -> (Scenario, Results) {
        let mut s = Scenario {
            runs: 8,
            days: 30,
            ..Scenario::default()
        };
        s.hospital.unlimited_beds = true;
        let results = run_all(&s).expect("valid scenario");
        (s, results)
    }

    #[test]
    fn daily_csv_has_every_series_every_day() {
        let (s, r) = small_results();
        let csv = daily_csv(&r);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], DAILY_HEADER);
        let days = r.daily[0].mean.len();
        assert_eq!(days, s.days as usize);
        assert_eq!(lines.len() - 1, days * Series::ALL.len());
        for line in &lines[1..] {
            assert_eq!(line.split(',').count(), 8, "{line}");
        }
        // A known value: the median of the local infections on day 3.
        let band = r.band(Series::LocalInfections);
        let expected = format!(
            "3,local_infections,{},{},{},{},{},{}",
            cell_f32(band.mean[3]),
            cell_f32(band.p5[3]),
            cell_f32(band.p25[3]),
            cell_f32(band.p50[3]),
            cell_f32(band.p75[3]),
            cell_f32(band.p95[3])
        );
        assert!(lines.contains(&expected.as_str()), "{expected}");
        // Row order: day 0's series in Series::ALL order first.
        for (i, series) in Series::ALL.iter().enumerate() {
            assert!(lines[1 + i].starts_with(&format!("0,{},", series.key())));
        }
        // Unlimited beds: the capacity series is infinite, written "inf".
        let beds = lines
            .iter()
            .find(|l| l.starts_with("5,beds_capacity,"))
            .unwrap();
        assert_eq!(*beds, "5,beds_capacity,inf,inf,inf,inf,inf,inf");
        // Nothing else non-finite in another spelling.
        for line in &lines[1..] {
            for cell in line.split(',').skip(2) {
                assert!(
                    cell.is_empty()
                        || cell == "inf"
                        || cell.parse::<f64>().is_ok_and(|v| v.is_finite()),
                    "{line}"
                );
                assert!(cell == "inf" || !cell.contains('e'), "{line}");
            }
        }
    }

    #[test]
    fn summary_csv_lists_the_figures() {
        let (_, r) = small_results();
        let csv = summary_csv(&r);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], SUMMARY_HEADER);
        let get = |metric: &str| -> String {
            lines
                .iter()
                .find_map(|l| l.strip_prefix(&format!("{metric},")))
                .unwrap_or_else(|| panic!("no {metric}"))
                .to_string()
        };
        assert_eq!(
            get("p_no_local_transmission"),
            cell_f64(r.summary.p_no_local_transmission)
        );
        assert_eq!(get("p_contained"), cell_f64(r.summary.p_contained));
        assert_eq!(
            get("local_infections.mean"),
            cell_f64(r.summary.local_infections.mean)
        );
        for stat in ["mean", "p5", "p25", "p50", "p75", "p95"] {
            get(&format!("local_infections.{stat}"));
            get(&format!("days_to_first_local_detection.{stat}"));
        }
        for c in Capacity::ALL {
            for part in ["p_exceeded", "p_first", "median_first_day"] {
                get(&format!("capacity.{}.{part}", c.key()));
            }
        }
        get("caught_at_checkpoint_share");
        get("first_bottleneck");
        assert_eq!(get("runs"), "8");
        assert_eq!(get("seed"), r.seed.to_string());
        assert_eq!(get("days"), "30");
        for line in &lines {
            assert_eq!(line.split(',').count(), 2, "{line}");
        }
    }

    #[test]
    fn non_finite_cells_are_consistent() {
        assert_eq!(cell_f64(f64::INFINITY), "inf");
        assert_eq!(cell_f64(f64::NEG_INFINITY), "-inf");
        assert_eq!(cell_f64(f64::NAN), "");
        assert_eq!(cell_f32(f32::INFINITY), "inf");
        assert_eq!(cell_f32(f32::NAN), "");
        assert_eq!(cell_f32(0.1), "0.1");
        assert_eq!(cell_f32(-0.0), "0");
        assert_eq!(cell_f64(1e21), "1000000000000000000000");
        assert_eq!(cell_f64(0.25), "0.25");
        assert_eq!(cell_text("a,b"), "\"a,b\"");
    }

    #[test]
    fn scenario_files_round_trip() {
        let mut s = Scenario::default();
        s.quarantine.rooms = 4321;
        let text = scenario_json(&s);
        assert!(text.contains("\"rooms\": 4321"));
        assert_eq!(parse_scenario(&text), Ok(s.clone()));
        assert_eq!(parse_scenario(&format!("\u{feff}{text}")), Ok(s));
    }

    #[test]
    fn broken_files_say_where() {
        match parse_scenario("{\n  \"days\": 30,\n  \"runs\": ,\n}") {
            Err(FileProblem::Syntax {
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
        match parse_scenario("{\"no_such_field\": 1}") {
            Err(FileProblem::Syntax { message, .. }) => {
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
        let Err(FileProblem::Invalid(errors)) = parse_scenario(&text) else {
            panic!("should be invalid");
        };
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
