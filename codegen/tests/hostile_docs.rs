//! No document text becomes a runnable doctest (issue 12, point 1).
//!
//! For every kind of code block pulldown-cmark (rustdoc's parser) recognises,
//! and for blocks that hide right after a heading, a thematic break or a
//! fence, a document puts that text in every description and summary and in
//! every name that reaches docs (header, part, parameter, property and
//! media-type names, enum values, security scheme keys, the title). The
//! generated `lib.rs` (crate docs included) is parsed like rustdoc parses doc
//! comments, and no code block may have an info string other than `text`.

mod hostile_common;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};
use serde_json::{Value, json};
use specforge_codegen::{Settings, crate_gen, generate};

/// Text that CommonMark reads as (or around) a code block.
const HOSTILE: &[&str] = &[
    "# Pet\n    after_atx_heading();",
    "Title\n=====\n    after_setext_heading();",
    "Title\n-----\n    after_setext_heading_2();",
    "***\n    after_thematic_break();",
    "```text\nx\n```\n    after_closing_fence();",
    "```\nbare_fence();\n```",
    "```rust\nrust_fence();\n```",
    "```ignore\nignore_fence();\n```",
    "```should_panic\npanic!();\n```",
    "```no_run\nno_run_fence();\n```",
    "```compile_fail\ncompile_fail_fence();\n```",
    "~~~\ntilde_fence();\n~~~",
    "~~~rust,edition2021\ntilde_rust();\n~~~",
    "````\n```\nnested_fence();\n```\n````",
    "```rust\nunclosed_fence();",
    "para\n\n    indented_block();",
    "para\n\n\ttab_indented_block();",
    "- item\n\n      list_indented();",
    "1. ```rust\n   list_fence();\n   ```",
    "- a\n  - b\n\n        nested_list_indented();",
    "> ```rust\n> quoted_fence();\n> ```",
    ">     quoted_indented();",
    "> - ```\n>   quoted_list_fence();\n>   ```",
    "<pre>\npre_block();\n</pre>",
    "<div>\n\n    html_then_indented();\n\n</div>",
    "[^1]: note\n\n        footnote_indented();",
    "| a |\n| - |\n\n    after_table();",
    "text\n    \n    blank_with_spaces();",
    "\u{2028}    line_separator_indented();",
    "a\r\n\r\n    crlf_indented();",
];

/// The one names are made of: each hostile text after a plain prefix.
fn name(text: &str, prefix: &str) -> String {
    format!("{prefix}\n    {}", text.replace('\n', "\n    "))
}

fn document(text: &str) -> Value {
    let described = |extra: Value| {
        let mut value = json!({"description": text});
        if let (Some(target), Value::Object(extra)) = (value.as_object_mut(), extra) {
            target.extend(extra);
        }
        value
    };
    let header = name(text, "X-Header");
    let part = name(text, "part");
    let media = format!("text/plain;{}", name(text, "x=1"));
    let prop = name(text, "prop");
    let param = name(text, "param");
    let scheme = name(text, "scheme");
    json!({
        "openapi": "3.0.3",
        "info": {"title": name(text, "Title"), "version": name(text, "1.0"), "description": text},
        "servers": [{"url": "https://api.example.com", "description": text}],
        "tags": [{"name": "pets", "description": text}],
        "paths": {
            "/pets": {
                "summary": text,
                "description": text,
                "get": {
                    "operationId": "listPets",
                    "tags": ["pets"],
                    "summary": text,
                    "description": text,
                    "parameters": [
                        described(json!({"name": param, "in": "query", "schema": {"type": "string"}})),
                        described(json!({"name": "limit", "in": "query", "required": true, "schema": {"type": "integer"}}))
                    ],
                    "responses": {
                        "200": described(json!({
                            "headers": {header.clone(): described(json!({"schema": {"type": "string"}}))},
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
                                media: {"schema": {"type": "string"}}
                            }
                        })),
                        "201": described(json!({})),
                        "202": described(json!({})),
                        "404": described(json!({
                            "headers": {header.clone(): described(json!({"schema": {"type": "string"}}))},
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Kind"}}}
                        }))
                    }
                },
                "post": {
                    "operationId": "uploadPet",
                    "summary": text,
                    "requestBody": described(json!({"content": {"multipart/form-data": {"schema": {
                        "type": "object",
                        "properties": {
                            part: described(json!({"type": "string", "format": "binary"})),
                            "meta": described(json!({"type": "string"}))
                        }
                    }}}})),
                    "responses": {"204": described(json!({}))}
                }
            }
        },
        "components": {
            "schemas": {
                "Pet": described(json!({
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": described(json!({"type": "integer"})),
                        prop: described(json!({"type": "string"})),
                        "kind": {"$ref": "#/components/schemas/Kind"}
                    }
                })),
                "Kind": described(json!({
                    "type": "string",
                    "enum": [name(text, "v"), text, "plain"]
                })),
                "Count": described(json!({"type": "integer", "enum": [1, 2]}))
            },
            "securitySchemes": {
                scheme: described(json!({"type": "apiKey", "in": "header", "name": name(text, "X-Key")}))
            }
        }
    })
}

/// The options rustdoc parses doc comments with.
fn rustdoc_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Info strings of the code blocks rustdoc would compile in `doc` (after its
/// unindenting), `""` for an indented block.
fn runnable(doc: &str) -> Vec<String> {
    let indent = doc
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let text: Vec<&str> = doc.lines().map(|l| l.get(indent..).unwrap_or("")).collect();
    let text = text.join("\n");
    Parser::new_ext(&text, rustdoc_options())
        .filter_map(|event| match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => Some(String::new()),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info != "text" => {
                Some(info.to_string())
            }
            _ => None,
        })
        .collect()
}

/// Every doc string of `tokens`, one per item (its `#[doc]` attributes joined
/// by newlines, as rustdoc joins them, other attributes in between skipped).
fn docs(tokens: TokenStream, out: &mut Vec<String>) {
    let mut current: Vec<String> = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        if let TokenTree::Punct(p) = &token
            && p.as_char() == '#'
        {
            if let Some(TokenTree::Punct(bang)) = iter.peek()
                && bang.as_char() == '!'
            {
                iter.next();
            }
            if let Some(TokenTree::Group(g)) = iter.peek()
                && g.delimiter() == Delimiter::Bracket
            {
                let attr: Vec<TokenTree> = g.stream().into_iter().collect();
                if let [
                    TokenTree::Ident(i),
                    TokenTree::Punct(eq),
                    TokenTree::Literal(lit),
                ] = attr.as_slice()
                    && i == "doc"
                    && eq.as_char() == '='
                {
                    let lit: syn::LitStr = syn::parse_str(&lit.to_string()).expect("doc string");
                    current.push(lit.value());
                }
                iter.next();
                continue;
            }
        }
        if !current.is_empty() {
            out.push(current.join("\n"));
            current.clear();
        }
        if let TokenTree::Group(g) = token {
            docs(g.stream(), out);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
}

fn generated_docs(text: &str) -> (Vec<String>, String, usize) {
    let spec = serde_json::to_vec_pretty(&document(text)).expect("json");
    let path = hostile_common::write_spec("hostile-docs.json", &spec);
    let settings = Settings::new(&path);
    let generated = generate(&settings).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    let dir = path.parent().expect("a folder").join("hostile-docs");
    let files = crate_gen::crate_files(&settings, &generated, "hostile-docs", &dir);
    let file = |name: &str| {
        files
            .iter()
            .find(|f| f.path.ends_with(name))
            .map(|f| f.contents.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let lib: TokenStream = file("lib.rs").parse().expect("lib.rs tokenizes");
    let mut out = Vec::new();
    docs(lib, &mut out);
    (out, file("README.md"), generated.summary.usage.len())
}

#[test]
fn no_document_text_becomes_a_code_block_rustdoc_runs() {
    let mut failures = Vec::new();
    for text in HOSTILE {
        let (docs, _, _) = generated_docs(text);
        assert!(
            docs.len() > 20,
            "{text:?}: only {} doc comments",
            docs.len()
        );
        for doc in &docs {
            let blocks = runnable(doc);
            if !blocks.is_empty() {
                failures.push(format!("{text:?} → {blocks:?} in\n{doc}\n"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_readme_has_only_the_generators_code_blocks() {
    for text in HOSTILE {
        let (_, readme, examples) = generated_docs(text);
        let infos: Vec<String> = Parser::new_ext(&readme, rustdoc_options())
            .filter_map(|event| match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info != "text" => {
                    Some(info.to_string())
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => Some(String::new()),
                _ => None,
            })
            .collect();
        // Usage (toml, then one `rust` block per usage example: the generator's own
        // code, compiled as doctests), Features (toml), Regenerate (sh).
        assert!(examples >= 2, "{text:?}: {examples} usage examples");
        let mut expected = vec!["toml"];
        expected.extend(std::iter::repeat_n("rust", examples));
        expected.extend(["toml", "sh"]);
        assert_eq!(infos, expected, "{text:?}:\n{readme}");
    }
}

#[test]
fn the_checker_sees_what_rustdoc_sees() {
    assert_eq!(runnable("# Pet\n    code();"), [""]);
    assert_eq!(runnable(" ```rust\n x\n ```"), ["rust"]);
    assert!(runnable("    a\n    b").is_empty());
    let mut out = Vec::new();
    docs(
        "/// a\n#[allow(x)]\n///     b\nstruct S;"
            .parse()
            .expect("tokens"),
        &mut out,
    );
    assert_eq!(out, [" a\n     b"]);
}
