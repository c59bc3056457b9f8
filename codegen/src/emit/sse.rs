//! Server-Sent Events: operations whose success response is `text/event-stream`.
//!
//! Such an operation sends with `__private::send_sse` instead of `send`:
//! `send_with_response()` gives `::specforge::Response<::specforge::sse::SseStream<T>>`
//! (status and headers of the stream's head) and `.await` gives the
//! `SseStream<T>` itself, as every other operation gives its body. `T` is the
//! declared event data type (decoded by `::specforge::sse::json_data::<T>`) or
//! `String` (`::specforge::sse::text_data`) when none is declared. The
//! operation's decode function handles the error statuses (its success arm,
//! `response.empty()`, is never reached: a 2xx head becomes the stream).
//!
//! Only an operation whose every 2xx response is the same event stream is
//! streamed; a 2xx event stream next to other 2xx bodies keeps the success enum
//! (its event-stream variant carries nothing): a known gap.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::type_ref::Scope;
use crate::model::{Operation, ResponseBody, StatusMatch, TypeRef};

/// The event data type of a streaming operation: `Some(None)` for text data,
/// `Some(Some(ty))` for JSON data, `None` when the operation does not stream.
pub(crate) fn event_data(op: &Operation) -> Option<Option<&TypeRef>> {
    let mut successes = op.responses.iter().filter(|r| {
        matches!(
            r.status,
            StatusMatch::Code(200..=299) | StatusMatch::Range(2)
        )
    });
    let first = successes.next()?;
    let ResponseBody::EventStream(data) = &first.body else {
        return None;
    };
    successes
        .all(|r| r.body == first.body)
        .then_some(data.as_ref())
}

/// What a streaming operation's `send_with_response` returns and how it calls the runtime.
pub(crate) struct StreamSend {
    /// The body type: `::specforge::sse::SseStream<T>`.
    pub(crate) body: TokenStream,
    /// The `::specforge::sse::json_data::<T>` / `text_data` function.
    pub(crate) data_fn: TokenStream,
}

pub(crate) fn stream_send(ctx: &Ctx, data: Option<&TypeRef>) -> StreamSend {
    let (item, data_fn) = match data {
        Some(ty) => {
            let ty = ctx.type_tokens(ty, Scope::Operations);
            (ty.clone(), quote!(::specforge::sse::json_data::<#ty>))
        }
        None => (
            ctx.std(Scope::Operations, "String"),
            quote!(::specforge::sse::text_data),
        ),
    };
    StreamSend {
        body: quote!(::specforge::sse::SseStream<#item>),
        data_fn,
    }
}
