//! A counting global allocator: allocations made on a thread while it counts.
//!
//! Only the client's thread counts (the server runs on other threads), so the numbers
//! are the client's own: the generated client's or hand-written reqwest's, with
//! hyper's connection tasks, which run on the same single-threaded runtime.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

/// The system allocator, counting.
pub struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn record(size: usize) {
    if COUNTING.with(Cell::get) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(size as u64, Ordering::Relaxed);
    }
}

// SAFETY: every method forwards to `System` with the same arguments; counting touches
// only atomics and a `const`-initialized thread local (which never allocates).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: the caller's contract is `System::alloc`'s.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Allocations (calls to `alloc`, `alloc_zeroed` and `realloc`) and bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Count {
    pub allocations: u64,
    pub bytes: u64,
}

/// Runs `work` with this thread counting; returns what it allocated.
pub async fn counted<F: std::future::Future>(work: F) -> (F::Output, Count) {
    let before = snapshot();
    COUNTING.with(|c| c.set(true));
    let output = work.await;
    COUNTING.with(|c| c.set(false));
    let after = snapshot();
    let count = Count {
        allocations: after.allocations - before.allocations,
        bytes: after.bytes - before.bytes,
    };
    (output, count)
}

fn snapshot() -> Count {
    Count {
        allocations: ALLOCATIONS.load(Ordering::Relaxed),
        bytes: BYTES.load(Ordering::Relaxed),
    }
}
