//! `multipart/form-data` request bodies: the schema's properties become parts.
//!
//! - The schema (after `$ref`) must be an object with `properties`; anything
//!   else (no properties, `allOf`/`oneOf` compositions) cannot be typed and the
//!   caller falls back to its old handling (an error or a dropped body).
//! - A property that is binary (`format: binary`, or a `contentMediaType`
//!   without `contentEncoding`) is a file part ([`PartKind::File`]); any other
//!   property is lowered as a type like a JSON property ([`PartKind::Value`]).
//! - An array property is repeated: one part per item, under the same name.
//! - The Encoding Object's `contentType` is kept per property; `headers`,
//!   `style`, `explode` of multipart encodings are not used (known gap).
//! - Form bodies (`application/x-www-form-urlencoded`) keep their Encoding
//!   Object entries too ([`form_encoding`]): style, explode, allowReserved,
//!   contentType per property.

use serde_json::Value;

use super::naming::{self, UniqueNames};
use super::types::{Ctx, TypeLowerer};
use super::{
    Docs, FormFieldEncoding, MultipartBody, MultipartPart, ParamStyle, PartKind, ResponseHeader,
    TypeRef, refs,
};
use crate::diagnostics::Pointer;

/// The `encoding` entries of a form Media Type Object, in document order.
/// Unknown styles are ignored (the property keeps the defaults).
pub(crate) fn form_encoding(media_value: &Value) -> Vec<FormFieldEncoding> {
    let Some(encoding) = media_value.get("encoding").and_then(Value::as_object) else {
        return Vec::new();
    };
    encoding
        .iter()
        .filter_map(|(name, entry)| {
            let entry = entry.as_object()?;
            let style = entry
                .get("style")
                .and_then(Value::as_str)
                .and_then(|s| match s {
                    "form" => Some(ParamStyle::Form),
                    "spaceDelimited" => Some(ParamStyle::SpaceDelimited),
                    "pipeDelimited" => Some(ParamStyle::PipeDelimited),
                    "deepObject" => Some(ParamStyle::DeepObject),
                    _ => None,
                });
            Some(FormFieldEncoding {
                name: name.clone(),
                style,
                explode: entry.get("explode").and_then(Value::as_bool),
                allow_reserved: entry
                    .get("allowReserved")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                content_type: entry
                    .get("contentType")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            })
        })
        .collect()
}

impl TypeLowerer<'_> {
    /// The declared headers of a Response Object (`Content-Type` is ignored, as
    /// the specification says); a header without a schema is a string.
    pub(crate) fn lower_response_headers(
        &mut self,
        response: &Value,
        at: &Pointer,
        op_type: &str,
    ) -> Vec<ResponseHeader> {
        let document = self.document;
        let Ok((response, at)) = refs::follow(document, response, at) else {
            return Vec::new();
        };
        let Some(headers) = response.get("headers").and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, header) in headers {
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let header_at = at.push("headers").push(name);
            let Ok((header, header_at)) = refs::follow(document, header, &header_at) else {
                continue;
            };
            let schema = header.get("schema").or_else(|| {
                header
                    .get("content")
                    .and_then(Value::as_object)
                    .and_then(|c| c.values().next())
                    .and_then(|m| m.get("schema"))
            });
            let ty = match schema {
                Some(schema) => {
                    let ctx = Ctx::new(format!("{op_type} {name}"));
                    self.lower_value(schema, &header_at.push("schema"), &ctx)
                        .into_type()
                }
                None => TypeRef::String,
            };
            out.push(ResponseHeader {
                wire_name: name.clone(),
                ty,
                docs: Docs {
                    summary: None,
                    description: header
                        .get("description")
                        .and_then(Value::as_str)
                        .filter(|d| !d.trim().is_empty())
                        .map(str::to_owned),
                    deprecated: header
                        .get("deprecated")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                },
            });
        }
        out
    }
}

/// Is `schema` (a resolved schema object) binary content?
fn is_binary(schema: &Value) -> bool {
    let format = schema.get("format").and_then(Value::as_str);
    if matches!(format, Some("binary")) {
        return true;
    }
    schema.get("contentMediaType").is_some() && schema.get("contentEncoding").is_none()
}

impl TypeLowerer<'_> {
    /// The parts of a multipart body described by `media_value` (a Media Type
    /// Object at `media_at`), or `None` when its schema has no properties.
    pub(crate) fn lower_multipart(
        &mut self,
        media_value: &Value,
        media_at: &Pointer,
        ctx: &Ctx,
    ) -> Option<MultipartBody> {
        let document = self.document;
        let schema = media_value.get("schema")?;
        let (schema, schema_at) = refs::follow(document, schema, &media_at.push("schema")).ok()?;
        let properties = schema.get("properties").and_then(Value::as_object)?;
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let encoding = media_value.get("encoding").and_then(Value::as_object);
        let mut names = UniqueNames::default();
        let mut parts = Vec::with_capacity(properties.len());
        for (wire_name, property) in properties {
            let property_at = schema_at.push("properties").push(wire_name);
            let (resolved, _) = refs::follow(document, property, &property_at)
                .unwrap_or((property, property_at.clone()));
            let items = resolved
                .get("type")
                .and_then(Value::as_str)
                .filter(|t| *t == "array")
                .and_then(|_| resolved.get("items"));
            let (repeated, item, item_at) = match items {
                Some(items) => (true, items, property_at.push("items")),
                None => (false, property, property_at.clone()),
            };
            let (item_resolved, _) =
                refs::follow(document, item, &item_at).unwrap_or((item, item_at.clone()));
            let kind = if is_binary(item_resolved) {
                PartKind::File
            } else {
                let ty = self
                    .lower_value(item, &item_at, &ctx.child(wire_name))
                    .into_type();
                PartKind::Value(ty)
            };
            let content_type = encoding
                .and_then(|e| e.get(wire_name))
                .and_then(|e| e.get("contentType"))
                .and_then(Value::as_str)
                .filter(|c| !c.trim().is_empty())
                .map(str::to_owned);
            let description = resolved
                .get("description")
                .and_then(Value::as_str)
                .filter(|d| !d.trim().is_empty())
                .map(str::to_owned);
            parts.push(MultipartPart {
                name: names.claim(&naming::snake(wire_name, "part")),
                wire_name: wire_name.clone(),
                kind,
                repeated,
                required: required.contains(&wire_name.as_str()),
                content_type,
                docs: Docs {
                    summary: None,
                    description,
                    deprecated: false,
                },
            });
        }
        Some(MultipartBody { parts })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::{BodyKind, MultipartBody, PartKind, TypeRef};

    fn lower_body(media: serde_json::Value) -> (Option<MultipartBody>, usize) {
        let document = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/up": {"post": {
                "operationId": "up",
                "requestBody": {"required": true, "content": {"multipart/form-data": media}},
                "responses": {"204": {"description": "ok"}}
            }}},
            "components": {"schemas": {"Meta": {"type": "object", "properties": {"a": {"type": "string"}}}}}
        });
        let (api, _) = crate::__internal::lower(&document, &crate::Settings::default());
        let body = api
            .operations
            .first()
            .and_then(|op| op.body.as_ref())
            .and_then(|b| match &b.kind {
                BodyKind::Multipart(parts) => Some(parts.clone()),
                _ => None,
            });
        (body, api.operations.len())
    }

    #[test]
    fn properties_become_typed_parts() {
        let (body, _) = lower_body(json!({
            "schema": {
                "type": "object",
                "required": ["file", "count"],
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "photos": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    "count": {"type": "integer", "format": "int32"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "meta": {"$ref": "#/components/schemas/Meta"},
                    "content-type": {"type": "string"}
                }
            },
            "encoding": {"file": {"contentType": "image/png"}, "meta": {"contentType": "application/json"}}
        }));
        let body = body.unwrap_or_else(|| panic!("multipart body not lowered"));
        let summary: Vec<(&str, &str, bool, bool, Option<&str>)> = body
            .parts
            .iter()
            .map(|p| {
                let kind = match &p.kind {
                    PartKind::File => "file",
                    PartKind::Value(TypeRef::Named(_)) => "named",
                    PartKind::Value(TypeRef::Integer(_)) => "integer",
                    PartKind::Value(TypeRef::String) => "string",
                    PartKind::Value(_) => "other",
                };
                (
                    p.wire_name.as_str(),
                    kind,
                    p.repeated,
                    p.required,
                    p.content_type.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("file", "file", false, true, Some("image/png")),
                ("photos", "file", true, false, None),
                ("count", "integer", false, true, None),
                ("tags", "string", true, false, None),
                ("meta", "named", false, false, Some("application/json")),
                ("content-type", "string", false, false, None),
            ]
        );
        assert_eq!(
            body.parts.last().map(|p| p.name.as_str()),
            Some("content_type")
        );
    }

    #[test]
    fn a_required_multipart_body_without_properties_skips_the_operation() {
        let (body, operations) = lower_body(json!({"schema": {"type": "string"}}));
        assert!(body.is_none());
        assert_eq!(operations, 0);
    }
}
