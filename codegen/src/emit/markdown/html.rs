//! HTML common in descriptions, rewritten as the Markdown it means.
//!
//! Many documents (cloud providers' most of all) write descriptions in HTML, or
//! Markdown sprinkled with HTML. rustdoc would show the tags escaped, or read them as
//! unbalanced HTML, so before the line-based pass ([`super::sanitize`]) the tags a
//! reader would expect to render become Markdown:
//! - `<p>`, `<div>`, `<br>`, headings, `<hr>` and the end of a list become paragraph
//!   breaks (a `<br>` inside a list item stays in the item); a heading becomes a bold
//!   paragraph, since its level means nothing inside an item's docs;
//! - `<ul>`, `<ol>` and `<li>` become Markdown lists, nested lists indented;
//! - `<b>`/`<strong>` become `**`, `<i>`/`<em>` become `*`;
//! - `<code>`, `<tt>`, `<kbd>` and `<samp>` become a code span and `<pre>` a
//!   ```` ```text ```` block, their entities decoded and inner tags dropped;
//! - `<img>` with an `http(s)` `src` becomes an image, otherwise its `alt` text;
//! - `<a>` whose `href` is not an `http(s)` or `mailto:` URL (a fragment, a relative
//!   path) is dropped with its text kept; others are left for [`super::inline`], which
//!   turns them into links;
//! - `<span>`, `<font>`, `<small>`, `<u>`, `<sup>`, `<sub>` are dropped, their text kept.
//!
//! Any other tag (a table, a script) is left as it is, for the inline pass to escape.
//! Text inside Markdown code (fences, indented blocks, code spans) is not touched.
//!
//! Why hand-written: an HTML parser (html5ever and the converters built on it) reads
//! the whole description as HTML, collapsing the newlines and indentation that the
//! Markdown around the tags depends on. This pass only rewrites tags it knows and
//! leaves every other byte in place. It is one pass over the text, each tag read
//! within [`MAX_TAG_LEN`] bytes, so its work is linear in the text.

use std::borrow::Cow;

use super::code_span;
use super::sanitize::{is_closing_fence, opening_fence};

/// The longest tag (from `<` to `>`) read as a tag; longer ones stay text.
const MAX_TAG_LEN: usize = 1024;

/// `text` with the HTML tags listed in the module docs rewritten as Markdown;
/// borrowed when it holds none.
pub(super) fn html_to_markdown(text: &str) -> Cow<'_, str> {
    if !has_known_tag(text) {
        return Cow::Borrowed(text);
    }
    let mut converter = Converter::default();
    let mut fence: Option<(char, usize)> = None;
    let mut prev_blank = true;
    for line in text.split('\n') {
        let in_html = converter.capture.is_some() || !converter.lists.is_empty();
        if !in_html {
            if let Some((ch, len)) = fence {
                converter.verbatim_line(line);
                if is_closing_fence(line, ch, len) {
                    fence = None;
                }
                continue;
            }
            if let Some(opened) = opening_fence(line) {
                fence = Some(opened);
                converter.verbatim_line(line);
                continue;
            }
            if prev_blank && is_indented_code(line) {
                converter.verbatim_line(line);
                continue;
            }
        }
        converter.line(line);
        converter.newline();
        prev_blank = line.trim().is_empty();
    }
    Cow::Owned(converter.finish())
}

/// Whether `text` has a tag this pass rewrites (a quick test before the real pass).
fn has_known_tag(text: &str) -> bool {
    text.match_indices('<').any(|(at, _)| {
        let rest = text.get(at..).unwrap_or_default();
        parse_tag(rest).is_some_and(|(tag, _)| Action::of(&tag).is_some())
    })
}

/// An indented code line (four spaces) that does not start with a block-level tag
/// (HTML is often indented to show its nesting).
fn is_indented_code(line: &str) -> bool {
    line.starts_with("    ") && {
        let rest = line.trim_start();
        !parse_tag(rest).is_some_and(|(tag, _)| Action::of(&tag).is_some_and(Action::is_block))
    }
}

/// One tag: its lower-case name, whether it closes, and its attribute text.
#[derive(Debug)]
struct Tag<'a> {
    name: String,
    closing: bool,
    attributes: &'a str,
}

/// The tag at the start of `text` and its length in bytes.
fn parse_tag(text: &str) -> Option<(Tag<'_>, usize)> {
    let inner = text.strip_prefix('<')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let name = inner.get(..name_len)?;
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = inner.get(name_len..)?;
    let window = after.get(..after.len().min(MAX_TAG_LEN)).unwrap_or(after);
    let end = window.find(['>', '<'])?;
    if !window[end..].starts_with('>') {
        return None;
    }
    let attributes = &window[..end];
    if !(attributes.is_empty() || attributes.starts_with([' ', '\n', '/'])) {
        return None;
    }
    let length = text.len() - after.len() + end + 1;
    let tag = Tag {
        name: name.to_ascii_lowercase(),
        closing,
        attributes: attributes.trim_end_matches('/'),
    };
    Some((tag, length))
}

/// What a known tag becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Paragraph,
    LineBreak,
    Rule,
    Heading,
    List { numbered: bool },
    Item,
    Strong,
    Emphasis,
    Code,
    Pre,
    Image,
    Anchor,
    Drop,
}

impl Action {
    fn is_block(self) -> bool {
        matches!(
            self,
            Action::Paragraph
                | Action::LineBreak
                | Action::Rule
                | Action::Heading
                | Action::List { .. }
                | Action::Item
                | Action::Pre
        )
    }

    fn of(tag: &Tag<'_>) -> Option<Action> {
        Some(match tag.name.as_str() {
            "p" | "div" | "section" | "article" | "header" | "footer" | "blockquote" => {
                Action::Paragraph
            }
            "br" => Action::LineBreak,
            "hr" => Action::Rule,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Action::Heading,
            "ul" => Action::List { numbered: false },
            "ol" => Action::List { numbered: true },
            "li" => Action::Item,
            "b" | "strong" => Action::Strong,
            "i" | "em" => Action::Emphasis,
            "code" | "tt" | "kbd" | "samp" => Action::Code,
            "pre" => Action::Pre,
            "img" => Action::Image,
            "a" => Action::Anchor,
            "span" | "font" | "small" | "u" | "sup" | "sub" => Action::Drop,
            _ => return None,
        })
    }
}

/// Text collected inside `<code>` or `<pre>` until its closing tag.
#[derive(Debug)]
struct Capture {
    pre: bool,
    text: String,
}

/// An open list: numbered lists count their items.
#[derive(Debug, Clone, Copy)]
struct List {
    next_number: Option<u32>,
    /// Column of this list's markers.
    indent: usize,
    /// Column where the current item's text starts.
    content_column: usize,
}

/// The output and the state carried from one line to the next.
#[derive(Debug, Default)]
struct Converter {
    out: String,
    lists: Vec<List>,
    capture: Option<Capture>,
    /// For each open `<a>`: whether its tags are kept for the inline pass.
    anchors: Vec<bool>,
    /// After a block break: whitespace in the input is skipped until text comes.
    skip_space: bool,
}

impl Converter {
    fn verbatim_line(&mut self, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
        self.skip_space = false;
    }

    fn newline(&mut self) {
        match &mut self.capture {
            Some(capture) => capture.text.push('\n'),
            None if self.skip_space => {}
            None => self.out.push('\n'),
        }
    }

    fn line(&mut self, line: &str) {
        let mut i = 0;
        while let Some(rest) = line.get(i..) {
            let Some(c) = rest.chars().next() else { break };
            i += self.step(rest, c);
        }
    }

    /// Handles the start of `rest` (whose first character is `c`); returns the bytes used.
    fn step(&mut self, rest: &str, c: char) -> usize {
        if self.capture.is_some() {
            return self.capture_step(rest, c);
        }
        if c == '<'
            && let Some((tag, len)) = parse_tag(rest)
            && let Some(action) = Action::of(&tag)
        {
            self.tag(&tag, action, rest.get(..len).unwrap_or_default());
            return len;
        }
        if c == '`' {
            return self.code_span(rest);
        }
        if self.skip_space && c.is_whitespace() {
            return c.len_utf8();
        }
        self.skip_space = false;
        self.out.push(c);
        c.len_utf8()
    }

    /// A Markdown code span is copied whole; an unmatched backtick run is text.
    fn code_span(&mut self, rest: &str) -> usize {
        self.skip_space = false;
        let run = rest.chars().take_while(|c| *c == '`').count();
        let body = rest.get(run..).unwrap_or_default();
        let ticks = &rest[..run];
        let close = body
            .match_indices(ticks)
            .find(|(at, _)| !body[at + run..].starts_with('`') && !body[..*at].ends_with('`'));
        let len = close.map_or(run, |(at, _)| run + at + run);
        self.out.push_str(rest.get(..len).unwrap_or(rest));
        len
    }

    fn capture_step(&mut self, rest: &str, c: char) -> usize {
        if c == '<'
            && let Some((tag, len)) = parse_tag(rest)
            && tag.closing
            && let Some(capture) = self.capture.as_ref()
            && Action::of(&tag)
                == Some(if capture.pre {
                    Action::Pre
                } else {
                    Action::Code
                })
        {
            self.end_capture();
            return len;
        }
        if let Some(capture) = self.capture.as_mut() {
            capture.text.push(c);
        }
        c.len_utf8()
    }

    fn tag(&mut self, tag: &Tag<'_>, action: Action, raw: &str) {
        match action {
            Action::Paragraph => self.block_break(),
            Action::LineBreak => self.line_break(),
            Action::Rule => {
                self.block_break();
                self.out.push_str("---");
                self.block_break();
            }
            Action::Heading => self.heading(tag.closing),
            Action::List { numbered } => self.list(tag.closing, numbered),
            Action::Item if !tag.closing => self.item(),
            Action::Strong => self.push_inline("**"),
            Action::Emphasis => self.push_inline("*"),
            Action::Code | Action::Pre if !tag.closing => {
                let pre = action == Action::Pre;
                self.capture = Some(Capture {
                    pre,
                    text: String::new(),
                });
            }
            Action::Image if !tag.closing => self.image(tag.attributes),
            Action::Anchor => self.anchor(tag, raw),
            _ => {}
        }
    }

    fn push_inline(&mut self, text: &str) {
        self.skip_space = false;
        self.out.push_str(text);
    }

    /// Ends the current block: trailing blanks go, one blank line follows (nothing
    /// at the very start), and the input's whitespace is skipped until text comes.
    fn block_break(&mut self) {
        if !self.lists.is_empty() {
            return self.line_break();
        }
        self.trim_end();
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.skip_space = true;
    }

    /// A new line inside the current list item, or a block break outside lists.
    fn line_break(&mut self) {
        let Some(list) = self.lists.last() else {
            return self.block_break();
        };
        let column = list.content_column;
        if self.at_item_start() {
            // `<li><p>…`: the item's first block starts on the marker's line.
            self.skip_space = true;
            return;
        }
        self.trim_spaces();
        self.out.push('\n');
        self.out.push_str(&" ".repeat(column));
        self.skip_space = true;
    }

    fn heading(&mut self, closing: bool) {
        if closing {
            self.trim_end();
            self.out.push_str("**");
            self.block_break();
        } else {
            self.block_break();
            self.out.push_str("**");
        }
    }

    fn list(&mut self, closing: bool, numbered: bool) {
        if closing {
            if self.lists.pop().is_some() && self.lists.is_empty() {
                self.block_break();
            }
            return;
        }
        let content_column = self.lists.last().map_or(0, |l| l.content_column);
        if self.lists.is_empty() {
            self.block_break();
        }
        self.lists.push(List {
            next_number: numbered.then_some(1),
            indent: content_column,
            content_column,
        });
    }

    fn item(&mut self) {
        let Some(list) = self.lists.last_mut() else {
            return self.block_break();
        };
        let indent = list.indent;
        let marker = match &mut list.next_number {
            Some(number) => {
                let marker = format!("{number}. ");
                *number = number.saturating_add(1);
                marker
            }
            None => "- ".to_owned(),
        };
        list.content_column = indent + marker.len();
        self.trim_spaces();
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out.push_str(&" ".repeat(indent));
        self.out.push_str(&marker);
        self.skip_space = true;
    }

    fn image(&mut self, attributes: &str) {
        let alt = attribute(attributes, "alt").unwrap_or_default();
        let alt = html_escape::decode_html_entities(alt);
        let alt = alt.replace(['[', ']', '\n'], " ");
        match attribute(attributes, "src").filter(|src| is_plain_web_url(src)) {
            Some(src) => self.push_inline(&format!("![{}]({src})", alt.trim())),
            None => self.push_inline(alt.trim()),
        }
    }

    fn anchor(&mut self, tag: &Tag<'_>, raw: &str) {
        let keep = if tag.closing {
            self.anchors.pop().unwrap_or(true)
        } else {
            let keep = attribute(tag.attributes, "href")
                .is_some_and(|href| is_plain_web_url(href) || href.starts_with("mailto:"));
            self.anchors.push(keep);
            keep
        };
        if keep {
            self.push_inline(raw);
        }
    }

    fn end_capture(&mut self) {
        let Some(capture) = self.capture.take() else {
            return;
        };
        let text = html_escape::decode_html_entities(&strip_tags(&capture.text)).into_owned();
        if capture.pre {
            self.pre_block(&text);
        } else if !text.trim().is_empty() {
            self.push_inline(&code_span(&text));
        }
    }

    /// `text` as a ```` ```text ```` block whose fence no line inside can close.
    fn pre_block(&mut self, text: &str) {
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let lines: Vec<&str> = text.lines().collect();
        let first = lines.iter().position(|l| !l.trim().is_empty());
        let last = lines.iter().rposition(|l| !l.trim().is_empty());
        let (Some(first), Some(last)) = (first, last) else {
            return;
        };
        let in_list = !self.lists.is_empty();
        self.block_break();
        if in_list {
            // A code block inside a list item would need the item's indentation on every
            // line; keep the list flat instead and let the block follow it.
            self.trim_end();
            self.out.push_str("\n\n");
        }
        self.out.push_str(&fence);
        self.out.push_str("text\n");
        for line in &lines[first..=last] {
            self.out.push_str(line);
            self.out.push('\n');
        }
        self.out.push_str(&fence);
        self.block_break();
    }

    /// Whether the output's last line is a list marker with nothing after it yet.
    fn at_item_start(&self) -> bool {
        let last = self.out.rsplit('\n').next().unwrap_or_default().trim();
        last == "-"
            || last
                .strip_suffix('.')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    }

    /// Removes spaces at the end of the last line.
    fn trim_spaces(&mut self) {
        let kept = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(kept);
    }

    fn trim_end(&mut self) {
        let kept = self.out.trim_end().len();
        self.out.truncate(kept);
    }

    fn finish(mut self) -> String {
        self.end_capture();
        self.trim_end();
        self.out
    }
}

/// `text` without its tags (a `<` that does not open a tag stays).
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(rest) = text.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        if c == '<'
            && let Some((_, len)) = parse_tag(rest)
        {
            i += len;
            continue;
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The value of attribute `name` in a tag's attribute text, quoted with `"` or `'`.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let lower = attributes.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower.get(from..)?.find(name) {
        let at = from + found;
        from = at + name.len();
        let starts_a_name = at == 0 || lower[..at].ends_with(|c: char| c.is_whitespace());
        let rest = attributes.get(from..)?.trim_start();
        let value = rest.strip_prefix('=').map(str::trim_start);
        let Some(value) = value.filter(|_| starts_a_name) else {
            continue;
        };
        let quote = value.chars().next().filter(|q| matches!(q, '"' | '\''))?;
        let body = value.get(1..)?;
        return body.find(quote).and_then(|end| body.get(..end));
    }
    None
}

/// An `http(s)` URL a Markdown link or image can hold as it is.
fn is_plain_web_url(url: &str) -> bool {
    (url.starts_with("http://") || url.starts_with("https://"))
        && !url.contains(|c: char| c.is_whitespace() || "<>()[]\"'`".contains(c))
}

#[cfg(test)]
mod tests;
