//! OpenAPI 3.1 (and 3.2) document-level rewrites to the 3.0 shape.
//!
//! - `webhooks`: reported (SF1003) and removed: a client does not receive them.
//! - `jsonSchemaDialect`: removed (schemas are read as 2020-12 regardless).
//! - `components/pathItems`: every `$ref` to one is replaced by a copy (its
//!   sibling keys win), then the section is removed.
//! - `$defs` inside schemas: hoisted to `components/schemas` under their own
//!   name (made unique with `_2`, `_3`, …), and every ref to
//!   `#/…/$defs/Name` is rewritten ([`hoist_defs`]).
//! - `mutualTLS` security schemes: no 3.0 form; reported (SF1012), removed.
//! - a missing `paths` becomes `{}` (3.1 makes it optional).
//!
//! Per-schema keywords are in [`super::schema`].

use serde_json::{Map, Value, json};

use super::walk::{for_each_schema, push_token, rewrite_refs};
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// Document-level 3.1 rewrites (before the schema walk).
pub(crate) fn document(root: &mut Map<String, Value>, diags: &mut Diagnostics) {
    if let Some(webhooks) = root.remove("webhooks") {
        let count = webhooks.as_object().map_or(0, Map::len);
        if count > 0 {
            diags.push(
                Diagnostic::warning(
                    "SF1003",
                    Pointer::root().push("webhooks"),
                    format!("{count} webhook(s) are not part of the client and are skipped"),
                )
                .with_help("webhooks describe requests the API sends to you; handle them with a server framework"),
            );
        }
    }
    root.remove("jsonSchemaDialect");
    root.entry("paths").or_insert_with(|| json!({}));
    let path_items = root
        .get_mut("components")
        .and_then(Value::as_object_mut)
        .and_then(|c| c.remove("pathItems"));
    if let Some(Value::Object(path_items)) = path_items {
        let mut tree = Value::Object(std::mem::take(root));
        inline_path_items(&mut tree, &path_items);
        if let Value::Object(back) = tree {
            *root = back;
        }
    }
    if let Some(Value::Object(schemes)) = root
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
    {
        let mutual: Vec<String> = schemes
            .iter()
            .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("mutualTLS"))
            .map(|(name, _)| name.clone())
            .collect();
        for name in mutual {
            schemes.remove(&name);
            diags.push(
                Diagnostic::warning(
                    "SF1012",
                    Pointer::root()
                        .push("components")
                        .push("securitySchemes")
                        .push(&name),
                    "mutualTLS security has no OpenAPI 3.0 form; it is left out",
                )
                .with_help(
                    "configure the client certificate on the reqwest client you give the builder",
                ),
            );
        }
    }
}

/// Replaces `{"$ref": "#/components/pathItems/X", …}` by a copy of X.
fn inline_path_items(tree: &mut Value, path_items: &Map<String, Value>) {
    let mut stack = vec![tree];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                let target = map
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/pathItems/"))
                    .map(|n| n.replace("~1", "/").replace("~0", "~"));
                if let Some(Value::Object(item)) = target.and_then(|n| path_items.get(&n)) {
                    map.remove("$ref");
                    for (key, v) in item {
                        map.entry(key.clone()).or_insert_with(|| v.clone());
                    }
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Moves every `$defs` (and draft-04 `definitions`) entry of a schema to
/// `components/schemas` and rewrites refs to it. Hoisted schemas may hold
/// `$defs` of their own: each round hoists one level (at most 64 rounds).
pub(crate) fn hoist_defs(document: &mut Value, diags: &mut Diagnostics) {
    for _round in 0..64 {
        let mut found: Vec<(String, String, Value)> = Vec::new();
        for_each_schema(document, diags, &mut |schema, at, _| {
            collect_defs(schema, at, &mut found)
        });
        if found.is_empty() {
            return;
        }
        let Some(schemas) = schemas_mut(document) else {
            return;
        };
        let mut renames: Vec<(String, String)> = Vec::new();
        for (old_at, name, schema) in found {
            let mut unique = name.clone();
            let mut n = 2;
            while schemas.contains_key(&unique) {
                unique = format!("{name}_{n}");
                n += 1;
            }
            let mut new_at = String::from("#/components/schemas");
            push_token(&mut new_at, &unique);
            renames.push((format!("#{old_at}"), new_at));
            schemas.insert(unique, schema);
        }
        let prefixes: Vec<(String, String)> = renames
            .iter()
            .map(|(old, new)| (format!("{old}/"), format!("{new}/")))
            .collect();
        rewrite_exact(document, &renames);
        rewrite_refs(document, &prefixes);
    }
}

fn collect_defs(
    schema: &mut Map<String, Value>,
    at: &str,
    found: &mut Vec<(String, String, Value)>,
) {
    for key in ["$defs", "definitions"] {
        if !matches!(schema.get(key), Some(Value::Object(_))) {
            continue;
        }
        let Some(Value::Object(defs)) = schema.remove(key) else {
            continue;
        };
        for (name, def) in defs {
            let mut old_at = at.to_owned();
            push_token(&mut old_at, key);
            push_token(&mut old_at, &name);
            found.push((old_at, name, def));
        }
    }
}

fn schemas_mut(document: &mut Value) -> Option<&mut Map<String, Value>> {
    let root = document.as_object_mut()?;
    let components = root.entry("components").or_insert_with(|| json!({}));
    components
        .as_object_mut()?
        .entry("schemas")
        .or_insert_with(|| json!({}))
        .as_object_mut()
}

/// Rewrites refs equal to an old pointer.
fn rewrite_exact(document: &mut Value, renames: &[(String, String)]) {
    if renames.is_empty() {
        return;
    }
    let table: std::collections::HashMap<&str, &str> = renames
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut stack = vec![document];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref")
                    && let Some(new) = table.get(reference.as_str())
                {
                    *reference = (*new).to_owned();
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}
