//! The deterministic part of a scenario, worked out once per scenario.
//!
//! Arrival volumes, resource levels after timeline changes and absences, and
//! the checkpoint queues do not depend on chance, so a [`Plan`] computes them
//! day by day once and every Monte Carlo run shares it. A drill that changes
//! the scenario mid-run builds a new plan for its own simulation.

use crate::checkpoint::{self, CheckpointDay};
use crate::dist::Poisson;
use crate::scenario::{Gateway, QuarantinePlace, Scenario};
use crate::timeline::{Change, Resource};

/// Resource levels in force on one day, after absences and outages.
#[derive(Clone, Debug, PartialEq)]
pub struct Levels {
    /// Inspectors on duty per shift, per gateway.
    pub checkpoint_staff: Vec<f64>,
    /// Grid workers on duty.
    pub grid_workers: f64,
    /// Centralised quarantine rooms (infinite when unlimited).
    pub rooms: f64,
    /// Sampling staff on duty.
    pub sampling_staff: f64,
    /// Laboratory tubes per day (infinite when unlimited, zero in an outage).
    pub lab_tests: f64,
    /// Tracing staff on duty.
    pub tracers: f64,
    /// Hospital beds (infinite when unlimited).
    pub beds: f64,
    /// Contacts kept under routine measures.
    pub contact_factor: f64,
    /// Zones declared on this day for this many days.
    pub declare_zones: Option<u32>,
    /// Population-wide rounds ordered on this day (drill decisions).
    pub mass_rounds_ordered: Option<u32>,
}

/// An injected infection on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Injection {
    /// Infected travellers at a gateway.
    Arrival {
        gateway: usize,
        count: u32,
        /// They pass the checkpoint without being caught or flagged.
        unnoticed: bool,
    },
    /// Residents infected locally.
    Local { count: u32 },
}

/// One gateway on one day.
#[derive(Clone, Debug, PartialEq)]
pub struct GatewayDay {
    /// Travellers arriving.
    pub arrivals: f64,
    /// Of whom from risk areas.
    pub risk_arrivals: f64,
    /// Probability that a checked risk-area traveller is flagged.
    pub flag_probability: f64,
    /// Risk-area travellers flagged at the checkpoint (expected).
    pub flagged: f64,
    /// The checkpoint's day.
    pub checkpoint: CheckpointDay,
    /// Infected travellers from risk areas and from elsewhere (drawn per run).
    pub infected: [Poisson; 2],
}

/// Everything about a scenario that does not depend on chance.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Days simulated.
    pub days: u32,
    /// Generation interval as whole-day weights (index 0 is always zero);
    /// with infections tied to onset, padded with zeros to the days a case
    /// can infect others ([`crate::timing::window_days`]).
    pub generation_weights: Vec<f64>,
    /// The generation weights as an alias table, to draw the day of a
    /// scheduled infection in constant time.
    pub generation_alias: AliasTable,
    /// `exp(-m)` for the mean number `m` of other members of a new
    /// household (household size less one, at most 20), to draw it.
    pub household_others_exp: f64,
    /// Resource levels, per day.
    pub levels: Vec<Levels>,
    /// Gateways, per day then per gateway.
    pub gateways: Vec<Vec<GatewayDay>>,
    /// The checkpoints' outputs that are the same in every run, per day.
    pub checkpoints: Vec<crate::sim::CheckpointsDay>,
    /// Injected infections, per day.
    pub injections: Vec<Vec<Injection>>,
}

/// Arrivals multiplier of a gateway's time profile on a day.
pub fn profile_multiplier(gateway: &Gateway, day: u32) -> f64 {
    let points = &gateway.profile;
    let Some(first) = points.first() else {
        return 1.0;
    };
    if day <= first.day {
        return first.multiplier;
    }
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if day >= a.day && day <= b.day {
            if b.day == a.day {
                return b.multiplier;
            }
            let t = f64::from(day - a.day) / f64::from(b.day - a.day);
            return a.multiplier + t * (b.multiplier - a.multiplier);
        }
    }
    points.last().map_or(1.0, |p| p.multiplier)
}

/// Whole-day generation interval weights: weight `t` (t >= 1) is the
/// probability that the interval rounds to `t` days; intervals under half a
/// day count as one day.
pub fn generation_weights(scenario: &Scenario) -> Vec<f64> {
    let gi = scenario.epidemiology.generation_interval;
    let mut weights = vec![0.0];
    let mut previous = 0.0;
    for t in 1..120 {
        let upper = gi.cdf(t as f64 + 0.5);
        weights.push((upper - previous).max(0.0));
        previous = upper;
        if 1.0 - upper < 1e-4 {
            break;
        }
    }
    let total: f64 = weights.iter().sum();
    if total > 0.0 {
        for w in &mut weights {
            *w /= total;
        }
    }
    weights
}

/// Walker's alias table (Vose's construction) of a discrete distribution:
/// a draw takes one uniform number whatever the number of outcomes.
#[derive(Clone, Debug, PartialEq)]
pub struct AliasTable {
    /// Per outcome: the probability of keeping it, and the outcome taken
    /// otherwise.
    slots: Vec<(f64, u32)>,
}

impl AliasTable {
    /// The table of non-negative weights (not necessarily summing to one).
    /// All-zero or empty weights give an empty table, which draws nothing.
    pub fn new(weights: &[f64]) -> AliasTable {
        let total: f64 = weights.iter().sum();
        let n = weights.len();
        if total.is_nan() || total <= 0.0 {
            return AliasTable { slots: Vec::new() };
        }
        let mut scaled: Vec<f64> = weights.iter().map(|w| w * n as f64 / total).collect();
        let mut slots = vec![(1.0, 0u32); n];
        let (mut small, mut large): (Vec<usize>, Vec<usize>) =
            (0..n).partition(|&i| scaled[i] < 1.0);
        while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
            small.pop();
            slots[s] = (scaled[s], l as u32);
            scaled[l] -= 1.0 - scaled[s];
            if scaled[l] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        // What is left is one up to rounding.
        for i in small.into_iter().chain(large) {
            slots[i] = (1.0, i as u32);
        }
        AliasTable { slots }
    }

    /// An outcome drawn with a uniform number `u` in `[0, 1)`, or `None`
    /// from an empty table.
    pub fn draw(&self, u: f64) -> Option<usize> {
        let n = self.slots.len();
        if n == 0 {
            return None;
        }
        let x = u * n as f64;
        let i = (x as usize).min(n - 1);
        let (keep, alias) = self.slots[i];
        Some(if x - (i as f64) < keep {
            i
        } else {
            alias as usize
        })
    }
}

struct Absences {
    share: [f64; 7],
}

impl Absences {
    fn present(&self, resource: Resource) -> f64 {
        1.0 - self.share[resource_index(resource)]
    }
}

fn resource_index(resource: Resource) -> usize {
    Resource::ALL
        .iter()
        .position(|r| *r == resource)
        .unwrap_or(0)
}

/// The levels a timeline change can set or add to, before absences (an
/// unlimited capacity stays unlimited).
struct ResourceLevels<'a> {
    staff: &'a mut Vec<f64>,
    grid_workers: &'a mut f64,
    rooms: &'a mut f64,
    sampling_staff: &'a mut f64,
    lab: &'a mut f64,
    tracers: &'a mut f64,
    beds: &'a mut f64,
}

impl ResourceLevels<'_> {
    /// Replaces a resource's level by `new(old)` (for checkpoint staff, at
    /// every gateway).
    fn update(&mut self, resource: Resource, new: impl Fn(f64) -> f64) {
        let finite_only = |level: &mut f64| {
            if level.is_finite() {
                *level = new(*level);
            }
        };
        match resource {
            Resource::CheckpointStaff => self.staff.iter_mut().for_each(|s| *s = new(*s)),
            Resource::GridWorkers => *self.grid_workers = new(*self.grid_workers),
            Resource::QuarantineRooms => finite_only(self.rooms),
            Resource::SamplingStaff => *self.sampling_staff = new(*self.sampling_staff),
            Resource::LabCapacity => finite_only(self.lab),
            Resource::TracingStaff => *self.tracers = new(*self.tracers),
            Resource::HospitalBeds => finite_only(self.beds),
        }
    }
}

impl Plan {
    /// Works out the plan of a (validated) scenario.
    pub fn new(scenario: &Scenario) -> Plan {
        let days = scenario.days;
        let gateways = &scenario.gateways;
        let mut events: Vec<_> = scenario.timeline.iter().collect();
        events.sort_by_key(|e| e.day);
        let mut next_event = 0;

        let mut staff: Vec<f64> = gateways
            .iter()
            .map(|g| f64::from(g.checkpoint.staff_per_shift))
            .collect();
        let mut grid_workers = f64::from(scenario.community.grid_workers);
        let mut rooms = scenario.quarantine.room_capacity();
        let mut sampling_staff = f64::from(scenario.testing.sampling_staff);
        let mut lab = scenario.testing.lab_capacity();
        let mut tracers = f64::from(scenario.tracing.staff);
        let mut beds = scenario.hospital.bed_capacity();
        let mut contact_factor = scenario.response.baseline_contact_factor;
        let mut absences = Absences { share: [0.0; 7] };
        let mut outage_until = 0u32;
        let mut backlog = vec![0.0; gateways.len()];
        // Per gateway: (surge factor, last day + 1) of the latest surge.
        let mut surges = vec![(1.0f64, 0u32); gateways.len()];

        let mut weights = generation_weights(scenario);
        if scenario.epidemiology.timing.tied_to_onset {
            // Infections tied to onset: the window a case stays infectious.
            let window = crate::timing::window_days(&scenario.epidemiology);
            if weights.len() < window {
                weights.resize(window, 0.0);
            }
        }
        let generation_alias = AliasTable::new(&weights);
        let mut plan = Plan {
            days,
            generation_weights: weights,
            generation_alias,
            household_others_exp: libm::exp(-(scenario.city.household_size - 1.0).clamp(0.0, 20.0)),
            levels: Vec::with_capacity(days as usize),
            gateways: Vec::with_capacity(days as usize),
            checkpoints: Vec::with_capacity(days as usize),
            injections: Vec::with_capacity(days as usize),
        };
        for day in 0..days {
            let mut injections = Vec::new();
            let mut declare_zones = None;
            let mut mass_rounds_ordered = None;
            while next_event < events.len() && events[next_event].day <= day {
                let event = events[next_event];
                next_event += 1;
                if event.day < day {
                    continue;
                }
                match &event.change {
                    Change::InfectedArrival {
                        gateway,
                        count,
                        unnoticed,
                    } => injections.push(Injection::Arrival {
                        gateway: *gateway as usize,
                        count: *count,
                        unnoticed: *unnoticed,
                    }),
                    Change::LocalInfection { count } => {
                        injections.push(Injection::Local { count: *count })
                    }
                    Change::StaffAbsent { resource, share } => {
                        absences.share[resource_index(*resource)] = share.clamp(0.0, 1.0);
                    }
                    Change::SetLevel {
                        resource,
                        level: value,
                    }
                    | Change::AddLevel {
                        resource,
                        amount: value,
                    } => {
                        let add = matches!(event.change, Change::AddLevel { .. });
                        let value = value.max(0.0);
                        let mut levels = ResourceLevels {
                            staff: &mut staff,
                            grid_workers: &mut grid_workers,
                            rooms: &mut rooms,
                            sampling_staff: &mut sampling_staff,
                            lab: &mut lab,
                            tracers: &mut tracers,
                            beds: &mut beds,
                        };
                        levels.update(*resource, |old| if add { old + value } else { value });
                    }
                    Change::ArrivalSurge {
                        gateway,
                        factor,
                        days,
                    } => {
                        if let Some(surge) = surges.get_mut(*gateway as usize) {
                            *surge = (factor.max(0.0), day.saturating_add(*days));
                        }
                    }
                    Change::MassTesting { rounds } => {
                        mass_rounds_ordered = Some(mass_rounds_ordered.unwrap_or(0) + rounds)
                    }
                    Change::LabOutage { days } => outage_until = outage_until.max(day + days),
                    Change::QuarantineSiteClosed { rooms: closed } => {
                        if rooms.is_finite() {
                            rooms = (rooms - f64::from(*closed)).max(0.0);
                        }
                    }
                    Change::SetContactFactor { factor } => contact_factor = *factor,
                    Change::DeclareZones { days } => declare_zones = Some(*days),
                }
            }
            let staff_today: Vec<f64> = staff
                .iter()
                .map(|s| s * absences.present(Resource::CheckpointStaff))
                .collect();
            let mut gateway_days = Vec::with_capacity(gateways.len());
            for (g, gateway) in gateways.iter().enumerate() {
                let (factor, until) = surges[g];
                let surge = if day < until { factor } else { 1.0 };
                let arrivals = gateway.arrivals_per_day * profile_multiplier(gateway, day) * surge;
                let day_result = checkpoint::simulate_day(
                    &gateway.checkpoint,
                    staff_today[g],
                    arrivals,
                    backlog[g],
                );
                backlog[g] = day_result.backlog_at_midnight;
                let checks = &gateway.checkpoint.checks;
                let mut not_flagged = 1.0;
                if checks.health_code {
                    not_flagged *= 1.0 - checks.health_code_flag_probability;
                }
                if checks.travel_record {
                    not_flagged *= 1.0 - checks.travel_record_flag_probability;
                }
                let flag_probability = if gateway.checkpoint.enabled {
                    1.0 - not_flagged
                } else {
                    0.0
                };
                let risk_arrivals = arrivals * gateway.risk_area_share;
                gateway_days.push(GatewayDay {
                    arrivals,
                    risk_arrivals,
                    flag_probability,
                    flagged: risk_arrivals * day_result.checked_share * flag_probability,
                    checkpoint: day_result,
                    infected: [
                        Poisson::new(risk_arrivals * gateway.prevalence_risk_area),
                        Poisson::new((arrivals - risk_arrivals) * gateway.prevalence_elsewhere),
                    ],
                });
            }
            let lab_today = if day < outage_until {
                0.0
            } else {
                lab * absences.present(Resource::LabCapacity)
            };
            plan.levels.push(Levels {
                checkpoint_staff: staff_today,
                grid_workers: grid_workers * absences.present(Resource::GridWorkers),
                rooms,
                sampling_staff: sampling_staff * absences.present(Resource::SamplingStaff),
                lab_tests: lab_today,
                tracers: tracers * absences.present(Resource::TracingStaff),
                beds,
                contact_factor,
                declare_zones,
                mass_rounds_ordered,
            });
            plan.checkpoints
                .push(crate::sim::CheckpointsDay::of(gateways, &gateway_days));
            plan.gateways.push(gateway_days);
            plan.injections.push(injections);
        }
        plan
    }
}

/// Whether a gateway's checkpoint is short on a day: more than 1 % of the
/// day's travellers pass unchecked (while it is enabled), or the day's mean
/// wait exceeds [`crate::sim::MAX_ACCEPTABLE_WAIT_MINUTES`]. The one rule
/// the simulation and [`checkpoint_staff_needed`] apply.
pub fn checkpoint_short(gateway: &Gateway, day: &GatewayDay) -> bool {
    let cp = &day.checkpoint;
    let unchecked = gateway.checkpoint.enabled
        && day.arrivals * (1.0 - cp.checked_share) > 0.01 * day.arrivals.max(1.0);
    unchecked || cp.mean_wait_minutes > crate::sim::MAX_ACCEPTABLE_WAIT_MINUTES
}

/// The most inspectors per shift [`checkpoint_staff_needed`] tries.
const MOST_STAFF_TRIED: u32 = 1_000_000;

/// Per gateway, the fewest inspectors per shift (with as many posts) with
/// which its checkpoint is never short ([`checkpoint_short`]) over the
/// horizon, the rest of the scenario as it is (timeline and absences
/// included). The queues follow from the plan alone, so the figure is the
/// same in every run. `None` for a disabled checkpoint, or when no number
/// of inspectors is enough (hours nobody is on duty, for instance). Found
/// by bisection, assuming more inspectors never make a checkpoint short.
pub fn checkpoint_staff_needed(scenario: &Scenario) -> Vec<Option<u32>> {
    (0..scenario.gateways.len())
        .map(|g| {
            if !scenario.gateways[g].checkpoint.enabled {
                return None;
            }
            let mut trial = scenario.clone();
            let mut short_with = |staff: u32| {
                let checkpoint = &mut trial.gateways[g].checkpoint;
                checkpoint.staff_per_shift = staff;
                checkpoint.posts = staff;
                let plan = Plan::new(&trial);
                plan.gateways
                    .iter()
                    .any(|day| checkpoint_short(&trial.gateways[g], &day[g]))
            };
            // `short` is short (or zero); `enough` is not.
            let mut short = 0;
            let mut enough = scenario.gateways[g].checkpoint.staff_per_shift.max(1);
            while short_with(enough) {
                if enough >= MOST_STAFF_TRIED {
                    return None;
                }
                short = enough;
                enough = enough.saturating_mul(2).min(MOST_STAFF_TRIED);
            }
            while enough - short > 1 {
                let middle = short + (enough - short) / 2;
                if short_with(middle) {
                    short = middle;
                } else {
                    enough = middle;
                }
            }
            Some(enough)
        })
        .collect()
}

/// Where flagged people of a kind go, as a short helper.
pub fn goes_to_quarantine(place: QuarantinePlace) -> bool {
    place != QuarantinePlace::None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::ProfilePoint;

    #[test]
    fn profile_interpolates() {
        let g = Gateway {
            profile: vec![
                ProfilePoint {
                    day: 2,
                    multiplier: 1.0,
                },
                ProfilePoint {
                    day: 6,
                    multiplier: 3.0,
                },
            ],
            ..Gateway::default()
        };
        assert_eq!(profile_multiplier(&g, 0), 1.0);
        assert_eq!(profile_multiplier(&g, 4), 2.0);
        assert_eq!(profile_multiplier(&g, 10), 3.0);
    }

    #[test]
    fn capacities_of_the_example_city() {
        let s = Scenario::default();
        assert_eq!(s.quarantine.room_capacity(), 3_695.0);
        assert_eq!(s.hospital.bed_capacity(), 60.0);
        // Sampling (3,312 x 300 = 993,600) is short of the labs (102,000 x 10).
        assert_eq!(s.testing.round_throughput(), 993_600.0);
        assert_eq!(s.tracing.cases_per_day(), 39.5);
        let mut unlimited = s.clone();
        unlimited.quarantine.unlimited_rooms = true;
        unlimited.testing.unlimited = true;
        assert_eq!(unlimited.quarantine.room_capacity(), f64::INFINITY);
        assert_eq!(unlimited.testing.round_throughput(), f64::INFINITY);
    }

    #[test]
    fn timeline_changes_levels() {
        let mut s = Scenario {
            days: 10,
            ..Scenario::default()
        };
        s.timeline = vec![
            crate::timeline::TimelineEvent {
                day: 2,
                change: Change::StaffAbsent {
                    resource: Resource::GridWorkers,
                    share: 0.5,
                },
            },
            crate::timeline::TimelineEvent {
                day: 3,
                change: Change::LabOutage { days: 2 },
            },
            crate::timeline::TimelineEvent {
                day: 4,
                change: Change::QuarantineSiteClosed { rooms: 695 },
            },
        ];
        let plan = Plan::new(&s);
        assert_eq!(plan.levels[1].grid_workers, 9_149.0);
        assert_eq!(plan.levels[2].grid_workers, 4_574.5);
        assert_eq!(plan.levels[3].lab_tests, 0.0);
        assert_eq!(plan.levels[4].lab_tests, 0.0);
        assert_eq!(plan.levels[5].lab_tests, 102_000.0);
        assert_eq!(plan.levels[4].rooms, 3_000.0);
        let w = &plan.generation_weights;
        assert_eq!(w[0], 0.0);
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        // The alias table gives each day its weight: over a fine grid of
        // uniform numbers, each day's share is its weight.
        let grid = 1_000_000;
        let mut counts = vec![0u32; w.len()];
        for k in 0..grid {
            let day = plan
                .generation_alias
                .draw((f64::from(k) + 0.5) / f64::from(grid));
            counts[day.unwrap()] += 1;
        }
        for (day, &count) in counts.iter().enumerate() {
            assert!(
                (f64::from(count) / f64::from(grid) - w[day]).abs() < 1e-5,
                "day {day}"
            );
        }
        assert_eq!(AliasTable::new(&[0.0, 0.0]).draw(0.3), None);
    }
}
