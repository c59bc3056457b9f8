//! Doc comments: model [`Docs`] → `#[doc = "…"]` attributes.
//!
//! Every line becomes one `#[doc = " line"]` literal built by `quote!`, so no
//! text from the document can leave the string literal (prettyplease prints
//! them as `///` comments). The text itself goes through the one path of
//! [`super::markdown`], and every assembled doc comment is checked again
//! with rustdoc's parser ([`super::markdown::inert`]).

use proc_macro2::TokenStream;
use quote::quote;

use super::markdown::{doc_lines, inert};
use crate::model::Docs;

/// Collects documentation paragraphs, then turns them into attributes.
#[derive(Debug, Default)]
pub(crate) struct DocBuilder {
    lines: Vec<String>,
}

impl DocBuilder {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Summary, then description (skipped when it repeats the summary).
    pub(crate) fn docs(mut self, docs: &Docs) -> Self {
        let summary = docs
            .summary
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if let Some(summary) = summary {
            // The summary is one paragraph: its line breaks are spaces.
            let one_line = summary.split_whitespace().collect::<Vec<_>>().join(" ");
            self = self.paragraph(&one_line);
        }
        if let Some(description) = docs.description.as_deref()
            && Some(description.trim()) != summary
        {
            self = self.paragraph(description);
        }
        self
    }

    /// Markdown from the document, sanitized, as its own paragraph.
    pub(crate) fn paragraph(mut self, markdown: &str) -> Self {
        let lines = doc_lines(markdown);
        if lines.is_empty() {
            return self;
        }
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.extend(lines);
        self
    }

    /// Text written by the generator (trusted, not sanitized), as its own paragraph.
    pub(crate) fn own(mut self, text: &str) -> Self {
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.extend(text.lines().map(str::to_owned));
        self
    }

    /// A Markdown list item `- {label}: {text}`, the text sanitized; items
    /// added one after the other form one list.
    ///
    /// Text that starts with a block other than a paragraph (a code fence, a
    /// quote, a list, a heading) starts on the line after the label, indented
    /// as the item's content: after `- {label}: ` a fence would be inline
    /// text and its closing fence would open a new, unlabelled code block.
    pub(crate) fn list_item(mut self, label: &str, markdown: &str) -> Self {
        let mut lines = doc_lines(markdown).into_iter().peekable();
        let starts_block = lines.peek().is_some_and(|first| opens_block(first));
        if starts_block {
            self.lines.push(format!("- {label}:"));
        } else {
            let first = lines.next().unwrap_or_default();
            self.lines
                .push(format!("- {label}: {first}").trim_end().to_owned());
        }
        self.lines
            .extend(lines.map(|l| if l.is_empty() { l } else { format!("  {l}") }));
        self
    }

    /// A blank line (to start a list after a paragraph).
    pub(crate) fn blank(mut self) -> Self {
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self
    }

    /// The only line, when there is exactly one.
    pub(crate) fn single_line(&self) -> Option<&str> {
        match self.lines.as_slice() {
            [line] => Some(line),
            _ => None,
        }
    }

    /// The `#[doc]` attributes.
    pub(crate) fn build(self) -> TokenStream {
        inert(self.lines)
            .iter()
            .map(|line| {
                let text = if line.is_empty() {
                    String::new()
                } else {
                    format!(" {line}")
                };
                quote!(#[doc = #text])
            })
            .collect()
    }
}

/// Whether a sanitized line starts a block that must not follow `- label: `.
fn opens_block(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    trimmed.starts_with("```")
        || trimmed.starts_with("~~~")
        || trimmed.starts_with('>')
        || is_heading(trimmed)
        || trimmed.starts_with("- ")
        || trimmed.starts_with("* ")
        || trimmed.starts_with("+ ")
}

/// An ATX heading: one to six `#`, then a space or the end of the line.
fn is_heading(line: &str) -> bool {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    (1..=6).contains(&hashes)
        && line
            .get(hashes..)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
}

/// Doc attributes for `docs`, plus `#[deprecated]` when it says so.
pub(crate) fn doc_attrs(docs: &Docs) -> TokenStream {
    let attrs = DocBuilder::new().docs(docs).build();
    let deprecated = deprecated_attr(docs);
    quote!(#attrs #deprecated)
}

/// `#[deprecated]` when `docs.deprecated`.
pub(crate) fn deprecated_attr(docs: &Docs) -> TokenStream {
    if docs.deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    }
}
