//! Primitive schemas: formats and enums.
//!
//! Formats per `docs/generated-code.md`: integer `int32` → `i32`, `int64` or
//! none → `i64`, `uint32`/`uint64` → `u32`/`u64` (8- and 16-bit formats widen);
//! number `float` → `f32`, else `f64`; string `date-time` (unless the setting
//! keeps strings), `date`, `uuid`, `byte` (base64), `binary`; every other string
//! format → `String`. Enums are in [`super::enums`].

use serde_json::Value;

use super::types::{Lowered, TypeLowerer};
use super::{FloatFormat, IntFormat, TypeRef};

impl TypeLowerer<'_> {
    /// `type: string` with a format (or none).
    pub(crate) fn string_format(&self, format: &str) -> TypeRef {
        if let Some(replaced) = self.replaced_format(format) {
            return replaced;
        }
        match format {
            "date-time" if !self.settings.date_time_as_string => TypeRef::DateTime,
            "date" => TypeRef::Date,
            "uuid" => TypeRef::Uuid,
            "byte" => TypeRef::Base64,
            "binary" => TypeRef::Binary,
            _ => TypeRef::String,
        }
    }
}

impl TypeLowerer<'_> {
    /// The user's type for `format` (setting `replace`), when there is one.
    pub(crate) fn replaced_format(&self, format: &str) -> Option<TypeRef> {
        self.replacements
            .format(format)
            .map(|path| TypeRef::External(path.to_owned()))
    }

    /// `type: integer` with a format: the user's type for it, else [`int_format`].
    pub(crate) fn integer_format(&self, format: &str) -> TypeRef {
        self.replaced_format(format)
            .unwrap_or_else(|| int_format(format))
    }

    /// `type: number` with a format: the user's type for it, else [`number_format`].
    pub(crate) fn float_format(&self, format: &str) -> TypeRef {
        self.replaced_format(format)
            .unwrap_or_else(|| number_format(format))
    }
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
