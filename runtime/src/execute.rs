//! `execute`: prepare once (`prepare.rs`), then a loop of attempts.
//!
//! ```text
//! execute<T, E>            generic, tiny: start, then an async block in the span (when
//!  │                       recorded): the attempts, their duration, the decode fn
//!  ├ start                 non-generic, when the future is made: mock?, span, prepare
//!  │  └ prepare            parameters errors, path, query, headers, cookies, body
//!  └ attempts
//!     ├ send_once          (send.rs) auth, URL, reqwest request, response, body (read.rs),
//!     │                    under the per-attempt total timeout (deadline.rs)
//!     └ after_attempt      stop, or retry after a delay (retry.rs)
//! ```

use std::future::Future;

use crate::client::{ClientCore, ClientInner};
use crate::describe::Operation;
use crate::error::{Error, NoErrors, TimeoutError, TimeoutPhase};
use crate::prepare::{Prepared, prepare};
use crate::request::Request;
use crate::response::Response;
use crate::response::{Decode, RawResponse};
use crate::retry::{AttemptContext, Outcome, RetryDecision, RetryPolicy, StopReason};

/// The `specforge.request` span of one request (a page of a paginated operation is a
/// request): operation id, method, path template, and, recorded as they are known,
/// the attempt, the status of the last response and the duration in milliseconds.
/// Never the filled-in path, the query or a header.
///
/// No span at all ([`tracing::Span::none`]) unless a subscriber listens at DEBUG: a
/// disabled `debug_span!` still records its fields and, with tracing's `log` feature on
/// (axum turns it on), offers the span to `log` when made and when dropped, on every
/// call (docs/performance.md).
pub(crate) fn request_span(operation: &'static Operation, stream: bool) -> tracing::Span {
    if !crate::trace::enabled() {
        return tracing::Span::none();
    }
    tracing::debug_span!(
        "specforge.request",
        operation = operation.id,
        method = %operation.method,
        path = operation.path,
        stream,
        attempt = tracing::field::Empty,
        status = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    )
}

/// Sends `request` (retrying per the policy), decodes the response with the
/// operation's `decode` function and hands the result to `finish` (the identity, or
/// [`Response::into_body`] for the body alone); a mocked client answers instead.
///
/// Not an `async fn`: the request is checked and encoded ([`start`]) when the future is
/// made, so the future holds the prepared request once and not also the request it came
/// from (an `async fn` keeps its arguments for its whole life). Every call's future is
/// copied whole into its box and moved as it starts, and every layer around it is
/// polled: its size and its layers are a per-call cost (docs/performance.md), which is
/// why `finish` runs inside it rather than as a `map` layer around it.
pub(crate) fn execute<T: 'static, E: 'static, O>(
    core: ClientCore,
    request: Request,
    decode: Decode<T, E>,
    finish: impl FnOnce(Result<Response<T>, Error<E>>) -> O + 'static,
) -> impl Future<Output = O> + 'static {
    let (start, span) = start(&core, request);
    // One layer polled in the span: the attempts, their duration and the decoding.
    crate::trace::instrument(
        async move {
            // By reference where the arm waits: the future keeps one `Prepared`, not also a
            // copy moved out of `start`.
            let result = match start {
                Start::Ready(ref prepared, started) => {
                    let attempts = attempts(&core.inner, prepared).await;
                    crate::trace::record_duration(started);
                    match attempts {
                        Ok(raw) => decode(raw),
                        Err(error) => Err(error.widen()),
                    }
                }
                Start::Mock(mock, request) => mock.answer(request.operation, request.call.as_ref()),
                Start::Invalid(error) => Err(error.widen()),
            };
            finish(result)
        },
        span,
    )
}

/// A request made ready when its future is made.
#[allow(
    clippy::large_enum_variant,
    reason = "`Ready` is nearly every call's variant; boxing the prepared request would \
              cost each call an allocation to save space only in the rare ones"
)]
enum Start {
    /// A mocked client answers, when the future is polled (as a sent request would be).
    Mock(crate::mock::MockServer, Box<Request>),
    /// The request cannot be sent: its error, returned when the future is polled.
    Invalid(Error<NoErrors>),
    /// Checked and encoded, with the time it started (when traced).
    Ready(Prepared, Option<std::time::Instant>),
}

/// Prepares `request` in its span, returned with it (non-generic: the part of
/// [`execute`] that does not depend on the operation's types). A mocked client's
/// answer has no span.
fn start(core: &ClientCore, request: Request) -> (Start, tracing::Span) {
    if let Some(mock) = &core.inner.mock {
        return (
            Start::Mock(mock.clone(), Box::new(request)),
            tracing::Span::none(),
        );
    }
    let span = request_span(request.operation, false);
    let started = crate::trace::start();
    let start = match crate::trace::in_span(&span, || prepare(&core.inner, request)) {
        Ok(prepared) => Start::Ready(prepared, started),
        Err(error) => {
            crate::trace::in_span(&span, || crate::trace::record_duration(started));
            Start::Invalid(error)
        }
    };
    (start, span)
}

/// [`attempts`] in its own `specforge.request` span (a page of a paginated operation),
/// its duration recorded.
pub(crate) async fn traced_attempts(
    client: &ClientInner,
    prepared: &Prepared,
) -> Result<RawResponse, Error<NoErrors>> {
    let span = request_span(prepared.operation, false);
    let started = crate::trace::start();
    crate::trace::instrument(
        async move {
            let result = attempts(client, prepared).await;
            crate::trace::record_duration(started);
            result
        },
        span,
    )
    .await
}

/// The attempt loop: one attempt, then [`after_attempt`].
pub(crate) async fn attempts(
    client: &ClientInner,
    prepared: &Prepared,
) -> Result<RawResponse, Error<NoErrors>> {
    let mut state = AttemptState::default();
    let mut number = 0_u32;
    loop {
        number = number.saturating_add(1);
        prepared.start_attempt(number);
        let mut oauth2_tokens = Vec::new();
        let deadline = crate::deadline::Deadline::after(prepared.timeout);
        let send = crate::send::send_once(client, prepared, &mut oauth2_tokens);
        let result = match deadline.bound(send).await {
            Some(result) => result,
            None => Err(total_timeout(prepared)),
        };
        if settled_at_once(client, &state, &oauth2_tokens, &result) {
            return result;
        }
        // Boxed: only a failed, retried or replayed attempt waits here, and the
        // decision's code and state stay out of every call's (docs/performance.md).
        match crate::rare::rare(after_attempt(
            client,
            prepared,
            &mut state,
            &oauth2_tokens,
            &result,
        ))
        .await
        {
            Next::Again => {}
            Next::Done => return result,
        }
    }
}

/// Whether the first attempt's response is final without asking [`after_attempt`]: a
/// status never retried, and no OAuth2 token a 401 could replay with (recorded in the
/// client's retry budget, as [`after_attempt`] records every response).
fn settled_at_once(
    client: &ClientInner,
    state: &AttemptState,
    oauth2_tokens: &[(&'static str, secrecy::SecretString)],
    result: &Result<RawResponse, Error<NoErrors>>,
) -> bool {
    let Ok(raw) = result else {
        return false;
    };
    // A 401 with OAuth2 tokens on the request may be replayed with fresh ones.
    let may_replay = raw.status == http::StatusCode::UNAUTHORIZED && !oauth2_tokens.is_empty();
    let settled = final_on_first_try(state, raw.status) && !may_replay;
    if settled && let Some(budget) = &client.retry_budget {
        budget.record_response(raw.status);
    }
    settled
}

/// Whether a response of `status` ends the request without asking the retry policy:
/// no retry made yet, and a status never repeated ([`crate::retry::never_repeated`]).
fn final_on_first_try(state: &AttemptState, status: http::StatusCode) -> bool {
    state.retries_done == 0 && crate::retry::never_repeated(status)
}

/// The decision after one attempt, with its wait done: replay once after a 401
/// that dropped OAuth2 tokens (not counted as a retry), else retry per the policy
/// and the client's budget (`retry.rs`), else stop.
pub(crate) async fn after_attempt(
    client: &ClientInner,
    prepared: &Prepared,
    state: &mut AttemptState,
    oauth2_tokens: &[(&'static str, secrecy::SecretString)],
    result: &Result<RawResponse, Error<NoErrors>>,
) -> Next {
    if let Ok(raw) = result
        && raw.status == http::StatusCode::UNAUTHORIZED
        && !state.replayed_unauthorized
        && prepared.body.is_replayable()
        && !oauth2_tokens.is_empty()
    {
        // Boxed, as the retry wait below: rare waits stay out of every call's future.
        Box::pin(crate::auth::invalidate_oauth2(client, oauth2_tokens)).await;
        tracing::debug!("401 with an OAuth2 token: replaying once with a fresh token");
        state.replayed_unauthorized = true;
        return Next::Again;
    }
    let outcome = match result {
        Ok(raw) => {
            if let Some(budget) = &client.retry_budget {
                budget.record_response(raw.status);
            }
            // The common case, decided without reading the clock for the policy.
            if final_on_first_try(state, raw.status) {
                return Next::Done;
            }
            Outcome::Response {
                status: raw.status,
                headers: &raw.headers,
            }
        }
        Err(error) => match error_outcome(error) {
            Some(outcome) => outcome,
            // Not worth another attempt: the request or the response is at fault.
            None => return Next::Done,
        },
    };
    let context = AttemptContext {
        retries_done: state.retries_done,
        method: prepared.method(),
        idempotency_key: prepared.has_idempotency_key,
        body_replayable: prepared.body.is_replayable(),
        outcome,
        now: std::time::SystemTime::now(),
    };
    // Asked for here, not held by the attempt loop: most calls never get this far.
    let policy = request_policy(client, prepared);
    match policy.decide_with_budget(&context, client.retry_budget.as_ref()) {
        RetryDecision::Stop(reason) => {
            if state.retries_done > 0 || reason != StopReason::NotRetryable {
                tracing::debug!(?reason, "not retrying");
            }
            Next::Done
        }
        RetryDecision::Retry { delay } => {
            tracing::debug!(?delay, "retrying");
            Box::pin(tokio::time::sleep(delay)).await;
            state.retries_done += 1;
            Next::Again
        }
    }
}

/// The retry policy of one request: its own or the client's, capped by its `retries`;
/// borrowed, not cloned, when the request sets neither (nearly every request).
pub(crate) fn request_policy<'a>(
    client: &'a ClientInner,
    prepared: &'a Prepared,
) -> std::borrow::Cow<'a, RetryPolicy> {
    let (max_retries, own) = prepared.retry_overrides();
    let policy = own.unwrap_or(&client.retry_policy);
    match max_retries {
        Some(retries) => std::borrow::Cow::Owned(policy.clone().max_retries(retries)),
        None => std::borrow::Cow::Borrowed(policy),
    }
}

/// The per-attempt total timeout of `prepared` ran out.
#[cold]
#[inline(never)]
pub(crate) fn total_timeout(prepared: &Prepared) -> Error<NoErrors> {
    Error::Timeout(Box::new(TimeoutError {
        operation: Some(prepared.op_ref()),
        phase: TimeoutPhase::Total,
        limit: Some(prepared.timeout),
    }))
}

/// Where the attempt loop stands.
#[derive(Debug, Default)]
pub(crate) struct AttemptState {
    /// Retries made so far.
    pub(crate) retries_done: u32,
    /// Whether the one OAuth2 401 replay was used.
    pub(crate) replayed_unauthorized: bool,
}

/// What the attempt loop does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// Another attempt (the wait is done).
    Again,
    /// Return this attempt's result.
    Done,
}

/// What a failed attempt means for the retry decision; `None` when no retry can help
/// (an invalid request, a redirect loop, a body over the cap, a decode error).
pub(crate) fn error_outcome(error: &Error<NoErrors>) -> Option<Outcome<'static>> {
    match error {
        // An OAuth2 token endpoint was unavailable: the API request never left.
        Error::Transport(error) if error.source.is::<crate::oauth2::TokenError>() => {
            Some(Outcome::Connect)
        }
        Error::Transport(error) => {
            let cause = error.source.downcast_ref::<reqwest::Error>();
            if cause.is_some_and(|e| e.is_redirect() || e.is_builder()) {
                None
            } else if cause.is_some_and(reqwest::Error::is_connect) {
                Some(Outcome::Connect)
            } else {
                Some(Outcome::Transport)
            }
        }
        Error::Timeout(timeout) if timeout.phase == TimeoutPhase::Connect => Some(Outcome::Connect),
        Error::Timeout(_) => Some(Outcome::Timeout),
        // Also a hook's refusal: its own decision, not a transient failure.
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::mem::size_of_val;

    use crate::describe::Operation;
    use crate::request::Request;

    static OPERATION: Operation = Operation {
        id: "getItem",
        method: http::Method::GET,
        path: "/items",
        accept: "application/json",
        security: &[],
        idempotency_header: None,
    };

    /// Without a subscriber at DEBUG no span is made (this test binary installs none):
    /// a disabled span would still be offered to `log` when made and when dropped.
    #[test]
    fn no_span_is_made_when_nobody_listens() {
        assert!(super::request_span(&OPERATION, false).is_none());
    }

    /// A call's future is boxed, copied whole into its box and moved as it starts, so
    /// its size is paid on every call: rare waits (OAuth2 tokens, hooks, redirects,
    /// retry sleeps) are boxed where they happen instead of making every future larger.
    ///
    /// The call's bound is a hard one, set by glibc's malloc, which boxes it on every
    /// call: a request of at most 1,032 bytes is served from the thread's cache
    /// (tcache, seven blocks per size), and past that cache (many calls in flight) one
    /// of at most 1,000 bytes comes from the small bins, where a larger one is a
    /// large-bin request that first consolidates the fast bins. At 1,808 bytes every
    /// call took that slow path, a tenth of the client's time with 64 calls in flight
    /// (docs/performance.md). Measured when set (rustc 1.95, reqwest 0.13): 864, 528
    /// and 328 bytes; the other two bounds are twice those. An `.await` of something
    /// large on the common path, or an `async fn` that stores its arguments twice,
    /// breaks them.
    #[tokio::test]
    async fn a_calls_future_stays_small() {
        // Test code: a fixed base URL and a request without parameters; an `expect`
        // failing here is a failing test, never input.
        let client = crate::builder::ClientBuilder::new(Some("http://127.0.0.1:9"), &[])
            .build()
            .expect("a loopback base URL is valid");
        let decode: crate::response::Decode<(), crate::error::NoErrors> =
            |raw| Ok(crate::response::Response::new(raw.status, raw.headers, ()));
        let request = || Request::new(&OPERATION, crate::RequestOptions::default());
        let call = super::execute(client.clone(), request(), decode, |result| result);
        assert!(
            size_of_val(&call) <= 1000,
            "call future: {} bytes",
            size_of_val(&call)
        );
        let prepared = crate::prepare::prepare(&client.inner, request())
            .expect("a request without parameters prepares");
        let attempts = super::attempts(&client.inner, &prepared);
        let size = size_of_val(&attempts);
        assert!(size <= 1056, "attempt loop future: {size} bytes");
        drop(attempts);
        let mut tokens = Vec::new();
        let head = crate::send::send_head(&client.inner, &prepared, &mut tokens);
        assert!(
            size_of_val(&head) <= 656,
            "send_head future: {} bytes",
            size_of_val(&head)
        );
    }
}
