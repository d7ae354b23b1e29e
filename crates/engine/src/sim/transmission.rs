//! Phase 6 of the day (after testing and the laboratory, before tracing):
//! transmission.
//!
//! Each case at large spreads its infectiousness over the generation
//! interval, within the household (capped by its remaining members) and
//! outside it (scaled by the contact factor, zones and susceptible
//! depletion); quarantine and isolation scale each part. New cases are
//! created in `case.rs`.

use super::case::{Origin, Status};
use super::Simulation;
use crate::dist::poisson;
use crate::rng::splitmix64;

impl Simulation {
    pub(super) fn transmission(&mut self, contact_factor: f64) {
        let day = self.day;
        if self.cases.len() as u32 >= self.infection_limit {
            self.summary.truncated = true;
            return;
        }
        let epi = &self.scenario.epidemiology;
        let household_share = epi.household_share;
        let population = self.scenario.city.population as f64;
        let cf = if self.zones_active(day) {
            contact_factor.min(self.scenario.response.zones.contact_factor)
        } else {
            contact_factor
        };
        let q = &self.scenario.quarantine;
        let coverage = self.grid_coverage;
        let home_compliance =
            q.home_compliance * coverage + q.unmonitored_home_compliance * (1.0 - coverage);
        let centralised_residual = 1.0 - q.centralised_effectiveness;
        let isolation_residual = 1.0 - self.scenario.hospital.home_isolation_effectiveness;
        let gi_len = self.plan.generation_weights.len() as i64;
        let keep_days = (self.scenario.testing.detectable_until_day.ceil() as i64).max(gi_len);
        let mut births: Vec<(u32, bool)> = Vec::new();
        let mut retained = Vec::with_capacity(self.active.len());
        let active = std::mem::take(&mut self.active);
        for &id in &active {
            let case = &mut self.cases[id as usize];
            let age = i64::from(day) - case.infected_day;
            if age >= keep_days {
                continue;
            }
            retained.push(id);
            if age < 1 || age >= gi_len {
                continue;
            }
            let (household_factor, other_factor) = match case.status {
                Status::Community => (1.0, cf),
                Status::HomeQuarantine { .. } => (1.0, cf * (1.0 - home_compliance)),
                Status::Centralised { .. } => (0.0, centralised_residual),
                Status::HomeIsolation => (isolation_residual, cf * isolation_residual),
                Status::Hospital | Status::Away => (0.0, 0.0),
            };
            let weight = self.plan.generation_weights[age as usize] * case.infectiousness;
            if weight <= 0.0 {
                continue;
            }
            let household_mean = weight * household_share * household_factor;
            let other_mean = weight * (1.0 - household_share) * other_factor;
            let at_home = poisson(&mut case.rng, household_mean);
            let elsewhere = poisson(&mut case.rng, other_mean);
            let room = u64::from(self.households_left[case.household as usize]);
            let at_home = at_home.min(room);
            self.households_left[case.household as usize] -= at_home as u8;
            for _ in 0..at_home {
                births.push((id, true));
            }
            for _ in 0..elsewhere {
                births.push((id, false));
            }
        }
        self.active = retained;
        for (infector, household) in births {
            if self.cases.len() as u32 >= self.infection_limit {
                self.summary.truncated = true;
                break;
            }
            if epi_susceptible_gone(
                self.susceptible,
                self.scenario.epidemiology.susceptible_depletion,
            ) {
                break;
            }
            let depletion = self.scenario.epidemiology.susceptible_depletion;
            let susceptible_share = (self.susceptible / population).clamp(0.0, 1.0);
            let parent = &mut self.cases[infector as usize];
            if depletion && !household && !parent.rng.chance(susceptible_share) {
                // The contact was with someone already infected or immune.
                continue;
            }
            let stream = splitmix64(
                parent.stream
                    ^ (u64::from(parent.children) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            let household_id = if household {
                Some(parent.household)
            } else {
                None
            };
            let origin = if household {
                Origin::Household
            } else {
                Origin::Community
            };
            self.create_case(stream, origin, i64::from(day), infector, household_id);
        }
    }
}

fn epi_susceptible_gone(susceptible: f64, depletion: bool) -> bool {
    depletion && susceptible < 1.0
}
