//! The Decide view's text, pure and unit-tested: levers, units and outcomes
//! in the reader's language, the tornado's rows (for the chart and the
//! table "per added staff member / room / test"), the staffing table of the
//! optimiser's answer, the sentences around it, and both tables as CSV in
//! the reader's language.
//!
//! Labels come from the engine's one definition of each lever and outcome
//! (`cordon_engine::decide::LEVERS`, `Outcome::label_key`); the keys are in
//! `crate::i18n_decide`.

use crate::i18n::{number, percent, t, tf, whole_amount, Lang};
use crate::problems::error_text;
use crate::text::{capacity_key, gateway_name};
use cordon_engine::decide::{
    Bound, DecideError, Lever, LeverUnit, OptimiseResult, OptimiseStatus, Outcome, OutcomeUnit,
    RemovalNote, Side, StaffingRow, Target, TargetCheck, Tornado,
};
use cordon_engine::Scenario;

/// A gateway's name in `scenario`, or "gateway n" when it is gone.
fn gateway_words(lang: Lang, scenario: &Scenario, gateway: usize) -> String {
    match scenario.gateways.get(gateway) {
        Some(g) => gateway_name(lang, g, gateway),
        None => tf(
            lang,
            "problem.gateway_n",
            &[("number", (gateway + 1).to_string())],
        ),
    }
}

/// A lever's name: "Quarantine rooms", "1 · Rail station: inspectors per shift".
pub fn lever_label(lang: Lang, lever: &Lever, scenario: &Scenario) -> String {
    let label = t(lang, lever.def().label_key);
    match lever.gateway {
        Some(g) => format!("{}{}{label}", gateway_words(lang, scenario, g), colon(lang)),
        None => label,
    }
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// A unit's name ("staff member", "room", "test a day", "bed").
pub fn unit_label(lang: Lang, unit: LeverUnit) -> String {
    t(lang, unit.label_key())
}

/// An outcome's name: "Contained", "Quarantine rooms run out", "1 · Rail
/// station: peak-hour wait (95th percentile)".
pub fn outcome_label(lang: Lang, outcome: &Outcome, scenario: &Scenario) -> String {
    match outcome {
        Outcome::Exceeded(capacity) => tf(
            lang,
            outcome.label_key(),
            &[("capacity", t(lang, &capacity_key(*capacity)))],
        ),
        Outcome::WaitP95 { gateway } => format!(
            "{}{}{}",
            gateway_words(lang, scenario, *gateway),
            colon(lang),
            t(lang, outcome.label_key())
        ),
        _ => t(lang, outcome.label_key()),
    }
}

/// A value of an outcome: "94.2%", "3.1 infections", "12 min".
pub fn outcome_value(lang: Lang, outcome: &Outcome, value: f64) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    match outcome.unit() {
        OutcomeUnit::Share => percent(value),
        OutcomeUnit::Infections => number(lang, value),
        OutcomeUnit::Minutes => tf(lang, "decide.minutes", &[("value", number(lang, value))]),
    }
}

/// `value` with about `digits` significant digits, never in exponent form.
pub fn significant(value: f64, digits: i32) -> String {
    if value == 0.0 || !value.is_finite() {
        return if value.is_finite() {
            "0".into()
        } else {
            "–".into()
        };
    }
    let magnitude = value.abs().log10().floor() as i32;
    let decimals = (digits - 1 - magnitude).clamp(0, 8) as usize;
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A change of an outcome, signed: "+1.2 pp", "−3.4", "+2 min".
pub fn outcome_change(lang: Lang, outcome: &Outcome, change: f64) -> String {
    if !change.is_finite() {
        return "–".into();
    }
    let (value, unit) = match outcome.unit() {
        OutcomeUnit::Share => (change * 100.0, t(lang, "decide.pp")),
        OutcomeUnit::Infections => (change, String::new()),
        OutcomeUnit::Minutes => (change, t(lang, "decide.min")),
    };
    let sign = if value > 0.0 {
        "+"
    } else if value < 0.0 {
        "−"
    } else {
        ""
    };
    let digits = significant(value.abs(), 2);
    if unit.is_empty() {
        format!("{sign}{digits}")
    } else {
        format!("{sign}{digits} {unit}")
    }
}

/// One lever's row of the tornado, in words and numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoLine {
    /// The lever's name.
    pub lever: String,
    /// The plan's value of the lever.
    pub value: String,
    /// The outcome with the lever lowered and raised (for the bars).
    pub lowered: Option<f64>,
    pub raised: Option<f64>,
    /// Each side in words: "3,000 → 91.2% (−2.1 pp ± 0.4)".
    pub down: String,
    pub up: String,
    /// The change per added unit, in words ("+0.004 pp per room").
    pub per_unit: String,
    /// The same, signed so that positive is better (the ranking).
    pub gain: Option<f64>,
    /// The bar's length (largest distance from the plan).
    pub swing: f64,
}

/// The tornado's rows in the chart's order (largest swing first).
pub fn tornado_lines(lang: Lang, tornado: &Tornado, scenario: &Scenario) -> Vec<TornadoLine> {
    let outcome = &tornado.outcome;
    tornado
        .rows
        .iter()
        .map(|row| {
            let side = |side: Side| {
                let bar = match side {
                    Side::Down => row.down.as_ref(),
                    Side::Up => row.up.as_ref(),
                }?;
                let change = if bar.difference.change == 0.0
                    && bar.difference.standard_error.is_none_or(|se| se == 0.0)
                {
                    t(lang, "decide.no_change")
                } else {
                    let spread = bar
                        .difference
                        .standard_error
                        .map(|se| {
                            format!(
                                " ± {}",
                                outcome_change(lang, outcome, 1.96 * se).trim_start_matches('+')
                            )
                        })
                        .unwrap_or_default();
                    format!(
                        "{}{spread}",
                        outcome_change(lang, outcome, bar.difference.change)
                    )
                };
                Some((
                    bar.outcome,
                    format!(
                        "{} → {} ({change})",
                        whole_amount(lang, bar.value),
                        outcome_value(lang, outcome, bar.outcome),
                    ),
                ))
            };
            let down = side(Side::Down);
            let up = side(Side::Up);
            let unit = unit_label(lang, row.lever.def().unit);
            let per_unit = match row.per_unit {
                Some(0.0) => t(lang, "decide.no_change"),
                Some(slope) => tf(
                    lang,
                    "decide.per_unit",
                    &[
                        ("change", outcome_change(lang, outcome, slope)),
                        ("unit", unit),
                    ],
                ),
                None => t(lang, "decide.not_computed"),
            };
            let at_bound = t(lang, "decide.at_bound");
            TornadoLine {
                lever: lever_label(lang, &row.lever, scenario),
                value: whole_amount(lang, row.value),
                lowered: down.as_ref().map(|d| d.0),
                raised: up.as_ref().map(|u| u.0),
                down: down.map_or_else(|| at_bound.clone(), |d| d.1),
                up: up.map_or(at_bound, |u| u.1),
                per_unit,
                gain: row.gain_per_unit,
                swing: row.swing,
            }
        })
        .collect()
}

/// The table's order: the best gain per added unit first, levers without
/// one last.
pub fn by_gain(mut lines: Vec<TornadoLine>) -> Vec<TornadoLine> {
    lines.sort_by(|a, b| match (a.gain, b.gain) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.swing.total_cmp(&a.swing),
    });
    lines
}

/// What the tornado was: "Contained, each lever ±20 %, 1,000 runs each (seed 7)".
pub fn tornado_caption(lang: Lang, tornado: &Tornado, scenario: &Scenario) -> String {
    let step = match tornado.step {
        cordon_engine::decide::Step::Percent(p) => format!("±{}%", significant(p, 3)),
        cordon_engine::decide::Step::Units(n) => format!("±{}", whole_amount(lang, f64::from(n))),
    };
    tf(
        lang,
        "decide.tornado.caption",
        &[
            ("outcome", outcome_label(lang, &tornado.outcome, scenario)),
            ("step", step),
            ("runs", whole_amount(lang, f64::from(tornado.runs))),
            (
                "base",
                tornado
                    .base
                    .map_or("–".into(), |b| outcome_value(lang, &tornado.outcome, b)),
            ),
        ],
    )
}

/// One CSV cell (quoted when it must be).
fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv_line(cells: &[String]) -> String {
    let mut line = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// The tornado's table as CSV in the reader's language, best gain per
/// added unit first.
pub fn tornado_csv(lang: Lang, tornado: &Tornado, scenario: &Scenario) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_line(&[tornado_caption(lang, tornado, scenario)]));
    out.push_str(&csv_line(&[
        t(lang, "decide.col.lever"),
        t(lang, "decide.col.now"),
        t(lang, "decide.col.lowered"),
        t(lang, "decide.col.raised"),
        t(lang, "decide.col.per_unit"),
    ]));
    for line in by_gain(tornado_lines(lang, tornado, scenario)) {
        out.push_str(&csv_line(&[
            line.lever,
            line.value,
            line.down,
            line.up,
            line.per_unit,
        ]));
    }
    out
}

/// A target in words: "Contained ≥ 95%".
pub fn target_text(lang: Lang, target: &Target, scenario: &Scenario) -> String {
    let op = match target.bound {
        Bound::AtLeast(_) => "≥",
        Bound::AtMost(_) => "≤",
    };
    format!(
        "{} {op} {}",
        outcome_label(lang, &target.outcome, scenario),
        outcome_value(lang, &target.outcome, target.limit())
    )
}

/// A target's margin in words: "met, 2.1 pp to spare" / "missed by 3 pp".
pub fn margin_text(lang: Lang, check: &TargetCheck) -> String {
    let outcome = &check.target.outcome;
    let amount = outcome_change(lang, outcome, check.margin.abs());
    let amount = amount.trim_start_matches('+').to_string();
    if check.met {
        tf(lang, "decide.margin.met", &[("amount", amount)])
    } else {
        tf(lang, "decide.margin.missed", &[("amount", amount)])
    }
}

/// One line of the staffing table, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct StaffingLine {
    pub lever: String,
    pub unit: String,
    pub current: String,
    pub proposed: String,
    pub change: String,
    pub cost: String,
}

/// Money, whole: "12,345" (the reader's unit; the form says which).
pub fn money(lang: Lang, value: f64) -> String {
    whole_amount(lang, value)
}

/// The staffing table's lines.
pub fn staffing_lines(lang: Lang, rows: &[StaffingRow], scenario: &Scenario) -> Vec<StaffingLine> {
    rows.iter()
        .map(|row| {
            let change = row.value - row.start;
            let sign = if change > 0.0 {
                "+"
            } else if change < 0.0 {
                "−"
            } else {
                "±"
            };
            StaffingLine {
                lever: lever_label(lang, &row.lever, scenario),
                unit: unit_label(lang, row.unit),
                current: whole_amount(lang, row.start),
                proposed: whole_amount(lang, row.value),
                change: format!("{sign}{}", whole_amount(lang, change.abs())),
                cost: money(lang, row.cost),
            }
        })
        .collect()
}

/// The answer's headline: found (cost), infeasible ("no plan within these
/// bounds meets …; the best reaches …"), stopped or still searching.
pub fn verdict(lang: Lang, result: &OptimiseResult, scenario: &Scenario) -> String {
    match &result.status {
        OptimiseStatus::Found => tf(
            lang,
            "decide.verdict.found",
            &[
                ("cost", money(lang, result.cost)),
                ("days", whole_amount(lang, f64::from(result.days))),
            ],
        ),
        OptimiseStatus::Infeasible { unmet } => {
            let parts: Vec<String> = unmet
                .iter()
                .map(|c| {
                    tf(
                        lang,
                        "decide.verdict.unmet",
                        &[
                            ("target", target_text(lang, &c.target, scenario)),
                            ("best", outcome_value(lang, &c.target.outcome, c.value)),
                        ],
                    )
                })
                .collect();
            let sep = match lang {
                Lang::Zh => "；",
                Lang::En => "; ",
            };
            tf(
                lang,
                "decide.verdict.infeasible",
                &[("targets", parts.join(sep))],
            )
        }
        OptimiseStatus::Stopped if result.plan.is_some() => tf(
            lang,
            "decide.verdict.stopped_best",
            &[("cost", money(lang, result.cost))],
        ),
        OptimiseStatus::Stopped => t(lang, "decide.verdict.stopped_none"),
        OptimiseStatus::Searching if result.plan.is_some() => tf(
            lang,
            "decide.verdict.searching_best",
            &[("cost", money(lang, result.cost))],
        ),
        OptimiseStatus::Searching => t(lang, "decide.verdict.searching"),
    }
}

/// How the answer was checked: the fresh seed, its runs, and whether every
/// target holds there.
pub fn check_text(lang: Lang, result: &OptimiseResult) -> String {
    match &result.check {
        Some(check) => tf(
            lang,
            if check.all_met {
                "decide.check.held"
            } else {
                "decide.check.failed"
            },
            &[
                ("seed", check.seed.to_string()),
                ("runs", whole_amount(lang, f64::from(check.runs))),
                ("search_seed", result.seed.to_string()),
            ],
        ),
        None => t(lang, "decide.check.not_yet"),
    }
}

/// The search's safety margin, in words (empty when it asked for the
/// estimate alone).
pub fn safety_text(lang: Lang, result: &OptimiseResult) -> String {
    if result.margin_standard_errors > 0.0 {
        tf(
            lang,
            "decide.safety",
            &[("k", significant(result.margin_standard_errors, 2))],
        )
    } else {
        String::new()
    }
}

/// A target's value on the fresh runs of the check, if done.
pub fn fresh_value(lang: Lang, result: &OptimiseResult, target: &Target) -> String {
    result
        .check
        .as_ref()
        .and_then(|c| c.targets.iter().find(|x| x.target == *target))
        .map_or_else(
            || "–".into(),
            |x| outcome_value(lang, &x.target.outcome, x.value),
        )
}

/// What the search cost: plans run, runs, time.
pub fn effort_text(lang: Lang, result: &OptimiseResult, elapsed_ms: f64) -> String {
    tf(
        lang,
        "decide.effort",
        &[
            ("plans", whole_amount(lang, f64::from(result.evaluations))),
            ("runs", whole_amount(lang, result.runs_used as f64)),
            ("seconds", significant(elapsed_ms / 1000.0, 2)),
        ],
    )
}

/// What removing one step of a moved lever does, in words.
pub fn removal_text(lang: Lang, note: &RemovalNote, scenario: &Scenario) -> String {
    let lever = lever_label(lang, &note.lever, scenario);
    match (&note.breaks, note.reason.as_deref()) {
        // Still met, but no longer by the search's safety margin.
        (Some(check), _) if check.met => tf(
            lang,
            "decide.removal.breaks_margin",
            &[
                ("lever", lever),
                ("value", whole_amount(lang, note.value)),
                ("target", target_text(lang, &check.target, scenario)),
                (
                    "reached",
                    outcome_value(lang, &check.target.outcome, check.value),
                ),
            ],
        ),
        (Some(check), _) => tf(
            lang,
            "decide.removal.breaks",
            &[
                ("lever", lever),
                ("value", whole_amount(lang, note.value)),
                ("target", target_text(lang, &check.target, scenario)),
                (
                    "reached",
                    outcome_value(lang, &check.target.outcome, check.value),
                ),
            ],
        ),
        (None, Some("at_minimum")) => tf(lang, "decide.removal.at_minimum", &[("lever", lever)]),
        (None, Some("still_meets")) => tf(
            lang,
            "decide.removal.still_meets",
            &[("lever", lever), ("value", whole_amount(lang, note.value))],
        ),
        _ => tf(lang, "decide.removal.not_evaluated", &[("lever", lever)]),
    }
}

/// The staffing table as CSV in the reader's language: the verdict, the
/// table, the total, each target's margin and the check.
pub fn staffing_csv(
    lang: Lang,
    result: &OptimiseResult,
    scenario: &Scenario,
    elapsed_ms: f64,
) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_line(&[verdict(lang, result, scenario)]));
    out.push_str(&csv_line(&[
        t(lang, "decide.col.lever"),
        t(lang, "decide.col.unit"),
        t(lang, "decide.col.now"),
        t(lang, "decide.col.proposed"),
        t(lang, "decide.col.change"),
        t(lang, "decide.col.cost"),
    ]));
    for line in staffing_lines(lang, &result.staffing, scenario) {
        out.push_str(&csv_line(&[
            line.lever,
            line.unit,
            line.current,
            line.proposed,
            line.change,
            line.cost,
        ]));
    }
    out.push_str(&csv_line(&[
        t(lang, "decide.total"),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        money(lang, result.cost),
    ]));
    out.push_str(&csv_line(&[
        t(lang, "decide.col.target"),
        t(lang, "decide.col.reached"),
        t(lang, "decide.col.margin"),
        t(lang, "decide.col.fresh"),
    ]));
    for check in &result.targets {
        out.push_str(&csv_line(&[
            target_text(lang, &check.target, scenario),
            outcome_value(lang, &check.target.outcome, check.value),
            margin_text(lang, check),
            fresh_value(lang, result, &check.target),
        ]));
    }
    out.push_str(&csv_line(&[check_text(lang, result)]));
    let safety = safety_text(lang, result);
    if !safety.is_empty() {
        out.push_str(&csv_line(&[safety]));
    }
    out.push_str(&csv_line(&[effort_text(lang, result, elapsed_ms)]));
    out
}

/// Why the engine refused to start, in the reader's language.
pub fn decide_error(lang: Lang, error: &DecideError, scenario: &Scenario) -> String {
    match error {
        DecideError::Invalid(errors) => errors
            .0
            .iter()
            .map(|e| error_text(lang, e))
            .collect::<Vec<_>>()
            .join(" "),
        DecideError::NoLevers => t(lang, "decide.gap.no_levers"),
        DecideError::NoTargets => t(lang, "decide.gap.no_targets"),
        DecideError::BadBounds { lever, .. }
        | DecideError::MissingCost { lever }
        | DecideError::DuplicateLever { lever } => {
            let name = lever
                .parse::<Lever>()
                .map(|l| lever_label(lang, &l, scenario))
                .unwrap_or_else(|_| lever.clone());
            tf(lang, "decide.error.lever", &[("lever", name)])
        }
        _ => tf(
            lang,
            "decide.error.other",
            &[("message", error.to_string())],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::decide::{
        Costs, LeverKind, LeverRange, OptimiseResult, OptimiseSpec, Optimiser, Step, TornadoRun,
        TornadoSpec,
    };
    use cordon_engine::Capacity;

    fn small() -> Scenario {
        Scenario {
            runs: 40,
            days: 60,
            ..Scenario::default()
        }
    }

    /// The optimiser's answer for one target on quarantine rooms alone,
    /// from 0 to `max` by `step`, at 100 a room-day.
    fn optimised(s: &Scenario, target: &str, max: f64, step: f64) -> OptimiseResult {
        let mut costs = Costs::default();
        costs.0.insert("room_day".into(), 100.0);
        let spec = OptimiseSpec {
            targets: vec![target.parse().unwrap()],
            costs,
            levers: vec![LeverRange {
                lever: Lever::city(LeverKind::QuarantineRooms),
                min: 0.0,
                max,
                step,
            }],
            runs: None,
            check_seed: None,
            max_evaluations: None,
            margin_standard_errors: None,
        };
        let mut optimiser = Optimiser::new(s, &spec).unwrap();
        while optimiser.step().unwrap() {}
        optimiser.result()
    }

    #[test]
    fn significant_digits_read_plainly() {
        assert_eq!(significant(0.012345, 2), "0.012");
        assert_eq!(significant(1234.6, 2), "1235");
        assert_eq!(significant(2.0, 2), "2");
        assert_eq!(significant(0.0, 2), "0");
    }

    #[test]
    fn outcomes_and_changes_in_both_languages() {
        let rooms = Outcome::Exceeded(Capacity::QuarantineRooms);
        let s = Scenario::default();
        assert_eq!(
            outcome_label(Lang::En, &rooms, &s),
            "Quarantine rooms: runs out"
        );
        assert_eq!(outcome_label(Lang::Zh, &rooms, &s), "隔离房间不足");
        assert_eq!(outcome_change(Lang::En, &rooms, -0.021), "−2.1 pp");
        assert_eq!(outcome_change(Lang::Zh, &rooms, 0.5), "+50 个百分点");
        let wait = Outcome::WaitP95 { gateway: 2 };
        assert!(outcome_label(Lang::En, &wait, &s).starts_with("3 · "));
        assert_eq!(outcome_value(Lang::En, &wait, 12.0), "12 min");
        assert_eq!(outcome_value(Lang::Zh, &wait, 12.0), "12 分钟");
        let staff = Lever::checkpoint_staff(0);
        assert!(lever_label(Lang::Zh, &staff, &s).contains("："));
    }

    #[test]
    fn the_tornado_reads_as_rows_and_csv_best_gain_first() {
        let s = small();
        let spec = TornadoSpec {
            outcome: Outcome::MeanLocalInfections,
            step: Step::Percent(50.0),
            levers: vec![
                Lever::city(LeverKind::GridWorkers),
                Lever::city(LeverKind::QuarantineRooms),
            ],
            runs: None,
        };
        let mut run = TornadoRun::new(&s, &spec).unwrap();
        while run.step().unwrap().is_some() {}
        let tornado = run.result();
        let lines = tornado_lines(Lang::En, &tornado, &s);
        assert_eq!(lines.len(), 2);
        assert!(lines
            .iter()
            .all(|l| l.down.contains("→") && l.up.contains("→")));
        let csv = tornado_csv(Lang::Zh, &tornado, &s);
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 4, "{csv}");
        assert!(rows[1].starts_with("资源,"), "{}", rows[1]);
        let ranked = by_gain(lines);
        if let (Some(a), Some(b)) = (ranked[0].gain, ranked[1].gain) {
            assert!(a >= b);
        }
    }

    #[test]
    fn the_staffing_table_says_what_moves_and_what_it_costs() {
        let s = small();
        let result = optimised(&s, "p_exceeded.quarantine_rooms<=50%", 4000.0, 100.0);
        let lines = staffing_lines(Lang::En, &result.staffing, &s);
        assert_eq!(lines[0].lever, "Quarantine rooms");
        assert_eq!(lines[0].current, "3,695");
        for note in &result.removals {
            let text = removal_text(Lang::En, note, &s);
            if note.breaks.as_ref().is_some_and(|c| c.met) {
                assert!(text.contains("no longer by the safety margin"), "{text}");
            }
        }
        let csv = staffing_csv(Lang::En, &result, &s, 1500.0);
        assert!(csv.contains("Lever,Unit,Now,Proposed,Change,Cost"), "{csv}");
        assert!(csv.contains("seed"), "{csv}");
        let text = verdict(Lang::Zh, &result, &s);
        assert!(!text.is_empty());
    }

    #[test]
    fn an_unreachable_target_says_what_the_best_reaches() {
        let s = small();
        let result = optimised(&s, "p_no_local_transmission>=100%", 10.0, 1.0);
        if matches!(result.status, OptimiseStatus::Infeasible { .. }) {
            let text = verdict(Lang::En, &result, &s);
            assert!(
                text.starts_with("No plan within these bounds meets"),
                "{text}"
            );
            assert!(text.contains("the best reaches"), "{text}");
        }
    }
}
