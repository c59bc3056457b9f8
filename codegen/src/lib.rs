//! specforge-codegen: turns an OpenAPI document into a typed Rust client.
//!
//! The pipeline (see docs/design.md):
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
// The IR is reachable only through the hidden `__internal` (tests, benchmarks), not a
// documented API: its fields are described in docs/design.md and beside their use.
#[allow(missing_docs)]
pub(crate) mod model;
pub(crate) mod patch;
mod prepare;
pub(crate) mod render;
pub(crate) mod subset;
pub(crate) mod upgrade;

/// The lowering stage on its own, for this crate's tests and benchmarks.
/// Not a stable API: the IR changes with the generator.
#[doc(hidden)]
pub mod __internal {
    pub use crate::model::*;

    /// Lowers an OpenAPI 3.0-shaped document into the IR, with the diagnostics.
    pub fn lower(
        document: &serde_json::Value,
        settings: &crate::Settings,
    ) -> (Api, Vec<crate::Diagnostic>) {
        let mut diags = crate::diagnostics::Diagnostics::default();
        let api = crate::model::lower::lower(document, settings, &mut diags);
        (api, diags.into_vec())
    }
}

mod builder;
pub mod crate_gen;
pub mod macro_args;
pub(crate) mod settings;

/// A hash of this generator's sources and version (computed by `build.rs`): two
/// builds with the same fingerprint generate the same output from the same inputs
/// and settings. The `generate!` macro keys its expansion cache on it.
pub const GENERATOR_FINGERPRINT: &str = env!("SPECFORGE_CODEGEN_FINGERPRINT");

pub use builder::Builder;
pub use diagnostics::{Diagnostic, Location, Pointer, Severity};
pub use settings::{
    CliForm, CliSpec, RuntimeDependency, SETTING_KEYS, SETTINGS, SettingInfo, Settings,
    SettingsError,
};

/// Load and upgrade only (tests, fuzzing, benchmarks); not a stable API.
#[doc(hidden)]
pub use prepare::{Prepared, prepare, upgrade_value};

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The result of a successful generation.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Generated {
    /// The client as one Rust source file (rendered with prettyplease, `@generated` header).
    pub code: String,
    /// Warnings (nothing here is an error: errors fail generation).
    pub diagnostics: Vec<Diagnostic>,
    /// What was generated, for reports and the crate README.
    pub summary: Summary,
    /// Facts about the API itself, for the crate README and docs.
    pub info: ApiInfo,
    /// Every file the generation read: the spec first, then the files its `$ref`s
    /// reach. Build scripts print `cargo:rerun-if-changed` for each; the macro
    /// `include_bytes!`s each.
    pub inputs: Vec<PathBuf>,
}

/// The client as tokens, for the proc-macro: see [`generate_tokens_with_inputs`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct GeneratedTokens {
    /// The client's items.
    pub tokens: proc_macro2::TokenStream,
    /// Warnings (errors fail generation).
    pub diagnostics: Vec<Diagnostic>,
    /// Every file the generation read (see [`Generated::inputs`]).
    pub inputs: Vec<PathBuf>,
}

/// Time spent in each phase of one generation, in pipeline order, for the
/// benchmark: `load` (read and parse, bundle), `upgrade`, `lower`, `emit`,
/// and `format` (only for [`generate_timed`]).
pub type PhaseTimes = Vec<(&'static str, Duration)>;

/// Counts and facts about a generated client.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Summary {
    /// The document's `info.title`.
    pub title: String,
    /// The document's `info.version`.
    pub version: String,
    /// Operations of the document that were generated (an operation with several
    /// request media types counts once, though it has a method per media type).
    pub operations_generated: usize,
    /// Operation ids (or `METHOD path`) that were skipped, with the reason.
    pub operations_skipped: Vec<(String, String)>,
    /// Types generated (structs, enums, aliases).
    pub types_generated: usize,
    /// A short usage example (a call of the first operation whose required arguments
    /// are simple values), as Rust source for README files.
    pub example: Option<String>,
    /// The Cargo features of the client (setting `tag_features`; empty when off).
    pub features: Vec<CrateFeature>,
    /// Usage examples for the README of a generated crate (its doctests there).
    pub usage: Vec<UsageExample>,
    /// Some body is typed XML: the client needs the runtime's `xml` feature
    /// (docs/xml.md).
    pub xml: bool,
}

/// One usage example of a generated crate's README: a heading, a paragraph and a
/// Rust item that names `Client` unqualified (the README imports it first).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UsageExample {
    /// The section's heading.
    pub title: String,
    /// What the example shows (Markdown).
    pub text: String,
    /// Rust source of one item (a function), formatted.
    pub code: String,
}

impl UsageExample {
    pub(crate) fn new(title: &str, text: String, code: String) -> Self {
        Self {
            title: title.to_owned(),
            text,
            code,
        }
    }
}

/// One Cargo feature of a client generated with `tag_features`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CrateFeature {
    /// The feature's name in `Cargo.toml`.
    pub name: String,
    /// What it compiles, in a few words (for the README).
    pub description: String,
    /// How many operations it compiles.
    pub operations: usize,
}

/// Facts about the API (beyond [`Summary`]'s title and version).
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ApiInfo {
    /// `info.description` (Markdown), when the document has one.
    pub description: Option<String>,
    /// The default base URL (the document's first server), when it has one.
    pub base_url: Option<String>,
}

/// Generation failed: the document could not be read, or has errors. Nothing was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// A setting given to the [`Builder`] has a bad value.
    #[error("{0}")]
    Settings(#[from] SettingsError),
    /// The spec file (or a file it references) could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The document has errors; each diagnostic says where and what to do.
    #[error("{}", render_diagnostics(.0))]
    Invalid(Vec<Diagnostic>),
    /// Writing output failed.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// Why.
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
    /// The lowered API: [`generate`] emits and formats it in parallel parts
    /// ([`render::render_api`]); [`generate_tokens`] emits it as one token stream.
    api: model::Api,
    diagnostics: Vec<Diagnostic>,
    summary: Summary,
    info: ApiInfo,
    inputs: Vec<PathBuf>,
}

/// Records how long each phase took.
#[derive(Default)]
struct Timer {
    phases: PhaseTimes,
}

impl Timer {
    fn time<T>(&mut self, phase: &'static str, run: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = run();
        self.phases.push((phase, start.elapsed()));
        out
    }
}

fn run_pipeline(settings: &Settings, timer: &mut Timer) -> Result<Pipeline, GenerateError> {
    let mut diags = diagnostics::Diagnostics::default();
    let mut loaded = timer.time("load", || load::load(settings, &mut diags))?;
    let mut inputs: Vec<PathBuf> = loaded.sources.paths().map(PathBuf::from).collect();
    if let Some(file) = &settings.patch {
        patch::apply(&mut loaded.document, file, &mut diags)?;
        inputs.push(file.clone());
    }
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
    let document = timer.time("upgrade", || {
        let mut document = upgrade::upgrade(loaded.document, loaded.version, &mut diags);
        subset::apply(&mut document, &settings.only, &mut diags);
        document
    });
    if diags.has_errors() {
        return Err(GenerateError::Invalid(finish(diags)));
    }
    let api = timer.time("lower", || {
        model::lower::lower(&document, settings, &mut diags)
    });
    if diags.has_errors() {
        return Err(GenerateError::Invalid(finish(diags)));
    }
    let summary = emit::summary(&api);
    let info = ApiInfo {
        description: api.description.clone(),
        base_url: api.servers.first().map(|server| server.url.clone()),
    };
    Ok(Pipeline {
        api,
        diagnostics: finish(diags),
        summary,
        info,
        inputs,
    })
}

/// What [`check`] found: the diagnostics and counts, without the code.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Checked {
    /// Warnings (nothing here is an error: errors fail the check).
    pub diagnostics: Vec<Diagnostic>,
    /// What would be generated.
    pub summary: Summary,
    /// Every file the check read (see [`Generated::inputs`]).
    pub inputs: Vec<PathBuf>,
}

/// Runs the pipeline up to the model (load, upgrade, lower) and returns the
/// diagnostics and counts; emits and formats no code. Every diagnostic comes
/// from these phases, so the list is the one [`generate`] would give.
pub fn check(settings: &Settings) -> Result<Checked, GenerateError> {
    let pipeline = run_pipeline(settings, &mut Timer::default())?;
    Ok(Checked {
        diagnostics: pipeline.diagnostics,
        summary: pipeline.summary,
        inputs: pipeline.inputs,
    })
}

/// Runs the whole pipeline and renders the client as source text.
pub fn generate(settings: &Settings) -> Result<Generated, GenerateError> {
    generate_timed(settings).0
}

/// [`generate`], also returning the time spent in each phase (for benchmarks).
pub fn generate_timed(settings: &Settings) -> (Result<Generated, GenerateError>, PhaseTimes) {
    let mut timer = Timer::default();
    let result = generate_with(settings, &mut timer, DescriptionHome::Client);
    (result, timer.phases)
}

/// [`generate`] for a crate of its own (the CLI's `generate`): the crate's docs
/// (its README, [`ApiInfo::description`]) describe the API, so the generated
/// code does not say it again on `Client`.
pub fn generate_crate(settings: &Settings) -> Result<Generated, GenerateError> {
    generate_with(settings, &mut Timer::default(), DescriptionHome::CrateDocs)
}

/// Where the document's `info.description` is shown, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DescriptionHome {
    /// On `Client` (and the module, with setting `module`).
    Client,
    /// In the crate's docs, written by the caller.
    CrateDocs,
}

fn generate_with(
    settings: &Settings,
    timer: &mut Timer,
    description: DescriptionHome,
) -> Result<Generated, GenerateError> {
    let mut pipeline = run_pipeline(settings, timer)?;
    if description == DescriptionHome::CrateDocs {
        pipeline.api.description = None;
    }
    let code = timer
        .time("emit+format", || {
            render::render_api(&pipeline.api, settings)
        })
        .map_err(|message| {
            GenerateError::Invalid(vec![
                Diagnostic::error(
                    "SF9001",
                    Pointer::root(),
                    format!("internal error: generated code does not parse: {message}"),
                )
                .with_help("please report this as a specforge bug, with the document"),
            ])
        })?;
    Ok(Generated {
        code,
        diagnostics: pipeline.diagnostics,
        summary: pipeline.summary,
        info: pipeline.info,
        inputs: pipeline.inputs,
    })
}

/// Runs the pipeline and returns the client as tokens (for the proc-macro),
/// with the warnings.
pub fn generate_tokens(
    settings: &Settings,
) -> Result<(proc_macro2::TokenStream, Vec<Diagnostic>), GenerateError> {
    let out = generate_tokens_with_inputs(settings)?;
    Ok((out.tokens, out.diagnostics))
}

/// [`generate_tokens`], also listing every file read (the macro makes the
/// compiler track them with `include_bytes!`).
pub fn generate_tokens_with_inputs(settings: &Settings) -> Result<GeneratedTokens, GenerateError> {
    let pipeline = run_pipeline(settings, &mut Timer::default())?;
    Ok(GeneratedTokens {
        tokens: emit::emit(&pipeline.api, settings),
        diagnostics: pipeline.diagnostics,
        inputs: pipeline.inputs,
    })
}
