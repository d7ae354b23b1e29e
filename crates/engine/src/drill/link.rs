//! Exercise links: a whole exercise in a URL fragment, `#e1.<payload>`.
//!
//! The envelope is the scenario link's ([`crate::link`]): the record kind
//! letter `e`, the link format version, base64url of a checksum and the
//! raw DEFLATE of the body. The body is the exercise's scenario as a
//! version 1 scenario body (changes to a frozen preset base, as in a
//! scenario link) preceded by its length (LEB128), then the rest of the
//! exercise as compact JSON (without its `scenario`).

use super::check::validate_exercise;
use super::exercise::Exercise;
use crate::link::LinkError;

/// The link fragment (without `#`) of an exercise: `e1.…`.
pub fn encode(exercise: &Exercise) -> String {
    crate::link::encode_exercise(exercise)
}

/// The exercise in a link: a bare fragment (`e1.…`), a fragment with its
/// `#`, or a whole URL; whitespace is ignored. A damaged link is an error,
/// never a panic; an exercise that does not pass [`validate_exercise`] is
/// [`LinkError::InvalidScenario`] with its field paths.
pub fn decode(link: &str) -> Result<Exercise, LinkError> {
    let exercise = crate::link::decode_exercise(link)?;
    validate_exercise(&exercise).map_err(LinkError::InvalidScenario)?;
    Ok(exercise)
}
