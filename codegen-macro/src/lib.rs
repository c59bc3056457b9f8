//! `specforge-macro`: the `generate!` proc-macro of specforge. Use it through
//! the runtime: `specforge = { version = "0.1", features = ["macros"] }`, then
//!
//! ```ignore
//! specforge::generate!("openapi.yaml");
//! specforge::generate!(spec = "openapi.yaml", module = petstore, date_time_as_string = true);
//! ```
//!
//! The path is relative to `CARGO_MANIFEST_DIR` of the crate invoking the
//! macro. Options are the keys of `specforge_codegen::Settings::set` (the same
//! mapping the CLI's flags use). The macro is thin: arguments → `Settings` →
//! `specforge_codegen::generate_tokens_with_inputs` → tokens.
//!
//! - Errors (unknown option, bad value, a document that cannot be generated)
//!   become `compile_error!`s: option errors at the offending key or value,
//!   document errors at the spec literal, one per diagnostic with its file,
//!   line and JSON pointer.
//! - The spec and every file it references are `include_bytes!`d into an
//!   unnamed constant, so editing them rebuilds the crate.
//! - Warnings cannot be emitted by a proc-macro on stable Rust; they are not
//!   shown. Run `specforge check openapi.yaml` to see them, or use the build.rs
//!   entry point, which prints them as `cargo:warning=`.

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use specforge_codegen::GenerateError;
use specforge_codegen::macro_args::parse_macro_args;

mod cache;

use cache::ExpansionCache;

/// Generates a client from an OpenAPI document at compile time.
///
/// `generate!("openapi.yaml")` or `generate!(spec = "openapi.yaml", module = petstore)`;
/// see the crate docs for the options.
#[proc_macro]
pub fn generate(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let cache = ExpansionCache::in_out_dir();
    let started = std::time::Instant::now();
    let expansion = expand(input.into(), manifest_dir.as_deref(), &cache);
    let how = match &expansion {
        Expansion::Fresh(_) => "generated",
        Expansion::Cached { .. } => "served from the expansion cache",
    };
    let tokens = into_compiler_tokens(expansion);
    // For bench/compile-cost.sh: the macro's own time, which rustc's passes do not separate.
    if std::env::var_os("SPECFORGE_MACRO_TIMINGS").is_some() {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!("specforge-macro-timing: {seconds:.3} s ({how})");
    }
    tokens
}

/// The expansion as the compiler's tokens; a cached source is lexed by the compiler
/// itself (proc_macro2's lexer would run unoptimised here).
fn into_compiler_tokens(expansion: Expansion) -> proc_macro::TokenStream {
    let (tracked, source) = match expansion {
        Expansion::Fresh(tokens) => return tokens.into(),
        Expansion::Cached { tracked, source } => (tracked, source),
    };
    match source.parse::<proc_macro::TokenStream>() {
        Ok(client) => {
            let mut out = proc_macro::TokenStream::from(tracked);
            out.extend(client);
            out
        }
        Err(error) => syn::Error::new(
            Span::call_site(),
            format!("specforge: the cached expansion does not parse ({error}); run `cargo clean -p specforge-macro`"),
        )
        .to_compile_error()
        .into(),
    }
}

/// What `generate!` expands to: fresh tokens, or a cached expansion as source text.
enum Expansion {
    /// Generated now (or an error).
    Fresh(TokenStream),
    /// Served by the cache: the file-tracking constants and the client's source.
    Cached {
        tracked: TokenStream,
        source: String,
    },
}

/// The expansion, independent of `proc_macro` so it can be unit-tested.
fn expand(input: TokenStream, manifest_dir: Option<&Path>, cache: &ExpansionCache) -> Expansion {
    let args = match parse_macro_args(input) {
        Ok(args) => args,
        Err(error) => return Expansion::Fresh(error.to_compile_error()),
    };
    let mut settings = args.settings;
    if let Some(dir) = manifest_dir {
        // Relative paths are relative to the crate, as in `include_bytes!`.
        if settings.spec.is_relative() {
            settings.spec = dir.join(&settings.spec);
        }
        if let Some(root) = settings.ref_root.as_mut().filter(|r| r.is_relative()) {
            *root = dir.join(&*root);
        }
        if let Some(patch) = settings.patch.as_mut().filter(|p| p.is_relative()) {
            *patch = dir.join(&*patch);
        }
    }
    if let Some(hit) = cache.lookup(&settings) {
        let tracked = track_files(&hit.inputs);
        return Expansion::Cached {
            tracked,
            source: hit.tokens,
        };
    }
    match specforge_codegen::generate_tokens_with_inputs(&settings) {
        Ok(generated) => {
            let tracked = track_files(&generated.inputs);
            let tokens = generated.tokens;
            cache.store(&settings, &generated.inputs, &tokens.to_string());
            Expansion::Fresh(quote! {
                #tracked
                #tokens
            })
        }
        Err(error) => {
            // Track the spec even on error, so fixing it rebuilds.
            let tracked = track_files(std::slice::from_ref(&settings.spec));
            let errors = error_tokens(&error, args.spec_span);
            Expansion::Fresh(quote! {
                #tracked
                #errors
            })
        }
    }
}

/// `const _: &[u8] = include_bytes!("<abs path>");` per file (the compiler
/// then reruns the macro when one changes). Files that no longer exist are
/// skipped, so a failed read reports its own error instead of a second one.
fn track_files(files: &[PathBuf]) -> TokenStream {
    let includes = files
        .iter()
        .filter(|path| path.is_file())
        .filter_map(|path| std::fs::canonicalize(path).ok())
        .filter_map(|path| path.to_str().map(str::to_owned))
        .map(|path| quote! { const _: &[u8] = ::core::include_bytes!(#path); });
    quote! { #(#includes)* }
}

/// One `compile_error!` per error diagnostic (or one for an I/O error), spanned
/// at the spec literal.
fn error_tokens(error: &GenerateError, span: Span) -> TokenStream {
    let messages: Vec<String> = match error {
        GenerateError::Invalid(diagnostics) => diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("specforge: {d}"))
            .collect(),
        other => vec![format!("specforge: {other}")],
    };
    let mut combined: Option<syn::Error> = None;
    for message in messages {
        let error = syn::Error::new(span, message);
        match &mut combined {
            Some(all) => all.combine(error),
            None => combined = Some(error),
        }
    }
    combined
        .unwrap_or_else(|| syn::Error::new(span, format!("specforge: {error}")))
        .to_compile_error()
}

#[cfg(test)]
mod tests;
