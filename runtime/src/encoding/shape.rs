//! A parameter value reduced to what the OpenAPI styles can express: undefined, a
//! primitive, an array of primitives, or an object of primitives ([`Shape`]).
//!
//! Rules (RFC 6570 §2.3 and the OpenAPI Parameter Object):
//! - `null`, an empty array and an empty object are *undefined*: the parameter is omitted.
//! - `null` items of an array and `null` properties of an object are dropped.
//! - Arrays of arrays or objects and objects with array or object properties cannot be
//!   represented by any style: they are refused (the parameter should be described with
//!   `content`, which sends the JSON text instead).
//! - A `content`-described parameter is the JSON text of its value (a string value with a
//!   non-JSON media type is sent as is), then encoded as a primitive for its location.

use super::value::ParamValue;

/// A parameter value the styles can serialize. Texts are not encoded yet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// Omitted entirely.
    Undefined,
    /// A string, number or boolean, as text.
    Primitive(String),
    /// An array of primitives.
    Array(Vec<String>),
    /// An object of primitives, keys in order.
    Object(Vec<(String, String)>),
}

const NESTED: &str = "a nested array or object cannot be serialized in this parameter style; \
                      describe the parameter with `content` (JSON) instead";

/// Reduces `value` to a [`Shape`]; `content` is the parameter's `content` media type.
pub(crate) fn shape_of(value: ParamValue, content: Option<&str>) -> Result<Shape, String> {
    if let Some(media_type) = content {
        return Ok(match value {
            ParamValue::Null => Shape::Undefined,
            ParamValue::String(text) if !is_json_media_type(media_type) => Shape::Primitive(text),
            other => Shape::Primitive(other.to_json_text()),
        });
    }
    match value {
        ParamValue::Null => Ok(Shape::Undefined),
        ParamValue::Array(items) => {
            let mut texts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    ParamValue::Null => {}
                    ParamValue::Array(_) | ParamValue::Object(_) => return Err(NESTED.to_owned()),
                    primitive => texts.extend(primitive.into_primitive_text()),
                }
            }
            Ok(if texts.is_empty() {
                Shape::Undefined
            } else {
                Shape::Array(texts)
            })
        }
        ParamValue::Object(entries) => {
            let mut pairs = Vec::with_capacity(entries.len());
            for (key, item) in entries {
                match item {
                    ParamValue::Null => {}
                    ParamValue::Array(_) | ParamValue::Object(_) => return Err(NESTED.to_owned()),
                    primitive => {
                        pairs.extend(primitive.into_primitive_text().map(|text| (key, text)));
                    }
                }
            }
            Ok(if pairs.is_empty() {
                Shape::Undefined
            } else {
                Shape::Object(pairs)
            })
        }
        primitive => Ok(primitive
            .into_primitive_text()
            .map_or(Shape::Undefined, Shape::Primitive)),
    }
}

/// `application/json` or any `+json` media type.
pub(crate) fn is_json_media_type(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::value::to_param_value;

    fn shape(json: &str, content: Option<&str>) -> Result<Shape, String> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        shape_of(to_param_value(&value).map_err(|e| e.to_string())?, content)
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("null", None), Ok(Shape::Undefined));
        assert_eq!(shape("[]", None), Ok(Shape::Undefined));
        assert_eq!(shape("{}", None), Ok(Shape::Undefined));
        assert_eq!(
            shape("[1,null,true]", None),
            Ok(Shape::Array(vec!["1".into(), "true".into()]))
        );
        assert!(shape("[[1]]", None).is_err());
        assert!(shape(r#"{"a":{"b":1}}"#, None).is_err());
        assert_eq!(
            shape(r#"{"a":[1]}"#, Some("application/json")),
            Ok(Shape::Primitive(r#"{"a":[1]}"#.into()))
        );
        assert_eq!(
            shape(r#""x""#, Some("text/plain")),
            Ok(Shape::Primitive("x".into()))
        );
        assert_eq!(
            shape(r#""x""#, Some("application/json")),
            Ok(Shape::Primitive(r#""x""#.into()))
        );
        assert!(is_json_media_type(
            "application/merge-patch+json; charset=utf-8"
        ));
    }
}
