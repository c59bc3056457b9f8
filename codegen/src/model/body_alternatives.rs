//! Several request media types on one operation: the caller chooses.
//!
//! The operation keeps its preferred body (JSON, then form, text, binary,
//! multipart; see [`super::responses`]). Every other media type of the
//! request body becomes a sibling operation with the same path, parameters and
//! responses and that body alone: `create_thing` (JSON) and
//! `create_thing_form` (`application/x-www-form-urlencoded`). The suffix is
//! the media type's kind (`json`, `form`, `text`, `binary`, `multipart`), or
//! its subtype in snake_case when two media types share a kind.

use serde_json::Value;

use super::naming;
use super::types::TypeLowerer;
use super::{BodyKind, Operation, refs};
use crate::diagnostics::Pointer;

fn kind_suffix(kind: &BodyKind) -> &'static str {
    match kind {
        BodyKind::Json(_) => "json",
        BodyKind::Form(_) => "form",
        BodyKind::Xml(_) => "xml",
        BodyKind::Text => "text",
        BodyKind::Binary => "binary",
        BodyKind::Multipart(_) => "multipart",
    }
}

impl TypeLowerer<'_> {
    /// The sibling operations of `operation` for the media types of its request
    /// body (`value` at `at`) other than the one it uses. Each comes with its
    /// method-name suffix.
    pub(crate) fn body_alternatives(
        &mut self,
        value: &Value,
        at: &Pointer,
        hint: &str,
        operation: &Operation,
    ) -> Vec<(String, Operation)> {
        let Some(main) = &operation.body else {
            return Vec::new();
        };
        let Ok((value, at)) = refs::follow(self.document, value, at) else {
            return Vec::new();
        };
        let Some(content) = value.get("content").and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut used = vec![kind_suffix(&main.kind).to_owned()];
        let mut out = Vec::new();
        for (media, media_value) in content {
            if *media == main.media_type {
                continue;
            }
            let mut single = value.clone();
            if let Some(object) = single.as_object_mut() {
                let mut only = serde_json::Map::new();
                only.insert(media.clone(), media_value.clone());
                object.insert("content".to_owned(), Value::Object(only));
            }
            let subtype = media.split('/').nth(1).unwrap_or(media);
            let subtype = naming::snake(subtype.split(';').next().unwrap_or(subtype), "body");
            let type_hint = format!("{hint} {subtype}");
            let Ok(Some(body)) = self.lower_body(&single, &at, &type_hint) else {
                continue;
            };
            let mut suffix = kind_suffix(&body.kind).to_owned();
            if used.contains(&suffix) {
                suffix = subtype;
            }
            if used.contains(&suffix) {
                continue;
            }
            used.push(suffix.clone());
            let mut sibling = operation.clone();
            sibling.body = Some(body);
            out.push((suffix, sibling));
        }
        out
    }
}
