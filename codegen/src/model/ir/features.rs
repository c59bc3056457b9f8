//! Per-tag Cargo features and the gate of every item (made by `model/features.rs`).

/// The features of a client and the gate of every operation and type.
#[derive(Debug, Clone)]
pub struct TagFeatures {
    /// The features, in `Cargo.toml` order.
    pub features: Vec<Feature>,
    /// The gate of each operation, by index in [`Api::operations`](super::Api::operations).
    pub operation_gates: Vec<Gate>,
    /// The gate of each type, by index in the type arena.
    pub type_gates: Vec<Gate>,
}

/// One Cargo feature of the generated crate.
#[derive(Debug, Clone)]
pub struct Feature {
    /// The feature's name in `Cargo.toml`.
    pub name: String,
    /// What the feature stands for.
    pub kind: FeatureKind,
    /// How many operations it compiles.
    pub operations: usize,
}

/// What a feature stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeatureKind {
    /// The operations with this tag.
    Tag(String),
    /// The operations without a tag.
    Untagged,
    /// The types no operation reaches.
    UnreferencedTypes,
}

/// When an item is compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Always (every feature reaches it).
    Always,
    /// When one of these features (indices into [`TagFeatures::features`], ascending) is on.
    Any(Vec<usize>),
}
