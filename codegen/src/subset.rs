//! The `only` setting: keep the operations with the given tags or operation ids,
//! and the components they reach.
//!
//! It works on the upgraded (OpenAPI 3) document, before lowering, so every later
//! phase sees an ordinary, smaller document and nothing else needs to know about
//! subsets:
//!
//! 1. A name matches an operation when it equals one of its `tags`, its
//!    `operationId`, or the method name made from the `operationId` (`issues/list`
//!    or `issues_list`). Operations without an `operationId` are selected by tag.
//!    A name that matches nothing is an error (SF3004) listing the closest tags and
//!    ids (Jaro-Winkler similarity, `strsim`).
//! 2. Other operations are removed, and path items left without operations.
//!    Local `$ref`s into `#/paths/…` from what stays are inlined first, so removing
//!    an operation never leaves a dangling reference.
//! 3. Components are kept when reachable from the operations that stay (`paths`;
//!    top-level extensions such as `x-webhooks` generate nothing and are no roots)
//!    through `$ref`s and discriminator mappings, plus, for a kept
//!    schema with a `discriminator`, the schemas that extend it through `allOf`
//!    (its implicit subtypes). Security schemes are always kept. When a `$ref`
//!    cannot be classified (not `#/components/<kind>/<name>…`), no component is
//!    removed: a larger client, never a broken one.
//!
//! The work is linear in the size of the document.

use std::collections::{HashMap, HashSet, VecDeque};

use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};
use crate::model::naming;

/// The keys of a path item that are operations.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// How many `#/paths/…` references may be inlined into one another.
const INLINE_DEPTH: usize = 32;

/// Keeps only what `only` selects (nothing happens when it is empty).
pub(crate) fn apply(document: &mut Value, only: &[String], diags: &mut Diagnostics) {
    if only.is_empty() {
        return;
    }
    inline_path_refs(document);
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        report_unmatched(only, &Candidates::default(), diags);
        return;
    };
    let candidates = Candidates::of(paths);
    let unmatched: Vec<&String> = only
        .iter()
        .filter(|name| !candidates.matches(name))
        .collect();
    if !unmatched.is_empty() {
        report_unmatched(unmatched.iter().copied(), &candidates, diags);
        return;
    }
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        item.retain(|key, operation| {
            !METHODS.contains(&key.as_str()) || operation_selected(operation, only)
        });
    }
    // Path items left without operations go; one still a reference (SF3003) stays.
    paths.retain(|_, item| {
        item.as_object().is_some_and(|item| {
            item.contains_key("$ref") || METHODS.iter().any(|m| item.contains_key(*m))
        })
    });
    prune_components(document);
}

/// Whether one of `only` names a tag or the id of `operation`.
fn operation_selected(operation: &Value, only: &[String]) -> bool {
    let names = operation_names(operation);
    only.iter().any(|name| names.iter().any(|n| n == name))
}

/// The names that select `operation`: its tags, its id and its method name.
fn operation_names(operation: &Value) -> Vec<String> {
    let mut names: Vec<String> = operation
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
        names.push(id.to_owned());
        names.push(naming::snake(id, "operation"));
    }
    names
}

/// Every tag and operation id of the document, for matching and suggestions.
#[derive(Default)]
struct Candidates {
    names: HashSet<String>,
    /// Tags and ids as written, in document order, for suggestions.
    listed: Vec<String>,
}

impl Candidates {
    fn of(paths: &Map<String, Value>) -> Self {
        let mut candidates = Self::default();
        let operations = paths
            .values()
            .filter_map(Value::as_object)
            .flat_map(|item| METHODS.iter().filter_map(|m| item.get(*m)));
        for operation in operations {
            for name in operation_names(operation) {
                if candidates.names.insert(name.clone()) {
                    candidates.listed.push(name);
                }
            }
        }
        candidates
    }

    fn matches(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// Up to three names closest to `name`, most similar first.
    fn closest(&self, name: &str) -> Vec<&str> {
        let mut scored: Vec<(f64, &str)> = self
            .listed
            .iter()
            .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate.as_str()))
            .filter(|(score, _)| *score > 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(3).map(|(_, name)| name).collect()
    }
}

/// SF3004 for each name that selects nothing.
fn report_unmatched<'a>(
    names: impl IntoIterator<Item = &'a String>,
    candidates: &Candidates,
    diags: &mut Diagnostics,
) {
    for name in names {
        let closest = candidates.closest(name);
        let help = if closest.is_empty() {
            "`only` takes the tags and operation ids of the document; `specforge check` lists the operations".to_owned()
        } else {
            let list: Vec<String> = closest.iter().map(|c| format!("`{c}`")).collect();
            format!("the closest tags and operation ids: {}", list.join(", "))
        };
        diags.push(
            Diagnostic::error(
                "SF3004",
                Pointer::root().push("paths"),
                format!("`only`: `{name}` is not a tag or an operation id of the document"),
            )
            .with_help(help),
        );
    }
}

/// Replaces each `{"$ref": "#/paths/…"}` with a copy of its target, so that
/// removing operations cannot leave a reference dangling.
fn inline_path_refs(document: &mut Value) {
    let source = document.clone();
    let Some(paths) = document.get_mut("paths") else {
        return;
    };
    // A path item may itself be a reference (`#/components/pathItems/…`).
    for item in paths
        .as_object_mut()
        .into_iter()
        .flat_map(|p| p.values_mut())
    {
        let target = item
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| resolve(&source, r));
        if let Some(target) = target {
            *item = target.clone();
        }
    }
    inline_in(paths, &source, INLINE_DEPTH);
    if let Some(components) = document.get_mut("components") {
        inline_in(components, &source, INLINE_DEPTH);
    }
}

fn inline_in(value: &mut Value, source: &Value, depth: usize) {
    match value {
        Value::Object(map) => {
            let target = map
                .get("$ref")
                .and_then(Value::as_str)
                .filter(|r| r.starts_with("#/paths/"))
                .and_then(|r| resolve(source, r));
            match target {
                Some(target) if depth > 0 => {
                    *value = target.clone();
                    inline_in(value, source, depth - 1);
                }
                _ => map.values_mut().for_each(|v| inline_in(v, source, depth)),
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| inline_in(v, source, depth)),
        _ => {}
    }
}

/// The value a local reference (`#/a/b~1c`) points at.
fn resolve<'a>(document: &'a Value, reference: &str) -> Option<&'a Value> {
    let fragment = reference.strip_prefix('#')?;
    let decoded = percent_decode_str(fragment).decode_utf8().ok()?;
    document.pointer(&decoded)
}

/// A component: its kind (`schemas`, `responses`, …) and name.
type ComponentKey = (String, String);

/// Removes the components that nothing kept reaches (see module docs).
fn prune_components(document: &mut Value) {
    let Some(components) = document.get("components").and_then(Value::as_object) else {
        return;
    };
    let mut refs = Vec::new();
    if let Value::Object(root) = &*document {
        // Only the operations generate code: top-level extensions such as GitHub's
        // `x-webhooks` (which reach hundreds of schemas) are not roots.
        if let Some(paths) = root.get("paths") {
            collect_refs(paths, &mut refs);
        }
    }
    let Some(reached) = reachable(components, refs) else {
        return;
    };
    let Some(components) = document
        .get_mut("components")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (kind, entries) in components.iter_mut() {
        if kind == "securitySchemes" {
            continue;
        }
        if let Some(entries) = entries.as_object_mut() {
            entries.retain(|name, _| reached.contains(&(kind.clone(), name.clone())));
        }
    }
}

/// Every component reached from `roots`; `None` when a reference cannot be classified.
fn reachable(
    components: &Map<String, Value>,
    roots: Vec<Reference>,
) -> Option<HashSet<ComponentKey>> {
    let subtypes = implicit_subtypes(components);
    let mut reached = HashSet::new();
    let mut queue: VecDeque<Reference> = roots.into();
    while let Some(reference) = queue.pop_front() {
        let key = match reference {
            Reference::Ref(text) => component_key(&text)?,
            Reference::SchemaName(name) => ("schemas".to_owned(), name),
        };
        if !reached.insert(key.clone()) {
            continue;
        }
        let mut found = Vec::new();
        if let Some(value) = components.get(&key.0).and_then(|kind| kind.get(&key.1)) {
            collect_refs(value, &mut found);
        }
        if key.0 == "schemas" {
            let children = subtypes.get(key.1.as_str()).into_iter().flatten();
            found.extend(children.map(|child| Reference::SchemaName((*child).to_owned())));
        }
        queue.extend(found);
    }
    Some(reached)
}

/// For each schema with a `discriminator`, the schemas whose `allOf` refers to it.
fn implicit_subtypes(components: &Map<String, Value>) -> HashMap<String, Vec<&str>> {
    let Some(schemas) = components.get("schemas").and_then(Value::as_object) else {
        return HashMap::new();
    };
    let mut subtypes: HashMap<String, Vec<&str>> = HashMap::new();
    for (name, schema) in schemas {
        let parents = schema
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        for parent in parents.filter_map(|p| p.get("$ref").and_then(Value::as_str)) {
            let Some((kind, parent)) = component_key(parent) else {
                continue;
            };
            let has_discriminator = schemas
                .get(&parent)
                .is_some_and(|p| p.get("discriminator").is_some());
            if kind == "schemas" && has_discriminator {
                subtypes.entry(parent).or_default().push(name);
            }
        }
    }
    subtypes
}

/// A reference found in the document.
enum Reference {
    /// A `$ref` (or a discriminator mapping value written as one).
    Ref(String),
    /// A discriminator mapping value that is a bare schema name.
    SchemaName(String),
}

/// Every `$ref` and discriminator mapping value under `value`.
fn collect_refs(value: &Value, out: &mut Vec<Reference>) {
    match value {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                out.push(Reference::Ref(reference.to_owned()));
            }
            let mapping = map.get("discriminator").and_then(|d| d.get("mapping"));
            for target in mapping
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|m| m.values())
            {
                match target.as_str() {
                    Some(text) if text.contains('/') || text.starts_with('#') => {
                        out.push(Reference::Ref(text.to_owned()));
                    }
                    Some(name) => out.push(Reference::SchemaName(name.to_owned())),
                    None => {}
                }
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// `#/components/<kind>/<name>…` as its kind and name.
fn component_key(reference: &str) -> Option<ComponentKey> {
    let fragment = reference.strip_prefix("#/components/")?;
    let decoded = percent_decode_str(fragment).decode_utf8().ok()?;
    let mut tokens = decoded.split('/');
    let kind = tokens.next()?;
    let name = tokens.next()?.replace("~1", "/").replace("~0", "~");
    Some((kind.to_owned(), name))
}
