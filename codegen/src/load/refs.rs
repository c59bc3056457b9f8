//! Reference syntax: JSON pointers (RFC 6901) in `$ref` fragments, URI
//! percent-encoding, and file paths of referenced documents.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::Pointer;

/// Follows an RFC 6901 pointer (text form, possibly empty).
pub(crate) fn resolve_pointer<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    if !pointer.starts_with('/') {
        return None;
    }
    Pointer::from_fragment(pointer)
        .tokens()
        .try_fold(root, |v, token| match v {
            Value::Object(map) => map.get(&token),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
}

pub(crate) fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// `%XX` escapes of a URI reference decoded (invalid escapes kept as written).
pub(crate) fn percent_decode(text: &str) -> String {
    // Invalid escapes stay as written; invalid UTF-8 becomes U+FFFD.
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// `a/b/../c/./d` → `a/c/d`, without touching the file system (for messages).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last_is_normal =
                    matches!(out.components().next_back(), Some(Component::Normal(_)));
                if last_is_normal {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

pub(crate) fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointers_resolve_in_objects_and_arrays() {
        let doc = json!({"a/b": [{"c~d": 1}]});
        assert_eq!(resolve_pointer(&doc, "/a~1b/0/c~0d"), Some(&json!(1)));
        assert_eq!(resolve_pointer(&doc, ""), Some(&doc));
        assert_eq!(resolve_pointer(&doc, "/a~1b/7"), None);
        assert_eq!(resolve_pointer(&doc, "nope"), None);
    }

    #[test]
    fn percent_decoding_keeps_invalid_escapes() {
        assert_eq!(percent_decode("/a%7Bid%7D"), "/a{id}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%C3%A9"), "%zzé");
    }

    #[test]
    fn paths_are_normalized_lexically() {
        assert_eq!(normalize(Path::new("a/b/../c/./d")), PathBuf::from("a/c/d"));
        assert_eq!(normalize(Path::new("../x")), PathBuf::from("../x"));
    }
}
