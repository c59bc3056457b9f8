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

use serde_json::Value;

use super::naming::{self, UniqueNames};
use super::types::{Ctx, TypeLowerer};
use super::{Docs, MultipartBody, MultipartPart, PartKind, refs};
use crate::diagnostics::Pointer;

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
