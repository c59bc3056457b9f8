//! Schemas → IR types, on small inline documents (composition: `model_composition.rs`).
//!
//! Run: `cargo test -p specforge-codegen --test model_types`.

use serde_json::{Value, json};
use specforge_codegen::__internal::{
    Api, FloatFormat, IntFormat, ScalarEnum, ScalarEnumKind, TypeKind, TypeRef, lower,
};
use specforge_codegen::Settings;

mod model_common;
use model_common::*;

#[test]
fn objects_have_required_optional_nullable_fields_with_docs_and_defaults() {
    let (api, diags) = run(json!({
        "Pet": {
            "type": "object",
            "title": "A pet",
            "description": "Lives here.",
            "required": ["id", "name"],
            "properties": {
                "id": {"type": "integer", "format": "int64", "readOnly": true},
                "name": {"type": "string", "description": "Its name", "default": "Rex"},
                "tag": {"type": "string", "nullable": true, "deprecated": true},
                "secret": {"type": "string", "writeOnly": true},
                "age": {"type": "integer", "default": "old"}
            }
        }
    }));
    let pet = def(&api, "Pet");
    assert_eq!(pet.docs.summary.as_deref(), Some("A pet"));
    assert_eq!(pet.docs.description.as_deref(), Some("Lives here."));
    assert_eq!(pet.pointer.as_str(), "/components/schemas/Pet");
    let s = strukt(&api, "Pet");
    let names: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["id", "name", "tag", "secret", "age"]);
    let [id, name, tag, secret, age] = &s.fields[..] else {
        panic!()
    };
    assert_eq!(id.ty, TypeRef::Integer(IntFormat::I64));
    assert!(id.required && id.read_only && !id.nullable);
    assert!(name.required);
    assert_eq!(name.default, Some(json!("Rex")));
    assert_eq!(name.docs.description.as_deref(), Some("Its name"));
    assert!(!tag.required && tag.nullable && tag.docs.deprecated);
    assert!(secret.write_only);
    assert_eq!(age.default, None, "a default of the wrong type is dropped");
    assert_eq!(codes(&diags), ["SF2007"]);
}

#[test]
fn primitive_formats() {
    let (api, _) = run(json!({
        "F": {"type": "object", "properties": {
            "a": {"type": "integer", "format": "int32"},
            "b": {"type": "integer"},
            "c": {"type": "integer", "format": "uint32"},
            "d": {"type": "integer", "format": "uint64"},
            "e": {"type": "number", "format": "float"},
            "f": {"type": "number"},
            "g": {"type": "string", "format": "date-time"},
            "h": {"type": "string", "format": "date"},
            "i": {"type": "string", "format": "uuid"},
            "j": {"type": "string", "format": "byte"},
            "k": {"type": "string", "format": "binary"},
            "l": {"type": "string", "format": "email"},
            "m": {"type": "boolean"},
            "n": {},
            "o": {"type": "integer", "format": "int64", "minimum": 1.5}
        }}
    }));
    let tys: Vec<TypeRef> = strukt(&api, "F")
        .fields
        .iter()
        .map(|f| f.ty.clone())
        .collect();
    assert_eq!(
        tys,
        [
            TypeRef::Integer(IntFormat::I32),
            TypeRef::Integer(IntFormat::I64),
            TypeRef::Integer(IntFormat::U32),
            TypeRef::Integer(IntFormat::U64),
            TypeRef::Number(FloatFormat::F32),
            TypeRef::Number(FloatFormat::F64),
            TypeRef::DateTime,
            TypeRef::Date,
            TypeRef::Uuid,
            TypeRef::Base64,
            TypeRef::Binary,
            TypeRef::String,
            TypeRef::Bool,
            TypeRef::Any,
            TypeRef::Integer(IntFormat::I64),
        ]
    );
}

#[test]
fn date_time_setting_keeps_strings() {
    let mut settings = Settings::default();
    settings.date_time_as_string = true;
    let (api, _) = lower(
        &doc(json!({"T": {"type": "string", "format": "date-time"}})),
        &settings,
    );
    assert!(matches!(
        def(&api, "T").kind,
        TypeKind::Alias(TypeRef::String)
    ));
}

#[test]
fn maps_and_additional_properties() {
    let (api, _) = run(json!({
        "Free": {"type": "object"},
        "Any": {"type": "object", "additionalProperties": true},
        "Counts": {"type": "object", "additionalProperties": {"type": "integer", "format": "int32"}},
        "Mixed": {"type": "object", "properties": {"a": {"type": "string"}},
                  "additionalProperties": {"type": "string"}},
        "Closed": {"type": "object", "properties": {"a": {"type": "string"}},
                   "additionalProperties": false}
    }));
    let alias = |n: &str| match &def(&api, n).kind {
        TypeKind::Alias(t) => t.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(alias("Free"), TypeRef::Map(Box::new(TypeRef::Any)));
    assert_eq!(alias("Any"), TypeRef::Map(Box::new(TypeRef::Any)));
    assert_eq!(
        alias("Counts"),
        TypeRef::Map(Box::new(TypeRef::Integer(IntFormat::I32)))
    );
    assert_eq!(
        strukt(&api, "Mixed").additional_properties,
        Some(TypeRef::String)
    );
    assert_eq!(strukt(&api, "Closed").additional_properties, None);
}

#[test]
fn string_enum_variants_resolve_collisions() {
    let (api, _) = run(json!({
        "Op": {"type": "string", "enum": [">=", ">", "<", "!="]},
        "Case": {"type": "string", "enum": ["active", "Active", "ACTIVE"]},
        "Punct": {"type": "string", "enum": ["in_active", "in-active", "unknown", "1st"]},
        "WithNull": {"type": "string", "enum": ["a", null], "nullable": true}
    }));
    let variants = |n: &str| match &def(&api, n).kind {
        TypeKind::StringEnum(e) => e
            .variants
            .iter()
            .map(|v| (v.name.clone(), v.value.clone()))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let names = |n: &str| variants(n).into_iter().map(|(a, _)| a).collect::<Vec<_>>();
    assert_eq!(names("Op"), ["GtEq", "Gt", "Lt", "NotEq"]);
    assert_eq!(names("Case"), ["Active", "Active2", "Active3"]);
    assert_eq!(
        names("Punct"),
        ["InActive", "InMinusActive", "Unknown2", "V1st"]
    );
    assert_eq!(variants("Punct")[1].1, "in-active");
    assert_eq!(names("WithNull"), ["A"]);
}

fn scalar_enum<'a>(api: &'a Api, name: &str) -> &'a ScalarEnum {
    match &def(api, name).kind {
        TypeKind::ScalarEnum(e) => e,
        other => panic!("{name} is not a scalar enum: {other:?}"),
    }
}

#[test]
fn non_string_enums_are_enums_of_their_values() {
    let (api, diags) = run(json!({
        "S": {"type": "object", "properties": {"level": {"type": "integer", "enum": [1, 2, 3]}}},
        "Level": {"type": "integer", "format": "int32", "enum": [10, 20, null]},
        "Ratio": {"type": "number", "enum": [0.5, 1, 1.0]},
        "Mixed": {"enum": ["auto", 1, true, [1]]},
        "Odd": {"type": "string", "enum": ["a", 1]},
        "Flag": {"type": "boolean", "enum": [true]}
    }));
    let level = scalar_enum(&api, "Level");
    assert_eq!(level.kind, ScalarEnumKind::Integer);
    let values: Vec<&Value> = level.variants.iter().map(|v| &v.value).collect();
    assert_eq!(values, [&json!(10), &json!(20)], "null is no variant");
    let field = &strukt(&api, "S").fields[0];
    assert_eq!(field.ty, TypeRef::Named(id(&api, "SLevel")));
    assert_eq!(scalar_enum(&api, "SLevel").variants.len(), 3);
    let ratio = scalar_enum(&api, "Ratio");
    assert_eq!(ratio.kind, ScalarEnumKind::Number);
    assert_eq!(ratio.variants.len(), 2, "1 and 1.0 are one value");
    let mixed = scalar_enum(&api, "Mixed");
    assert_eq!(mixed.kind, ScalarEnumKind::Mixed);
    let names: Vec<&str> = mixed.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        ["Auto", "V1", "True"],
        "array values have no variant"
    );
    assert_eq!(scalar_enum(&api, "Odd").kind, ScalarEnumKind::Mixed);
    assert!(
        diags.iter().any(|d| d.code == "SF2009"),
        "a declared type the values do not fit warns"
    );
    assert_eq!(def(&api, "Flag").kind_alias(), Some(&TypeRef::Bool));
    assert!(
        def(&api, "Flag")
            .docs
            .description
            .as_deref()
            .unwrap_or("")
            .contains("true")
    );
}

#[test]
fn refs_name_components_and_primitive_components_are_aliases() {
    let (api, _) = run(json!({
        "Id": {"type": "string", "format": "uuid"},
        "Ids": {"type": "array", "items": {"$ref": "#/components/schemas/Id"}},
        "Holder": {"type": "object", "properties": {"id": {"$ref": "#/components/schemas/Id"}}}
    }));
    let id_ty = TypeRef::Named(id(&api, "Id"));
    assert!(matches!(
        &def(&api, "Id").kind,
        TypeKind::Alias(TypeRef::Uuid)
    ));
    assert!(matches!(&def(&api, "Ids").kind, TypeKind::Alias(TypeRef::Array(t)) if **t == id_ty));
    assert_eq!(strukt(&api, "Holder").fields[0].ty, id_ty);
    // Components first, in document order.
    let names: Vec<&str> = api.types.defs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["Id", "Ids", "Holder"]);
}

#[test]
fn inline_types_get_readable_names() {
    let (api, _) = run(json!({
        "Pet": {"type": "object", "properties": {
            "owner": {"type": "object", "properties": {"name": {"type": "string"}}},
            "status": {"type": "string", "enum": ["a", "b"]},
            "tags": {"type": "array", "items": {"type": "object", "properties": {"x": {"type": "string"}}}},
            "extra": {"type": "object", "additionalProperties": {"type": "object", "properties": {"y": {"type": "string"}}}}
        }}
    }));
    let names: Vec<&str> = api.types.defs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Pet",
            "PetOwner",
            "PetStatus",
            "PetTagsItem",
            "PetExtraValue"
        ]
    );
}

#[test]
fn names_avoid_keywords_prelude_and_collisions() {
    let (api, _) = run(json!({
        "Option": {"type": "object", "properties": {
            "type": {"type": "string"},
            "self": {"type": "string"},
            "foo-bar": {"type": "string"},
            "fooBar": {"type": "string"},
            "1st": {"type": "string"},
            "größe": {"type": "string"},
            "": {"type": "string"}
        }},
        "option": {"type": "string"}
    }));
    let s = strukt(&api, "Option2");
    let names: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "type_",
            "self_",
            "foo_bar",
            "foo_bar_2",
            "n1st",
            "groesse",
            "field"
        ]
    );
    let wire: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(wire[2], "foo-bar");
    assert!(api.types.defs.iter().any(|d| d.name == "Option3"));
}

#[test]
fn recursion_is_boxed_only_on_cycles() {
    let (api, _) = run(json!({
        "Node": {"type": "object", "properties": {
            "parent": {"$ref": "#/components/schemas/Node"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
            "byName": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Node"}},
            "leaf": {"$ref": "#/components/schemas/Leaf"}
        }},
        "Leaf": {"type": "object", "properties": {"v": {"type": "string"}}},
        "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
        "B": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}, "leaf": {"$ref": "#/components/schemas/Leaf"}}},
        "Expr": {"oneOf": [{"$ref": "#/components/schemas/Expr2"}, {"type": "string"}]},
        "Expr2": {"type": "object", "properties": {"inner": {"$ref": "#/components/schemas/Expr"}}}
    }));
    let boxed = |n: &str| {
        strukt(&api, n)
            .fields
            .iter()
            .map(|f| f.boxed)
            .collect::<Vec<_>>()
    };
    assert_eq!(boxed("Node"), [true, false, false, false]);
    assert_eq!(boxed("Leaf"), [false]);
    assert_eq!(boxed("A"), [true]);
    assert_eq!(boxed("B"), [true, false]);
    let expr = union(&api, "Expr");
    assert!(expr.variants.iter().any(|v| v.boxed));
}

#[test]
fn ref_cycles_and_bad_schemas_degrade_with_warnings() {
    let (api, diags) = run(json!({
        "A": {"$ref": "#/components/schemas/B"},
        "B": {"$ref": "#/components/schemas/A"},
        "Bad": {"type": "object", "properties": 5},
        "Missing": {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/Nope"}}},
        "Ext": {"$ref": "other.yaml#/Thing"},
        "Good": {"type": "string"}
    }));
    let c = codes(&diags);
    assert!(c.contains(&"SF2008"), "{c:?}");
    assert!(c.contains(&"SF2002"), "{c:?}");
    assert!(c.contains(&"SF2001"), "{c:?}");
    assert!(c.contains(&"SF2003"), "{c:?}");
    assert!(matches!(
        def(&api, "Bad").kind,
        TypeKind::Alias(TypeRef::Any)
    ));
    assert_eq!(strukt(&api, "Missing").fields[0].ty, TypeRef::Any);
    assert!(matches!(
        def(&api, "Good").kind,
        TypeKind::Alias(TypeRef::String)
    ));
    for d in &diags {
        assert!(d.help.is_some(), "{d}");
        assert!(d.code.starts_with("SF2"), "{d}");
    }
}

#[test]
fn aliases_that_contain_themselves_become_json_values() {
    let (api, diags) = run(json!({
        "List": {"type": "array", "items": {"$ref": "#/components/schemas/List"}},
        "Dict": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Dict"}},
        "Tree": {"type": "object", "properties": {
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}
        }}
    }));
    let warned: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "SF2008")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert!(matches!(
        def(&api, "List").kind,
        TypeKind::Alias(TypeRef::Any)
    ));
    assert!(matches!(
        def(&api, "Dict").kind,
        TypeKind::Alias(TypeRef::Any)
    ));
    // A cycle through a struct needs no change.
    assert_eq!(strukt(&api, "Tree").fields.len(), 1);
}

#[test]
fn deep_nesting_is_bounded() {
    let mut schema = json!({"type": "string"});
    for _ in 0..500 {
        schema = json!({"type": "array", "items": schema});
    }
    let (api, diags) = run(json!({"Deep": schema, "Shallow": {"type": "string"}}));
    assert_eq!(codes(&diags), ["SF2002"]);
    assert!(diags[0].message.contains("nests deeper"), "{}", diags[0]);
    assert!(matches!(
        def(&api, "Shallow").kind,
        TypeKind::Alias(TypeRef::String)
    ));
}

#[test]
fn nesting_below_the_read_limit_is_bounded_by_the_schema_depth_limit() {
    let mut schema = json!({"type": "string"});
    for _ in 0..45 {
        schema = json!({"type": "array", "items": schema});
    }
    let (_, diags) = run(json!({"Deep": schema}));
    assert_eq!(codes(&diags), ["SF2004"]);
}
