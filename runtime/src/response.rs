//! Successful responses ([`Response<T>`]) and the decode plumbing behind
//! `__private::RawResponse`'s methods (non-generic where possible).

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use crate::error::{ApiError, DecodeError, DecodeFailure, Error, OperationRef, UnexpectedResponse};

/// A successful response: status, headers and the decoded body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// Creates a response (mostly for tests and mocks).
    pub fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, by value.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Status, headers and body, by value.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }

    /// Maps the body, keeping status and headers.
    pub fn map<U>(self, map: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: map(self.body),
        }
    }
}

/// Splits a raw response into an empty-bodied [`Response`] and the raw body.
pub(crate) fn parts(raw: RawResponse) -> (Response<()>, Bytes) {
    (
        Response {
            status: raw.status,
            headers: raw.headers,
            body: (),
        },
        raw.body,
    )
}

/// The decode error for `raw`, keeping status, headers and raw body.
pub(crate) fn decode_failure<E>(raw: RawResponse, source: DecodeError) -> Error<E> {
    Error::Decode(Box::new(DecodeFailure {
        operation: raw.operation,
        status: raw.status,
        headers: raw.headers,
        body: raw.body,
        source,
    }))
}

/// Parses a JSON body; an empty body is parsed as `null` (so `Option<T>` and `()` accept it).
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"null".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body).map_err(DecodeError::from)
}

/// Decodes the body as text in the charset `Content-Type` names (default UTF-8; a BOM
/// wins over the header, as the WHATWG Encoding Standard says). Malformed bytes are a
/// decode error, never replaced silently.
pub(crate) fn parse_text(headers: &HeaderMap, body: &Bytes) -> Result<String, DecodeError> {
    let encoding = charset(headers)
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, _, had_errors) = encoding.decode(body);
    if had_errors {
        return Err(DecodeError::new(format!(
            "body is not valid {} text",
            encoding.name()
        )));
    }
    Ok(text.into_owned())
}

/// The `charset` parameter of `Content-Type`, if any.
fn charset(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(http::header::CONTENT_TYPE)?.to_str().ok()?;
    value.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

pub(crate) fn decode_json<T: serde::de::DeserializeOwned, E>(
    raw: RawResponse,
) -> Result<Response<T>, Error<E>> {
    match parse_json(&raw.body) {
        Ok(body) => Ok(parts(raw).0.map(|()| body)),
        Err(source) => Err(decode_failure(raw, source)),
    }
}

pub(crate) fn decode_text<E>(raw: RawResponse) -> Result<Response<String>, Error<E>> {
    match parse_text(&raw.headers, &raw.body) {
        Ok(body) => Ok(parts(raw).0.map(|()| body)),
        Err(source) => Err(decode_failure(raw, source)),
    }
}

pub(crate) fn decode_with<T, E>(
    raw: RawResponse,
    decode: fn(&RawResponse) -> Result<T, DecodeError>,
) -> Result<Response<T>, Error<E>> {
    match decode(&raw) {
        Ok(body) => Ok(parts(raw).0.map(|()| body)),
        Err(source) => Err(decode_failure(raw, source)),
    }
}

pub(crate) fn decode_error_json<T, B: serde::de::DeserializeOwned, E>(
    raw: RawResponse,
    wrap: fn(B) -> E,
) -> Result<Response<T>, Error<E>> {
    match parse_json(&raw.body) {
        Ok(body) => error_value(raw, wrap(body)),
        Err(source) => Err(decode_failure(raw, source)),
    }
}

pub(crate) fn decode_error_with<T, B, E>(
    raw: RawResponse,
    decode: fn(&RawResponse) -> Result<B, DecodeError>,
    wrap: fn(B) -> E,
) -> Result<Response<T>, Error<E>> {
    match decode(&raw) {
        Ok(body) => error_value(raw, wrap(body)),
        Err(source) => Err(decode_failure(raw, source)),
    }
}

pub(crate) fn decode_error_text<T, E>(
    raw: RawResponse,
    wrap: fn(String) -> E,
) -> Result<Response<T>, Error<E>> {
    match parse_text(&raw.headers, &raw.body) {
        Ok(body) => error_value(raw, wrap(body)),
        Err(source) => Err(decode_failure(raw, source)),
    }
}

/// Always `Err(Error::Api(..))` with `error` as the declared error.
pub(crate) fn error_value<T, E>(raw: RawResponse, error: E) -> Result<Response<T>, Error<E>> {
    Err(Error::Api(Box::new(ApiError {
        operation: raw.operation,
        status: raw.status,
        headers: raw.headers,
        body: error,
    })))
}

/// The error for a status the operation does not declare.
pub(crate) fn unexpected<E>(raw: RawResponse) -> Error<E> {
    Error::UnexpectedStatus(Box::new(UnexpectedResponse {
        operation: raw.operation,
        status: raw.status,
        headers: raw.headers,
        body: raw.body,
    }))
}

/// The media type of `Content-Type` (no parameters), lower-cased.
pub(crate) fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(http::header::CONTENT_TYPE)?.to_str().ok()?;
    let media_type = value.split(';').next()?.trim();
    if media_type.is_empty() {
        None
    } else {
        Some(media_type.to_ascii_lowercase())
    }
}

/// A body whose `Content-Type` matches none of the media types an operation declares
/// (or that has none): the `Other` variant of a generated `…Content` enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawContent {
    /// The `Content-Type` header as sent (parameters included), if any and readable.
    pub content_type: Option<String>,
    /// The body (after content decoding).
    pub body: Bytes,
}

/// Which of the `declared` media types (from an operation's `content`) the response's
/// `Content-Type` is: an exact match (parameters ignored, any case), else a declared
/// `type/*`, else `*/*`, else one with the same structured-syntax suffix family
/// (`application/json`, `text/json` and `*+json` are one family; `*/xml` and `*+xml`
/// another). `None` without a `Content-Type` or without a match.
pub(crate) fn match_media(headers: &HeaderMap, declared: &[&str]) -> Option<usize> {
    let actual = media_type(headers)?;
    let declared: Vec<String> = declared
        .iter()
        .map(|media| {
            media
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .collect();
    let top = actual.split('/').next().unwrap_or("");
    let wildcard = format!("{top}/*");
    declared
        .iter()
        .position(|d| *d == actual)
        .or_else(|| declared.iter().position(|d| *d == wildcard))
        .or_else(|| declared.iter().position(|d| d == "*/*"))
        .or_else(|| {
            let family = family_of(&actual)?;
            declared.iter().position(|d| family_of(d) == Some(family))
        })
}

/// `json` or `xml` for a media type of that family.
fn family_of(media: &str) -> Option<&'static str> {
    if media == "application/json" || media == "text/json" || media.ends_with("+json") {
        Some("json")
    } else if media == "application/xml" || media == "text/xml" || media.ends_with("+xml") {
        Some("xml")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_is_matched_exact_then_wildcard_then_family() {
        let declared = ["application/json", "text/csv", "image/*", "application/xml"];
        let at = |content_type: &str| match_media(&headers(content_type), &declared);
        assert_eq!(at("application/json; charset=utf-8"), Some(0));
        assert_eq!(at("TEXT/CSV"), Some(1));
        assert_eq!(at("image/png"), Some(2));
        assert_eq!(at("application/problem+json"), Some(0));
        assert_eq!(at("text/xml"), Some(3));
        assert_eq!(at("application/pdf"), None);
        assert_eq!(match_media(&HeaderMap::new(), &declared), None);
        assert_eq!(match_media(&headers("x/y"), &["*/*"]), Some(0));
    }

    fn headers(content_type: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = http::HeaderValue::from_str(content_type) {
            headers.insert(http::header::CONTENT_TYPE, value);
        }
        headers
    }

    #[test]
    fn text_in_its_charset() {
        let latin1 = Bytes::from_static(b"caf\xe9");
        let text = parse_text(&headers("text/plain; charset=ISO-8859-1"), &latin1);
        assert_eq!(text.ok().as_deref(), Some("caf\u{e9}"));
        let utf8 = Bytes::from_static("\u{feff}caf\u{e9}".as_bytes());
        assert_eq!(
            parse_text(&headers("text/plain"), &utf8).ok().as_deref(),
            Some("caf\u{e9}")
        );
        assert!(parse_text(&headers("text/plain; charset=utf-8"), &latin1).is_err());
        assert_eq!(
            media_type(&headers("Application/JSON; charset=utf-8")).as_deref(),
            Some("application/json")
        );
    }

    #[test]
    fn empty_json_body_is_null() {
        assert_eq!(parse_json::<Option<u8>>(b"").ok(), Some(None));
        assert!(parse_json::<u8>(b" ").is_err());
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

/// The decode function an operation passes to the runtime with its request.
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
