//! The levers a planner can move and the outcomes a decision is judged by,
//! each defined once.
//!
//! A lever is a resource: one line of [`LEVERS`] names its registry field
//! ([`crate::fields::lookup`]), the unit it is counted in (staff member,
//! room, test a day, bed), the unit its cost is counted in and its label
//! key. A gateway's checkpoint staff is one lever per gateway
//! ([`Lever::gateway`]); raising it raises the gateway's posts to match
//! (staff without a post check nobody), as the inspectors-needed figure does.
//!
//! An [`Outcome`] is an outcome of the verdict's one table
//! ([`crate::outcome`]: [`Outcome::verdict`]) or a gateway's worst-hour
//! wait; its per-run value, key, direction and unit are read there. It is
//! read from each run's summary ([`Outcome::per_run`]) and across runs
//! ([`Outcome::across_runs`]): a share of runs, a mean, or the 95th
//! percentile of a gateway's worst-hour wait. It is written as a short name
//! (`p_contained`, `p_exceeded.quarantine_rooms`, `wait_p95[2]`), the same
//! in the CLI's arguments, JSON files and the page.

use super::DecideError;
use crate::fields::{self, Field};
use crate::outcome::{
    mean_and_variance, peak_wait_minutes, wait_p95_gateway, wait_p95_key,
    Outcome as VerdictOutcome, OutcomeKind, OUTCOMES,
};
use crate::scenario::Scenario;
use crate::sim::{Capacity, RunOutcome};
use crate::validate::Problem;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a lever counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverUnit {
    /// A staff member (a checkpoint's per-shift staff counts once per shift).
    StaffMember,
    /// A quarantine room.
    Room,
    /// A laboratory test a day.
    TestPerDay,
    /// A hospital bed.
    Bed,
}

impl LeverUnit {
    /// Machine name (`staff_member`, `room`, `test_per_day`, `bed`).
    pub fn key(self) -> &'static str {
        match self {
            LeverUnit::StaffMember => "staff_member",
            LeverUnit::Room => "room",
            LeverUnit::TestPerDay => "test_per_day",
            LeverUnit::Bed => "bed",
        }
    }

    /// Translation key of the unit's name (`unit.room`).
    pub fn label_key(self) -> &'static str {
        match self {
            LeverUnit::StaffMember => "unit.staff_member",
            LeverUnit::Room => "unit.room",
            LeverUnit::TestPerDay => "unit.test_per_day",
            LeverUnit::Bed => "unit.bed",
        }
    }
}

/// Which resource a lever moves: the timeline's resources (one list of the
/// city's resources; a checkpoint lever moves one gateway's inspectors).
pub type LeverKind = crate::timeline::Resource;

/// One lever's definition: a line of [`LEVERS`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeverDef {
    pub kind: LeverKind,
    /// Short name in the CLI and files (`rooms`; a gateway's is
    /// `checkpoint_staff[<gateway>]`).
    pub name: &'static str,
    /// The registry field it sets (a gateway field's path within the gateway).
    pub path: &'static str,
    /// Whether the field is in each gateway.
    pub per_gateway: bool,
    /// What one unit of the field is.
    pub unit: LeverUnit,
    /// Translation key of the lever's label (`lever.rooms`).
    pub label_key: &'static str,
    /// Name of its unit cost (`--cost room_day=…`): a cost per unit-day
    /// (staff-day, room-day, bed-day, test of daily laboratory capacity).
    pub cost_name: &'static str,
}

/// Every lever, one line each, in display order.
pub const LEVERS: &[LeverDef] = &[
    lever(
        LeverKind::CheckpointStaff,
        "checkpoint_staff",
        "checkpoint.staff_per_shift",
        true,
        LeverUnit::StaffMember,
        "lever.checkpoint_staff",
        "checkpoint_staff_day",
    ),
    lever(
        LeverKind::GridWorkers,
        "grid_workers",
        "community.grid_workers",
        false,
        LeverUnit::StaffMember,
        "lever.grid_workers",
        "grid_worker_day",
    ),
    lever(
        LeverKind::QuarantineRooms,
        "rooms",
        "quarantine.rooms",
        false,
        LeverUnit::Room,
        "lever.rooms",
        "room_day",
    ),
    lever(
        LeverKind::SamplingStaff,
        "sampling_staff",
        "testing.sampling_staff",
        false,
        LeverUnit::StaffMember,
        "lever.sampling_staff",
        "sampling_staff_day",
    ),
    lever(
        LeverKind::LabCapacity,
        "lab_tests",
        "testing.lab_tests_per_day",
        false,
        LeverUnit::TestPerDay,
        "lever.lab_tests",
        "test",
    ),
    lever(
        LeverKind::TracingStaff,
        "tracers",
        "tracing.staff",
        false,
        LeverUnit::StaffMember,
        "lever.tracers",
        "tracer_day",
    ),
    lever(
        LeverKind::HospitalBeds,
        "beds",
        "hospital.beds",
        false,
        LeverUnit::Bed,
        "lever.beds",
        "bed_day",
    ),
];

#[allow(clippy::too_many_arguments)]
const fn lever(
    kind: LeverKind,
    name: &'static str,
    path: &'static str,
    per_gateway: bool,
    unit: LeverUnit,
    label_key: &'static str,
    cost_name: &'static str,
) -> LeverDef {
    LeverDef {
        kind,
        name,
        path,
        per_gateway,
        unit,
        label_key,
        cost_name,
    }
}

impl LeverDef {
    /// The definition of a lever kind.
    pub fn of(kind: LeverKind) -> &'static LeverDef {
        LEVERS.iter().find(|d| d.kind == kind).unwrap_or(&LEVERS[0])
    }

    /// How the name is written (`checkpoint_staff[<gateway>]` for a gateway's).
    pub fn name_pattern(&self) -> String {
        if self.per_gateway {
            format!("{}[<gateway>]", self.name)
        } else {
            self.name.to_string()
        }
    }

    /// The registry field.
    pub fn field(&self) -> &'static Field {
        let id = if self.per_gateway {
            format!("gateways[0].{}", self.path)
        } else {
            self.path.to_string()
        };
        match fields::lookup(&id) {
            Some((field, _)) => field,
            // Every line of LEVERS names a registry field (tested).
            None => &fields::FIELDS[0],
        }
    }
}

/// A lever in a scenario: a kind, and for checkpoint staff the gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lever {
    pub kind: LeverKind,
    /// The gateway (index in the scenario's list) for checkpoint staff.
    pub gateway: Option<usize>,
}

impl Lever {
    /// A city-wide lever.
    pub fn city(kind: LeverKind) -> Lever {
        Lever {
            kind,
            gateway: None,
        }
    }

    /// A gateway's checkpoint staff.
    pub fn checkpoint_staff(gateway: usize) -> Lever {
        Lever {
            kind: LeverKind::CheckpointStaff,
            gateway: Some(gateway),
        }
    }

    /// Its definition.
    pub fn def(&self) -> &'static LeverDef {
        LeverDef::of(self.kind)
    }

    /// Every lever of a scenario, in display order: each gateway's
    /// checkpoint staff (gateways whose checkpoint is enabled), then the
    /// city-wide ones.
    pub fn all(scenario: &Scenario) -> Vec<Lever> {
        let mut levers: Vec<Lever> = scenario
            .gateways
            .iter()
            .enumerate()
            .filter(|(_, g)| g.checkpoint.enabled)
            .map(|(i, _)| Lever::checkpoint_staff(i))
            .collect();
        levers.extend(
            LEVERS
                .iter()
                .filter(|d| !d.per_gateway)
                .map(|d| Lever::city(d.kind)),
        );
        levers
    }

    /// The registry field's full path (`quarantine.rooms`,
    /// `gateways[2].checkpoint.staff_per_shift`): the page's DOM id.
    pub fn field_id(&self) -> String {
        self.def().field().id(self.gateway)
    }

    /// Reads the lever's value (`None` for a gateway that does not exist).
    pub fn get(&self, scenario: &Scenario) -> Option<f64> {
        self.def().field().number(scenario, self.gateway)
    }

    /// Sets the lever (a whole number within the registry's range). Raising
    /// checkpoint staff raises the gateway's posts to match.
    pub fn set(&self, scenario: &mut Scenario, value: f64) -> Result<(), Problem> {
        let field = self.def().field();
        field.set(scenario, self.gateway, &fields::FieldValue::Number(value))?;
        if let (LeverKind::CheckpointStaff, Some(g)) = (self.kind, self.gateway) {
            let checkpoint = &mut scenario.gateways[g].checkpoint;
            checkpoint.posts = checkpoint.posts.max(checkpoint.staff_per_shift);
        }
        Ok(())
    }

    /// The registry's range of the lever's field.
    pub fn allowed(&self) -> (f64, f64) {
        let field = self.def().field();
        (field.min, field.max)
    }

    /// Units of the lever's [`LeverUnit`] that a value amounts to each day:
    /// a checkpoint's staff per shift × shifts; the value itself otherwise.
    pub fn units_per_day(&self, scenario: &Scenario, value: f64) -> f64 {
        match (self.kind, self.gateway) {
            (LeverKind::CheckpointStaff, Some(g)) => scenario
                .gateways
                .get(g)
                .map_or(0.0, |gw| value * f64::from(gw.checkpoint.shifts)),
            _ => value,
        }
    }

    /// Checks the lever exists in `scenario`.
    pub fn check(&self, scenario: &Scenario) -> Result<(), DecideError> {
        if self.get(scenario).is_none()
            || (self.kind == LeverKind::CheckpointStaff) != self.gateway.is_some()
        {
            return Err(DecideError::UnknownLever {
                name: self.to_string(),
            });
        }
        Ok(())
    }
}

impl fmt::Display for Lever {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.gateway {
            Some(g) => write!(f, "{}[{g}]", self.def().name),
            None => f.write_str(self.def().name),
        }
    }
}

impl FromStr for Lever {
    type Err = DecideError;

    /// `rooms`, `checkpoint_staff[2]`, or the registry path
    /// (`quarantine.rooms`, `gateways[2].checkpoint.staff_per_shift`).
    fn from_str(text: &str) -> Result<Lever, DecideError> {
        let unknown = || DecideError::UnknownLever {
            name: text.to_string(),
        };
        let text = text.trim();
        let (name, gateway) = match text.split_once('[') {
            Some((name, rest)) if name != "gateways" => {
                let index = rest.strip_suffix(']').ok_or_else(unknown)?;
                (name, Some(index.parse::<usize>().map_err(|_| unknown())?))
            }
            _ => (text, None),
        };
        if let Some(def) = LEVERS.iter().find(|d| d.name == name) {
            if def.per_gateway != gateway.is_some() {
                return Err(unknown());
            }
            return Ok(Lever {
                kind: def.kind,
                gateway,
            });
        }
        let (field, gateway) = fields::lookup(text).ok_or_else(unknown)?;
        LEVERS
            .iter()
            .find(|d| d.path == field.path && d.per_gateway == gateway.is_some())
            .map(|d| Lever {
                kind: d.kind,
                gateway,
            })
            .ok_or_else(unknown)
    }
}

impl Serialize for Lever {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Lever {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Lever, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A probability of good news: more is better.
    HigherIsBetter,
    /// Infections, capacity exceeded, waits: less is better.
    LowerIsBetter,
}

/// What an outcome measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeUnit {
    /// A probability, 0 to 1 (the page shows a percentage).
    Share,
    /// A number of infections.
    Infections,
    /// Minutes.
    Minutes,
}

/// An outcome a decision is judged by.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Probability of no local transmission (`p_no_local_transmission`).
    NoLocalTransmission,
    /// Probability of containment (`p_contained`).
    Contained,
    /// Mean local infections (`local_infections_mean`; formerly
    /// `mean_local_infections`, still read).
    MeanLocalInfections,
    /// Probability that any capacity runs out (`p_any_capacity_exceeded`;
    /// formerly `p_any_exceeded`, still read).
    AnyExceeded,
    /// Probability that one capacity runs out (`p_exceeded.<capacity>`,
    /// e.g. `p_exceeded.quarantine_rooms`).
    Exceeded(Capacity),
    /// 95th percentile across runs of a gateway's worst-hour wait, minutes
    /// (`wait_p95[<gateway>]`).
    WaitP95 { gateway: usize },
}

impl Outcome {
    /// How each outcome is written, for help texts and messages.
    pub const PATTERNS: [&'static str; 6] = [
        "p_no_local_transmission",
        "p_contained",
        "local_infections_mean",
        "p_any_capacity_exceeded",
        "p_exceeded.<capacity>",
        "wait_p95[<gateway>]",
    ];

    /// The outcome of the verdict's table it is, `None` for a wait.
    pub fn verdict(&self) -> Option<VerdictOutcome> {
        match self {
            Outcome::NoLocalTransmission => Some(VerdictOutcome::NoLocalTransmission),
            Outcome::Contained => Some(VerdictOutcome::Contained),
            Outcome::MeanLocalInfections => Some(VerdictOutcome::LocalInfections),
            Outcome::AnyExceeded => Some(VerdictOutcome::AnyCapacityExceeded),
            Outcome::Exceeded(c) => Some(VerdictOutcome::CapacityExceeded(*c)),
            Outcome::WaitP95 { .. } => None,
        }
    }

    /// The decision outcome of an outcome of the verdict's table (`None`
    /// for the one the decision tools do not use: out of control).
    pub fn of_verdict(outcome: VerdictOutcome) -> Option<Outcome> {
        match outcome {
            VerdictOutcome::NoLocalTransmission => Some(Outcome::NoLocalTransmission),
            VerdictOutcome::Contained => Some(Outcome::Contained),
            VerdictOutcome::LocalInfections => Some(Outcome::MeanLocalInfections),
            VerdictOutcome::OutOfControl => None,
            VerdictOutcome::AnyCapacityExceeded => Some(Outcome::AnyExceeded),
            VerdictOutcome::CapacityExceeded(c) => Some(Outcome::Exceeded(c)),
        }
    }

    /// Every outcome of a scenario, in display order: the verdict's table
    /// ([`OUTCOMES`]) without out of control, then each gateway with a
    /// checkpoint's wait.
    pub fn all(scenario: &Scenario) -> Vec<Outcome> {
        let mut all: Vec<Outcome> = OUTCOMES
            .into_iter()
            .filter_map(Outcome::of_verdict)
            .collect();
        all.extend(
            scenario
                .gateways
                .iter()
                .enumerate()
                .filter(|(_, g)| g.checkpoint.enabled)
                .map(|(gateway, _)| Outcome::WaitP95 { gateway }),
        );
        all
    }

    /// Translation key of the outcome's label (`outcome.p_exceeded`; the
    /// page adds the capacity's or the gateway's name).
    pub fn label_key(&self) -> &'static str {
        self.verdict()
            .map_or("outcome.wait_p95", VerdictOutcome::label_key)
    }

    /// Which way is better.
    pub fn direction(&self) -> Direction {
        match self.verdict() {
            Some(o) if o.higher_is_better() => Direction::HigherIsBetter,
            _ => Direction::LowerIsBetter,
        }
    }

    /// What it measures.
    pub fn unit(&self) -> OutcomeUnit {
        match self.verdict().map(VerdictOutcome::kind) {
            Some(OutcomeKind::Probability) => OutcomeUnit::Share,
            Some(OutcomeKind::Count) => OutcomeUnit::Infections,
            None => OutcomeUnit::Minutes,
        }
    }

    /// Whether the value across runs is a mean of the per-run values (so a
    /// standard error applies); `false` for a percentile.
    pub fn is_mean(&self) -> bool {
        self.verdict().is_some()
    }

    /// Checks the outcome exists in `scenario` (its gateway does).
    pub fn check(&self, scenario: &Scenario) -> Result<(), DecideError> {
        match self {
            Outcome::WaitP95 { gateway } if *gateway >= scenario.gateways.len() => {
                Err(DecideError::UnknownOutcome {
                    name: self.to_string(),
                })
            }
            _ => Ok(()),
        }
    }

    /// One run's value ([`VerdictOutcome::value`]: 1 or 0 for a
    /// probability, local infections), or the gateway's worst-hour wait in
    /// minutes.
    pub fn per_run(&self, run: &RunOutcome) -> f64 {
        match (self, self.verdict()) {
            (Outcome::WaitP95 { gateway }, _) => peak_wait_minutes(&run.summary, *gateway),
            (_, outcome) => outcome.map_or(0.0, |o| o.value(&run.summary)),
        }
    }

    /// The value across runs: the mean of the per-run values, or their 95th
    /// percentile for a wait; `NaN` without runs.
    pub fn across_runs(&self, values: &[f64]) -> f64 {
        if values.is_empty() {
            return f64::NAN;
        }
        if self.is_mean() {
            mean_and_variance(values.iter().copied()).0
        } else {
            super::p95(values)
        }
    }

    /// Whether `a` is strictly better than `b`.
    pub fn better(&self, a: f64, b: f64) -> bool {
        match self.direction() {
            Direction::HigherIsBetter => a > b,
            Direction::LowerIsBetter => a < b,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self, self.verdict()) {
            (Outcome::WaitP95 { gateway }, _) => f.write_str(&wait_p95_key(*gateway)),
            (_, outcome) => f.write_str(&outcome.map(|o| o.key()).unwrap_or_default()),
        }
    }
}

impl FromStr for Outcome {
    type Err = DecideError;

    /// A key of the verdict's table (or an older name of one:
    /// `mean_local_infections` is read as `local_infections_mean`), or
    /// `wait_p95[<gateway>]`.
    fn from_str(text: &str) -> Result<Outcome, DecideError> {
        let unknown = || DecideError::UnknownOutcome {
            name: text.to_string(),
        };
        let text = text.trim();
        if let Some(gateway) = wait_p95_gateway(text) {
            return gateway
                .map(|gateway| Outcome::WaitP95 { gateway })
                .ok_or_else(unknown);
        }
        VerdictOutcome::from_name(text)
            .and_then(Outcome::of_verdict)
            .ok_or_else(unknown)
    }
}

impl Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Outcome, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
