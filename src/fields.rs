//! How the page shows and reads the engine's fields.
//!
//! What a field *is* (its path, kind, unit, range) is the engine's field
//! registry ([`cordon_engine::fields`]); this module only says how a value
//! looks in an input and how typed text becomes a value: shares are shown
//! as percentages, full-width digits (typed with a Chinese input method)
//! count as ASCII, `万`/`亿` multiply, `60%` means 60 %.

use cordon_engine::fields::{Field, FieldValue, Unit};
use cordon_engine::{Problem, Scenario};

/// Multiplier from engine units to display units (percent for shares).
pub fn scale(field: &Field) -> f64 {
    if field.unit == Unit::Share {
        100.0
    } else {
        1.0
    }
}

/// Whether the input shows a percentage.
pub fn is_percent(field: &Field) -> bool {
    field.unit == Unit::Share
}

/// The text an input shows for a number field.
pub fn display(field: &Field, scenario: &Scenario, gateway: Option<usize>) -> String {
    field
        .number(scenario, gateway)
        .map(|v| format_input(v * scale(field)))
        .unwrap_or_default()
}

/// A number as typed into an input: no exponent, no trailing zeros.
pub fn format_input(value: f64) -> String {
    if value == value.round() && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.6}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Why typed text is not accepted.
#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    /// Not a number at all.
    NotANumber,
    /// A number the engine refuses for this field (range, whole number),
    /// in display units (percent for shares).
    Refused(Problem),
}

/// Typed text (display units) as a number, before any range check.
pub fn parse_number(text: &str) -> Option<f64> {
    let mut cleaned = String::new();
    for c in text.trim().chars() {
        match c {
            '０'..='９' => cleaned.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '．' | '。' => cleaned.push('.'),
            '－' => cleaned.push('-'),
            '＋' => cleaned.push('+'),
            '％' => cleaned.push('%'),
            ',' | '，' | ' ' | '\u{3000}' => {}
            other => cleaned.push(other),
        }
    }
    let (number, multiplier) = if let Some(n) = cleaned.strip_suffix('万') {
        (n, 10_000.0)
    } else if let Some(n) = cleaned.strip_suffix('亿') {
        (n, 100_000_000.0)
    } else {
        (cleaned.as_str(), 1.0)
    };
    let value = number.parse::<f64>().ok()? * multiplier;
    value.is_finite().then_some(value)
}

/// Parses typed text into the field's engine value, checked by the engine's
/// registry. A percent field reads "60" and "60%" alike as 60 %.
pub fn parse_input(field: &Field, text: &str) -> Result<f64, InputError> {
    let text = if is_percent(field) {
        text.trim().trim_end_matches(['%', '％'])
    } else {
        text
    };
    let shown = parse_number(text).ok_or(InputError::NotANumber)?;
    let value = shown / scale(field);
    field
        .check(&FieldValue::Number(value))
        .map_err(|problem| InputError::Refused(to_display(field, problem)))?;
    Ok(value)
}

/// A problem's numbers in the field's display units.
pub fn to_display(field: &Field, problem: Problem) -> Problem {
    let k = scale(field);
    match problem {
        Problem::OutOfRange { value, min, max } => Problem::OutOfRange {
            value: value * k,
            min: min * k,
            max: max * k,
        },
        Problem::NotWhole { value } => Problem::NotWhole { value: value * k },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::fields::{lookup, Kind, FIELDS};

    #[test]
    fn every_number_field_round_trips_through_its_input() {
        let scenario = Scenario::default();
        for field in FIELDS.iter().filter(|f| f.is_number()) {
            let gateway = (field.scope == cordon_engine::fields::Scope::Gateway).then_some(0);
            let shown = display(field, &scenario, gateway);
            let parsed = parse_input(field, &shown)
                .unwrap_or_else(|e| panic!("{}: {shown} → {e:?}", field.path));
            let mut copy = scenario.clone();
            field
                .set(&mut copy, gateway, &FieldValue::Number(parsed))
                .unwrap();
            assert_eq!(copy, scenario, "{}", field.path);
        }
    }

    /// The editor accepts exactly the engine's range: the bounds, and not
    /// one step beyond.
    #[test]
    fn the_editor_accepts_exactly_the_engines_range() {
        for field in FIELDS.iter().filter(|f| f.is_number()) {
            let k = scale(field);
            for bound in [field.min, field.max] {
                let text = format_input(bound * k);
                assert!(
                    parse_input(field, &text).is_ok(),
                    "{} refuses {text}",
                    field.path
                );
            }
            let step = if field.kind == Kind::Count {
                1.0
            } else {
                0.001
            };
            let text = format_input(field.max * k + step * k.max(1.0));
            assert!(
                matches!(
                    parse_input(field, &text),
                    Err(InputError::Refused(Problem::OutOfRange { .. }))
                ),
                "{} accepts {text}",
                field.path
            );
        }
    }

    #[test]
    fn bad_input_is_explained() {
        let posts = lookup("gateways[0].checkpoint.posts").unwrap().0;
        assert_eq!(parse_input(posts, "abc"), Err(InputError::NotANumber));
        assert_eq!(
            parse_input(posts, "2.5"),
            Err(InputError::Refused(Problem::NotWhole { value: 2.5 }))
        );
        assert_eq!(
            parse_input(posts, "-1"),
            Err(InputError::Refused(Problem::OutOfRange {
                value: -1.0,
                min: 0.0,
                max: 10_000.0
            }))
        );
        assert_eq!(parse_input(posts, "1,200"), Ok(1200.0));
        assert_eq!(parse_input(posts, "１２００"), Ok(1200.0));
        let population = lookup("city.population").unwrap().0;
        assert_eq!(parse_input(population, "63万"), Ok(630_000.0));
        assert_eq!(parse_input(population, "0.2亿"), Ok(20_000_000.0));
        let share = lookup("gateways[0].risk_area_share").unwrap().0;
        assert_eq!(parse_input(share, "5"), Ok(0.05));
        assert_eq!(parse_input(share, "60%"), Ok(0.6));
        assert_eq!(parse_input(share, "６０％"), Ok(0.6));
        assert_eq!(
            parse_input(share, "150"),
            Err(InputError::Refused(Problem::OutOfRange {
                value: 150.0,
                min: 0.0,
                max: 100.0
            }))
        );
    }
}
