//! Types of the same shape (`model/dedup.rs`): which merge, which do not, and which
//! one is defined. The fixture `types-same-shape` shows the emitted aliases compile
//! and decode; these tests pin the rule on the IR.

mod model_common;

use model_common::{def, id, run};
use serde_json::json;

/// The type `name` is emitted as an alias of (its `same_as`), by name.
fn emitted_as(api: &specforge_codegen::__internal::Api, name: &str) -> Option<String> {
    def(api, name)
        .same_as
        .map(|first| api.types.defs[first.0].name.clone())
}

#[test]
fn the_first_in_document_order_is_defined_and_docs_do_not_count() {
    let shape = |doc: &str| {
        json!({"type": "object", "description": doc, "required": ["id"],
               "properties": {"id": {"type": "integer", "description": doc}}})
    };
    let (api, _) = run(json!({"B": shape("b"), "A": shape("a"), "C": shape("c")}));
    assert_eq!(emitted_as(&api, "B"), None);
    assert_eq!(emitted_as(&api, "A").as_deref(), Some("B"));
    assert_eq!(emitted_as(&api, "C").as_deref(), Some("B"));
}

#[test]
fn presence_wire_names_defaults_and_deprecation_make_other_shapes() {
    let (api, _) = run(json!({
        "Base": {"type": "object", "properties": {"n": {"type": "integer"}}},
        "Required": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}},
        "Nullable": {"type": "object", "properties": {"n": {"type": "integer", "nullable": true}}},
        "Defaulted": {"type": "object", "properties": {"n": {"type": "integer", "default": 3}}},
        "Deprecated": {"type": "object", "properties": {"n": {"type": "integer", "deprecated": true}}},
        "Wider": {"type": "object", "properties": {"n": {"type": "integer", "format": "int32"}}},
        "Again": {"type": "object", "properties": {"n": {"type": "integer"}}},
    }));
    for other in ["Required", "Nullable", "Defaulted", "Deprecated", "Wider"] {
        assert_eq!(emitted_as(&api, other), None, "{other} is its own shape");
    }
    assert_eq!(emitted_as(&api, "Again").as_deref(), Some("Base"));
}

#[test]
fn shapes_merge_through_references_bottom_up() {
    let (api, _) = run(json!({
        "Inner1": {"type": "object", "properties": {"x": {"type": "string"}}},
        "Outer1": {"type": "object", "properties": {
            "inner": {"$ref": "#/components/schemas/Inner1"},
            "list": {"type": "array", "items": {"$ref": "#/components/schemas/Inner1"}}}},
        "Inner2": {"type": "object", "properties": {"x": {"type": "string"}}},
        "Outer2": {"type": "object", "properties": {
            "inner": {"$ref": "#/components/schemas/Inner2"},
            "list": {"type": "array", "items": {"$ref": "#/components/schemas/Inner2"}}}},
    }));
    assert_eq!(emitted_as(&api, "Inner2").as_deref(), Some("Inner1"));
    assert_eq!(emitted_as(&api, "Outer2").as_deref(), Some("Outer1"));
}

#[test]
fn enums_and_unions_merge_by_values_and_variants_and_aliases_never() {
    let (api, _) = run(json!({
        "Color": {"type": "string", "enum": ["red", "blue"]},
        "Colour": {"type": "string", "enum": ["red", "blue"]},
        "Shade": {"type": "string", "enum": ["blue", "red"]},
        "Code": {"type": "integer", "enum": [1, 2]},
        "Code2": {"type": "integer", "enum": [1, 2]},
        "U1": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        "U2": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        "L1": {"type": "array", "items": {"type": "string"}},
        "L2": {"type": "array", "items": {"type": "string"}},
    }));
    assert_eq!(emitted_as(&api, "Colour").as_deref(), Some("Color"));
    assert_eq!(
        emitted_as(&api, "Shade"),
        None,
        "order of values is part of the shape"
    );
    assert_eq!(emitted_as(&api, "Code2").as_deref(), Some("Code"));
    assert_eq!(emitted_as(&api, "U2").as_deref(), Some("U1"));
    assert_eq!(emitted_as(&api, "L2"), None, "a `pub type` is never merged");
}

#[test]
fn a_type_on_a_cycle_merges_only_with_itself_but_refers_to_merged_types() {
    let (api, _) = run(json!({
        "Leaf1": {"type": "object", "properties": {"v": {"type": "string"}}},
        "Leaf2": {"type": "object", "properties": {"v": {"type": "string"}}},
        "Tree1": {"type": "object", "properties": {
            "leaf": {"$ref": "#/components/schemas/Leaf1"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree1"}}}},
        "Tree2": {"type": "object", "properties": {
            "leaf": {"$ref": "#/components/schemas/Leaf2"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree2"}}}},
    }));
    assert_eq!(emitted_as(&api, "Leaf2").as_deref(), Some("Leaf1"));
    assert_eq!(emitted_as(&api, "Tree1"), None);
    assert_eq!(emitted_as(&api, "Tree2"), None);
    // No alias points at an alias: every `same_as` is a defined type.
    for d in &api.types.defs {
        if let Some(first) = d.same_as {
            assert_eq!(api.types.defs[first.0].same_as, None, "{} → alias", d.name);
            assert!(first < id(&api, &d.name), "{} names a later type", d.name);
        }
    }
}
