//! The simulation Web Worker: computes chunks of Monte Carlo runs.
//!
//! The page sends a [`ChunkRequest`] (the scenario as JSON, a generation
//! number and a range of run indices); the worker answers with the runs'
//! outcomes, and the needs of the same runs with the capacities unlimited
//! (`Batch::unlimited`, for "how much is needed"). Runs are independent and seeded by their index, so any split of
//! the runs over workers gives the same results as one thread.

use cordon_engine::{Batch, RunNeeds, RunOutcome, Scenario};
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
    /// The same runs' needs with the capacities unlimited.
    pub needs: Vec<RunNeeds>,
    /// Why the chunk could not be computed.
    pub error: Option<String>,
}

/// What the page asks a worker: a chunk of runs of the planner's scenario,
/// or a step of the Decide view's work (the tornado, the optimiser).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum WorkerRequest {
    Chunk(ChunkRequest),
    Decide(crate::decide_work::DecideRequest),
}

/// A worker's answer to a [`WorkerRequest`] of the same kind.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum WorkerReply {
    Chunk(ChunkReply),
    Decide(crate::decide_work::DecideReply),
}

/// The worker itself: keeps the prepared batches (as given, and with the
/// capacities unlimited) of the latest scenario, and the Decide view's
/// work under way.
pub struct SimWorker {
    cached: Option<(u64, Batch, Batch)>,
    decide: crate::decide_work::DecideWork,
}

impl Worker for SimWorker {
    type Message = ();
    type Input = WorkerRequest;
    type Output = WorkerReply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        SimWorker {
            cached: None,
            decide: Default::default(),
        }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: Self::Input, id: HandlerId) {
        let reply = match request {
            WorkerRequest::Chunk(request) => WorkerReply::Chunk(self.compute(request)),
            WorkerRequest::Decide(request) => WorkerReply::Decide(self.decide.handle(request)),
        };
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
            needs: Vec::new(),
            error: None,
        };
        if self.cached.as_ref().map(|(g, _, _)| *g) != Some(request.generation) {
            let batch = serde_json::from_str::<Scenario>(&request.scenario_json)
                .map_err(|e| e.to_string())
                .and_then(|s| Batch::new(&s).map_err(|e| e.to_string()));
            match batch {
                Ok(batch) => {
                    let unlimited = batch.unlimited();
                    self.cached = Some((request.generation, batch, unlimited));
                }
                Err(message) => {
                    reply.error = Some(message);
                    return reply;
                }
            }
        }
        if let Some((_, batch, unlimited)) = &self.cached {
            reply.outcomes = batch.run_range(request.start..request.end);
            reply.needs = (request.start..request.end)
                .map(|i| RunNeeds::of(batch.scenario(), &unlimited.run(i)))
                .collect();
        }
        reply
    }
}
