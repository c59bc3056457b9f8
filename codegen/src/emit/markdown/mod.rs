//! The one path from document text to doc text.
//!
//! Every piece of text from the document that reaches generated docs
//! (descriptions, summaries, titles, and names shown in docs: header, part,
//! parameter and media-type names, status codes, enum values) goes through
//! this module:
//! - prose goes through [`doc_lines`]: [`sanitize`] rewrites it (HTML
//!   tags a reader expects rendered become Markdown, fences
//!   become ```` ```text ````, indented code is fenced, bare URLs become
//!   autolinks, HTML is escaped…), then [`verify`] parses the result with
//!   pulldown-cmark, rustdoc's own parser, and when any code block that is
//!   not fenced `text` remains, the whole text is shown verbatim in one
//!   ```` ```text ```` block that nothing inside can close;
//! - a name goes through [`code_span`] (one line, inline code);
//! - a one-line title goes through [`one_line`].
//!
//! Assembled docs (a doc comment built from several pieces) are checked again
//! by [`inert`], since pieces can combine into a block none of them holds.

mod html;
mod inline;
mod sanitize;
pub(crate) mod verify;

pub(crate) use sanitize::sanitize;

/// Document Markdown as doc lines that hold no runnable code block.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    inert(sanitize(text))
}

/// `lines` as they are when rustdoc would find no runnable code block in
/// them; otherwise all of it, verbatim, in one ```` ```text ```` block.
pub(crate) fn inert(lines: Vec<String>) -> Vec<String> {
    if verify::is_inert(&lines) {
        return lines;
    }
    let fallback = sanitize::verbatim_block(&lines.join("\n"));
    debug_assert!(verify::is_inert(&fallback), "{fallback:?}");
    fallback
}

/// `name` as one inline code span: control characters removed, whitespace
/// runs (line breaks included) made one space, and delimited by a backtick
/// run longer than any inside it.
pub(crate) fn code_span(name: &str) -> String {
    let text = one_line_raw(name);
    if text.is_empty() {
        return "`\"\"`".to_owned();
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// Text for one line of prose (a title, a version, a reason): control
/// characters removed, whitespace runs made one space, then sanitized as
/// Markdown; never more than one line and never a code block.
pub(crate) fn one_line(text: &str) -> String {
    let lines = doc_lines(&one_line_raw(text));
    match lines.as_slice() {
        [line] if !line.starts_with("```") && !line.starts_with("~~~") => line.clone(),
        _ => code_span(text),
    }
}

fn one_line_raw(text: &str) -> String {
    sanitize::clean_chars(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::{code_span, inert, one_line};

    #[test]
    fn names_become_one_code_span() {
        assert_eq!(code_span("X-Rate"), "`X-Rate`");
        assert_eq!(code_span("a\n    code()"), "`a code()`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("\u{202E}"), "`\"\"`");
    }

    #[test]
    fn one_line_is_never_a_block() {
        assert_eq!(one_line("Pet\nStore"), "Pet Store");
        assert_eq!(one_line("```rust"), "```` ```rust ````");
    }

    #[test]
    fn unfixable_text_becomes_one_text_block() {
        // Lines that hold a block the line-based pass missed (or that pieces
        // formed when put together).
        let lines = inert(vec!["# Pet".to_owned(), "    code()".to_owned()]);
        assert_eq!(lines.first().map(String::as_str), Some("```text"));
        assert!(super::verify::is_inert(&lines));
    }
}
