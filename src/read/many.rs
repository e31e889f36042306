//! Opening many charts at once, as a series of releases is: on both cores, each thread
//! taking the next file not yet taken, the results in the order the files were given.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::{OpenError, OpenOptions, Opened, open};

/// Each of `files` opened with `options`, in the order given.
#[must_use]
pub fn open_each(files: &[PathBuf], options: &OpenOptions) -> Vec<Result<Opened, OpenError>> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<Opened, OpenError>>>> =
        files.iter().map(|_| Mutex::new(None)).collect();
    let work = || {
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(file) = files.get(at) else { break };
            let opened = open(file, options);
            *slots[at].lock().unwrap_or_else(PoisonError::into_inner) = Some(opened);
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
                .expect("every file was opened")
        })
        .collect()
}
