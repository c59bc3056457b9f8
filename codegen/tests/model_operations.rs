//! Operations, parameters, bodies, responses, security and servers → IR, on
//! small inline documents.
//!
//! Run: `cargo test -p specforge-codegen --test model_operations`.

use serde_json::{Value, json};
use specforge_codegen::__internal::{
    Api, BodyKind, HttpMethod, IntFormat, Operation, ParamLocation, ParamStyle, ResponseBody,
    SecuritySchemeKind, StatusMatch, TypeKind, TypeRef, lower,
};
use specforge_codegen::{Diagnostic, Settings};

fn run(doc: Value) -> (Api, Vec<Diagnostic>) {
    lower(&doc, &Settings::default())
}

fn with_paths(paths: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1.0", "description": "All the pets"},
        "paths": paths,
        "components": {
            "schemas": {
                "Pet": {"type": "object", "properties": {"id": {"type": "integer"}}},
                "Error": {"type": "object", "properties": {"message": {"type": "string"}}}
            },
            "parameters": {
                "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "format": "int32"}}
            },
            "requestBodies": {
                "PetBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}
            },
            "responses": {
                "NotFound": {"description": "Not found", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        }
    })
}

fn op<'a>(api: &'a Api, method_name: &str) -> &'a Operation {
    let names: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.method_name.as_str())
        .collect();
    api.operations
        .iter()
        .find(|o| o.method_name == method_name)
        .unwrap_or_else(|| panic!("no operation {method_name}; have {names:?}"))
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

#[test]
fn parameters_are_ordered_merged_and_styled() {
    let (api, diags) = run(with_paths(json!({
        "/owners/{ownerId}/pets/{petId}": {
            "parameters": [
                {"name": "petId", "in": "path", "required": true, "schema": {"type": "string"}},
                {"name": "ownerId", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64"}},
                {"name": "verbose", "in": "query", "schema": {"type": "boolean"}, "description": "more output"}
            ],
            "get": {
                "operationId": "getPet",
                "parameters": [
                    {"name": "X-Trace", "in": "header", "required": true, "schema": {"type": "string"}},
                    {"name": "session", "in": "cookie", "schema": {"type": "string"}},
                    {"name": "petId", "in": "path", "required": true, "schema": {"type": "integer", "format": "int32"}},
                    {"name": "tags", "in": "query", "required": true, "style": "pipeDelimited", "explode": false,
                     "schema": {"type": "array", "items": {"type": "string"}}},
                    {"$ref": "#/components/parameters/Limit"},
                    {"name": "filter", "in": "query", "content": {"application/json": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}},
                    {"name": "status", "in": "query", "allowReserved": true, "schema": {"type": "string", "enum": ["a", "b"]}}
                ],
                "responses": {"200": {"description": "ok"}}
            }
        }
    })));
    assert!(diags.is_empty(), "{diags:?}");
    let o = op(&api, "get_pet");
    let order: Vec<(&str, ParamLocation, bool)> = o
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        order,
        [
            ("owner_id", ParamLocation::Path, true),
            ("pet_id", ParamLocation::Path, true),
            ("tags", ParamLocation::Query, true),
            ("x_trace", ParamLocation::Header, true),
            ("verbose", ParamLocation::Query, false),
            ("limit", ParamLocation::Query, false),
            ("filter", ParamLocation::Query, false),
            ("status", ParamLocation::Query, false),
            ("session", ParamLocation::Cookie, false),
        ]
    );
    let p = |n: &str| {
        o.params
            .iter()
            .find(|p| p.name == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    assert_eq!(
        p("pet_id").ty,
        TypeRef::Integer(IntFormat::I32),
        "operation overrides path item"
    );
    assert_eq!(p("pet_id").style, ParamStyle::Simple);
    assert!(!p("pet_id").explode);
    assert_eq!(p("tags").style, ParamStyle::PipeDelimited);
    assert!(!p("tags").explode);
    assert_eq!(p("verbose").style, ParamStyle::Form);
    assert!(p("verbose").explode);
    assert_eq!(
        p("verbose").docs.description.as_deref(),
        Some("more output")
    );
    assert_eq!(p("limit").ty, TypeRef::Integer(IntFormat::I32));
    assert_eq!(p("filter").content.as_deref(), Some("application/json"));
    assert!(p("status").allow_reserved);
    assert_eq!(p("x_trace").wire_name, "X-Trace");
    let TypeRef::Named(status) = &p("status").ty else {
        panic!()
    };
    assert_eq!(api.types.get(*status).name, "GetPetStatus");
}

#[test]
fn undeclared_path_variables_are_added_and_stray_ones_dropped() {
    let (api, diags) = run(with_paths(json!({
        "/a/{x}": {"get": {"operationId": "a", "parameters": [
            {"name": "y", "in": "path", "required": true, "schema": {"type": "string"}}
        ], "responses": {"204": {"description": "none"}}}}
    })));
    assert_eq!(codes(&diags), ["SF3202", "SF3203"]);
    let o = op(&api, "a");
    assert_eq!(o.params.len(), 1);
    assert_eq!(o.params[0].wire_name, "x");
    assert_eq!(o.params[0].ty, TypeRef::String);
}

#[test]
fn parameter_names_avoid_request_methods_and_each_other() {
    let (api, _) = run(with_paths(json!({
        "/s": {"post": {"operationId": "s", "parameters": [
            {"name": "stream", "in": "query", "schema": {"type": "string"}},
            {"name": "body", "in": "query", "schema": {"type": "string"}},
            {"name": "user-id", "in": "query", "schema": {"type": "string"}},
            {"name": "userId", "in": "header", "schema": {"type": "string"}},
            {"name": "type", "in": "query", "schema": {"type": "string"}}
        ], "requestBody": {"content": {"application/json": {"schema": {"type": "string"}}}},
        "responses": {"200": {"description": "ok"}}}}
    })));
    let names: Vec<&str> = op(&api, "s")
        .params
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["stream_2", "body_2", "user_id", "type_", "user_id_2"]
    );
}

#[test]
fn request_bodies_pick_a_media_type() {
    let (api, diags) = run(with_paths(json!({
        "/json": {"post": {"operationId": "json", "requestBody": {"$ref": "#/components/requestBodies/PetBody"}, "responses": {}}},
        "/inline": {"post": {"operationId": "inline", "requestBody": {"content": {
            "application/xml": {"schema": {"type": "object"}},
            "application/vnd.api+json": {"schema": {"type": "object", "properties": {"n": {"type": "string"}}}}
        }}, "responses": {}}},
        "/form": {"post": {"operationId": "form", "requestBody": {"content": {
            "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Pet"}}
        }}, "responses": {}}},
        "/text": {"put": {"operationId": "text", "requestBody": {"content": {"text/plain": {}}}, "responses": {}}},
        "/bin": {"put": {"operationId": "bin", "requestBody": {"content": {"application/octet-stream": {}}}, "responses": {}}},
        "/multi-optional": {"post": {"operationId": "multiOptional", "requestBody": {"content": {"multipart/form-data": {}}}, "responses": {}}},
        "/multi-required": {"post": {"operationId": "multiRequired", "requestBody": {"required": true, "content": {"multipart/form-data": {}}}, "responses": {}}}
    })));
    let json_body = op(&api, "json")
        .body
        .as_ref()
        .unwrap_or_else(|| panic!("body"));
    assert!(json_body.required);
    assert_eq!(json_body.media_type, "application/json");
    assert!(matches!(&json_body.kind, BodyKind::Json(TypeRef::Named(_))));
    let inline = op(&api, "inline")
        .body
        .as_ref()
        .unwrap_or_else(|| panic!("body"));
    assert_eq!(inline.media_type, "application/vnd.api+json");
    let BodyKind::Json(TypeRef::Named(id)) = &inline.kind else {
        panic!("{:?}", inline.kind)
    };
    assert_eq!(api.types.get(*id).name, "InlineBody");
    assert!(matches!(
        op(&api, "form").body.as_ref().map(|b| &b.kind),
        Some(BodyKind::Form(_))
    ));
    assert!(matches!(
        op(&api, "text").body.as_ref().map(|b| &b.kind),
        Some(BodyKind::Text)
    ));
    assert!(matches!(
        op(&api, "bin").body.as_ref().map(|b| &b.kind),
        Some(BodyKind::Binary)
    ));
    assert!(op(&api, "multi_optional").body.is_none());
    assert!(!api.operations.iter().any(|o| o.id == "multiRequired"));
    let c = codes(&diags);
    assert!(c.contains(&"SF3302") && c.contains(&"SF3001"), "{c:?}");
}

#[test]
fn responses_are_sorted_named_and_typed() {
    let (api, diags) = run(with_paths(json!({
        "/r": {"get": {"operationId": "r", "responses": {
            "default": {"description": "other", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            "5XX": {"description": "server"},
            "404": {"$ref": "#/components/responses/NotFound"},
            "418": {"description": "teapot", "content": {"text/plain": {}}},
            "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}},
            "201": {"description": "made", "content": {"application/json": {"schema": {"type": "object", "properties": {"b": {"type": "string"}}}}}},
            "204": {"description": "empty"},
            "206": {"description": "bytes", "content": {"application/octet-stream": {}}},
            "422": {"description": "bad", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            "x-extension": {}
        }}}
    })));
    assert!(diags.is_empty(), "{diags:?}");
    let o = op(&api, "r");
    let got: Vec<(StatusMatch, &str)> = o
        .responses
        .iter()
        .map(|r| (r.status, r.variant_name.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (StatusMatch::Code(200), "Ok"),
            (StatusMatch::Code(201), "Created"),
            (StatusMatch::Code(204), "NoContent"),
            (StatusMatch::Code(206), "PartialContent"),
            (StatusMatch::Code(404), "NotFound"),
            (StatusMatch::Code(418), "Status418"),
            (StatusMatch::Code(422), "UnprocessableEntity"),
            (StatusMatch::Range(5), "ServerError"),
            (StatusMatch::Default, "Default"),
        ]
    );
    let body = |i: usize| &o.responses[i].body;
    let named = |b: &ResponseBody| match b {
        ResponseBody::Json(TypeRef::Named(id)) => api.types.get(*id).name.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(named(body(0)), "RResponse");
    assert_eq!(named(body(1)), "RCreatedResponse");
    assert_eq!(*body(2), ResponseBody::None);
    assert_eq!(*body(3), ResponseBody::Binary);
    assert_eq!(named(body(4)), "Error");
    assert_eq!(*body(5), ResponseBody::Text);
    assert_eq!(named(body(6)), "Error");
    assert_eq!(
        o.responses[4].docs.description.as_deref(),
        Some("Not found")
    );
}

#[test]
fn operation_names_are_derived_unique_and_not_reserved() {
    let (api, diags) = run(with_paths(json!({
        "/pets/{petId}/toys": {"get": {"parameters": [{"name": "petId", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {}}},
        "/a": {"get": {"operationId": "dup", "responses": {}}, "post": {"operationId": "dup", "responses": {}}},
        "/b": {"get": {"operationId": "new", "responses": {}}},
        "/c": {"get": {"operationId": "getThing", "responses": {}}},
        "/d": {"get": {"operationId": "getThingError", "responses": {}}}
    })));
    let names: Vec<(&str, &str, &str)> = api
        .operations
        .iter()
        .map(|o| (o.id.as_str(), o.method_name.as_str(), o.type_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (
                "get_pets_pet_id_toys",
                "get_pets_pet_id_toys",
                "GetPetsPetIdToys"
            ),
            ("dup", "dup", "Dup"),
            ("dup", "dup_2", "Dup2"),
            ("new", "new_2", "New2"),
            ("getThing", "get_thing", "GetThing"),
            ("getThingError", "get_thing_error", "GetThingError2"),
        ]
    );
    assert_eq!(codes(&diags), ["SF3002", "SF3002"]);
    assert_eq!(api.operations[0].method, HttpMethod::Get);
    assert_eq!(
        api.operations[0].pointer.as_str(),
        "/paths/~1pets~1{petId}~1toys/get"
    );
}

#[test]
fn security_schemes_and_effective_requirements() {
    let mut doc = with_paths(json!({
        "/inherit": {"get": {"operationId": "inherit", "responses": {}}},
        "/own": {"get": {"operationId": "own", "security": [{"basic": []}, {"bearer": [], "key": []}], "responses": {}}},
        "/open": {"get": {"operationId": "open", "security": [], "responses": {}}},
        "/unknown": {"get": {"operationId": "unknown", "security": [{"nope": []}, {"key": []}], "responses": {}}},
        "/deprecated": {"get": {"operationId": "old", "deprecated": true, "summary": "Old", "description": "Gone soon", "responses": {}}}
    }));
    doc["security"] = json!([{"key": []}]);
    doc["components"]["securitySchemes"] = json!({
        "key": {"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "the key"},
        "queryKey": {"type": "apiKey", "in": "query", "name": "api_key"},
        "basic": {"type": "http", "scheme": "Basic"},
        "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
        "digest": {"type": "http", "scheme": "digest"},
        "oauth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "/token", "scopes": {"read": "r", "write": "w"}}}},
        "code": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "/a", "tokenUrl": "/t", "scopes": {}}}},
        "oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://x/.well-known"},
        "build": {"type": "http", "scheme": "bearer"},
        "broken": {"type": "magic"}
    });
    let (api, diags) = run(doc);
    let kinds: Vec<(&str, &str, &SecuritySchemeKind)> = api
        .security_schemes
        .iter()
        .map(|s| (s.key.as_str(), s.setter.as_str(), &s.kind))
        .collect();
    assert_eq!(kinds.len(), 9);
    assert_eq!(
        kinds[0],
        (
            "key",
            "key",
            &SecuritySchemeKind::ApiKey {
                location: ParamLocation::Header,
                name: "X-API-Key".to_owned()
            }
        )
    );
    assert_eq!(kinds[1].1, "query_key");
    assert_eq!(*kinds[2].2, SecuritySchemeKind::Basic);
    assert_eq!(*kinds[3].2, SecuritySchemeKind::Bearer);
    assert_eq!(*kinds[4].2, SecuritySchemeKind::Bearer);
    assert_eq!(
        *kinds[5].2,
        SecuritySchemeKind::OAuth2ClientCredentials {
            token_url: "/token".to_owned(),
            scopes: vec!["read".to_owned(), "write".to_owned()]
        }
    );
    assert_eq!(*kinds[6].2, SecuritySchemeKind::Token);
    assert_eq!(*kinds[7].2, SecuritySchemeKind::Token);
    assert_eq!(kinds[8].1, "build_2");
    assert_eq!(
        api.security_schemes[0].docs.description.as_deref(),
        Some("the key")
    );

    let sec = |n: &str| op(&api, n).security.clone();
    assert_eq!(sec("inherit"), [vec!["key".to_owned()]]);
    assert_eq!(
        sec("own"),
        [
            vec!["basic".to_owned()],
            vec!["bearer".to_owned(), "key".to_owned()]
        ]
    );
    assert!(sec("open").is_empty());
    assert_eq!(sec("unknown"), [vec!["key".to_owned()]]);
    let old = op(&api, "old");
    assert!(old.docs.deprecated);
    assert_eq!(old.docs.summary.as_deref(), Some("Old"));
    assert_eq!(old.docs.description.as_deref(), Some("Gone soon"));
    let c = codes(&diags);
    assert!(c.contains(&"SF3101") && c.contains(&"SF3103"), "{c:?}");
}

#[test]
fn info_and_servers() {
    let mut doc = with_paths(json!({}));
    doc["servers"] = json!([
        {"url": "https://{region}.example.com/{version}", "description": "main",
         "variables": {"region": {"default": "eu"}, "version": {"default": "v2", "enum": ["v1", "v2"]}}},
        {"url": "/relative"},
        {"nourl": true}
    ]);
    let (api, diags) = run(doc);
    assert_eq!(api.title, "Pets");
    assert_eq!(api.version, "1.0");
    assert_eq!(api.description.as_deref(), Some("All the pets"));
    let urls: Vec<&str> = api.servers.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(urls, ["https://eu.example.com/v2", "/relative"]);
    assert_eq!(api.servers[0].description.as_deref(), Some("main"));
    assert_eq!(codes(&diags), ["SF3902"]);
}

#[test]
fn one_bad_operation_does_not_spoil_the_rest() {
    let (api, diags) = run(with_paths(json!({
        "/bad": {"get": "not an operation", "post": {"operationId": "badParam", "parameters": [
            {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "style": "nonsense"}
        ], "responses": {}}},
        "/bad/{id}": {"get": {"operationId": "badSchema", "parameters": [
            {"name": "id", "in": "path", "required": true, "schema": {"type": "object", "properties": 7}}
        ], "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": 3}}}}}}},
        "/good": {"get": {"operationId": "good", "responses": {}}}
    })));
    let ids: Vec<&str> = api.operations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["badSchema", "good"]);
    let bad = op(&api, "bad_schema");
    assert_eq!(
        bad.params[0].ty,
        TypeRef::Any,
        "a schema that cannot be read degrades alone"
    );
    assert_eq!(bad.responses[0].body, ResponseBody::Json(TypeRef::Any));
    let c = codes(&diags);
    assert_eq!(c.iter().filter(|c| **c == "SF3001").count(), 2, "{diags:?}");
    assert!(c.contains(&"SF2002"), "{c:?}");
    for d in diags.iter().filter(|d| d.code == "SF3001") {
        assert!(d.message.contains("skipped:"), "{d}");
    }
}

#[test]
fn lowering_is_deterministic() {
    let doc = with_paths(json!({
        "/x": {"get": {"operationId": "x", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"a": {"oneOf": [{"type": "string"}, {"type": "object", "properties": {"q": {"type": "string"}}}]}}
        }}}}}}}
    }));
    let render = |api: &Api| format!("{:?}{:?}", api.operations, api.types.defs);
    let (first, _) = run(doc.clone());
    let (second, _) = run(doc);
    assert_eq!(render(&first), render(&second));
    assert!(
        first
            .types
            .defs
            .iter()
            .all(|d| !matches!(d.kind, TypeKind::Alias(TypeRef::Nullable(_))))
    );
}

#[test]
fn reserved_header_parameters_are_ignored() {
    let (api, diags) = run(with_paths(json!({
        "/h": {"get": {"operationId": "h", "parameters": [
            {"name": "Accept", "in": "header", "required": true, "schema": {"type": "string"}},
            {"name": "content-type", "in": "header", "schema": {"type": "string"}},
            {"name": "Authorization", "in": "header", "required": true, "schema": {"type": "string"}},
            {"name": "accept", "in": "query", "schema": {"type": "string"}}
        ], "responses": {}}}
    })));
    assert!(diags.is_empty(), "{diags:?}");
    let params: Vec<(&str, ParamLocation)> = op(&api, "h")
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.location))
        .collect();
    assert_eq!(params, [("accept", ParamLocation::Query)]);
}

#[test]
fn shared_components_name_their_inline_types_once() {
    let mut doc = with_paths(json!({
        "/a": {"get": {"operationId": "a", "parameters": [{"$ref": "#/components/parameters/Direction"}],
                       "responses": {"422": {"$ref": "#/components/responses/validation_failed"}}}},
        "/b": {"get": {"operationId": "b", "parameters": [{"$ref": "#/components/parameters/Direction"}],
                       "responses": {"422": {"$ref": "#/components/responses/validation_failed"}}}}
    }));
    doc["components"]["parameters"]["Direction"] = json!({"name": "direction", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}});
    doc["components"]["responses"]["validation_failed"] = json!({"description": "bad", "content": {
        "application/json": {"schema": {"type": "object", "properties": {"errors": {"type": "array", "items": {"type": "string"}}}}}
    }});
    let (api, diags) = run(doc);
    assert!(diags.is_empty(), "{diags:?}");
    let names: Vec<&str> = api.types.defs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        ["Pet", "Error", "Direction", "ValidationFailedResponse"]
    );
    let ty = |op_name: &str| op(&api, op_name).params[0].ty.clone();
    assert_eq!(ty("a"), ty("b"));
}
