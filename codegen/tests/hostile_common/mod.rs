//! Helpers shared by the `hostile_*` tests: write a document to a scratch file,
//! and run a piece of work on a thread with a small, known stack and a deadline.

#![allow(dead_code)] // each test binary uses a different subset

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// The stack of a default test thread (2 MiB): passing must not depend on a
/// big main-thread stack.
pub const SMALL_STACK: usize = 2 * 1024 * 1024;

/// Writes `contents` to `<tmp>/specforge-hostile-<pid>-<n>/<name>` and returns the
/// path. Each call gets its own folder: tests run in parallel and may use the
/// same file name.
pub fn write_spec(name: &str, contents: &[u8]) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("specforge-hostile-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write scratch spec");
    path
}

/// Runs `work` on a thread with a [`SMALL_STACK`] and waits at most `limit`.
/// Fails the test on a panic (a stack overflow aborts the whole process,
/// which fails it too) or when the deadline passes (the thread is left behind;
/// the test process ends with the test).
pub fn bounded<T: Send + 'static>(
    what: &str,
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name(format!("hostile: {what}"))
        .stack_size(SMALL_STACK)
        .spawn(move || {
            let _ = tx.send(work());
        })
        .expect("spawn worker thread");
    match rx.recv_timeout(limit) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: no result within {limit:?} (hang?)")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: the worker panicked"),
    }
}
