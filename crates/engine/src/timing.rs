//! When an infected person infects others, relative to their symptom onset.
//!
//! By default ([`InfectionTiming::tied_to_onset`] off) each infection's day
//! is drawn from the generation interval, independently of the infector's
//! incubation period, so the share of transmission before onset follows
//! from the two distributions (57 % for the default Delta preset: its
//! generation interval is shorter than its incubation period), whatever
//! one believes of the variant. Published contact-tracing models
//! (Hellewell et al., Lancet Global Health 2020; Ferretti et al., Science
//! 2020) instead tie infection times to the infector's onset: an infection
//! happens at onset plus an offset drawn from a skew normal distribution
//! with scale ω ([`InfectionTiming::offset_scale_days`]) and a skew chosen
//! so that the share of offsets below zero — transmission before onset —
//! is [`InfectionTiming::presymptomatic_share`].
//!
//! For a skew normal with location 0, scale ω and shape α,
//! P(X < 0) = 1/2 − arctan(α)/π, so α = tan(π (1/2 − p)) and
//! δ = α / √(1 + α²) = cos(π p). A draw is ω (δ |U| + √(1 − δ²) V) with U, V
//! standard normal (Azzalini's representation), which also covers p = 0
//! (half-normal after onset) and p = 1 (half-normal before it).
//!
//! An infection on the infector's own day or earlier (onset plus offset under
//! half a day after infection) is moved to the next day, as the generation
//! interval's whole days start at one; cases without symptoms use an
//! incubation period drawn for the purpose (their notional onset).
//!
//! [`presymptomatic_share`] reports the share a scenario implies, for either
//! choice; the page shows it next to the generation-interval fields and the
//! CLI prints it with the results.

use crate::dist::{self, Delay};
use crate::rng::SimRng;
use crate::scenario::{Epidemiology, InfectionTiming, Scenario};

/// One offset from onset to an infection, in days (negative: before onset).
pub fn onset_offset(rng: &mut SimRng, timing: &InfectionTiming) -> f64 {
    let delta = libm::cos(core::f64::consts::PI * timing.presymptomatic_share.clamp(0.0, 1.0));
    let u = dist::standard_normal(rng);
    let v = dist::standard_normal(rng);
    timing.offset_scale_days * (delta * u.abs() + libm::sqrt((1.0 - delta * delta).max(0.0)) * v)
}

/// The whole days after the infector's infection on which an infection tied
/// to an onset `incubation` days after infection happens, given an offset:
/// rounded to the nearest day, at least one.
pub fn infection_age_days(incubation: f64, offset: f64) -> u32 {
    libm::round(incubation + offset).max(1.0) as u32
}

/// Days after infection within which (nearly) every infection tied to onset
/// happens: the incubation period's 1 − 10⁻⁴ quantile plus four offset
/// scales, at least one day. The run keeps a case's window this long.
pub fn window_days(epidemiology: &Epidemiology) -> usize {
    let incubation = epidemiology.incubation;
    let tail = (0..2_000)
        .map(|d| f64::from(d) * 0.5)
        .find(|&x| incubation.cdf(x) >= 1.0 - 1e-4)
        .unwrap_or(1_000.0);
    let reach = tail + 4.0 * epidemiology.timing.offset_scale_days.max(0.0) + 1.0;
    (libm::ceil(reach) as usize).max(2)
}

/// The share of a symptomatic case's transmission that happens before its
/// symptom onset, as the scenario's epidemiology implies: the set share when
/// infection times are tied to onset; otherwise Σₜ w(t) · P(incubation > t)
/// over the whole-day generation interval weights w (the engine's draw).
pub fn presymptomatic_share(scenario: &Scenario) -> f64 {
    let epi = &scenario.epidemiology;
    if epi.timing.tied_to_onset {
        return epi.timing.presymptomatic_share;
    }
    independent_share(&crate::plan::generation_weights(scenario), &epi.incubation)
}

fn independent_share(weights: &[f64], incubation: &Delay) -> f64 {
    weights
        .iter()
        .enumerate()
        .map(|(t, w)| w * (1.0 - incubation.cdf(t as f64)))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_is_before_onset_with_the_set_share() {
        let mut rng = SimRng::from_seed(7);
        let n = 200_000;
        for p in [0.0, 0.01, 0.15, 0.3, 0.5, 0.8, 1.0] {
            let timing = InfectionTiming {
                tied_to_onset: true,
                presymptomatic_share: p,
                offset_scale_days: 2.0,
            };
            let before = (0..n)
                .filter(|_| onset_offset(&mut rng, &timing) < 0.0)
                .count() as f64
                / n as f64;
            let se = (p * (1.0 - p) / n as f64).sqrt();
            assert!(
                (before - p).abs() <= 4.0 * se + 1e-9,
                "p {p}: {before} before onset"
            );
        }
    }

    #[test]
    fn the_default_scenario_implies_57_percent() {
        let scenario = Scenario::default();
        let share = presymptomatic_share(&scenario);
        // Computed independently (Python, the same rounding): 0.56701.
        assert!((share - 0.56701).abs() < 1e-4, "{share}");
        let mut tied = scenario.clone();
        tied.epidemiology.timing.tied_to_onset = true;
        tied.epidemiology.timing.presymptomatic_share = 0.12;
        assert_eq!(presymptomatic_share(&tied), 0.12);
    }

    #[test]
    fn a_longer_incubation_means_more_before_onset_when_independent() {
        let mut s = Scenario::default();
        let before = presymptomatic_share(&s);
        s.epidemiology.incubation = Delay::LogNormal { mean: 8.0, sd: 2.0 };
        assert!(presymptomatic_share(&s) > before + 0.2);
    }

    #[test]
    fn ages_are_whole_days_from_one() {
        assert_eq!(infection_age_days(4.4, -4.2), 1);
        assert_eq!(infection_age_days(4.4, 0.3), 5);
        assert_eq!(infection_age_days(4.4, -10.0), 1);
        let s = Scenario::default();
        assert!(window_days(&s.epidemiology) > 15);
    }
}
