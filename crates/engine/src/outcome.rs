//! What a plan is judged by, defined once: the outcomes of the verdict
//! ([`Outcome`], the table [`OUTCOMES`]), a gateway's worst-hour wait, each
//! run's value of them, and the one paired-difference / standard-error
//! computation ([`paired`], [`unpaired_standard_error`]).
//!
//! Plans side by side (`compare`) and the decision tools (`decide`: tornado,
//! optimiser, sweeps) are views of this module: `compare::Outcome` *is*
//! [`Outcome`]; `decide::Outcome` is an [`Outcome`] (all but
//! [`Outcome::OutOfControl`]) or a gateway's worst-hour wait
//! ([`peak_wait_minutes`], `wait_p95[<gateway>]`), and reads its keys,
//! directions, units and per-run values here.
//!
//! Keys: one spelling, [`Outcome::key`] (`p_contained`,
//! `local_infections_mean`, `p_exceeded.quarantine_rooms`, …), plus
//! `wait_p95[<gateway>]`, written by every tool (compare, tornado,
//! optimiser, sweeps) and used for the page's labels
//! ([`Outcome::label_key`]). The decision tools' first files wrote two
//! outcomes under older names ([`Outcome::older_name`]:
//! `mean_local_infections`, `p_any_exceeded`); those are still read
//! ([`Outcome::from_name`]), so old files and arguments keep working.
//!
//! Standard errors: a mean's is the sample standard deviation (n − 1) over
//! √n ([`mean_and_variance`], computed in two passes, so constant data give
//! exactly zero). Runs with common random numbers are compared *paired*:
//! the standard error of the mean per-run difference.

use crate::sim::{Capacity, RunSummary, CAPACITY_COUNT};

/// One outcome of the verdict, as a value per run whose mean over the runs
/// is the verdict's figure (a share of runs for the probabilities).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// No infection transmitted in the city (share of runs).
    NoLocalTransmission,
    /// Contained: no infection in the city in the last 14 days (share of runs).
    Contained,
    /// Infections acquired in the city (mean over runs).
    LocalInfections,
    /// The run reached the infection limit (share of runs).
    OutOfControl,
    /// Any capacity ran out at least once (share of runs).
    AnyCapacityExceeded,
    /// This capacity ran out at least once (share of runs).
    CapacityExceeded(Capacity),
}

/// How an outcome is read: a share of runs or a mean count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutcomeKind {
    /// A share of runs (0 to 1), shown as a percentage.
    Probability,
    /// A mean count over runs.
    Count,
}

/// Number of outcomes in [`OUTCOMES`].
pub const OUTCOME_COUNT: usize = 5 + CAPACITY_COUNT;

/// Every outcome of the verdict, in the order of the table (the verdict's).
pub const OUTCOMES: [Outcome; OUTCOME_COUNT] = [
    Outcome::NoLocalTransmission,
    Outcome::Contained,
    Outcome::LocalInfections,
    Outcome::OutOfControl,
    Outcome::AnyCapacityExceeded,
    Outcome::CapacityExceeded(Capacity::Checkpoint),
    Outcome::CapacityExceeded(Capacity::GridWorkers),
    Outcome::CapacityExceeded(Capacity::QuarantineRooms),
    Outcome::CapacityExceeded(Capacity::Testing),
    Outcome::CapacityExceeded(Capacity::Tracing),
    Outcome::CapacityExceeded(Capacity::HospitalBeds),
    Outcome::CapacityExceeded(Capacity::Masks),
    Outcome::CapacityExceeded(Capacity::ProtectiveSuits),
    Outcome::CapacityExceeded(Capacity::Goggles),
    Outcome::CapacityExceeded(Capacity::Gloves),
    Outcome::CapacityExceeded(Capacity::DisinfectantLitres),
    Outcome::CapacityExceeded(Capacity::Swabs),
    Outcome::CapacityExceeded(Capacity::Reagent),
];

impl Outcome {
    /// The key used in the CLI's JSON and CSV (`p_contained`,
    /// `p_exceeded.quarantine_rooms`, …).
    pub fn key(self) -> String {
        match self {
            Outcome::NoLocalTransmission => "p_no_local_transmission".into(),
            Outcome::Contained => "p_contained".into(),
            Outcome::LocalInfections => "local_infections_mean".into(),
            Outcome::OutOfControl => "p_out_of_control".into(),
            Outcome::AnyCapacityExceeded => "p_any_capacity_exceeded".into(),
            Outcome::CapacityExceeded(c) => format!("p_exceeded.{}", c.key()),
        }
    }

    /// The name some files written before the outcomes had one spelling
    /// use for this outcome (the decision tools' first files:
    /// `mean_local_infections`, `p_any_exceeded`); read, never written.
    pub fn older_name(self) -> Option<&'static str> {
        match self {
            Outcome::LocalInfections => Some("mean_local_infections"),
            Outcome::AnyCapacityExceeded => Some("p_any_exceeded"),
            _ => None,
        }
    }

    /// Translation key of the outcome's label on the page
    /// (`outcome.p_exceeded` takes the capacity's name).
    pub fn label_key(self) -> &'static str {
        match self {
            Outcome::NoLocalTransmission => "outcome.p_no_local_transmission",
            Outcome::Contained => "outcome.p_contained",
            Outcome::LocalInfections => "outcome.local_infections_mean",
            Outcome::OutOfControl => "outcome.p_out_of_control",
            Outcome::AnyCapacityExceeded => "outcome.p_any_capacity_exceeded",
            Outcome::CapacityExceeded(_) => "outcome.p_exceeded",
        }
    }

    /// The outcome with this key.
    pub fn from_key(key: &str) -> Option<Outcome> {
        OUTCOMES.into_iter().find(|o| o.key() == key)
    }

    /// The outcome with this key or older name.
    pub fn from_name(name: &str) -> Option<Outcome> {
        OUTCOMES
            .into_iter()
            .find(|o| o.key() == name || o.older_name() == Some(name))
    }

    /// Position in [`OUTCOMES`].
    pub fn index(self) -> usize {
        OUTCOMES.iter().position(|&o| o == self).unwrap_or(0)
    }

    /// A share of runs or a mean count.
    pub fn kind(self) -> OutcomeKind {
        match self {
            Outcome::LocalInfections => OutcomeKind::Count,
            _ => OutcomeKind::Probability,
        }
    }

    /// Whether more of it is better (containment) or worse (infections,
    /// capacities running out).
    pub fn higher_is_better(self) -> bool {
        matches!(self, Outcome::NoLocalTransmission | Outcome::Contained)
    }

    /// One run's value: 1 or 0 for the probabilities, the count otherwise.
    pub fn value(self, summary: &RunSummary) -> f64 {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        match self {
            Outcome::NoLocalTransmission => flag(!summary.local_transmission),
            Outcome::Contained => flag(summary.contained),
            Outcome::LocalInfections => f64::from(summary.local_infections),
            Outcome::OutOfControl => flag(summary.truncated),
            Outcome::AnyCapacityExceeded => {
                flag(summary.first_bind_day.iter().any(Option::is_some))
            }
            Outcome::CapacityExceeded(c) => flag(summary.first_bind_day[c.index()].is_some()),
        }
    }
}

/// The key of a gateway's worst-hour wait (`wait_p95[2]`; gateways counted
/// from 0): the 95th percentile over runs of [`peak_wait_minutes`].
pub fn wait_p95_key(gateway: usize) -> String {
    format!("wait_p95[{gateway}]")
}

/// The gateway of a `wait_p95[<gateway>]` key; `None` for another key,
/// `Some(None)` for a malformed gateway.
pub fn wait_p95_gateway(key: &str) -> Option<Option<usize>> {
    let rest = key.strip_prefix("wait_p95[")?;
    Some(rest.strip_suffix(']').and_then(|i| i.parse().ok()))
}

/// One run's worst-hour wait at a gateway, minutes (0 for a gateway that
/// does not exist).
pub fn peak_wait_minutes(summary: &RunSummary, gateway: usize) -> f64 {
    summary
        .gateways
        .get(gateway)
        .map_or(0.0, |g| g.peak_hour_wait_minutes)
}

/// Mean and sample variance (n − 1), with the count; the variance is
/// `None` below two values. The mean is the plain sum over the count, so a
/// share of runs is exactly the verdict's (count over runs).
pub fn mean_and_variance(values: impl IntoIterator<Item = f64>) -> (f64, Option<f64>, usize) {
    let values: Vec<f64> = values.into_iter().collect();
    let n = values.len();
    if n == 0 {
        return (0.0, None, 0);
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let variance = (n >= 2).then(|| {
        // Two passes: exactly zero for constant data.
        values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64
    });
    (mean, variance, n)
}

/// Standard error of a mean: √(variance / n); `None` below two values.
pub fn standard_error(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (_, variance, n) = mean_and_variance(values);
    variance.map(|v| (v / n as f64).sqrt())
}

/// Standard error of the difference of two independent means (as if the
/// runs shared no random numbers); `None` if either has fewer than two
/// values.
pub fn unpaired_standard_error(
    a: impl IntoIterator<Item = f64>,
    b: impl IntoIterator<Item = f64>,
) -> Option<f64> {
    let (_, var_a, n_a) = mean_and_variance(a);
    let (_, var_b, n_b) = mean_and_variance(b);
    match (var_a, var_b) {
        (Some(va), Some(vb)) => Some((va / n_a as f64 + vb / n_b as f64).sqrt()),
        _ => None,
    }
}

/// The paired difference of two plans' runs: the mean of the per-run
/// differences `b − a` (run `i` of both shares its random numbers) and its
/// standard error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paired {
    /// Mean of the per-run differences (0 without runs).
    pub mean: f64,
    /// Its standard error; `None` below two runs.
    pub standard_error: Option<f64>,
    /// Number of runs paired.
    pub runs: usize,
}

/// The paired difference of `(a, b)` values of the same runs.
pub fn paired(pairs: impl IntoIterator<Item = (f64, f64)>) -> Paired {
    let (mean, variance, runs) = mean_and_variance(pairs.into_iter().map(|(a, b)| b - a));
    Paired {
        mean,
        standard_error: variance.map(|v| (v / runs as f64).sqrt()),
        runs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_cover_every_capacity_in_order_and_names_round_trip() {
        let capacities: Vec<Capacity> = OUTCOMES
            .iter()
            .filter_map(|o| match o {
                Outcome::CapacityExceeded(c) => Some(*c),
                _ => None,
            })
            .collect();
        assert_eq!(capacities, Capacity::ALL);
        for (i, outcome) in OUTCOMES.into_iter().enumerate() {
            assert_eq!(outcome.index(), i);
            assert_eq!(Outcome::from_key(&outcome.key()), Some(outcome));
            assert_eq!(Outcome::from_name(&outcome.key()), Some(outcome));
            if let Some(older) = outcome.older_name() {
                assert_eq!(Outcome::from_name(older), Some(outcome));
                assert_ne!(older, outcome.key());
            }
        }
        assert_eq!(
            Outcome::from_name("mean_local_infections"),
            Some(Outcome::LocalInfections)
        );
        assert_eq!(
            Outcome::from_name("p_any_exceeded"),
            Some(Outcome::AnyCapacityExceeded)
        );
        assert_eq!(Outcome::from_key("mean_local_infections"), None);
        assert_eq!(Outcome::from_name("nothing"), None);
        assert_eq!(wait_p95_gateway(&wait_p95_key(3)), Some(Some(3)));
        assert_eq!(wait_p95_gateway("wait_p95[x]"), Some(None));
        assert_eq!(wait_p95_gateway("p_contained"), None);
    }

    /// The decision tools' outcomes are this table's (all but out of
    /// control), written with the table's keys, read under older names too.
    #[test]
    fn decision_outcomes_are_the_tables() {
        use crate::decide;
        let mut seen = 0;
        for outcome in OUTCOMES {
            let Some(d) = decide::Outcome::of_verdict(outcome) else {
                assert_eq!(outcome, Outcome::OutOfControl);
                continue;
            };
            seen += 1;
            assert_eq!(d.verdict(), Some(outcome));
            assert_eq!(d.to_string(), outcome.key(), "one spelling");
            assert_eq!(d.label_key(), outcome.label_key());
            if let Some(older) = outcome.older_name() {
                assert_eq!(older.parse::<decide::Outcome>(), Ok(d.clone()));
            }
            assert_eq!(outcome.key().parse::<decide::Outcome>(), Ok(d.clone()));
            assert!(d.is_mean());
            assert_eq!(
                d.direction() == decide::Direction::HigherIsBetter,
                outcome.higher_is_better()
            );
        }
        assert_eq!(seen, OUTCOME_COUNT - 1);
        let wait = decide::Outcome::WaitP95 { gateway: 2 };
        assert_eq!((wait.verdict(), wait.is_mean()), (None, false));
        assert_eq!(wait.to_string(), wait_p95_key(2));
        assert!("p_out_of_control".parse::<decide::Outcome>().is_err());
        assert!("wait_p95[x]".parse::<decide::Outcome>().is_err());
    }

    /// Three runs by hand: differences 1, 2, 3 → mean 2, SE 1/√3; unpaired
    /// variances 7 and 13 → SE √(7/3 + 13/3).
    #[test]
    fn known_small_case() {
        let (a, b) = ([1.0, 2.0, 6.0], [2.0, 4.0, 9.0]);
        let d = paired(a.into_iter().zip(b));
        assert_eq!((d.mean, d.runs), (2.0, 3));
        assert!((d.standard_error.unwrap() - 1.0 / 3f64.sqrt()).abs() < 1e-12);
        let se = unpaired_standard_error(a, b).unwrap();
        assert!((se - (20.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert!((standard_error(a).unwrap() - (7.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(paired([(5.0, 5.0)]).standard_error, None);
        assert_eq!(paired([(1.0, 1.0), (3.0, 3.0)]).standard_error, Some(0.0));
        assert_eq!(standard_error([4.0]), None);
    }
}
