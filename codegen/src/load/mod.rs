//! Loading: read the spec file (JSON or YAML, sniffed from the content), bundle
//! relative-file `$ref`s into one document, detect the OpenAPI version, and keep
//! a source map from JSON pointers back to file, line and column.
//!
//! - [`parse`]: bytes → `serde_json::Value`, JSON or YAML, with positioned errors.
//! - [`yaml_depth`]: a linear pre-scan refusing flow nesting deeper than the limit
//!   before the YAML parser (whose time grows with depth × tokens) sees it.
//! - [`yaml_read`]: YAML text → YAML values, integers beyond 64 bits as JSON reads them.
//! - [`yaml_value`]: YAML values → JSON values (non-string keys become strings).
//! - [`anchors`]: refs by `$id` and `$anchor` (OpenAPI 3.1, JSON Schema 2020-12)
//!   rewritten to JSON pointer refs.
//! - [`bundle`]: multi-file documents → one document with `#/` refs only.
//! - [`places`]: where a value sits (schema, data, …) and the walk by place.
//! - [`source_map`], [`json_index`], [`yaml_index`]: pointer → file:line:column,
//!   built lazily on the first diagnostic.
//!
//! # Choice of YAML crate
//!
//! `serde_yaml` 0.9 is deprecated. Candidates with a serde interface were timed
//! parsing into `serde_json::Value` (best of 5, release build, this 2-core
//! machine; program and raw numbers in `codegen/benches/yaml-choice/`), on the
//! corpus YAML documents and on large JSON corpus documents converted to YAML:
//!
//! | document | size | serde_yaml_ng 0.10 | serde_norway 0.9 | serde-saphyr 2.2 |
//! |---|---|---|---|---|
//! | docker.com engine 1.40 | 377 KB | 7.6 ms | 7.7 ms | 18.6 ms |
//! | giantswarm swagger.yaml | 52 KB | 1.0 ms | 0.9 ms | 1.9 ms |
//! | jupyter server | 30 KB | 0.7 ms | 0.8 ms | 1.8 ms |
//! | kubernetes (converted) | 816 KB | 18.6 ms | 19.1 ms | 42.0 ms |
//! | squareup (converted) | 1.4 MB | 29.4 ms | 29.7 ms | 59.7 ms |
//! | GitHub (converted) | 9.9 MB | 270.6 ms | 271.6 ms | error (node budget) |
//!
//! `serde_yaml_ng` and `serde_norway` (both on libyaml) tie; `serde-saphyr` is
//! about twice as slow and refuses the 9.9 MB document under its default
//! budget. `serde_yaml_ng` is chosen: fastest, already a workspace dependency,
//! maintained. For source positions the YAML is walked again, only when a
//! diagnostic needs a line, with `granit-parser` (spans on every event; it
//! accepts every corpus document, while `saphyr-parser` 0.3 rejects docker's
//! multi-line quoted scalars); its event walk takes 198 ms on the 9.9 MB file.

//!
//! # Measured (release build, this shared 2-core machine)
//!
//! GitHub's 13 MB JSON document: load 261 ms (parsing dominates), upgrade
//! 61 ms, building the source map and locating 1,000 pointers 67 ms. The same
//! document as 9.9 MB of YAML: load 915 ms, locating 1,000 pointers 623 ms.
//! (`cargo run --release -p specforge-codegen --example load_upgrade -- SPEC`.)
//!
//! # Known gaps
//!
//! - `$id`/`$anchor` refs ([`anchors`], 3.1 and later) resolve within the file that
//!   declares them: a ref in one file to an `$id` declared only in another file is
//!   read as a file path. `$dynamicRef` is read as a plain `$ref`-less schema.
//! - YAML nodes reached through an alias or merge key, and values created by
//!   the upgrade, are located at their nearest ancestor in the source.
//! - After the Swagger 2.0 upgrade removes `body`/`formData` parameters from
//!   an operation's list, later parameters' pointers are shifted by one and
//!   locate to their neighbour in the source.

pub(crate) mod anchors;
pub(crate) mod bundle;
pub(crate) mod json_index;
pub(crate) mod parse;
pub(crate) mod places;
pub(crate) mod position_tree;
pub(crate) mod refs;
pub(crate) mod remote;
pub(crate) mod source_map;
pub(crate) mod yaml_depth;
pub(crate) mod yaml_index;
pub(crate) mod yaml_read;
pub(crate) mod yaml_value;

pub(crate) use source_map::SourceMap;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};
use crate::{GenerateError, Settings};
use source_map::SourceFile;

/// Which dialect the document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpecVersion {
    Swagger2,
    OpenApi30,
    OpenApi31,
    /// 3.2 and later 3.x: read as 3.1, with a diagnostic.
    OpenApi32,
}

/// A loaded (bundled) document.
pub(crate) struct Loaded {
    pub document: serde_json::Value,
    pub version: SpecVersion,
    pub sources: SourceMap,
}

/// Reads `settings.spec` and everything it references. Errors that make the
/// document unusable (unreadable file, bad syntax, not OpenAPI, unsupported
/// version) are pushed to `diags` as errors, or returned as `GenerateError::Io`
/// when the spec file itself cannot be read.
pub(crate) fn load(settings: &Settings, diags: &mut Diagnostics) -> Result<Loaded, GenerateError> {
    let path = &settings.spec;
    let bytes = bundle::read_document_file(path).map_err(|source| GenerateError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(load_bytes(settings, bytes, diags))
}

/// [`load`] for bytes already read from `settings.spec`.
pub(crate) fn load_bytes(settings: &Settings, bytes: Vec<u8>, diags: &mut Diagnostics) -> Loaded {
    let path = &settings.spec;
    let failed = |sources: SourceMap| Loaded {
        document: Value::Null,
        version: SpecVersion::OpenApi30,
        sources,
    };
    let text = match parse::decode(path, bytes) {
        Ok(text) => text,
        Err(diagnostic) => {
            diags.push(*diagnostic);
            return failed(SourceMap::default());
        }
    };
    let parsed = parse::parse(path, &text, diags);
    let (mut document, format) = match parsed {
        Ok(ok) => ok,
        Err(diagnostic) => {
            diags.push(*diagnostic);
            return failed(SourceMap::default());
        }
    };
    let mut sources = SourceMap::new(SourceFile::new(path.clone(), text, format));
    let Some(version) = detect_version(&document, path, diags) else {
        return failed(sources);
    };
    sources.set_version(version);
    let root_anchors = match version {
        SpecVersion::OpenApi31 | SpecVersion::OpenApi32 => {
            anchors::resolve(&mut document, &anchors::file_uri(path), None, diags)
        }
        SpecVersion::Swagger2 | SpecVersion::OpenApi30 => Default::default(),
    };
    if bundle::has_external_refs(&document) {
        bundle::Bundler::new(settings, diags, &mut sources, path, version)
            .bundle(&mut document, root_anchors);
    }
    Loaded {
        document,
        version,
        sources,
    }
}

/// The dialect from `swagger` / `openapi`, or an error diagnostic.
pub(crate) fn detect_version(
    document: &Value,
    path: &std::path::Path,
    diags: &mut Diagnostics,
) -> Option<SpecVersion> {
    let file = path.display();
    let Value::Object(root) = document else {
        let found = kind(document);
        diags.push(
            Diagnostic::error(
                "SF0004",
                Pointer::root(),
                format!("{file} is not an OpenAPI document: its top level is {found}, not an object"),
            )
            .with_help("give the path of the OpenAPI document itself (a JSON object or YAML mapping with `openapi: 3.x` or `swagger: \"2.0\"`)"),
        );
        return None;
    };
    let unsupported = |field: &str, written: &str, diags: &mut Diagnostics| {
        diags.push(
            Diagnostic::error(
                "SF0006",
                Pointer::root().push(field),
                format!("{file}: `{field}: {written}` is not a supported version (supported: Swagger 2.0, OpenAPI 3.0, 3.1, 3.2)"),
            )
            .with_help(if written.starts_with('1') {
                "convert the document to OpenAPI 3 first (for example with swagger2openapi or api-spec-converter)"
            } else {
                "write `openapi: 3.0.3` or `openapi: 3.1.0` if the document follows one of those versions"
            }),
        );
        None
    };
    if let Some(value) = root.get("openapi") {
        let written = version_text(value);
        let mut parts = written.split('.');
        let major = parts.next().unwrap_or_default();
        let minor = parts.next().and_then(|m| m.parse::<u32>().ok());
        return match (major, minor) {
            ("3", Some(0)) => Some(SpecVersion::OpenApi30),
            ("3", Some(1)) => Some(SpecVersion::OpenApi31),
            ("3", Some(_)) => {
                diags.push(
                    Diagnostic::warning(
                        "SF0007",
                        Pointer::root().push("openapi"),
                        format!("OpenAPI {written} is read as 3.1: features added after 3.1 are ignored"),
                    )
                    .with_help("check the generated client for anything the newer version adds; set `openapi: 3.1.0` to silence this"),
                );
                Some(SpecVersion::OpenApi32)
            }
            _ => unsupported("openapi", &written, diags),
        };
    }
    if let Some(value) = root.get("swagger") {
        let written = version_text(value);
        return match written.as_str() {
            "2.0" | "2" | "2.0.0" => Some(SpecVersion::Swagger2),
            _ => unsupported("swagger", &written, diags),
        };
    }
    diags.push(
        Diagnostic::error(
            "SF0005",
            Pointer::root(),
            format!("{file} is not an OpenAPI document: it has neither an `openapi` nor a `swagger` field"),
        )
        .with_help("add `openapi: 3.0.3` (or `swagger: \"2.0\"`) at the top level, or give the path of the OpenAPI document itself"),
    );
    None
}

/// The version as written (`3.1.0`; a YAML number `3.0` as `3.0`).
fn version_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => {
            let text = n.to_string();
            if text.contains('.') {
                text
            } else {
                format!("{text}.0")
            }
        }
        other => other.to_string(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty (null)",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
