//! The contract between generated code and the runtime.
//!
//! Everything here is `#[doc(hidden)]` and reached by generated code as
//! `::specforge::__private::…`. It is not a stable user API. Generated code is
//! thin: per operation it fills a [`Request`] (static [`Operation`] description,
//! parameter values, body) and hands it to [`ClientCore::execute`] with a small
//! decode function that maps a [`RawResponse`] to the operation's typed result.
//!
//! Items here may be added to; existing signatures stay as the contract fixes them.

#[path = "private/base64.rs"]
pub mod base64;
#[path = "private/double_option.rs"]
pub mod double_option;
#[path = "private/send.rs"]
mod send;

pub use http::Method;

pub use crate::client::ClientCore;
pub use crate::error::{DecodeError, Error, OperationRef};
pub use crate::multipart::Multipart;
pub use crate::response::Response;
pub use crate::scalar_enum::serialize_number;
pub use crate::tagged_union::{encode_tagged, union_tag};
pub use crate::typed_header::parse_header;
pub use send::{into_body, send, send_body, send_sse, send_streaming};

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// In the path template (`/pets/{petId}`).
    Path,
    /// In the query string.
    Query,
    /// A request header.
    Header,
    /// A cookie (all cookies go in one `Cookie` header).
    Cookie,
}

/// OpenAPI `style` of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `;name=value` (path).
    Matrix,
    /// `.value` (path).
    Label,
    /// `value` / `a,b,c` (path, header).
    Simple,
    /// `name=value` (query, cookie).
    Form,
    /// `name=a%20b%20c` (query arrays).
    SpaceDelimited,
    /// `name=a%7Cb%7Cc` (query arrays).
    PipeDelimited,
    /// `name%5Bkey%5D=value` (query objects).
    DeepObject,
    /// `name=a%09b%09c`: Swagger 2.0 `collectionFormat: tsv`, which no OpenAPI 3 style
    /// expresses (query arrays).
    TabDelimited,
    /// OpenAPI 3.2.0 `style: cookie` (cookie values, never percent-encoded).
    Cookie,
}

/// How one parameter is serialized: a `const` built by generated code.
///
/// `Param::path("petId")` uses the location's default style (path/header:
/// simple, explode false; query/cookie: form, explode true); the `const fn`
/// modifiers change it: `Param::query("tags").style(Style::PipeDelimited).explode(false)`.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// The parameter name as written in the document.
    pub name: &'static str,
    /// Where it goes.
    pub location: Location,
    /// Its style.
    pub style: Style,
    /// Its `explode` flag.
    pub explode: bool,
    /// `allowReserved` (query only): reserved characters pass through unencoded.
    pub allow_reserved: bool,
    /// Parameter described by `content` with this media type (e.g. JSON in a query).
    pub content: Option<&'static str>,
}

impl Param {
    /// A path parameter (style simple, explode false).
    pub const fn path(name: &'static str) -> Self {
        Self::new(name, Location::Path, Style::Simple, false)
    }
    /// A query parameter (style form, explode true).
    pub const fn query(name: &'static str) -> Self {
        Self::new(name, Location::Query, Style::Form, true)
    }
    /// A header parameter (style simple, explode false).
    pub const fn header(name: &'static str) -> Self {
        Self::new(name, Location::Header, Style::Simple, false)
    }
    /// A cookie parameter (style form, explode true).
    pub const fn cookie(name: &'static str) -> Self {
        Self::new(name, Location::Cookie, Style::Form, true)
    }
    const fn new(name: &'static str, location: Location, style: Style, explode: bool) -> Self {
        Self {
            name,
            location,
            style,
            explode,
            allow_reserved: false,
            content: None,
        }
    }
    /// Sets the style.
    pub const fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }
    /// Sets `explode`.
    pub const fn explode(mut self, explode: bool) -> Self {
        self.explode = explode;
        self
    }
    /// Sets `allowReserved`.
    pub const fn allow_reserved(mut self, allow: bool) -> Self {
        self.allow_reserved = allow;
        self
    }
    /// Marks the parameter as described by `content` with this media type: the value is
    /// serialized to that media type's text (JSON) and the text encoded for its location.
    pub const fn content(mut self, media_type: &'static str) -> Self {
        self.content = Some(media_type);
        self
    }
}

/// Static description of one operation, emitted once per operation as a `static`.
#[derive(Debug)]
pub struct Operation {
    /// operationId as written in the document (or the derived name).
    pub id: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template as written in the document, e.g. `/pets/{petId}`.
    pub path: &'static str,
    /// Value of the `Accept` header (the declared response media types, joined by `, `), or "".
    pub accept: &'static str,
    /// The operation's effective `security`: alternatives (OR) of scheme-name sets (AND).
    /// Empty slice: no security. Names refer to the client's [`SecurityScheme`]s.
    pub security: &'static [&'static [&'static str]],
    /// Name of a declared idempotency-key header parameter, if any.
    pub idempotency_header: Option<&'static str>,
}

/// One `securitySchemes` entry, emitted as a `static` slice per client.
#[derive(Debug, Clone, Copy)]
pub struct SecurityScheme {
    /// The key in `components.securitySchemes`.
    pub name: &'static str,
    /// What it puts on the wire.
    pub kind: SchemeKind,
}

/// What a security scheme puts on the wire.
#[derive(Debug, Clone, Copy)]
pub enum SchemeKind {
    /// `apiKey`: the key in this header, query parameter or cookie.
    ApiKey {
        /// Header, query or cookie.
        location: Location,
        /// The header, query parameter or cookie name.
        param: &'static str,
    },
    /// `http` `basic`.
    Basic,
    /// `http` `bearer` (and any other http scheme sent as `Authorization: <scheme> <token>`).
    Bearer,
    /// `oauth2` with a client-credentials flow.
    OAuth2ClientCredentials {
        /// The `tokenUrl` (may be relative to the base URL).
        token_url: &'static str,
        /// The scopes the scheme declares.
        scopes: &'static [&'static str],
    },
    /// Other OAuth2 flows and `openIdConnect`: a token (or token source) supplied by the user.
    Token,
}

/// One Encoding Object entry of a form-urlencoded body (a `const` in generated code):
/// `FieldEncoding::new("tags").style(Style::PipeDelimited).explode(false)` or
/// `FieldEncoding::new("meta").content_type("application/json")`.
#[derive(Debug, Clone, Copy)]
pub struct FieldEncoding {
    /// The property name.
    pub name: &'static str,
    /// `style` (`None`: not given).
    pub style: Option<Style>,
    /// `explode` (default true with style form).
    pub explode: bool,
    /// `allowReserved`.
    pub allow_reserved: bool,
    /// `contentType`.
    pub content_type: Option<&'static str>,
}

impl FieldEncoding {
    /// An entry for property `name` with nothing set.
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            style: None,
            explode: true,
            allow_reserved: false,
            content_type: None,
        }
    }
    /// Sets `style`; `explode` defaults to true for `form` and false otherwise.
    pub const fn style(mut self, style: Style) -> Self {
        self.style = Some(style);
        self.explode = matches!(style, Style::Form);
        self
    }
    /// Sets `explode`.
    pub const fn explode(mut self, explode: bool) -> Self {
        self.explode = explode;
        self
    }
    /// Sets `allowReserved`.
    pub const fn allow_reserved(mut self, allow: bool) -> Self {
        self.allow_reserved = allow;
        self
    }
    /// Sets `contentType`.
    pub const fn content_type(mut self, content_type: &'static str) -> Self {
        self.content_type = Some(content_type);
        self
    }
}

/// A request being filled by generated code. Parameter errors are kept and
/// reported by [`ClientCore::execute`] as `Error::InvalidRequest` naming the
/// parameter, before anything is sent.
#[derive(Debug)]
pub struct Request {
    pub(crate) operation: &'static Operation,
    pub(crate) inner: crate::request::RequestParts,
}

impl Request {
    /// Starts a request for `operation` with per-request `options` (from the request value).
    pub fn new(operation: &'static Operation, options: crate::RequestOptions) -> Self {
        Self {
            operation,
            inner: crate::request::RequestParts::new(options),
        }
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

/// A buffered response handed to an operation's decode function.
#[derive(Debug)]
pub struct RawResponse {
    pub(crate) status: http::StatusCode,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: bytes::Bytes,
    pub(crate) operation: Option<OperationRef>,
}

/// The decode function an operation passes to [`ClientCore::execute`].
pub type Decode<T, E> = fn(RawResponse) -> Result<Response<T>, Error<E>>;

impl RawResponse {
    /// Status code as a number, for `match` in generated decode functions.
    pub fn status_code(&self) -> u16 {
        self.status.as_u16()
    }

    /// Success with a JSON body decoded as `T`.
    pub fn json<T: serde::de::DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        crate::response::decode_json(self)
    }

    /// Success with no body expected (whatever arrives is ignored): `T = ()`.
    pub fn empty<E>(self) -> Result<Response<()>, Error<E>> {
        Ok(crate::response::parts(self).0)
    }

    /// Success with a text body.
    pub fn text<E>(self) -> Result<Response<String>, Error<E>> {
        crate::response::decode_text(self)
    }

    /// Success with a binary body.
    pub fn bytes<E>(self) -> Result<Response<bytes::Bytes>, Error<E>> {
        let (response, body) = crate::response::parts(self);
        Ok(response.map(|()| body))
    }

    /// Success whose body is decoded by a generated function (several media types or
    /// several 2xx statuses with different bodies → an enum).
    pub fn success_with<T, E>(
        self,
        decode: fn(&RawResponse) -> Result<T, crate::DecodeError>,
    ) -> Result<Response<T>, Error<E>> {
        crate::response::decode_with(self, decode)
    }

    /// A declared error status with a JSON body, wrapped in the operation's error enum.
    pub fn error_json<T, B: serde::de::DeserializeOwned, E>(
        self,
        wrap: fn(B) -> E,
    ) -> Result<Response<T>, Error<E>> {
        crate::response::decode_error_json(self, wrap)
    }

    /// A declared error status whose body a generated function decodes (several media
    /// types → a `…Content` enum), wrapped in the operation's error enum.
    pub fn error_with<T, B, E>(
        self,
        decode: fn(&RawResponse) -> Result<B, crate::DecodeError>,
        wrap: fn(B) -> E,
    ) -> Result<Response<T>, Error<E>> {
        crate::response::decode_error_with(self, decode, wrap)
    }

    /// A declared error status with a text body.
    pub fn error_text<T, E>(self, wrap: fn(String) -> E) -> Result<Response<T>, Error<E>> {
        crate::response::decode_error_text(self, wrap)
    }

    /// A declared error status without a body (or whose body is not decoded).
    pub fn error_empty<T, E>(self, error: E) -> Result<Response<T>, Error<E>> {
        crate::response::error_value(self, error)
    }

    /// A status the operation does not declare.
    pub fn unexpected<T, E>(self) -> Result<Response<T>, Error<E>> {
        Err(crate::response::unexpected(self))
    }

    /// The response's `Content-Type` media type (without parameters), lower-cased.
    pub fn media_type(&self) -> Option<String> {
        crate::response::media_type(&self.headers)
    }

    /// Parses the body as JSON (for `success_with` decode functions). An empty body
    /// parses as `null`.
    pub fn parse_json<T: serde::de::DeserializeOwned>(&self) -> Result<T, DecodeError> {
        crate::response::parse_json(&self.body)
    }

    /// The body as text in its declared charset, UTF-8 by default (for `success_with`
    /// decode functions).
    pub fn parse_text(&self) -> Result<String, DecodeError> {
        crate::response::parse_text(&self.headers, &self.body)
    }

    /// Which of the operation's `declared` media types the `Content-Type` is (exact, then
    /// `type/*`, `*/*`, then the same `+json`/`+xml` family); `None` for none or no
    /// `Content-Type` (for negotiated `…Content` decode functions).
    pub fn match_media(&self, declared: &[&str]) -> Option<usize> {
        crate::response::match_media(&self.headers, declared)
    }

    /// The `Content-Type` and the raw body (the `Other` variant of a `…Content` enum).
    pub fn raw_content(&self) -> crate::RawContent {
        crate::RawContent {
            content_type: self
                .headers
                .get(http::header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
            body: self.body.clone(),
        }
    }

    /// The status.
    pub fn status(&self) -> http::StatusCode {
        self.status
    }
    /// The headers.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }
    /// The raw body (after decompression).
    pub fn body(&self) -> &bytes::Bytes {
        &self.body
    }

    /// Builds a raw response (tests, mocks and hooks).
    pub fn new(status: http::StatusCode, headers: http::HeaderMap, body: bytes::Bytes) -> Self {
        Self {
            status,
            headers,
            body,
            operation: None,
        }
    }
}
