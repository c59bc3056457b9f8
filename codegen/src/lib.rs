//! specforge-codegen: turns an OpenAPI document into a typed Rust client.
//!
//! The pipeline (see DESIGN.md):
//!
//! ```text
//! bytes ──load──▶ serde_json::Value ──upgrade──▶ OpenAPI 3.0 shape ──lower──▶ model (IR)
//!       ──emit──▶ tokens ──render──▶ source text
//! ```
//!
//! Three entry points share this library and one [`Settings`] type: build
//! scripts use [`Builder`], the `specforge::generate!` macro calls
//! [`generate_tokens`], and the `specforge` CLI calls [`generate`] and
//! [`crate_gen::write_crate`].

pub mod diagnostics;
pub(crate) mod emit;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod render;
pub(crate) mod upgrade;

mod builder;
pub mod crate_gen;
mod settings;

pub use builder::Builder;
pub use diagnostics::{Diagnostic, Location, Pointer, Severity};
pub use settings::{RuntimeDependency, Settings};

/// Load and upgrade only (tests, fuzzing, benchmarks); not a stable API.
#[doc(hidden)]
pub use load::entry::{Prepared, prepare, upgrade_value};

use std::path::PathBuf;

/// The result of a successful generation.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The client as one Rust source file (rendered with prettyplease, `@generated` header).
    pub code: String,
    /// Warnings (nothing here is an error: errors fail generation).
    pub diagnostics: Vec<Diagnostic>,
    /// What was generated, for reports and the crate README.
    pub summary: Summary,
}

/// Counts and facts about a generated client.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub title: String,
    pub version: String,
    pub operations_generated: usize,
    /// Operation ids (or `METHOD path`) that were skipped, with the reason.
    pub operations_skipped: Vec<(String, String)>,
    pub types_generated: usize,
    /// A short usage example (the first operation without a body, or the first one),
    /// as Rust source for README files.
    pub example: Option<String>,
}

/// Generation failed: the document could not be read, or has errors. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// The spec file (or a file it references) could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The document has errors; each diagnostic says where and what to do.
    #[error("{}", render_diagnostics(.0))]
    Invalid(Vec<Diagnostic>),
    /// Writing output failed.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl GenerateError {
    /// The diagnostics behind the error (empty for I/O errors).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Self::Invalid(d) => d,
            _ => &[],
        }
    }
}

fn render_diagnostics(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    errors.join("\n")
}

/// Tokens plus everything else one generation produced; shared by [`generate`]
/// and [`generate_tokens`].
struct Pipeline {
    tokens: proc_macro2::TokenStream,
    diagnostics: Vec<Diagnostic>,
    summary: Summary,
}

fn run_pipeline(settings: &Settings) -> Result<Pipeline, GenerateError> {
    let mut diags = diagnostics::Diagnostics::default();
    let loaded = load::load(settings, &mut diags)?;
    let sources = loaded.sources;
    let finish = |diags: diagnostics::Diagnostics| -> Vec<Diagnostic> {
        let mut list = diags.into_vec();
        for d in &mut list {
            if d.location.is_none() {
                d.location = sources.locate(&d.pointer);
            }
        }
        list
    };
    if diags.has_errors() {
        return Err(GenerateError::Invalid(finish(diags)));
    }
    let document = upgrade::upgrade(loaded.document, loaded.version, &mut diags);
    if diags.has_errors() {
        return Err(GenerateError::Invalid(finish(diags)));
    }
    let api = model::lower::lower(&document, settings, &mut diags);
    if diags.has_errors() {
        return Err(GenerateError::Invalid(finish(diags)));
    }
    let tokens = emit::emit(&api, settings);
    let summary = emit::summary(&api, &diags);
    Ok(Pipeline {
        tokens,
        diagnostics: finish(diags),
        summary,
    })
}

/// Runs the whole pipeline and renders the client as source text.
pub fn generate(settings: &Settings) -> Result<Generated, GenerateError> {
    let pipeline = run_pipeline(settings)?;
    let code = render::render(&pipeline.tokens, settings).map_err(|message| {
        GenerateError::Invalid(vec![Diagnostic::error(
            "SF9001",
            Pointer::root(),
            format!("internal error: generated code does not parse: {message}"),
        )
        .with_help("please report this as a specforge bug, with the document")])
    })?;
    Ok(Generated {
        code,
        diagnostics: pipeline.diagnostics,
        summary: pipeline.summary,
    })
}

/// Runs the pipeline and returns the client as tokens (for the proc-macro),
/// with the warnings.
pub fn generate_tokens(
    settings: &Settings,
) -> Result<(proc_macro2::TokenStream, Vec<Diagnostic>), GenerateError> {
    let pipeline = run_pipeline(settings)?;
    Ok((pipeline.tokens, pipeline.diagnostics))
}
