//! The `only` setting (codegen/src/subset.rs): operations kept by tag or id, types
//! pruned to what they reach, unknown names refused with the closest ones.

use specforge_codegen::{Builder, GenerateError, Settings, generate};

/// Tags `pets` and `store`; `Pet` is reached from `pets` only, `Order` from `store`
/// only, `Animal` (with a discriminator) is extended by `Cat` through `allOf`, and
/// `getStock` reuses `listPets`' response through a `#/paths/…` reference.
const DOCUMENT: &str = r##"{
  "openapi": "3.0.3",
  "info": {"title": "Shop", "version": "1"},
  "paths": {
    "/pets": {
      "get": {"operationId": "listPets", "tags": ["pets"],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}},
      "post": {"operationId": "adoptAnimal", "tags": ["pets"],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Animal"}}}}}}
    },
    "/orders": {
      "get": {"operationId": "listOrders", "tags": ["store"],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}}}}
    },
    "/stock": {
      "get": {"operationId": "getStock", "tags": ["inventory"],
        "responses": {"200": {"$ref": "#/paths/~1pets/get/responses/200"}}}
    }
  },
  "x-webhooks": {"order-shipped": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Shipment"}}}}}}},
  "components": {
    "schemas": {
      "Shipment": {"type": "object", "properties": {"tracking": {"type": "string"}}},
      "Pet": {"type": "object", "properties": {"name": {"type": "string"}, "owner": {"$ref": "#/components/schemas/Owner"}}},
      "Owner": {"type": "object", "properties": {"email": {"type": "string"}}},
      "Order": {"type": "object", "properties": {"quantity": {"type": "integer"}}},
      "Animal": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}},
                 "discriminator": {"propertyName": "kind"}},
      "Cat": {"allOf": [{"$ref": "#/components/schemas/Animal"}, {"type": "object", "properties": {"lives": {"type": "integer"}}}]}
    }
  }
}"##;

fn spec_file(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("specforge-subset-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("shop.json");
    std::fs::write(&path, DOCUMENT).unwrap();
    path
}

fn generate_only(test: &str, only: &[&str]) -> Result<String, GenerateError> {
    let mut settings = Settings::new(spec_file(test));
    settings.only = only.iter().map(|s| (*s).to_owned()).collect();
    generate(&settings).map(|generated| generated.code)
}

#[test]
fn a_tag_keeps_its_operations_and_the_types_they_reach() {
    let code = generate_only("tag", &["pets"]).unwrap();
    assert!(code.contains("pub fn list_pets("), "{code}");
    assert!(code.contains("pub fn adopt_animal("), "{code}");
    assert!(!code.contains("pub fn list_orders("), "{code}");
    assert!(!code.contains("pub fn get_stock("), "{code}");
    assert!(code.contains("pub struct Pet "), "{code}");
    assert!(
        code.contains("pub struct Owner "),
        "reached through Pet: {code}"
    );
    assert!(
        !code.contains("Order"),
        "reached only from another tag: {code}"
    );
    assert!(
        !code.contains("Shipment"),
        "reached only from a top-level extension: {code}"
    );
    assert!(
        code.contains("Cat"),
        "an implicit subtype of a kept Animal: {code}"
    );
}

#[test]
fn operation_ids_and_method_names_select_too() {
    let code = generate_only("ids", &["listOrders", "get_stock"]).unwrap();
    assert!(code.contains("pub fn list_orders("), "{code}");
    assert!(code.contains("pub fn get_stock("), "{code}");
    assert!(!code.contains("pub fn list_pets("), "{code}");
    // getStock's response is listPets' (a #/paths/ reference): inlined, not lost.
    assert!(code.contains("pub struct Pet "), "{code}");
    assert!(!code.contains("Animal"), "{code}");
}

#[test]
fn no_names_keep_everything() {
    let code = generate_only("all", &[]).unwrap();
    for method in ["list_pets", "adopt_animal", "list_orders", "get_stock"] {
        assert!(
            code.contains(&format!("pub fn {method}(")),
            "{method}: {code}"
        );
    }
}

#[test]
fn a_name_that_matches_nothing_is_an_error_naming_the_closest() {
    let Err(GenerateError::Invalid(diagnostics)) = generate_only("typo", &["pets", "stor"]) else {
        panic!("`stor` selects nothing, generation must fail");
    };
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("SF3004"), "{errors:?}");
    assert!(errors[0].contains("`stor`"), "{errors:?}");
    assert!(errors[0].contains("`store`"), "the closest tag: {errors:?}");
}

#[test]
fn the_builder_sets_only() {
    let builder = Builder::new(spec_file("builder"))
        .only(["pets"])
        .only(["listOrders"]);
    assert_eq!(builder.as_settings().only, ["pets", "listOrders"]);
}
