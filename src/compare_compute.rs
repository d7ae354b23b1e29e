//! Computes the pinned plans that have no runs yet (opened from a link, a
//! file or the browser's storage, or pinned and then edited before their
//! runs were done), one at a time, in their own Web Workers (the same
//! coordinator as the current plan's, `compute::Compute`), so the current
//! plan's computation is never held up.

use crate::compare::CompareAction;
use crate::compute::Compute;
use crate::planner::Action;
use cordon_engine::Scenario;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use yew::{hook, use_effect_with, use_memo, Callback};

/// Computes `pending` (a pinned plan's id and scenario) whenever it
/// changes; its runs and results go to `dispatch` as compare actions.
#[hook]
pub fn use_pinned_runs(pending: Option<(u64, Scenario)>, dispatch: Callback<Action>) {
    let coordinator = use_memo((), |_| OnceCell::<Rc<RefCell<Compute>>>::new());
    let id = pending.as_ref().map(|(id, _)| *id);
    use_effect_with(id, move |_| {
        if let Some((id, scenario)) = pending {
            // The coordinator's messages, as the pinned plan's.
            let forward = Callback::from(move |action: Action| match action {
                Action::Compare(CompareAction::CurrentRuns { generation, runs }) => {
                    dispatch.emit(Action::Compare(CompareAction::PinnedRuns {
                        id: generation,
                        runs,
                    }))
                }
                Action::Computed {
                    generation,
                    results,
                    ..
                } => dispatch.emit(Action::Compare(CompareAction::PinnedResults {
                    id: generation,
                    results,
                })),
                _ => {}
            });
            coordinator
                .get_or_init(|| Compute::new(forward))
                .borrow_mut()
                .start(id, scenario);
        }
    });
}
