//! Building values of generated types without naming every field (issue 14, point 0):
//! constructors with the required properties, `with_*` setters for the others,
//! `Default`, and `From` impls into unions. These tests are their own crate, like a
//! user's code beside a crate written by `specforge generate`: the object types are
//! `#[non_exhaustive]` here, so everything below goes through `new` and the setters
//! (a struct literal does not compile: the `compile_fail` example in `tests/src/lib.rs`).

#![cfg(all(
    fixture = "petstore",
    fixture = "types_nullable",
    fixture = "types_recursion",
    fixture = "types_oneof_untagged"
))]

use serde_json::json;

fn encode<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap()
}

#[test]
fn new_takes_the_required_properties_and_setters_the_optional_ones() {
    use specforge_tests::petstore::types::Pet;
    let pet = Pet::new(7, "Rex");
    assert_eq!(encode(&pet), json!({"id": 7, "name": "Rex"}));
    let pet = Pet::new(7, String::from("Rex")).with_tag("dog");
    assert_eq!(pet.tag.as_deref(), Some("dog"));
    assert_eq!(encode(&pet), json!({"id": 7, "name": "Rex", "tag": "dog"}));
}

#[test]
fn nullable_properties_are_set_present_and_left_absent() {
    use specforge_tests::types_nullable::types::{Person, Profile, ProfilePatch};
    let profile = Profile::new("p1", "a@example.com")
        .with_avatar("https://example.com/a.png")
        .with_manager(Person::new("Ann"));
    assert_eq!(
        encode(&profile),
        // `nickname` is required and nullable: `new` sends it as `null`.
        json!({"id": "p1", "nickname": null, "email": "a@example.com",
               "avatar": "https://example.com/a.png", "manager": {"name": "Ann"}})
    );
    // Every property of the patch is optional: `new()` and `Default` agree, nothing is sent.
    assert_eq!(ProfilePatch::new(), ProfilePatch::default());
    assert_eq!(encode(&ProfilePatch::new()), json!({}));
    let mut clear = ProfilePatch::new().with_nickname("n");
    clear.bio = Some(None);
    assert_eq!(encode(&clear), json!({"nickname": "n", "bio": null}));
}

#[test]
fn recursive_properties_take_the_value_unboxed() {
    use specforge_tests::types_recursion::types::Node;
    let list = Node::new(1).with_next(Node::new(2).with_next(Node::new(3)));
    assert_eq!(
        encode(&list),
        json!({"value": 1, "next": {"value": 2, "next": {"value": 3}}})
    );
}

#[test]
fn unions_convert_from_their_payloads() {
    use specforge_tests::types_oneof_untagged::types::{Point, Value};
    assert_eq!(Value::from("text"), Value::String("text".into()));
    assert_eq!(Value::from(String::from("s")), Value::String("s".into()));
    assert_eq!(Value::from(5_i64), Value::Integer(5));
    assert_eq!(Value::from(true), Value::Boolean(true));
    assert_eq!(
        Value::from(Point::new(1, 2)),
        Value::Point(Point::new(1, 2))
    );
    assert_eq!(encode(&Value::from(0.5)), json!(0.5));
}
