//! Query parameters: styles `form`, `spaceDelimited`, `pipeDelimited`, `deepObject` (and
//! Swagger 2.0's `tsv` as [`Style::TabDelimited`]), with `allowReserved`.
//!
//! Output is `name=value` pairs joined by `&`, encoded by the runtime (space is `%20`,
//! never `+`). Names are always encoded strictly; values strictly or per `allowReserved`.
//! Delimiters the styles put between items are written encoded where RFC 3986 does not
//! allow them raw: `%20`, `%7C`, `%09`, `%5B`/`%5D`.
//!
//! Choices for combinations the specification leaves undefined (`n/a`):
//! - `spaceDelimited`/`pipeDelimited`/`tsv` with `explode: true`: sent as `form` with
//!   `explode: true` (one pair per item), which is what servers parse.
//! - the same styles with a primitive value: `name=value` (a one-item array).
//! - `deepObject` with `explode: false`: as with `explode: true` (OpenAPI 3.2.0 says
//!   explode has no effect); `deepObject` with a primitive or an array: refused.

use super::percent::{encode_query_value, encode_strict, push_strict};
use super::shape::Shape;
use crate::describe::Style;

/// Expands a query parameter; `None` when the value is undefined (omitted).
pub(crate) fn expand(
    name: &str,
    style: Style,
    explode: bool,
    allow_reserved: bool,
    shape: &Shape,
) -> Result<Option<String>, String> {
    let value = |text: &str| encode_query_value(text, allow_reserved);
    let delimiter = match style {
        Style::Form => None,
        Style::SpaceDelimited => Some("%20"),
        Style::PipeDelimited => Some("%7C"),
        Style::TabDelimited => Some("%09"),
        Style::DeepObject => return deep_object(&encode_strict(name), shape, value).map(Some),
        other => {
            return Err(format!(
                "style {other:?} is not allowed for a query parameter"
            ));
        }
    };
    if let Shape::Primitive(v) = shape
        && !allow_reserved
    {
        // The common case, in one allocation: `name=value`, both strictly encoded.
        let mut text = String::with_capacity(name.len() + 1 + v.len());
        push_strict(&mut text, name);
        text.push('=');
        push_strict(&mut text, v);
        return Ok(Some(text));
    }
    let name_enc = encode_strict(name);
    let text = match (shape, explode, delimiter) {
        (Shape::Undefined, _, _) => return Ok(None),
        (Shape::Primitive(v), _, _) => format!("{name_enc}={}", value(v)),
        (Shape::Array(items), true, _) => items
            .iter()
            .map(|v| format!("{name_enc}={}", value(v)))
            .collect::<Vec<_>>()
            .join("&"),
        (Shape::Array(items), false, delimiter) => {
            let joined = items
                .iter()
                .map(|v| value(v))
                .collect::<Vec<_>>()
                .join(delimiter.unwrap_or(","));
            format!("{name_enc}={joined}")
        }
        (Shape::Object(kv), true, _) => kv
            .iter()
            .map(|(k, v)| format!("{}={}", encode_strict(k), value(v)))
            .collect::<Vec<_>>()
            .join("&"),
        (Shape::Object(kv), false, delimiter) => {
            let sep = delimiter.unwrap_or(",");
            let joined = kv
                .iter()
                .map(|(k, v)| format!("{}{sep}{}", value(k), value(v)))
                .collect::<Vec<_>>()
                .join(sep);
            format!("{name_enc}={joined}")
        }
    };
    Ok(Some(text))
}

fn deep_object(
    name_enc: &str,
    shape: &Shape,
    value: impl Fn(&str) -> String,
) -> Result<String, String> {
    match shape {
        Shape::Object(kv) => Ok(kv
            .iter()
            .map(|(k, v)| format!("{name_enc}%5B{}%5D={}", encode_strict(k), value(v)))
            .collect::<Vec<_>>()
            .join("&")),
        Shape::Undefined => Ok(String::new()),
        Shape::Primitive(_) | Shape::Array(_) => {
            Err("style deepObject applies to objects only (got a primitive or an array)".to_owned())
        }
    }
}
