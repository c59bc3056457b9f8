//! The model: the IR ([`ir`], data only, re-exported here) and the lowering that
//! turns the OpenAPI document into it (every other module here; the driver is
//! [`lower`]). It knows OpenAPI semantics and nothing about tokens; `emit` reads
//! only the IR.

pub(crate) mod attributes;
pub(crate) mod body_alternatives;
pub(crate) mod composition;
pub(crate) mod dedup;
pub(crate) mod derives;
pub(crate) mod enums;
pub(crate) mod features;
pub mod ir;
pub(crate) mod lower;
pub(crate) mod multipart;
pub(crate) mod naming;
pub(crate) mod negotiation;
pub(crate) mod objects;
pub(crate) mod operations;
pub(crate) mod pagination;
#[cfg(test)]
mod pagination_corpus;
pub(crate) mod params;
pub(crate) mod recursion;
pub(crate) mod refs;
pub(crate) mod renames;
pub(crate) mod replacements;
pub(crate) mod responses;
pub(crate) mod scalars;
pub(crate) mod schema_kinds;
pub(crate) mod schema_values;
pub(crate) mod security;
pub(crate) mod types;
pub(crate) mod unions;
pub(crate) mod xml;

pub use ir::*;
