//! Comparing plans on the page: the pinned plans (up to four, the first the
//! baseline), their per-run values (kept, so a comparison is instant after
//! an edit recomputes the current plan), the pure reducer of the compare
//! actions, and the comparison table's text. Native and unit-tested; the
//! workers (`compute.rs`, `compare_compute.rs`) and the components
//! (`components/compare_*.rs`) only feed and show it.

use crate::i18n::{number, percent, t, tf, Lang};
use cordon_engine::compare::{
    compare as compare_plans, DailyDifference, Difference, NamedPlan, Outcome, OutcomeKind,
    Pairing, PlanRuns, PlanSet, UnpairedReason, MAX_PLANS, OUTCOMES,
};
use cordon_engine::report::{compare_csv_in, CompareCsvWords, COMPARE_COLUMNS};
use cordon_engine::{Results, Scenario};
use std::rc::Rc;

/// A pinned plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PinnedPlan {
    /// Identifies the plan while the page is open (the pinned plans'
    /// computation uses it as its generation).
    pub id: u64,
    pub name: String,
    pub scenario: Scenario,
    /// Its runs' values (possibly partial), once computed.
    pub runs: Option<Rc<PlanRuns>>,
    /// Its results (for the charts), once computed.
    pub results: Option<Rc<Results>>,
    /// The generation of the current plan it was pinned from while that was
    /// still being computed: while that is the page's current generation,
    /// the page's own computation completes it.
    pub from_generation: Option<u64>,
}

impl PinnedPlan {
    /// Whether every run the plan asks for is done.
    pub fn complete(&self) -> bool {
        self.runs.as_ref().is_some_and(|r| r.is_complete())
    }
}

/// The comparison's state (part of the planner's state).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompareState {
    pub plans: Vec<PinnedPlan>,
    /// The current plan's runs, for the generation they belong to.
    pub current: Option<(u64, Rc<PlanRuns>)>,
    next_id: u64,
}

/// What can happen to the comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareAction {
    /// Pin the current plan (as the baseline when it is the first).
    Pin,
    Rename {
        index: usize,
        name: String,
    },
    Remove(usize),
    /// Make a pinned plan the baseline (moves it first).
    MakeBaseline(usize),
    /// The current plan's runs so far (sent with every aggregation).
    CurrentRuns {
        generation: u64,
        runs: Rc<PlanRuns>,
    },
    /// A pinned plan's runs so far, from the pinned plans' computation.
    PinnedRuns {
        id: u64,
        runs: Rc<PlanRuns>,
    },
    /// A pinned plan's results so far.
    PinnedResults {
        id: u64,
        results: Rc<Results>,
    },
}

impl CompareState {
    /// Pinned plans from a plan set (a link, a file, the browser's storage),
    /// to be computed.
    pub fn from_set(set: PlanSet) -> CompareState {
        let mut state = CompareState::default();
        for plan in set.plans.into_iter().take(MAX_PLANS) {
            let id = state.new_id();
            state.plans.push(PinnedPlan {
                id,
                name: plan.name,
                scenario: plan.scenario,
                runs: None,
                results: None,
                from_generation: None,
            });
        }
        state
    }

    /// The pinned plans as a plan set (names and scenarios).
    pub fn pinned_set(&self) -> PlanSet {
        PlanSet {
            plans: self
                .plans
                .iter()
                .map(|p| NamedPlan {
                    name: p.name.clone(),
                    scenario: p.scenario.clone(),
                })
                .collect(),
        }
    }

    /// What a comparison link or file carries: the pinned plans, and the
    /// current edit when the table shows it (named as in the table), last.
    pub fn shared_set(state: &crate::planner::PlannerState) -> PlanSet {
        let mut set = state.compare.pinned_set();
        if shows_current(state) {
            set.plans.push(NamedPlan {
                name: t(state.lang, "compare.current"),
                scenario: state.scenario.clone(),
            });
        }
        set
    }

    fn new_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The first pinned plan the pinned plans' computation must compute:
    /// not complete, and not being completed by the page's own computation
    /// (`generation`, the current plan's).
    pub fn pending(&self, generation: u64) -> Option<(u64, Scenario)> {
        self.plans
            .iter()
            .find(|p| !p.complete() && p.from_generation != Some(generation))
            .map(|p| (p.id, p.scenario.clone()))
    }

    /// The current plan's results for `generation` (pinned plans pinned
    /// from it take them too).
    pub fn current_results(&mut self, generation: u64, results: &Rc<Results>) {
        for plan in &mut self.plans {
            if plan.from_generation == Some(generation) {
                plan.results = Some(results.clone());
            }
        }
    }
}

/// After opening a plan set: the pinned plan equal to the current plan is
/// completed by the page's own computation (with the runs it already has).
pub fn adopt_current(state: &mut crate::planner::PlannerState) {
    let generation = state.progress.generation;
    let current = state
        .compare
        .current
        .as_ref()
        .filter(|(g, _)| *g == generation)
        .map(|(_, r)| r.clone());
    let results = state.results.clone().filter(|_| !state.stale);
    for plan in &mut state.compare.plans {
        if plan.scenario == state.scenario {
            plan.runs = current.clone();
            plan.results = results.clone();
            plan.from_generation = (!plan.complete()).then_some(generation);
        }
    }
}

/// Whether the current edit can be pinned: fewer than four pinned, valid
/// inputs, and not already pinned.
pub fn can_pin(state: &crate::planner::PlannerState) -> bool {
    state.compare.plans.len() < MAX_PLANS
        && state.inputs_valid()
        && !state
            .compare
            .plans
            .iter()
            .any(|p| p.scenario == state.scenario)
}

/// The next state after a compare action (pure).
pub fn reduce(state: &mut crate::planner::PlannerState, action: CompareAction) {
    let generation = state.progress.generation;
    let lang = state.lang;
    let compare = &mut state.compare;
    match action {
        CompareAction::Pin => {
            let pinnable = compare.plans.len() < MAX_PLANS
                && state.drafts.is_empty()
                && state.scenario_errors.is_none()
                && !compare.plans.iter().any(|p| p.scenario == state.scenario);
            if !pinnable {
                return;
            }
            let runs = compare
                .current
                .as_ref()
                .filter(|(g, _)| *g == generation)
                .map(|(_, r)| r.clone());
            let results = state.results.clone().filter(|_| !state.stale);
            let complete = runs.as_ref().is_some_and(|r| r.is_complete());
            let name = default_name(lang, compare.plans.len());
            let id = compare.new_id();
            compare.plans.push(PinnedPlan {
                id,
                name,
                scenario: state.scenario.clone(),
                runs,
                results,
                from_generation: (!complete).then_some(generation),
            });
        }
        CompareAction::Rename { index, name } => {
            if let Some(plan) = compare.plans.get_mut(index) {
                plan.name = name.chars().take(80).collect();
            }
        }
        CompareAction::Remove(index) => {
            if index < compare.plans.len() {
                compare.plans.remove(index);
            }
        }
        CompareAction::MakeBaseline(index) => {
            if index < compare.plans.len() {
                let plan = compare.plans.remove(index);
                compare.plans.insert(0, plan);
            }
        }
        CompareAction::CurrentRuns {
            generation: g,
            runs,
        } => {
            if g == generation {
                for plan in &mut compare.plans {
                    if plan.from_generation == Some(g) {
                        plan.runs = Some(runs.clone());
                    }
                }
                compare.current = Some((g, runs));
            }
        }
        CompareAction::PinnedRuns { id, runs } => {
            if let Some(plan) = compare.plans.iter_mut().find(|p| p.id == id) {
                // Unless the page's own computation is completing it.
                if plan.from_generation != Some(generation) || runs.is_complete() {
                    plan.runs = Some(runs);
                    plan.from_generation = None;
                }
            }
        }
        CompareAction::PinnedResults { id, results } => {
            if let Some(plan) = compare.plans.iter_mut().find(|p| p.id == id) {
                plan.results = Some(results);
            }
        }
    }
}

/// A new plan's name: "Baseline" for the first, "Plan 2"… after.
pub fn default_name(lang: Lang, pinned: usize) -> String {
    if pinned == 0 {
        t(lang, "compare.baseline_name")
    } else {
        tf(
            lang,
            "compare.plan_name",
            &[("n", (pinned + 1).to_string())],
        )
    }
}

/// Which plan a column shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnPlan {
    /// Pinned plan `i`.
    Pinned(usize),
    /// The current edit (not pinned).
    Current,
}

/// A column of the comparison table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub plan: ColumnPlan,
    pub name: String,
    /// No run computed yet.
    pub pending: bool,
    /// Runs done and asked for.
    pub runs: (u32, u32),
    /// How it is compared with the baseline (`None` for the baseline and
    /// for plans not computed yet).
    pub pairing: Option<Pairing>,
}

/// A cell: the plan's value and its difference from the baseline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    pub value: Option<f64>,
    pub difference: Option<Difference>,
}

/// The comparison table: the pinned plans, then the current edit when it
/// is not pinned and there is room for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    /// The outcomes shown (capacities that never run out in any plan are
    /// left out) with one cell per column.
    pub rows: Vec<(Outcome, Vec<Cell>)>,
    /// The engine's comparison of the columns with runs (for the CSV),
    /// once the baseline has runs.
    pub comparison: Option<cordon_engine::Comparison>,
}

/// Whether the table has a column for the current edit: some plan is
/// pinned, the current edit is not, and there is room for it.
fn shows_current(state: &crate::planner::PlannerState) -> bool {
    let plans = &state.compare.plans;
    !plans.is_empty()
        && plans.len() < MAX_PLANS
        && !plans.iter().any(|p| p.scenario == state.scenario)
}

/// The comparison table of the state (`None` until a plan is pinned).
pub fn table(state: &crate::planner::PlannerState) -> Option<Table> {
    let compare = &state.compare;
    if compare.plans.is_empty() {
        return None;
    }
    let mut columns: Vec<(ColumnPlan, String, u32, Option<Rc<PlanRuns>>)> = compare
        .plans
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                ColumnPlan::Pinned(i),
                p.name.clone(),
                p.scenario.runs,
                p.runs.clone(),
            )
        })
        .collect();
    if shows_current(state) {
        let runs = compare
            .current
            .as_ref()
            .filter(|(g, _)| *g == state.progress.generation)
            .map(|(_, r)| r.clone());
        columns.push((
            ColumnPlan::Current,
            t(state.lang, "compare.current"),
            state.scenario.runs,
            runs,
        ));
    }
    // The engine compares the plans with runs, the baseline first.
    let computed: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].3.as_ref().is_some_and(|r| !r.is_empty()))
        .collect();
    let baseline_ready = computed.first() == Some(&0);
    let comparison = if baseline_ready {
        let named: Vec<(&str, &PlanRuns)> = computed
            .iter()
            .map(|&i| (columns[i].1.as_str(), columns[i].3.as_deref().unwrap()))
            .collect();
        compare_plans(&named).ok()
    } else {
        None
    };
    let position = |column: usize| computed.iter().position(|&c| c == column);
    let rows = OUTCOMES
        .iter()
        .enumerate()
        .map(|(o, &outcome)| {
            let cells: Vec<Cell> = (0..columns.len())
                .map(|c| {
                    let at = position(c);
                    let row = comparison.as_ref().map(|t| &t.outcomes[o]);
                    match (row, at) {
                        (Some(row), Some(k)) => Cell {
                            value: Some(row.values[k]),
                            difference: row.differences[k],
                        },
                        _ => Cell {
                            value: columns[c]
                                .3
                                .as_ref()
                                .filter(|r| !r.is_empty())
                                .map(|r| r.mean(outcome)),
                            difference: None,
                        },
                    }
                })
                .collect();
            (outcome, cells)
        })
        .filter(|(outcome, cells)| {
            !matches!(outcome, Outcome::CapacityExceeded(_))
                || cells.iter().any(|c| c.value.is_some_and(|v| v > 0.0))
        })
        .collect();
    let columns = columns
        .iter()
        .enumerate()
        .map(|(c, (plan, name, planned, runs))| Column {
            plan: *plan,
            name: name.clone(),
            pending: runs.as_ref().is_none_or(|r| r.is_empty()),
            runs: (runs.as_ref().map_or(0, |r| r.len() as u32), *planned),
            pairing: comparison
                .as_ref()
                .zip(position(c))
                .and_then(|(t, k)| t.plans[k].pairing),
        })
        .collect();
    Some(Table {
        columns,
        rows,
        comparison,
    })
}

/// The results of the table's plans that have them (name and results),
/// for the overlaid chart.
pub fn chart_plans(
    state: &crate::planner::PlannerState,
    table: &Table,
) -> Vec<(String, Rc<Results>)> {
    table
        .columns
        .iter()
        .filter_map(|c| {
            let results = match c.plan {
                ColumnPlan::Pinned(i) => state.compare.plans.get(i)?.results.clone(),
                ColumnPlan::Current => state.results.clone().filter(|_| !state.stale),
            };
            Some((c.name.clone(), results?))
        })
        .collect()
}

/// Each plan's day-by-day difference from the baseline in cumulative local
/// infections, for the chart's difference view: (name, the plan's position
/// in the table, so its colour matches the overlaid view, difference).
/// Empty until the baseline has runs.
pub fn difference_plans(
    state: &crate::planner::PlannerState,
    table: &Table,
) -> Vec<(String, usize, DailyDifference)> {
    let runs_of = |c: &Column| -> Option<Rc<PlanRuns>> {
        match c.plan {
            ColumnPlan::Pinned(i) => state.compare.plans.get(i)?.runs.clone(),
            ColumnPlan::Current => state
                .compare
                .current
                .as_ref()
                .filter(|(g, _)| *g == state.progress.generation)
                .map(|(_, r)| r.clone()),
        }
    };
    let Some(baseline) = table.columns.first().and_then(runs_of) else {
        return Vec::new();
    };
    table
        .columns
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(i, c)| {
            let runs = runs_of(c)?;
            Some((c.name.clone(), i, DailyDifference::of(&baseline, &runs)?))
        })
        .collect()
}

/// The difference view's paths (one per plan, same scales, in a `width` ×
/// `height` box) and its y-axis range `(bottom, top)`, zero always inside.
pub fn difference_paths(
    plans: &[&DailyDifference],
    width: f64,
    height: f64,
) -> (Vec<ChartPlan>, (f64, f64)) {
    let values = || {
        plans
            .iter()
            .flat_map(|d| d.low.iter().chain(&d.high))
            .copied()
            .filter(|v| v.is_finite())
    };
    let highest = values().fold(0.0, f64::max);
    let lowest = values().fold(0.0, f64::min);
    // Zero always inside, with a little room on the side that has little.
    let top = crate::text::y_top(highest);
    let bottom = -crate::text::y_top(-lowest);
    let (top, bottom) = if highest <= 0.0 {
        (-0.05 * bottom, bottom)
    } else if lowest >= 0.0 || -lowest < 0.05 * highest {
        (top, -0.05 * top)
    } else {
        (top, bottom)
    };
    let span = (top - bottom).max(f64::MIN_POSITIVE);
    let y = |v: f64| height - ((v - bottom) / span).clamp(0.0, 1.0) * height;
    let paths = plans
        .iter()
        .map(|d| line_and_band(&d.mean, &d.low, &d.high, width, y))
        .collect();
    (paths, (bottom, top))
}

/// The comparison CSV's words in the reader's language.
pub fn csv_words(lang: Lang) -> CompareCsvWords {
    CompareCsvWords {
        header: COMPARE_COLUMNS.map(|c| t(lang, &format!("compare.csv.{c}"))),
        outcomes: OUTCOMES.map(|o| outcome_label(lang, o)),
        paired: t(lang, "compare.csv_yes"),
        unpaired: t(lang, "compare.csv_no"),
    }
}

/// The comparison as the page's CSV download: the engine's rows and numbers
/// (`report::compare_csv_in`, the same as `cordon compare --csv`) in the
/// reader's language, after a byte-order mark so that spreadsheets read
/// the Chinese as UTF-8.
pub fn comparison_csv(lang: Lang, comparison: &cordon_engine::Comparison) -> String {
    format!("\u{feff}{}", compare_csv_in(comparison, &csv_words(lang)))
}

/// An outcome's label (the same words as the Decide view's:
/// `Outcome::label_key`).
pub fn outcome_label(lang: Lang, outcome: Outcome) -> String {
    match outcome {
        Outcome::CapacityExceeded(c) => tf(
            lang,
            outcome.label_key(),
            &[("capacity", t(lang, &crate::text::capacity_key(c)))],
        ),
        _ => t(lang, outcome.label_key()),
    }
}

/// A plan's value of an outcome: a percentage or a mean count.
pub fn format_value(lang: Lang, outcome: Outcome, value: f64) -> String {
    match outcome.kind() {
        OutcomeKind::Probability => percent(value),
        OutcomeKind::Count => number(lang, (value * 10.0).round() / 10.0),
    }
}

/// A signed number with one decimal, with a true minus sign ("−12.3",
/// "+0.4", "0").
fn signed(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0".into()
    } else if rounded < 0.0 {
        format!("−{:.1}", -rounded)
    } else {
        format!("+{rounded:.1}")
    }
}

/// A difference from the baseline with its 95 % interval: "−12.3 ± 2.1"
/// (percentage points for the probabilities).
pub fn format_difference(lang: Lang, outcome: Outcome, difference: &Difference) -> String {
    let scale = match outcome.kind() {
        OutcomeKind::Probability => 100.0,
        OutcomeKind::Count => 1.0,
    };
    let half = difference
        .half_width_95()
        .map(|h| format!("{:.1}", h * scale))
        .unwrap_or_else(|| "–".into());
    let text = format!("{} ± {half}", signed(difference.difference * scale));
    match outcome.kind() {
        OutcomeKind::Probability => tf(lang, "compare.points", &[("value", text)]),
        OutcomeKind::Count => text,
    }
}

/// How a difference reads: better, worse, or within the Monte Carlo noise
/// (the 95 % interval contains zero).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Better,
    Worse,
    Unclear,
}

impl Verdict {
    /// The verdict of a difference in an outcome.
    pub fn of(outcome: Outcome, difference: &Difference) -> Verdict {
        let half = difference.half_width_95().unwrap_or(f64::INFINITY);
        if difference.difference.abs() <= half || difference.difference == 0.0 {
            Verdict::Unclear
        } else if (difference.difference > 0.0) == outcome.higher_is_better() {
            Verdict::Better
        } else {
            Verdict::Worse
        }
    }

    /// The key of its words.
    pub fn label_key(self) -> &'static str {
        match self {
            Verdict::Better => "compare.verdict.better",
            Verdict::Worse => "compare.verdict.worse",
            Verdict::Unclear => "compare.verdict.unclear",
        }
    }

    /// Its CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Verdict::Better => "better",
            Verdict::Worse => "worse",
            Verdict::Unclear => "unclear",
        }
    }
}

/// How a plan is compared with the baseline, in words.
pub fn pairing_text(lang: Lang, pairing: Pairing) -> String {
    match pairing {
        Pairing::Paired => t(lang, "compare.paired"),
        Pairing::Unpaired(UnpairedReason::DifferentSeeds) => t(lang, "compare.unpaired_seed"),
        Pairing::Unpaired(UnpairedReason::DifferentRuns) => t(lang, "compare.unpaired_runs"),
    }
}

/// One plan on the comparison chart: SVG path data of its mean line and
/// of its band (5th to 95th percentile), in a `width` × `height` box.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPlan {
    pub mean: String,
    pub band: String,
}

/// The series the comparison chart overlays.
pub const CHART_SERIES: cordon_engine::Series = cordon_engine::Series::CumulativeLocal;

/// SVG path data of a line (`mean`, one point a day across `width`) and
/// of the band between `low` and `high`, with `y` placing a value in the box.
fn line_and_band(
    mean: &[f64],
    low: &[f64],
    high: &[f64],
    width: f64,
    y: impl Fn(f64) -> f64,
) -> ChartPlan {
    let days = mean.len();
    let x = |d: usize| {
        if days > 1 {
            d as f64 / (days - 1) as f64 * width
        } else {
            0.0
        }
    };
    let line = |values: &[f64]| -> Vec<String> {
        values
            .iter()
            .enumerate()
            .map(|(d, &v)| format!("{:.1},{:.1}", x(d), y(v)))
            .collect()
    };
    let mean = line(mean);
    let upper = line(high);
    let mut lower = line(low);
    lower.reverse();
    ChartPlan {
        mean: if mean.is_empty() {
            String::new()
        } else {
            format!("M{}", mean.join("L"))
        },
        band: if upper.is_empty() {
            String::new()
        } else {
            format!("M{}L{}Z", upper.join("L"), lower.join("L"))
        },
    }
}

/// The comparison chart's paths (one per plan, same scales) and its
/// y-axis top.
pub fn chart_paths(plans: &[&Results], width: f64, height: f64) -> (Vec<ChartPlan>, f64) {
    let highest = plans
        .iter()
        .flat_map(|r| {
            r.band(CHART_SERIES)
                .p95
                .iter()
                .chain(&r.band(CHART_SERIES).mean)
        })
        .map(|&v| f64::from(v))
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let top = crate::text::y_top(highest);
    let y = |v: f64| height - (v / top).clamp(0.0, 1.0) * height;
    let paths = plans
        .iter()
        .map(|r| {
            let band = r.band(CHART_SERIES);
            let wide = |values: &[f32]| values.iter().map(|&v| f64::from(v)).collect::<Vec<_>>();
            line_and_band(
                &wide(&band.mean),
                &wide(&band.p5),
                &wide(&band.p95),
                width,
                y,
            )
        })
        .collect();
    (paths, top)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::{reduce as page_reduce, Action, PlannerState};
    use cordon_engine::{presets, Batch};

    fn page(runs: u32) -> PlannerState {
        let scenario = Scenario {
            runs,
            days: 60,
            ..presets::example_city()
        };
        PlannerState::new(Lang::En, "example-city", scenario)
    }

    /// The page's own computation of its current generation, complete.
    fn computed(state: &PlannerState) -> PlannerState {
        let batch = Batch::new(&state.scenario).unwrap();
        let outcomes = batch.run_range(0..state.scenario.runs);
        let runs = Rc::new(PlanRuns::of(&state.scenario, &outcomes));
        let results = Rc::new(cordon_engine::aggregate(&state.scenario, &outcomes));
        let generation = state.progress.generation;
        let next = page_reduce(
            state,
            Action::Compare(CompareAction::CurrentRuns { generation, runs }),
        );
        page_reduce(
            &next,
            Action::Computed {
                generation,
                results,
                done: state.scenario.runs,
            },
        )
    }

    fn edit_grid_workers(state: &PlannerState, text: &str) -> PlannerState {
        let field = cordon_engine::fields::lookup("community.grid_workers")
            .unwrap()
            .0;
        page_reduce(
            state,
            Action::Edit {
                field,
                gateway: None,
                text: text.into(),
            },
        )
    }

    #[test]
    fn pin_then_edit_shows_the_difference_with_its_uncertainty() {
        let state = computed(&page(40));
        assert_eq!(table(&state), None);
        let state = page_reduce(&state, Action::Compare(CompareAction::Pin));
        assert_eq!(state.compare.plans.len(), 1);
        assert_eq!(state.compare.plans[0].name, "Baseline");
        assert!(state.compare.plans[0].complete(), "pinned with its runs");
        assert_eq!(state.compare.pending(state.progress.generation), None);
        // Pinning the same plan twice does nothing.
        assert!(!can_pin(&state));
        let again = page_reduce(&state, Action::Compare(CompareAction::Pin));
        assert_eq!(again.compare.plans.len(), 1);

        let edited = edit_grid_workers(&state, "4574");
        let before = table(&edited).unwrap();
        assert_eq!(before.columns.len(), 2);
        assert_eq!(before.columns[1].plan, ColumnPlan::Current);
        assert!(before.columns[1].pending);
        let after = computed(&edited);
        let table = table(&after).unwrap();
        assert_eq!(table.columns[1].pairing, Some(Pairing::Paired));
        assert_eq!(table.columns[1].runs, (40, 40));
        let (outcome, cells) = &table.rows[2];
        assert_eq!(*outcome, Outcome::LocalInfections);
        let d = cells[1].difference.unwrap();
        assert!(d.paired && d.se_paired.is_some());
        assert!(cells[0].difference.is_none());
        let text = format_difference(Lang::En, *outcome, &d);
        assert!(text.contains(" ± "), "{text}");
        // Capacities that run out in no plan are left out.
        for (outcome, cells) in &table.rows {
            if let Outcome::CapacityExceeded(_) = outcome {
                assert!(cells.iter().any(|c| c.value.unwrap() > 0.0));
            }
        }
    }

    /// A pinned example city and the current edit with half its grid
    /// workers, both computed.
    fn pinned_and_halved(runs: u32) -> PlannerState {
        let state = computed(&page(runs));
        let state = page_reduce(&state, Action::Compare(CompareAction::Pin));
        let half = (state.scenario.community.grid_workers / 2).to_string();
        computed(&edit_grid_workers(&state, &half))
    }

    /// The download in each language: the reader's words, the CLI's rows
    /// and numbers (`report::compare_csv`, `cordon compare --csv`).
    #[test]
    fn the_comparison_csv_is_in_the_readers_language_with_the_clis_numbers() {
        let state = pinned_and_halved(30);
        let comparison = table(&state).unwrap().comparison.unwrap();
        let machine = cordon_engine::report::compare_csv(&comparison);
        let numbers = |line: &str| -> Vec<String> {
            // The plan names have no commas here: cells 3.. but the paired word.
            let cells: Vec<&str> = line.split(',').collect();
            cells[2..9]
                .iter()
                .chain(&cells[10..])
                .map(|c| c.to_string())
                .collect()
        };
        for lang in [Lang::En, Lang::Zh] {
            let csv = comparison_csv(lang, &comparison);
            let body = csv
                .strip_prefix('\u{feff}')
                .expect("a byte-order mark first");
            assert_eq!(body.lines().count(), machine.lines().count());
            for (line, m) in body.lines().zip(machine.lines()).skip(1) {
                assert_eq!(numbers(line), numbers(m), "{lang:?}: {line}");
            }
        }
        let zh = comparison_csv(Lang::Zh, &comparison);
        assert!(
            zh.starts_with("\u{feff}指标,方案,数值,与基准之差,标准误,"),
            "{}",
            zh.lines().next().unwrap()
        );
        assert!(zh.contains("\n本地感染（平均）,"), "{zh}");
        assert!(zh.contains(",是,"), "paired runs say so: {zh}");
        assert!(!zh.contains("p_contained") && !zh.contains("true"));
        let en = comparison_csv(Lang::En, &comparison);
        assert!(en.starts_with("\u{feff}Outcome,Plan,Value,Difference from baseline,"));
        assert!(en.contains(",yes,"));
    }

    /// The chart's difference view: one line per plan but the baseline,
    /// in the table's colours, zero inside the scale.
    #[test]
    fn the_difference_view_has_a_line_per_plan_but_the_baseline() {
        let state = pinned_and_halved(30);
        let table = table(&state).unwrap();
        let differences = difference_plans(&state, &table);
        assert_eq!(differences.len(), 1);
        let (name, position, d) = &differences[0];
        assert_eq!((name.as_str(), *position), ("Current edit", 1));
        assert!(d.paired);
        assert_eq!(d.mean.len(), 60);
        let (paths, (bottom, top)) = difference_paths(&[d], 300.0, 100.0);
        assert!(bottom < 0.0 && top > 0.0, "{bottom}..{top}");
        assert!(top >= d.high.iter().copied().fold(0.0, f64::max));
        assert_eq!(paths[0].mean.matches('L').count(), 59, "one point a day");
        // Only the baseline pinned, nothing edited: nothing to subtract.
        let alone = page_reduce(&computed(&page(30)), Action::Compare(CompareAction::Pin));
        assert!(difference_plans(&alone, &super::table(&alone).unwrap()).is_empty());
    }

    #[test]
    fn pinning_while_computing_is_completed_by_the_pages_computation() {
        let state = page(30);
        let generation = state.progress.generation;
        let batch = Batch::new(&state.scenario).unwrap();
        let first = batch.run_range(0..10);
        let partial = Rc::new(PlanRuns::of(&state.scenario, &first));
        let state = page_reduce(
            &state,
            Action::Compare(CompareAction::CurrentRuns {
                generation,
                runs: partial,
            }),
        );
        let state = page_reduce(&state, Action::Compare(CompareAction::Pin));
        assert!(!state.compare.plans[0].complete());
        // Not for the pinned plans' workers: the page is computing it.
        assert_eq!(state.compare.pending(generation), None);
        let state = computed(&state);
        assert!(state.compare.plans[0].complete());
        assert!(state.compare.plans[0].results.is_some());
        // An edit before the end hands it to the pinned plans' workers.
        let state = page(30);
        let state = page_reduce(&state, Action::Compare(CompareAction::Pin));
        let state = edit_grid_workers(&state, "100");
        let (id, scenario) = state.compare.pending(state.progress.generation).unwrap();
        assert_eq!(scenario.community.grid_workers, 9_149);
        let runs = Rc::new(PlanRuns::of(&scenario, &batch.run_range(0..30)));
        let state = page_reduce(
            &state,
            Action::Compare(CompareAction::PinnedRuns { id, runs }),
        );
        assert!(state.compare.plans[0].complete());
        assert_eq!(state.compare.pending(state.progress.generation), None);
    }

    #[test]
    fn rename_remove_reorder_and_the_four_plan_limit() {
        let mut state = page(10);
        for workers in ["9000", "8000", "7000", "6000"] {
            state = page_reduce(&state, Action::Compare(CompareAction::Pin));
            state = edit_grid_workers(&state, workers);
        }
        assert_eq!(state.compare.plans.len(), 4);
        assert!(!can_pin(&state));
        let names: Vec<&str> = state
            .compare
            .plans
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["Baseline", "Plan 2", "Plan 3", "Plan 4"]);
        // The current edit has no room: four columns.
        assert_eq!(table(&state).unwrap().columns.len(), 4);
        state = page_reduce(
            &state,
            Action::Compare(CompareAction::Rename {
                index: 1,
                name: "网格员 9,000".into(),
            }),
        );
        state = page_reduce(&state, Action::Compare(CompareAction::MakeBaseline(1)));
        assert_eq!(state.compare.plans[0].name, "网格员 9,000");
        state = page_reduce(&state, Action::Compare(CompareAction::Remove(3)));
        assert_eq!(state.compare.plans.len(), 3);
        assert!(can_pin(&state));
        assert_eq!(table(&state).unwrap().columns.len(), 4);
        // Out of range: nothing happens.
        let same = page_reduce(&state, Action::Compare(CompareAction::Remove(9)));
        assert_eq!(same, state);
        // A link or file carries the table: the pinned plans and the edit.
        let shared = CompareState::shared_set(&state);
        assert_eq!(shared.plans.len(), 4);
        assert_eq!(shared.plans[3].name, "Current edit");
        assert_eq!(shared.plans[3].scenario, state.scenario);
        // The set travels by name and scenario.
        let set = state.compare.pinned_set();
        assert_eq!(set.plans.len(), 3);
        let reopened = CompareState::from_set(set.clone());
        assert_eq!(reopened.pinned_set(), set);
        assert!(reopened.plans.iter().all(|p| p.runs.is_none()));
    }

    #[test]
    fn chart_paths_share_one_scale() {
        let a = computed(&page(20));
        let b = computed(&edit_grid_workers(&a, "100"));
        let (ra, rb) = (a.results.clone().unwrap(), b.results.clone().unwrap());
        let (paths, top) = chart_paths(&[&ra, &rb], 300.0, 100.0);
        assert_eq!(paths.len(), 2);
        let highest = [&ra, &rb]
            .iter()
            .flat_map(|r| r.band(CHART_SERIES).p95.clone())
            .fold(0.0f32, f32::max);
        assert!(top >= f64::from(highest));
        for p in &paths {
            assert!(p.mean.starts_with("M0.0,"), "{}", p.mean);
            assert_eq!(p.mean.matches('L').count(), 59, "one point a day");
            assert!(p.band.ends_with('Z'));
        }
    }

    #[test]
    fn differences_read_with_sign_units_and_interval() {
        let d = Difference {
            difference: -12.34,
            se: Some(1.0),
            se_paired: Some(1.0),
            se_unpaired: Some(5.0),
            paired: true,
            runs: 100,
        };
        assert_eq!(
            format_difference(Lang::En, Outcome::LocalInfections, &d),
            "−12.3 ± 2.0"
        );
        let p = Difference {
            difference: 0.0512,
            se: Some(0.01),
            ..d
        };
        assert_eq!(
            format_difference(Lang::En, Outcome::Contained, &p),
            "+5.1 ± 2.0 pp"
        );
        assert_eq!(
            format_difference(Lang::Zh, Outcome::Contained, &p),
            "+5.1 ± 2.0 个百分点"
        );
        assert_eq!(Verdict::of(Outcome::Contained, &p), Verdict::Better);
        assert_eq!(Verdict::of(Outcome::LocalInfections, &d), Verdict::Better);
        let noise = Difference {
            difference: 1.0,
            ..d
        };
        assert_eq!(
            Verdict::of(Outcome::LocalInfections, &noise),
            Verdict::Unclear
        );
        let worse = Difference {
            difference: 3.0,
            ..d
        };
        assert_eq!(
            Verdict::of(Outcome::LocalInfections, &worse),
            Verdict::Worse
        );
        let zero = Difference {
            difference: 0.0,
            se: Some(0.0),
            ..d
        };
        assert_eq!(
            format_difference(Lang::En, Outcome::LocalInfections, &zero),
            "0 ± 0.0"
        );
        assert_eq!(
            Verdict::of(Outcome::LocalInfections, &zero),
            Verdict::Unclear
        );
        assert_eq!(format_value(Lang::En, Outcome::Contained, 0.955), "95.5%");
        assert_eq!(
            format_value(Lang::Zh, Outcome::LocalInfections, 16.19),
            "16.2"
        );
        assert_eq!(
            outcome_label(
                Lang::En,
                Outcome::CapacityExceeded(cordon_engine::Capacity::QuarantineRooms)
            ),
            format!("{}: runs out", t(Lang::En, "capacity.quarantine_rooms"))
        );
    }
}
