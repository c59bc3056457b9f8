//! The fields of one request value, from the operation's parameters and body: the
//! struct fields, the setters of optional ones, the statements that fill the runtime
//! `Request` in `into_request`, and the fields of the mock's call struct
//! ([`super::mock`]). [`super::operations`] assembles them into the request value.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::Ctx;
use super::docs::{DocBuilder, deprecated_attr};
use super::mock;
use super::multipart;
use super::operations::{Taken, body_taken, param_spec, param_taken, self_convention_allow};
use super::type_ref::Scope;
use crate::model::{BodyKind, Operation, Parameter, RequestBody};

/// What the parameters and the body add to a request value.
#[derive(Default)]
pub(crate) struct FieldParts {
    /// Struct fields (`pub(super) name: Type`).
    pub(crate) fields: Vec<TokenStream>,
    /// Setters of the optional parameters and body.
    pub(crate) setters: Vec<TokenStream>,
    /// Statements of `into_request` that add each value to the `request`.
    pub(crate) fills: Vec<TokenStream>,
    /// Items the body needs beside the request value (a multipart form's).
    pub(crate) body_items: TokenStream,
    /// The fields of the mock's call struct.
    pub(crate) call_fields: Vec<mock::CallField>,
}

/// The parts of every parameter (`params`, with their field names) and of the body.
pub(crate) fn field_parts(
    ctx: &Ctx,
    op: &Operation,
    params: &[(&Parameter, Ident)],
    body: Option<&(&RequestBody, Ident)>,
) -> FieldParts {
    let mut parts = FieldParts::default();
    for (param, name) in params {
        parts.add_param(ctx, param, name);
    }
    if let Some((body, name)) = body {
        parts.add_body(ctx, op, body, name);
    }
    parts
}

impl FieldParts {
    fn add_param(&mut self, ctx: &Ctx, param: &Parameter, name: &Ident) {
        let taken = param_taken(ctx, &param.ty, Scope::Operations);
        let ty = stored_type(ctx, &taken, param.required);
        self.call_fields.push(mock::CallField {
            name: name.clone(),
            ty: ty.clone(),
            docs: DocBuilder::new().docs(&param.docs).build(),
        });
        self.fields.push(quote!(pub(super) #name: #ty));
        if !param.required {
            let docs = DocBuilder::new().docs(&param.docs).build();
            let deprecated = deprecated_attr(&param.docs);
            let convention = self_convention_allow(&name.to_string());
            let setter = setter(name, &taken);
            self.setters
                .push(quote!(#docs #deprecated #convention #setter));
        }
        let spec = param_spec(param);
        self.fills.push(quote!(request.param(#spec, &self.#name);));
    }

    fn add_body(&mut self, ctx: &Ctx, op: &Operation, body: &RequestBody, name: &Ident) {
        let taken = body_taken(ctx, op, body, Scope::Operations);
        let ty = stored_type(ctx, &taken, body.required);
        if let BodyKind::Multipart(parts) = &body.kind {
            self.body_items = multipart::items(ctx, op, parts);
        }
        // A body sent from a reference is still the request value's to record.
        if by_reference(body) || matches!(body.kind, BodyKind::Multipart(_)) {
            self.call_fields.push(mock::CallField {
                name: name.clone(),
                ty: ty.clone(),
                docs: quote!(#[doc = " The request body."]),
            });
        }
        self.fields.push(quote!(pub(super) #name: #ty));
        if body.required {
            self.fills.push(required_body_fill(body, name));
        } else {
            let docs = DocBuilder::new().docs(&body.docs).build();
            let docs = if docs.is_empty() {
                quote!(#[doc = " The request body."])
            } else {
                docs
            };
            let setter = setter(name, &taken);
            self.setters.push(quote!(#docs #setter));
            self.fills.push(optional_body_fill(body, name));
        }
    }
}

/// The field's type: the stored type, in an `Option` when the value is optional.
fn stored_type(ctx: &Ctx, taken: &Taken, required: bool) -> TokenStream {
    let stored = &taken.stored;
    if required {
        stored.clone()
    } else {
        let option = ctx.std(Scope::Operations, "Option");
        quote!(#option<#stored>)
    }
}

/// `pub fn name(mut self, value: Arg) -> Self` of an optional value.
fn setter(name: &Ident, taken: &Taken) -> TokenStream {
    let arg = &taken.arg;
    let value = if taken.convert {
        quote!(value.into())
    } else {
        quote!(value)
    };
    quote! {
        pub fn #name(mut self, value: #arg) -> Self {
            self.#name = Some(#value);
            self
        }
    }
}

/// Whether the body is encoded from a reference (JSON, form, XML).
fn by_reference(body: &RequestBody) -> bool {
    matches!(
        body.kind,
        BodyKind::Json(_) | BodyKind::Form(_) | BodyKind::Xml(_)
    )
}

/// The `Request` method that takes a body of this kind.
fn body_call(body: &RequestBody) -> TokenStream {
    match &body.kind {
        BodyKind::Json(_) => quote!(json_body),
        BodyKind::Form(_) => quote!(form_body),
        BodyKind::Text | BodyKind::Xml(_) => quote!(text_body),
        BodyKind::Binary => quote!(binary_body),
        BodyKind::Multipart(_) => quote!(multipart_body),
    }
}

/// Adds a required body to the request.
fn required_body_fill(body: &RequestBody, name: &Ident) -> TokenStream {
    let call = body_call(body);
    let content_type = &body.media_type;
    if let Some(fill) = multipart::form_body_with(body, quote!(&self.#name)) {
        fill
    } else if let BodyKind::Xml(xml) = &body.kind {
        let text = super::xml::encode(xml, &quote!(&self.#name));
        quote!(request.#call(#content_type, #text);)
    } else if matches!(body.kind, BodyKind::Multipart(_)) {
        quote!(request.#call(self.#name.to_multipart());)
    } else if by_reference(body) {
        quote!(request.#call(#content_type, &self.#name);)
    } else {
        quote!(request.#call(#content_type, self.#name);)
    }
}

/// Adds an optional body to the request when it is set.
fn optional_body_fill(body: &RequestBody, name: &Ident) -> TokenStream {
    let call = body_call(body);
    let content_type = &body.media_type;
    if let Some(fill) = multipart::form_body_with(body, quote!(body)) {
        quote!(if let Some(body) = &self.#name { #fill })
    } else if let BodyKind::Xml(xml) = &body.kind {
        let text = super::xml::encode(xml, &quote!(body));
        quote!(if let Some(body) = &self.#name { request.#call(#content_type, #text); })
    } else if matches!(body.kind, BodyKind::Multipart(_)) {
        quote!(if let Some(body) = &self.#name { request.#call(body.to_multipart()); })
    } else if by_reference(body) {
        quote!(if let Some(body) = &self.#name { request.#call(#content_type, body); })
    } else {
        quote!(if let Some(body) = self.#name { request.#call(#content_type, body); })
    }
}
