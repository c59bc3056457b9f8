//! `oneOf` and `anyOf` → [`Union`].
//!
//! Null branches make the result nullable (a branch that is only `nullable`
//! with docs, `type: null`, `enum: [null]`, or a bare nullable `type: object`);
//! one branch left is that branch's type. With a `discriminator` (on the
//! schema, or on a base schema every variant `allOf`s) the union is tagged: tag
//! values from the explicit `mapping`, else the component's name; an inline
//! variant needs a one-value enum on the tag property, otherwise the union falls
//! back to untagged (SF2006). Without one it is untagged: variant names from
//! `$ref` names, titles, a one-value enum's value, a distinguishing `allOf`
//! `$ref` or property, or the type (`String`, `Integer`, `StringList`), never
//! `Variant0`.
//!
//! `anyOf` whose branches may hold at once is decoded like `oneOf`: the first
//! variant that decodes wins (documented choice: a Rust value has one shape).
//! [`order_untagged_unions`] orders untagged variants so that the most specific
//! decodes first: structs with more required (then more) properties, other
//! unions, enums, arrays, formatted strings, integers and booleans, numbers,
//! bytes, plain strings, maps, and free-form last; the document's order breaks ties.

use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaData, SchemaKind, Type};

use super::composition::is_doc_only_schema;
use super::naming::{self, UniqueNames};
use super::types::{Ctx, Lowered, SchemaRef, TypeLowerer, docs_of};
use super::{ScalarEnumKind, TypeArena, TypeKind, TypeRef, Union, UnionVariant, refs};
use crate::diagnostics::Pointer;

impl TypeLowerer<'_> {
    /// `oneOf` / `anyOf`.
    pub(crate) fn lower_union(
        &mut self,
        keyword: &str,
        branches: &[ReferenceOr<Schema>],
        data: &SchemaData,
        at: &Pointer,
        ctx: &Ctx,
    ) -> Lowered {
        let branches_at = at.push(keyword);
        let has_null = branches.iter().any(is_null_branch);
        let live: Vec<(usize, &ReferenceOr<Schema>)> = branches
            .iter()
            .enumerate()
            .filter(|(_, b)| !is_null_branch(b))
            .collect();
        match live.as_slice() {
            [] => {
                return Lowered {
                    ty: TypeRef::Any,
                    nullable: true,
                    note: None,
                };
            }
            [(i, only)] => {
                let mut lowered = self.lower(
                    SchemaRef::from(*only),
                    &branches_at.push(i.to_string()),
                    ctx,
                );
                lowered.nullable |= has_null;
                return lowered;
            }
            _ => {}
        }

        let id = self.reserve(at, ctx);
        let union_name = self.def(id).name.clone();
        let discriminator = data
            .discriminator
            .clone()
            .or_else(|| self.inherited_discriminator(&live));
        let inline_branches: Vec<&Schema> = live
            .iter()
            .filter_map(|(_, b)| match b {
                ReferenceOr::Item(schema) => Some(schema),
                ReferenceOr::Reference { .. } => None,
            })
            .collect();
        // A tagged union's `Unknown` variant keeps a tag this client does not know.
        let mut names = if discriminator.is_some() {
            UniqueNames::with_reserved(&["Unknown"])
        } else {
            UniqueNames::default()
        };
        let mut variants = Vec::with_capacity(live.len());
        let mut untaggable = false;
        for (i, branch) in &live {
            let branch_at = branches_at.push(i.to_string());
            let (label, ty, tag_values) = self.union_branch(
                branch,
                &branch_at,
                &union_name,
                discriminator.as_ref(),
                &inline_branches,
                ctx,
            );
            if discriminator.is_some() && tag_values.is_empty() {
                untaggable = true;
            }
            variants.push(UnionVariant {
                name: names.claim(&naming::pascal(&label, "Variant")),
                tag_values,
                ty,
                boxed: false,
            });
        }
        let mut tag = discriminator.map(|d| d.property_name);
        if untaggable && tag.is_some() {
            self.warn(
                "SF2006",
                at,
                "a variant has no discriminator value (inline schema without a one-value enum for the tag); decoded untagged".to_owned(),
                "make every variant a `$ref` or list it in the discriminator's `mapping`",
            );
            tag = None;
            for v in &mut variants {
                v.tag_values.clear();
            }
        }
        let def = self.def_mut(id);
        def.kind = TypeKind::Union(Union { tag, variants });
        def.docs = docs_of(data);
        Lowered {
            ty: TypeRef::Named(id),
            nullable: has_null,
            note: None,
        }
    }

    /// One non-null branch of a union: the variant's label, its type, and its
    /// discriminator values (from the mapping or the `$ref`'s name, or an inline
    /// schema's one-value enum for the tag).
    fn union_branch(
        &mut self,
        branch: &ReferenceOr<Schema>,
        branch_at: &Pointer,
        union_name: &str,
        discriminator: Option<&Discriminator>,
        inline_branches: &[&Schema],
        ctx: &Ctx,
    ) -> (String, TypeRef, Vec<String>) {
        match branch {
            ReferenceOr::Reference { reference } => {
                let child = Ctx {
                    hint: union_name.to_owned(),
                    slot: None,
                    depth: ctx.depth + 1,
                };
                let lowered = self.lower_ref(reference, branch_at, &child);
                let label = match &lowered.ty {
                    TypeRef::Named(tid) => self.def(*tid).name.clone(),
                    other => self.type_label(other),
                };
                let tags = discriminator
                    .map(|d| tags_for_ref(d, reference))
                    .unwrap_or_default();
                (label, lowered.into_type(), tags)
            }
            ReferenceOr::Item(schema) => {
                let guess = pre_label(schema, inline_branches);
                let child = Ctx {
                    hint: format!(
                        "{union_name}{}",
                        guess
                            .clone()
                            .unwrap_or_else(|| kind_word(schema).to_owned())
                    ),
                    slot: None,
                    depth: ctx.depth + 1,
                };
                let lowered = self.lower_schema(schema, branch_at, &child);
                let label = guess.unwrap_or_else(|| match &lowered.ty {
                    TypeRef::Named(_) => kind_word(schema).to_owned(),
                    other => self.type_label(other),
                });
                let tags = discriminator
                    .and_then(|d| inline_tag(schema, &d.property_name))
                    .into_iter()
                    .collect();
                (label, lowered.into_type(), tags)
            }
        }
    }

    /// A `oneOf`/`anyOf` written next to object keywords (`type: object`,
    /// `properties`), which `openapiv3` drops once `type` is set: read from the
    /// document at `at`. It wins over the object when it has two or more
    /// non-null branches, each a `$ref` or an object of its own (the common
    /// "base properties + discriminated variants" spelling); the outer
    /// properties are then expected to be repeated by the variants (a known
    /// gap: they are not merged into inline variants). Constraint-only branches
    /// (`{required: [a]}`) leave the object alone.
    pub(crate) fn union_beside_object(
        &self,
        schema: &Schema,
        at: &Pointer,
    ) -> Option<(&'static str, Vec<ReferenceOr<Schema>>)> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(_)) => {}
            SchemaKind::Any(any) if !any.one_of.is_empty() || !any.any_of.is_empty() => {}
            _ => return None,
        }
        let value = refs::lookup(self.document, at)?;
        for keyword in ["oneOf", "anyOf"] {
            let Some(list) = value.get(keyword).and_then(serde_json::Value::as_array) else {
                continue;
            };
            let branches: Vec<ReferenceOr<Schema>> = list
                .iter()
                .map(|b| refs::parse::<ReferenceOr<Schema>>(b).ok())
                .collect::<Option<_>>()?;
            let live: Vec<&ReferenceOr<Schema>> =
                branches.iter().filter(|b| !is_null_branch(b)).collect();
            let structural = live.iter().all(|b| match b {
                ReferenceOr::Reference { .. } => true,
                ReferenceOr::Item(s) => !own_keys(s).is_empty() || !all_of_parts(s).is_empty(),
            });
            if structural && live.len() >= 2 {
                return Some((keyword, branches));
            }
        }
        let discriminator = schema.schema_data.discriminator.as_ref()?;
        let children = self.discriminated_children(discriminator, at);
        (!children.is_empty()).then_some(("oneOf", children))
    }

    /// The variants of a base component that carries a `discriminator` but no
    /// `oneOf`: every component schema whose `allOf` has a `$ref` to it, plus
    /// the explicit `mapping`'s targets (never the base itself), in document
    /// order. Only direct children count (a grandchild is reached through
    /// its parent's own discriminator, if any).
    fn discriminated_children(
        &self,
        discriminator: &Discriminator,
        at: &Pointer,
    ) -> Vec<ReferenceOr<Schema>> {
        let Some(base_name) = component_schema_name(at) else {
            return Vec::new();
        };
        let components = Pointer::root().push("components").push("schemas");
        let Some(schemas) =
            refs::lookup(self.document, &components).and_then(serde_json::Value::as_object)
        else {
            return Vec::new();
        };
        let targets_base = |reference: &str| {
            refs::ref_pointer(reference).is_some_and(|p| p.as_str() == at.as_str())
        };
        let mut names: Vec<String> = schemas
            .iter()
            .filter(|(name, value)| {
                *name != &base_name
                    && value
                        .get("allOf")
                        .and_then(serde_json::Value::as_array)
                        .is_some_and(|parts| {
                            parts.iter().any(|part| {
                                part.get("$ref")
                                    .and_then(serde_json::Value::as_str)
                                    .is_some_and(targets_base)
                            })
                        })
            })
            .map(|(name, _)| name.clone())
            .collect();
        for to in discriminator.mapping.values() {
            let pointer = if to.starts_with('#') {
                refs::ref_pointer(to)
            } else {
                Some(components.push(to.as_str()))
            };
            if let Some(name) = pointer.as_ref().and_then(component_schema_name)
                && name != base_name
                && schemas.contains_key(&name)
                && !names.contains(&name)
            {
                names.push(name);
            }
        }
        names
            .into_iter()
            .map(|name| ReferenceOr::Reference {
                reference: format!("#{}", components.push(name.as_str()).as_str()),
            })
            .collect()
    }

    /// The discriminator every `$ref` branch inherits through `allOf` from a
    /// base schema (the same property name for all), if any.
    fn inherited_discriminator(
        &mut self,
        live: &[(usize, &ReferenceOr<Schema>)],
    ) -> Option<Discriminator> {
        let mut found: Option<Discriminator> = None;
        for (_, branch) in live {
            let ReferenceOr::Reference { reference } = branch else {
                return None;
            };
            let target = refs::ref_pointer(reference)?;
            let schema = self.parsed_at(&target)?;
            let ReferenceOr::Item(schema) = schema.as_ref() else {
                return None;
            };
            let parts = match &schema.schema_kind {
                SchemaKind::AllOf { all_of } => all_of,
                SchemaKind::Any(any) => &any.all_of,
                _ => return None,
            };
            let mut own = None;
            for part in parts {
                if let ReferenceOr::Reference { reference } = part {
                    let base_at = refs::ref_pointer(reference)?;
                    if let Some(base) = self.parsed_at(&base_at)
                        && let ReferenceOr::Item(base) = base.as_ref()
                        && let Some(d) = &base.schema_data.discriminator
                    {
                        own = Some(d.clone());
                    }
                }
            }
            let own = own?;
            match &found {
                Some(f) if f.property_name != own.property_name => return None,
                Some(_) => {}
                None => found = Some(own),
            }
        }
        found
    }

    /// A readable variant name for a type (`String`, `Integer`, `PetList`).
    fn type_label(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Bool => "Boolean".to_owned(),
            TypeRef::Integer(_) => "Integer".to_owned(),
            TypeRef::Number(_) => "Number".to_owned(),
            TypeRef::String => "String".to_owned(),
            TypeRef::DateTime => "DateTime".to_owned(),
            TypeRef::Date => "Date".to_owned(),
            TypeRef::Uuid => "Uuid".to_owned(),
            TypeRef::Base64 | TypeRef::Binary => "Bytes".to_owned(),
            TypeRef::Any => "Value".to_owned(),
            TypeRef::External(path) => {
                let last = path.rsplit("::").next().unwrap_or(path);
                let name: String = last
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                naming::pascal(&name, "Value")
            }
            TypeRef::Array(inner) => format!("{}List", self.type_label(inner)),
            TypeRef::Map(inner) => format!("{}Map", self.type_label(inner)),
            TypeRef::Nullable(inner) => self.type_label(inner),
            TypeRef::Named(id) => self.def(*id).name.clone(),
        }
    }
}

/// Tag values of a `$ref` variant: explicit mapping entries naming it, else the
/// component's name.
fn tags_for_ref(discriminator: &Discriminator, reference: &str) -> Vec<String> {
    let target = refs::ref_pointer(reference);
    let explicit: Vec<String> = discriminator
        .mapping
        .iter()
        .filter(|(_, to)| {
            let to_pointer = if to.starts_with('#') {
                refs::ref_pointer(to)
            } else {
                Some(
                    Pointer::root()
                        .push("components")
                        .push("schemas")
                        .push(to.as_str()),
                )
            };
            to_pointer.is_some() && to_pointer == target
        })
        .map(|(value, _)| value.clone())
        .collect();
    if !explicit.is_empty() {
        return explicit;
    }
    target.and_then(|t| t.tokens().last()).into_iter().collect()
}

/// The tag value of an inline variant: its tag property's one-value enum.
fn inline_tag(schema: &Schema, property: &str) -> Option<String> {
    let properties = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => &o.properties,
        SchemaKind::Any(any) => &any.properties,
        _ => return None,
    };
    let ReferenceOr::Item(prop) = properties.get(property)? else {
        return None;
    };
    match &prop.schema_kind {
        SchemaKind::Type(Type::String(s)) => match s.enumeration.as_slice() {
            [Some(value)] => Some(value.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// `Name` when `pointer` is `/components/schemas/Name`.
fn component_schema_name(pointer: &Pointer) -> Option<String> {
    let tokens: Vec<String> = pointer.tokens().collect();
    match tokens.as_slice() {
        [components, schemas, name] if components == "components" && schemas == "schemas" => {
            Some(name.clone())
        }
        _ => None,
    }
}

/// Property names a branch declares itself (its own, and those of inline `allOf` parts).
fn own_keys(schema: &Schema) -> Vec<&str> {
    fn add<'s>(schema: &'s Schema, keys: &mut Vec<&'s str>) {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => {
                keys.extend(o.properties.keys().map(String::as_str))
            }
            SchemaKind::Any(any) => keys.extend(any.properties.keys().map(String::as_str)),
            _ => {}
        }
    }
    let mut keys = Vec::new();
    add(schema, &mut keys);
    for part in all_of_parts(schema) {
        if let ReferenceOr::Item(part) = part {
            add(part, &mut keys);
        }
    }
    keys
}

fn all_of_parts(schema: &Schema) -> &[ReferenceOr<Schema>] {
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => &[],
    }
}

fn ref_parts(schema: &Schema) -> impl Iterator<Item = &str> {
    all_of_parts(schema).iter().filter_map(|p| match p {
        ReferenceOr::Reference { reference } => Some(reference.as_str()),
        ReferenceOr::Item(_) => None,
    })
}

/// A name for an inline variant known before lowering: its title; for a
/// one-value string enum, the value; for an `allOf`, a `$ref` part no sibling
/// shares; for an object, its only property or the first property no sibling
/// declares (`{"text": ..}` → `Text`).
fn pre_label(schema: &Schema, siblings: &[&Schema]) -> Option<String> {
    if let Some(title) = schema.schema_data.title.as_deref() {
        let name = naming::pascal(title, "");
        if !name.is_empty() {
            return Some(name);
        }
    }
    if let SchemaKind::Type(Type::String(s)) = &schema.schema_kind
        && let [Some(value)] = s.enumeration.as_slice()
    {
        return Some(naming::enum_variant(value));
    }
    let others: Vec<&Schema> = siblings
        .iter()
        .copied()
        .filter(|other| !std::ptr::eq(*other, schema))
        .collect();
    if let Some(reference) =
        ref_parts(schema).find(|r| others.iter().all(|o| ref_parts(o).all(|x| x != *r)))
        && let Some(name) = refs::ref_pointer(reference).and_then(|p| component_schema_name(&p))
    {
        return Some(naming::pascal(&name, "Object"));
    }
    let keys = own_keys(schema);
    if let [only] = keys.as_slice() {
        return Some(naming::pascal(only, "Object"));
    }
    let own = keys
        .iter()
        .find(|key| others.iter().all(|o| !own_keys(o).contains(key)))?;
    Some(naming::pascal(own, "Object"))
}

fn kind_word(schema: &Schema) -> &'static str {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_)) => "Object",
        SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => "Enum",
        SchemaKind::Type(Type::String(_)) => "String",
        SchemaKind::Type(Type::Array(_)) => "List",
        SchemaKind::AllOf { .. } => "Object",
        SchemaKind::Any(any) if !any.properties.is_empty() || !any.all_of.is_empty() => "Object",
        _ => "Variant",
    }
}

/// A `oneOf`/`anyOf` branch that only admits `null` (or, for a bare nullable
/// `type: object`, is read that way).
fn is_null_branch(branch: &ReferenceOr<Schema>) -> bool {
    let ReferenceOr::Item(schema) = branch else {
        return false;
    };
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.as_deref() == Some("null")
                || (any.enumeration.len() == 1 && any.enumeration.iter().all(|v| v.is_null()))
                || (schema.schema_data.nullable && is_doc_only_schema(schema))
        }
        SchemaKind::Type(Type::String(s)) => {
            !s.enumeration.is_empty() && s.enumeration.iter().all(Option::is_none)
        }
        // `{type: object, nullable: true}` without properties: in a union, the
        // way some documents spell "or null".
        SchemaKind::Type(Type::Object(o)) => {
            schema.schema_data.nullable
                && o.properties.is_empty()
                && o.additional_properties.is_none()
        }
        _ => false,
    }
}

/// Orders the variants of every untagged union so the most specific decodes first.
pub(crate) fn order_untagged_unions(arena: &mut TypeArena) {
    let ranks: Vec<Option<Vec<(u8, i64, i64)>>> = arena
        .defs
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Union(u) if u.tag.is_none() => {
                Some(u.variants.iter().map(|v| rank(arena, &v.ty)).collect())
            }
            _ => None,
        })
        .collect();
    for (def, ranks) in arena.defs.iter_mut().zip(ranks) {
        let (TypeKind::Union(u), Some(ranks)) = (&mut def.kind, ranks) else {
            continue;
        };
        let mut paired: Vec<(UnionVariant, (u8, i64, i64))> = std::mem::take(&mut u.variants)
            .into_iter()
            .zip(ranks)
            .collect();
        paired.sort_by_key(|(_, r)| *r);
        u.variants = paired.into_iter().map(|(v, _)| v).collect();
    }
}

fn rank(arena: &TypeArena, ty: &TypeRef) -> (u8, i64, i64) {
    let mut current = ty;
    for _ in 0..refs::MAX_REF_HOPS {
        match current {
            TypeRef::Nullable(inner) => current = inner,
            TypeRef::Named(id) => match arena.defs.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => current = inner,
                Some(TypeKind::Struct(s)) => {
                    let required = s.fields.iter().filter(|f| f.required).count();
                    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
                    return (0, -count(required), -count(s.fields.len()));
                }
                Some(TypeKind::Union(_)) => return (1, 0, 0),
                Some(TypeKind::StringEnum(_)) => return (2, 0, 0),
                Some(TypeKind::ScalarEnum(e)) => {
                    return match e.kind {
                        ScalarEnumKind::Integer => (5, 0, 0),
                        ScalarEnumKind::Number => (6, 0, 0),
                        // `Unknown(Value)` takes anything: last, like `Any`.
                        ScalarEnumKind::Mixed => (10, 0, 0),
                    };
                }
                None => return (10, 0, 0),
            },
            TypeRef::Array(_) => return (3, 0, 0),
            TypeRef::DateTime | TypeRef::Date | TypeRef::Uuid => return (4, 0, 0),
            TypeRef::Integer(_) | TypeRef::Bool => return (5, 0, 0),
            TypeRef::Number(_) => return (6, 0, 0),
            TypeRef::Base64 | TypeRef::Binary => return (7, 0, 0),
            TypeRef::String => return (8, 0, 0),
            // The user's type: unknown shape, tried before the catch-alls.
            TypeRef::Map(_) | TypeRef::External(_) => return (9, 0, 0),
            TypeRef::Any => return (10, 0, 0),
        }
    }
    (10, 0, 0)
}
