//! Server-Sent Events: `text/event-stream` responses as a [`Stream`] of typed events.
//!
//! [`SseParser`] is the runtime's own WHATWG-conformant parser (see its module docs);
//! [`SseStream`] drives it over a response body and decodes each event's data, as JSON
//! into `T` ([`SseStream::json`]) or as text ([`SseStream::text`]).
//!
//! The stream ends after the first transport, parse or idle-timeout error; a data
//! decode error fails only that event and the stream goes on. An idle timeout (no
//! bytes for the given duration) replaces a total timeout for long-lived streams.
//!
//! `__private::send_sse` sends an operation's
//! request through the runtime's attempt loop and returns the stream (see `client.rs`).
//!
//! Reconnection is opt-in per request ([`Reconnect`], see `reconnect.rs`): the stream
//! then survives a dropped connection by sending the request again with
//! `Last-Event-ID`, after the server's `retry:` time. Without it the stream ends at the
//! first drop; [`SseStream::last_event_id`] and [`Event::retry`] give what a caller
//! needs to reconnect by hand.

pub(crate) mod client;
mod parser;
mod reconnect;

use std::collections::VecDeque;
use std::error::Error as StdError;
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures::Stream;

pub use crate::reconnect::Reconnect;
pub use parser::{DEFAULT_MAX_EVENT, DEFAULT_MAX_LINE, ParseError, RawEvent, SseParser};

pub(crate) type BoxError = Box<dyn StdError + Send + Sync>;
pub(crate) type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>;

/// One event, its data decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The event type (`message` when the server sent no `event` field).
    pub event: String,
    /// The decoded data.
    pub data: T,
    /// The last event ID at dispatch, if the stream ever set one.
    pub id: Option<String>,
    /// The reconnection time the server asked for in this event.
    pub retry: Option<Duration>,
}

/// Why an event stream failed.
#[derive(Debug)]
pub enum SseError {
    /// Reading the body failed (connection dropped, ...).
    Transport(BoxError),
    /// The stream broke a parser limit.
    Parse(ParseError),
    /// One event's data did not decode; the stream goes on.
    Decode {
        /// The event's type.
        event: String,
        /// The JSON error.
        source: serde_json::Error,
    },
    /// No bytes arrived for this long.
    IdleTimeout(Duration),
    /// Reconnecting ([`Reconnect`]) failed: the request's error (an
    /// [`Error<NoErrors>`](crate::Error), e.g. an undeclared status) is the source.
    Reconnect(BoxError),
}

impl fmt::Display for SseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(error) => write!(f, "event stream read failed: {error}"),
            Self::Parse(error) => error.fmt(f),
            Self::Decode { event, source } => {
                write!(f, "event `{event}` has data that does not decode: {source}")
            }
            Self::IdleTimeout(idle) => write!(f, "event stream idle for {idle:?}"),
            Self::Reconnect(_) => f.write_str("event stream could not reconnect"),
        }
    }
}

impl StdError for SseError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Self::Transport(error) => Some(error.as_ref()),
            Self::Parse(error) => Some(error),
            Self::Decode { source, .. } => Some(source),
            Self::IdleTimeout(_) => None,
            Self::Reconnect(error) => Some(error.as_ref()),
        }
    }
}

/// How an event's data becomes `T`.
pub type DecodeData<T> = fn(&str) -> Result<T, serde_json::Error>;

/// Event data as JSON for `T` (a [`DecodeData`]).
pub fn json_data<T: serde::de::DeserializeOwned>(data: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(data)
}

/// Event data as text (a [`DecodeData`]).
pub fn text_data(data: &str) -> Result<String, serde_json::Error> {
    Ok(data.to_owned())
}

/// A stream of [`Event`]s read from a `text/event-stream` body.
pub struct SseStream<T> {
    body: ByteStream,
    parser: SseParser,
    ready: VecDeque<RawEvent>,
    final_error: Option<SseError>,
    finished: bool,
    decode: DecodeData<T>,
    idle: Option<crate::idle::IdleTimer>,
    reconnect: Option<reconnect::Reconnector>,
    _data: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for SseStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SseStream")
            .field("last_event_id", &self.parser.last_event_id())
            .field("finished", &self.finished)
            .field("reconnect", &self.reconnect)
            .finish_non_exhaustive()
    }
}

impl<T: serde::de::DeserializeOwned> SseStream<T> {
    /// Events of a response whose data is JSON for `T`.
    pub fn json(response: reqwest::Response) -> Self {
        Self::from_byte_stream(response.bytes_stream(), json_data::<T>)
    }
}

impl SseStream<String> {
    /// Events of a response whose data is kept as text.
    pub fn text(response: reqwest::Response) -> Self {
        Self::from_byte_stream(response.bytes_stream(), text_data)
    }
}

impl<T> SseStream<T> {
    /// Events of any byte stream, data decoded by `decode`.
    pub fn from_byte_stream<S, E>(body: S, decode: DecodeData<T>) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<BoxError> + 'static,
    {
        use futures::TryStreamExt as _;
        Self {
            body: Box::pin(body.map_err(Into::into)),
            parser: SseParser::new(),
            ready: VecDeque::new(),
            final_error: None,
            finished: false,
            decode,
            idle: None,
            reconnect: None,
            _data: PhantomData,
        }
    }

    /// Reconnects per `policy` with `connect` when the connection ends.
    pub(crate) fn with_reconnect(mut self, policy: Reconnect, connect: reconnect::Connect) -> Self {
        self.reconnect = Some(reconnect::Reconnector {
            policy,
            connect,
            in_a_row: 0,
            pending: None,
        });
        self
    }

    /// Fails the stream with [`SseError::IdleTimeout`] when no bytes arrive for `idle`.
    /// Needs a Tokio runtime.
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.idle = Some(crate::idle::IdleTimer::new(idle));
        self
    }

    /// Replaces the parser's limits (bytes per line, bytes of data per event).
    pub fn limits(mut self, max_line: usize, max_event: usize) -> Self {
        self.parser = SseParser::with_limits(max_line, max_event);
        self
    }

    /// The last event ID seen, to send as `Last-Event-ID` when reconnecting.
    pub fn last_event_id(&self) -> Option<&str> {
        self.parser.last_event_id()
    }

    fn decoded(&self, raw: RawEvent) -> Result<Event<T>, SseError> {
        match (self.decode)(&raw.data) {
            Ok(data) => Ok(Event {
                event: raw.event,
                data,
                id: raw.id,
                retry: raw.retry.map(Duration::from_millis),
            }),
            Err(source) => Err(SseError::Decode {
                event: raw.event,
                source,
            }),
        }
    }

    fn on_bytes(&mut self, bytes: &[u8]) {
        if let Some(timer) = &mut self.idle {
            timer.activity();
        }
        let mut events = Vec::new();
        let result = self.parser.feed(bytes, &mut events);
        self.ready.extend(events);
        if let Err(error) = result {
            self.end_with(SseError::Parse(error));
        }
    }

    fn end_with(&mut self, error: SseError) {
        self.finished = true;
        self.final_error = Some(error);
    }

    /// The connection ended (`error`: how; `None`: the server closed it): reconnect if
    /// allowed, else end with `error`.
    fn dropped(&mut self, error: Option<SseError>) {
        self.parser.finish();
        let last_event_id = self.parser.last_event_id().map(str::to_owned);
        let server_millis = self.parser.reconnection_time();
        if let Some(reconnect) = &mut self.reconnect
            && reconnect.start(last_event_id.as_deref(), server_millis)
        {
            // Close the old connection now, not when the new one arrives.
            self.body = Box::pin(futures::stream::empty());
            return;
        }
        self.finished = true;
        self.final_error = error;
    }

    /// Polls a reconnection in progress; `Pending` while it waits.
    fn poll_reconnect(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let Some(reconnect) = &mut self.reconnect else {
            return Poll::Ready(());
        };
        let Some(pending) = &mut reconnect.pending else {
            return Poll::Ready(());
        };
        let Poll::Ready(result) = pending.as_mut().poll(cx) else {
            return Poll::Pending;
        };
        reconnect.pending = None;
        match result {
            Ok(Some(body)) => {
                self.body = body;
                if let Some(timer) = &mut self.idle {
                    timer.activity();
                }
            }
            // 204 No Content: the server asks the client to stop.
            Ok(None) => self.finished = true,
            Err(error) => self.end_with(SseError::Reconnect(error)),
        }
        Poll::Ready(())
    }
}

impl<T> Stream for SseStream<T> {
    type Item = Result<Event<T>, SseError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // All fields are Unpin (the body and the timer are boxed).
        let this = self.get_mut();
        loop {
            if let Some(raw) = this.ready.pop_front() {
                if let Some(reconnect) = &mut this.reconnect {
                    reconnect.in_a_row = 0;
                }
                return Poll::Ready(Some(this.decoded(raw)));
            }
            if this.poll_reconnect(cx).is_pending() {
                return Poll::Pending;
            }
            if this.finished {
                return Poll::Ready(this.final_error.take().map(Err));
            }
            match this.body.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(bytes))) => this.on_bytes(&bytes),
                Poll::Ready(Some(Err(error))) => this.dropped(Some(SseError::Transport(error))),
                Poll::Ready(None) => this.dropped(None),
                Poll::Pending => {
                    if let Some(timer) = &mut this.idle
                        && timer.expired(cx)
                    {
                        let idle = timer.idle();
                        this.dropped(Some(SseError::IdleTimeout(idle)));
                        continue;
                    }
                    return Poll::Pending;
                }
            }
        }
    }
}
