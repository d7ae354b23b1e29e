//! Cordon's web app: a thin Yew shell over the engine.
//!
//! Pure parts (field table, translations, the page reducer) compile natively
//! and are unit-tested without a browser; the components, the workers and
//! the storage effects only exist on wasm32.

pub mod compare;
pub mod decide;
pub mod decide_work;
pub mod export;
pub mod fields;
pub mod i18n;
pub mod i18n_compare;
pub mod i18n_decide;
pub mod i18n_share;
pub mod planner;
pub mod problems;
pub mod text;
pub mod text_decide;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod charts;
#[cfg(target_arch = "wasm32")]
pub mod compare_compute;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod compute;
#[cfg(target_arch = "wasm32")]
pub mod decide_compute;
#[cfg(target_arch = "wasm32")]
pub mod share;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod tornado_chart;
#[cfg(target_arch = "wasm32")]
pub mod worker;
