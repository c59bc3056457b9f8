//! Where a value sits in an OpenAPI document, and the walk by place shared by the
//! bundler ([`super::bundle`]), the `$id`/`$anchor` index ([`super::anchors`]) and
//! the upgrade's schema visitor (`crate::upgrade::walk`).
//!
//! A value's [`Place`] follows from the keys above it, the way the specification
//! places things: `components/schemas/*`, `definitions/*` (Swagger 2.0) and every
//! `schema` member of a parameter, header or media type are schemas; inside a schema
//! every subschema keyword (`properties/*`, `items`, `allOf/*`, …) is one. Names
//! (`properties`, `headers`, `content`, `components/parameters`, …) are never read as
//! keywords, so a property or a parameter called `schema` stays what it is. Example and
//! default values, `enum`/`const` lists and `x-` extensions are [`Place::Data`].
//!
//! [`walk`] visits a value and then its children in document order, recursively, down
//! to [`Visit::MAX_DEPTH`] levels (deeper values are reported to the visitor, not walked).

use serde_json::Value;

use super::refs::push_token;

/// Where a value sits, as far as schemas and refs care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Root,
    Components,
    /// A value that is a schema.
    Schema,
    /// A map whose values are schemas (`properties`, `definitions`, …).
    SchemaMap,
    /// A list whose items are schemas (`allOf`, …).
    SchemaList,
    /// A map of named objects (`components/parameters`, `headers`, `content`,
    /// …): its keys are names, never keywords, so a parameter named
    /// `schema` stays a parameter.
    NamedMap,
    /// Any other part of the document's structure (operations, parameters, …).
    Other,
    /// Data (examples, defaults, enums, extensions): never a schema.
    Data,
}

impl Place {
    /// The place of the member `key` of an object in this place.
    pub(crate) fn child(self, key: &str) -> Place {
        if key.starts_with("x-") {
            return Place::Data;
        }
        match self {
            Place::Root => match key {
                "definitions" => Place::SchemaMap,
                "components" => Place::Components,
                "parameters" | "responses" | "securityDefinitions" => Place::NamedMap,
                "info" | "servers" | "tags" | "security" | "externalDocs" => Place::Data,
                _ => Place::Other,
            },
            Place::Components => match key {
                "schemas" => Place::SchemaMap,
                "examples" | "securitySchemes" | "links" => Place::Data,
                _ => Place::NamedMap,
            },
            Place::NamedMap => Place::Other,
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
                "headers" | "encoding" | "content" | "responses" | "callbacks" | "paths" => {
                    Place::NamedMap
                }
                "example" | "examples" | "default" | "enum" | "const" | "security" | "servers"
                | "links" | "externalDocs" => Place::Data,
                _ => Place::Other,
            },
            Place::Data => Place::Data,
        }
    }

    /// The place of the items of an array in this place (`items: [..]` tuples are
    /// schemas too; a list of parameters is structure).
    pub(crate) fn item(self) -> Place {
        match self {
            Place::Schema | Place::SchemaList => Place::Schema,
            Place::Other => Place::Other,
            _ => Place::Data,
        }
    }
}

/// Whether a `$ref` object at `at` (in `place`, under `key`) is a Reference Object
/// to follow, as the specifications place them: schemas, the entries of maps of
/// named objects (`responses/default`, `headers/*`, `paths/*`, …), parameter lists,
/// and Example Objects (`examples/*`). Everywhere else, text fields of the
/// structure (`description`, `summary`, …) and data (`default`, `example`, `enum`,
/// `const`, extensions, `info`, `servers`), a `$ref` is data and is never followed,
/// so that it cannot pull a file's text into the output.
pub(crate) fn holds_reference(at: &str, place: Place, key: &str) -> bool {
    /// Members of operations, parameters and the like that are text, never objects.
    const TEXT_MEMBERS: &[&str] = &[
        "description",
        "summary",
        "title",
        "operationId",
        "name",
        "in",
        "style",
        "url",
        "tags",
    ];
    /// Maps whose values are named objects, each of which may be a Reference Object.
    const NAMED_MAPS: &[&str] = &[
        "paths",
        "responses",
        "parameters",
        "requestBodies",
        "headers",
        "securitySchemes",
        "links",
        "callbacks",
        "pathItems",
        "content",
        "encoding",
        "schemas",
        "definitions",
    ];
    let parent = at.rsplit('/').nth(1).unwrap_or_default();
    match place {
        Place::Data => parent == "examples" && !key.is_empty(),
        Place::Schema | Place::SchemaMap | Place::SchemaList => true,
        _ => (NAMED_MAPS.contains(&parent) && !key.is_empty()) || !TEXT_MEMBERS.contains(&key),
    }
}

/// Whether [`walk`] goes on into a value's children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Descend,
    Skip,
}

/// What [`walk`] calls.
pub(crate) trait Visit {
    /// Values nested deeper than this (the root is at depth 0) are not walked.
    const MAX_DEPTH: usize;

    /// Called on each value before its children, with its pointer (RFC 6901 text),
    /// its place, its key in the parent object (`""` for array items and the root)
    /// and its depth. May replace the value; the children walked are the new value's.
    fn enter(&mut self, value: &mut Value, at: &str, place: Place, key: &str, depth: usize)
    -> Step;

    /// Called instead of [`Visit::enter`] for a value deeper than [`Visit::MAX_DEPTH`].
    fn too_deep(&mut self, at: &str, place: Place);
}

/// Walks `value` (at pointer `at`, in `place`, under `key`, at `depth`) and its
/// children. `at` is restored before returning.
pub(crate) fn walk<V: Visit + ?Sized>(
    visitor: &mut V,
    value: &mut Value,
    at: &mut String,
    place: Place,
    key: &str,
    depth: usize,
) {
    if depth > V::MAX_DEPTH {
        visitor.too_deep(at, place);
        return;
    }
    if visitor.enter(value, at, place, key, depth) == Step::Skip {
        return;
    }
    match value {
        Value::Object(map) => {
            for (child_key, child) in map.iter_mut() {
                let len = at.len();
                push_token(at, child_key);
                walk(
                    visitor,
                    child,
                    at,
                    place.child(child_key),
                    child_key,
                    depth + 1,
                );
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            let item_place = place.item();
            for (i, child) in items.iter_mut().enumerate() {
                let len = at.len();
                at.push('/');
                at.push_str(&i.to_string());
                walk(visitor, child, at, item_place, "", depth + 1);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Records `(pointer, place)` of every value walked, skipping data.
    struct Record(Vec<(String, Place)>);

    impl Visit for Record {
        const MAX_DEPTH: usize = 4;
        fn enter(&mut self, _: &mut Value, at: &str, place: Place, _: &str, _: usize) -> Step {
            if place == Place::Data {
                return Step::Skip;
            }
            self.0.push((at.to_owned(), place));
            Step::Descend
        }
        fn too_deep(&mut self, at: &str, _: Place) {
            self.0.push((format!("too deep: {at}"), Place::Data));
        }
    }

    #[test]
    fn places_follow_the_keys_above() {
        let mut doc = json!({
            "definitions": {"A": {"properties": {"schema": {"items": {}}}}},
            "x-ext": {"schema": {}},
            "components": {"examples": {"E": {}}, "parameters": {"schema": {"schema": {}}}}
        });
        let mut record = Record(Vec::new());
        walk(
            &mut record,
            &mut doc,
            &mut String::new(),
            Place::Root,
            "",
            0,
        );
        let places: Vec<(&str, Place)> = record.0.iter().map(|(a, p)| (a.as_str(), *p)).collect();
        assert_eq!(
            places,
            vec![
                ("", Place::Root),
                ("/definitions", Place::SchemaMap),
                ("/definitions/A", Place::Schema),
                ("/definitions/A/properties", Place::SchemaMap),
                ("/definitions/A/properties/schema", Place::Schema),
                (
                    "too deep: /definitions/A/properties/schema/items",
                    Place::Data
                ),
                ("/components", Place::Components),
                ("/components/parameters", Place::NamedMap),
                ("/components/parameters/schema", Place::Other),
                ("/components/parameters/schema/schema", Place::Schema),
            ]
        );
    }
}
