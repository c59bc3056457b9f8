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
        .find(|(e, s, ..)| *e == entry && *s == schema)
        .map(|(_, _, t, ..)| *t)
}

/// Decodes `json` as the generated type `type_name` of entry module `entry` and encodes
/// it back; `None` when that entry is not compiled or has no such type in the table.
pub fn round_trip(entry: &str, type_name: &str, json: Value) -> Option<Result<Value, String>> {
    ROUND_TRIPS
        .iter()
        .find(|(e, _, t, ..)| *e == entry && *t == type_name)
        .map(|(_, _, _, round_trip, _)| round_trip(json))
}

/// Decodes `json` as the generated type `type_name` of entry module `entry`, writes it
/// as XML, reads that back and encodes it as JSON; `None` when no XML body reaches the
/// type (or the entry is not compiled).
pub fn xml_round_trip(entry: &str, type_name: &str, json: Value) -> Option<Result<Value, String>> {
    ROUND_TRIPS
        .iter()
        .find(|(e, _, t, ..)| *e == entry && *t == type_name)
        .and_then(|(.., through_xml)| *through_xml)
        .map(|round_trip| round_trip(json))
}

/// Decodes `json` as `T`, writes the value as XML (the generated mapping of the OpenAPI
/// XML Object), reads the XML back and encodes the result as JSON: equal to the JSON
/// round trip when the XML mapping keeps everything the example holds.
pub fn xml_round_trip_as<T>(json: Value) -> Result<Value, String>
where
    T: serde::de::DeserializeOwned + serde::Serialize + specforge::xml::XmlValue,
{
    use specforge::xml::{XmlName, from_xml_str, to_xml_string};
    let decoded: T = serde_json::from_value(json).map_err(|e| format!("decode: {e}"))?;
    let xml = to_xml_string(&decoded, XmlName::plain("root"));
    let back: T = from_xml_str(&xml).map_err(|e| format!("XML read of `{xml}`: {e}"))?;
    serde_json::to_value(&back).map_err(|e| format!("encode: {e}"))
}
