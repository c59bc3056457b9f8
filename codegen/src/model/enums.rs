//! `enum` (and `const`, which the upgrade pass turns into a one-value `enum`) →
//! a named, forward-compatible enum.
//!
//! The values decide the kind (the declared `type` when the values fit it, else
//! what they are):
//! - strings → [`StringEnum`] (`Unknown(String)`);
//! - integers → [`ScalarEnumKind::Integer`] (`Unknown(i64)`, whatever the format);
//! - numbers → [`ScalarEnumKind::Number`] (`Unknown(f64)`);
//! - booleans → `bool`, the allowed values in the docs (a `bool` already holds
//!   every boolean; a `const: true` reads well as `bool` with a note);
//! - values of several types (`["auto", 1, true]`) → [`ScalarEnumKind::Mixed`]
//!   (`Unknown(serde_json::Value)`); array or object values have no variant of
//!   their own and decode to `Unknown` (listed in the docs). A declared `type`
//!   the values do not fit warns (SF2009).
//!
//! `null` among the values makes the type nullable (`Option`) and is no variant;
//! the positions that use the enum are `Option`s, the named enum itself does
//! not decode `null` (known gap, unlike nullable unions, which get
//! `type Name = Option<NameValue>`).
//! A single value (a `const`) is an enum of one variant plus `Unknown`, so a
//! server that changes the constant does not break decoding.
//!
//! Variant names: `x-enum-varnames`, `x-enumNames` or `x-enum-names` (names
//! by position, as openapi-generator and NSwag write them) when present, else
//! from the value: strings as `naming` makes them (`in-active` → `InActive`),
//! numbers with their sign and point spelled (`1` → `V1`, `-1` → `Minus1`,
//! `0.5` → `V0Dot5`), booleans `True`/`False`. Names are unique and never
//! `Unknown`; a clash is resolved by spelling punctuation, then by a number.

use std::collections::HashSet;

use openapiv3::SchemaData;
use serde_json::Value;

use super::naming::{self, UniqueNames};
use super::scalars::{scalar_text, texts, with_values_note};
use super::types::{Ctx, Lowered, TypeLowerer, docs_of};
use super::{
    EnumVariant, ScalarEnum, ScalarEnumKind, ScalarVariant, StringEnum, TypeKind, TypeRef,
};
use crate::diagnostics::Pointer;

/// Extensions that name enum variants by position.
const VARNAME_EXTENSIONS: &[&str] = &["x-enum-varnames", "x-enumNames", "x-enum-names"];

/// What the non-null values of an enum are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    String,
    Integer,
    Number,
    Boolean,
    Mixed,
}

impl TypeLowerer<'_> {
    /// The type of a schema with `enum` values (`null` included); `declared` is
    /// the schema's `type`. `None` when no value but `null` is left: the caller
    /// types the schema as it would without `enum` (and nullable).
    pub(crate) fn lower_enum(
        &mut self,
        values: &[Value],
        declared: Option<&str>,
        data: &SchemaData,
        at: &Pointer,
        ctx: &Ctx,
    ) -> Option<Lowered> {
        let has_null = values.iter().any(Value::is_null);
        let given_names = given_names(data, values);
        let mut seen = HashSet::new();
        let known: Vec<(&Value, Option<&str>)> = values
            .iter()
            .zip(given_names)
            .filter(|(v, _)| !v.is_null() && seen.insert(v.to_string()))
            .collect();
        if known.is_empty() {
            return None;
        }
        let kind = self.value_kind(known.iter().map(|(v, _)| *v), declared, at);
        let kind = match kind {
            ValueKind::Boolean => {
                let values: Vec<&Value> = known.iter().map(|(v, _)| *v).collect();
                let mut lowered = with_values_note(Lowered::of(TypeRef::Bool), &texts(&values));
                lowered.nullable = has_null;
                return Some(lowered);
            }
            ValueKind::String => {
                let named = known
                    .iter()
                    .filter_map(|(v, given)| v.as_str().map(|s| (s.to_owned(), *given)));
                TypeKind::StringEnum(StringEnum {
                    variants: string_variants(named),
                })
            }
            ValueKind::Integer => scalar_enum(ScalarEnumKind::Integer, &known),
            ValueKind::Number => scalar_enum(ScalarEnumKind::Number, &known),
            ValueKind::Mixed => {
                let scalars: Vec<(&Value, Option<&str>)> = known
                    .iter()
                    .filter(|(v, _)| !v.is_array() && !v.is_object())
                    .copied()
                    .collect();
                let mut docs = docs_of(data);
                if scalars.len() < known.len() {
                    let others: Vec<String> = known
                        .iter()
                        .filter(|(v, _)| v.is_array() || v.is_object())
                        .map(|(v, _)| format!("`{v}`"))
                        .collect();
                    super::objects::append_note(
                        &mut docs,
                        &format!(
                            "Also allowed (decoded as `Unknown`): {}.",
                            others.join(", ")
                        ),
                    );
                }
                let kind = scalar_enum(ScalarEnumKind::Mixed, &scalars);
                return Some(self.placed(kind, docs, has_null, at, ctx));
            }
        };
        Some(self.placed(kind, docs_of(data), has_null, at, ctx))
    }

    fn placed(
        &mut self,
        kind: TypeKind,
        docs: super::Docs,
        nullable: bool,
        at: &Pointer,
        ctx: &Ctx,
    ) -> Lowered {
        let id = self.place(kind, docs, at, ctx);
        Lowered {
            ty: TypeRef::Named(id),
            nullable,
            note: None,
        }
    }

    /// The kind of the values: the declared type when they all fit it, else
    /// what they are (warning when a declared type does not fit).
    fn value_kind<'v>(
        &mut self,
        values: impl Iterator<Item = &'v Value> + Clone,
        declared: Option<&str>,
        at: &Pointer,
    ) -> ValueKind {
        let fits = |kind: ValueKind| values.clone().all(|v| value_fits(v, kind));
        let declared_kind = match declared {
            Some("string") => Some(ValueKind::String),
            Some("integer") => Some(ValueKind::Integer),
            Some("number") => Some(ValueKind::Number),
            Some("boolean") => Some(ValueKind::Boolean),
            _ => None,
        };
        if let Some(kind) = declared_kind {
            if fits(kind) {
                return kind;
            }
            self.warn(
                "SF2009",
                at,
                format!(
                    "enum values do not all fit `type: {}`; typed as an enum of mixed values",
                    declared.unwrap_or_default()
                ),
                "give the enum values of its declared type",
            );
            return ValueKind::Mixed;
        }
        [
            ValueKind::String,
            ValueKind::Integer,
            ValueKind::Number,
            ValueKind::Boolean,
        ]
        .into_iter()
        .find(|kind| fits(*kind))
        .unwrap_or(ValueKind::Mixed)
    }
}

fn value_fits(value: &Value, kind: ValueKind) -> bool {
    match kind {
        ValueKind::String => value.is_string(),
        ValueKind::Integer => value.is_i64(),
        ValueKind::Number => value.as_f64().is_some_and(f64::is_finite),
        ValueKind::Boolean => value.is_boolean(),
        ValueKind::Mixed => true,
    }
}

/// Variant names given by an extension, by position in `values`.
fn given_names<'d>(data: &'d SchemaData, values: &[Value]) -> Vec<Option<&'d str>> {
    let names = VARNAME_EXTENSIONS
        .iter()
        .find_map(|key| data.extensions.get(*key).and_then(Value::as_array))
        // Names by position only mean something when there is one per value.
        .filter(|names| names.len() == values.len());
    (0..values.len())
        .map(|i| {
            names
                .and_then(|names| names.get(i))
                .and_then(Value::as_str)
                .filter(|n| n.chars().any(char::is_alphanumeric))
        })
        .collect()
}

/// Variants of a string enum, values unique (the caller removed repeats).
pub(crate) fn string_variants<'g>(
    values: impl IntoIterator<Item = (String, Option<&'g str>)>,
) -> Vec<EnumVariant> {
    let mut names = UniqueNames::with_reserved(&["Unknown"]);
    values
        .into_iter()
        .map(|(value, given)| EnumVariant {
            name: claim_variant(&mut names, given, || {
                (
                    naming::enum_variant(&value),
                    naming::enum_variant_spelled(&value),
                )
            }),
            value,
        })
        .collect()
}

fn scalar_enum(kind: ScalarEnumKind, values: &[(&Value, Option<&str>)]) -> TypeKind {
    let mut names = UniqueNames::with_reserved(&["Unknown"]);
    let mut seen = HashSet::new();
    let variants = values
        .iter()
        .filter_map(|(value, given)| {
            let value = match kind {
                // Compared as `f64`s: `1` and `1.0` are one value.
                ScalarEnumKind::Number => Value::from(value.as_f64()?),
                _ => (*value).clone(),
            };
            // A repeated value would make an unreachable match arm.
            if !seen.insert(value.to_string()) {
                return None;
            }
            let name = claim_variant(&mut names, *given, || scalar_names(&value));
            Some(ScalarVariant { name, value })
        })
        .collect();
    TypeKind::ScalarEnum(ScalarEnum { kind, variants })
}

/// Plain and spelled names of a non-string value.
fn scalar_names(value: &Value) -> (String, String) {
    match value {
        Value::String(s) => (naming::enum_variant(s), naming::enum_variant_spelled(s)),
        Value::Bool(true) => ("True".to_owned(), "TrueValue".to_owned()),
        Value::Bool(false) => ("False".to_owned(), "FalseValue".to_owned()),
        Value::Number(n) => {
            let text = number_text(n);
            let name = naming::enum_variant_spelled(&text);
            (name.clone(), name)
        }
        other => {
            let name = naming::enum_variant_spelled(&scalar_text(other));
            (name.clone(), name)
        }
    }
}

/// A number as a name is made from: whole floats without the fraction.
fn number_text(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if !n.is_i64() && !n.is_u64() && f.fract() == 0.0 && f.abs() < 1e15 => {
            // Whole and small: the cast is exact.
            format!("{}", f as i64)
        }
        _ => n.to_string(),
    }
}

/// A given name when there is one and it is free, else the plain name, else
/// the spelled one, else a numbered one.
fn claim_variant(
    names: &mut UniqueNames,
    given: Option<&str>,
    from_value: impl FnOnce() -> (String, String),
) -> String {
    if let Some(given) = given {
        let name = naming::pascal(given, "Value");
        if !names.contains(&name) {
            return names.claim(&name);
        }
    }
    let (plain, spelled) = from_value();
    let candidate = if names.contains(&plain) {
        spelled
    } else {
        plain
    };
    names.claim(&candidate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_spell_sign_and_point() {
        let kind = scalar_enum(
            ScalarEnumKind::Number,
            &[
                (&json!(1), None),
                (&json!(-1), None),
                (&json!(0.5), None),
                (&json!(2.0), None),
            ],
        );
        let TypeKind::ScalarEnum(e) = kind else {
            panic!("not a scalar enum: {kind:?}");
        };
        let names: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["V1", "Minus1", "V0Dot5", "V2"]);
    }

    #[test]
    fn equal_numbers_are_one_variant() {
        let kind = scalar_enum(
            ScalarEnumKind::Number,
            &[(&json!(1), None), (&json!(1.0), None), (&json!(2), None)],
        );
        let TypeKind::ScalarEnum(e) = kind else {
            panic!("not a scalar enum: {kind:?}");
        };
        assert_eq!(e.variants.len(), 2);
    }

    #[test]
    fn given_names_win_unless_they_clash() {
        let kind = scalar_enum(
            ScalarEnumKind::Mixed,
            &[
                (&json!("auto"), Some("automatic")),
                (&json!(1), Some("Automatic")),
                (&json!(true), None),
                (&json!("unknown"), None),
            ],
        );
        let TypeKind::ScalarEnum(e) = kind else {
            panic!("not a scalar enum: {kind:?}");
        };
        let names: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["Automatic", "V1", "True", "Unknown2"]);
    }
}
