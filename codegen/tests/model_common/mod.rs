//! Helpers of the model tests (`model_types.rs`, `model_composition.rs`): a document
//! around inline component schemas, lowered, and lookups into the IR by type name.
#![allow(dead_code)] // each test file uses a part

use serde_json::{Value, json};
use specforge_codegen::__internal::{
    Api, Struct, TypeDef, TypeId, TypeKind, TypeRef, Union, lower,
};
use specforge_codegen::{Diagnostic, Settings};

pub fn doc(schemas: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas}
    })
}

pub fn run(schemas: Value) -> (Api, Vec<Diagnostic>) {
    lower(&doc(schemas), &Settings::default())
}

pub fn def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    let names: Vec<&str> = api.types.defs.iter().map(|d| d.name.as_str()).collect();
    api.types
        .defs
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no type {name}; have {names:?}"))
}

pub fn id(api: &Api, name: &str) -> TypeId {
    TypeId(
        api.types
            .defs
            .iter()
            .position(|d| d.name == name)
            .unwrap_or_else(|| panic!("no {name}")),
    )
}

pub fn strukt<'a>(api: &'a Api, name: &str) -> &'a Struct {
    match &def(api, name).kind {
        TypeKind::Struct(s) => s,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

pub fn union<'a>(api: &'a Api, name: &str) -> &'a Union {
    match &def(api, name).kind {
        TypeKind::Union(u) => u,
        other => panic!("{name} is not a union: {other:?}"),
    }
}

pub trait AliasOf {
    fn kind_alias(&self) -> Option<&TypeRef>;
}

impl AliasOf for TypeDef {
    fn kind_alias(&self) -> Option<&TypeRef> {
        match &self.kind {
            TypeKind::Alias(t) => Some(t),
            _ => None,
        }
    }
}

pub fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}
