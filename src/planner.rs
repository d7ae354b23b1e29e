//! The planner page's state and its pure reducer.
//!
//! Everything the page shows derives from [`PlannerState`]; every user action
//! and every message from the workers is an [`Action`]; [`reduce`] is pure
//! and unit-tested natively. Effects (workers, storage, the URL) live at the
//! top of the component tree and only dispatch actions.

use crate::fields::{parse_field_id, parse_input, InputError};
use crate::i18n::Lang;
use cordon_engine::{
    presets, validate, Gateway, GatewayKind, HourlyProfile, OverloadPolicy, QuarantinePlace,
    Results, Scenario, TimelineEvent, ValidationErrors, Variant,
};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Text typed into a field that is not (yet) a valid value.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub text: String,
    pub error: InputError,
}

/// Progress of the computation of the current scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// Identifies the scenario version being computed; stale messages are ignored.
    pub generation: u64,
    pub done: u32,
    pub total: u32,
}

/// State of the planner page.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannerState {
    pub lang: Lang,
    pub presentation: bool,
    /// Preset the scenario started from.
    pub preset: &'static str,
    /// The last valid scenario (what is computed).
    pub scenario: Scenario,
    /// Fields whose typed text is not valid, by field identifier.
    pub drafts: BTreeMap<String, Draft>,
    /// Problems the engine finds across fields.
    pub scenario_errors: Option<ValidationErrors>,
    /// Results shown (possibly partial or stale).
    pub results: Option<Rc<Results>>,
    /// The results are for an earlier scenario.
    pub stale: bool,
    pub progress: Progress,
    /// Asking whether to reset to the preset.
    /// Asking whether to discard the edits and open this preset.
    pub confirm_reset: Option<&'static str>,
    /// A message about a broken link, with the link text.
    pub link_problem: Option<(String, String)>,
    /// A message about a failure (worker, panic).
    pub failure: Option<String>,
}

/// Everything that can happen on the planner page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Text typed into a numeric field.
    Edit {
        field: String,
        text: String,
    },
    /// A checkbox.
    Toggle {
        toggle: Toggle,
        gateway: Option<usize>,
        on: bool,
    },
    SetOverload {
        gateway: usize,
        policy: OverloadPolicy,
    },
    /// A choice from a list.
    Choose {
        choice: Choice,
        gateway: Option<usize>,
        value: String,
    },
    AddGateway(GatewayKind),
    RemoveGateway(usize),
    AddEvent(TimelineEvent),
    RemoveEvent(usize),
    SetVariant(Variant),
    /// Choose a preset (replaces the scenario).
    LoadPreset(&'static str),
    /// Open a scenario from a file or a link (replaces the scenario).
    LoadScenario(Box<Scenario>),
    /// Pick a preset from the list: asks first when there are edits.
    ChoosePreset(&'static str),
    /// A link that could not be opened.
    LinkProblem {
        code: String,
        link: String,
    },
    AskReset,
    ConfirmReset,
    CancelReset,
    SetLang(Lang),
    TogglePresentation,
    /// Results (partial or complete) for a generation.
    Computed {
        generation: u64,
        results: Rc<Results>,
        done: u32,
    },
    /// The computation of a generation failed.
    Failed {
        generation: u64,
        message: String,
    },
    DismissProblem,
}

/// A boolean setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toggle {
    CheckpointEnabled,
    HealthCode,
    TravelRecord,
    TestCertificate,
    Temperature,
    Sweeps,
    UnlimitedRooms,
    UnlimitedBeds,
    UnlimitedTesting,
    ArrivalTest,
    FeverClinic,
    RoutineScreening,
    TracingEnabled,
    UnlimitedTracing,
    TraceSecondary,
    MassTesting,
    Zones,
    SusceptibleDepletion,
}

/// A setting chosen from a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// `flat`, `daytime` or `road`.
    HourlyProfile,
    /// Where flagged risk-area arrivals go: `none`, `home`, `centralised`.
    RiskArrivalsPlace,
    CloseContactsPlace,
    SecondaryContactsPlace,
}

fn place(value: &str) -> Option<QuarantinePlace> {
    match value {
        "none" => Some(QuarantinePlace::None),
        "home" => Some(QuarantinePlace::Home),
        "centralised" => Some(QuarantinePlace::Centralised),
        _ => None,
    }
}

/// The list value of a quarantine place.
pub fn place_value(place: QuarantinePlace) -> &'static str {
    match place {
        QuarantinePlace::None => "none",
        QuarantinePlace::Home => "home",
        QuarantinePlace::Centralised => "centralised",
    }
}

/// The list value of an hourly profile.
pub fn profile_value(profile: HourlyProfile) -> &'static str {
    match profile {
        HourlyProfile::Flat => "flat",
        HourlyProfile::Daytime => "daytime",
        HourlyProfile::Road => "road",
    }
}

impl PlannerState {
    /// A page showing `scenario`, started from `preset`.
    pub fn new(lang: Lang, preset: &'static str, scenario: Scenario) -> PlannerState {
        let total = scenario.runs;
        PlannerState {
            lang,
            presentation: false,
            preset,
            scenario,
            drafts: BTreeMap::new(),
            scenario_errors: None,
            results: None,
            stale: false,
            progress: Progress {
                generation: 1,
                done: 0,
                total,
            },
            confirm_reset: None,
            link_problem: None,
            failure: None,
        }
    }

    /// Whether the scenario being computed is complete.
    pub fn computing(&self) -> bool {
        self.progress.done < self.progress.total
    }

    /// Whether the scenario differs from the preset it started from.
    pub fn is_edited(&self) -> bool {
        !self.drafts.is_empty()
            || presets::preset(self.preset).is_none_or(|p| (p.build)() != self.scenario)
    }

    /// Whether the inputs on screen are all valid.
    pub fn inputs_valid(&self) -> bool {
        self.drafts.is_empty() && self.scenario_errors.is_none()
    }

    fn scenario_changed(&mut self, candidate: Scenario) {
        match validate(&candidate).and_then(|()| within_browser_budget(&candidate)) {
            Ok(()) => {
                self.scenario_errors = None;
                if candidate != self.scenario {
                    self.scenario = candidate;
                    self.progress = Progress {
                        generation: self.progress.generation + 1,
                        done: 0,
                        total: self.scenario.runs,
                    };
                    self.stale = self.results.is_some();
                } else {
                    // Back to the scenario the results are for.
                    self.stale = self.results.is_some() && !self.drafts.is_empty();
                }
            }
            Err(errors) => {
                self.scenario_errors = Some(errors);
                self.stale = self.results.is_some();
            }
        }
    }
}

/// The preset a scenario most likely started from: the one it equals, else
/// the one whose name it carries, else `fallback`.
pub fn preset_of(scenario: &Scenario, fallback: &'static str) -> &'static str {
    let built: Vec<(&'static str, Scenario)> = presets::PRESETS
        .iter()
        .map(|p| (p.id, (p.build)()))
        .collect();
    built
        .iter()
        .find(|(_, s)| s == scenario)
        .or_else(|| built.iter().find(|(_, s)| s.name == scenario.name))
        .map_or(fallback, |(id, _)| *id)
}

/// Most run-days the page computes and keeps (every run's daily values stay
/// in memory to draw the bands): 1,000 runs of 730 days, or 6,000 of 120.
/// Larger studies belong to the CLI, which has no such limit.
pub const MAX_RUN_DAYS_IN_BROWSER: u64 = 730_000;

/// Rejects scenarios too large to compute in a browser tab.
pub fn within_browser_budget(scenario: &Scenario) -> Result<(), ValidationErrors> {
    let run_days = u64::from(scenario.runs) * u64::from(scenario.days);
    if run_days <= MAX_RUN_DAYS_IN_BROWSER {
        return Ok(());
    }
    let max_runs = (MAX_RUN_DAYS_IN_BROWSER / u64::from(scenario.days.max(1))).max(1);
    Err(ValidationErrors(vec![cordon_engine::FieldError {
        path: "runs".into(),
        problem: cordon_engine::Problem::OutOfRange {
            value: f64::from(scenario.runs),
            min: 1.0,
            max: max_runs as f64,
        },
    }]))
}

/// The next state after an action (pure).
pub fn reduce(state: &PlannerState, action: Action) -> PlannerState {
    let mut next = state.clone();
    match action {
        Action::Edit { field, text } => {
            let Some((spec, gateway)) = parse_field_id(&field) else {
                return next;
            };
            match parse_input(spec, &text) {
                Ok(value) => {
                    next.drafts.remove(&field);
                    let mut candidate = next.scenario.clone();
                    spec.set(&mut candidate, gateway, value);
                    if spec.group == crate::fields::Group::Epidemiology
                        && candidate.epidemiology != next.scenario.epidemiology
                    {
                        candidate.epidemiology.variant = Variant::Custom;
                    }
                    next.scenario_changed(candidate);
                }
                Err(error) => {
                    next.drafts.insert(field, Draft { text, error });
                    next.stale = next.results.is_some();
                }
            }
        }
        Action::Toggle {
            toggle,
            gateway,
            on,
        } => {
            let mut candidate = next.scenario.clone();
            let c = &mut candidate;
            if let Some(g) = gateway.and_then(|g| c.gateways.get_mut(g)) {
                let checks = &mut g.checkpoint.checks;
                match toggle {
                    Toggle::CheckpointEnabled => g.checkpoint.enabled = on,
                    Toggle::HealthCode => checks.health_code = on,
                    Toggle::TravelRecord => checks.travel_record = on,
                    Toggle::TestCertificate => checks.test_certificate = on,
                    Toggle::Temperature => checks.temperature = on,
                    _ => {}
                }
            } else {
                match toggle {
                    Toggle::Sweeps => c.community.sweeps = on,
                    Toggle::UnlimitedRooms => c.quarantine.unlimited_rooms = on,
                    Toggle::UnlimitedBeds => c.hospital.unlimited_beds = on,
                    Toggle::UnlimitedTesting => c.testing.unlimited = on,
                    Toggle::ArrivalTest => c.testing.arrival_test = on,
                    Toggle::FeverClinic => c.testing.fever_clinic.enabled = on,
                    Toggle::RoutineScreening => c.testing.routine_screening.enabled = on,
                    Toggle::TracingEnabled => c.tracing.enabled = on,
                    Toggle::UnlimitedTracing => c.tracing.unlimited = on,
                    Toggle::TraceSecondary => c.tracing.trace_secondary = on,
                    Toggle::MassTesting => c.testing.mass_testing.enabled = on,
                    Toggle::Zones => c.response.zones.enabled = on,
                    Toggle::SusceptibleDepletion => c.epidemiology.susceptible_depletion = on,
                    _ => {}
                }
            }
            next.scenario_changed(candidate);
        }
        Action::SetOverload { gateway, policy } => {
            let mut candidate = next.scenario.clone();
            if let Some(g) = candidate.gateways.get_mut(gateway) {
                g.checkpoint.overload = policy;
            }
            next.scenario_changed(candidate);
        }
        Action::Choose {
            choice,
            gateway,
            value,
        } => {
            let mut candidate = next.scenario.clone();
            match choice {
                Choice::HourlyProfile => {
                    let profile = match value.as_str() {
                        "flat" => Some(HourlyProfile::Flat),
                        "daytime" => Some(HourlyProfile::Daytime),
                        "road" => Some(HourlyProfile::Road),
                        _ => None,
                    };
                    if let (Some(p), Some(g)) =
                        (profile, gateway.and_then(|g| candidate.gateways.get_mut(g)))
                    {
                        g.checkpoint.hourly_profile = p;
                    }
                }
                Choice::RiskArrivalsPlace => {
                    if let Some(p) = place(&value) {
                        candidate.quarantine.risk_area_arrivals = p;
                    }
                }
                Choice::CloseContactsPlace => {
                    if let Some(p) = place(&value) {
                        candidate.quarantine.close_contacts = p;
                    }
                }
                Choice::SecondaryContactsPlace => {
                    if let Some(p) = place(&value) {
                        candidate.quarantine.secondary_contacts = p;
                    }
                }
            }
            next.scenario_changed(candidate);
        }
        Action::AddGateway(kind) => {
            let mut candidate = next.scenario.clone();
            candidate.gateways.push(Gateway {
                kind,
                name: String::new(),
                ..Gateway::default()
            });
            next.scenario_changed(candidate);
        }
        Action::RemoveGateway(index) => {
            let mut candidate = next.scenario.clone();
            if index < candidate.gateways.len() {
                candidate.gateways.remove(index);
                // Events at later gateways move down; events at this one go.
                candidate.timeline.retain(|e| !matches!(e.change, cordon_engine::Change::InfectedArrival { gateway, .. } if gateway as usize == index));
                for event in &mut candidate.timeline {
                    if let cordon_engine::Change::InfectedArrival { gateway, .. } =
                        &mut event.change
                    {
                        if *gateway as usize > index {
                            *gateway -= 1;
                        }
                    }
                }
                // Drafts of gateway fields no longer line up.
                next.drafts.retain(|k, _| !k.starts_with('g'));
            }
            next.scenario_changed(candidate);
        }
        Action::AddEvent(event) => {
            let mut candidate = next.scenario.clone();
            candidate.timeline.push(event);
            candidate.timeline.sort_by_key(|e| e.day);
            next.scenario_changed(candidate);
        }
        Action::RemoveEvent(index) => {
            let mut candidate = next.scenario.clone();
            if index < candidate.timeline.len() {
                candidate.timeline.remove(index);
            }
            next.scenario_changed(candidate);
        }
        Action::SetVariant(variant) => {
            let mut candidate = next.scenario.clone();
            if variant != Variant::Custom {
                let preset = presets::variant(variant);
                candidate.epidemiology = preset;
            } else {
                candidate.epidemiology.variant = Variant::Custom;
            }
            next.drafts.retain(|k, _| {
                !k.starts_with("field.r0")
                    && !k.contains("dispersion")
                    && !k.contains("asymptomatic")
            });
            next.scenario_changed(candidate);
        }
        Action::LoadPreset(id) => {
            if let Some(preset) = presets::preset(id) {
                next.preset = preset.id;
                next.drafts.clear();
                next.confirm_reset = None;
                next.scenario_changed((preset.build)());
            }
        }
        Action::ChoosePreset(id) => {
            // Edits are never thrown away without asking.
            if next.is_edited() {
                next.confirm_reset = presets::preset(id).map(|p| p.id);
            } else {
                return reduce(&next, Action::LoadPreset(id));
            }
        }
        Action::LoadScenario(scenario) => {
            next.drafts.clear();
            next.confirm_reset = None;
            next.link_problem = None;
            next.preset = preset_of(&scenario, next.preset);
            next.scenario_changed(*scenario);
        }
        Action::LinkProblem { code, link } => next.link_problem = Some((code, link)),
        Action::AskReset => next.confirm_reset = Some(state.preset),
        Action::CancelReset => next.confirm_reset = None,
        Action::ConfirmReset => {
            let target = state.confirm_reset.unwrap_or(state.preset);
            next.confirm_reset = None;
            return reduce(&next, Action::LoadPreset(target));
        }
        Action::SetLang(lang) => next.lang = lang,
        Action::TogglePresentation => next.presentation = !next.presentation,
        Action::Computed {
            generation,
            results,
            done,
        } => {
            if generation == next.progress.generation {
                next.progress.done = done;
                next.results = Some(results);
                next.stale = !next.inputs_valid();
                next.failure = None;
            }
        }
        Action::Failed {
            generation,
            message,
        } => {
            if generation == next.progress.generation {
                next.failure = Some(message);
                next.progress.done = next.progress.total;
            }
        }
        Action::DismissProblem => {
            next.link_problem = None;
            next.failure = None;
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::Stats;

    fn state() -> PlannerState {
        PlannerState::new(Lang::En, "example-city", Scenario::default())
    }

    fn fake_results(runs: u32) -> Rc<Results> {
        let scenario = Scenario {
            runs,
            days: 5,
            ..Scenario::default()
        };
        let batch = cordon_engine::Batch::new(&scenario).unwrap();
        let outcomes = batch.run_range(0..runs);
        let _ = Stats::default();
        Rc::new(cordon_engine::aggregate(&scenario, &outcomes))
    }

    #[test]
    fn a_valid_edit_changes_the_scenario_and_starts_a_new_generation() {
        let s = state();
        let next = reduce(
            &s,
            Action::Edit {
                field: "field.grid_workers".into(),
                text: "12000".into(),
            },
        );
        assert_eq!(next.scenario.community.grid_workers, 12_000);
        assert_eq!(next.progress.generation, s.progress.generation + 1);
        assert!(next.drafts.is_empty());
        // Same value again: nothing to recompute.
        let again = reduce(
            &next,
            Action::Edit {
                field: "field.grid_workers".into(),
                text: "12,000".into(),
            },
        );
        assert_eq!(again.progress.generation, next.progress.generation);
    }

    #[test]
    fn an_invalid_edit_keeps_the_last_valid_scenario_and_marks_results_stale() {
        let mut s = state();
        s = reduce(
            &s,
            Action::Computed {
                generation: 1,
                results: fake_results(3),
                done: 3,
            },
        );
        assert!(!s.stale);
        let next = reduce(
            &s,
            Action::Edit {
                field: "g0.field.posts".into(),
                text: "-3".into(),
            },
        );
        assert_eq!(next.scenario, s.scenario);
        assert!(next.stale);
        assert_eq!(
            next.drafts["g0.field.posts"].error,
            InputError::OutOfRange {
                min: 0.0,
                max: 10_000.0
            }
        );
        assert!(next.results.is_some(), "old results stay on screen");
        // Fixing it clears the draft.
        let fixed = reduce(
            &next,
            Action::Edit {
                field: "g0.field.posts".into(),
                text: "20".into(),
            },
        );
        assert!(fixed.drafts.is_empty());
        assert_eq!(fixed.scenario.gateways[0].checkpoint.posts, 20);
        // Going back to the value the results are for: they are current again.
        let back = reduce(
            &next,
            Action::Edit {
                field: "g0.field.posts".into(),
                text: "12".into(),
            },
        );
        assert!(!back.stale);
        assert_eq!(back.progress.generation, s.progress.generation);
    }

    #[test]
    fn studies_too_large_for_a_browser_tab_are_refused_with_the_limit() {
        let s = reduce(
            &state(),
            Action::Edit {
                field: "field.runs".into(),
                text: "100000".into(),
            },
        );
        assert_eq!(s.scenario.runs, 1_000, "the last valid scenario stays");
        let errors = s.scenario_errors.clone().unwrap().0;
        assert_eq!(errors[0].path, "runs");
        assert_eq!(
            errors[0].problem,
            cordon_engine::Problem::OutOfRange {
                value: 100_000.0,
                min: 1.0,
                max: 6_083.0
            }
        );
        let fine = reduce(
            &s,
            Action::Edit {
                field: "field.runs".into(),
                text: "6000".into(),
            },
        );
        assert_eq!(fine.scenario.runs, 6_000);
        assert!(fine.scenario_errors.is_none());
    }

    #[test]
    fn stale_worker_messages_are_ignored() {
        let s = state();
        let edited = reduce(
            &s,
            Action::Edit {
                field: "field.beds".into(),
                text: "100".into(),
            },
        );
        let late = reduce(
            &edited,
            Action::Computed {
                generation: 1,
                results: fake_results(2),
                done: 2,
            },
        );
        assert!(late.results.is_none());
        let current = reduce(
            &edited,
            Action::Computed {
                generation: 2,
                results: fake_results(2),
                done: 2,
            },
        );
        assert!(current.results.is_some());
        assert_eq!(current.progress.done, 2);
    }

    #[test]
    fn reset_asks_first() {
        let s = reduce(
            &state(),
            Action::Edit {
                field: "field.rooms".into(),
                text: "5000".into(),
            },
        );
        let asked = reduce(&s, Action::AskReset);
        assert_eq!(asked.confirm_reset, Some("example-city"));
        assert_eq!(asked.scenario.quarantine.rooms, 5000);
        let kept = reduce(&asked, Action::CancelReset);
        assert_eq!(kept.scenario.quarantine.rooms, 5000);
        let reset = reduce(&asked, Action::ConfirmReset);
        assert_eq!(reset.scenario, Scenario::default());
        assert!(reset.confirm_reset.is_none());
    }

    #[test]
    fn choosing_a_preset_asks_first_when_there_are_edits() {
        // No edits: the preset opens at once.
        let s = reduce(&state(), Action::ChoosePreset("tour-group"));
        assert_eq!(s.preset, "tour-group");
        assert!(s.confirm_reset.is_none());
        // Edits: ask, and keep them until confirmed.
        let edited = reduce(
            &s,
            Action::Edit {
                field: "field.rooms".into(),
                text: "1234".into(),
            },
        );
        let asked = reduce(&edited, Action::ChoosePreset("cold-chain"));
        assert_eq!(asked.confirm_reset, Some("cold-chain"));
        assert_eq!(asked.scenario.quarantine.rooms, 1234);
        let kept = reduce(&asked, Action::CancelReset);
        assert_eq!(
            (kept.preset, kept.scenario.quarantine.rooms),
            ("tour-group", 1234)
        );
        let opened = reduce(&asked, Action::ConfirmReset);
        assert_eq!(opened.preset, "cold-chain");
        assert_eq!(opened.scenario, cordon_engine::presets::cold_chain());
    }

    #[test]
    fn a_linked_scenario_keeps_its_preset() {
        let mut holiday = cordon_engine::presets::holiday_return();
        holiday.quarantine.rooms = 5000;
        assert_eq!(preset_of(&holiday, "example-city"), "holiday-return");
        let s = reduce(&state(), Action::LoadScenario(Box::new(holiday)));
        assert_eq!(s.preset, "holiday-return");
    }

    #[test]
    fn an_opened_scenario_replaces_the_edit_if_valid() {
        let mut opened = cordon_engine::presets::tour_group();
        opened.seed = 99;
        let s = reduce(&state(), Action::LoadScenario(Box::new(opened.clone())));
        assert_eq!(s.scenario, opened);
        assert_eq!(s.progress.generation, 2);
        let mut broken = opened.clone();
        broken.days = 0;
        let kept = reduce(&s, Action::LoadScenario(Box::new(broken)));
        assert_eq!(kept.scenario, opened);
        assert!(kept.scenario_errors.is_some());
    }

    #[test]
    fn gateways_and_events_are_added_and_removed() {
        use cordon_engine::{Change, TimelineEvent};
        let s = reduce(&state(), Action::AddGateway(GatewayKind::Airport));
        assert_eq!(s.scenario.gateways.len(), 4);
        assert_eq!(s.scenario.gateways[3].kind, GatewayKind::Airport);
        let s = reduce(
            &s,
            Action::AddEvent(TimelineEvent {
                day: 5,
                change: Change::InfectedArrival {
                    gateway: 3,
                    count: 2,
                    unnoticed: false,
                },
            }),
        );
        let s = reduce(
            &s,
            Action::AddEvent(TimelineEvent {
                day: 2,
                change: Change::InfectedArrival {
                    gateway: 1,
                    count: 1,
                    unnoticed: false,
                },
            }),
        );
        assert_eq!(s.scenario.timeline[0].day, 2, "kept in day order");
        // Removing gateway 1 drops its event and renumbers the airport's.
        let s = reduce(&s, Action::RemoveGateway(1));
        assert_eq!(s.scenario.gateways.len(), 3);
        assert_eq!(
            s.scenario.timeline,
            vec![TimelineEvent {
                day: 5,
                change: Change::InfectedArrival {
                    gateway: 2,
                    count: 2,
                    unnoticed: false,
                }
            }]
        );
        assert!(s.scenario_errors.is_none());
        let s = reduce(&s, Action::RemoveEvent(0));
        assert!(s.scenario.timeline.is_empty());
    }

    #[test]
    fn choices_and_custom_epidemiology() {
        let s = reduce(
            &state(),
            Action::Choose {
                choice: Choice::CloseContactsPlace,
                gateway: None,
                value: "home".into(),
            },
        );
        assert_eq!(s.scenario.quarantine.close_contacts, QuarantinePlace::Home);
        let s = reduce(
            &s,
            Action::Choose {
                choice: Choice::HourlyProfile,
                gateway: Some(0),
                value: "flat".into(),
            },
        );
        assert_eq!(
            s.scenario.gateways[0].checkpoint.hourly_profile,
            HourlyProfile::Flat
        );
        let s = reduce(
            &s,
            Action::Toggle {
                toggle: Toggle::Temperature,
                gateway: Some(0),
                on: false,
            },
        );
        assert!(!s.scenario.gateways[0].checkpoint.checks.temperature);
        let s = reduce(
            &s,
            Action::Edit {
                field: "field.r0".into(),
                text: "3".into(),
            },
        );
        assert_eq!(s.scenario.epidemiology.variant, Variant::Custom);
    }

    #[test]
    fn presets_toggles_and_variants() {
        let s = reduce(&state(), Action::LoadPreset("holiday-return"));
        assert_eq!(s.preset, "holiday-return");
        assert_eq!(s.scenario.name, "Holiday return wave");
        let s = reduce(
            &s,
            Action::Toggle {
                toggle: Toggle::UnlimitedRooms,
                gateway: None,
                on: true,
            },
        );
        assert!(s.scenario.quarantine.unlimited_rooms);
        let s = reduce(&s, Action::SetVariant(Variant::Omicron));
        assert_eq!(s.scenario.epidemiology.r0, 9.5);
        let s = reduce(
            &s,
            Action::SetOverload {
                gateway: 2,
                policy: OverloadPolicy::WaveThrough,
            },
        );
        assert_eq!(
            s.scenario.gateways[2].checkpoint.overload,
            OverloadPolicy::WaveThrough
        );
        let s = reduce(&s, Action::SetLang(Lang::Zh));
        assert_eq!(s.lang, Lang::Zh);
    }
}
