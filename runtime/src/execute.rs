//! `ClientCore::execute`: prepare once, then a loop of attempts.
//!
//! ```text
//! execute<T, E>            generic, tiny: execute_raw + the operation's decode fn
//!  └ execute_raw           non-generic: prepare, tracing span, attempt loop
//!     ├ prepare            parameters errors, path, query, headers, cookies, body
//!     └ loop
//!        ├ attempt         per-attempt total timeout around send_once
//!        │  └ send_once    (send.rs) auth, URL, reqwest request, response, body (read.rs)
//!        └ retry::decide   stop, or retry after a delay
//! ```

use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue, Method};
use tracing::Instrument as _;

use crate::client::ClientCore;
use crate::describe::Operation;
use crate::error::{Error, InvalidRequest, NoErrors, OperationRef, TimeoutError, TimeoutPhase};
use crate::request::Body;
use crate::request::Request;
use crate::response::Response;
use crate::response::{Decode, RawResponse};
use crate::retry::{AttemptContext, Outcome, RetryDecision, RetryPolicy, StopReason};

/// A request ready to be sent, the same for every attempt.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub(crate) operation: &'static Operation,
    pub(crate) op_ref: OperationRef,
    pub(crate) method: Method,
    /// The filled, encoded path (starting with `/`).
    pub(crate) path: String,
    /// Encoded query pieces.
    pub(crate) query: Vec<String>,
    /// Every header but auth and `Cookie`.
    pub(crate) headers: HeaderMap,
    /// Cookie pairs from parameters.
    pub(crate) cookies: Vec<String>,
    pub(crate) body: Body,
    /// Per-attempt total timeout.
    pub(crate) timeout: Duration,
    /// Per-request retry limit.
    pub(crate) max_retries: Option<u32>,
    /// Per-request retry policy.
    pub(crate) retry_policy: Option<RetryPolicy>,
    /// A next-page URL (`Link: rel="next"`) that replaces base URL, path and query.
    pub(crate) next_url: Option<url::Url>,
    /// Whether an idempotency key is sent.
    pub(crate) has_idempotency_key: bool,
    /// The request's own hooks (run after the client's).
    pub(crate) hooks: crate::hooks::Hooks,
    /// The attempt in progress, from 1 (for hooks).
    pub(crate) attempt: AttemptNumber,
}

/// The number of the attempt in progress, set by the attempt loop and read by the hooks
/// (`Prepared` is shared by reference across attempts).
#[derive(Debug, Default)]
pub(crate) struct AttemptNumber(std::sync::atomic::AtomicU32);

impl AttemptNumber {
    pub(crate) fn get(&self) -> u32 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Clone for AttemptNumber {
    fn clone(&self) -> Self {
        Self(std::sync::atomic::AtomicU32::new(self.get()))
    }
}

impl Prepared {
    /// Starts attempt `number` (from 1): recorded on the current span and for the hooks.
    pub(crate) fn start_attempt(&self, number: u32) {
        self.attempt
            .0
            .store(number, std::sync::atomic::Ordering::Relaxed);
        tracing::Span::current().record("attempt", number);
    }
}

/// The `specforge.request` span of one request (a page of a paginated operation is a
/// request): operation id, method, path template, and, recorded as they are known,
/// the attempt, the status of the last response and the duration in milliseconds.
/// Never the filled-in path, the query or a header.
pub(crate) fn request_span(operation: &'static Operation, stream: bool) -> tracing::Span {
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

/// Records the time since `started` as `duration_ms` on the current span.
pub(crate) fn record_duration(started: std::time::Instant) {
    let millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    tracing::Span::current().record("duration_ms", millis);
}

impl ClientCore {
    /// Sends `request` (retrying per the policy) and decodes the response with the
    /// operation's `decode` function.
    pub async fn execute<T, E>(
        &self,
        request: Request,
        decode: Decode<T, E>,
    ) -> Result<Response<T>, Error<E>> {
        match self.execute_raw(request).await {
            Ok(raw) => decode(raw),
            Err(error) => Err(error.widen()),
        }
    }

    /// Sends `request` and returns the buffered response, whatever its status.
    pub(crate) async fn execute_raw(
        &self,
        request: Request,
    ) -> Result<RawResponse, Error<NoErrors>> {
        let span = request_span(request.operation, false);
        async move {
            let started = std::time::Instant::now();
            let result = match self.prepare(request) {
                Ok(prepared) => self.attempts(&prepared).await,
                Err(error) => Err(error),
            };
            record_duration(started);
            result
        }
        .instrument(span)
        .await
    }

    /// [`attempts`](Self::attempts) in its own `specforge.request` span (a page of a
    /// paginated operation).
    pub(crate) async fn traced_attempts(
        &self,
        prepared: &Prepared,
    ) -> Result<RawResponse, Error<NoErrors>> {
        async move {
            let started = std::time::Instant::now();
            let result = self.attempts(prepared).await;
            record_duration(started);
            result
        }
        .instrument(request_span(prepared.operation, false))
        .await
    }

    /// Checks and encodes everything that does not change between attempts.
    pub(crate) fn prepare(&self, request: Request) -> Result<Prepared, Error<NoErrors>> {
        let Request { operation, inner } = request;
        let op_ref = operation_ref(operation);
        let invalid = |parameter: Option<String>, reason: String| {
            Error::InvalidRequest(Box::new(InvalidRequest {
                operation: Some(op_ref),
                parameter,
                reason,
            }))
        };
        if let Some((parameter, reason)) = inner.error {
            return Err(invalid(Some(parameter), reason));
        }
        let path = crate::encoding::path::fill_template(operation.path, &inner.path)
            .map_err(|(parameter, reason)| invalid(Some(parameter), reason))?;

        let client = &self.inner;
        let mut headers = client.default_headers.clone();
        headers.insert(http::header::USER_AGENT, client.user_agent.clone());
        if !operation.accept.is_empty() {
            let accept = static_header_value(operation.accept).ok_or_else(|| {
                invalid(
                    None,
                    "the operation's Accept value is not a valid header".to_owned(),
                )
            })?;
            headers.insert(http::header::ACCEPT, accept);
        }
        if let Body::Bytes { content_type, .. } | Body::Stream { content_type, .. } = &inner.body
            && !content_type.is_empty()
        {
            let value = static_header_value(content_type).ok_or_else(|| {
                invalid(Some("body".to_owned()), "invalid content type".to_owned())
            })?;
            headers.insert(http::header::CONTENT_TYPE, value);
        }
        replace_headers(&mut headers, inner.headers);
        let mut option_headers = Vec::with_capacity(inner.options.headers.len());
        for (name, value) in &inner.options.headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| invalid(Some(name.clone()), "not a valid header name".to_owned()))?;
            let header_value = crate::encoding::header::header_value(value)
                .map_err(|reason| invalid(Some(name.clone()), reason))?;
            option_headers.push((header_name, header_value));
        }
        replace_headers(&mut headers, option_headers);
        let has_idempotency_key = match operation.idempotency_header {
            Some(name) => {
                set_idempotency_key(&mut headers, name, inner.options.idempotency_key.as_deref())
                    .map_err(|reason| invalid(Some(name.to_owned()), reason))?;
                true
            }
            None => false,
        };
        Ok(Prepared {
            operation,
            op_ref,
            method: operation.method.clone(),
            path,
            query: inner.query,
            headers,
            cookies: inner.cookies,
            body: inner.body,
            timeout: inner.options.timeout.unwrap_or(client.timeout),
            max_retries: inner.options.retries,
            retry_policy: inner.options.retry_policy,
            next_url: None,
            has_idempotency_key,
            hooks: inner.options.hooks,
            attempt: AttemptNumber::default(),
        })
    }

    /// The attempt loop: one attempt, then [`after_attempt`](Self::after_attempt).
    pub(crate) async fn attempts(
        &self,
        prepared: &Prepared,
    ) -> Result<RawResponse, Error<NoErrors>> {
        let policy = self.request_policy(prepared);
        let mut state = AttemptState::default();
        let mut number = 0_u32;
        loop {
            number = number.saturating_add(1);
            prepared.start_attempt(number);
            let mut oauth2_tokens = Vec::new();
            let result = self.attempt(prepared, &mut oauth2_tokens).await;
            match self
                .after_attempt(prepared, &policy, &mut state, &oauth2_tokens, &result)
                .await
            {
                Next::Again => {}
                Next::Done => return result,
            }
        }
    }

    /// The decision after one attempt, with its wait done: replay once after a 401
    /// that dropped OAuth2 tokens (not counted as a retry), else retry per the policy
    /// and the client's budget (`retry.rs`), else stop.
    pub(crate) async fn after_attempt(
        &self,
        prepared: &Prepared,
        policy: &RetryPolicy,
        state: &mut AttemptState,
        oauth2_tokens: &[(&'static str, secrecy::SecretString)],
        result: &Result<RawResponse, Error<NoErrors>>,
    ) -> Next {
        let client = &self.inner;
        if let Ok(raw) = result
            && raw.status == http::StatusCode::UNAUTHORIZED
            && !state.replayed_unauthorized
            && prepared.body.is_replayable()
            && crate::auth::invalidate_oauth2(client, oauth2_tokens).await
        {
            tracing::debug!("401 with an OAuth2 token: replaying once with a fresh token");
            state.replayed_unauthorized = true;
            return Next::Again;
        }
        let outcome = match result {
            Ok(raw) => {
                if let Some(budget) = &client.retry_budget {
                    budget.record_response(raw.status);
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
            method: &prepared.method,
            idempotency_key: prepared.has_idempotency_key,
            body_replayable: prepared.body.is_replayable(),
            outcome,
            now: std::time::SystemTime::now(),
        };
        match policy.decide_with_budget(&context, client.retry_budget.as_ref()) {
            RetryDecision::Stop(reason) => {
                if state.retries_done > 0 || reason != StopReason::NotRetryable {
                    tracing::debug!(?reason, "not retrying");
                }
                Next::Done
            }
            RetryDecision::Retry { delay } => {
                tracing::debug!(?delay, "retrying");
                tokio::time::sleep(delay).await;
                state.retries_done += 1;
                Next::Again
            }
        }
    }

    /// The retry policy of one request: its own or the client's, capped by its `retries`.
    pub(crate) fn request_policy(&self, prepared: &Prepared) -> RetryPolicy {
        let mut policy = prepared
            .retry_policy
            .clone()
            .unwrap_or_else(|| self.inner.retry_policy.clone());
        if let Some(retries) = prepared.max_retries {
            policy = policy.max_retries(retries);
        }
        policy
    }

    /// One attempt, bounded by the per-attempt total timeout. The OAuth2 tokens it put
    /// on the request are left in `oauth2_tokens`.
    async fn attempt(
        &self,
        prepared: &Prepared,
        oauth2_tokens: &mut Vec<(&'static str, secrecy::SecretString)>,
    ) -> Result<RawResponse, Error<NoErrors>> {
        match tokio::time::timeout(prepared.timeout, self.send_once(prepared, oauth2_tokens)).await
        {
            Ok(result) => result,
            Err(_elapsed) => Err(Error::Timeout(Box::new(TimeoutError {
                operation: Some(prepared.op_ref),
                phase: TimeoutPhase::Total,
                limit: Some(prepared.timeout),
            }))),
        }
    }
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

/// The [`OperationRef`] of an operation.
pub(crate) fn operation_ref(operation: &'static Operation) -> OperationRef {
    OperationRef {
        id: operation.id,
        method: operation.method.as_str_static(),
        path: operation.path,
    }
}

/// A header value from a `'static` text of the operation's description, without a
/// copy when it is ASCII; `None` when the text is not a valid header value.
fn static_header_value(text: &'static str) -> Option<HeaderValue> {
    // Exactly what `HeaderValue::from_static` accepts (visible ASCII, space and tab), so
    // it cannot panic; other bytes `from_str` accepts are copied.
    if text
        .bytes()
        .all(|byte| byte == b'\t' || (0x20..0x7f).contains(&byte))
    {
        Some(HeaderValue::from_static(text))
    } else {
        HeaderValue::from_str(text).ok()
    }
}

/// Puts `new` headers in `headers`, replacing any earlier value of the same name
/// (several values of one name in `new` are all kept).
fn replace_headers(headers: &mut HeaderMap, new: Vec<(HeaderName, HeaderValue)>) {
    let mut replaced: Vec<HeaderName> = Vec::new();
    for (name, value) in new {
        if replaced.contains(&name) {
            headers.append(name, value);
        } else {
            headers.insert(name.clone(), value);
            replaced.push(name);
        }
    }
}

/// Sets the idempotency header: the caller's key, a key already set as a parameter, or a
/// new UUID v4; the same on every attempt.
fn set_idempotency_key(
    headers: &mut HeaderMap,
    name: &str,
    key: Option<&str>,
) -> Result<(), String> {
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| "not a valid header name".to_owned())?;
    match key {
        Some(key) => {
            headers.insert(name, crate::encoding::header::header_value(key)?);
        }
        None if headers.contains_key(&name) => {}
        None => {
            let generated = uuid::Uuid::new_v4().to_string();
            headers.insert(name, crate::encoding::header::header_value(&generated)?);
        }
    }
    Ok(())
}

/// `Method::as_str` with a `'static` lifetime for the standard methods.
trait MethodStatic {
    fn as_str_static(&self) -> &'static str;
}

impl MethodStatic for Method {
    fn as_str_static(&self) -> &'static str {
        match *self {
            Method::GET => "GET",
            Method::POST => "POST",
            Method::PUT => "PUT",
            Method::DELETE => "DELETE",
            Method::PATCH => "PATCH",
            Method::HEAD => "HEAD",
            Method::OPTIONS => "OPTIONS",
            Method::TRACE => "TRACE",
            Method::CONNECT => "CONNECT",
            _ => "OTHER",
        }
    }
}
