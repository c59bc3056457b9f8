//! Setting `attribute`: extra attributes on generated types, all of them or named
//! schemas (docs/entry-points.md, "Extra attributes").
//!
//! An attribute goes on every type the request names except aliases (a `type` item
//! takes almost no attribute, and a type of the same shape as another is one). On an
//! object type that is already `#[non_exhaustive]` (setting `value_builders`),
//! `non_exhaustive` is not repeated (a repeated attribute is a warning, an error under
//! `deny(warnings)`). A `SCHEMA=` that matches no generated type is warning SF2013.
//! The attribute is otherwise passed through: the types it is put on must accept it.

use std::collections::HashSet;

use crate::Settings;
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};
use crate::model::{TypeArena, TypeDef, TypeKind};
use crate::settings::kinds::{DeriveTarget, attribute_request};

/// The extra attributes of every type (by `TypeId` index), as the text inside `#[…]`.
pub(crate) fn extra_attributes(
    types: &TypeArena,
    settings: &Settings,
    diags: &mut Diagnostics,
) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); types.defs.len()];
    for (target, attr) in settings
        .attribute
        .iter()
        .filter_map(|a| attribute_request(a))
    {
        let mut matched = false;
        for (index, def) in types.defs.iter().enumerate() {
            if !is_target(def, &target) {
                continue;
            }
            matched = true;
            if takes_attribute(def) && !already_there(def, &attr, settings) {
                out[index].push(attr.clone());
            }
        }
        if let (DeriveTarget::Schema(key), false) = (&target, matched) {
            diags.push(no_such_schema(key, &attr));
        }
    }
    for list in &mut out {
        let mut seen = HashSet::new();
        list.retain(|attr| seen.insert(attr.clone()));
    }
    out
}

/// Whether the request names `def`.
pub(crate) fn is_target(def: &TypeDef, target: &DeriveTarget) -> bool {
    match target {
        DeriveTarget::All => true,
        DeriveTarget::Schema(key) => {
            let tokens: Vec<String> = def.pointer.tokens().collect();
            matches!(tokens.as_slice(), [c, s, k] if c == "components" && s == "schemas" && k == key)
        }
    }
}

/// Whether `def` is emitted as a struct or an enum (not as a `type` alias).
fn takes_attribute(def: &TypeDef) -> bool {
    let alias = match &def.kind {
        TypeKind::Alias(_) => true,
        TypeKind::Union(u) => u.variants.is_empty(),
        _ => false,
    };
    !alias && def.same_as.is_none()
}

/// `non_exhaustive` on an object type that value builders already made so.
fn already_there(def: &TypeDef, attr: &str, settings: &Settings) -> bool {
    attr == "non_exhaustive" && settings.value_builders && matches!(def.kind, TypeKind::Struct(_))
}

fn no_such_schema(key: &str, attr: &str) -> Diagnostic {
    Diagnostic::warning(
        "SF2013",
        Pointer::root().push("components").push("schemas"),
        format!("setting `attribute`: `{key}={attr}` names no schema with a generated type"),
    )
    .with_help("use a key of `components/schemas` as written in the document")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(settings: &Settings) -> (crate::model::Api, Diagnostics) {
        let spec = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {
                "Pet": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
                "Color": {"type": "string", "enum": ["red", "blue"]},
                "Name": {"type": "string"}
            }}
        });
        let mut diags = Diagnostics::default();
        let api = crate::model::lower::lower(&spec, settings, &mut diags);
        (api, diags)
    }

    fn attrs_of<'a>(api: &'a crate::model::Api, name: &str) -> &'a [String] {
        // Test code: the names are the fixed document's; a missing one fails the test.
        let index = api.types.defs.iter().position(|d| d.name == name).unwrap();
        &api.extra_attributes[index]
    }

    #[test]
    fn attributes_go_on_structs_and_enums_not_on_aliases_and_not_twice() {
        let mut settings = Settings::new("x.yaml");
        settings.attribute = vec!["non_exhaustive".into(), "Pet=must_use".into()];
        let (api, diags) = lowered(&settings);
        assert_eq!(
            attrs_of(&api, "Pet"),
            ["must_use"],
            "already non_exhaustive"
        );
        assert_eq!(attrs_of(&api, "Color"), ["non_exhaustive"]);
        assert!(attrs_of(&api, "Name").is_empty(), "an alias takes none");
        assert!(diags.iter().all(|d| d.code != "SF2013"));

        settings.value_builders = false;
        let (api, _) = lowered(&settings);
        assert_eq!(attrs_of(&api, "Pet"), ["non_exhaustive", "must_use"]);
    }

    #[test]
    fn a_schema_that_matches_nothing_is_a_warning() {
        let mut settings = Settings::new("x.yaml");
        settings.attribute = vec!["Nope=must_use".into()];
        let (api, diags) = lowered(&settings);
        assert!(api.extra_attributes.iter().all(Vec::is_empty));
        assert!(diags.iter().any(|d| d.code == "SF2013"), "{diags:?}");
    }
}
