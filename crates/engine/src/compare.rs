//! Comparing plans side by side: the verdict's outcomes of up to
//! [`MAX_PLANS`] plans, and each plan's difference from the first (the
//! baseline) with its Monte Carlo standard error.
//!
//! Runs use common random numbers: run `i` of two plans with the same seed
//! draws the same random numbers for the same people (each infected person
//! has their own stream), so two plans that differ in one lever differ only
//! where that lever matters. The difference of run `i` of plan B from run
//! `i` of plan A is therefore far less noisy than either plan's own spread,
//! and its standard error, the *paired* one, is the spread of those per-run
//! differences over √n. The *unpaired* one (as if the plans had been run
//! with unrelated random numbers) is given next to it, for honesty and for
//! the tests.
//!
//! Plans are paired when they have the same seed and the same run count;
//! the difference is then taken over the run indices both have (all of them
//! once both are complete; fewer while one is still being computed). Plans
//! with a different seed or run count are compared unpaired, and say so
//! ([`Pairing::Unpaired`]).
//!
//! The outcomes compared are the one table of [`crate::outcome`],
//! [`OUTCOMES`], with the keys the CLI and the page's labels use; the
//! differences and standard errors are its one computation
//! ([`crate::outcome::paired`]). A run's value of each outcome is kept per run
//! ([`PlanRuns`]: a few numbers per run), which is all a comparison needs.
//!
//! Plans travel together as a [`PlanSet`] (named scenarios): as a JSON file
//! (`report::plan_set_json`, `report::read_plan_set`) and as a link
//! (`link::encode_plans`, `#p1.…`).

use crate::outcome::{mean_and_variance, paired, unpaired_standard_error};
pub use crate::outcome::{Outcome, OutcomeKind, OUTCOMES, OUTCOME_COUNT};
use crate::scenario::Scenario;
use crate::sim::{RunOutcome, Series};
use crate::validate::{validate, ValidationErrors};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most plans compared at once (the baseline and three others).
pub const MAX_PLANS: usize = 4;

/// A plan's value of every outcome in every run done, by run index: all a
/// comparison needs of a plan's runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanRuns {
    /// The plan's seed.
    pub seed: u64,
    /// Runs the plan asks for.
    pub runs_planned: u32,
    /// The runs done, ascending, each once.
    pub run_index: Vec<u32>,
    /// Row-major: run `r`'s value of outcome `o` is
    /// `values[r * OUTCOME_COUNT + o]`, in [`OUTCOMES`] order.
    pub values: Vec<f64>,
    /// Days of each run's daily values below.
    #[serde(default)]
    pub days: u32,
    /// Row-major: run `r`'s cumulative local infections at the end of day
    /// `d + 1` are `cumulative_local[r * days + d]` (for the difference
    /// chart: a few hundred numbers a run).
    #[serde(default)]
    pub cumulative_local: Vec<f32>,
}

impl PlanRuns {
    /// The outcomes of the runs done so far (in any order) of `scenario`.
    pub fn of(scenario: &Scenario, outcomes: &[RunOutcome]) -> PlanRuns {
        let mut sorted: Vec<&RunOutcome> = outcomes.iter().collect();
        sorted.sort_by_key(|o| o.run_index);
        sorted.dedup_by_key(|o| o.run_index);
        PlanRuns {
            seed: scenario.seed,
            runs_planned: scenario.runs,
            run_index: sorted.iter().map(|o| o.run_index).collect(),
            values: sorted
                .iter()
                .flat_map(|o| OUTCOMES.map(|outcome| outcome.value(&o.summary)))
                .collect(),
            days: scenario.days,
            cumulative_local: sorted
                .iter()
                .flat_map(|o| {
                    (0..scenario.days as usize).map(|d| {
                        o.daily
                            .get(d)
                            .map_or(f32::NAN, |day| day[Series::CumulativeLocal.index()])
                    })
                })
                .collect(),
        }
    }

    /// Run row `r`'s cumulative local infections on day index `d` (from 0).
    fn cumulative_local_at(&self, r: usize, d: usize) -> f64 {
        f64::from(self.cumulative_local[r * self.days as usize + d])
    }

    /// Runs done.
    pub fn len(&self) -> usize {
        self.run_index.len()
    }

    /// No run done yet.
    pub fn is_empty(&self) -> bool {
        self.run_index.is_empty()
    }

    /// Whether every run the plan asks for is done.
    pub fn is_complete(&self) -> bool {
        self.len() == self.runs_planned as usize
    }

    /// The values of one outcome, run by run.
    fn column(&self, outcome: Outcome) -> impl Iterator<Item = f64> + '_ {
        let o = outcome.index();
        (0..self.len()).map(move |r| self.values[r * OUTCOME_COUNT + o])
    }

    /// The mean of one outcome over the runs done (0 without runs).
    pub fn mean(&self, outcome: Outcome) -> f64 {
        mean_and_variance(self.column(outcome)).0
    }
}

/// Why two plans are compared unpaired.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnpairedReason {
    /// The plans have different seeds: their runs share no random numbers.
    DifferentSeeds,
    /// The plans ask for different numbers of runs.
    DifferentRuns,
}

/// How a plan is compared with the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pairing {
    /// Run `i` against run `i` (common random numbers).
    Paired,
    /// Each plan's mean against the other's, as independent samples.
    Unpaired(UnpairedReason),
}

impl Pairing {
    /// How `plan` is compared with `baseline`.
    pub fn of(baseline: &PlanRuns, plan: &PlanRuns) -> Pairing {
        if baseline.seed != plan.seed {
            Pairing::Unpaired(UnpairedReason::DifferentSeeds)
        } else if baseline.runs_planned != plan.runs_planned {
            Pairing::Unpaired(UnpairedReason::DifferentRuns)
        } else {
            Pairing::Paired
        }
    }
}

/// A plan's difference from the baseline in one outcome.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// Plan minus baseline: the mean of the per-run differences over the
    /// runs both have when paired, the difference of the means otherwise.
    pub difference: f64,
    /// The standard error to read with it: the paired one when paired,
    /// else the unpaired one (`None` below two runs).
    pub se: Option<f64>,
    /// Standard error of the mean per-run difference (paired only).
    pub se_paired: Option<f64>,
    /// Standard error of the difference of two independent means.
    pub se_unpaired: Option<f64>,
    /// Whether the difference is paired (run `i` against run `i`).
    pub paired: bool,
    /// Runs the difference is taken over (paired: runs both have).
    pub runs: u32,
}

/// Two-sided 95 % normal quantile: the interval is the difference ± this × SE.
pub const Z_95: f64 = 1.959_963_984_540_054;

impl Difference {
    /// Half the width of the 95 % interval (`± this`).
    pub fn half_width_95(&self) -> Option<f64> {
        self.se.map(|se| Z_95 * se)
    }

    /// `plan` against `baseline` in `outcome`, paired when `pairing` says so.
    pub fn of(outcome: Outcome, baseline: &PlanRuns, plan: &PlanRuns, pairing: Pairing) -> Self {
        let (mean_b, _, n_b) = mean_and_variance(baseline.column(outcome));
        let (mean_p, _, n_p) = mean_and_variance(plan.column(outcome));
        let se_unpaired = unpaired_standard_error(baseline.column(outcome), plan.column(outcome));
        match pairing {
            Pairing::Paired => {
                let o = outcome.index();
                let d = paired(common_runs(baseline, plan).map(|(rb, rp)| {
                    (
                        baseline.values[rb * OUTCOME_COUNT + o],
                        plan.values[rp * OUTCOME_COUNT + o],
                    )
                }));
                Difference {
                    difference: d.mean,
                    se: d.standard_error,
                    se_paired: d.standard_error,
                    se_unpaired,
                    paired: true,
                    runs: d.runs as u32,
                }
            }
            Pairing::Unpaired(_) => Difference {
                difference: mean_p - mean_b,
                se: se_unpaired,
                se_paired: None,
                se_unpaired,
                paired: false,
                runs: n_b.min(n_p) as u32,
            },
        }
    }
}

/// Row positions `(in a, in b)` of the run indices both have.
fn common_runs<'a>(a: &'a PlanRuns, b: &'a PlanRuns) -> impl Iterator<Item = (usize, usize)> + 'a {
    let (mut i, mut j) = (0usize, 0usize);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a.run_index[i].cmp(&b.run_index[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let pair = (i, j);
                    i += 1;
                    j += 1;
                    return Some(pair);
                }
            }
        }
        None
    })
}

/// A plan's difference from the baseline in cumulative local infections,
/// day by day (the comparison chart's difference view): the mean
/// difference and its 95 % interval each day, paired run by run when the
/// plans share seed and run count (as [`Difference`]), unpaired otherwise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailyDifference {
    /// Plan minus baseline, each day (day 1 first).
    pub mean: Vec<f64>,
    /// The 95 % interval's lower end each day (the mean below two runs).
    pub low: Vec<f64>,
    /// Its upper end.
    pub high: Vec<f64>,
    /// Whether the differences are paired (run `i` against run `i`).
    pub paired: bool,
}

impl DailyDifference {
    /// `plan` against `baseline`; `None` when either has no daily values or
    /// their horizons differ.
    pub fn of(baseline: &PlanRuns, plan: &PlanRuns) -> Option<DailyDifference> {
        let days = baseline.days as usize;
        let has_days = |p: &PlanRuns| p.cumulative_local.len() == p.len() * p.days as usize;
        if days == 0
            || plan.days != baseline.days
            || baseline.is_empty()
            || plan.is_empty()
            || !has_days(baseline)
            || !has_days(plan)
        {
            return None;
        }
        let paired_runs = Pairing::of(baseline, plan) == Pairing::Paired;
        let common: Vec<(usize, usize)> = common_runs(baseline, plan).collect();
        let mut out = DailyDifference {
            mean: Vec::with_capacity(days),
            low: Vec::with_capacity(days),
            high: Vec::with_capacity(days),
            paired: paired_runs,
        };
        for d in 0..days {
            let column = |p: &'_ PlanRuns| {
                (0..p.len())
                    .map(|r| p.cumulative_local_at(r, d))
                    .collect::<Vec<f64>>()
            };
            let (mean, se) = if paired_runs {
                let pd = paired(common.iter().map(|&(rb, rp)| {
                    (
                        baseline.cumulative_local_at(rb, d),
                        plan.cumulative_local_at(rp, d),
                    )
                }));
                (pd.mean, pd.standard_error)
            } else {
                let (a, b) = (column(baseline), column(plan));
                let mean =
                    mean_and_variance(b.iter().copied()).0 - mean_and_variance(a.iter().copied()).0;
                (mean, unpaired_standard_error(a, b))
            };
            let half = se.map_or(0.0, |se| Z_95 * se);
            out.mean.push(mean);
            out.low.push(mean - half);
            out.high.push(mean + half);
        }
        Some(out)
    }
}

/// A plan in a comparison's header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparedPlan {
    pub name: String,
    pub seed: u64,
    /// Runs done.
    pub runs: u32,
    /// Runs the plan asks for.
    pub runs_planned: u32,
    /// How it is compared with the baseline (`None` for the baseline).
    pub pairing: Option<Pairing>,
}

/// One outcome across the plans.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutcomeRow {
    /// The outcome's key ([`Outcome::key`]).
    pub key: String,
    /// Each plan's value (mean over its runs done), in the plans' order.
    pub values: Vec<f64>,
    /// Each plan's difference from the baseline (`None` for the baseline).
    pub differences: Vec<Option<Difference>>,
}

impl OutcomeRow {
    /// The outcome of this row.
    pub fn outcome(&self) -> Option<Outcome> {
        Outcome::from_key(&self.key)
    }
}

/// Plans side by side, the first being the baseline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub plans: Vec<ComparedPlan>,
    /// One row per outcome, in [`OUTCOMES`] order.
    pub outcomes: Vec<OutcomeRow>,
}

/// Why plans cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareError {
    /// No plan given.
    NoPlans,
    /// More than [`MAX_PLANS`] plans.
    TooManyPlans { count: usize },
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareError::NoPlans => write!(f, "no plan to compare"),
            CompareError::TooManyPlans { count } => write!(
                f,
                "{count} plans given: at most {MAX_PLANS} are compared at once"
            ),
        }
    }
}

impl std::error::Error for CompareError {}

/// Compares named plans' runs, the first being the baseline.
pub fn compare(plans: &[(&str, &PlanRuns)]) -> Result<Comparison, CompareError> {
    let Some(&(_, baseline)) = plans.first() else {
        return Err(CompareError::NoPlans);
    };
    if plans.len() > MAX_PLANS {
        return Err(CompareError::TooManyPlans { count: plans.len() });
    }
    let pairings: Vec<Option<Pairing>> = plans
        .iter()
        .enumerate()
        .map(|(i, (_, runs))| (i > 0).then(|| Pairing::of(baseline, runs)))
        .collect();
    Ok(Comparison {
        plans: plans
            .iter()
            .zip(&pairings)
            .map(|((name, runs), pairing)| ComparedPlan {
                name: (*name).to_string(),
                seed: runs.seed,
                runs: runs.len() as u32,
                runs_planned: runs.runs_planned,
                pairing: *pairing,
            })
            .collect(),
        outcomes: OUTCOMES
            .iter()
            .map(|&outcome| OutcomeRow {
                key: outcome.key(),
                values: plans.iter().map(|(_, runs)| runs.mean(outcome)).collect(),
                differences: plans
                    .iter()
                    .zip(&pairings)
                    .map(|((_, runs), pairing)| {
                        pairing.map(|p| Difference::of(outcome, baseline, runs, p))
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// A plan with its name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedPlan {
    pub name: String,
    pub scenario: Scenario,
}

/// Plans compared together, the first being the baseline: what a plan-set
/// file and a plan-set link hold.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSet {
    pub plans: Vec<NamedPlan>,
}

/// Why a plan set is not usable.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanSetError {
    /// No plan in the set.
    NoPlans,
    /// More than [`MAX_PLANS`] plans.
    TooManyPlans { count: usize },
    /// A plan's scenario does not pass validation.
    InvalidPlan {
        /// Position in the set, from 0.
        index: usize,
        name: String,
        errors: ValidationErrors,
    },
}

impl fmt::Display for PlanSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanSetError::NoPlans => write!(f, "the plan set has no plan"),
            PlanSetError::TooManyPlans { count } => write!(
                f,
                "the plan set has {count} plans: at most {MAX_PLANS} are allowed"
            ),
            PlanSetError::InvalidPlan {
                index,
                name,
                errors,
            } => write!(f, "plan {} (“{name}”): {errors}", index + 1),
        }
    }
}

impl std::error::Error for PlanSetError {}

impl PlanSet {
    /// Checks the number of plans and every plan's scenario.
    pub fn check(&self) -> Result<(), PlanSetError> {
        if self.plans.is_empty() {
            return Err(PlanSetError::NoPlans);
        }
        if self.plans.len() > MAX_PLANS {
            return Err(PlanSetError::TooManyPlans {
                count: self.plans.len(),
            });
        }
        for (index, plan) in self.plans.iter().enumerate() {
            validate(&plan.scenario).map_err(|errors| PlanSetError::InvalidPlan {
                index,
                name: plan.name.clone(),
                errors,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{presets, run_all, Batch};

    fn runs_of(scenario: &Scenario) -> PlanRuns {
        let batch = Batch::new(scenario).unwrap();
        PlanRuns::of(scenario, &batch.run_range(0..scenario.runs))
    }

    fn example(runs: u32) -> Scenario {
        Scenario {
            runs,
            ..presets::example_city()
        }
    }

    /// Each outcome's mean over runs is the verdict's figure.
    #[test]
    fn means_are_the_verdicts_figures() {
        let scenario = example(60);
        let results = run_all(&scenario).unwrap();
        let runs = runs_of(&scenario);
        let s = &results.summary;
        let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        close(
            runs.mean(Outcome::NoLocalTransmission),
            s.p_no_local_transmission,
        );
        close(runs.mean(Outcome::Contained), s.p_contained);
        close(runs.mean(Outcome::LocalInfections), s.local_infections.mean);
        close(runs.mean(Outcome::OutOfControl), s.p_truncated);
        for c in &s.capacities {
            close(
                runs.mean(Outcome::CapacityExceeded(c.capacity)),
                c.p_exceeded,
            );
        }
        // Every run in which something runs out has a first capacity to.
        let first: f64 = s.capacities.iter().map(|c| c.p_first).sum();
        close(runs.mean(Outcome::AnyCapacityExceeded), first);
        assert!(
            first > 0.0,
            "the test needs runs in which a capacity runs out"
        );
    }

    #[test]
    fn identical_plans_differ_by_exactly_zero() {
        let scenario = example(50);
        let a = runs_of(&scenario);
        let b = runs_of(&scenario);
        let table = compare(&[("a", &a), ("b", &b)]).unwrap();
        assert_eq!(table.plans[1].pairing, Some(Pairing::Paired));
        for row in &table.outcomes {
            assert_eq!(row.differences[0], None);
            let d = row.differences[1].unwrap();
            assert_eq!(d.difference, 0.0, "{}", row.key);
            assert_eq!(d.se_paired, Some(0.0), "{}", row.key);
            assert_eq!(d.runs, 50);
            assert!(d.paired);
        }
    }

    /// Common random numbers: halving the grid workers changes only the
    /// runs where the grid workers matter, so the paired standard error is
    /// several times smaller than the unpaired one.
    #[test]
    fn paired_differences_are_far_less_noisy_than_unpaired() {
        let baseline = example(400);
        let mut halved = baseline.clone();
        halved.community.grid_workers /= 2;
        let (a, b) = (runs_of(&baseline), runs_of(&halved));
        let table = compare(&[("baseline", &a), ("halved", &b)]).unwrap();
        // The headline outcomes (a capacity that runs out in no run of the
        // baseline has nothing to pair against: there the two are equal).
        for outcome in [
            Outcome::NoLocalTransmission,
            Outcome::Contained,
            Outcome::LocalInfections,
        ] {
            let row = &table.outcomes[outcome.index()];
            let d = row.differences[1].unwrap();
            let (paired, unpaired) = (d.se_paired.unwrap(), d.se_unpaired.unwrap());
            assert!(unpaired > 0.0, "{}: the outcome varies", row.key);
            assert!(
                3.0 * paired <= unpaired,
                "{}: paired SE {paired} vs unpaired {unpaired}",
                row.key
            );
        }
        let local = &table.outcomes[Outcome::LocalInfections.index()];
        assert!(
            local.differences[1].unwrap().difference >= 0.0,
            "fewer grid workers never mean fewer local infections on average"
        );
    }

    /// A small case by hand: three runs with known values.
    #[test]
    fn known_small_case() {
        let rows = |values: &[f64]| {
            let mut v = Vec::new();
            for &x in values {
                let mut row = [0.0; OUTCOME_COUNT];
                row[Outcome::LocalInfections.index()] = x;
                v.extend(row);
            }
            v
        };
        let a = PlanRuns {
            seed: 1,
            runs_planned: 3,
            run_index: vec![0, 1, 2],
            values: rows(&[1.0, 2.0, 6.0]),
            ..PlanRuns::default()
        };
        let b = PlanRuns {
            values: rows(&[2.0, 4.0, 9.0]),
            ..a.clone()
        };
        // Differences 1, 2, 3: mean 2, sd 1, SE 1/√3.
        let d = Difference::of(Outcome::LocalInfections, &a, &b, Pairing::of(&a, &b));
        assert_eq!(d.difference, 2.0);
        assert!((d.se_paired.unwrap() - 1.0 / 3f64.sqrt()).abs() < 1e-12);
        // Unpaired: variances 7 and 13 → SE √(7/3 + 13/3) = √(20/3).
        assert!((d.se_unpaired.unwrap() - (20.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert!((d.half_width_95().unwrap() - Z_95 / 3f64.sqrt()).abs() < 1e-12);

        // A different seed: unpaired, said so.
        let c = PlanRuns {
            seed: 2,
            ..b.clone()
        };
        assert_eq!(
            Pairing::of(&a, &c),
            Pairing::Unpaired(UnpairedReason::DifferentSeeds)
        );
        let d = Difference::of(Outcome::LocalInfections, &a, &c, Pairing::of(&a, &c));
        assert!(!d.paired);
        assert_eq!(d.se_paired, None);
        assert_eq!(d.se, d.se_unpaired);
        assert_eq!(d.difference, 2.0);

        // Another run count: unpaired too.
        let e = PlanRuns {
            runs_planned: 4,
            ..b.clone()
        };
        assert_eq!(
            Pairing::of(&a, &e),
            Pairing::Unpaired(UnpairedReason::DifferentRuns)
        );

        // While the plan is still being computed, only the runs both have pair.
        let partial = PlanRuns {
            run_index: vec![0, 2],
            values: rows(&[2.0, 9.0]),
            ..b.clone()
        };
        let d = Difference::of(Outcome::LocalInfections, &a, &partial, Pairing::Paired);
        assert_eq!((d.runs, d.difference), (2, 2.0));

        // One run: no standard error.
        let one = PlanRuns {
            runs_planned: 1,
            run_index: vec![0],
            values: rows(&[5.0]),
            seed: 1,
            ..PlanRuns::default()
        };
        let d = Difference::of(Outcome::LocalInfections, &one, &one, Pairing::Paired);
        assert_eq!((d.difference, d.se), (0.0, None));
    }

    /// The difference chart: identical plans give exactly zero every day;
    /// the last day's mean is the table's difference in local infections;
    /// paired intervals are narrower than unpaired ones.
    #[test]
    fn daily_differences_follow_the_table() {
        let baseline = example(200);
        let a = runs_of(&baseline);
        let same = DailyDifference::of(&a, &runs_of(&baseline)).unwrap();
        assert_eq!(same.mean.len(), baseline.days as usize);
        assert!(same.paired);
        for d in 0..same.mean.len() {
            assert_eq!((same.mean[d], same.low[d], same.high[d]), (0.0, 0.0, 0.0));
        }
        let mut halved = baseline.clone();
        halved.community.grid_workers /= 2;
        let b = runs_of(&halved);
        let daily = DailyDifference::of(&a, &b).unwrap();
        let table = Difference::of(Outcome::LocalInfections, &a, &b, Pairing::Paired);
        let last = daily.mean.len() - 1;
        assert!(
            (daily.mean[last] - table.difference).abs() < 1e-6 * (1.0 + table.difference.abs()),
            "{} vs {}",
            daily.mean[last],
            table.difference
        );
        assert!(daily.low[last] < daily.mean[last] && daily.mean[last] < daily.high[last]);
        let unpaired = DailyDifference::of(
            &a,
            &PlanRuns {
                seed: a.seed + 1,
                ..b.clone()
            },
        )
        .unwrap();
        assert!(!unpaired.paired);
        let width = |d: &DailyDifference| d.high[last] - d.low[last];
        assert!(3.0 * width(&daily) <= width(&unpaired));
        // Another horizon: nothing to draw.
        let shorter = Scenario {
            days: baseline.days - 10,
            ..baseline.clone()
        };
        assert_eq!(DailyDifference::of(&a, &runs_of(&shorter)), None);
    }

    #[test]
    fn plan_counts_are_checked() {
        let a = PlanRuns::default();
        assert_eq!(compare(&[]), Err(CompareError::NoPlans));
        assert_eq!(
            compare(&[("1", &a), ("2", &a), ("3", &a), ("4", &a), ("5", &a)]),
            Err(CompareError::TooManyPlans { count: 5 })
        );
        let plan = |name: &str| NamedPlan {
            name: name.into(),
            scenario: example(10),
        };
        assert_eq!(PlanSet::default().check(), Err(PlanSetError::NoPlans));
        let mut set = PlanSet {
            plans: vec![plan("a"), plan("b")],
        };
        assert_eq!(set.check(), Ok(()));
        set.plans[1].scenario.runs = 0;
        assert!(matches!(
            set.check(),
            Err(PlanSetError::InvalidPlan { index: 1, .. })
        ));
        set.plans = (0..5).map(|i| plan(&i.to_string())).collect();
        assert_eq!(set.check(), Err(PlanSetError::TooManyPlans { count: 5 }));
    }
}
