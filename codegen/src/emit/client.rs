//! `Client`, `ClientBuilder` (one credential setter per security scheme) and
//! the `SECURITY_SCHEMES` table the runtime reads.
//!
//! Everything the builder shares with every client (base URL, timeouts,
//! retries, hooks, `build`) comes from the runtime's `__builder_methods!`,
//! so the list lives once, in the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::docs::DocBuilder;
use super::idents::ident;
use super::markdown::code_span;
use crate::model::{Api, ParamLocation, SecurityScheme, SecuritySchemeKind};

/// Doc attributes describing the API: title and version, then the description
/// when `with_description` (it is said once: on the module when there is one).
pub(crate) fn api_docs(api: &Api, with_description: bool) -> TokenStream {
    let mut docs = DocBuilder::new();
    let heading = format!("{} {}", api.title.trim(), api.version.trim());
    if !heading.trim().is_empty() {
        docs = docs.paragraph(&heading);
    }
    if let Some(description) = api.description.as_ref().filter(|_| with_description) {
        docs = docs.paragraph(description);
    }
    docs.build()
}

/// The top-level client items, without the operation methods.
pub(crate) fn emit(ctx: &Ctx) -> TokenStream {
    let api = ctx.api;
    let client_docs = {
        let docs = api_docs(api, ctx.settings.module.is_none());
        if docs.is_empty() {
            quote!(#[doc = " The API client."])
        } else {
            docs
        }
    };
    let default_base_url = match api.servers.first() {
        Some(server) => {
            let url = &server.url;
            quote!(Some(#url))
        }
        None => quote!(None),
    };
    let setters = api.security_schemes.iter().map(setter);
    let schemes = api.security_schemes.iter().map(scheme_entry);
    let top = ctx.top_level_attrs();
    quote! {
        #client_docs
        #top
        #[derive(Clone, Debug)]
        pub struct Client {
            core: ::specforge::ClientCore,
        }

        /// Configures a [`Client`]: base URL, timeouts, retries, credentials.
        #top
        #[derive(Debug)]
        pub struct ClientBuilder {
            inner: ::specforge::ClientBuilder,
        }

        #top
        impl Client {
            /// Default base URL: the document's first server (`None` when it has none).
            pub const DEFAULT_BASE_URL: ::std::option::Option<&'static str> = #default_base_url;

            /// A client for the API at `base_url`, with every other setting at its default.
            pub fn new(base_url: impl AsRef<str>) -> ::std::result::Result<Self, ::specforge::BuildError> {
                Self::builder().base_url(base_url).build()
            }

            /// A builder to configure the client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    inner: ::specforge::ClientBuilder::new(Self::DEFAULT_BASE_URL, SECURITY_SCHEMES),
                }
            }

            /// The runtime client (for configuration the generated API does not wrap).
            pub fn core(&self) -> &::specforge::ClientCore {
                &self.core
            }
        }

        #top
        impl ClientBuilder {
            ::specforge::__builder_methods!(Client);
            #(#setters)*
        }

        #top
        static SECURITY_SCHEMES: &[::specforge::__private::SecurityScheme] = &[#(#schemes),*];
    }
}

fn location(location: ParamLocation) -> TokenStream {
    match location {
        ParamLocation::Path => quote!(::specforge::__private::Location::Path),
        ParamLocation::Query => quote!(::specforge::__private::Location::Query),
        ParamLocation::Header => quote!(::specforge::__private::Location::Header),
        ParamLocation::Cookie => quote!(::specforge::__private::Location::Cookie),
    }
}

/// Where an API key goes, in words (`header`, `query parameter`…).
pub(super) fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The builder's credential setter for one scheme.
fn setter(scheme: &SecurityScheme) -> TokenStream {
    let name = ident(&scheme.setter);
    let key = &scheme.key;
    let what = match &scheme.kind {
        SecuritySchemeKind::ApiKey { location, name } => {
            format!(
                "API key in {} `{}`",
                location_word(*location),
                name.escape_debug().to_string().replace('`', "'")
            )
        }
        SecuritySchemeKind::Basic => "HTTP basic authentication".to_owned(),
        SecuritySchemeKind::Bearer => "Bearer token".to_owned(),
        SecuritySchemeKind::OAuth2ClientCredentials { .. } => {
            "OAuth2 client credentials: the token is fetched, cached and refreshed by the client"
                .to_owned()
        }
        SecuritySchemeKind::Token => {
            "Access token (OAuth2 or OpenID Connect), sent as a bearer token".to_owned()
        }
    };
    let docs = DocBuilder::new()
        .own(&format!("{what} (security scheme {}).", code_span(key)))
        .docs(&scheme.docs)
        .build();
    let (params, credential) = match &scheme.kind {
        SecuritySchemeKind::ApiKey { .. } => (
            quote!(key: impl Into<String>),
            quote!(::specforge::Credential::api_key(key)),
        ),
        SecuritySchemeKind::Basic => (
            quote!(user: impl Into<String>, password: impl Into<String>),
            quote!(::specforge::Credential::basic(user, password)),
        ),
        SecuritySchemeKind::Bearer | SecuritySchemeKind::Token => (
            quote!(token: impl Into<String>),
            quote!(::specforge::Credential::bearer(token)),
        ),
        SecuritySchemeKind::OAuth2ClientCredentials { .. } => (
            quote!(client_id: impl Into<String>, client_secret: impl Into<String>),
            quote!(::specforge::Credential::client_credentials(
                client_id,
                client_secret
            )),
        ),
    };
    quote! {
        #docs
        pub fn #name(self, #params) -> Self {
            Self { inner: self.inner.credential(#key, #credential) }
        }
    }
}

/// One `SecurityScheme` entry of `SECURITY_SCHEMES`.
fn scheme_entry(scheme: &SecurityScheme) -> TokenStream {
    let key = &scheme.key;
    let kind = match &scheme.kind {
        SecuritySchemeKind::ApiKey {
            location: loc,
            name,
        } => {
            let loc = location(*loc);
            quote!(ApiKey { location: #loc, param: #name })
        }
        SecuritySchemeKind::Basic => quote!(Basic),
        SecuritySchemeKind::Bearer => quote!(Bearer),
        SecuritySchemeKind::OAuth2ClientCredentials { token_url, scopes } => {
            quote!(OAuth2ClientCredentials { token_url: #token_url, scopes: &[#(#scopes),*] })
        }
        SecuritySchemeKind::Token => quote!(Token),
    };
    quote! {
        ::specforge::__private::SecurityScheme {
            name: #key,
            kind: ::specforge::__private::SchemeKind::#kind,
        }
    }
}
