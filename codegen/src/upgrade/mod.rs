//! Upgrade: every dialect (Swagger 2.0, OpenAPI 3.0, 3.1, 3.2) is rewritten to
//! the OpenAPI 3.0 shape that the `openapiv3` crate reads, without losing
//! meaning; what cannot be expressed becomes a diagnostic (codes SF1xxx,
//! listed in docs/diagnostics.md).
//!
//! - [`swagger2`]: Swagger 2.0 → 3.0 (structure: servers, components,
//!   parameters, bodies, media types, security).
//! - [`openapi31`]: 3.1/3.2 document-level changes (webhooks, pathItems, `$defs`).
//! - [`schema`]: per-schema keyword rewrites (2.0 spellings; JSON Schema
//!   2020-12 → 3.0), applied to every schema found by [`walk`].
//!
//! 3.0 documents pass through with harmless normalizations only: the 3.1
//! keyword rules are no-ops on valid 3.0 schemas and fix the common mistake of
//! writing 3.1 keywords (`type: [string, "null"]`, numeric `exclusiveMinimum`,
//! `const`) in a 3.0 document; `$ref` siblings are left alone (3.0 ignores
//! them); `openapi` becomes a string if YAML read it as a number; a missing
//! `paths` becomes `{}`; percent-encoded local refs are decoded.
//!
//! Every function is total: any JSON value is accepted, anything not shaped
//! as expected is left as it is for the next stage to report.

pub(crate) mod openapi31;
pub(crate) mod schema;
pub(crate) mod swagger2;
pub(crate) mod walk;

use serde_json::{Value, json};

use crate::diagnostics::Diagnostics;
use crate::load::SpecVersion;

/// Rewrites `document` (in dialect `version`) to the OpenAPI 3.0 shape.
pub(crate) fn upgrade(document: Value, version: SpecVersion, diags: &mut Diagnostics) -> Value {
    let mut document = match version {
        SpecVersion::Swagger2 => swagger2::convert(document, diags),
        _ => document,
    };
    let is_31 = matches!(version, SpecVersion::OpenApi31 | SpecVersion::OpenApi32);
    if let Value::Object(root) = &mut document {
        if is_31 {
            openapi31::document(root, diags);
            root.insert("openapi".to_owned(), json!("3.0.3"));
        } else if let Some(Value::Number(n)) = root.get("openapi") {
            let text = n.to_string();
            root.insert("openapi".to_owned(), json!(text));
        }
        root.entry("paths").or_insert_with(|| json!({}));
    }
    walk::decode_local_refs(&mut document);
    if is_31 {
        openapi31::hoist_defs(&mut document, diags);
    }
    let swagger = version == SpecVersion::Swagger2;
    walk::for_each_schema(&mut document, diags, &mut |schema, at, diags| {
        if swagger {
            schema::swagger2(schema);
        }
        schema::json_schema(schema, at, is_31, diags);
    });
    document
}
