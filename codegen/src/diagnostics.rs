//! Diagnostics: every problem found in a document, collected, never thrown.
//!
//! A [`Diagnostic`] names the place (a JSON pointer into the document, and the
//! file, line and column where the source has them), says what is wrong and,
//! where it can, what to do. Errors stop generation (nothing is written);
//! warnings mean a part was degraded (typed as `serde_json::Value`, or an
//! operation skipped) and the rest generated.

use std::fmt;
use std::path::PathBuf;

/// A JSON pointer (RFC 6901) into the document, in URI-fragment form without
/// the `#`: `/paths/~1pets~1{petId}/get`. The root is the empty string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The document root.
    pub fn root() -> Self {
        Self(String::new())
    }

    /// Parses the fragment of a `$ref` (`#/components/schemas/Pet` or `/components/...`).
    pub fn from_fragment(fragment: &str) -> Self {
        Self(fragment.trim_start_matches('#').to_owned())
    }

    /// This pointer extended by one reference token (escaped per RFC 6901).
    pub fn push(&self, token: impl AsRef<str>) -> Self {
        let token = token.as_ref();
        let mut out = String::with_capacity(self.0.len() + token.len() + 1);
        out.push_str(&self.0);
        out.push('/');
        for c in token.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
        Self(out)
    }

    /// The pointer text (`/components/schemas/Pet`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The unescaped reference tokens.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was degraded or ignored; the output is still complete and compiles.
    Warning,
    /// Generation cannot produce a client.
    Error,
}

/// Where in a source file a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the entry document or the `$ref` named it.
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

/// One problem found in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// Stable code (`SF0101`), documented in docs/diagnostics.md.
    pub code: &'static str,
    /// The JSON pointer of the offending value in the document.
    pub pointer: Pointer,
    /// File, line and column, filled in when the source map knows the pointer.
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Severity {
    /// `"warning"` or `"error"`, as printed and in `--message-format json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl Diagnostic {
    /// A warning with `code` at `pointer`.
    pub fn warning(code: &'static str, pointer: Pointer, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            code,
            pointer,
            location: None,
            message: message.into(),
            help: None,
        }
    }

    /// An error with `code` at `pointer`.
    pub fn error(code: &'static str, pointer: Pointer, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            ..Self::warning(code, pointer, message)
        }
    }

    /// Adds what to do about it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error (no client can be generated).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: warning[SF0101]: message (at #/pointer)\n  help: ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            let file = loc.file.display().to_string();
            write!(f, "{}:{}:{}: ", Escaped(&file), loc.line, loc.column)?;
        }
        let severity = self.severity.as_str();
        let pointer = self.pointer.to_string();
        write!(
            f,
            "{severity}[{}]: {} (at {})",
            self.code,
            Escaped(&self.message),
            Escaped(&pointer)
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", Escaped(help))?;
        }
        Ok(())
    }
}

/// `text` (from a document) made safe to print on a terminal: control characters
/// other than line breaks and tabs, and bidirectional overrides, become `\u{…}`
/// escapes. Used by every renderer of diagnostics (the CLI's snippets, too).
pub fn terminal_safe(text: &str) -> String {
    Escaped(text).to_string()
}

/// Text from a document, written so that it cannot drive a terminal: control
/// characters other than line breaks and tabs (ANSI escape sequences start with
/// one) and bidirectional overrides are written as `\u{…}` escapes.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        for c in self.0.chars() {
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
            // Line breaks and tabs stay: they cannot drive a terminal.
            if (c.is_control() && c != '\n' && c != '\t') || bidi {
                write!(f, "\\u{{{:x}}}", u32::from(c))?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}

/// Collects diagnostics during one generation.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds a warning.
    pub fn warn(&mut self, code: &'static str, pointer: Pointer, message: impl Into<String>) {
        self.push(Diagnostic::warning(code, pointer, message));
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// All of them, in the order they were found.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// All of them, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_control_text_from_the_document_is_escaped() {
        let diagnostic = Diagnostic::warning(
            "SF0000",
            Pointer::root().push("paths").push("/\u{1b}[2J"),
            "schema `\u{1b}[31mred\u{1b}[0m` \u{202E}txt.exe",
        )
        .with_help("rename `\u{7}`");
        let text = diagnostic.to_string();
        assert!(
            !text
                .chars()
                .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{202E}'),
            "{text:?}"
        );
        assert!(
            text.contains(r"schema `\u{1b}[31mred\u{1b}[0m` \u{202e}txt.exe"),
            "{text}"
        );
        assert!(text.contains(r"\u{1b}[2J"), "{text}");
        assert!(text.ends_with("\n  help: rename `\\u{7}`"), "{text:?}");
    }
}
