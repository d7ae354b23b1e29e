//! Scenario links: a whole scenario, with its seed and run count, in the
//! fragment of a URL (`https://…/#s1.<payload>`), short enough to paste into
//! a chat message, and versioned so that every link ever shared keeps
//! opening.
//!
//! # Format, version 1
//!
//! ```text
//! fragment = "s" version "." payload          e.g. s1.AbC-_x…
//! payload  = base64url, no padding (RFC 4648 §5) of
//!            checksum (2 bytes, little endian) ++ raw DEFLATE (RFC 1951) of body
//! checksum = FNV-1a 32 over (version as u32 LE ++ body), folded to 16 bits
//!            (high half XOR low half)
//! body     = preset code (1 byte) ++ op*       (ops until the end of the body)
//! ```
//!
//! The body describes the scenario as changes to a *base*: one of the
//! presets **as it was when version 1 was defined**. Those bases are frozen
//! in `link/v1_bases.json` (the scenario JSON of every preset, by code), so a
//! later change to a preset never changes what an old link means. The encoder
//! tries every base and keeps the shortest link.
//!
//! Each op is a [postcard](https://docs.rs/postcard) value of the frozen
//! enum `Head`, possibly followed by one JSON value written as a flat
//! sequence of postcard `Tok`s:
//!
//! - `Set(path)` + value: replaces (or adds, on an object) the value at `path`;
//! - `Resize(path, len)`: truncates the array at `path`, or extends it with
//!   copies of its last element (`null` if it was empty);
//! - `SetKey(path, key)` + value: sets a key not in the key table (fallback).
//!
//! A path is a list of numbers read against the value being edited: at an
//! object a number indexes the frozen key table `v1::KEYS`, at an array it is
//! the element index. Tokens: `Null`, `False`, `True`, `UInt(u64)`,
//! `NegInt(n)` (= −n−1), `Dec(m, e)` / `NegDec(m, e)` (= ±m·10^e, used when it
//! converts back to exactly the same `f64`), `F64` (8 bytes), `Sym(i)` (string
//! `i` of the frozen value table `v1::VALUES`: enum names), `Str`, `Arr(n)`
//! followed by `n` values, `Obj(n)` followed by `n` (key, value) pairs, a
//! key being `Sym(i)` (index into `v1::KEYS`) or `Str`.
//!
//! Decoding rebuilds the scenario JSON from the base and the ops, migrates it
//! to the current version, deserializes it (unknown fields are errors) and
//! [`validate`]s it. Broken, truncated or altered links return a
//! [`LinkError`], never a panic: the payload is size-limited, inflation is
//! bounded (decompression bombs), the checksum catches changed characters,
//! and the value reader is iterative with limits on depth, array length and
//! total size.
//!
//! # Versions
//!
//! [`LINK_VERSION`] is the version this build writes; it reads every version
//! from 1 up to it. **A version, once released, is frozen for ever**: its
//! bases, key and value tables, token and op layouts never change (the golden
//! links in `tests/link.rs` pin them). To change the format or the scenario
//! schema, add version N+1: a new body reader if the layout changes, and a
//! migration `fn migrate_vN_to_vN1(serde_json::Value) -> Result<Value,
//! LinkError>` appended to `MIGRATIONS`, which turns a version-N scenario
//! JSON into a version-N+1 one. A link of version `v` is read by its own
//! reader, then passed through every migration from `v` to [`LINK_VERSION`].
//! Old golden links stay in the tests, still expected to decode.

use crate::scenario::Scenario;
use crate::validate::{validate, ValidationErrors};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Value;
use std::fmt;

/// Version of the link format written by this build.
pub const LINK_VERSION: u32 = 1;

/// Longest payload accepted, in characters (a link is normally well under
/// 2,000).
pub const MAX_PAYLOAD_CHARS: usize = 512 * 1024;

/// Largest inflated body accepted, in bytes (guards decompression bombs).
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum LinkError {
    /// The text is not a scenario link at all (no `s<version>.` prefix).
    NotALink,
    /// The link's format version is unknown to this build (made by a newer
    /// version of Cordon).
    UnsupportedVersion {
        /// Version found in the link.
        found: u32,
        /// Newest version this build reads.
        newest: u32,
    },
    /// The payload is not URL-safe base64 (characters changed or cut).
    BadEncoding,
    /// The payload decodes but its content is damaged or was altered.
    Corrupt(String),
    /// The link decodes to a scenario that does not pass validation.
    InvalidScenario(ValidationErrors),
}

impl LinkError {
    /// A stable code for the user interface to translate: `not_a_link`,
    /// `unsupported_version`, `bad_encoding`, `corrupt` or
    /// `invalid_scenario`.
    pub fn code(&self) -> &'static str {
        match self {
            LinkError::NotALink => "not_a_link",
            LinkError::UnsupportedVersion { .. } => "unsupported_version",
            LinkError::BadEncoding => "bad_encoding",
            LinkError::Corrupt(_) => "corrupt",
            LinkError::InvalidScenario(_) => "invalid_scenario",
        }
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NotALink => write!(
                f,
                "not a Cordon scenario link (expected a fragment like #s{LINK_VERSION}.…)"
            ),
            LinkError::UnsupportedVersion { found, newest } => write!(
                f,
                "link format version {found} is not supported: this build reads versions 1 to {newest} (the link may come from a newer version of Cordon)"
            ),
            LinkError::BadEncoding => write!(
                f,
                "the link is damaged: it contains characters that do not belong in a scenario link, or was cut short"
            ),
            LinkError::Corrupt(detail) => {
                write!(f, "the link is incomplete or has been altered ({detail})")
            }
            LinkError::InvalidScenario(errors) => {
                write!(f, "the scenario in the link is not valid: ")?;
                for (i, e) in errors.0.iter().enumerate() {
                    if i > 0 {
                        write!(f, "; ")?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LinkError {}

fn corrupt(detail: impl Into<String>) -> LinkError {
    LinkError::Corrupt(detail.into())
}

/// The link fragment (without `#`) of a scenario: the shortest over every
/// base preset.
///
/// A scenario that passes [`validate`] always decodes back to itself; the
/// link of an invalid one (e.g. with a NaN) may not decode.
pub fn encode(scenario: &Scenario) -> String {
    let Ok(target) = serde_json::to_value(scenario) else {
        return String::new();
    };
    let sizes = v1::Sizes::of(&target);
    let bodies: Vec<Vec<u8>> = v1::bases()
        .iter()
        .map(|(code, base)| v1::body(*code, base, &target, &sizes))
        .collect();
    // Compressing is the costly part: only for bodies nearly the shortest.
    let shortest = bodies.iter().map(Vec::len).min().unwrap_or(0);
    let mut best: Option<String> = None;
    for body in bodies.iter().filter(|b| b.len() <= shortest + 16) {
        let link = seal(LINK_VERSION, body);
        if best.as_ref().is_none_or(|b| link.len() < b.len()) {
            best = Some(link);
        }
    }
    best.unwrap_or_default()
}

/// The scenario in a link: a bare fragment (`s1.…`), a fragment with its
/// `#`, or a whole URL. Whitespace (line breaks added by chat programs) is
/// ignored.
pub fn decode(link: &str) -> Result<Scenario, LinkError> {
    let value = decode_value(link)?;
    let scenario: Scenario = serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
    validate(&scenario).map_err(LinkError::InvalidScenario)?;
    Ok(scenario)
}

/// Wraps an already encoded body of the current version into a link (with
/// its checksum). For tests that need to reach the body reader.
#[doc(hidden)]
pub fn seal_body(body: &[u8]) -> String {
    seal(LINK_VERSION, body)
}

fn seal(version: u32, body: &[u8]) -> String {
    let mut bytes = checksum(version, body).to_le_bytes().to_vec();
    bytes.extend(miniz_oxide::deflate::compress_to_vec(body, 9));
    format!("s{version}.{}", URL_SAFE_NO_PAD.encode(bytes))
}

fn checksum(version: u32, body: &[u8]) -> u16 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in version.to_le_bytes().iter().chain(body) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    ((h >> 16) ^ (h & 0xffff)) as u16
}

/// The fragment part of a link, without whitespace.
fn fragment(link: &str) -> String {
    let text = match link.find('#') {
        Some(i) => &link[i + 1..],
        None => link,
    };
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn decode_value(link: &str) -> Result<Value, LinkError> {
    let fragment = fragment(link);
    let rest = fragment.strip_prefix('s').ok_or(LinkError::NotALink)?;
    let (digits, payload) = rest.split_once('.').ok_or(LinkError::NotALink)?;
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
    {
        return Err(LinkError::NotALink);
    }
    let version: u32 = digits.parse().unwrap_or(u32::MAX);
    if version == 0 || version > LINK_VERSION {
        return Err(LinkError::UnsupportedVersion {
            found: version,
            newest: LINK_VERSION,
        });
    }
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(corrupt("the link is too long"));
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| LinkError::BadEncoding)?;
    if bytes.len() < 3 {
        return Err(corrupt("the link is too short"));
    }
    let stored = u16::from_le_bytes([bytes[0], bytes[1]]);
    let body = inflate(&bytes[2..])?;
    if checksum(version, &body) != stored {
        return Err(corrupt("checksum mismatch"));
    }
    let value = match version {
        1 => v1::read(&body)?,
        _ => {
            return Err(LinkError::UnsupportedVersion {
                found: version,
                newest: LINK_VERSION,
            })
        }
    };
    migrate(version, value)
}

/// Migrations of the scenario JSON between link versions: entry `i` turns a
/// version `i + 1` scenario into a version `i + 2` one (none yet: version 1
/// is current). Append `migrate_v1_to_v2` here with version 2.
const MIGRATIONS: &[Migration] = &[];

/// Turns the scenario JSON of one link version into that of the next.
type Migration = fn(Value) -> Result<Value, LinkError>;

fn migrate(from: u32, mut value: Value) -> Result<Value, LinkError> {
    let first = from.saturating_sub(1) as usize;
    for migration in MIGRATIONS.get(first..).unwrap_or(&[]) {
        value = migration(value)?;
    }
    Ok(value)
}

/// Raw DEFLATE with a bounded output, which must consume its whole input.
fn inflate(input: &[u8]) -> Result<Vec<u8>, LinkError> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0u8; input.len().saturating_mul(4).clamp(256, MAX_BODY_BYTES)];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut in_pos, mut out_pos) = (0usize, 0usize);
    loop {
        let rest = input
            .get(in_pos..)
            .ok_or_else(|| corrupt("bad compressed data"))?;
        let (status, consumed, written) = decompress(&mut state, rest, &mut out, out_pos, flags);
        in_pos += consumed;
        out_pos += written;
        match status {
            TINFLStatus::Done => {
                if in_pos != input.len() {
                    return Err(corrupt("unexpected data after the end"));
                }
                out.truncate(out_pos);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= MAX_BODY_BYTES {
                    return Err(corrupt("the content is too large"));
                }
                let len = out.len().saturating_mul(2).min(MAX_BODY_BYTES);
                out.resize(len, 0);
            }
            _ => return Err(corrupt("bad compressed data")),
        }
    }
}

/// Version 1 of the body: frozen (see the module documentation).
mod v1 {
    use super::{corrupt, LinkError};
    use serde::{Deserialize, Serialize};
    use serde_json::{Map, Number, Value};
    use std::collections::HashMap;
    use std::sync::OnceLock;

    /// Object keys, indexed by path segments and object-key tokens. Frozen:
    /// never reorder, remove or insert; a new version may extend its own copy.
    pub(super) const KEYS: &[&str] = &[
        // Scenario
        "schema_version",
        "name",
        "seed",
        "runs",
        "days",
        "city",
        "gateways",
        "initial_infections",
        "community",
        "quarantine",
        "testing",
        "tracing",
        "hospital",
        "epidemiology",
        "response",
        "timeline",
        // City
        "population",
        "household_size",
        // Gateway
        "kind",
        "arrivals_per_day",
        "profile",
        "risk_area_share",
        "prevalence_risk_area",
        "prevalence_elsewhere",
        "checkpoint",
        // ProfilePoint
        "day",
        "multiplier",
        // Checkpoint
        "enabled",
        "posts",
        "staff_per_shift",
        "shifts",
        "shift_hours",
        "inspections_per_staff_hour",
        "hourly_profile",
        "overload",
        "checks",
        // Checks
        "health_code",
        "travel_record",
        "test_certificate",
        "temperature",
        "health_code_flag_probability",
        "travel_record_flag_probability",
        "thermometer_sensitivity",
        // Community
        "grid_workers",
        "visits_per_worker_per_day",
        "sweeps",
        "sweep_find_probability",
        "symptom_find_probability",
        "self_report_share",
        "visits_per_watched_household",
        "sweep_window_days",
        // Quarantine
        "sites",
        "rooms",
        "unlimited_rooms",
        "risk_area_arrivals",
        "close_contacts",
        "secondary_contacts",
        "centralised_effectiveness",
        "home_compliance",
        "unmonitored_home_compliance",
        "test_days",
        // Testing
        "sampling_staff",
        "samples_per_staff_per_day",
        "lab_tests_per_day",
        "unlimited",
        "pool_size",
        "turnaround_days",
        "peak_sensitivity",
        "detectable_from_day",
        "peak_day",
        "detectable_until_day",
        "arrival_test",
        "fever_clinic",
        "routine_screening",
        "mass_testing",
        // FeverClinic
        "presentation_share",
        "delay",
        // RoutineScreening
        "people_per_day",
        "risk_enrichment",
        // MassTesting
        "trigger_local_cases",
        "rounds",
        "interval_days",
        "participation",
        // Tracing
        "teams",
        "staff",
        "cases_per_staff_per_day",
        "close_contacts_per_case",
        "secondary_per_close_contact",
        "trace_secondary",
        "household_find_probability",
        "other_find_probability",
        "source_find_probability",
        // Hospital
        "beds",
        "unlimited_beds",
        "stay_days",
        "home_isolation_effectiveness",
        // Epidemiology
        "variant",
        "r0",
        "dispersion_k",
        "generation_interval",
        "incubation",
        "asymptomatic_share",
        "asymptomatic_relative_infectiousness",
        "fever_share",
        "household_share",
        "max_infection_age_on_arrival",
        "susceptible_depletion",
        // Response, Zones
        "baseline_contact_factor",
        "zones",
        "contact_factor",
        "duration_days",
        // TimelineEvent, Change
        "change",
        "type",
        "gateway",
        "count",
        "resource",
        "share",
        "level",
        "factor",
        // Delay
        "family",
        "mean",
        "sd",
        "shape",
        "scale",
        // Added before version 1 was first released (append only).
        "infection_limit",
        "unnoticed",
    ];

    /// String values written as one-byte symbols: enum names and the
    /// presets' names. Frozen like [`KEYS`].
    pub(super) const VALUES: &[&str] = &[
        // GatewayKind
        "rail_station",
        "coach_station",
        "highway_exit",
        "airport",
        "port",
        "road_entrance",
        // HourlyProfile
        "flat",
        "daytime",
        "road",
        // OverloadPolicy
        "queue",
        "wave_through",
        // QuarantinePlace
        "none",
        "home",
        "centralised",
        // Variant
        "ancestral",
        "delta",
        "omicron",
        "custom",
        // Delay family
        "gamma",
        "log_normal",
        "weibull",
        // Change type
        "infected_arrival",
        "local_infection",
        "staff_absent",
        "set_level",
        "lab_outage",
        "quarantine_site_closed",
        "set_contact_factor",
        "declare_zones",
        // Resource
        "checkpoint_staff",
        "grid_workers",
        "quarantine_rooms",
        "sampling_staff",
        "lab_capacity",
        "tracing_staff",
        "hospital_beds",
        // Names in the presets
        "Example city",
        "Rail station",
        "Coach stations (2)",
        "Highway exits (6)",
        "International airport",
        "A single undetected rail traveller",
        "Holiday return wave",
        "Infected long-haul driver at a highway exit",
        "Cold-chain worker infection",
        "Out-of-province tour group",
        "Inbound international flights",
    ];

    /// The presets as they were when version 1 was defined, by code.
    const BASES_JSON: &str = include_str!("link/v1_bases.json");

    /// Deepest value nesting accepted (a scenario needs 5).
    const MAX_DEPTH: usize = 16;
    /// Longest array accepted (validation allows at most 1,000 entries).
    const MAX_ARRAY: u32 = 4_096;
    /// Most JSON nodes a body may create (tokens plus copies by `Resize`).
    const MAX_NODES: usize = 1 << 18;

    /// The head of an op. Frozen layout (postcard: variant index, then fields).
    #[derive(Serialize, Deserialize)]
    enum Head {
        Set(Vec<u32>),
        Resize(Vec<u32>, u32),
        SetKey(Vec<u32>, String),
    }

    /// One token of a value. Frozen layout.
    #[derive(Serialize, Deserialize)]
    enum Tok {
        Null,
        False,
        True,
        UInt(u64),
        NegInt(u64),
        Dec(u64, i32),
        NegDec(u64, i32),
        F64(f64),
        Sym(u32),
        Str(String),
        Arr(u32),
        Obj(u32),
    }

    /// The frozen bases, parsed once.
    pub(super) fn bases() -> &'static [(u8, Value)] {
        static BASES: OnceLock<Vec<(u8, Value)>> = OnceLock::new();
        BASES.get_or_init(|| {
            let entries: Vec<Value> = serde_json::from_str(BASES_JSON).unwrap_or_default();
            entries
                .into_iter()
                .filter_map(|mut entry| {
                    let code = u8::try_from(entry.get("code")?.as_u64()?).ok()?;
                    Some((code, entry.get_mut("scenario")?.take()))
                })
                .collect()
        })
    }

    fn base(code: u8) -> Option<&'static Value> {
        bases().iter().find(|(c, _)| *c == code).map(|(_, v)| v)
    }

    // ------------------------------------------------------------------
    // Writing

    /// An op, borrowing its value from the target scenario.
    enum Op<'a> {
        Set(Vec<u32>, &'a Value),
        Resize(Vec<u32>, u32),
        SetKey(Vec<u32>, &'a str, &'a Value),
    }

    fn key_index(key: &str) -> Option<u32> {
        static INDEX: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
        let index = INDEX.get_or_init(|| KEYS.iter().zip(0..).map(|(k, i)| (*k, i)).collect());
        index.get(key).copied()
    }

    fn value_index(value: &str) -> Option<u32> {
        static INDEX: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
        let index = INDEX.get_or_init(|| VALUES.iter().zip(0..).map(|(v, i)| (*v, i)).collect());
        index.get(value).copied()
    }

    /// Appends to a borrowed buffer.
    struct Sink<'v>(&'v mut Vec<u8>);

    impl Extend<u8> for Sink<'_> {
        fn extend<I: IntoIterator<Item = u8>>(&mut self, bytes: I) {
            self.0.extend(bytes);
        }
    }

    fn put<T: Serialize>(item: &T, out: &mut Vec<u8>) {
        // Writing into a `Vec` cannot fail.
        let _ = postcard::to_extend(item, Sink(out));
    }

    fn float_tok(f: f64) -> Tok {
        let raw = Tok::F64(f);
        let text = format!("{:e}", f.abs());
        let Some((mantissa, exponent)) = text.split_once('e') else {
            return raw;
        };
        let fraction = mantissa.split_once('.').map_or(0, |(_, frac)| frac.len());
        let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
        let (Ok(m), Ok(e)) = (digits.parse::<u64>(), exponent.parse::<i32>()) else {
            return raw;
        };
        let e = e - fraction as i32;
        let negative = f.is_sign_negative();
        if decimal(negative, m, e).map(f64::to_bits) != Some(f.to_bits()) {
            return raw;
        }
        // Tag, then varints: 7 bits a byte for the mantissa, zigzag exponent.
        let varint = |v: u64| (64 - v.leading_zeros()).max(1).div_ceil(7);
        let zigzag = ((e << 1) ^ (e >> 31)) as u32;
        if varint(m) + varint(u64::from(zigzag)) > 8 {
            raw
        } else if negative {
            Tok::NegDec(m, e)
        } else {
            Tok::Dec(m, e)
        }
    }

    fn decimal(negative: bool, m: u64, e: i32) -> Option<f64> {
        let sign = if negative { "-" } else { "" };
        format!("{sign}{m}e{e}")
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
    }

    fn write_value(value: &Value, out: &mut Vec<u8>) {
        match value {
            Value::Null => put(&Tok::Null, out),
            Value::Bool(false) => put(&Tok::False, out),
            Value::Bool(true) => put(&Tok::True, out),
            Value::Number(n) => {
                let tok = if let Some(u) = n.as_u64() {
                    Tok::UInt(u)
                } else if let Some(i) = n.as_i64() {
                    Tok::NegInt((-(i + 1)) as u64)
                } else {
                    float_tok(n.as_f64().unwrap_or(f64::NAN))
                };
                put(&tok, out);
            }
            Value::String(s) => match value_index(s) {
                Some(i) => put(&Tok::Sym(i), out),
                None => put(&Tok::Str(s.clone()), out),
            },
            Value::Array(items) => {
                put(&Tok::Arr(items.len() as u32), out);
                for item in items {
                    write_value(item, out);
                }
            }
            Value::Object(map) => {
                put(&Tok::Obj(map.len() as u32), out);
                for (k, v) in map {
                    match key_index(k) {
                        Some(i) => put(&Tok::Sym(i), out),
                        None => put(&Tok::Str(k.clone()), out),
                    }
                    write_value(v, out);
                }
            }
        }
    }

    fn write_op(op: &Op, out: &mut Vec<u8>) {
        match op {
            Op::Set(path, value) => {
                put(&Head::Set(path.clone()), out);
                write_value(value, out);
            }
            Op::Resize(path, len) => put(&Head::Resize(path.clone(), *len), out),
            Op::SetKey(path, key, value) => {
                put(&Head::SetKey(path.clone(), (*key).to_string()), out);
                write_value(value, out);
            }
        }
    }

    /// Encoded sizes of the values of a target scenario, by address, so
    /// that comparing alternatives never re-encodes a value.
    pub(super) struct Sizes(HashMap<*const Value, usize>);

    impl Sizes {
        pub(super) fn of(target: &Value) -> Sizes {
            fn fill(
                value: &Value,
                map: &mut HashMap<*const Value, usize>,
                scratch: &mut Vec<u8>,
            ) -> usize {
                scratch.clear();
                let size = match value {
                    Value::Array(items) => {
                        put(&Tok::Arr(items.len() as u32), scratch);
                        let own = scratch.len();
                        own + items.iter().map(|v| fill(v, map, scratch)).sum::<usize>()
                    }
                    Value::Object(entries) => {
                        put(&Tok::Obj(entries.len() as u32), scratch);
                        let mut total = scratch.len();
                        for (k, v) in entries {
                            scratch.clear();
                            match key_index(k) {
                                Some(i) => put(&Tok::Sym(i), scratch),
                                None => put(&Tok::Str(k.clone()), scratch),
                            }
                            total += scratch.len() + fill(v, map, scratch);
                        }
                        total
                    }
                    scalar => {
                        write_value(scalar, scratch);
                        scratch.len()
                    }
                };
                map.insert(value as *const Value, size);
                size
            }
            let mut map = HashMap::new();
            fill(target, &mut map, &mut Vec::new());
            Sizes(map)
        }

        /// Encoded size of an op.
        fn op(&self, op: &Op, scratch: &mut Vec<u8>) -> usize {
            scratch.clear();
            let value = match op {
                Op::Set(path, value) => {
                    put(&Head::Set(path.clone()), scratch);
                    Some(*value)
                }
                Op::Resize(path, len) => {
                    put(&Head::Resize(path.clone(), *len), scratch);
                    None
                }
                Op::SetKey(path, key, value) => {
                    put(&Head::SetKey(path.clone(), (*key).to_string()), scratch);
                    Some(*value)
                }
            };
            let value = value.map_or(0, |v| {
                self.0
                    .get(&(v as *const Value))
                    .copied()
                    .unwrap_or_else(|| {
                        let mut out = Vec::new();
                        write_value(v, &mut out);
                        out.len()
                    })
            });
            scratch.len() + value
        }
    }

    /// Appends the ops turning `base` into `target` at `path` (the cheaper
    /// of replacing the value whole and editing inside it); returns their
    /// encoded size.
    fn diff<'a>(
        base: &Value,
        target: &'a Value,
        path: &mut Vec<u32>,
        out: &mut Vec<Op<'a>>,
        sizes: &Sizes,
        scratch: &mut Vec<u8>,
    ) -> usize {
        let start = out.len();
        let mut inner = 0;
        let possible = match (base, target) {
            (Value::Object(b), Value::Object(t)) if b.keys().all(|k| t.contains_key(k)) => {
                for (k, tv) in t {
                    match (key_index(k), b.get(k)) {
                        (Some(i), Some(bv)) => {
                            path.push(i);
                            inner += diff(bv, tv, path, out, sizes, scratch);
                            path.pop();
                        }
                        (Some(i), None) => {
                            path.push(i);
                            let op = Op::Set(path.clone(), tv);
                            inner += sizes.op(&op, scratch);
                            out.push(op);
                            path.pop();
                        }
                        (None, bv) => {
                            if bv != Some(tv) {
                                let op = Op::SetKey(path.clone(), k, tv);
                                inner += sizes.op(&op, scratch);
                                out.push(op);
                            }
                        }
                    }
                }
                true
            }
            (Value::Array(b), Value::Array(t)) if t.len() <= MAX_ARRAY as usize => {
                if b.len() != t.len() {
                    let op = Op::Resize(path.clone(), t.len() as u32);
                    inner += sizes.op(&op, scratch);
                    out.push(op);
                }
                for (i, tv) in t.iter().enumerate() {
                    let bv = b.get(i).or(b.last()).unwrap_or(&Value::Null);
                    path.push(i as u32);
                    inner += diff(bv, tv, path, out, sizes, scratch);
                    path.pop();
                }
                true
            }
            _ if base == target => return 0,
            _ => false,
        };
        if possible && out.len() == start {
            // Same shape and nothing changed inside: equal.
            return 0;
        }
        let whole = Op::Set(path.clone(), target);
        let whole_size = sizes.op(&whole, scratch);
        if possible && inner <= whole_size {
            inner
        } else {
            out.truncate(start);
            out.push(whole);
            whole_size
        }
    }

    /// The body of `target` against base preset `code`.
    pub(super) fn body(code: u8, base: &Value, target: &Value, sizes: &Sizes) -> Vec<u8> {
        let mut ops = Vec::new();
        let mut scratch = Vec::new();
        diff(base, target, &mut Vec::new(), &mut ops, sizes, &mut scratch);
        let mut out = vec![code];
        for op in &ops {
            write_op(op, &mut out);
        }
        out
    }

    // ------------------------------------------------------------------
    // Reading

    struct Reader<'a> {
        input: &'a [u8],
        nodes: usize,
    }

    impl<'a> Reader<'a> {
        fn take<T: Deserialize<'a>>(&mut self) -> Result<T, LinkError> {
            let (item, rest) =
                postcard::take_from_bytes(self.input).map_err(|_| corrupt("malformed content"))?;
            self.input = rest;
            Ok(item)
        }

        fn spend(&mut self, nodes: usize) -> Result<(), LinkError> {
            self.nodes = self.nodes.saturating_add(nodes);
            if self.nodes > MAX_NODES {
                return Err(corrupt("the content is too large"));
            }
            Ok(())
        }

        fn key(&mut self) -> Result<String, LinkError> {
            match self.take::<Tok>()? {
                Tok::Sym(i) => KEYS
                    .get(i as usize)
                    .map(|k| (*k).to_string())
                    .ok_or_else(|| corrupt("unknown key")),
                Tok::Str(s) => Ok(s),
                _ => Err(corrupt("expected a key")),
            }
        }

        /// Whether a container of `n` entries at `depth` has entries to
        /// read; an error if it cannot be well formed.
        fn open(&self, n: u32, depth: usize) -> Result<bool, LinkError> {
            if n == 0 {
                Ok(false)
            } else if depth >= MAX_DEPTH {
                Err(corrupt("nested too deep"))
            } else if n as usize > self.input.len() {
                Err(corrupt("truncated content"))
            } else {
                Ok(true)
            }
        }

        /// One value, read without recursion.
        fn value(&mut self) -> Result<Value, LinkError> {
            enum Frame {
                Arr(Vec<Value>, u32),
                Obj(Map<String, Value>, u32, Option<String>),
            }
            let mut stack: Vec<Frame> = Vec::new();
            loop {
                if let Some(Frame::Obj(_, _, key @ None)) = stack.last_mut() {
                    *key = Some(self.key()?);
                }
                self.spend(1)?;
                let mut value = match self.take::<Tok>()? {
                    Tok::Null => Value::Null,
                    Tok::False => Value::Bool(false),
                    Tok::True => Value::Bool(true),
                    Tok::UInt(u) => Value::Number(u.into()),
                    Tok::NegInt(n) => {
                        let n = i64::try_from(n).map_err(|_| corrupt("number out of range"))?;
                        Value::Number((-n - 1).into())
                    }
                    Tok::Dec(m, e) => number(decimal(false, m, e))?,
                    Tok::NegDec(m, e) => number(decimal(true, m, e))?,
                    Tok::F64(f) => number(Some(f))?,
                    Tok::Sym(i) => Value::String(
                        VALUES
                            .get(i as usize)
                            .ok_or_else(|| corrupt("unknown symbol"))?
                            .to_string(),
                    ),
                    Tok::Str(s) => Value::String(s),
                    Tok::Arr(n) => {
                        if !self.open(n, stack.len())? {
                            Value::Array(Vec::new())
                        } else {
                            stack.push(Frame::Arr(Vec::with_capacity((n as usize).min(64)), n));
                            continue;
                        }
                    }
                    Tok::Obj(n) => {
                        if !self.open(n, stack.len())? {
                            Value::Object(Map::new())
                        } else {
                            stack.push(Frame::Obj(Map::new(), n, None));
                            continue;
                        }
                    }
                };
                // Hand the finished value to its parents.
                loop {
                    let done = match stack.last_mut() {
                        None => return Ok(value),
                        Some(Frame::Arr(items, left)) => {
                            items.push(value);
                            *left -= 1;
                            *left == 0
                        }
                        Some(Frame::Obj(map, left, key)) => {
                            let key = key.take().ok_or_else(|| corrupt("expected a key"))?;
                            map.insert(key, value);
                            *left -= 1;
                            *left == 0
                        }
                    };
                    if !done {
                        break;
                    }
                    value = match stack.pop() {
                        Some(Frame::Arr(items, _)) => Value::Array(items),
                        Some(Frame::Obj(map, _, _)) => Value::Object(map),
                        None => return Err(corrupt("malformed content")),
                    };
                }
            }
        }
    }

    fn number(f: Option<f64>) -> Result<Value, LinkError> {
        f.and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| corrupt("number out of range"))
    }

    fn shallow(path: &[u32]) -> Result<(), LinkError> {
        if path.len() > MAX_DEPTH {
            return Err(corrupt("path too deep"));
        }
        Ok(())
    }

    /// The value at `path`, which must exist.
    fn at<'v>(mut value: &'v mut Value, path: &[u32]) -> Result<&'v mut Value, LinkError> {
        for &segment in path {
            value = match value {
                Value::Object(map) => KEYS
                    .get(segment as usize)
                    .and_then(|k| map.get_mut(*k))
                    .ok_or_else(|| corrupt("no such field"))?,
                Value::Array(items) => items
                    .get_mut(segment as usize)
                    .ok_or_else(|| corrupt("no such element"))?,
                _ => return Err(corrupt("no such field")),
            };
        }
        Ok(value)
    }

    fn count_nodes(value: &Value) -> usize {
        let mut count = 0;
        let mut pending = vec![value];
        while let Some(v) = pending.pop() {
            count += 1;
            match v {
                Value::Array(items) => pending.extend(items),
                Value::Object(map) => pending.extend(map.values()),
                _ => {}
            }
        }
        count
    }

    /// The scenario JSON of a version-1 body.
    pub(super) fn read(body: &[u8]) -> Result<Value, LinkError> {
        let (&code, ops) = body.split_first().ok_or_else(|| corrupt("empty"))?;
        let mut scenario = base(code)
            .ok_or_else(|| corrupt("unknown base preset"))?
            .clone();
        let mut reader = Reader {
            input: ops,
            nodes: 0,
        };
        while !reader.input.is_empty() {
            match reader.take::<Head>()? {
                Head::Set(path) => {
                    shallow(&path)?;
                    let value = reader.value()?;
                    match path.split_last() {
                        None => scenario = value,
                        Some((&last, parent)) => match at(&mut scenario, parent)? {
                            Value::Object(map) => {
                                let key = KEYS
                                    .get(last as usize)
                                    .ok_or_else(|| corrupt("unknown key"))?;
                                map.insert((*key).to_string(), value);
                            }
                            Value::Array(items) => {
                                *items
                                    .get_mut(last as usize)
                                    .ok_or_else(|| corrupt("no such element"))? = value;
                            }
                            _ => return Err(corrupt("no such field")),
                        },
                    }
                }
                Head::SetKey(path, key) => {
                    shallow(&path)?;
                    let value = reader.value()?;
                    match at(&mut scenario, &path)? {
                        Value::Object(map) => {
                            map.insert(key, value);
                        }
                        _ => return Err(corrupt("no such field")),
                    }
                }
                Head::Resize(path, len) => {
                    shallow(&path)?;
                    if len > MAX_ARRAY {
                        return Err(corrupt("list too long"));
                    }
                    let Value::Array(items) = at(&mut scenario, &path)? else {
                        return Err(corrupt("not a list"));
                    };
                    let len = len as usize;
                    if len > items.len() {
                        let fill = items.last().cloned().unwrap_or(Value::Null);
                        reader.spend(count_nodes(&fill).saturating_mul(len - items.len()))?;
                        items.resize(len, fill);
                    } else {
                        items.truncate(len);
                    }
                }
            }
        }
        Ok(scenario)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_no_duplicates() {
        for table in [v1::KEYS, v1::VALUES] {
            let mut sorted = table.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), table.len());
        }
        assert!(v1::KEYS.len() <= 128, "keys beyond 128 cost two bytes");
        assert!(v1::VALUES.len() <= 128);
    }

    /// Every field name and enum name of the scenario is in the tables (so
    /// the `SetKey`/`Str` fallbacks are for future fields only).
    #[test]
    fn tables_cover_the_scenario() {
        use crate::dist::Delay;
        use crate::scenario::*;
        use crate::timeline::{Change, Resource, TimelineEvent};
        fn walk(value: &Value, keys: &mut Vec<String>, strings: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    for (k, v) in map {
                        keys.push(k.clone());
                        walk(v, keys, strings);
                    }
                }
                Value::Array(items) => items.iter().for_each(|v| walk(v, keys, strings)),
                Value::String(s) => strings.push(s.clone()),
                _ => {}
            }
        }
        let mut s = crate::presets::international_flights();
        s.gateways[0].profile.push(ProfilePoint {
            day: 1,
            multiplier: 2.0,
        });
        s.epidemiology.incubation = Delay::Weibull {
            shape: 2.0,
            scale: 5.0,
        };
        let changes = [
            Change::InfectedArrival {
                gateway: 0,
                count: 1,
                unnoticed: false,
            },
            Change::LocalInfection { count: 1 },
            Change::StaffAbsent {
                resource: Resource::GridWorkers,
                share: 0.1,
            },
            Change::SetLevel {
                resource: Resource::GridWorkers,
                level: 1.0,
            },
            Change::LabOutage { days: 1 },
            Change::QuarantineSiteClosed { rooms: 1 },
            Change::SetContactFactor { factor: 0.5 },
            Change::DeclareZones { days: 1 },
        ];
        s.timeline = changes
            .into_iter()
            .map(|change| TimelineEvent { day: 0, change })
            .collect();
        let mut keys = Vec::new();
        let mut strings = Vec::new();
        walk(&serde_json::to_value(&s).unwrap(), &mut keys, &mut strings);
        for k in &keys {
            assert!(v1::KEYS.contains(&k.as_str()), "key {k} missing");
        }
        let mut names: Vec<Value> = Vec::new();
        names.extend(
            GatewayKind::ALL
                .iter()
                .map(|v| serde_json::to_value(v).unwrap()),
        );
        names.extend(
            Resource::ALL
                .iter()
                .map(|v| serde_json::to_value(v).unwrap()),
        );
        for v in [
            HourlyProfile::Flat,
            HourlyProfile::Daytime,
            HourlyProfile::Road,
        ] {
            names.push(serde_json::to_value(v).unwrap());
        }
        for v in [OverloadPolicy::Queue, OverloadPolicy::WaveThrough] {
            names.push(serde_json::to_value(v).unwrap());
        }
        for v in [
            QuarantinePlace::None,
            QuarantinePlace::Home,
            QuarantinePlace::Centralised,
        ] {
            names.push(serde_json::to_value(v).unwrap());
        }
        for v in [
            Variant::Ancestral,
            Variant::Delta,
            Variant::Omicron,
            Variant::Custom,
        ] {
            names.push(serde_json::to_value(v).unwrap());
        }
        for name in names.iter().filter_map(Value::as_str).chain(
            strings
                .iter()
                .map(String::as_str)
                .filter(|s| s.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
        ) {
            assert!(v1::VALUES.contains(&name), "value {name} missing");
        }
        for d in ["gamma", "log_normal", "weibull"] {
            assert!(v1::VALUES.contains(&d));
        }
    }

    #[test]
    fn migrations_cover_every_older_version() {
        assert_eq!(MIGRATIONS.len() as u32, LINK_VERSION - 1);
    }

    #[test]
    fn frozen_bases_parse_exactly() {
        // Every number in the file must parse to the value whose shortest
        // representation is its text: re-serializing gives the file back.
        let json = include_str!("link/v1_bases.json");
        let parsed: Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            json.replace('\n', "")
        );
        let codes: Vec<u8> = v1::bases().iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, [0, 1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn checksum_depends_on_version_and_body() {
        assert_ne!(checksum(1, b"abc"), checksum(2, b"abc"));
        assert_ne!(checksum(1, b"abc"), checksum(1, b"abd"));
    }
}
