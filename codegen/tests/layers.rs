//! The generator's modules in layers: each top-level module imports only modules of
//! its own or a lower layer, and no modules import each other in a circle. In
//! particular the model (the IR and its lowering) never reaches emit, render or the
//! entry points, and emit never reaches the entry points: the pipeline runs one way,
//! load → upgrade → model → emit → render → the entry points.
//!
//! Reads `src/` as text, as the runtime's layers test does (the scanner is shared:
//! `runtime/tests/support/layers_scan.rs`). `docs/architecture.md` explains the layers;
//! [`LAYERS`] is their one definition. Run it with
//! `cargo test -p specforge-codegen --test layers`.

#[path = "../../runtime/tests/support/layers_scan.rs"]
mod scan;

use std::path::Path;

use scan::{Layers, circles, import_graph, layer_problems};

/// The layers, bottom first: a module may import its own layer and the ones below.
const LAYERS: &Layers = &[
    ("leaves", &["diagnostics", "settings", "patch"]),
    ("load", &["load"]),
    ("upgrade", &["upgrade"]),
    ("model", &["model", "subset"]),
    ("emit", &["emit"]),
    ("render", &["render"]),
    (
        "entry points",
        &[
            "prepare",
            "crate_gen",
            "builder",
            "macro_args",
            "cli",
            "main",
        ],
    ),
];

/// Imports against the layer order that stay, `(importer, imported)`, each with its
/// reason. The test fails when one is gone, so that this list only shrinks.
const KNOWN_UPWARD: &[(&str, &str)] = &[
    // The settings table declares each setting once, its `Builder` setter included
    // (`settings/table.rs` writes `impl crate::Builder`).
    ("settings", "builder"),
];

fn graph() -> scan::Graph {
    import_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &[])
}

#[test]
fn modules_import_only_their_own_and_lower_layers() {
    let problems = layer_problems(&graph(), LAYERS, KNOWN_UPWARD);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_import_circles() {
    let circles = circles(&graph(), KNOWN_UPWARD);
    assert!(
        circles.is_empty(),
        "import circles among the generator's modules:\n{}",
        circles.join("\n")
    );
}
