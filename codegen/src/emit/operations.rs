//! Operations: one `Client` method and one request value per operation.
//!
//! The client method takes every required parameter (and a required body)
//! by value and returns the request value; optional parameters and an
//! optional body are setters on it. The request value implements
//! `IntoFuture` and has `send_with_response()`, which fills a runtime
//! `Request` from a `static` operation description and hands it, with the
//! client's `ClientCore`, to `__private::send` with the operation's decode
//! function. Everything generic lives in the runtime; per operation there is one small
//! non-generic function and the struct.
//!
//! Names inside the request struct (`client`, `options`, `body`, setters)
//! are made unique against the parameter names, so a parameter called
//! `options` or `body` cannot collide with them.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::Ctx;
use super::docs::{DocBuilder, deprecated_attr};
use super::idents::ident;
use super::mock;
use super::multipart;
use super::pagination;
use super::request_fields;
use super::responses;
use super::sse;
use super::type_ref::Scope;
use crate::model::{
    BodyKind, HttpMethod, Operation, ParamLocation, ParamStyle, Parameter, RequestBody,
    ResponseBody, TypeRef, XmlBody,
};

/// Field names of one request struct.
struct Names<'a> {
    client: Ident,
    options: Ident,
    params: Vec<(&'a Parameter, Ident)>,
    body: Option<(&'a RequestBody, Ident)>,
}

fn names(op: &Operation) -> Names<'_> {
    let fields = op.request_fields();
    Names {
        client: ident(&fields.client),
        options: ident(&fields.options),
        params: op
            .params
            .iter()
            .zip(&fields.params)
            .map(|(p, name)| (p, ident(name)))
            .collect(),
        body: op.body.as_ref().zip(fields.body.as_deref().map(ident)),
    }
}

/// The `impl Client` methods, one per operation.
pub(crate) fn client_methods(ctx: &Ctx) -> TokenStream {
    ctx.api
        .operations
        .iter()
        .enumerate()
        .map(|(index, op)| {
            let gate = ctx.operation_gate(index);
            let method = client_method(ctx, op);
            quote!(#gate #method)
        })
        .collect()
}

/// How a value is taken from the caller: its argument type, its stored type
/// and the conversion between them.
pub(super) struct Taken {
    pub(super) arg: TokenStream,
    pub(super) stored: TokenStream,
    pub(super) convert: bool,
}

pub(super) fn param_taken(ctx: &Ctx, ty: &TypeRef, scope: Scope) -> Taken {
    if ctx.is_string(ty) {
        let string = ctx.std(scope, "String");
        Taken {
            arg: quote!(impl Into<#string>),
            stored: string,
            convert: true,
        }
    } else {
        let ty = ctx.type_tokens(ty, scope);
        Taken {
            arg: ty.clone(),
            stored: ty,
            convert: false,
        }
    }
}

pub(super) fn body_taken(ctx: &Ctx, op: &Operation, body: &RequestBody, scope: Scope) -> Taken {
    match &body.kind {
        BodyKind::Multipart(_) => {
            let ty = multipart::body_type_tokens(op, scope);
            Taken {
                arg: ty.clone(),
                stored: ty,
                convert: false,
            }
        }
        BodyKind::Json(ty) | BodyKind::Form(ty) | BodyKind::Xml(XmlBody { ty, .. }) => {
            let ty = ctx.type_tokens(ty, scope);
            Taken {
                arg: ty.clone(),
                stored: ty,
                convert: false,
            }
        }
        BodyKind::Text => {
            let string = ctx.std(scope, "String");
            Taken {
                arg: quote!(impl Into<#string>),
                stored: string,
                convert: true,
            }
        }
        BodyKind::Binary => Taken {
            arg: quote!(impl Into<::specforge::Body>),
            stored: quote!(::specforge::Body),
            convert: true,
        },
    }
}

/// `#[allow(clippy::wrong_self_convention)]` when a method name reads like a
/// conversion (`to_*`, `into_*`, `from_*`, `as_*`, `is_*`, `*_mut`).
pub(super) fn self_convention_allow(name: &str) -> TokenStream {
    let conversion = ["as_", "from_", "into_", "is_", "to_"]
        .iter()
        .any(|p| name.starts_with(p))
        || name.ends_with("_mut");
    if conversion {
        quote!(#[allow(clippy::wrong_self_convention)])
    } else {
        TokenStream::new()
    }
}

fn client_method(ctx: &Ctx, op: &Operation) -> TokenStream {
    let names = names(op);
    let method = ident(&op.method_name);
    let request = ident(&op.type_name);
    let client = &names.client;
    let options = &names.options;
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut docs = DocBuilder::new().docs(&op.docs);
    let mut listed = false;
    let mut list = |docs: DocBuilder, name: &Ident, d: &crate::model::Docs, deprecated: bool| {
        let mut text = [d.summary.as_deref(), d.description.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        if deprecated {
            text = format!("**Deprecated.** {text}");
        }
        if text.trim().is_empty() {
            return docs;
        }
        let docs = if listed { docs } else { docs.blank() };
        listed = true;
        docs.list_item(&format!("`{name}`"), &text)
    };
    for (param, name) in &names.params {
        if param.required {
            let taken = param_taken(ctx, &param.ty, Scope::Root);
            let arg = taken.arg;
            args.push(quote!(#name: #arg));
            inits.push(if taken.convert {
                quote!(#name: #name.into())
            } else {
                quote!(#name)
            });
            docs = list(docs, name, &param.docs, param.docs.deprecated);
        } else {
            inits.push(quote!(#name: None));
        }
    }
    if let Some((body, name)) = &names.body {
        if body.required {
            let taken = body_taken(ctx, op, body, Scope::Root);
            let arg = taken.arg;
            args.push(quote!(#name: #arg));
            inits.push(if taken.convert {
                quote!(#name: #name.into())
            } else {
                quote!(#name)
            });
            docs = list(docs, name, &body.docs, false);
        } else {
            inits.push(quote!(#name: None));
        }
    }
    let docs = docs.build();
    let deprecated = deprecated_attr(&op.docs);
    let too_many = (args.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let convention = self_convention_allow(&op.method_name);
    quote! {
        #docs
        #deprecated
        #too_many
        #convention
        pub fn #method(&self, #(#args),*) -> operations::#request {
            operations::#request {
                #client: self.clone(),
                #options: ::specforge::RequestOptions::default(),
                #(#inits,)*
            }
        }
    }
}

/// `pub mod operations { … }`.
pub(crate) fn module(ctx: &Ctx) -> TokenStream {
    let items = ctx.api.operations.iter().enumerate().map(|(index, op)| {
        let gate = ctx.operation_gate(index);
        // Items of one shape are shared only under the same gate: a shared item is
        // compiled whenever one of the operations using it is.
        ctx.shared.set_scope(gate.to_string());
        super::gates::gated(operation_items(ctx, op), &gate)
    });
    let allow_deprecated = ctx.allow_deprecated();
    let top = ctx.top_level_attrs();
    let inception = ctx.module_inception("operations");
    quote! {
        /// Request values, and the error and success types of each operation.
        #top
        #inception
        #allow_deprecated
        pub mod operations {
            #(#items)*
        }
    }
}

fn operation_items(ctx: &Ctx, op: &Operation) -> TokenStream {
    let names = names(op);
    let request = ident(&op.type_name);
    let plan = responses::plan(ctx, op);
    let result = ctx.std(Scope::Operations, "Result");
    let client = &names.client;
    let options = &names.options;
    let method_link = format!(
        "[`Client::{0}`](super::Client::{0})",
        ident(&op.method_name)
    );

    let request_fields::FieldParts {
        fields,
        setters,
        fills,
        body_items,
        call_fields,
    } = request_fields::field_parts(ctx, op, &names.params, names.body.as_ref());
    let header_items = super::response_headers::items(ctx, op);
    let binary_success = plan.binary_success;
    let operation_mock = mock::OperationMock {
        op,
        fields: call_fields,
        success: plan.mock_success.clone(),
        error: plan.error.clone(),
        success_status: plan.mock_success_status,
    };
    let record_call = mock::record_call(ctx, &operation_mock, client);
    let mock_items = mock::operation_items(ctx, &operation_mock);
    let responses::Plan {
        success,
        error,
        items,
        decode_fn,
        ..
    } = plan;
    let Sends {
        success,
        send,
        into_future,
        streaming,
    } = sends(ctx, op, success, &error, &decode_fn, binary_success);
    let into_request = into_request_fn(op, &names, &fills, &record_call);
    let paging = pagination::methods(
        ctx,
        op,
        &pagination::RequestParts {
            params: &names.params,
            error: &error,
            decode_fn: &decode_fn,
        },
    );
    let accept_xml = super::xml::accept_method(op, options);
    let attributes = request_attributes(&method_link, !paging.is_empty());
    quote! {
        #attributes
        #[must_use = "a request does nothing until it is awaited"]
        pub struct #request {
            pub(super) #client: super::Client,
            pub(super) #options: ::specforge::RequestOptions,
            #(#fields,)*
        }

        impl #request {
            #(#setters)*

            #accept_xml

            /// Per-request options (timeout, extra headers, retries).
            pub fn request_options(mut self, options: ::specforge::RequestOptions) -> Self {
                self.#options = options;
                self
            }

            /// Sends the request; the response's status and headers come with the body.
            pub fn send_with_response(self) -> ::specforge::BoxFuture<#result<::specforge::Response<#success>, ::specforge::Error<#error>>> {
                #send
            }

            #streaming

            #paging

            #into_request
        }

        impl ::std::future::IntoFuture for #request {
            type Output = #result<#success, ::specforge::Error<#error>>;
            type IntoFuture = ::specforge::BoxFuture<Self::Output>;
            fn into_future(self) -> Self::IntoFuture {
                #into_future
            }
        }

        #body_items
        #header_items
        #items
        #mock_items
    }
}

/// The request value's docs and derives (`Clone` when its pages are fetched by cloning it).
fn request_attributes(method_link: &str, pages: bool) -> TokenStream {
    let docs = DocBuilder::new()
        .own(&format!(
            "Request for {method_link}: set optional parameters, then `.await` it (or `.send_with_response()`)."
        ))
        .build();
    let derive = if pages {
        quote!(#[derive(Debug, Clone)])
    } else {
        quote!(#[derive(Debug)])
    };
    quote!(#docs #derive)
}

/// How a request value is sent: the success type `.await` gives, the bodies of
/// `send_with_response()` and `into_future()`, and `send_streaming()` when every success
/// is binary.
struct Sends {
    success: TokenStream,
    send: TokenStream,
    into_future: TokenStream,
    streaming: Option<TokenStream>,
}

/// Every way of sending starts from the one filled request (`into_request`); the
/// futures themselves are the runtime's (`__private::send*`), each a `BoxFuture` (a
/// named type, so no `Send` proof per operation).
fn sends(
    ctx: &Ctx,
    op: &Operation,
    success: TokenStream,
    error: &TokenStream,
    decode_fn: &Ident,
    binary_success: bool,
) -> Sends {
    let (success, send, into_future) = match sse::event_data(op) {
        Some(data) => {
            let sse::StreamSend { body, data_fn } = sse::stream_send(ctx, data);
            let send =
                quote!(::specforge::__private::send_sse(self.into_request(), #data_fn, #decode_fn));
            let into_future = quote!(::specforge::__private::into_body(self.send_with_response()));
            (body, send, into_future)
        }
        None => (
            success,
            quote!(::specforge::__private::send(self.into_request(), #decode_fn)),
            quote!(::specforge::__private::send_body(self.into_request(), #decode_fn)),
        ),
    };
    let result = ctx.std(Scope::Operations, "Result");
    let streaming = binary_success.then(|| {
        quote! {
            /// Sends the request and returns a successful body as a byte stream, read as
            /// it arrives: no size cap, and the request's timeout becomes an idle timeout
            /// (no bytes for that long ends the stream with an error). Error statuses are
            /// decoded as with `.await`.
            pub fn send_streaming(self) -> ::specforge::BoxFuture<#result<::specforge::Response<::specforge::ByteStream>, ::specforge::Error<#error>>> {
                ::specforge::__private::send_streaming(self.into_request(), #decode_fn)
            }
        }
    });
    Sends {
        success,
        send,
        into_future,
        streaming,
    }
}

/// `into_request`: the runtime request, the operation's description with every value
/// filled in (`fills`), the call recorded for a mock (`record_call`).
fn into_request_fn(
    op: &Operation,
    names: &Names,
    fills: &[TokenStream],
    record_call: &TokenStream,
) -> TokenStream {
    let operation_static = operation_static(op);
    let mutable = (!fills.is_empty()).then(|| quote!(mut));
    let (client, options) = (&names.client, &names.options);
    quote! {
        /// The runtime request: the operation's description with every value filled in.
        fn into_request(self) -> (::specforge::ClientCore, ::specforge::__private::Request) {
            #operation_static
            let #mutable request = ::specforge::__private::Request::new(&OPERATION, self.#options);
            #(#fills)*
            #record_call
            (self.#client.core, request)
        }
    }
}

/// The `static OPERATION` describing `op` to the runtime.
pub(crate) fn operation_static(op: &Operation) -> TokenStream {
    let id = &op.id;
    let method = match op.method {
        HttpMethod::Get => quote!(GET),
        HttpMethod::Put => quote!(PUT),
        HttpMethod::Post => quote!(POST),
        HttpMethod::Delete => quote!(DELETE),
        HttpMethod::Options => quote!(OPTIONS),
        HttpMethod::Head => quote!(HEAD),
        HttpMethod::Patch => quote!(PATCH),
        HttpMethod::Trace => quote!(TRACE),
    };
    let path = &op.path;
    let accept = accept(op);
    let security = op
        .security
        .iter()
        .map(|alternative| quote!(&[#(#alternative),*]));
    let idempotency = match &op.idempotency_header {
        Some(name) => quote!(Some(#name)),
        None => quote!(None),
    };
    quote! {
        static OPERATION: ::specforge::__private::Operation = ::specforge::__private::Operation {
            id: #id,
            method: ::specforge::__private::Method::#method,
            path: #path,
            accept: #accept,
            security: &[#(#security),*],
            idempotency_header: #idempotency,
        };
    }
}

/// The `Accept` header: exactly the media types the declared responses list,
/// in document order, each once (a response declaring several kinds, e.g.
/// JSON or CSV, is decoded by its `Content-Type`: see [`super::negotiated`]).
fn accept(op: &Operation) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for response in &op.responses {
        let declared: Vec<&str> = if response.media_types.is_empty() {
            // A model built without media types: the kind's family.
            match response.body {
                ResponseBody::None => continue,
                ResponseBody::Json(_) => vec!["application/json"],
                ResponseBody::Xml(_) => vec!["application/xml"],
                ResponseBody::Text => vec!["text/*"],
                ResponseBody::Binary => vec!["*/*"],
                ResponseBody::EventStream(_) => vec!["text/event-stream"],
                ResponseBody::Negotiated(ref alternatives) => alternatives
                    .iter()
                    .flat_map(|a| a.media_types.iter().map(String::as_str))
                    .collect(),
            }
        } else {
            response.media_types.iter().map(String::as_str).collect()
        };
        for kind in declared {
            if !kinds.iter().any(|k| k.eq_ignore_ascii_case(kind)) {
                kinds.push(kind);
            }
        }
    }
    kinds.join(", ")
}

/// `::specforge::__private::Param::query("name")` with the modifiers that
/// differ from the location's defaults.
pub(super) fn param_spec(param: &Parameter) -> TokenStream {
    let name = &param.wire_name;
    let (constructor, default_style, default_explode) = match param.location {
        ParamLocation::Path => (quote!(path), ParamStyle::Simple, false),
        ParamLocation::Query => (quote!(query), ParamStyle::Form, true),
        ParamLocation::Header => (quote!(header), ParamStyle::Simple, false),
        ParamLocation::Cookie => (quote!(cookie), ParamStyle::Form, true),
    };
    let mut spec = quote!(::specforge::__private::Param::#constructor(#name));
    if param.style != default_style {
        let style = match param.style {
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
    if param.explode != default_explode {
        let explode = param.explode;
        spec.extend(quote!(.explode(#explode)));
    }
    if param.allow_reserved {
        spec.extend(quote!(.allow_reserved(true)));
    }
    if let Some(content) = &param.content {
        spec.extend(quote!(.content(#content)));
    }
    spec
}
