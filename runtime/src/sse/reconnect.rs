//! Opt-in reconnection of an event stream ([`Reconnect`]), as an `EventSource` does
//! (WHATWG HTML §9.2 "reestablish the connection").
//!
//! When the connection of a stream made by
//! [`execute_sse`](crate::__private::execute_sse) (an event-stream operation's send) ends (the server closes
//! it, it drops mid-body, or the idle timeout elapses) and the request's
//! [`RequestOptions::sse_reconnect`](crate::RequestOptions::sse_reconnect) is set, the
//! stream waits the reconnection time (the server's latest `retry:` value, capped by
//! [`Reconnect::max_delay`], else [`Reconnect::initial_delay`]), then sends the same
//! request again with `Last-Event-ID` set to the last event ID seen (none when the
//! stream never set one), through the whole attempt loop (credentials, retries, OAuth2
//! replay, hooks). Events then continue on the same stream; a partial event of the
//! dropped connection is discarded.
//!
//! The stream ends instead: when a reconnection answers `204 No Content` (the server's
//! way to say "stop", no error); when it answers another status that is not 2xx, or
//! fails (its error is [`SseError::Reconnect`](crate::sse::SseError::Reconnect)); after
//! [`Reconnect::max_reconnects`] reconnections in a row that delivered no event (the
//! last drop's error, or a clean end); on a parse error (a limit was broken: reconnecting
//! would break it again). A caller's data decode error never reconnects.

use std::fmt;
use std::sync::Arc;

use super::{BoxError, ByteStream};
use crate::BoxFuture;
use crate::reconnect::Reconnect;

/// Sends the request again with this `Last-Event-ID`: the new body, or `None` on 204.
pub(crate) type Connect =
    Arc<dyn Fn(Option<String>) -> BoxFuture<Result<Option<ByteStream>, BoxError>> + Send + Sync>;

/// The reconnection state of one stream.
pub(crate) struct Reconnector {
    pub(crate) policy: Reconnect,
    pub(crate) connect: Connect,
    /// Reconnections made since the last event.
    pub(crate) in_a_row: u32,
    /// A reconnection in progress (wait, then the request).
    pub(crate) pending: Option<BoxFuture<Result<Option<ByteStream>, BoxError>>>,
}

impl fmt::Debug for Reconnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reconnector")
            .field("policy", &self.policy)
            .field("in_a_row", &self.in_a_row)
            .field("pending", &self.pending.is_some())
            .finish()
    }
}

impl Reconnector {
    /// Starts a reconnection if the policy allows another one; `false` when it does not.
    pub(crate) fn start(
        &mut self,
        last_event_id: Option<&str>,
        server_millis: Option<u64>,
    ) -> bool {
        if self.in_a_row >= self.policy.max_reconnects {
            return false;
        }
        self.in_a_row += 1;
        let delay = self.policy.delay(server_millis);
        let connect = self.connect.clone();
        let last_event_id = last_event_id.map(str::to_owned);
        tracing::debug!(
            ?delay,
            attempt = self.in_a_row,
            "event stream dropped: reconnecting"
        );
        self.pending = Some(Box::pin(async move {
            tokio::time::sleep(delay).await;
            connect(last_event_id).await
        }));
        true
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn delay_honours_retry_up_to_the_cap() {
        let policy = Reconnect::default();
        assert_eq!(policy.delay(None), Duration::from_secs(3));
        assert_eq!(policy.delay(Some(250)), Duration::from_millis(250));
        assert_eq!(policy.delay(Some(u64::MAX)), Duration::from_secs(60));
    }
}
