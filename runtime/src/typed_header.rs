//! Typed response headers: `__private::parse_header::<T>(headers, name)` decodes a
//! declared response header (style simple) into its schema type.
//!
//! A header value is text; the schema type decides how to read it. The value (several
//! header lines of one name are joined with `,`) is tried, first success wins:
//! 1. as a string (`String`, string enums, `date-time`, `uuid`, ...);
//! 2. as JSON text (numbers, booleans, `content: application/json` headers);
//! 3. as a comma-separated array (style simple), each item a number, boolean or string.
//!
//! An absent header is `Ok(None)`; a present one that fits none of these is a
//! [`DecodeError`] naming the header.

use http::HeaderMap;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::DecodeError;

/// Decodes the response header `name` as `T` (see the module docs).
pub fn parse_header<T: DeserializeOwned>(
    headers: &HeaderMap,
    name: &str,
) -> Result<Option<T>, DecodeError> {
    let mut values = headers.get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    let mut texts = Vec::new();
    for value in values {
        match value.to_str() {
            Ok(text) => texts.push(text.trim().to_owned()),
            Err(_) => match std::str::from_utf8(value.as_bytes()) {
                Ok(text) => texts.push(text.trim().to_owned()),
                Err(_) => {
                    return Err(DecodeError::new(format!(
                        "response header `{name}` is not UTF-8 text"
                    )));
                }
            },
        }
    }
    let text = texts.join(",");
    if let Ok(value) = serde_json::from_value(Value::String(text.clone())) {
        return Ok(Some(value));
    }
    if let Ok(value) = serde_json::from_str(&text) {
        return Ok(Some(value));
    }
    let items = text
        .split(',')
        .map(|item| {
            let item = item.trim();
            serde_json::from_str::<Value>(item)
                .ok()
                .filter(|v| v.is_number() || v.is_boolean())
                .unwrap_or_else(|| Value::String(item.to_owned()))
        })
        .collect();
    serde_json::from_value(Value::Array(items))
        .map(Some)
        .map_err(|error| {
            DecodeError::with_source(format!("cannot decode response header `{name}`"), error)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, http::HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn typed_headers() {
        let map = headers(&[
            ("x-rate-limit", "100"),
            ("x-id", "0042"),
            ("x-flag", "true"),
            ("x-tags", "a, b"),
            ("x-ids", "1,2"),
            ("x-ids", "3"),
            ("etag", "\"abc\""),
            ("x-when", "2024-01-02T03:04:05Z"),
        ]);
        assert_eq!(
            parse_header::<i64>(&map, "x-rate-limit").ok(),
            Some(Some(100))
        );
        assert_eq!(
            parse_header::<String>(&map, "x-id").ok(),
            Some(Some("0042".to_owned()))
        );
        assert_eq!(parse_header::<bool>(&map, "x-flag").ok(), Some(Some(true)));
        assert_eq!(
            parse_header::<Vec<String>>(&map, "x-tags").ok(),
            Some(Some(vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            parse_header::<Vec<i32>>(&map, "x-ids").ok(),
            Some(Some(vec![1, 2, 3]))
        );
        assert_eq!(
            parse_header::<String>(&map, "etag").ok(),
            Some(Some("\"abc\"".to_owned()))
        );
        let when = parse_header::<chrono::DateTime<chrono::Utc>>(&map, "x-when");
        assert_eq!(
            when.ok().flatten().map(|w| w.timestamp()),
            Some(1_704_164_645)
        );
        assert_eq!(parse_header::<i64>(&map, "x-missing").ok(), Some(None));
        let error = parse_header::<i64>(&map, "x-tags")
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("`x-tags`")));
    }
}
