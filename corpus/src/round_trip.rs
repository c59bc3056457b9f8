//! Round trips of schema examples (issue 3, corpus part): decode a component schema's
//! `example` into its generated type, encode it back, compare.
//!
//! `build.rs` writes [`ROUND_TRIPS`], one row per component schema with an example in
//! each compiled entry, naming the generated type the IR gave the schema. The comparison
//! ignores key order and number spelling (`1` equals `1.0`; integers compare exactly),
//! and a key the round trip added is accepted when the schema (followed through local
//! `$ref`s and `allOf`) declares that property with that value as its `default`.
//!
//! The comparison ([`first_difference`]) lives in `src/compare.rs`, shared with the
//! fixture round trips of `tests/src/round_trip.rs`.

use serde_json::Value;

pub use crate::compare::{first_difference, round_trip_as};

/// Decodes a JSON value as one generated type and encodes it back.
pub type RoundTrip = fn(Value) -> Result<Value, String>;

include!(concat!(env!("OUT_DIR"), "/round_trip_dispatch.rs"));

/// The generated type of component schema `schema` of entry module `entry`, when the
/// entry is compiled and the schema has an example.
pub fn type_name(entry: &str, schema: &str) -> Option<&'static str> {
    ROUND_TRIPS
        .iter()
        .find(|(e, s, _, _)| *e == entry && *s == schema)
        .map(|(_, _, t, _)| *t)
}

/// Decodes `json` as the generated type `type_name` of entry module `entry` and encodes
/// it back; `None` when that entry is not compiled or has no such type in the table.
pub fn round_trip(entry: &str, type_name: &str, json: Value) -> Option<Result<Value, String>> {
    ROUND_TRIPS
        .iter()
        .find(|(e, _, t, _)| *e == entry && *t == type_name)
        .map(|(_, _, _, round_trip)| round_trip(json))
}
