//! Object schemas: structs (fields with presence, docs, defaults) and maps.
//!
//! `type: object` without properties → `Map(Any)` (or `Map(T)` with an
//! `additionalProperties` schema); properties plus `additionalProperties` →
//! `Struct.additional_properties` (`true` → `Any`; the field name
//! `additional_properties` is then reserved in the struct). A field's
//! `nullable` comes from its schema or the component it references; its
//! `default` is kept only when it fits the type (SF2007).

use std::collections::HashSet;

use openapiv3::{AdditionalProperties, SchemaData};
use serde_json::Value;

use super::naming::{self, UniqueNames};
use super::types::{Ctx, Lowered, SchemaRef, TypeLowerer, docs_of};
use super::{Docs, Field, ScalarEnumKind, Struct, TypeKind, TypeRef, refs};
use crate::diagnostics::Pointer;

impl TypeLowerer<'_> {
    /// An object schema: a struct, or a map when it declares no properties.
    pub(crate) fn object(
        &mut self,
        props: &[(&str, SchemaRef<'_>)],
        required: &HashSet<&str>,
        additional: Option<&AdditionalProperties>,
        data: &SchemaData,
        at: &Pointer,
        ctx: &Ctx,
    ) -> Lowered {
        let additional_ty = |this: &mut Self| match additional {
            None | Some(AdditionalProperties::Any(_)) => TypeRef::Any,
            Some(AdditionalProperties::Schema(schema)) => this
                .lower(
                    SchemaRef::from(schema.as_ref()),
                    &at.push("additionalProperties"),
                    &ctx.child("Value"),
                )
                .into_type(),
        };
        if props.is_empty() {
            let value = additional_ty(self);
            return Lowered::of(TypeRef::Map(Box::new(value)));
        }
        let id = self.reserve(at, ctx);
        let struct_name = self.def(id).name.clone();
        let mut field_names = UniqueNames::default();
        let extra = match additional {
            None | Some(AdditionalProperties::Any(false)) => None,
            Some(_) => {
                field_names.insert("additional_properties");
                Some(additional_ty(self))
            }
        };
        let mut fields = Vec::with_capacity(props.len());
        let props_at = at.push("properties");
        for (wire_name, schema) in props {
            let field_at = props_at.push(wire_name);
            let name = field_names.claim(&naming::snake(wire_name, "field"));
            let child = Ctx {
                hint: format!("{struct_name} {wire_name}"),
                slot: None,
                depth: ctx.depth + 1,
            };
            let lowered = self.lower(*schema, &field_at, &child);
            let (mut docs, read_only, write_only, default) = match schema {
                SchemaRef::Item(s) => (
                    docs_of(&s.schema_data),
                    s.schema_data.read_only,
                    s.schema_data.write_only,
                    s.schema_data.default.clone(),
                ),
                SchemaRef::Ref(_) => (Docs::default(), false, false, None),
            };
            if let Some(note) = &lowered.note {
                append_note(&mut docs, note);
            }
            let default =
                default.and_then(|value| self.checked_default(value, &lowered.ty, &field_at));
            let mut ty = lowered.ty;
            if let TypeRef::Nullable(inner) = ty {
                ty = *inner;
            }
            fields.push(Field {
                name,
                wire_name: (*wire_name).to_owned(),
                ty,
                required: required.contains(wire_name),
                nullable: lowered.nullable,
                boxed: false,
                read_only,
                write_only,
                default,
                docs,
                pointer: field_at,
            });
        }
        let def = self.def_mut(id);
        def.kind = TypeKind::Struct(Struct {
            fields,
            additional_properties: extra,
        });
        def.docs = docs_of(data);
        Lowered::of(TypeRef::Named(id))
    }

    /// A `default` kept only when it fits the field's type.
    fn checked_default(&mut self, value: Value, ty: &TypeRef, at: &Pointer) -> Option<Value> {
        if value.is_null() {
            return None;
        }
        let fits = match self.resolve_alias(ty) {
            TypeRef::Bool => value.is_boolean(),
            TypeRef::Integer(_) => value.is_i64() || value.is_u64(),
            TypeRef::Number(_) => value.is_number(),
            TypeRef::String | TypeRef::DateTime | TypeRef::Date | TypeRef::Uuid => {
                value.is_string()
            }
            TypeRef::Array(_) => value.is_array(),
            TypeRef::Map(_) => value.is_object(),
            TypeRef::Any => true,
            TypeRef::Named(id) => match &self.def(id).kind {
                TypeKind::StringEnum(e) => value
                    .as_str()
                    .is_some_and(|v| e.variants.iter().any(|x| x.value == v)),
                TypeKind::ScalarEnum(e) => e.variants.iter().any(|x| match e.kind {
                    ScalarEnumKind::Number => x.value.as_f64() == value.as_f64(),
                    _ => x.value == value,
                }),
                TypeKind::Struct(_) => value.is_object(),
                _ => false,
            },
            _ => false,
        };
        if !fits {
            self.warn(
                "SF2007",
                at,
                format!("default `{value}` does not fit the property's type; ignored"),
                "make the default a value of the schema's type",
            );
        }
        fits.then_some(value)
    }

    /// Follows named aliases (bounded) to the type they stand for.
    pub(crate) fn resolve_alias(&self, ty: &TypeRef) -> TypeRef {
        let mut current = ty.clone();
        for _ in 0..refs::MAX_REF_HOPS {
            match &current {
                TypeRef::Named(id) => match &self.def(*id).kind {
                    TypeKind::Alias(inner) => current = inner.clone(),
                    _ => return current,
                },
                _ => return current,
            }
        }
        current
    }
}

/// Adds `note` as a last paragraph of the description.
pub(super) fn append_note(docs: &mut Docs, note: &str) {
    docs.description = Some(match docs.description.take() {
        Some(text) if !text.trim().is_empty() => format!("{text}\n\n{note}"),
        _ => note.to_owned(),
    });
}
