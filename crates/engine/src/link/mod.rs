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
//! object a number indexes the frozen key table `KEYS` (in `v1_tables.rs`),
//! at an array it is the element index. Tokens: `Null`, `False`, `True`,
//! `UInt(u64)`, `NegInt(n)` (= −n−1), `Dec(m, e)` / `NegDec(m, e)` (= ±m·10^e,
//! used when it converts back to exactly the same `f64`), `F64` (8 bytes),
//! `Sym(i)` (string `i` of the frozen value table `VALUES`: enum names),
//! `Str`, `Arr(n)` followed by `n` values, `Obj(n)` followed by `n` (key,
//! value) pairs, a key being `Sym(i)` (index into `KEYS`) or `Str`.
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
//!
//! # New scenario fields
//!
//! The version 1 key and value tables are frozen (hash tests in
//! `link/v1_tables.rs` pin them and the bases), so a scenario field or enum
//! name added after version 1 is not added to them: it travels by name, as
//! a `SetKey` op or a `Str` key or value token, which every version 1
//! reader already understands, at the cost of a few bytes. A field added
//! this way needs no new link version; a new version, when one is needed
//! for other reasons, may extend its own copy of the tables.
//!
//! # Record kinds
//!
//! The letter before the version names what a link holds; each kind has
//! its own versions, the same envelope (checksum and DEFLATE, the checksum
//! over the kind's version and body) and frozen layouts:
//!
//! - `s` — one scenario (above);
//! - `e` — an exercise of drill mode ([`crate::drill::link`], in
//!   `exercise.rs`), version 1: the scenario's version 1 body preceded by
//!   its length as LEB128, then the rest of the exercise as compact JSON (a
//!   golden exercise link is pinned in `tests/drill.rs`);
//! - `p` — a plan set ([`encode_plans`]: up to four named scenarios
//!   compared side by side, the first the baseline), version 1:
//!
//! ```text
//! fragment = "p" version "." payload          e.g. p1.AbC-_x…
//! body     = count (1 byte) ++ plan*
//! plan     = name length (u16 LE) ++ name (UTF-8)
//!            ++ scenario length (u32 LE) ++ scenario body
//! ```
//!
//! where a scenario body is the body of a version 1 scenario link (preset
//! code ++ ops, read and migrated as a scenario link of version 1). Plans
//! of one set differ in a few levers, so their bodies repeat each other and
//! DEFLATE keeps the link little longer than one scenario's.
//!
//! # Files
//!
//! This file holds the public codec (`encode`, `decode`, the envelope,
//! checksum, inflation and migrations); `v1.rs` the version 1 body writer
//! and reader; `v1_tables.rs` its frozen tables and layouts, next to
//! `v1_bases.json`; `plans.rs` the plan-set record (`p`).

mod exercise;
mod plans;
mod v1;
mod v1_tables;

pub(crate) use exercise::{decode_exercise, encode_exercise};
pub use plans::{decode_plans, encode_plans, PLAN_SET_VERSION};

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
    let bodies = scenario_bodies(scenario);
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

/// A scenario's version 1 bodies, one against each base preset.
fn scenario_bodies(scenario: &Scenario) -> Vec<Vec<u8>> {
    let Ok(mut target) = serde_json::to_value(scenario) else {
        return Vec::new();
    };
    v1::drop_new_defaults(&mut target);
    let sizes = v1::Sizes::of(&target);
    v1::bases()
        .iter()
        .map(|(code, base)| v1::body(*code, base, &target, &sizes))
        .collect()
}

/// The shortest of a scenario's version 1 bodies (uncompressed).
fn shortest_scenario_body(scenario: &Scenario) -> Vec<u8> {
    scenario_bodies(scenario)
        .into_iter()
        .min_by_key(Vec::len)
        .unwrap_or_default()
}

/// The scenario of a body of scenario link version `version`: read,
/// migrated, deserialized and validated.
fn scenario_of_body(version: u32, body: &[u8]) -> Result<Scenario, LinkError> {
    let value = value_of_body(version, body)?;
    let scenario: Scenario = serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
    validate(&scenario).map_err(LinkError::InvalidScenario)?;
    Ok(scenario)
}

/// The scenario in a link: a bare fragment (`s1.…`), a fragment with its
/// `#`, or a whole URL. Whitespace (line breaks added by chat programs) is
/// ignored.
pub fn decode(link: &str) -> Result<Scenario, LinkError> {
    let (version, body) = open_record('s', LINK_VERSION, link)?;
    scenario_of_body(version, &body)
}

/// Wraps an already encoded body of the current version into a link (with
/// its checksum). For tests that need to reach the body reader.
#[doc(hidden)]
pub fn seal_body(body: &[u8]) -> String {
    seal(LINK_VERSION, body)
}

fn seal(version: u32, body: &[u8]) -> String {
    seal_record('s', version, body)
}

/// The envelope of every record kind: `kind` version "." payload.
fn seal_record(kind: char, version: u32, body: &[u8]) -> String {
    let mut bytes = checksum(version, body).to_le_bytes().to_vec();
    bytes.extend(miniz_oxide::deflate::compress_to_vec(body, 9));
    format!("{kind}{version}.{}", URL_SAFE_NO_PAD.encode(bytes))
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

#[cfg(test)]
fn decode_value(link: &str) -> Result<Value, LinkError> {
    let (version, body) = open_record('s', LINK_VERSION, link)?;
    value_of_body(version, &body)
}

/// The scenario JSON of a body of scenario link version `version`, migrated
/// to the current version.
fn value_of_body(version: u32, body: &[u8]) -> Result<Value, LinkError> {
    let value = match version {
        1 => v1::read(body)?,
        _ => {
            return Err(LinkError::UnsupportedVersion {
                found: version,
                newest: LINK_VERSION,
            })
        }
    };
    migrate(version, value)
}

/// Opens the envelope of a record of `kind` (versions 1 to `newest`): its
/// version and body, checksum checked.
fn open_record(kind: char, newest: u32, link: &str) -> Result<(u32, Vec<u8>), LinkError> {
    let fragment = fragment(link);
    let rest = fragment.strip_prefix(kind).ok_or(LinkError::NotALink)?;
    let (digits, payload) = rest.split_once('.').ok_or(LinkError::NotALink)?;
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
    {
        return Err(LinkError::NotALink);
    }
    let version: u32 = digits.parse().unwrap_or(u32::MAX);
    if version == 0 || version > newest {
        return Err(LinkError::UnsupportedVersion {
            found: version,
            newest,
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
    Ok((version, body))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_no_duplicates() {
        for table in [v1_tables::KEYS, v1_tables::VALUES] {
            let mut sorted = table.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), table.len());
        }
        assert!(
            v1_tables::KEYS.len() <= 128,
            "keys beyond 128 cost two bytes"
        );
        assert!(v1_tables::VALUES.len() <= 128);
    }

    /// Fields added after version 1 are not in the frozen key table (nor
    /// their enum names in the value table): the writer falls back to
    /// writing them by name (`SetKey`, `Str`), and they come back unchanged.
    #[test]
    fn new_fields_travel_by_name() {
        let (code, base) = &v1::bases()[0];
        let (top, nested, value) = (
            "field_added_after_v1",
            "nested_field_added_after_v1",
            "name_added_after_v1",
        );
        for name in [top, nested, "inner_key_after_v1"] {
            assert!(!v1_tables::KEYS.contains(&name));
        }
        assert!(!v1_tables::VALUES.contains(&value));
        let mut target = base.clone();
        target[top] = serde_json::json!({
            "inner_key_after_v1": [1.5, null, value],
            "days": 3,
        });
        target["city"][nested] = Value::Bool(true);
        target["city"]["population"] = serde_json::json!(700_000);
        let body = v1::body(*code, base, &target, &v1::Sizes::of(&target));
        for name in [top, nested, value] {
            let written = body.windows(name.len()).any(|w| w == name.as_bytes());
            assert!(written, "{name} is written by name");
        }
        assert_eq!(v1::read(&body).unwrap(), target);
        assert_eq!(decode_value(&seal(LINK_VERSION, &body)).unwrap(), target);
    }

    #[test]
    fn migrations_cover_every_older_version() {
        assert_eq!(MIGRATIONS.len() as u32, LINK_VERSION - 1);
    }

    #[test]
    fn frozen_bases_parse_exactly() {
        // Every number in the file must parse to the value whose shortest
        // representation is its text: re-serializing gives the file back.
        let json = v1_tables::BASES_JSON;
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
