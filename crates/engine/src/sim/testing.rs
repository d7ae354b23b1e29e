//! Phase 5 of the day (after sweeps, before transmission): routine screening
//! of key groups and population-wide testing rounds. Each is followed in
//! `step` by another pass of scheduled events (phase 3), then the
//! laboratory works through the day's tubes.

use super::case::{Event, MassRound, SampleKind, Status};
use super::line_list::Found;
use super::{Capacity, Simulation};

impl Simulation {
    /// Routine screening of `share` of the day's planned people (less than
    /// all when supplies are short): returns the people sampled.
    pub(super) fn screening(&mut self, share: f64, routine_tubes: &mut f64) -> f64 {
        let screening = &self.scenario.testing.routine_screening;
        if !screening.enabled || screening.people_per_day == 0 {
            return 0.0;
        }
        let people = super::supplies::scaled(f64::from(screening.people_per_day), share);
        let pool = f64::from(self.scenario.testing.pool_size);
        *routine_tubes += people / pool;
        let rate =
            (people / self.scenario.city.population as f64 * screening.risk_enrichment).min(1.0);
        self.prune_active();
        for i in 0..self.active.len() {
            let id = self.active[i];
            if self.is_undetected_free(id) && self.cases[id as usize].rng.chance(rate) {
                self.sample(id, SampleKind::Pooled, Found::Screening);
            }
        }
        people
    }

    /// Population-wide rounds: returns the tubes sent to the laboratory today.
    pub(super) fn mass_testing(
        &mut self,
        sampling_staff: f64,
        lab: f64,
        routine_tubes: f64,
        tubes_needed: &mut f64,
    ) -> f64 {
        let day = self.day;
        let mass = self.scenario.testing.mass_testing.clone();
        // Off by policy: only rounds ordered in a drill run.
        if !mass.enabled && self.mass_rounds_left == 0 && self.mass_current.is_none() {
            return 0.0;
        }
        let pool = f64::from(self.scenario.testing.pool_size);
        let participants = self.scenario.city.population as f64 * mass.participation;
        if self.mass_rounds_left > 0 && day >= self.mass_next_day && self.mass_current.is_none() {
            let sampling = if self.scenario.testing.unlimited {
                f64::INFINITY
            } else {
                sampling_staff * self.scenario.testing.samples_per_staff_per_day
            };
            let spare_lab = (lab - routine_tubes).max(0.0);
            let throughput = sampling.min(spare_lab * pool);
            if throughput >= 1.0 {
                let length = (participants / throughput).ceil().clamp(1.0, 60.0) as u32;
                if length > 1 {
                    self.bind(Capacity::Testing);
                }
                self.mass_rounds_left -= 1;
                self.mass_last_start = Some(day);
                self.mass_next_day = day + mass.interval_days.max(length);
                self.mass_current = Some(MassRound {
                    start: day,
                    length,
                    tubes_per_day: participants / f64::from(length) / pool,
                });
                self.prune_active();
                for i in 0..self.active.len() {
                    let id = self.active[i];
                    let case = &self.cases[id as usize];
                    let eligible = case.detected_day.is_none()
                        && matches!(
                            case.status,
                            Status::Community | Status::HomeQuarantine { .. }
                        );
                    if !eligible {
                        continue;
                    }
                    let case = &mut self.cases[id as usize];
                    if case.rng.chance(mass.participation) {
                        let offset = case.rng.below(u64::from(length)) as u32;
                        self.schedule(
                            day + offset,
                            Event::Sample(id, SampleKind::Pooled, Found::MassTesting),
                        );
                    }
                }
            } else {
                self.bind(Capacity::Testing);
            }
        }
        let mut tubes = 0.0;
        if let Some(round) = &self.mass_current {
            if day < round.start + round.length {
                tubes = round.tubes_per_day;
                // Needed: the whole round in one day.
                if day == round.start {
                    *tubes_needed += participants / pool;
                }
            }
            if day + 1 >= round.start + round.length {
                self.mass_current = None;
            }
        }
        tubes
    }
}
