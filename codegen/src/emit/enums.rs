//! Enums from `enum` schemas, every one forward compatible: a value this client
//! does not know decodes to `Unknown(…)` and encodes back unchanged. The impls
//! come from the runtime's hidden macros, so a generated enum is its variants
//! and one macro call:
//!
//! - string values: `Unknown(String)`, `::specforge::__string_enum_impls!`
//!   (`as_str`, `Display`, `FromStr`, serde); derives `Eq, Hash, Ord`;
//! - integers: `Unknown(i64)`, `::specforge::__int_enum_impls!` (`value()`,
//!   `From<i64>`, `Display`, `FromStr`, serde); derives `Copy, Eq, Hash, Ord`;
//! - numbers: `Unknown(f64)`, `::specforge::__number_enum_impls!` (the same
//!   over `f64`); derives `Copy, PartialEq, PartialOrd`;
//! - mixed JSON types: `Unknown(serde_json::Value)`,
//!   `::specforge::__value_enum_impls!` (`to_value()`, `From<Value>`, serde;
//!   values compare as JSON).
//!
//! Each variant's doc is its wire value.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::Ctx;
use super::docs::{DocBuilder, doc_attrs};
use super::idents::ident;
use super::type_ref::Scope;
use crate::model::{ScalarEnum, ScalarEnumKind, StringEnum, TypeDef};

pub(crate) fn string_enum_item(ctx: &Ctx, def: &TypeDef, e: &StringEnum) -> TokenStream {
    let name = ident(&def.name);
    let string = ctx.std(Scope::Types, "String");
    let docs = doc_attrs(&def.docs);
    let mut variants = Vec::new();
    let mut pairs = Vec::new();
    // The model made names unique (never `Unknown`) and values unique (`model/enums.rs`).
    for variant in &e.variants {
        let variant_ident = ident(&variant.name);
        let value = &variant.value;
        let doc = if value.contains('`') || value.trim().is_empty() {
            DocBuilder::new().paragraph(value).build()
        } else {
            DocBuilder::new()
                .own(&format!("`{}`", value.escape_debug()))
                .build()
        };
        variants.push(quote!(#doc #variant_ident,));
        pairs.push(quote!(#variant_ident => #value));
    }
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know yet.
            Unknown(#string),
        }
        ::specforge::__string_enum_impls!(#name { #(#pairs),* });
    }
}

/// An enum of integer, number or mixed-type values.
pub(crate) fn scalar_enum_item(def: &TypeDef, e: &ScalarEnum) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&def.docs);
    let mut variants = Vec::new();
    let mut pairs = Vec::new();
    for variant in &e.variants {
        let Some(literal) = value_literal(e.kind, &variant.value) else {
            continue;
        };
        let variant_ident = ident(&variant.name);
        let text = match (&variant.value, e.kind) {
            // `1`, not `1.0`: as the document writes a whole number.
            (Value::Number(n), ScalarEnumKind::Number) => {
                n.as_f64().map_or_else(|| n.to_string(), |f| f.to_string())
            }
            (value, _) => value.to_string(),
        };
        let doc = if text.contains('`') || text.contains('\n') {
            DocBuilder::new().paragraph(&text).build()
        } else {
            DocBuilder::new().own(&format!("`{text}`")).build()
        };
        variants.push(quote!(#doc #variant_ident,));
        pairs.push(quote!(#variant_ident => #literal));
    }
    let (derives, unknown, impls) = match e.kind {
        ScalarEnumKind::Integer => (
            quote!(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord),
            quote!(i64),
            quote!(::specforge::__int_enum_impls!),
        ),
        ScalarEnumKind::Number => (
            quote!(Debug, Clone, Copy, PartialEq, PartialOrd),
            quote!(f64),
            quote!(::specforge::__number_enum_impls!),
        ),
        ScalarEnumKind::Mixed => (
            quote!(Debug, Clone, PartialEq),
            quote!(::specforge::serde_json::Value),
            quote!(::specforge::__value_enum_impls!),
        ),
    };
    quote! {
        #docs
        #[derive(#derives)]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know yet.
            Unknown(#unknown),
        }
        #impls(#name { #(#pairs),* });
    }
}

/// The Rust literal of a known value: `5`, `-1`, `0.5`/`2.0` (always with a
/// point for numbers, since the macro compares `f64`s), `"auto"`, `true`.
fn value_literal(kind: ScalarEnumKind, value: &Value) -> Option<TokenStream> {
    let number = |f: f64| f.is_finite().then(|| Literal::f64_unsuffixed(f));
    let literal = match (kind, value) {
        (ScalarEnumKind::Integer, Value::Number(n)) => Literal::i64_unsuffixed(n.as_i64()?),
        (ScalarEnumKind::Number, Value::Number(n)) => number(n.as_f64()?)?,
        // `json!(lit)` types an unsuffixed integer as `i32`: larger ones get a suffix.
        (ScalarEnumKind::Mixed, Value::Number(n)) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) if i32::try_from(i).is_ok() => Literal::i64_unsuffixed(i),
            (Some(i), _) => Literal::i64_suffixed(i),
            (None, Some(u)) => Literal::u64_suffixed(u),
            (None, None) => number(n.as_f64()?)?,
        },
        (ScalarEnumKind::Mixed, Value::String(s)) => Literal::string(s),
        (ScalarEnumKind::Mixed, Value::Bool(b)) => return Some(quote!(#b)),
        _ => return None,
    };
    Some(quote!(#literal))
}
