//! The runtime's modules in layers: each top-level module imports only modules of its
//! own or a lower layer, and no modules import each other in a circle.
//!
//! The test reads `src/` as text (`support/layers_scan.rs` says how).
//! `docs/architecture.md` explains the layers; [`LAYERS`] is their one definition.
//!
//! Run it with `cargo test -p specforge --test layers`.

#[path = "support/layers_scan.rs"]
mod scan;

use std::path::Path;

use scan::{Layers, circles, code_of, crate_paths, import_graph, layer_problems};

/// The layers, bottom first: a module may import its own layer and the ones below.
const LAYERS: &Layers = &[
    (
        "leaves",
        &[
            "body",
            "deadline",
            "idle",
            "rare",
            "read",
            "reconnect",
            "redirect",
            "retry",
            "string_enum",
            "tls",
            "trace",
            "transport",
            "url_build",
        ],
    ),
    ("describe", &["describe"]),
    ("error", &["error"]),
    (
        "encode",
        &[
            "encoding",
            "multipart",
            "base64_bytes",
            "scalar_enum",
            "tagged_union",
        ],
    ),
    ("request", &["hooks", "options", "request"]),
    ("decode", &["response", "typed_header", "mock", "xml"]),
    ("config", &["credential", "oauth2", "builder", "client"]),
    ("auth", &["auth"]),
    (
        "transport",
        &[
            "prepare",
            "hook_run",
            "execute",
            "send",
            "stream_head",
            "byte_stream",
        ],
    ),
    ("streams", &["pagination", "sse"]),
    ("facade", &["private"]),
];

/// Imports against the layer order that are still there, `(importer, imported)`, each
/// to be removed by a later move (issue 13). The test fails when one is gone, so that
/// this list only shrinks.
const KNOWN_UPWARD: &[(&str, &str)] = &[];

fn graph() -> scan::Graph {
    import_graph(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &[("__private", "private")],
    )
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
        "import circles among runtime modules:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_parser_reads_groups_and_reexports() {
    let code = "use crate::{a::B, c, d::{e, f}};\nlet x = crate::g::h(); crate::Error";
    assert_eq!(crate_paths(code), ["a", "c", "d", "g", "Error"]);
    assert_eq!(
        code_of("use x;\n// crate::y\n#[cfg(test)]\nuse crate::z;"),
        "use x;\n"
    );
}
