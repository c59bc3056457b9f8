//! Reading the files and remote documents a bundle refers to, once each, and the
//! values their fragments point at.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::super::refs::{canonical, normalize, percent_decode, resolve_pointer};
use super::super::source_map::SourceFile;
use super::super::{anchors, parse};
use super::{Bundler, File, Target};
use crate::diagnostics::{Diagnostic, Pointer};

impl Bundler<'_> {
    /// Loads `relative` (relative to file `from`), once; its index.
    pub(super) fn open(&mut self, from: usize, relative: &str, at: &str) -> Option<usize> {
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
        if let Some(refused) = self.refused(from, &key, relative, at) {
            return self.register(key, path, None, Err(refused), at);
        }
        let read = read_document_file(&path).map_err(|e| {
            Box::new(
                Diagnostic::error(
                    "SF0010",
                    Pointer::from_fragment(at),
                    format!("cannot read {} (referenced as `{relative}`): {e}", path.display()),
                )
                .with_help("check the path of the $ref; relative paths resolve against the file that contains the $ref"),
            )
        });
        self.register(key, path, None, read, at)
    }

    /// SF0017 when a `$ref` may not read `key` (its canonical path: symlinks
    /// followed): a file outside the `ref_root` folder, or any local file named by
    /// a fetched document. The message names the path; the file is never read.
    fn refused(
        &self,
        from: usize,
        key: &Path,
        relative: &str,
        at: &str,
    ) -> Option<Box<Diagnostic>> {
        let fetched = self.files.get(from).is_some_and(|f| f.url.is_some());
        // A path that does not exist stays as written (not canonical): made absolute
        // here, so that a missing file inside the folder is reported as missing.
        let absolute = match key.is_absolute() {
            true => key.to_path_buf(),
            false => std::env::current_dir()
                .map_or_else(|_| key.to_path_buf(), |cwd| normalize(&cwd.join(key))),
        };
        let why = if fetched {
            "a document fetched from the network cannot refer to a local file".to_owned()
        } else if !absolute.starts_with(&self.ref_root) {
            format!(
                "{} is outside {}",
                absolute.display(),
                self.ref_root.display()
            )
        } else {
            return None;
        };
        Some(Box::new(
            Diagnostic::error(
                "SF0017",
                Pointer::from_fragment(at),
                format!("`$ref: {relative}` is not followed: {why}"),
            )
            .with_help(
                "keep the files a document refers to in its folder or below, or name a wider folder with the `ref_root` setting",
            ),
        ))
    }

    /// Fetches `url` once (SF0014 when it cannot be); its index.
    pub(super) fn open_remote(&mut self, url: &str, reference: &str, at: &str) -> Option<usize> {
        let key = PathBuf::from(url);
        if let Some(index) = self.by_path.get(&key) {
            return Some(*index);
        }
        let read = super::super::remote::fetch(url).map_err(|cause| {
            Box::new(
                Diagnostic::warning(
                    "SF0014",
                    Pointer::from_fragment(at),
                    format!("remote $ref `{reference}` cannot be fetched ({cause}); the value is typed as free-form JSON"),
                )
                .with_help("download the referenced document next to the spec and use a relative path"),
            )
        });
        self.register(key.clone(), key, Some(url.to_owned()), read, at)
    }

    /// Decodes and parses `read` (the bytes of `path`, or why they could not be had),
    /// resolves its `$id`/`$anchor` refs (3.1 and later) and registers it under `key`
    /// (its canonical path, or its URL); its index.
    fn register(
        &mut self,
        key: PathBuf,
        path: PathBuf,
        url: Option<String>,
        read: Result<Vec<u8>, Box<Diagnostic>>,
        at: &str,
    ) -> Option<usize> {
        let parsed = read
            .and_then(|bytes| parse::decode(&path, bytes))
            .and_then(|text| {
                parse::parse(&path, &text, self.diags).map(|(value, format)| (value, format, text))
            });
        let (mut value, format, text) = match parsed {
            Ok(parsed) => parsed,
            Err(diagnostic) => {
                self.diags.push(*diagnostic);
                return None;
            }
        };
        // A document is an object: any text parses as a YAML string, and a `$ref` to a
        // file that is not a document must not put that text into the output.
        if !value.is_object() {
            self.diags.push(
                Diagnostic::error(
                    "SF0010",
                    Pointer::from_fragment(at),
                    format!(
                        "{} is not a JSON or YAML object, so it is not a document a `$ref` can name",
                        path.display()
                    ),
                )
                .with_help("refer to a JSON or YAML file whose top level is an object"),
            );
            return None;
        }
        let uri = match &url {
            Some(url) => url::Url::parse(url).ok(),
            None => Some(anchors::file_uri(&path)),
        };
        let own_anchors = match uri {
            Some(uri) if self.schema_ids => {
                let label = path.display().to_string();
                anchors::resolve(&mut value, &uri, Some(&label), self.diags)
            }
            _ => HashMap::new(),
        };
        let index = self
            .sources
            .add_file(SourceFile::new(path.clone(), text, format));
        self.files.push(File {
            path,
            url,
            value,
            anchors: own_anchors,
        });
        self.by_path.insert(key, index);
        Some(index)
    }

    /// The value at `target`, or a diagnostic.
    pub(super) fn resolve(&mut self, target: &Target, reference: &str, at: &str) -> Option<Value> {
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
}

/// The largest file read as a document (the entry document or a referenced one).
pub(crate) const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// The bytes of a document file: only a regular file (a FIFO or device such as
/// `/dev/zero` or `/dev/stdin` would hang or exhaust memory), at most
/// [`MAX_DOCUMENT_BYTES`] long (a sparse file can claim gigabytes).
pub(crate) fn read_document_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if metadata.len() > MAX_DOCUMENT_BYTES {
        return Err(std::io::Error::other(format!(
            "{} bytes, more than the {MAX_DOCUMENT_BYTES} a document may have",
            metadata.len()
        )));
    }
    std::fs::read(path)
}

/// The folder local `$ref`s may read from, canonical: `settings.ref_root`, else the
/// folder of the entry document.
pub(super) fn ref_root(settings: &crate::Settings, entry: &Path) -> PathBuf {
    let root = match &settings.ref_root {
        Some(root) => canonical(root),
        None => canonical(entry)
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf),
    };
    if root.is_absolute() {
        root
    } else {
        std::env::current_dir().map_or(root.clone(), |dir| dir.join(&root))
    }
}
