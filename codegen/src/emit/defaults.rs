//! JSON `default` values → Rust expressions for `#[serde(default = "…")]`.
//!
//! The expression is built at generation time, so the client never parses
//! JSON to apply a default. Types a literal cannot express simply (dates,
//! UUIDs, objects, unions, free-form values, maps, nullable fields) keep
//! their `Option` and the default is ignored without error, as is a default
//! that does not fit its type (the model already dropped those).

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::Ctx;
use super::idents::ident;
use super::type_ref::Scope;
use crate::model::{FloatFormat, IntFormat, ScalarEnumKind, TypeKind, TypeRef};

impl Ctx<'_> {
    /// An expression of type `ty` (as written in `types`) equal to `value`.
    pub(crate) fn default_expr(&self, ty: &TypeRef, value: &Value) -> Option<TokenStream> {
        self.default_expr_at(ty, value, 0)
    }

    fn default_expr_at(&self, ty: &TypeRef, value: &Value, depth: usize) -> Option<TokenStream> {
        if depth > 16 {
            return None;
        }
        let expr = match (ty, value) {
            (TypeRef::Bool, Value::Bool(b)) => quote!(#b),
            (TypeRef::Integer(format), Value::Number(n)) => int_literal(*format, n)?,
            (TypeRef::Number(format), Value::Number(n)) => {
                let f = n.as_f64().filter(|f| f.is_finite())?;
                let literal = match format {
                    // `as` rounds to the nearest f32 (what the JSON text means for an f32);
                    // out of range gives infinity, filtered out.
                    FloatFormat::F32 => {
                        Literal::f32_suffixed(Some(f as f32).filter(|f| f.is_finite())?)
                    }
                    FloatFormat::F64 => Literal::f64_suffixed(f),
                };
                quote!(#literal)
            }
            (TypeRef::String, Value::String(s)) => {
                let string = self.std(Scope::Types, "String");
                quote!(#string::from(#s))
            }
            (TypeRef::Array(item), Value::Array(values)) => {
                let vec = self.std(Scope::Types, "Vec");
                if values.is_empty() {
                    quote!(#vec::new())
                } else {
                    let items = values
                        .iter()
                        .map(|v| self.default_expr_at(item, v, depth + 1))
                        .collect::<Option<Vec<_>>>()?;
                    quote!(vec![#(#items),*])
                }
            }
            (TypeRef::Named(id), value) => {
                let def = self.api.types.defs.get(id.0)?;
                match &def.kind {
                    TypeKind::StringEnum(e) => {
                        let wanted = value.as_str()?;
                        let variant = e.variants.iter().find(|v| v.value == wanted)?;
                        let name = ident(&def.name);
                        let variant = ident(&variant.name);
                        quote!(#name::#variant)
                    }
                    TypeKind::ScalarEnum(e) => {
                        let variant = e.variants.iter().find(|v| match e.kind {
                            ScalarEnumKind::Number => v.value.as_f64() == value.as_f64(),
                            _ => v.value == *value,
                        })?;
                        let name = ident(&def.name);
                        let variant = ident(&variant.name);
                        quote!(#name::#variant)
                    }
                    TypeKind::Alias(inner) => self.default_expr_at(inner, value, depth + 1)?,
                    _ => return None,
                }
            }
            _ => return None,
        };
        Some(expr)
    }
}

fn int_literal(format: IntFormat, n: &serde_json::Number) -> Option<TokenStream> {
    let literal = match format {
        IntFormat::I32 => Literal::i32_suffixed(i32::try_from(n.as_i64()?).ok()?),
        IntFormat::I64 => Literal::i64_suffixed(n.as_i64()?),
        IntFormat::U32 => Literal::u32_suffixed(u32::try_from(n.as_u64()?).ok()?),
        IntFormat::U64 => Literal::u64_suffixed(n.as_u64()?),
    };
    Some(quote!(#literal))
}
