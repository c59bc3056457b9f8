//! Emit: model → Rust tokens, built with `quote!`. Reads only the model.

use proc_macro2::TokenStream;

use crate::Settings;
use crate::diagnostics::Diagnostics;
use crate::model::Api;

/// The whole generated file as tokens (without the `@generated` header).
pub(crate) fn emit(_api: &Api, _settings: &Settings) -> TokenStream {
    TokenStream::new()
}

/// Counts for reports and the crate README.
pub(crate) fn summary(api: &Api, _diags: &Diagnostics) -> crate::Summary {
    crate::Summary {
        title: api.title.clone(),
        version: api.version.clone(),
        ..Default::default()
    }
}
