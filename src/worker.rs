//! The simulation Web Worker: computes chunks of Monte Carlo runs.
//!
//! The page sends a [`ChunkRequest`] (the scenario as JSON, a generation
//! number and a range of run indices); the worker answers with the runs'
//! outcomes. Runs are independent and seeded by their index, so any split of
//! the runs over workers gives the same results as one thread.

use cordon_engine::{Batch, RunOutcome, Scenario};
use gloo::worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};

/// Work for the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChunkRequest {
    /// Version of the scenario on the page.
    pub generation: u64,
    /// The scenario, as JSON (its enums are internally tagged, which the
    /// worker's binary codec cannot carry).
    pub scenario_json: String,
    /// First run index.
    pub start: u32,
    /// One past the last run index.
    pub end: u32,
}

/// The worker's answer.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChunkReply {
    pub generation: u64,
    pub start: u32,
    pub end: u32,
    pub outcomes: Vec<RunOutcome>,
    /// Why the chunk could not be computed.
    pub error: Option<String>,
}

/// The worker itself: keeps the prepared batch of the latest scenario.
pub struct SimWorker {
    cached: Option<(u64, Batch)>,
}

impl Worker for SimWorker {
    type Message = ();
    type Input = ChunkRequest;
    type Output = ChunkReply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        SimWorker { cached: None }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: Self::Input, id: HandlerId) {
        let reply = self.compute(request);
        scope.respond(id, reply);
    }
}

impl SimWorker {
    fn compute(&mut self, request: ChunkRequest) -> ChunkReply {
        let mut reply = ChunkReply {
            generation: request.generation,
            start: request.start,
            end: request.end,
            outcomes: Vec::new(),
            error: None,
        };
        if self.cached.as_ref().map(|(g, _)| *g) != Some(request.generation) {
            let batch = serde_json::from_str::<Scenario>(&request.scenario_json)
                .map_err(|e| e.to_string())
                .and_then(|s| Batch::new(&s).map_err(|e| e.to_string()));
            match batch {
                Ok(batch) => self.cached = Some((request.generation, batch)),
                Err(message) => {
                    reply.error = Some(message);
                    return reply;
                }
            }
        }
        if let Some((_, batch)) = &self.cached {
            reply.outcomes = batch.run_range(request.start..request.end);
        }
        reply
    }
}
