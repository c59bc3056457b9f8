//! The idle timeout of streamed bodies ([`crate::ByteStream`], [`crate::sse::SseStream`]).

use std::pin::Pin;
use std::task::Context;
use std::time::Duration;

/// The idle timeout: a chunk only notes the time it arrived; the timer is moved when it
/// fires early (bytes came since it was set), so a fast stream touches the timer once
/// per `idle` period, not once per chunk.
pub(crate) struct IdleTimer {
    idle: Duration,
    last_chunk: tokio::time::Instant,
    sleep: Pin<Box<tokio::time::Sleep>>,
}

impl IdleTimer {
    pub(crate) fn new(idle: Duration) -> Self {
        let now = tokio::time::Instant::now();
        Self {
            idle,
            last_chunk: now,
            sleep: Box::pin(tokio::time::sleep_until(now + idle)),
        }
    }

    /// Notes that bytes arrived now.
    pub(crate) fn activity(&mut self) {
        self.last_chunk = tokio::time::Instant::now();
    }

    /// The idle limit.
    pub(crate) fn idle(&self) -> Duration {
        self.idle
    }

    /// Whether no chunk arrived for `idle`; otherwise the timer is set to wake again
    /// `idle` after the last chunk.
    pub(crate) fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        while self.sleep.as_mut().poll(cx).is_ready() {
            let deadline = self.last_chunk + self.idle;
            if deadline <= tokio::time::Instant::now() {
                return true;
            }
            self.sleep.as_mut().reset(deadline);
        }
        false
    }
}
