//! Runs the current scenario across Web Workers and streams results.
//!
//! One worker per core (up to four). Each worker is handed a small chunk of
//! run indices at a time; when a chunk comes back the next is sent, so a new
//! scenario (a new generation) takes over within one chunk: answers for an
//! old generation are dropped. Results are aggregated on the page after the
//! first chunk and then every tenth of the runs, with how much of each
//! capacity is needed (from the needs the workers send with each chunk).
//!
//! The page uses it through one hook, [`use_monte_carlo`].

use crate::compare::CompareAction;
use crate::planner::Action;
use crate::worker::{ChunkReply, ChunkRequest, SimWorker, WorkerReply, WorkerRequest};
use cordon_engine::{
    aggregate, checkpoint_staff_needed, Needed, PlanRuns, RunNeeds, RunOutcome, Scenario,
};
use gloo::worker::{Spawnable, WorkerBridge};
use std::cell::{OnceCell, RefCell};
use std::rc::{Rc, Weak};
use yew::{hook, use_effect_with, use_memo, Callback};

const FIRST_CHUNK: u32 = 8;
const CHUNK: u32 = 40;

struct Job {
    generation: u64,
    scenario: Scenario,
    scenario_json: String,
    next_run: u32,
    outcomes: Vec<RunOutcome>,
    needs: Vec<RunNeeds>,
    last_aggregated: usize,
    last_aggregation_end: f64,
    last_aggregation_cost: f64,
    in_flight: usize,
    /// Inspectors per shift each gateway needs: the same for every run,
    /// worked out once, after the first numbers are shown.
    checkpoint_staff: Option<Vec<Option<u32>>>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Spawns the page's simulation workers, one per core (1 to 4); each reply
/// goes to `on_reply` with the index of the worker that sent it. The
/// planner, the compared plans and the Decide view each keep their own set.
pub(crate) fn spawn_workers(
    on_reply: impl Fn(usize, WorkerReply) + Clone + 'static,
) -> Vec<WorkerBridge<SimWorker>> {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(2.0)
        .clamp(1.0, 4.0) as usize;
    (0..cores)
        .map(|index| {
            let on_reply = on_reply.clone();
            SimWorker::spawner()
                .as_module(false)
                .callback(move |reply: WorkerReply| on_reply(index, reply))
                .spawn("worker.js")
        })
        .collect()
}

/// Coordinates the workers for the page.
pub struct Compute {
    workers: Vec<WorkerBridge<SimWorker>>,
    job: Option<Job>,
    dispatch: Callback<Action>,
}

impl Compute {
    /// Spawns the workers; results go to `dispatch`.
    pub fn new(dispatch: Callback<Action>) -> Rc<RefCell<Compute>> {
        let compute = Rc::new(RefCell::new(Compute {
            workers: Vec::new(),
            job: None,
            dispatch,
        }));
        let weak: Weak<RefCell<Compute>> = Rc::downgrade(&compute);
        let workers = spawn_workers(move |index, reply| {
            let WorkerReply::Chunk(reply) = reply else {
                return;
            };
            if let Some(compute) = weak.upgrade() {
                compute.borrow_mut().received(index, reply);
            }
        });
        compute.borrow_mut().workers = workers;
        compute
    }

    /// Starts computing `scenario` as `generation`, abandoning any earlier job.
    pub fn start(&mut self, generation: u64, scenario: Scenario) {
        let scenario_json = serde_json::to_string(&scenario).unwrap_or_default();
        self.job = Some(Job {
            generation,
            scenario,
            scenario_json,
            next_run: 0,
            outcomes: Vec::new(),
            needs: Vec::new(),
            last_aggregated: 0,
            last_aggregation_end: 0.0,
            last_aggregation_cost: 0.0,
            in_flight: 0,
            checkpoint_staff: None,
        });
        for index in 0..self.workers.len() {
            let size = if index == 0 {
                FIRST_CHUNK
            } else {
                FIRST_CHUNK * 2
            };
            self.send_next(index, size);
        }
    }

    fn send_next(&mut self, index: usize, size: u32) {
        let Some(job) = self.job.as_mut() else {
            return;
        };
        let total = job.scenario.runs;
        if job.next_run >= total {
            return;
        }
        let start = job.next_run;
        let end = (start + size).min(total);
        job.next_run = end;
        job.in_flight += 1;
        self.workers[index].send(WorkerRequest::Chunk(ChunkRequest {
            generation: job.generation,
            scenario_json: job.scenario_json.clone(),
            start,
            end,
        }));
    }

    fn received(&mut self, index: usize, reply: ChunkReply) {
        let dispatch = self.dispatch.clone();
        let Some(job) = self.job.as_mut() else {
            return;
        };
        if reply.generation != job.generation {
            // An answer for an abandoned scenario: give this worker current work.
            self.send_next(index, CHUNK);
            return;
        }
        job.in_flight = job.in_flight.saturating_sub(1);
        if let Some(message) = reply.error {
            dispatch.emit(Action::Failed {
                generation: job.generation,
                message,
            });
            self.job = None;
            return;
        }
        job.outcomes.extend(reply.outcomes);
        job.needs.extend(reply.needs);
        let done = job.outcomes.len();
        let total = job.scenario.runs as usize;
        let step = (total / 10).max(1);
        let first = job.last_aggregated == 0;
        // Aggregating takes the page's thread: never more than a quarter of the time.
        let rested = now_ms() - job.last_aggregation_end >= 3.0 * job.last_aggregation_cost;
        if first || done == total || (done >= job.last_aggregated + step && rested) {
            job.last_aggregated = done;
            let started = now_ms();
            let mut results = aggregate(&job.scenario, &job.outcomes);
            results.needed = Some(Needed::of(&job.needs));
            if (!first || done == total) && job.checkpoint_staff.is_none() {
                job.checkpoint_staff = Some(checkpoint_staff_needed(&job.scenario));
            }
            if let Some(staff) = &job.checkpoint_staff {
                for g in &mut results.gateways {
                    g.needed_staff_per_shift = staff.get(g.gateway).copied().flatten();
                }
            }
            job.last_aggregation_end = now_ms();
            job.last_aggregation_cost = job.last_aggregation_end - started;
            // The runs' values, kept for comparing plans (a few numbers a run).
            dispatch.emit(Action::Compare(CompareAction::CurrentRuns {
                generation: job.generation,
                runs: Rc::new(PlanRuns::of(&job.scenario, &job.outcomes)),
            }));
            dispatch.emit(Action::Computed {
                generation: job.generation,
                results: Rc::new(results),
                done: done as u32,
            });
        }
        self.send_next(index, CHUNK);
    }
}

/// Computes `scenario` in the workers each time `generation` changes, and
/// sends progress, results and failures to `dispatch`.
///
/// The coordinator (and its workers) is created by the first computation,
/// not while rendering, and lives as long as the component that calls this.
#[hook]
pub fn use_monte_carlo(generation: u64, scenario: Scenario, dispatch: Callback<Action>) {
    let coordinator = use_memo((), |_| OnceCell::<Rc<RefCell<Compute>>>::new());
    use_effect_with(generation, move |generation| {
        coordinator
            .get_or_init(|| Compute::new(dispatch))
            .borrow_mut()
            .start(*generation, scenario);
    });
}
