//! Reading a response body into memory, capped at `max_response_bytes`.
//!
//! The body is read chunk by chunk and counted as it arrives, after the content decoding
//! reqwest performs (`gzip`, `br`, `deflate`, advertised in `Accept-Encoding`), so a
//! compression bomb stops at the cap too, and an oversized or endless body stops at the cap; a
//! `Content-Length` above the cap fails before reading anything.

use bytes::{Bytes, BytesMut};

/// Why a body could not be read.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// More than the cap.
    TooLarge,
    /// The connection failed while reading.
    Transport(reqwest::Error),
}

/// Reads the whole body, at most `limit` bytes.
///
/// A body that arrives in one chunk (most small responses) is returned as it is,
/// without a copy. Only the chunk kept, the buffer and the read in progress are held
/// while waiting: this future is part of every buffered call's.
pub(crate) async fn read_body(
    response: &mut reqwest::Response,
    limit: usize,
) -> Result<Bytes, BodyError> {
    let declared = response.content_length();
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(BodyError::TooLarge);
    }
    let mut first: Option<Bytes> = None;
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        let kept = first.as_ref().map_or(body.len(), Bytes::len);
        if kept + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        match first.take() {
            None if body.is_empty() => first = Some(chunk),
            None => body.extend_from_slice(&chunk),
            Some(previous) => {
                body.reserve(initial_capacity(
                    declared,
                    limit,
                    previous.len() + chunk.len(),
                ));
                body.extend_from_slice(&previous);
                body.extend_from_slice(&chunk);
            }
        }
    }
    Ok(first.unwrap_or_else(|| body.freeze()))
}

/// The buffer for a body that came in more than one chunk: its declared length (at
/// most the cap and 1 MiB, so a false `Content-Length` reserves little), and at least
/// the first two chunks.
fn initial_capacity(declared: Option<u64>, limit: usize, received: usize) -> usize {
    declared
        .map_or(0, |length| usize::try_from(length).unwrap_or(usize::MAX))
        .min(limit)
        .min(1024 * 1024)
        .max(received)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A response whose body arrives in `chunks`, one frame each.
    fn response(chunks: &[&'static [u8]]) -> reqwest::Response {
        let frames: Vec<Result<Bytes, std::io::Error>> = chunks
            .iter()
            .map(|chunk| Ok(Bytes::from_static(chunk)))
            .collect();
        let body = reqwest::Body::wrap_stream(futures::stream::iter(frames));
        http::Response::new(body).into()
    }

    #[tokio::test]
    async fn one_chunk_is_returned_without_a_copy() {
        static BODY: &[u8] = b"{\"id\":1}";
        let read = read_body(&mut response(&[BODY]), 100).await;
        assert!(matches!(&read, Ok(body) if body.as_ptr() == BODY.as_ptr()));
    }

    #[tokio::test]
    async fn chunks_are_joined_in_order() {
        for chunks in [
            &[&b"ab"[..], b"", b"cd", b"e"][..],
            &[b"", b"abcde"],
            &[b"", b"", b"abc", b"de"],
            &[b"a", b"b", b"c", b"d", b"e"],
        ] {
            let read = read_body(&mut response(chunks), 5).await;
            assert!(matches!(&read, Ok(body) if body == "abcde"), "{chunks:?}");
        }
        let empty = read_body(&mut response(&[]), 5).await;
        assert!(matches!(&empty, Ok(body) if body.is_empty()));
    }

    #[tokio::test]
    async fn a_body_over_the_cap_stops_at_the_chunk_that_crosses_it() {
        for chunks in [
            &[&b"abcdef"[..]][..],
            &[b"abc", b"def"],
            &[b"abcde", b"", b"f"],
        ] {
            let read = read_body(&mut response(chunks), 5).await;
            assert!(matches!(read, Err(BodyError::TooLarge)), "{chunks:?}");
        }
    }
}
