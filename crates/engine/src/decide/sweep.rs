//! Sweeps: many plans over one or more cities, sharded across machines.
//!
//! A [`SweepSpec`] lists base scenarios (cities, presets) and plans (a list
//! of named changes, or a grid: every combination of some fields' values);
//! every (base, plan) pair is an item, numbered in a fixed order, and every
//! item runs the spec's runs with the spec's seed (common random numbers
//! across plans). An item's result depends only on the item, so:
//!
//! - shard `i` of `n` ([`Shard`]) takes the items whose number is `i` modulo
//!   `n`, and writes a self-describing [`ShardFile`] (the spec and its hash,
//!   the shard's index and count, the ids of the plans it covers);
//! - [`merge`] checks the shard files (same sweep, same count, none missing,
//!   none twice, each holding exactly its items) and puts the items back in
//!   order: the same bytes as the unsharded run ([`SweepResult::to_json`])
//!   whatever the shard count or the order of the files.
//!
//! Each item's result is written once, as JSON text, and carried verbatim
//! through shard files (as a string), so no number is ever parsed back.

use super::{Outcome, Sample};
use crate::fields::{self, FieldValue};
use crate::montecarlo::{aggregate, Batch, Summary};
use crate::presets;
use crate::scenario::Scenario;
use crate::sim::RunOutcome;
use crate::validate::{validate, ValidationErrors, MAX_RUNS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Format name of a shard file.
pub const SHARD_FORMAT: &str = "cordon-sweep-shard";
/// Format name of a merged (or unsharded) result.
pub const RESULT_FORMAT: &str = "cordon-sweep";
/// Version of both formats.
pub const SWEEP_VERSION: u32 = 1;
/// Most items in a sweep.
pub const MAX_ITEMS: usize = 1_000_000;

/// A sweep: bases × plans, each run `runs` times from `seed`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepSpec {
    /// A name for people.
    #[serde(default)]
    pub name: String,
    /// The cities (or presets) the plans apply to.
    pub bases: Vec<SweepBase>,
    /// Named plans (each a set of field changes). With `grid` too, each plan
    /// is combined with every grid point.
    #[serde(default)]
    pub plans: Vec<SweepPlan>,
    /// Every combination of these fields' values.
    #[serde(default)]
    pub grid: Vec<Axis>,
    /// Runs per item (overrides the bases').
    pub runs: u32,
    /// Seed of every item (overrides the bases').
    pub seed: u64,
}

/// A base scenario: a preset, or a scenario (whole, or the fields it
/// changes from the example city, as in a scenario file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepBase {
    pub id: String,
    /// A preset's identifier (`cordon example --list`).
    #[serde(default)]
    pub preset: Option<String>,
    /// A scenario's JSON (when no preset is named).
    #[serde(default)]
    pub scenario: Option<serde_json::Value>,
}

/// A named plan: field paths (`quarantine.rooms`,
/// `gateways[2].checkpoint.staff_per_shift`) and their values (numbers,
/// `true`/`false`, choice names).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepPlan {
    pub id: String,
    #[serde(default)]
    pub set: BTreeMap<String, serde_json::Value>,
}

/// One axis of a grid: a field and its values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    pub field: String,
    pub values: Vec<serde_json::Value>,
}

/// One item of a sweep: a base with a plan applied.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepItem {
    /// Position in the sweep (what shards divide).
    pub index: u32,
    /// `<base id>/<plan id>`.
    pub id: String,
    pub base: String,
    pub plan: String,
    pub scenario: Scenario,
}

/// A malformed sweep spec.
#[derive(Clone, Debug, PartialEq)]
pub enum SpecError {
    /// Not JSON of a sweep spec.
    Syntax(String),
    /// No base.
    NoBases,
    /// Two bases or plans with the same id (or an empty id).
    BadId { id: String },
    /// A base with neither or both of `preset` and `scenario`.
    BaseSource { base: String },
    /// A preset that does not exist.
    UnknownPreset { base: String, preset: String },
    /// A base's scenario is not a scenario.
    BaseSyntax { base: String, message: String },
    /// A field that is not in the registry.
    UnknownField { plan: String, field: String },
    /// A value the field does not take.
    BadValue {
        plan: String,
        field: String,
        message: String,
    },
    /// An item that is not a valid scenario.
    Invalid {
        item: String,
        errors: ValidationErrors,
    },
    /// Runs outside 1..=MAX_RUNS.
    BadRuns { runs: u32 },
    /// More than [`MAX_ITEMS`] items, or an axis without values.
    BadGrid { message: String },
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpecError::Syntax(m) => write!(f, "not a sweep spec: {m}"),
            SpecError::NoBases => write!(f, "no base scenario (`bases` is empty)"),
            SpecError::BadId { id } => write!(f, "id {id:?} is empty or used twice"),
            SpecError::BaseSource { base } => {
                write!(
                    f,
                    "base {base:?}: give exactly one of `preset` and `scenario`"
                )
            }
            SpecError::UnknownPreset { base, preset } => {
                write!(f, "base {base:?}: no preset named {preset:?}")
            }
            SpecError::BaseSyntax { base, message } => {
                write!(f, "base {base:?}: not a scenario: {message}")
            }
            SpecError::UnknownField { plan, field } => {
                write!(f, "plan {plan:?}: no field {field:?}")
            }
            SpecError::BadValue {
                plan,
                field,
                message,
            } => write!(f, "plan {plan:?}, field {field}: {message}"),
            SpecError::Invalid { item, errors } => write!(f, "item {item:?}: {errors}"),
            SpecError::BadRuns { runs } => write!(f, "runs {runs} is not within 1..={MAX_RUNS}"),
            SpecError::BadGrid { message } => write!(f, "grid: {message}"),
        }
    }
}

impl std::error::Error for SpecError {}

impl SweepSpec {
    /// Reads a spec file's JSON (a leading byte-order mark is accepted).
    pub fn parse(text: &str) -> Result<SweepSpec, SpecError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        serde_json::from_str(text).map_err(|e| SpecError::Syntax(e.to_string()))
    }

    /// The spec's identity: FNV-1a 64 of its canonical JSON, as 16 hex digits.
    pub fn hash(&self) -> String {
        let text = serde_json::to_string(self).unwrap_or_default();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }

    /// Every item, in order: each base, then each plan (grid points after
    /// named plans, the last axis varying fastest). Checks the whole spec.
    pub fn items(&self) -> Result<Vec<SweepItem>, SpecError> {
        if self.bases.is_empty() {
            return Err(SpecError::NoBases);
        }
        if self.runs == 0 || self.runs > MAX_RUNS {
            return Err(SpecError::BadRuns { runs: self.runs });
        }
        unique(self.bases.iter().map(|b| b.id.as_str()))?;
        unique(self.plans.iter().map(|p| p.id.as_str()))?;
        let plans = self.plan_list()?;
        let count = self.bases.len().saturating_mul(plans.len());
        if count > MAX_ITEMS {
            return Err(SpecError::BadGrid {
                message: format!("{count} items, more than {MAX_ITEMS}"),
            });
        }
        let mut items = Vec::with_capacity(count);
        for base in &self.bases {
            let scenario = self.base_scenario(base)?;
            for (plan_id, changes) in &plans {
                let mut scenario = scenario.clone();
                for (field, value) in changes {
                    set_field(&mut scenario, plan_id, field, value)?;
                }
                scenario.runs = self.runs;
                scenario.seed = self.seed;
                let id = format!("{}/{plan_id}", base.id);
                validate(&scenario).map_err(|errors| SpecError::Invalid {
                    item: id.clone(),
                    errors,
                })?;
                items.push(SweepItem {
                    index: items.len() as u32,
                    id,
                    base: base.id.clone(),
                    plan: plan_id.clone(),
                    scenario,
                });
            }
        }
        Ok(items)
    }

    /// The plans as (id, changes): named plans × grid points (a missing
    /// part counts as one empty plan, `base`).
    #[allow(clippy::type_complexity)]
    fn plan_list(&self) -> Result<Vec<(String, Vec<(String, serde_json::Value)>)>, SpecError> {
        let named: Vec<(String, Vec<(String, serde_json::Value)>)> = if self.plans.is_empty() {
            vec![(String::new(), Vec::new())]
        } else {
            self.plans
                .iter()
                .map(|p| {
                    (
                        p.id.clone(),
                        p.set.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                    )
                })
                .collect()
        };
        let mut points: Vec<(String, Vec<(String, serde_json::Value)>)> =
            vec![(String::new(), Vec::new())];
        for axis in &self.grid {
            if axis.values.is_empty() {
                return Err(SpecError::BadGrid {
                    message: format!("axis {} has no values", axis.field),
                });
            }
            if points.len().saturating_mul(axis.values.len()) > MAX_ITEMS {
                return Err(SpecError::BadGrid {
                    message: format!("more than {MAX_ITEMS} points"),
                });
            }
            points = points
                .iter()
                .flat_map(|(id, changes)| {
                    axis.values.iter().map(move |v| {
                        let part = format!("{}={v}", axis.field);
                        let id = if id.is_empty() {
                            part
                        } else {
                            format!("{id},{part}")
                        };
                        let mut changes = changes.clone();
                        changes.push((axis.field.clone(), v.clone()));
                        (id, changes)
                    })
                })
                .collect();
        }
        let mut plans = Vec::new();
        for (name, named_changes) in &named {
            for (point, point_changes) in &points {
                let id = match (name.is_empty(), point.is_empty()) {
                    (true, true) => "base".to_string(),
                    (false, true) => name.clone(),
                    (true, false) => point.clone(),
                    (false, false) => format!("{name},{point}"),
                };
                let mut changes = named_changes.clone();
                changes.extend(point_changes.iter().cloned());
                plans.push((id, changes));
            }
        }
        Ok(plans)
    }

    fn base_scenario(&self, base: &SweepBase) -> Result<Scenario, SpecError> {
        match (&base.preset, &base.scenario) {
            (Some(id), None) => {
                presets::preset(id)
                    .map(|p| (p.build)())
                    .ok_or_else(|| SpecError::UnknownPreset {
                        base: base.id.clone(),
                        preset: id.clone(),
                    })
            }
            (None, Some(json)) => {
                serde_json::from_value(json.clone()).map_err(|e| SpecError::BaseSyntax {
                    base: base.id.clone(),
                    message: e.to_string(),
                })
            }
            _ => Err(SpecError::BaseSource {
                base: base.id.clone(),
            }),
        }
    }
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>) -> Result<(), SpecError> {
    let mut seen = std::collections::BTreeSet::new();
    for id in ids {
        if id.is_empty() || !seen.insert(id) {
            return Err(SpecError::BadId { id: id.to_string() });
        }
    }
    Ok(())
}

fn set_field(
    scenario: &mut Scenario,
    plan: &str,
    path: &str,
    value: &serde_json::Value,
) -> Result<(), SpecError> {
    let (field, gateway) = fields::lookup(path).ok_or_else(|| SpecError::UnknownField {
        plan: plan.to_string(),
        field: path.to_string(),
    })?;
    let value = match value {
        serde_json::Value::Number(n) => n.as_f64().map(FieldValue::Number),
        serde_json::Value::Bool(b) => Some(FieldValue::Switch(*b)),
        serde_json::Value::String(s) => Some(FieldValue::Choice(s.clone())),
        _ => None,
    };
    let bad = |message: String| SpecError::BadValue {
        plan: plan.to_string(),
        field: path.to_string(),
        message,
    };
    let value = value.ok_or_else(|| bad(format!("{path}: not a number, true/false or a name")))?;
    field.set(scenario, gateway, &value).map_err(|problem| {
        bad(crate::validate::FieldError {
            path: path.to_string(),
            problem,
        }
        .to_string())
    })
}

/// Shard `index` of `count` (`i/n`, counted from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// The whole sweep as one shard.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// A shard (`None` unless `index < count`).
    pub fn new(index: u32, count: u32) -> Option<Shard> {
        (index < count).then_some(Shard { index, count })
    }

    /// Whether the shard runs item `item`.
    pub fn covers(&self, item: u32) -> bool {
        item % self.count == self.index
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// `i/n` with `0 ≤ i < n`.
    fn from_str(text: &str) -> Result<Shard, String> {
        let bad = || format!("shard {text:?} is not I/N with 0 <= I < N (e.g. 0/3)");
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let i: u32 = i.trim().parse().map_err(|_| bad())?;
        let n: u32 = n.trim().parse().map_err(|_| bad())?;
        Shard::new(i, n).ok_or_else(bad)
    }
}

/// One item's result, written once as JSON text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub index: u32,
    pub id: String,
    /// The item's result as compact JSON: id, base, plan, runs, seed, every
    /// decision outcome ([`Outcome::all`]) and the summary.
    pub json: String,
}

/// An item's result as written.
#[derive(Serialize)]
struct ItemOutput<'a> {
    id: &'a str,
    base: &'a str,
    plan: &'a str,
    runs: u32,
    seed: u64,
    outcomes: BTreeMap<String, f64>,
    summary: &'a Summary,
}

impl ItemResult {
    /// The result of an item from its runs (all of them, in run order).
    pub fn of(item: &SweepItem, outcomes: &[RunOutcome]) -> ItemResult {
        let results = aggregate(&item.scenario, outcomes);
        let values = Outcome::all(&item.scenario)
            .into_iter()
            .map(|o| {
                let value = Sample::of(&item.scenario, &o, 0, outcomes).value();
                (o.to_string(), value)
            })
            .collect();
        let output = ItemOutput {
            id: &item.id,
            base: &item.base,
            plan: &item.plan,
            runs: results.runs,
            seed: item.scenario.seed,
            outcomes: values,
            summary: &results.summary,
        };
        ItemResult {
            index: item.index,
            id: item.id.clone(),
            json: serde_json::to_string(&output).unwrap_or_default(),
        }
    }

    /// Runs an item (every run, on this thread) and writes its result.
    pub fn run(item: &SweepItem) -> Result<ItemResult, ValidationErrors> {
        let batch = Batch::new(&item.scenario)?;
        Ok(ItemResult::of(
            item,
            &batch.run_range(0..item.scenario.runs),
        ))
    }
}

/// A shard's result file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardFile {
    /// [`SHARD_FORMAT`].
    pub format: String,
    pub version: u32,
    /// [`SweepSpec::hash`] of `spec`.
    pub spec_hash: String,
    pub shard: u32,
    pub shards: u32,
    /// Items in the whole sweep.
    pub items_total: u32,
    /// The ids of the items (plans) this shard covers, in order.
    pub plan_ids: Vec<String>,
    pub spec: SweepSpec,
    pub results: Vec<ItemResult>,
}

impl ShardFile {
    /// A shard's file from its items' results.
    pub fn new(
        spec: &SweepSpec,
        shard: Shard,
        items_total: u32,
        results: Vec<ItemResult>,
    ) -> ShardFile {
        ShardFile {
            format: SHARD_FORMAT.into(),
            version: SWEEP_VERSION,
            spec_hash: spec.hash(),
            shard: shard.index,
            shards: shard.count,
            items_total,
            plan_ids: results.iter().map(|r| r.id.clone()).collect(),
            spec: spec.clone(),
            results,
        }
    }

    /// The file's text (pretty JSON, one trailing newline).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The whole sweep's result: every item in order.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepResult {
    pub name: String,
    pub spec_hash: String,
    pub runs: u32,
    pub seed: u64,
    pub items: Vec<ItemResult>,
}

impl SweepResult {
    /// The result of a whole sweep from every item's result (any order).
    pub fn new(spec: &SweepSpec, mut items: Vec<ItemResult>) -> SweepResult {
        items.sort_by_key(|i| i.index);
        SweepResult {
            name: spec.name.clone(),
            spec_hash: spec.hash(),
            runs: spec.runs,
            seed: spec.seed,
            items,
        }
    }

    /// The result's bytes: JSON, one item a line, the items' text verbatim.
    pub fn to_json(&self) -> String {
        let head = serde_json::json!({
            "format": RESULT_FORMAT,
            "version": SWEEP_VERSION,
            "name": self.name,
            "spec_hash": self.spec_hash,
            "runs": self.runs,
            "seed": self.seed,
        })
        .to_string();
        let mut text = head[..head.len() - 1].to_string();
        text.push_str(",\"items\":[\n");
        for (i, item) in self.items.iter().enumerate() {
            text.push_str(&item.json);
            text.push_str(if i + 1 < self.items.len() {
                ",\n"
            } else {
                "\n"
            });
        }
        text.push_str("]}\n");
        text
    }
}

/// Why shard files do not merge; every case names a file.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeError {
    /// No file given.
    NoFiles,
    /// Not a shard file (or a spec that is not valid).
    Malformed { file: String, message: String },
    /// From another sweep than the first file.
    ForeignSweep {
        file: String,
        spec_hash: String,
        first_file: String,
        first_hash: String,
    },
    /// Another shard count than the first file's.
    ShardCount {
        file: String,
        shards: u32,
        first_file: String,
        first_shards: u32,
    },
    /// The same shard twice.
    Duplicate {
        file: String,
        other_file: String,
        shard: u32,
    },
    /// Shards missing (`shards` of `count`); `files` are those given.
    Missing {
        shards: Vec<u32>,
        count: u32,
        files: Vec<String>,
    },
    /// A shard without exactly its items.
    WrongItems { file: String, message: String },
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::NoFiles => write!(f, "no shard files to merge"),
            MergeError::Malformed { file, message } => {
                write!(f, "{file}: not a sweep shard file: {message}")
            }
            MergeError::ForeignSweep {
                file,
                spec_hash,
                first_file,
                first_hash,
            } => write!(
                f,
                "{file}: from another sweep (spec {spec_hash}) than {first_file} (spec {first_hash})"
            ),
            MergeError::ShardCount {
                file,
                shards,
                first_file,
                first_shards,
            } => write!(
                f,
                "{file}: one of {shards} shards, but {first_file} is one of {first_shards}"
            ),
            MergeError::Duplicate {
                file,
                other_file,
                shard,
            } => write!(f, "{file}: shard {shard} again (also in {other_file})"),
            MergeError::Missing {
                shards,
                count,
                files,
            } => {
                let list: Vec<String> = shards.iter().map(|s| format!("{s}/{count}")).collect();
                write!(
                    f,
                    "missing shard{} {} (given: {})",
                    if shards.len() == 1 { "" } else { "s" },
                    list.join(", "),
                    files.join(", ")
                )
            }
            MergeError::WrongItems { file, message } => write!(f, "{file}: {message}"),
        }
    }
}

impl std::error::Error for MergeError {}

/// Merges shard files (`(name, text)`, in any order) into the sweep's
/// result, or refuses with the file at fault.
pub fn merge(files: &[(String, String)]) -> Result<SweepResult, MergeError> {
    let mut shards: Vec<(String, ShardFile)> = Vec::new();
    for (name, text) in files {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let malformed = |message: String| MergeError::Malformed {
            file: name.clone(),
            message,
        };
        let shard: ShardFile = serde_json::from_str(text).map_err(|e| malformed(e.to_string()))?;
        if shard.format != SHARD_FORMAT || shard.version != SWEEP_VERSION {
            return Err(malformed(format!(
                "format {:?} version {} (expected {SHARD_FORMAT:?} version {SWEEP_VERSION})",
                shard.format, shard.version
            )));
        }
        if shard.spec.hash() != shard.spec_hash {
            return Err(malformed(format!(
                "its spec does not match its spec_hash {} (edited?)",
                shard.spec_hash
            )));
        }
        if shard.shards == 0 || shard.shard >= shard.shards {
            return Err(malformed(format!(
                "shard {}/{} is not I/N with I < N",
                shard.shard, shard.shards
            )));
        }
        if let Some((first_file, first)) = shards.first() {
            if shard.spec_hash != first.spec_hash {
                return Err(MergeError::ForeignSweep {
                    file: name.clone(),
                    spec_hash: shard.spec_hash,
                    first_file: first_file.clone(),
                    first_hash: first.spec_hash.clone(),
                });
            }
            if shard.shards != first.shards {
                return Err(MergeError::ShardCount {
                    file: name.clone(),
                    shards: shard.shards,
                    first_file: first_file.clone(),
                    first_shards: first.shards,
                });
            }
        }
        if let Some((other, _)) = shards.iter().find(|(_, s)| s.shard == shard.shard) {
            return Err(MergeError::Duplicate {
                file: name.clone(),
                other_file: other.clone(),
                shard: shard.shard,
            });
        }
        shards.push((name.clone(), shard));
    }
    let Some((first_name, first)) = shards.first() else {
        return Err(MergeError::NoFiles);
    };
    let count = first.shards;
    let missing: Vec<u32> = (0..count)
        .filter(|i| !shards.iter().any(|(_, s)| s.shard == *i))
        .collect();
    if !missing.is_empty() {
        return Err(MergeError::Missing {
            shards: missing,
            count,
            files: shards.iter().map(|(n, _)| n.clone()).collect(),
        });
    }
    let items = first.spec.items().map_err(|e| MergeError::Malformed {
        file: first_name.clone(),
        message: format!("its spec: {e}"),
    })?;
    let mut results = Vec::with_capacity(items.len());
    for (name, shard) in &shards {
        let wrong = |message: String| MergeError::WrongItems {
            file: name.clone(),
            message,
        };
        if shard.items_total as usize != items.len() {
            return Err(wrong(format!(
                "says the sweep has {} items; its spec has {}",
                shard.items_total,
                items.len()
            )));
        }
        let expected: Vec<&SweepItem> = items
            .iter()
            .filter(|i| Shard::new(shard.shard, count).is_some_and(|s| s.covers(i.index)))
            .collect();
        let matches = shard.results.len() == expected.len()
            && shard.plan_ids.len() == expected.len()
            && shard
                .results
                .iter()
                .zip(&shard.plan_ids)
                .zip(&expected)
                .all(|((r, id), e)| r.index == e.index && r.id == e.id && id == &e.id);
        if !matches {
            return Err(wrong(format!(
                "does not hold exactly the {} items of shard {}/{count}",
                expected.len(),
                shard.shard
            )));
        }
        results.extend(shard.results.iter().cloned());
    }
    Ok(SweepResult::new(&first.spec, results))
}
