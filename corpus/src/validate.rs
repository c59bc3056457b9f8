//! A small JSON Schema check of examples, to tell an invalid example from a generator
//! bug when a round trip fails.
//!
//! It checks what the generated types rely on: `type` (3.0 `nullable` and 3.1 type
//! lists included), `enum`, `required`, `properties`,
//! `additionalProperties`, `items`, `allOf`, and the formats
//! that change the Rust type (`date-time`, `date`, `uuid`, `int32`, `int64`). It follows
//! local `$ref`s and does not look into `oneOf`/`anyOf` (a failure under one is
//! classified as a generator bug candidate, to be looked at by hand).

use serde_json::Value;

/// How deep the check follows `$ref`s and nesting (guards cycles).
const MAX_DEPTH: usize = 64;

/// The first way `value` violates `schema`, with its JSON pointer, or `None`.
pub fn violation(value: &Value, schema: &Value, document: &Value) -> Option<String> {
    check(value, schema, document, String::new(), 0)
}

fn check(
    value: &Value,
    schema: &Value,
    document: &Value,
    at: String,
    depth: usize,
) -> Option<String> {
    if depth >= MAX_DEPTH {
        return None;
    }
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => match reference
            .strip_prefix('#')
            .and_then(|p| document.pointer(p))
        {
            Some(target) => return check(value, target, document, at, depth + 1),
            None => return None,
        },
        None => schema,
    };
    let place = || {
        if at.is_empty() {
            "/".to_owned()
        } else {
            at.clone()
        }
    };
    let nullable = schema.get("nullable") == Some(&Value::Bool(true));
    if value.is_null() && nullable {
        return None;
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() && !types.iter().any(|t| has_type(value, t)) {
        return Some(format!(
            "{}: {value} is not of type {}",
            place(),
            types.join("|")
        ));
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        return Some(format!(
            "{}: {value} is not one of the enum values",
            place()
        ));
    }
    if let (Some(text), Some(format)) =
        (value.as_str(), schema.get("format").and_then(Value::as_str))
        && !format_ok(text, format)
    {
        return Some(format!("{}: {text:?} is not a valid `{format}`", place()));
    }
    if let (Some(n), Some("int32")) = (value.as_i64(), schema.get("format").and_then(Value::as_str))
        && i32::try_from(n).is_err()
    {
        return Some(format!("{}: {n} does not fit int32", place()));
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        for part in parts {
            if let Some(v) = check(value, part, document, at.clone(), depth + 1) {
                return Some(v);
            }
        }
    }
    if let Some(object) = value.as_object() {
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for key in required.iter().filter_map(Value::as_str) {
                if !object.contains_key(key) {
                    return Some(format!("{}: required property `{key}` is missing", place()));
                }
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        let additional = schema.get("additionalProperties");
        for (key, item) in object {
            let here = format!("{at}/{key}");
            let own = match (properties.and_then(|p| p.get(key)), additional) {
                (Some(property), _) => property,
                // Only a schema without `allOf` can say alone that a key is not allowed.
                (None, Some(Value::Bool(false))) if schema.get("allOf").is_none() => {
                    return Some(format!(
                        "{here}: property not allowed (additionalProperties: false)"
                    ));
                }
                (None, Some(extra)) if extra.is_object() => extra,
                _ => continue,
            };
            if let Some(v) = check(item, own, document, here, depth + 1) {
                return Some(v);
            }
        }
    }
    if let (Some(list), Some(items)) = (value.as_array(), schema.get("items")) {
        for (i, item) in list.iter().enumerate() {
            if let Some(v) = check(item, items, document, format!("{at}/{i}"), depth + 1) {
                return Some(v);
            }
        }
    }
    None
}

fn has_type(value: &Value, ty: &str) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => true,
    }
}

/// The formats whose Rust type rejects other strings.
fn format_ok(text: &str, format: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let date = |s: &str| {
        let parts: Vec<&str> = s.split('-').collect();
        parts.len() == 3 && parts.iter().all(|p| digits(p)) && s.len() == 10
    };
    match format {
        "date" => date(text),
        "date-time" => {
            let Some((day, time)) = text.split_once(['T', 't']) else {
                return false;
            };
            let zoned = time.ends_with(['Z', 'z']) || time.contains(['+', '-']);
            date(day) && zoned && time.len() >= 6
        }
        "uuid" => {
            text.len() == 36
                && text.bytes().enumerate().all(|(i, b)| {
                    if matches!(i, 8 | 13 | 18 | 23) {
                        b == b'-'
                    } else {
                        b.is_ascii_hexdigit()
                    }
                })
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_type_required_enum_and_format_violations() {
        let doc = json!({"components": {"schemas": {"Id": {"type": "string", "format": "uuid"}}}});
        let schema = json!({
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"$ref": "#/components/schemas/Id"},
                "kind": {"type": "string", "enum": ["a", "b"]},
                "at": {"type": "string", "format": "date-time"},
                "n": {"type": "integer", "nullable": true}
            }
        });
        let ok = json!({"id": "123e4567-e89b-12d3-a456-426614174000", "kind": "a",
                        "at": "2020-01-01T00:00:00Z", "n": null});
        assert_eq!(violation(&ok, &schema, &doc), None);
        assert!(violation(&json!({}), &schema, &doc).is_some_and(|v| v.contains("required")));
        let bad_id = json!({"id": "x"});
        assert!(violation(&bad_id, &schema, &doc).is_some_and(|v| v.contains("/id")));
        let bad_kind = json!({"id": "123e4567-e89b-12d3-a456-426614174000", "kind": "c"});
        assert!(violation(&bad_kind, &schema, &doc).is_some());
        let bad_at = json!({"id": "123e4567-e89b-12d3-a456-426614174000", "at": "2020-01-01"});
        assert!(violation(&bad_at, &schema, &doc).is_some());
    }
}
