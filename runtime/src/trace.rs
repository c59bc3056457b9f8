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

/// `future` in its own `span` (the streamed and event-stream sends, whose span lives
/// with their future): [`InSpan`] over an owned span.
pub(crate) fn instrument<F: Future>(future: F, span: tracing::Span) -> InSpan<tracing::Span, F> {
    InSpan::new(span, future)
}

pin_project_lite::pin_project! {
    /// `future` polled inside `span` (owned, or borrowed: `&Span`), entered on each poll
    /// only when a subscriber records it: entering and leaving a disabled span on every
    /// poll still costs calls (and, with tracing's `log` bridge, a `log` level check
    /// each), which a call nobody traces should not pay. The buffered call's future
    /// borrows the span kept in its start state, so that it holds the span once.
    pub(crate) struct InSpan<S, F> {
        span: S,
        #[pin]
        future: F,
    }
}

impl<S, F> InSpan<S, F> {
    /// `future`, to be polled in `span`.
    pub(crate) fn new(span: S, future: F) -> Self {
        Self { span, future }
    }
}

impl<S: std::borrow::Borrow<tracing::Span>, F: Future> Future for InSpan<S, F> {
    type Output = F::Output;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        let this = self.project();
        let span: &tracing::Span = (*this.span).borrow();
        if span.is_disabled() {
            this.future.poll(cx)
        } else {
            let _entered = span.enter();
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
