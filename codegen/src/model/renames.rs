//! Settings `rename_types` and `rename_operations`: the user's names for generated
//! types and methods (docs/entry-points.md, "Renames").
//!
//! A type rename gives the schema with that key in `components/schemas` the new name
//! (made PascalCase, and unique like every name); an operation rename gives the
//! operation with that operationId (or derived id, or the method name derived from
//! it) the new method name (made snake_case), and its request, error and response
//! types follow from it. A rename that matches nothing is a warning (SF2011 for types,
//! SF3006 for operations) so that a typo is not silent.

use std::collections::HashMap;

use crate::Settings;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::settings::kinds::rename;

/// The renames of one generation.
#[derive(Debug, Default)]
pub(crate) struct Renames {
    types: HashMap<String, String>,
    operations: HashMap<String, String>,
}

impl Renames {
    /// From the settings (pairs were checked when set; one that does not parse is
    /// skipped). A later pair for the same name wins.
    pub(crate) fn new(settings: &Settings) -> Self {
        let pairs = |list: &[String]| list.iter().filter_map(|p| rename(p)).collect();
        Self {
            types: pairs(&settings.rename_types),
            operations: pairs(&settings.rename_operations),
        }
    }

    /// The user's name for the type of the schema with key `key`.
    pub(crate) fn type_name(&self, key: &str) -> Option<&str> {
        self.types.get(key).map(String::as_str)
    }

    /// The user's method name for the operation with id `id` (as written or derived),
    /// or whose derived method name is `method`: `(the name that matched, the new name)`.
    pub(crate) fn operation<'a>(
        &'a self,
        id: &'a str,
        method: &'a str,
    ) -> Option<(&'a str, &'a str)> {
        [id, method].into_iter().find_map(|name| {
            self.operations
                .get_key_value(name)
                .map(|(key, new)| (key.as_str(), new.as_str()))
        })
    }

    /// SF2011 for each type rename whose name is not among `schema_keys`.
    pub(crate) fn unmatched_types<'a>(
        &self,
        schema_keys: impl IntoIterator<Item = &'a str> + Clone,
    ) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .types
            .keys()
            .filter(|name| !schema_keys.clone().into_iter().any(|k| k == name.as_str()))
            .map(|name| {
                Diagnostic::warning(
                    "SF2011",
                    Pointer::root().push("components").push("schemas"),
                    format!("setting `rename_types`: the document has no schema named `{name}`"),
                )
                .with_help("names are the keys of components/schemas, as written")
            })
            .collect();
        out.sort_by(|a, b| a.message.cmp(&b.message));
        out
    }

    /// SF3006 for each operation rename that matched none of `matched` (the names,
    /// ids or method names, that renamed an operation).
    pub(crate) fn unmatched_operations(&self, matched: &[String]) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .operations
            .keys()
            .filter(|name| !matched.contains(name))
            .map(|name| {
                Diagnostic::warning(
                    "SF3006",
                    Pointer::root().push("paths"),
                    format!("setting `rename_operations`: no operation has the id `{name}`"),
                )
                .with_help("use the operationId as written, or the method name specforge derives (`specforge check` lists the operations)")
            })
            .collect();
        out.sort_by(|a, b| a.message.cmp(&b.message));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renames(types: &[&str], operations: &[&str]) -> Renames {
        let mut settings = Settings::new("x.yaml");
        settings.rename_types = types.iter().map(|p| (*p).to_owned()).collect();
        settings.rename_operations = operations.iter().map(|p| (*p).to_owned()).collect();
        Renames::new(&settings)
    }

    #[test]
    fn operations_match_by_id_then_by_derived_method_name() {
        let r = renames(&[], &["getPet=fetch_pet", "list_pets=pets"]);
        assert_eq!(
            r.operation("getPet", "get_pet"),
            Some(("getPet", "fetch_pet"))
        );
        assert_eq!(
            r.operation("listPets", "list_pets"),
            Some(("list_pets", "pets"))
        );
        assert_eq!(r.operation("other", "other"), None);
        let unmatched = r.unmatched_operations(&["getPet".to_owned()]);
        assert_eq!(unmatched.len(), 1);
        assert_eq!(unmatched[0].code, "SF3006");
        assert!(unmatched[0].message.contains("`list_pets`"));
    }

    #[test]
    fn type_renames_that_match_no_schema_are_warnings() {
        let r = renames(&["Pet=Animal", "Pets=Animals"], &[]);
        assert_eq!(r.type_name("Pet"), Some("Animal"));
        let unmatched = r.unmatched_types(["Pet", "Owner"]);
        assert_eq!(unmatched.len(), 1);
        assert_eq!(unmatched[0].code, "SF2011");
        assert!(unmatched[0].message.contains("`Pets`"));
    }
}
