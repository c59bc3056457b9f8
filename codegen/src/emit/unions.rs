//! Unions (`oneOf`/`anyOf`) of the `types` module: the enum, its variants and the
//! `From` impls that build it (setting `value_builders`).

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::docs::doc_attrs;
use super::idents::ident;
use super::type_ref::Scope;
use super::types::{enum_lints, serde_derive};
use crate::model::{TypeDef, TypeRef, Union};

/// Unions (`oneOf`/`anyOf`), variants in the model's order.
///
/// With a discriminator, and when every variant is an object (a struct or a
/// map) selected by at least one tag value, the enum is tagged by that
/// property (see [`super::tagged_union`]). Anything else is
/// `#[serde(untagged)]`: variants are tried in order.
pub(crate) fn union_item(ctx: &Ctx, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&def.docs);
    if u.variants.is_empty() {
        return quote!(#docs pub type #name = ::specforge::serde_json::Value;);
    }
    let serde = serde_derive();
    let tag = u.tag.as_deref().filter(|_| {
        u.variants
            .iter()
            .all(|v| !v.tag_values.is_empty() && ctx.is_object(&v.ty))
    });
    let Some(tag) = tag else {
        let (variants, lints) = union_variants(ctx, def, u, &[]);
        let body = variants.iter().map(|(n, ty)| quote!(#n(#ty),));
        let from = ctx
            .settings
            .value_builders
            .then(|| union_from(ctx, def, u, &variants));
        return quote! {
            #docs
            #lints
            #[derive(Debug, Clone, PartialEq, #serde)]
            #[serde(crate = "::specforge::serde", untagged)]
            pub enum #name { #(#body)* }
            #from
        };
    };
    super::tagged_union::tagged_union_item(ctx, def, u, tag)
}

/// `From` impls into an untagged union: one per variant whose payload type no
/// other variant has (compared after aliases and same-shape types), never the
/// union itself nor a boxed payload; and `From<&str>` when exactly one variant
/// is a `String`.
fn union_from(
    ctx: &Ctx,
    def: &TypeDef,
    u: &Union,
    variants: &[(proc_macro2::Ident, TokenStream)],
) -> TokenStream {
    let own = ctx.api.types.defs.iter().position(|d| std::ptr::eq(d, def));
    let keys: Vec<Option<String>> = u
        .variants
        .iter()
        .map(|v| {
            let ty = ctx.canonical(&v.ty);
            let is_self = matches!(ty, TypeRef::Named(id) if Some(id.0) == own);
            (!v.boxed && !is_self).then(|| ctx.type_tokens(&ty, Scope::Types).to_string())
        })
        .collect();
    let unique = |index: usize| {
        keys[index]
            .as_ref()
            .is_some_and(|key| keys.iter().filter(|k| k.as_ref() == Some(key)).count() == 1)
    };
    let from: Vec<TokenStream> = variants
        .iter()
        .enumerate()
        .filter(|(index, _)| unique(*index))
        .map(|(_, (variant, ty))| quote!(#variant(#ty)))
        .collect();
    let strings: Vec<&proc_macro2::Ident> = variants
        .iter()
        .enumerate()
        .filter(|(index, _)| matches!(ctx.canonical(&u.variants[*index].ty), TypeRef::String))
        .map(|(_, (variant, _))| variant)
        .collect();
    let text = match strings.as_slice() {
        [variant] => Some(quote!(str #variant)),
        _ => None,
    };
    if from.is_empty() && text.is_none() {
        return TokenStream::new();
    }
    let name = ident(&def.name);
    quote!(::specforge::__union_from!(#name { #(#from),* } #text);)
}

/// The variants of a union (the model made their names distinct and never one of
/// `reserved`; a boxed type where a cycle needs it) and the `#[allow]`s its names and
/// payloads call for.
pub(crate) fn union_variants(
    ctx: &Ctx,
    def: &TypeDef,
    u: &Union,
    reserved: &[&str],
) -> (Vec<(proc_macro2::Ident, TokenStream)>, TokenStream) {
    // The names in order, reserved ones first, for the lints.
    let mut names: Vec<String> = reserved.iter().map(|r| (*r).to_owned()).collect();
    let variants = u
        .variants
        .iter()
        .map(|v| {
            names.push(v.name.clone());
            let ty = if v.boxed {
                ctx.boxed_type_tokens(&v.ty, Scope::Types)
            } else {
                ctx.type_tokens(&v.ty, Scope::Types)
            };
            (ident(&v.name), ty)
        })
        .collect();
    let lints = enum_lints(
        &def.name,
        &names,
        u.variants
            .iter()
            .any(|v| !v.boxed && matches!(v.ty, TypeRef::Named(_))),
    );
    (variants, lints)
}
