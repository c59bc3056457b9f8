//! The macro-generated client is usable from outside the crate.

use example_macro::petstore;

#[test]
fn client_defaults_to_the_first_server() {
    assert_eq!(
        petstore::Client::DEFAULT_BASE_URL,
        Some("http://petstore.swagger.io/v1")
    );
    assert!(petstore::Client::new("http://127.0.0.1:8080/v1").is_ok());
}

#[test]
fn operations_and_types_are_generated() {
    let client = petstore::Client::new("http://127.0.0.1:9/v1").unwrap();
    // Building request values sends nothing.
    let _list = client.list_pets().limit(5);
    // Values are built from their required properties, optional ones by setter.
    let pet = petstore::types::Pet::new(1, "Rex").with_tag("dog");
    let _create = client.create_pets(pet);
    let _show = client.show_pet_by_id("1");
}
