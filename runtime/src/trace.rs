//! Recording on the current `specforge.request` span (`execute::request_span`, DEBUG
//! level), at no cost when nothing listens at that level: `Span::current()` looks the
//! dispatcher up in a thread local and reading the clock is a call, which a client
//! without tracing should not pay for on every request. `level_enabled!` is a static
//! comparison and one atomic load. For the same reason a request's future is wrapped
//! in its span only when a subscriber records the span ([`InSpan`]).

use std::future::Future;
use std::time::Instant;

/// Whether a subscriber may want the request span and its fields.
pub(crate) fn enabled() -> bool {
    tracing::level_enabled!(tracing::Level::DEBUG)
}

/// Records `value` as `field` on the current span.
pub(crate) fn record(field: &str, value: impl tracing::Value) {
    if enabled() {
        tracing::Span::current().record(field, value);
    }
}

/// The start of a timed request: `None` when nobody would see its duration.
pub(crate) fn start() -> Option<Instant> {
    enabled().then(Instant::now)
}

/// Records the time since `started` as `duration_ms` on the current span.
pub(crate) fn record_duration(started: Option<Instant>) {
    if let Some(started) = started {
        let millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        record("duration_ms", millis);
    }
}

/// `future` polled in `span` ([`InSpan`]).
pub(crate) fn instrument<F: Future>(future: F, span: tracing::Span) -> InSpan<F> {
    InSpan { span, future }
}

pin_project_lite::pin_project! {
    /// `future` polled inside `span`, entered on each poll only when a subscriber
    /// records it: entering and leaving a disabled span on every poll still costs calls
    /// (and, with tracing's `log` bridge, a `log` level check each), which a call nobody
    /// traces should not pay.
    pub(crate) struct InSpan<F> {
        span: tracing::Span,
        #[pin]
        future: F,
    }
}

impl<F: Future> Future for InSpan<F> {
    type Output = F::Output;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        let this = self.project();
        if this.span.is_disabled() {
            this.future.poll(cx)
        } else {
            let _entered = this.span.enter();
            this.future.poll(cx)
        }
    }
}

/// `work` run inside `span`, which is entered only when a subscriber records it.
pub(crate) fn in_span<R>(span: &tracing::Span, work: impl FnOnce() -> R) -> R {
    if span.is_disabled() {
        work()
    } else {
        span.in_scope(work)
    }
}
