//! The proof that doc text runs nothing: it is parsed with pulldown-cmark,
//! the Markdown parser rustdoc uses, with rustdoc's options, after the
//! unindenting rustdoc applies to doc comments. Every code block it finds
//! must be fenced with the info string `text`; rustdoc runs every other one
//! (an indented block, ```` ``` ````, ```` ```rust ````, ```` ```should_panic ````…)
//! as a doctest or at least compiles it.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

/// The options rustdoc parses doc comments with (its `main_body_opts`).
fn rustdoc_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// The doc string rustdoc sees for these `#[doc]` lines: joined by newlines,
/// then the common indentation of the non-blank lines removed.
fn as_rustdoc_sees(lines: &[String]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The info strings of the code blocks in `lines` that rustdoc would treat
/// as code (`""` for an indented block or a fence without an info string).
pub(crate) fn runnable_blocks(lines: &[String]) -> Vec<String> {
    let text = as_rustdoc_sees(lines);
    Parser::new_ext(&text, rustdoc_options())
        .filter_map(|event| match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => Some(String::new()),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.trim() != "text" => {
                Some(info.into_string())
            }
            _ => None,
        })
        .collect()
}

/// Whether `lines` hold no code block rustdoc would compile or run.
pub(crate) fn is_inert(lines: &[String]) -> bool {
    runnable_blocks(lines).is_empty()
}

#[cfg(test)]
mod tests {
    use super::runnable_blocks;

    fn blocks(text: &str) -> Vec<String> {
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        runnable_blocks(&lines)
    }

    #[test]
    fn finds_every_kind_of_code_block() {
        assert_eq!(blocks("# Pet\n    code()"), [""]);
        assert_eq!(blocks("```rust\nx\n```"), ["rust"]);
        assert_eq!(blocks("~~~\nx\n~~~"), [""]);
        assert_eq!(blocks("> ```should_panic\n> x\n> ```"), ["should_panic"]);
        assert_eq!(blocks("- a\n\n      code()"), [""]);
        assert_eq!(blocks("[^1]: note\n\n        code()"), [""]);
        assert!(blocks("```text\nx\n```\n\n<pre>\nx\n</pre>").is_empty());
    }

    #[test]
    fn unindents_like_rustdoc() {
        assert!(blocks("    a\n    b").is_empty());
        assert_eq!(blocks("  a\n\n      b"), [""]);
    }
}
