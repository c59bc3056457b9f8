//! The usage examples of a generated crate's README ([`crate::Summary::usage`]):
//! creating the client with each credential the document declares and the
//! builder's main options, calling an operation and handling its errors, and
//! reading a paginated list item by item. Each is an item (a function) that
//! names `Client` unqualified; the README puts `use <crate>::Client;` before it
//! and the crate compiles it as a doctest. Built with `quote!` and rendered by
//! prettyplease, like the client itself.

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::quote;

use super::client::location_word;
use super::idents::ident;
use super::markdown::code_span;
use crate::UsageExample;
use crate::model::{
    Api, FloatFormat, Operation, ResponseBody, SecurityScheme, SecuritySchemeKind, TypeRef,
};

/// Every usage example the document allows, in README order.
pub(crate) fn examples(api: &Api) -> Vec<UsageExample> {
    [
        client_example(api),
        call_example(api),
        pagination_example(api),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The call example alone ([`crate::Summary::example`]).
pub(crate) fn example(api: &Api) -> Option<String> {
    call_example(api).map(|e| e.code)
}

fn client_example(api: &Api) -> Option<UsageExample> {
    let base_url = api
        .servers
        .is_empty()
        .then(|| quote!(.base_url("https://api.example.com")));
    let credentials = api.security_schemes.iter().map(credential_call);
    let code = render(quote! {
        fn client() -> Result<Client, Box<dyn std::error::Error>> {
            let client = Client::builder()
                #base_url
                #(#credentials)*
                .timeout(std::time::Duration::from_secs(30))
                .build()?;
            Ok(client)
        }
    })?;
    let mut text = match api.servers.first() {
        Some(server) => format!(
            "The client talks to {} (the document's first server) unless `base_url` says otherwise.",
            code_span(&server.url)
        ),
        None => "The document names no server: give the client its `base_url`.".to_owned(),
    };
    text.push_str(
        " Other options: `connect_timeout`, `retry_policy` (retries are on by default), \
         `user_agent`, `default_header`, `max_response_bytes`, the `before_send` and \
         `after_receive` hooks, and `reqwest_client` for proxies and TLS roots.",
    );
    if !api.security_schemes.is_empty() {
        text.push_str(
            "\n\nThe builder has one setter per security scheme of the document (here each \
             reads its secret from an environment variable); each operation sends the \
             credentials its security requirement names:\n",
        );
        text.push_str(&credential_list(api));
    }
    Some(UsageExample::new("Create a client", text, code))
}

/// `.setter(std::env::var("SETTER_…")?)` for one security scheme.
fn credential_call(scheme: &SecurityScheme) -> TokenStream {
    let setter = ident(&scheme.setter);
    let var = |suffix: &str| {
        let base = scheme.setter.to_shouty_snake_case();
        let name = if base.ends_with(suffix) {
            base
        } else {
            format!("{base}_{suffix}")
        };
        quote!(std::env::var(#name)?)
    };
    match &scheme.kind {
        SecuritySchemeKind::ApiKey { .. } => {
            let key = var("KEY");
            quote!(.#setter(#key))
        }
        SecuritySchemeKind::Bearer | SecuritySchemeKind::Token => {
            let token = var("TOKEN");
            quote!(.#setter(#token))
        }
        SecuritySchemeKind::Basic => {
            let (user, password) = (var("USER"), var("PASSWORD"));
            quote!(.#setter(#user, #password))
        }
        SecuritySchemeKind::OAuth2ClientCredentials { .. } => {
            let (id, secret) = (var("CLIENT_ID"), var("CLIENT_SECRET"));
            quote!(.#setter(#id, #secret))
        }
    }
}

/// One Markdown list item per security scheme: its setter and what it takes.
fn credential_list(api: &Api) -> String {
    let mut out = String::new();
    for scheme in &api.security_schemes {
        let (arguments, what) = match &scheme.kind {
            SecuritySchemeKind::ApiKey { location, name } => (
                "key",
                format!(
                    "an API key, sent in {} {}",
                    location_word(*location),
                    code_span(name)
                ),
            ),
            SecuritySchemeKind::Bearer => ("token", "a bearer token".to_owned()),
            SecuritySchemeKind::Token => (
                "token",
                "an access token (OAuth2 or OpenID Connect) you obtained, sent as a bearer token"
                    .to_owned(),
            ),
            SecuritySchemeKind::Basic => ("user, password", "HTTP basic authentication".to_owned()),
            SecuritySchemeKind::OAuth2ClientCredentials { .. } => (
                "client_id, client_secret",
                "OAuth2 client credentials: the client fetches, caches and refreshes the token"
                    .to_owned(),
            ),
        };
        out.push_str(&format!(
            "\n- {}: {what} (security scheme {}).",
            code_span(&format!(".{}({arguments})", scheme.setter)),
            code_span(&scheme.key)
        ));
    }
    out
}

fn call_example(api: &Api) -> Option<UsageExample> {
    let (op, args) = api
        .operations
        .iter()
        .filter(|op| !is_event_stream(op))
        .find_map(|op| Some((op, arguments(op)?)))?;
    let method = ident(&op.method_name);
    let code = render(quote! {
        async fn call(client: &Client) {
            match client.#method(#(#args),*).await {
                Ok(value) => println!("{value:?}"),
                Err(error) => match error.api_error() {
                    Some(declared) => eprintln!("{:?}: {declared:?}", error.status()),
                    None => eprintln!("{error}"),
                },
            }
        }
    })?;
    let declares_errors = op.responses.iter().any(|r| !r.status.is_success());
    let error_type = if declares_errors {
        format!("`specforge::Error<operations::{}Error>`", op.type_name)
    } else {
        "`specforge::Error`".to_owned()
    };
    let text = format!(
        "Each operation is a method of `Client` that returns a request: set its optional \
         parameters with its setters, then `.await` it. It fails with {error_type}: \
         `api_error()` is the decoded body of an error status the operation declares, \
         `status()` the status; a failure to connect, a timeout or an undeclared status \
         prints as one line that names its cause."
    );
    Some(UsageExample::new(
        "Call an operation, handle its errors",
        text,
        code,
    ))
}

fn pagination_example(api: &Api) -> Option<UsageExample> {
    let (op, args) = api
        .operations
        .iter()
        .filter(|op| op.pagination.is_some())
        .find_map(|op| Some((op, arguments(op)?)))?;
    let method = ident(&op.method_name);
    let code = render(quote! {
        async fn every_item(client: &Client) -> Result<(), Box<dyn std::error::Error>> {
            use futures::StreamExt;
            let mut items = client.#method(#(#args),*).stream();
            while let Some(item) = items.next().await {
                let item = item?;
                println!("{item:?}");
            }
            Ok(())
        }
    })?;
    let text = format!(
        "A list that comes in pages has `pages()` (one page at a time) and `stream()` \
         (item by item) on its request; the next page is requested when the stream gets \
         there. {} is one; the loop needs `futures`' `StreamExt`.",
        code_span(&format!("{}()", op.method_name))
    );
    Some(UsageExample::new(
        "Every item of a paginated list",
        text,
        code,
    ))
}

fn is_event_stream(op: &Operation) -> bool {
    op.responses
        .iter()
        .any(|r| matches!(r.body, ResponseBody::EventStream(_)))
}

/// `tokens` (one item) formatted, or `None` when it does not parse.
fn render(tokens: TokenStream) -> Option<String> {
    let file: syn::File = syn::parse2(tokens).ok()?;
    Some(prettyplease::unparse(&file))
}

/// Placeholder values for every required argument, if all are simple.
fn arguments(op: &Operation) -> Option<Vec<TokenStream>> {
    if op.body.as_ref().is_some_and(|b| b.required) {
        return None;
    }
    op.params
        .iter()
        .filter(|p| p.required)
        .map(|p| match &p.ty {
            TypeRef::Bool => Some(quote!(true)),
            TypeRef::Integer(_) => Some(quote!(1)),
            TypeRef::Number(FloatFormat::F32 | FloatFormat::F64) => Some(quote!(1.0)),
            TypeRef::String => Some(quote!("example")),
            _ => None,
        })
        .collect()
}
