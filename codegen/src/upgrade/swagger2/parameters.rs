//! Swagger 2.0 parameters → OpenAPI 3.0 parameters and request bodies.
//!
//! - `in: query|header|path` parameters keep their place; their type keywords
//!   (`type`, `format`, `items`, `enum`, bounds, …) move into `schema`, and
//!   `collectionFormat` becomes `style`/`explode` (table below).
//! - The `in: body` parameter becomes the `requestBody`, one media type per
//!   `consumes` entry; its name is kept as `x-codegen-request-body-name`.
//! - `in: formData` parameters become one object schema in a
//!   `application/x-www-form-urlencoded` or `multipart/form-data` request body
//!   (multipart when a `consumes` entry says so or a parameter is a file;
//!   `type: file` becomes `format: binary`), with an Encoding Object per array.
//!
//! `collectionFormat` (vectors: `vectors/collection-format.tsv`):
//!
//! | 2.0 | query / formData | path / header |
//! |---|---|---|
//! | `csv` (default) | `form`, explode false | `simple`, explode false |
//! | `ssv` | `spaceDelimited`, explode false | no equivalent: SF1001 |
//! | `pipes` | `pipeDelimited`, explode false | no equivalent: SF1001 |
//! | `tsv` | no equivalent: SF1001 | no equivalent: SF1001 |
//! | `multi` | `form`, explode true | invalid in 2.0: error SF1002 |
//!
//! Without an equivalent the parameter is sent comma-separated and a warning
//! says so.

use serde_json::{Map, Value, json};

use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// A 2.0 parameter object with its pointer in the source document.
pub(crate) type Located = (Map<String, Value>, Pointer);

/// Type keywords that move from a 2.0 parameter, items or header into a schema.
const SCHEMA_KEYS: [&str; 18] = [
    "type",
    "format",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
    "x-example",
    "example",
];

/// The schema described by a non-body parameter, an Items object or a header.
pub(crate) fn schema_of(
    object: &Map<String, Value>,
    at: &Pointer,
    diags: &mut Diagnostics,
) -> Value {
    let mut schema = Map::new();
    for key in SCHEMA_KEYS {
        if let Some(value) = object.get(key) {
            let key = if key == "x-example" { "example" } else { key };
            schema.insert(key.to_owned(), value.clone());
        }
    }
    if let Some(Value::Object(items)) = object.get("items") {
        let items_at = at.push("items");
        if let Some(Value::String(format)) = items.get("collectionFormat") {
            diags.push(
                Diagnostic::warning(
                    "SF1001",
                    items_at.push("collectionFormat"),
                    format!("collectionFormat `{format}` of nested array items has no OpenAPI 3 equivalent; inner arrays are sent comma-separated"),
                )
                .with_help("avoid arrays of arrays in parameters, or check the server accepts commas"),
            );
        }
        schema.insert("items".to_owned(), schema_of(items, &items_at, diags));
    } else if let Some(Value::String(reference)) = object.get("$ref") {
        schema.insert("$ref".to_owned(), Value::String(reference.clone()));
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".to_owned(), json!("string"));
        schema.insert("format".to_owned(), json!("binary"));
    }
    Value::Object(schema)
}

/// `style` and `explode` for an array parameter at `location`.
pub(crate) fn style(
    format: Option<&str>,
    location: &str,
    at: &Pointer,
    diags: &mut Diagnostics,
) -> (&'static str, bool) {
    let format = format.unwrap_or("csv");
    let simple = matches!(location, "path" | "header");
    let no_equivalent = |diags: &mut Diagnostics| {
        diags.push(
            Diagnostic::warning(
                "SF1001",
                at.push("collectionFormat"),
                format!("collectionFormat `{format}` in {location} has no OpenAPI 3 equivalent; the values are sent comma-separated"),
            )
            .with_help("check the server also accepts comma-separated values (collectionFormat csv)"),
        );
    };
    match (format, simple) {
        ("csv", true) => ("simple", false),
        ("csv", false) => ("form", false),
        ("ssv", false) => ("spaceDelimited", false),
        ("pipes", false) => ("pipeDelimited", false),
        ("multi", false) => ("form", true),
        ("multi", true) => {
            diags.push(
                Diagnostic::error(
                    "SF1002",
                    at.push("collectionFormat"),
                    format!("collectionFormat `multi` is not allowed in {location} (Swagger 2.0 allows it only in query and formData)"),
                )
                .with_help("use collectionFormat csv for path and header parameters"),
            );
            ("simple", false)
        }
        (_, true) => {
            no_equivalent(diags);
            ("simple", false)
        }
        ("tsv", false) => {
            no_equivalent(diags);
            ("form", false)
        }
        (other, false) => {
            diags.push(
                Diagnostic::warning(
                    "SF1010",
                    at.push("collectionFormat"),
                    format!(
                        "unknown collectionFormat `{other}`; the values are sent comma-separated"
                    ),
                )
                .with_help("use csv, ssv, tsv, pipes or multi"),
            );
            ("form", false)
        }
    }
}

/// A query, header or path parameter in 3.0 form.
pub(crate) fn parameter(
    param: &Map<String, Value>,
    at: &Pointer,
    diags: &mut Diagnostics,
) -> Value {
    let mut out = Map::new();
    let location = param
        .get("in")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    for (key, value) in param {
        match key.as_str() {
            "name" | "in" | "description" | "required" | "allowEmptyValue" | "deprecated" => {
                out.insert(key.clone(), value.clone());
            }
            k if k.starts_with("x-") && k != "x-nullable" && k != "x-example" => {
                out.insert(key.clone(), value.clone());
            }
            _ => {}
        }
    }
    if location == "path" {
        out.insert("required".to_owned(), Value::Bool(true));
    }
    let schema = schema_of(param, at, diags);
    if let Some(Value::String(example)) = param.get("x-example") {
        out.insert("example".to_owned(), Value::String(example.clone()));
    }
    if schema.get("type").and_then(Value::as_str) == Some("array") {
        let format = param.get("collectionFormat").and_then(Value::as_str);
        let (style, explode) = style(format, &location, at, diags);
        out.insert("style".to_owned(), json!(style));
        out.insert("explode".to_owned(), json!(explode));
    }
    out.insert("schema".to_owned(), schema);
    Value::Object(out)
}

/// The request body of a `body` parameter.
pub(crate) fn body(param: &Map<String, Value>, consumes: &[String]) -> Value {
    let schema = param.get("schema").cloned().unwrap_or_else(|| json!({}));
    let mut content = Map::new();
    for media in media_types(consumes, &["application/json"]) {
        content.insert(media, json!({ "schema": schema }));
    }
    let mut out = Map::new();
    if let Some(description) = param.get("description") {
        out.insert("description".to_owned(), description.clone());
    }
    out.insert("content".to_owned(), Value::Object(content));
    let required = param
        .get("required")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    out.insert("required".to_owned(), Value::Bool(required));
    if let Some(name) = param.get("name") {
        out.insert("x-codegen-request-body-name".to_owned(), name.clone());
    }
    for (key, value) in param {
        if key.starts_with("x-") {
            out.insert(key.clone(), value.clone());
        }
    }
    Value::Object(out)
}

/// The request body of `formData` parameters (`(parameter, pointer)` pairs).
pub(crate) fn form(
    params: &[(Map<String, Value>, Pointer)],
    consumes: &[String],
    diags: &mut Diagnostics,
) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut encoding = Map::new();
    let mut has_file = false;
    for (param, at) in params {
        let name = param
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let mut schema = schema_of(param, at, diags);
        if schema.get("format").and_then(Value::as_str) == Some("binary") {
            has_file = true;
        }
        if let (Value::Object(map), Some(description)) = (&mut schema, param.get("description")) {
            map.insert("description".to_owned(), description.clone());
        }
        if schema.get("type").and_then(Value::as_str) == Some("array") {
            let format = param.get("collectionFormat").and_then(Value::as_str);
            let (style, explode) = style(format, "formData", at, diags);
            encoding.insert(name.clone(), json!({ "style": style, "explode": explode }));
        }
        if param.get("required").and_then(Value::as_bool) == Some(true) {
            required.push(Value::String(name.clone()));
        }
        properties.insert(name, schema);
    }
    let mut schema = Map::new();
    schema.insert("type".to_owned(), json!("object"));
    schema.insert("properties".to_owned(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".to_owned(), Value::Array(required.clone()));
    }
    let form_types: Vec<String> = consumes.iter().filter(|m| is_form(m)).cloned().collect();
    let fallback = if has_file {
        "multipart/form-data"
    } else {
        "application/x-www-form-urlencoded"
    };
    let mut content = Map::new();
    for media in media_types(&form_types, &[fallback]) {
        let mut media_object = Map::new();
        media_object.insert("schema".to_owned(), Value::Object(schema.clone()));
        if !encoding.is_empty() {
            media_object.insert("encoding".to_owned(), Value::Object(encoding.clone()));
        }
        content.insert(media, Value::Object(media_object));
    }
    json!({ "content": content, "required": !required.is_empty() })
}

fn is_form(media: &str) -> bool {
    let base = media.split(';').next().unwrap_or_default().trim();
    base.eq_ignore_ascii_case("multipart/form-data")
        || base.eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// `list`, or `fallback` when it is empty.
pub(crate) fn media_types(list: &[String], fallback: &[&str]) -> Vec<String> {
    if list.is_empty() {
        fallback.iter().map(|s| (*s).to_owned()).collect()
    } else {
        list.to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    fn styled(format: &str, location: &str) -> ((&'static str, bool), Vec<&'static str>) {
        let mut diags = Diagnostics::default();
        let r = style(Some(format), location, &Pointer::root(), &mut diags);
        (r, diags.iter().map(|d| d.code).collect())
    }

    /// Every row of vectors/collection-format.tsv (repository root).
    #[test]
    fn collection_format_vectors() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../vectors/collection-format.tsv"
        ))
        .unwrap_or_default();
        let mut rows = 0;
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(format), Some(location), Some(expected)) =
                (cols.get(1), cols.get(2), cols.get(5))
            else {
                continue;
            };
            rows += 1;
            let ((style, explode), codes) = styled(format, location);
            match *expected {
                "none" => assert_eq!(codes, vec!["SF1001"], "{line}"),
                "n/a" => assert_eq!(codes, vec!["SF1002"], "{line}"),
                want => {
                    assert_eq!(format!("{style} explode={explode}"), want, "{line}");
                    assert!(codes.is_empty(), "{line}");
                }
            }
        }
        assert!(rows >= 10, "vectors not found");
    }

    #[test]
    fn query_parameter_with_items() {
        let mut diags = Diagnostics::default();
        let p = object(
            json!({"name": "tags", "in": "query", "type": "array", "items": {"type": "string", "enum": ["a"]}, "collectionFormat": "multi", "x-a": 1, "required": false}),
        );
        assert_eq!(
            parameter(&p, &Pointer::root(), &mut diags),
            json!({"name": "tags", "in": "query", "required": false, "x-a": 1, "style": "form", "explode": true,
                   "schema": {"type": "array", "items": {"type": "string", "enum": ["a"]}}})
        );
    }

    #[test]
    fn body_gets_one_media_type_per_consumes() {
        let p = object(
            json!({"name": "pet", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}}),
        );
        assert_eq!(
            body(
                &p,
                &["application/json".to_owned(), "application/xml".to_owned()]
            ),
            json!({"content": {"application/json": {"schema": {"$ref": "#/definitions/Pet"}}, "application/xml": {"schema": {"$ref": "#/definitions/Pet"}}},
                   "required": true, "x-codegen-request-body-name": "pet"})
        );
    }

    #[test]
    fn form_data_with_file_is_multipart() {
        let mut diags = Diagnostics::default();
        let params = vec![
            (
                object(
                    json!({"name": "file", "in": "formData", "type": "file", "required": true, "description": "d"}),
                ),
                Pointer::root(),
            ),
            (
                object(
                    json!({"name": "ids", "in": "formData", "type": "array", "items": {"type": "integer"}}),
                ),
                Pointer::root(),
            ),
        ];
        assert_eq!(
            form(&params, &[], &mut diags),
            json!({"content": {"multipart/form-data": {
                "schema": {"type": "object", "properties": {
                    "file": {"type": "string", "format": "binary", "description": "d"},
                    "ids": {"type": "array", "items": {"type": "integer"}}
                }, "required": ["file"]},
                "encoding": {"ids": {"style": "form", "explode": false}}
            }}, "required": true})
        );
    }

    #[test]
    fn form_data_follows_consumes() {
        let mut diags = Diagnostics::default();
        let params = vec![(
            object(json!({"name": "a", "in": "formData", "type": "string"})),
            Pointer::root(),
        )];
        let out = form(
            &params,
            &[
                "application/x-www-form-urlencoded".to_owned(),
                "application/json".to_owned(),
            ],
            &mut diags,
        );
        assert_eq!(
            out["content"]
                .as_object()
                .map(|c| c.keys().cloned().collect::<Vec<_>>()),
            Some(vec!["application/x-www-form-urlencoded".to_owned()])
        );
    }
}
