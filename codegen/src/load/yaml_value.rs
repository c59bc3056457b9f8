//! YAML value → JSON value.
//!
//! OpenAPI is JSON data, so YAML-only shapes are mapped: mapping keys that are
//! not strings (`200:` response codes, `true`, `null`) become their text;
//! tags are dropped (the tagged value is kept); numbers that JSON cannot hold
//! (`.nan`, `.inf`) become strings. Merge keys (`<<`) are applied before this
//! conversion, by `serde_yaml_ng::Value::apply_merge`.
//!
//! The conversion is recursive but bounded by [`MAX_DEPTH`]; deeper input is
//! refused (the parser already refuses nesting beyond 128 levels).

use serde_json::{Map, Number, Value};
use serde_yaml_ng::Value as Yaml;

use super::parse::MAX_DEPTH;

/// Converts a parsed YAML value; `Err` carries a note on where nesting was too deep.
pub(crate) fn to_json(value: Yaml) -> Result<Value, String> {
    convert(value, 0)
}

fn convert(value: Yaml, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err(String::new());
    }
    Ok(match value {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => number(&n),
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .map(|item| convert(item, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Mapping(entries) => {
            let mut map = Map::with_capacity(entries.len());
            for (key, item) in entries {
                map.insert(key_text(key, depth)?, convert(item, depth + 1)?);
            }
            Value::Object(map)
        }
        Yaml::Tagged(tagged) => convert(tagged.value, depth)?,
    })
}

fn number(n: &serde_yaml_ng::Number) -> Value {
    if let Some(i) = n.as_i64() {
        Value::Number(i.into())
    } else if let Some(u) = n.as_u64() {
        Value::Number(u.into())
    } else {
        n.as_f64()
            .and_then(Number::from_f64)
            .map_or_else(|| Value::String(n.to_string()), Value::Number)
    }
}

/// The text of a mapping key: strings as they are, scalars as written,
/// collections as compact JSON.
fn key_text(key: Yaml, depth: usize) -> Result<String, String> {
    Ok(match key {
        Yaml::String(s) => s,
        Yaml::Null => "null".to_owned(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Number(n) => n.to_string(),
        Yaml::Tagged(tagged) => key_text(tagged.value, depth)?,
        other => convert(other, depth + 1)?.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        let mut v: Yaml = serde_yaml_ng::from_str(text).unwrap_or(Yaml::Null);
        let _ = v.apply_merge();
        to_json(v).unwrap_or(Value::Null)
    }

    #[test]
    fn non_string_keys_become_text() {
        let v =
            yaml("responses:\n  200: {description: ok}\n  default: {}\ntrue: 1\n~: 2\n1.5: 3\n");
        assert_eq!(
            v,
            serde_json::json!({"responses": {"200": {"description": "ok"}, "default": {}}, "true": 1, "null": 2, "1.5": 3})
        );
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let v = yaml("base: &b {type: object, x-a: 1}\nuse: *b\nmerged:\n  <<: *b\n  x-a: 2\n");
        assert_eq!(v["use"], serde_json::json!({"type": "object", "x-a": 1}));
        assert_eq!(v["merged"], serde_json::json!({"type": "object", "x-a": 2}));
    }

    #[test]
    fn tags_and_special_floats() {
        let v = yaml("a: !custom 5\nb: .nan\nc: .inf\n");
        assert_eq!(v["a"], 5);
        assert!(v["b"].is_string());
        assert!(v["c"].is_string());
    }
}
