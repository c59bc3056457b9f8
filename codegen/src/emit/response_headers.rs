//! Typed response headers: one `{Operation}Headers` struct per operation whose
//! success responses declare headers, in `operations`.
//!
//! The struct has one `Option<T>` field per declared header (the union over
//! the 2xx responses, first declaration wins; a server may always omit one),
//! and `from_response(&::specforge::Response<T>)` that decodes them with the
//! runtime's `parse_header` (a present header that does not fit its type is a
//! `DecodeError` naming it). Users reach it from `send_with_response()`:
//!
//! ```ignore
//! let response = client.get_with_headers().send_with_response().await?;
//! let headers = operations::GetWithHeadersHeaders::from_response(&response)?;
//! ```
//!
//! Error responses' declared headers get the same treatment in
//! `{Operation}ErrorHeaders` (the union over the non-2xx responses), read with
//! `from_error(&specforge::Error<E>)`: `Ok(None)` unless the error is a declared
//! API error (`Error::Api`), whose headers it decodes. The raw values stay on
//! `specforge::Error::headers()`.
//!
//! ```ignore
//! if let Err(error) = client.get_report("x").await {
//!     if let Some(h) = operations::GetReportErrorHeaders::from_error(&error)? { /* h.x_request_id */ }
//! }
//! ```

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::Ctx;
use super::docs::DocBuilder;
use super::idents::ident;
use super::markdown::code_span;
use super::type_ref::Scope;
use crate::model::{Operation, ResponseHeader};

/// The struct's name: `{Operation}Headers`.
fn headers_type(op: &Operation) -> Ident {
    ident(&op.headers_type())
}

/// The `{Operation}Headers` and `{Operation}ErrorHeaders` structs and their
/// decoding, for the ones that have headers.
pub(crate) fn items(ctx: &Ctx, op: &Operation) -> TokenStream {
    let mut items = success_items(ctx, op);
    items.extend(error_items(ctx, op));
    items
}

/// The fields and the field reads of a headers struct.
fn fields(
    ctx: &Ctx,
    headers: Vec<(String, &ResponseHeader)>,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let option = ctx.std(Scope::Operations, "Option");
    let fields: Vec<(Ident, &ResponseHeader)> = headers
        .into_iter()
        .map(|(name, h)| (ident(&name), h))
        .collect();
    let declarations = fields
        .iter()
        .map(|(field, header)| {
            let ty = ctx.type_tokens(&header.ty, Scope::Operations);
            let docs = DocBuilder::new()
                .own(&format!("Header {}.", code_span(&header.wire_name)))
                .docs(&header.docs)
                .build();
            quote! {
                #docs
                pub #field: #option<#ty>
            }
        })
        .collect();
    let reads = fields
        .iter()
        .map(|(field, header)| {
            let wire = &header.wire_name;
            quote!(#field: ::specforge::__private::parse_header(headers, #wire)?)
        })
        .collect();
    (declarations, reads)
}

/// `{Operation}ErrorHeaders`, or nothing when no error response declares a header.
fn error_items(ctx: &Ctx, op: &Operation) -> TokenStream {
    let headers = op.header_fields(false);
    if headers.is_empty() {
        return TokenStream::new();
    }
    let name = ident(&op.error_headers_type());
    let option = ctx.std(Scope::Operations, "Option");
    let result = ctx.std(Scope::Operations, "Result");
    let (declarations, reads) = fields(ctx, headers);
    let docs = |defined: &Ident| {
        let text = format!(
            " The declared headers of an error response of [`{0}`]; read them with \
             [`{defined}::from_error`] from the `specforge::Error` it returned.",
            op.type_name
        );
        quote!(#[doc = #text])
    };
    ctx.shared.item(&name, docs, |name| {
        quote! {
            #[derive(Debug, Clone, PartialEq, Default)]
            pub struct #name {
                #(#declarations,)*
            }

            impl #name {
                /// Decodes the declared headers of a declared API error (`Error::Api`; absent
                /// headers are `None`); `Ok(None)` for any other error.
                pub fn from_error<E>(
                    error: &::specforge::Error<E>,
                ) -> #result<#option<Self>, ::specforge::DecodeError> {
                    let ::specforge::Error::Api(api) = error else {
                        return #result::Ok(#option::None);
                    };
                    let headers = &api.headers;
                    #result::Ok(#option::Some(Self {
                        #(#reads,)*
                    }))
                }
            }
        }
    })
}

/// `{Operation}Headers`, or nothing when no success response declares a header.
fn success_items(ctx: &Ctx, op: &Operation) -> TokenStream {
    let headers = op.header_fields(true);
    if headers.is_empty() {
        return TokenStream::new();
    }
    let name = headers_type(op);
    let result = ctx.std(Scope::Operations, "Result");
    let (declarations, reads) = fields(ctx, headers);
    let docs = |defined: &Ident| {
        let text = format!(
            " The declared headers of a successful [`{0}`] response; read them with \
             [`{defined}::from_response`] from what `send_with_response()` returns.",
            op.type_name
        );
        quote!(#[doc = #text])
    };
    ctx.shared.item(&name, docs, |name| {
        quote! {
            #[derive(Debug, Clone, PartialEq, Default)]
            pub struct #name {
                #(#declarations,)*
            }

            impl #name {
                /// Decodes the declared headers of `response` (absent ones are `None`).
                pub fn from_response<T>(
                    response: &::specforge::Response<T>,
                ) -> #result<Self, ::specforge::DecodeError> {
                    let headers = response.headers();
                    #result::Ok(Self {
                        #(#reads,)*
                    })
                }
            }
        }
    })
}
