//! Upgrade: every dialect (Swagger 2.0, OpenAPI 3.0, 3.1, 3.2) is rewritten to
//! the OpenAPI 3.0 shape that the `openapiv3` crate reads, without losing
//! meaning; what cannot be expressed becomes a diagnostic.

use crate::diagnostics::Diagnostics;
use crate::load::SpecVersion;

/// Rewrites `document` (in dialect `version`) to the OpenAPI 3.0 shape.
pub(crate) fn upgrade(
    document: serde_json::Value,
    _version: SpecVersion,
    _diags: &mut Diagnostics,
) -> serde_json::Value {
    document
}
