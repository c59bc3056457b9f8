//! Recording on the current `specforge.request` span (`execute::request_span`, DEBUG
//! level), at no cost when nothing listens at that level: `Span::current()` looks the
//! dispatcher up in a thread local and reading the clock is a call, which a client
//! without tracing should not pay for on every request. `level_enabled!` is a static
//! comparison and one atomic load.

use std::time::Instant;

/// Whether a subscriber may want the request span's fields.
fn enabled() -> bool {
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
