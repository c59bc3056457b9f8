//! The error type of every generated operation: [`Error<E>`].
//!
//! One enum says what went wrong, from the caller's point of view:
//!
//! | variant | meaning |
//! |---|---|
//! | [`Error::InvalidRequest`] | the request could not be built (names the parameter); nothing was sent |
//! | [`Error::Transport`] | the request was not sent, or the connection failed |
//! | [`Error::Timeout`] | the connect or the per-attempt total timeout elapsed |
//! | [`Error::ResponseTooLarge`] | the response body exceeded `max_response_bytes` |
//! | [`Error::Decode`] | the response could not be decoded (status, headers and raw body kept) |
//! | [`Error::Api`] | the API answered with a status the operation declares as an error (`E`) |
//! | [`Error::UnexpectedStatus`] | the API answered with a status the operation does not declare |
//! | [`Error::Hook`] | a before-send or after-receive hook ([`crate::hooks`]) failed the request |
//!
//! Payloads are boxed so `size_of::<Error<E>>()` stays two words whatever `E` is.
//! Messages never carry a secret, a parameter value or a query string: they name the
//! operation by its method and path *template*. `Display` is one line ending with the
//! innermost cause (error/display.rs); transport causes are reqwest's errors with the
//! URL removed.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

/// What an operation returns when it does not succeed. `E` is the operation's enum of
/// declared error responses ([`NoErrors`] when it declares none).
#[non_exhaustive]
pub enum Error<E> {
    /// The request could not be built: a parameter value the spec forbids, a body that
    /// cannot be serialized, a missing or refused credential, a bad URL. Nothing was sent.
    InvalidRequest(Box<InvalidRequest>),
    /// The request was not sent or the connection failed (DNS, refused, reset, TLS,
    /// connection dropped mid-body).
    Transport(Box<TransportError>),
    /// A timeout elapsed (connect or per-attempt total).
    Timeout(Box<TimeoutError>),
    /// The response body was larger than the configured cap (counted after decompression).
    ResponseTooLarge(Box<TooLargeError>),
    /// The response arrived but its body could not be decoded; the raw body is kept.
    Decode(Box<DecodeFailure>),
    /// The API answered with an error status the operation declares; `body` is the
    /// decoded error.
    Api(Box<ApiError<E>>),
    /// The API answered with a status the operation does not declare.
    UnexpectedStatus(Box<UnexpectedResponse>),
    /// A hook ([`crate::hooks`]) failed the request; its error is the `source`. Never
    /// retried.
    Hook(Box<HookFailure>),
}

/// Which operation a failure belongs to: its id, method and path template (never the
/// filled-in path or the query, which may carry secrets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationRef {
    /// The operationId.
    pub id: &'static str,
    /// HTTP method, as text.
    pub method: &'static str,
    /// Path template, e.g. `/pets/{petId}`.
    pub path: &'static str,
}

impl OperationRef {
    /// The reference of `operation` (its method's name `OTHER` when it is not standard).
    pub(crate) fn of(operation: &'static crate::describe::Operation) -> Self {
        Self {
            id: operation.id,
            method: static_method_name(&operation.method),
            path: operation.path,
        }
    }
}

/// `Method::as_str` with a `'static` lifetime for the standard methods.
fn static_method_name(method: &http::Method) -> &'static str {
    use http::Method;
    match *method {
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

impl fmt::Display for OperationRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.method, self.path, self.id)
    }
}

/// Payload of [`Error::InvalidRequest`].
#[derive(Debug)]
pub struct InvalidRequest {
    /// The operation, when known.
    pub operation: Option<OperationRef>,
    /// The parameter (or `body`, or the security scheme) at fault, when there is one.
    pub parameter: Option<String>,
    /// What is wrong, without the offending value.
    pub reason: String,
}

/// The error a hook fails with: any error type (`?` converts it), or a message
/// (`"text".into()`).
pub type HookError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Where a hook failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HookPhase {
    /// A [`BeforeSend`](crate::hooks::BeforeSend) hook: nothing was sent in that attempt.
    BeforeSend,
    /// An [`AfterReceive`](crate::hooks::AfterReceive) hook: the response head had arrived.
    AfterReceive,
}

/// Payload of [`Error::Hook`].
#[derive(Debug)]
pub struct HookFailure {
    /// The operation.
    pub operation: Option<OperationRef>,
    /// Which kind of hook failed.
    pub phase: HookPhase,
    /// The response status, when an after-receive hook failed.
    pub status: Option<StatusCode>,
    /// The hook's error.
    pub source: HookError,
}

/// Payload of [`Error::Transport`].
#[derive(Debug)]
pub struct TransportError {
    /// The operation.
    pub operation: Option<OperationRef>,
    /// Whether the failure happened before a response started (nothing was received).
    pub before_response: bool,
    /// The underlying error (reqwest's, with its URL removed).
    pub source: Box<dyn std::error::Error + Send + Sync + 'static>,
}

/// The phase a [`TimeoutError`] happened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutPhase {
    /// Establishing the connection (`connect_timeout`).
    Connect,
    /// The whole attempt: sending, waiting, reading the body (`timeout`).
    Total,
}

/// Payload of [`Error::Timeout`].
#[derive(Debug)]
pub struct TimeoutError {
    /// The operation.
    pub operation: Option<OperationRef>,
    /// Which limit elapsed.
    pub phase: TimeoutPhase,
    /// The limit that elapsed, when known.
    pub limit: Option<Duration>,
}

/// Payload of [`Error::ResponseTooLarge`].
#[derive(Debug)]
pub struct TooLargeError {
    /// The operation.
    pub operation: Option<OperationRef>,
    /// Status of the response.
    pub status: StatusCode,
    /// Headers of the response.
    pub headers: HeaderMap,
    /// The cap in bytes.
    pub limit: usize,
}

/// Payload of [`Error::Decode`].
#[derive(Debug)]
pub struct DecodeFailure {
    /// The operation.
    pub operation: Option<OperationRef>,
    /// Status of the response.
    pub status: StatusCode,
    /// Headers of the response.
    pub headers: HeaderMap,
    /// The raw body, as received (after decompression).
    pub body: Bytes,
    /// Why decoding failed.
    pub source: DecodeError,
}

/// Payload of [`Error::Api`].
#[derive(Debug)]
pub struct ApiError<E> {
    /// The operation.
    pub operation: Option<OperationRef>,
    /// Status of the response.
    pub status: StatusCode,
    /// Headers of the response.
    pub headers: HeaderMap,
    /// The decoded, declared error.
    pub body: E,
}

/// Payload of [`Error::UnexpectedStatus`].
#[derive(Debug)]
pub struct UnexpectedResponse {
    /// The operation.
    pub operation: Option<OperationRef>,
    /// Status of the response.
    pub status: StatusCode,
    /// Headers of the response.
    pub headers: HeaderMap,
    /// The raw body.
    pub body: Bytes,
}

/// Why a response body could not be decoded.
#[derive(Debug)]
pub struct DecodeError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl DecodeError {
    /// A decode error with a message and no underlying cause.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    /// A decode error caused by another error.
    pub fn with_source(
        message: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    /// The response's media type is not one the operation declares for its status.
    pub fn unexpected_media_type(media_type: Option<&str>) -> Self {
        match media_type {
            Some(media_type) => Self::new(format!("undeclared response media type `{media_type}`")),
            None => Self::new("response has no Content-Type and the operation declares one"),
        }
    }
}

impl From<serde_json::Error> for DecodeError {
    fn from(error: serde_json::Error) -> Self {
        Self::with_source("invalid JSON body", error)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(source) = &self.source {
            write!(f, ": {source}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// The error type of operations that declare no error response. It has no values, so
/// `Error<NoErrors>` can never be [`Error::Api`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoErrors {}

impl fmt::Display for NoErrors {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

impl std::error::Error for NoErrors {}

/// Statuses worth retrying: 408, 409, 429 and every 5xx.
pub(crate) fn status_is_retryable(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

impl<E> Error<E> {
    /// The response status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::ResponseTooLarge(e) => Some(e.status),
            Self::Decode(e) => Some(e.status),
            Self::Api(e) => Some(e.status),
            Self::UnexpectedStatus(e) => Some(e.status),
            Self::Hook(e) => e.status,
            Self::InvalidRequest(_) | Self::Transport(_) | Self::Timeout(_) => None,
        }
    }

    /// The response headers, when a response arrived.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Self::ResponseTooLarge(e) => Some(&e.headers),
            Self::Decode(e) => Some(&e.headers),
            Self::Api(e) => Some(&e.headers),
            Self::UnexpectedStatus(e) => Some(&e.headers),
            Self::InvalidRequest(_) | Self::Transport(_) | Self::Timeout(_) | Self::Hook(_) => None,
        }
    }

    /// The raw response body, when one was kept ([`Error::Decode`], [`Error::UnexpectedStatus`]).
    pub fn raw_body(&self) -> Option<&Bytes> {
        match self {
            Self::Decode(e) => Some(&e.body),
            Self::UnexpectedStatus(e) => Some(&e.body),
            _ => None,
        }
    }

    /// The declared API error, when the API answered with one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Self::Api(e) => Some(&e.body),
            _ => None,
        }
    }

    /// The declared API error by value, or the error itself when it is another kind.
    pub fn into_api_error(self) -> Result<E, Self> {
        match self {
            Self::Api(e) => Ok(e.body),
            other => Err(other),
        }
    }

    /// Whether trying again may succeed: connection failures, timeouts, and the
    /// statuses 408, 409, 429 and 5xx. (Whether the runtime itself retries also depends on
    /// the method and the retry policy.)
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport(_) | Self::Timeout(_) => true,
            Self::Api(e) => status_is_retryable(e.status),
            Self::UnexpectedStatus(e) => status_is_retryable(e.status),
            Self::InvalidRequest(_)
            | Self::ResponseTooLarge(_)
            | Self::Decode(_)
            | Self::Hook(_) => false,
        }
    }

    /// Whether a timeout elapsed.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout(_))
    }

    /// The operation this error belongs to, when known.
    pub fn operation(&self) -> Option<OperationRef> {
        match self {
            Self::InvalidRequest(e) => e.operation,
            Self::Transport(e) => e.operation,
            Self::Timeout(e) => e.operation,
            Self::ResponseTooLarge(e) => e.operation,
            Self::Decode(e) => e.operation,
            Self::Api(e) => e.operation,
            Self::UnexpectedStatus(e) => e.operation,
            Self::Hook(e) => e.operation,
        }
    }

    /// Maps the declared error type (e.g. to unify errors of several operations).
    pub fn map_api<F>(self, map: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Self::InvalidRequest(e) => Error::InvalidRequest(e),
            Self::Transport(e) => Error::Transport(e),
            Self::Timeout(e) => Error::Timeout(e),
            Self::ResponseTooLarge(e) => Error::ResponseTooLarge(e),
            Self::Decode(e) => Error::Decode(e),
            Self::UnexpectedStatus(e) => Error::UnexpectedStatus(e),
            Self::Hook(e) => Error::Hook(e),
            Self::Api(e) => {
                let ApiError {
                    operation,
                    status,
                    headers,
                    body,
                } = *e;
                Error::Api(Box::new(ApiError {
                    operation,
                    status,
                    headers,
                    body: map(body),
                }))
            }
        }
    }

    /// An [`Error::InvalidRequest`] naming `parameter`.
    #[cfg(test)]
    pub(crate) fn invalid(parameter: Option<String>, reason: impl Into<String>) -> Self {
        Self::InvalidRequest(Box::new(InvalidRequest {
            operation: None,
            parameter,
            reason: reason.into(),
        }))
    }
}

impl Error<NoErrors> {
    /// Converts an error without declared API errors into any `Error<E>`.
    pub fn widen<E>(self) -> Error<E> {
        self.map_api(|never| match never {})
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidRequest(e) => f.debug_tuple("InvalidRequest").field(e).finish(),
            Self::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            Self::Timeout(e) => f.debug_tuple("Timeout").field(e).finish(),
            Self::ResponseTooLarge(e) => f.debug_tuple("ResponseTooLarge").field(e).finish(),
            Self::Decode(e) => f.debug_tuple("Decode").field(e).finish(),
            Self::Api(e) => f.debug_tuple("Api").field(e).finish(),
            Self::UnexpectedStatus(e) => f.debug_tuple("UnexpectedStatus").field(e).finish(),
            Self::Hook(e) => f.debug_tuple("Hook").field(e).finish(),
        }
    }
}

impl<E> Error<E> {
    /// The underlying error, whatever `E` is (`source()` needs `E: Debug`).
    fn cause(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Transport(e) => Some(&*e.source),
            Self::Decode(e) => Some(&e.source),
            Self::Hook(e) => Some(&*e.source),
            _ => None,
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause()
    }
}

mod display;
#[cfg(test)]
mod tests;
