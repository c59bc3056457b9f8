//! Composition → IR types: `allOf` merging, `oneOf`/`anyOf` unions tagged or untagged,
//! discriminators (inline and on a base schema), null branches.
//!
//! Run: `cargo test -p specforge-codegen --test model_composition`.

use serde_json::json;
use specforge_codegen::__internal::{Struct, TypeRef};

mod model_common;
use model_common::*;

#[test]
fn all_of_merges_properties_and_required() {
    let (api, diags) = run(json!({
        "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "kind": {"type": "string"}}},
        "Mid": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {"mid": {"type": "integer"}}}]},
        "Leaf": {
            "description": "A leaf",
            "allOf": [
                {"$ref": "#/components/schemas/Mid"},
                {"required": ["mid"]},
                {"type": "object", "required": ["leaf"], "properties": {"leaf": {"type": "boolean"}, "kind": {"type": "string", "enum": ["x"]}}}
            ]
        }
    }));
    assert!(diags.is_empty(), "{diags:?}");
    let leaf = strukt(&api, "Leaf");
    let fields: Vec<(&str, bool)> = leaf
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        fields,
        [("id", true), ("kind", false), ("mid", true), ("leaf", true)]
    );
    assert!(
        matches!(&leaf.fields[1].ty, TypeRef::Named(_)),
        "later definition of `kind` wins"
    );
    assert_eq!(
        def(&api, "Leaf").docs.description.as_deref(),
        Some("A leaf")
    );
}

#[test]
fn all_of_of_one_ref_plus_docs_is_that_type() {
    let (api, _) = run(json!({
        "User": {"type": "object", "properties": {"a": {"type": "string"}}},
        "Post": {"type": "object", "properties": {
            "author": {"description": "who wrote it", "nullable": true, "allOf": [{"$ref": "#/components/schemas/User"}]}
        }}
    }));
    let author = &strukt(&api, "Post").fields[0];
    assert_eq!(author.ty, TypeRef::Named(id(&api, "User")));
    assert!(author.nullable);
    assert_eq!(author.docs.description.as_deref(), Some("who wrote it"));
}

#[test]
fn one_of_with_discriminator_is_tagged() {
    let (api, diags) = run(json!({
        "Cat": {"type": "object", "properties": {"petType": {"type": "string"}, "purrs": {"type": "boolean"}}},
        "Dog": {"type": "object", "properties": {"petType": {"type": "string"}, "barks": {"type": "boolean"}}},
        "Pet": {
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {"propertyName": "petType", "mapping": {"kitty": "#/components/schemas/Cat", "cat": "Cat"}}
        }
    }));
    assert!(diags.is_empty(), "{diags:?}");
    let u = union(&api, "Pet");
    assert_eq!(u.tag.as_deref(), Some("petType"));
    let v: Vec<(&str, Vec<String>)> = u
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag_values.clone()))
        .collect();
    assert_eq!(
        v,
        [
            ("Cat", vec!["kitty".to_owned(), "cat".to_owned()]),
            ("Dog", vec!["Dog".to_owned()])
        ]
    );
}

#[test]
fn discriminator_on_a_base_schema_is_inherited() {
    let (api, _) = run(json!({
        "Base": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}},
                 "discriminator": {"propertyName": "kind"}},
        "A": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {"a": {"type": "string"}}}]},
        "B": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {"b": {"type": "string"}}}]},
        "Any": {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]}
    }));
    let u = union(&api, "Any");
    assert_eq!(u.tag.as_deref(), Some("kind"));
    assert_eq!(u.variants[1].tag_values, ["B"]);
}

#[test]
fn untagged_unions_are_named_and_ordered_most_specific_first() {
    let (api, _) = run(json!({
        "Small": {"type": "object", "properties": {"a": {"type": "string"}}},
        "Big": {"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "string"}, "b": {"type": "string"}}},
        "Value": {"oneOf": [
            {"type": "string"},
            {"type": "number"},
            {"type": "integer"},
            {"$ref": "#/components/schemas/Small"},
            {"$ref": "#/components/schemas/Big"},
            {"type": "array", "items": {"type": "string"}},
            {"title": "named thing", "type": "object", "properties": {"z": {"type": "string"}, "y": {"type": "string"}}},
            {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}
        ]}
    }));
    let u = union(&api, "Value");
    assert_eq!(u.tag, None);
    let names: Vec<&str> = u.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Big",
            "Text",
            "NamedThing",
            "Small",
            "StringList",
            "Integer",
            "Number",
            "String"
        ]
    );
    assert!(api.types.defs.iter().any(|d| d.name == "ValueText"));
}

#[test]
fn null_branches_make_the_type_nullable() {
    let (api, _) = run(json!({
        "S": {"type": "object", "properties": {
            "a": {"oneOf": [{"type": "string"}, {"type": "null"}]},
            "b": {"anyOf": [{"type": "string"}, {"type": "integer"}, {"nullable": true}]},
            "c": {"type": "array", "items": {"type": "string", "nullable": true}}
        }}
    }));
    let s = strukt(&api, "S");
    assert_eq!(s.fields[0].ty, TypeRef::String);
    assert!(s.fields[0].nullable);
    assert!(s.fields[1].nullable);
    assert!(matches!(&s.fields[1].ty, TypeRef::Named(_)));
    assert_eq!(
        s.fields[2].ty,
        TypeRef::Array(Box::new(TypeRef::Nullable(Box::new(TypeRef::String))))
    );
}

#[test]
fn inline_variants_are_named_from_what_tells_them_apart() {
    let (api, _) = run(json!({
        "Base": {"type": "object", "properties": {"id": {"type": "string"}}},
        "Extra": {"type": "object", "properties": {"x": {"type": "string"}}},
        "Kind": {"oneOf": [
            {"type": "string", "enum": ["sku_pricing"]},
            {"type": "string", "enum": ["product_pricing"]}
        ]},
        "Action": {"oneOf": [
            {"allOf": [{"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/Extra"}]},
            {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {"id": {"type": "string"}, "size": {"type": "integer"}}}]},
            {"type": "object", "properties": {"id": {"type": "string"}, "region": {"type": "string"}}}
        ]},
        "MaybeBase": {"anyOf": [{"type": "object", "nullable": true, "title": "null"}, {"$ref": "#/components/schemas/Base"}]}
    }));
    let names = |n: &str| {
        union(&api, n)
            .variants
            .iter()
            .map(|v| v.name.clone())
            .collect::<Vec<_>>()
    };
    let mut kind = names("Kind");
    kind.sort();
    assert_eq!(kind, ["ProductPricing", "SkuPricing"]);
    let mut action = names("Action");
    action.sort();
    assert_eq!(action, ["Extra", "Region", "Size"]);
    assert_eq!(
        def(&api, "MaybeBase").kind_alias(),
        Some(&TypeRef::Named(id(&api, "Base"))),
        "the null branch makes references nullable, the alias names the type"
    );
}

#[test]
fn all_of_ignores_parts_that_only_require_properties() {
    let (api, diags) = run(json!({
        "Rule": {"type": "object", "properties": {"name": {"type": "string"}, "inbound": {"type": "string"}, "outbound": {"type": "string"}}},
        "NewRule": {"allOf": [
            {"$ref": "#/components/schemas/Rule"},
            {"required": ["name"]},
            {"anyOf": [{"required": ["inbound"], "title": "Inbound"}, {"required": ["outbound"]}]}
        ]}
    }));
    assert!(diags.is_empty(), "{diags:?}");
    let fields: Vec<(&str, bool)> = strukt(&api, "NewRule")
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        fields,
        [("name", true), ("inbound", false), ("outbound", false)]
    );
}

#[test]
fn any_of_is_an_untagged_union_tried_most_specific_first() {
    // Branches that can hold at once (a `Full` value is also a valid `Partial`):
    // the variant with more required properties is tried first, so a full
    // value decodes as `Full` and a partial one falls through to `Partial`.
    let (api, _) = run(json!({
        "Partial": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
        "Full": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
        "Either": {"anyOf": [{"$ref": "#/components/schemas/Partial"}, {"$ref": "#/components/schemas/Full"}]}
    }));
    let u = union(&api, "Either");
    assert_eq!(u.tag, None);
    let names: Vec<&str> = u.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Full", "Partial"]);
}

#[test]
fn a_nullable_union_component_is_an_option_of_its_union() {
    let (api, _) = run(json!({
        "MaybeName": {"nullable": true, "oneOf": [{"type": "string"}, {"type": "integer"}]},
        "Null31": {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
        "Holder": {
            "type": "object",
            "required": ["must"],
            "properties": {
                "must": {"$ref": "#/components/schemas/MaybeName"},
                "may": {"$ref": "#/components/schemas/MaybeName"},
                "list": {"type": "array", "items": {"$ref": "#/components/schemas/MaybeName"}}
            }
        }
    }));
    let value = id(&api, "MaybeNameValue");
    assert_eq!(
        def(&api, "MaybeName").kind_alias(),
        Some(&TypeRef::Nullable(Box::new(TypeRef::Named(value))))
    );
    assert_eq!(union(&api, "MaybeNameValue").variants.len(), 2);
    let null31 = id(&api, "Null31Value");
    assert_eq!(
        def(&api, "Null31").kind_alias(),
        Some(&TypeRef::Nullable(Box::new(TypeRef::Named(null31))))
    );
    assert_eq!(union(&api, "Null31Value").variants.len(), 2);
    // Uses resolve to the union itself, nullable there.
    let s = strukt(&api, "Holder");
    let [must, may, list] = &s.fields[..] else {
        panic!("{s:?}")
    };
    assert_eq!(must.ty, TypeRef::Named(value));
    assert!(must.required && must.nullable);
    assert_eq!(may.ty, TypeRef::Named(value));
    assert!(!may.required && may.nullable);
    assert_eq!(
        list.ty,
        TypeRef::Array(Box::new(TypeRef::Nullable(Box::new(TypeRef::Named(value)))))
    );
}

#[test]
fn a_one_of_beside_object_keywords_is_the_tagged_union() {
    let (api, _) = run(json!({
        "Shape": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"type": "string"}},
            "discriminator": {"propertyName": "kind", "mapping": {"sq": "#/components/schemas/Square"}},
            "oneOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Square"}]
        },
        "Circle": {"type": "object", "properties": {"kind": {"type": "string"}, "radius": {"type": "number"}}},
        "Square": {"type": "object", "properties": {"kind": {"type": "string"}, "side": {"type": "number"}}},
        // Constraint-only branches leave the object alone.
        "Either": {
            "type": "object",
            "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
            "oneOf": [{"required": ["a"]}, {"required": ["b"]}]
        }
    }));
    let u = union(&api, "Shape");
    assert_eq!(u.tag.as_deref(), Some("kind"));
    let tags: Vec<(&str, Vec<String>)> = u
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag_values.clone()))
        .collect();
    assert_eq!(
        tags,
        [
            ("Circle", vec!["Circle".to_owned()]),
            ("Square", vec!["sq".to_owned()])
        ]
    );
    assert_eq!(strukt(&api, "Either").fields.len(), 2);
}

#[test]
fn a_discriminator_on_a_base_schema_is_a_tagged_union_of_its_allof_children() {
    let (api, _) = run(json!({
        "Shape": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"type": "string"}, "label": {"type": "string"}},
            "discriminator": {"propertyName": "kind", "mapping": {"circle": "#/components/schemas/Circle"}}
        },
        "Circle": {"allOf": [
            {"$ref": "#/components/schemas/Shape"},
            {"type": "object", "required": ["radius"], "properties": {"radius": {"type": "number"}}}
        ]},
        "Square": {"allOf": [
            {"$ref": "#/components/schemas/Shape"},
            {"type": "object", "required": ["side"], "properties": {"side": {"type": "number"}}}
        ]},
        "Drawing": {"type": "object", "properties": {"shape": {"$ref": "#/components/schemas/Shape"}}}
    }));
    let u = union(&api, "Shape");
    assert_eq!(u.tag.as_deref(), Some("kind"));
    let tags: Vec<(&str, Vec<String>)> = u
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag_values.clone()))
        .collect();
    assert_eq!(
        tags,
        [
            ("Circle", vec!["circle".to_owned()]),
            ("Square", vec!["Square".to_owned()])
        ]
    );
    // The children merge the base's properties, not the enum.
    let names = |s: &Struct| {
        s.fields
            .iter()
            .map(|f| f.wire_name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(strukt(&api, "Circle")), ["kind", "label", "radius"]);
    assert_eq!(names(strukt(&api, "Square")), ["kind", "label", "side"]);
    let shape = id(&api, "Shape");
    assert_eq!(strukt(&api, "Drawing").fields[0].ty, TypeRef::Named(shape));
}
