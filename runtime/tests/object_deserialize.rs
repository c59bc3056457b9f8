//! `__object_deserialize!` against serde's derive: for every input below, a struct
//! read by the macro and its twin read by `#[derive(Deserialize)]` (with the
//! attributes the generator used before the macro) give the same value or the same
//! error, from text, from a `serde_json::Value` and inside an untagged enum.

// Test-only types, public so that their fields count as read.
#![allow(missing_docs)]

use std::collections::BTreeMap;

use serde::Deserialize;
use specforge::serde_json::{self, Value};

#[derive(Debug, PartialEq, Clone)]
pub struct Pet {
    pub id: i64,
    pub name: Option<String>,
    pub owner: Option<String>,
    pub tag: Option<Option<String>>,
    pub kind: String,
    pub r#type: Option<Box<Pet>>,
    pub extra: BTreeMap<String, Value>,
}

impl Pet {
    fn default_kind() -> String {
        "dog".into()
    }
}

specforge::__object_deserialize!(Pet {
    id => required "id",
    name => optional "name",
    owner => optional "owner-name",
    tag => nullable "tag",
    kind => default(Pet::default_kind) "kind",
    r#type => optional "type",
} extra extra);

/// What the generator emitted before: serde's derive with these attributes.
#[derive(Debug, PartialEq, Deserialize)]
pub struct DerivedPet {
    pub id: i64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "owner-name")]
    pub owner: Option<String>,
    #[serde(default, with = "specforge::__private::double_option")]
    pub tag: Option<Option<String>>,
    #[serde(default = "Pet::default_kind")]
    pub kind: String,
    #[serde(default, rename = "type")]
    pub r#type: Option<Box<DerivedPet>>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl From<DerivedPet> for Pet {
    fn from(d: DerivedPet) -> Self {
        Pet {
            id: d.id,
            name: d.name,
            owner: d.owner,
            tag: d.tag,
            kind: d.kind,
            r#type: d.r#type.map(|inner| Box::new(Pet::from(*inner))),
            extra: d.extra,
        }
    }
}

/// An object without declared extras: unknown keys are dropped.
#[derive(Debug, PartialEq)]
pub struct Closed {
    pub a: Option<u8>,
}

specforge::__object_deserialize!(Closed { a => optional "a" });

#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Either {
    Pet(Pet),
    Text(String),
}

const INPUTS: &[&str] = &[
    r#"{"id": 1}"#,
    r#"{"id": 1, "name": "Rex", "owner-name": "Ann", "kind": "cat"}"#,
    r#"{"id": 1, "name": null, "tag": null}"#,
    r#"{"id": 1, "tag": "t"}"#,
    r#"{"id": 1, "age": 3, "colour": {"r": 1}}"#,
    r#"{"id": 1, "type": {"id": 2, "tag": null, "x": true}}"#,
    r#"{"i\u0064": 5, "na\nme": 1}"#,
    r#"{"name": "no id"}"#,
    r#"{"id": 1, "id": 2}"#,
    r#"{"id": "one"}"#,
    r#"{"id": 1, "tag": 7}"#,
    r#"{"id": 1, "kind": null}"#,
    r#"[1]"#,
    r#""text""#,
    r#"{}"#,
];

fn outcome<T: std::fmt::Debug>(result: Result<T, serde_json::Error>) -> String {
    match result {
        Ok(value) => format!("{value:?}"),
        // serde_json appends the position; derive and macro stop at the same place.
        Err(error) => format!("error: {error}"),
    }
}

#[test]
fn reads_like_the_derive_from_text() {
    for input in INPUTS.iter().filter(|input| input.starts_with('{')) {
        let lean = serde_json::from_str::<Pet>(input);
        let derived = serde_json::from_str::<DerivedPet>(input).map(Pet::from);
        assert_eq!(outcome(lean), outcome(derived), "input {input}");
    }
}

#[test]
fn reads_like_the_derive_from_a_value() {
    for input in INPUTS.iter().filter(|input| input.starts_with('{')) {
        // Duplicate keys collapse in a `Value`, as for every `from_value` reader.
        let value: Value = serde_json::from_str(input).unwrap();
        let lean = serde_json::from_value::<Pet>(value.clone());
        let derived = serde_json::from_value::<DerivedPet>(value).map(Pet::from);
        assert_eq!(outcome(lean), outcome(derived), "input {input}");
    }
}

#[test]
fn works_inside_untagged_unions() {
    let either: Either = serde_json::from_str(r#"{"id": 3, "tag": null}"#).unwrap();
    let Either::Pet(pet) = either else {
        panic!("expected the Pet variant, got {either:?}")
    };
    assert_eq!((pet.id, pet.tag), (3, Some(None)));
    let either: Either = serde_json::from_str(r#""just text""#).unwrap();
    assert_eq!(either, Either::Text("just text".into()));
}

#[test]
fn drops_undeclared_keys_without_extras() {
    let closed: Closed = serde_json::from_str(r#"{"b": [1, {"c": null}], "a": 2}"#).unwrap();
    assert_eq!(closed, Closed { a: Some(2) });
    let error = serde_json::from_str::<Closed>("[2]")
        .unwrap_err()
        .to_string();
    assert!(error.contains("expected an object (Closed)"), "{error}");
}
