//! Runs the Decide view's computations in Web Workers: the tornado and the
//! optimiser (`cordon_engine::decide`) are cheap bookkeeping kept here on
//! the page; every plan they need run is sent to the workers
//! (`crate::decide_work`), the tornado's plans one per worker at a time,
//! the optimiser's one plan at a time split into run ranges over the
//! workers. Each answer is recorded and reported as a
//! [`DecideAction`]; a new job, or none, abandons the old one (its late
//! answers are dropped), which is how Stop works.
//!
//! The workers (one per core, up to four, the same worker as the planner's)
//! are spawned by the first computation. The page uses this through one
//! hook, [`use_decide`].

use crate::decide::{DecideAction, Job, Work};
use crate::decide_work::{DecideReply, DecideRequest};
use crate::i18n::Lang;
use crate::text_decide::decide_error;
use crate::worker::{SimWorker, WorkerReply, WorkerRequest};
use cordon_engine::decide::optimise::Request;
use cordon_engine::decide::{Optimiser, Outcome, Sample, TornadoRun};
use gloo::worker::WorkerBridge;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::rc::{Rc, Weak};
use yew::{hook, use_effect_with, use_memo, Callback};

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// A range of runs of one plan, waiting for a worker.
struct Piece {
    task: u32,
    scenario_json: Rc<String>,
    start: u32,
    end: u32,
}

enum Search {
    Tornado(TornadoRun),
    /// The search and the plan it asked for (task `task`).
    Optimise(Box<Optimiser>, Box<Option<(u32, Request)>>),
}

/// The job under way.
struct Active {
    id: u64,
    search: Search,
    started: f64,
    outcomes_json: String,
    queue: VecDeque<Piece>,
    /// Per task: pieces expected, and each piece's samples (one per outcome).
    parts: BTreeMap<u32, (usize, Vec<Vec<Sample>>)>,
    next_task: u32,
}

/// Coordinates the workers for the Decide view.
pub struct DecideCompute {
    workers: Vec<WorkerBridge<SimWorker>>,
    busy: Vec<bool>,
    active: Option<Active>,
    lang: Lang,
    dispatch: Callback<DecideAction>,
}

impl DecideCompute {
    /// Spawns the workers; progress goes to `dispatch`.
    pub fn new(dispatch: Callback<DecideAction>) -> Rc<RefCell<DecideCompute>> {
        let compute = Rc::new(RefCell::new(DecideCompute {
            workers: Vec::new(),
            busy: Vec::new(),
            active: None,
            lang: Lang::Zh,
            dispatch,
        }));
        let weak: Weak<RefCell<DecideCompute>> = Rc::downgrade(&compute);
        let workers = crate::compute::spawn_workers(move |index, reply| {
            let WorkerReply::Decide(reply) = reply else {
                return;
            };
            if let Some(compute) = weak.upgrade() {
                compute.borrow_mut().received(index, reply);
            }
        });
        let mut c = compute.borrow_mut();
        c.busy = vec![false; workers.len()];
        c.workers = workers;
        drop(c);
        compute
    }

    /// Starts `job`, abandoning any other; `None` stops.
    pub fn start(&mut self, job: Option<Job>, lang: Lang) {
        self.lang = lang;
        self.active = None;
        let Some(job) = job else {
            return;
        };
        let (search, outcomes) = match &job.work {
            Work::Tornado(spec) => match TornadoRun::new(&job.scenario, spec) {
                Ok(run) => (Search::Tornado(run), vec![spec.outcome.clone()]),
                Err(e) => return self.fail(job.id, decide_error(lang, &e, &job.scenario)),
            },
            Work::Optimise(spec) => match Optimiser::new(&job.scenario, spec) {
                Ok(optimiser) => {
                    let mut outcomes: Vec<Outcome> = Vec::new();
                    for t in &spec.targets {
                        if !outcomes.contains(&t.outcome) {
                            outcomes.push(t.outcome.clone());
                        }
                    }
                    (
                        Search::Optimise(Box::new(optimiser), Box::new(None)),
                        outcomes,
                    )
                }
                Err(e) => return self.fail(job.id, decide_error(lang, &e, &job.scenario)),
            },
        };
        let mut active = Active {
            id: job.id,
            search,
            started: now_ms(),
            outcomes_json: serde_json::to_string(&outcomes).unwrap_or_default(),
            queue: VecDeque::new(),
            parts: BTreeMap::new(),
            next_task: 0,
        };
        let workers = self.workers.len().max(1) as u32;
        match &mut active.search {
            Search::Tornado(run) => {
                // One whole plan per worker: each worker prepares a plan once.
                for (index, task) in run.tasks().iter().enumerate() {
                    let json = Rc::new(serde_json::to_string(&task.scenario).unwrap_or_default());
                    let runs = task.scenario.runs;
                    active.queue.push_back(Piece {
                        task: index as u32,
                        scenario_json: json,
                        start: 0,
                        end: runs,
                    });
                    active.parts.insert(index as u32, (1, Vec::new()));
                }
                active.next_task = run.tasks().len() as u32;
            }
            Search::Optimise(optimiser, pending) => {
                if let Some(request) = optimiser.pending() {
                    enqueue_request(&mut active.queue, &mut active.parts, 0, &request, workers);
                    **pending = Some((0, request));
                    active.next_task = 1;
                }
            }
        }
        self.active = Some(active);
        self.pump();
    }

    fn fail(&mut self, job: u64, message: String) {
        self.active = None;
        self.dispatch.emit(DecideAction::Failed { job, message });
    }

    /// Gives every idle worker a piece.
    fn pump(&mut self) {
        let Some(active) = self.active.as_mut() else {
            return;
        };
        for (index, worker) in self.workers.iter().enumerate() {
            if self.busy[index] {
                continue;
            }
            let Some(piece) = active.queue.pop_front() else {
                break;
            };
            self.busy[index] = true;
            worker.send(WorkerRequest::Decide(DecideRequest {
                job: active.id,
                task: piece.task,
                scenario_json: (*piece.scenario_json).clone(),
                outcomes_json: active.outcomes_json.clone(),
                start: piece.start,
                end: piece.end,
            }));
        }
    }

    fn received(&mut self, index: usize, reply: DecideReply) {
        self.busy[index] = false;
        let Some(active) = self.active.as_mut() else {
            return;
        };
        if reply.job != active.id {
            self.pump();
            return;
        }
        if let Some(message) = reply.error {
            let id = active.id;
            return self.fail(id, message);
        }
        let samples: Vec<Sample> = match serde_json::from_str(&reply.samples_json) {
            Ok(samples) => samples,
            Err(e) => {
                let id = active.id;
                return self.fail(id, e.to_string());
            }
        };
        let complete = match active.parts.get_mut(&reply.task) {
            Some((expected, parts)) => {
                parts.push(samples);
                parts.len() == *expected
            }
            None => false,
        };
        if complete {
            let (_, parts) = active.parts.remove(&reply.task).unwrap_or_default();
            let outcomes = parts.first().map_or(0, Vec::len);
            let joined: Option<Vec<Sample>> = (0..outcomes)
                .map(|k| Sample::join(parts.iter().map(|p| p[k].clone()).collect()))
                .collect();
            let Some(joined) = joined else {
                let id = active.id;
                return self.fail(id, "samples do not join".into());
            };
            let elapsed_ms = now_ms() - active.started;
            let id = active.id;
            let workers = self.workers.len().max(1) as u32;
            match &mut active.search {
                Search::Tornado(run) => {
                    if let Some(sample) = joined.into_iter().next() {
                        run.record(reply.task as usize, sample);
                    }
                    let tornado = Box::new(run.result());
                    if run.is_finished() {
                        self.active = None;
                        self.dispatch.emit(DecideAction::TornadoDone {
                            job: id,
                            tornado,
                            elapsed_ms,
                        });
                        return;
                    }
                    self.dispatch.emit(DecideAction::TornadoProgress {
                        job: id,
                        tornado,
                        elapsed_ms,
                    });
                }
                Search::Optimise(optimiser, pending) => {
                    let recorded = match pending.take() {
                        Some((task, request)) if task == reply.task => {
                            optimiser.record(&request, joined)
                        }
                        _ => false,
                    };
                    if !recorded {
                        // Never ask the same plan again for ever.
                        self.active = None;
                        self.dispatch.emit(DecideAction::Failed {
                            job: id,
                            message: "the search did not accept a batch".into(),
                        });
                        return;
                    }
                    let result = Box::new(optimiser.result());
                    match optimiser.pending() {
                        Some(request) if !optimiser.is_finished() => {
                            let task = active.next_task;
                            active.next_task += 1;
                            enqueue_request(
                                &mut active.queue,
                                &mut active.parts,
                                task,
                                &request,
                                workers,
                            );
                            **pending = Some((task, request));
                            self.dispatch.emit(DecideAction::OptimiserProgress {
                                job: id,
                                result,
                                elapsed_ms,
                            });
                        }
                        _ => {
                            self.active = None;
                            self.dispatch.emit(DecideAction::OptimiserDone {
                                job: id,
                                result,
                                elapsed_ms,
                            });
                            return;
                        }
                    }
                }
            }
        }
        self.pump();
    }
}

/// Splits a plan the optimiser wants run over the workers.
fn enqueue_request(
    queue: &mut VecDeque<Piece>,
    parts: &mut BTreeMap<u32, (usize, Vec<Vec<Sample>>)>,
    task: u32,
    request: &Request,
    workers: u32,
) {
    let json = Rc::new(serde_json::to_string(&request.scenario).unwrap_or_default());
    let runs = request.scenario.runs;
    let size = runs.div_ceil(workers).max(1);
    let mut start = 0;
    let mut pieces = 0;
    while start < runs {
        let end = (start + size).min(runs);
        queue.push_back(Piece {
            task,
            scenario_json: json.clone(),
            start,
            end,
        });
        pieces += 1;
        start = end;
    }
    parts.insert(task, (pieces, Vec::new()));
}

/// Computes the Decide view's `job` in the workers whenever it changes
/// (`None`: stop), reporting to `dispatch`. The workers are spawned when the
/// view is first shown (`shown`), so the first question does not wait for
/// them to load.
#[hook]
pub fn use_decide(job: Option<Job>, shown: bool, lang: Lang, dispatch: Callback<DecideAction>) {
    let coordinator = use_memo((), |_| OnceCell::<Rc<RefCell<DecideCompute>>>::new());
    {
        let coordinator = coordinator.clone();
        let dispatch = dispatch.clone();
        use_effect_with(shown, move |shown| {
            if *shown {
                coordinator.get_or_init(|| DecideCompute::new(dispatch));
            }
        });
    }
    let id = job.as_ref().map(|j| j.id);
    use_effect_with(id, move |id| {
        if id.is_some() || coordinator.get().is_some() {
            coordinator
                .get_or_init(|| DecideCompute::new(dispatch))
                .borrow_mut()
                .start(job, lang);
        }
    });
}
