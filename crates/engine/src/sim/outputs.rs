//! Phase 9, the last of the day (after supplies): the day's values are
//! recorded and the run summary's peaks updated. `close_summary` completes
//! the summary when the run finishes.

use super::{Series, Simulation};
use crate::plan::Plan;

impl Simulation {
    pub(super) fn record(&mut self, plan: &Plan) {
        let day = self.day as usize;
        let levels = &plan.levels[day];
        let zones = if self.zones_active(self.day) {
            1.0
        } else {
            0.0
        };
        let t = &mut self.today;
        t[Series::InfectiousAtLarge.index()] = 0.0;
        t[Series::RoomsOccupied.index()] = self.rooms.occupancy as f32;
        t[Series::RoomsNeeded.index()] = self.rooms_needed.occupancy as f32;
        t[Series::RoomsCapacity.index()] = levels.rooms as f32;
        t[Series::HomeQuarantine.index()] = self.home.occupancy as f32;
        t[Series::BedsOccupied.index()] = self.beds.occupancy as f32;
        t[Series::BedsNeeded.index()] = self.beds_needed.occupancy as f32;
        t[Series::BedsCapacity.index()] = levels.beds as f32;
        t[Series::TracingBacklog.index()] = self.tracing_queue.len() as f32;
        t[Series::ZonesActive.index()] = zones;
        t[Series::CumulativeImported.index()] = self.summary.infected_arrivals as f32;
        t[Series::CumulativeLocal.index()] = self.summary.local_infections as f32;
        t[Series::CumulativeDetected.index()] = self.summary.detected as f32;
        let at_large = self.infectious_at_large();
        self.today[Series::InfectiousAtLarge.index()] = at_large as f32;
        let s = &mut self.summary;
        s.peak_rooms_needed = s.peak_rooms_needed.max(self.rooms_needed.occupancy);
        s.peak_beds_needed = s.peak_beds_needed.max(self.beds_needed.occupancy);
        s.peak_tracing_backlog = s.peak_tracing_backlog.max(self.tracing_queue.len() as f64);
        self.daily.push(self.today);
    }

    pub(super) fn close_summary(&mut self) {
        // The containment window (days from 1, so day d is index d − 1)
        // within the days simulated so far: by default their last 14.
        let simulated = self.daily.len() as u32;
        let containment = &self.scenario.containment;
        let last = containment.last_day.unwrap_or(simulated).min(simulated);
        let first = (last + 1).saturating_sub(containment.window_days).max(1);
        let recent: f32 = self.daily[(first - 1).min(last) as usize..last as usize]
            .iter()
            .map(|d| d[Series::LocalInfections.index()])
            .sum();
        self.summary.contained = recent == 0.0 && !self.summary.truncated;
        self.summary.total_infections = self.cases.len() as u32;
    }
}
