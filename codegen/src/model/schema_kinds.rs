//! One schema → its kind: the dispatch from `openapiv3`'s [`SchemaKind`] (and
//! from the keywords of a schema it could not place, [`AnySchema`]) to the
//! lowering of objects, arrays, primitives, enums and compositions.
//!
//! A typed schema with `enum` values goes to [`super::enums`]; a schema with
//! `enum` and no `type` too (the values decide). `not` → `Any`.

use std::collections::HashSet;

use openapiv3::{
    AnySchema, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::TypeRef;
use super::types::{Ctx, Lowered, MAX_DEPTH, SchemaRef, TypeLowerer};
use crate::diagnostics::Pointer;

impl TypeLowerer<'_> {
    pub(crate) fn lower_schema(&mut self, schema: &Schema, at: &Pointer, ctx: &Ctx) -> Lowered {
        if ctx.depth >= MAX_DEPTH {
            return self.too_deep(at);
        }
        let data = &schema.schema_data;
        if let Some((keyword, branches)) = self.union_beside_object(schema, at) {
            let mut lowered = self.lower_union(keyword, &branches, data, at, ctx);
            lowered.nullable |= data.nullable;
            return lowered;
        }
        let mut lowered = match &schema.schema_kind {
            SchemaKind::Type(ty) => self.lower_type(ty, data, at, ctx),
            SchemaKind::OneOf { one_of } => self.lower_union("oneOf", one_of, data, at, ctx),
            SchemaKind::AnyOf { any_of } => self.lower_union("anyOf", any_of, data, at, ctx),
            SchemaKind::AllOf { all_of } => self.lower_all_of(all_of, None, data, at, ctx),
            SchemaKind::Not { .. } => Lowered::of(TypeRef::Any),
            SchemaKind::Any(any) => self.lower_any(any, data, at, ctx),
        };
        lowered.nullable |= data.nullable || enum_has_null(&schema.schema_kind);
        lowered
    }

    fn lower_type(&mut self, ty: &Type, data: &SchemaData, at: &Pointer, ctx: &Ctx) -> Lowered {
        match ty {
            Type::String(s) => {
                let values = s
                    .enumeration
                    .iter()
                    .map(|v| v.clone().map_or(Value::Null, Value::String));
                if let Some(lowered) = self.enum_of(values, "string", data, at, ctx) {
                    return lowered;
                }
                let format = match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => "byte",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => "binary",
                    VariantOrUnknownOrEmpty::Item(StringFormat::Password) => "password",
                    VariantOrUnknownOrEmpty::Unknown(other) => other.as_str(),
                    VariantOrUnknownOrEmpty::Empty => "",
                };
                Lowered::of(self.string_format(format))
            }
            Type::Number(n) => {
                let format = match &n.format {
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => "float",
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Double) => "double",
                    VariantOrUnknownOrEmpty::Unknown(other) => other.as_str(),
                    VariantOrUnknownOrEmpty::Empty => "",
                };
                let values = n
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(Value::Null, Value::from));
                self.enum_of(values, "number", data, at, ctx)
                    .unwrap_or_else(|| Lowered::of(self.float_format(format)))
            }
            Type::Integer(i) => {
                let format = match &i.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => "int32",
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => "int64",
                    VariantOrUnknownOrEmpty::Unknown(other) => other.as_str(),
                    VariantOrUnknownOrEmpty::Empty => "",
                };
                let values = i
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(Value::Null, Value::from));
                self.enum_of(values, "integer", data, at, ctx)
                    .unwrap_or_else(|| Lowered::of(self.integer_format(format)))
            }
            Type::Boolean(b) => {
                let values = b
                    .enumeration
                    .iter()
                    .map(|v| v.map_or(Value::Null, Value::Bool));
                self.enum_of(values, "boolean", data, at, ctx)
                    .unwrap_or_else(|| Lowered::of(TypeRef::Bool))
            }
            Type::Object(o) => {
                let props: Vec<(&str, SchemaRef<'_>)> = o
                    .properties
                    .iter()
                    .map(|(k, v)| (k.as_str(), SchemaRef::from(v)))
                    .collect();
                let required: HashSet<&str> = o.required.iter().map(String::as_str).collect();
                self.object(
                    &props,
                    &required,
                    o.additional_properties.as_ref(),
                    data,
                    at,
                    ctx,
                )
            }
            Type::Array(a) => self.array(a.items.as_ref(), at, ctx),
        }
    }

    fn array(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        at: &Pointer,
        ctx: &Ctx,
    ) -> Lowered {
        let item = match items {
            None => TypeRef::Any,
            Some(items) => {
                let lowered = self.lower(
                    SchemaRef::from(items),
                    &at.push("items"),
                    &ctx.child("Item"),
                );
                lowered.into_type()
            }
        };
        Lowered::of(TypeRef::Array(Box::new(item)))
    }

    /// A schema `openapiv3` could not place in one kind: decided here from the
    /// keywords it has.
    fn lower_any(
        &mut self,
        any: &AnySchema,
        data: &SchemaData,
        at: &Pointer,
        ctx: &Ctx,
    ) -> Lowered {
        let has_object_keywords = !any.properties.is_empty() || any.additional_properties.is_some();
        if !any.all_of.is_empty() {
            let own = has_object_keywords.then_some(any);
            return self.lower_all_of(&any.all_of, own, data, at, ctx);
        }
        if has_object_keywords || any.typ.as_deref() == Some("object") {
            let props: Vec<(&str, SchemaRef<'_>)> = any
                .properties
                .iter()
                .map(|(k, v)| (k.as_str(), SchemaRef::from(v)))
                .collect();
            let required: HashSet<&str> = any.required.iter().map(String::as_str).collect();
            return self.object(
                &props,
                &required,
                any.additional_properties.as_ref(),
                data,
                at,
                ctx,
            );
        }
        if !any.one_of.is_empty() {
            return self.lower_union("oneOf", &any.one_of, data, at, ctx);
        }
        if !any.any_of.is_empty() {
            return self.lower_union("anyOf", &any.any_of, data, at, ctx);
        }
        if any.items.is_some() || any.typ.as_deref() == Some("array") {
            return self.array(any.items.as_ref(), at, ctx);
        }
        let format = any.format.as_deref().unwrap_or("");
        let has_null = any.enumeration.iter().any(Value::is_null);
        if let Some(lowered) = self.lower_enum(&any.enumeration, any.typ.as_deref(), data, at, ctx)
        {
            return lowered;
        }
        let mut lowered = match any.typ.as_deref() {
            Some("string") => Lowered::of(self.string_format(format)),
            Some("integer") => Lowered::of(self.integer_format(format)),
            Some("number") => Lowered::of(self.float_format(format)),
            Some("boolean") => Lowered::of(TypeRef::Bool),
            Some("null") => Lowered {
                ty: TypeRef::Any,
                nullable: true,
                note: None,
            },
            _ => Lowered::of(TypeRef::Any),
        };
        lowered.nullable |= has_null;
        lowered
    }

    /// [`lower_enum`](Self::lower_enum) over a typed schema's `enum` (no
    /// values: `None`); only `null` left: `None` too, the caller's primitive is
    /// then nullable through the schema's own flag.
    fn enum_of(
        &mut self,
        values: impl Iterator<Item = Value>,
        declared: &str,
        data: &SchemaData,
        at: &Pointer,
        ctx: &Ctx,
    ) -> Option<Lowered> {
        let values: Vec<Value> = values.collect();
        if values.is_empty() {
            return None;
        }
        self.lower_enum(&values, Some(declared), data, at, ctx)
    }
}

/// Whether a typed schema's `enum` lists `null` (which makes it nullable even
/// when no other value is left).
fn enum_has_null(kind: &SchemaKind) -> bool {
    match kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Integer(i)) => i.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Number(n)) => n.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(Type::Boolean(b)) => b.enumeration.iter().any(Option::is_none),
        _ => false,
    }
}
