//! [`Body`]: the content of a binary request body (`application/octet-stream`,
//! `image/*`, … or `format: binary`) or of a multipart file part: bytes in memory, a
//! stream of chunks, or a file streamed from disk.
//!
//! Bytes are kept as [`Bytes`] and can be sent any number of times, so a request with
//! them is retried per the retry policy like any other. A stream (and a file, which is
//! streamed) can be sent **once**: a request carrying one is never retried, never
//! replayed after an OAuth2 401, and a redirect that would resend it is not followed
//! (the 3xx reaches the caller). Cloning a streaming `Body` shares the one stream: the
//! first send takes it, a later one fails with `Error::InvalidRequest` before sending.
//!
//! A stream's length is sent as `Content-Length` when known ([`Body::from_file`] knows
//! it; [`Body::from_stream_with_length`] takes it), else the body goes chunked.

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;

/// The boxed error a body stream may yield.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Content of a binary request body or multipart file part: bytes, a stream or a file.
///
/// ```
/// # async fn demo() -> std::io::Result<()> {
/// use specforge::Body;
/// let from_bytes: Body = vec![1u8, 2, 3].into();
/// let from_chunks = Body::from_stream(futures::stream::iter(vec![
///     Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"ab")),
///     Ok(bytes::Bytes::from_static(b"cd")),
/// ]));
/// # let path = std::env::temp_dir().join("specforge-body-doc");
/// # tokio::fs::write(&path, b"x").await?;
/// let from_file = Body::from_file(&path).await?; // streamed, with Content-Length
/// assert!(from_bytes.is_replayable() && !from_chunks.is_replayable());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Body {
    kind: Kind,
}

#[derive(Clone)]
enum Kind {
    Bytes(Bytes),
    /// Taken by the first send.
    Stream {
        stream: Arc<Mutex<Option<reqwest::Body>>>,
        length: Option<u64>,
    },
}

impl Body {
    /// A body of these bytes (sent as is; retries resend them).
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        Self {
            kind: Kind::Bytes(bytes.into()),
        }
    }

    /// A body streamed from `stream`, chunk by chunk, sent chunked (no `Content-Length`).
    /// A request with it is sent once, never retried.
    pub fn from_stream<S, B, E>(stream: S) -> Self
    where
        S: futures::Stream<Item = Result<B, E>> + Send + 'static,
        B: Into<Bytes> + 'static,
        E: Into<BoxError> + 'static,
    {
        Self::streamed(stream, None)
    }

    /// Like [`from_stream`](Self::from_stream), with the total `length` in bytes sent as
    /// `Content-Length` (the stream must yield exactly that many bytes).
    pub fn from_stream_with_length<S, B, E>(stream: S, length: u64) -> Self
    where
        S: futures::Stream<Item = Result<B, E>> + Send + 'static,
        B: Into<Bytes> + 'static,
        E: Into<BoxError> + 'static,
    {
        Self::streamed(stream, Some(length))
    }

    fn streamed<S, B, E>(stream: S, length: Option<u64>) -> Self
    where
        S: futures::Stream<Item = Result<B, E>> + Send + 'static,
        B: Into<Bytes> + 'static,
        E: Into<BoxError> + 'static,
    {
        use futures::StreamExt as _;
        let stream = stream.map(|chunk| {
            chunk
                .map(Into::<Bytes>::into)
                .map_err(Into::<BoxError>::into)
        });
        Self::from_reqwest(reqwest::Body::wrap_stream(stream), length)
    }

    fn from_reqwest(body: reqwest::Body, length: Option<u64>) -> Self {
        Self {
            kind: Kind::Stream {
                stream: Arc::new(Mutex::new(Some(body))),
                length,
            },
        }
    }

    /// Streams the file at `path` (opened now, read while sending), with its size as
    /// `Content-Length`. A request with it is sent once, never retried.
    pub async fn from_file(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let file = tokio::fs::File::open(path).await?;
        let length = file.metadata().await?.len();
        Ok(Self::from_reqwest(reqwest::Body::from(file), Some(length)))
    }

    /// Whether the body can be sent again (bytes: yes; a stream or a file: no).
    pub fn is_replayable(&self) -> bool {
        matches!(self.kind, Kind::Bytes(_))
    }

    /// The bytes of an in-memory body.
    pub fn as_bytes(&self) -> Option<&Bytes> {
        match &self.kind {
            Kind::Bytes(bytes) => Some(bytes),
            Kind::Stream { .. } => None,
        }
    }

    /// The length in bytes, when known.
    pub fn content_length(&self) -> Option<u64> {
        match &self.kind {
            Kind::Bytes(bytes) => Some(bytes.len() as u64),
            Kind::Stream { length, .. } => *length,
        }
    }

    /// The body for one send; `None` when a stream was already taken by an earlier send.
    pub(crate) fn take_for_send(&self) -> Option<reqwest::Body> {
        match &self.kind {
            Kind::Bytes(bytes) => Some(reqwest::Body::from(bytes.clone())),
            Kind::Stream { stream, .. } => {
                stream.lock().unwrap_or_else(PoisonError::into_inner).take()
            }
        }
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Bytes(bytes) => f.debug_tuple("Body::Bytes").field(&bytes.len()).finish(),
            Kind::Stream { length, .. } => f
                .debug_struct("Body::Stream")
                .field("length", length)
                .finish_non_exhaustive(),
        }
    }
}

impl Default for Body {
    fn default() -> Self {
        Self::from_bytes(Bytes::new())
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Self::from_bytes(bytes)
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from_bytes(bytes)
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Self::from_bytes(bytes)
    }
}

impl<const N: usize> From<&'static [u8; N]> for Body {
    fn from(bytes: &'static [u8; N]) -> Self {
        Self::from_bytes(bytes.as_slice())
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Self::from_bytes(text)
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Self::from_bytes(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_replay_streams_do_not() {
        let body = Body::from(vec![1u8, 2]);
        assert!(body.is_replayable());
        assert_eq!(body.content_length(), Some(2));
        assert!(body.take_for_send().is_some());
        assert!(body.take_for_send().is_some());

        let stream = Body::from_stream(futures::stream::iter(vec![Ok::<_, std::io::Error>(
            Bytes::from_static(b"x"),
        )]));
        assert!(!stream.is_replayable());
        assert_eq!(stream.content_length(), None);
        let shared = stream.clone();
        assert!(stream.take_for_send().is_some());
        assert!(
            shared.take_for_send().is_none(),
            "a clone shares the stream"
        );
    }

    #[tokio::test]
    async fn file_knows_its_length() -> std::io::Result<()> {
        let path = std::env::temp_dir().join(format!("specforge-body-{}.bin", std::process::id()));
        tokio::fs::write(&path, b"hello").await?;
        let body = Body::from_file(&path).await;
        let _ = tokio::fs::remove_file(&path).await;
        let body = body?;
        assert_eq!(body.content_length(), Some(5));
        assert!(!body.is_replayable());
        assert!(Body::from_file("/nonexistent/specforge").await.is_err());
        Ok(())
    }
}
