//! OpenAPI 3.1 → the 3.0 shape, document-level rules with exact expected output
//! (per-keyword schema rules are unit tests in `src/upgrade/schema.rs`).

use std::path::PathBuf;

use serde_json::{Value, json};
use specforge_codegen::{Settings, prepare};

fn upgrade(name: &str, document: &Value) -> (Value, Vec<&'static str>) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("upgrade_openapi31");
    std::fs::create_dir_all(&dir).expect("create dir");
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, document.to_string()).expect("write");
    let prepared = prepare(&Settings::new(&path)).expect("load");
    let codes = prepared.diagnostics.iter().map(|d| d.code).collect();
    (prepared.document, codes)
}

#[test]
fn document_level_rules() {
    let (doc, codes) = upgrade(
        "doc",
        &json!({
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
            "info": {"title": "t", "version": "1", "summary": "s", "license": {"name": "MIT", "identifier": "MIT"}},
            "webhooks": {"newPet": {"post": {"responses": {"200": {"description": "ok"}}}}},
            "paths": {"/pets": {"$ref": "#/components/pathItems/Pets"}},
            "components": {
                "pathItems": {"Pets": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}}},
                "schemas": {
                    "Pet": {
                        "type": "object",
                        "properties": {"id": {"$ref": "#/components/schemas/Pet/$defs/Id"}, "tag": {"type": ["string", "null"]}},
                        "$defs": {"Id": {"type": "integer", "exclusiveMinimum": 0}}
                    }
                },
                "securitySchemes": {"mtls": {"type": "mutualTLS"}, "bearer": {"type": "http", "scheme": "bearer"}}
            }
        }),
    );
    assert_eq!(codes, vec!["SF1003", "SF1012"]);
    assert_eq!(
        doc,
        json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1", "summary": "s", "license": {"name": "MIT", "identifier": "MIT"}},
            "paths": {"/pets": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}}},
            "components": {
                "schemas": {
                    "Pet": {"type": "object", "properties": {"id": {"$ref": "#/components/schemas/Id"}, "tag": {"type": "string", "nullable": true}}},
                    "Id": {"type": "integer", "minimum": 0, "exclusiveMinimum": true}
                },
                "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
            }
        })
    );
    assert!(serde_json::from_value::<openapiv3::OpenAPI>(doc).is_ok());
}

#[test]
fn ref_siblings_in_31_but_not_in_30() {
    let schema = json!({"$ref": "#/components/schemas/A", "nullable": true});
    let doc31 = json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "components": {"schemas": {"A": {"type": "string"}, "B": schema}}});
    let (doc, _) = upgrade("siblings31", &doc31);
    assert_eq!(
        doc["components"]["schemas"]["B"],
        json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
    );
    assert_eq!(doc["paths"], json!({}));
    let mut doc30 = doc31.clone();
    doc30["openapi"] = json!("3.0.3");
    let (doc, _) = upgrade("siblings30", &doc30);
    assert_eq!(doc["components"]["schemas"]["B"], schema);
}

#[test]
fn nested_defs_are_hoisted_level_by_level() {
    let (doc, codes) = upgrade(
        "nested",
        &json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "Id": {"type": "string"},
            "Outer": {"$ref": "#/components/schemas/Outer/$defs/Id", "$defs": {
                "Id": {"$ref": "#/components/schemas/Outer/$defs/Id/$defs/Inner", "$defs": {"Inner": {"const": 3}}}
            }}
        }}}),
    );
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(
        doc["components"]["schemas"],
        json!({
            "Id": {"type": "string"},
            "Outer": {"$ref": "#/components/schemas/Id_2"},
            "Id_2": {"$ref": "#/components/schemas/Inner"},
            "Inner": {"enum": [3]}
        })
    );
}
