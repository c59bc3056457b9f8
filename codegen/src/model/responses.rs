//! Request bodies and responses of one operation.
//!
//! Media types are classed by their essence (parameters after `;` ignored):
//! JSON (`application/json`, `*/*+json`, `text/json`; `*/*` when it has a
//! schema that is not binary), form (`application/x-www-form-urlencoded`),
//! multipart (`multipart/*`), event stream (`text/event-stream`: its `itemSchema`
//! (3.2) or `schema` types each event's data, a string schema or none keeps it
//! as text), XML (`application/xml`, `text/xml`, `*/*+xml`: typed by
//! [`super::xml`] when its schema allows, else text), text (`text/*`, YAML),
//! everything else binary. A request body takes the first of JSON, form, XML, text,
//! binary, multipart (see [`super::multipart`]; a multipart body without an
//! object schema is not typed: an optional one is dropped, a required one makes
//! the operation fail, warnings either way). A
//! response takes JSON, then an event stream, then text, then binary; no content → no body;
//! a response whose media types have different bodies is negotiated by
//! `Content-Type` (see [`super::negotiation`]).
//!
//! Responses are sorted by status (codes ascending, then ranges, then
//! `default`) and named after the reason phrase (`NotFound`), `Status418`
//! when there is none, `Informational`/`Success`/`Redirection`/`ClientError`/
//! `ServerError` for ranges and `Default`. Inline body types are named
//! `{Operation}Body`, `{Operation}Response` (the first success) and
//! `{Operation}{Variant}` (the others).

use serde_json::Value;

use super::naming::UniqueNames;
use super::types::{Ctx, TypeLowerer};
use super::{
    BodyKind, Docs, RequestBody, Response, ResponseBody, StatusMatch, TypeRef, XmlAlternate, refs,
};
use crate::diagnostics::Pointer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum MediaClass {
    Json,
    Form,
    /// `application/xml`, `text/xml`, `*/*+xml`: typed when the schema allows
    /// (see [`super::xml`]).
    Xml,
    Text,
    Binary,
    Multipart,
    /// `text/event-stream`: Server-Sent Events (see [`super::ResponseBody::EventStream`]).
    EventStream,
}

pub(super) fn classify(media: &str, schema: Option<&Value>) -> MediaClass {
    let essence = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let binary_schema = schema
        .and_then(|s| s.get("format"))
        .and_then(Value::as_str)
        .is_some_and(|f| f == "binary" || f == "byte");
    let json = essence == "application/json"
        || essence.ends_with("+json")
        || (essence.contains("json")
            && !essence.contains("ndjson")
            && !essence.contains("json-seq"));
    if json {
        MediaClass::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaClass::Form
    } else if essence == "text/event-stream" {
        MediaClass::EventStream
    } else if essence.starts_with("multipart/") {
        MediaClass::Multipart
    } else if essence == "application/xml" || essence == "text/xml" || essence.ends_with("+xml") {
        MediaClass::Xml
    } else if essence.starts_with("text/")
        || essence.ends_with("/yaml")
        || essence.ends_with("/x-yaml")
        || essence.ends_with("+yaml")
    {
        MediaClass::Text
    } else if (essence == "*/*" || essence.is_empty()) && schema.is_some() && !binary_schema {
        MediaClass::Json
    } else {
        MediaClass::Binary
    }
}

/// The best media type of a `content` map by `preference`, with its class.
fn pick(content: &serde_json::Map<String, Value>) -> Option<(&str, &Value, MediaClass)> {
    content
        .iter()
        .map(|(media, value)| (media.as_str(), value, classify(media, value.get("schema"))))
        .min_by_key(|(_, _, class)| *class)
}

impl TypeLowerer<'_> {
    /// The request body: `Ok(None)` when there is none (or it was dropped).
    pub(crate) fn lower_body(
        &mut self,
        value: &Value,
        at: &Pointer,
        op_type: &str,
    ) -> Result<Option<RequestBody>, String> {
        let (value, at) = refs::follow(self.document, value, at)
            .map_err(|why| format!("request body cannot be resolved: {why}"))?;
        let required = value
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let docs = Docs {
            summary: None,
            description: value
                .get("description")
                .and_then(Value::as_str)
                .filter(|d| !d.trim().is_empty())
                .map(str::to_owned),
            deprecated: false,
        };
        let Some(content) = value.get("content").and_then(Value::as_object) else {
            self.warn(
                "SF3301",
                &at,
                "request body has no `content`; ignored".to_owned(),
                "describe the body under `content` with a media type",
            );
            return Ok(None);
        };
        let Some((media, media_value, class)) = pick(content) else {
            return Ok(None);
        };
        let media_at = at.push("content").push(media);
        let ctx = Ctx::new(format!("{op_type}Body"));
        let kind = match class {
            MediaClass::Json | MediaClass::Form => {
                let ty = match media_value.get("schema") {
                    Some(schema) => self
                        .lower_value(schema, &media_at.push("schema"), &ctx)
                        .into_type(),
                    None => TypeRef::Any,
                };
                if class == MediaClass::Json {
                    BodyKind::Json(ty)
                } else {
                    BodyKind::Form(ty)
                }
            }
            MediaClass::Xml => match media_value.get("schema") {
                Some(schema) => {
                    let schema_at = media_at.push("schema");
                    let ty = self.lower_value(schema, &schema_at, &ctx).into_type();
                    BodyKind::Xml(super::xml::pending_body(ty, schema_at))
                }
                None => BodyKind::Text,
            },
            MediaClass::Text | MediaClass::EventStream => BodyKind::Text,
            MediaClass::Binary => BodyKind::Binary,
            MediaClass::Multipart => match self.lower_multipart(media_value, &media_at, &ctx) {
                Some(parts) => BodyKind::Multipart(parts),
                None if required => {
                    return Err(format!(
                        "its required `{media}` request body has no object schema with `properties` to type its parts"
                    ));
                }
                None => {
                    self.warn(
                        "SF3302",
                        &media_at,
                        format!("optional `{media}` request body has no object schema with `properties`; the operation is generated without it"),
                        "describe the parts as the properties of an object schema",
                    );
                    return Ok(None);
                }
            },
        };
        Ok(Some(RequestBody {
            required,
            media_type: media.to_owned(),
            form_encoding: if class == MediaClass::Form {
                super::multipart::form_encoding(media_value)
            } else {
                Vec::new()
            },
            kind,
            docs,
            pointer: at,
        }))
    }

    /// The declared responses, sorted and named.
    pub(crate) fn lower_responses(
        &mut self,
        value: &Value,
        at: &Pointer,
        op_type: &str,
    ) -> Vec<Response> {
        let Some(map) = value.as_object() else {
            self.warn(
                "SF3303",
                at,
                "`responses` is not an object; the operation has no declared responses".to_owned(),
                "map status codes to response objects under `responses`",
            );
            return Vec::new();
        };
        let statuses = self.declared_statuses(map, at);

        let mut names = UniqueNames::default();
        let mut first_success = true;
        let mut out = Vec::with_capacity(statuses.len());
        for (status, key, response) in statuses {
            let response_at = at.push(key);
            let variant_name = names.claim(&variant_name(status));
            let success = status.is_success();
            let hint = if success && first_success {
                first_success = false;
                format!("{op_type}Response")
            } else if success {
                format!("{op_type}{variant_name}Response")
            } else {
                format!("{op_type}{variant_name}")
            };
            let (response, resolved_at) = match refs::follow(self.document, response, &response_at)
            {
                Ok(found) => found,
                Err(why) => {
                    self.warn(
                        "SF3306",
                        &response_at,
                        format!("response cannot be resolved ({why}); treated as having no body"),
                        "fix the `$ref`",
                    );
                    (&Value::Null, response_at.clone())
                }
            };
            let body = self.response_body(response, &resolved_at, &hint);
            let xml_alternate = self.xml_alternate(response, &resolved_at, &body);
            let docs = response_docs(response);
            let media_types = accepted_media_types(response);
            let headers = self.lower_response_headers(response, &resolved_at, op_type);
            out.push(Response {
                status,
                variant_name,
                body,
                media_types,
                headers,
                xml_alternate,
                implied: false,
                docs,
                pointer: response_at,
            });
        }
        out
    }

    /// The valid statuses of `responses` (extensions skipped), each once, in order;
    /// SF3304 for a key that is not a status, SF3305 for a status declared twice.
    fn declared_statuses<'v>(
        &mut self,
        map: &'v serde_json::Map<String, Value>,
        at: &Pointer,
    ) -> Vec<(StatusMatch, &'v str, &'v Value)> {
        let mut statuses: Vec<(StatusMatch, &str, &Value)> = Vec::new();
        for (key, response) in map {
            if key.starts_with("x-") {
                continue;
            }
            let Some(status) = parse_status(key) else {
                self.warn(
                    "SF3304",
                    &at.push(key),
                    format!("`{key}` is not a status code, range or `default`; response ignored"),
                    "use a code like `200`, a range like `4XX`, or `default`",
                );
                continue;
            };
            if statuses.iter().any(|(s, _, _)| *s == status) {
                self.warn(
                    "SF3305",
                    &at.push(key),
                    format!("status `{key}` is declared twice; the later one is ignored"),
                    "declare each status once",
                );
                continue;
            }
            statuses.push((status, key.as_str(), response));
        }
        statuses.sort_by_key(|(s, _, _)| *s);
        statuses
    }

    /// The XML media type offered as another encoding of a JSON `body`'s schema, when
    /// setting `accept_xml` asks for it.
    fn xml_alternate(
        &self,
        response: &Value,
        at: &Pointer,
        body: &ResponseBody,
    ) -> Option<XmlAlternate> {
        let ResponseBody::Json(ty) = body else {
            return None;
        };
        if !self.settings.accept_xml {
            return None;
        }
        let content = response.get("content").and_then(Value::as_object)?;
        let media = super::negotiation::alternate_representations(content)
            .into_iter()
            .find(|media| classify(media, None) == MediaClass::Xml)?;
        let schema_at = at.push("content").push(media).push("schema");
        Some(XmlAlternate {
            media_type: media.to_owned(),
            body: super::xml::pending_body(ty.clone(), schema_at),
        })
    }

    fn response_body(&mut self, response: &Value, at: &Pointer, hint: &str) -> ResponseBody {
        let Some(content) = response.get("content").and_then(Value::as_object) else {
            return ResponseBody::None;
        };
        if let Some(negotiated) = self.negotiated_body(content, at, hint) {
            return negotiated;
        }
        let Some((media, media_value, class)) = pick_response(content) else {
            return ResponseBody::None;
        };
        match class {
            MediaClass::Json => match media_value.get("schema") {
                Some(schema) => {
                    let schema_at = at.push("content").push(media).push("schema");
                    let ctx = Ctx::new(hint.to_owned());
                    ResponseBody::Json(self.lower_value(schema, &schema_at, &ctx).into_type())
                }
                None => ResponseBody::Json(TypeRef::Any),
            },
            MediaClass::Xml => match media_value.get("schema") {
                Some(schema) => {
                    let schema_at = at.push("content").push(media).push("schema");
                    let ctx = Ctx::new(hint.to_owned());
                    let ty = self.lower_value(schema, &schema_at, &ctx).into_type();
                    ResponseBody::Xml(super::xml::pending_body(ty, schema_at))
                }
                None => ResponseBody::Text,
            },
            MediaClass::Text | MediaClass::Form => ResponseBody::Text,
            MediaClass::Binary | MediaClass::Multipart => ResponseBody::Binary,
            MediaClass::EventStream => {
                // OpenAPI 3.2 describes one event's data with `itemSchema`; older
                // documents put it under `schema`. A string schema is plain text data.
                let (key, schema) = match media_value.get("itemSchema") {
                    Some(schema) => ("itemSchema", Some(schema)),
                    None => ("schema", media_value.get("schema")),
                };
                let data = schema.and_then(|schema| {
                    let schema_at = at.push("content").push(media).push(key);
                    let ctx = Ctx::new(format!("{hint}Event"));
                    match self.lower_value(schema, &schema_at, &ctx).into_type() {
                        TypeRef::String => None,
                        ty => Some(ty),
                    }
                });
                ResponseBody::EventStream(data)
            }
        }
    }
}

/// Responses prefer JSON, then an event stream, XML, text (form counts as text),
/// then binary.
fn pick_response(content: &serde_json::Map<String, Value>) -> Option<(&str, &Value, MediaClass)> {
    let order = |c: MediaClass| match c {
        MediaClass::Json => 0,
        MediaClass::EventStream => 1,
        MediaClass::Xml => 2,
        MediaClass::Text | MediaClass::Form => 3,
        MediaClass::Binary | MediaClass::Multipart => 4,
    };
    content
        .iter()
        .map(|(m, v)| (m.as_str(), v, classify(m, v.get("schema"))))
        .min_by_key(|(_, _, c)| order(*c))
}

/// `responses` with the success an operation that declares no 2xx status implies: any
/// 2xx, with the `default` response's body (the common "default: the result" pattern),
/// or with no body when there is no `default` either. Appended last, marked `implied`.
pub(crate) fn with_implied_success(mut responses: Vec<Response>, at: &Pointer) -> Vec<Response> {
    if responses.iter().any(|r| r.status.is_success()) {
        return responses;
    }
    let default = responses.iter().find(|r| r.status == StatusMatch::Default);
    let implied = Response {
        status: StatusMatch::Range(2),
        variant_name: "Success".to_owned(),
        body: default.map_or(ResponseBody::None, |d| d.body.clone()),
        media_types: default.map_or_else(Vec::new, |d| d.media_types.clone()),
        headers: Vec::new(),
        xml_alternate: default.and_then(|d| d.xml_alternate.clone()),
        implied: true,
        docs: Docs::default(),
        pointer: at.clone(),
    };
    responses.push(implied);
    responses
}

/// `200`, `4XX` (any case), `default`.
pub(crate) fn parse_status(key: &str) -> Option<StatusMatch> {
    let key = key.trim();
    if key == "default" {
        return Some(StatusMatch::Default);
    }
    let bytes = key.as_bytes();
    if let [digit @ b'1'..=b'5', x1, x2] = bytes
        && x1.eq_ignore_ascii_case(&b'x')
        && x2.eq_ignore_ascii_case(&b'x')
    {
        return Some(StatusMatch::Range(digit - b'0'));
    }
    match key.parse::<u16>() {
        Ok(code) if (100..=599).contains(&code) => Some(StatusMatch::Code(code)),
        _ => None,
    }
}

/// The variant name of a status in the operation's response enums.
pub(crate) fn variant_name(status: StatusMatch) -> String {
    match status {
        StatusMatch::Default => "Default".to_owned(),
        StatusMatch::Range(1) => "Informational".to_owned(),
        StatusMatch::Range(2) => "Success".to_owned(),
        StatusMatch::Range(3) => "Redirection".to_owned(),
        StatusMatch::Range(4) => "ClientError".to_owned(),
        StatusMatch::Range(5) => "ServerError".to_owned(),
        StatusMatch::Range(other) => format!("Status{other}XX"),
        StatusMatch::Code(code) => reason_phrase(code)
            .map(str::to_owned)
            .unwrap_or_else(|| format!("Status{code}")),
    }
}

/// IANA reason phrases in PascalCase.
fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        100 => "Continue",
        101 => "SwitchingProtocols",
        102 => "Processing",
        103 => "EarlyHints",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        208 => "AlreadyReported",
        226 => "ImUsed",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        305 => "UseProxy",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "ContentTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        506 => "VariantAlsoNegotiates",
        507 => "InsufficientStorage",
        508 => "LoopDetected",
        510 => "NotExtended",
        511 => "NetworkAuthenticationRequired",
        _ => return None,
    })
}

/// A response's description as docs.
fn response_docs(response: &Value) -> Docs {
    Docs {
        summary: None,
        description: response
            .get("description")
            .and_then(Value::as_str)
            .filter(|d| !d.trim().is_empty())
            .map(str::to_owned),
        deprecated: false,
    }
}

/// What the `Accept` header lists for a response: every declared media type but the
/// other encodings of a JSON schema, which the client does not ask for.
fn accepted_media_types(response: &Value) -> Vec<String> {
    response
        .get("content")
        .and_then(Value::as_object)
        .map(|content| {
            let dropped = super::negotiation::alternate_representations(content);
            content
                .keys()
                .filter(|media| !dropped.contains(&media.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse() {
        assert_eq!(parse_status("200"), Some(StatusMatch::Code(200)));
        assert_eq!(parse_status("4XX"), Some(StatusMatch::Range(4)));
        assert_eq!(parse_status("5xx"), Some(StatusMatch::Range(5)));
        assert_eq!(parse_status("default"), Some(StatusMatch::Default));
        assert_eq!(parse_status("6XX"), None);
        assert_eq!(parse_status("99"), None);
        assert_eq!(parse_status("ok"), None);
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name(StatusMatch::Code(404)), "NotFound");
        assert_eq!(variant_name(StatusMatch::Code(422)), "UnprocessableEntity");
        assert_eq!(variant_name(StatusMatch::Code(418)), "Status418");
        assert_eq!(variant_name(StatusMatch::Range(4)), "ClientError");
        assert_eq!(variant_name(StatusMatch::Default), "Default");
    }

    #[test]
    fn media_classes() {
        assert_eq!(
            classify("application/json; charset=utf-8", None),
            MediaClass::Json
        );
        assert_eq!(
            classify("application/vnd.github.v3+json", None),
            MediaClass::Json
        );
        assert_eq!(
            classify("application/x-www-form-urlencoded", None),
            MediaClass::Form
        );
        assert_eq!(classify("multipart/form-data", None), MediaClass::Multipart);
        assert_eq!(classify("text/plain", None), MediaClass::Text);
        assert_eq!(classify("application/yaml", None), MediaClass::Text);
        assert_eq!(classify("application/xml", None), MediaClass::Xml);
        assert_eq!(
            classify("application/octet-stream", None),
            MediaClass::Binary
        );
        let schema = serde_json::json!({"type": "object"});
        assert_eq!(classify("*/*", Some(&schema)), MediaClass::Json);
        assert_eq!(classify("*/*", None), MediaClass::Binary);
    }
}
