//! Bundling: relative-file `$ref`s become refs inside one document.
//!
//! Every `$ref` whose target is another file (`common.yaml#/Pet`,
//! `schemas/pet.json`), or a fragment of a non-root file (`#/Pet` written in
//! `common.yaml`), is resolved against the directory of the file it is
//! written in. Then:
//!
//! - a **schema** (the ref sits where a schema goes: `schema`, `items`,
//!   `properties/*`, `allOf/*`, `definitions/*`, `components/schemas/*`, …,
//!   or anywhere inside a schema) is copied once into the root document's
//!   schema section (`definitions` for Swagger 2.0, `components/schemas`
//!   otherwise) under a readable unique name (the fragment's last token, else
//!   the file stem; `_2`, `_3`, … on collision) and the ref becomes
//!   `#/definitions/Name`. The same target always gets the same name, so
//!   cycles across files close on themselves.
//! - anything else (parameters, responses, path items, examples) is **inlined**
//!   at the ref site (sibling keys of the `$ref` win over the target's).
//!   A cycle of inlined refs cannot be inlined: it is reported (SF0015) and
//!   the ref site becomes `{}`. What is inlined has a budget ([`budget`],
//!   SF0018): past it, further inlined sites become `{}` too.
//!
//! Refs into the root file are rewritten to local refs (`#/...`). Remote
//! `http(s)` refs (and relative refs inside a fetched document) are fetched
//! only with `allow_remote_refs` on and the `remote-refs` feature built in
//! ([`super::remote`]), then bundled like files; otherwise they are reported
//! (SF0013 when not allowed, SF0014 when they cannot be fetched) and the site
//! becomes `{}` (free-form).
//!
//! Hoisted schemas are walked after the root (a work list, not recursion), so
//! a long chain of files does not deepen the stack; the walk itself stops at
//! [`MAX_WALK_DEPTH`] levels (SF0003).
//!
//! Each value copied from another file is recorded in the [`SourceMap`] so
//! diagnostics point into the right file. Recursion follows the document's
//! nesting (bounded by the parser's depth limit) and the chain of inlined refs
//! (bounded by [`MAX_INLINE_DEPTH`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::SpecVersion;
use super::places::{Place, Step, Visit, holds_reference, walk};
use super::refs::{canonical, percent_decode, push_token};
use super::source_map::SourceMap;
use crate::Settings;
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

mod budget;
mod files;
mod names;

pub(crate) use files::read_document_file;

/// Longest chain of refs inlined into each other.
const MAX_INLINE_DEPTH: usize = 64;

struct File {
    /// As found (for messages and the source map; a URL for remote documents).
    path: PathBuf,
    /// The absolute URL of a fetched document.
    url: Option<String>,
    value: Value,
    /// Its plain-name anchors (`$anchor`, 3.1 and later): name → pointer.
    anchors: HashMap<String, String>,
}

/// A ref target: file index and pointer (RFC 6901 text) inside it.
type Target = (usize, String);

pub(crate) struct Bundler<'a> {
    settings: &'a Settings,
    diags: &'a mut Diagnostics,
    sources: &'a mut SourceMap,
    /// File 0 is the root; its value is taken out while it is walked.
    files: Vec<File>,
    by_path: HashMap<PathBuf, usize>,
    /// `["definitions"]` or `["components", "schemas"]`.
    schema_section: &'static [&'static str],
    hoisted: HashMap<Target, String>,
    taken: HashSet<String>,
    /// Hoisted schemas in the order they were named; `None` until walked.
    new_schemas: Vec<(String, Option<Value>)>,
    /// Hoisted schemas still to walk: (index in `new_schemas`, value, file, bundled pointer).
    pending: Vec<(usize, Value, usize, String)>,
    inlining: Vec<Target>,
    /// The file whose values are being walked.
    file: usize,
    /// Nesting (values and inlined refs) of the ref site being followed.
    depth: usize,
    reported_depth: bool,
    /// Values inlined so far, against [`budget::MAX_INLINED_VALUES`].
    inlined_values: usize,
    /// The budget was passed (SF0018 reported): no more refs are inlined.
    over_budget: bool,
    /// `$id`/`$anchor` refs are resolved in each file read (OpenAPI 3.1 and later).
    schema_ids: bool,
    /// The folder local `$ref`s may read from (canonical): the `ref_root` setting,
    /// else the entry document's folder (`files.rs`, SF0017).
    ref_root: PathBuf,
}

/// Deepest nesting walked (document nesting plus inlined refs).
const MAX_WALK_DEPTH: usize = 1023;

/// True when some `$ref` in `value` points outside the document (fast check,
/// so that single-file documents are not walked with pointers).
pub(crate) fn has_external_refs(value: &Value) -> bool {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref")
                    && !r.starts_with('#')
                {
                    return true;
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}

impl<'a> Bundler<'a> {
    pub(crate) fn new(
        settings: &'a Settings,
        diags: &'a mut Diagnostics,
        sources: &'a mut SourceMap,
        root_path: &Path,
        version: SpecVersion,
    ) -> Self {
        let mut by_path = HashMap::new();
        by_path.insert(canonical(root_path), 0);
        let ref_root = files::ref_root(settings, root_path);
        Self {
            settings,
            diags,
            sources,
            files: vec![File {
                path: root_path.to_path_buf(),
                url: None,
                value: Value::Null,
                anchors: HashMap::new(),
            }],
            by_path,
            schema_section: if version == SpecVersion::Swagger2 {
                &["definitions"]
            } else {
                &["components", "schemas"]
            },
            hoisted: HashMap::new(),
            taken: HashSet::new(),
            new_schemas: Vec::new(),
            pending: Vec::new(),
            inlining: Vec::new(),
            file: 0,
            depth: 0,
            reported_depth: false,
            inlined_values: 0,
            over_budget: false,
            schema_ids: matches!(version, SpecVersion::OpenApi31 | SpecVersion::OpenApi32),
            ref_root,
        }
    }

    /// Bundles `root` in place; `root_anchors` are the root document's `$anchor`s
    /// (name → pointer), for refs to them from other files.
    pub(crate) fn bundle(mut self, root: &mut Value, root_anchors: HashMap<String, String>) {
        if let Some(Value::Object(existing)) = section(root, self.schema_section) {
            self.taken.extend(existing.keys().cloned());
        }
        // The root's own content is reachable by local refs from other files.
        if let Some(first) = self.files.first_mut() {
            first.value = root.clone();
            first.anchors = root_anchors;
        }
        walk(&mut self, root, &mut String::new(), Place::Root, "", 0);
        // Hoisted schemas are walked here, not where they were found, so a
        // long chain of files does not deepen the recursion.
        while let Some((index, mut value, file, mut at)) = self.pending.pop() {
            self.file = file;
            walk(&mut self, &mut value, &mut at, Place::Schema, "", 0);
            if let Some(slot) = self.new_schemas.get_mut(index) {
                slot.1 = Some(value);
            }
        }
        if self.new_schemas.is_empty() {
            return;
        }
        let Some(schemas) = section_mut(root, self.schema_section) else {
            return;
        };
        for (name, schema) in std::mem::take(&mut self.new_schemas) {
            schemas.insert(name, schema.unwrap_or_default());
        }
    }

    /// Handles a `$ref` object. Returns the value replacing it (an inlined
    /// target, or `{}` when the ref cannot be followed), or `None` when the
    /// object was updated in place.
    fn follow(
        &mut self,
        reference: &str,
        site: &mut Map<String, Value>,
        file: usize,
        at: &str,
        place: Place,
    ) -> Option<Value> {
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let fragment = percent_decode(fragment);
        if file_part.is_empty() && file == 0 {
            return None; // a local ref of the root document
        }
        let base_url = self.files.get(file).and_then(|f| f.url.clone());
        let remote_url = if file_part.is_empty() {
            None
        } else if super::remote::is_remote(file_part) {
            Some(file_part.to_owned())
        } else {
            base_url.and_then(|base| super::remote::join(&base, file_part))
        };
        if let Some(url) = remote_url {
            if !self.settings.allow_remote_refs {
                self.diags.push(
                    Diagnostic::warning(
                        "SF0013",
                        Pointer::from_fragment(at),
                        format!("remote $ref `{reference}` is not followed; the value is typed as free-form JSON"),
                    )
                    .with_help("download the referenced document next to the spec and use a relative path, or turn on `allow_remote_refs`"),
                );
                return Some(Value::Object(Map::new()));
            }
            let target_file = match self.open_remote(&url, reference, at) {
                Some(index) => index,
                None => return Some(Value::Object(Map::new())),
            };
            return self.place(target_file, fragment, site, reference, at, place);
        }
        let target_file = if file_part.is_empty() {
            file
        } else {
            self.open(file, file_part, at)?
        };
        self.place(target_file, fragment, site, reference, at, place)
    }

    /// Points the ref site at `fragment` of file `target_file`: a local ref
    /// into the root, a hoisted schema, or an inlined copy.
    fn place(
        &mut self,
        target_file: usize,
        fragment: String,
        site: &mut Map<String, Value>,
        reference: &str,
        at: &str,
        place: Place,
    ) -> Option<Value> {
        // A plain-name fragment (`common.yaml#Pet`) names an `$anchor` of that file.
        let anchored = match fragment.starts_with('/') {
            true => None,
            false => self
                .files
                .get(target_file)
                .and_then(|file| file.anchors.get(&fragment))
                .cloned(),
        };
        let fragment = anchored.unwrap_or(fragment);
        if target_file == 0 {
            site.insert("$ref".to_owned(), Value::String(format!("#{fragment}")));
            return None;
        }
        let target = (target_file, fragment);
        if place == Place::Schema {
            let name = self.hoist(&target, reference, at)?;
            let mut bundled_ref = String::from("#");
            for token in self.schema_section {
                push_token(&mut bundled_ref, token);
            }
            push_token(&mut bundled_ref, &name);
            site.insert("$ref".to_owned(), Value::String(bundled_ref));
            return None;
        }
        Some(self.inline(target, site, reference, at, place))
    }

    /// Copies a schema into the root's schema section (once); its name.
    fn hoist(&mut self, target: &Target, reference: &str, at: &str) -> Option<String> {
        if let Some(name) = self.hoisted.get(target) {
            return Some(name.clone());
        }
        let value = self.resolve(target, reference, at)?;
        let name = self.unique_name(target);
        self.hoisted.insert(target.clone(), name.clone());
        let mut bundled_at = String::new();
        for token in self.schema_section {
            push_token(&mut bundled_at, token);
        }
        push_token(&mut bundled_at, &name);
        self.sources
            .mount(bundled_at.clone(), target.0, target.1.clone());
        self.new_schemas.push((name.clone(), None));
        self.pending
            .push((self.new_schemas.len() - 1, value, target.0, bundled_at));
        Some(name)
    }

    /// Inlines a non-schema target at the ref site.
    fn inline(
        &mut self,
        target: Target,
        site: &Map<String, Value>,
        reference: &str,
        at: &str,
        place: Place,
    ) -> Value {
        if self.inlining.contains(&target) || self.inlining.len() >= MAX_INLINE_DEPTH {
            self.diags.push(
                Diagnostic::error(
                    "SF0015",
                    Pointer::from_fragment(at),
                    format!("$ref `{reference}` refers back to itself through other files and cannot be inlined"),
                )
                .with_help("only schemas may refer to themselves; break the cycle of parameters, responses or path items"),
            );
            return Value::Object(Map::new());
        }
        if !self.charge_inline(&target, reference, at) {
            return budget::free_form();
        }
        let Some(mut value) = self.resolve(&target, reference, at) else {
            return Value::Object(Map::new());
        };
        self.sources
            .mount(at.to_owned(), target.0, target.1.clone());
        self.inlining.push(target.clone());
        let (outer_file, depth) = (std::mem::replace(&mut self.file, target.0), self.depth);
        walk(self, &mut value, &mut at.to_owned(), place, "", depth + 1);
        self.file = outer_file;
        self.inlining.pop();
        if let Value::Object(map) = &mut value {
            for (key, sibling) in site {
                if key != "$ref" {
                    map.insert(key.clone(), sibling.clone());
                }
            }
        }
        value
    }
}

/// The bundler walks every value and follows each `$ref` object it meets where
/// the specification places Reference Objects ([`holds_reference`]: an Example
/// Object may be a `$ref` to a file, a `description` or a `default` may not).
impl Visit for Bundler<'_> {
    const MAX_DEPTH: usize = MAX_WALK_DEPTH;

    fn enter(
        &mut self,
        value: &mut Value,
        at: &str,
        place: Place,
        key: &str,
        depth: usize,
    ) -> Step {
        let Value::Object(map) = value else {
            return Step::Descend;
        };
        let Some(Value::String(reference)) = map.get("$ref") else {
            return Step::Descend;
        };
        if !holds_reference(at, place, key) {
            // Data that happens to have a `$ref` member: left as it is.
            return Step::Skip;
        }
        let reference = reference.clone();
        self.depth = depth;
        if let Some(replacement) = self.follow(&reference, map, self.file, at, place) {
            *value = replacement;
        }
        Step::Skip
    }

    fn too_deep(&mut self, at: &str, _: Place) {
        if self.reported_depth {
            return;
        }
        self.reported_depth = true;
        self.diags.push(
            Diagnostic::error(
                "SF0003",
                Pointer::from_fragment(at),
                format!(
                    "the bundled document nests deeper than {} levels",
                    MAX_WALK_DEPTH + 1
                ),
            )
            .with_help("flatten the referenced files with named components"),
        );
    }
}

/// The object at `path` under `root`, if present.
fn section<'v>(root: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(root, |v, key| v.get(key))
}

/// The object at `path`, created when missing (None if something in the way is not an object).
fn section_mut<'v>(root: &'v mut Value, path: &[&str]) -> Option<&'v mut Map<String, Value>> {
    let mut current = root;
    for key in path {
        let map = current.as_object_mut()?;
        current = map
            .entry((*key).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    current.as_object_mut()
}
