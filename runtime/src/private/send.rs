//! Sending a filled [`Request`]: the few generic functions every operation calls.
//!
//! Generated code builds a request in one small non-generic function per operation
//! (`into_request`) and hands it here with its decode function. The `async` state
//! machines live in these functions, once in the runtime, instead of one
//! `async fn` per operation in the generated crate: `cargo check` of a generated
//! client then type-checks and borrow-checks no `async` body at all, and a build
//! instantiates these small wrappers around the non-generic
//! `ClientCore::execute_raw` loop.

use crate::client::ClientCore;
use crate::error::Error;
use crate::request::Request;
use crate::response::Decode;
use crate::response::Response;
use crate::sse::{DecodeData, SseStream};
use crate::{BoxFuture, ByteStream};

// Every function returns a `BoxFuture`, a named type: the generated signatures then
// name no opaque type, so checking a generated client never proves `Send` for a
// runtime future again (auto-trait leakage through `impl Future + Send` cost a
// proof per operation, seconds in large clients). The proof is made once, here,
// generically. One allocation per request buys that.

/// Sends `request` (retrying per the client's policy) and decodes the response.
pub fn send<T: Send + 'static, E: Send + 'static>(
    core: ClientCore,
    request: Request,
    decode: Decode<T, E>,
) -> BoxFuture<Result<Response<T>, Error<E>>> {
    Box::pin(async move { core.execute(request, decode).await })
}

/// [`send`], then the body alone: the `IntoFuture` of every request value.
pub fn send_body<T: Send + 'static, E: Send + 'static>(
    core: ClientCore,
    request: Request,
    decode: Decode<T, E>,
) -> BoxFuture<Result<T, Error<E>>> {
    Box::pin(async move { core.execute(request, decode).await.map(Response::into_body) })
}

/// Sends `request` and returns a 2xx body as a stream (see
/// [`ClientCore::execute_stream`]).
pub fn send_streaming<T: Send + 'static, E: Send + 'static>(
    core: ClientCore,
    request: Request,
    decode: Decode<T, E>,
) -> BoxFuture<Result<Response<ByteStream>, Error<E>>> {
    Box::pin(async move { core.execute_stream(request, decode).await })
}

/// Sends `request` and returns its `text/event-stream` body as typed events (see
/// [`ClientCore::execute_sse`]).
pub fn send_sse<T: Send + 'static, E: Send + 'static>(
    core: ClientCore,
    request: Request,
    data: DecodeData<T>,
    decode: Decode<(), E>,
) -> BoxFuture<Result<Response<SseStream<T>>, Error<E>>> {
    Box::pin(async move { core.execute_sse(request, data, decode).await })
}

/// The body of what [`send_sse`] gives: the `IntoFuture` of event-stream requests.
pub fn into_body<T: Send + 'static, E: Send + 'static>(
    response: BoxFuture<Result<Response<T>, Error<E>>>,
) -> BoxFuture<Result<T, Error<E>>> {
    Box::pin(async move { response.await.map(Response::into_body) })
}
