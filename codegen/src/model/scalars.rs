//! Primitive schemas: formats and enums.
//!
//! Formats per `docs/generated-code.md`: integer `int32` → `i32`, `int64` or
//! none → `i64`, `uint32`/`uint64` → `u32`/`u64` (8- and 16-bit formats widen);
//! number `float` → `f32`, else `f64`; string `date-time` (unless the setting
//! keeps strings), `date`, `uuid`, `byte` (base64), `binary`; every other string
//! format → `String`. String enums become named types with variants named from
//! their values; non-string enums are the primitive type with the allowed
//! values in the docs.

use std::collections::HashSet;

use openapiv3::SchemaData;
use serde_json::Value;

use super::naming::{self, UniqueNames};
use super::types::{Ctx, Lowered, TypeLowerer, docs_of};
use super::{EnumVariant, FloatFormat, IntFormat, StringEnum, TypeKind, TypeRef};
use crate::diagnostics::Pointer;

impl TypeLowerer<'_> {
    /// `type: string` with a format (or none).
    pub(crate) fn string_format(&self, format: &str) -> TypeRef {
        match format {
            "date-time" if !self.settings.date_time_as_string => TypeRef::DateTime,
            "date" => TypeRef::Date,
            "uuid" => TypeRef::Uuid,
            "byte" => TypeRef::Base64,
            "binary" => TypeRef::Binary,
            _ => TypeRef::String,
        }
    }

    /// A string enum (named), or `String` when no value is left.
    pub(crate) fn string_enum(
        &mut self,
        values: Vec<String>,
        has_null: bool,
        data: &SchemaData,
        at: &Pointer,
        ctx: &Ctx,
    ) -> Lowered {
        if values.is_empty() {
            return Lowered {
                ty: TypeRef::String,
                nullable: has_null,
                note: None,
            };
        }
        let kind = TypeKind::StringEnum(StringEnum {
            variants: enum_variants(values),
        });
        let id = self.place(kind, docs_of(data), at, ctx);
        Lowered {
            ty: TypeRef::Named(id),
            nullable: has_null,
            note: None,
        }
    }
}

pub(super) fn infer_type(values: &[&Value]) -> Option<&'static str> {
    let first = values.first()?;
    let kind = |v: &Value| match v {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        _ => None,
    };
    let k = kind(first)?;
    values.iter().all(|v| kind(v) == Some(k)).then_some(k)
}

pub(super) fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(super) fn texts(values: &[&Value]) -> Vec<String> {
    values.iter().map(|v| scalar_text(v)).collect()
}

/// `type: integer` with a format (or none: `i64`).
pub(crate) fn int_format(format: &str) -> TypeRef {
    TypeRef::Integer(match format {
        "int32" | "int16" | "int8" => IntFormat::I32,
        "uint32" | "uint16" | "uint8" => IntFormat::U32,
        "uint64" | "uint" => IntFormat::U64,
        _ => IntFormat::I64,
    })
}

/// `type: number` with a format (or none: `f64`).
pub(crate) fn number_format(format: &str) -> TypeRef {
    TypeRef::Number(match format {
        "float" => FloatFormat::F32,
        _ => FloatFormat::F64,
    })
}

pub(super) fn with_values_note(mut lowered: Lowered, values: &[String]) -> Lowered {
    if !values.is_empty() {
        lowered.note = Some(format!("Allowed values: {}.", values.join(", ")));
    }
    lowered
}

/// Variant names for string-enum values: unique, readable, never `Unknown`.
/// Duplicate values are dropped. When folding makes a value's name clash with
/// an earlier one (`in-active` after `in_active`), its punctuation is spelled
/// (`InMinusActive`); what still clashes (`active`/`Active`) gets a number.
pub(crate) fn enum_variants(values: Vec<String>) -> Vec<EnumVariant> {
    let mut seen = HashSet::new();
    let mut names = UniqueNames::with_reserved(&["Unknown"]);
    values
        .into_iter()
        .filter(|v| seen.insert(v.clone()))
        .map(|value| {
            let plain = naming::enum_variant(&value);
            let candidate = if names.contains(&plain) {
                naming::enum_variant_spelled(&value)
            } else {
                plain
            };
            EnumVariant {
                name: names.claim(&candidate),
                value,
            }
        })
        .collect()
}
