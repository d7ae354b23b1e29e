//! Presets: variants with their sources, the example city, and imported-case
//! scenarios.
//!
//! # Variant parameters and sources
//! - Ancestral (2020): R0 2.5 (Li et al., NEJM 2020, 2.2; Riou and Althaus,
//!   Euro Surveill 2020, 2.2; 2.5 is the WHO-China joint mission's upper
//!   central value); dispersion k 0.1 (Endo et al., Wellcome Open Res 2020);
//!   generation interval gamma mean 5.2 d, sd 1.72 d (Ganyani et al., Euro
//!   Surveill 2020); incubation log-normal mean 6.4 d, sd 2.3 d (Backer et al.,
//!   Euro Surveill 2020); 20% asymptomatic with relative infectiousness 0.35
//!   (Buitrago-Garcia et al., PLoS Med 2020); fever in 88% of symptomatic
//!   cases (Guan et al., NEJM 2020).
//! - Delta (2021): R0 5.1 (Liu and Rocklöv, J Travel Med 2021); k 0.4 (order
//!   of estimates for the Guangzhou May 2021 outbreak; superspreading less
//!   marked than the ancestral strain); incubation log-normal mean 4.4 d, sd
//!   1.9 d (Zhang et al., Lancet Reg Health West Pac 2021; Grant et al.,
//!   meta-analysis 2022); generation interval gamma mean 4.0 d, sd 2.0 d
//!   (Hart et al., Lancet Infect Dis 2022, household data); 30% asymptomatic.
//! - Omicron BA.1/BA.2 (2022): R0 9.5 (Liu and Rocklöv, J Travel Med 2022);
//!   k 0.4; incubation log-normal mean 3.4 d, sd 1.6 d (Wu et al., JAMA Netw
//!   Open 2022); generation interval gamma mean 3.3 d, sd 1.9 d (serial
//!   interval 2.2 to 3.5 d, Backer et al., Euro Surveill 2022); 40%
//!   asymptomatic (Shang et al., Vaccines 2022, pooled estimate).
//!
//! The example city's resources come from the 2022 municipal survey report
//! in `shared/seeds/` (see the brief): 9,149 grid workers, 9 tracing teams with
//! 158 staff, 24 quarantine sites with 3,695 rooms, 3,312 sampling staff and
//! 102,000 single-tube tests a day, 60 designated-hospital beds; gateway
//! counts (1 rail station, 2 coach stations, 6 highway exits) are our choice.
//!
//! # Supplies of the example city
//! The seeds report shortages of masks, protective suits, goggles, gloves,
//! disinfectant and thermometers in every district, and the city's standard
//! afterwards: stock for 30 days of full-load work (满足30天满负荷运转需要).
//! Thermometers are equipment, not used up, so they are not an item. Full
//! load ([`Scenario::full_load_work`]) for the example city is, per day:
//! 114 inspector shifts (38 inspectors per shift, three shifts), 3,312
//! sampling shifts, 158 tracer shifts, 9,149 grid-worker days, 993,600
//! samples (3,312 × 300), 102,000 tubes, 3,695 room-days and 60 bed-days.
//! Uses per unit of work, and why:
//! - masks: 2 per staff shift of every kind (a medical mask lasts about four
//!   hours, a shift is eight); 2 per room-day (one for the person in
//!   quarantine, about one for the site's staff); 6 per bed-day (ward staff
//!   at about one to two per bed a shift, three shifts);
//! - protective suits: 1 per sampling shift (single use, worn through one
//!   session), 0.5 per tracer shift (half of the day's interviews on site),
//!   0.2 per room-day (a site's medical staff, about one per 15 rooms a
//!   shift), 4 per bed-day (a new suit at every entry to the isolation ward);
//!   checkpoint inspectors and grid workers wear none (the seeds' inspectors
//!   had "only one mask");
//! - goggles (reused after disinfection, replaced about every ten shifts):
//!   0.1 per sampling and tracer shift, 0.02 per room-day, 0.5 per bed-day;
//! - gloves, pairs: 2 per inspector, sampling and room-day shift (changed at
//!   mid-shift), 1 per tracer and grid-worker day, 0.05 per sample (outer
//!   gloves changed every 20 people), 8 per bed-day;
//! - disinfectant, litres: 0.5 per inspector and sampling shift (posts and
//!   tables), 0.003 per sample (3 ml of hand rub between people), 0.1 per
//!   tracer and grid-worker day, 0.5 per room-day (room and corridor), 1 per
//!   bed-day;
//! - swabs: 1 per person sampled; reagent: 1 test per laboratory tube (a
//!   10-in-1 pooled tube uses one).
//!
//! Stocks are the 30-day standard rounded up (masks 36 days at full load,
//! suits 34, goggles 33, gloves 33, disinfectant 32, swabs 30.2, reagent
//! 30.4); the daily resupply is about an ordinary day's use without an
//! outbreak (checkpoints, grid workers, routine screening, arrivals in
//! quarantine), so the 30-day stock is the reserve for the outbreak and the
//! example city never runs out (a test holds this).

use crate::dist::Delay;
use crate::scenario::*;
use crate::timeline::{Change, TimelineEvent};

/// Epidemiological parameters of a variant preset.
pub fn variant(variant: Variant) -> Epidemiology {
    match variant {
        Variant::Ancestral => Epidemiology {
            variant,
            r0: 2.5,
            dispersion_k: 0.1,
            generation_interval: Delay::Gamma {
                mean: 5.2,
                sd: 1.72,
            },
            incubation: Delay::LogNormal { mean: 6.4, sd: 2.3 },
            asymptomatic_share: 0.2,
            asymptomatic_relative_infectiousness: 0.35,
            fever_share: 0.88,
            household_share: 0.3,
            max_infection_age_on_arrival: 10.0,
            susceptible_depletion: true,
            timing: InfectionTiming::default(),
        },
        Variant::Delta | Variant::Custom => Epidemiology {
            variant,
            r0: 5.1,
            dispersion_k: 0.4,
            generation_interval: Delay::Gamma { mean: 4.0, sd: 2.0 },
            incubation: Delay::LogNormal { mean: 4.4, sd: 1.9 },
            asymptomatic_share: 0.3,
            asymptomatic_relative_infectiousness: 0.5,
            fever_share: 0.7,
            household_share: 0.3,
            max_infection_age_on_arrival: 8.0,
            susceptible_depletion: true,
            timing: InfectionTiming::default(),
        },
        Variant::Omicron => Epidemiology {
            variant,
            r0: 9.5,
            dispersion_k: 0.4,
            generation_interval: Delay::Gamma { mean: 3.3, sd: 1.9 },
            incubation: Delay::LogNormal { mean: 3.4, sd: 1.6 },
            asymptomatic_share: 0.4,
            asymptomatic_relative_infectiousness: 0.5,
            fever_share: 0.6,
            household_share: 0.3,
            max_infection_age_on_arrival: 7.0,
            susceptible_depletion: true,
            timing: InfectionTiming::default(),
        },
    }
}

/// The default epidemiology is the Delta preset.
impl Default for Epidemiology {
    fn default() -> Self {
        variant(Variant::Delta)
    }
}

fn gateway(
    kind: GatewayKind,
    name: &str,
    arrivals_per_day: f64,
    risk_area_share: f64,
    posts: u32,
    hourly_profile: HourlyProfile,
) -> Gateway {
    Gateway {
        kind,
        name: name.to_string(),
        arrivals_per_day,
        profile: Vec::new(),
        risk_area_share,
        prevalence_risk_area: 0.000_2,
        prevalence_elsewhere: 0.000_001,
        checkpoint: Checkpoint {
            enabled: true,
            posts,
            staff_per_shift: posts,
            shifts: 3,
            shift_hours: 8.0,
            inspections_per_staff_hour: 60.0,
            hourly_profile,
            overload: OverloadPolicy::Queue,
            checks: Checks::default(),
        },
    }
}

/// The example city of the brief (about 630,000 residents), with ordinary
/// import pressure through one rail station, two coach stations and six
/// highway exits.
pub fn example_city() -> Scenario {
    Scenario {
        schema_version: SCHEMA_VERSION,
        name: "Example city".to_string(),
        seed: 20_220_410,
        runs: 1_000,
        days: 120,
        city: City::default(),
        gateways: vec![
            gateway(
                GatewayKind::RailStation,
                "Rail station",
                8_000.0,
                0.01,
                12,
                HourlyProfile::Daytime,
            ),
            gateway(
                GatewayKind::CoachStation,
                "Coach stations (2)",
                3_000.0,
                0.005,
                4,
                HourlyProfile::Daytime,
            ),
            gateway(
                GatewayKind::HighwayExit,
                "Highway exits (6)",
                20_000.0,
                0.005,
                22,
                HourlyProfile::Road,
            ),
        ],
        initial_infections: 0,
        community: Community::default(),
        quarantine: Quarantine::default(),
        testing: Testing::default(),
        tracing: Tracing::default(),
        hospital: Hospital::default(),
        epidemiology: variant(Variant::Delta),
        response: Response::default(),
        supplies: Supplies::default(),
        timeline: Vec::new(),
        containment: Containment::default(),
        infection_limit: DEFAULT_INFECTION_LIMIT,
    }
}

/// The example city's supplies (see the module documentation for each rate).
impl Default for Supplies {
    fn default() -> Self {
        let none = SupplyItem::default();
        Supplies {
            masks: SupplyItem {
                stock: 1_200_000.0,
                resupply_per_day: 24_000.0,
                per_checkpoint_shift: 2.0,
                per_sampling_shift: 2.0,
                per_tracer_shift: 2.0,
                per_grid_shift: 2.0,
                per_room_day: 2.0,
                per_bed_day: 6.0,
                ..none
            },
            protective_suits: SupplyItem {
                stock: 150_000.0,
                resupply_per_day: 600.0,
                per_sampling_shift: 1.0,
                per_tracer_shift: 0.5,
                per_room_day: 0.2,
                per_bed_day: 4.0,
                ..none
            },
            goggles: SupplyItem {
                stock: 15_000.0,
                resupply_per_day: 60.0,
                per_sampling_shift: 0.1,
                per_tracer_shift: 0.1,
                per_room_day: 0.02,
                per_bed_day: 0.5,
                ..none
            },
            gloves: SupplyItem {
                stock: 2_400_000.0,
                resupply_per_day: 16_000.0,
                per_checkpoint_shift: 2.0,
                per_sampling_shift: 2.0,
                per_tracer_shift: 1.0,
                per_grid_shift: 1.0,
                per_sample: 0.05,
                per_room_day: 2.0,
                per_bed_day: 8.0,
                ..none
            },
            disinfectant_litres: SupplyItem {
                stock: 240_000.0,
                resupply_per_day: 2_400.0,
                per_checkpoint_shift: 0.5,
                per_sampling_shift: 0.5,
                per_tracer_shift: 0.1,
                per_grid_shift: 0.1,
                per_sample: 0.003,
                per_room_day: 0.5,
                per_bed_day: 1.0,
                ..none
            },
            swabs: SupplyItem {
                stock: 30_000_000.0,
                resupply_per_day: 22_000.0,
                per_sample: 1.0,
                ..none
            },
            reagent: SupplyItem {
                stock: 3_100_000.0,
                resupply_per_day: 3_000.0,
                per_test: 1.0,
                ..none
            },
        }
    }
}

/// The default scenario is the example city (it lives here rather than in
/// `scenario.rs` so that the scenario model does not depend on the presets).
impl Default for Scenario {
    fn default() -> Self {
        example_city()
    }
}

/// A named preset scenario.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Identifier used by the CLI and in links.
    pub id: &'static str,
    /// Stable numeric code used in links (never reuse one).
    pub code: u8,
    /// English title.
    pub title_en: &'static str,
    /// Chinese title.
    pub title_zh: &'static str,
    /// Builds the scenario.
    pub build: fn() -> Scenario,
}

/// Every preset, the example city first.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "example-city",
        code: 0,
        title_en: "Example city, ordinary import pressure",
        title_zh: "示例城市·常态输入压力",
        build: example_city,
    },
    Preset {
        id: "rail-traveller",
        code: 1,
        title_en: "A single undetected rail traveller",
        title_zh: "一名未被发现的火车旅客",
        build: rail_traveller,
    },
    Preset {
        id: "holiday-return",
        code: 2,
        title_en: "Holiday return wave",
        title_zh: "节后返程高峰",
        build: holiday_return,
    },
    Preset {
        id: "highway-driver",
        code: 3,
        title_en: "Infected long-haul driver at a highway exit",
        title_zh: "高速路口感染货车司机",
        build: highway_driver,
    },
    Preset {
        id: "cold-chain",
        code: 4,
        title_en: "Cold-chain worker infection",
        title_zh: "冷链从业人员感染",
        build: cold_chain,
    },
    Preset {
        id: "tour-group",
        code: 5,
        title_en: "Out-of-province tour group",
        title_zh: "外省旅游团",
        build: tour_group,
    },
    Preset {
        id: "international-flights",
        code: 6,
        title_en: "Inbound international flights",
        title_zh: "国际入境航班",
        build: international_flights,
    },
];

/// The preset with this identifier.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The preset with this link code.
pub fn preset_by_code(code: u8) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.code == code)
}

fn quiet_gateways(scenario: &mut Scenario) {
    for gateway in &mut scenario.gateways {
        gateway.prevalence_risk_area = 0.0;
        gateway.prevalence_elsewhere = 0.0;
    }
}

/// One infected traveller from a risk area arrives by train on day 0 and
/// slips through the checkpoint unnoticed; nothing else is imported: what
/// are the odds the community finds them before they seed an outbreak?
pub fn rail_traveller() -> Scenario {
    let mut s = example_city();
    s.name = "A single undetected rail traveller".into();
    s.days = 60;
    quiet_gateways(&mut s);
    s.timeline.push(TimelineEvent {
        day: 0,
        change: Change::InfectedArrival {
            gateway: 0,
            count: 1,
            unnoticed: true,
        },
    });
    s
}

/// The return wave after a holiday: arrivals triple over a week, then ease.
pub fn holiday_return() -> Scenario {
    let mut s = example_city();
    s.name = "Holiday return wave".into();
    s.days = 60;
    for gateway in &mut s.gateways {
        gateway.profile = vec![
            ProfilePoint {
                day: 0,
                multiplier: 1.0,
            },
            ProfilePoint {
                day: 5,
                multiplier: 3.0,
            },
            ProfilePoint {
                day: 12,
                multiplier: 3.0,
            },
            ProfilePoint {
                day: 20,
                multiplier: 1.0,
            },
        ];
    }
    s
}

/// A long-haul truck driver, infected four days ago, exits the highway at
/// night when the exit is under-staffed.
pub fn highway_driver() -> Scenario {
    let mut s = example_city();
    s.name = "Infected long-haul driver at a highway exit".into();
    s.days = 60;
    quiet_gateways(&mut s);
    s.gateways[2].checkpoint.shifts = 2;
    s.gateways[2].checkpoint.overload = OverloadPolicy::WaveThrough;
    s.timeline.push(TimelineEvent {
        day: 0,
        change: Change::InfectedArrival {
            gateway: 2,
            count: 1,
            unnoticed: false,
        },
    });
    s
}

/// A worker handling imported frozen goods is infected locally: no gateway
/// sees them.
pub fn cold_chain() -> Scenario {
    let mut s = example_city();
    s.name = "Cold-chain worker infection".into();
    s.days = 60;
    quiet_gateways(&mut s);
    s.timeline.push(TimelineEvent {
        day: 0,
        change: Change::LocalInfection { count: 1 },
    });
    s
}

/// A coach tour group of 40 from a risk area; three are infected.
pub fn tour_group() -> Scenario {
    let mut s = example_city();
    s.name = "Out-of-province tour group".into();
    s.days = 60;
    quiet_gateways(&mut s);
    s.timeline.push(TimelineEvent {
        day: 0,
        change: Change::InfectedArrival {
            gateway: 1,
            count: 3,
            unnoticed: false,
        },
    });
    s
}

/// Inbound international flights at an airport with high prevalence among
/// passengers, all sent to centralised quarantine.
pub fn international_flights() -> Scenario {
    let mut s = example_city();
    s.name = "Inbound international flights".into();
    s.days = 90;
    quiet_gateways(&mut s);
    s.gateways.push(Gateway {
        kind: GatewayKind::Airport,
        name: "International airport".into(),
        arrivals_per_day: 600.0,
        profile: Vec::new(),
        risk_area_share: 1.0,
        prevalence_risk_area: 0.01,
        prevalence_elsewhere: 0.0,
        checkpoint: Checkpoint {
            enabled: true,
            posts: 6,
            staff_per_shift: 6,
            shifts: 3,
            shift_hours: 8.0,
            inspections_per_staff_hour: 30.0,
            hourly_profile: HourlyProfile::Daytime,
            overload: OverloadPolicy::Queue,
            checks: Checks::default(),
        },
    });
    s
}

/// A city with no measures and no imports: the example city without
/// gateways or timeline, seeded with `initial_infections` cases, with no
/// grid-worker sweeps, fever clinics, screening, population-wide testing,
/// tracing, routine contact reduction or zones. The uncontrolled outbreak
/// and the engine's closed-form tests (a pure branching process) start
/// from it.
pub fn no_measures(initial_infections: u32) -> Scenario {
    let mut s = example_city();
    s.gateways.clear();
    s.timeline.clear();
    s.initial_infections = initial_infections;
    s.community.sweeps = false;
    s.testing.fever_clinic.enabled = false;
    s.testing.routine_screening.enabled = false;
    s.testing.mass_testing.enabled = false;
    s.tracing.enabled = false;
    s.response.baseline_contact_factor = 1.0;
    s.response.zones.enabled = false;
    s
}

/// Issue 9's speed benchmark, not a planning preset: an uncontrolled
/// outbreak in a city of `population` people (no gateways, no timeline, no
/// measures, 20 initial infections, R0 2.3, k 0.5, generation interval
/// gamma mean 8.9 d sd 5.7 d, 120 days, one run, an infection limit of
/// twice the population). The criterion benches and the browser profile
/// (`tools/profile-web.mjs`) run it; `tools/bench-compare.sh` writes the
/// same scenario as JSON for the older CLI.
pub fn uncontrolled_outbreak(population: u64) -> Scenario {
    let mut s = no_measures(20);
    s.name = format!("uncontrolled outbreak, {population} people");
    s.city.population = population;
    s.infection_limit = population.saturating_mul(2).min(u64::from(u32::MAX)) as u32;
    s.days = 120;
    s.runs = 1;
    s.epidemiology.r0 = 2.3;
    s.epidemiology.dispersion_k = 0.5;
    s.epidemiology.generation_interval = crate::dist::Delay::Gamma { mean: 8.9, sd: 5.7 };
    s
}
