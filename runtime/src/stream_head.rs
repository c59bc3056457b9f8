//! The attempt loop of a streamed response up to its head, shared by event streams
//! (`sse/client.rs`) and binary downloads (`byte_stream.rs`).
//!
//! It is the loop of `execute` (credentials, hooks, redirects, retries with the client's
//! budget, the OAuth2 401 replay) applied to the response head: the per-attempt timeout
//! bounds the wait for the head; a 2xx head is returned as is, for the caller to stream;
//! any other response is buffered (capped, in what is left of the attempt's time) and
//! judged for a retry like a buffered response.

use crate::client::ClientInner;

use crate::byte_stream::ByteStream;
use crate::deadline::Deadline;
use crate::error::{Error, NoErrors};
use crate::execute::{AttemptState, Next};
use crate::prepare::Prepared;
use crate::request::Request;
use crate::response::Response;
use crate::response::{Decode, RawResponse};

/// What one attempt gave: a 2xx head to stream, or a buffered response / error to judge.
enum Attempt {
    Head(reqwest::Response),
    Buffered(Result<RawResponse, Error<NoErrors>>),
}

/// The attempt loop up to a 2xx response head, or the final buffered response or
/// error.
pub(crate) async fn connect_head(
    client: &ClientInner,
    prepared: &Prepared,
) -> Result<reqwest::Response, Result<RawResponse, Error<NoErrors>>> {
    let mut state = AttemptState::default();
    let mut number = 0_u32;
    loop {
        number = number.saturating_add(1);
        prepared.start_attempt(number);
        let mut oauth2_tokens = Vec::new();
        let result = match attempt_head(client, prepared, &mut oauth2_tokens).await {
            Attempt::Head(head) => return Ok(head),
            Attempt::Buffered(result) => result,
        };
        if crate::execute::after_attempt(client, prepared, &mut state, &oauth2_tokens, &result)
            .await
            == Next::Done
        {
            return Err(result);
        }
    }
}

async fn attempt_head(
    client: &ClientInner,
    prepared: &Prepared,
    oauth2_tokens: &mut Vec<(&'static str, secrecy::SecretString)>,
) -> Attempt {
    // The per-attempt timeout of buffered calls (`deadline.rs`, a kept timer).
    let timeout = prepared.timeout;
    let timed_out = || crate::execute::total_timeout(prepared);
    let started = tokio::time::Instant::now();
    let send = crate::send::send_head(client, prepared, oauth2_tokens);
    let head = match Deadline::after(timeout).bound(send).await {
        Some(Ok(head)) => head,
        Some(Err(error)) => return Attempt::Buffered(Err(error)),
        None => return Attempt::Buffered(Err(timed_out())),
    };
    let status = head.status();
    if status.is_success() {
        crate::trace::record("status", status.as_u16());
        if let Some(budget) = &client.retry_budget {
            budget.record_response(status);
        }
        return Attempt::Head(head);
    }
    // The rest of the attempt's time for the error body.
    let left = timeout.saturating_sub(started.elapsed());
    let read = crate::send::read_response(client, prepared, head);
    match Deadline::after(left).bound(read).await {
        Some(result) => Attempt::Buffered(result),
        None => Attempt::Buffered(Err(timed_out())),
    }
}

/// A non-2xx response through the operation's decode function; a decode that accepts
/// it (a declared non-2xx success, e.g. `default`) makes it an undeclared status.
pub(crate) fn non_success<T, E>(raw: RawResponse, decode: Decode<T, E>) -> Error<E> {
    let copy = RawResponse {
        status: raw.status,
        headers: raw.headers.clone(),
        body: raw.body.clone(),
        operation: raw.operation,
    };
    match decode(raw) {
        Err(error) => error,
        Ok(_) => crate::response::unexpected(copy),
    }
}

/// Sends `request` and returns a 2xx response's body as a [`ByteStream`] (idle
/// timeout = the request's timeout, no size cap). A non-2xx status goes through
/// `decode` (the operation's decode function, for its typed errors).
pub(crate) async fn execute_stream<T: 'static, E: 'static>(
    client: &ClientInner,
    request: Request,
    decode: Decode<T, E>,
) -> Result<Response<ByteStream>, Error<E>> {
    if let Some(mock) = &client.mock {
        let answer = mock.answer::<bytes::Bytes, E>(request.operation, request.call.as_ref());
        return answer.map(|response| response.map(mocked_body));
    }
    let span = crate::execute::request_span(request.operation, true);
    crate::trace::instrument(execute_stream_inner(client, request, decode), span).await
}

async fn execute_stream_inner<T, E>(
    client: &ClientInner,
    request: Request,
    decode: Decode<T, E>,
) -> Result<Response<ByteStream>, Error<E>> {
    let prepared = crate::prepare::prepare(client, request).map_err(Error::widen)?;
    match connect_head(client, &prepared).await {
        Ok(head) => {
            let status = head.status();
            let headers = head.headers().clone();
            let stream = ByteStream::from_response(head).idle_timeout(prepared.timeout);
            Ok(Response::new(status, headers, stream))
        }
        Err(Ok(raw)) => Err(non_success(raw, decode)),
        Err(Err(error)) => Err(error.widen()),
    }
}

/// A mocked download's body as the [`ByteStream`] a real one gives.
fn mocked_body(body: bytes::Bytes) -> ByteStream {
    ByteStream::from_response(reqwest::Response::from(http::Response::new(body)))
}
