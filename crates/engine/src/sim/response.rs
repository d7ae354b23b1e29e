//! The response to a found case, called from within the phases rather than
//! run as one: detection (a hospital bed or home isolation, the tracing
//! queue), quarantine of counted people and of infected ones (centralised
//! while rooms last), and the zones and population-wide rounds that local
//! detections trigger. Reached from arrivals (phase 2), results (phase 3),
//! sweeps (phase 4) and tracing (phase 7).

use super::case::{Event, Origin, SampleKind, Status};
use super::line_list::Found;
use super::{Capacity, Series, Simulation};
use crate::scenario::QuarantinePlace;
use std::sync::Arc;

impl Simulation {
    fn trigger_response(&mut self) {
        let day = self.day;
        let zones = &self.scenario.response.zones;
        while self
            .recent_local_detections
            .front()
            .is_some_and(|d| day >= d + 7)
        {
            self.recent_local_detections.pop_front();
        }
        if zones.enabled && self.recent_local_detections.len() as u32 >= zones.trigger_local_cases {
            self.zones_until = Some(
                self.zones_until
                    .unwrap_or(0)
                    .max(day + 1 + zones.duration_days),
            );
        }
        let mass = &self.scenario.testing.mass_testing;
        if mass.enabled
            && self.local_detected_total >= mass.trigger_local_cases
            && self.mass_rounds_left == 0
        {
            let new_since_last = self.mass_last_start.is_none_or(|start| day > start);
            if new_since_last {
                self.mass_rounds_left = mass.rounds;
                self.mass_next_day = self.mass_next_day.max(day + 1);
            }
        }
    }

    pub(super) fn detect(&mut self, id: u32, trace: bool) {
        let day = self.day;
        let case = &mut self.cases[id as usize];
        if case.detected_day.is_some() {
            return;
        }
        case.detected_day = Some(day);
        // An isolated case awaiting its result has been traced already if
        // tracing starts at isolation.
        let traced = case.traced;
        case.unreported_arrival_day = None;
        let origin = case.origin;
        self.summary.detected += 1;
        if origin == Origin::Imported {
            self.today[Series::DetectedImported.index()] += 1.0;
        } else {
            self.today[Series::DetectedLocal.index()] += 1.0;
            self.local_detected_total += 1;
            self.recent_local_detections.push_back(day);
            if self.summary.first_local_detection_day.is_none() {
                self.summary.first_local_detection_day = Some(day);
            }
        }
        // A bed in the designated hospital, or isolation at home.
        let stay = self.scenario.hospital.stay_days;
        let beds = self.plan.levels[day as usize].beds;
        self.beds_needed.add(1.0, day + stay);
        if self.beds.occupancy + 1.0 <= beds {
            self.beds.add(1.0, day + stay);
            self.set_status(id, Status::Hospital);
        } else {
            self.bind(Capacity::HospitalBeds);
            self.set_status(id, Status::HomeIsolation);
        }
        if trace && !traced {
            self.start_tracing(id);
        }
        if origin != Origin::Imported {
            self.trigger_response();
        }
    }

    /// Counted (uninfected) people entering quarantine for the scenario's
    /// quarantine days.
    pub(super) fn enter_quarantine_counted(&mut self, count: f64, place: QuarantinePlace) {
        self.enter_quarantine_counted_for(count, place, self.scenario.quarantine.days);
    }

    /// Counted (uninfected) people entering quarantine for `days` days.
    pub(super) fn enter_quarantine_counted_for(
        &mut self,
        count: f64,
        place: QuarantinePlace,
        days: u32,
    ) {
        if count <= 0.0 {
            return;
        }
        let day = self.day;
        let until = day + days;
        match place {
            QuarantinePlace::None => {}
            QuarantinePlace::Home => self.home.add(count, until),
            QuarantinePlace::Centralised => {
                let rooms = self.plan.levels[day as usize].rooms;
                self.rooms_needed.add(count, until);
                let free = (rooms - self.rooms.occupancy).max(0.0);
                let placed = count.min(free);
                if placed > 0.0 {
                    self.rooms.add(placed, until);
                }
                if count - placed > 1e-9 {
                    self.bind(Capacity::QuarantineRooms);
                    self.home.add(count - placed, until);
                }
            }
        }
        self.summary.quarantine_person_days += count * f64::from(days);
    }

    /// An infected person enters quarantine for the scenario's quarantine
    /// days: centralised while rooms last.
    pub(super) fn quarantine_case(&mut self, id: u32, place: QuarantinePlace) {
        self.quarantine_case_for(id, place, self.scenario.quarantine.days);
    }

    /// An infected person enters quarantine for `days` days.
    pub(super) fn quarantine_case_for(&mut self, id: u32, place: QuarantinePlace, days: u32) {
        if place == QuarantinePlace::None {
            return;
        }
        let day = self.day;
        let until = day + days;
        let rooms_before = self.rooms.occupancy;
        self.enter_quarantine_counted_for(1.0, place, days);
        let centralised =
            place == QuarantinePlace::Centralised && self.rooms.occupancy > rooms_before;
        let status = if centralised {
            Status::Centralised { until }
        } else {
            Status::HomeQuarantine { until }
        };
        self.set_status(id, status);
        if let Some(ends) = self.quarantine_ends.get_mut(until as usize) {
            ends.push(id);
        }
        // Shares the scenario rather than copying its list of test days.
        let scenario = Arc::clone(&self.scenario);
        for &offset in &scenario.quarantine.test_days {
            if offset < days {
                self.schedule(
                    day + offset,
                    Event::Sample(id, SampleKind::Single, Found::QuarantineTest),
                );
            }
        }
    }
}
