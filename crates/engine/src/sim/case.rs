//! Infected people: the private types every phase of the day shares
//! (`Case`, its `Status` and `Origin`, scheduled `Event`s, counted `Stays`)
//! and the creation of a case with its own random stream.
//!
//! Not a phase of its own: cases are created at arrivals (phase 2 of the
//! day), by injected or initial local infections, and by transmission
//! (phase 6); see the order in `mod.rs`.

use super::line_list::{Found, Setting};
use super::{Series, Simulation};
use crate::dist::{self, poisson};
use crate::rng::{splitmix64, SimRng};

/// Where an infected traveller comes from, as the checkpoint sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Traveller {
    /// From a risk area: the health code and travel record may flag them.
    RiskArea,
    /// From elsewhere: only the certificate and the thermometer can catch them.
    Elsewhere,
    /// From a risk area, but passes the checkpoint unnoticed (injected events).
    Unnoticed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Origin {
    Imported,
    Seed,
    Household,
    Community,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Status {
    /// Not yet in the city (imported, before arrival).
    Away,
    Community,
    HomeQuarantine {
        until: u32,
    },
    Centralised {
        until: u32,
    },
    Hospital,
    HomeIsolation,
    /// Isolated at presentation or at onset while a sample is pending
    /// (held like centralised quarantine, without a room); released if
    /// the result is negative.
    Isolated,
}

#[derive(Clone, Debug)]
pub(super) struct Case {
    pub(super) rng: SimRng,
    pub(super) stream: u64,
    pub(super) origin: Origin,
    pub(super) infected_day: i64,
    pub(super) onset_day: Option<f64>,
    pub(super) fever: bool,
    pub(super) household: u32,
    pub(super) infector: u32,
    pub(super) first_child: u32,
    pub(super) next_sibling: u32,
    pub(super) children: u32,
    pub(super) status: Status,
    pub(super) detected_day: Option<u32>,
    pub(super) result_pending: bool,
    /// Arrived from a risk area and nobody knows yet (findable by sweeps).
    pub(super) unreported_arrival_day: Option<u32>,
    /// What the line list reads (`line_list.rs`).
    pub(super) record: CaseRecord,
    /// Traced, not quarantined: to be isolated at onset.
    pub(super) watched: bool,
    /// Already in (or on the way to) the tracing queue.
    pub(super) traced: bool,
}

/// The facts about a case that only the line list reads (two bytes, in
/// the case's padding; an imported case's gateway and arrival day are kept
/// apart, in [`Arrival`]s).
#[derive(Clone, Copy, Debug)]
pub(super) struct CaseRecord {
    /// Route of the positive sample (or the checkpoint's catch).
    pub(super) found_by: Option<Found>,
    /// Where the infection happened.
    pub(super) setting: Setting,
}

/// An imported case's gateway and day of arrival, for the line list.
#[derive(Clone, Copy, Debug)]
pub(super) struct Arrival {
    pub(super) id: u32,
    pub(super) gateway: u32,
    pub(super) day: u32,
}

pub(super) const NONE: u32 = u32::MAX;

/// An infection drawn when its infector was created, due on a later day.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scheduled {
    pub(super) infector: u32,
    /// Within the infector's household.
    pub(super) household: bool,
    /// The uniform number, in units of 2^-32, that decides on the day
    /// whether it happens.
    pub(super) chance: u32,
}

impl Scheduled {
    /// Whether it happens when the probability then is `p`.
    pub(super) fn happens(self, p: f64) -> bool {
        f64::from(self.chance) * (1.0 / 4_294_967_296.0) < p
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Event {
    Onset(u32),
    Sample(u32, SampleKind, Found),
    Result(u32),
    /// A negative result that matters: someone isolated waiting for it, or
    /// with symptoms to retest.
    Negative(u32),
    SelfReport(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SampleKind {
    Single,
    Pooled,
}

/// People staying somewhere for a number of days, counted, not stored.
#[derive(Clone, Debug)]
pub(super) struct Stays {
    pub(super) occupancy: f64,
    pub(super) releases: Vec<f64>,
}

impl Stays {
    pub(super) fn new(days: u32) -> Self {
        Stays {
            occupancy: 0.0,
            releases: vec![0.0; days as usize + 1],
        }
    }

    pub(super) fn release(&mut self, day: u32) {
        if let Some(r) = self.releases.get_mut(day as usize) {
            self.occupancy = (self.occupancy - *r).max(0.0);
            *r = 0.0;
        }
    }

    pub(super) fn add(&mut self, count: f64, until: u32) {
        self.occupancy += count;
        let last = self.releases.len() - 1;
        self.releases[(until as usize).min(last)] += count;
    }
}

#[derive(Clone, Debug)]
pub(super) struct MassRound {
    pub(super) start: u32,
    pub(super) length: u32,
    pub(super) tubes_per_day: f64,
}

impl Simulation {
    fn new_household(&mut self, rng: &mut SimRng) -> u32 {
        let others = dist::poisson_small(rng, self.plan.household_others_exp).min(20) as u8;
        self.households_left.push(others);
        (self.households_left.len() - 1) as u32
    }

    /// Creates an infected person with their own random stream.
    pub(super) fn create_case(
        &mut self,
        stream: u64,
        origin: Origin,
        infected_day: i64,
        infector: u32,
        household: Option<u32>,
    ) -> u32 {
        let mut rng = SimRng::from_seed(splitmix64(self.seed ^ splitmix64(stream)));
        let epi = &self.scenario.epidemiology;
        let asymptomatic = rng.chance(epi.asymptomatic_share);
        let relative = if asymptomatic {
            epi.asymptomatic_relative_infectiousness
        } else {
            1.0
        };
        let mean_relative = (1.0 - epi.asymptomatic_share)
            + epi.asymptomatic_share * epi.asymptomatic_relative_infectiousness;
        let k = epi.dispersion_k;
        let base = dist::gamma(&mut rng, k, epi.r0 / k);
        let infectiousness = if mean_relative > 0.0 {
            base * relative / mean_relative
        } else {
            0.0
        };
        let onset_day = if asymptomatic {
            None
        } else {
            Some(infected_day as f64 + epi.incubation.sample(&mut rng))
        };
        let fever = rng.chance(epi.fever_share);
        let epi_timing = epi.timing;
        let household = match household {
            Some(h) => h,
            None => self.new_household(&mut rng),
        };
        let timing = epi_timing;
        let tied_incubation = if timing.tied_to_onset {
            Some(match onset_day {
                Some(onset) => onset - infected_day as f64,
                // A notional onset for a case without symptoms.
                None => self.scenario.epidemiology.incubation.sample(&mut rng),
            })
        } else {
            None
        };
        let id = self.cases.len() as u32;
        self.schedule_offspring(&mut rng, id, infected_day, infectiousness, tied_incubation);
        let window_end = infected_day + self.plan.generation_weights.len() as i64;
        if window_end > i64::from(self.day) {
            if let Some(ends) = self.window_ends.get_mut(window_end as usize) {
                ends.push(id);
            }
        }
        self.cases.push(Case {
            rng,
            stream,
            origin,
            infected_day,
            onset_day,
            fever,
            household,
            infector,
            first_child: NONE,
            next_sibling: NONE,
            children: 0,
            status: if origin == Origin::Imported {
                Status::Away
            } else {
                Status::Community
            },
            detected_day: None,
            result_pending: false,
            unreported_arrival_day: None,
            record: CaseRecord {
                found_by: None,
                setting: self.infection_setting(origin, infector),
            },
            watched: false,
            traced: false,
        });
        if self.scenario.epidemiology.susceptible_depletion {
            self.susceptible = (self.susceptible - 1.0).max(0.0);
        }
        if infector != NONE {
            let parent = &mut self.cases[infector as usize];
            let sibling = parent.first_child;
            parent.first_child = id;
            parent.children += 1;
            self.cases[id as usize].next_sibling = sibling;
        }
        if origin != Origin::Imported {
            self.summary.local_infections += 1;
            self.today[Series::LocalInfections.index()] += 1.0;
            if self.summary.first_local_infection_day.is_none() {
                self.summary.first_local_infection_day = Some(self.day);
            }
            if origin != Origin::Seed {
                self.summary.local_transmission = true;
            }
            self.active.push(id);
            self.at_large += 1;
            self.schedule_onset(id);
        }
        id
    }

    /// Draws a new case's offspring once, unmitigated: a Poisson number of
    /// contacts from its infectiousness, each within the household with the
    /// household share's probability (so household and other contacts are
    /// independent Poisson numbers), each on a day of the generation
    /// interval, each with the uniform number that decides on that day
    /// whether it happens (see `transmission.rs`). Days already past (an
    /// arrival infected before it came) and days beyond the horizon are
    /// drawn but never happen.
    fn schedule_offspring(
        &mut self,
        rng: &mut SimRng,
        id: u32,
        infected_day: i64,
        infectiousness: f64,
        tied_incubation: Option<f64>,
    ) {
        let household_share = self.scenario.epidemiology.household_share;
        let timing = self.scenario.epidemiology.timing;
        let window = self.plan.generation_weights.len().saturating_sub(1) as u32;
        let contacts = poisson(rng, infectiousness);
        let today = i64::from(self.day);
        for _ in 0..contacts {
            let household = rng.chance(household_share);
            let age = match tied_incubation {
                Some(incubation) => {
                    let offset = crate::timing::onset_offset(rng, &timing);
                    crate::timing::infection_age_days(incubation, offset).min(window) as usize
                }
                None => {
                    let Some(age) = self.plan.generation_alias.draw(rng.uniform()) else {
                        return;
                    };
                    age
                }
            };
            let chance = (rng.next_u64() >> 32) as u32;
            let due = infected_day + age as i64;
            if due < today {
                continue;
            }
            if let Some(list) = self.pending.get_mut(due as usize) {
                list.push(Scheduled {
                    infector: id,
                    household,
                    chance,
                });
            }
        }
    }

    /// Where an infection by `infector` (of this origin) happens now.
    fn infection_setting(&self, origin: Origin, infector: u32) -> Setting {
        match origin {
            Origin::Imported => Setting::Travel,
            Origin::Seed => Setting::Seeded,
            Origin::Household => Setting::Household,
            Origin::Community => match self.cases.get(infector as usize).map(|c| c.status) {
                Some(Status::HomeQuarantine { .. }) => Setting::HomeQuarantine,
                Some(Status::Centralised { .. }) => Setting::QuarantineSite,
                Some(Status::HomeIsolation | Status::Isolated) => Setting::Isolation,
                _ => Setting::Community,
            },
        }
    }

    pub(super) fn schedule_onset(&mut self, id: u32) {
        if let Some(onset) = self.cases[id as usize].onset_day {
            let day = (onset.floor().max(0.0) as u32).max(self.day);
            self.schedule(day, Event::Onset(id));
        }
    }

    pub(super) fn seed_local_infection(&mut self, day: u32) {
        self.infection_counter += 1;
        let stream = 0x5EED_0000_0000_0000 ^ self.infection_counter;
        self.create_case(stream, Origin::Seed, i64::from(day), NONE, None);
    }
}
