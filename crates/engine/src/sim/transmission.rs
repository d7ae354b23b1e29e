//! Phase 6 of the day (after testing and the laboratory, before tracing):
//! transmission.
//!
//! A case's offspring are drawn once, when the case is created (`case.rs`):
//! a Poisson number of household and of other contacts from its gamma
//! infectiousness (so the count is negative binomial), each placed on a day
//! of the generation interval with its own uniform number, as if nothing
//! ever held the case back. On that day this phase keeps each scheduled
//! infection when its number is below the case's transmission factor now
//! (quarantine, isolation, the contact factor and zones) times the share of
//! the city still susceptible, all at most 1: exact Poisson thinning of the
//! unmitigated draw, so the model is the same as drawing every day, at a
//! cost that follows infections rather than case-days. Household infections
//! are thinned by the susceptible share like the others (members of a new
//! household may have been infected or be immune already), and also need
//! someone left in the household whom it has not yet infected.
//! New cases are created in `case.rs`.

use super::case::{Origin, Status};
use super::Simulation;
use crate::rng::splitmix64;

impl Simulation {
    pub(super) fn transmission(&mut self, contact_factor: f64) {
        let day = self.day;
        if self.cases.len() as u32 >= self.infection_limit {
            self.summary.truncated = true;
            return;
        }
        let epi = &self.scenario.epidemiology;
        let depletion = epi.susceptible_depletion;
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
        let due = self
            .pending
            .get_mut(day as usize)
            .map(std::mem::take)
            .unwrap_or_default();
        // Each infector's factor now: statuses do not change during this
        // phase, so they are gathered first, in a pass whose independent
        // reads of the cases overlap in memory. Infections that would not
        // happen even unmitigated (with depletion, the contact may be
        // someone already infected or immune; no factor exceeds 1) are
        // dropped there without looking at the case.
        let start_share = if depletion {
            (self.susceptible / population).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let factors: Vec<f64> = due
            .iter()
            .map(|scheduled| {
                if !scheduled.happens(start_share) {
                    return 0.0;
                }
                let (household_factor, other_factor) =
                    match self.cases[scheduled.infector as usize].status {
                        Status::Community => (1.0, cf),
                        Status::HomeQuarantine { .. } => (1.0, cf * (1.0 - home_compliance)),
                        Status::Centralised { .. } => (0.0, centralised_residual),
                        Status::Isolated => (0.0, centralised_residual),
                        Status::HomeIsolation => (isolation_residual, cf * isolation_residual),
                        Status::Hospital | Status::Away => (0.0, 0.0),
                    };
                if scheduled.household {
                    household_factor
                } else {
                    other_factor
                }
            })
            .collect();
        for (scheduled, factor) in due.into_iter().zip(factors) {
            if self.cases.len() as u32 >= self.infection_limit {
                self.summary.truncated = true;
                break;
            }
            if depletion && self.susceptible < 1.0 {
                break;
            }
            let susceptible_share = if depletion {
                (self.susceptible / population).clamp(0.0, 1.0)
            } else {
                1.0
            };
            if !scheduled.happens(factor * susceptible_share) {
                continue;
            }
            let infector = scheduled.infector;
            let household = scheduled.household;
            let parent = &self.cases[infector as usize];
            if household {
                let room = &mut self.households_left[parent.household as usize];
                if *room == 0 {
                    continue;
                }
                *room -= 1;
            }
            let stream = splitmix64(
                parent.stream
                    ^ (u64::from(parent.children) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            let (household_id, origin) = if household {
                (Some(parent.household), Origin::Household)
            } else {
                (None, Origin::Community)
            };
            self.create_case(stream, origin, i64::from(day), infector, household_id);
        }
    }
}
