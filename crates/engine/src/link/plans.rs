//! The plan-set record (`p1.…`): up to four named scenarios in one link
//! (layout in the module documentation, "Record kinds"). Version 1 is
//! frozen like the scenario link's.

use super::{
    corrupt, open_record, scenario_of_body, seal_record, shortest_scenario_body, LinkError,
};
use crate::compare::{NamedPlan, PlanSet, PlanSetError, MAX_PLANS};

/// Version of the plan-set record written by this build.
pub const PLAN_SET_VERSION: u32 = 1;

/// The scenario link version whose bodies plan-set version 1 carries.
const SCENARIO_BODY_VERSION: u32 = 1;

/// Longest plan name carried, in bytes (longer names are cut at a
/// character boundary).
const MAX_NAME_BYTES: usize = 200;

/// The link fragment (without `#`) of a plan set: `p1.…`. Sets of more
/// than [`MAX_PLANS`] plans keep their first four.
pub fn encode_plans(set: &PlanSet) -> String {
    let mut body = Vec::new();
    let plans = &set.plans[..set.plans.len().min(MAX_PLANS)];
    body.push(plans.len() as u8);
    for plan in plans {
        let mut end = plan.name.len().min(MAX_NAME_BYTES);
        while !plan.name.is_char_boundary(end) {
            end -= 1;
        }
        let name = &plan.name.as_bytes()[..end];
        body.extend((name.len() as u16).to_le_bytes());
        body.extend(name);
        let scenario = shortest_scenario_body(&plan.scenario);
        body.extend((scenario.len() as u32).to_le_bytes());
        body.extend(scenario);
    }
    seal_record('p', PLAN_SET_VERSION, &body)
}

/// The plan set in a link: a bare fragment (`p1.…`), with its `#`, or a
/// whole URL. Every plan's scenario is validated; a set without plans or
/// with more than [`MAX_PLANS`] is refused.
pub fn decode_plans(link: &str) -> Result<PlanSet, LinkError> {
    let (_version, body) = open_record('p', PLAN_SET_VERSION, link)?;
    let mut reader = Reader { body: &body, at: 0 };
    let count = reader.take(1)?[0] as usize;
    if count == 0 || count > MAX_PLANS {
        return Err(corrupt(format!("{count} plans in the set")));
    }
    let mut plans = Vec::with_capacity(count);
    for _ in 0..count {
        let length = u16::from_le_bytes(reader.array()?) as usize;
        let name = std::str::from_utf8(reader.take(length)?)
            .map_err(|_| corrupt("a plan's name is not text"))?
            .to_string();
        let length = u32::from_le_bytes(reader.array()?) as usize;
        let scenario = scenario_of_body(SCENARIO_BODY_VERSION, reader.take(length)?)?;
        plans.push(NamedPlan { name, scenario });
    }
    if reader.at != body.len() {
        return Err(corrupt("unexpected data after the last plan"));
    }
    let set = PlanSet { plans };
    match set.check() {
        Ok(()) => Ok(set),
        Err(PlanSetError::InvalidPlan { errors, .. }) => Err(LinkError::InvalidScenario(errors)),
        Err(other) => Err(corrupt(other.to_string())),
    }
}

/// Reads a body front to back, never past its end.
struct Reader<'a> {
    body: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, length: usize) -> Result<&'a [u8], LinkError> {
        let end = self
            .at
            .checked_add(length)
            .filter(|&end| end <= self.body.len())
            .ok_or_else(|| corrupt("the plan set is cut short"))?;
        let bytes = &self.body[self.at..end];
        self.at = end;
        Ok(bytes)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], LinkError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }
}
