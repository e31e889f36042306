//! Work shared by both cores of the machine: each thread takes the next task not yet
//! taken, so that a long task on one core leaves the others to the second.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// `run` of each task from 0 to `tasks`, on two threads, the results in task order.
pub fn on_both_cores<T: Send>(tasks: usize, run: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<T>>> = (0..tasks).map(|_| Mutex::new(None)).collect();
    let work = || {
        loop {
            let task = next.fetch_add(1, Ordering::Relaxed);
            if task >= tasks {
                break;
            }
            let done = run(task);
            *slots[task].lock().unwrap_or_else(PoisonError::into_inner) = Some(done);
        }
    };
    std::thread::scope(|scope| {
        let helper = scope.spawn(work);
        work();
        helper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .expect("every task was run")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_task_runs_once_and_results_keep_their_order() {
        let runs = std::sync::atomic::AtomicUsize::new(0);
        let results = super::on_both_cores(1_000, |task| {
            runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            task * 2
        });
        assert_eq!(runs.into_inner(), 1_000);
        assert_eq!(results, (0..1_000).map(|t| t * 2).collect::<Vec<_>>());
        assert!(super::on_both_cores(0, |task| task).is_empty());
    }
}
