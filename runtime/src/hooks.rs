//! Hooks: async code the client runs around every attempt of every request, for
//! signing, tracing, metrics or policy checks.
//!
//! - [`BeforeSend`] gets the finished `reqwest::Request` of an attempt (URL with query,
//!   headers with credentials already applied, body) and returns it, changed or not:
//!   add or replace headers, sign over method, URL and body bytes
//!   (`request.body().and_then(|b| b.as_bytes())`; `None` for a multipart body, which
//!   is streamed). It runs on every attempt (retries, the OAuth2 401 replay, every page
//!   of a paginated operation, SSE requests), so a signature with a timestamp is fresh
//!   each time.
//! - [`AfterReceive`] sees the status and headers of each attempt's response (before
//!   its body is read) and may fail the request.
//!
//! Both are traits with a blanket implementation for closures returning a `Send`
//! future, so either form works:
//!
//! ```
//! use specforge::hooks::{HookContext, HookError, ResponseHead};
//!
//! let builder = specforge::ClientBuilder::new(Some("https://api.example.com"), &[])
//!     .before_send(|mut request: specforge::reqwest::Request, context: HookContext| async move {
//!         let signature = format!("{}:{}", context.operation.id, request.method());
//!         request.headers_mut().insert("x-signature", signature.parse()?);
//!         Ok::<_, HookError>(request)
//!     })
//!     .after_receive(|response: ResponseHead, _context: HookContext| async move {
//!         if response.headers.contains_key("x-deprecated") {
//!             return Err::<(), HookError>("the API deprecated this call".into());
//!         }
//!         Ok(())
//!     });
//! # let _ = builder;
//! ```
//!
//! Hooks registered on the client run first, in registration order, then those of
//! [`RequestOptions`](crate::RequestOptions) (`before_send` / `after_receive` there).
//! Each hook is boxed once when registered (`Arc<dyn ..>`); clients and options clone
//! the `Arc`. A hook's error ends the request with [`Error::Hook`](crate::Error::Hook)
//! (never retried); the error is kept as its `source`.
//!
//! Not covered: the extra hop the runtime makes itself when it follows a cross-origin
//! redirect without credentials (see `redirect.rs`), and the OAuth2 token request.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use http::{HeaderMap, StatusCode};

use crate::BoxFuture;
use crate::error::OperationRef;
pub use crate::error::{HookError, HookPhase};

/// What a hook knows about the request it runs for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HookContext {
    /// The operation: id, method and path template.
    pub operation: OperationRef,
    /// The attempt, from 1 (retries and the OAuth2 401 replay count up).
    pub attempt: u32,
}

/// The head of a response, as [`AfterReceive`] hooks see it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ResponseHead {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
}

/// A hook that runs on the request of every attempt just before it is sent.
///
/// Implemented by every `Fn(reqwest::Request, HookContext) -> impl Future<Output =
/// Result<reqwest::Request, HookError>> + Send + 'static` closure. The returned future
/// is `'static`: a hook with state (a signing key) keeps it in an `Arc` and clones that
/// into the future.
pub trait BeforeSend: Send + Sync + 'static {
    /// Returns the request to send (usually `request`, changed).
    fn before_send(
        &self,
        request: reqwest::Request,
        context: HookContext,
    ) -> BoxFuture<Result<reqwest::Request, HookError>>;
}

impl<F, Fut> BeforeSend for F
where
    F: Fn(reqwest::Request, HookContext) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<reqwest::Request, HookError>> + Send + 'static,
{
    fn before_send(
        &self,
        request: reqwest::Request,
        context: HookContext,
    ) -> BoxFuture<Result<reqwest::Request, HookError>> {
        Box::pin(self(request, context))
    }
}

/// A hook that runs on the head of every attempt's response (a 3xx the runtime follows
/// is not seen, its final response is).
///
/// Implemented by every `Fn(ResponseHead, HookContext) -> impl Future<Output =
/// Result<(), HookError>> + Send + 'static` closure.
pub trait AfterReceive: Send + Sync + 'static {
    /// `Ok(())` to go on, an error to fail the request with [`Error::Hook`](crate::Error::Hook).
    fn after_receive(
        &self,
        response: ResponseHead,
        context: HookContext,
    ) -> BoxFuture<Result<(), HookError>>;
}

impl<F, Fut> AfterReceive for F
where
    F: Fn(ResponseHead, HookContext) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), HookError>> + Send + 'static,
{
    fn after_receive(
        &self,
        response: ResponseHead,
        context: HookContext,
    ) -> BoxFuture<Result<(), HookError>> {
        Box::pin(self(response, context))
    }
}

/// The hooks of a client or of one request, in order.
#[derive(Clone, Default)]
pub(crate) struct Hooks {
    pub(crate) before_send: Vec<Arc<dyn BeforeSend>>,
    pub(crate) after_receive: Vec<Arc<dyn AfterReceive>>,
}

impl Hooks {
    /// No hooks.
    pub(crate) const EMPTY: Hooks = Hooks {
        before_send: Vec::new(),
        after_receive: Vec::new(),
    };

    /// Whether there is no hook at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.before_send.is_empty() && self.after_receive.is_empty()
    }
}

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hooks")
            .field("before_send", &self.before_send.len())
            .field("after_receive", &self.after_receive.len())
            .finish()
    }
}

/// Runs the before-send hooks of `sets` in order.
pub(crate) async fn run_before_send(
    sets: [&Hooks; 2],
    mut request: reqwest::Request,
    context: HookContext,
) -> Result<reqwest::Request, HookError> {
    for hook in sets.iter().flat_map(|hooks| &hooks.before_send) {
        request = hook.before_send(request, context).await?;
    }
    Ok(request)
}

/// Whether `sets` hold a before-send hook.
pub(crate) fn any_before_send(sets: [&Hooks; 2]) -> bool {
    sets.iter().any(|hooks| !hooks.before_send.is_empty())
}

/// Whether `sets` hold an after-receive hook.
pub(crate) fn any_after_receive(sets: [&Hooks; 2]) -> bool {
    sets.iter().any(|hooks| !hooks.after_receive.is_empty())
}

/// Runs the after-receive hooks of `sets` in order on `response`'s head.
pub(crate) async fn run_after_receive(
    sets: [&Hooks; 2],
    response: &reqwest::Response,
    context: HookContext,
) -> Result<(), HookError> {
    if !any_after_receive(sets) {
        return Ok(());
    }
    let head = ResponseHead {
        status: response.status(),
        headers: response.headers().clone(),
    };
    for hook in sets.iter().flat_map(|hooks| &hooks.after_receive) {
        hook.after_receive(head.clone(), context).await?;
    }
    Ok(())
}
