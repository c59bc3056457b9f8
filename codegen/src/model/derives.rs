//! Setting `derive`: extra derives for generated types, all of them or named schemas
//! (docs/entry-points.md, "Extra derives").
//!
//! A derive is kept for a type only where it can hold, so that asking for `Hash` never
//! turns into a compile error on one type of a thousand:
//! - `Eq` and `Hash` need every value inside to have them: a float (`f32`/`f64`,
//!   a number enum) has neither;
//! - `PartialOrd` and `Ord` are not implemented by `serde_json::Value` (free-form
//!   values, and the `Unknown` variant of a tagged union); `Ord` not by floats either;
//! - `Default` only on structs whose required properties all have a default value
//!   themselves (not an enum, a union, or a struct without one); structs whose
//!   properties are all optional already have it; `Copy` never (generated types hold
//!   strings and vectors);
//! - what every generated type already implements (`Debug`, `Clone`, `PartialEq`,
//!   `Serialize`, `Deserialize`) and what an enum already derives is not derived twice.
//!
//! Whether a type holds a float or a free-form value is a property of everything it
//! contains, found with a worklist over the types that contain each type (linear in the
//! size of the types). Any other derive (`schemars::JsonSchema`, your own) is passed
//! through: the types it is put on must support it. Each derive left out of some types is
//! warning SF2012, once per derive, naming the first few.

use std::collections::HashSet;

use crate::Settings;
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};
use crate::model::{ScalarEnumKind, TypeArena, TypeKind, TypeRef};
use crate::settings::kinds::{DeriveTarget, derive_request};

/// What a type (and everything in it) supports among the derives checked here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Holds {
    eq_hash: bool,
    partial_ord: bool,
    ord: bool,
    default: bool,
}

const ALL: Holds = Holds {
    eq_hash: true,
    partial_ord: true,
    ord: true,
    default: true,
};

impl Holds {
    fn and(self, other: Holds) -> Holds {
        Holds {
            eq_hash: self.eq_hash && other.eq_hash,
            partial_ord: self.partial_ord && other.partial_ord,
            ord: self.ord && other.ord,
            default: self.default && other.default,
        }
    }

    /// What a container learns from a contained type through an edge that does (or,
    /// inside a `Vec`, map or `Option`, does not) need the contained type's `Default`.
    fn through(self, needs_default: bool) -> Holds {
        Holds {
            default: self.default || !needs_default,
            ..self
        }
    }
}

/// Floats: no `Eq`, `Hash`, `Ord`.
const FLOAT: Holds = Holds {
    eq_hash: false,
    partial_ord: true,
    ord: false,
    default: true,
};

/// `serde_json::Value`: `Eq`, `Hash` and `Default`, no order.
const JSON_VALUE: Holds = Holds {
    eq_hash: true,
    partial_ord: false,
    ord: false,
    default: true,
};

/// Enums (string, scalar) and unions have no default variant.
const NO_DEFAULT: Holds = Holds {
    default: false,
    ..ALL
};

/// The extra derives of every type (by `TypeId` index), as paths, with SF2012 for each
/// derive left out somewhere.
pub(crate) fn extra_derives(
    types: &TypeArena,
    settings: &Settings,
    diags: &mut Diagnostics,
) -> Vec<Vec<String>> {
    let requests: Vec<(DeriveTarget, String)> = settings
        .derive
        .iter()
        .filter_map(|d| derive_request(d))
        .collect();
    let mut out = vec![Vec::new(); types.defs.len()];
    if requests.is_empty() {
        return out;
    }
    let holds = holds(types);
    for (target, path) in &requests {
        let mut left_out = Vec::new();
        for (index, def) in types.defs.iter().enumerate() {
            let wanted = super::attributes::is_target(def, target);
            // Aliases (and unions without variants, emitted as one) get no derives.
            let alias = match &def.kind {
                TypeKind::Alias(_) => true,
                TypeKind::Union(u) => u.variants.is_empty(),
                _ => false,
            };
            if !wanted || alias || def.same_as.is_some() {
                continue;
            }
            match decide(&def.kind, holds[index], path) {
                Decision::Derive => out[index].push(path.clone()),
                Decision::AlreadyThere => {}
                Decision::Cannot => left_out.push(def.name.clone()),
            }
        }
        if !left_out.is_empty() {
            diags.push(left_out_warning(path, &left_out));
        }
    }
    for list in &mut out {
        let mut seen = HashSet::new();
        list.retain(|path| seen.insert(path.clone()));
    }
    out
}

enum Decision {
    Derive,
    AlreadyThere,
    Cannot,
}

/// Whether `path` (its last segment) can be derived on a type of `kind`.
fn decide(kind: &TypeKind, holds: Holds, path: &str) -> Decision {
    let name = path.rsplit("::").next().unwrap_or(path).trim();
    if matches!(
        name,
        "Debug" | "Clone" | "PartialEq" | "Serialize" | "Deserialize"
    ) {
        return Decision::AlreadyThere;
    }
    let derived: &[&str] = match kind {
        TypeKind::StringEnum(_) => &["Eq", "Hash", "PartialOrd", "Ord"],
        TypeKind::ScalarEnum(e) => match e.kind {
            ScalarEnumKind::Integer => &["Copy", "Eq", "Hash", "PartialOrd", "Ord"],
            ScalarEnumKind::Number => &["Copy", "PartialOrd"],
            ScalarEnumKind::Mixed => &[],
        },
        TypeKind::Struct(s) if s.fields.iter().all(|f| !f.required) => &["Default"],
        _ => &[],
    };
    if derived.contains(&name) {
        return Decision::AlreadyThere;
    }
    let possible = match name {
        "Eq" | "Hash" => holds.eq_hash,
        "PartialOrd" => holds.partial_ord,
        "Ord" => holds.ord && holds.eq_hash,
        "Default" => holds.default,
        "Copy" => false,
        _ => true,
    };
    if possible {
        Decision::Derive
    } else {
        Decision::Cannot
    }
}

fn left_out_warning(path: &str, types: &[String]) -> Diagnostic {
    let shown: Vec<String> = types.iter().take(5).map(|t| format!("`{t}`")).collect();
    let more = types.len().saturating_sub(shown.len());
    let list = if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    };
    Diagnostic::warning(
        "SF2012",
        Pointer::root().push("components").push("schemas"),
        format!(
            "setting `derive`: `{path}` is left out of {} type(s) it cannot hold for: {list}",
            types.len()
        ),
    )
    .with_help("a float has no `Eq`/`Hash`/`Ord`, a free-form JSON value no order, `Default` needs every property optional; ask for the derive on named schemas (`Schema=Path`) to choose where")
}

/// What each type supports: every type starts at [`ALL`]; a type's own contents lower
/// it, and a type that loses something lowers every type that contains it (worklist).
fn holds(types: &TypeArena) -> Vec<Holds> {
    let count = types.defs.len();
    let mut holds = vec![ALL; count];
    // For each type, the types that contain it, and whether through a `Default` edge.
    let mut containers: Vec<Vec<(usize, bool)>> = vec![Vec::new(); count];
    let mut work = Vec::new();
    for (index, def) in types.defs.iter().enumerate() {
        let mut named = Vec::new();
        let own = kind_holds(&def.kind, &mut named);
        for (id, needs_default) in named {
            if let Some(list) = containers.get_mut(id) {
                list.push((index, needs_default));
            }
        }
        if own != ALL {
            holds[index] = own;
            work.push(index);
        }
    }
    while let Some(index) = work.pop() {
        let lost = holds[index];
        for &(container, needs_default) in &containers[index] {
            let before = holds[container];
            let after = before.and(lost.through(needs_default));
            if after != before {
                holds[container] = after;
                work.push(container);
            }
        }
    }
    holds
}

/// What a type's own contents allow, not counting named types (collected in `named`
/// with whether the type's `Default` needs theirs).
fn kind_holds(kind: &TypeKind, named: &mut Vec<(usize, bool)>) -> Holds {
    match kind {
        TypeKind::Struct(s) => {
            let mut holds = ALL;
            for field in &s.fields {
                // Optional and nullable properties are `Option`s: `Default` regardless.
                let needs_default = field.required && !field.nullable;
                holds = holds.and(ref_holds(&field.ty, needs_default, named));
            }
            if let Some(values) = &s.additional_properties {
                holds = holds.and(ref_holds(values, false, named));
            }
            holds
        }
        TypeKind::StringEnum(_) => NO_DEFAULT,
        TypeKind::ScalarEnum(e) => match e.kind {
            ScalarEnumKind::Integer => NO_DEFAULT,
            ScalarEnumKind::Number => FLOAT.and(NO_DEFAULT),
            ScalarEnumKind::Mixed => JSON_VALUE.and(NO_DEFAULT),
        },
        TypeKind::Alias(ty) => ref_holds(ty, true, named),
        TypeKind::Union(u) => {
            // A tagged union keeps unknown tags as `Unknown(serde_json::Value)`.
            let unknown = if u.tag.is_some() { JSON_VALUE } else { ALL };
            u.variants
                .iter()
                .map(|v| ref_holds(&v.ty, false, named))
                .fold(unknown.and(NO_DEFAULT), Holds::and)
        }
    }
}

/// What `ty` allows; `needs_default`: whether the container's `Default` needs this
/// type's (false inside a `Vec`, a map or an `Option`).
fn ref_holds(ty: &TypeRef, needs_default: bool, named: &mut Vec<(usize, bool)>) -> Holds {
    match ty {
        TypeRef::Number(_) => FLOAT,
        TypeRef::Any => JSON_VALUE,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            ref_holds(inner, false, named)
        }
        TypeRef::Named(id) => {
            named.push((id.0, needs_default));
            ALL
        }
        // The user's type: assumed to support what is asked (docs/entry-points.md).
        TypeRef::External(_) => ALL,
        TypeRef::Bool
        | TypeRef::Integer(_)
        | TypeRef::String
        | TypeRef::DateTime
        | TypeRef::Date
        | TypeRef::Uuid
        | TypeRef::Base64
        | TypeRef::Binary => ALL,
    }
}
