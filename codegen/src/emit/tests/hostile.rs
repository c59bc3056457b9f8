//! Hostile names and descriptions cannot inject code.
//!
//! Docs: the pet store model with every doc text replaced by hostile
//! Markdown generates, after removing every `#[doc]` attribute, exactly the
//! tokens it generates with no docs at all. Names: with every name and wire
//! string made hostile, the output still parses and has exactly as many
//! items of each kind as the benign model's.

use std::collections::BTreeMap;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use super::petstore;
use crate::Settings;
use crate::model::{Api, Docs, TypeKind};

pub(super) const HOSTILE_DOC: &str = "*/ \"] #[cfg(any())] } fn injected() {} /* \n\
```rust\nfn doctest() { panic!() }\n```\n\n    indented_doctest();\n\n\
\u{202E}txt.exe\u{2066} [broken] [x][y] <script>alert(1)</script> https://evil.example/a_(b).\n\
- list item\nlazy continuation\n      over-indented\n> quote\nlazy quote\n\n~~~\nunclosed fence \\\" \r\n#![deny(warnings)]\n//! inner\n/// outer\n\u{0}\u{1b}[31m";

const HOSTILE_NAME: &str = "\"] } fn x() {} #[cfg(any())] */";

fn set_docs(docs: &mut Docs, text: Option<&str>) {
    docs.summary = text.map(str::to_owned);
    docs.description = text.map(|t| format!("{t}\n\n{t}"));
}

/// Applies `text` to every doc of the model.
pub(super) fn with_docs(mut api: Api, text: Option<&str>) -> Api {
    api.description = text.map(str::to_owned);
    for def in &mut api.types.defs {
        set_docs(&mut def.docs, text);
        if let TypeKind::Struct(s) = &mut def.kind {
            s.fields
                .iter_mut()
                .for_each(|f| set_docs(&mut f.docs, text));
        }
    }
    for op in &mut api.operations {
        set_docs(&mut op.docs, text);
        op.params
            .iter_mut()
            .for_each(|p| set_docs(&mut p.docs, text));
        op.responses
            .iter_mut()
            .for_each(|r| set_docs(&mut r.docs, text));
        if let Some(body) = &mut op.body {
            set_docs(&mut body.docs, text);
        }
    }
    for scheme in &mut api.security_schemes {
        set_docs(&mut scheme.docs, text);
    }
    api
}

/// `tokens` without `#[doc = …]` attributes, at any depth.
fn strip_docs(tokens: TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while let Some(tree) = trees.get(i) {
        if let (TokenTree::Punct(p), Some(TokenTree::Group(g))) = (tree, trees.get(i + 1)) {
            let is_doc = p.as_char() == '#'
                && g.delimiter() == Delimiter::Bracket
                && g.stream()
                    .into_iter()
                    .next()
                    .is_some_and(|t| t.to_string() == "doc");
            if is_doc {
                i += 2;
                continue;
            }
        }
        match tree {
            TokenTree::Group(g) => {
                out.push(format!("{:?}<", g.delimiter()));
                out.extend(strip_docs(g.stream()));
                out.push(">".to_owned());
            }
            other => out.push(other.to_string()),
        }
        i += 1;
    }
    out
}

/// Equal token lists, or a panic showing where they part.
fn assert_same(left: &[String], right: &[String]) {
    if let Some(at) = (0..left.len().max(right.len())).find(|i| left.get(*i) != right.get(*i)) {
        let window = |list: &[String]| {
            list.get(at.saturating_sub(30)..(at + 10).min(list.len()))
                .map(|w| w.join(" "))
        };
        panic!(
            "token {at} differs:\n{:?}\n{:?}",
            window(left),
            window(right)
        );
    }
}

fn parse(api: &Api, settings: &Settings) -> syn::File {
    let tokens = crate::emit::emit(api, settings);
    let code =
        crate::render::render(&tokens, settings).unwrap_or_else(|e| panic!("does not parse: {e}"));
    syn::parse_str(&code).unwrap_or_else(|e| panic!("rendered code does not parse: {e}\n{code}"))
}

#[test]
fn hostile_docs_only_change_doc_attributes() {
    let settings = Settings::default();
    let hostile = crate::emit::emit(&with_docs(petstore::api(), Some(HOSTILE_DOC)), &settings);
    let none = crate::emit::emit(&with_docs(petstore::api(), None), &settings);
    assert_same(&strip_docs(hostile.clone()), &strip_docs(none.clone()));
    // The same holds for the rendered text read back (prettyplease's `///`
    // comments cannot end early or open a new item).
    let render =
        |tokens: &TokenStream| crate::render::render(tokens, &settings).unwrap_or_default();
    let code = render(&hostile);
    let reparsed: TokenStream = code.parse().unwrap_or_default();
    let reparsed_none: TokenStream = render(&none).parse().unwrap_or_default();
    assert!(!reparsed.is_empty());
    assert_same(&strip_docs(reparsed), &strip_docs(reparsed_none));
    assert!(!code.contains('\u{202E}') && !code.contains('\u{2066}') && !code.contains('\u{1b}'));
    check_fences(&code);
    assert!(code.contains("/// ```text"));
    assert!(code.contains(" <https://evil.example/a_(b)>."));
    assert!(code.contains("\\[broken\\]"));
    assert!(code.contains("&lt;script>"));
}

/// Every fenced block in the doc comments of `code` is `text` and closed;
/// no doc line outside a fence is indented code.
fn check_fences(code: &str) {
    let mut open: Option<(char, usize)> = None;
    let mut in_docs = false;
    let mut prev_blank = true;
    for line in code.lines() {
        let Some(doc) = line.trim_start().strip_prefix("///") else {
            assert!(!in_docs || open.is_none(), "unclosed fence before: {line}");
            in_docs = false;
            prev_blank = true;
            continue;
        };
        in_docs = true;
        let doc = doc.strip_prefix(' ').unwrap_or(doc);
        let was_blank = std::mem::replace(&mut prev_blank, doc.trim().is_empty());
        let fence_char = doc
            .trim_start()
            .chars()
            .next()
            .filter(|c| *c == '`' || *c == '~');
        let fence =
            fence_char.map(|c| (c, doc.trim_start().chars().take_while(|x| *x == c).count()));
        match (open, fence) {
            (None, Some((c, len))) if len >= 3 => {
                let info = doc.trim_start().trim_start_matches(c).trim();
                assert_eq!(info, "text", "a fence that would run a doctest: {line}");
                open = Some((c, len));
            }
            (Some((c, len)), Some((c2, len2)))
                if c == c2 && len2 >= len && doc.trim().chars().all(|x| x == c) =>
            {
                open = None;
            }
            (None, _) => assert!(
                !(was_blank && doc.starts_with("    ")),
                "indented code: {line}"
            ),
            _ => {}
        }
    }
}

/// Items by kind, at any depth (modules and impl blocks included).
fn count_items(items: &[syn::Item], counts: &mut BTreeMap<&'static str, usize>) {
    for item in items {
        let kind = match item {
            syn::Item::Struct(_) => "struct",
            syn::Item::Enum(_) => "enum",
            syn::Item::Fn(_) => "fn",
            syn::Item::Type(_) => "type",
            syn::Item::Static(_) => "static",
            syn::Item::Const(_) => "const",
            syn::Item::Macro(_) => "macro",
            syn::Item::Use(_) => "use",
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    count_items(inner, counts);
                }
                "mod"
            }
            syn::Item::Impl(i) => {
                *counts.entry("impl item").or_default() += i.items.len();
                "impl"
            }
            _ => "other",
        };
        *counts.entry(kind).or_default() += 1;
    }
}

fn hostile(name: &str) -> String {
    format!("{name}{HOSTILE_NAME}")
}

/// Every name and wire string of the model made hostile.
fn with_hostile_names(mut api: Api) -> Api {
    api.title = hostile(&api.title);
    api.servers.iter_mut().for_each(|s| s.url = hostile(&s.url));
    for def in &mut api.types.defs {
        def.name = hostile(&def.name);
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| {
                f.name = hostile(&f.name);
                f.wire_name = hostile(&f.wire_name);
                if let Some(serde_json::Value::String(default)) = &mut f.default {
                    *default = hostile(default);
                }
            }),
            TypeKind::StringEnum(e) => e.variants.iter_mut().for_each(|v| {
                v.name = hostile(&v.name);
                v.value = hostile(&v.value);
            }),
            TypeKind::ScalarEnum(e) => e.variants.iter_mut().for_each(|v| {
                v.name = hostile(&v.name);
                if let serde_json::Value::String(value) = &mut v.value {
                    *value = hostile(value);
                }
            }),
            TypeKind::Union(u) => {
                u.tag = u.tag.as_deref().map(hostile);
                u.variants.iter_mut().for_each(|v| {
                    v.name = hostile(&v.name);
                    v.tag_values.iter_mut().for_each(|t| *t = hostile(t));
                });
            }
            TypeKind::Alias(_) => {}
        }
    }
    for op in &mut api.operations {
        op.id = hostile(&op.id);
        op.method_name = hostile(&op.method_name);
        op.type_name = hostile(&op.type_name);
        op.path = hostile(&op.path);
        op.security
            .iter_mut()
            .flatten()
            .for_each(|s| *s = hostile(s));
        op.params.iter_mut().for_each(|p| {
            p.name = hostile(&p.name);
            p.wire_name = hostile(&p.wire_name);
            p.content = p.content.as_deref().map(hostile);
        });
        op.responses
            .iter_mut()
            .for_each(|r| r.variant_name = hostile(&r.variant_name));
        if let Some(body) = &mut op.body {
            body.media_type = hostile(&body.media_type);
        }
    }
    for scheme in &mut api.security_schemes {
        scheme.key = hostile(&scheme.key);
        scheme.setter = hostile(&scheme.setter);
    }
    api
}

#[test]
fn hostile_names_parse_and_add_no_items() {
    for settings in [
        Settings::default(),
        Settings {
            module: Some(HOSTILE_NAME.to_owned()),
            ..Settings::default()
        },
    ] {
        let mut benign = BTreeMap::new();
        count_items(&parse(&petstore::api(), &settings).items, &mut benign);
        let mut hostile = BTreeMap::new();
        count_items(
            &parse(&with_hostile_names(petstore::api()), &settings).items,
            &mut hostile,
        );
        assert_eq!(benign, hostile);
        assert!(!benign.contains_key("use") && !benign.contains_key("other"));
    }
}

#[test]
fn keyword_and_digit_names_become_identifiers() {
    let mut api = petstore::api();
    if let Some(TypeKind::Struct(s)) = api.types.defs.first_mut().map(|d| &mut d.kind) {
        for (field, name) in s
            .fields
            .iter_mut()
            .zip(["self", "type", "9lives", "", "crate", "async", "gen"])
        {
            field.name = name.to_owned();
        }
    }
    if let Some(op) = api.operations.first_mut() {
        op.method_name = "match".to_owned();
    }
    let file = parse(&api, &Settings::default());
    let code = prettyplease::unparse(&file);
    for expected in [
        "pub self_:",
        "pub r#type:",
        "pub _9lives:",
        "pub unnamed:",
        "pub crate_:",
        "pub r#async:",
        "pub r#gen:",
        "pub fn r#match(",
    ] {
        assert!(code.contains(expected), "missing {expected}");
    }
}
