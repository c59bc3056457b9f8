//! Binary downloads as a stream: [`ByteStream`].
//!
//! `execute_stream` (in `stream_head.rs`) runs the attempt loop of `execute` (credentials, redirects, retries
//! with the client's budget, the OAuth2 401 replay) up to the response head. The
//! per-attempt timeout bounds the wait for the head; once a 2xx head arrives the body is
//! returned as a [`ByteStream`] whose **idle timeout** is that same duration (no total
//! timeout, and no `max_response_bytes` cap: the caller reads as much as it wants). A
//! started stream is never retried or resumed. A non-2xx response is buffered (capped)
//! and given to the operation's decode function, as `execute` does, so declared error
//! statuses come back typed.
//!
//! The content type of a 2xx response is not checked (the bytes are the caller's).

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures::Stream;

/// Why a [`ByteStream`] stopped early.
#[derive(Debug)]
pub enum ByteStreamError {
    /// The connection failed while reading (the URL is not kept: it may hold a key).
    Transport(reqwest::Error),
    /// No bytes arrived for this long.
    IdleTimeout(Duration),
    /// [`ByteStream::collect`] met more than its limit (in bytes).
    TooLarge {
        /// The limit.
        limit: usize,
    },
}

impl fmt::Display for ByteStreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Transport(error) => write!(f, "response body read failed: {error}"),
            Self::IdleTimeout(idle) => write!(f, "response body idle for {idle:?}"),
            Self::TooLarge { limit } => write!(f, "response body over {limit} bytes"),
        }
    }
}

impl std::error::Error for ByteStreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(error) => Some(error),
            Self::IdleTimeout(_) | Self::TooLarge { .. } => None,
        }
    }
}

type Chunks = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;

/// A response body read chunk by chunk (`futures::Stream<Item = Result<Bytes,
/// ByteStreamError>>`), with an idle timeout. It ends after the first error.
///
/// ```no_run
/// # async fn demo(mut body: specforge::ByteStream) -> Result<(), specforge::ByteStreamError> {
/// use futures::StreamExt as _;
/// while let Some(chunk) = body.next().await {
///     let chunk = chunk?;
///     // write `chunk` somewhere
/// #   let _ = chunk;
/// }
/// # Ok(()) }
/// ```
pub struct ByteStream {
    chunks: Chunks,
    idle: Option<crate::idle::IdleTimer>,
    received: u64,
    finished: bool,
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("received", &self.received)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}

impl ByteStream {
    /// The body of `response`, without an idle timeout.
    pub fn from_response(response: reqwest::Response) -> Self {
        Self {
            chunks: Box::pin(response.bytes_stream()),
            idle: None,
            received: 0,
            finished: false,
        }
    }

    /// Fails the stream with [`ByteStreamError::IdleTimeout`] when no bytes arrive for
    /// `idle`.
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.idle = Some(crate::idle::IdleTimer::new(idle));
        self
    }

    /// Bytes received so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// Reads the rest into memory, at most `limit` bytes (more is an error, so an endless
    /// body cannot exhaust memory).
    pub async fn collect(mut self, limit: usize) -> Result<Bytes, ByteStreamError> {
        use futures::StreamExt as _;
        let mut out = bytes::BytesMut::new();
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            if out.len() + chunk.len() > limit {
                return Err(ByteStreamError::TooLarge { limit });
            }
            out.extend_from_slice(&chunk);
        }
        Ok(out.freeze())
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, ByteStreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // All fields are Unpin (the body and the timer are boxed).
        let this = self.get_mut();
        if this.finished {
            return Poll::Ready(None);
        }
        match this.chunks.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                if let Some(timer) = &mut this.idle {
                    timer.activity();
                }
                this.received += chunk.len() as u64;
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(error))) => {
                this.finished = true;
                Poll::Ready(Some(Err(ByteStreamError::Transport(error.without_url()))))
            }
            Poll::Ready(None) => {
                this.finished = true;
                Poll::Ready(None)
            }
            Poll::Pending => {
                if let Some(timer) = &mut this.idle
                    && timer.expired(cx)
                {
                    this.finished = true;
                    return Poll::Ready(Some(Err(ByteStreamError::IdleTimeout(timer.idle()))));
                }
                Poll::Pending
            }
        }
    }
}
