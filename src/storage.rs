//! The browser's storage and address bar: the edit is kept as you go, the
//! language is remembered, and the URL fragment always holds the scenario.

use crate::i18n::Lang;
use cordon_engine::{presets, validate, Scenario};
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const SCENARIO_KEY: &str = "cordon.scenario.v1";
const LANG_KEY: &str = "cordon.lang";

#[derive(Serialize, Deserialize)]
struct Saved {
    preset: String,
    scenario: Scenario,
}

/// The remembered language, if any.
pub fn load_lang() -> Option<Lang> {
    LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .and_then(|c| Lang::from_code(&c))
}

/// Remembers the language and sets the document's `lang`.
pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang.code());
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// The language the browser asks for.
pub fn browser_lang() -> Lang {
    let languages: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    Lang::from_browser(&languages)
}

/// The saved edit, if any and still valid.
pub fn load_scenario() -> Option<(&'static str, Scenario)> {
    let saved: Saved = LocalStorage::get(SCENARIO_KEY).ok()?;
    validate(&saved.scenario).ok()?;
    let preset = presets::preset(&saved.preset)
        .map(|p| p.id)
        .unwrap_or("example-city");
    Some((preset, saved.scenario))
}

/// Saves the edit.
pub fn save_scenario(preset: &str, scenario: &Scenario) {
    let _ = LocalStorage::set(
        SCENARIO_KEY,
        Saved {
            preset: preset.to_string(),
            scenario: scenario.clone(),
        },
    );
}

/// The URL fragment, without `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Replaces the URL fragment without adding a history entry.
pub fn set_fragment(fragment: &str) {
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let url = format!("#{fragment}");
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

const PLANS_KEY: &str = "cordon.plans.v1";

/// The pinned plans, if any were saved and they still check.
pub fn load_plans() -> Option<cordon_engine::PlanSet> {
    let text: String = LocalStorage::get(PLANS_KEY).ok()?;
    cordon_engine::report::read_plan_set(&text).ok()
}

/// Saves the pinned plans (none: forgets them).
pub fn save_plans(set: &cordon_engine::PlanSet) {
    if set.plans.is_empty() {
        LocalStorage::delete(PLANS_KEY);
    } else {
        let _ = LocalStorage::set(PLANS_KEY, cordon_engine::report::plan_set_json(set));
    }
}

const PRESENTATION_KEY: &str = "cordon.presentation";

/// Whether presentation mode was on.
pub fn load_presentation() -> bool {
    LocalStorage::get::<bool>(PRESENTATION_KEY).unwrap_or(false)
}

/// Remembers presentation mode.
pub fn save_presentation(on: bool) {
    let _ = LocalStorage::set(PRESENTATION_KEY, on);
}
