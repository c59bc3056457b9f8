//! Hostile names and descriptions: a document whose schema names, property
//! names, parameter names, operationIds, enum values, titles, summaries and
//! descriptions try to break out of identifiers, string literals and doc
//! comments (`*/`, `"]`, `#[cfg(...)]`, `} fn x() {}`), smuggle doctests (code
//! fences, indented code), hide text (Unicode bidi controls), or collide
//! (keywords, leading digits, empty, very long, differing only in case or
//! punctuation, Rust prelude names such as `Option`, `Some` and `Err`, the items
//! of the traits the generated impls use such as `from_str`, `fmt`, `Target`,
//! `deserialize` and `default`, and keywords such as `type`, `match`, `dyn` and
//! `r#try`), each as a schema, property, enum value, operation and parameter name.
//!
//! The oracle is a benign twin: the same document with every name replaced by
//! a plain distinct one and every text by a plain sentence. Both must generate;
//! the hostile output must parse, have exactly the twin's items (counted by
//! kind and module, macros included, fn bodies included), carry no `#[cfg]`,
//! no raw bidi control in any doc, and no doc code block rustdoc would run
//! (every fence is `text`, no indented code block). The hostile output is kept
//! as a golden (`hostile_golden/names.rs`, `SPECFORGE_BLESS=1` rewrites it) and
//! compiled under `#![deny(warnings)]` by `hostile_golden_compiles.rs`.
//!
//! Run: `cargo test -p specforge-codegen --test hostile_names`.

mod hostile_common;
#[path = "hostile_names/inputs.rs"]
mod inputs;

use std::collections::BTreeMap;

use inputs::{hostile_names, hostile_texts};
use serde_json::{Map, Value, json};
use specforge_codegen::{Settings, generate};
use syn::visit::Visit;

/// The document, with names and texts picked by index from `names` and `texts`;
/// `scheme` names the one security scheme and its API-key header.
fn document(names: &[String], texts: &[String], scheme: (&str, &str)) -> Value {
    let name = |i: usize| names[i % names.len()].clone();
    let text = |i: usize| texts[i % texts.len()].clone();
    let escape = |n: &str| n.replace('~', "~0").replace('/', "~1");

    let mut schemas = Map::new();
    for (i, schema_name) in names.iter().enumerate() {
        let mut properties = Map::new();
        for j in 0..names.len() {
            properties.insert(
                name(i + j),
                json!({"type": "string", "description": text(i + j), "title": text(i + j + 1)}),
            );
        }
        let schema = if i % 5 == 4 {
            json!({
                "type": "string",
                "title": text(i),
                "description": text(i + 1),
                "enum": names.iter().cycle().skip(i).take(names.len()).collect::<Vec<_>>(),
            })
        } else {
            json!({
                "type": "object",
                "title": text(i),
                "description": text(i + 1),
                "required": [name(i)],
                "properties": properties,
            })
        };
        schemas.insert(schema_name.clone(), schema);
    }

    let mut paths = Map::new();
    for (i, op_name) in names.iter().enumerate() {
        let parameters: Vec<Value> = (0..4)
            .map(|j| {
                json!({
                    "name": name(i + j),
                    "in": if j % 2 == 0 { "query" } else { "header" },
                    "required": j == 0,
                    "description": text(i + j),
                    "schema": {"type": "string"},
                })
            })
            .collect();
        let reference = format!("#/components/schemas/{}", escape(&name(i)));
        paths.insert(
            format!("/op{i}"),
            json!({
                "summary": text(i + 2),
                "description": text(i + 3),
                "get": {
                    "operationId": op_name,
                    "summary": text(i),
                    "description": text(i + 1),
                    "parameters": parameters,
                    "responses": {
                        "200": {
                            "description": text(i + 4),
                            "content": {"application/json": {"schema": {"$ref": reference}}}
                        },
                        "default": {"description": text(i + 5)}
                    }
                }
            }),
        );
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": text(0), "version": "1", "description": text(1)},
        "servers": [{"url": "https://api.example.test", "description": text(2)}],
        "paths": paths,
        "security": [{scheme.0: []}],
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                scheme.0: {"type": "apiKey", "in": "header", "name": scheme.1, "description": text(3)}
            }
        },
    })
}

fn generate_document(file: &str, doc: &Value) -> String {
    let bytes = serde_json::to_vec_pretty(doc).expect("serialize");
    let path = hostile_common::write_spec(file, &bytes);
    match generate(&Settings::new(path)) {
        Ok(generated) => generated.code,
        Err(e) => panic!("{file} does not generate:\n{e}"),
    }
}

fn twin() -> String {
    let names: Vec<String> = (0..hostile_names().len())
        .map(|i| format!("name{i}"))
        .collect();
    let texts = vec!["A plain sentence.".to_owned()];
    generate_document("benign.json", &document(&names, &texts, ("key", "X-Key")))
}

fn hostile() -> String {
    let scheme = (
        "k\u{202E}\n\n    fn by_scheme() {}",
        "X-\u{2066}Key\n\n    fn by_header() {}",
    );
    generate_document(
        "hostile.json",
        &document(&hostile_names(), &hostile_texts(), scheme),
    )
}

/// Counts items by module path and kind; collects attributes and docs.
#[derive(Default)]
struct Census {
    modules: Vec<String>,
    items: BTreeMap<String, usize>,
    cfg_attributes: Vec<String>,
    /// The doc text of each item, field, variant or impl item (rustdoc's unit).
    docs: Vec<String>,
    doc_attributes_seen: usize,
    doc_attributes_grouped: usize,
}

impl Census {
    fn count(&mut self, kind: &str) {
        // An operation's error enum is an alias when an earlier one has its shape
        // (emit/shared_shapes.rs), and docs are part of the shape: hostile docs can
        // make a definition of what is an alias in the twin, so both count as one kind.
        let kind = match kind {
            "enum" | "type" if self.modules.last().is_some_and(|m| m == "operations") => {
                "enum or alias"
            }
            other => other,
        };
        let key = format!("{}::{kind}", self.modules.join("::"));
        *self.items.entry(key).or_default() += 1;
    }

    fn group_docs(&mut self, attrs: &[syn::Attribute]) {
        let lines: Vec<String> = attrs.iter().filter_map(doc_text).collect();
        self.doc_attributes_grouped += lines.len();
        if !lines.is_empty() {
            self.docs.push(lines.join("\n"));
        }
    }
}

fn doc_text(attr: &syn::Attribute) -> Option<String> {
    if !attr.path().is_ident("doc") {
        return None;
    }
    match &attr.meta {
        syn::Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            other => Some(format!("<non-literal doc: {}>", quote::quote!(#other))),
        },
        _ => Some("<malformed doc>".to_owned()),
    }
}

fn item_kind_and_attrs(item: &syn::Item) -> (&'static str, &[syn::Attribute]) {
    match item {
        syn::Item::Const(i) => ("const", &i.attrs),
        syn::Item::Enum(i) => ("enum", &i.attrs),
        syn::Item::ExternCrate(i) => ("extern crate", &i.attrs),
        syn::Item::Fn(i) => ("fn", &i.attrs),
        syn::Item::ForeignMod(i) => ("extern block", &i.attrs),
        syn::Item::Impl(i) => ("impl", &i.attrs),
        syn::Item::Macro(i) => ("item macro", &i.attrs),
        syn::Item::Mod(i) => ("mod", &i.attrs),
        syn::Item::Static(i) => ("static", &i.attrs),
        syn::Item::Struct(i) => ("struct", &i.attrs),
        syn::Item::Trait(i) => ("trait", &i.attrs),
        syn::Item::TraitAlias(i) => ("trait alias", &i.attrs),
        syn::Item::Type(i) => ("type", &i.attrs),
        syn::Item::Union(i) => ("union", &i.attrs),
        syn::Item::Use(i) => ("use", &i.attrs),
        _ => ("other item", &[]),
    }
}

impl<'ast> Visit<'ast> for Census {
    fn visit_file(&mut self, file: &'ast syn::File) {
        self.group_docs(&file.attrs);
        syn::visit::visit_file(self, file);
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        let (kind, attrs) = item_kind_and_attrs(item);
        self.count(kind);
        self.group_docs(attrs);
        if let syn::Item::Mod(m) = item {
            self.modules.push(m.ident.to_string());
            syn::visit::visit_item(self, item);
            self.modules.pop();
        } else {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        let (kind, attrs): (&str, &[syn::Attribute]) = match item {
            syn::ImplItem::Const(i) => ("impl const", &i.attrs),
            syn::ImplItem::Fn(i) => ("impl fn", &i.attrs),
            syn::ImplItem::Type(i) => ("impl type", &i.attrs),
            syn::ImplItem::Macro(i) => ("impl macro", &i.attrs),
            _ => ("impl other", &[]),
        };
        self.count(kind);
        self.group_docs(attrs);
        syn::visit::visit_impl_item(self, item);
    }

    fn visit_trait_item(&mut self, item: &'ast syn::TraitItem) {
        self.count("trait item");
        syn::visit::visit_trait_item(self, item);
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        self.group_docs(&field.attrs);
        syn::visit::visit_field(self, field);
    }

    fn visit_variant(&mut self, variant: &'ast syn::Variant) {
        self.group_docs(&variant.attrs);
        syn::visit::visit_variant(self, variant);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let path = &mac.path;
        let path = quote::quote!(#path).to_string();
        self.count(&format!("macro {}", path.replace(' ', "")));
        syn::visit::visit_macro(self, mac);
    }

    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        if attr.path().is_ident("cfg") || attr.path().is_ident("cfg_attr") {
            self.cfg_attributes.push(quote::quote!(#attr).to_string());
        }
        if attr.path().is_ident("doc") {
            self.doc_attributes_seen += 1;
        }
        syn::visit::visit_attribute(self, attr);
    }
}

fn census(code: &str) -> Census {
    let file = match syn::parse_file(code) {
        Ok(file) => file,
        Err(e) => panic!("generated code does not parse: {e}"),
    };
    let mut census = Census::default();
    census.visit_file(&file);
    census
}

/// Bidi controls that can reorder how source text is displayed (CVE-2021-42574),
/// and the other invisible direction marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `line` without a leading list marker (`- `, `* `, `+ `, `1. `, `1) `).
fn strip_list_marker(line: &str) -> &str {
    let trimmed = line.trim_start_matches(' ');
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = trimmed.strip_prefix(bullet) {
            return rest;
        }
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &trimmed[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return rest;
        }
    }
    line
}

/// Problems rustdoc would have with one doc text: a fence whose language is
/// not `text` (a doctest), or an indented code block (a doctest too).
fn doc_code_problems(doc: &str) -> Vec<String> {
    let lines: Vec<&str> = doc.lines().collect();
    // rustdoc removes the common indentation of the non-blank lines.
    let common = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut problems = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut previous_blank = true;
    for raw in &lines {
        let line = raw.get(common..).unwrap_or("");
        // Block quotes and list items contain blocks too: look through their markers.
        let mut body = line;
        while let Some(rest) = body.trim_start_matches(' ').strip_prefix('>') {
            body = rest;
        }
        body = strip_list_marker(body);
        let indent = body.len() - body.trim_start_matches([' ', '\t']).len();
        let stripped = body.trim_start_matches([' ', '\t']);
        let fence_char = stripped.chars().next().filter(|c| *c == '`' || *c == '~');
        let fence_len = fence_char.map_or(0, |c| stripped.chars().take_while(|x| *x == c).count());
        if let Some((c, len)) = fence {
            if fence_char == Some(c) && fence_len >= len && stripped[fence_len..].trim().is_empty()
            {
                fence = None;
            }
        } else if fence_len >= 3
            && indent < 4
            && !(fence_char == Some('`') && stripped[fence_len..].contains('`'))
        {
            let info = stripped[fence_len..].trim();
            let lang = info.split([',', ' ']).next().unwrap_or("");
            if lang != "text" {
                problems.push(format!("code fence with language `{info}`: {line:?}"));
            }
            fence = fence_char.map(|c| (c, fence_len));
        } else if previous_blank && !stripped.is_empty() && (indent >= 4 || body.starts_with('\t'))
        {
            problems.push(format!("indented code block: {line:?}"));
        }
        previous_blank = line.trim().is_empty();
    }
    problems
}

#[test]
fn hostile_names_generate_only_what_the_document_describes() {
    let hostile_code = hostile();
    let twin_code = twin();
    let hostile = census(&hostile_code);
    let benign = census(&twin_code);

    assert_eq!(
        hostile.items, benign.items,
        "items of the hostile output differ from its benign twin's"
    );
    assert!(
        benign.items.values().sum::<usize>() > 0,
        "the census found no items at all"
    );
    assert!(
        hostile.cfg_attributes.is_empty(),
        "cfg attributes in the output: {:?}",
        hostile.cfg_attributes
    );
    assert_eq!(
        hostile.doc_attributes_seen, hostile.doc_attributes_grouped,
        "some doc attributes sit where the census does not group them"
    );
    let bidi: Vec<&String> = hostile
        .docs
        .iter()
        .filter(|d| d.chars().any(is_bidi_control))
        .collect();
    assert!(bidi.is_empty(), "docs with raw bidi controls: {bidi:#?}");
    // No raw bidi control anywhere in the source (string literals must escape them).
    let raw: Vec<&str> = hostile_code
        .lines()
        .filter(|l| l.chars().any(is_bidi_control))
        .collect();
    assert!(
        raw.is_empty(),
        "source lines with raw bidi controls: {raw:#?}"
    );
}

/// rustdoc runs (compiles and executes, in `cargo test --doc` of the crate
/// that holds the client) every code block that is not marked `text`: text
/// from the document must never become one.
#[test]
fn hostile_docs_have_no_runnable_code_blocks() {
    let hostile = census(&hostile());
    let code_blocks: Vec<String> = hostile
        .docs
        .iter()
        .flat_map(|d| doc_code_problems(d))
        .collect();
    assert!(
        code_blocks.is_empty(),
        "doc code blocks rustdoc would run: {code_blocks:#?}"
    );
}

/// Every generated type name is UpperCamelCase (the compiler warns otherwise,
/// and generated code must be warning-free).
#[test]
fn type_names_are_upper_camel_case() {
    let file = syn::parse_file(&hostile()).expect("parses");
    let mut names = Vec::new();
    collect_type_names(&file.items, &mut names);
    let bad: Vec<&String> = names
        .iter()
        .filter(|n| n.trim_end_matches('_').contains('_'))
        .collect();
    assert!(
        bad.is_empty(),
        "type names that are not UpperCamelCase: {bad:?}"
    );
}

fn collect_type_names(items: &[syn::Item], names: &mut Vec<String>) {
    for item in items {
        match item {
            syn::Item::Struct(s) => names.push(s.ident.to_string()),
            syn::Item::Enum(e) => names.push(e.ident.to_string()),
            syn::Item::Type(t) => names.push(t.ident.to_string()),
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    collect_type_names(inner, names);
                }
            }
            _ => {}
        }
    }
}

#[test]
fn the_doc_checker_catches_what_it_must() {
    assert_eq!(doc_code_problems(" ```rust\n fn x() {}\n ```").len(), 1);
    assert_eq!(doc_code_problems(" ```\n fn x() {}\n ```").len(), 1);
    assert_eq!(doc_code_problems(" a\n\n     fn x() {}").len(), 1);
    assert_eq!(doc_code_problems(" > ~~~\n > x\n > ~~~").len(), 1);
    assert_eq!(doc_code_problems(" - ```rust\n   x\n   ```").len(), 1);
    assert!(doc_code_problems(" ```text\n fn x() {}\n ```").is_empty());
    assert!(doc_code_problems(" ```rust `inline` ```").is_empty());
    assert!(doc_code_problems(" plain\n more").is_empty());
}

#[test]
fn hostile_golden_is_current() {
    let code = hostile();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile_golden/names.rs");
    if std::env::var_os("SPECFORGE_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &code).expect("write golden");
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "read {} ({e}); run with SPECFORGE_BLESS=1 to create it",
            path.display()
        )
    });
    assert!(
        golden == code,
        "{} is stale; run with SPECFORGE_BLESS=1 to accept",
        path.display()
    );
}
