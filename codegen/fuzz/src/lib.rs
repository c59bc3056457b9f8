//! Shared helpers of the fuzz targets: the loader reads files, so each input is
//! written to a per-process scratch file first, in a directory of its own (a
//! relative `$ref` in an input resolves next to it and finds nothing), except
//! `other.yaml`: an input holding a line `#@@ other.yaml` is split there, and the
//! text after it is that second file (so seeds can hold multi-file `$ref` bombs).
//!
//! The targets only assert what must always hold: no panic, no stack overflow,
//! no hang (libFuzzer's `-timeout`), and, for the whole pipeline, that the
//! generated code always parses (an `SF9001` internal error is a bug) and that
//! no doc comment in it holds a code block rustdoc would run
//! ([`runnable_doc_blocks`]).

use std::path::PathBuf;

use specforge_codegen::Settings;

/// The line that starts the second file of an input.
const SECOND_FILE: &[u8] = b"\n#@@ other.yaml\n";

/// Writes `data` to this process's scratch spec file (and the part after a
/// `#@@ other.yaml` line to `other.yaml` beside it, else an empty `other.yaml`)
/// and returns settings for it. `None` when the scratch files cannot be written
/// (nothing to test then).
pub fn settings_for(data: &[u8]) -> Option<Settings> {
    let dir = std::env::temp_dir().join(format!("specforge-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let split = data
        .windows(SECOND_FILE.len())
        .position(|window| window == SECOND_FILE);
    let (spec_text, other) = match split {
        Some(at) => (&data[..at], &data[at + SECOND_FILE.len()..]),
        None => (data, &b""[..]),
    };
    let spec: PathBuf = dir.join("spec");
    std::fs::write(&spec, spec_text).ok()?;
    std::fs::write(dir.join("other.yaml"), other).ok()?;
    Some(Settings::new(spec))
}

/// `data` as a JSON value, when it is one (the in-memory targets skip the rest:
/// the `load` target covers bytes that are not JSON).
pub fn json(data: &[u8]) -> Option<serde_json::Value> {
    serde_json::from_slice(data).ok()
}

/// rustdoc's view of doc text: the generator's own checker
/// (`src/emit/markdown/verify.rs`), used here on the rendered output rather than
/// on each doc string as it is emitted.
#[path = "../../src/emit/markdown/verify.rs"]
#[allow(dead_code)]
mod verify;

/// The code blocks rustdoc would compile or run in the doc comments of `code`
/// (a rendered client), each as `(info string, doc text)`; empty when none.
/// Consecutive `#[doc]` attributes of one item are one doc string, as rustdoc
/// joins them. `None` when `code` does not tokenize.
pub fn runnable_doc_blocks(code: &str) -> Option<Vec<(String, String)>> {
    let tokens: proc_macro2::TokenStream = code.parse().ok()?;
    let mut docs = Vec::new();
    collect_docs(tokens, &mut docs);
    Some(
        docs.into_iter()
            .flat_map(|lines| {
                let text = lines.join("\n");
                verify::runnable_blocks(&lines)
                    .into_iter()
                    .map(move |info| (info, text.clone()))
            })
            .collect(),
    )
}

/// Appends the doc lines of every item in `tokens` (nested groups included) to `out`.
fn collect_docs(tokens: proc_macro2::TokenStream, out: &mut Vec<Vec<String>>) {
    use proc_macro2::{Delimiter, TokenTree};
    let mut current: Vec<String> = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        if matches!(&token, TokenTree::Punct(p) if p.as_char() == '#') {
            if matches!(iter.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                iter.next();
            }
            if let Some(TokenTree::Group(group)) = iter.peek()
                && group.delimiter() == Delimiter::Bracket
            {
                if let Ok(syn::Meta::NameValue(meta)) = syn::parse2::<syn::Meta>(group.stream())
                    && meta.path.is_ident("doc")
                    && let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) = meta.value
                {
                    current.push(text.value());
                }
                iter.next();
                continue;
            }
        }
        if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if let TokenTree::Group(group) = token {
            collect_docs(group.stream(), out);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
}

#[cfg(test)]
mod tests {
    use super::runnable_doc_blocks;

    #[test]
    fn finds_a_runnable_block_in_any_item() {
        let code = "/// # Pet\n#[derive(Debug)]\n///     run();\npub struct Pet;\n\
                    mod m { /// ```text\n/// x\n/// ```\nfn f() {} }";
        let blocks = runnable_doc_blocks(code).expect("tokenizes");
        assert_eq!(blocks.len(), 1, "{blocks:?}");
        assert_eq!(blocks[0].0, "");
        let inert = "/// ```text\n/// run();\n/// ```\nfn f() {}";
        assert_eq!(runnable_doc_blocks(inert), Some(Vec::new()));
    }
}
