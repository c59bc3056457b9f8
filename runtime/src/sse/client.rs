//! [`ClientCore::execute_sse`]: an operation whose success response is
//! `text/event-stream`, returned as an [`SseStream`] instead of a buffered body.
//!
//! The attempt loop is the one of `execute` (credentials, redirects, retries with the
//! client's budget, the OAuth2 401 replay) applied to the response head: the per-attempt
//! timeout bounds the wait for the head; once a 2xx head arrives the stream is returned
//! and the same duration becomes its idle timeout (no total timeout: a stream may last).
//! A started stream is never retried or resumed. A non-2xx response is buffered (capped)
//! and given to the operation's `decode` function, as `execute` does.
//!
//! The content type of a 2xx response is not checked: servers that mislabel an event
//! stream (`text/plain`) still work; a body that is not one yields no events.

use tracing::Instrument as _;

use crate::client::ClientCore;
use crate::error::{Error, NoErrors, TimeoutError, TimeoutPhase};
use crate::execute::{AttemptState, Next, Prepared};
use crate::private::{Decode, RawResponse, Request};
use crate::response::Response;
use crate::sse::{DecodeData, SseStream};

/// What one attempt gave: a stream to return, or a buffered response / error to judge.
enum Attempt<T> {
    Stream(Response<SseStream<T>>),
    Buffered(Result<RawResponse, Error<NoErrors>>),
}

impl ClientCore {
    /// Sends `request` and returns its `text/event-stream` response as a stream of
    /// events whose data `data` decodes ([`crate::sse::json_data`] or
    /// [`crate::sse::text_data`]). A non-2xx status goes through `decode` (the
    /// operation's error decoding).
    pub async fn execute_sse<T: 'static, E>(
        &self,
        request: Request,
        data: DecodeData<T>,
        decode: Decode<(), E>,
    ) -> Result<Response<SseStream<T>>, Error<E>> {
        let span = crate::execute::request_span(request.operation, true);
        self.execute_sse_inner(request, data, decode)
            .instrument(span)
            .await
    }

    async fn execute_sse_inner<T: 'static, E>(
        &self,
        request: Request,
        data: DecodeData<T>,
        decode: Decode<(), E>,
    ) -> Result<Response<SseStream<T>>, Error<E>> {
        let prepared = self.prepare(request).map_err(Error::widen)?;
        let policy = self.request_policy(&prepared);
        let mut state = AttemptState::default();
        let mut number = 0_u32;
        loop {
            number = number.saturating_add(1);
            prepared.start_attempt(number);
            let mut oauth2_tokens = Vec::new();
            let result = match self.attempt_head(&prepared, &mut oauth2_tokens, data).await {
                Attempt::Stream(stream) => return Ok(stream),
                Attempt::Buffered(result) => result,
            };
            if self
                .after_attempt(&prepared, &policy, &mut state, &oauth2_tokens, &result)
                .await
                == Next::Done
            {
                return match result {
                    Ok(raw) => Err(decode_failure_status(raw, decode)),
                    Err(error) => Err(error.widen()),
                };
            }
        }
    }

    async fn attempt_head<T: 'static>(
        &self,
        prepared: &Prepared,
        oauth2_tokens: &mut Vec<(&'static str, secrecy::SecretString)>,
        data: DecodeData<T>,
    ) -> Attempt<T> {
        let timeout = prepared.timeout;
        let timed_out = || {
            Error::Timeout(Box::new(TimeoutError {
                operation: Some(prepared.op_ref),
                phase: TimeoutPhase::Total,
                limit: Some(timeout),
            }))
        };
        let started = tokio::time::Instant::now();
        let head =
            match tokio::time::timeout(timeout, self.send_head(prepared, oauth2_tokens)).await {
                Ok(Ok(head)) => head,
                Ok(Err(error)) => return Attempt::Buffered(Err(error)),
                Err(_) => return Attempt::Buffered(Err(timed_out())),
            };
        let status = head.status();
        if status.is_success() {
            tracing::Span::current().record("status", status.as_u16());
            if let Some(budget) = &self.inner.retry_budget {
                budget.record_response(status);
            }
            let headers = head.headers().clone();
            let stream =
                SseStream::from_byte_stream(head.bytes_stream(), data).idle_timeout(timeout);
            return Attempt::Stream(Response::new(status, headers, stream));
        }
        // The rest of the attempt's time for the error body.
        let left = timeout.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, self.read_response(prepared, head)).await {
            Ok(result) => Attempt::Buffered(result),
            Err(_) => Attempt::Buffered(Err(timed_out())),
        }
    }
}

/// A non-2xx response through the operation's decode function; a decode that accepts
/// it (it should not) makes it an undeclared status.
fn decode_failure_status<E>(raw: RawResponse, decode: Decode<(), E>) -> Error<E> {
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
