//! `$ref` resolution inside the one (bundled, upgraded) document.
//!
//! Every internal reference starts with `#/`; the fragment is a JSON pointer,
//! possibly percent-encoded (`#/paths/~1pets~1%7Bid%7D`). References that do not
//! start with `#` are external: the load stage bundles them, so any left here
//! are reported by the caller.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::Pointer;

/// How many `$ref` hops a chain of references may take before it is a cycle.
pub(crate) const MAX_REF_HOPS: usize = 32;

/// The pointer a local `$ref` names, or `None` for an external reference.
pub(crate) fn ref_pointer(reference: &str) -> Option<Pointer> {
    let fragment = reference.strip_prefix('#')?;
    Some(Pointer::from_fragment(&percent_decode(fragment)))
}

/// The value at `pointer`, if any.
pub(crate) fn lookup<'a>(document: &'a Value, pointer: &Pointer) -> Option<&'a Value> {
    document.pointer(pointer.as_str())
}

/// Follows `$ref`s from `value` (at `pointer`) until a value that is not a
/// reference: the value and where it is. `Err` names the problem.
pub(crate) fn follow<'a>(
    document: &'a Value,
    value: &'a Value,
    pointer: &Pointer,
) -> Result<(&'a Value, Pointer), String> {
    let mut current = value;
    let mut at = pointer.clone();
    for _ in 0..MAX_REF_HOPS {
        let Some(reference) = current.get("$ref").and_then(Value::as_str) else {
            return Ok((current, at));
        };
        let target = ref_pointer(reference)
            .ok_or_else(|| format!("external reference `{reference}` was not bundled"))?;
        current = lookup(document, &target)
            .ok_or_else(|| format!("reference `{reference}` points to nothing"))?;
        at = target;
    }
    Err(format!(
        "references from {pointer} form a cycle (or a chain longer than {MAX_REF_HOPS})"
    ))
}

/// Deepest JSON nesting an item may have to be deserialized (the `openapiv3`
/// types deserialize recursively; this keeps the stack bounded whatever the
/// loader accepted).
pub(crate) const MAX_JSON_DEPTH: usize = 100;

/// Deserializes one item of the document into an `openapiv3` type.
pub(crate) fn parse<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    if nesting_exceeds(value, MAX_JSON_DEPTH) {
        return Err(format!("it nests deeper than {MAX_JSON_DEPTH} levels"));
    }
    T::deserialize(value).map_err(|e| e.to_string())
}

/// Whether `value` nests deeper than `limit` (measured without recursion).
fn nesting_exceeds(value: &Value, limit: usize) -> bool {
    let mut stack = vec![(value, 0usize)];
    while let Some((value, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        match value {
            Value::Array(items) => stack.extend(items.iter().map(|v| (v, depth + 1))),
            Value::Object(map) => stack.extend(map.values().map(|v| (v, depth + 1))),
            _ => {}
        }
    }
    false
}

fn percent_decode(text: &str) -> String {
    // Invalid escapes stay as written; invalid UTF-8 becomes U+FFFD.
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_and_looks_up_pointers() {
        let doc = json!({"paths": {"/pets/{id}": {"get": {"x": 1}}}});
        let p = ref_pointer("#/paths/~1pets~1%7Bid%7D/get").unwrap_or_default();
        assert_eq!(lookup(&doc, &p), Some(&json!({"x": 1})));
        assert_eq!(ref_pointer("other.yaml#/a"), None);
    }

    #[test]
    fn follow_stops_on_cycles() {
        let doc = json!({"a": {"$ref": "#/b"}, "b": {"$ref": "#/a"}});
        let start = &doc["a"];
        assert!(follow(&doc, start, &Pointer::from_fragment("#/a")).is_err());
    }
}
