//! What a Web Worker does for the Decide view: runs a range of runs of one
//! plan and reads the outcomes asked for (`cordon_engine::decide::Sample`).
//!
//! The tornado and the optimiser themselves are cheap bookkeeping and live
//! on the page (`crate::compute`'s `use_decide`); every plan they need
//! evaluated is split into run ranges over the workers, and the samples
//! come back here. The scenario and the samples travel as JSON (the engine's
//! internally tagged enums do not fit the workers' binary codec). The worker
//! keeps the last plan's prepared batch, so the chunks of one plan prepare
//! it once. Native: tested without a browser.

use cordon_engine::decide::{Outcome, Sample};
use cordon_engine::{Batch, Scenario};
use serde::{Deserialize, Serialize};

/// A range of runs of one plan, and the outcomes to read from them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecideRequest {
    /// The computation (a new one abandons the old: its answers are dropped).
    pub job: u64,
    /// Which of the job's plans.
    pub task: u32,
    /// The plan, as JSON.
    pub scenario_json: String,
    /// The outcomes, as JSON (a list of `Outcome`).
    pub outcomes_json: String,
    /// First run index.
    pub start: u32,
    /// One past the last run index.
    pub end: u32,
}

/// The samples of a [`DecideRequest`], or why there are none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecideReply {
    pub job: u64,
    pub task: u32,
    pub start: u32,
    pub end: u32,
    /// One `Sample` per outcome asked for, as JSON.
    pub samples_json: String,
    pub error: Option<String>,
}

/// A worker's Decide state: the last plan's prepared batch.
#[derive(Default)]
pub struct DecideWork {
    cached: Option<(String, Batch)>,
}

impl DecideWork {
    /// Runs the request's runs and reads its outcomes.
    pub fn handle(&mut self, request: DecideRequest) -> DecideReply {
        let mut reply = DecideReply {
            job: request.job,
            task: request.task,
            start: request.start,
            end: request.end,
            samples_json: String::new(),
            error: None,
        };
        match self.samples(&request) {
            Ok(samples) => reply.samples_json = serde_json::to_string(&samples).unwrap_or_default(),
            Err(message) => reply.error = Some(message),
        }
        reply
    }

    fn samples(&mut self, request: &DecideRequest) -> Result<Vec<Sample>, String> {
        let outcomes: Vec<Outcome> =
            serde_json::from_str(&request.outcomes_json).map_err(|e| e.to_string())?;
        if self.cached.as_ref().map(|(json, _)| json) != Some(&request.scenario_json) {
            let scenario: Scenario =
                serde_json::from_str(&request.scenario_json).map_err(|e| e.to_string())?;
            let batch = Batch::new(&scenario).map_err(|e| e.to_string())?;
            self.cached = Some((request.scenario_json.clone(), batch));
        }
        let Some((_, batch)) = &self.cached else {
            return Err("no plan".into());
        };
        let runs = batch.run_range(request.start..request.end);
        Ok(outcomes
            .iter()
            .map(|outcome| Sample::of(batch.scenario(), outcome, request.start, &runs))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cordon_engine::decide::{Lever, LeverKind, Step, TornadoRun, TornadoSpec};

    #[test]
    fn chunks_from_the_workers_join_into_the_samples_of_the_whole_batch() {
        let scenario = Scenario {
            runs: 30,
            days: 40,
            ..Scenario::default()
        };
        let spec = TornadoSpec {
            outcome: Outcome::MeanLocalInfections,
            step: Step::Percent(50.0),
            levers: vec![Lever::city(LeverKind::GridWorkers)],
            runs: None,
        };
        let mut here = TornadoRun::new(&scenario, &spec).unwrap();
        let mut there = TornadoRun::new(&scenario, &spec).unwrap();
        while here.step().unwrap().is_some() {}
        let mut work = DecideWork::default();
        for (index, task) in there.tasks().to_vec().iter().enumerate() {
            let parts: Vec<Sample> = [0..7, 7..30]
                .into_iter()
                .map(|runs| {
                    let reply = work.handle(DecideRequest {
                        job: 1,
                        task: index as u32,
                        scenario_json: serde_json::to_string(&task.scenario).unwrap(),
                        outcomes_json: serde_json::to_string(&vec![spec.outcome.clone()]).unwrap(),
                        start: runs.start,
                        end: runs.end,
                    });
                    assert_eq!(reply.error, None);
                    let mut samples: Vec<Sample> =
                        serde_json::from_str(&reply.samples_json).unwrap();
                    samples.remove(0)
                })
                .collect();
            assert!(there.record(index, Sample::join(parts).unwrap()));
        }
        assert_eq!(here.result(), there.result());
    }

    #[test]
    fn a_broken_plan_is_an_error_not_a_panic() {
        let mut work = DecideWork::default();
        let reply = work.handle(DecideRequest {
            job: 1,
            task: 0,
            scenario_json: "{".into(),
            outcomes_json: "[]".into(),
            start: 0,
            end: 1,
        });
        assert!(reply.error.is_some());
    }
}
