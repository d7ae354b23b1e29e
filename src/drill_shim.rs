//! TEMPORARY stand-in for `cordon_engine::drill` until its API lands on
//! branch `drill`; replaced by it, not merged.

use cordon_engine::{Change, DayValues, Scenario, Simulation, TimelineEvent};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Department {
    Command,
    Checkpoints,
    Community,
    Quarantine,
    Testing,
    Tracing,
    Hospital,
}

impl Department {
    pub const ALL: [Department; 7] = [
        Department::Command,
        Department::Checkpoints,
        Department::Community,
        Department::Quarantine,
        Department::Testing,
        Department::Tracing,
        Department::Hospital,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Department::Command => "command",
            Department::Checkpoints => "checkpoints",
            Department::Community => "community",
            Department::Quarantine => "quarantine",
            Department::Testing => "testing",
            Department::Tracing => "tracing",
            Department::Hospital => "hospital",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inject {
    pub day: u32,
    pub id: String,
    pub changes: Vec<Change>,
    pub fired: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub day: u32,
    pub department: Department,
    pub change: Change,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Branch {
    pub name: String,
    pub from_day: u32,
    pub decisions: Vec<Decision>,
    pub injects: Vec<Inject>,
    pub played_to: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exercise {
    pub title: String,
    pub scenario: Scenario,
    pub run: u32,
    pub injects: Vec<Inject>,
    pub decisions: Vec<Decision>,
    pub branches: Vec<Branch>,
    pub notes: BTreeMap<Department, String>,
    pub played_to: u32,
}

impl Exercise {
    pub fn new(scenario: Scenario, run: u32) -> Exercise {
        Exercise {
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    Main,
    Branch(usize),
    NoDecisions,
}

pub struct LibraryInject {
    pub id: &'static str,
    pub title_en: &'static str,
    pub title_zh: &'static str,
    pub message_en: &'static str,
    pub message_zh: &'static str,
}

pub const INJECTS: &[LibraryInject] = &[
    LibraryInject {
        id: "traveller_slips_through",
        title_en: "An infected traveller slips through",
        title_zh: "感染者经卡口漏检入城",
        message_en:
            "A traveller who passed the rail station two days ago tests positive in another city.",
        message_zh: "两天前经火车站入城的一名旅客在外地检测阳性。",
    },
    LibraryInject {
        id: "lab_down",
        title_en: "Laboratory down for 24 h",
        title_zh: "实验室停机 24 小时",
        message_en: "The laboratory reports an equipment failure: no results for 24 hours.",
        message_zh: "实验室设备故障：24 小时内无法出结果。",
    },
];

pub fn inject_changes(id: &str) -> Vec<Change> {
    match id {
        "lab_down" => vec![Change::LabOutage { days: 1 }],
        _ => vec![Change::InfectedArrival {
            gateway: 0,
            count: 1,
            unnoticed: true,
        }],
    }
}

fn events(exercise: &Exercise, line: Line) -> Vec<TimelineEvent> {
    let mut out = Vec::new();
    let (injects, decisions): (Vec<&Inject>, Vec<&Decision>) = match line {
        Line::Main => (
            exercise.injects.iter().collect(),
            exercise.decisions.iter().collect(),
        ),
        Line::NoDecisions => (exercise.injects.iter().collect(), Vec::new()),
        Line::Branch(b) => {
            let branch = &exercise.branches[b];
            (
                exercise
                    .injects
                    .iter()
                    .filter(|i| i.day < branch.from_day)
                    .chain(&branch.injects)
                    .collect(),
                exercise
                    .decisions
                    .iter()
                    .filter(|d| d.day < branch.from_day)
                    .chain(&branch.decisions)
                    .collect(),
            )
        }
    };
    for i in injects {
        for c in &i.changes {
            out.push(TimelineEvent {
                day: i.day,
                change: c.clone(),
            });
        }
    }
    for d in decisions {
        out.push(TimelineEvent {
            day: d.day,
            change: d.change.clone(),
        });
    }
    out
}

pub fn replay(exercise: &Exercise, line: Line, to_day: u32) -> Result<Vec<DayValues>, String> {
    let mut scenario = exercise.scenario.clone();
    scenario.timeline.extend(events(exercise, line));
    let mut sim = Simulation::new(&scenario, exercise.run).map_err(|e| format!("{e:?}"))?;
    while sim.day() < to_day.min(scenario.days) {
        sim.step();
    }
    Ok(sim.daily().to_vec())
}

pub fn encode(exercise: &Exercise) -> String {
    let json = serde_json::to_vec(exercise).unwrap_or_default();
    let s = cordon_engine::link::seal_body(&json);
    format!("e{}", &s[1..])
}

pub fn decode(link: &str) -> Result<Exercise, String> {
    let _ = link;
    Err("not yet".into())
}
