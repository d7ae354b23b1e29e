//! Problems in the reader's language: one renderer, used by the editor (next
//! to each input), the file-open panel and the link banner.
//!
//! The engine names a problem by its field's path (`gateways[2].checkpoint.posts`)
//! and says what is wrong ([`Problem`]); here the path becomes the field's
//! label in the page's language ("入口 3 · 查验通道数") and the problem a
//! sentence, with shares in percent as the editor shows them. Nothing here
//! shows an engine path to a reader; the CLI keeps its plain English.
//! Warnings (`cordon_engine::warnings`: valid, probably not meant) are
//! rendered here too, by [`warning_message`], and shown at their field.

use crate::fields::{to_display, InputError};
use crate::i18n::{number, t, tf, Lang};
use cordon_engine::fields::lookup;
use cordon_engine::{Caution, FieldError, Problem, Warning};

/// A number from a file or a range bound, readably: whole numbers grouped
/// the reader's way (`730`, `100,000,000`, `1亿`), others exactly as written.
fn plain(lang: Lang, value: f64) -> String {
    if value.is_finite() && value == value.trunc() && value.abs() < 1e15 {
        number(lang, value)
    } else {
        format!("{value}")
    }
}

/// What is wrong, as shown next to the input (values in display units).
pub fn message(lang: Lang, problem: &Problem) -> String {
    match problem {
        Problem::NotFinite => t(lang, "error.not_finite"),
        Problem::NotWhole { .. } => t(lang, "error.integer"),
        Problem::OutOfRange { min, max, .. } => tf(
            lang,
            "error.range",
            &[("min", plain(lang, *min)), ("max", plain(lang, *max))],
        ),
        Problem::TooMany { count, max } => tf(
            lang,
            "error.too_many",
            &[
                ("count", plain(lang, *count as f64)),
                ("max", plain(lang, *max as f64)),
            ],
        ),
        Problem::NoSuchGateway { index, gateways } => tf(
            lang,
            "error.no_such_gateway",
            &[
                ("number", (u64::from(*index) + 1).to_string()),
                ("gateways", gateways.to_string()),
            ],
        ),
        Problem::UnsupportedVersion { found, supported } => tf(
            lang,
            "error.unsupported_version",
            &[
                ("found", found.to_string()),
                ("supported", supported.to_string()),
            ],
        ),
        Problem::MustExceed { other } => tf(
            lang,
            "error.must_exceed",
            &[(
                "other",
                match other.parse::<f64>() {
                    Ok(v) => plain(lang, v),
                    Err(_) => place(lang, other),
                },
            )],
        ),
        Problem::UnknownChoice { value, .. } => {
            tf(lang, "error.choice", &[("value", value.clone())])
        }
        Problem::WrongKind => t(lang, "error.wrong_kind"),
    }
}

/// A warning, as shown next to its field.
pub fn warning_message(lang: Lang, warning: &Warning) -> String {
    match warning.caution {
        Caution::StaffWithoutPost { staff, posts } => tf(
            lang,
            "warning.staff_without_post",
            &[
                ("posts", number(lang, f64::from(posts))),
                ("staff", number(lang, f64::from(staff))),
                (
                    "extra",
                    number(lang, f64::from(staff.saturating_sub(posts))),
                ),
            ],
        ),
    }
}

/// What is wrong with typed text.
pub fn input_message(lang: Lang, error: &InputError) -> String {
    match error {
        InputError::NotANumber => t(lang, "error.not_finite"),
        InputError::Refused(problem) => message(lang, problem),
    }
}

/// The index in `text` = `name[i]…`, and what follows `].`.
fn indexed<'a>(text: &'a str, name: &str) -> Option<(usize, &'a str)> {
    let rest = text.strip_prefix(name)?.strip_prefix('[')?;
    let (index, rest) = rest.split_once(']')?;
    Some((index.parse().ok()?, rest.trim_start_matches('.')))
}

/// Where a problem is, in the reader's words: a field's label (with its
/// gateway), a timeline event, a point of an arrival wave.
pub fn place(lang: Lang, path: &str) -> String {
    if let Some((field, gateway)) = lookup(path) {
        let label = t(lang, &field.label_key());
        return match gateway {
            Some(g) => format!("{} · {label}", gateway_words(lang, g)),
            None => label,
        };
    }
    if let Some((i, rest)) = indexed(path, "timeline") {
        let what = match rest {
            "day" => t(lang, "problem.day"),
            "change.gateway" => t(lang, "problem.gateway"),
            _ => t(lang, "problem.amount"),
        };
        let event = tf(lang, "problem.timeline", &[("number", (i + 1).to_string())]);
        return format!("{event} · {what}");
    }
    if let Some((g, rest)) = indexed(path, "gateways") {
        let gateway = gateway_words(lang, g);
        return match indexed(rest, "profile") {
            Some((j, _)) => format!(
                "{gateway} · {}",
                tf(lang, "problem.profile", &[("number", (j + 1).to_string())])
            ),
            None => gateway,
        };
    }
    if let Some((i, _)) = indexed(path, "quarantine.test_days") {
        return tf(lang, "problem.test_day", &[("number", (i + 1).to_string())]);
    }
    match path {
        "schema_version" => t(lang, "problem.schema_version"),
        "gateways" => t(lang, "group.gateways"),
        "timeline" => t(lang, "group.timeline"),
        _ => t(lang, "problem.elsewhere"),
    }
}

fn gateway_words(lang: Lang, index: usize) -> String {
    tf(
        lang,
        "problem.gateway_n",
        &[("number", (index + 1).to_string())],
    )
}

/// A problem with its place, for lists (the file panel, the banner).
pub fn error_text(lang: Lang, error: &FieldError) -> String {
    let problem = match lookup(&error.path) {
        Some((field, _)) => to_display(field, error.problem.clone()),
        None => error.problem.clone(),
    };
    tf(
        lang,
        "problem.line",
        &[
            ("place", place(lang, &error.path)),
            ("message", message(lang, &problem)),
        ],
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::{validate, Scenario};

    fn all_problems() -> Vec<Problem> {
        vec![
            Problem::NotFinite,
            Problem::NotWhole { value: 2.5 },
            Problem::OutOfRange {
                value: 0.0,
                min: 1.0,
                max: 730.0,
            },
            Problem::TooMany { count: 70, max: 64 },
            Problem::NoSuchGateway {
                index: 5,
                gateways: 3,
            },
            Problem::UnsupportedVersion {
                found: 9,
                supported: 1,
            },
            Problem::MustExceed {
                other: "testing.detectable_from_day".into(),
            },
            Problem::UnknownChoice {
                value: "hotel".into(),
                allowed: vec!["home".into()],
            },
            Problem::WrongKind,
        ]
    }

    #[test]
    fn every_problem_reads_in_both_languages_without_engine_paths() {
        let paths = [
            "days",
            "gateways[2].checkpoint.posts",
            "timeline[3].change.count",
            "timeline[0].day",
            "gateways[1].profile[4].multiplier",
            "quarantine.test_days[2]",
            "schema_version",
            "gateways",
            "somewhere.new",
        ];
        for problem in all_problems() {
            for path in paths {
                for lang in [Lang::En, Lang::Zh] {
                    let error = FieldError {
                        path: path.into(),
                        problem: problem.clone(),
                    };
                    let text = error_text(lang, &error);
                    assert!(!text.contains('{'), "unfilled placeholder: {text}");
                    assert!(!text.contains(path), "engine path shown: {text}");
                    assert!(!text.contains("detectable_from_day"), "{text}");
                    if lang == Lang::Zh {
                        assert!(!text.contains("must"), "English in Chinese: {text}");
                    }
                }
            }
        }
    }

    #[test]
    fn file_problems_name_the_field_in_the_readers_language() {
        let mut s = Scenario {
            days: 0,
            ..Scenario::default()
        };
        s.gateways[2].risk_area_share = 1.5;
        let errors = validate(&s).unwrap_err().0;
        let texts: Vec<String> = errors.iter().map(|e| error_text(Lang::Zh, e)).collect();
        assert_eq!(texts[0], "模拟天数：允许范围：1 至 730");
        assert!(
            texts[1].starts_with("入口 3 · ") && texts[1].ends_with("允许范围：0 至 100"),
            "shares in percent: {}",
            texts[1]
        );
        assert_eq!(
            error_text(Lang::En, &errors[0]),
            "Days simulated: Allowed: 1 to 730"
        );
        let order = FieldError {
            path: "testing.peak_day".into(),
            problem: Problem::MustExceed {
                other: "testing.detectable_from_day".into(),
            },
        };
        let zh = error_text(Lang::Zh, &order);
        assert!(zh.contains("必须大于"), "{zh}");
    }

    #[test]
    fn parser_messages_read_in_chinese() {
        assert_eq!(
            parser_message_zh("unknown field `version`, expected one of `schema_version`"),
            "未知字段 `version`"
        );
        assert_eq!(
            parser_message_zh("invalid value: integer `-5`, expected u32"),
            "数值无效：integer `-5`（应为非负整数）"
        );
        let text = syntax_text(Lang::Zh, 3, 7, "expected value");
        assert!(text.contains("第 3 行"), "{text}");
    }

    #[test]
    fn staff_without_post_is_a_warning_in_both_languages() {
        let mut s = Scenario::default();
        s.gateways[2].checkpoint.staff_per_shift = 66;
        let found = cordon_engine::warnings(&s);
        assert_eq!(found.len(), 1);
        assert_eq!(
            warning_message(Lang::En, &found[0]),
            "Only 22 posts: 44 of the 66 staff per shift have no post and check nobody"
        );
        assert_eq!(
            warning_message(Lang::Zh, &found[0]),
            "只有 22 个查验岗位：每班 66 人中有 44 人无岗可站，不增加查验能力"
        );
    }
}
