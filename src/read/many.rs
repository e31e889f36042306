//! Opening many charts at once, as a series of releases is: on both cores, each thread
//! taking the next file not yet taken, the results in the order the files were given.

use std::path::PathBuf;

use super::{OpenError, OpenOptions, Opened, open};

/// Each of `files` opened with `options`, in the order given.
#[must_use]
pub fn open_each(files: &[PathBuf], options: &OpenOptions) -> Vec<Result<Opened, OpenError>> {
    crate::progress::parts(files.len() as u64);
    crate::work::on_both_cores(files.len(), |at| {
        let _counted = crate::progress::PartDone;
        open(&files[at], options)
    })
}
