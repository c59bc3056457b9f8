//! [`Reconnect`]: how an event stream reconnects when its connection ends (opt-in, per
//! request through `RequestOptions::sse_reconnect`). Data only; the reconnecting stream
//! itself is `sse/reconnect.rs`, which documents the behaviour.

use std::time::Duration;

/// How an event stream reconnects when its connection ends (opt-in, per request).
///
/// ```
/// # use std::time::Duration;
/// let options = specforge::RequestOptions::default().sse_reconnect(
///     specforge::sse::Reconnect::default()
///         .max_reconnects(10)
///         .initial_delay(Duration::from_secs(1)),
/// );
/// # let _ = options;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconnect {
    pub(crate) max_reconnects: u32,
    pub(crate) initial_delay: Duration,
    pub(crate) max_delay: Duration,
}

impl Default for Reconnect {
    /// 5 reconnections in a row, 3 s before the server sets `retry:`, at most 60 s.
    fn default() -> Self {
        Self {
            max_reconnects: 5,
            initial_delay: Duration::from_secs(3),
            max_delay: Duration::from_secs(60),
        }
    }
}

impl Reconnect {
    /// How many reconnections in a row may deliver no event before the stream ends
    /// (the count starts again at each event).
    pub fn max_reconnects(mut self, max: u32) -> Self {
        self.max_reconnects = max;
        self
    }

    /// The wait before reconnecting while the server has not set `retry:`.
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// The longest wait honoured from a server's `retry:`.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The wait before the next reconnection, given the server's latest `retry:` (ms).
    pub(crate) fn delay(&self, server_millis: Option<u64>) -> Duration {
        match server_millis {
            Some(millis) => Duration::from_millis(millis).min(self.max_delay),
            None => self.initial_delay,
        }
    }
}
