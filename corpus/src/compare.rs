//! Comparing JSON after a round trip (decode into a generated type, encode back), shared
//! by the corpus (`specforge-corpus`, `crate::round_trip`) and the fixture tests
//! (`specforge-tests`, which includes this file with `#[path]`; the two crates do not
//! depend on each other). Depends on `serde` and `serde_json` only.
//!
//! Equality ignores key order and number spelling (`1` equals `1.0`; integers compare
//! exactly); a key the round trip added is accepted when the schema of the value
//! (followed through local `$ref`s and `allOf`) declares that property with that value
//! as its `default`.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes `json` as `T` and encodes it back.
pub fn round_trip_as<T: DeserializeOwned + Serialize>(json: Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_value(json).map_err(|e| format!("decode: {e}"))?;
    serde_json::to_value(&decoded).map_err(|e| format!("encode: {e}"))
}

/// The first place where `actual` differs from `expected` (key order aside), as a JSON
/// pointer with both sides, or `None` when they are equal. `schema` (with `document`
/// for `$ref`s) is the schema of `expected`: keys the round trip adds are accepted when
/// it declares them with that value as `default`.
pub fn first_difference(
    expected: &Value,
    actual: &Value,
    schema: Option<&Value>,
    document: &Value,
) -> Option<String> {
    difference_at(expected, actual, schema, document, String::new())
}

fn difference_at(
    expected: &Value,
    actual: &Value,
    schema: Option<&Value>,
    document: &Value,
    pointer: String,
) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, e_value) in e {
                let here = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                let Some(a_value) = a.get(key) else {
                    return Some(format!(
                        "{here}: missing after the round trip (was {e_value})"
                    ));
                };
                let property = schema.and_then(|s| property_schema(s, key, document, 0));
                if let Some(d) = difference_at(e_value, a_value, property, document, here) {
                    return Some(d);
                }
            }
            a.iter()
                .filter(|(key, _)| !e.contains_key(*key))
                .find(|(key, value)| {
                    let default = schema
                        .and_then(|s| property_schema(s, key, document, 0))
                        .and_then(|p| resolve(p, document, 0).get("default"));
                    !default.is_some_and(|d| same_json(d, value))
                })
                .map(|(key, value)| format!("{pointer}/{key}: added by the round trip ({value})"))
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            let items = schema.and_then(|s| resolve(s, document, 0).get("items"));
            e.iter().zip(a).enumerate().find_map(|(i, (e, a))| {
                difference_at(e, a, items, document, format!("{pointer}/{i}"))
            })
        }
        _ if same_json(expected, actual) => None,
        _ => Some(format!(
            "{}: expected {expected}, got {actual}",
            if pointer.is_empty() { "/" } else { &pointer }
        )),
    }
}

/// Equal JSON, numbers by value.
fn same_json(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Number(e), Value::Number(a)) => same_number(e, a),
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(e, a)| same_json(e, a))
        }
        (Value::Object(e), Value::Object(a)) => {
            e.len() == a.len()
                && e.iter()
                    .all(|(k, v)| a.get(k).is_some_and(|other| same_json(v, other)))
        }
        _ => expected == actual,
    }
}

/// JSON numbers are equal when their values are: `1` and `1.0` are the same number
/// (a `double` field encodes `1` back as `1.0`); integers compare exactly.
fn same_number(e: &serde_json::Number, a: &serde_json::Number) -> bool {
    match (e.as_i64(), a.as_i64(), e.as_u64(), a.as_u64()) {
        (Some(x), Some(y), _, _) => x == y,
        (_, _, Some(x), Some(y)) => x == y,
        _ => e.as_f64().is_some_and(|x| a.as_f64() == Some(x)),
    }
}

/// How deep `$ref` chains and `allOf` nesting are followed (guards cycles).
const MAX_DEPTH: usize = 16;

/// Follows local `$ref`s (`#/…`) from `schema`.
fn resolve<'a>(schema: &'a Value, document: &'a Value, depth: usize) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) if depth < MAX_DEPTH => match reference.strip_prefix('#') {
            Some(pointer) => document
                .pointer(pointer)
                .map_or(schema, |target| resolve(target, document, depth + 1)),
            None => schema,
        },
        _ => schema,
    }
}

/// The schema of property `key` of `schema`: its `properties`, or those of an `allOf` part.
fn property_schema<'a>(
    schema: &'a Value,
    key: &str,
    document: &'a Value,
    depth: usize,
) -> Option<&'a Value> {
    if depth >= MAX_DEPTH {
        return None;
    }
    let schema = resolve(schema, document, depth);
    if let Some(property) = schema.get("properties").and_then(|p| p.get(key)) {
        return Some(property);
    }
    schema
        .get("allOf")
        .and_then(Value::as_array)?
        .iter()
        .find_map(|part| property_schema(part, key, document, depth + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_are_found_and_located() {
        let doc = Value::Null;
        let a = json!({"a": 1, "b": [1, {"c": null}]});
        let reordered = json!({"b": [1, {"c": null}], "a": 1});
        assert_eq!(first_difference(&a, &reordered, None, &doc), None);
        let changed = json!({"a": 1, "b": [1, {}]});
        assert_eq!(
            first_difference(&a, &changed, None, &doc).as_deref(),
            Some("/b/1/c: missing after the round trip (was null)")
        );
        let added = json!({"a": 1, "b": [1, {"c": null}], "d": 2});
        assert_eq!(
            first_difference(&a, &added, None, &doc).as_deref(),
            Some("/d: added by the round trip (2)")
        );
        assert_eq!(
            first_difference(&json!({"v": 1}), &json!({"v": 1.0}), None, &doc),
            None
        );
        assert!(
            first_difference(
                &json!(9_007_199_254_740_993_i64),
                &json!(9_007_199_254_740_992_i64),
                None,
                &doc
            )
            .is_some()
        );
    }

    #[test]
    fn added_defaults_are_accepted_through_refs_and_all_of() {
        let doc = json!({"components": {"schemas": {
            "Base": {"properties": {"limit": {"type": "integer", "default": 10}}},
            "Page": {"allOf": [{"$ref": "#/components/schemas/Base"}]}
        }}});
        let schema = json!({"$ref": "#/components/schemas/Page"});
        let example = json!({});
        let back = json!({"limit": 10});
        assert_eq!(first_difference(&example, &back, Some(&schema), &doc), None);
        let other = json!({"limit": 11});
        assert!(first_difference(&example, &other, Some(&schema), &doc).is_some());
    }
}
