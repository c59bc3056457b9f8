//! Tagged unions: `oneOf`/`anyOf` with a discriminator whose variants are all
//! objects selected by at least one tag value.
//!
//! The enum has one variant per branch plus `Unknown(serde_json::Value)`:
//! - decoding reads the tag (`::specforge::__private::union_tag`) and decodes
//!   the whole object as the variant it selects, so a variant struct that
//!   declares the tag property still sees it (serde's internal tagging would
//!   take it away); a tag this client does not know decodes to `Unknown` with
//!   the object kept; a missing (or non-string) tag is an error;
//! - encoding writes each variant's object with its (first) tag value added
//!   unless the variant wrote the property itself
//!   (`::specforge::__private::encode_tagged`), so the tag appears exactly
//!   once; when every variant declares the tag, a derived untagged `Serialize`
//!   does the same with less code. `Unknown` is written back unchanged.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::docs::doc_attrs;
use super::idents::ident;
use super::type_ref::Scope;
use super::unions::union_variants;
use crate::model::{TypeDef, TypeRef, Union};

/// The item of a tagged union, tagged by the property `tag`.
pub(crate) fn tagged_union_item(ctx: &Ctx, def: &TypeDef, u: &Union, tag: &str) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&def.docs);
    let boxed = ctx.std(Scope::Types, "Box");
    let (variants, lints) = union_variants(ctx, def, u, &["Unknown"]);
    let body = variants.iter().map(|(n, ty)| quote!(#n(#ty),));
    let tag_in_all = u.variants.iter().all(|v| ctx.declares_property(&v.ty, tag));
    let (serialize_derive, serialize_impl) = if tag_in_all {
        (
            quote!(
                #[derive(Debug, Clone, PartialEq, ::specforge::serde::Serialize)]
                #[serde(crate = "::specforge::serde", untagged)]
            ),
            quote!(),
        )
    } else {
        let encode_arms = variants.iter().zip(&u.variants).map(|((n, _), v)| {
            let value = v
                .tag_values
                .first()
                .cloned()
                .unwrap_or_else(|| n.to_string());
            quote!(Self::#n(v) => ::specforge::__private::encode_tagged(v, #tag, #value, serializer),)
        });
        let serialize = quote! {
            impl ::specforge::serde::Serialize for #name {
                fn serialize<S: ::specforge::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(#encode_arms)*
                        Self::Unknown(v) => ::specforge::serde::Serialize::serialize(v, serializer),
                    }
                }
            }
        };
        (quote!(#[derive(Debug, Clone, PartialEq)]), serialize)
    };
    let arms = variants.iter().zip(&u.variants).map(|((n, _), v)| {
        let values = &v.tag_values;
        let wrap = if v.boxed && matches!(v.ty, TypeRef::Named(_)) {
            quote!(|v| Self::#n(#boxed::new(v)))
        } else {
            quote!(Self::#n)
        };
        quote!(Some(#(#values)|*) => ::specforge::serde_json::from_value(value).map(#wrap),)
    });
    quote! {
        #docs
        #lints
        #serialize_derive
        pub enum #name {
            #(#body)*
            /// A variant this client does not know yet (its tag is not one of
            /// the above): the object as received.
            Unknown(::specforge::serde_json::Value),
        }

        #serialize_impl

        impl<'de> ::specforge::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::specforge::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                use ::specforge::serde::de::Error as _;
                let value = <::specforge::serde_json::Value as ::specforge::serde::Deserialize>::deserialize(deserializer)?;
                let tag = ::specforge::__private::union_tag(&value, #tag).map(str::to_owned);
                let decoded = match tag.as_deref() {
                    #(#arms)*
                    Some(_) => return Ok(Self::Unknown(value)),
                    None => return Err(D::Error::missing_field(#tag)),
                };
                decoded.map_err(D::Error::custom)
            }
        }
    }
}
