//! The scenario: everything a planner can set, as plain serde data.
//!
//! A scenario is a city's resources (checkpoints, grid workers, quarantine
//! rooms, testing, tracing, hospital beds), its imported-case pressure
//! (arrivals per gateway), the epidemiology of the variant, the response
//! policy, and a timeline of changes. It carries its own seed and run count,
//! so a scenario file or link reproduces its results exactly.
//!
//! Every struct has `#[serde(default)]`: a file may give only the fields it
//! changes from the example city. [`crate::validate`] checks values before a
//! run.

use crate::dist::Delay;
use crate::timeline::TimelineEvent;
use serde::{Deserialize, Serialize};

/// Infections after which a run is counted as out of control.
pub const DEFAULT_INFECTION_LIMIT: u32 = 5_000;

/// Version of the scenario schema written by this build.
pub const SCHEMA_VERSION: u32 = 1;

/// A complete scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Schema version (currently 1).
    pub schema_version: u32,
    /// Display name.
    pub name: String,
    /// Seed of the random number generator; run `i` uses a seed derived from it.
    pub seed: u64,
    /// Number of Monte Carlo runs.
    pub runs: u32,
    /// Simulated days.
    pub days: u32,
    /// The city.
    pub city: City,
    /// Gateways through which people arrive (rail station, coach station, highway exits ...).
    pub gateways: Vec<Gateway>,
    /// Infections already in the community on day 0 (undetected), besides arrivals.
    pub initial_infections: u32,
    /// Grid workers, self-reporting and home-quarantine monitoring.
    pub community: Community,
    /// Centralised and home quarantine.
    pub quarantine: Quarantine,
    /// Sampling, laboratories, clinics, screening and population-wide testing.
    pub testing: Testing,
    /// Tracing teams (流调).
    pub tracing: Tracing,
    /// Designated hospital.
    pub hospital: Hospital,
    /// Transmission and natural history.
    pub epidemiology: Epidemiology,
    /// Social measures and zone escalation.
    pub response: Response,
    /// Protective supplies and test consumables (物资).
    pub supplies: Supplies,
    /// Changes and injected events, by day.
    pub timeline: Vec<TimelineEvent>,
    /// What counts as contained: no new infection in the city on a window of days.
    pub containment: Containment,
    /// A run stops spreading the infection once this many people are
    /// infected and is counted as out of control (bounds time and memory).
    pub infection_limit: u32,
}

/// The city itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct City {
    /// Residents.
    pub population: u64,
    /// Mean persons per household.
    pub household_size: f64,
}

/// Kind of gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GatewayKind {
    /// 火车站
    RailStation,
    /// 汽车站
    CoachStation,
    /// 高速路口
    HighwayExit,
    /// 机场
    Airport,
    /// 港口
    Port,
    /// 村口 / other road entrance
    RoadEntrance,
}

impl GatewayKind {
    /// Every kind, in display order.
    pub const ALL: [GatewayKind; 6] = [
        GatewayKind::RailStation,
        GatewayKind::CoachStation,
        GatewayKind::HighwayExit,
        GatewayKind::Airport,
        GatewayKind::Port,
        GatewayKind::RoadEntrance,
    ];
}

/// One gateway (or a group of identical ones) and its checkpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Gateway {
    /// Kind of gateway.
    pub kind: GatewayKind,
    /// Display name.
    pub name: String,
    /// Travellers arriving per day (before the time profile).
    pub arrivals_per_day: f64,
    /// Time profile: multipliers of `arrivals_per_day` at given days,
    /// linearly interpolated, flat before the first and after the last point.
    /// Empty: flat.
    pub profile: Vec<ProfilePoint>,
    /// Share of arrivals coming from risk areas (中高风险地区).
    pub risk_area_share: f64,
    /// Infection prevalence among arrivals from risk areas.
    pub prevalence_risk_area: f64,
    /// Infection prevalence among other arrivals.
    pub prevalence_elsewhere: f64,
    /// The checkpoint at this gateway.
    pub checkpoint: Checkpoint,
}

/// A point of an arrivals time profile.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfilePoint {
    /// Day (0-based).
    pub day: u32,
    /// Multiplier of the base arrivals.
    pub multiplier: f64,
}

/// Shape of arrivals over the 24 hours of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HourlyProfile {
    /// The same every hour.
    Flat,
    /// Most arrivals between 07:00 and 22:00, peaks morning and evening (trains, coaches).
    Daytime,
    /// Road traffic: a broad daytime hump and a night trickle.
    Road,
}

impl HourlyProfile {
    /// Every choice, in display order.
    pub const ALL: [HourlyProfile; 3] = [
        HourlyProfile::Daytime,
        HourlyProfile::Road,
        HourlyProfile::Flat,
    ];
}

/// What a checkpoint does when arrivals exceed its inspection capacity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OverloadPolicy {
    /// Everyone is checked; a queue builds up, to at most two hours of the
    /// checkpoint's work (beyond that the excess passes unchecked).
    Queue,
    /// The excess passes unchecked (放行).
    WaveThrough,
}

impl OverloadPolicy {
    /// Every choice, in display order.
    pub const ALL: [OverloadPolicy; 2] = [OverloadPolicy::Queue, OverloadPolicy::WaveThrough];
}

/// The checks performed at a checkpoint.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Checks {
    /// 健康码: flags travellers from risk areas.
    pub health_code: bool,
    /// 行程卡: flags travellers who passed through risk areas.
    pub travel_record: bool,
    /// 48-hour negative test certificate: catches infections old enough to test positive 48 hours ago.
    pub test_certificate: bool,
    /// Temperature: catches travellers with fever.
    pub temperature: bool,
    /// Probability that the health code flags a traveller from a risk area.
    pub health_code_flag_probability: f64,
    /// Probability that the travel record flags a traveller from a risk area.
    pub travel_record_flag_probability: f64,
    /// Probability that a thermometer detects a traveller with fever.
    pub thermometer_sensitivity: f64,
}

/// A checkpoint (卡口/检查站).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Checkpoint {
    /// `false`: nobody is checked at this gateway.
    pub enabled: bool,
    /// Inspection lanes or posts that can work at once.
    pub posts: u32,
    /// Inspectors on duty per shift.
    pub staff_per_shift: u32,
    /// Shifts per day.
    pub shifts: u32,
    /// Hours per shift (shifts × hours = staffed hours per day, at most 24).
    pub shift_hours: f64,
    /// Travellers one inspector checks per hour.
    pub inspections_per_staff_hour: f64,
    /// Arrivals over the day.
    pub hourly_profile: HourlyProfile,
    /// What happens when arrivals exceed capacity.
    pub overload: OverloadPolicy,
    /// Checks performed.
    pub checks: Checks,
}

/// Grid workers (网格员), self-reporting and monitoring of home quarantine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Community {
    /// Grid workers on duty.
    pub grid_workers: u32,
    /// Household visits one grid worker makes per day.
    pub visits_per_worker_per_day: f64,
    /// `false`: grid workers do not sweep households for unreported arrivals.
    pub sweeps: bool,
    /// Probability that a visit to the household of an unreported arrival finds them.
    pub sweep_find_probability: f64,
    /// Probability that a visit finds and refers a resident with symptoms.
    pub symptom_find_probability: f64,
    /// Share of arrivals from risk areas who self-report (主动报备) the day after arrival.
    pub self_report_share: f64,
    /// Visits per day a watched (home-quarantined) household costs (temperature twice a day, 五包一 care).
    pub visits_per_watched_household: f64,
    /// Days an arrival stays findable by sweeps (the look-back window).
    pub sweep_window_days: u32,
}

/// Where a group of people is quarantined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuarantinePlace {
    /// Not quarantined.
    None,
    /// 居家隔离
    Home,
    /// 集中隔离 (home when rooms run out)
    Centralised,
}

impl QuarantinePlace {
    /// Every choice, in display order.
    pub const ALL: [QuarantinePlace; 3] = [
        QuarantinePlace::Centralised,
        QuarantinePlace::Home,
        QuarantinePlace::None,
    ];
}

/// Quarantine capacity and rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Quarantine {
    /// Quarantine sites (隔离点).
    pub sites: u32,
    /// Rooms across all sites (one person per room).
    pub rooms: u32,
    /// `true`: rooms never run out.
    pub unlimited_rooms: bool,
    /// Days of quarantine.
    pub days: u32,
    /// Days of quarantine for traced secondary contacts (次密接); absent:
    /// the same as `days` (as before this field existed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary_contact_days: Option<u32>,
    /// Where flagged arrivals from risk areas go.
    pub risk_area_arrivals: QuarantinePlace,
    /// Where traced close contacts (密接) go.
    pub close_contacts: QuarantinePlace,
    /// Where traced secondary contacts (次密接) go.
    pub secondary_contacts: QuarantinePlace,
    /// Share of transmission prevented in centralised quarantine.
    pub centralised_effectiveness: f64,
    /// Share of non-household contacts avoided in home quarantine when fully monitored.
    pub home_compliance: f64,
    /// Share of non-household contacts avoided in home quarantine when nobody checks.
    pub unmonitored_home_compliance: f64,
    /// Days in quarantine on which a test sample is taken (0 = day of entry).
    pub test_days: Vec<u32>,
}

/// Testing capacity and policies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Testing {
    /// Sampling staff (采样人员).
    pub sampling_staff: u32,
    /// Samples one staff member takes per day.
    pub samples_per_staff_per_day: f64,
    /// Laboratory capacity, single-tube tests per day.
    pub lab_tests_per_day: u32,
    /// `true`: sampling and laboratories never run out.
    pub unlimited: bool,
    /// Samples per pooled tube in population-wide testing (1 = single tube; 10 = 10-in-1 混采).
    pub pool_size: u32,
    /// Days from sample to result when the laboratory has no backlog.
    pub turnaround_days: u32,
    /// Peak sensitivity of a PCR test.
    pub peak_sensitivity: f64,
    /// Days after infection before a test can turn positive.
    pub detectable_from_day: f64,
    /// Days after infection when sensitivity peaks.
    pub peak_day: f64,
    /// Days after infection when the test no longer detects.
    pub detectable_until_day: f64,
    /// Test arrivals from risk areas on entry.
    pub arrival_test: bool,
    /// Fever clinics (发热门诊).
    pub fever_clinic: FeverClinic,
    /// Routine screening of key groups (重点人群).
    pub routine_screening: RoutineScreening,
    /// Population-wide testing (全员核酸).
    pub mass_testing: MassTesting,
}

/// Fever clinics.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct FeverClinic {
    /// `false`: nobody presents.
    pub enabled: bool,
    /// Share of symptomatic infected who present.
    pub presentation_share: f64,
    /// Delay from symptom onset to presenting.
    pub delay: Delay,
    /// Isolate a symptomatic presenter at presentation (clinical diagnosis),
    /// while the sample is pending; released if the result is negative.
    pub isolate_at_presentation: bool,
    /// Retest someone with symptoms whose result is negative this many days
    /// after the negative result (again after each negative, while a test
    /// could still find the infection); 0: never retested.
    pub retest_after_days: u32,
}

/// Routine screening of key groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct RoutineScreening {
    /// `false`: no routine screening.
    pub enabled: bool,
    /// People sampled per day.
    pub people_per_day: u32,
    /// How much likelier an infected person is to be in a screened group than a random resident.
    pub risk_enrichment: f64,
}

/// Population-wide testing rounds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct MassTesting {
    /// `false`: never.
    pub enabled: bool,
    /// Detected local cases that trigger the rounds.
    pub trigger_local_cases: u32,
    /// Rounds per trigger.
    pub rounds: u32,
    /// Days between the starts of rounds.
    pub interval_days: u32,
    /// Share of residents who take part.
    pub participation: f64,
}

/// Tracing teams (流调溯源).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Tracing {
    /// `false`: no tracing.
    pub enabled: bool,
    /// `true`: tracing capacity never runs out.
    pub unlimited: bool,
    /// Tracing teams.
    pub teams: u32,
    /// Tracing staff across all teams.
    pub staff: u32,
    /// Cases one staff member fully investigates per day.
    pub cases_per_staff_per_day: f64,
    /// Close contacts identified per case (infected or not).
    pub close_contacts_per_case: f64,
    /// Secondary contacts per close contact.
    pub secondary_per_close_contact: f64,
    /// Also trace secondary contacts (次密接).
    pub trace_secondary: bool,
    /// Probability an infected household contact is found.
    pub household_find_probability: f64,
    /// Probability an infected non-household contact is found.
    pub other_find_probability: f64,
    /// Probability the infector of a local case is found (溯源).
    pub source_find_probability: f64,
    /// When a case joins the tracing queue: at its positive result, or
    /// already when it is isolated at presentation.
    pub starts: TracingStart,
    /// `true`: a case joins the tracing queue [`Tracing::delay`] after
    /// the trigger (whole days); `false`: the same day.
    pub delayed: bool,
    /// Delay from the trigger to the case joining the tracing queue.
    pub delay: Delay,
    /// How traced infected contacts are held: quarantined when traced, or
    /// watched and isolated at their own symptom onset.
    pub contacts_held: ContactsHeld,
}

/// When tracing of a case starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TracingStart {
    /// At the case's positive result (detection).
    #[default]
    AtResult,
    /// When the case is isolated: at presentation when clinics isolate
    /// presenters ([`FeverClinic::isolate_at_presentation`]), at onset for a
    /// watched contact ([`ContactsHeld::IsolatedAtOnset`]), else at the result
    /// (without either, the same as [`TracingStart::AtResult`]).
    AtIsolation,
}

impl TracingStart {
    /// Every choice, in display order.
    pub const ALL: [TracingStart; 2] = [TracingStart::AtResult, TracingStart::AtIsolation];
}

/// How traced contacts are held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactsHeld {
    /// Quarantined when traced (centralised while rooms last, or home), as
    /// set in [`Quarantine::close_contacts`].
    #[default]
    QuarantinedWhenTraced,
    /// Not quarantined: watched, and isolated and tested at their own symptom
    /// onset (a contact who never has symptoms is never held). Uninfected
    /// close contacts take no room.
    IsolatedAtOnset,
}

impl ContactsHeld {
    /// Every choice, in display order.
    pub const ALL: [ContactsHeld; 2] = [
        ContactsHeld::QuarantinedWhenTraced,
        ContactsHeld::IsolatedAtOnset,
    ];
}

/// What counts as contained: no new infection in the city (transmission or
/// local seeds) on days `last_day − window_days + 1` to `last_day` (days
/// from 1), and the run not cut short by the infection limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Containment {
    /// Days in the window (14: the last 14 days, as before this field existed).
    pub window_days: u32,
    /// Last day of the window, from 1; absent: the horizon's last day. A
    /// day past the horizon counts as its last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_day: Option<u32>,
}

impl Default for Containment {
    fn default() -> Self {
        Containment {
            window_days: 14,
            last_day: None,
        }
    }
}

impl Scenario {
    /// The containment window, days from 1, first and last (inclusive):
    /// the whole horizon when the window is longer than the days before its end.
    pub fn containment_days(&self) -> (u32, u32) {
        let last = self
            .containment
            .last_day
            .unwrap_or(self.days)
            .min(self.days);
        let first = (last + 1)
            .saturating_sub(self.containment.window_days)
            .max(1);
        (first, last)
    }
}

/// Designated hospital (定点医院).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Hospital {
    /// Isolation beds.
    pub beds: u32,
    /// `true`: beds never run out.
    pub unlimited_beds: bool,
    /// Days a case occupies a bed.
    pub stay_days: u32,
    /// Share of transmission prevented for a case isolated at home when no bed is free.
    pub home_isolation_effectiveness: f64,
}

/// Protective supplies and test consumables (防护物资, 采样拭子, 试剂): a
/// stock, a daily resupply and a use per unit of work for each item. The
/// example city's figures and their reasoning are in [`crate::presets`].
///
/// Thermometers (测温仪) are not an item: they are equipment, not used up by
/// the work (one per checkpoint post lasts the outbreak), so running short of
/// them is a question of posts, not of days of stock.
///
/// A file may give only some figures of an item: the others are the example
/// city's for that item (not zero), as everywhere else in a scenario file.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Supplies {
    /// Medical masks (口罩), pieces.
    pub masks: SupplyItem,
    /// Protective suits (防护服), pieces.
    pub protective_suits: SupplyItem,
    /// Goggles and face shields (护目镜), pieces.
    pub goggles: SupplyItem,
    /// Gloves (手套), pairs.
    pub gloves: SupplyItem,
    /// Disinfectant (消毒液), litres.
    pub disinfectant_litres: SupplyItem,
    /// Sampling swabs (采样拭子), one per person sampled.
    pub swabs: SupplyItem,
    /// PCR reagent (试剂), in tests (one per laboratory tube).
    pub reagent: SupplyItem,
}

/// [`Supplies`] as read from a file: every figure optional.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
#[derive(Default)]
struct PartialSupplies {
    masks: PartialSupplyItem,
    protective_suits: PartialSupplyItem,
    goggles: PartialSupplyItem,
    gloves: PartialSupplyItem,
    disinfectant_litres: PartialSupplyItem,
    swabs: PartialSupplyItem,
    reagent: PartialSupplyItem,
}

/// A [`SupplyItem`] as read from a file: every figure optional.
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct PartialSupplyItem {
    stock: Option<f64>,
    resupply_per_day: Option<f64>,
    per_checkpoint_shift: Option<f64>,
    per_sampling_shift: Option<f64>,
    per_tracer_shift: Option<f64>,
    per_grid_shift: Option<f64>,
    per_sample: Option<f64>,
    per_test: Option<f64>,
    per_room_day: Option<f64>,
    per_bed_day: Option<f64>,
}

impl PartialSupplyItem {
    /// The figures given, the others from `default`.
    fn over(&self, default: SupplyItem) -> SupplyItem {
        SupplyItem {
            stock: self.stock.unwrap_or(default.stock),
            resupply_per_day: self.resupply_per_day.unwrap_or(default.resupply_per_day),
            per_checkpoint_shift: self
                .per_checkpoint_shift
                .unwrap_or(default.per_checkpoint_shift),
            per_sampling_shift: self
                .per_sampling_shift
                .unwrap_or(default.per_sampling_shift),
            per_tracer_shift: self.per_tracer_shift.unwrap_or(default.per_tracer_shift),
            per_grid_shift: self.per_grid_shift.unwrap_or(default.per_grid_shift),
            per_sample: self.per_sample.unwrap_or(default.per_sample),
            per_test: self.per_test.unwrap_or(default.per_test),
            per_room_day: self.per_room_day.unwrap_or(default.per_room_day),
            per_bed_day: self.per_bed_day.unwrap_or(default.per_bed_day),
        }
    }
}

impl<'de> Deserialize<'de> for Supplies {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let given = PartialSupplies::deserialize(deserializer)?;
        let default = Supplies::default();
        Ok(Supplies {
            masks: given.masks.over(default.masks),
            protective_suits: given.protective_suits.over(default.protective_suits),
            goggles: given.goggles.over(default.goggles),
            gloves: given.gloves.over(default.gloves),
            disinfectant_litres: given.disinfectant_litres.over(default.disinfectant_litres),
            swabs: given.swabs.over(default.swabs),
            reagent: given.reagent.over(default.reagent),
        })
    }
}

/// One supply item: its stock, its resupply and what each unit of work uses.
/// A staff shift is one staff member on duty for one shift.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SupplyItem {
    /// Stock on day 0.
    pub stock: f64,
    /// Delivered at the start of every day.
    pub resupply_per_day: f64,
    /// Used per checkpoint inspector per shift.
    pub per_checkpoint_shift: f64,
    /// Used per sampling staff member per shift (one shift a day).
    pub per_sampling_shift: f64,
    /// Used per tracer per shift (one shift a day).
    pub per_tracer_shift: f64,
    /// Used per grid worker per day.
    pub per_grid_shift: f64,
    /// Used per person sampled.
    pub per_sample: f64,
    /// Used per laboratory tube tested (pooled tubes count once).
    pub per_test: f64,
    /// Used per occupied quarantine room per day (the person and the site's staff).
    pub per_room_day: f64,
    /// Used per occupied hospital bed per day (the patient and the ward's staff).
    pub per_bed_day: f64,
}

impl Default for SupplyItem {
    fn default() -> Self {
        SupplyItem {
            stock: 0.0,
            resupply_per_day: 0.0,
            per_checkpoint_shift: 0.0,
            per_sampling_shift: 0.0,
            per_tracer_shift: 0.0,
            per_grid_shift: 0.0,
            per_sample: 0.0,
            per_test: 0.0,
            per_room_day: 0.0,
            per_bed_day: 0.0,
        }
    }
}

/// Which supply item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Supply {
    Masks,
    ProtectiveSuits,
    Goggles,
    Gloves,
    DisinfectantLitres,
    Swabs,
    Reagent,
}

/// Number of supply items.
pub const SUPPLY_COUNT: usize = 7;

/// The standard the seeds set after the shortages: stock for 30 days of
/// full-load work (满足30天满负荷运转需要).
pub const SUPPLY_STANDARD_DAYS: f64 = 30.0;

impl Supply {
    /// Every item, in display order.
    pub const ALL: [Supply; SUPPLY_COUNT] = [
        Supply::Masks,
        Supply::ProtectiveSuits,
        Supply::Goggles,
        Supply::Gloves,
        Supply::DisinfectantLitres,
        Supply::Swabs,
        Supply::Reagent,
    ];

    /// Index into per-item arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Machine name, as in the scenario (`supplies.<key>`), CSV and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Supply::Masks => "masks",
            Supply::ProtectiveSuits => "protective_suits",
            Supply::Goggles => "goggles",
            Supply::Gloves => "gloves",
            Supply::DisinfectantLitres => "disinfectant_litres",
            Supply::Swabs => "swabs",
            Supply::Reagent => "reagent",
        }
    }
}

impl Supplies {
    /// One item's figures.
    pub fn item(&self, supply: Supply) -> &SupplyItem {
        match supply {
            Supply::Masks => &self.masks,
            Supply::ProtectiveSuits => &self.protective_suits,
            Supply::Goggles => &self.goggles,
            Supply::Gloves => &self.gloves,
            Supply::DisinfectantLitres => &self.disinfectant_litres,
            Supply::Swabs => &self.swabs,
            Supply::Reagent => &self.reagent,
        }
    }

    /// One item's figures, to change.
    pub fn item_mut(&mut self, supply: Supply) -> &mut SupplyItem {
        match supply {
            Supply::Masks => &mut self.masks,
            Supply::ProtectiveSuits => &mut self.protective_suits,
            Supply::Goggles => &mut self.goggles,
            Supply::Gloves => &mut self.gloves,
            Supply::DisinfectantLitres => &mut self.disinfectant_litres,
            Supply::Swabs => &mut self.swabs,
            Supply::Reagent => &mut self.reagent,
        }
    }
}

/// Units of work of one day that use supplies.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Work {
    /// Checkpoint inspector shifts.
    pub checkpoint_shifts: f64,
    /// Sampling staff shifts.
    pub sampling_shifts: f64,
    /// Tracer shifts.
    pub tracer_shifts: f64,
    /// Grid-worker days.
    pub grid_shifts: f64,
    /// People sampled.
    pub samples: f64,
    /// Laboratory tubes tested.
    pub tests: f64,
    /// Occupied quarantine room-days.
    pub room_days: f64,
    /// Occupied hospital bed-days.
    pub bed_days: f64,
}

impl SupplyItem {
    /// What `work` uses of this item. A rate of zero uses nothing, even of
    /// an unlimited (infinite) amount of work.
    pub fn use_for(&self, work: &Work) -> f64 {
        [
            (self.per_checkpoint_shift, work.checkpoint_shifts),
            (self.per_sampling_shift, work.sampling_shifts),
            (self.per_tracer_shift, work.tracer_shifts),
            (self.per_grid_shift, work.grid_shifts),
            (self.per_sample, work.samples),
            (self.per_test, work.tests),
            (self.per_room_day, work.room_days),
            (self.per_bed_day, work.bed_days),
        ]
        .iter()
        .filter(|(rate, _)| *rate > 0.0)
        .map(|(rate, amount)| rate * amount)
        .sum()
    }
}

impl Scenario {
    /// A day's work with every staff member on duty and every capacity in
    /// full use: all inspectors of enabled checkpoints, sampling staff,
    /// tracers (when tracing is on) and grid workers; the samples the
    /// sampling staff can take and the tubes the laboratories can test;
    /// every quarantine room and hospital bed occupied. An unlimited
    /// capacity has no full load and counts as none.
    pub fn full_load_work(&self) -> Work {
        let finite = |x: f64| if x.is_finite() { x } else { 0.0 };
        let testing = &self.testing;
        Work {
            checkpoint_shifts: self
                .gateways
                .iter()
                .filter(|g| g.checkpoint.enabled)
                .map(|g| f64::from(g.checkpoint.staff_per_shift) * f64::from(g.checkpoint.shifts))
                .sum(),
            sampling_shifts: f64::from(testing.sampling_staff),
            tracer_shifts: if self.tracing.enabled {
                f64::from(self.tracing.staff)
            } else {
                0.0
            },
            grid_shifts: f64::from(self.community.grid_workers),
            samples: if testing.unlimited {
                0.0
            } else {
                f64::from(testing.sampling_staff) * testing.samples_per_staff_per_day
            },
            tests: finite(testing.lab_capacity()),
            room_days: finite(self.quarantine.room_capacity()),
            bed_days: finite(self.hospital.bed_capacity()),
        }
    }

    /// Days the stock of an item lasts at full load ([`Scenario::full_load_work`])
    /// without resupply, the sense of the 30-day standard (the seeds' supplies
    /// could not be bought); `None` when full-load work uses none of it.
    pub fn days_of_stock_at_full_load(&self, supply: Supply) -> Option<f64> {
        let item = self.supplies.item(supply);
        let use_per_day = item.use_for(&self.full_load_work());
        (use_per_day > 0.0).then(|| item.stock / use_per_day)
    }
}

/// Variant presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// Wild type, 2020.
    Ancestral,
    /// B.1.617.2.
    Delta,
    /// B.1.1.529 / BA.2.
    Omicron,
    /// Parameters set by hand.
    Custom,
}

impl Variant {
    /// Every choice, in display order.
    pub const ALL: [Variant; 4] = [
        Variant::Ancestral,
        Variant::Delta,
        Variant::Omicron,
        Variant::Custom,
    ];
}

/// Transmission and natural history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Epidemiology {
    /// Preset the parameters came from.
    pub variant: Variant,
    /// Mean secondary infections per case without any measure (R0).
    pub r0: f64,
    /// Dispersion k of the negative binomial offspring distribution (small k: superspreading).
    pub dispersion_k: f64,
    /// Generation interval (infection to infection).
    pub generation_interval: Delay,
    /// Incubation period (infection to symptom onset).
    pub incubation: Delay,
    /// Share of infections that never develop symptoms.
    pub asymptomatic_share: f64,
    /// Infectiousness of an asymptomatic infection relative to a symptomatic one.
    pub asymptomatic_relative_infectiousness: f64,
    /// Share of symptomatic infections with fever (detectable by a thermometer).
    pub fever_share: f64,
    /// Share of transmission that happens within the household.
    pub household_share: f64,
    /// Oldest infection age of an infected traveller on arrival, days (uniform from 0).
    pub max_infection_age_on_arrival: f64,
    /// `false`: no susceptible depletion (a pure branching process).
    pub susceptible_depletion: bool,
    /// When an infected person infects others: drawn from the generation
    /// interval independently of their onset (default), or tied to their onset.
    pub timing: InfectionTiming,
}

/// When infections happen relative to the infector's symptom onset (see
/// [`crate::timing`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct InfectionTiming {
    /// `false`: each infection's day is drawn from the generation interval,
    /// independently of the infector's incubation period. `true`: it is the
    /// infector's onset plus a skew-normal offset whose share below zero is
    /// `presymptomatic_share` (the generation interval is then not used).
    pub tied_to_onset: bool,
    /// Share of transmission before the infector's onset, when tied.
    pub presymptomatic_share: f64,
    /// Scale of the offset from onset (the skew normal's ω), days.
    pub offset_scale_days: f64,
}

impl Default for InfectionTiming {
    fn default() -> Self {
        InfectionTiming {
            tied_to_onset: false,
            presymptomatic_share: 0.4,
            offset_scale_days: 2.0,
        }
    }
}

/// Social measures and zone escalation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Response {
    /// Contacts kept under routine measures (masks, scanning, distancing), relative to none.
    pub baseline_contact_factor: f64,
    /// Zone escalation (封控区/管控区/防范区).
    pub zones: Zones,
}

/// Zone escalation after local detection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Zones {
    /// `false`: never escalate.
    pub enabled: bool,
    /// Detected local cases within 7 days that trigger zones.
    pub trigger_local_cases: u32,
    /// Contacts kept while zones are in force, relative to none.
    pub contact_factor: f64,
    /// Days zones stay after the last trigger.
    pub duration_days: u32,
}

impl Default for City {
    fn default() -> Self {
        City {
            population: 630_000,
            household_size: 2.62,
        }
    }
}

impl Default for Gateway {
    fn default() -> Self {
        Gateway {
            kind: GatewayKind::RailStation,
            name: String::new(),
            arrivals_per_day: 1000.0,
            profile: Vec::new(),
            risk_area_share: 0.02,
            prevalence_risk_area: 0.0005,
            prevalence_elsewhere: 0.000_005,
            checkpoint: Checkpoint::default(),
        }
    }
}

impl Default for Checks {
    fn default() -> Self {
        Checks {
            health_code: true,
            travel_record: true,
            test_certificate: true,
            temperature: true,
            health_code_flag_probability: 0.8,
            travel_record_flag_probability: 0.6,
            thermometer_sensitivity: 0.8,
        }
    }
}

impl Default for Checkpoint {
    fn default() -> Self {
        Checkpoint {
            enabled: true,
            posts: 4,
            staff_per_shift: 4,
            shifts: 3,
            shift_hours: 8.0,
            inspections_per_staff_hour: 60.0,
            hourly_profile: HourlyProfile::Daytime,
            overload: OverloadPolicy::Queue,
            checks: Checks::default(),
        }
    }
}

impl Default for Community {
    fn default() -> Self {
        Community {
            grid_workers: 9_149,
            visits_per_worker_per_day: 5.0,
            sweeps: true,
            sweep_find_probability: 0.8,
            symptom_find_probability: 0.3,
            self_report_share: 0.6,
            visits_per_watched_household: 2.0,
            sweep_window_days: 14,
        }
    }
}

impl Default for Quarantine {
    fn default() -> Self {
        Quarantine {
            sites: 24,
            rooms: 3_695,
            unlimited_rooms: false,
            days: 14,
            secondary_contact_days: None,
            risk_area_arrivals: QuarantinePlace::Centralised,
            close_contacts: QuarantinePlace::Centralised,
            secondary_contacts: QuarantinePlace::Home,
            centralised_effectiveness: 0.98,
            home_compliance: 0.85,
            unmonitored_home_compliance: 0.4,
            test_days: vec![0, 3, 6, 13],
        }
    }
}

impl Default for Testing {
    fn default() -> Self {
        Testing {
            sampling_staff: 3_312,
            samples_per_staff_per_day: 300.0,
            lab_tests_per_day: 102_000,
            unlimited: false,
            pool_size: 10,
            turnaround_days: 1,
            peak_sensitivity: 0.95,
            detectable_from_day: 2.0,
            peak_day: 5.0,
            detectable_until_day: 30.0,
            arrival_test: true,
            fever_clinic: FeverClinic::default(),
            routine_screening: RoutineScreening::default(),
            mass_testing: MassTesting::default(),
        }
    }
}

impl Default for FeverClinic {
    fn default() -> Self {
        FeverClinic {
            enabled: true,
            presentation_share: 0.7,
            delay: Delay::Gamma { mean: 2.0, sd: 1.5 },
            isolate_at_presentation: false,
            retest_after_days: 0,
        }
    }
}

impl Default for RoutineScreening {
    fn default() -> Self {
        RoutineScreening {
            enabled: true,
            people_per_day: 20_000,
            risk_enrichment: 2.0,
        }
    }
}

impl Default for MassTesting {
    fn default() -> Self {
        MassTesting {
            enabled: true,
            trigger_local_cases: 1,
            rounds: 3,
            interval_days: 3,
            participation: 0.9,
        }
    }
}

impl Default for Tracing {
    fn default() -> Self {
        Tracing {
            enabled: true,
            unlimited: false,
            teams: 9,
            staff: 158,
            cases_per_staff_per_day: 0.25,
            close_contacts_per_case: 20.0,
            secondary_per_close_contact: 3.0,
            trace_secondary: true,
            household_find_probability: 0.95,
            other_find_probability: 0.7,
            source_find_probability: 0.5,
            starts: TracingStart::AtResult,
            delayed: false,
            delay: Delay::Gamma { mean: 1.0, sd: 1.0 },
            contacts_held: ContactsHeld::QuarantinedWhenTraced,
        }
    }
}

impl Default for Hospital {
    fn default() -> Self {
        Hospital {
            beds: 60,
            unlimited_beds: false,
            stay_days: 14,
            home_isolation_effectiveness: 0.7,
        }
    }
}

impl Default for Response {
    fn default() -> Self {
        Response {
            baseline_contact_factor: 0.45,
            zones: Zones::default(),
        }
    }
}

impl Default for Zones {
    fn default() -> Self {
        Zones {
            enabled: true,
            trigger_local_cases: 1,
            contact_factor: 0.2,
            duration_days: 14,
        }
    }
}

/// `amount`, or infinity when the capacity is unlimited.
fn capacity(unlimited: bool, amount: f64) -> f64 {
    if unlimited {
        f64::INFINITY
    } else {
        amount
    }
}

impl Quarantine {
    /// Days of quarantine for secondary contacts.
    pub fn secondary_days(&self) -> u32 {
        self.secondary_contact_days.unwrap_or(self.days)
    }

    /// Centralised quarantine rooms (infinite when unlimited).
    pub fn room_capacity(&self) -> f64 {
        capacity(self.unlimited_rooms, f64::from(self.rooms))
    }
}

impl Hospital {
    /// Hospital beds (infinite when unlimited).
    pub fn bed_capacity(&self) -> f64 {
        capacity(self.unlimited_beds, f64::from(self.beds))
    }
}

impl Testing {
    /// Laboratory tubes per day (infinite when unlimited).
    pub fn lab_capacity(&self) -> f64 {
        capacity(self.unlimited, f64::from(self.lab_tests_per_day))
    }

    /// People a population-wide round can test per day: sampling staff, or the
    /// laboratories times the pool size, whichever is smaller.
    pub fn round_throughput(&self) -> f64 {
        let sampling = capacity(
            self.unlimited,
            f64::from(self.sampling_staff) * self.samples_per_staff_per_day,
        );
        sampling.min(self.lab_capacity() * f64::from(self.pool_size))
    }
}

impl Tracing {
    /// Cases the tracing staff investigate per day (infinite when unlimited).
    pub fn cases_per_day(&self) -> f64 {
        capacity(
            self.unlimited,
            f64::from(self.staff) * self.cases_per_staff_per_day,
        )
    }
}

impl Scenario {
    /// Households in the city.
    pub fn households(&self) -> f64 {
        (self.city.population as f64 / self.city.household_size).max(1.0)
    }

    /// This scenario as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
