//! Schemas → [`TypeRef`]s, named types into the arena.
//!
//! [`TypeLowerer`] owns the arena while the document is lowered. Component
//! schemas are registered first (named after their key, in document order), so a
//! `$ref` to one is a [`TypeRef::Named`] before the target is lowered; targets
//! are lowered from a work list, never by recursion through `$ref`s, so `$ref`
//! cycles terminate. Nesting of inline schemas is bounded by [`MAX_DEPTH`].
//!
//! Decisions (see `docs/generated-code.md` for the Rust side):
//! - Each component schema is deserialized on its own (`openapiv3::Schema`),
//!   after a nesting check; one that cannot be read becomes `Any` with a
//!   warning, the rest is unaffected.
//! - Inline objects, enums and unions get readable names: `{Parent}{Property}`,
//!   `{Parent}Item` for array items, `{Parent}Value` for map values; operations
//!   pass their own hints (`{Operation}Body`, ...). A `$ref` to a place that is
//!   not a component names a type after its first use when it is an object,
//!   enum or composition, and is lowered in place otherwise. The schema of a
//!   shared parameter, response or request body component is lowered once and
//!   named after the component (`per-page` → `PerPage`, `not_found` →
//!   `NotFoundResponse`).
//! - `nullable` on a field's schema (or on the component it references) sets
//!   `Field.nullable`; elsewhere (array items, map values, union variants,
//!   bodies) the type is wrapped in [`TypeRef::Nullable`].
//! - A nullable component (or `$ref` target) whose body is a `oneOf`/`anyOf`
//!   of two or more non-null branches (`nullable: true`, or a null branch) is
//!   two types: the union, named `{Name}Value`, and `type {Name} =
//!   Option<{Name}Value>`, so the schema's own name decodes `null`. Every
//!   `$ref` to it resolves to the union and is nullable there (a field gets
//!   `Field.nullable`, so optional + nullable keeps absent apart from `null`).
//!
//! The dispatch on a schema's kind lives in [`super::schema_kinds`], questions
//! asked of raw schema JSON in [`super::schema_values`], objects in
//! [`super::objects`], primitives in [`super::scalars`], enums in
//! [`super::enums`], `allOf` in [`super::composition`], `oneOf`/`anyOf` in
//! [`super::unions`], and the recursion boxes in [`super::recursion`].

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use openapiv3::{ReferenceOr, Schema, SchemaData};
use serde_json::Value;

use super::naming::{self, UniqueNames};
use super::renames::Renames;
use super::replacements::Replacements;
use super::schema_values::{
    is_union_value, names_a_type, shared_component_hint, value_is_nullable,
};
use super::{Docs, TypeArena, TypeDef, TypeId, TypeKind, TypeRef, refs};
use crate::Settings;
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// Deepest nesting of inline schemas lowered before giving up with `Any`.
pub(crate) const MAX_DEPTH: usize = 32;

/// A schema, whether it came boxed (properties, items) or not (compositions).
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'s> {
    Ref(&'s str),
    Item(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SchemaRef<'s> {
    fn from(value: &'s ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SchemaRef<'s> {
    fn from(value: &'s ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Item(schema),
        }
    }
}

/// The result of lowering one schema.
#[derive(Debug, Clone)]
pub(crate) struct Lowered {
    pub(crate) ty: TypeRef,
    /// `null` is a valid value here.
    pub(crate) nullable: bool,
    /// Something the docs should say that the type cannot (allowed values of a
    /// non-string enum).
    pub(crate) note: Option<String>,
}

impl Lowered {
    pub(crate) fn of(ty: TypeRef) -> Self {
        Self {
            ty,
            nullable: false,
            note: None,
        }
    }

    /// The type for a position that is not a field: `Nullable(T)` when null is allowed.
    pub(crate) fn into_type(self) -> TypeRef {
        if self.nullable && !matches!(self.ty, TypeRef::Any | TypeRef::Nullable(_)) {
            TypeRef::Nullable(Box::new(self.ty))
        } else {
            self.ty
        }
    }
}

/// Where a schema is being lowered: the name a named type would get (raw words,
/// made PascalCase only when a type is really named, which keeps `heck` off the
/// hot path), and the pre-registered arena slot it fills (component schemas and
/// `$ref` targets).
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub(crate) hint: String,
    pub(crate) slot: Option<TypeId>,
    pub(crate) depth: usize,
}

impl Ctx {
    pub(crate) fn new(hint: impl Into<String>) -> Self {
        Self {
            hint: hint.into(),
            slot: None,
            depth: 0,
        }
    }

    /// A nested position named `{hint}{suffix}`.
    pub(crate) fn child(&self, suffix: &str) -> Self {
        Self {
            hint: format!("{} {suffix}", self.hint),
            slot: None,
            depth: self.depth + 1,
        }
    }
}

/// Lowers schemas and owns the type arena while the document is lowered.
pub(crate) struct TypeLowerer<'a> {
    pub(crate) document: &'a Value,
    pub(crate) settings: &'a Settings,
    pub(crate) diags: &'a mut Diagnostics,
    pub(crate) defs: Vec<TypeDef>,
    pub(crate) names: UniqueNames,
    /// `$ref` targets (pointer text) that have an arena slot.
    pub(crate) by_pointer: HashMap<String, TypeId>,
    /// Registered targets whose schema says `null` is allowed.
    pub(crate) nullable_targets: HashSet<TypeId>,
    /// Parsed `$ref` targets, for `allOf` merging and discriminator lookups.
    pub(crate) parsed: HashMap<String, Option<Rc<ReferenceOr<Schema>>>>,
    /// Registered slots still to lower (index into `pending_list`).
    pending_list: Vec<(TypeId, Pointer)>,
    pending_next: usize,
    /// Schemas of shared components (`components/parameters`, `responses`,
    /// `requestBodies`), lowered once for every operation that uses them.
    shared: HashMap<String, Lowered>,
    /// Setting `replace`.
    pub(crate) replacements: Replacements,
    /// Settings `rename_types` and `rename_operations`.
    pub(crate) renames: Renames,
}

impl<'a> TypeLowerer<'a> {
    pub(crate) fn new(
        document: &'a Value,
        settings: &'a Settings,
        diags: &'a mut Diagnostics,
    ) -> Self {
        Self {
            document,
            settings,
            diags,
            defs: Vec::new(),
            names: UniqueNames::with_reserved(naming::RESERVED_TYPE_NAMES),
            by_pointer: HashMap::new(),
            nullable_targets: HashSet::new(),
            parsed: HashMap::new(),
            pending_list: Vec::new(),
            pending_next: 0,
            shared: HashMap::new(),
            replacements: Replacements::new(settings),
            renames: Renames::new(settings),
        }
    }

    pub(crate) fn warn(&mut self, code: &'static str, at: &Pointer, message: String, help: &str) {
        self.diags
            .push(Diagnostic::warning(code, at.clone(), message).with_help(help));
    }

    /// Registers every component schema (document order) and lowers them.
    pub(crate) fn lower_components(&mut self) {
        let base = Pointer::root().push("components").push("schemas");
        let Some(schemas) = self
            .document
            .pointer(base.as_str())
            .and_then(Value::as_object)
        else {
            return;
        };
        for (key, value) in schemas {
            let at = base.push(key);
            let wanted = self.renames.type_name(key).unwrap_or(key);
            let name = self.names.claim(&naming::pascal(wanted, "Schema"));
            match self.replacements.schema(key).map(str::to_owned) {
                Some(path) => self.register_replaced(name, at, value, path),
                None => {
                    self.register(name, at, value);
                }
            }
        }
        let mut unmatched = self.replacements.unmatched(self.document);
        unmatched.extend(
            self.renames
                .unmatched_types(schemas.keys().map(String::as_str)),
        );
        for diagnostic in unmatched {
            self.diags.push(diagnostic);
        }
        self.lower_pending();
    }

    /// Lowers every registered slot not lowered yet (targets found on the way
    /// are appended and lowered too).
    pub(crate) fn lower_pending(&mut self) {
        while let Some((id, at)) = self.pending_list.get(self.pending_next).cloned() {
            self.pending_next += 1;
            self.lower_slot(id, &at);
        }
    }

    /// A component schema replaced by the user's type (setting `replace`): an alias of
    /// it, never lowered.
    fn register_replaced(&mut self, name: String, at: Pointer, value: &Value, path: String) {
        let id = TypeId(self.defs.len());
        let docs = Docs {
            description: Some(format!(
                "Replaced by `{path}` (setting `replace`): the document's schema is not generated."
            )),
            ..Docs::default()
        };
        self.defs.push(TypeDef {
            name,
            pointer: at.clone(),
            docs,
            kind: TypeKind::Alias(TypeRef::External(path)),
            same_as: None,
        });
        if value_is_nullable(value) {
            self.nullable_targets.insert(id);
        }
        self.by_pointer.insert(at.as_str().to_owned(), id);
    }

    /// Puts `value` at `at` into a new slot named `name`; lowered later.
    fn register(&mut self, name: String, at: Pointer, value: &Value) -> TypeId {
        let id = TypeId(self.defs.len());
        self.defs.push(TypeDef {
            name,
            pointer: at.clone(),
            docs: Docs::default(),
            kind: TypeKind::Alias(TypeRef::Any),
            same_as: None,
        });
        if value_is_nullable(value) {
            self.nullable_targets.insert(id);
            if is_union_value(value) {
                // A nullable union: the name is `Option<{Name}Value>`; every
                // `$ref` resolves to the union itself, nullable (see module docs).
                let union_name = self.names.claim(&naming::pascal(
                    &format!("{} Value", self.def(id).name),
                    "Value",
                ));
                let union_id = TypeId(self.defs.len());
                self.defs.push(TypeDef {
                    name: union_name,
                    pointer: at.clone(),
                    docs: Docs::default(),
                    kind: TypeKind::Alias(TypeRef::Any),
                    same_as: None,
                });
                self.nullable_targets.insert(union_id);
                let text = |key: &str| {
                    value
                        .get(key)
                        .and_then(Value::as_str)
                        .filter(|t| !t.trim().is_empty())
                        .map(str::to_owned)
                };
                let alias = self.def_mut(id);
                alias.kind = TypeKind::Alias(TypeRef::Nullable(Box::new(TypeRef::Named(union_id))));
                alias.docs.summary = text("title");
                alias.docs.description = text("description");
                self.by_pointer.insert(at.as_str().to_owned(), union_id);
                self.pending_list.push((union_id, at));
                return union_id;
            }
        }
        self.by_pointer.insert(at.as_str().to_owned(), id);
        self.pending_list.push((id, at));
        id
    }

    fn lower_slot(&mut self, id: TypeId, at: &Pointer) {
        let Some(schema) = self.parsed_at(at) else {
            return;
        };
        let ctx = Ctx {
            hint: self.def(id).name.clone(),
            slot: Some(id),
            depth: 0,
        };
        let lowered = self.lower(SchemaRef::from(schema.as_ref()), at, &ctx);
        if lowered.ty != TypeRef::Named(id) {
            if let ReferenceOr::Item(schema) = schema.as_ref() {
                self.def_mut(id).docs = docs_of(&schema.schema_data);
            }
            if let Some(note) = &lowered.note {
                super::objects::append_note(&mut self.def_mut(id).docs, note);
            }
            let ty = if lowered.nullable && !self.nullable_targets.contains(&id) {
                lowered.into_type()
            } else {
                lowered.ty
            };
            self.def_mut(id).kind = TypeKind::Alias(ty);
        }
    }

    /// The schema at `at`, parsed once; `None` (with a warning) when unreadable.
    pub(crate) fn parsed_at(&mut self, at: &Pointer) -> Option<Rc<ReferenceOr<Schema>>> {
        if let Some(cached) = self.parsed.get(at.as_str()) {
            return cached.clone();
        }
        let result = match refs::lookup(self.document, at) {
            None => Err("nothing is there".to_owned()),
            Some(value) => refs::parse::<ReferenceOr<Schema>>(value),
        };
        let parsed = match result {
            Ok(schema) => Some(Rc::new(schema)),
            Err(error) => {
                self.warn(
                    "SF2002",
                    at,
                    format!("schema cannot be read ({error}); typed as a JSON value"),
                    "fix the schema; until then this type is `serde_json::Value`",
                );
                None
            }
        };
        self.parsed.insert(at.as_str().to_owned(), parsed.clone());
        parsed
    }

    pub(crate) fn def(&self, id: TypeId) -> &TypeDef {
        // Ids are only made by `register`/`place`, which push the def first.
        &self.defs[id.0]
    }

    pub(crate) fn def_mut(&mut self, id: TypeId) -> &mut TypeDef {
        // Ids are only made by `register`/`place`, which push the def first.
        &mut self.defs[id.0]
    }

    /// Puts a named kind into the context's slot, or into a new slot named
    /// after the context's hint.
    pub(crate) fn place(&mut self, kind: TypeKind, docs: Docs, at: &Pointer, ctx: &Ctx) -> TypeId {
        let id = self.reserve(at, ctx);
        let def = self.def_mut(id);
        def.kind = kind;
        def.docs = docs;
        id
    }

    /// The context's slot, or a new one named after its hint (filled later).
    pub(crate) fn reserve(&mut self, at: &Pointer, ctx: &Ctx) -> TypeId {
        if let Some(id) = ctx.slot {
            return id;
        }
        let id = TypeId(self.defs.len());
        let name = self.names.claim(&naming::pascal(&ctx.hint, "Value"));
        self.defs.push(TypeDef {
            name,
            pointer: at.clone(),
            docs: Docs::default(),
            kind: TypeKind::Alias(TypeRef::Any),
            same_as: None,
        });
        id
    }

    /// Lowers one schema (reference or inline).
    pub(crate) fn lower(&mut self, schema: SchemaRef<'_>, at: &Pointer, ctx: &Ctx) -> Lowered {
        let shared_hint = match schema {
            SchemaRef::Item(_) if ctx.slot.is_none() => shared_component_hint(at),
            _ => None,
        };
        if let Some(hint) = shared_hint {
            if let Some(done) = self.shared.get(at.as_str()) {
                return done.clone();
            }
            let shared_ctx = Ctx {
                hint,
                slot: None,
                depth: ctx.depth,
            };
            let lowered = self.lower_uncached(schema, at, &shared_ctx);
            self.shared.insert(at.as_str().to_owned(), lowered.clone());
            return lowered;
        }
        self.lower_uncached(schema, at, ctx)
    }

    fn lower_uncached(&mut self, schema: SchemaRef<'_>, at: &Pointer, ctx: &Ctx) -> Lowered {
        match schema {
            SchemaRef::Ref(reference) => self.lower_ref(reference, at, ctx),
            SchemaRef::Item(schema) => self.lower_schema(schema, at, ctx),
        }
    }

    /// Parses `value` as a schema on its own and lowers it; unreadable → `Any`.
    pub(crate) fn lower_value(&mut self, value: &Value, at: &Pointer, ctx: &Ctx) -> Lowered {
        match refs::parse::<ReferenceOr<Schema>>(value) {
            Ok(schema) => self.lower(SchemaRef::from(&schema), at, ctx),
            Err(error) => {
                self.warn(
                    "SF2002",
                    at,
                    format!("schema cannot be read ({error}); typed as a JSON value"),
                    "fix the schema; until then this type is `serde_json::Value`",
                );
                Lowered::of(TypeRef::Any)
            }
        }
    }

    pub(crate) fn lower_ref(&mut self, reference: &str, at: &Pointer, ctx: &Ctx) -> Lowered {
        let Some(target) = refs::ref_pointer(reference) else {
            self.warn(
                "SF2003",
                at,
                format!("external reference `{reference}` was not bundled; typed as a JSON value"),
                "make the referenced file reachable from the document's folder",
            );
            return Lowered::of(TypeRef::Any);
        };
        if let Some(&id) = self.by_pointer.get(target.as_str()) {
            return Lowered {
                ty: TypeRef::Named(id),
                nullable: self.nullable_targets.contains(&id),
                note: None,
            };
        }
        let Some(value) = refs::lookup(self.document, &target) else {
            self.warn(
                "SF2001",
                at,
                format!("reference `{reference}` points to nothing; typed as a JSON value"),
                "fix the `$ref` (internal references look like `#/components/schemas/Name`)",
            );
            return Lowered::of(TypeRef::Any);
        };
        if ctx.depth >= MAX_DEPTH {
            return self.too_deep(at);
        }
        if names_a_type(value) {
            let name = self.names.claim(&naming::pascal(&ctx.hint, "Value"));
            let id = self.register(name, target, value);
            return Lowered {
                ty: TypeRef::Named(id),
                nullable: self.nullable_targets.contains(&id),
                note: None,
            };
        }
        // A primitive or array somewhere else in the document: lowered in place.
        let inner = Ctx {
            hint: ctx.hint.clone(),
            slot: None,
            depth: ctx.depth + 1,
        };
        self.lower_value(value, &target, &inner)
    }

    pub(crate) fn too_deep(&mut self, at: &Pointer) -> Lowered {
        self.warn(
            "SF2004",
            at,
            format!("schemas nest deeper than {MAX_DEPTH} levels here; typed as a JSON value"),
            "move deep inline schemas into `components/schemas` and `$ref` them",
        );
        Lowered::of(TypeRef::Any)
    }
}

/// Docs of a schema: `title` as summary, `description`, `deprecated`.
pub(crate) fn docs_of(data: &SchemaData) -> Docs {
    Docs {
        summary: data.title.clone().filter(|t| !t.trim().is_empty()),
        description: data.description.clone().filter(|t| !t.trim().is_empty()),
        deprecated: data.deprecated,
    }
}

impl TypeLowerer<'_> {
    /// Hands the finished arena over (after the post-passes).
    pub(crate) fn finish(mut self) -> TypeArena {
        self.lower_pending();
        let mut arena = TypeArena { defs: self.defs };
        super::unions::order_untagged_unions(&mut arena);
        super::recursion::break_cycles(&mut arena, self.diags);
        super::dedup::merge_same_shapes(&mut arena);
        arena
    }
}
