//! Typed mocks (setting `mock`): the `mock` module with `Mock` and
//! `Client::mock()`, and per operation the call struct (its typed arguments), the
//! recording of a call in `into_request`, and the `Mock` methods that set
//! expectations and list calls. The runtime does the rest (`specforge::mock`).
//!
//! Everything here carries `#[cfg(any(test, feature = "mock"))]`: compiled in the unit
//! tests of the crate that holds the client, and wherever the `mock` feature is on.
//! The CLI crate declares the feature; a build script's or `generate!`'s crate declares
//! it itself (docs/entry-points.md). With the setting off nothing is emitted.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::Ctx;
use super::docs::DocBuilder;
use crate::model::{Operation, Response, ResponseBody, StatusMatch};

impl Ctx<'_> {
    /// `#[cfg(any(test, feature = "mock"))]` when the setting is on, else `None` (emit
    /// nothing).
    pub(crate) fn mock_gate(&self) -> Option<TokenStream> {
        self.settings
            .mock
            .then(|| quote!(#[cfg(any(test, feature = "mock"))]))
    }
}

/// A field of an operation's call struct: the request value's field of that name.
pub(crate) struct CallField {
    pub(crate) name: Ident,
    /// Its type as the request value stores it.
    pub(crate) ty: TokenStream,
    pub(crate) docs: TokenStream,
}

/// What the mock items of one operation need from `operations`.
pub(crate) struct OperationMock<'a> {
    pub(crate) op: &'a Operation,
    /// The call struct's fields (parameters, and a body sent from a reference).
    pub(crate) fields: Vec<CallField>,
    /// The answer's success type (`Bytes` for downloads and event streams).
    pub(crate) success: TokenStream,
    /// The operation's error type.
    pub(crate) error: TokenStream,
    /// The status of a successful answer: a code, or `None` when the success type is an
    /// enum that knows its status.
    pub(crate) success_status: Option<u16>,
}

/// The call struct's name: `{Operation}Call` (claimed with the other siblings in
/// `model/operations.rs`).
pub(crate) fn call_name(op: &Operation) -> Ident {
    super::idents::ident(&op.call_type())
}

/// `request` given the call's arguments when a mock answers it: a statement of
/// `into_request`, after the fills (it moves the recorded fields out of `self`).
pub(crate) fn record_call(ctx: &Ctx, mock: &OperationMock, client: &Ident) -> TokenStream {
    let Some(gate) = ctx.mock_gate() else {
        return TokenStream::new();
    };
    let name = call_name(mock.op);
    let fields = mock.fields.iter().map(|f| &f.name);
    quote! {
        #gate
        let request = {
            let mut request = request;
            if ::specforge::__private::is_mock(&self.#client.core) {
                request.record_call(#name { #(#fields: self.#fields),* });
            }
            request
        };
    }
}

/// The call struct and the `Mock` methods of one operation.
pub(crate) fn operation_items(ctx: &Ctx, mock: &OperationMock) -> TokenStream {
    let Some(gate) = ctx.mock_gate() else {
        return TokenStream::new();
    };
    let op = mock.op;
    let name = call_name(op);
    let method = super::idents::ident(&op.method_name);
    let calls = super::idents::ident(&op.calls_method());
    let link = format!("[`Client::{method}`](super::Client::{method})");
    let call_docs = DocBuilder::new()
        .own(&format!(
            "The arguments of a call of {link}, as a mock sees them (`mock` feature)."
        ))
        .build();
    let fields = mock
        .fields
        .iter()
        .map(|CallField { name, ty, docs }| quote!(#docs pub #name: #ty));
    let expect_docs = DocBuilder::new()
        .own(&format!(
            "Expects calls of {link} whose arguments `matches` accepts; answer them with \
             `.returns(…)`, `.fails_with(…)` or `.answers(…)` (see [`specforge::mock::Expect`])."
        ))
        .build();
    let calls_docs = DocBuilder::new()
        .own(&format!("The calls of {link} so far, oldest first."))
        .build();
    let (success, error) = (&mock.success, &mock.error);
    let id = &op.id;
    let method_text = method.to_string();
    let status = match mock.success_status {
        Some(code) => quote!(|_| #code),
        None => quote!(<#success as ::specforge::mock::Status>::status),
    };
    quote! {
        #call_docs
        #gate
        #[derive(Debug)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields,)*
        }

        #gate
        impl super::mock::Mock {
            #expect_docs
            pub fn #method(
                &self,
                matches: impl Fn(&#name) -> bool + Send + Sync + 'static,
            ) -> ::specforge::mock::Expect<#name, #success, #error> {
                self.server.expect(#id, #method_text, #status, matches)
            }
            #calls_docs
            pub fn #calls(&self) -> ::std::vec::Vec<::std::sync::Arc<#name>> {
                self.server.calls(#id)
            }
        }
    }
}

/// The status a successful answer of a single success type stands for: the first
/// declared 2xx code (200 for `2XX` or none).
pub(crate) fn first_success_code(responses: &[&Response]) -> u16 {
    responses
        .iter()
        .find_map(|r| match r.status {
            StatusMatch::Code(code) if (200..300).contains(&code) => Some(code),
            _ => None,
        })
        .unwrap_or(200)
}

/// The status of one response enum variant (`4XX` gives 400, `default` 500).
pub(crate) fn variant_status(status: StatusMatch) -> u16 {
    match status {
        StatusMatch::Code(code) => code,
        StatusMatch::Range(n) => u16::from(n) * 100,
        StatusMatch::Default => 500,
    }
}

/// `impl specforge::mock::Status` for a response enum: `(variant, status)` pairs.
pub(crate) fn status_impl(ctx: &Ctx, name: &Ident, variants: &[(&Ident, u16)]) -> TokenStream {
    let Some(gate) = ctx.mock_gate() else {
        return TokenStream::new();
    };
    let arms = variants
        .iter()
        .map(|(variant, status)| quote!(Self::#variant { .. } => #status,));
    quote! {
        #gate
        impl ::specforge::mock::Status for #name {
            fn status(&self) -> u16 {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// The answer type of an operation whose success is streamed: the whole body.
pub(crate) fn streamed_success(body: &ResponseBody) -> Option<TokenStream> {
    matches!(body, ResponseBody::Binary | ResponseBody::EventStream(_))
        .then(|| quote!(::specforge::bytes::Bytes))
}

/// The `mock` module: `Mock` and `Client::mock()`, from the runtime's
/// `__mock_client!`.
pub(crate) fn module(ctx: &Ctx) -> TokenStream {
    let Some(gate) = ctx.mock_gate() else {
        return TokenStream::new();
    };
    let top = ctx.top_level_attrs();
    quote! {
        /// Typed mocks for your tests (`mock` feature): `Client::mock()` gives a client
        /// whose calls a `Mock` answers in process, with no network.
        #gate
        #top
        pub mod mock {
            ::specforge::__mock_client!(Client, SECURITY_SCHEMES);
        }
    }
}
