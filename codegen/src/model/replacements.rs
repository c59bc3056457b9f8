//! Setting `replace`: schemas, and schemas of a `format`, replaced by the user's own
//! types (docs/entry-points.md, "Type replacement").
//!
//! A replaced component schema is not lowered: its slot becomes
//! `TypeKind::Alias(TypeRef::External(path))`, so every `$ref` to it names the user's
//! type (through the alias `types::Name`), and types only it referred to are not
//! generated for it. A replaced format makes every string, integer or number schema
//! with that `format` `TypeRef::External(path)`. A replacement that matches nothing in
//! the document is warning SF2010 naming the closest schema names.

use std::collections::HashMap;

use serde_json::Value;

use crate::Settings;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::settings::kinds::{Replaced, replacement};

/// The replacements of one generation, by schema name and by format.
#[derive(Debug, Default)]
pub(crate) struct Replacements {
    schemas: HashMap<String, String>,
    formats: HashMap<String, String>,
}

impl Replacements {
    /// From setting `replace` (values were checked when the setting was set; a pair
    /// that does not parse is skipped). A later pair for the same name wins.
    pub(crate) fn new(settings: &Settings) -> Self {
        let mut out = Self::default();
        for (replaced, path) in settings.replace.iter().filter_map(|p| replacement(p)) {
            match replaced {
                Replaced::Schema(name) => out.schemas.insert(name, path),
                Replaced::Format(format) => out.formats.insert(format, path),
            };
        }
        out
    }

    /// The user's type for the component schema named `key`.
    pub(crate) fn schema(&self, key: &str) -> Option<&str> {
        self.schemas.get(key).map(String::as_str)
    }

    /// The user's type for schemas with this `format`.
    pub(crate) fn format(&self, format: &str) -> Option<&str> {
        self.formats.get(format).map(String::as_str)
    }

    /// SF2010 for each replacement that matches no component schema or no format used
    /// in `document`.
    pub(crate) fn unmatched(&self, document: &Value) -> Vec<Diagnostic> {
        let base = Pointer::root().push("components").push("schemas");
        let schemas = document.pointer(base.as_str()).and_then(Value::as_object);
        let schema_names: Vec<&str> = schemas
            .map(|s| s.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut out = Vec::new();
        for name in self.schemas.keys() {
            if !schema_names.contains(&name.as_str()) {
                out.push(unmatched_schema(name, &schema_names, &base));
            }
        }
        let formats = self
            .formats
            .keys()
            .filter(|format| !uses_format(document, format));
        for format in formats {
            out.push(
                Diagnostic::warning(
                    "SF2010",
                    Pointer::root(),
                    format!("setting `replace`: no schema of the document has `format: {format}`"),
                )
                .with_help("check the format's spelling, or remove the replacement"),
            );
        }
        out.sort_by(|a, b| a.message.cmp(&b.message));
        out
    }
}

fn unmatched_schema(name: &str, schema_names: &[&str], base: &Pointer) -> Diagnostic {
    let mut closest: Vec<(f64, &str)> = schema_names
        .iter()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .collect();
    closest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let help = match closest.first() {
        Some((_, best)) => format!(
            "the closest schema name is `{best}` (names are the keys of components/schemas, as written)"
        ),
        None => "names are the keys of components/schemas, as written".to_owned(),
    };
    Diagnostic::warning(
        "SF2010",
        base.clone(),
        format!("setting `replace`: the document has no schema named `{name}`"),
    )
    .with_help(help)
}

/// Whether any object in `document` has `"format": format` (iterative: no recursion
/// on document depth).
fn uses_format(document: &Value, format: &str) -> bool {
    let mut stack = vec![document];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if map.get("format").and_then(Value::as_str) == Some(format) {
                    return true;
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replacements(pairs: &[&str]) -> Replacements {
        let mut settings = Settings::new("x.yaml");
        settings.replace = pairs.iter().map(|p| (*p).to_owned()).collect();
        Replacements::new(&settings)
    }

    #[test]
    fn schemas_and_formats_are_looked_up_by_name() {
        let r = replacements(&["Money=crate::Money", "format:decimal=rust_decimal::Decimal"]);
        assert_eq!(r.schema("Money"), Some("crate::Money"));
        assert_eq!(r.schema("money"), None);
        assert_eq!(r.format("decimal"), Some("rust_decimal::Decimal"));
        assert_eq!(r.format("Money"), None);
    }

    #[test]
    fn a_replacement_that_matches_nothing_is_a_warning_naming_the_closest() {
        let document = serde_json::json!({
            "components": {"schemas": {
                "MoneyAmount": {"type": "object"},
                "Price": {"type": "string", "format": "decimal"}
            }}
        });
        let r = replacements(&[
            "MoneyAmounts=crate::Money",
            "Price=crate::Price",
            "format:decimal=crate::Decimal",
            "format:money=crate::Money",
        ]);
        let diagnostics = r.unmatched(&document);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "setting `replace`: no schema of the document has `format: money`",
                "setting `replace`: the document has no schema named `MoneyAmounts`",
            ]
        );
        assert!(diagnostics.iter().all(|d| d.code == "SF2010"));
        let help = diagnostics[1].help.as_deref().unwrap_or_default();
        assert!(help.contains("`MoneyAmount`"), "{help}");
    }
}
