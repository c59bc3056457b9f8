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
use crate::error::{Error, InvalidRequest, NoErrors, OperationRef, TimeoutError, TimeoutPhase};
use crate::private::{Decode, Operation, RawResponse, Request};
use crate::request::Body;
use crate::response::Response;
use crate::retry::{self, AttemptOutcome, Decision, RetryContext};

/// A request ready to be sent, the same for every attempt.
#[derive(Debug)]
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
    /// Whether an idempotency key is sent.
    pub(crate) has_idempotency_key: bool,
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
        let operation = request.operation;
        let span = tracing::debug_span!(
            "specforge.request",
            operation = operation.id,
            method = %operation.method,
            path = operation.path,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        async move {
            let prepared = self.prepare(request)?;
            self.attempts(&prepared).await
        }
        .instrument(span)
        .await
    }

    /// Checks and encodes everything that does not change between attempts.
    fn prepare(&self, request: Request) -> Result<Prepared, Error<NoErrors>> {
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
            let accept = HeaderValue::from_str(operation.accept).map_err(|_| {
                invalid(
                    None,
                    "the operation's Accept value is not a valid header".to_owned(),
                )
            })?;
            headers.insert(http::header::ACCEPT, accept);
        }
        if let Body::Bytes { content_type, .. } = &inner.body
            && !content_type.is_empty()
        {
            let value = HeaderValue::from_str(content_type)
                .map_err(|_| invalid(Some("body".to_owned()), "invalid content type".to_owned()))?;
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
            has_idempotency_key,
        })
    }

    /// The attempt loop: one attempt, then the retry decision.
    async fn attempts(&self, prepared: &Prepared) -> Result<RawResponse, Error<NoErrors>> {
        let mut retries_done = 0u32;
        loop {
            tracing::Span::current().record("attempt", retries_done + 1);
            let result = self.attempt(prepared).await;
            let outcome = match &result {
                Ok(raw) => AttemptOutcome::Response {
                    status: raw.status,
                    headers: &raw.headers,
                },
                Err(Error::Transport(e)) => AttemptOutcome::Failed {
                    before_response: e.before_response,
                    timeout: false,
                },
                Err(Error::Timeout(_)) => AttemptOutcome::Failed {
                    before_response: false,
                    timeout: true,
                },
                // Not worth another attempt: the request or the response is at fault.
                Err(_) => return result,
            };
            let context = RetryContext {
                policy: &self.inner.retry_policy,
                method: &prepared.method,
                retries_done,
                max_retries_override: prepared.max_retries,
                has_idempotency_key: prepared.has_idempotency_key,
                body_replayable: true,
            };
            match retry::decide(&context, &outcome) {
                Decision::Stop => return result,
                Decision::RetryAfter(delay) => {
                    tracing::debug!(?delay, "retrying");
                    tokio::time::sleep(delay).await;
                    retries_done += 1;
                }
            }
        }
    }

    /// One attempt, bounded by the per-attempt total timeout.
    async fn attempt(&self, prepared: &Prepared) -> Result<RawResponse, Error<NoErrors>> {
        match tokio::time::timeout(prepared.timeout, self.send_once(prepared)).await {
            Ok(result) => result,
            Err(_elapsed) => Err(Error::Timeout(Box::new(TimeoutError {
                operation: Some(prepared.op_ref),
                phase: TimeoutPhase::Total,
                limit: Some(prepared.timeout),
            }))),
        }
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
