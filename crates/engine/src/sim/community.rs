//! Phase 4 of the day (after arrivals and the first pass of scheduled
//! events, before screening): grid-worker sweeps of households.
//!
//! The visits left after watching home quarantine (computed in `step`) find
//! unreported risk-area arrivals within the look-back window and refer
//! residents with symptoms for a sample.

use super::case::{Event, SampleKind};
use super::line_list::Found;
use super::Simulation;

impl Simulation {
    pub(super) fn sweeps(&mut self, visit_probability: f64) {
        if visit_probability <= 0.0 {
            return;
        }
        let day = self.day;
        let find = self.scenario.community.sweep_find_probability;
        let symptom_find = self.scenario.community.symptom_find_probability;
        let window = self.scenario.community.sweep_window_days;
        // Uninfected unreported arrivals found go to quarantine.
        let found_share = visit_probability * find;
        let mut found = 0.0;
        for (_, remaining) in self.unreported_uninfected.iter_mut() {
            let f = *remaining * found_share;
            *remaining -= f;
            found += f;
        }
        let place = self.scenario.quarantine.risk_area_arrivals;
        self.enter_quarantine_counted(found, place);
        self.prune_active();
        for i in 0..self.active.len() {
            let id = self.active[i];
            if !self.is_undetected_free(id) {
                continue;
            }
            let case = &self.cases[id as usize];
            let arrival_findable = case
                .unreported_arrival_day
                .is_some_and(|d| day < d + window);
            let symptomatic = case.onset_day.is_some_and(|onset| onset <= f64::from(day));
            if !arrival_findable && !symptomatic {
                continue;
            }
            let case = &mut self.cases[id as usize];
            if !case.rng.chance(visit_probability) {
                continue;
            }
            if arrival_findable && case.rng.chance(find) {
                case.unreported_arrival_day = None;
                self.quarantine_case(id, place);
                self.schedule(day, Event::Sample(id, SampleKind::Single, Found::GridSweep));
            } else if symptomatic && case.rng.chance(symptom_find) {
                self.schedule(
                    day,
                    Event::Sample(id, SampleKind::Single, Found::GridSymptoms),
                );
            }
        }
    }
}
