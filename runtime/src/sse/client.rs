//! `execute_sse`: an operation whose success response is
//! `text/event-stream`, returned as an [`SseStream`] instead of a buffered body.
//!
//! The attempt loop is the one of `execute` (credentials, redirects, retries with the
//! client's budget, the OAuth2 401 replay) applied to the response head: the per-attempt
//! timeout bounds the wait for the head; once a 2xx head arrives the stream is returned
//! and the same duration becomes its idle timeout (no total timeout: a stream may last).
//! A started stream is never retried; it is resumed (a new request with
//! `Last-Event-ID`) only when the request opted in with
//! `RequestOptions::sse_reconnect` (see `reconnect.rs`). A non-2xx response is buffered (capped)
//! and given to the operation's `decode` function, as `execute` does.
//!
//! The content type of a 2xx response is not checked: servers that mislabel an event
//! stream (`text/plain`) still work; a body that is not one yields no events.

use crate::client::ClientCore;
use crate::error::{Error, NoErrors};
use crate::prepare::Prepared;
use crate::request::Request;
use crate::response::Decode;
use crate::response::Response;
use crate::sse::{DecodeData, SseStream};

/// Sends `request` and returns its `text/event-stream` response as a stream of
/// events whose data `data` decodes ([`crate::sse::json_data`] or
/// [`crate::sse::text_data`]). A non-2xx status goes through `decode` (the
/// operation's error decoding).
pub(crate) async fn execute_sse<T: 'static, E: 'static>(
    core: &ClientCore,
    request: Request,
    data: DecodeData<T>,
    decode: Decode<(), E>,
) -> Result<Response<SseStream<T>>, Error<E>> {
    if let Some(mock) = &core.inner.mock {
        let answer = mock.answer::<bytes::Bytes, E>(request.operation, request.call.as_ref());
        return answer.map(|response| {
            response.map(|text| {
                let chunks = futures::stream::iter([Ok::<_, std::convert::Infallible>(text)]);
                SseStream::from_byte_stream(chunks, data)
            })
        });
    }
    let span = crate::execute::request_span(request.operation, true);
    crate::trace::instrument(execute_sse_inner(core, request, data, decode), span).await
}

async fn execute_sse_inner<T: 'static, E>(
    core: &ClientCore,
    request: Request,
    data: DecodeData<T>,
    decode: Decode<(), E>,
) -> Result<Response<SseStream<T>>, Error<E>> {
    let reconnect = request
        .inner
        .options
        .values()
        .and_then(|values| values.sse_reconnect.clone());
    let prepared = crate::prepare::prepare(&core.inner, request).map_err(Error::widen)?;
    let head = match crate::stream_head::connect_head(&core.inner, &prepared).await {
        Ok(head) => head,
        Err(Ok(raw)) => return Err(crate::stream_head::non_success(raw, decode)),
        Err(Err(error)) => return Err(error.widen()),
    };
    let status = head.status();
    let headers = head.headers().clone();
    let mut stream =
        SseStream::from_byte_stream(head.bytes_stream(), data).idle_timeout(prepared.timeout);
    if let Some(policy) = reconnect {
        stream = stream.with_reconnect(policy, sse_reconnector(core, prepared));
    }
    Ok(Response::new(status, headers, stream))
}

/// Sends `prepared` again with `Last-Event-ID` (see `reconnect.rs`), in a new
/// `specforge.request` span.
fn sse_reconnector(core: &ClientCore, prepared: Prepared) -> crate::sse::reconnect::Connect {
    let core = core.clone();
    let prepared = std::sync::Arc::new(prepared);
    std::sync::Arc::new(move |last_event_id: Option<String>| {
        let core = core.clone();
        let mut prepared = (*prepared).clone();
        Box::pin(async move {
            let span = crate::execute::request_span(prepared.operation, true);
            if let Some(id) = last_event_id.filter(|id| !id.is_empty()) {
                // An ID with a byte a header cannot carry is not sent (it cannot be).
                if let Ok(value) = http::HeaderValue::from_str(&id) {
                    let name = http::HeaderName::from_static("last-event-id");
                    prepared.headers.replace(name, value);
                }
            }
            match crate::trace::instrument(
                crate::stream_head::connect_head(&core.inner, &prepared),
                span,
            )
            .await
            {
                Ok(head) if head.status() == http::StatusCode::NO_CONTENT => Ok(None),
                Ok(head) => {
                    use futures::TryStreamExt as _;
                    let body: crate::sse::ByteStream = Box::pin(
                        head.bytes_stream()
                            .map_err(|e| -> crate::sse::BoxError { Box::new(e.without_url()) }),
                    );
                    Ok(Some(body))
                }
                // A declared error status too: the stream has no error type of its own.
                Err(Ok(raw)) => {
                    Err(Box::new(crate::response::unexpected::<NoErrors>(raw))
                        as crate::sse::BoxError)
                }
                Err(Err(error)) => Err(Box::new(error) as crate::sse::BoxError),
            }
        })
    })
}
