//! Refs by `$id` and `$anchor` (OpenAPI 3.1 and later, JSON Schema 2020-12), rewritten
//! to JSON pointer refs so the rest of the pipeline only ever follows pointers.
//!
//! Inside schemas (found by [`super::places`]; examples and other data are never read),
//! `$id` starts a *resource*: its value, resolved against the enclosing resource's URI
//! (RFC 3986, the `url` crate), names the schema, and relative refs inside it resolve
//! against it. `$anchor: name` (and `$dynamicAnchor: name`, which is also a plain name)
//! names a schema inside its resource, as does a draft-07 style `$id: "#name"`. The
//! document itself is the resource of its file (`file:///…/openapi.yaml`) or URL. The
//! top of another file read by the bundler is taken for an OpenAPI document, a schema,
//! or a map of schemas, by its keys.
//!
//! Then every `$ref` whose target is one of those is rewritten to `#/pointer`:
//!
//! - `#name` and `https://example.com/pet#name` → the schema with that anchor;
//! - `https://example.com/pet` (or `pet.json` relative to a resource) → the schema
//!   whose `$id` it is;
//! - `#/$defs/Tag` inside a resource with its own `$id` → that resource's `$defs/Tag`
//!   (a pointer fragment is relative to its resource, not to the document).
//!
//! A ref to a URI no `$id` declares is left as it is (a file or remote ref, for the
//! bundler). An anchor that no schema of its resource declares is reported (SF0016,
//! naming the pointer of the ref) and the `$ref` is removed: the value is free-form.
//!
//! Known gaps: `$dynamicRef` is not followed; an `$id` declared in one file is not seen
//! by refs in another file (each file is resolved on its own).

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;
use url::Url;

use super::places::{Place, Step, Visit, walk};
use super::refs::{canonical, percent_decode};
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// The URI of a document read from `path` (`file:///` of its canonical path).
pub(crate) fn file_uri(path: &Path) -> Url {
    let absolute = canonical(path);
    Url::from_file_path(&absolute)
        .or_else(|()| {
            std::env::current_dir().map_or(Err(()), |d| Url::from_file_path(d.join(path)))
        })
        .unwrap_or_else(|()| placeholder_uri())
}

/// The URI of a document that has no file (a path that cannot be made absolute).
fn placeholder_uri() -> Url {
    // A constant, valid absolute URL: parsing it cannot fail.
    Url::parse("file:///openapi-document").expect("constant URL")
}

/// Rewrites the `$id`/`$anchor` refs of `document` (a whole file, whose URI is
/// `document_uri`) into `#/pointer` refs. `file` names the file in diagnostics when it
/// is not the root document (its pointers are then not the bundled document's).
/// Returns the anchors of the document's own resource (`name` → pointer), for refs
/// from other files (`common.yaml#Pet`).
pub(crate) fn resolve(
    document: &mut Value,
    document_uri: &Url,
    file: Option<&str>,
    diags: &mut Diagnostics,
) -> HashMap<String, String> {
    let mut index = Index {
        document: document_uri.clone(),
        scopes: Vec::new(),
        ids: HashMap::new(),
        anchors: HashMap::new(),
        sites: Vec::new(),
    };
    let start = if file.is_none() {
        Place::Root
    } else {
        file_place(document)
    };
    walk(&mut index, document, &mut String::new(), start, "", 0);
    for site in std::mem::take(&mut index.sites) {
        let resolution = index.target(&site);
        let Some(Value::Object(object)) = document.pointer_mut(&site.at) else {
            continue;
        };
        match resolution {
            Resolution::Unchanged => {}
            Resolution::Pointer(pointer) => {
                let local = format!("#{}", pointer.replace('%', "%25"));
                if local != site.reference {
                    object.insert("$ref".to_owned(), Value::String(local));
                }
            }
            Resolution::MissingAnchor { resource, name } => {
                object.remove("$ref");
                let (pointer, place) = match file {
                    None => (Pointer::from_fragment(&site.at), String::new()),
                    Some(file) => (Pointer::root(), format!(" of {file}")),
                };
                diags.push(
                    Diagnostic::warning(
                        "SF0016",
                        pointer,
                        format!(
                            "$ref `{}` at `{}`{place} names the anchor `{name}`, which no schema of {resource} declares; the value is typed as free-form JSON",
                            site.reference, site.at
                        ),
                    )
                    .with_help(format!(
                        "declare `$anchor: {name}` on the schema meant, or write a JSON pointer such as `#/components/schemas/Name`"
                    )),
                );
            }
        }
    }
    let own = index.document.to_string();
    index
        .anchors
        .into_iter()
        .filter_map(|((resource, name), pointer)| (resource == own).then_some((name, pointer)))
        .collect()
}

/// Where the top of a referenced file sits: an OpenAPI document is a root; a file that
/// reads as one schema is a schema; anything else (`Pet: {…}, Tag: {…}`) a map of schemas.
fn file_place(document: &Value) -> Place {
    const SCHEMA_KEYWORDS: &[&str] = &[
        "type",
        "properties",
        "items",
        "allOf",
        "anyOf",
        "oneOf",
        "$ref",
        "$id",
        "$anchor",
        "$schema",
        "$defs",
        "enum",
        "const",
        "additionalProperties",
    ];
    let Value::Object(map) = document else {
        return Place::Data;
    };
    if map.contains_key("openapi") || map.contains_key("swagger") {
        Place::Root
    } else if SCHEMA_KEYWORDS.iter().any(|k| map.contains_key(*k)) {
        Place::Schema
    } else {
        Place::SchemaMap
    }
}

/// A `$ref` found: its pointer, the ref as written, and the base URI it resolves against.
struct Site {
    at: String,
    reference: String,
    base: Url,
}

enum Resolution {
    /// Not an `$id`/`$anchor` ref (a plain pointer, a file or a remote document).
    Unchanged,
    /// The target's pointer in this document.
    Pointer(String),
    MissingAnchor {
        resource: String,
        name: String,
    },
}

/// The resources, anchors and refs of one document.
struct Index {
    document: Url,
    /// The resources enclosing the value being walked: `(pointer, URI)`, outermost first.
    scopes: Vec<(String, Url)>,
    /// Resource URI (no fragment) → pointer of its schema.
    ids: HashMap<String, String>,
    /// `(resource URI, anchor)` → pointer of the schema.
    anchors: HashMap<(String, String), String>,
    sites: Vec<Site>,
}

impl Index {
    fn base(&self) -> &Url {
        self.scopes.last().map_or(&self.document, |(_, uri)| uri)
    }

    fn target(&self, site: &Site) -> Resolution {
        let (uri_part, fragment) = site
            .reference
            .split_once('#')
            .unwrap_or((site.reference.as_str(), ""));
        let is_pointer = fragment.is_empty() || fragment.starts_with('/');
        if uri_part.is_empty() && is_pointer && site.base == self.document {
            return Resolution::Unchanged; // the common case: `#/components/schemas/X`
        }
        let resource = if uri_part.is_empty() {
            site.base.clone()
        } else {
            match site.base.join(uri_part) {
                Ok(mut uri) => {
                    uri.set_fragment(None);
                    uri
                }
                Err(_) => return Resolution::Unchanged,
            }
        };
        let root = if resource == self.document {
            ""
        } else {
            match self.ids.get(resource.as_str()) {
                Some(pointer) => pointer.as_str(),
                None => return Resolution::Unchanged,
            }
        };
        let fragment = percent_decode(fragment);
        if fragment.is_empty() || fragment.starts_with('/') {
            return Resolution::Pointer(format!("{root}{fragment}"));
        }
        match self.anchors.get(&(resource.to_string(), fragment.clone())) {
            Some(pointer) => Resolution::Pointer(pointer.clone()),
            None => Resolution::MissingAnchor {
                resource: resource.to_string(),
                name: fragment,
            },
        }
    }
}

impl Visit for Index {
    /// Deeper than the parser allows; the walk is bounded anyway.
    const MAX_DEPTH: usize = 1023;

    fn enter(&mut self, value: &mut Value, at: &str, place: Place, _: &str, _: usize) -> Step {
        if place == Place::Data {
            return Step::Skip;
        }
        while let Some((scope, _)) = self.scopes.last() {
            let inside = at
                .strip_prefix(scope.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
            if inside {
                break;
            }
            self.scopes.pop();
        }
        let Value::Object(object) = value else {
            return Step::Descend;
        };
        if place == Place::Schema {
            if let Some(Value::String(id)) = object.get("$id") {
                match id.strip_prefix('#') {
                    Some(name) if !name.is_empty() && !name.starts_with('/') => {
                        let key = (self.base().to_string(), percent_decode(name));
                        self.anchors.entry(key).or_insert_with(|| at.to_owned());
                    }
                    _ => {
                        if let Ok(mut uri) = self.base().join(id) {
                            uri.set_fragment(None);
                            self.ids
                                .entry(uri.to_string())
                                .or_insert_with(|| at.to_owned());
                            self.scopes.push((at.to_owned(), uri));
                        }
                    }
                }
            }
            for keyword in ["$anchor", "$dynamicAnchor"] {
                if let Some(Value::String(name)) = object.get(keyword) {
                    let key = (self.base().to_string(), name.clone());
                    self.anchors.entry(key).or_insert_with(|| at.to_owned());
                }
            }
        }
        if let Some(Value::String(reference)) = object.get("$ref") {
            self.sites.push(Site {
                at: at.to_owned(),
                reference: reference.clone(),
                base: self.base().clone(),
            });
        }
        Step::Descend
    }

    fn too_deep(&mut self, _: &str, _: Place) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn resolved(mut document: Value) -> (Value, Vec<Diagnostic>) {
        let mut diags = Diagnostics::default();
        let uri = Url::parse("file:///specs/openapi.json").unwrap_or_else(|_| placeholder_uri());
        resolve(&mut document, &uri, None, &mut diags);
        (document, diags.into_vec())
    }

    #[test]
    fn anchors_ids_and_resource_relative_pointers() {
        let (doc, diags) = resolved(json!({"components": {"schemas": {
            "A": {"$anchor": "a", "type": "string"},
            "B": {"$id": "https://example.com/b", "$defs": {"T": {"$anchor": "t"}},
                  "properties": {"t": {"$ref": "#/$defs/T"}, "u": {"$ref": "#t"}}},
            "C": {"properties": {"a": {"$ref": "#a"}, "b": {"$ref": "https://example.com/b"},
                  "t": {"$ref": "https://example.com/b#t"}, "p": {"$ref": "#/components/schemas/A"}}}
        }}}));
        assert!(diags.is_empty(), "{diags:?}");
        let c = &doc["components"]["schemas"]["C"]["properties"];
        assert_eq!(c["a"]["$ref"], "#/components/schemas/A");
        assert_eq!(c["b"]["$ref"], "#/components/schemas/B");
        assert_eq!(c["t"]["$ref"], "#/components/schemas/B/$defs/T");
        assert_eq!(c["p"]["$ref"], "#/components/schemas/A");
        let b = &doc["components"]["schemas"]["B"]["properties"];
        assert_eq!(b["t"]["$ref"], "#/components/schemas/B/$defs/T");
        assert_eq!(b["u"]["$ref"], "#/components/schemas/B/$defs/T");
    }
}
