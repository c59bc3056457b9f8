//! Per-schema rewrites to the OpenAPI 3.0 Schema Object.
//!
//! [`swagger2`] fixes the few 2.0-only spellings; [`json_schema`] maps the
//! JSON Schema 2020-12 keywords of OpenAPI 3.1 (also applied to 3.0 documents,
//! where they are invalid but common: every rule is a no-op on a valid 3.0
//! schema, except `$ref` siblings, which 3.0 ignores and so are left alone):
//!
//! | 3.1 | 3.0 |
//! |---|---|
//! | `type: [T, "null"]` | `type: T, nullable: true` |
//! | `type: [A, B]` | `anyOf: [{type: A, …}, {type: B, …}]` (type-specific keywords move into their branch) |
//! | `type: "null"` | `nullable: true, enum: [null]` |
//! | `anyOf`/`oneOf` with a `{type: "null"}` branch | the other branches + `nullable: true` (one `$ref` left: `allOf: [{$ref}]`) |
//! | `const: v` | `enum: [v]` |
//! | `exclusiveMinimum: n` | `minimum: n, exclusiveMinimum: true` (the stricter bound wins) |
//! | `examples: [a, …]` | `example: a` |
//! | `$ref` + siblings | `allOf: [{$ref}]` + siblings (annotations alone stay beside the `$ref`) |
//! | `contentEncoding: base64` | `format: byte` |
//! | `contentMediaType` (no encoding) | `format: binary` |
//! | `prefixItems: [A, B]` | `items: {anyOf: [A, B, items]}` + warning SF1004 |
//! | `$defs` | hoisted by [`super::openapi31`] |
//!
//! Keywords without a 3.0 equivalent that change which values are valid
//! (`if`/`then`/`else`, `dependentSchemas`, `patternProperties`, …) are kept
//! (openapiv3 ignores them) and reported once per schema (SF1008).

use serde_json::{Map, Value, json};

use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// Swagger 2.0 schema spellings: `x-nullable`, string `discriminator`, `type: file`.
pub(crate) fn swagger2(schema: &mut Map<String, Value>) {
    if let Some(nullable) = schema.remove("x-nullable")
        && nullable.as_bool() == Some(true)
    {
        schema.insert("nullable".to_owned(), Value::Bool(true));
    }
    if let Some(Value::String(property)) = schema.get("discriminator") {
        let object = json!({ "propertyName": property });
        schema.insert("discriminator".to_owned(), object);
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".to_owned(), json!("string"));
        schema.insert("format".to_owned(), json!("binary"));
    }
}

/// Keywords that only apply to instances of one JSON type.
fn keyword_type(keyword: &str) -> Option<&'static [&'static str]> {
    Some(match keyword {
        "minLength" | "maxLength" | "pattern" | "contentEncoding" | "contentMediaType" => {
            &["string"]
        }
        "format" => &["string", "integer", "number"],
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {
            &["integer", "number"]
        }
        "items" | "prefixItems" | "minItems" | "maxItems" | "uniqueItems" | "contains"
        | "minContains" | "maxContains" => &["array"],
        "properties"
        | "required"
        | "additionalProperties"
        | "patternProperties"
        | "minProperties"
        | "maxProperties"
        | "propertyNames"
        | "discriminator" => &["object"],
        _ => return None,
    })
}

/// 3.1 keywords with no 3.0 equivalent that change validation.
const UNSUPPORTED: [&str; 11] = [
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "unevaluatedProperties",
    "unevaluatedItems",
    "patternProperties",
    "propertyNames",
    "contains",
    "$dynamicRef",
];

/// Annotation keywords: beside a `$ref` they change no type.
const ANNOTATIONS: [&str; 9] = [
    "description",
    "summary",
    "title",
    "deprecated",
    "readOnly",
    "writeOnly",
    "example",
    "examples",
    "$comment",
];

/// JSON Schema 2020-12 (OpenAPI 3.1) → 3.0. `ref_siblings`: wrap `$ref` with
/// siblings in `allOf` (3.1 semantics; 3.0 ignores the siblings).
pub(crate) fn json_schema(
    schema: &mut Map<String, Value>,
    at: &str,
    ref_siblings: bool,
    diags: &mut Diagnostics,
) {
    if let Some(value) = schema.remove("const")
        && !schema.contains_key("enum")
    {
        schema.insert("enum".to_owned(), Value::Array(vec![value]));
    }
    if let Some(Value::Array(examples)) = schema.get("examples") {
        let first = examples.first().cloned();
        schema.remove("examples");
        if let Some(first) = first {
            schema.entry("example").or_insert(first);
        }
    }
    exclusive_bound(schema, "exclusiveMinimum", "minimum", |new, old| new >= old);
    exclusive_bound(schema, "exclusiveMaximum", "maximum", |new, old| new <= old);
    content_format(schema);
    prefix_items(schema, at, diags);
    null_branches(schema);
    types(schema);
    let unsupported: Vec<&str> = UNSUPPORTED
        .iter()
        .copied()
        .filter(|k| schema.contains_key(*k))
        .collect();
    if !unsupported.is_empty() {
        diags.push(
            Diagnostic::warning(
                "SF1008",
                Pointer::from_fragment(at),
                format!(
                    "{} {} no OpenAPI 3.0 equivalent; generated types do not check {}",
                    unsupported.join(", "),
                    if unsupported.len() == 1 { "has" } else { "have" },
                    if unsupported.len() == 1 { "it" } else { "them" },
                ),
            )
            .with_help("the client accepts a superset of the valid values; express the constraint with properties, enums or oneOf if it matters"),
        );
    }
    if ref_siblings && schema.contains_key("$ref") {
        wrap_ref(schema);
    }
}

/// `exclusiveMinimum: 5` → `minimum: 5, exclusiveMinimum: true`, keeping the
/// stricter bound when `minimum` is also given. `stricter(new, old)`.
fn exclusive_bound(
    schema: &mut Map<String, Value>,
    exclusive: &str,
    inclusive: &str,
    stricter: fn(f64, f64) -> bool,
) {
    let Some(Value::Number(bound)) = schema.get(exclusive).cloned() else {
        return;
    };
    let new = bound.as_f64().unwrap_or(0.0);
    let old = schema.get(inclusive).and_then(Value::as_f64);
    match old {
        Some(old) if !stricter(new, old) => {
            // The inclusive bound is stricter: the exclusive one adds nothing.
            schema.remove(exclusive);
        }
        _ => {
            schema.insert(inclusive.to_owned(), Value::Number(bound));
            schema.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
}

fn content_format(schema: &mut Map<String, Value>) {
    if schema.contains_key("format") {
        return;
    }
    let encoding = schema.get("contentEncoding").and_then(Value::as_str);
    match encoding {
        Some(e) if e.eq_ignore_ascii_case("base64") || e.eq_ignore_ascii_case("base64url") => {
            schema.insert("format".to_owned(), json!("byte"));
        }
        None if schema.contains_key("contentMediaType") => {
            schema.insert("format".to_owned(), json!("binary"));
        }
        _ => {}
    }
}

fn prefix_items(schema: &mut Map<String, Value>, at: &str, diags: &mut Diagnostics) {
    let Some(Value::Array(mut branches)) = schema.remove("prefixItems") else {
        return;
    };
    match schema.remove("items") {
        Some(Value::Bool(false)) | None => {}
        Some(Value::Bool(true)) => branches.push(json!({})),
        Some(rest) => branches.push(rest),
    }
    let items = if branches.len() == 1 {
        branches.pop().unwrap_or_else(|| json!({}))
    } else {
        json!({ "anyOf": branches })
    };
    schema.insert("items".to_owned(), items);
    diags.push(
        Diagnostic::warning(
            "SF1004",
            Pointer::from_fragment(at).push("prefixItems"),
            "a tuple (`prefixItems`) has no OpenAPI 3.0 form: it is read as an array whose items may be any of the tuple's types",
        )
        .with_help("the generated type is a Vec of a union; describe the positions in the documentation if they matter"),
    );
}

/// `anyOf: [X, {type: "null"}]` → X, nullable (the 3.1 idiom for an optional
/// value). With one branch left it replaces the list (a `$ref` is wrapped in
/// `allOf` so `nullable` applies); with several, the list stays without the
/// null branch.
fn null_branches(schema: &mut Map<String, Value>) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(branches)) = schema.get_mut(key) else {
            continue;
        };
        let is_null = |b: &Value| {
            b.get("type").and_then(Value::as_str) == Some("null")
                && b.as_object().is_some_and(|m| {
                    m.keys().all(|k| {
                        k == "type" || k.starts_with("x-") || ANNOTATIONS.contains(&k.as_str())
                    })
                })
        };
        let before = branches.len();
        branches.retain(|b| !is_null(b));
        if branches.len() == before {
            continue;
        }
        schema.insert("nullable".to_owned(), Value::Bool(true));
        let Some(Value::Array(branches)) = schema.get_mut(key) else {
            continue;
        };
        if branches.len() != 1 {
            continue;
        }
        let only = branches.pop().unwrap_or_default();
        schema.remove(key);
        match only {
            Value::Object(branch) if branch.contains_key("$ref") => {
                let all_of = schema
                    .entry("allOf")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(all) = all_of {
                    all.insert(0, Value::Object(branch));
                }
            }
            Value::Object(branch) => {
                for (k, v) in branch {
                    schema.entry(k).or_insert(v);
                }
            }
            _ => {}
        }
    }
}

/// `type` arrays and the `null` type.
fn types(schema: &mut Map<String, Value>) {
    let names: Vec<String> = match schema.get("type") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(name)) if name == "null" => vec![name.clone()],
        _ => return,
    };
    let nullable = names.iter().any(|n| n == "null");
    let mut rest: Vec<String> = names.into_iter().filter(|n| n != "null").collect();
    rest.dedup();
    schema.remove("type");
    if nullable {
        schema.insert("nullable".to_owned(), Value::Bool(true));
    }
    match rest.len() {
        0 => {
            if nullable && !schema.contains_key("enum") {
                schema.insert("enum".to_owned(), json!([null]));
            }
        }
        1 => {
            if let Some(only) = rest.pop() {
                schema.insert("type".to_owned(), Value::String(only));
            }
        }
        _ => {
            // Type-specific keywords move into the branch of their type.
            let mut branches: Vec<Map<String, Value>> = rest
                .iter()
                .map(|t| {
                    let mut branch = Map::new();
                    branch.insert("type".to_owned(), Value::String(t.clone()));
                    branch
                })
                .collect();
            let keys: Vec<String> = schema.keys().cloned().collect();
            for key in keys {
                let Some(applies) = keyword_type(&key) else {
                    continue;
                };
                let Some(value) = schema.remove(&key) else {
                    continue;
                };
                for branch in &mut branches {
                    let branch_type = branch
                        .get("type")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    if applies.contains(&branch_type) {
                        branch.insert(key.clone(), value.clone());
                    }
                }
            }
            let any_of: Vec<Value> = branches.into_iter().map(Value::Object).collect();
            match schema.contains_key("anyOf") {
                // Both a type list and anyOf: both must hold.
                true => {
                    let existing = schema.remove("anyOf").unwrap_or(Value::Null);
                    let all_of = schema
                        .entry("allOf")
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(all) = all_of {
                        all.push(json!({ "anyOf": existing }));
                        all.push(json!({ "anyOf": any_of }));
                    }
                }
                false => {
                    schema.insert("anyOf".to_owned(), Value::Array(any_of));
                }
            }
        }
    }
}

/// `{$ref, siblings…}` → `{allOf: [{$ref}], siblings…}` when a sibling is more
/// than an annotation.
fn wrap_ref(schema: &mut Map<String, Value>) {
    let meaningful = schema
        .keys()
        .any(|k| k != "$ref" && !k.starts_with("x-") && !ANNOTATIONS.contains(&k.as_str()));
    if !meaningful {
        return;
    }
    let Some(reference) = schema.remove("$ref") else {
        return;
    };
    let reference = json!({ "$ref": reference });
    match schema.get_mut("allOf") {
        Some(Value::Array(all)) => all.insert(0, reference),
        _ => {
            schema.insert("allOf".to_owned(), Value::Array(vec![reference]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: Value) -> (Value, Vec<&'static str>) {
        let mut diags = Diagnostics::default();
        let mut value = input;
        if let Value::Object(map) = &mut value {
            json_schema(map, "/s", true, &mut diags);
        }
        (value, diags.iter().map(|d| d.code).collect())
    }

    #[test]
    fn nullable_type_array() {
        assert_eq!(
            run(json!({"type": ["string", "null"], "maxLength": 3})).0,
            json!({"type": "string", "nullable": true, "maxLength": 3})
        );
    }

    #[test]
    fn type_array_becomes_any_of_with_keywords_in_branches() {
        assert_eq!(
            run(json!({"type": ["string", "integer", "null"], "maxLength": 3, "minimum": 1, "format": "int64", "description": "d"})).0,
            json!({"nullable": true, "description": "d", "anyOf": [
                {"type": "string", "maxLength": 3, "format": "int64"},
                {"type": "integer", "minimum": 1, "format": "int64"}
            ]})
        );
    }

    #[test]
    fn null_branches_become_nullable() {
        assert_eq!(
            run(json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "description": "d"})).0,
            json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert_eq!(
            run(json!({"oneOf": [{"type": "string", "maxLength": 2}, {"type": "null"}]})).0,
            json!({"nullable": true, "type": "string", "maxLength": 2})
        );
        assert_eq!(
            run(json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]})).0,
            json!({"nullable": true, "anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
    }

    #[test]
    fn null_type_alone() {
        assert_eq!(
            run(json!({"type": "null"})).0,
            json!({"nullable": true, "enum": [null]})
        );
    }

    #[test]
    fn const_and_examples() {
        assert_eq!(
            run(json!({"const": "a", "examples": ["x", "y"]})).0,
            json!({"enum": ["a"], "example": "x"})
        );
    }

    #[test]
    fn exclusive_bounds() {
        assert_eq!(
            run(json!({"exclusiveMinimum": 0, "exclusiveMaximum": 10})).0,
            json!({"exclusiveMinimum": true, "exclusiveMaximum": true, "minimum": 0, "maximum": 10})
        );
        // The inclusive bound is stricter.
        assert_eq!(
            run(json!({"exclusiveMinimum": 0, "minimum": 5})).0,
            json!({"minimum": 5})
        );
        // The exclusive bound is stricter.
        assert_eq!(
            run(json!({"exclusiveMaximum": 3, "maximum": 5})).0,
            json!({"maximum": 3, "exclusiveMaximum": true})
        );
        // 3.0 booleans untouched.
        assert_eq!(
            run(json!({"minimum": 1, "exclusiveMinimum": true})).0,
            json!({"minimum": 1, "exclusiveMinimum": true})
        );
    }

    #[test]
    fn ref_with_siblings() {
        assert_eq!(
            run(json!({"$ref": "#/components/schemas/A", "nullable": true})).0,
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert_eq!(
            run(json!({"$ref": "#/components/schemas/A", "description": "d"})).0,
            json!({"$ref": "#/components/schemas/A", "description": "d"})
        );
    }

    #[test]
    fn content_encoding_and_media_type() {
        assert_eq!(
            run(json!({"type": "string", "contentEncoding": "base64"})).0["format"],
            "byte"
        );
        assert_eq!(
            run(json!({"type": "string", "contentMediaType": "image/png"})).0["format"],
            "binary"
        );
    }

    #[test]
    fn prefix_items_warns() {
        let (value, codes) = run(
            json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false}),
        );
        assert_eq!(
            value,
            json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}})
        );
        assert_eq!(codes, vec!["SF1004"]);
    }

    #[test]
    fn unsupported_keywords_warn() {
        let (_, codes) = run(json!({"if": {}, "then": {}}));
        assert_eq!(codes, vec!["SF1008"]);
    }

    #[test]
    fn swagger2_spellings() {
        let mut map = json!({"x-nullable": true, "discriminator": "kind", "type": "file"});
        if let Value::Object(m) = &mut map {
            swagger2(m);
        }
        assert_eq!(
            map,
            json!({"nullable": true, "discriminator": {"propertyName": "kind"}, "type": "string", "format": "binary"})
        );
    }
}
