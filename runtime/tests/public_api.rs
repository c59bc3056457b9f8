//! The runtime's public surface, as a committed list (`tests/public-api.txt`), so that
//! every change to it is deliberate and shows in review.
//!
//! The list is read from `src/` as text (`cargo public-api` needs a nightly toolchain,
//! which this check must not): every item, method, field and `use` declared `pub`
//! (not `pub(crate)`), with the `impl` it is in, every variant of a `pub enum`,
//! `#[non_exhaustive]` where it is set, and every `#[macro_export]` macro. Items declared
//! `pub` inside a private module are listed too (a superset of what users can reach).
//! Comments and test code (`tests.rs` files, everything after `#[cfg(test)]`) are skipped.
//!
//! After a deliberate change: `SPECFORGE_BLESS=1 cargo test -p specforge --test public_api`
//! and review the diff of `tests/public-api.txt`.

use std::path::Path;

#[path = "support/layers_scan.rs"]
mod scan;

#[test]
fn public_api_matches_the_committed_list() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let actual = public_items(&manifest.join("src"));
    let list = manifest.join("tests/public-api.txt");
    if std::env::var_os("SPECFORGE_BLESS").is_some() {
        std::fs::write(&list, &actual).expect("write tests/public-api.txt");
        return;
    }
    let expected = std::fs::read_to_string(&list).unwrap_or_default();
    if expected != actual {
        let old: Vec<&str> = expected.lines().collect();
        let new: Vec<&str> = actual.lines().collect();
        let removed: Vec<&&str> = old.iter().filter(|line| !new.contains(line)).collect();
        let added: Vec<&&str> = new.iter().filter(|line| !old.contains(line)).collect();
        panic!(
            "the runtime's public surface changed (bless a deliberate change with \
             SPECFORGE_BLESS=1 cargo test -p specforge --test public_api)\nremoved:\n{}\nadded:\n{}",
            removed
                .iter()
                .map(|l| format!("- {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            added
                .iter()
                .map(|l| format!("+ {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
}

fn public_items(src: &Path) -> String {
    let mut files = Vec::new();
    scan::source_files(src, &mut files);
    let mut out = String::new();
    for file in files {
        let relative = file.strip_prefix(src).unwrap_or(&file);
        let stem = relative.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem == "tests" || stem.ends_with("_tests") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let name = relative.to_string_lossy().replace('\\', "/");
        for item in file_items(&text) {
            out.push_str(&format!("{name}: {item}\n"));
        }
    }
    out
}

/// What one file declares public (see the module docs).
fn file_items(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut items = Vec::new();
    // (indent, header) of the `impl`, `trait` or `pub enum` blocks we are in.
    let mut blocks: Vec<(usize, String)> = Vec::new();
    let mut attributes: Vec<&str> = Vec::new();
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        index += 1;
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if trimmed.is_empty() || trimmed.starts_with("//") {
            continue;
        }
        while blocks.last().is_some_and(|(at, _)| indent <= *at) {
            if trimmed.starts_with('}') && blocks.last().is_some_and(|(at, _)| indent == *at) {
                blocks.pop();
                break;
            }
            blocks.pop();
        }
        if trimmed.starts_with("#[") {
            attributes.push(trimmed);
            continue;
        }
        let declares = [
            "pub",
            "impl",
            "unsafe impl",
            "macro_rules!",
            "fn ",
            "async fn",
            "const",
            "struct",
            "enum",
            "trait",
        ]
        .iter()
        .any(|start| trimmed.starts_with(start))
            || trimmed.starts_with(|c: char| c.is_ascii_uppercase());
        let (signature, consumed) = if declares {
            signature(&lines, index - 1)
        } else {
            (trimmed.to_owned(), 1)
        };
        let context = blocks.last().map(|(_, header)| header.as_str());
        let is_pub = trimmed.starts_with("pub ");
        let in_enum = context.is_some_and(|header| header.starts_with("pub enum"));
        let is_variant = in_enum && trimmed.starts_with(|c: char| c.is_ascii_uppercase());
        let is_macro = trimmed.starts_with("macro_rules!")
            && attributes.iter().any(|a| a.starts_with("#[macro_export"));
        if is_pub || is_variant || is_macro {
            let marker = if attributes.iter().any(|a| a.starts_with("#[non_exhaustive")) {
                "#[non_exhaustive] "
            } else {
                ""
            };
            let item = match context {
                Some(header) => format!("{header} :: {marker}{signature}"),
                None => format!("{marker}{signature}"),
            };
            items.push(item);
        }
        let opens_block = signature_opens_block(&lines, index - 1, consumed);
        if opens_block
            && [
                "impl",
                "unsafe impl",
                "pub trait",
                "pub enum",
                "pub struct",
                "macro_rules!",
            ]
            .iter()
            .any(|start| trimmed.starts_with(start))
        {
            blocks.push((indent, signature.clone()));
        }
        attributes.clear();
        index = index - 1 + consumed;
    }
    items
}

/// The declaration starting at line `start`, up to its body (`{`, `=`, or `;`), on one
/// line with single spaces; and how many lines it spans.
fn signature(lines: &[&str], start: usize) -> (String, usize) {
    let mut text = String::new();
    let mut consumed = 0;
    for line in &lines[start..] {
        consumed += 1;
        let trimmed = line.trim();
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(trimmed);
        if trimmed.ends_with('{')
            || trimmed.ends_with(';')
            || trimmed.ends_with(',')
            || trimmed.ends_with('}')
            || trimmed.contains(" = ")
        {
            break;
        }
    }
    let text = text
        .trim_end_matches('{')
        .trim_end_matches([',', ';'])
        .trim()
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(", )", ")");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (text, consumed.max(1))
}

/// Whether the declaration at `start` (spanning `consumed` lines) opens a block.
fn signature_opens_block(lines: &[&str], start: usize, consumed: usize) -> bool {
    lines
        .get(start + consumed - 1)
        .is_some_and(|line| line.trim_end().ends_with('{'))
}
