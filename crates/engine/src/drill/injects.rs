//! The inject library (情况注入, the master scenario events list) and the
//! library of ready decisions: each inject has its message for the room in
//! both languages and its effect in the engine (timeline changes); each
//! ready decision a title in both languages, the department that usually
//! takes it and its default change.
//!
//! The engine holds these texts because they are data of the exercise: the
//! CLI's replay and the page's room display show the same message for the
//! same inject.

use super::exercise::Department;
use crate::scenario::Scenario;
use crate::timeline::{Change, Resource};
use serde::{Deserialize, Serialize};

/// A language of the room's messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    /// 简体中文
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English
    #[serde(rename = "en-US")]
    EnUs,
}

/// What an inject does. Each maps to one or more timeline changes
/// ([`Inject::changes`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Inject {
    /// `count` infected travellers slip through the checkpoint of gateway
    /// `gateway` (index into the scenario's gateways) unnoticed.
    TravellerSlipsThrough { gateway: u32, count: u32 },
    /// A neighbouring city reports a case who was here: `infected_contacts`
    /// residents were infected by them (undetected).
    NeighbourCityCase { infected_contacts: u32 },
    /// A share of the sampling staff is off sick for `days` days.
    SamplingStaffSick { share: f64, days: u32 },
    /// The laboratories produce nothing for `days` days.
    LabDown { days: u32 },
    /// A quarantine site must close, removing `rooms` rooms.
    QuarantineSiteCloses { rooms: u32 },
    /// Travellers at gateway `gateway` are `factor` times as many as planned
    /// for `days` days.
    ArrivalSurge {
        gateway: u32,
        factor: f64,
        days: u32,
    },
    /// A cold-chain positive: `infected_workers` workers of a cold store
    /// were infected by imported frozen goods (undetected).
    ColdChainPositive { infected_workers: u32 },
}

/// One entry of the inject library.
#[derive(Clone, Copy, Debug)]
pub struct InjectInfo {
    /// Machine name (snake case), the inject's `kind` in files.
    pub id: &'static str,
    /// Short title, English.
    pub title_en: &'static str,
    /// Short title, Chinese.
    pub title_zh: &'static str,
    /// The message read to the room, English, with `{gateway}`, `{count}`,
    /// `{share}`, `{days}`, `{rooms}`, `{factor}` filled in by
    /// [`Inject::message`].
    pub message_en: &'static str,
    /// The message read to the room, Chinese.
    pub message_zh: &'static str,
    /// The department the message reaches first.
    pub department: Department,
}

/// The inject library, in display order.
pub const INJECTS: &[InjectInfo] = &[
    InjectInfo {
        id: "traveller_slips_through",
        title_en: "Infected traveller slips through",
        title_zh: "感染者漏检入城",
        message_en: "{gateway}: during the night shift a lane stood unstaffed for an hour; travellers passed without checks.",
        message_zh: "{gateway}：夜班有一条通道空岗约一小时，期间旅客未经查验通过。",
        department: Department::Checkpoints,
    },
    InjectInfo {
        id: "neighbour_city_case",
        title_en: "Neighbouring city reports a case",
        title_zh: "邻市通报病例",
        message_en: "A neighbouring city reports a confirmed case who spent two days in our city before testing positive; their contacts here are not yet known.",
        message_zh: "邻市通报一例确诊病例，确诊前曾在我市停留两天，其在我市的密接尚未查明。",
        department: Department::Tracing,
    },
    InjectInfo {
        id: "sampling_staff_sick",
        title_en: "Sampling staff fall sick",
        title_zh: "采样人员因病减员",
        message_en: "{share} of the sampling staff are off sick for {days}.",
        message_zh: "{share} 的采样人员因病缺勤，预计 {days} 天。",
        department: Department::Testing,
    },
    InjectInfo {
        id: "lab_down",
        title_en: "Laboratory down",
        title_zh: "实验室停摆",
        message_en: "The laboratory's equipment has failed: no test results for {days}.",
        message_zh: "实验室设备故障：{days} 天内无法出具检测结果。",
        department: Department::Testing,
    },
    InjectInfo {
        id: "quarantine_site_closes",
        title_en: "Quarantine site must close",
        title_zh: "隔离点须关闭",
        message_en: "A quarantine site must close today ({rooms} rooms): the hotel is needed back.",
        message_zh: "一处隔离点今日须关闭（{rooms} 间）：酒店需收回。",
        department: Department::Quarantine,
    },
    InjectInfo {
        id: "arrival_surge",
        title_en: "Surge of arrivals",
        title_zh: "到达人数激增",
        message_en: "{gateway}: arrivals are {factor} times the usual for the next {days}.",
        message_zh: "{gateway}：未来 {days} 天到达人数为平时的 {factor} 倍。",
        department: Department::Checkpoints,
    },
    InjectInfo {
        id: "cold_chain_positive",
        title_en: "Cold-chain positive",
        title_zh: "冷链检出阳性",
        message_en: "A swab from imported frozen-food packaging at a cold store has tested positive; the store's workers may be infected.",
        message_zh: "某冷库进口冷冻食品外包装样本检出阳性，冷库工作人员可能已被感染。",
        department: Department::Community,
    },
];

impl Inject {
    /// Machine name, as in [`INJECTS`].
    pub fn id(&self) -> &'static str {
        match self {
            Inject::TravellerSlipsThrough { .. } => "traveller_slips_through",
            Inject::NeighbourCityCase { .. } => "neighbour_city_case",
            Inject::SamplingStaffSick { .. } => "sampling_staff_sick",
            Inject::LabDown { .. } => "lab_down",
            Inject::QuarantineSiteCloses { .. } => "quarantine_site_closes",
            Inject::ArrivalSurge { .. } => "arrival_surge",
            Inject::ColdChainPositive { .. } => "cold_chain_positive",
        }
    }

    /// Its library entry.
    pub fn info(&self) -> &'static InjectInfo {
        let id = self.id();
        INJECTS
            .iter()
            .find(|info| info.id == id)
            .unwrap_or(&INJECTS[0])
    }

    /// The library's inject `id` with its default parameters for a
    /// scenario: the first gateway, one traveller, 20 % of sampling staff
    /// for 7 days, the laboratory down for 24 hours, an average site's
    /// rooms, arrivals doubled for 3 days, two infected contacts or workers.
    pub fn default_for(id: &str, scenario: &Scenario) -> Option<Inject> {
        let q = &scenario.quarantine;
        let site_rooms = if q.sites > 0 {
            (f64::from(q.rooms) / f64::from(q.sites)).round() as u32
        } else {
            q.rooms
        };
        Some(match id {
            "traveller_slips_through" => Inject::TravellerSlipsThrough {
                gateway: 0,
                count: 1,
            },
            "neighbour_city_case" => Inject::NeighbourCityCase {
                infected_contacts: 2,
            },
            "sampling_staff_sick" => Inject::SamplingStaffSick {
                share: 0.2,
                days: 7,
            },
            "lab_down" => Inject::LabDown { days: 1 },
            "quarantine_site_closes" => Inject::QuarantineSiteCloses { rooms: site_rooms },
            "arrival_surge" => Inject::ArrivalSurge {
                gateway: 0,
                factor: 2.0,
                days: 3,
            },
            "cold_chain_positive" => Inject::ColdChainPositive {
                infected_workers: 2,
            },
            _ => return None,
        })
    }

    /// Its effect: timeline changes, each with its offset in days from the
    /// inject's day (0: that day). A case with no infected contacts here (or
    /// a cold-chain positive that infected nobody) changes nothing: the room
    /// gets the message, the truth stays the same.
    pub fn changes(&self) -> Vec<(u32, Change)> {
        let mut changes = self.all_changes();
        changes.retain(|(_, change)| !matches!(change, Change::LocalInfection { count: 0 }));
        changes
    }

    fn all_changes(&self) -> Vec<(u32, Change)> {
        match *self {
            Inject::TravellerSlipsThrough { gateway, count } => vec![(
                0,
                Change::InfectedArrival {
                    gateway,
                    count,
                    unnoticed: true,
                },
            )],
            Inject::NeighbourCityCase { infected_contacts } => vec![(
                0,
                Change::LocalInfection {
                    count: infected_contacts,
                },
            )],
            Inject::SamplingStaffSick { share, days } => vec![
                (
                    0,
                    Change::StaffAbsent {
                        resource: Resource::SamplingStaff,
                        share,
                    },
                ),
                (
                    days,
                    Change::StaffAbsent {
                        resource: Resource::SamplingStaff,
                        share: 0.0,
                    },
                ),
            ],
            Inject::LabDown { days } => vec![(0, Change::LabOutage { days })],
            Inject::QuarantineSiteCloses { rooms } => {
                vec![(0, Change::QuarantineSiteClosed { rooms })]
            }
            Inject::ArrivalSurge {
                gateway,
                factor,
                days,
            } => vec![(
                0,
                Change::ArrivalSurge {
                    gateway,
                    factor,
                    days,
                },
            )],
            Inject::ColdChainPositive { infected_workers } => vec![(
                0,
                Change::LocalInfection {
                    count: infected_workers,
                },
            )],
        }
    }

    /// The message for the room in a language, its blanks filled in (the
    /// gateway by its name in the scenario).
    pub fn message(&self, scenario: &Scenario, language: Language) -> String {
        let info = self.info();
        let template = match language {
            Language::ZhCn => info.message_zh,
            Language::EnUs => info.message_en,
        };
        let gateway_name = |g: u32| {
            scenario
                .gateways
                .get(g as usize)
                .map(|g| g.name.clone())
                .unwrap_or_else(|| format!("#{}", g + 1))
        };
        // English says "1 day" / "3 days"; the Chinese templates carry 天.
        let days_text = |days: u32| match language {
            Language::EnUs if days == 1 => "1 day".to_string(),
            Language::EnUs => format!("{days} days"),
            Language::ZhCn => days.to_string(),
        };
        let mut blanks: Vec<(&str, String)> = Vec::new();
        match *self {
            Inject::TravellerSlipsThrough { gateway, count } => {
                blanks.push(("gateway", gateway_name(gateway)));
                blanks.push(("count", count.to_string()));
            }
            Inject::NeighbourCityCase { infected_contacts } => {
                blanks.push(("count", infected_contacts.to_string()))
            }
            Inject::SamplingStaffSick { share, days } => {
                blanks.push(("share", percent(share)));
                blanks.push(("days", days_text(days)));
            }
            Inject::LabDown { days } => blanks.push(("days", days_text(days))),
            Inject::QuarantineSiteCloses { rooms } => blanks.push(("rooms", rooms.to_string())),
            Inject::ArrivalSurge {
                gateway,
                factor,
                days,
            } => {
                blanks.push(("gateway", gateway_name(gateway)));
                blanks.push(("factor", factor.to_string()));
                blanks.push(("days", days_text(days)));
            }
            Inject::ColdChainPositive { infected_workers } => {
                blanks.push(("count", infected_workers.to_string()))
            }
        }
        let mut text = template.to_string();
        for (name, value) in blanks {
            text = text.replace(&format!("{{{name}}}"), &value);
        }
        text
    }
}

/// A share as a whole percentage where it is one (`20%`), else with the
/// digits it needs (`12.5%`).
fn percent(share: f64) -> String {
    let p = share * 100.0;
    let rounded = (p * 1000.0).round() / 1000.0;
    format!("{rounded}%")
}

/// One ready decision of the decision library: a title, the department
/// that usually takes it, and its change with default values.
#[derive(Clone, Copy, Debug)]
pub struct DecisionInfo {
    /// Machine name (snake case).
    pub id: &'static str,
    /// Short title, English.
    pub title_en: &'static str,
    /// Short title, Chinese.
    pub title_zh: &'static str,
    /// The department that usually takes it.
    pub department: Department,
}

/// The library of ready decisions, in display order (their changes:
/// [`default_decision`]).
pub const DECISIONS: &[DecisionInfo] = &[
    DecisionInfo {
        id: "open_quarantine_site",
        title_en: "Open another quarantine site",
        title_zh: "启用新的隔离点",
        department: Department::Quarantine,
    },
    DecisionInfo {
        id: "population_testing",
        title_en: "Start a population-wide testing round",
        title_zh: "开展全员核酸检测",
        department: Department::Testing,
    },
    DecisionInfo {
        id: "add_checkpoint_staff",
        title_en: "Add inspectors per shift at every checkpoint",
        title_zh: "各卡口每班增派查验人员",
        department: Department::Checkpoints,
    },
    DecisionInfo {
        id: "redeploy_grid_workers",
        title_en: "Redeploy workers to the grid",
        title_zh: "增派网格员",
        department: Department::Community,
    },
    DecisionInfo {
        id: "add_tracers",
        title_en: "Reinforce the tracing teams",
        title_zh: "增派流调人员",
        department: Department::Tracing,
    },
    DecisionInfo {
        id: "add_beds",
        title_en: "Add designated-hospital beds",
        title_zh: "增加定点医院床位",
        department: Department::Hospital,
    },
    DecisionInfo {
        id: "declare_zones",
        title_en: "Declare sealed and controlled zones",
        title_zh: "划定封控区、管控区",
        department: Department::Command,
    },
    DecisionInfo {
        id: "tighten_measures",
        title_en: "Tighten routine measures",
        title_zh: "加强常态化防控措施",
        department: Department::Command,
    },
];

/// The change of the ready decision `id` with default values for a
/// scenario: an average site's rooms, one round, two inspectors per shift,
/// 10 % more grid workers, half again as many tracers, 20 beds, zones for
/// the scenario's zone duration, contacts down to 60 % of the scenario's
/// routine level.
pub fn default_decision(id: &str, scenario: &Scenario) -> Option<Change> {
    let q = &scenario.quarantine;
    let site_rooms = if q.sites > 0 {
        (f64::from(q.rooms) / f64::from(q.sites)).round()
    } else {
        f64::from(q.rooms)
    };
    Some(match id {
        "open_quarantine_site" => Change::AddLevel {
            resource: Resource::QuarantineRooms,
            amount: site_rooms,
        },
        "population_testing" => Change::MassTesting { rounds: 1 },
        "add_checkpoint_staff" => Change::AddLevel {
            resource: Resource::CheckpointStaff,
            amount: 2.0,
        },
        "redeploy_grid_workers" => Change::AddLevel {
            resource: Resource::GridWorkers,
            amount: (f64::from(scenario.community.grid_workers) * 0.1).round(),
        },
        "add_tracers" => Change::AddLevel {
            resource: Resource::TracingStaff,
            amount: (f64::from(scenario.tracing.staff) * 0.5).round(),
        },
        "add_beds" => Change::AddLevel {
            resource: Resource::HospitalBeds,
            amount: 20.0,
        },
        "declare_zones" => Change::DeclareZones {
            days: scenario.response.zones.duration_days.max(1),
        },
        "tighten_measures" => Change::SetContactFactor {
            factor: (scenario.response.baseline_contact_factor * 0.6).clamp(0.0, 1.0),
        },
        _ => return None,
    })
}
