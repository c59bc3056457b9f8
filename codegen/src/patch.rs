//! Setting `patch`: a JSON Patch (RFC 6902) applied to the document before anything
//! reads it, to fix a broken third-party document without editing it.
//!
//! The patch file is JSON or YAML: an array of operations (`add`, `remove`,
//! `replace`, `move`, `copy`, `test`) whose paths are JSON pointers into the
//! document as written (before a Swagger 2.0 document is upgraded, after `$ref`s to
//! other files are bundled). The `json-patch` crate applies it. A patch that cannot be
//! read is error SF0019; an operation that does not apply (a path that does not
//! exist, a failed `test`) is error SF0020 naming the operation: nothing is generated
//! from a document the user meant to fix but did not.

use std::path::Path;

use serde_json::Value;

use crate::GenerateError;
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// Applies the patch in `file` to `document`.
pub(crate) fn apply(
    document: &mut Value,
    file: &Path,
    diags: &mut Diagnostics,
) -> Result<(), GenerateError> {
    let text = std::fs::read_to_string(file).map_err(|source| GenerateError::Io {
        path: file.to_path_buf(),
        source,
    })?;
    let patch = match parse(&text) {
        Ok(patch) => patch,
        Err(message) => {
            diags.push(located(
                Diagnostic::error(
                    "SF0019",
                    Pointer::root(),
                    format!("the patch {} cannot be read: {message}", file.display()),
                )
                .with_help("a patch is a JSON or YAML array of RFC 6902 operations, such as `[{\"op\": \"remove\", \"path\": \"/paths/~1pets/get/parameters/0\"}]`"),
                file,
            ));
            return Ok(());
        }
    };
    if let Err(error) = json_patch::patch(document, &patch) {
        let index = error.operation;
        let operation = patch.0.get(index).map(describe).unwrap_or_default();
        diags.push(located(
            Diagnostic::error(
                "SF0020",
                Pointer::root(),
                format!(
                    "operation {index} of the patch {} ({operation}) does not apply: {}",
                    file.display(),
                    error.kind
                ),
            )
            .with_help("fix the operation's path (a JSON pointer into the document as written; `/` in a key is `~1`), or remove it"),
            file,
        ));
    }
    Ok(())
}

/// The patch from JSON or YAML text (YAML is a superset of JSON).
fn parse(text: &str) -> Result<json_patch::Patch, String> {
    let value: Value = serde_yaml_ng::from_str(text).map_err(|e| e.to_string())?;
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// `replace at /info/title`, for messages.
fn describe(operation: &json_patch::PatchOperation) -> String {
    use json_patch::PatchOperation as Op;
    let (name, path) = match operation {
        Op::Add(op) => ("add", &op.path),
        Op::Remove(op) => ("remove", &op.path),
        Op::Replace(op) => ("replace", &op.path),
        Op::Move(op) => ("move", &op.path),
        Op::Copy(op) => ("copy", &op.path),
        Op::Test(op) => ("test", &op.path),
    };
    format!("`{name}` at `{path}`")
}

/// The diagnostic located in the patch file (its first line: the patch is small, and
/// the message names the operation).
fn located(mut diagnostic: Diagnostic, file: &Path) -> Diagnostic {
    diagnostic.location = Some(crate::diagnostics::Location {
        file: file.to_path_buf(),
        line: 1,
        column: 1,
    });
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patched(document: Value, patch: &str) -> (Value, Vec<Diagnostic>) {
        let dir = std::env::temp_dir().join(format!("specforge-patch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(format!("p{}.yaml", patch.len()));
        std::fs::write(&file, patch).unwrap();
        let mut document = document;
        let mut diags = Diagnostics::default();
        apply(&mut document, &file, &mut diags).unwrap();
        (document, diags.into_vec())
    }

    #[test]
    fn yaml_and_json_patches_apply() {
        let document = serde_json::json!({"info": {"title": "A"}, "paths": {"/p": {}}});
        let (document, diags) = patched(
            document,
            "- op: replace\n  path: /info/title\n  value: B\n- op: remove\n  path: /paths/~1p\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            document,
            serde_json::json!({"info": {"title": "B"}, "paths": {}})
        );
        let (document, diags) = patched(
            document,
            r#"[{"op": "add", "path": "/info/version", "value": "1"}]"#,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(document["info"]["version"], "1");
    }

    #[test]
    fn an_operation_that_does_not_apply_is_an_error_naming_it() {
        let document = serde_json::json!({"info": {"title": "A"}});
        let (_, diags) = patched(
            document,
            "- op: replace\n  path: /info/title\n  value: B\n- op: remove\n  path: /paths/x\n",
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "SF0020");
        assert!(
            diags[0].message.contains("operation 1 of the patch")
                && diags[0].message.contains("`remove` at `/paths/x`"),
            "{}",
            diags[0].message
        );
        assert_eq!(diags[0].location.as_ref().map(|l| l.line), Some(1));
    }

    #[test]
    fn a_patch_that_is_not_a_list_of_operations_is_an_error() {
        let (_, diags) = patched(serde_json::json!({}), "op: remove\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "SF0019");
    }
}
