//! Lowering driver: the (3.0-shaped) document → [`Api`].

use super::{Api, TypeArena};
use crate::Settings;
use crate::diagnostics::Diagnostics;

/// Lowers a whole document. Never fails: what cannot be lowered is reported
/// in `diags` and degraded or skipped.
pub(crate) fn lower(document: &serde_json::Value, _settings: &Settings, _diags: &mut Diagnostics) -> Api {
    let _ = document;
    Api {
        title: String::new(),
        version: String::new(),
        description: None,
        servers: Vec::new(),
        security_schemes: Vec::new(),
        operations: Vec::new(),
        types: TypeArena::default(),
    }
}
