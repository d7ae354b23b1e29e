//! Phase 7 of the day (after transmission, before the outputs): contact
//! tracing.
//!
//! Tracers clear the queue of detected cases up to their capacity; tracing
//! finds infected contacts (and optionally their contacts), quarantines
//! them, quarantines the uninfected close contacts as counts, and looks for
//! the infector (溯源).
//!
//! Options: a case joins the queue at its positive result or already at its
//! isolation at presentation (`tracing.starts`), the same day or after a
//! drawn delay (`tracing.delayed`, `tracing.delay`); traced infected
//! contacts are quarantined when traced, or watched and isolated at their
//! own onset (`tracing.contacts_held`), when the uninfected ones take no room.

use super::case::{Event, SampleKind, NONE};
use super::line_list::Found;
use super::{Capacity, Series, Simulation};
use crate::scenario::{ContactsHeld, QuarantinePlace};
use std::sync::Arc;

impl Simulation {
    pub(super) fn tracing(&mut self, tracers: f64) {
        let tracing = self.scenario.tracing.clone();
        let capacity = if tracing.unlimited {
            f64::INFINITY
        } else {
            tracers * tracing.cases_per_staff_per_day
        };
        self.today[Series::TracingCapacity.index()] = capacity as f32;
        if !tracing.enabled {
            return;
        }
        // Cases whose tracing delay ends today join the queue.
        if let Some(due) = self.tracing_due.get_mut(self.day as usize) {
            let due = std::mem::take(due);
            self.tracing_queue.extend(due);
        }
        self.tracing_credit = (self.tracing_credit + capacity).min(capacity.max(1.0) * 2.0);
        while self.tracing_credit >= 1.0 {
            let Some(id) = self.tracing_queue.pop_front() else {
                break;
            };
            self.tracing_credit -= 1.0;
            self.trace(id, &tracing);
        }
        if self.tracing_queue.is_empty() {
            self.tracing_credit = self.tracing_credit.min(capacity);
        } else {
            self.bind(Capacity::Tracing);
        }
    }

    /// A case is to be traced: it joins the queue now, or after the drawn
    /// delay (whole days). Each case is traced once.
    pub(super) fn start_tracing(&mut self, id: u32) {
        let tracing = &self.scenario.tracing;
        if !tracing.enabled || self.cases[id as usize].traced {
            return;
        }
        let delay = if tracing.delayed {
            let delay = tracing.delay;
            delay.sample(&mut self.cases[id as usize].rng).floor() as u32
        } else {
            0
        };
        self.cases[id as usize].traced = true;
        if delay == 0 {
            self.tracing_queue.push_back(id);
        } else {
            let due = (self.day + delay) as usize;
            if self.tracing_due.len() <= due {
                self.tracing_due.resize(due + 1, Vec::new());
            }
            self.tracing_due[due].push(id);
        }
    }

    fn trace(&mut self, id: u32, tracing: &crate::scenario::Tracing) {
        let day = self.day;
        let scenario = Arc::clone(&self.scenario);
        let q = &scenario.quarantine;
        let mut found_infected = 0.0;
        let mut child = self.cases[id as usize].first_child;
        while child != NONE {
            let next = self.cases[child as usize].next_sibling;
            if self.trace_contact(id, child, tracing, q.close_contacts, q.days) {
                found_infected += 1.0;
                if tracing.trace_secondary {
                    let mut grandchild = self.cases[child as usize].first_child;
                    while grandchild != NONE {
                        let next_grandchild = self.cases[grandchild as usize].next_sibling;
                        self.trace_contact(
                            child,
                            grandchild,
                            tracing,
                            q.secondary_contacts,
                            q.secondary_days(),
                        );
                        grandchild = next_grandchild;
                    }
                }
            }
            child = next;
        }
        let uninfected_close = (tracing.close_contacts_per_case - found_infected).max(0.0);
        let quarantined = tracing.contacts_held == ContactsHeld::QuarantinedWhenTraced;
        if quarantined {
            self.enter_quarantine_counted(uninfected_close, q.close_contacts);
        }
        if tracing.trace_secondary && quarantined {
            self.enter_quarantine_counted_for(
                tracing.close_contacts_per_case * tracing.secondary_per_close_contact,
                q.secondary_contacts,
                q.secondary_days(),
            );
        }
        // Looking for the source (溯源).
        let infector = self.cases[id as usize].infector;
        if infector != NONE && self.cases[infector as usize].detected_day.is_none() {
            let source = self.cases[id as usize]
                .rng
                .chance(tracing.source_find_probability);
            if source {
                if self.is_undetected_free(infector) {
                    self.quarantine_case(infector, q.close_contacts);
                }
                self.schedule(
                    day,
                    Event::Sample(infector, SampleKind::Single, Found::Source),
                );
            }
        }
    }

    /// Finds an infected contact of a traced case; returns whether found.
    fn trace_contact(
        &mut self,
        traced: u32,
        contact: u32,
        tracing: &crate::scenario::Tracing,
        place: QuarantinePlace,
        days: u32,
    ) -> bool {
        let same_household =
            self.cases[traced as usize].household == self.cases[contact as usize].household;
        let probability = if same_household {
            tracing.household_find_probability
        } else {
            tracing.other_find_probability
        };
        if !self.cases[traced as usize].rng.chance(probability) {
            return false;
        }
        if self.is_undetected_free(contact) {
            if tracing.contacts_held == ContactsHeld::IsolatedAtOnset {
                self.watch(contact);
                return true;
            }
            self.quarantine_case_for(contact, place, days);
            if place == QuarantinePlace::None {
                self.schedule(
                    self.day,
                    Event::Sample(contact, SampleKind::Single, Found::Tracing),
                );
            }
        }
        true
    }

    /// A traced contact held by isolation at onset: watched from now on, and
    /// isolated and tested today if their symptoms have begun.
    fn watch(&mut self, contact: u32) {
        let case = &mut self.cases[contact as usize];
        case.watched = true;
        let symptomatic = case
            .onset_day
            .is_some_and(|onset| onset <= f64::from(self.day));
        if symptomatic {
            self.isolate_watched(contact);
        }
    }
}
