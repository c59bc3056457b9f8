//! The per-attempt total timeout: a tokio timer, kept for the next attempt on the same
//! thread instead of made and dropped for every one.
//!
//! A new timer costs a lock of the runtime's timer wheel and an insertion when first
//! polled, and a lock and a removal when dropped; with every call paying both, the
//! timeout was the largest single cost a call adds to hand-written reqwest
//! (docs/performance.md). A kept timer that is still registered is moved to a later
//! deadline with one atomic write (tokio moves it in the wheel only when its old
//! deadline comes). Timers are kept per thread, for the runtime they belong to: a timer
//! is never used on another runtime (its own may have shut down).
//!
//! What a kept timer costs: until it is reused or its deadline passes it holds the
//! waker of the last call that waited on it (so that call's task allocation), and
//! tokio wakes that task once, needlessly, if the deadline passes first. At most
//! [`KEPT`] timers per thread.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::{Instant, Sleep};

/// Timers kept per thread: enough for the calls one thread has in flight at once.
const KEPT: usize = 64;

/// About thirty years: the deadline of a timeout too long to add to the clock
/// (as `tokio::time::timeout` does).
const FAR_FUTURE: Duration = Duration::from_secs(86_400 * 365 * 30);

thread_local! {
    static IDLE: RefCell<Idle> = const {
        RefCell::new(Idle {
            runtime: None,
            timers: Vec::new(),
        })
    };
}

/// The timers this thread keeps, all of one runtime.
struct Idle {
    runtime: Option<tokio::runtime::Id>,
    timers: Vec<Pin<Box<Sleep>>>,
}

/// A deadline `duration` from now, on the current tokio runtime.
pub(crate) struct Deadline {
    timer: Option<Pin<Box<Sleep>>>,
    runtime: tokio::runtime::Id,
}

impl Deadline {
    /// A deadline `duration` from now. Must be called inside a tokio runtime (as
    /// `tokio::time::timeout` must be polled in one).
    pub(crate) fn after(duration: Duration) -> Self {
        let runtime = tokio::runtime::Handle::current().id();
        let now = Instant::now();
        let deadline = now
            .checked_add(duration)
            .unwrap_or_else(|| now + FAR_FUTURE);
        let kept = IDLE.with(|idle| {
            let mut idle = idle.borrow_mut();
            if idle.runtime == Some(runtime) {
                idle.timers.pop()
            } else {
                None
            }
        });
        let timer = match kept {
            Some(mut timer) => {
                timer.as_mut().reset(deadline);
                timer
            }
            None => Box::pin(tokio::time::sleep_until(deadline)),
        };
        Self {
            timer: Some(timer),
            runtime,
        }
    }

    /// `future`, or `None` when the deadline passes first.
    pub(crate) fn bound<F: Future>(self, future: F) -> Bounded<F> {
        Bounded {
            deadline: self,
            future,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        let Some(timer) = self.timer.take() else {
            return;
        };
        // `try_with`: during the thread's exit the list may be gone; the timer is
        // then dropped as any other.
        let _ = IDLE.try_with(|idle| {
            let mut idle = idle.borrow_mut();
            if idle.runtime != Some(self.runtime) {
                // Another runtime's timers (or none): this runtime's replace them.
                idle.timers.clear();
                idle.runtime = Some(self.runtime);
            }
            if idle.timers.len() < KEPT {
                idle.timers.push(timer);
            }
        });
    }
}

pin_project_lite::pin_project! {
    /// A future bounded by a [`Deadline`] ([`Deadline::bound`]).
    pub(crate) struct Bounded<F> {
        deadline: Deadline,
        #[pin]
        future: F,
    }
}

impl<F: Future> Future for Bounded<F> {
    type Output = Option<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Poll::Ready(output) = this.future.poll(cx) {
            return Poll::Ready(Some(output));
        }
        match &mut this.deadline.timer {
            Some(timer) => timer.as_mut().poll(cx).map(|()| None),
            // Not reached: the timer is taken only when the deadline is dropped.
            None => Poll::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept() -> usize {
        IDLE.with(|idle| idle.borrow().timers.len())
    }

    #[tokio::test]
    async fn a_kept_timer_still_bounds_the_next_call() {
        drop(Deadline::after(Duration::from_secs(30)));
        assert_eq!(kept(), 1);
        // Reused for a shorter deadline (moved earlier, not only later): it fires.
        let short = Deadline::after(Duration::from_millis(30));
        assert_eq!(kept(), 0);
        assert_eq!(short.bound(std::future::pending::<()>()).await, None);
        // For a longer one: the work that ends first wins.
        let long = Deadline::after(Duration::from_secs(60));
        let quick = tokio::time::sleep(Duration::from_millis(10));
        assert_eq!(long.bound(quick).await, Some(()));
        let bounded = Deadline::after(Duration::from_millis(30));
        let slow = tokio::time::sleep(Duration::from_secs(60));
        assert_eq!(bounded.bound(slow).await, None);
        assert_eq!(kept(), 1);
    }

    #[tokio::test]
    async fn a_timeout_too_long_for_the_clock_never_fires() {
        let deadline = Deadline::after(Duration::MAX);
        let work = tokio::time::sleep(Duration::from_millis(10));
        assert_eq!(deadline.bound(work).await, Some(()));
    }

    #[test]
    fn a_timer_is_never_used_on_another_runtime() {
        let runtime = || {
            tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
        };
        // Test code: building a current-thread runtime fails only without resources.
        let first = runtime().expect("a runtime builds");
        first.block_on(async { drop(Deadline::after(Duration::from_secs(5))) });
        let first_id = first.handle().id();
        drop(first);
        assert_eq!(kept(), 1);
        // The first runtime is gone: its kept timer is neither reset nor polled here,
        // and is dropped when this runtime's timer is kept.
        // Test code: as above, this fails only without resources.
        let second = runtime().expect("a runtime builds");
        let fired = second.block_on(async {
            let deadline = Deadline::after(Duration::from_millis(10));
            deadline.bound(std::future::pending::<()>()).await
        });
        assert_eq!(fired, None);
        IDLE.with(|idle| {
            let idle = idle.borrow();
            assert_eq!(idle.runtime, Some(second.handle().id()));
            assert_ne!(first_id, second.handle().id());
            assert_eq!(idle.timers.len(), 1);
        });
    }
}
