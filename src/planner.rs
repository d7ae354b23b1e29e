//! The planner page's state and its pure reducer.
//!
//! Everything the page shows derives from [`PlannerState`]; every user action
//! and every message from the workers is an [`Action`]; [`reduce`] is pure
//! and unit-tested natively. Effects (workers, storage, the URL) live at the
//! top of the component tree and only dispatch actions.

use crate::fields::{display, parse_input, to_display, InputError};
use crate::i18n::Lang;
use cordon_engine::fields::{lookup, Field, FieldValue, Section};
use cordon_engine::{
    presets, validate, Gateway, GatewayKind, Results, Scenario, TimelineEvent, ValidationErrors,
};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Text typed into a field (or read from a file) that is not (yet) in the
/// scenario: the field keeps showing it, with what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub text: String,
    /// What is wrong with this value; `None` when the value is fine on its
    /// own but the engine objects to it with another field.
    pub error: Option<InputError>,
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
    /// Fields whose typed text is not in the scenario, by field id (the
    /// engine path, `gateways[0].checkpoint.posts`).
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
    /// Pinned plans compared with the current one (`crate::compare`).
    pub compare: crate::compare::CompareState,
}

/// Everything that can happen on the planner page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Text typed into a number field.
    Edit {
        field: &'static Field,
        gateway: Option<usize>,
        text: String,
    },
    /// A switch or a choice set.
    Set {
        field: &'static Field,
        gateway: Option<usize>,
        value: FieldValue,
    },
    AddGateway(GatewayKind),
    RemoveGateway(usize),
    AddEvent(TimelineEvent),
    RemoveEvent(usize),
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
    /// Pinning, renaming, removing plans; the plans' runs.
    Compare(crate::compare::CompareAction),
    /// Open a plan set (a link, a file): its plans pinned, the last one
    /// the current plan.
    OpenPlans(cordon_engine::PlanSet),
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
            compare: crate::compare::CompareState::default(),
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
        match check(&candidate) {
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

    /// A field's value set (already checked on its own): the scenario takes
    /// it if the engine accepts the whole; otherwise the field keeps `text`
    /// with the engine's objection next to it.
    fn field_changed(
        &mut self,
        field: &'static Field,
        gateway: Option<usize>,
        value: FieldValue,
        text: String,
    ) {
        let id = field.id(gateway);
        let mut candidate = self.scenario.clone();
        if let Err(problem) = field.set(&mut candidate, gateway, &value) {
            self.drafts.insert(
                id,
                Draft {
                    text,
                    error: Some(InputError::Refused(to_display(field, problem))),
                },
            );
            return;
        }
        if field.section == Section::Epidemiology && field.path == "epidemiology.variant" {
            // A new variant replaces every epidemiology value typed so far.
            self.drafts
                .retain(|k, _| lookup(k).is_none_or(|(f, _)| f.section != Section::Epidemiology));
        }
        self.drafts.remove(&id);
        self.scenario_changed(candidate);
        if let Some(errors) = &self.scenario_errors {
            let own = errors
                .0
                .iter()
                .find(|e| e.path == id)
                .map(|e| InputError::Refused(to_display(field, e.problem.clone())));
            self.drafts.insert(id, Draft { text, error: own });
        }
    }

    /// The problem shown next to a field: what was typed, or what the
    /// engine says of the scenario at this field (in display units).
    pub fn field_problem(&self, field: &Field, gateway: Option<usize>) -> Option<InputError> {
        let id = field.id(gateway);
        if let Some(draft) = self.drafts.get(&id) {
            if draft.error.is_some() {
                return draft.error.clone();
            }
        }
        self.scenario_errors.as_ref().and_then(|errors| {
            errors
                .0
                .iter()
                .find(|e| e.path == id)
                .map(|e| InputError::Refused(to_display(field, e.problem.clone())))
        })
    }

    /// The scenario's problems that no input shows (lists, the timeline).
    pub fn problems_elsewhere(&self) -> Vec<&cordon_engine::FieldError> {
        self.scenario_errors
            .iter()
            .flat_map(|errors| errors.0.iter())
            .filter(|e| lookup(&e.path).is_none())
            .collect()
    }

    /// Opens a scenario (a file, a link). Values the engine refuses are put
    /// back to what the page had, and shown in their inputs with the
    /// problem, so nothing of the file is lost from view; a scenario whose
    /// problems are not in single fields is not opened.
    fn open(&mut self, scenario: Scenario) {
        self.drafts.clear();
        let Err(errors) = check(&scenario) else {
            self.scenario_changed(scenario);
            return;
        };
        let fallback = Scenario::default();
        let mut repaired = scenario.clone();
        let mut drafts = BTreeMap::new();
        for error in &errors.0 {
            let Some((field, gateway)) = lookup(&error.path) else {
                continue;
            };
            let previous = field
                .get(&self.scenario, gateway)
                .or_else(|| field.get(&fallback, gateway.map(|_| 0)));
            if let Some(previous) = previous {
                if field.set(&mut repaired, gateway, &previous).is_ok() {
                    drafts.insert(
                        error.path.clone(),
                        Draft {
                            text: display(field, &scenario, gateway),
                            error: Some(InputError::Refused(to_display(
                                field,
                                error.problem.clone(),
                            ))),
                        },
                    );
                }
            }
        }
        if check(&repaired).is_ok() {
            self.drafts = drafts;
            self.scenario_changed(repaired);
        } else {
            self.scenario_errors = Some(errors);
            self.stale = self.results.is_some();
        }
    }
}

/// The engine's checks, then the browser's budget.
fn check(scenario: &Scenario) -> Result<(), ValidationErrors> {
    validate(scenario).and_then(|()| within_browser_budget(scenario))
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
        Action::Edit {
            field,
            gateway,
            text,
        } => match parse_input(field, &text) {
            Ok(value) => next.field_changed(field, gateway, FieldValue::Number(value), text),
            Err(error) => {
                next.drafts.insert(
                    field.id(gateway),
                    Draft {
                        text,
                        error: Some(error),
                    },
                );
                next.stale = next.results.is_some();
            }
        },
        Action::Set {
            field,
            gateway,
            value,
        } => next.field_changed(field, gateway, value, String::new()),
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
                next.drafts.retain(|k, _| !k.starts_with("gateways["));
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
            next.confirm_reset = None;
            next.link_problem = None;
            next.preset = preset_of(&scenario, next.preset);
            next.open(*scenario);
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
                next.compare.current_results(generation, &results);
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
        Action::Compare(action) => crate::compare::reduce(&mut next, action),
        Action::OpenPlans(set) => {
            let Some(last) = set.plans.last().map(|p| p.scenario.clone()) else {
                return next;
            };
            next.compare = crate::compare::CompareState::from_set(set);
            let mut next = reduce(&next, Action::LoadScenario(Box::new(last)));
            crate::compare::adopt_current(&mut next);
            return next;
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::Problem;
    use cordon_engine::Stats;

    fn edit(id: &str, text: &str) -> Action {
        let (field, gateway) = lookup(id).unwrap();
        Action::Edit {
            field,
            gateway,
            text: text.into(),
        }
    }

    fn set(id: &str, value: FieldValue) -> Action {
        let (field, gateway) = lookup(id).unwrap();
        Action::Set {
            field,
            gateway,
            value,
        }
    }

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
        let next = reduce(&s, edit("community.grid_workers", "12000"));
        assert_eq!(next.scenario.community.grid_workers, 12_000);
        assert_eq!(next.progress.generation, s.progress.generation + 1);
        assert!(next.drafts.is_empty());
        // Same value again: nothing to recompute.
        let again = reduce(&next, edit("community.grid_workers", "12,000"));
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
        let next = reduce(&s, edit("gateways[0].checkpoint.posts", "-3"));
        assert_eq!(next.scenario, s.scenario);
        assert!(next.stale);
        assert_eq!(
            next.drafts["gateways[0].checkpoint.posts"].error,
            Some(InputError::Refused(Problem::OutOfRange {
                value: -3.0,
                min: 0.0,
                max: 10_000.0
            }))
        );
        assert!(next.results.is_some(), "old results stay on screen");
        // Fixing it clears the draft.
        let fixed = reduce(&next, edit("gateways[0].checkpoint.posts", "20"));
        assert!(fixed.drafts.is_empty());
        assert_eq!(fixed.scenario.gateways[0].checkpoint.posts, 20);
        // Going back to the value the results are for: they are current again.
        let back = reduce(&next, edit("gateways[0].checkpoint.posts", "12"));
        assert!(!back.stale);
        assert_eq!(back.progress.generation, s.progress.generation);
    }

    #[test]
    fn studies_too_large_for_a_browser_tab_are_refused_with_the_limit() {
        let s = reduce(&state(), edit("runs", "100000"));
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
        let fine = reduce(&s, edit("runs", "6000"));
        assert_eq!(fine.scenario.runs, 6_000);
        assert!(fine.scenario_errors.is_none());
    }

    #[test]
    fn stale_worker_messages_are_ignored() {
        let s = state();
        let edited = reduce(&s, edit("hospital.beds", "100"));
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
        let s = reduce(&state(), edit("quarantine.rooms", "5000"));
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
        let edited = reduce(&s, edit("quarantine.rooms", "1234"));
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
        broken.seed = 7;
        let kept = reduce(&s, Action::LoadScenario(Box::new(broken)));
        assert_eq!(
            kept.scenario.days, opened.days,
            "the refused value is not used"
        );
        assert_eq!(kept.scenario.seed, 7, "the rest of the file is");
        assert_eq!(kept.drafts["days"].text, "0");
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
        use cordon_engine::{HourlyProfile, QuarantinePlace, Variant};
        let choice = |name: &str| FieldValue::Choice(name.into());
        let s = reduce(&state(), set("quarantine.close_contacts", choice("home")));
        assert_eq!(s.scenario.quarantine.close_contacts, QuarantinePlace::Home);
        let s = reduce(
            &s,
            set("gateways[0].checkpoint.hourly_profile", choice("flat")),
        );
        assert_eq!(
            s.scenario.gateways[0].checkpoint.hourly_profile,
            HourlyProfile::Flat
        );
        let s = reduce(
            &s,
            set(
                "gateways[0].checkpoint.checks.temperature",
                FieldValue::Switch(false),
            ),
        );
        assert!(!s.scenario.gateways[0].checkpoint.checks.temperature);
        let s = reduce(&s, edit("epidemiology.r0", "3"));
        assert_eq!(s.scenario.epidemiology.variant, Variant::Custom);
    }

    #[test]
    fn presets_switches_and_variants() {
        use cordon_engine::{OverloadPolicy, Variant};
        let s = reduce(&state(), Action::LoadPreset("holiday-return"));
        assert_eq!(s.preset, "holiday-return");
        assert_eq!(s.scenario.name, "Holiday return wave");
        let s = reduce(
            &s,
            set("quarantine.unlimited_rooms", FieldValue::Switch(true)),
        );
        assert!(s.scenario.quarantine.unlimited_rooms);
        // A typed but refused epidemiology value goes when a variant is chosen.
        let s = reduce(&s, edit("epidemiology.generation_interval.mean", "abc"));
        assert!(s
            .drafts
            .contains_key("epidemiology.generation_interval.mean"));
        let s = reduce(
            &s,
            set("epidemiology.variant", FieldValue::Choice("omicron".into())),
        );
        assert_eq!(s.scenario.epidemiology.r0, 9.5);
        assert_eq!(s.scenario.epidemiology.variant, Variant::Omicron);
        assert!(s.drafts.is_empty(), "{:?}", s.drafts);
        let s = reduce(
            &s,
            set(
                "gateways[2].checkpoint.overload",
                FieldValue::Choice("wave_through".into()),
            ),
        );
        assert_eq!(
            s.scenario.gateways[2].checkpoint.overload,
            OverloadPolicy::WaveThrough
        );
        let s = reduce(&s, Action::SetLang(Lang::Zh));
        assert_eq!(s.lang, Lang::Zh);
    }

    #[test]
    fn a_refused_value_stays_in_its_field_with_the_engines_problem() {
        // 100,000 runs: the engine allows it, the browser tab does not.
        let s = reduce(&state(), edit("runs", "100000"));
        assert_eq!(s.scenario.runs, 1_000);
        assert_eq!(s.drafts["runs"].text, "100000");
        let (runs, _) = lookup("runs").unwrap();
        assert_eq!(
            s.field_problem(runs, None),
            Some(InputError::Refused(Problem::OutOfRange {
                value: 100_000.0,
                min: 1.0,
                max: 6_083.0
            }))
        );
        // A rule across two fields: shown at the field the engine names.
        let s = reduce(&state(), edit("testing.peak_day", "1"));
        let (peak, _) = lookup("testing.peak_day").unwrap();
        assert!(matches!(
            s.field_problem(peak, None),
            Some(InputError::Refused(Problem::MustExceed { .. }))
        ));
        assert_eq!(s.drafts["testing.peak_day"].text, "1");
        // Percent fields show their problems in percent.
        let s = reduce(&state(), edit("community.self_report_share", "150"));
        let (share, _) = lookup("community.self_report_share").unwrap();
        assert_eq!(
            s.field_problem(share, None),
            Some(InputError::Refused(Problem::OutOfRange {
                value: 150.0,
                min: 0.0,
                max: 100.0
            }))
        );
    }

    #[test]
    fn an_opened_file_keeps_its_good_values_and_shows_the_refused_ones() {
        let mut file = Scenario::default();
        file.quarantine.rooms = 5_000;
        file.hospital.stay_days = 0;
        file.gateways[1].checkpoint.shift_hours = 0.0;
        let s = reduce(&state(), Action::LoadScenario(Box::new(file)));
        assert_eq!(s.scenario.quarantine.rooms, 5_000);
        assert_eq!(s.scenario.hospital.stay_days, 14, "the page's value stays");
        assert_eq!(s.drafts["hospital.stay_days"].text, "0");
        let (stay, _) = lookup("hospital.stay_days").unwrap();
        assert!(matches!(
            s.field_problem(stay, None),
            Some(InputError::Refused(Problem::OutOfRange { .. }))
        ));
        assert!(s.drafts.contains_key("gateways[1].checkpoint.shift_hours"));
        assert!(s.scenario_errors.is_none());
        // Problems outside single fields: the file is not opened.
        let mut broken = Scenario::default();
        broken.timeline.push(TimelineEvent {
            day: 1,
            change: cordon_engine::Change::LocalInfection { count: 0 },
        });
        let s = reduce(&state(), Action::LoadScenario(Box::new(broken)));
        assert_eq!(s.scenario, Scenario::default());
        assert_eq!(s.problems_elsewhere().len(), 1);
    }
}
