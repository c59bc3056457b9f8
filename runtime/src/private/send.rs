//! Sending a filled [`Request`]: the few generic functions every operation calls.
//!
//! Generated code builds a request in one small non-generic function per operation
//! (`into_request`, which gives the client's [`ClientCore`] with the request) and hands
//! that pair here with its decode function. The `async` state machines live in these
//! functions, once in the runtime, instead of one `async fn` per operation in the
//! generated crate: `cargo check` of a generated client then type-checks and
//! borrow-checks no `async` body at all, and a build instantiates these small wrappers
//! around the non-generic attempt loop (`execute.rs`).
//!
//! `execute`, `execute_stream` and `execute_sse` are the same sends for code that holds
//! a `&ClientCore` (tests, hand-written requests).

use futures::stream::BoxStream;

use crate::client::ClientCore;
use crate::error::Error;
use crate::request::Request;
use crate::response::Decode;
use crate::response::Response;
use crate::sse::{DecodeData, SseStream};
use crate::{BoxFuture, ByteStream};

// Every `send*` function returns a `BoxFuture`, a named type: the generated signatures
// then name no opaque type, so checking a generated client never proves `Send` for a
// runtime future again (auto-trait leakage through `impl Future + Send` cost a
// proof per operation, seconds in large clients). The proof is made once, here,
// generically. One allocation per request buys that.

/// Sends `request` (retrying per the client's policy) and decodes the response with the
/// operation's `decode` function.
pub async fn execute<T: 'static, E: 'static>(
    core: &ClientCore,
    request: Request,
    decode: Decode<T, E>,
) -> Result<Response<T>, Error<E>> {
    crate::execute::execute(core.clone(), request, decode, std::convert::identity).await
}

/// Sends `request` and returns a 2xx response's body as a [`ByteStream`] (idle timeout =
/// the request's timeout, no size cap). A non-2xx status goes through `decode` (the
/// operation's decode function, for its typed errors).
pub async fn execute_stream<T: 'static, E: 'static>(
    core: &ClientCore,
    request: Request,
    decode: Decode<T, E>,
) -> Result<Response<ByteStream>, Error<E>> {
    crate::stream_head::execute_stream(&core.inner, request, decode).await
}

/// Sends `request` and returns its `text/event-stream` response as a stream of events
/// whose data `data` decodes ([`crate::sse::json_data`] or [`crate::sse::text_data`]). A
/// non-2xx status goes through `decode` (the operation's error decoding).
pub async fn execute_sse<T: 'static, E: 'static>(
    core: &ClientCore,
    request: Request,
    data: DecodeData<T>,
    decode: Decode<(), E>,
) -> Result<Response<SseStream<T>>, Error<E>> {
    crate::sse::client::execute_sse(core, request, data, decode).await
}

/// [`execute`] as a `BoxFuture`: `send_with_response()` of every request value.
pub fn send<T: Send + 'static, E: Send + 'static>(
    (core, request): (ClientCore, Request),
    decode: Decode<T, E>,
) -> BoxFuture<Result<Response<T>, Error<E>>> {
    boxed_in_place(|| crate::execute::execute(core, request, decode, std::convert::identity))
}

/// [`send`], then the body alone: the `IntoFuture` of every request value.
pub fn send_body<T: Send + 'static, E: Send + 'static>(
    (core, request): (ClientCore, Request),
    decode: Decode<T, E>,
) -> BoxFuture<Result<T, Error<E>>> {
    boxed_in_place(|| {
        crate::execute::execute(core, request, decode, |response| {
            response.map(Response::into_body)
        })
    })
}

/// The future `make` gives, boxed: the box is allocated first, so that the future can
/// be built in it rather than built, then copied whole into it.
fn boxed_in_place<F: std::future::Future + Send + 'static>(
    make: impl FnOnce() -> F,
) -> BoxFuture<F::Output> {
    let boxed: Box<F> = Box::write(Box::new_uninit(), make());
    Box::into_pin(boxed)
}

/// [`execute_stream`] as a `BoxFuture`.
pub fn send_streaming<T: Send + 'static, E: Send + 'static>(
    (core, request): (ClientCore, Request),
    decode: Decode<T, E>,
) -> BoxFuture<Result<Response<ByteStream>, Error<E>>> {
    Box::pin(async move { crate::stream_head::execute_stream(&core.inner, request, decode).await })
}

/// [`execute_sse`] as a `BoxFuture`.
pub fn send_sse<T: Send + 'static, E: Send + 'static>(
    (core, request): (ClientCore, Request),
    data: DecodeData<T>,
    decode: Decode<(), E>,
) -> BoxFuture<Result<Response<SseStream<T>>, Error<E>>> {
    Box::pin(async move { crate::sse::client::execute_sse(&core, request, data, decode).await })
}

/// The body of what [`send_sse`] gives: the `IntoFuture` of event-stream requests.
pub fn into_body<T: Send + 'static, E: Send + 'static>(
    response: BoxFuture<Result<Response<T>, Error<E>>>,
) -> BoxFuture<Result<T, Error<E>>> {
    Box::pin(async move { response.await.map(Response::into_body) })
}

/// The pages of a `Link`-paginated operation (`Link: rel="next"` response headers), each
/// decoded by `decode` into its items (see [`crate::pagination`]).
pub fn link_pages<T: Send + 'static, E: Send + 'static>(
    (core, request): (ClientCore, Request),
    decode: Decode<Vec<T>, E>,
) -> BoxStream<'static, Result<Vec<T>, Error<E>>> {
    crate::pagination::client::link_pages(core, request, decode)
}

/// The pages of an operation whose body names the next page's URL: `decode` gives the
/// body `B`, `next` the URL in it (`None`, or an empty string, on the last page), `items`
/// the page's items.
pub fn next_url_pages<B: Send + 'static, T: Send + 'static, E: Send + 'static>(
    (core, request): (ClientCore, Request),
    decode: Decode<B, E>,
    next: fn(&B) -> Option<&str>,
    items: fn(B) -> Vec<T>,
) -> BoxStream<'static, Result<Vec<T>, Error<E>>> {
    crate::pagination::client::next_url_pages(core, request, decode, next, items)
}
