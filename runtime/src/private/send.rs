//! Sending a filled [`Request`]: the few generic functions every operation calls.
//!
//! Generated code builds a request in one small non-generic function per operation
//! (`into_request`) and hands it here with its decode function. The `async` state
//! machines live in these functions, once in the runtime, instead of one
//! `async fn` per operation in the generated crate: `cargo check` of a generated
//! client then type-checks and borrow-checks no `async` body at all, and a build
//! instantiates these small wrappers around the non-generic
//! `ClientCore::execute_raw` loop.

use std::future::Future;

use crate::client::ClientCore;
use crate::error::Error;
use crate::private::{Decode, Request};
use crate::response::Response;
use crate::sse::{DecodeData, SseStream};
use crate::{BoxFuture, ByteStream};

/// Sends `request` (retrying per the client's policy) and decodes the response.
pub async fn send<T, E>(
    core: ClientCore,
    request: Request,
    decode: Decode<T, E>,
) -> Result<Response<T>, Error<E>> {
    core.execute(request, decode).await
}

/// Sends `request` and returns a 2xx body as a stream (see
/// [`ClientCore::execute_stream`]).
pub async fn send_streaming<T, E>(
    core: ClientCore,
    request: Request,
    decode: Decode<T, E>,
) -> Result<Response<ByteStream>, Error<E>> {
    core.execute_stream(request, decode).await
}

/// Sends `request` and returns its `text/event-stream` body as typed events (see
/// [`ClientCore::execute_sse`]).
pub async fn send_sse<T: 'static, E>(
    core: ClientCore,
    request: Request,
    data: DecodeData<T>,
    decode: Decode<(), E>,
) -> Result<Response<SseStream<T>>, Error<E>> {
    core.execute_sse(request, data, decode).await
}

/// The body of what `send` gives, boxed: the `IntoFuture` of every request value.
pub fn into_body<T: 'static, E: 'static>(
    response: impl Future<Output = Result<Response<T>, Error<E>>> + Send + 'static,
) -> BoxFuture<Result<T, Error<E>>> {
    Box::pin(async move { response.await.map(Response::into_body) })
}
