//! Typed XML in generated code (see `model/xml.rs` and docs/xml.md): the runtime's
//! `__xml_object!` for each struct an XML body reaches, `__xml_string_enum!` for
//! each string enum, and the expressions that write a request body and read a
//! response body.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::idents::ident;
use super::types::{Presence, presence};
use crate::model::{
    Operation, Struct, TypeKind, XmlAlternate, XmlBody, XmlMapping, XmlName, XmlRole,
};

/// `::specforge::xml::XmlName::…` for `name`.
fn name(name: &XmlName) -> TokenStream {
    let local = &name.local;
    match (&name.prefix, &name.namespace) {
        (None, None) => quote!(::specforge::xml::XmlName::plain(#local)),
        (prefix, namespace) => {
            let prefix = optional_str(prefix.as_deref());
            let namespace = optional_str(namespace.as_deref());
            quote!(::specforge::xml::XmlName::qualified(#local, #prefix, #namespace))
        }
    }
}

/// A name in `__xml_object!`'s short form: `"local"` or `["local", "prefix", "namespace"]`
/// (`_` for an absent prefix or namespace).
fn macro_name(name: &XmlName) -> TokenStream {
    let local = &name.local;
    if name.prefix.is_none() && name.namespace.is_none() {
        return quote!(#local);
    }
    let part = |text: &Option<String>| match text {
        Some(text) => quote!(#text),
        None => quote!(_),
    };
    let prefix = part(&name.prefix);
    let namespace = part(&name.namespace);
    quote!([#local, #prefix, #namespace])
}

fn optional_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(::core::option::Option::Some(#text)),
        None => quote!(::core::option::Option::None),
    }
}

/// The XML impls of type `index`, when an XML body reaches it.
pub(super) fn type_impl(ctx: &Ctx, index: usize) -> TokenStream {
    let Some(Some(mapping)) = ctx.api.xml.get(index) else {
        return TokenStream::new();
    };
    let def = &ctx.api.types.defs[index];
    let type_name = ident(&def.name);
    match (mapping, &def.kind) {
        (XmlMapping::Text, _) => quote!(::specforge::__xml_string_enum!(#type_name);),
        (XmlMapping::Object(roles), TypeKind::Struct(s)) => object_impl(ctx, &type_name, s, roles),
        (XmlMapping::Object(_), _) => TokenStream::new(),
    }
}

/// `__xml_object!(Type { field => role presence (names), … } skip(…))`.
fn object_impl(
    ctx: &Ctx,
    type_name: &proc_macro2::Ident,
    s: &Struct,
    roles: &[XmlRole],
) -> TokenStream {
    let mut carried = Vec::new();
    let mut skipped = Vec::new();
    for (field, role) in s.fields.iter().zip(roles) {
        let field_name = ident(&field.name);
        let presence = presence(ctx, field);
        let (role, names) = match role {
            XmlRole::Attribute(n) => (quote!(attribute), vec![macro_name(n)]),
            XmlRole::Element(n) => (quote!(element), vec![macro_name(n)]),
            XmlRole::List(item) => (quote!(list), vec![macro_name(item)]),
            XmlRole::Wrapped { wrapper, item } => {
                (quote!(wrapped), vec![macro_name(wrapper), macro_name(item)])
            }
            XmlRole::Skipped => {
                let value = match presence {
                    Presence::Defaulted(_) => {
                        let default_fn = ident(&field.default_fn());
                        quote!(Self::#default_fn())
                    }
                    _ => quote!(::core::option::Option::None),
                };
                skipped.push(quote!(#field_name = #value));
                continue;
            }
        };
        let presence = match presence {
            Presence::Required => quote!(required),
            Presence::Optional | Presence::RequiredNullable => quote!(optional),
            Presence::OptionalNullable => quote!(nullable),
            Presence::Defaulted(_) => {
                let default_fn = ident(&field.default_fn());
                quote!({ Self::#default_fn })
            }
        };
        carried.push(quote!(#field_name => #role #presence (#(#names),*)));
    }
    if s.additional_properties.is_some() {
        let map = ident(&s.additional_properties_field());
        skipped.push(quote!(#map = ::std::collections::BTreeMap::new()));
    }
    let skip = (!skipped.is_empty()).then(|| quote!(skip(#(#skipped),*)));
    quote!(::specforge::__xml_object!(#type_name { #(#carried),* } #skip);)
}

/// The XML text of a request body `value` (an expression of type `&T`).
pub(super) fn encode(body: &XmlBody, value: &TokenStream) -> TokenStream {
    let root = name(&body.root);
    match &body.item {
        Some(item) => {
            let item = name(item);
            quote!(::specforge::xml::to_xml_list_string(#value, #root, #item))
        }
        None => quote!(::specforge::xml::to_xml_string(#value, #root)),
    }
}

/// Reads a response body from `r` (a `&RawResponse`): a `Result<T, DecodeError>`.
pub(super) fn decode(body: &XmlBody) -> TokenStream {
    match &body.item {
        Some(item) => {
            let item = name(item);
            quote!(::specforge::xml::decode_list(r, #item))
        }
        None => quote!(::specforge::xml::decode(r)),
    }
}

/// The function that reads a response body: `fn(&RawResponse) -> Result<T, DecodeError>`.
pub(super) fn decoder(body: &XmlBody) -> TokenStream {
    match &body.item {
        Some(_) => {
            let decode = decode(body);
            quote!(|r| #decode)
        }
        None => quote!(::specforge::xml::decode),
    }
}

/// Reads a JSON response body that may also come as XML (setting `accept_xml`) from
/// `r`, by its `Content-Type`: a `Result<T, DecodeError>`.
pub(super) fn json_or_xml(alternate: &XmlAlternate) -> TokenStream {
    let xml = decode(&alternate.body);
    quote!(if ::specforge::xml::is_xml(r) { #xml } else { r.parse_json() })
}

/// `.accept_xml()` on the request value of an operation whose responses offer XML
/// beside JSON (setting `accept_xml`).
pub(super) fn accept_method(op: &Operation, options: &proc_macro2::Ident) -> TokenStream {
    let mut media_types: Vec<&str> = Vec::new();
    for alternate in op.responses.iter().filter_map(|r| r.xml_alternate.as_ref()) {
        if !media_types.contains(&alternate.media_type.as_str()) {
            media_types.push(&alternate.media_type);
        }
    }
    if media_types.is_empty() {
        return TokenStream::new();
    }
    let accept = media_types.join(", ");
    let docs = format!(
        " Asks for XML (`Accept: {accept}`) instead of JSON; the response is decoded from\n\
         whichever the server sends."
    );
    quote! {
        #[doc = #docs]
        pub fn accept_xml(mut self) -> Self {
            self.#options = self.#options.header("accept", #accept);
            self
        }
    }
}

/// `::specforge::__require_xml!();` when the client has XML bodies: without the
/// runtime's `xml` feature the build stops with a message saying how to turn it on.
pub(super) fn require_feature(ctx: &Ctx) -> TokenStream {
    if ctx.api.has_xml() {
        quote!(::specforge::__require_xml!();)
    } else {
        TokenStream::new()
    }
}
