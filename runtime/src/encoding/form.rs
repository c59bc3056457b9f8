//! `application/x-www-form-urlencoded` bodies from a serialized object.
//!
//! Encoding: RFC 3986 strict percent-encoding (space as `%20`; form parsers decode it as
//! they decode `+`). Properties follow the Encoding Object defaults: a primitive is its
//! text; an array of primitives is one pair per item (style form, explode true); an
//! object, or an array item that is an object or array, is its compact JSON text
//! (default content type `application/json`, key order kept). `null` properties are
//! omitted. A body that is not an object is refused.

use super::percent::encode_strict;
use super::value::ParamValue;

/// Encodes a form body.
pub(crate) fn encode_form(value: ParamValue) -> Result<String, String> {
    let ParamValue::Object(entries) = value else {
        return Err("a form-urlencoded body must be an object".to_owned());
    };
    let mut pairs: Vec<String> = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let key = encode_strict(&key);
        match value {
            ParamValue::Null => {}
            ParamValue::Array(items) => {
                for item in items {
                    if let Some(text) = field_text(item) {
                        pairs.push(format!("{key}={}", encode_strict(&text)));
                    }
                }
            }
            other => {
                if let Some(text) = field_text(other) {
                    pairs.push(format!("{key}={}", encode_strict(&text)));
                }
            }
        }
    }
    Ok(pairs.join("&"))
}

fn field_text(value: ParamValue) -> Option<String> {
    match value {
        ParamValue::Null => None,
        ParamValue::Array(_) | ParamValue::Object(_) => Some(value.to_json_text()),
        primitive => primitive.primitive_text(),
    }
}
