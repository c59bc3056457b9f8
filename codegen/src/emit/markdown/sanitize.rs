//! Markdown from the document, rewritten line by line so rustdoc reads it as text.
//!
//! What rustdoc would misread, and what happens to it here:
//! - HTML that descriptions use for structure (`<p>`, `<br>`, lists, `<code>`,
//!   `<pre>`, emphasis) first becomes the Markdown it means ([`super::html`]);
//! - fenced code blocks (```` ``` ```` or `~~~`, with or without an info string)
//!   would run as doctests: they get the info string `text`, and an unclosed
//!   fence is closed;
//! - indented code blocks (four spaces after a blank line) would run as
//!   doctests too: they become ```` ```text ```` fences;
//! - bare URLs (`rustdoc::bare_urls`) are wrapped in `<…>`;
//! - `[x]` that is not a Markdown link would be an intra-doc link that does
//!   not resolve: the brackets are escaped;
//! - other raw HTML tags are escaped (`&lt;`), so they show as text and cannot open
//!   unbalanced tags;
//! - control characters, Unicode bidi controls and line/paragraph separators
//!   are removed (CRLF becomes LF, a tab becomes four spaces).
//!
//! Text inside code (fences, indented blocks, inline code spans) is kept
//! verbatim apart from the character clean-up. This is a line-based
//! approximation of CommonMark, erring on the side of plain text.
//!
//! Code inside containers (block quotes, list items) is where a line-based
//! rewrite cannot be sure what CommonMark (and so rustdoc, which runs
//! `> ```rust` as a doctest) will see. So a description is not rewritten at
//! all when any of its lines, after stripping whitespace, `>` markers and list
//! markers, starts with ```` ``` ```` or `~~~` but is not a plain top-level
//! fence (it has a container marker or is indented four or more spaces), or
//! when a quoted or list line holds indented code (four or more spaces after
//! its markers). Such a description is shown whole, verbatim, in one
//! ```` ```text ```` block whose fence is longer than any backtick run in it,
//! so no fence inside can close it and no code block can open in the doc.
//! The price is that its Markdown is not rendered.

use super::html::html_to_markdown;
use super::inline::inline;

/// Cleans `text` and returns its lines, ready to become `#[doc]` attributes.
pub(crate) fn sanitize(text: &str) -> Vec<String> {
    let cleaned = clean_chars(text);
    let cleaned = html_to_markdown(&cleaned);
    if cleaned.lines().any(is_contained_code) {
        return verbatim_block(&cleaned);
    }
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut indented = false;
    let mut prev_blank = true;
    let mut pending_blank = 0usize;
    let mut block = Block::Paragraph;
    for line in cleaned.lines() {
        if let Some((ch, len)) = fence {
            // After a closing fence a block may start at once, indented code too.
            prev_blank = is_closing_fence(line, ch, len);
            if prev_blank {
                out.push(ch.to_string().repeat(len));
                fence = None;
            } else {
                out.push(line.to_owned());
            }
            continue;
        }
        let blank = line.trim().is_empty();
        if indented {
            if blank {
                pending_blank += 1;
                continue;
            }
            if let Some(code) = strip_indent(line) {
                out.extend(std::iter::repeat_n(String::new(), pending_blank));
                pending_blank = 0;
                out.push(code.to_owned());
                continue;
            }
            out.push("```".to_owned());
            out.extend(std::iter::repeat_n(String::new(), pending_blank));
            pending_blank = 0;
            indented = false;
            prev_blank = true;
        }
        if let Some((ch, len)) = opening_fence(line) {
            out.push(format!("{}text", ch.to_string().repeat(len)));
            fence = Some((ch, len));
            prev_blank = false;
            continue;
        }
        if prev_blank
            && !blank
            && let Some(code) = strip_indent(line)
        {
            out.push("```text".to_owned());
            out.push(code.to_owned());
            indented = true;
            continue;
        }
        if blank {
            out.push(String::new());
            block = Block::Paragraph;
        } else {
            let (line, next) = continue_block(line, block);
            out.push(inline(&line));
            block = next;
        }
        prev_blank = blank || ends_block(line);
    }
    if let Some((ch, len)) = fence {
        out.push(ch.to_string().repeat(len));
    }
    if indented {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    while out.first().is_some_and(String::is_empty) {
        out.remove(0);
    }
    out
}

/// Whether `line` is a one-line block (an ATX heading, a thematic break, a
/// setext underline) after which indented code starts without a blank line.
fn ends_block(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes)
        && trimmed
            .get(hashes..)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
    {
        return true;
    }
    let marks: String = trimmed.chars().filter(|c| *c != ' ').collect();
    let Some(first) = marks.chars().next() else {
        return false;
    };
    match first {
        '*' | '_' | '-' => marks.len() >= 3 && marks.chars().all(|c| c == first),
        '=' => trimmed.trim_end().chars().all(|c| c == '='),
        _ => false,
    }
}

/// Whether `line` may open code that a line-based rewrite cannot label: a
/// fence inside a block quote or list item or indented four or more spaces,
/// or indented code after a `>` or list marker.
fn is_contained_code(line: &str) -> bool {
    let mut rest = line;
    let mut contained = false;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        if let Some(after) = trimmed.strip_prefix('>') {
            rest = after.strip_prefix(' ').unwrap_or(after);
        } else if let Some(width) = list_marker_width(trimmed) {
            rest = trimmed.get(width..).unwrap_or_default();
        } else {
            break;
        }
        contained = true;
        if rest.trim().is_empty() {
            return false;
        }
        if rest.starts_with("    ") {
            return true;
        }
    }
    let content = rest.trim_start_matches(' ');
    let indent = rest.len() - content.len();
    let fence_like = content.starts_with("```") || content.starts_with("~~~");
    fence_like && (contained || indent > 3)
}

/// `text` whole, as one ```` ```text ```` block that nothing inside can close.
pub(super) fn verbatim_block(text: &str) -> Vec<String> {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    let mut out = Vec::with_capacity(lines.len() + 2);
    out.push(format!("{fence}text"));
    out.extend(lines);
    out.push(fence);
    out
}

/// The block a paragraph line belongs to, for lazy continuation lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Paragraph,
    /// A list item whose content starts at this column.
    ListItem(usize),
    Quote,
}

/// A line following `block` without a blank line in between: a "lazy"
/// continuation of a list item or block quote is indented (or quoted) like
/// its block, which is what it means and what clippy's
/// `doc_lazy_continuation` asks for. Returns the line and the block it opens.
fn continue_block(line: &str, block: Block) -> (String, Block) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line.trim_start_matches(' ');
    if indent <= 3 {
        if let Some(width) = list_marker_width(rest) {
            return (line.to_owned(), Block::ListItem(indent + width));
        }
        if rest.starts_with('>') {
            return (line.to_owned(), Block::Quote);
        }
    }
    match block {
        // Less indented: lazy; more: clippy's `doc_overindented_list_items`.
        Block::ListItem(column) if indent != column => {
            (format!("{}{rest}", " ".repeat(column)), block)
        }
        Block::Quote => (format!("> {rest}"), block),
        other => (line.to_owned(), other),
    }
}

/// Width of a list marker and its space (`- `, `* `, `+ `, `1. `, `12) `).
fn list_marker_width(text: &str) -> Option<usize> {
    if text.starts_with("- ") || text.starts_with("* ") || text.starts_with("+ ") {
        return Some(2);
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after = text.get(digits..)?;
    ((1..=9).contains(&digits) && (after.starts_with(". ") || after.starts_with(") ")))
        .then_some(digits + 2)
}

/// Removes control and bidi characters; normalizes line ends and tabs.
pub(super) fn clean_chars(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if c.is_control() || is_invisible_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Bidi controls and other invisible format characters that can make text
/// read differently from what it is.
fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// `(fence char, fence length)` when `line` opens a fenced code block.
pub(super) fn opening_fence(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let ch = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = trimmed.chars().take_while(|c| *c == ch).count();
    (len >= 3).then_some((ch, len))
}

pub(super) fn is_closing_fence(line: &str, ch: char, len: usize) -> bool {
    let trimmed = line.trim();
    trimmed.chars().count() >= len && trimmed.chars().all(|c| c == ch)
}

/// The code of an indented code block line (four or more leading spaces).
fn strip_indent(line: &str) -> Option<&str> {
    line.strip_prefix("    ")
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    fn s(text: &str) -> String {
        sanitize(text).join("\n")
    }

    #[test]
    fn fences_become_text() {
        assert_eq!(
            s("a\n```rust\nfn x() {}\n```\nb"),
            "a\n```text\nfn x() {}\n```\nb"
        );
        assert_eq!(s("~~~~\ncode\n~~~~"), "~~~~text\ncode\n~~~~");
        assert_eq!(s("```\nunclosed"), "```text\nunclosed\n```");
    }

    #[test]
    fn contained_fences_make_the_whole_text_one_text_block() {
        assert_eq!(
            s("> ```rust\n> panic!()\n> ```"),
            "````text\n> ```rust\n> panic!()\n> ```\n````"
        );
        assert_eq!(
            s("1. ````\n   ```\n   ````"),
            "`````text\n1. ````\n   ```\n   ````\n`````"
        );
        assert_eq!(s("- ~~~\n  x\n  ~~~"), "```text\n- ~~~\n  x\n  ~~~\n```");
        assert_eq!(
            s("> > para\n> >\n> >     code"),
            "```text\n> > para\n> >\n> >     code\n```"
        );
        assert_eq!(
            s("      ```\n      x"),
            "````text\n      ```\n      x\n````"
        );
        // Quotes and lists without code are still rendered.
        assert_eq!(s("> a\n- b"), "> a\n- b");
        assert_eq!(s("- `x` and ```y``` inline"), "- `x` and ```y``` inline");
    }

    #[test]
    fn indented_code_becomes_text() {
        assert_eq!(
            s("para\n\n    let x = 1;\n    x\n\nafter"),
            "para\n\n```text\nlet x = 1;\nx\n```\n\nafter"
        );
        // A continuation line of a paragraph is not code.
        assert_eq!(s("para\n    more"), "para\n    more");
        assert_eq!(s("    only code"), "```text\nonly code\n```");
        // Headings, thematic breaks, setext underlines and closing fences end
        // their block: indented code may follow without a blank line.
        for lead in ["# Pet", "Title\n=====", "Title\n---", "***", "```\nx\n```"] {
            let out = s(&format!("{lead}\n    code()"));
            assert!(out.ends_with("```text\ncode()\n```"), "{lead:?}: {out}");
        }
    }

    #[test]
    fn urls_are_wrapped_once() {
        assert_eq!(s("see https://x.io/a."), "see <https://x.io/a>.");
        assert_eq!(s("see <https://x.io/a>"), "see <https://x.io/a>");
        assert_eq!(
            s("[doc](https://x.io) and `https://code`"),
            "[doc](https://x.io) and `https://code`"
        );
        // rustdoc warns on a bare URL in parentheses too.
        assert_eq!(s("(https://x.io/a_(b))"), "(<https://x.io/a_(b)>)");
    }

    #[test]
    fn html_links_become_markdown_links() {
        assert_eq!(
            s(r#"more at <a href="https://quay.io">Quay</a>."#),
            "more at [Quay](https://quay.io)."
        );
        assert_eq!(
            s("see <A class='x' HREF='https://e.example/t:Enum'>docs</A> and <b>bold</b>"),
            "see [docs](https://e.example/t:Enum) and **bold**"
        );
        // A URL left in an escaped attribute is an autolink, never bare text.
        assert_eq!(
            s(r#"<img src="https://i.example/a.png">"#),
            "![](https://i.example/a.png)"
        );
        assert_eq!(
            s(r#"<table src="https://i.example/a.png">"#),
            r#"&lt;table src="<https://i.example/a.png>">"#
        );
        // Link text with markup of its own becomes Markdown first.
        assert_eq!(
            s(r#"<a href="https://x.example"><b>x</b></a>"#),
            "[**x**](https://x.example)"
        );
        // Link text with a tag that stays HTML is not converted.
        assert_eq!(
            s(r#"<a href="https://x.example"><q>x</q></a>"#),
            r#"&lt;a href="<https://x.example>">&lt;q>x&lt;/q>&lt;/a>"#
        );
    }

    #[test]
    fn relative_links_keep_only_their_text() {
        assert_eq!(
            s(
                "the [schema](/swagger.yaml), [top](#top), ![logo](img/a.png) and [mail](mailto:a@b.example)"
            ),
            "the schema, top, logo and [mail](mailto:a@b.example)"
        );
        assert_eq!(
            s("[`Pet`](Pet) [x](<https://x.example> \"t\")"),
            "`Pet` [x](<https://x.example> \"t\")"
        );
    }

    #[test]
    fn brackets_and_html_are_escaped() {
        assert_eq!(
            s("a [x] b [l](https://u.example) c [x][y]"),
            "a \\[x\\] b [l](https://u.example) c \\[x\\]\\[y\\]"
        );
        assert_eq!(
            s("<script>alert(1)</script> a < b"),
            "&lt;script>alert(1)&lt;/script> a < b"
        );
        assert_eq!(s("`<b>` [`x`]"), "`<b>` \\[`x`\\]");
        assert_eq!(
            s("see [`notification`](https://x.example/a/{id}/b) object"),
            "see [`notification`](https://x.example/a/{id}/b) object"
        );
        assert_eq!(
            s("[*emphasis* and `code`](https://x.example/(a)) then https://y.example"),
            "[*emphasis* and `code`](https://x.example/(a)) then <https://y.example>"
        );
        assert_eq!(s("a `` b ` c `` [x]"), "a `` b ` c `` \\[x\\]");
    }

    #[test]
    fn lazy_continuations_are_indented() {
        assert_eq!(
            s("- one\ntwo\n- three\n\nafter"),
            "- one\n  two\n- three\n\nafter"
        );
        assert_eq!(s("10. one\ntwo"), "10. one\n    two");
        assert_eq!(s("> quoted\nlazy"), "> quoted\n> lazy");
        assert_eq!(s("text\n- item"), "text\n- item");
        assert_eq!(s("- a\n        over"), "- a\n  over");
        assert_eq!(
            s("- a\n  - b\n    - c\n    more"),
            "- a\n  - b\n    - c\n    more"
        );
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(s("a\u{202E}b\u{2066}c\u{0}d\r\ne\tf"), "abcd\ne    f");
        assert_eq!(s("\n\n x \n\n"), " x ");
    }
}
