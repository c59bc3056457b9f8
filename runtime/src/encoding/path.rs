//! Path parameters: styles `simple`, `label` and `matrix` (RFC 6570 `{x}`, `{.x}`,
//! `{;x}`, exploded or not), and filling the path template.
//!
//! Values are percent-encoded strictly (every byte outside RFC 3986 unreserved, so `/`,
//! `?`, `#` and `%` in a value can never change the URL's structure). The filled path is
//! then checked: a segment a parameter made empty, `.` or `..` (in any percent-encoded
//! spelling, `%2e`) is refused, because URL parsers (the `url` crate, WHATWG) resolve dot
//! segments and would send the request to another resource.

use super::percent::{encode_strict, encode_strict_owned};
use super::shape::Shape;
use crate::describe::Style;

/// Expands a path parameter for its style. `Shape::Undefined` is refused: a path
/// parameter always needs a value.
pub(crate) fn expand(
    name: &str,
    style: Style,
    explode: bool,
    shape: Shape,
) -> Result<String, String> {
    let joined = |items: &[String], sep: &str| {
        items
            .iter()
            .map(|v| encode_strict(v))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let pairs = |pairs: &[(String, String)], kv: &str, sep: &str| {
        pairs
            .iter()
            .map(|(k, v)| format!("{}{kv}{}", encode_strict(k), encode_strict(v)))
            .collect::<Vec<_>>()
            .join(sep)
    };
    // The common case: the value moved, not copied, when nothing in it needs encoding.
    let shape = match (style, shape) {
        (Style::Simple, Shape::Primitive(text)) => return Ok(encode_strict_owned(text)),
        (_, shape) => shape,
    };
    // Only the matrix style writes the name.
    let name = || encode_strict(name);
    match (style, &shape) {
        (_, Shape::Undefined) => {
            Err("a path parameter needs a value (got null or an empty collection)".to_owned())
        }
        (Style::Simple, Shape::Primitive(v)) => Ok(encode_strict(v)),
        (Style::Simple, Shape::Array(items)) => Ok(joined(items, ",")),
        (Style::Simple, Shape::Object(kv)) if explode => Ok(pairs(kv, "=", ",")),
        (Style::Simple, Shape::Object(kv)) => Ok(pairs(kv, ",", ",")),
        (Style::Label, Shape::Primitive(v)) => Ok(format!(".{}", encode_strict(v))),
        (Style::Label, Shape::Array(items)) if explode => Ok(format!(".{}", joined(items, "."))),
        (Style::Label, Shape::Array(items)) => Ok(format!(".{}", joined(items, ","))),
        (Style::Label, Shape::Object(kv)) if explode => Ok(format!(".{}", pairs(kv, "=", "."))),
        (Style::Label, Shape::Object(kv)) => Ok(format!(".{}", pairs(kv, ",", ","))),
        (Style::Matrix, Shape::Primitive(v)) => Ok(matrix_pair(&name(), v)),
        (Style::Matrix, Shape::Array(items)) if explode => {
            let name = name();
            Ok(items.iter().map(|v| matrix_pair(&name, v)).collect())
        }
        (Style::Matrix, Shape::Array(items)) => Ok(format!(";{}={}", name(), joined(items, ","))),
        (Style::Matrix, Shape::Object(kv)) if explode => Ok(kv
            .iter()
            .map(|(k, v)| matrix_pair(&encode_strict(k), v))
            .collect()),
        (Style::Matrix, Shape::Object(kv)) => Ok(format!(";{}={}", name(), pairs(kv, ",", ","))),
        (other, _) => Err(format!(
            "style {other:?} is not allowed for a path parameter"
        )),
    }
}

/// `;name=value`, or `;name` for an empty value (RFC 6570 `{;x}`).
fn matrix_pair(encoded_name: &str, value: &str) -> String {
    if value.is_empty() {
        format!(";{encoded_name}")
    } else {
        format!(";{encoded_name}={}", encode_strict(value))
    }
}

/// The request target, as one path-absolute reference: the base URL's path, `template`
/// filled with the path parameters' `values` ([`fill_template_into`]), and the encoded
/// `query` (pieces joined by `&`). One string, written once per request
/// (docs/performance.md).
pub(crate) fn request_target(
    base: &url::Url,
    template: &str,
    values: &[(&'static str, String)],
    query: &str,
) -> Result<String, (String, String)> {
    let base_path = base.path().trim_end_matches('/');
    let values_len: usize = values.iter().map(|(_, value)| value.len()).sum();
    let mut target =
        String::with_capacity(base_path.len() + 1 + template.len() + values_len + 1 + query.len());
    target.push_str(base_path);
    if !template.starts_with('/') {
        target.push('/');
    }
    fill_template_into(&mut target, template, values)?;
    if !query.is_empty() {
        target.push('?');
        target.push_str(query);
    }
    Ok(target)
}

/// Fills `template` (`/pets/{petId}`) with expanded values. Errors name the parameter.
#[cfg(test)]
pub(crate) fn fill_template(
    template: &str,
    values: &[(&'static str, String)],
) -> Result<String, (String, String)> {
    let mut path = String::new();
    fill_template_into(&mut path, template, values)?;
    Ok(path)
}

/// Appends `template` (`/pets/{petId}`) filled with expanded values to `path` (which may
/// hold the base URL's path already). Errors name the parameter.
pub(crate) fn fill_template_into(
    path: &mut String,
    template: &str,
    values: &[(&'static str, String)],
) -> Result<(), (String, String)> {
    // For every output byte range produced by a parameter: (start, end, name).
    let mut filled: Vec<(usize, usize, &str)> = Vec::new();
    let mut rest = template;
    // Byte searches: `{` and `}` are ASCII, so their positions are char boundaries (and
    // a byte loop is cheaper here than `str::find`'s searcher, on every call).
    while let Some(open) = rest.bytes().position(|byte| byte == b'{') {
        let (literal, after) = rest.split_at(open);
        push_literal(path, literal);
        let after = after.get(1..).unwrap_or("");
        let Some(close) = after.bytes().position(|byte| byte == b'}') else {
            push_literal(path, "{");
            rest = after;
            continue;
        };
        let name = after.get(..close).unwrap_or("");
        let Some((param, value)) = values.iter().find(|(n, _)| *n == name) else {
            return Err(refused(name, "no value for this path parameter"));
        };
        if value.is_empty() {
            return Err(refused(
                param,
                "a path value must not be empty (it would produce an empty path segment)",
            ));
        }
        let start = path.len();
        path.push_str(value);
        if may_make_dot_segment(value) {
            filled.push((start, path.len(), param));
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    push_literal(path, rest);
    check_dot_segments(path, &filled)
}

/// A parameter's refusal, as [`fill_template_into`] returns it: out of line and cold, so
/// that the filling every call runs stays in few cache lines.
#[cold]
#[inline(never)]
fn refused(parameter: &str, reason: &str) -> (String, String) {
    (parameter.to_owned(), reason.to_owned())
}

/// Copies a literal part of the template, encoding what a path may not carry raw.
fn push_literal(path: &mut String, literal: &str) {
    // Most templates carry nothing to encode: copied whole, without the encoder's
    // per-byte iteration (every call fills its path).
    if literal.bytes().all(is_plain_literal_byte) {
        path.push_str(literal);
        return;
    }
    path.extend(percent_encoding::utf8_percent_encode(literal, LITERAL));
}

/// What [`push_literal`] encodes: controls, space and the bytes a path may not carry
/// raw (non-ASCII bytes are always encoded).
const LITERAL: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'?')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|');

/// A byte [`LITERAL`] leaves as it is: visible ASCII outside the set.
fn is_plain_literal_byte(byte: u8) -> bool {
    byte.is_ascii_graphic()
        && !matches!(
            byte,
            b'"' | b'<' | b'>' | b'`' | b'#' | b'?' | b'{' | b'}' | b'\\' | b'^' | b'|'
        )
}

/// Whether a filled value could be part of a `.`/`..` segment: one without `/` lies
/// inside one segment, and cannot be part of a dot segment when it holds a byte no dot
/// segment has (most values: `42`, `abc`); [`check_dot_segments`] looks at the rest.
fn may_make_dot_segment(value: &str) -> bool {
    value.contains('/')
        || value
            .bytes()
            .all(|byte| matches!(byte, b'.' | b'%' | b'2' | b'e' | b'E'))
}

/// Refuses a `.`/`..` segment (any percent-encoded spelling) that a parameter produced.
fn check_dot_segments(path: &str, filled: &[(usize, usize, &str)]) -> Result<(), (String, String)> {
    if filled.is_empty() {
        return Ok(());
    }
    let mut start = 0;
    for segment in path.split('/') {
        let end = start + segment.len();
        if is_dot_segment(segment)
            && let Some((_, _, name)) = filled.iter().find(|(s, e, _)| *s < end && *e > start)
        {
            return Err((
                (*name).to_owned(),
                "a path value must not make a `.` or `..` segment (URL parsers resolve them)"
                    .to_owned(),
            ));
        }
        start = end + 1;
    }
    Ok(())
}

/// `.`, `..`, `%2e`, `.%2E`, ... (case-insensitive). Called for every segment of every
/// filled path, so it reads the bytes without allocating.
pub(crate) fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() {
        rest = match rest {
            [b'.', tail @ ..] => tail,
            [b'%', b'2', e, tail @ ..] if e.eq_ignore_ascii_case(&b'e') => tail,
            _ => return false,
        };
        dots += 1;
        if dots > 2 {
            return false;
        }
    }
    dots > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_byte_test_agrees_with_the_encoded_set() {
        for byte in 0..=u8::MAX {
            let text = [byte];
            let encoded = percent_encoding::percent_encode(&text, LITERAL).to_string();
            let plain = encoded.as_bytes() == text;
            assert_eq!(is_plain_literal_byte(byte), plain, "byte {byte:#04x}");
        }
    }

    #[test]
    fn fills_and_refuses() {
        let ok = fill_template(
            "/pets/{petId}/toys/{toy}",
            &[("petId", "42".into()), ("toy", "a%2Fb".into())],
        );
        assert_eq!(ok, Ok("/pets/42/toys/a%2Fb".to_owned()));
        let dots = fill_template("/pets/{petId}/toys", &[("petId", "..".into())]);
        assert!(matches!(dots, Err((name, _)) if name == "petId"));
        let label = fill_template("/pets/{color}", &[("color", ".".into())]);
        assert!(matches!(label, Err((name, _)) if name == "color"));
        let empty = fill_template("/pets/{petId}", &[("petId", String::new())]);
        assert!(matches!(empty, Err((name, _)) if name == "petId"));
        let missing = fill_template("/pets/{petId}", &[]);
        assert!(matches!(missing, Err((name, _)) if name == "petId"));
        // A value that only prefixes a segment is fine.
        assert_eq!(
            fill_template("/f/{a}.json", &[("a", ".".into())]),
            Ok("/f/..json".to_owned())
        );
        // Literal text in the template is kept.
        assert_eq!(
            fill_template("/a b/{x}", &[("x", "1".into())]),
            Ok("/a%20b/1".to_owned())
        );
        for dot in ["%2E%2E", "%2e.", ".%2e", ".", ".."] {
            assert!(is_dot_segment(dot), "{dot}");
        }
        assert!(!is_dot_segment("...") && !is_dot_segment("a.") && !is_dot_segment(""));
    }

    #[test]
    fn the_target_joins_base_path_path_and_query() {
        let target = |base: &str, template: &str, values: &[(&'static str, String)], query| {
            // Test code: the base URLs below are literals; a failure is a failing test.
            let base = url::Url::parse(base).expect("a valid test base URL");
            request_target(&base, template, values, query)
        };
        let id = [("id", "7".to_owned())];
        assert_eq!(
            target("https://a.test/v1/", "/items/{id}", &id, "q=1&r=2"),
            Ok("/v1/items/7?q=1&r=2".to_owned())
        );
        assert_eq!(
            target("https://a.test", "items/{id}", &id, ""),
            Ok("/items/7".to_owned())
        );
        // A refused value is refused with the base path in front, too.
        let dots = target("https://a.test/v1", "/{id}/x", &[("id", "..".into())], "");
        assert!(matches!(dots, Err((name, _)) if name == "id"));
    }
}
