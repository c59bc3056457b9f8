//! `allOf`: one merged struct.
//!
//! Properties and `required` are unioned across `$ref` and inline parts,
//! nested `allOf`s flattened, `$ref` cycles skipped; a later part's definition
//! of a property replaces an earlier one in place. `allOf` of one `$ref` plus
//! parts that only carry docs or `nullable` is that type. Parts that only say
//! which properties are required (`anyOf: [{required: [a]}, ...]`) are
//! validation rules and ignored. Other parts that are not objects next to object
//! parts are ignored with a warning (SF2005): the IR has no "struct plus
//! flattened union" yet.
//!
//! `oneOf`/`anyOf` live in [`super::unions`].

use std::collections::HashSet;
use std::rc::Rc;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind, Type,
};

use super::types::{Ctx, Lowered, MAX_DEPTH, SchemaRef, TypeLowerer};
use super::{TypeRef, refs};
use crate::diagnostics::Pointer;

/// One flattened `allOf` part (always an inline schema once flattened).
struct Part {
    schema: Rc<ReferenceOr<Schema>>,
}

impl Part {
    fn schema(&self) -> Option<&Schema> {
        match self.schema.as_ref() {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { .. } => None,
        }
    }
}

impl TypeLowerer<'_> {
    /// `allOf` (plus the schema's own object keywords when it has them).
    pub(crate) fn lower_all_of(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        own: Option<&AnySchema>,
        data: &SchemaData,
        at: &Pointer,
        ctx: &Ctx,
    ) -> Lowered {
        let parts_at = at.push("allOf");
        let structural: Vec<(usize, &ReferenceOr<Schema>)> = parts
            .iter()
            .enumerate()
            .filter(|(_, p)| !is_doc_only(p))
            .collect();
        let docs_nullable = parts.iter().any(|p| match p {
            ReferenceOr::Item(s) => is_doc_only(p) && s.schema_data.nullable,
            ReferenceOr::Reference { .. } => false,
        });
        if own.is_none() {
            match structural.as_slice() {
                [] => {
                    return Lowered {
                        ty: TypeRef::Any,
                        nullable: docs_nullable,
                        note: None,
                    };
                }
                [(i, only)] => {
                    let mut lowered =
                        self.lower(SchemaRef::from(*only), &parts_at.push(i.to_string()), ctx);
                    lowered.nullable |= docs_nullable;
                    return lowered;
                }
                _ => {}
            }
        }

        let mut flat = Vec::new();
        let mut visited = HashSet::new();
        self.flatten(parts, &parts_at, ctx.depth, &mut visited, &mut flat);

        let (objects, others): (Vec<&Part>, Vec<&Part>) = flat
            .iter()
            .filter(|p| {
                p.schema()
                    .is_some_and(|s| !is_doc_only_schema(s) && !is_constraint_union(s))
            })
            .partition(|p| p.schema().is_some_and(is_object_like));
        if objects.is_empty() && own.is_none() {
            // No object part: the first structural part stands for the whole.
            return match others.first() {
                Some(part) => {
                    let schema = Rc::clone(&part.schema);
                    self.lower(SchemaRef::from(schema.as_ref()), &parts_at, ctx)
                }
                None => Lowered::of(TypeRef::Any),
            };
        }
        if !others.is_empty() {
            self.warn(
                "SF2005",
                at,
                format!(
                    "allOf combines objects with {} part(s) that are not objects; only the objects are merged",
                    others.len()
                ),
                "use allOf only for object schemas (wrap other constraints in the object's properties)",
            );
        }

        let mut props: IndexMap<&str, SchemaRef<'_>> = IndexMap::new();
        let mut required: HashSet<&str> = HashSet::new();
        let mut additional: Option<&AdditionalProperties> = None;
        let object_parts = objects
            .iter()
            .filter_map(|p| p.schema().map(object_keywords));
        let own_part = own.map(|a| (&a.properties, &a.required, a.additional_properties.as_ref()));
        for (properties, req, extra) in object_parts.chain(own_part) {
            for (name, schema) in properties {
                props.insert(name.as_str(), SchemaRef::from(schema));
            }
            required.extend(req.iter().map(String::as_str));
            if extra.is_some() {
                additional = extra;
            }
        }
        let docs = merged_docs(data, &objects);
        let props: Vec<(&str, SchemaRef<'_>)> = props.into_iter().collect();
        let mut lowered = self.object(&props, &required, additional, &docs, at, ctx);
        lowered.nullable |= docs_nullable;
        lowered
    }

    /// Flattens nested `allOf`s and `$ref`s into inline parts, skipping cycles.
    fn flatten(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        at: &Pointer,
        depth: usize,
        visited: &mut HashSet<String>,
        out: &mut Vec<Part>,
    ) {
        if depth >= MAX_DEPTH {
            return;
        }
        for (i, part) in parts.iter().enumerate() {
            let schema = match part {
                ReferenceOr::Reference { reference } => {
                    match self.resolve_schema(reference, at, visited) {
                        Some(schema) => schema,
                        None => continue,
                    }
                }
                ReferenceOr::Item(schema) => Rc::new(ReferenceOr::Item(schema.clone())),
            };
            let ReferenceOr::Item(item) = schema.as_ref() else {
                continue;
            };
            let nested = match &item.schema_kind {
                SchemaKind::AllOf { all_of } => Some((all_of, false)),
                SchemaKind::Any(any) if !any.all_of.is_empty() => {
                    Some((&any.all_of, is_object_like(item)))
                }
                _ => None,
            };
            match nested {
                Some((all_of, has_own_keywords)) => {
                    let inner_at = at.push(i.to_string()).push("allOf");
                    self.flatten(all_of, &inner_at, depth + 1, visited, out);
                    if has_own_keywords {
                        // The schema's own properties next to its allOf.
                        out.push(Part {
                            schema: Rc::clone(&schema),
                        });
                    }
                }
                None => out.push(Part {
                    schema: Rc::clone(&schema),
                }),
            }
        }
    }

    /// The inline schema a `$ref` chain ends at (parsed once), unless it was visited.
    fn resolve_schema(
        &mut self,
        reference: &str,
        at: &Pointer,
        visited: &mut HashSet<String>,
    ) -> Option<Rc<ReferenceOr<Schema>>> {
        let mut reference = reference.to_owned();
        for _ in 0..refs::MAX_REF_HOPS {
            let Some(target) = refs::ref_pointer(&reference) else {
                self.warn(
                    "SF2003",
                    at,
                    format!("external reference `{reference}` was not bundled; ignored in allOf"),
                    "make the referenced file reachable from the document's folder",
                );
                return None;
            };
            if !visited.insert(target.as_str().to_owned()) {
                return None;
            }
            let schema = self.parsed_at(&target)?;
            match schema.as_ref() {
                ReferenceOr::Reference { reference: next } => reference = next.clone(),
                ReferenceOr::Item(_) => return Some(schema),
            }
        }
        None
    }
}

/// The keywords of an object schema that `allOf` merges.
type ObjectKeywords<'s> = (
    &'s IndexMap<String, ReferenceOr<Box<Schema>>>,
    &'s Vec<String>,
    Option<&'s AdditionalProperties>,
);

fn object_keywords(schema: &Schema) -> ObjectKeywords<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            (&o.properties, &o.required, o.additional_properties.as_ref())
        }
        SchemaKind::Any(any) => (
            &any.properties,
            &any.required,
            any.additional_properties.as_ref(),
        ),
        // Callers pass object-like schemas only; anything else contributes nothing.
        _ => (empty_properties(), empty_required(), None),
    }
}

fn empty_properties() -> &'static IndexMap<String, ReferenceOr<Box<Schema>>> {
    static EMPTY: std::sync::OnceLock<IndexMap<String, ReferenceOr<Box<Schema>>>> =
        std::sync::OnceLock::new();
    EMPTY.get_or_init(IndexMap::new)
}

fn empty_required() -> &'static Vec<String> {
    static EMPTY: Vec<String> = Vec::new();
    &EMPTY
}

fn is_object_like(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_)) => true,
        SchemaKind::Any(any) => {
            !any.properties.is_empty()
                || !any.required.is_empty()
                || any.additional_properties.is_some()
                || any.typ.as_deref() == Some("object")
        }
        _ => false,
    }
}

/// A part that carries only docs, `nullable` or validation keywords that do not
/// change the type.
fn is_doc_only(part: &ReferenceOr<Schema>) -> bool {
    match part {
        ReferenceOr::Item(schema) => is_doc_only_schema(schema),
        ReferenceOr::Reference { .. } => false,
    }
}

pub(super) fn is_doc_only_schema(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.required.is_empty()
                && any.additional_properties.is_none()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.format.is_none()
                && any.one_of.is_empty()
                && any.all_of.is_empty()
                && any.any_of.is_empty()
        }
        _ => false,
    }
}

/// A `oneOf`/`anyOf` whose branches only say which properties are required
/// (`anyOf: [{required: [a]}, {required: [b]}]`): a validation rule, not a type.
fn is_constraint_union(schema: &Schema) -> bool {
    let branches = match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => one_of,
        SchemaKind::AnyOf { any_of } => any_of,
        SchemaKind::Any(any) if any.typ.is_none() && any.properties.is_empty() => {
            if any.one_of.is_empty() {
                &any.any_of
            } else {
                &any.one_of
            }
        }
        _ => return false,
    };
    !branches.is_empty()
        && branches.iter().all(|b| match b {
            ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::Any(any),
                ..
            }) => {
                any.typ.is_none()
                    && any.properties.is_empty()
                    && any.items.is_none()
                    && any.additional_properties.is_none()
                    && any.enumeration.is_empty()
                    && any.one_of.is_empty()
                    && any.any_of.is_empty()
                    && any.all_of.is_empty()
            }
            _ => false,
        })
}

/// The docs of a merged `allOf`: the schema's own title, description and deprecation,
/// else the first object part's description; deprecated when any part is.
fn merged_docs(data: &SchemaData, objects: &[&Part]) -> SchemaData {
    let mut docs = SchemaData {
        title: data.title.clone(),
        description: data.description.clone(),
        deprecated: data.deprecated,
        ..SchemaData::default()
    };
    for schema in objects.iter().filter_map(|part| part.schema()) {
        if docs.description.is_none() {
            docs.description = schema.schema_data.description.clone();
        }
        docs.deprecated |= schema.schema_data.deprecated;
    }
    docs
}
