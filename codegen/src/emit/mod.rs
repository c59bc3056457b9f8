//! Emit: model → Rust tokens, built with `quote!`. Reads only the model.
//!
//! The shape of everything emitted is fixed by `docs/generated-code.md`; each
//! file here builds one concept of it:
//! - [`client`]: `Client`, `ClientBuilder`, security setters, `SECURITY_SCHEMES`;
//! - [`operations`]: client methods, request values and their setters,
//!   `send_with_response`, `IntoFuture`; [`responses`]: decode functions,
//!   error enums, success enums; [`pagination`]: `.pages()`/`.stream()`; [`sse`]: `text/event-stream` operations;
//! - [`types`]: structs, string enums, aliases, unions ([`unions`]; [`defaults`]: serde
//!   defaults as Rust expressions);
//! - [`type_ref`]: model types → Rust types; [`docs`] and [`markdown`]: doc
//!   comments; [`idents`]: names → identifiers;
//! - [`example`]: the README usage snippet of [`summary`].
//!
//! Nothing here parses strings as code: identifiers go through
//! [`idents::ident`], text through string literals.
//!
//! Known gaps (each a model or runtime addition away):
//! - the `Accept` header is derived from the kinds of the response bodies
//!   (`application/json`, `text/*`, `*/*`): the model keeps no response media type;
//! - declared response headers are not typed (the model has none yet);
//! - a `format: byte` parameter is base64 text the caller passes (every other
//!   position is `::specforge::Base64Bytes`);
//! - names the model must keep apart are not re-checked here: an operation
//!   method named like `new`/`builder`/`core`, a security setter named like a
//!   `__builder_methods!` method, or an operation type `X` next to another
//!   operation's `XError`.

mod client;
mod defaults;
mod docs;
mod enums;
mod gates;
mod idents;
pub(crate) mod markdown;
mod mock;
mod multipart;
mod negotiated;
mod operations;
mod pagination;
mod request_fields;
mod response_headers;
mod responses;
mod shared_shapes;
mod sse;
mod tagged_union;
mod type_ref;
mod types;
mod unions;
mod usage;
mod xml;

#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;
use quote::quote;

use crate::Settings;
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
    /// Operation items defined so far, by shape (see [`shared_shapes`]).
    pub(crate) shared: shared_shapes::SharedShapes,
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
                    op.type_name == **p || op.error_type() == **p || op.success_type() == **p
                })
            })
            .map(|p| (*p).to_owned())
            .collect();
        Self {
            api,
            settings,
            shadowed_in_types,
            shadowed_in_operations,
            shared: shared_shapes::SharedShapes::default(),
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

    /// `#[allow(clippy::module_inception)]` on the `types` or `operations`
    /// module when `settings.module` gives the wrapper the same name.
    pub(crate) fn module_inception(&self, name: &str) -> TokenStream {
        if self.settings.module.as_deref() == Some(name) {
            quote!(#[allow(clippy::module_inception)])
        } else {
            TokenStream::new()
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
    let client = emit_part(api, settings, Part::Client);
    let operations = emit_part(api, settings, Part::Operations);
    let types = emit_part(api, settings, Part::Types);
    match module_shell(api, settings) {
        Some(shell) => quote! {
            #shell {
                #client
                #operations
                #types
            }
        },
        None => quote!(#client #operations #types),
    }
}

/// The three parts of a generated file, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// `Client`, `ClientBuilder`, `SECURITY_SCHEMES` and the operation methods.
    Client,
    /// `pub mod operations`.
    Operations,
    /// `pub mod types`.
    Types,
}

/// One part of the file; [`emit`] is the parts in order (inside the
/// `settings.module` wrapper). Parts are independent, so
/// [`crate::render::render_api`] emits and formats them on separate threads.
pub(crate) fn emit_part(api: &Api, settings: &Settings, part: Part) -> TokenStream {
    let ctx = Ctx::new(api, settings);
    match part {
        Part::Client => {
            let client = client::emit(&ctx);
            let methods = operations::client_methods(&ctx);
            let allow_deprecated = ctx.allow_deprecated();
            let top = ctx.top_level_attrs();
            let mock = mock::module(&ctx);
            quote! {
                #client
                #top
                #allow_deprecated
                impl Client {
                    #methods
                }
                #mock
            }
        }
        Part::Operations => operations::module(&ctx),
        Part::Types => types::module(&ctx),
    }
}

/// `#[doc] #[allow(dead_code)] pub mod <name>` (without its body) when
/// `settings.module` wraps the client.
pub(crate) fn module_shell(api: &Api, settings: &Settings) -> Option<TokenStream> {
    let name = idents::ident(settings.module.as_deref()?);
    let docs = client::api_docs(api, true);
    Some(quote! {
        #docs
        #[allow(dead_code)]
        pub mod #name
    })
}

/// Counts for reports and the crate README; the skipped operations are the model's.
pub(crate) fn summary(api: &Api) -> crate::Summary {
    let operations_skipped = api
        .skipped
        .iter()
        .map(|skipped| (skipped.name.clone(), skipped.reason.clone()))
        .collect();
    crate::Summary {
        title: api.title.clone(),
        version: api.version.clone(),
        // Siblings for other request media types share their operation's pointer.
        operations_generated: api
            .operations
            .iter()
            .map(|op| (&op.pointer, &op.id, &op.path, op.method))
            .collect::<std::collections::HashSet<_>>()
            .len(),
        operations_skipped,
        types_generated: api.types.defs.len(),
        example: usage::example(api),
        usage: usage::examples(api),
        features: crate_features(api),
        xml: api.has_xml(),
    }
}

/// The features of the client, for its `Cargo.toml` and README.
fn crate_features(api: &Api) -> Vec<crate::CrateFeature> {
    use crate::model::FeatureKind;
    let Some(features) = &api.features else {
        return Vec::new();
    };
    features
        .features
        .iter()
        .map(|feature| crate::CrateFeature {
            name: feature.name.clone(),
            description: match &feature.kind {
                FeatureKind::Tag(tag) => format!("operations tagged `{tag}`"),
                FeatureKind::Untagged => "operations without a tag".to_owned(),
                FeatureKind::UnreferencedTypes => "schemas no operation uses".to_owned(),
            },
            operations: feature.operations,
        })
        .collect()
}
