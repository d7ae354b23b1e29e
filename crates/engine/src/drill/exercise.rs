//! The exercise as plain data: its scenario, the realisation played, the
//! scheduled and fired injects, the room's decisions, branches ("what if we
//! had …") and the evaluators' notes. This is what an exercise file and an
//! exercise link hold; [`super::replay`] turns it into days.
//!
//! Days in an exercise count from 1, as the room sees them: an inject or a
//! decision on day `d` takes effect at the start of day `d` (the engine's
//! timeline day `d - 1`), before anything happens that day.

use super::injects::Inject;
use crate::scenario::Scenario;
use crate::timeline::Change;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the exercise file format written by this build.
pub const EXERCISE_VERSION: u32 = 1;

/// A tabletop exercise (桌面推演) on one realisation of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Format version (currently 1).
    #[serde(default = "exercise_version")]
    pub exercise_version: u32,
    /// Title shown to the room.
    #[serde(default)]
    pub title: String,
    /// The scenario played (its own timeline included; the exercise's
    /// injects and decisions come on top).
    pub scenario: Scenario,
    /// The realisation played: the index of a run of the scenario's Monte
    /// Carlo batch (the same random numbers as that run).
    #[serde(default)]
    pub run: u32,
    /// Injects of the main line: scheduled before the exercise and fired
    /// ad hoc during play (`fired`), in any order.
    #[serde(default)]
    pub injects: Vec<ScheduledInject>,
    /// The room's decisions on the main line, in any order.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Branches: the main line forked at a day, with other decisions.
    #[serde(default)]
    pub branches: Vec<Branch>,
    /// Evaluators' notes, per department.
    #[serde(default)]
    pub notes: BTreeMap<Department, String>,
    /// Last day played on the main line (0: not started).
    #[serde(default)]
    pub played_to: u32,
}

fn exercise_version() -> u32 {
    EXERCISE_VERSION
}

/// An inject on a day of the exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScheduledInject {
    /// Day, from 1, on which the inject reaches the room and takes effect.
    pub day: u32,
    /// What happens.
    pub inject: Inject,
    /// Fired ad hoc by the facilitator during play (rather than scheduled
    /// beforehand). Only a record: it takes effect the same way.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fired: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A decision of the room: a change to the scenario from a day on, with who
/// took it and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Day, from 1, from which the decision applies.
    pub day: u32,
    /// The department that took it.
    pub department: Department,
    /// A short note (what and why), in the room's words.
    #[serde(default)]
    pub note: String,
    /// What changes (the engine's timeline change: e.g. `add_level` of
    /// quarantine rooms for a new site, `mass_testing`, `declare_zones`).
    pub change: Change,
}

/// A fork of the main line ("what if we had …"): every inject of the main
/// line and the branch's own, the main line's decisions before `from_day`,
/// then the branch's own decisions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// Name shown on charts ("what if we had …").
    pub name: String,
    /// First day, from 1, on which the branch differs from the main line.
    pub from_day: u32,
    /// The branch's decisions (each on `from_day` or later).
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Injects of this branch only, besides the main line's (each on
    /// `from_day` or later).
    #[serde(default)]
    pub injects: Vec<ScheduledInject>,
}

/// A department of the command centre (指挥部), for decisions and notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Department {
    /// 卡口/检查站
    Checkpoints,
    /// 社区/网格
    Community,
    /// 隔离
    Quarantine,
    /// 核酸检测
    Testing,
    /// 流调
    Tracing,
    /// 定点医院
    Hospital,
    /// 指挥部
    Command,
}

impl Department {
    /// Every department, in display order.
    pub const ALL: [Department; 7] = [
        Department::Checkpoints,
        Department::Community,
        Department::Quarantine,
        Department::Testing,
        Department::Tracing,
        Department::Hospital,
        Department::Command,
    ];

    /// Machine name (snake case), as in files; the page's label key is
    /// `drill.department.<key>`.
    pub fn key(self) -> &'static str {
        match self {
            Department::Checkpoints => "checkpoints",
            Department::Community => "community",
            Department::Quarantine => "quarantine",
            Department::Testing => "testing",
            Department::Tracing => "tracing",
            Department::Hospital => "hospital",
            Department::Command => "command",
        }
    }

    /// The department named `key` ([`Department::key`]).
    pub fn from_key(key: &str) -> Option<Department> {
        Department::ALL.into_iter().find(|d| d.key() == key)
    }
}

/// Which line of an exercise to play.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Line {
    /// The main line.
    Main,
    /// Branch `i` of [`Exercise::branches`].
    Branch(u32),
}

impl Exercise {
    /// A new exercise on run `run` of a scenario, not yet played.
    pub fn new(scenario: Scenario, run: u32) -> Exercise {
        Exercise {
            exercise_version: EXERCISE_VERSION,
            title: scenario.name.clone(),
            scenario,
            run,
            injects: Vec::new(),
            decisions: Vec::new(),
            branches: Vec::new(),
            notes: BTreeMap::new(),
            played_to: 0,
        }
    }

    /// The line named `name`: `main`, a branch's name, or a branch's index
    /// from 0 (for the CLI's `--line`).
    pub fn line_named(&self, name: &str) -> Option<Line> {
        if name == "main" {
            return Some(Line::Main);
        }
        if let Some(i) = self.branches.iter().position(|b| b.name == name) {
            return Some(Line::Branch(i as u32));
        }
        name.parse::<u32>()
            .ok()
            .filter(|i| (*i as usize) < self.branches.len())
            .map(Line::Branch)
    }

    /// The injects and decisions of a line. A branch keeps every inject of
    /// the main line (the facilitator's script happens on every line) and
    /// adds its own; it keeps the main line's decisions before its
    /// `from_day`, then takes its own. `None` for a branch that does not
    /// exist.
    pub fn line_events(&self, line: Line) -> Option<(Vec<ScheduledInject>, Vec<Decision>)> {
        match line {
            Line::Main => Some((self.injects.clone(), self.decisions.clone())),
            Line::Branch(i) => {
                let branch = self.branches.get(i as usize)?;
                let injects = (self.injects.iter())
                    .chain(&branch.injects)
                    .cloned()
                    .collect();
                let decisions = (self.decisions.iter())
                    .filter(|d| d.day < branch.from_day)
                    .chain(&branch.decisions)
                    .cloned()
                    .collect();
                Some((injects, decisions))
            }
        }
    }
}
