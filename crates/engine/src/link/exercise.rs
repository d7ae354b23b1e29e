//! The exercise record (`e1.…`) of drill mode: an exercise's scenario as a
//! version 1 scenario body, preceded by its length (LEB128), then the rest
//! of the exercise as compact JSON without its `scenario` (layout in the
//! module documentation, "Record kinds"). Version 1 is frozen like the
//! scenario link's.

use super::{corrupt, open_record, seal_record, shortest_scenario_body, value_of_body, LinkError};
use serde_json::Value;

/// Version of the exercise record written by this build.
const EXERCISE_VERSION: u32 = 1;

/// An exercise link's fragment (`e1.…`).
pub(crate) fn encode_exercise(exercise: &crate::drill::Exercise) -> String {
    let Ok(mut rest) = serde_json::to_value(exercise) else {
        return String::new();
    };
    if let Some(object) = rest.as_object_mut() {
        object.remove("scenario");
    }
    let scenario = shortest_scenario_body(&exercise.scenario);
    let mut body = Vec::new();
    let mut len = scenario.len();
    loop {
        let byte = (len & 0x7f) as u8;
        len >>= 7;
        if len == 0 {
            body.push(byte);
            break;
        }
        body.push(byte | 0x80);
    }
    body.extend(scenario);
    body.extend(serde_json::to_vec(&rest).unwrap_or_default());
    seal_record('e', EXERCISE_VERSION, &body)
}

/// The exercise in an exercise link (not yet validated).
pub(crate) fn decode_exercise(link: &str) -> Result<crate::drill::Exercise, LinkError> {
    let (_version, body) = open_record('e', EXERCISE_VERSION, link)?;
    let mut len = 0usize;
    let mut used = 0usize;
    loop {
        let byte = *body
            .get(used)
            .ok_or_else(|| corrupt("the link is too short"))?;
        if used >= 4 {
            return Err(corrupt("bad scenario length"));
        }
        len |= usize::from(byte & 0x7f) << (7 * used);
        used += 1;
        if byte & 0x80 == 0 {
            break;
        }
    }
    let end = used
        .checked_add(len)
        .filter(|end| *end <= body.len())
        .ok_or_else(|| corrupt("the scenario is cut short"))?;
    // Exercise version 1 carries scenario bodies of scenario link version 1.
    let scenario = value_of_body(1, &body[used..end])?;
    let mut rest: Value =
        serde_json::from_slice(&body[end..]).map_err(|e| corrupt(e.to_string()))?;
    let object = rest
        .as_object_mut()
        .ok_or_else(|| corrupt("the exercise is not an object"))?;
    object.insert("scenario".into(), scenario);
    serde_json::from_value(rest).map_err(|e| corrupt(e.to_string()))
}
