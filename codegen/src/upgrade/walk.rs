//! Visiting every schema of an OpenAPI 3.x-shaped document.
//!
//! Schemas are found by where they sit, the way the specification places
//! them: `components/schemas/*`, every `schema` member of a parameter, header
//! or media type (at any depth of paths, components, callbacks), and inside a
//! schema every subschema keyword (`properties/*`, `items`, `allOf/*`, …).
//! Example and default values, `enum`/`const` lists and `x-` extensions are
//! data and never visited.
//!
//! Each schema object is handed to the visitor *before* its subschemas, so a
//! visitor may rewrite a node into new subschemas (`anyOf`, `allOf`) and those
//! are visited too. Boolean subschemas (3.1: `items: true`, `not: false`) are
//! turned into `{}` and `{"not": {}}` on the way, except where 3.0 allows a
//! boolean (`additionalProperties`). Nesting deeper than [`MAX_DEPTH`] is not
//! visited and is reported once (SF1013); the walk is recursive but bounded.
//! Places and the walk itself are shared with the loader (`crate::load::places`).

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};
use crate::load::places::{Place, Step, Visit, walk};
pub(crate) use crate::load::refs::push_token;

/// The deepest schema nesting visited.
pub(crate) const MAX_DEPTH: usize = 200;

/// What [`for_each_schema`] calls: `visit(schema, pointer, diags)`.
pub(crate) type Visitor<'a> = dyn FnMut(&mut Map<String, Value>, &str, &mut Diagnostics) + 'a;

/// Calls `visit(schema, pointer, diags)` on every schema object of `document`.
pub(crate) fn for_each_schema(
    document: &mut Value,
    diags: &mut Diagnostics,
    visit: &mut Visitor<'_>,
) {
    let mut walker = SchemaWalker {
        diags,
        visit,
        reported_depth: false,
    };
    walk(
        &mut walker,
        document,
        &mut String::new(),
        Place::Root,
        "",
        0,
    );
}

/// The [`Visit`] of [`for_each_schema`]: schemas to the visitor, data skipped.
struct SchemaWalker<'a, 'v> {
    diags: &'a mut Diagnostics,
    visit: &'a mut Visitor<'v>,
    reported_depth: bool,
}

impl Visit for SchemaWalker<'_, '_> {
    const MAX_DEPTH: usize = MAX_DEPTH;

    fn enter(&mut self, value: &mut Value, at: &str, place: Place, key: &str, _: usize) -> Step {
        if place == Place::Data {
            return Step::Skip;
        }
        if place == Place::Schema
            && let Value::Bool(allowed) = value
            && key != "additionalProperties"
        {
            *value = boolean_schema(*allowed);
        }
        if place == Place::Schema
            && let Value::Object(map) = value
        {
            (self.visit)(map, at, self.diags);
        }
        Step::Descend
    }

    fn too_deep(&mut self, at: &str, place: Place) {
        if place == Place::Data || self.reported_depth {
            return;
        }
        self.reported_depth = true;
        self.diags.push(
            Diagnostic::warning(
                "SF1013",
                Pointer::from_fragment(at),
                format!("nesting deeper than {MAX_DEPTH} levels is not upgraded"),
            )
            .with_help("flatten the schema with named components"),
        );
    }
}

/// `true` accepts anything, `false` nothing.
pub(crate) fn boolean_schema(allowed: bool) -> Value {
    if allowed {
        Value::Object(Map::new())
    } else {
        let mut map = Map::new();
        map.insert("not".to_owned(), Value::Object(Map::new()));
        Value::Object(map)
    }
}

/// Rewrites every `$ref` string of `document` that starts with one of the
/// `(old, new)` prefixes (first match wins).
pub(crate) fn rewrite_refs(document: &mut Value, prefixes: &[(String, String)]) {
    if prefixes.is_empty() {
        return;
    }
    let mut stack = vec![document];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref")
                    && let Some((old, new)) = prefixes
                        .iter()
                        .find(|(old, _)| reference.starts_with(old.as_str()))
                {
                    let rest = reference.get(old.len()..).unwrap_or_default();
                    *reference = format!("{new}{rest}");
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Local refs written as percent-encoded URI fragments (`#/paths/~1a%7Bid%7D`,
/// RFC 6901 section 6) become plain JSON pointers (`#/paths/~1a{id}`), so the
/// stages after the upgrade resolve them by plain look-up.
pub(crate) fn decode_local_refs(document: &mut Value) {
    let mut stack = vec![document];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref")
                    && reference.starts_with('#')
                    && reference.contains('%')
                {
                    *reference = crate::load::refs::percent_decode(reference);
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn visits_schemas_not_data() {
        let mut doc = json!({
            "paths": {"/a": {"get": {
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "", "content": {"application/json": {
                    "schema": {"type": "object", "properties": {"p": {"items": true}}},
                    "example": {"type": "not a schema"}
                }}}}
            }}},
            "components": {"schemas": {"A": {"allOf": [{"type": "integer"}]}}, "examples": {"E": {"value": {"type": "x"}}}}
        });
        let mut seen = Vec::new();
        let mut diags = Diagnostics::default();
        for_each_schema(&mut doc, &mut diags, &mut |_, at, _| {
            seen.push(at.to_owned())
        });
        seen.sort();
        assert_eq!(
            seen,
            vec![
                "/components/schemas/A",
                "/components/schemas/A/allOf/0",
                "/paths/~1a/get/parameters/0/schema",
                "/paths/~1a/get/responses/200/content/application~1json/schema",
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/p",
                "/paths/~1a/get/responses/200/content/application~1json/schema/properties/p/items",
            ]
        );
        assert_eq!(
            doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                ["properties"]["p"]["items"],
            json!({})
        );
    }

    #[test]
    fn decodes_percent_encoded_local_refs() {
        let mut doc =
            json!({"a": {"$ref": "#/paths/~1a%7Bid%7D/get"}, "b": {"$ref": "other.json#/x%20y"}});
        decode_local_refs(&mut doc);
        assert_eq!(
            doc,
            json!({"a": {"$ref": "#/paths/~1a{id}/get"}, "b": {"$ref": "other.json#/x%20y"}})
        );
    }

    #[test]
    fn names_are_not_keywords() {
        // A parameter component named `schema` and a header named `schema`.
        let mut doc = json!({"components": {"parameters": {"schema": {"name": "schema", "in": "query",
            "schema": {"type": ["string", "null"]}}}},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "", "headers": {"schema": {"schema": {"type": "integer"}}}}}}}}});
        let mut seen = Vec::new();
        let mut diags = Diagnostics::default();
        for_each_schema(&mut doc, &mut diags, &mut |_, at, _| {
            seen.push(at.to_owned())
        });
        assert_eq!(
            seen,
            vec![
                "/components/parameters/schema/schema",
                "/paths/~1a/get/responses/200/headers/schema/schema"
            ]
        );
    }

    #[test]
    fn rewrites_ref_prefixes() {
        let mut doc = json!({"a": {"$ref": "#/definitions/Pet"}, "b": [{"$ref": "#/parameters/p"}], "c": {"$ref": "#/other"}});
        rewrite_refs(
            &mut doc,
            &[
                (
                    "#/definitions/".to_owned(),
                    "#/components/schemas/".to_owned(),
                ),
                (
                    "#/parameters/".to_owned(),
                    "#/components/parameters/".to_owned(),
                ),
            ],
        );
        assert_eq!(
            doc,
            json!({"a": {"$ref": "#/components/schemas/Pet"}, "b": [{"$ref": "#/components/parameters/p"}], "c": {"$ref": "#/other"}})
        );
    }
}
