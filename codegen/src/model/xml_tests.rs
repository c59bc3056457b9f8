//! Tests of `model/xml.rs`: names and roles read from the XML Object, list bodies,
//! and the bodies and properties XML cannot hold. Test code only (`#[cfg(test)]`): an
//! `expect` or `panic!` here is a failing assertion on a fixed document, never input.

use serde_json::{Value, json};

use crate::Settings;
use crate::diagnostics::Diagnostics;
use crate::model::{
    Api, BodyKind, ResponseBody, TypeKind, XmlBody, XmlMapping, XmlName, XmlRole, lower,
};

fn lowered(schemas: Value, body_schema: Value, response_schema: Value) -> (Api, Diagnostics) {
    let spec = json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/things": {"post": {
            "operationId": "putThing",
            "requestBody": {"required": true, "content": {"application/xml": {"schema": body_schema}}},
            "responses": {"200": {"description": "ok", "content": {"text/xml": {"schema": response_schema}}}}
        }}},
        "components": {"schemas": schemas}
    });
    let mut diags = Diagnostics::default();
    let api = lower::lower(&spec, &Settings::default(), &mut diags);
    (api, diags)
}

fn request(api: &Api) -> Option<&XmlBody> {
    match &api.operations[0].body.as_ref()?.kind {
        BodyKind::Xml(body) => Some(body),
        _ => None,
    }
}

fn response(api: &Api) -> Option<&XmlBody> {
    match &api.operations[0].responses[0].body {
        ResponseBody::Xml(body) => Some(body),
        _ => None,
    }
}

fn mapping<'a>(api: &'a Api, name: &str) -> Option<&'a XmlMapping> {
    let index = api.types.defs.iter().position(|d| d.name == name)?;
    api.xml[index].as_ref()
}

fn name(local: &str) -> XmlName {
    XmlName {
        local: local.to_owned(),
        prefix: None,
        namespace: None,
    }
}

fn codes(diags: &Diagnostics) -> Vec<&str> {
    diags.iter().map(|d| d.code).collect()
}

#[test]
fn names_and_roles_come_from_the_xml_object() {
    let schemas = json!({
        "Book": {
            "type": "object",
            "xml": {"name": "book", "prefix": "b", "namespace": "urn:books"},
            "required": ["id"],
            "properties": {
                "id": {"type": "integer", "xml": {"attribute": true}},
                "title": {"type": "string", "xml": {"name": "Title"}},
                "author": {"$ref": "#/components/schemas/Author"},
                "tags": {"type": "array", "items": {"type": "string", "xml": {"name": "tag"}}},
                "chapters": {"type": "array", "xml": {"wrapped": true},
                             "items": {"$ref": "#/components/schemas/Chapter"}},
                "kind": {"type": "string", "enum": ["novel", "essay"], "xml": {"attribute": true}}
            }
        },
        "Author": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Chapter": {"type": "object", "xml": {"name": "chapter"}, "properties": {"n": {"type": "integer"}}}
    });
    let book = json!({"$ref": "#/components/schemas/Book"});
    let (api, diags) = lowered(schemas, book.clone(), book);
    assert!(codes(&diags).is_empty(), "{:?}", codes(&diags));
    let body = request(&api).expect("typed request body");
    assert_eq!(
        body.root,
        XmlName {
            local: "book".to_owned(),
            prefix: Some("b".to_owned()),
            namespace: Some("urn:books".to_owned()),
        }
    );
    assert_eq!(body.item, None);
    assert!(response(&api).is_some(), "text/xml is XML too");
    let Some(XmlMapping::Object(roles)) = mapping(&api, "Book") else {
        panic!("Book is mapped");
    };
    assert_eq!(
        roles,
        &[
            XmlRole::Attribute(name("id")),
            XmlRole::Element(name("Title")),
            XmlRole::Element(name("author")),
            XmlRole::List(name("tag")),
            XmlRole::Wrapped {
                wrapper: name("chapters"),
                item: name("chapter"),
            },
            XmlRole::Attribute(name("kind")),
        ]
    );
    assert!(matches!(
        mapping(&api, "Author"),
        Some(XmlMapping::Object(_))
    ));
    assert!(matches!(
        mapping(&api, "Chapter"),
        Some(XmlMapping::Object(_))
    ));
    assert_eq!(mapping(&api, "BookKind"), Some(&XmlMapping::Text));
}

#[test]
fn a_root_array_is_a_list_named_after_its_items() {
    let schemas = json!({
        "Pets": {"type": "array", "xml": {"name": "pets"}, "items": {"$ref": "#/components/schemas/Pet"}},
        "Pet": {"type": "object", "properties": {"name": {"type": "string"}}}
    });
    let (api, _) = lowered(
        schemas,
        json!({"$ref": "#/components/schemas/Pet"}),
        json!({"$ref": "#/components/schemas/Pets"}),
    );
    let list = response(&api).expect("typed list");
    assert_eq!(list.root, name("pets"));
    assert_eq!(list.item, Some(name("Pet")));
    // Without `xml.name` the root is the component's name.
    assert_eq!(request(&api).map(|b| b.root.clone()), Some(name("Pet")));
}

#[test]
fn what_xml_cannot_hold_is_text_or_left_out_with_a_warning() {
    let schemas = json!({
        "Labels": {"type": "object", "additionalProperties": {"type": "integer"}},
        "Doc": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "extra": {"type": "object", "additionalProperties": {"type": "string"}}
            }
        }
    });
    let (api, diags) = lowered(
        schemas,
        json!({"$ref": "#/components/schemas/Labels"}),
        json!({"$ref": "#/components/schemas/Doc"}),
    );
    // A map body stays text (SF3310); the optional map property is left out (SF3311).
    assert!(matches!(
        api.operations[0].body.as_ref().map(|b| &b.kind),
        Some(BodyKind::Text)
    ));
    assert!(response(&api).is_some());
    assert_eq!(codes(&diags), ["SF3310", "SF3311"]);
    let Some(XmlMapping::Object(roles)) = mapping(&api, "Doc") else {
        panic!("Doc is mapped");
    };
    assert_eq!(roles[1], XmlRole::Skipped);
    assert_eq!(mapping(&api, "Labels"), None);
}

#[test]
fn a_required_property_xml_cannot_hold_keeps_the_body_as_text() {
    let schemas = json!({
        "Doc": {
            "type": "object",
            "required": ["data"],
            "properties": {"data": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}
        }
    });
    let doc = json!({"$ref": "#/components/schemas/Doc"});
    let (api, diags) = lowered(schemas, doc.clone(), doc);
    assert!(request(&api).is_none() && response(&api).is_none());
    assert_eq!(codes(&diags), ["SF3310", "SF3310"]);
    assert!(
        diags
            .iter()
            .all(|d| d.message.contains("required property `data`")),
        "{:?}",
        diags.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    assert!(!api.has_xml(), "nothing reached: no XML impls, no feature");
}

#[test]
fn string_and_free_form_bodies_stay_text_quietly() {
    let (api, diags) = lowered(
        json!({"Any": {}}),
        json!({"type": "string"}),
        json!({"$ref": "#/components/schemas/Any"}),
    );
    assert!(request(&api).is_none() && response(&api).is_none());
    assert!(codes(&diags).is_empty(), "{:?}", codes(&diags));
    assert!(matches!(api.types.defs[0].kind, TypeKind::Alias(_)));
}

#[test]
fn a_cycle_through_optional_properties_is_mapped_once() {
    let schemas = json!({
        "Node": {
            "type": "object",
            "properties": {
                "value": {"type": "integer"},
                "next": {"$ref": "#/components/schemas/Node"},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
            }
        }
    });
    let node = json!({"$ref": "#/components/schemas/Node"});
    let (api, diags) = lowered(schemas, node.clone(), node);
    assert!(codes(&diags).is_empty(), "{:?}", codes(&diags));
    assert!(request(&api).is_some() && response(&api).is_some());
    assert_eq!(api.xml.iter().filter(|m| m.is_some()).count(), 1);
}
