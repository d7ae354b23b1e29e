//! The line list of one run: every infected person, as an after-action
//! review (复盘) or a drill's truth view sees them — when they were infected,
//! by whom and where, their onset, and when and how they were found.
//!
//! Not a phase of the day: the few facts it needs are kept on each case as
//! the run goes (how the positive sample was taken, where the infection
//! happened: two bytes a case; the gateway and day of each imported case),
//! and [`Simulation::line_list`]
//! reads them on request, so a run that never asks for it pays nothing but
//! those bytes. `report::line_list_csv` writes it (`cordon run --line-list`,
//! the page's download).
//!
//! Days here are the run's day indices, as [`Simulation::day`] counts them
//! (0 = the first simulated day, shown to users as day 1).

use super::case::{Origin, NONE};
use super::Simulation;
use serde::{Deserialize, Serialize};

/// How a case was found: the route of the positive sample, or the check
/// that caught them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Found {
    /// Caught at a checkpoint (test certificate or thermometer).
    Checkpoint,
    /// Flagged at a checkpoint and tested on arrival.
    ArrivalTest,
    /// Reported themselves (主动报备) after arriving and tested.
    SelfReport,
    /// Presented at a fever clinic.
    Clinic,
    /// Retested after a negative result while symptomatic.
    Retest,
    /// Found by a grid worker's sweep as an unreported arrival.
    GridSweep,
    /// Referred by a grid worker with symptoms.
    GridSymptoms,
    /// Routine screening of key groups.
    Screening,
    /// A population-wide testing round.
    MassTesting,
    /// A scheduled test in quarantine.
    QuarantineTest,
    /// Symptoms while in quarantine.
    QuarantineOnset,
    /// A traced contact tested (when contacts are not quarantined, or at
    /// their onset when they are isolated then).
    Tracing,
    /// Found as the infector of a traced case (溯源).
    Source,
}

impl Found {
    /// Every route, in display order.
    pub const ALL: [Found; 13] = [
        Found::Checkpoint,
        Found::ArrivalTest,
        Found::SelfReport,
        Found::Clinic,
        Found::Retest,
        Found::GridSweep,
        Found::GridSymptoms,
        Found::Screening,
        Found::MassTesting,
        Found::QuarantineTest,
        Found::QuarantineOnset,
        Found::Tracing,
        Found::Source,
    ];

    /// Machine name, as in the line-list CSV.
    pub fn key(self) -> &'static str {
        match self {
            Found::Checkpoint => "checkpoint",
            Found::ArrivalTest => "arrival_test",
            Found::SelfReport => "self_report",
            Found::Clinic => "clinic",
            Found::Retest => "retest",
            Found::GridSweep => "grid_sweep",
            Found::GridSymptoms => "grid_symptoms",
            Found::Screening => "screening",
            Found::MassTesting => "mass_testing",
            Found::QuarantineTest => "quarantine_test",
            Found::QuarantineOnset => "quarantine_onset",
            Found::Tracing => "tracing",
            Found::Source => "source",
        }
    }
}

/// Where an infection happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Setting {
    /// Before arriving in the city (an imported case).
    Travel,
    /// An initial or injected local infection (no infector in the run).
    Seeded,
    /// In the infector's household.
    Household,
    /// Outside the household, the infector at large.
    Community,
    /// Outside the household, the infector in home quarantine.
    HomeQuarantine,
    /// The infector in centralised quarantine (a room's leak).
    QuarantineSite,
    /// The infector isolated (at home for want of a bed, or at presentation
    /// or onset while the result was pending).
    Isolation,
}

impl Setting {
    /// Machine name, as in the line-list CSV.
    pub fn key(self) -> &'static str {
        match self {
            Setting::Travel => "travel",
            Setting::Seeded => "seeded",
            Setting::Household => "household",
            Setting::Community => "community",
            Setting::HomeQuarantine => "home_quarantine",
            Setting::QuarantineSite => "quarantine_site",
            Setting::Isolation => "isolation",
        }
    }
}

/// Who infected a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Infector {
    /// Another case of the run (its [`LineListEntry::id`]).
    Case(u32),
    /// Infected before arriving through this gateway (index in the scenario).
    Gateway(u32),
    /// An initial or injected local infection.
    Seeded,
}

/// One infected person of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineListEntry {
    /// The case's number in the run, from 0 in order of infection (or of
    /// arrival, for imported cases).
    pub id: u32,
    /// Day of infection (before day 0 for someone infected before arriving).
    pub infection_day: i64,
    /// Day of arrival, for an imported case.
    pub arrival_day: Option<u32>,
    /// Time of symptom onset in days (day `d` spans `d` to `d + 1`); `None`
    /// for an infection without symptoms.
    pub onset: Option<f64>,
    /// Day the positive result came back (or the checkpoint caught them);
    /// `None` if never detected.
    pub detection_day: Option<u32>,
    /// How they were found (`None` if never detected, or detected outside
    /// the day's phases, e.g. by a test harness).
    pub found_by: Option<Found>,
    /// Who infected them.
    pub infector: Infector,
    /// Where the infection happened.
    pub setting: Setting,
}

impl LineListEntry {
    /// Whole day of onset (`onset` rounded down), if any.
    pub fn onset_day(&self) -> Option<i64> {
        self.onset.map(|t| libm::floor(t) as i64)
    }
}

impl Simulation {
    /// Every infected person so far, in order of creation.
    pub fn line_list(&self) -> Vec<LineListEntry> {
        self.cases
            .iter()
            .enumerate()
            .map(|(id, case)| {
                let arrival = (case.origin == Origin::Imported)
                    .then(|| {
                        let at = self.arrivals_log.partition_point(|a| a.id < id as u32);
                        self.arrivals_log.get(at).filter(|a| a.id == id as u32)
                    })
                    .flatten();
                let infector = match (case.origin, arrival) {
                    (Origin::Imported, Some(a)) => Infector::Gateway(a.gateway),
                    _ if case.infector == NONE => Infector::Seeded,
                    _ => Infector::Case(case.infector),
                };
                LineListEntry {
                    id: id as u32,
                    infection_day: case.infected_day,
                    arrival_day: arrival.map(|a| a.day),
                    onset: case.onset_day,
                    detection_day: case.detected_day,
                    // A positive sample whose result is still due says nothing yet.
                    found_by: case.detected_day.and(case.record.found_by),
                    infector,
                    setting: case.record.setting,
                }
            })
            .collect()
    }
}
