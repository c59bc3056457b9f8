//! The IR: the whole API as data, between the OpenAPI document and the emitted Rust
//! code. Only data lives here (and small accessors); lowering is in the sibling
//! modules of `model`, and emit reads nothing else.
//!
//! The IR is resolved (no `$ref` left: named schemas are [`TypeId`]s into an arena),
//! named (every identifier is final, made by `model/naming.rs` and
//! `model/naming/items.rs`) and validated (what could not be understood was reported
//! as a diagnostic and degraded). Every node keeps the JSON pointer of the place it
//! came from.

#![deny(missing_docs)]

mod features;
mod operations;
mod pagination;
mod security;
mod types;
mod xml;

pub use features::*;
pub use operations::*;
pub use pagination::*;
pub use security::*;
pub use types::*;
pub use xml::*;

/// The whole API, ready to emit.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`, when not blank.
    pub description: Option<String>,
    /// Servers with variables replaced by their defaults; the first is the default base URL.
    pub servers: Vec<Server>,
    /// The security schemes, in document order.
    pub security_schemes: Vec<SecurityScheme>,
    /// The operations, in document order (paths, then methods in the path item's order).
    pub operations: Vec<Operation>,
    /// The named types.
    pub types: TypeArena,
    /// Extra derives of each type (by `TypeId` index; setting `derive`, checked to hold).
    pub extra_derives: Vec<Vec<String>>,
    /// Extra attributes of each type (by `TypeId` index; setting `attribute`), the text
    /// inside `#[…]`.
    pub extra_attributes: Vec<Vec<String>>,
    /// One Cargo feature per tag (setting `tag_features`), with the feature gate of
    /// every operation and type; `None` when the setting is off.
    pub features: Option<TagFeatures>,
    /// How each type is read and written as XML (by `TypeId` index): `Some` only for
    /// the types an XML body reaches (see `model/xml.rs`).
    pub xml: Vec<Option<XmlMapping>>,
    /// The operations that could not be generated, in document order.
    pub skipped: Vec<SkippedOperation>,
}

impl Api {
    /// Whether some body is typed XML (the client needs the runtime's `xml` feature).
    pub fn has_xml(&self) -> bool {
        self.xml.iter().any(Option::is_some)
    }
}

/// A server of the document (`servers`, or Swagger 2.0's host and base path).
#[derive(Debug, Clone)]
pub struct Server {
    /// The URL, its variables replaced by their defaults.
    pub url: String,
    /// `description`.
    pub description: Option<String>,
}

/// Documentation carried from the document to rustdoc.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// One-line summary (operation `summary`, schema `title`).
    pub summary: Option<String>,
    /// Longer Markdown text (`description`).
    pub description: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
}
