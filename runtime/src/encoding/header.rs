//! Header parameters (style `simple`) and cookie parameters (styles `form` and `cookie`).
//!
//! Header values are never percent-encoded (OpenAPI 3.2.0); a value with CR, LF or NUL
//! (or another control character but tab) is refused: it would split or end the header.
//!
//! Cookies are `name=value` pairs, all sent in one `Cookie` header joined by `; `. Values
//! are not percent-encoded (OpenAPI 3.2.0 `style: cookie`; 3.1.1 Appendix D calls
//! percent-encoded `form` cookies incorrect), so a value with `;`, CR, LF, NUL or another
//! control character is refused. `style: form` with `explode: true` and several values
//! (ambiguous in 3.1.1) gives the 3.2.0 `cookie` result: `a=1; a=2`.

use http::HeaderValue;

use super::shape::Shape;
use crate::describe::Style;

/// Expands a header parameter to its value; `None` when undefined.
pub(crate) fn expand_header(
    style: Style,
    explode: bool,
    shape: &Shape,
) -> Result<Option<HeaderValue>, String> {
    if style != Style::Simple {
        return Err(format!(
            "style {style:?} is not allowed for a header parameter"
        ));
    }
    let text = match shape {
        Shape::Undefined => return Ok(None),
        Shape::Primitive(v) => v.clone(),
        Shape::Array(items) => items.join(","),
        Shape::Object(kv) if explode => kv
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        Shape::Object(kv) => kv
            .iter()
            .map(|(k, v)| format!("{k},{v}"))
            .collect::<Vec<_>>()
            .join(","),
    };
    header_value(&text).map(Some)
}

/// A header value from text: CR, LF, NUL and other controls (but tab) refused.
pub(crate) fn header_value(text: &str) -> Result<HeaderValue, String> {
    if text.contains(['\r', '\n', '\0']) {
        return Err("a header value must not contain CR, LF or NUL".to_owned());
    }
    HeaderValue::from_bytes(text.as_bytes())
        .map_err(|_| "a header value must not contain control characters".to_owned())
}

/// Expands a cookie parameter to its `name=value` pairs (empty when undefined).
pub(crate) fn expand_cookie(
    name: &str,
    style: Style,
    explode: bool,
    shape: &Shape,
) -> Result<Vec<String>, String> {
    if style != Style::Form && style != Style::Cookie {
        return Err(format!(
            "style {style:?} is not allowed for a cookie parameter"
        ));
    }
    check_cookie_text(name)?;
    let pairs = match shape {
        Shape::Undefined => Vec::new(),
        Shape::Primitive(v) => vec![format!("{name}={v}")],
        Shape::Array(items) if explode => items.iter().map(|v| format!("{name}={v}")).collect(),
        Shape::Array(items) => vec![format!("{name}={}", items.join(","))],
        Shape::Object(kv) if explode => kv.iter().map(|(k, v)| format!("{k}={v}")).collect(),
        Shape::Object(kv) => {
            let joined = kv
                .iter()
                .map(|(k, v)| format!("{k},{v}"))
                .collect::<Vec<_>>()
                .join(",");
            vec![format!("{name}={joined}")]
        }
    };
    for pair in &pairs {
        check_cookie_text(pair)?;
    }
    Ok(pairs)
}

/// Refuses text that would break the `Cookie` header.
pub(crate) fn check_cookie_text(text: &str) -> Result<(), String> {
    if text.contains(['\r', '\n', '\0']) {
        return Err("a cookie must not contain CR, LF or NUL".to_owned());
    }
    if text.contains(';') || text.chars().any(|c| c.is_ascii_control() && c != '\t') {
        return Err("a cookie must not contain `;` or control characters".to_owned());
    }
    Ok(())
}
