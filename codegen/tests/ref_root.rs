//! Local `$ref`s read only files under the entry document's folder (or the
//! `ref_root` setting's), symlinks followed before the check; a refused file is
//! named in SF0017 and never read. Documents must be regular files of bounded size.

use std::path::{Path, PathBuf};

use specforge_codegen::{Builder, GenerateError, Settings, generate};

/// A secret beside the document's folder, never to appear in any output.
const SECRET: &str = "TOP-SECRET-CONTENT-42";

/// `<tmp>/<name>/secret.yaml` and `<tmp>/<name>/spec/api.json`, whose schema
/// `Thing` is `$ref: <reference>`; the spec path.
fn layout(name: &str, reference: &str) -> PathBuf {
    let root =
        std::env::temp_dir().join(format!("specforge-ref-root-{}-{name}", std::process::id()));
    let spec_dir = root.join("spec");
    std::fs::create_dir_all(&spec_dir).unwrap();
    std::fs::write(
        root.join("secret.yaml"),
        format!("Thing:\n  type: object\n  description: {SECRET}\n"),
    )
    .unwrap();
    let document = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}},
            "paths": {{"/t": {{"get": {{"operationId": "getThing", "responses": {{"200": {{"description": "ok",
              "content": {{"application/json": {{"schema": {{"$ref": "{reference}"}}}}}}}}}}}}}}}}}}"#
    );
    let spec = spec_dir.join("api.json");
    std::fs::write(&spec, document).unwrap();
    spec
}

fn refused(spec: &Path, settings: Settings) -> Vec<String> {
    let Err(GenerateError::Invalid(diagnostics)) = generate(&settings) else {
        panic!("{}: the $ref must be refused", spec.display());
    };
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    for error in &errors {
        assert!(!error.contains(SECRET), "the file was read: {error}");
    }
    errors
}

#[test]
fn a_file_outside_the_documents_folder_is_not_read() {
    let spec = layout("outside", "../secret.yaml#/Thing");
    let errors = refused(&spec, Settings::new(&spec));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("SF0017"), "{errors:?}");
    assert!(
        errors[0].contains("secret.yaml"),
        "names the path: {errors:?}"
    );
    assert!(
        errors[0].contains("ref_root"),
        "says how to allow it: {errors:?}"
    );
}

#[test]
fn an_absolute_path_outside_is_not_read() {
    let spec = layout("absolute", "/etc/passwd#/x");
    let errors = refused(&spec, Settings::new(&spec));
    assert!(errors.iter().any(|e| e.contains("SF0017")), "{errors:?}");
    assert!(!errors.iter().any(|e| e.contains("root:")), "{errors:?}");
}

#[cfg(unix)]
#[test]
fn a_symlink_that_leads_outside_is_not_read() {
    let spec = layout("symlink", "inside.yaml#/Thing");
    let link = spec.with_file_name("inside.yaml");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(spec.parent().unwrap().join("../secret.yaml"), &link).unwrap();
    let errors = refused(&spec, Settings::new(&spec));
    assert!(errors.iter().any(|e| e.contains("SF0017")), "{errors:?}");
}

#[test]
fn ref_root_widens_the_folder() {
    let spec = layout("widened", "../secret.yaml#/Thing");
    let root = spec.parent().unwrap().parent().unwrap().to_path_buf();
    let builder = Builder::new(&spec).ref_root(&root);
    assert_eq!(
        builder.as_settings().ref_root.as_deref(),
        Some(root.as_path())
    );
    let generated = generate(builder.as_settings()).unwrap_or_else(|e| panic!("{e}"));
    // Allowed now: the referenced file is read (its description is the type's docs).
    assert!(generated.code.contains(SECRET), "{}", generated.code);
}

#[test]
fn a_missing_file_inside_the_folder_is_reported_as_missing() {
    let spec = layout("missing", "nope.yaml#/Thing");
    let Err(GenerateError::Invalid(diagnostics)) = generate(&Settings::new(&spec)) else {
        panic!("a missing file is an error");
    };
    assert!(
        diagnostics.iter().any(|d| d.code == "SF0010"),
        "{diagnostics:?}"
    );
    assert!(
        !diagnostics.iter().any(|d| d.code == "SF0017"),
        "{diagnostics:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_device_is_not_a_document() {
    match generate(&Settings::new("/dev/zero")) {
        Err(GenerateError::Io { source, .. }) => {
            assert!(
                source.to_string().contains("not a regular file"),
                "{source}"
            );
        }
        other => panic!("/dev/zero must be refused before it is read: {other:?}"),
    }
}

#[test]
fn a_ref_where_the_format_has_data_is_not_followed() {
    // `secret.yaml` is inside the folder here (allowed), but `description`, `default`
    // and extensions are text or data: their `$ref` is never a reference.
    let root = std::env::temp_dir().join(format!("specforge-ref-data-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("secret.yaml"), format!("text: {SECRET}\n")).unwrap();
    std::fs::write(
        root.join("pet.yaml"),
        "type: object\nproperties:\n  name:\n    type: string\n",
    )
    .unwrap();
    let document = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1", "description": {"$ref": "secret.yaml"}},
        "x-notes": {"$ref": "secret.yaml"},
        "paths": {"/t": {"get": {"operationId": "getThing",
          "description": {"$ref": "secret.yaml"},
          "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"type": "object", "properties": {
              "pet": {"$ref": "pet.yaml"},
              "note": {"type": "object", "default": {"$ref": "secret.yaml"}}
            }}}}}}}}}}"#;
    let spec = root.join("api.json");
    std::fs::write(&spec, document).unwrap();
    let generated = generate(&Settings::new(&spec));
    let text = match &generated {
        Ok(g) => g.code.clone() + &format!("{:?}", g.diagnostics),
        Err(e) => e.to_string(),
    };
    assert!(
        !text.contains(SECRET),
        "data was followed as a reference: {text}"
    );
    // The schema reference beside them is followed.
    let code = generated.unwrap_or_else(|e| panic!("{e}")).code;
    assert!(code.contains("pub name: Option<String>"), "{code}");
}

#[test]
fn a_file_that_is_not_an_object_is_not_a_document() {
    // Any text parses as a YAML string: without this rule a `$ref` to a plain text file
    // inside the folder would put the file's text into the output.
    let spec = layout("text", "notes.txt");
    std::fs::write(spec.with_file_name("notes.txt"), SECRET).unwrap();
    let errors = refused(&spec, Settings::new(&spec));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("SF0010") && e.contains("not a JSON or YAML object")),
        "{errors:?}"
    );
}
