//! Emit: model → Rust tokens, built with `quote!`. Reads only the model.
//!
//! The shape of everything emitted is fixed by `docs/generated-code.md`; each
//! file here builds one concept of it:
//! - [`client`]: `Client`, `ClientBuilder`, security setters, `SECURITY_SCHEMES`;
//! - [`operations`]: client methods, request values and their setters,
//!   `send_with_response`, `IntoFuture`; [`responses`]: decode functions,
//!   error enums, success enums;
//! - [`types`]: structs, string enums, aliases, unions ([`defaults`]: serde
//!   defaults as Rust expressions);
//! - [`type_ref`]: model types → Rust types; [`docs`] and [`markdown`]: doc
//!   comments; [`idents`]: names → identifiers;
//! - [`example`]: the README usage snippet of [`summary`].
//!
//! Nothing here parses strings as code: identifiers go through
//! [`idents::ident`], text through string literals.

mod client;
mod defaults;
mod docs;
mod example;
mod idents;
mod markdown;
mod operations;
mod responses;
mod type_ref;
mod types;

#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;
use quote::quote;

use crate::Settings;
use crate::diagnostics::Diagnostics;
use crate::model::Api;
use type_ref::PRELUDE;

/// What every emitting function reads.
pub(crate) struct Ctx<'a> {
    pub(crate) api: &'a Api,
    pub(crate) settings: &'a Settings,
    /// Prelude type names that a generated type in `types` shadows.
    shadowed_in_types: Vec<String>,
    /// Prelude type names that a generated type in `operations` shadows.
    shadowed_in_operations: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(api: &'a Api, settings: &'a Settings) -> Self {
        let shadowed_in_types = PRELUDE
            .iter()
            .filter(|p| api.types.defs.iter().any(|d| d.name == **p))
            .map(|p| (*p).to_owned())
            .collect();
        let shadowed_in_operations = PRELUDE
            .iter()
            .filter(|p| {
                api.operations.iter().any(|op| {
                    op.type_name == **p
                        || format!("{}Error", op.type_name) == **p
                        || format!("{}Response", op.type_name) == **p
                })
            })
            .map(|p| (*p).to_owned())
            .collect();
        Self {
            api,
            settings,
            shadowed_in_types,
            shadowed_in_operations,
        }
    }

    /// Whether any type, field, operation or parameter is deprecated, so that
    /// generated code referring to it needs `#[allow(deprecated)]`.
    fn uses_deprecated(&self) -> bool {
        let types = self.api.types.defs.iter().any(|d| {
            d.docs.deprecated
                || matches!(&d.kind, crate::model::TypeKind::Struct(s) if s.fields.iter().any(|f| f.docs.deprecated))
        });
        let operations = self
            .api
            .operations
            .iter()
            .any(|op| op.docs.deprecated || op.params.iter().any(|p| p.docs.deprecated));
        types || operations
    }

    /// Attributes of every top-level item: `#[allow(dead_code)]` unless the
    /// `settings.module` wrapper carries it.
    pub(crate) fn top_level_attrs(&self) -> TokenStream {
        if self.settings.module.is_some() {
            TokenStream::new()
        } else {
            quote!(#[allow(dead_code)])
        }
    }

    /// `#[allow(deprecated)]` where generated code may use deprecated items.
    fn allow_deprecated(&self) -> TokenStream {
        if self.uses_deprecated() {
            quote!(#[allow(deprecated)])
        } else {
            TokenStream::new()
        }
    }
}

/// The whole generated file as tokens (without the `@generated` header).
///
/// Every top-level item carries `#[allow(dead_code)]` (or the
/// `settings.module` wrapper does): included in a private module
/// (`mod api { include!(…); }`), the operations a program does not call
/// would otherwise be dead code.
pub(crate) fn emit(api: &Api, settings: &Settings) -> TokenStream {
    let ctx = Ctx::new(api, settings);
    let client = client::emit(&ctx);
    let methods = operations::client_methods(&ctx);
    let allow_deprecated = ctx.allow_deprecated();
    let operations = operations::module(&ctx);
    let types = types::module(&ctx);
    let top = ctx.top_level_attrs();
    let methods = quote! {
        #top
        #allow_deprecated
        impl Client {
            #methods
        }
    };
    match settings.module.as_deref() {
        Some(name) => {
            let name = idents::ident(name);
            let docs = client::api_docs(api);
            quote! {
                #docs
                #[allow(dead_code)]
                pub mod #name {
                    #client
                    #methods
                    #operations
                    #types
                }
            }
        }
        None => quote!(#client #methods #operations #types),
    }
}

/// Counts for reports and the crate README.
///
/// Skipped operations are the diagnostics whose code starts with `SF3` and
/// whose message starts with `operation skipped` (the lowering's convention);
/// they are listed as `METHOD /path` (from the diagnostic's pointer) with the
/// rest of the message as the reason.
pub(crate) fn summary(api: &Api, diags: &Diagnostics) -> crate::Summary {
    let operations_skipped = diags
        .iter()
        // SF3001 (model/operations.rs): "operation `id` (METHOD /path) skipped: <why>".
        .filter(|d| d.code == "SF3001")
        .map(|d| {
            let tokens: Vec<String> = d.pointer.tokens().collect();
            let name = match tokens.as_slice() {
                [paths, path, method, ..] if paths == "paths" => {
                    format!("{} {path}", method.to_uppercase())
                }
                _ => d.pointer.to_string(),
            };
            let reason = d
                .message
                .split_once("skipped: ")
                .map_or(d.message.as_str(), |(_, why)| why)
                .to_owned();
            (name, reason)
        })
        .collect();
    crate::Summary {
        title: api.title.clone(),
        version: api.version.clone(),
        operations_generated: api.operations.len(),
        operations_skipped,
        types_generated: api.types.defs.len(),
        example: example::example(api),
    }
}
