//! A validation problem in words, for the editor's "scenario problems" banner.

use crate::i18n::{number, Lang};

/// A validation problem in the user's language, naming the field.
pub fn problem_text(lang: Lang, error: &cordon_engine::FieldError) -> String {
    use cordon_engine::Problem;
    let what = match (&error.problem, lang) {
        (Problem::NotFinite, Lang::En) => "must be a finite number".to_string(),
        (Problem::NotFinite, Lang::Zh) => "必须是有限数值".to_string(),
        (Problem::OutOfRange { value, min, max }, Lang::En) => {
            format!(
                "{} is outside {} to {}",
                number(lang, *value),
                number(lang, *min),
                number(lang, *max)
            )
        }
        (Problem::OutOfRange { value, min, max }, Lang::Zh) => {
            format!(
                "{} 超出允许范围 {} 至 {}",
                number(lang, *value),
                number(lang, *min),
                number(lang, *max)
            )
        }
        (Problem::TooMany { count, max }, Lang::En) => format!("{count} entries, at most {max}"),
        (Problem::TooMany { count, max }, Lang::Zh) => format!("共 {count} 项，最多 {max} 项"),
        (Problem::NoSuchGateway { index, gateways }, Lang::En) => {
            format!("gateway {index} does not exist ({gateways} gateways, numbered from 0)")
        }
        (Problem::NoSuchGateway { index, gateways }, Lang::Zh) => {
            format!("入口 {index} 不存在（共 {gateways} 个入口，从 0 编号）")
        }
        (Problem::UnsupportedVersion { found, supported }, Lang::En) => {
            format!("version {found} is not supported (up to {supported})")
        }
        (Problem::UnsupportedVersion { found, supported }, Lang::Zh) => {
            format!("不支持版本 {found}（最高支持 {supported}）")
        }
        (Problem::MustExceed { other }, Lang::En) => format!("must be greater than {other}"),
        (Problem::MustExceed { other }, Lang::Zh) => format!("必须大于 {other}"),
    };
    format!("{}: {}", error.path, what)
}
