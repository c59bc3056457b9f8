//! Types of the same shape are emitted once.
//!
//! Real documents repeat shapes: an error schema inlined under every response of
//! every operation, or one inline object copied into each operation that uses it
//! (in GitHub's document about two thirds of the 7,000 types repeat another one
//! field for field). Each copy would cost the compiler a full struct with its serde
//! impls. This pass finds them and marks every copy [`TypeDef::same_as`] its first
//! occurrence; `emit` writes the copy as `pub type Copy = First;`. Every name stays
//! (code that names a copy keeps compiling), and nothing about the first one
//! changes.
//!
//! **The rule** (also in `docs/generated-code.md`): two structs, enums or unions
//! have the same shape when everything that decides their Rust definition and their
//! wire format is equal — field and variant names, wire names, presence, boxing,
//! defaults, deprecation, and the types they refer to (which must themselves have
//! the same shape) — whatever their own name and documentation. Of the types with
//! one shape, the first in arena order (component schemas in document order, then
//! inline types in the order they were met) is defined; the others name it. So
//! renaming a schema never renames another type: at most an alias points at
//! another definition.
//!
//! **The work** is linear in the size of the arena: types are visited so that
//! every type comes after the types it refers to (strongly connected components
//! in reverse topological order, [`super::recursion::strongly_connected`]), and
//! each gets a signature in which a reference to another component is written as
//! that type's representative. References inside its own cycle are written as they
//! are, so types on a cycle only merge when they are the very same (a sound, if
//! incomplete, answer for recursive shapes). Aliases (`pub type`) are never
//! merged: they cost nothing to compile.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::recursion::strongly_connected;
use super::{Field, TypeArena, TypeId, TypeKind, TypeRef};

/// Marks every type whose shape an earlier type already has (see module docs).
pub(crate) fn merge_same_shapes(arena: &mut TypeArena) {
    let adjacency: Vec<Vec<usize>> = arena.defs.iter().map(|def| references(&def.kind)).collect();
    let component = strongly_connected(&adjacency);
    let mut order: Vec<usize> = (0..arena.defs.len()).collect();
    // Tarjan numbers a component after every component it reaches: ascending
    // numbers visit referenced types first; ties keep arena order.
    order.sort_by_key(|&id| (component[id], id));

    let mut representative: Vec<usize> = (0..arena.defs.len()).collect();
    let mut first_of_shape: HashMap<String, usize> = HashMap::new();
    for id in order {
        let Some(def) = arena.defs.get(id) else {
            continue;
        };
        let written_as = |to: usize| {
            if component.get(to) == component.get(id) {
                to
            } else {
                representative.get(to).copied().unwrap_or(to)
            }
        };
        let Some(shape) = signature(&def.kind, &written_as) else {
            continue;
        };
        match first_of_shape.get(&shape) {
            Some(&first) => representative[id] = first,
            None => {
                first_of_shape.insert(shape, id);
            }
        }
    }
    for (id, def) in arena.defs.iter_mut().enumerate() {
        if representative[id] != id {
            def.same_as = Some(TypeId(representative[id]));
        }
    }
}

/// Every named type `kind` refers to, through any container.
pub(super) fn references(kind: &TypeKind) -> Vec<usize> {
    let mut out = Vec::new();
    let mut push = |ty: &TypeRef| named_in(ty, &mut out);
    match kind {
        TypeKind::Struct(s) => {
            s.fields.iter().for_each(|f| push(&f.ty));
            if let Some(extra) = &s.additional_properties {
                push(extra);
            }
        }
        TypeKind::Union(u) => u.variants.iter().for_each(|v| push(&v.ty)),
        TypeKind::Alias(ty) => push(ty),
        TypeKind::StringEnum(_) | TypeKind::ScalarEnum(_) => {}
    }
    out
}

pub(super) fn named_in(ty: &TypeRef, out: &mut Vec<usize>) {
    match ty {
        TypeRef::Named(id) => out.push(id.0),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            named_in(inner, out);
        }
        _ => {}
    }
}

/// The shape of a struct, enum or union as text (`None` for an alias, which is
/// never merged). `written_as` maps a referenced type to how it is written.
fn signature(kind: &TypeKind, written_as: &dyn Fn(usize) -> usize) -> Option<String> {
    let mut out = String::new();
    match kind {
        TypeKind::Alias(_) => return None,
        TypeKind::Struct(s) => {
            out.push('S');
            for field in &s.fields {
                field_signature(&mut out, field, written_as);
            }
            if let Some(extra) = &s.additional_properties {
                out.push_str("|+");
                type_signature(&mut out, extra, written_as);
            }
        }
        TypeKind::StringEnum(e) => {
            out.push('E');
            for v in &e.variants {
                let _ = write!(out, "|{:?}={:?}", v.name, v.value);
            }
        }
        TypeKind::ScalarEnum(e) => {
            let _ = write!(out, "N{:?}", e.kind);
            for v in &e.variants {
                let _ = write!(out, "|{:?}={}", v.name, v.value);
            }
        }
        TypeKind::Union(u) => {
            let _ = write!(out, "U{:?}", u.tag);
            for v in &u.variants {
                let _ = write!(out, "|{:?}{:?}{}:", v.name, v.tag_values, v.boxed);
                type_signature(&mut out, &v.ty, written_as);
            }
        }
    }
    Some(out)
}

fn field_signature(out: &mut String, field: &Field, written_as: &dyn Fn(usize) -> usize) {
    let _ = write!(
        out,
        "|{:?}{:?}{}{}{}{}{}{}",
        field.name,
        field.wire_name,
        u8::from(field.required),
        u8::from(field.nullable),
        u8::from(field.boxed),
        u8::from(field.read_only),
        u8::from(field.write_only),
        u8::from(field.docs.deprecated),
    );
    if let Some(default) = &field.default {
        let _ = write!(out, "={default}");
    }
    out.push(':');
    type_signature(out, &field.ty, written_as);
}

fn type_signature(out: &mut String, ty: &TypeRef, written_as: &dyn Fn(usize) -> usize) {
    match ty {
        TypeRef::Named(id) => {
            let _ = write!(out, "#{}", written_as(id.0));
        }
        TypeRef::Array(inner) => {
            out.push('[');
            type_signature(out, inner, written_as);
        }
        TypeRef::Map(inner) => {
            out.push('{');
            type_signature(out, inner, written_as);
        }
        TypeRef::Nullable(inner) => {
            out.push('?');
            type_signature(out, inner, written_as);
        }
        other => {
            let _ = write!(out, "{other:?}");
        }
    }
}
