//! Lowering never panics: every node of a rich document is replaced, in turn,
//! by values of every JSON type, and the result is lowered.
//!
//! Run: `cargo test -p specforge-codegen --test model_hostile`.

use serde_json::{Value, json};
use specforge_codegen::__internal::lower;
use specforge_codegen::Settings;

fn rich() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1", "description": "d"},
        "servers": [{"url": "https://{h}.x", "variables": {"h": {"default": "a"}}}],
        "security": [{"key": []}],
        "paths": {
            "/p/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "get": {
                    "operationId": "get",
                    "parameters": [
                        {"$ref": "#/components/parameters/Q"},
                        {"name": "h", "in": "header", "schema": {"type": "array", "items": {"type": "integer"}}}
                    ],
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                        "4XX": {"$ref": "#/components/responses/E"},
                        "default": {"description": "x"}
                    },
                    "security": [{"key": []}, {}]
                },
                "post": {
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
                        {"$ref": "#/components/schemas/Pet"}, {"type": "string"}
                    ], "discriminator": {"propertyName": "k", "mapping": {"a": "Pet"}}}}}},
                    "responses": {"201": {"description": "made"}}
                }
            }
        },
        "components": {
            "schemas": {
                "Pet": {
                    "type": "object", "required": ["id"],
                    "properties": {
                        "id": {"type": "integer", "format": "int64", "default": 1},
                        "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
                        "parent": {"$ref": "#/components/schemas/Pet"},
                        "extra": {"type": "object", "additionalProperties": {"type": "number"}}
                    }
                },
                "Cat": {"allOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "object", "properties": {"m": {"type": "boolean"}}}]},
                "U": {"anyOf": [{"type": "string"}, {"type": "integer"}, {"nullable": true}]}
            },
            "parameters": {"Q": {"name": "q", "in": "query", "style": "form", "explode": false, "schema": {"type": "string"}}},
            "responses": {"E": {"description": "e", "content": {"text/plain": {}}}},
            "securitySchemes": {
                "key": {"type": "apiKey", "in": "header", "name": "K"},
                "oauth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "/t", "scopes": {"a": "b"}}}}
            }
        }
    })
}

/// Every pointer of `value`, in document order.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_node_replaced_by_every_json_type_lowers_without_panic() {
    let base = rich();
    let mut all = Vec::new();
    pointers(&base, String::new(), &mut all);
    let replacements = [
        Value::Null,
        json!(true),
        json!(-7),
        json!(1.5),
        json!(""),
        json!("#/components/schemas/Pet"),
        json!([]),
        json!([{}]),
        json!({}),
        json!({"$ref": "#/components/schemas/Pet"}),
        json!({"$ref": "#/nowhere"}),
    ];
    let mut runs = 0;
    for pointer in all.iter().skip(1) {
        for replacement in &replacements {
            let mut document = base.clone();
            if let Some(slot) = document.pointer_mut(pointer) {
                *slot = replacement.clone();
            }
            let (_api, _diagnostics) = lower(&document, &Settings::default());
            runs += 1;
        }
    }
    assert!(runs > 1000, "only {runs} variations");
}
