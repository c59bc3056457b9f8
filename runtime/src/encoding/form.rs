//! `application/x-www-form-urlencoded` bodies from a serialized object.
//!
//! Encoding: RFC 3986 strict percent-encoding of every byte outside the unreserved set,
//! with a space written `+` as the form-urlencoded format (WHATWG, RFC 1866) and the
//! vectors (PE-24) want; `+` itself is `%2B`. Properties follow the Encoding Object defaults: a primitive is its
//! text; an array of primitives is one pair per item (style form, explode true); an
//! object, or an array item that is an object or array, is its compact JSON text
//! (default content type `application/json`, key order kept). `null` properties are
//! omitted. A body that is not an object is refused.
//!
//! An Encoding Object entry ([`FieldEncoding`]) changes one property: with a `style`, the
//! property is serialized like a query parameter of that style/explode/allowReserved
//! (RFC 6570 form expansion, `&`, `=` and `+` always encoded); with a `contentType`, the
//! value is that media type's text (JSON text for JSON types, a string as is).

use super::percent::encode_form_component;
use super::value::ParamValue;
use crate::describe::{FieldEncoding, Param, Style};

/// Encodes a form body with the default rules.
pub(crate) fn encode_form(value: ParamValue) -> Result<String, String> {
    encode_form_with(value, &[])
}

/// Encodes a form body; `encodings` override the rules per property.
pub(crate) fn encode_form_with(
    value: ParamValue,
    encodings: &[FieldEncoding],
) -> Result<String, String> {
    let ParamValue::Object(entries) = value else {
        return Err("a form-urlencoded body must be an object".to_owned());
    };
    let mut pairs: Vec<String> = Vec::with_capacity(entries.len());
    for (name, value) in entries {
        if let Some(encoding) = encodings.iter().find(|e| e.name == name) {
            if let Some(text) = encoded_field(encoding, value)
                .map_err(|reason| format!("property `{name}`: {reason}"))?
            {
                pairs.push(text);
            }
            continue;
        }
        let key = encode_form_component(&name);
        match value {
            ParamValue::Null => {}
            ParamValue::Array(items) => {
                for item in items {
                    if let Some(text) = field_text(item) {
                        pairs.push(format!("{key}={}", encode_form_component(&text)));
                    }
                }
            }
            other => {
                if let Some(text) = field_text(other) {
                    pairs.push(format!("{key}={}", encode_form_component(&text)));
                }
            }
        }
    }
    Ok(pairs.join("&"))
}

/// One property with its Encoding Object entry; `None` when it is omitted. A
/// `contentType` wins over `style` (the value is that media type's text).
fn encoded_field(encoding: &FieldEncoding, value: ParamValue) -> Result<Option<String>, String> {
    if encoding.content_type.is_none() && encoding.style.is_none() {
        // An entry that sets neither: the defaults.
        let single = encode_form(ParamValue::Object(vec![(encoding.name.to_owned(), value)]))?;
        return Ok((!single.is_empty()).then_some(single));
    }
    let mut param = Param::query(encoding.name)
        .style(encoding.style.unwrap_or(Style::Form))
        .explode(encoding.explode)
        .allow_reserved(encoding.allow_reserved);
    if let Some(content_type) = encoding.content_type {
        param = param.content(content_type);
    }
    let shape = super::shape::shape_of(value, param.content)?;
    super::query::expand(
        param.name,
        param.style,
        param.explode,
        param.allow_reserved,
        &shape,
    )
}

fn field_text(value: ParamValue) -> Option<String> {
    match value {
        ParamValue::Null => None,
        ParamValue::Array(_) | ParamValue::Object(_) => Some(value.to_json_text()),
        primitive => primitive.primitive_text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(json: &str, encodings: &[FieldEncoding]) -> Result<String, String> {
        let value: ParamValue = serde_json::from_str(json).map_err(|e| e.to_string())?;
        encode_form_with(value, encodings)
    }

    #[test]
    fn encoding_object_entries() {
        static ENCODINGS: &[FieldEncoding] = &[
            FieldEncoding::new("tags").style(Style::Form).explode(false),
            FieldEncoding::new("color")
                .style(Style::DeepObject)
                .explode(true),
            FieldEncoding::new("pipes")
                .style(Style::PipeDelimited)
                .explode(false),
            FieldEncoding::new("raw")
                .style(Style::Form)
                .allow_reserved(true),
            FieldEncoding::new("meta").content_type("application/json"),
            FieldEncoding::new("note").content_type("text/plain"),
            FieldEncoding::new("plain"),
        ];
        let got = body(
            r#"{"tags":["a","b"],"color":{"R":1,"G":2},"pipes":[1,2],"raw":"a/b&c","meta":{"x":[1]},"note":"hi there","plain":[1,2],"other":{"y":1}}"#,
            ENCODINGS,
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                "tags=a,b&color%5BR%5D=1&color%5BG%5D=2&pipes=1%7C2&raw=a/b%26c\
                &meta=%7B%22x%22%3A%5B1%5D%7D&note=hi%20there&plain=1&plain=2\
                &other=%7B%22y%22%3A1%7D"
            )
        );
        assert!(body(r#"{"tags":[[1]]}"#, ENCODINGS).is_err_and(|e| e.contains("`tags`")));
        assert!(body("[1]", ENCODINGS).is_err());
    }
}
