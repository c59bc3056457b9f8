//! [`ParamValue`]: a JSON-like tree that keeps object keys in the order the value
//! serialized them (struct field order), which `serde_json::Value` does not without the
//! workspace-wide `preserve_order` feature. Values reach it through JSON text:
//! `serde_json::to_string` then a deserialize into this tree.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// An ordered JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ParamValue {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as JSON writes it.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<ParamValue>),
    /// An object, keys in order.
    Object(Vec<(String, ParamValue)>),
}

/// Serializes `value` into an ordered tree: primitives directly
/// ([`super::primitive`]), everything else through JSON text.
pub(crate) fn to_param_value<T: Serialize + ?Sized>(
    value: &T,
) -> Result<ParamValue, serde_json::Error> {
    match super::primitive::to_primitive(value) {
        Some(primitive) => Ok(primitive),
        None => to_param_value_via_json(value),
    }
}

/// Serializes `value` into an ordered tree through its JSON text.
pub(crate) fn to_param_value_via_json<T: Serialize + ?Sized>(
    value: &T,
) -> Result<ParamValue, serde_json::Error> {
    let text = serde_json::to_string(value)?;
    serde_json::from_str(&text)
}

impl ParamValue {
    /// Compact JSON text (keys in order).
    pub(crate) fn to_json_text(&self) -> String {
        // Serializing this tree cannot fail: every key is a string and every number finite.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The text of a primitive (string as is, numbers and booleans as JSON writes them).
    pub(crate) fn into_primitive_text(self) -> Option<String> {
        match self {
            Self::String(s) => Some(s),
            other => other.primitive_text(),
        }
    }

    /// The text of a primitive (string as is, numbers and booleans as JSON writes them).
    pub(crate) fn primitive_text(&self) -> Option<String> {
        match self {
            Self::Bool(b) => Some(if *b { "true" } else { "false" }.to_owned()),
            Self::Number(n) => Some(number_text(n)),
            Self::String(s) => Some(s.clone()),
            Self::Null | Self::Array(_) | Self::Object(_) => None,
        }
    }
}

/// A number as JSON writes it: integers through `itoa` (what `serde_json` writes them
/// with, without the formatting machinery of `to_string`, on every integer parameter),
/// other numbers through `serde_json`.
fn number_text(number: &serde_json::Number) -> String {
    let mut buffer = itoa::Buffer::new();
    if let Some(integer) = number.as_i64() {
        buffer.format(integer).to_owned()
    } else if let Some(integer) = number.as_u64() {
        buffer.format(integer).to_owned()
    } else {
        number.to_string()
    }
}

impl Serialize for ParamValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_unit(),
            Self::Bool(b) => serializer.serialize_bool(*b),
            Self::Number(n) => n.serialize(serializer),
            Self::String(s) => serializer.serialize_str(s),
            Self::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Self::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for ParamValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ParamValueVisitor)
    }
}

struct ParamValueVisitor;

impl<'de> Visitor<'de> for ParamValueVisitor {
    type Value = ParamValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<ParamValue, E> {
        Ok(ParamValue::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ParamValue, E> {
        Ok(ParamValue::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ParamValue, E> {
        Ok(ParamValue::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ParamValue, E> {
        serde_json::Number::from_f64(v)
            .map(ParamValue::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<ParamValue, E> {
        Ok(ParamValue::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<ParamValue, E> {
        Ok(ParamValue::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<ParamValue, E> {
        Ok(ParamValue::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<ParamValue, E> {
        Ok(ParamValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<ParamValue, D::Error> {
        ParamValue::deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ParamValue, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(ParamValue::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ParamValue, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some((key, value)) = map.next_entry::<String, ParamValue>()? {
            entries.push((key, value));
        }
        Ok(ParamValue::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Color {
        r: u8,
        g: u8,
        b: f64,
    }

    #[test]
    fn keeps_field_order_and_number_text() -> Result<(), serde_json::Error> {
        let value = to_param_value(&Color {
            r: 100,
            g: 200,
            b: 1.5,
        })?;
        let ParamValue::Object(entries) = &value else {
            panic!("not an object: {value:?}");
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["r", "g", "b"]);
        assert_eq!(value.to_json_text(), r#"{"r":100,"g":200,"b":1.5}"#);
        assert_eq!(
            to_param_value(&2.0_f64)?.primitive_text().as_deref(),
            Some("2.0")
        );
        Ok(())
    }
}
