//! Round trips: decode a JSON example into a generated type and encode it back.
//!
//! The cases come from schema `example`s (see `tests/roundtrip.rs`); the dispatch from
//! `(fixture, type name)` to the generated type is written by `build.rs` from the types
//! each golden declares. The comparison ignores key order (serde_json maps compare as
//! maps) and number spelling (`1` equals `1.0`): `corpus/src/compare.rs`, shared with the
//! corpus round trips.

use serde_json::Value;

/// The comparison shared with the corpus crate (one file, two crates that do not depend
/// on each other).
#[path = "../../corpus/src/compare.rs"]
mod compare;

pub use compare::round_trip_as;

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

/// The first place where two JSON values differ, as a JSON pointer with both sides,
/// or `None` when they are equal (key order and number spelling aside).
pub fn first_difference(expected: &Value, actual: &Value) -> Option<String> {
    compare::first_difference(expected, actual, None, &Value::Null)
}
