//! Questions asked of a schema's raw JSON before it is parsed: whether a
//! `$ref` target deserves a named type, whether it is a (nullable) union, and
//! the name hint of a shared component's schema.

use serde_json::Value;

use super::naming;
use crate::diagnostics::Pointer;

/// The name hint for the schema of a shared component (the parameter's,
/// response's or request body's key: `per-page` → `PerPage`, `not_found` →
/// `NotFoundResponse`, `Pet` → `PetBody`), or `None` elsewhere.
pub(crate) fn shared_component_hint(at: &Pointer) -> Option<String> {
    let tokens: Vec<String> = at.tokens().collect();
    let [components, section, key, rest @ ..] = tokens.as_slice() else {
        return None;
    };
    if components != "components" {
        return None;
    }
    let at_schema = match rest {
        [schema] => schema == "schema",
        [content, _, schema] => content == "content" && schema == "schema",
        _ => false,
    };
    if !at_schema {
        return None;
    }
    let suffix = match section.as_str() {
        "parameters" | "headers" => "",
        "responses" => "Response",
        "requestBodies" => "Body",
        _ => return None,
    };
    let name = naming::pascal(key, "Shared");
    Some(if name.ends_with(suffix) {
        name
    } else {
        format!("{name}{suffix}")
    })
}

/// Whether a `$ref` target deserves its own named type (object, enum, composition).
pub(crate) fn names_a_type(value: &Value) -> bool {
    let Some(map) = value.as_object() else {
        return false;
    };
    [
        "properties",
        "allOf",
        "oneOf",
        "anyOf",
        "enum",
        "additionalProperties",
        "$ref",
    ]
    .iter()
    .any(|k| map.contains_key(*k))
        || map.get("type").and_then(Value::as_str) == Some("object")
}

/// Whether a schema value is a `oneOf`/`anyOf` of two or more non-null branches
/// (and no object keywords beside it).
pub(crate) fn is_union_value(value: &Value) -> bool {
    let Some(map) = value.as_object() else {
        return false;
    };
    if ["properties", "allOf", "additionalProperties", "$ref"]
        .iter()
        .any(|k| map.contains_key(*k))
    {
        return false;
    }
    ["oneOf", "anyOf"].iter().any(|k| {
        map.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|branches| {
                branches.iter().filter(|b| !is_null_branch_value(b)).count() >= 2
            })
    })
}

/// A `oneOf`/`anyOf` branch value that only admits `null` (as
/// `unions::is_null_branch` reads it).
fn is_null_branch_value(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null")
        || v.get("enum")
            .and_then(Value::as_array)
            .is_some_and(|e| e.len() == 1 && e.first().is_some_and(Value::is_null))
        || v.get("nullable").and_then(Value::as_bool) == Some(true)
            && v.as_object().is_some_and(|m| {
                // Only docs besides `nullable` (and perhaps a bare `type: object`).
                m.keys().all(|k| {
                    matches!(k.as_str(), "nullable" | "title" | "description")
                        || (k == "type" && m.get("type") == Some(&Value::from("object")))
                })
            })
}

/// Whether a schema value says `null` is allowed (`nullable`, a null enum value,
/// a null branch of `oneOf`/`anyOf`).
pub(crate) fn value_is_nullable(value: &Value) -> bool {
    value.get("nullable").and_then(Value::as_bool) == Some(true)
        || value
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|values| values.iter().any(Value::is_null))
        || ["oneOf", "anyOf"].iter().any(|k| {
            value
                .get(*k)
                .and_then(Value::as_array)
                .is_some_and(|branches| branches.iter().any(is_null_branch_value))
        })
}
