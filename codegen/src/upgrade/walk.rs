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

use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};
pub(crate) use crate::load::refs::push_token;

/// The deepest schema nesting visited.
pub(crate) const MAX_DEPTH: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Components,
    Schema,
    SchemaMap,
    SchemaList,
    Other,
    /// Data: never looked into.
    Data,
}

impl Place {
    fn child(self, key: &str) -> Place {
        if key.starts_with("x-") {
            return Place::Data;
        }
        match self {
            Place::Root => match key {
                "components" => Place::Components,
                "info" | "servers" | "tags" | "security" | "externalDocs" => Place::Data,
                _ => Place::Other,
            },
            Place::Components => match key {
                "schemas" => Place::SchemaMap,
                "examples" | "securitySchemes" | "links" => Place::Data,
                _ => Place::Other,
            },
            Place::SchemaMap | Place::SchemaList => Place::Schema,
            Place::Schema => match key {
                "items"
                | "additionalProperties"
                | "not"
                | "additionalItems"
                | "contains"
                | "if"
                | "then"
                | "else"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "contentSchema" => Place::Schema,
                "properties" | "patternProperties" | "definitions" | "$defs"
                | "dependentSchemas" => Place::SchemaMap,
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => Place::SchemaList,
                _ => Place::Data,
            },
            Place::Other => match key {
                "schema" => Place::Schema,
                "example" | "examples" | "default" | "enum" | "const" | "security" | "servers"
                | "links" | "externalDocs" => Place::Data,
                _ => Place::Other,
            },
            Place::Data => Place::Data,
        }
    }

    fn item(self) -> Place {
        match self {
            Place::Schema | Place::SchemaList => Place::Schema,
            Place::Other => Place::Other,
            _ => Place::Data,
        }
    }
}

/// What [`for_each_schema`] calls: `visit(schema, pointer, diags)`.
pub(crate) type Visitor<'a> = dyn FnMut(&mut Map<String, Value>, &str, &mut Diagnostics) + 'a;

/// Calls `visit(schema, pointer, diags)` on every schema object of `document`.
pub(crate) fn for_each_schema(
    document: &mut Value,
    diags: &mut Diagnostics,
    visit: &mut Visitor<'_>,
) {
    let mut walker = Walker {
        diags,
        visit,
        reported_depth: false,
    };
    let mut at = String::new();
    walker.walk(document, &mut at, Place::Root, "", 0);
}

struct Walker<'a> {
    diags: &'a mut Diagnostics,
    visit: &'a mut Visitor<'a>,
    reported_depth: bool,
}

impl Walker<'_> {
    fn walk(&mut self, value: &mut Value, at: &mut String, place: Place, key: &str, depth: usize) {
        if place == Place::Data {
            return;
        }
        if depth > MAX_DEPTH {
            if !self.reported_depth {
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
            return;
        }
        if place == Place::Schema
            && let Value::Bool(allowed) = value
            && key != "additionalProperties"
        {
            *value = boolean_schema(*allowed);
        }
        match value {
            Value::Object(map) => {
                if place == Place::Schema {
                    (self.visit)(map, at, self.diags);
                }
                for (child_key, child) in map.iter_mut() {
                    let len = at.len();
                    push_token(at, child_key);
                    self.walk(child, at, place.child(child_key), child_key, depth + 1);
                    at.truncate(len);
                }
            }
            Value::Array(items) => {
                let item_place = place.item();
                for (i, child) in items.iter_mut().enumerate() {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&i.to_string());
                    self.walk(child, at, item_place, "", depth + 1);
                    at.truncate(len);
                }
            }
            _ => {}
        }
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
