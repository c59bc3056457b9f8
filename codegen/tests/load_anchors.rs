//! Refs by `$id` and `$anchor` (OpenAPI 3.1, JSON Schema 2020-12): resolved at load into
//! JSON pointer refs, within one file and across files; an unknown anchor is reported
//! with the pointer of the ref (SF0016).

use std::path::{Path, PathBuf};

use serde_json::Value;
use specforge_codegen::{Settings, generate, prepare};

/// A fresh directory under the target dir, one per test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("load_anchors_{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write file");
    path
}

fn codes(diagnostics: &[specforge_codegen::Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code).collect()
}

/// A 3.1 document whose one operation returns `{schema}`, with `{schemas}` as
/// `components/schemas`.
fn document(schema: &str, schemas: &str) -> String {
    format!(
        r#"{{"openapi": "3.1.0", "info": {{"title": "t", "version": "1"}},
  "paths": {{"/pets": {{"get": {{"operationId": "getPet", "responses": {{"200": {{"description": "ok",
    "content": {{"application/json": {{"schema": {schema}}}}}}}}}}}}}}},
  "components": {{"schemas": {schemas}}}}}"#
    )
}

/// Loads and upgrades `spec`, which must give no diagnostic.
fn prepare_cleanly(spec: &Path) -> specforge_codegen::Prepared {
    let prepared = prepare(&Settings::new(spec)).expect("load");
    assert_eq!(
        codes(&prepared.diagnostics),
        Vec::<&str>::new(),
        "{:?}",
        prepared.diagnostics
    );
    prepared
}

/// Writes [`document`] as `openapi.json` in `dir`.
fn write_document(dir: &Path, schema: &str, schemas: &str) -> PathBuf {
    write(dir, "openapi.json", &document(schema, schemas))
}

/// The `$ref` at `pointer` of the prepared (loaded and upgraded) document.
fn ref_at<'v>(document: &'v Value, pointer: &str) -> &'v str {
    document
        .pointer(pointer)
        .and_then(|v| v.get("$ref"))
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no $ref at {pointer}: {document:#}"))
}

/// The line declaring field `name` in the generated code.
fn field_line<'c>(code: &'c str, name: &str) -> &'c str {
    let needle = format!("pub {name}:");
    code.lines()
        .find(|l| l.trim_start().starts_with(&needle))
        .unwrap_or_else(|| panic!("no field `{name}` in:\n{code}"))
}

const SCHEMAS: &str = r##"{
  "Pet": {"type": "object", "required": ["id"], "properties": {
    "id": {"type": "integer"},
    "owner": {"$ref": "#owner"},
    "tag": {"$ref": "https://example.com/schemas/tag"},
    "color": {"$ref": "https://example.com/schemas/tag#/$defs/Color"}}},
  "Owner": {"$anchor": "owner", "type": "object", "properties": {"name": {"type": "string"}}},
  "Tag": {"$id": "https://example.com/schemas/tag", "type": "object",
    "properties": {"color": {"$ref": "#/$defs/Color"}, "shade": {"$ref": "#shade"}},
    "$defs": {"Color": {"type": "string", "enum": ["red", "blue"]},
              "Shade": {"$anchor": "shade", "type": "integer"}}}
}"##;

#[test]
fn anchor_and_id_refs_become_pointer_refs() {
    let dir = scratch("pointers");
    let spec = write_document(&dir, r##"{"$ref": "#/components/schemas/Pet"}"##, SCHEMAS);
    let prepared = prepare_cleanly(&spec);
    let doc = &prepared.document;
    let pet = "/components/schemas/Pet/properties";
    // Each ref now resolves by plain pointer look-up, to the schema it named.
    for (property, expected) in [
        ("owner", "/components/schemas/Owner"),
        ("tag", "/components/schemas/Tag"),
    ] {
        let reference = ref_at(doc, &format!("{pet}/{property}"));
        assert_eq!(reference, format!("#{expected}"), "{property}");
    }
    // `#/$defs/Color` inside the `Tag` resource is relative to `Tag`, not to the document;
    // wherever the upgrade moves `$defs`, the two refs to `Color` must agree and resolve.
    let color = ref_at(doc, &format!("{pet}/color"));
    assert_eq!(
        color,
        ref_at(doc, "/components/schemas/Tag/properties/color")
    );
    let shade = ref_at(doc, "/components/schemas/Tag/properties/shade");
    for reference in [color, shade] {
        let pointer = reference.strip_prefix('#').expect("local ref");
        assert!(doc.pointer(pointer).is_some(), "{reference} resolves");
    }
    assert_eq!(
        doc.pointer(shade.trim_start_matches('#'))
            .and_then(|s| s.get("type")),
        Some(&Value::from("integer"))
    );
}

#[test]
fn anchor_refs_generate_the_named_types() {
    let dir = scratch("types");
    let spec = write_document(&dir, r##"{"$ref": "#/components/schemas/Pet"}"##, SCHEMAS);
    let generated = generate(&Settings::new(&spec)).expect("generates");
    assert!(
        !codes(&generated.diagnostics).contains(&"SF2001"),
        "{:?}",
        generated.diagnostics
    );
    for (field, type_name) in [("owner", "Owner"), ("tag", "Tag")] {
        let line = field_line(&generated.code, field);
        assert!(line.contains(type_name), "{field}: {line}");
        assert!(!line.contains("serde_json::Value"), "{field}: {line}");
    }
    let color = field_line(&generated.code, "color");
    assert!(!color.contains("serde_json::Value"), "{color}");
}

#[test]
fn an_unknown_anchor_is_reported_at_its_ref() {
    let dir = scratch("unknown");
    let schemas = r##"{"Pet": {"type": "object", "properties": {
        "owner": {"$ref": "#nobody", "description": "who"},
        "example_only": {"$ref": "#in-an-example"}},
      "example": {"$anchor": "in-an-example", "$id": "https://example.com/not-a-schema"}}}"##;
    let spec = write_document(&dir, r##"{"$ref": "#/components/schemas/Pet"}"##, schemas);
    let prepared = prepare(&Settings::new(&spec)).expect("load");
    let unresolved: Vec<_> = prepared
        .diagnostics
        .iter()
        .filter(|d| d.code == "SF0016")
        .collect();
    // Examples are data: an `$anchor` in an example declares nothing.
    assert_eq!(unresolved.len(), 2, "{:?}", prepared.diagnostics);
    let owner = "/components/schemas/Pet/properties/owner";
    let first = unresolved.first().expect("two diagnostics");
    assert_eq!(first.pointer.as_str(), owner);
    assert!(first.message.contains("#nobody"), "{}", first.message);
    assert!(first.message.contains(owner), "{}", first.message);
    // The ref is dropped (free-form value), its siblings kept; no second warning later.
    let site = prepared.document.pointer(owner).expect("site kept");
    assert!(site.get("$ref").is_none());
    assert_eq!(site.get("description"), Some(&Value::from("who")));
    let generated = generate(&Settings::new(&spec)).expect("generates");
    assert!(
        !codes(&generated.diagnostics).contains(&"SF2001"),
        "{:?}",
        generated.diagnostics
    );
}

#[test]
fn a_relative_id_wins_over_a_file_of_that_name() {
    // No `pet.json` exists: the ref names the schema whose `$id` is `pet.json`.
    let dir = scratch("relative_id");
    let schemas = r#"{"Pet": {"$id": "pet.json", "type": "object", "properties": {"id": {"type": "integer"}}},
      "Holder": {"type": "object", "properties": {"pet": {"$ref": "pet.json"}}}}"#;
    let spec = write_document(
        &dir,
        r##"{"$ref": "#/components/schemas/Holder"}"##,
        schemas,
    );
    let prepared = prepare_cleanly(&spec);
    assert_eq!(
        ref_at(
            &prepared.document,
            "/components/schemas/Holder/properties/pet"
        ),
        "#/components/schemas/Pet"
    );
}

#[test]
fn property_names_and_3_0_documents_are_not_read_as_ids() {
    // A property *named* `$id` (as in a real corpus entry) declares no resource, and
    // `$anchor` means nothing in OpenAPI 3.0: neither changes any ref.
    let dir = scratch("names");
    let schemas = r##"{"Doc": {"type": "object", "properties": {
        "$id": {"type": "string"}, "$anchor": {"type": "string"},
        "self": {"$ref": "#/components/schemas/Doc"}}}}"##;
    let spec = write_document(&dir, r##"{"$ref": "#/components/schemas/Doc"}"##, schemas);
    let prepared = prepare(&Settings::new(&spec)).expect("load");
    assert_eq!(codes(&prepared.diagnostics), Vec::<&str>::new());
    assert_eq!(
        ref_at(
            &prepared.document,
            "/components/schemas/Doc/properties/self"
        ),
        "#/components/schemas/Doc"
    );
    let v30 = write(
        &dir,
        "v30.json",
        &document(
            r##"{"$ref": "#/components/schemas/A"}"##,
            r##"{"A": {"$anchor": "a", "type": "object", "properties": {"b": {"$ref": "#a"}}}}"##,
        )
        .replace("3.1.0", "3.0.3"),
    );
    let prepared = prepare(&Settings::new(&v30)).expect("load");
    assert!(!codes(&prepared.diagnostics).contains(&"SF0016"));
    assert_eq!(
        ref_at(&prepared.document, "/components/schemas/A/properties/b"),
        "#a"
    );
}

#[test]
fn anchors_resolve_across_files() {
    let dir = scratch("files");
    write(
        &dir,
        "common.json",
        r##"{"Pet": {"$anchor": "pet", "type": "object", "properties": {
              "id": {"type": "integer"}, "tag": {"$ref": "#tag"}}},
            "Tag": {"$anchor": "tag", "type": "string"}}"##,
    );
    let spec = write(
        &dir,
        "openapi.json",
        &document(r##"{"$ref": "common.json#pet"}"##, "{}"),
    );
    let prepared = prepare_cleanly(&spec);
    let doc = &prepared.document;
    let response = "/paths/~1pets/get/responses/200/content/application~1json/schema";
    let pet = ref_at(doc, response);
    let pet_schema = doc
        .pointer(pet.trim_start_matches('#'))
        .expect("hoisted Pet");
    let tag = pet_schema
        .pointer("/properties/tag/$ref")
        .and_then(Value::as_str)
        .expect("tag ref");
    assert_eq!(
        doc.pointer(tag.trim_start_matches('#'))
            .and_then(|t| t.get("type")),
        Some(&Value::from("string")),
        "{doc:#}"
    );
}
