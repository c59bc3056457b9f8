//! Round trips: decode a JSON example into a generated type and encode it back.
//!
//! The cases come from schema `example`s (see `tests/roundtrip.rs`); the dispatch from
//! `(fixture, type name)` to the generated type is written by `build.rs` from the types
//! each golden declares. The comparison ignores key order (serde_json maps compare as
//! maps); defaults the generated type fills in are not ignored yet (no fixture has any).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes a JSON value as one generated type and encodes it back.
pub type RoundTrip = fn(Value) -> Result<Value, String>;

include!(concat!(env!("OUT_DIR"), "/round_trip_dispatch.rs"));

/// Decodes `example` as the generated type `type_name` of fixture module `fixture` and
/// encodes it back; `None` when that golden declares no such type.
pub fn round_trip_generated(
    fixture: &str,
    type_name: &str,
    example: Value,
) -> Option<Result<Value, String>> {
    GENERATED_TYPES
        .iter()
        .find(|(f, t, _)| *f == fixture && *t == type_name)
        .map(|(_, _, round_trip)| round_trip(example))
}

/// Decodes `example` as `T` and encodes it back.
pub fn round_trip_as<T: DeserializeOwned + Serialize>(example: Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_value(example).map_err(|e| format!("decode: {e}"))?;
    serde_json::to_value(&decoded).map_err(|e| format!("encode: {e}"))
}

/// Looks up the generated type for a schema: `wanted` itself (the schema name in
/// PascalCase), or else `wanted` plus a numeric suffix, which is how the naming module
/// makes a name unique (a schema named `Option` becomes `Option2`).
pub fn resolve_type_name(fixture: &str, wanted: &str) -> Option<&'static str> {
    let declared = || {
        GENERATED_TYPES
            .iter()
            .filter(|(f, _, _)| *f == fixture)
            .map(|(_, t, _)| *t)
    };
    declared().find(|t| *t == wanted).or_else(|| {
        declared().find(|t| {
            t.strip_prefix(wanted).is_some_and(|suffix| {
                !suffix.is_empty() && suffix.bytes().all(|b| b.is_ascii_digit())
            })
        })
    })
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

/// The first place where two JSON values differ, as a JSON pointer with both sides,
/// or `None` when they are equal (key order aside).
pub fn first_difference(expected: &Value, actual: &Value) -> Option<String> {
    first_difference_at(expected, actual, String::new())
}

fn first_difference_at(expected: &Value, actual: &Value, pointer: String) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, e_value) in e {
                let here = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match a.get(key) {
                    Some(a_value) => {
                        if let Some(d) = first_difference_at(e_value, a_value, here) {
                            return Some(d);
                        }
                    }
                    None => {
                        return Some(format!(
                            "{here}: missing after the round trip (was {e_value})"
                        ));
                    }
                }
            }
            a.iter()
                .find(|(key, _)| !e.contains_key(*key))
                .map(|(key, value)| format!("{pointer}/{key}: added by the round trip ({value})"))
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .find_map(|(i, (e, a))| first_difference_at(e, a, format!("{pointer}/{i}"))),
        (Value::Number(e), Value::Number(a)) if same_number(e, a) => None,
        _ if expected == actual => None,
        _ => Some(format!(
            "{}: expected {expected}, got {actual}",
            if pointer.is_empty() { "/" } else { &pointer }
        )),
    }
}
