//! Phase 3 of the day (after arrivals): scheduled events — symptom onsets,
//! fever-clinic visits, samples, results and self-reports — processed until
//! none is left for today. `step` runs this phase again after routine
//! screening and after population-wide testing (phase 5), for the samples
//! they schedule today.
//!
//! Also the PCR sensitivity by infection age, which the checkpoint's
//! certificate check (phase 2) uses too.

use super::case::{Event, SampleKind, Status};
use super::line_list::Found;
use super::Simulation;
use crate::scenario::{QuarantinePlace, TracingStart};

impl Simulation {
    pub(super) fn process_events(&mut self, routine_tubes: &mut f64) {
        let day = self.day;
        // Uninfected arrivals who reported yesterday go to quarantine today.
        let reported = std::mem::take(&mut self.self_report_uninfected);
        let place = self.scenario.quarantine.risk_area_arrivals;
        self.enter_quarantine_counted(reported, place);
        if self.scenario.testing.arrival_test && place != QuarantinePlace::None {
            *routine_tubes += reported;
        }
        let lab_open = self.plan.levels[day as usize].lab_tests > 0.0;
        loop {
            let events = std::mem::take(&mut self.events[day as usize]);
            if events.is_empty() {
                break;
            }
            for event in events {
                match event {
                    Event::Onset(id) => self.onset(id),
                    Event::Sample(id, kind, reason) => {
                        if kind == SampleKind::Single {
                            *routine_tubes += 1.0;
                        }
                        if matches!(reason, Found::Clinic | Found::Retest) {
                            self.present(id);
                        }
                        self.sample(id, kind, reason);
                    }
                    Event::Negative(id) => {
                        if lab_open {
                            self.negative(id);
                        } else {
                            self.schedule(day + 1, Event::Negative(id));
                        }
                    }
                    Event::Result(id) => {
                        if lab_open {
                            self.cases[id as usize].result_pending = false;
                            self.detect(id, true);
                        } else {
                            self.schedule(day + 1, Event::Result(id));
                        }
                    }
                    Event::SelfReport(id) => {
                        if self.is_undetected_free(id) {
                            self.cases[id as usize].unreported_arrival_day = None;
                            let place = self.scenario.quarantine.risk_area_arrivals;
                            self.quarantine_case(id, place);
                            self.sample(id, SampleKind::Single, Found::SelfReport);
                            *routine_tubes += 1.0;
                        }
                    }
                }
            }
        }
    }

    fn onset(&mut self, id: u32) {
        let day = self.day;
        let case = &self.cases[id as usize];
        if case.detected_day.is_some() || case.result_pending {
            return;
        }
        let in_quarantine = Event::Sample(id, SampleKind::Single, Found::QuarantineOnset);
        match case.status {
            Status::Centralised { .. } => self.schedule(day, in_quarantine),
            Status::HomeQuarantine { .. } => {
                let coverage = self.grid_coverage;
                if self.cases[id as usize].rng.chance(coverage) {
                    self.schedule(day, in_quarantine);
                } else {
                    self.clinic(id);
                }
            }
            Status::Community if case.watched => self.isolate_watched(id),
            Status::Community => self.clinic(id),
            _ => {}
        }
    }

    fn clinic(&mut self, id: u32) {
        let clinic = self.scenario.testing.fever_clinic.clone();
        if !clinic.enabled {
            return;
        }
        let case = &mut self.cases[id as usize];
        if !case.rng.chance(clinic.presentation_share) {
            return;
        }
        let onset = case
            .onset_day
            .unwrap_or(f64::from(self.day))
            .max(f64::from(self.day));
        let visit = onset + clinic.delay.sample(&mut case.rng);
        self.schedule(
            visit.floor() as u32,
            Event::Sample(id, SampleKind::Single, Found::Clinic),
        );
    }

    /// A symptomatic person presents (at a clinic, or for a retest): with
    /// clinical diagnosis they are isolated while the sample is pending,
    /// and tracing may start now.
    fn present(&mut self, id: u32) {
        let case = &self.cases[id as usize];
        if !self.scenario.testing.fever_clinic.isolate_at_presentation
            || case.detected_day.is_some()
            || case.result_pending
            || !matches!(
                case.status,
                Status::Community | Status::HomeQuarantine { .. }
            )
        {
            return;
        }
        self.isolate_pending(id);
    }

    /// Holds someone in isolation until their result; tracing starts now
    /// when it starts at isolation.
    fn isolate_pending(&mut self, id: u32) {
        self.set_status(id, Status::Isolated);
        if self.scenario.tracing.starts == TracingStart::AtIsolation {
            self.start_tracing(id);
        }
    }

    /// A watched (traced, not quarantined) contact's onset: isolated and
    /// tested today.
    pub(super) fn isolate_watched(&mut self, id: u32) {
        self.isolate_pending(id);
        self.schedule(
            self.day,
            Event::Sample(id, SampleKind::Single, Found::Tracing),
        );
    }

    /// A negative result: someone isolated waiting for it goes home; someone
    /// with symptoms is retested after the set days, while a test could
    /// still find the infection.
    fn negative(&mut self, id: u32) {
        let day = self.day;
        let case = &self.cases[id as usize];
        if case.detected_day.is_some() || case.result_pending {
            return;
        }
        if case.status == Status::Isolated {
            self.set_status(id, Status::Community);
        }
        let case = &self.cases[id as usize];
        let after = self.scenario.testing.fever_clinic.retest_after_days;
        let symptomatic = case.onset_day.is_some_and(|onset| onset <= f64::from(day));
        let retest_day = day + after;
        let age = f64::from(retest_day) - case.infected_day as f64;
        if after > 0 && symptomatic && age < self.scenario.testing.detectable_until_day {
            self.schedule(
                retest_day,
                Event::Sample(id, SampleKind::Single, Found::Retest),
            );
        }
    }

    /// A sample is taken from an infected person today.
    pub(super) fn sample(&mut self, id: u32, kind: SampleKind, reason: Found) {
        let day = self.day;
        let case = &self.cases[id as usize];
        if case.detected_day.is_some() || case.result_pending {
            return;
        }
        let age = f64::from(day) - case.infected_day as f64;
        let sensitivity = self.sensitivity(age);
        let pool = f64::from(self.scenario.testing.pool_size);
        let turnaround = self.scenario.testing.turnaround_days;
        let lab = self.plan.levels[day as usize].lab_tests;
        let delay = if lab.is_finite() && lab > 0.0 {
            (self.lab_backlog / lab).floor() as u32
        } else {
            0
        };
        let case = &mut self.cases[id as usize];
        if case.rng.chance(sensitivity) {
            case.result_pending = true;
            case.record.found_by = Some(reason);
            if kind == SampleKind::Pooled {
                // The positive pool is retested tube by tube.
                self.lab_backlog += pool;
            }
            self.schedule(day + turnaround + delay, Event::Result(id));
        } else {
            // Only a negative result someone waits for, or that leads to a
            // retest, is an event (none with the default options).
            let symptomatic = case.onset_day.is_some_and(|onset| onset <= f64::from(day));
            let retest = self.scenario.testing.fever_clinic.retest_after_days > 0;
            if case.status == Status::Isolated || (retest && symptomatic) {
                self.schedule(day + turnaround + delay, Event::Negative(id));
            }
        }
    }

    /// PCR sensitivity at an infection age in days.
    pub(super) fn sensitivity(&self, age: f64) -> f64 {
        let t = &self.scenario.testing;
        if age < t.detectable_from_day || age >= t.detectable_until_day {
            0.0
        } else if age < t.peak_day {
            let span = (t.peak_day - t.detectable_from_day).max(1e-9);
            t.peak_sensitivity * (age - t.detectable_from_day) / span
        } else {
            let span = (t.detectable_until_day - t.peak_day).max(1e-9);
            t.peak_sensitivity * (1.0 - (age - t.peak_day) / span)
        }
    }
}
