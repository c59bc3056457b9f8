//! Parsing one file's text into a `serde_json::Value`, JSON or YAML.
//!
//! The format is sniffed from the content, never from the extension: after an
//! optional byte-order mark and leading whitespace, a document that starts
//! with `{` or `[` is parsed as JSON; anything else as YAML. A JSON document
//! that fails to parse as JSON is reported as JSON (YAML is a superset of JSON,
//! but a broken JSON file is better explained by the JSON parser).
//!
//! Errors become one diagnostic naming the file, line and column, with advice.
//! Nesting is bounded: `serde_json` stops at 128 levels, `serde_yaml_ng` at
//! 128 (flow nesting deeper than that is refused by a linear pre-scan,
//! [`super::yaml_depth`], before the parser, whose time grows with depth × tokens,
//! sees the text), and the YAML → JSON conversion in [`super::yaml_value`] refuses
//! anything deeper than [`MAX_DEPTH`], so no input can overflow the stack.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, Pointer};

/// The deepest nesting the loader accepts (serde_json's own limit is 128).
pub(crate) const MAX_DEPTH: usize = 128;

/// The syntax of a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Yaml,
}

/// The text with a UTF-8 byte-order mark removed.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// JSON when the first non-blank character opens an object or array.
pub(crate) fn sniff(text: &str) -> Format {
    match strip_bom(text).trim_start().chars().next() {
        Some('{' | '[') => Format::Json,
        _ => Format::Yaml,
    }
}

/// Decodes file bytes as UTF-8, or explains which byte is wrong.
pub(crate) fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = e.as_bytes().get(..valid).unwrap_or_default();
        let line = prefix.iter().filter(|b| **b == b'\n').count() + 1;
        let column = prefix.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        Box::new(
            Diagnostic::error(
                "SF0008",
                Pointer::root(),
                format!(
                    "{} is not UTF-8 text (invalid byte at offset {valid})",
                    path.display()
                ),
            )
            .at_position(path, line, column)
            .with_help("save the document as UTF-8"),
        )
    })
}

/// Parses `text` (the content of `path`) in the sniffed format; warnings
/// (duplicate YAML keys) go to `diags`.
pub(crate) fn parse(
    path: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Result<(serde_json::Value, Format), Box<Diagnostic>> {
    let body = strip_bom(text);
    match sniff(body) {
        Format::Json => parse_json(path, body).map(|v| (v, Format::Json)),
        Format::Yaml => parse_yaml(path, body, diags).map(|v| (v, Format::Yaml)),
    }
}

fn parse_json(path: &Path, text: &str) -> Result<serde_json::Value, Box<Diagnostic>> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let (code, help) = if message.contains("recursion limit") {
            (
                "SF0003",
                format!("the document nests deeper than {MAX_DEPTH} levels; flatten it with named components"),
            )
        } else {
            (
                "SF0001",
                "fix the JSON syntax at this place (a validator such as `jq . FILE` shows the same error)"
                    .to_owned(),
            )
        };
        // serde_json's message ends in "at line L column C"; keep only the cause.
        let cause = message.split(" at line ").next().unwrap_or(&message).to_owned();
        Box::new(
            Diagnostic::error(code, Pointer::root(), format!("{} is not valid JSON: {cause}", path.display()))
                .at_position(path, e.line().max(1), e.column().max(1))
                .with_help(help),
        )
    })
}

fn parse_yaml(
    path: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Result<serde_json::Value, Box<Diagnostic>> {
    let invalid = |e: serde_yaml_ng::Error| {
        let message = e.to_string();
        let (code, help) = if message.contains("recursion limit") {
            (
                "SF0003",
                format!(
                    "the document nests deeper than {MAX_DEPTH} levels; flatten it with named components"
                ),
            )
        } else {
            (
                "SF0002",
                "fix the YAML syntax at this place (check indentation and quoting)".to_owned(),
            )
        };
        let cause = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        let mut diagnostic = Diagnostic::error(
            code,
            Pointer::root(),
            format!("{} is not valid YAML: {cause}", path.display()),
        )
        .with_help(help);
        if let Some(loc) = e.location() {
            diagnostic = diagnostic.at_position(path, loc.line().max(1), loc.column().max(1));
        }
        Box::new(diagnostic)
    };
    if let Some(at) = super::yaml_depth::too_deep_flow(text, MAX_DEPTH) {
        return Err(Box::new(
            Diagnostic::error(
                "SF0003",
                Pointer::root(),
                format!(
                    "{} is not valid YAML: its flow collections (`[` and `{{`) nest deeper than {MAX_DEPTH} levels",
                    path.display()
                ),
            )
            .at_position(path, at.line, at.column)
            .with_help("flatten the document with named components"),
        ));
    }
    let mut value = match super::yaml_read::from_str::<false>(text) {
        Ok(value) => value,
        Err(e) if e.to_string().starts_with("duplicate entry") => {
            // Read again keeping the last of duplicate keys, as JSON parsers do.
            let mut warning = Diagnostic::warning(
                "SF0009",
                Pointer::root(),
                format!(
                    "{}: {}; the last one is used",
                    path.display(),
                    e.to_string().split(" at line ").next().unwrap_or_default()
                ),
            )
            .with_help("remove the duplicate key: YAML does not allow a key twice in one mapping");
            if let Some(loc) = e.location() {
                warning = warning.at_position(path, loc.line().max(1), loc.column().max(1));
            }
            diags.push(warning);
            super::yaml_read::from_str::<true>(text).map_err(invalid)?
        }
        Err(e) => return Err(invalid(e)),
    };
    value.apply_merge().map_err(invalid)?;
    super::yaml_value::to_json(value).map_err(|note| too_deep(path, &note))
}

/// SF0003 for a YAML value nested deeper than [`MAX_DEPTH`] (`note` says where).
fn too_deep(path: &Path, note: &str) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(
            "SF0003",
            Pointer::root(),
            format!(
                "{} nests deeper than {MAX_DEPTH} levels{note}",
                path.display()
            ),
        )
        .with_help("flatten the document with named components"),
    )
}

/// Extension for diagnostics whose place is a file position rather than a
/// pointer (syntax errors: the pointer index cannot help there).
pub(crate) trait AtPosition {
    fn at_position(self, path: &Path, line: usize, column: usize) -> Self;
}

impl AtPosition for Diagnostic {
    fn at_position(mut self, path: &Path, line: usize, column: usize) -> Self {
        self.location = Some(Location {
            file: path.to_path_buf(),
            line,
            column,
        });
        self
    }
}
