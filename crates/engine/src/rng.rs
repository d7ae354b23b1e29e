//! Seeded, portable random numbers.
//!
//! Every random draw in the engine comes from [`SimRng`], a xoshiro256++
//! generator (`rand_xoshiro::Xoshiro256PlusPlus`, Blackman and Vigna) seeded
//! from the scenario's seed and the run's index with SplitMix64. The
//! generator and the seed derivation are pure 64-bit integer arithmetic (no
//! 128-bit multiplies, which WebAssembly would have to emulate), so the same
//! scenario gives the same stream on every platform, natively and in
//! WebAssembly, whatever the number of threads or workers.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// SplitMix64 step: a well-known, portable 64-bit mixing function.
pub fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of Monte Carlo run `run_index` of a scenario with seed `scenario_seed`.
///
/// Runs are independent of each other and of the order in which they are
/// computed, so any split of the runs over threads or workers gives the same
/// results.
pub fn run_seed(scenario_seed: u64, run_index: u32) -> u64 {
    splitmix64(splitmix64(scenario_seed) ^ splitmix64(0xC0DE_0000_0000_0000 | u64::from(run_index)))
}

/// The engine's random number generator.
#[derive(Clone, Debug)]
pub struct SimRng {
    inner: Xoshiro256PlusPlus,
}

impl SimRng {
    /// A generator for one stream.
    pub fn from_seed(seed: u64) -> Self {
        SimRng {
            inner: Xoshiro256PlusPlus::seed_from_u64(seed),
        }
    }

    /// The generator for Monte Carlo run `run_index`.
    pub fn for_run(scenario_seed: u64, run_index: u32) -> Self {
        Self::from_seed(run_seed(scenario_seed, run_index))
    }

    /// A uniform 64-bit integer.
    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// A uniform draw in `[0, 1)` with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform draw in `(0, 1]`, safe to take the logarithm of.
    pub fn uniform_open0(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `true` with probability `p` (clamped to `[0, 1]`).
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            false
        } else if p >= 1.0 {
            true
        } else {
            self.uniform() < p
        }
    }

    /// A uniform integer in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        // Lemire's multiply-shift: portable and nearly unbiased for our n.
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Rounds a non-negative expected count to an integer, up with
    /// probability equal to its fractional part (so the mean is kept).
    pub fn round_stochastic(&mut self, x: f64) -> u64 {
        if x <= 0.0 || x.is_nan() {
            return 0;
        }
        let whole = x.floor();
        let frac = x - whole;
        whole as u64 + u64::from(self.chance(frac))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_is_pinned() {
        // If this changes, every shared link gives different numbers.
        let mut rng = SimRng::for_run(42, 0);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        let mut again = SimRng::for_run(42, 0);
        assert_eq!(first, (0..3).map(|_| again.next_u64()).collect::<Vec<_>>());
        assert_ne!(run_seed(42, 0), run_seed(42, 1));
        assert_ne!(run_seed(42, 0), run_seed(43, 0));
    }

    #[test]
    fn uniform_in_range() {
        let mut rng = SimRng::from_seed(7);
        for _ in 0..10_000 {
            let u = rng.uniform();
            assert!((0.0..1.0).contains(&u));
            let v = rng.uniform_open0();
            assert!(v > 0.0 && v <= 1.0);
        }
    }
}
