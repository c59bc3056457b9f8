//! What a generated operation fills in before it is sent: [`Request`] and its
//! [`RequestParts`]. Parameters are encoded as they are added (the generic part of
//! `Request::param` is only the serde call); the first problem is kept, with the
//! parameter's name, and reported by `execute` before anything is sent.

use bytes::Bytes;
use http::{HeaderName, HeaderValue};

use crate::describe::{FieldEncoding, Operation, Param};
use crate::encoding::value::ParamValue;
use crate::encoding::{Encoded, encode_param, form};
use crate::multipart::Multipart;
use crate::options::RequestOptions;

/// The parts of a request, collected before sending.
#[derive(Debug)]
pub(crate) struct RequestParts {
    pub(crate) options: RequestOptions,
    /// Path parameter expansions, by name.
    pub(crate) path: Vec<(&'static str, String)>,
    /// The encoded query (`a=1&a=2&b=x`): the parameters' pieces in order, joined by
    /// `&` as they are added (the first piece is taken as it is, without a copy).
    pub(crate) query: String,
    /// Header parameters.
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// Cookie pairs (`name=value`).
    pub(crate) cookies: Vec<String>,
    pub(crate) body: Body,
    /// The first error met while filling the request: (parameter name, reason).
    pub(crate) error: Option<(String, String)>,
}

/// A request body.
#[derive(Debug, Default, Clone)]
pub(crate) enum Body {
    /// No body.
    #[default]
    None,
    /// Bytes with their content type.
    Bytes {
        content_type: &'static str,
        bytes: Bytes,
    },
    /// A binary body from a stream or a file (sent once, see [`crate::Body`]).
    Stream {
        content_type: &'static str,
        body: crate::body::Body,
    },
    /// `multipart/form-data` (the boundary is added when sent).
    Multipart(crate::multipart::Multipart),
}

impl Body {
    /// Whether the body can be sent again (retries, OAuth2 401 replay, redirects).
    pub(crate) fn is_replayable(&self) -> bool {
        match self {
            Self::None | Self::Bytes { .. } => true,
            Self::Stream { body, .. } => body.is_replayable(),
            Self::Multipart(multipart) => multipart.is_replayable(),
        }
    }
}

impl RequestParts {
    pub(crate) fn new(options: RequestOptions) -> Self {
        Self {
            options,
            path: Vec::new(),
            query: String::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: Body::None,
            error: None,
        }
    }

    fn record_error(&mut self, parameter: &str, reason: String) {
        if self.error.is_none() {
            self.error = Some((parameter.to_owned(), reason));
        }
    }

    pub(crate) fn add_param(&mut self, param: Param, value: Result<ParamValue, serde_json::Error>) {
        let value = match value {
            Ok(value) => value,
            Err(error) => {
                return self
                    .record_error(param.name, format!("cannot serialize the value: {error}"));
            }
        };
        match encode_param(&param, value) {
            Ok(Encoded::Nothing) => {}
            Ok(Encoded::Path(text)) => self.path.push((param.name, text)),
            Ok(Encoded::Query(text)) => self.push_query(text),
            Ok(Encoded::Header(value)) => match HeaderName::from_bytes(param.name.as_bytes()) {
                Ok(name) => self.headers.push((name, value)),
                Err(_) => self.record_error(param.name, "not a valid header name".to_owned()),
            },
            Ok(Encoded::Cookies(pairs)) => self.cookies.extend(pairs),
            Err(reason) => self.record_error(param.name, reason),
        }
    }

    /// Appends an encoded query piece (none when it is empty).
    fn push_query(&mut self, piece: String) {
        if self.query.is_empty() {
            self.query = piece;
        } else if !piece.is_empty() {
            self.query.push('&');
            self.query.push_str(&piece);
        }
    }

    pub(crate) fn set_json_body(
        &mut self,
        content_type: &'static str,
        bytes: Result<Vec<u8>, serde_json::Error>,
    ) {
        match bytes {
            Ok(bytes) => {
                self.body = Body::Bytes {
                    content_type,
                    bytes: Bytes::from(bytes),
                }
            }
            Err(error) => self.record_error(
                "body",
                format!("cannot serialize the body as JSON: {error}"),
            ),
        }
    }

    pub(crate) fn set_form_body(
        &mut self,
        content_type: &'static str,
        value: Result<ParamValue, serde_json::Error>,
    ) {
        self.set_form_body_with(content_type, value, &[]);
    }

    pub(crate) fn set_form_body_with(
        &mut self,
        content_type: &'static str,
        value: Result<ParamValue, serde_json::Error>,
        encodings: &[FieldEncoding],
    ) {
        let encoded = value
            .map_err(|error| format!("cannot serialize the form body: {error}"))
            .and_then(|value| form::encode_form_with(value, encodings));
        match encoded {
            Ok(text) => {
                self.body = Body::Bytes {
                    content_type,
                    bytes: Bytes::from(text),
                }
            }
            Err(reason) => self.record_error("body", reason),
        }
    }

    pub(crate) fn set_bytes_body(&mut self, content_type: &'static str, bytes: Bytes) {
        self.body = Body::Bytes {
            content_type,
            bytes,
        };
    }

    /// A binary body: in-memory bytes stay [`Body::Bytes`] (replayable), a stream or a
    /// file becomes [`Body::Stream`].
    pub(crate) fn set_binary_body(&mut self, content_type: &'static str, body: crate::body::Body) {
        self.body = match body.as_bytes() {
            Some(bytes) => Body::Bytes {
                content_type,
                bytes: bytes.clone(),
            },
            None => Body::Stream { content_type, body },
        };
    }

    pub(crate) fn set_multipart_body(&mut self, multipart: crate::multipart::Multipart) {
        if let Some((part, reason)) = &multipart.error {
            self.record_error(&format!("body.{part}"), reason.clone());
        }
        self.body = Body::Multipart(multipart);
    }
}

/// A request being filled by generated code. Parameter errors are kept and
/// reported by the runtime as `Error::InvalidRequest` naming the
/// parameter, before anything is sent.
#[derive(Debug)]
pub struct Request {
    pub(crate) operation: &'static Operation,
    pub(crate) inner: RequestParts,
    /// The call's typed arguments, recorded only for a mocked client.
    pub(crate) call: Option<SharedCall>,
}

impl Request {
    /// Starts a request for `operation` with per-request `options` (from the request value).
    pub fn new(operation: &'static Operation, options: crate::RequestOptions) -> Self {
        Self {
            operation,
            inner: RequestParts::new(options),
            call: None,
        }
    }

    /// Records the call's typed arguments for the mock that answers it (generated code
    /// calls it only when `__private::is_mock` says the client is mocked).
    pub fn record_call<C: std::fmt::Debug + Send + Sync + 'static>(&mut self, call: C) {
        self.call = Some(std::sync::Arc::new(call));
    }

    /// Adds one parameter. `value` is serialized with serde; `None`/`null` adds nothing.
    pub fn param<T: serde::Serialize + ?Sized>(&mut self, param: Param, value: &T) {
        let value = crate::encoding::value::to_param_value(value);
        self.inner.add_param(param, value);
    }

    /// Sets a JSON body (`content_type` is the declared media type, e.g. `application/json`
    /// or `application/merge-patch+json`).
    pub fn json_body<T: serde::Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        value: &T,
    ) {
        let bytes = serde_json::to_vec(value);
        self.inner.set_json_body(content_type, bytes);
    }

    /// Sets a `application/x-www-form-urlencoded` body from a serializable object.
    pub fn form_body<T: serde::Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        value: &T,
    ) {
        let value = crate::encoding::value::to_param_value(value);
        self.inner.set_form_body(content_type, value);
    }

    /// Sets a `application/x-www-form-urlencoded` body whose properties follow the
    /// operation's Encoding Object entries (`encodings`; properties without one use the
    /// defaults of [`form_body`](Self::form_body)).
    pub fn form_body_with<T: serde::Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        value: &T,
        encodings: &'static [FieldEncoding],
    ) {
        let value = crate::encoding::value::to_param_value(value);
        self.inner
            .set_form_body_with(content_type, value, encodings);
    }

    /// Sets a text body.
    pub fn text_body(&mut self, content_type: &'static str, text: String) {
        self.inner
            .set_bytes_body(content_type, bytes::Bytes::from(text));
    }

    /// Sets a binary body.
    pub fn bytes_body(&mut self, content_type: &'static str, bytes: impl Into<bytes::Bytes>) {
        self.inner.set_bytes_body(content_type, bytes.into());
    }

    /// Sets a binary body from bytes, a stream or a file ([`crate::Body`]); a stream or a
    /// file is sent once, never retried.
    pub fn binary_body(&mut self, content_type: &'static str, body: impl Into<crate::Body>) {
        self.inner.set_binary_body(content_type, body.into());
    }

    /// Sets a `multipart/form-data` body (the boundary is added to the content type).
    pub fn multipart_body(&mut self, multipart: Multipart) {
        self.inner.set_multipart_body(multipart);
    }

    /// The operation this request is for.
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }
}

/// A call's typed arguments, as recorded by generated code for a mock
/// ([`crate::mock`]).
pub(crate) trait CallRecord: std::fmt::Debug + Send + Sync {
    /// The record as `Any`, to test its type.
    fn as_any(&self) -> &dyn std::any::Any;
    /// The record as an `Arc<dyn Any>`, to downcast it.
    fn into_any(self: std::sync::Arc<Self>) -> std::sync::Arc<dyn std::any::Any + Send + Sync>;
}

impl<C: std::fmt::Debug + Send + Sync + 'static> CallRecord for C {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn into_any(self: std::sync::Arc<Self>) -> std::sync::Arc<dyn std::any::Any + Send + Sync> {
        self
    }
}

/// A recorded call's arguments, shared by the request and the mock's call list.
pub(crate) type SharedCall = std::sync::Arc<dyn CallRecord>;
