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
pub(crate) async fn read_body(
    response: &mut reqwest::Response,
    limit: usize,
) -> Result<Bytes, BodyError> {
    let declared = response.content_length();
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(BodyError::TooLarge);
    }
    // A body that arrives in one chunk (most small responses) is returned as it is,
    // without a copy.
    let Some(first) = response.chunk().await.map_err(BodyError::Transport)? else {
        return Ok(Bytes::new());
    };
    if first.len() > limit {
        return Err(BodyError::TooLarge);
    }
    let Some(second) = response.chunk().await.map_err(BodyError::Transport)? else {
        return Ok(first);
    };
    let initial = declared
        .map_or(0, |length| length as usize)
        .min(limit)
        .min(1024 * 1024)
        .max(first.len() + second.len());
    let mut body = BytesMut::with_capacity(initial);
    body.extend_from_slice(&first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if body.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
        next = response.chunk().await.map_err(BodyError::Transport)?;
    }
    Ok(body.freeze())
}
