//! The generated crate's `[features]`: the runtime's TLS and compression features,
//! forwarded under the same names, and one feature per tag (`tag_features`).
//!
//! The crate depends on `specforge` with `default-features = false` and turns the
//! runtime's defaults back on through its own `default`, so a user who writes
//! `default-features = false, features = ["native-tls"]` builds without aws-lc.

use crate::CrateFeature;
use crate::model::features::{DEFAULT_RUNTIME_FEATURES, RUNTIME_FEATURES};

/// The `[features]` table: the forwarded runtime features and the tag features, all
/// of the latter and the runtime's defaults in `default`; and `mock` (off by default)
/// when the crate has typed mocks.
pub(super) fn table(features: &[CrateFeature], mock: bool) -> String {
    let defaults = DEFAULT_RUNTIME_FEATURES
        .iter()
        .copied()
        .chain(features.iter().map(|f| f.name.as_str()))
        .map(super::toml_string)
        .collect::<Vec<_>>();
    let mut out = format!("\n[features]\ndefault = [{}]\n", defaults.join(", "));
    for feature in RUNTIME_FEATURES {
        out.push_str(&format!("{feature} = [\"specforge/{feature}\"]\n"));
    }
    for feature in features {
        out.push_str(&format!("{} = []\n", feature.name));
    }
    if mock {
        out.push_str("# Typed mocks for tests: `Client::mock()`.\nmock = []\n");
    }
    out
}

/// The README's section on features: the runtime's, then the table of tag features
/// when the crate has them.
pub(super) fn section(name: &str, features: &[CrateFeature]) -> String {
    let tags: Vec<String> = features
        .iter()
        .map(|f| super::toml_string(&f.name))
        .collect();
    let mut wanted = vec!["\"native-tls\"".to_owned(), "\"gzip\"".to_owned()];
    wanted.extend(tags.iter().take(1).cloned());
    let mut out = format!(
        "## Features\n\n\
         The TLS backend and response compression are the `specforge` runtime's features, \
         forwarded under the same names: `rustls-aws-lc` (rustls on aws-lc-rs, default), \
         `rustls-ring` (rustls on ring), `native-tls` (the platform's TLS library), and \
         `gzip`, `brotli`, `deflate` (default) and `zstd`. Without a TLS feature the client \
         speaks plain `http` only. For example, native-tls without aws-lc, with gzip only{}:\n\n\
         ```toml\n{name} = {{ path = \"path/to/{name}\", default-features = false, features = [{}] }}\n```\n\n",
        if tags.is_empty() {
            ""
        } else {
            " (and one tag: with `default-features = false`, name the tags you need)"
        },
        wanted.join(", ")
    );
    if features.is_empty() {
        return out;
    }
    out.push_str(
        "Each tag of the API is a Cargo feature: an operation is compiled only with one of \
         its tags' features, and a type only when an enabled operation uses it. The default \
         features enable everything.\n\n\
         | feature | compiles | operations |\n|---|---|---|\n",
    );
    for feature in features {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            feature.name,
            super::one_line(&feature.description).replace('|', "\\|"),
            feature.operations
        ));
    }
    out.push('\n');
    out
}

/// The README's section on the `mock` feature (setting `mock`).
pub(super) fn mock_section(name: &str) -> String {
    format!(
        "## Testing with mocks\n\n\
         The `mock` feature adds `Client::mock()`: a client whose calls a `Mock` answers in \
         process, typed from the API (no server, no network). Per operation, \
         `mock.<operation>(|call| …)` expects the calls whose arguments the closure accepts \
         and answers them with `.returns(value)`, `.fails_with(error)` or \
         `.answers(|call| …)`; `mock.<operation>_calls()` lists the calls made. A call no \
         expectation accepts panics, naming the operation. Turn the feature on for your \
         tests only:\n\n\
         ```toml\n[dev-dependencies]\n{name} = {{ path = \"path/to/{name}\", features = [\"mock\"] }}\n```\n\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime's `[features]` table, as `(name, value)` lines.
    fn runtime_features() -> Vec<(String, String)> {
        let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/Cargo.toml");
        let text = std::fs::read_to_string(manifest).expect("runtime/Cargo.toml");
        let table = text.split("\n[features]\n").nth(1).expect("[features]");
        let table = table.split("\n[").next().unwrap_or_default();
        table
            .lines()
            .filter(|line| !line.starts_with('#') && line.contains(" = "))
            .filter_map(|line| line.split_once(" = "))
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect()
    }

    #[test]
    fn the_forwarded_features_are_the_runtimes() {
        let runtime = runtime_features();
        let names: Vec<&str> = runtime.iter().map(|(name, _)| name.as_str()).collect();
        for feature in RUNTIME_FEATURES {
            assert!(
                names.contains(feature),
                "{feature} is not a runtime feature: {names:?}"
            );
        }
        // Everything but `default`, `macros` (which generated crates do not need) and `xml`
        // (not the user's choice: needed exactly when the document has typed XML bodies).
        assert_eq!(names.len(), RUNTIME_FEATURES.len() + 3, "{names:?}");
        assert!(names.contains(&"xml"), "{names:?}");
        let default = &runtime
            .iter()
            .find(|(name, _)| name == "default")
            .expect("default")
            .1;
        let quoted: Vec<String> = DEFAULT_RUNTIME_FEATURES
            .iter()
            .map(|f| format!("\"{f}\""))
            .collect();
        assert_eq!(default, &format!("[{}]", quoted.join(", ")));
    }
}
