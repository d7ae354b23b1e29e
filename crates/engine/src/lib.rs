//! Cordon's simulation engine.
//!
//! Plain data in, plain data out: a [`Scenario`] (serde) is validated
//! ([`validate()`]), planned ([`Plan`]) and run, either as one
//! [`Simulation`] advanced a day at a time (drill mode) or as a Monte Carlo
//! [`Batch`] whose runs are aggregated into [`Results`] with percentile
//! bands. Scenarios travel in links ([`link`]).
//!
//! The engine never touches the DOM, the clock, files or OS randomness:
//! every random draw comes from a generator seeded from the scenario.

pub mod change_kinds;
pub mod checkpoint;
pub mod compare;
pub mod decide;
pub mod dist;
pub mod drill;
pub mod fields;
pub mod link;
pub mod montecarlo;
pub mod outcome;
pub mod plan;
pub mod presets;
pub mod report;
pub mod rng;
pub mod scenario;
pub mod sim;
pub mod timeline;
pub mod timing;
pub mod validate;

pub use change_kinds::{
    change_kind, ChangeInputs, ChangeKind, ChangeNumber, NumberKind, CHANGE_KINDS,
};
pub use compare::{
    compare, CompareError, Comparison, NamedPlan, Outcome, PlanRuns, PlanSet, PlanSetError,
    OUTCOMES,
};
pub use montecarlo::{
    aggregate, needed, run_all, set_checkpoint_staff_needed, Band, Batch, CapacityVerdict,
    DailyBand, GatewayBand, GatewayResults, Needed, NeededAmount, Results, RunNeeds, Stats,
    Summary, SupplyVerdict,
};
pub use plan::{checkpoint_staff_needed, Plan};
pub use scenario::*;
pub use sim::{
    Capacity, DayValues, Found, GatewayDayValues, GatewaySeries, GatewaySummary, Infector,
    LineListEntry, RunOutcome, RunSummary, Series, Setting, Simulation, State,
    GATEWAY_SERIES_COUNT,
};
pub use timeline::{Change, Resource, TimelineEvent};
pub use validate::{validate, warnings, Caution, FieldError, Problem, ValidationErrors, Warning};
