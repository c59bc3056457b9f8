//! Per-tag Cargo features (setting `tag_features`): which feature compiles which
//! operation and which type.
//!
//! - Each tag of the document becomes a feature named after it in kebab-case (ASCII
//!   letters and digits; `Pull Requests` → `pull-requests`); operations without a
//!   tag get the feature `untagged`. A name that is empty, starts with a digit, is
//!   `default`, `mock` (setting `mock`'s feature) or one of the runtime's features the crate forwards
//!   ([`RUNTIME_FEATURES`]: `gzip`, `native-tls`, …) gets a `tag-` prefix; a name
//!   already taken gets `-2`, `-3`, ….
//! - An operation is compiled when one of its tags' features is on.
//! - A type is compiled when a feature is on whose operations reach it, through
//!   parameters, bodies, responses, headers and other types (a same-shape alias
//!   reaches the type it names). Types that no operation reaches get the feature
//!   `unreferenced-types`.
//! - A gate that holds every feature is no gate: such items are always compiled. A
//!   document with a single feature (one tag, every type used) gets none.
//!
//! The work is O(features × (types + references)); the number of features, the
//! forwarded runtime features included, is capped at [`MAX_FEATURES`] (crates.io's
//! limit), beyond which the setting is refused with SF3005 and the client is generated
//! without tag features.

use super::dedup::{named_in, references};
use super::{
    Api, BodyKind, Feature, FeatureKind, Gate, Operation, PartKind, ResponseBody, TagFeatures,
    XmlBody,
};
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// crates.io refuses a crate with more features than this.
pub const MAX_FEATURES: usize = 300;

/// The runtime's (`specforge`) features a generated crate forwards under the same
/// names (TLS backend, response compression; `runtime/Cargo.toml`).
pub(crate) const RUNTIME_FEATURES: &[&str] = &[
    "rustls-aws-lc",
    "rustls-ring",
    "native-tls",
    "gzip",
    "brotli",
    "deflate",
    "zstd",
];

/// The runtime's default features, on in a generated crate's `default` too.
pub(crate) const DEFAULT_RUNTIME_FEATURES: &[&str] =
    &["rustls-aws-lc", "gzip", "brotli", "deflate"];

/// How many tags can be features: slots stay free for `unreferenced-types` and `mock`.
const MAX_TAG_FEATURES: usize = MAX_FEATURES - RUNTIME_FEATURES.len() - 2;

impl TagFeatures {
    /// The features of `api`, or `None` (with SF3005) when there are too many.
    pub(crate) fn of(api: &Api, diags: &mut Diagnostics) -> Option<Self> {
        let (mut features, op_features) = operation_features(&api.operations);
        if features.len() > MAX_TAG_FEATURES {
            diags.push(
                Diagnostic::warning(
                    "SF3005",
                    Pointer::root().push("tags"),
                    format!(
                        "`tag_features`: the operations have {} tags, more than the {} tag features crates.io allows beside the runtime's; the client is generated without features",
                        features.len(),
                        MAX_TAG_FEATURES
                    ),
                )
                .with_help("use `only` to generate the part of the API you need"),
            );
            return None;
        }
        let edges = type_edges(api);
        let mut reached = reach(api, &edges, &op_features, features.len());
        let unreached: Vec<usize> = (0..reached.len())
            .filter(|&id| reached[id].is_empty())
            .collect();
        if !unreached.is_empty() {
            let name = unique_name("unreferenced-types", &features);
            features.push(Feature {
                name,
                kind: FeatureKind::UnreferencedTypes,
                operations: 0,
            });
            // With it alone, the types these refer to must compile too.
            mark(&edges, unreached, features.len() - 1, &mut reached);
        }
        // One feature would gate nothing: every item would be reached by all features.
        if features.len() < 2 {
            return None;
        }
        let all = features.len();
        let type_gates = reached.into_iter().map(|f| gate(f, all)).collect();
        let operation_gates = op_features.into_iter().map(|f| gate(f, all)).collect();
        Some(Self {
            features,
            operation_gates,
            type_gates,
        })
    }
}

/// `Gate::Always` when `features` holds all `count` features.
fn gate(features: Vec<usize>, count: usize) -> Gate {
    if features.len() == count {
        Gate::Always
    } else {
        Gate::Any(features)
    }
}

/// One feature per tag in order of first use (then `untagged`), and the features of
/// each operation.
fn operation_features(operations: &[Operation]) -> (Vec<Feature>, Vec<Vec<usize>>) {
    let mut features: Vec<Feature> = Vec::new();
    let mut by_tag = std::collections::HashMap::new();
    let mut untagged = None;
    let mut op_features = Vec::with_capacity(operations.len());
    // An operation with several request media types has a method per media type,
    // all with its pointer: it counts once.
    let mut counted = std::collections::HashSet::new();
    for op in operations {
        let pointer = op.pointer.to_string();
        let kinds: Vec<FeatureKind> = match op.tags.is_empty() {
            true => vec![FeatureKind::Untagged],
            false => op.tags.iter().cloned().map(FeatureKind::Tag).collect(),
        };
        let mut own = Vec::new();
        for kind in kinds {
            let slot = match &kind {
                FeatureKind::Tag(tag) => by_tag.get(tag).copied(),
                _ => untagged,
            };
            let index = slot.unwrap_or_else(|| {
                let base = match &kind {
                    FeatureKind::Tag(tag) => feature_base(tag),
                    _ => "untagged".to_owned(),
                };
                let name = unique_name(&base, &features);
                features.push(Feature {
                    name,
                    kind: kind.clone(),
                    operations: 0,
                });
                features.len() - 1
            });
            match &kind {
                FeatureKind::Tag(tag) => {
                    by_tag.insert(tag.clone(), index);
                }
                _ => untagged = Some(index),
            }
            if counted.insert((index, pointer.clone())) {
                features[index].operations += 1;
            }
            own.push(index);
        }
        own.sort_unstable();
        own.dedup();
        op_features.push(own);
    }
    (features, op_features)
}

/// A tag as a Cargo feature name: kebab-case ASCII letters and digits, starting
/// with a letter.
pub(crate) fn feature_base(tag: &str) -> String {
    let ascii: String = tag
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let kebab = heck::ToKebabCase::to_kebab_case(ascii.trim());
    if kebab.is_empty()
        || kebab.starts_with(|c: char| c.is_ascii_digit())
        || kebab == "default"
        || kebab == "mock"
        || RUNTIME_FEATURES.contains(&kebab.as_str())
    {
        format!("tag-{kebab}").trim_end_matches('-').to_owned()
    } else {
        kebab
    }
}

/// `base`, or `base-2`, `base-3`, … when a feature already has that name.
fn unique_name(base: &str, features: &[Feature]) -> String {
    let taken = |name: &str| features.iter().any(|f| f.name == name);
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|name| !taken(name))
        .unwrap_or_default()
}

/// For each type, the types it refers to (a same-shape alias refers to the type it names).
fn type_edges(api: &Api) -> Vec<Vec<usize>> {
    let defs = &api.types.defs;
    defs.iter()
        .map(|def| {
            let mut out = references(&def.kind);
            out.extend(def.same_as.map(|id| id.0));
            out.retain(|&id| id < defs.len());
            out
        })
        .collect()
}

/// For each type, the features (ascending) whose operations reach it.
fn reach(
    api: &Api,
    edges: &[Vec<usize>],
    op_features: &[Vec<usize>],
    feature_count: usize,
) -> Vec<Vec<usize>> {
    let roots: Vec<Vec<usize>> = api.operations.iter().map(operation_types).collect();
    let mut reached = vec![Vec::new(); edges.len()];
    for feature in 0..feature_count {
        let start: Vec<usize> = op_features
            .iter()
            .zip(&roots)
            .filter(|(features, _)| features.contains(&feature))
            .flat_map(|(_, roots)| roots.iter().copied())
            .collect();
        mark(edges, start, feature, &mut reached);
    }
    reached
}

/// Adds `feature` (greater than every feature already in `reached`) to the types in
/// `start` and every type they reach.
fn mark(edges: &[Vec<usize>], mut stack: Vec<usize>, feature: usize, reached: &mut [Vec<usize>]) {
    while let Some(id) = stack.pop() {
        let Some(features) = reached.get_mut(id) else {
            continue;
        };
        if features.last() == Some(&feature) {
            continue;
        }
        features.push(feature);
        stack.extend(edges[id].iter().copied());
    }
}

/// The named types an operation mentions directly.
fn operation_types(op: &Operation) -> Vec<usize> {
    let mut out = Vec::new();
    for param in &op.params {
        named_in(&param.ty, &mut out);
    }
    if let Some(body) = &op.body {
        match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form(ty) | BodyKind::Xml(XmlBody { ty, .. }) => {
                named_in(ty, &mut out);
            }
            BodyKind::Multipart(parts) => {
                for part in &parts.parts {
                    if let PartKind::Value(ty) = &part.kind {
                        named_in(ty, &mut out);
                    }
                }
            }
            BodyKind::Text | BodyKind::Binary => {}
        }
    }
    for response in &op.responses {
        body_types(&response.body, &mut out);
        for header in &response.headers {
            named_in(&header.ty, &mut out);
        }
    }
    out
}

fn body_types(body: &ResponseBody, out: &mut Vec<usize>) {
    match body {
        ResponseBody::Json(ty)
        | ResponseBody::Xml(XmlBody { ty, .. })
        | ResponseBody::EventStream(Some(ty)) => named_in(ty, out),
        ResponseBody::Negotiated(alternatives) => {
            for alternative in alternatives {
                body_types(&alternative.body, out);
            }
        }
        ResponseBody::None
        | ResponseBody::Text
        | ResponseBody::Binary
        | ResponseBody::EventStream(None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_cargo_feature_names() {
        assert_eq!(feature_base("Pull Requests"), "pull-requests");
        assert_eq!(feature_base("issues"), "issues");
        assert_eq!(feature_base("2fa"), "tag-2fa");
        assert_eq!(feature_base("default"), "tag-default");
        assert_eq!(feature_base("Mock"), "tag-mock");
        assert_eq!(feature_base("gzip"), "tag-gzip");
        assert_eq!(feature_base("Native TLS"), "tag-native-tls");
        assert_eq!(feature_base("日本"), "tag");
        assert_eq!(feature_base("a/b.c"), "a-b-c");
    }

    #[test]
    fn names_already_taken_get_a_number() {
        let feature = |name: &str| Feature {
            name: name.to_owned(),
            kind: FeatureKind::Untagged,
            operations: 0,
        };
        let features = vec![feature("pets"), feature("pets-2")];
        assert_eq!(unique_name("pets", &features), "pets-3");
        assert_eq!(unique_name("store", &features), "store");
    }
}
