//! Recursive types: `Box` only where a cycle needs it.
//!
//! After lowering, the named types form a graph: an edge from a struct to the
//! type of each field, from a union to each variant, from an alias to what it
//! names; edges go through `Nullable` (an `Option` is stored inline) but not
//! through `Array` or `Map` (a `Vec` or map already allocates). Every edge
//! inside a strongly connected component (Tarjan's algorithm, iterative) is on
//! a cycle; such field and variant edges are boxed. An alias cannot be boxed: a
//! cycle made of aliases only (`A = B`, `B = A`, and through containers too:
//! `A = Vec<A>`, `A` a map of `A`) is broken by turning one alias into `Any`, with
//! a warning.

use super::{TypeArena, TypeId, TypeKind, TypeRef};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Where an edge comes from, so it can be boxed.
#[derive(Debug, Clone, Copy)]
enum Site {
    Field(usize),
    Variant(usize),
    Alias,
}

/// Breaks alias-only cycles, then boxes every field and variant on a cycle.
pub(crate) fn break_cycles(arena: &mut TypeArena, diags: &mut Diagnostics) {
    break_alias_cycles(arena, diags);
    let edges = edges(arena, false);
    let adjacency: Vec<Vec<usize>> = edges
        .iter()
        .map(|list| list.iter().map(|(to, _)| *to).collect())
        .collect();
    let component = strongly_connected(&adjacency);
    for (from, list) in edges.iter().enumerate() {
        for (to, site) in list {
            if component.get(from) != component.get(*to) {
                continue;
            }
            let Some(def) = arena.defs.get_mut(from) else {
                continue;
            };
            match (&mut def.kind, site) {
                (TypeKind::Struct(s), Site::Field(i)) => {
                    if let Some(field) = s.fields.get_mut(*i) {
                        field.boxed = true;
                    }
                }
                (TypeKind::Union(u), Site::Variant(i)) => {
                    if let Some(variant) = u.variants.get_mut(*i) {
                        variant.boxed = true;
                    }
                }
                _ => {}
            }
        }
    }
}

fn break_alias_cycles(arena: &mut TypeArena, diags: &mut Diagnostics) {
    let adjacency: Vec<Vec<usize>> = edges(arena, true)
        .iter()
        .map(|list| list.iter().map(|(to, _)| *to).collect())
        .collect();
    let component = strongly_connected(&adjacency);
    let mut broken = std::collections::HashSet::new();
    for (from, list) in adjacency.iter().enumerate() {
        let on_cycle = list
            .iter()
            .any(|to| component.get(*to) == component.get(from));
        let Some(&c) = component.get(from) else {
            continue;
        };
        if on_cycle
            && broken.insert(c)
            && let Some(def) = arena.defs.get_mut(from)
        {
            {
                def.kind = TypeKind::Alias(TypeRef::Any);
                diags.push(
                    Diagnostic::warning(
                        "SF2008",
                        def.pointer.clone(),
                        format!(
                            "`{}` is defined only in terms of itself; typed as a JSON value",
                            def.name
                        ),
                    )
                    .with_help("give one schema of the `$ref` cycle a real type"),
                );
            }
        }
    }
}

/// Edges per type; `aliases_only` keeps just alias edges.
fn edges(arena: &TypeArena, aliases_only: bool) -> Vec<Vec<(usize, Site)>> {
    arena
        .defs
        .iter()
        .map(|def| {
            let mut out = Vec::new();
            match &def.kind {
                // A type alias cannot refer to itself at all, not even through a
                // `Vec` or a map (`type A = Vec<A>` is E0391): among aliases, every
                // named type counts.
                TypeKind::Alias(ty) if aliases_only => {
                    let mut named = Vec::new();
                    super::dedup::named_in(ty, &mut named);
                    out.extend(named.into_iter().map(|to| (to, Site::Alias)));
                }
                TypeKind::Alias(ty) => {
                    if let Some(to) = inline_target(ty) {
                        out.push((to.0, Site::Alias));
                    }
                }
                TypeKind::Struct(s) if !aliases_only => {
                    for (i, field) in s.fields.iter().enumerate() {
                        if let Some(to) = inline_target(&field.ty) {
                            out.push((to.0, Site::Field(i)));
                        }
                    }
                }
                TypeKind::Union(u) if !aliases_only => {
                    for (i, variant) in u.variants.iter().enumerate() {
                        if let Some(to) = inline_target(&variant.ty) {
                            out.push((to.0, Site::Variant(i)));
                        }
                    }
                }
                _ => {}
            }
            out.retain(|(to, _)| *to < arena.defs.len());
            out
        })
        .collect()
}

/// The named type stored inline (without an allocation) by a value of `ty`.
fn inline_target(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        TypeRef::Nullable(inner) => inline_target(inner),
        _ => None,
    }
}

/// Tarjan's strongly connected components, without recursion: the component
/// number of each node.
pub(super) fn strongly_connected(adjacency: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = adjacency.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    // All node numbers below are < n: they come from `0..n` or from
    // `adjacency`, whose targets `edges` keeps below `n`.
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut child)) = calls.last_mut() {
            if let Some(&next) = adjacency[node].get(*child) {
                *child += 1;
                if index[next] == UNSEEN {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    calls.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_of_a_small_graph() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone, 2 -> 4
        let adjacency = vec![vec![1], vec![2], vec![0, 4], vec![3], vec![]];
        let c = strongly_connected(&adjacency);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[2], c[4]);
        assert_ne!(c[3], c[0]);
    }

    #[test]
    fn deep_chains_do_not_overflow_the_stack() {
        let n = 200_000;
        let adjacency: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        let c = strongly_connected(&adjacency);
        assert!(c.iter().all(|&x| x == c[0]));
    }
}
