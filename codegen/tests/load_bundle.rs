//! Multi-file documents: bundling, cycles, names, errors, and the source map
//! of bundled values.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use specforge_codegen::{Pointer, Settings, prepare};

fn corpus() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"))
}

/// A fresh directory under the target dir, one per test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("load_bundle_{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create dir");
    }
    std::fs::write(path, text).expect("write file");
}

fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r.clone());
            }
            map.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

fn codes(prepared: &specforge_codegen::Prepared) -> Vec<&'static str> {
    prepared.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
#[cfg_attr(
    not(has_corpus),
    ignore = "needs ../shared/corpus beside the repository; docs/corpus.md says how to run it"
)]
fn giantswarm_bundles_completely() {
    let prepared = prepare(&Settings::new(
        corpus().join("giantswarm.io__main__v4/swagger.yaml"),
    ))
    .expect("load");
    assert_eq!(
        codes(&prepared),
        Vec::<&str>::new(),
        "{:?}",
        prepared.diagnostics
    );
    let doc = &prepared.document;
    let mut all = Vec::new();
    refs(doc, &mut all);
    assert!(all.len() > 50, "refs: {}", all.len());
    for r in &all {
        assert!(r.starts_with("#/"), "not local: {r}");
        let target = r.trim_start_matches('#');
        assert!(doc.pointer(target).is_some(), "dangling: {r}");
    }
    // Schemas from definitions.yaml are in components/schemas, with their own names.
    let generic = doc
        .pointer("/components/schemas/V4GenericResponse")
        .expect("hoisted schema");
    assert_eq!(generic["type"], "object");
    // Its location is in definitions.yaml, on the line that names it.
    let loc = prepared
        .locate(
            &Pointer::root()
                .push("components")
                .push("schemas")
                .push("V4GenericResponse"),
        )
        .expect("located");
    assert!(loc.file.ends_with("definitions.yaml"), "{loc:?}");
    assert_eq!(loc.line, 4);
    // Parameters were inlined: no operation refers to parameters.yaml any more,
    // and an inlined parameter locates into parameters.yaml.
    let (path, item) = doc["paths"]
        .as_object()
        .and_then(|p| {
            p.iter()
                .find(|(_, i)| i.pointer("/get/parameters/0/name").is_some())
        })
        .expect("an operation with parameters");
    let loc = prepared
        .locate(
            &Pointer::root()
                .push("paths")
                .push(path)
                .push("get")
                .push("parameters")
                .push("0")
                .push("name"),
        )
        .expect("located");
    assert!(loc.file.ends_with("parameters.yaml"), "{loc:?} {item}");
}

#[test]
fn schemas_cycles_and_inlined_objects_across_files() {
    let dir = scratch("cycles");
    write(
        &dir,
        "api.yaml",
        r##"openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets:
    $ref: paths/pets.yaml
components:
  schemas:
    Local: {type: string}
"##,
    );
    write(
        &dir,
        "paths/pets.yaml",
        r##"get:
  parameters:
    - $ref: '../common.yaml#/parameters/Limit'
  responses:
    '200':
      $ref: '../common.yaml#/responses/Pets'
"##,
    );
    write(
        &dir,
        "common.yaml",
        r##"parameters:
  Limit: {name: limit, in: query, schema: {type: integer}}
responses:
  Pets:
    description: pets
    content:
      application/json:
        schema: {type: array, items: {$ref: 'schemas/pet.yaml'}}
"##,
    );
    write(
        &dir,
        "schemas/pet.yaml",
        r##"type: object
properties:
  owner: {$ref: 'owner.json#/Owner'}
  local: {$ref: '../api.yaml#/components/schemas/Local'}
"##,
    );
    write(
        &dir,
        "schemas/owner.json",
        r##"{"Owner": {"type": "object", "properties": {"pets": {"type": "array", "items": {"$ref": "pet.yaml"}}, "self": {"$ref": "#/Owner"}}}}"##,
    );
    let prepared = prepare(&Settings::new(dir.join("api.yaml"))).expect("load");
    assert_eq!(
        codes(&prepared),
        Vec::<&str>::new(),
        "{:?}",
        prepared.diagnostics
    );
    let doc = &prepared.document;
    assert_eq!(
        doc["paths"]["/pets"],
        json!({"get": {
            "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "pets", "content": {"application/json": {
                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/pet"}}
            }}}}
        }})
    );
    assert_eq!(
        doc["components"]["schemas"],
        json!({
            "Local": {"type": "string"},
            "pet": {"type": "object", "properties": {
                "owner": {"$ref": "#/components/schemas/Owner"},
                "local": {"$ref": "#/components/schemas/Local"}
            }},
            "Owner": {"type": "object", "properties": {
                "pets": {"type": "array", "items": {"$ref": "#/components/schemas/pet"}},
                "self": {"$ref": "#/components/schemas/Owner"}
            }}
        })
    );
    // Bundled values map back to their files.
    let at = |p: &str| {
        prepared
            .locate(&Pointer::from_fragment(p))
            .map(|l| (l.file, l.line, l.column))
    };
    assert_eq!(
        at("#/components/schemas/Owner/properties/self"),
        Some((dir.join("schemas/owner.json"), 1, 103))
    );
    assert_eq!(
        at("#/paths/~1pets/get/parameters/0/in"),
        Some((dir.join("common.yaml"), 2, 24))
    );
    assert_eq!(
        at("#/components/schemas/Local"),
        Some((dir.join("api.yaml"), 8, 5))
    );
}

#[test]
fn name_collisions_get_suffixes() {
    let dir = scratch("names");
    write(
        &dir,
        "api.json",
        r##"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "definitions": {"Pet": {"type": "string"},
                            "A": {"$ref": "a.json#/Pet"}, "B": {"$ref": "b.json#/Pet"}}}"##,
    );
    write(&dir, "a.json", r#"{"Pet": {"type": "integer"}}"#);
    write(&dir, "b.json", r#"{"Pet": {"type": "boolean"}}"#);
    let prepared = prepare(&Settings::new(dir.join("api.json"))).expect("load");
    assert_eq!(codes(&prepared), Vec::<&str>::new());
    let schemas = &prepared.document["components"]["schemas"];
    assert_eq!(schemas["A"], json!({"$ref": "#/components/schemas/Pet_2"}));
    assert_eq!(schemas["B"], json!({"$ref": "#/components/schemas/Pet_3"}));
    assert_eq!(schemas["Pet_2"], json!({"type": "integer"}));
    assert_eq!(schemas["Pet_3"], json!({"type": "boolean"}));
}

#[test]
fn broken_refs_are_reported_not_fatal_to_the_process() {
    let dir = scratch("broken");
    write(
        &dir,
        "api.yaml",
        r##"openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - $ref: 'loop.yaml#/P'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  missing: {$ref: 'nowhere.yaml'}
                  bad: {$ref: 'other.yaml#/Nope'}
                  remote: {$ref: 'https://example.com/s.json'}
"##,
    );
    write(&dir, "loop.yaml", "P: {$ref: '#/Q'}\nQ: {$ref: '#/P'}\n");
    write(&dir, "other.yaml", "Yes: {type: string}\n");
    let prepared = prepare(&Settings::new(dir.join("api.yaml"))).expect("load");
    let mut found = codes(&prepared);
    found.sort_unstable();
    assert_eq!(
        found,
        vec!["SF0010", "SF0012", "SF0013", "SF0015"],
        "{:?}",
        prepared.diagnostics
    );
    for d in &prepared.diagnostics {
        assert!(d.help.is_some(), "{d}");
        assert!(d.location.is_some(), "{d}");
    }
    let remote = &prepared.document["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["properties"]["remote"];
    assert_eq!(remote, &json!({}));
}
