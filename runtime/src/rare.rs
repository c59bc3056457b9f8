//! Rare steps of a call, boxed out of its common path.
//!
//! An OAuth2 token fetch, the hooks, a cross-origin redirect hop and the decision after
//! a failed attempt are waited on by few calls. Awaited inline, each would make every
//! call's future larger (it is boxed, copied and moved whole) and put its code inside
//! the poll function every call runs. Boxed behind `dyn` by [`rare`], a step costs the
//! calls that take it one allocation, and the others nothing but a branch
//! (docs/performance.md).

use std::future::Future;
use std::pin::Pin;

/// A rare step's future, boxed behind `dyn` (polled out of line, never inlined).
pub(crate) type Rare<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// `future` as a [`Rare`] step; made out of line too.
#[inline(never)]
pub(crate) fn rare<'a, T>(future: impl Future<Output = T> + Send + 'a) -> Rare<'a, T> {
    Box::pin(future)
}
