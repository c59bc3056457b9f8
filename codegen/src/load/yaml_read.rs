//! Reading YAML text into `serde_yaml_ng::Value`s that the JSON path would also
//! accept: an integer too large for 64 bits (`12345678901234567890123456789`)
//! becomes a floating-point number, as `serde_json` reads it from JSON text, where
//! `serde_yaml_ng`'s own `Value` refuses integers that need 128 bits.
//!
//! [`Node`] mirrors `serde_yaml_ng::Value`'s own `Deserialize` (tags, sequences,
//! mappings) with that one difference. With `LAST_WINS` a mapping keeps the last of
//! duplicate keys (as JSON parsers do); without it a duplicate key is an error whose
//! message starts with `duplicate entry`, as `serde_yaml_ng`'s is.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess};
use serde_yaml_ng::value::{Tag, TaggedValue};
use serde_yaml_ng::{Mapping, Number, Value};

/// A YAML value read with JSON's number rules.
pub(crate) struct Node<const LAST_WINS: bool>(pub Value);

/// Parses `text` into a YAML value; duplicate keys are errors unless `LAST_WINS`.
pub(crate) fn from_str<const LAST_WINS: bool>(text: &str) -> Result<Value, serde_yaml_ng::Error> {
    serde_yaml_ng::from_str::<Node<LAST_WINS>>(text).map(|node| node.0)
}

/// An integer beyond 64 bits, as a JSON parser reads it: the nearest `f64`.
fn wide(value: f64) -> Value {
    Value::Number(Number::from(value))
}

struct NodeVisitor<const LAST_WINS: bool>;

impl<'de, const LAST_WINS: bool> de::Visitor<'de> for NodeVisitor<LAST_WINS> {
    type Value = Node<LAST_WINS>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Node(Value::Bool(b)))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Self::Value, E> {
        Ok(Node(Value::Number(i.into())))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Self::Value, E> {
        Ok(Node(Value::Number(u.into())))
    }

    #[allow(clippy::cast_precision_loss)] // the precision JSON text gets too
    fn visit_i128<E: de::Error>(self, i: i128) -> Result<Self::Value, E> {
        Ok(Node(wide(i as f64)))
    }

    #[allow(clippy::cast_precision_loss)] // the precision JSON text gets too
    fn visit_u128<E: de::Error>(self, u: u128) -> Result<Self::Value, E> {
        Ok(Node(wide(u as f64)))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Self::Value, E> {
        Ok(Node(Value::Number(f.into())))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Node(Value::String(s.to_owned())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Node(Value::String(s)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Node(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Node(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(Node::<LAST_WINS>(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node(Value::Sequence(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut mapping = Mapping::new();
        while let Some(Node::<LAST_WINS>(key)) = map.next_key()? {
            if !LAST_WINS && mapping.contains_key(&key) {
                return Err(de::Error::custom(duplicate(&key)));
            }
            let Node::<LAST_WINS>(value) = map.next_value()?;
            mapping.insert(key, value);
        }
        Ok(Node(Value::Mapping(mapping)))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let (tag, contents): (String, _) = data.variant()?;
        let Node::<LAST_WINS>(value) = contents.newtype_variant()?;
        Ok(Node(Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        }))))
    }
}

/// `serde_yaml_ng`'s message for a duplicate key.
fn duplicate(key: &Value) -> String {
    match key {
        Value::Null => "duplicate entry with null key".to_owned(),
        Value::Bool(b) => format!("duplicate entry with key `{b}`"),
        Value::Number(n) => format!("duplicate entry with key {n}"),
        Value::String(s) => format!("duplicate entry with key {s:?}"),
        Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => {
            "duplicate entry in YAML map".to_owned()
        }
    }
}

impl<'de, const LAST_WINS: bool> Deserialize<'de> for Node<LAST_WINS> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor::<LAST_WINS>)
    }
}

#[cfg(test)]
mod tests {
    use super::from_str;
    use serde_yaml_ng::Value;

    #[test]
    fn integers_beyond_64_bits_are_floats_as_in_json() {
        let text = "a: 12345678901234567890123456789\nb: -12345678901234567890123456789\n";
        let value = from_str::<false>(text).expect("parses");
        let json: serde_json::Value =
            serde_json::from_str(r#"{"a": 12345678901234567890123456789}"#).expect("json");
        assert_eq!(value["a"].as_f64(), json["a"].as_f64());
        assert!(value["a"].as_f64().is_some_and(|f| f > 1.2e28));
        assert!(value["b"].as_f64().is_some_and(|f| f < -1.2e28));
        assert_eq!(from_str::<false>("7").ok(), Some(Value::Number(7.into())));
    }

    #[test]
    fn duplicate_keys_are_refused_or_the_last_wins() {
        let text = "a: 1\na: 2\n";
        let refused = from_str::<false>(text).expect_err("duplicate");
        assert!(
            refused
                .to_string()
                .starts_with("duplicate entry with key \"a\"")
        );
        assert_eq!(
            from_str::<true>(text).ok().map(|v| v["a"].clone()),
            Some(Value::Number(2.into()))
        );
    }

    #[test]
    fn tags_are_kept() {
        let value = from_str::<false>("a: !custom 5\n").expect("parses");
        assert!(matches!(&value["a"], Value::Tagged(tagged) if tagged.tag == "custom"));
    }
}
