//! `multipart/form-data` request bodies: one `{Operation}Body` struct per
//! operation in `operations`, with a public field per part, and the function
//! that turns it into the runtime's `Multipart`.
//!
//! Field types: a file part is `::specforge::FilePart` (bytes, optional file
//! name and content type), a value part is the property's type, an array
//! property is a `Vec` (one part per item; empty sends nothing), an optional
//! single part is an `Option`. Parts are sent in schema property order: files
//! with `file_part` (the Encoding Object's `contentType` as the default content
//! type), values with `field` (text for primitives, JSON for objects and
//! arrays) or `json` when the encoding's content type is a JSON one.
//!
//! Also here: a form body with Encoding Object entries is sent with
//! `form_body_with` and a `const` table of `FieldEncoding`s.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::Ctx;
use super::docs::DocBuilder;
use super::idents::ident;
use super::markdown::code_span;
use super::type_ref::Scope;
use crate::model::{
    BodyKind, MultipartBody, MultipartPart, Operation, ParamStyle, PartKind, RequestBody,
};

/// The body struct's name: `{Operation}Body`.
pub(crate) fn body_type(op: &Operation) -> Ident {
    ident(&op.body_type())
}

/// The body struct in `scope` (the client method is at the root).
pub(crate) fn body_type_tokens(op: &Operation, scope: Scope) -> TokenStream {
    let name = body_type(op);
    match scope {
        Scope::Root => quote!(operations::#name),
        Scope::Operations | Scope::Types => quote!(#name),
    }
}

fn field_type(ctx: &Ctx, part: &MultipartPart) -> TokenStream {
    let single = match &part.kind {
        PartKind::File => quote!(::specforge::FilePart),
        PartKind::Value(ty) => ctx.type_tokens(ty, Scope::Operations),
    };
    if part.repeated {
        let vec = ctx.std(Scope::Operations, "Vec");
        quote!(#vec<#single>)
    } else if part.required {
        single
    } else {
        let option = ctx.std(Scope::Operations, "Option");
        quote!(#option<#single>)
    }
}

fn content_type_tokens(part: &MultipartPart) -> TokenStream {
    match &part.content_type {
        Some(ct) => quote!(::core::option::Option::Some(#ct)),
        None => quote!(::core::option::Option::None),
    }
}

/// `multipart = multipart.<call>(…)` for one value `value` (a reference).
fn add_one(part: &MultipartPart, value: TokenStream) -> TokenStream {
    let wire = &part.wire_name;
    match &part.kind {
        PartKind::File => {
            let ct = content_type_tokens(part);
            quote!(multipart = multipart.file_part(#wire, #value, #ct);)
        }
        PartKind::Value(_) if is_json(part) => quote!(multipart = multipart.json(#wire, #value);),
        PartKind::Value(_) => quote!(multipart = multipart.field(#wire, #value);),
    }
}

fn is_json(part: &MultipartPart) -> bool {
    part.content_type
        .as_deref()
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("json"))
}

fn add_part(part: &MultipartPart) -> TokenStream {
    let name = ident(&part.name);
    if part.repeated {
        let one = add_one(part, quote!(value));
        quote!(for value in &self.#name { #one })
    } else if part.required {
        add_one(part, quote!(&self.#name))
    } else if matches!(part.kind, PartKind::Value(_)) && !is_json(part) {
        // `field` sends nothing for `None`.
        add_one(part, quote!(&self.#name))
    } else {
        let one = add_one(part, quote!(value));
        quote!(if let ::core::option::Option::Some(value) = &self.#name { #one })
    }
}

/// The `{Operation}Body` struct and its conversion.
pub(crate) fn items(ctx: &Ctx, op: &Operation, body: &MultipartBody) -> TokenStream {
    let name = body_type(op);
    let fields = body.parts.iter().map(|part| {
        let field = ident(&part.name);
        let ty = field_type(ctx, part);
        let own = if part.wire_name == part.name {
            None
        } else {
            Some(format!("Part {}.", code_span(&part.wire_name)))
        };
        let mut docs = DocBuilder::new().docs(&part.docs);
        if let Some(own) = &own {
            docs = docs.own(own);
        }
        let docs = docs.build();
        quote! {
            #docs
            pub #field: #ty
        }
    });
    let adds = body.parts.iter().map(add_part);
    let struct_docs = format!(
        " The `multipart/form-data` body of [`{0}`]: one field per part.",
        op.type_name
    );
    quote! {
        #[doc = #struct_docs]
        #[derive(Debug, Clone)]
        pub struct #name {
            #(#fields,)*
        }

        impl #name {
            fn to_multipart(&self) -> ::specforge::__private::Multipart {
                #[allow(unused_mut)]
                let mut multipart = ::specforge::__private::Multipart::new();
                #(#adds)*
                multipart
            }
        }
    }
}

/// `request.form_body_with(…)` for a form body with Encoding Object entries
/// (`value` is a reference to the body), or `None` when it has none.
pub(crate) fn form_body_with(body: &RequestBody, value: TokenStream) -> Option<TokenStream> {
    if body.form_encoding.is_empty() || !matches!(body.kind, BodyKind::Form(_)) {
        return None;
    }
    let entries = body.form_encoding.iter().map(|entry| {
        let name = &entry.name;
        let mut spec = quote!(::specforge::__private::FieldEncoding::new(#name));
        if let Some(style) = entry.style {
            let style = match style {
                ParamStyle::Matrix => quote!(Matrix),
                ParamStyle::Label => quote!(Label),
                ParamStyle::Simple => quote!(Simple),
                ParamStyle::Form => quote!(Form),
                ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
                ParamStyle::PipeDelimited => quote!(PipeDelimited),
                ParamStyle::DeepObject => quote!(DeepObject),
            };
            spec.extend(quote!(.style(::specforge::__private::Style::#style)));
        }
        if let Some(explode) = entry.explode {
            spec.extend(quote!(.explode(#explode)));
        }
        if entry.allow_reserved {
            spec.extend(quote!(.allow_reserved(true)));
        }
        if let Some(content_type) = &entry.content_type {
            spec.extend(quote!(.content_type(#content_type)));
        }
        spec
    });
    let content_type = &body.media_type;
    Some(quote! {
        {
            const ENCODINGS: &[::specforge::__private::FieldEncoding] = &[#(#entries),*];
            request.form_body_with(#content_type, #value, ENCODINGS);
        }
    })
}
