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
//!   the ref site becomes `{}`.
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

use super::parse;
use super::refs::{canonical, normalize, percent_decode, push_token, resolve_pointer};
use super::source_map::{SourceFile, SourceMap};
use crate::Settings;
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// Longest chain of refs inlined into each other.
const MAX_INLINE_DEPTH: usize = 64;

/// Where a value sits, as far as refs care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Components,
    /// A value that is a schema.
    Schema,
    /// A map whose values are schemas (`properties`, `definitions`, …).
    SchemaMap,
    /// A list whose items are schemas (`allOf`, …).
    SchemaList,
    /// A map of named objects (`components/parameters`, `headers`, `content`,
    /// …): its keys are names, never keywords, so a parameter named
    /// `schema` stays a parameter.
    NamedMap,
    Other,
}

impl Place {
    fn child(self, key: &str) -> Place {
        match self {
            Place::Root => match key {
                "definitions" => Place::SchemaMap,
                "components" => Place::Components,
                "parameters" | "responses" | "securityDefinitions" => Place::NamedMap,
                _ => Place::Other,
            },
            Place::Components => match key {
                "schemas" => Place::SchemaMap,
                _ => Place::NamedMap,
            },
            Place::NamedMap => Place::Other,
            Place::SchemaMap | Place::SchemaList => Place::Schema,
            Place::Schema => match key {
                "items"
                | "additionalProperties"
                | "not"
                | "additionalItems"
                | "contains"
                | "if"
                | "then"
                | "else"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "contentSchema" => Place::Schema,
                "properties" | "patternProperties" | "definitions" | "$defs"
                | "dependentSchemas" => Place::SchemaMap,
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => Place::SchemaList,
                _ => Place::Other,
            },
            Place::Other => match key {
                "schema" => Place::Schema,
                "headers" | "encoding" | "content" | "responses" | "callbacks" | "paths" => {
                    Place::NamedMap
                }
                _ => Place::Other,
            },
        }
    }

    /// Items of an array in this place (`items: [..]` tuples are schemas too).
    fn item(self) -> Place {
        match self {
            Place::Schema | Place::SchemaList => Place::Schema,
            _ => Place::Other,
        }
    }
}

struct File {
    /// As found (for messages and the source map; a URL for remote documents).
    path: PathBuf,
    /// The absolute URL of a fetched document.
    url: Option<String>,
    value: Value,
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
    /// Current nesting of `walk` (values and inlined refs), bounded by [`MAX_WALK_DEPTH`].
    depth: usize,
    reported_depth: bool,
}

/// Deepest nesting walked (document nesting plus inlined refs).
const MAX_WALK_DEPTH: usize = 1024;

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
        swagger: bool,
    ) -> Self {
        let mut by_path = HashMap::new();
        by_path.insert(canonical(root_path), 0);
        Self {
            settings,
            diags,
            sources,
            files: vec![File {
                path: root_path.to_path_buf(),
                url: None,
                value: Value::Null,
            }],
            by_path,
            schema_section: if swagger {
                &["definitions"]
            } else {
                &["components", "schemas"]
            },
            hoisted: HashMap::new(),
            taken: HashSet::new(),
            new_schemas: Vec::new(),
            pending: Vec::new(),
            inlining: Vec::new(),
            depth: 0,
            reported_depth: false,
        }
    }

    /// Bundles `root` in place.
    pub(crate) fn bundle(mut self, root: &mut Value) {
        if let Some(Value::Object(existing)) = section(root, self.schema_section) {
            self.taken.extend(existing.keys().cloned());
        }
        // The root's own content is reachable by local refs from other files.
        if let Some(first) = self.files.first_mut() {
            first.value = root.clone();
        }
        let mut at = String::new();
        self.walk(root, 0, &mut at, Place::Root);
        // Hoisted schemas are walked here, not where they were found, so a
        // long chain of files does not deepen the recursion.
        while let Some((index, mut value, file, mut at)) = self.pending.pop() {
            self.walk(&mut value, file, &mut at, Place::Schema);
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

    fn walk(&mut self, value: &mut Value, file: usize, at: &mut String, place: Place) {
        if self.depth >= MAX_WALK_DEPTH {
            if !self.reported_depth {
                self.reported_depth = true;
                self.diags.push(
                    Diagnostic::error(
                        "SF0003",
                        Pointer::from_fragment(at),
                        format!("the bundled document nests deeper than {MAX_WALK_DEPTH} levels"),
                    )
                    .with_help("flatten the referenced files with named components"),
                );
            }
            return;
        }
        self.depth += 1;
        self.walk_inner(value, file, at, place);
        self.depth -= 1;
    }

    fn walk_inner(&mut self, value: &mut Value, file: usize, at: &mut String, place: Place) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    if let Some(replacement) = self.follow(&reference, map, file, at, place) {
                        *value = replacement;
                    }
                    return;
                }
                for (key, child) in map.iter_mut() {
                    let len = at.len();
                    push_token(at, key);
                    self.walk(child, file, at, place.child(key));
                    at.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter_mut().enumerate() {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&i.to_string());
                    self.walk(child, file, at, place.item());
                    at.truncate(len);
                }
            }
            _ => {}
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

    /// Loads `relative` (relative to file `from`), once; its index.
    fn open(&mut self, from: usize, relative: &str, at: &str) -> Option<usize> {
        let base = self
            .files
            .get(from)
            .and_then(|f| f.path.parent())
            .unwrap_or(Path::new(""));
        let path = normalize(&base.join(percent_decode(relative)));
        let key = canonical(&path);
        if let Some(index) = self.by_path.get(&key) {
            return Some(*index);
        }
        // Only regular files: a FIFO or device (`/dev/zero`, `/dev/stdin`) would hang or exhaust memory.
        let read = std::fs::metadata(&path)
            .and_then(|m| match m.is_file() {
                true => std::fs::read(&path),
                false => Err(std::io::Error::other("not a regular file")),
            })
            .map_err(|e| {
            Box::new(
                Diagnostic::error(
                    "SF0010",
                    Pointer::from_fragment(at),
                    format!("cannot read {} (referenced as `{relative}`): {e}", path.display()),
                )
                .with_help("check the path of the $ref; relative paths resolve against the file that contains the $ref"),
            )
        });
        let parsed = read
            .and_then(|bytes| parse::decode(&path, bytes))
            .and_then(|text| {
                parse::parse(&path, &text, self.diags).map(|(value, format)| (value, format, text))
            });
        match parsed {
            Ok((value, format, text)) => {
                let index = self
                    .sources
                    .add_file(SourceFile::new(path.clone(), text, format));
                self.files.push(File {
                    path,
                    url: None,
                    value,
                });
                self.by_path.insert(key, index);
                Some(index)
            }
            Err(diagnostic) => {
                self.diags.push(*diagnostic);
                None
            }
        }
    }

    /// Fetches `url` once (SF0014 when it cannot be); its index.
    fn open_remote(&mut self, url: &str, reference: &str, at: &str) -> Option<usize> {
        let key = PathBuf::from(url);
        if let Some(index) = self.by_path.get(&key) {
            return Some(*index);
        }
        let parsed = super::remote::fetch(url)
            .map_err(|cause| {
                Box::new(
                    Diagnostic::warning(
                        "SF0014",
                        Pointer::from_fragment(at),
                        format!("remote $ref `{reference}` cannot be fetched ({cause}); the value is typed as free-form JSON"),
                    )
                    .with_help("download the referenced document next to the spec and use a relative path"),
                )
            })
            .and_then(|bytes| parse::decode(&key, bytes))
            .and_then(|text| {
                parse::parse(&key, &text, self.diags).map(|(value, format)| (value, format, text))
            });
        match parsed {
            Ok((value, format, text)) => {
                let index = self
                    .sources
                    .add_file(SourceFile::new(key.clone(), text, format));
                self.files.push(File {
                    path: key.clone(),
                    url: Some(url.to_owned()),
                    value,
                });
                self.by_path.insert(key, index);
                Some(index)
            }
            Err(diagnostic) => {
                self.diags.push(*diagnostic);
                None
            }
        }
    }

    /// The value at `target`, or a diagnostic.
    fn resolve(&mut self, target: &Target, reference: &str, at: &str) -> Option<Value> {
        let file = self.files.get(target.0)?;
        match resolve_pointer(&file.value, &target.1) {
            Some(value) => Some(value.clone()),
            None => {
                let path = file.path.display().to_string();
                self.diags.push(
                    Diagnostic::error(
                        "SF0012",
                        Pointer::from_fragment(at),
                        format!(
                            "$ref `{reference}` points to `#{}`, which {path} does not contain",
                            target.1
                        ),
                    )
                    .with_help(
                        "fix the fragment after `#` (a JSON pointer such as `#/definitions/Pet`)",
                    ),
                );
                None
            }
        }
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
        let Some(mut value) = self.resolve(&target, reference, at) else {
            return Value::Object(Map::new());
        };
        self.sources
            .mount(at.to_owned(), target.0, target.1.clone());
        self.inlining.push(target.clone());
        let mut inner_at = at.to_owned();
        self.walk(&mut value, target.0, &mut inner_at, place);
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

    /// A readable schema name for `target`, unique in the schema section.
    fn unique_name(&mut self, target: &Target) -> String {
        let from_fragment = target.1.rsplit('/').next().filter(|t| !t.is_empty());
        let stem = self
            .files
            .get(target.0)
            .and_then(|f| f.path.file_stem())
            .map(|s| s.to_string_lossy().into_owned());
        let raw = from_fragment
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .or(stem)
            .unwrap_or_else(|| "Schema".to_owned());
        let base: String = raw
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let base = if base.is_empty() {
            "Schema".to_owned()
        } else {
            base
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
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
