//! The `generate!` macro's arguments → [`Settings`], through [`Settings::set`].
//!
//! Lives in the library (not in the proc-macro crate) so that a test can prove
//! the macro keys and the CLI flags reach the same settings: proc-macro crates
//! cannot export functions. Accepted forms:
//!
//! ```text
//! generate!("openapi.yaml")
//! generate!("openapi.yaml", module = petstore)
//! generate!(spec = "openapi.yaml", module = petstore, date_time_as_string = true)
//! ```
//!
//! Values are string literals, identifiers (`module = petstore`) or booleans.
//! Errors carry the span of the offending key or value.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;

use crate::Settings;

/// Parsed macro arguments.
#[derive(Debug, Clone)]
pub struct MacroArgs {
    /// Settings with every given option applied; `spec` still relative as written.
    pub settings: Settings,
    /// The span of the spec path literal: errors about the document go there.
    pub spec_span: Span,
}

/// One `key = value` (or the bare spec literal).
struct Arg {
    key: Option<syn::Ident>,
    value: Value,
}

enum Value {
    Str(syn::LitStr),
    Bool(syn::LitBool),
    Ident(syn::Ident),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Self::Str(lit) => lit.value(),
            Self::Bool(lit) => lit.value.to_string(),
            Self::Ident(ident) => ident.to_string(),
        }
    }

    fn span(&self) -> Span {
        match self {
            Self::Str(lit) => lit.span(),
            Self::Bool(lit) => lit.span,
            Self::Ident(ident) => ident.span(),
        }
    }
}

impl Parse for Value {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let lookahead = input.lookahead1();
        if lookahead.peek(syn::LitStr) {
            input.parse().map(Self::Str)
        } else if lookahead.peek(syn::LitBool) {
            input.parse().map(Self::Bool)
        } else if lookahead.peek(syn::Ident) {
            input.parse().map(Self::Ident)
        } else {
            Err(lookahead.error())
        }
    }
}

impl Parse for Arg {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(syn::LitStr) {
            return Ok(Self {
                key: None,
                value: input.parse()?,
            });
        }
        let key: syn::Ident = input.parse()?;
        input.parse::<syn::Token![=]>()?;
        let value = input.parse()?;
        Ok(Self {
            key: Some(key),
            value,
        })
    }
}

/// Parses the macro's input tokens into settings.
pub fn parse_macro_args(tokens: TokenStream) -> syn::Result<MacroArgs> {
    let call_site = Span::call_site();
    let args = Punctuated::<Arg, syn::Token![,]>::parse_terminated.parse2(tokens)?;
    let mut settings = Settings::default();
    let mut spec_span = None;
    let mut seen: Vec<String> = Vec::new();
    for (index, arg) in args.into_iter().enumerate() {
        let (key, key_span) = match &arg.key {
            Some(ident) => (ident.to_string(), ident.span()),
            None if index == 0 => ("spec".to_owned(), arg.value.span()),
            None => {
                return Err(syn::Error::new(
                    arg.value.span(),
                    "only the first argument may be a bare spec path; write options as `key = value`",
                ));
            }
        };
        if seen.contains(&key) {
            return Err(syn::Error::new(
                key_span,
                format!("option `{key}` given twice"),
            ));
        }
        if key == "spec" && !matches!(arg.value, Value::Str(_)) {
            return Err(syn::Error::new(
                arg.value.span(),
                "the spec path must be a string literal",
            ));
        }
        settings.set(&key, &arg.value.text()).map_err(|error| {
            let span = match error {
                crate::SettingsError::UnknownKey(_) => key_span,
                crate::SettingsError::BadValue { .. } => arg.value.span(),
            };
            syn::Error::new(span, error.to_string())
        })?;
        if key == "spec" {
            spec_span = Some(arg.value.span());
        }
        seen.push(key);
    }
    let Some(spec_span) = spec_span else {
        return Err(syn::Error::new(
            call_site,
            "missing the spec path: `generate!(\"openapi.yaml\")` (relative to CARGO_MANIFEST_DIR)",
        ));
    };
    Ok(MacroArgs {
        settings,
        spec_span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn bare_literal() {
        let args = parse_macro_args(quote!("openapi.yaml")).unwrap();
        assert_eq!(args.settings, Settings::new("openapi.yaml"));
    }

    #[test]
    fn keys_and_values() {
        let args = parse_macro_args(quote!(
            spec = "api/openapi.json",
            module = petstore,
            date_time_as_string = true,
            allow_remote_refs = false,
        ))
        .unwrap();
        let mut expected = Settings::new("api/openapi.json");
        expected.module = Some("petstore".into());
        expected.date_time_as_string = true;
        assert_eq!(args.settings, expected);
        let args = parse_macro_args(quote!("a.yaml", module = "api")).unwrap();
        assert_eq!(args.settings.module.as_deref(), Some("api"));
    }

    #[test]
    fn errors_name_the_problem() {
        let cases = [
            (quote!(), "missing the spec path"),
            (quote!(module = petstore), "missing the spec path"),
            (
                quote!("a.yaml", modul = petstore),
                "unknown specforge option `modul`",
            ),
            (quote!("a.yaml", module = "fn"), "invalid value `fn`"),
            (
                quote!("a.yaml", date_time_as_string = maybe),
                "expected `true` or `false`",
            ),
            (quote!("a.yaml", "b.yaml"), "only the first argument"),
            (quote!("a.yaml", spec = "b.yaml"), "given twice"),
            (quote!(spec = petstore), "string literal"),
            (quote!("a.yaml", module = 3), "expected"),
        ];
        for (tokens, message) in cases {
            let text = tokens.to_string();
            match parse_macro_args(tokens) {
                Ok(args) => panic!("{text}: accepted as {:?}", args.settings),
                Err(e) => assert!(e.to_string().contains(message), "{text}: {e}"),
            }
        }
    }
}
