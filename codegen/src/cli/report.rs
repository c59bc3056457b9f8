//! How the CLI prints diagnostics: `--message-format human` (the default) or `json`.
//!
//! Human output is rendered like rustc's by annotate-snippets (the library rustc
//! uses): a `error[SF0001]: message` title, the source line with a caret under the
//! column, the JSON pointer as the caret's label, and a `help:` line. Colour only
//! when the stream is a terminal and `NO_COLOR` is not set. A diagnostic without a
//! location (or whose file cannot be read again) gets the `--> file` line alone.
//!
//! JSON output is one object per line per diagnostic (docs/diagnostics.md):
//! `{"code","severity","message","file","line","column","pointer","help"}`.
//! Every text from the document is escaped before it reaches a terminal
//! ([`terminal_safe`]); JSON strings are escaped by serde_json.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use specforge_codegen::Diagnostic;
use specforge_codegen::diagnostics::terminal_safe;

/// `--message-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum MessageFormat {
    /// Rendered for people: a snippet with a caret, colour on a terminal.
    #[default]
    Human,
    /// One JSON object per line per diagnostic, for tools.
    Json,
}

/// Prints diagnostics in one format, reading each source file at most once.
pub(crate) struct Reporter {
    format: MessageFormat,
    renderer: Renderer,
    /// The spec path: stands in for the file of a diagnostic without a location.
    spec: PathBuf,
    sources: HashMap<PathBuf, Option<String>>,
}

impl Reporter {
    /// A reporter for `spec`'s diagnostics, coloured when `terminal` (the stream
    /// they go to) is a terminal.
    pub(crate) fn new(format: MessageFormat, spec: &Path, terminal: bool) -> Self {
        Self {
            format,
            renderer: if use_colour(terminal, std::env::var_os("NO_COLOR")) {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
            spec: spec.to_path_buf(),
            sources: HashMap::new(),
        }
    }

    /// The diagnostic as the chosen format's text (ends without a newline).
    pub(crate) fn render(&mut self, diagnostic: &Diagnostic) -> String {
        match self.format {
            MessageFormat::Human => self.human(diagnostic),
            MessageFormat::Json => json(diagnostic, &self.spec),
        }
    }

    fn human(&mut self, diagnostic: &Diagnostic) -> String {
        let level = match diagnostic.severity {
            specforge_codegen::Severity::Error => Level::ERROR,
            _ => Level::WARNING,
        };
        let message = terminal_safe(&diagnostic.message);
        let pointer = format!("at {}", terminal_safe(&diagnostic.pointer.to_string()));
        let title = level.primary_title(&message).id(diagnostic.code);
        let file = terminal_safe(
            &diagnostic
                .location
                .as_ref()
                .map_or(self.spec.as_path(), |l| l.file.as_path())
                .display()
                .to_string(),
        );
        let line_text = diagnostic.location.as_ref().and_then(|l| {
            let text = self.source(&l.file)?;
            text.lines().nth(l.line.checked_sub(1)?).map(terminal_safe)
        });
        let mut group = match (&diagnostic.location, &line_text) {
            (Some(location), Some(text)) => {
                let span = caret_span(text, location.column);
                title.element(
                    Snippet::source(text.as_str())
                        .line_start(location.line)
                        .path(file.as_str())
                        .annotation(AnnotationKind::Primary.span(span).label(pointer.as_str())),
                )
            }
            (Some(location), None) => title.element(
                Origin::path(file.as_str())
                    .line(location.line)
                    .char_column(location.column),
            ),
            (None, _) => title
                .element(Origin::path(file.as_str()))
                .element(Level::NOTE.message(pointer.as_str())),
        };
        let help = diagnostic.help.as_deref().map(terminal_safe);
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: [Group<'_>; 1] = [group];
        self.renderer.render(&report)
    }

    /// The text of `file`, read once (None when it cannot be read as UTF-8).
    fn source(&mut self, file: &Path) -> Option<&String> {
        self.sources
            .entry(file.to_path_buf())
            .or_insert_with(|| std::fs::read_to_string(file).ok())
            .as_ref()
    }
}

/// Colour on a terminal unless `NO_COLOR` is set to a non-empty value (no-color.org).
fn use_colour(is_terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty())
}

/// The byte range the caret covers: from the 1-based character `column` to the end
/// of the token there (a quoted string with its quotes, else up to a delimiter),
/// at least one character; past the end of the line, the line's end.
fn caret_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let mut chars = rest.char_indices();
    let len = match chars.next() {
        None => 0,
        Some((_, '"')) => chars
            .scan(false, |escaped, (i, c)| {
                let end = !*escaped && c == '"';
                *escaped = !*escaped && c == '\\';
                Some((i, end))
            })
            .find(|&(_, end)| end)
            .map_or(rest.len(), |(i, _)| i + 1),
        Some((_, first)) => rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, ',' | ':' | '}' | ']'))
            .map_or(rest.len(), |(i, _)| i.max(first.len_utf8())),
    };
    start..start + len
}

/// One diagnostic as a JSON object on one line.
pub(crate) fn json(diagnostic: &Diagnostic, spec: &Path) -> String {
    let location = diagnostic.location.as_ref();
    let file = location.map_or(spec, |l| l.file.as_path());
    serde_json::json!({
        "code": diagnostic.code,
        "severity": diagnostic.severity.as_str(),
        "message": diagnostic.message,
        "file": file.to_string_lossy(),
        "line": location.map(|l| l.line),
        "column": location.map(|l| l.column),
        "pointer": diagnostic.pointer.to_string(),
        "help": diagnostic.help,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use specforge_codegen::{Location, Pointer};

    fn located(file: &Path, line: usize, column: usize) -> Diagnostic {
        let mut d = Diagnostic::error(
            "SF0001",
            Pointer::root().push("info"),
            "expected `,` or `}`",
        )
        .with_help("fix the syntax");
        d.location = Some(Location {
            file: file.to_path_buf(),
            line,
            column,
        });
        d
    }

    #[test]
    fn human_output_shows_the_line_with_a_caret_at_the_column() {
        let dir = std::env::temp_dir().join(format!("specforge-report-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("api.json");
        std::fs::write(&file, "{\n  \"info\": {\"title\" 1}\n}\n").unwrap();
        let mut reporter = Reporter::new(MessageFormat::Human, &file, false);
        let text = reporter.render(&located(&file, 2, 20));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "error[SF0001]: expected `,` or `}`", "{text}");
        assert!(
            lines[1].ends_with(&format!("{}:2:20", file.display())),
            "{text}"
        );
        let source = lines
            .iter()
            .position(|l| l.contains("\"title\" 1"))
            .unwrap();
        let caret = lines[source + 1];
        // The caret sits under the `1` (column 20) and is labelled with the pointer.
        let at = lines[source].find("1}").unwrap();
        assert_eq!(caret.find('^'), Some(at), "{text}");
        assert!(caret.ends_with("^ at #/info"), "{text}");
        assert!(text.contains("help: fix the syntax"), "{text}");
        // Not a terminal: no colour.
        assert!(!text.contains('\u{1b}'), "{text:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn without_a_readable_source_the_location_is_still_given() {
        let mut reporter = Reporter::new(MessageFormat::Human, Path::new("spec.yaml"), false);
        let text = reporter.render(&located(Path::new("no/such/file.yaml"), 7, 3));
        assert!(text.contains("--> no/such/file.yaml:7:3"), "{text}");
        let unlocated = Diagnostic::warning("SF3002", Pointer::root().push("paths"), "twice");
        let text = reporter.render(&unlocated);
        assert!(text.starts_with("warning[SF3002]: twice"), "{text}");
        assert!(text.contains("--> spec.yaml"), "{text}");
        assert!(text.contains("note: at #/paths"), "{text}");
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(use_colour(true, None));
        assert!(use_colour(true, Some("".into())));
        assert!(!use_colour(true, Some("1".into())));
        assert!(!use_colour(false, None));
    }

    #[test]
    fn document_text_cannot_drive_the_terminal() {
        let dir = std::env::temp_dir().join(format!("specforge-report-esc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("api.yaml");
        std::fs::write(&file, "title: \u{1b}[2Jx\n").unwrap();
        let mut d = located(&file, 1, 8);
        d.message = "bad \u{1b}[31m".into();
        let mut reporter = Reporter::new(MessageFormat::Human, &file, false);
        let text = reporter.render(&d);
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains(r"\u{1b}[2Jx"), "{text}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn caret_spans_cover_the_token() {
        assert_eq!(caret_span(r#"  "a\"b": 1"#, 3), 2..8);
        assert_eq!(caret_span("  key: value", 3), 2..5);
        assert_eq!(caret_span("x", 5), 1..1);
        assert_eq!(caret_span("é: 1", 1), 0..2);
        assert_eq!(caret_span(", 1", 1), 0..1);
    }

    #[test]
    fn json_has_every_field_on_one_line() {
        let d = located(Path::new("api.json"), 2, 22);
        let line = json(&d, Path::new("spec.json"));
        assert!(!line.contains('\n'));
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"code": "SF0001", "severity": "error",
                "message": "expected `,` or `}`", "file": "api.json", "line": 2, "column": 22,
                "pointer": "#/info", "help": "fix the syntax"})
        );
        let unlocated = Diagnostic::warning("SF3002", Pointer::root(), "twice");
        let value: serde_json::Value =
            serde_json::from_str(&json(&unlocated, Path::new("spec.json"))).unwrap();
        assert_eq!(value["file"], "spec.json");
        assert_eq!(value["line"], serde_json::Value::Null);
        assert_eq!(value["help"], serde_json::Value::Null);
        assert_eq!(value["pointer"], "#");
    }
}
