//! Swagger 2.0 → OpenAPI 3.0, whole documents with exact expected output.

use std::path::PathBuf;

use serde_json::{Value, json};
use specforge_codegen::{Settings, prepare};

fn upgrade(name: &str, document: &Value) -> (Value, Vec<&'static str>) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("upgrade_swagger2");
    std::fs::create_dir_all(&dir).expect("create dir");
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, document.to_string()).expect("write");
    let prepared = prepare(&Settings::new(&path)).expect("load");
    let codes = prepared.diagnostics.iter().map(|d| d.code).collect();
    (prepared.document, codes)
}

#[test]
fn petstore_like_document() {
    let (doc, codes) = upgrade(
        "petstore",
        &json!({
            "swagger": "2.0",
            "info": {"title": "Pets", "version": "1"},
            "host": "api.example.com",
            "basePath": "/v1/",
            "schemes": ["https", "http"],
            "consumes": ["application/json"],
            "produces": ["application/json", "application/xml"],
            "x-top": true,
            "tags": [{"name": "pets"}],
            "securityDefinitions": {"key": {"type": "apiKey", "name": "k", "in": "query"}},
            "security": [{"key": []}],
            "parameters": {
                "Limit": {"name": "limit", "in": "query", "type": "integer", "format": "int32"},
                "PetBody": {"name": "pet", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}}
            },
            "responses": {"NotFound": {"description": "missing", "schema": {"$ref": "#/definitions/Error"}}},
            "paths": {
                "/pets/{id}": {
                    "parameters": [{"name": "id", "in": "path", "type": "string"}],
                    "get": {
                        "operationId": "getPet",
                        "parameters": [{"$ref": "#/parameters/Limit"}, {"name": "X-Trace", "in": "header", "type": "array", "items": {"type": "string"}}],
                        "responses": {
                            "200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"},
                                    "headers": {"X-Rate": {"type": "integer", "description": "left"}},
                                    "examples": {"application/json": {"name": "rex"}}},
                            "404": {"$ref": "#/responses/NotFound"}
                        }
                    },
                    "put": {
                        "consumes": ["application/json", "text/plain"],
                        "parameters": [{"$ref": "#/parameters/PetBody"}],
                        "responses": {"204": {"description": "done"}}
                    }
                }
            },
            "definitions": {
                "Pet": {"type": "object", "discriminator": "kind", "required": ["name", "kind"],
                        "properties": {"name": {"type": "string", "x-nullable": true}, "kind": {"type": "string"}}},
                "Error": {"type": "object"}
            }
        }),
    );
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(
        doc,
        json!({
            "openapi": "3.0.3",
            "info": {"title": "Pets", "version": "1"},
            "x-top": true,
            "tags": [{"name": "pets"}],
            "security": [{"key": []}],
            "servers": [{"url": "https://api.example.com/v1"}, {"url": "http://api.example.com/v1"}],
            "paths": {
                "/pets/{id}": {
                    "get": {
                        "operationId": "getPet",
                        "parameters": [
                            {"$ref": "#/components/parameters/Limit"},
                            {"name": "X-Trace", "in": "header", "style": "simple", "explode": false,
                             "schema": {"type": "array", "items": {"type": "string"}}}
                        ],
                        "responses": {
                            "200": {"description": "ok",
                                    "headers": {"X-Rate": {"description": "left", "schema": {"type": "integer"}}},
                                    "content": {
                                        "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}, "example": {"name": "rex"}},
                                        "application/xml": {"schema": {"$ref": "#/components/schemas/Pet"}}
                                    }},
                            "404": {"$ref": "#/components/responses/NotFound"}
                        }
                    },
                    "put": {
                        "requestBody": {
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
                                "text/plain": {"schema": {"$ref": "#/components/schemas/Pet"}}
                            },
                            "required": true,
                            "x-codegen-request-body-name": "pet"
                        },
                        "responses": {"204": {"description": "done"}}
                    },
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]
                }
            },
            "components": {
                "schemas": {
                    "Pet": {"type": "object", "discriminator": {"propertyName": "kind"}, "required": ["name", "kind"],
                            "properties": {"name": {"type": "string", "nullable": true}, "kind": {"type": "string"}}},
                    "Error": {"type": "object"}
                },
                "parameters": {"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "format": "int32"}}},
                "responses": {"NotFound": {"description": "missing", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                    "application/xml": {"schema": {"$ref": "#/components/schemas/Error"}}
                }}},
                "securitySchemes": {"key": {"type": "apiKey", "name": "k", "in": "query"}}
            }
        })
    );
}

#[test]
fn no_host_gives_a_relative_server() {
    let (doc, _) = upgrade(
        "relative",
        &json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "basePath": "/api", "paths": {}}),
    );
    assert_eq!(doc["servers"], json!([{"url": "/api"}]));
    let (doc, _) = upgrade(
        "bare",
        &json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}),
    );
    assert_eq!(doc["servers"], json!([{"url": "/"}]));
    let (doc, _) = upgrade(
        "schemed-host",
        &json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "host": "https://h.io/", "basePath": "v2", "paths": {}}),
    );
    assert_eq!(doc["servers"], json!([{"url": "https://h.io/v2"}]));
}

#[test]
fn form_data_and_files() {
    let (doc, codes) = upgrade(
        "form",
        &json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/upload": {"post": {
            "consumes": ["multipart/form-data"],
            "parameters": [
                {"name": "file", "in": "formData", "type": "file", "required": true},
                {"name": "tags", "in": "formData", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"}
            ],
            "responses": {"200": {"description": "ok", "schema": {"type": "file"}}}
        }}}}),
    );
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(
        doc["paths"]["/upload"]["post"],
        json!({
            "requestBody": {"content": {"multipart/form-data": {
                "schema": {"type": "object", "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "tags": {"type": "array", "items": {"type": "string"}}
                }, "required": ["file"]},
                "encoding": {"tags": {"style": "form", "explode": true}}
            }}, "required": true},
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "string", "format": "binary"}}}}}
        })
    );
}

#[test]
fn collection_formats_without_equivalent_are_reported() {
    let (doc, codes) = upgrade(
        "tsv",
        &json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a/{ids}": {"get": {
            "parameters": [
                {"name": "t", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "tsv"},
                {"name": "ids", "in": "path", "required": true, "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"},
                {"name": "s", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "ssv"}
            ],
            "responses": {"200": {"description": "ok"}}
        }}}}),
    );
    assert_eq!(codes, vec!["SF1001", "SF1002"]);
    let params = &doc["paths"]["/a/{ids}"]["get"]["parameters"];
    assert_eq!(params[2]["style"], "spaceDelimited");
    assert_eq!(params[2]["explode"], false);
}

#[test]
fn oauth2_flows_and_basic() {
    let (doc, codes) = upgrade(
        "security",
        &json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "securityDefinitions": {
            "basic": {"type": "basic"},
            "oauth": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {"read": "r"}}
        }}),
    );
    assert!(codes.is_empty());
    assert_eq!(
        doc["components"]["securitySchemes"],
        json!({
            "basic": {"type": "http", "scheme": "basic"},
            "oauth": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {"read": "r"}}}}
        })
    );
}
