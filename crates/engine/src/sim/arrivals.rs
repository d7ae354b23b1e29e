//! Phase 2 of the day (after the timeline's changes and the grid-worker
//! share-out in `step`): arrivals and checkpoints.
//!
//! Per gateway, the uninfected flagged are counted into quarantine and the
//! unflagged risk-area arrivals either self-report or wait to be found by
//! sweeps; infected travellers are drawn one by one and checked (certificate,
//! thermometer, health code and travel record) at the hour they arrive.
//! Injected arrivals and local infections from the timeline come next.

use super::case::{Arrival, Event, Origin, SampleKind, Status, Traveller, NONE};
use super::gateways::{GatewaySeries, GatewaySummary};
use super::line_list::Found;
use super::{Capacity, Series, Simulation};
use crate::plan::{Injection, Plan};
use crate::rng::{splitmix64, SimRng};
use crate::scenario::QuarantinePlace;
use std::sync::Arc;

impl Simulation {
    pub(super) fn arrivals(&mut self, plan: &Plan, routine_tubes: &mut f64) {
        let day = self.day;
        let scenario = Arc::clone(&self.scenario);
        let gateways = &plan.gateways[day as usize];
        let checkpoints = &plan.checkpoints[day as usize];
        if self.summary.gateways.len() < gateways.len() {
            self.summary
                .gateways
                .resize(gateways.len(), GatewaySummary::default());
        }
        self.gateway_daily.extend_from_slice(&checkpoints.values);
        if checkpoints.any_short {
            self.bind(Capacity::Checkpoint);
        }
        for (g, gateway_day) in gateways.iter().enumerate() {
            let cp = &gateway_day.checkpoint;
            self.summary.gateways[g].add_day(day, gateway_day.arrivals, cp, checkpoints.short[g]);

            // The uninfected flagged go to quarantine and are tested.
            let flagged = gateway_day.flagged;
            self.enter_quarantine_counted(flagged, scenario.quarantine.risk_area_arrivals);
            if scenario.testing.arrival_test
                && scenario.quarantine.risk_area_arrivals != QuarantinePlace::None
            {
                *routine_tubes += flagged;
            }
            let unflagged = (gateway_day.risk_arrivals - flagged).max(0.0);
            let reporting = unflagged * scenario.community.self_report_share;
            self.self_report_uninfected += reporting;
            self.unreported_uninfected
                .push_back((day, unflagged - reporting));

            // Infected travellers, one by one.
            let [risk_area, elsewhere] = &gateway_day.infected;
            let risk_infected = risk_area.draw(&mut self.rng);
            let other_infected = elsewhere.draw(&mut self.rng);
            for k in 0..risk_infected {
                self.infected_arrival(g, Traveller::RiskArea, 0x1000 + k, routine_tubes);
            }
            for k in 0..other_infected {
                self.infected_arrival(g, Traveller::Elsewhere, 0x2000_0000 + k, routine_tubes);
            }
        }
        for injection in &plan.injections[day as usize] {
            match *injection {
                Injection::Arrival {
                    gateway,
                    count,
                    unnoticed,
                } => {
                    let origin = if unnoticed {
                        Traveller::Unnoticed
                    } else {
                        Traveller::RiskArea
                    };
                    for k in 0..u64::from(count) {
                        self.infected_arrival(gateway, origin, 0x4000_0000 + k, routine_tubes);
                    }
                }
                Injection::Local { count } => {
                    for _ in 0..count {
                        self.seed_local_infection(day);
                    }
                }
            }
        }
        // Travellers who left the sweep window are no longer findable.
        let window = self.scenario.community.sweep_window_days;
        while self
            .unreported_uninfected
            .front()
            .is_some_and(|(d, _)| day >= d + window)
        {
            self.unreported_uninfected.pop_front();
        }
        let wait = checkpoints.wait_minutes;
        self.today[Series::CheckpointQueue.index()] = checkpoints.queue;
        self.today[Series::CheckpointWait.index()] = wait;
        if f64::from(wait) > self.summary.max_checkpoint_wait_minutes {
            self.summary.max_checkpoint_wait_minutes = f64::from(wait);
        }
    }

    fn infected_arrival(
        &mut self,
        gateway: usize,
        traveller: Traveller,
        k: u64,
        routine_tubes: &mut f64,
    ) {
        let risk_area = traveller != Traveller::Elsewhere;
        let day = self.day;
        let stream = (u64::from(day) << 40) ^ ((gateway as u64) << 32) ^ k;
        let scenario = Arc::clone(&self.scenario);
        let plan = Arc::clone(&self.plan);
        let max_age = scenario.epidemiology.max_infection_age_on_arrival;
        // The arrival's age of infection is drawn from its own stream.
        let mut age_rng = SimRng::from_seed(splitmix64(self.seed ^ splitmix64(stream ^ 0xA6E)));
        let age = (age_rng.uniform() * max_age).floor();
        let id = self.create_case(
            stream,
            Origin::Imported,
            i64::from(day) - age as i64,
            NONE,
            None,
        );
        self.summary.infected_arrivals += 1;
        self.arrivals_log.push(Arrival {
            id,
            gateway: gateway as u32,
            day,
        });
        self.today[Series::ImportedInfections.index()] += 1.0;
        self.count_gateway(gateway, GatewaySeries::InfectedArrivals);

        let gateway_day = &plan.gateways[day as usize][gateway];
        let cp = &gateway_day.checkpoint;
        let checks = scenario.gateways[gateway].checkpoint.checks;
        let case_sensitivity_at_certificate = {
            let test_age = age - 1.0 - self.cases[id as usize].rng.uniform();
            self.sensitivity(test_age)
        };
        let case = &mut self.cases[id as usize];
        // Which hour they arrive decides whether anyone checks them.
        let total: f64 = cp.arrivals_by_hour.iter().sum();
        let mut hour = 23;
        if total > 0.0 {
            let mut target = case.rng.uniform() * total;
            for (h, a) in cp.arrivals_by_hour.iter().enumerate() {
                if target < *a {
                    hour = h;
                    break;
                }
                target -= a;
            }
        }
        let checked = traveller != Traveller::Unnoticed
            && scenario.gateways[gateway].checkpoint.enabled
            && case.rng.chance(cp.checked_share_by_hour[hour]);
        if !checked {
            self.count_gateway(gateway, GatewaySeries::InfectedUnchecked);
        }
        let case = &mut self.cases[id as usize];
        let mut caught = false;
        let mut flagged = false;
        if checked {
            if checks.test_certificate && case.rng.chance(case_sensitivity_at_certificate) {
                caught = true;
            }
            let feverish =
                case.fever && case.onset_day.is_some_and(|onset| onset <= f64::from(day));
            if checks.temperature && feverish && case.rng.chance(checks.thermometer_sensitivity) {
                caught = true;
            }
            if risk_area && case.rng.chance(gateway_day.flag_probability) {
                flagged = true;
            }
        }
        self.set_status(id, Status::Community);
        self.active.push(id);
        self.schedule_onset(id);
        if caught {
            self.summary.caught_at_checkpoint += 1;
            self.cases[id as usize].record.found_by = Some(Found::Checkpoint);
            self.detect(id, false);
        } else if flagged && scenario.quarantine.risk_area_arrivals != QuarantinePlace::None {
            self.summary.flagged_at_checkpoint += 1;
            self.quarantine_case(id, scenario.quarantine.risk_area_arrivals);
            if scenario.testing.arrival_test {
                *routine_tubes += 1.0;
                self.sample(id, SampleKind::Single, Found::ArrivalTest);
            }
        } else {
            self.today[Series::ImportedUnnoticed.index()] += 1.0;
            if risk_area {
                self.cases[id as usize].unreported_arrival_day = Some(day);
                let reports = self.cases[id as usize]
                    .rng
                    .chance(scenario.community.self_report_share);
                if reports {
                    self.schedule(day + 1, Event::SelfReport(id));
                }
            }
        }
    }

    /// Counts one infected traveller at gateway `g` today.
    fn count_gateway(&mut self, g: usize, series: GatewaySeries) {
        // Today's rows are the last, one per gateway.
        let gateways = self.summary.gateways.len();
        if g < gateways {
            let row = self.gateway_daily.len() - gateways + g;
            self.gateway_daily[row][series.index()] += 1.0;
        }
        if let Some(summary) = self.summary.gateways.get_mut(g) {
            match series {
                GatewaySeries::InfectedArrivals => summary.infected_arrivals += 1,
                GatewaySeries::InfectedUnchecked => summary.infected_unchecked += 1,
                _ => {}
            }
        }
    }
}
