//! The usage example of [`crate::Summary::example`]: the first operation
//! whose required arguments are all simple values (numbers, booleans,
//! strings), called on a client for the document's first server. Built with
//! `quote!` and rendered by prettyplease, like the client itself.

use proc_macro2::TokenStream;
use quote::quote;

use super::idents::ident;
use crate::model::{Api, FloatFormat, Operation, TypeRef};

/// Rust source of an `async fn example()` calling one operation, or `None`
/// when no operation can be called with placeholder values.
pub(crate) fn example(api: &Api) -> Option<String> {
    let (op, args) = api
        .operations
        .iter()
        .find_map(|op| Some((op, arguments(op)?)))?;
    let method = ident(&op.method_name);
    let base_url = api
        .servers
        .first()
        .map_or("https://api.example.com", |s| s.url.as_str());
    let result = ident(op.method_name.trim_start_matches("get_"));
    let tokens = quote! {
        async fn example() -> Result<(), Box<dyn std::error::Error>> {
            let client = Client::new(#base_url)?;
            let #result = client.#method(#(#args),*).await?;
            println!("{:?}", #result);
            Ok(())
        }
    };
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
