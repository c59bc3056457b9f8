//! [`TypeRef`] → Rust type tokens, with paths that resolve from each module.
//!
//! Named types live in `types`; they are reached as `Pet` from `types`,
//! `super::types::Pet` from `operations` and `types::Pet` from the file's top
//! level. Prelude types (`Option`, `String`, `Vec`, `Box`, `Result`) are
//! written short unless the module defines a type of that name, and always in
//! full (`::std::result::Result`) at the top level, where the user's own
//! items (a crate-wide `Result` alias is common) are in scope.
//!
//! Mapping decisions: `format: byte` is `::specforge::Base64Bytes` in every
//! position (fields, items, map values, `Option`s, aliases, union variants,
//! bodies, response headers), a runtime newtype whose serde impls do the
//! base64, so no position needs a `#[serde(with)]`; parameters stay base64
//! text the caller passes as `impl Into<String>` (see [`Ctx::is_string`]); a
//! `format: binary` string inside a JSON document is text on the wire, so it
//! is a `String` too (binary *bodies* are `bytes::Bytes`, see operations).

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::idents::ident;
use crate::model::{FloatFormat, IntFormat, TypeKind, TypeRef};

/// The module generated code is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Root,
    Operations,
    Types,
}

/// Prelude type names generated code uses.
pub(crate) const PRELUDE: &[&str] = &["Option", "String", "Vec", "Box", "Result"];

impl Ctx<'_> {
    /// A prelude type (`Option`, `String`, …) as it must be written in `scope`.
    pub(crate) fn std(&self, scope: Scope, name: &str) -> TokenStream {
        let short = ident(name);
        let full = match name {
            "Option" => quote!(::std::option::Option),
            "String" => quote!(::std::string::String),
            "Vec" => quote!(::std::vec::Vec),
            "Box" => quote!(::std::boxed::Box),
            "Result" => quote!(::std::result::Result),
            _ => return quote!(#short),
        };
        let shadowed = match scope {
            Scope::Root => matches!(name, "Option" | "Result"),
            Scope::Operations => self.shadowed_in_operations.iter().any(|n| n == name),
            Scope::Types => self.shadowed_in_types.iter().any(|n| n == name),
        };
        if shadowed { full } else { quote!(#short) }
    }

    /// Path of the named type `name` from `scope`.
    pub(crate) fn named_path(&self, scope: Scope, name: &str) -> TokenStream {
        let name = ident(name);
        match scope {
            Scope::Root => quote!(types::#name),
            Scope::Operations => quote!(super::types::#name),
            Scope::Types => quote!(#name),
        }
    }

    /// The Rust type for `ty` in `scope`.
    pub(crate) fn type_tokens(&self, ty: &TypeRef, scope: Scope) -> TokenStream {
        match ty {
            TypeRef::Bool => quote!(bool),
            TypeRef::Integer(IntFormat::I32) => quote!(i32),
            TypeRef::Integer(IntFormat::I64) => quote!(i64),
            TypeRef::Integer(IntFormat::U32) => quote!(u32),
            TypeRef::Integer(IntFormat::U64) => quote!(u64),
            TypeRef::Number(FloatFormat::F32) => quote!(f32),
            TypeRef::Number(FloatFormat::F64) => quote!(f64),
            TypeRef::String | TypeRef::Binary => self.std(scope, "String"),
            TypeRef::Base64 => quote!(::specforge::Base64Bytes),
            TypeRef::DateTime if self.settings.date_time_as_string => self.std(scope, "String"),
            TypeRef::DateTime => quote!(::specforge::chrono::DateTime<::specforge::chrono::Utc>),
            TypeRef::Date => quote!(::specforge::chrono::NaiveDate),
            TypeRef::Uuid => quote!(::specforge::uuid::Uuid),
            TypeRef::Any => quote!(::specforge::serde_json::Value),
            // Checked to be a type path when the setting was set.
            TypeRef::External(path) => syn::parse_str::<syn::Type>(path)
                .map_or_else(|_| quote!(::specforge::serde_json::Value), |ty| quote!(#ty)),
            TypeRef::Array(item) => {
                let vec = self.std(scope, "Vec");
                let item = self.type_tokens(item, scope);
                quote!(#vec<#item>)
            }
            TypeRef::Map(value) => {
                let string = self.std(scope, "String");
                let value = self.type_tokens(value, scope);
                quote!(::std::collections::BTreeMap<#string, #value>)
            }
            TypeRef::Nullable(inner) => {
                let option = self.std(scope, "Option");
                let inner = self.type_tokens(inner, scope);
                quote!(#option<#inner>)
            }
            TypeRef::Named(id) => match self.api.types.defs.get(id.0) {
                Some(def) => self.named_path(scope, &def.name),
                // A dangling id is a lowering bug; degrade rather than panic.
                None => quote!(::specforge::serde_json::Value),
            },
        }
    }

    /// `ty` behind a `Box`, to break a cycle: only a named type can be on one,
    /// so the box goes around it (inside `Option` for a nullable one);
    /// collections are already behind a pointer and stay as they are (clippy's
    /// `box_collection` rejects `Box<Vec<_>>`).
    pub(crate) fn boxed_type_tokens(&self, ty: &TypeRef, scope: Scope) -> TokenStream {
        match ty {
            TypeRef::Named(_) => {
                let boxed = self.std(scope, "Box");
                let inner = self.type_tokens(ty, scope);
                quote!(#boxed<#inner>)
            }
            TypeRef::Nullable(inner) => {
                let option = self.std(scope, "Option");
                let inner = self.boxed_type_tokens(inner, scope);
                quote!(#option<#inner>)
            }
            _ => self.type_tokens(ty, scope),
        }
    }

    /// `ty` with aliases followed (bounded, so alias cycles cannot loop).
    pub(crate) fn resolve_alias<'t>(&'t self, mut ty: &'t TypeRef) -> &'t TypeRef {
        for _ in 0..32 {
            match ty {
                TypeRef::Named(id) => match self.api.types.defs.get(id.0).map(|d| &d.kind) {
                    Some(TypeKind::Alias(inner)) => ty = inner,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }

    /// Whether `ty` is text a caller may pass as `impl Into<String>` (a
    /// `format: byte` parameter too: the caller passes the base64 text).
    pub(crate) fn is_string(&self, ty: &TypeRef) -> bool {
        let rendered_as_string = |t: &TypeRef| match t {
            TypeRef::String | TypeRef::Base64 | TypeRef::Binary => true,
            TypeRef::DateTime => self.settings.date_time_as_string,
            _ => false,
        };
        rendered_as_string(ty)
    }
}
