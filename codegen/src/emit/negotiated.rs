//! A success body chosen by `Content-Type` ([`ResponseBody::Negotiated`]): an enum with
//! one variant per declared alternative (JSON typed, text `String`, binary `Bytes`) and
//! `Other(specforge::RawContent)` for a `Content-Type` none of them matches (or none),
//! plus a small decode function. The runtime's `RawResponse::match_media` picks the
//! declared media type (exact, then `type/*`, then `*/*`, then the same structured
//! suffix, `+json` or `+xml`).
//!
//! The enum is `{Operation}Content` when the operation has one such response, else
//! `{Operation}{Status}Content` (named by the model, `model/naming/items.rs`); it
//! decodes with its own private `decode` function.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::Ctx;
use super::docs::DocBuilder;
use super::idents::ident;
use super::markdown::code_span;
use super::type_ref::Scope;
use super::types::enum_lints;
use crate::model::{MediaAlternative, ResponseBody, TypeRef};

/// The enum and its decode function.
pub(crate) fn items(
    ctx: &Ctx,
    name: &Ident,
    alternatives: &[MediaAlternative],
    status_doc: &str,
    method_link: &str,
) -> TokenStream {
    let string = ctx.std(Scope::Operations, "String");
    let result = ctx.std(Scope::Operations, "Result");
    let mut variants = Vec::with_capacity(alternatives.len());
    let mut arms = Vec::with_capacity(alternatives.len());
    let mut patterns: Vec<&str> = Vec::new();
    for alternative in alternatives {
        let v = ident(&alternative.variant_name);
        let listed = alternative
            .media_types
            .iter()
            .map(|m| code_span(m))
            .collect::<Vec<_>>()
            .join(", ");
        let docs = DocBuilder::new().own(&listed).build();
        let (ty, decode_call) = match &alternative.body {
            ResponseBody::Json(ty) => (
                ctx.type_tokens(ty, Scope::Operations),
                quote!(response.parse_json().map(Self::#v)),
            ),
            ResponseBody::Text => (string.clone(), quote!(response.parse_text().map(Self::#v))),
            _ => (
                quote!(::specforge::bytes::Bytes),
                quote!(Ok(Self::#v(response.body().clone()))),
            ),
        };
        variants.push(quote!(#docs #v(#ty),));
        let indexes = alternative.media_types.iter().map(|media| {
            let index = Literal::usize_unsuffixed(patterns.len());
            patterns.push(media);
            quote!(#index)
        });
        arms.push(quote!(Some(#(#indexes)|*) => #decode_call,));
    }
    let mut names: Vec<String> = alternatives
        .iter()
        .map(|a| a.variant_name.clone())
        .collect();
    names.push("Other".to_owned());
    let large = alternatives
        .iter()
        .any(|a| matches!(a.body, ResponseBody::Json(TypeRef::Named(_))));
    let lints = enum_lints(&name.to_string(), &names, large);
    let docs = DocBuilder::new()
        .own(&format!(
            "The `{status_doc}` body of {method_link}, by the response's `Content-Type`."
        ))
        .build();
    let into_json = into_json_fn(ctx, alternatives);
    quote! {
        #docs
        #lints
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// A `Content-Type` the operation does not declare (or none): the raw body.
            Other(::specforge::RawContent),
        }

        impl #name {
            #into_json

            fn decode(response: &::specforge::__private::RawResponse) -> #result<Self, ::specforge::DecodeError> {
                match response.match_media(&[#(#patterns),*]) {
                    #(#arms)*
                    _ => Ok(Self::Other(response.raw_content())),
                }
            }
        }
    }
}

/// `into_json(self) -> Option<T>` when exactly one alternative is JSON.
fn into_json_fn(ctx: &Ctx, alternatives: &[MediaAlternative]) -> TokenStream {
    let option = ctx.std(Scope::Operations, "Option");
    let mut json = alternatives
        .iter()
        .filter(|a| matches!(a.body, ResponseBody::Json(_)));
    let (Some(alternative), None) = (json.next(), json.next()) else {
        return TokenStream::new();
    };
    let v = ident(&alternative.variant_name);
    let ty = match &alternative.body {
        ResponseBody::Json(ty) => ctx.type_tokens(ty, Scope::Operations),
        _ => quote!(()),
    };
    quote! {
        /// The JSON body; `None` when the response came in another media type.
        pub fn into_json(self) -> #option<#ty> {
            match self {
                Self::#v(body) => #option::Some(body),
                _ => #option::None,
            }
        }
    }
}
