//! Probability distributions, sampled with portable maths.
//!
//! Every transcendental function used here comes from the `libm` crate (a
//! pure-Rust port of musl's libm), never from the platform, so that a draw is
//! bit-identical natively and in WebAssembly. Delay distributions are
//! scenario parameters ([`Delay`]); the discrete samplers (Poisson, binomial,
//! negative binomial) serve transmission, arrivals and testing.

use crate::rng::SimRng;
use serde::{Deserialize, Serialize};

/// A positive, continuous delay distribution in days (generation interval,
/// incubation period, onset-to-clinic delay ...).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "family", rename_all = "snake_case")]
pub enum Delay {
    /// Gamma with the given mean and standard deviation (days).
    Gamma { mean: f64, sd: f64 },
    /// Log-normal with the given mean and standard deviation (days) of the
    /// delay itself (not of its logarithm).
    LogNormal { mean: f64, sd: f64 },
    /// Weibull with shape `k` and scale `lambda` (days).
    Weibull { shape: f64, scale: f64 },
}

impl Delay {
    /// Mean of the distribution, in days.
    pub fn mean(&self) -> f64 {
        match *self {
            Delay::Gamma { mean, .. } | Delay::LogNormal { mean, .. } => mean,
            Delay::Weibull { shape, scale } => scale * libm::tgamma(1.0 + 1.0 / shape),
        }
    }

    /// Standard deviation of the distribution, in days.
    pub fn sd(&self) -> f64 {
        match *self {
            Delay::Gamma { sd, .. } | Delay::LogNormal { sd, .. } => sd,
            Delay::Weibull { shape, scale } => {
                let mean = self.mean();
                let second_moment = scale * scale * libm::tgamma(1.0 + 2.0 / shape);
                libm::sqrt((second_moment - mean * mean).max(0.0))
            }
        }
    }

    /// The two parameters, for validation: both must be finite and positive.
    pub fn parameters(&self) -> (f64, f64) {
        match *self {
            Delay::Gamma { mean, sd } | Delay::LogNormal { mean, sd } => (mean, sd),
            Delay::Weibull { shape, scale } => (shape, scale),
        }
    }

    /// Cumulative distribution function at `x` days.
    pub fn cdf(&self, x: f64) -> f64 {
        if x <= 0.0 {
            return 0.0;
        }
        match *self {
            Delay::Gamma { mean, sd } => {
                let shape = (mean / sd) * (mean / sd);
                let scale = sd * sd / mean;
                regularized_gamma_p(shape, x / scale)
            }
            Delay::LogNormal { mean, sd } => {
                let (mu, sigma) = lognormal_params(mean, sd);
                0.5 * libm::erfc(-(libm::log(x) - mu) / (sigma * core::f64::consts::SQRT_2))
            }
            Delay::Weibull { shape, scale } => 1.0 - libm::exp(-libm::pow(x / scale, shape)),
        }
    }

    /// One draw, in days.
    pub fn sample(&self, rng: &mut SimRng) -> f64 {
        match *self {
            Delay::Gamma { mean, sd } => {
                let shape = (mean / sd) * (mean / sd);
                let scale = sd * sd / mean;
                gamma(rng, shape, scale)
            }
            Delay::LogNormal { mean, sd } => {
                let (mu, sigma) = lognormal_params(mean, sd);
                libm::exp(mu + sigma * standard_normal(rng))
            }
            Delay::Weibull { shape, scale } => {
                scale * libm::pow(-libm::log(rng.uniform_open0()), 1.0 / shape)
            }
        }
    }

    /// Probability mass of whole days `0, 1, 2, ...`: entry `d` is
    /// `P(d <= X < d + 1)`, truncated where the tail falls below `1e-4`
    /// and renormalised to sum to one.
    pub fn daily_weights(&self, max_days: usize) -> Vec<f64> {
        let mut weights = Vec::new();
        let mut previous = 0.0;
        for day in 0..max_days {
            let next = self.cdf(day as f64 + 1.0);
            weights.push((next - previous).max(0.0));
            previous = next;
            if 1.0 - next < 1e-4 {
                break;
            }
        }
        let total: f64 = weights.iter().sum();
        if total > 0.0 {
            for w in &mut weights {
                *w /= total;
            }
        }
        weights
    }
}

fn lognormal_params(mean: f64, sd: f64) -> (f64, f64) {
    let sigma2 = libm::log(1.0 + (sd * sd) / (mean * mean));
    let mu = libm::log(mean) - sigma2 / 2.0;
    (mu, libm::sqrt(sigma2))
}

/// Regularised lower incomplete gamma function P(a, x).
pub fn regularized_gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let log_prefix = a * libm::log(x) - x - libm::lgamma(a);
    if x < a + 1.0 {
        // Series expansion.
        let mut term = 1.0 / a;
        let mut sum = term;
        let mut n = a;
        for _ in 0..500 {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * 1e-15 {
                break;
            }
        }
        (sum * libm::exp(log_prefix)).clamp(0.0, 1.0)
    } else {
        // Continued fraction (modified Lentz) for Q(a, x).
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..500 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-15 {
                break;
            }
        }
        (1.0 - libm::exp(log_prefix) * h).clamp(0.0, 1.0)
    }
}

/// A standard normal draw (Box-Muller, one of the pair).
pub fn standard_normal(rng: &mut SimRng) -> f64 {
    let u1 = rng.uniform_open0();
    let u2 = rng.uniform();
    libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * core::f64::consts::PI * u2)
}

/// A gamma draw with the given shape and scale (Marsaglia and Tsang, 2000).
pub fn gamma(rng: &mut SimRng, shape: f64, scale: f64) -> f64 {
    if shape <= 0.0 || scale <= 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        let boosted = gamma(rng, shape + 1.0, 1.0);
        return scale * boosted * libm::pow(rng.uniform_open0(), 1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / libm::sqrt(9.0 * d);
    loop {
        let x = standard_normal(rng);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = rng.uniform_open0();
        if u < 1.0 - 0.0331 * x * x * x * x
            || libm::log(u) < 0.5 * x * x + d * (1.0 - v + libm::log(v))
        {
            return scale * d * v;
        }
    }
}

/// A Poisson draw by inversion, given `exp(-lambda)` worked out once for
/// many draws with the same small mean (under 30), as [`poisson`] draws it.
pub fn poisson_small(rng: &mut SimRng, exp_minus_lambda: f64) -> u64 {
    let mut count = 0u64;
    let mut product = rng.uniform_open0();
    while product > exp_minus_lambda {
        count += 1;
        product *= rng.uniform_open0();
    }
    count
}

/// A Poisson distribution drawn many times (every run draws it once): its
/// `exp(-mean)` worked out once. [`Poisson::draw`] gives the same numbers
/// from the same generator as [`poisson`] with the same mean.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Poisson {
    mean: f64,
    exp_minus_mean: f64,
}

impl Poisson {
    /// The distribution with mean `mean` (none, or not a number: always 0).
    pub fn new(mean: f64) -> Poisson {
        let exp_minus_mean = if mean > 0.0 && mean < 30.0 {
            libm::exp(-mean)
        } else {
            0.0
        };
        Poisson {
            mean,
            exp_minus_mean,
        }
    }

    /// The mean.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// A draw, as [`poisson`] draws it.
    pub fn draw(&self, rng: &mut SimRng) -> u64 {
        if self.mean.is_nan() || self.mean <= 0.0 {
            0
        } else if self.mean < 30.0 {
            poisson_small(rng, self.exp_minus_mean)
        } else {
            poisson(rng, self.mean)
        }
    }
}

/// A Poisson draw with mean `lambda` (inversion below 30, Hörmann's PTRS
/// transformed rejection above).
pub fn poisson(rng: &mut SimRng, lambda: f64) -> u64 {
    if lambda.is_nan() || lambda <= 0.0 {
        return 0;
    }
    if lambda < 30.0 {
        return poisson_small(rng, libm::exp(-lambda));
    }
    let slam = libm::sqrt(lambda);
    let loglam = libm::log(lambda);
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = rng.uniform() - 0.5;
        let v = rng.uniform_open0();
        let us = 0.5 - u.abs();
        let k = libm::floor((2.0 * a / us + b) * u + lambda + 0.43);
        if us >= 0.07 && v <= vr {
            return k as u64;
        }
        if k < 0.0 || (us < 0.013 && v > us) {
            continue;
        }
        let log_accept = libm::log(v * invalpha / (a / (us * us) + b));
        if log_accept <= -lambda + k * loglam - libm::lgamma(k + 1.0) {
            return k as u64;
        }
    }
}

/// A binomial draw: `n` trials with success probability `p`.
///
/// Exact (Bernoulli sums or waiting-time inversion) while the expected
/// number of the rarer outcome is below 30; a continuity-corrected normal
/// approximation above, where its error is far below Monte Carlo noise.
pub fn binomial(rng: &mut SimRng, n: u64, p: f64) -> u64 {
    if n == 0 || p.is_nan() || p <= 0.0 {
        return 0;
    }
    if p >= 1.0 {
        return n;
    }
    if p > 0.5 {
        return n - binomial(rng, n, 1.0 - p);
    }
    let mean = n as f64 * p;
    if n <= 32 {
        return (0..n).filter(|_| rng.uniform() < p).count() as u64;
    }
    if mean < 30.0 {
        // Geometric waiting times between successes.
        let log_q = libm::log1p(-p);
        let mut successes = 0u64;
        let mut position = 0u64;
        loop {
            let skip = libm::floor(libm::log(rng.uniform_open0()) / log_q);
            if !skip.is_finite() || position as f64 + skip >= n as f64 {
                return successes;
            }
            position += skip as u64 + 1;
            if position > n {
                return successes;
            }
            successes += 1;
        }
    }
    let sd = libm::sqrt(mean * (1.0 - p));
    let draw = libm::floor(mean + sd * standard_normal(rng) + 0.5);
    draw.clamp(0.0, n as f64) as u64
}

/// A negative binomial draw with mean `mean` and dispersion `k`, as a
/// gamma-Poisson mixture.
pub fn negative_binomial(rng: &mut SimRng, mean: f64, k: f64) -> u64 {
    let rate = gamma(rng, k, mean / k);
    poisson(rng, rate)
}

/// Expected laboratory tests per person with `n`-in-1 pooling and every
/// member of a positive pool retested singly, at prevalence `p` (perfect test).
pub fn pooled_tests_per_person(n: u32, p: f64) -> f64 {
    let n = f64::from(n.max(1));
    if n <= 1.0 {
        return 1.0;
    }
    1.0 / n + 1.0 - libm::pow(1.0 - p, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_var(xs: &[f64]) -> (f64, f64) {
        let n = xs.len() as f64;
        let m = xs.iter().sum::<f64>() / n;
        let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
        (m, v)
    }

    #[test]
    fn a_prepared_poisson_draws_what_poisson_draws() {
        for mean in [f64::NAN, -1.0, 0.0, 1e-9, 0.37, 4.0, 29.999, 30.0, 250.0] {
            let prepared = Poisson::new(mean);
            let (mut a, mut b) = (SimRng::from_seed(7), SimRng::from_seed(7));
            for _ in 0..200 {
                assert_eq!(prepared.draw(&mut a), poisson(&mut b, mean), "mean {mean}");
            }
        }
    }

    #[test]
    fn delays_have_their_means() {
        let cases = [
            Delay::Gamma {
                mean: 5.2,
                sd: 1.72,
            },
            Delay::LogNormal { mean: 6.4, sd: 3.0 },
            Delay::Weibull {
                shape: 2.0,
                scale: 5.0,
            },
            Delay::Gamma { mean: 1.0, sd: 2.0 },
        ];
        let mut rng = SimRng::from_seed(1);
        for delay in cases {
            let xs: Vec<f64> = (0..100_000).map(|_| delay.sample(&mut rng)).collect();
            let (m, _) = mean_var(&xs);
            assert!(
                (m - delay.mean()).abs() < 0.02 * delay.mean() + 0.01,
                "{delay:?}: {m}"
            );
            // The CDF at the empirical median is one half.
            let mut sorted = xs.clone();
            sorted.sort_by(f64::total_cmp);
            let median = sorted[sorted.len() / 2];
            assert!((delay.cdf(median) - 0.5).abs() < 0.01, "{delay:?}");
            let weights = delay.daily_weights(60);
            assert!((weights.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn gamma_p_known_values() {
        // P(1, x) = 1 - exp(-x); P(0.5, x) = erf(sqrt(x)).
        for x in [0.1, 1.0, 3.0, 10.0] {
            assert!((regularized_gamma_p(1.0, x) - (1.0 - libm::exp(-x))).abs() < 1e-12);
            assert!((regularized_gamma_p(0.5, x) - libm::erf(libm::sqrt(x))).abs() < 1e-12);
        }
    }

    #[test]
    fn discrete_samplers_match_moments() {
        let mut rng = SimRng::from_seed(3);
        for lambda in [0.3, 4.0, 29.0, 31.0, 250.0] {
            let xs: Vec<f64> = (0..100_000)
                .map(|_| poisson(&mut rng, lambda) as f64)
                .collect();
            let (m, v) = mean_var(&xs);
            assert!(
                (m - lambda).abs() < 0.02 * lambda + 0.01,
                "poisson {lambda}: {m}"
            );
            assert!(
                (v - lambda).abs() < 0.05 * lambda + 0.02,
                "poisson {lambda}: var {v}"
            );
        }
        for (n, p) in [
            (10u64, 0.3),
            (1000, 0.01),
            (100_000, 0.002),
            (5000, 0.4),
            (5000, 0.9),
        ] {
            let xs: Vec<f64> = (0..50_000)
                .map(|_| binomial(&mut rng, n, p) as f64)
                .collect();
            let (m, v) = mean_var(&xs);
            let mean = n as f64 * p;
            let var = mean * (1.0 - p);
            assert!(
                (m - mean).abs() < 0.01 * mean + 0.05,
                "binomial {n} {p}: {m}"
            );
            assert!(
                (v - var).abs() < 0.05 * var + 0.05,
                "binomial {n} {p}: var {v}"
            );
        }
        let xs: Vec<f64> = (0..200_000)
            .map(|_| negative_binomial(&mut rng, 2.5, 0.5) as f64)
            .collect();
        let (m, v) = mean_var(&xs);
        assert!((m - 2.5).abs() < 0.05);
        // Var = m + m^2/k = 2.5 + 12.5 = 15.
        assert!((v - 15.0).abs() < 0.6, "{v}");
    }
}
