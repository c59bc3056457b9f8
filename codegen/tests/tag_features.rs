//! The `tag_features` setting (codegen/src/model/features.rs, emit/gates.rs): one
//! Cargo feature per tag, operations and types gated by the features that reach them.
//! That the gated code compiles with each feature alone is checked by
//! `examples/tag-features/check-features.sh` (a `.ci/run` step).

use std::path::{Path, PathBuf};

use specforge_codegen::{Builder, Generated, Settings, generate};

fn example_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/tag-features/openapi.yaml")
}

fn generate_with_features(spec: PathBuf) -> Generated {
    let mut settings = Settings::new(spec);
    settings.tag_features = true;
    generate(&settings).unwrap_or_else(|e| panic!("{e}"))
}

/// The item that follows `anchor` (its first line) carries `gate` among the
/// attributes just above it.
fn gate_of(code: &str, anchor: &str) -> String {
    let at = code
        .find(anchor)
        .unwrap_or_else(|| panic!("`{anchor}` not in the code"));
    let before = &code[..at];
    let cfg = before
        .rfind("#[cfg(")
        .unwrap_or_else(|| panic!("no #[cfg] before `{anchor}`"));
    let between = &code[cfg..at];
    // Only attributes and doc comments may stand between the gate and the item.
    assert!(
        !between.contains("pub struct") && !between.contains("pub enum") && !between.contains('}'),
        "the #[cfg] before `{anchor}` belongs to another item:\n{between}"
    );
    between.lines().next().unwrap_or_default().trim().to_owned()
}

#[test]
fn each_tag_is_a_feature_with_its_operation_count() {
    let generated = generate_with_features(example_spec());
    let features: Vec<(&str, usize)> = generated
        .summary
        .features
        .iter()
        .map(|f| (f.name.as_str(), f.operations))
        .collect();
    assert_eq!(
        features,
        [
            ("pets", 3),
            ("store", 3),
            ("admin-tools", 1),
            ("untagged", 1),
            ("unreferenced-types", 0)
        ]
    );
}

#[test]
fn operations_and_types_are_gated_by_the_features_that_reach_them() {
    let code = generate_with_features(example_spec()).code;
    assert_eq!(
        gate_of(&code, "pub fn list_pets("),
        r#"#[cfg(feature = "pets")]"#
    );
    assert_eq!(
        gate_of(&code, "pub fn get_order_pet("),
        r#"#[cfg(any(feature = "pets", feature = "store"))]"#
    );
    assert_eq!(
        gate_of(&code, "pub fn health("),
        r#"#[cfg(feature = "untagged")]"#
    );
    assert_eq!(
        gate_of(&code, "pub struct Order {"),
        r#"#[cfg(feature = "store")]"#
    );
    // Reached by pets (through Pet), by store (getOrderPet), and by the types no
    // operation reaches (Unused), which must compile with `unreferenced-types` alone.
    assert_eq!(
        gate_of(&code, "pub enum PetKind {"),
        r#"#[cfg(any(feature = "pets", feature = "store", feature = "unreferenced-types"))]"#
    );
    assert_eq!(
        gate_of(&code, "pub struct Unused {"),
        r#"#[cfg(feature = "unreferenced-types")]"#
    );
    // getStats' response has the shape of getInventory's: it is an alias of that type,
    // which is then compiled for both features.
    assert!(
        code.contains(r#"#[cfg(any(feature = "store", feature = "admin-tools"))]"#),
        "{code}"
    );
}

#[test]
fn without_the_setting_nothing_is_gated() {
    let generated = generate(&Settings::new(example_spec())).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !generated.code.contains("#[cfg(feature"),
        "{}",
        generated.code
    );
    assert!(generated.summary.features.is_empty());
}

#[test]
fn feature_names_are_kebab_case_and_unique() {
    let dir = std::env::temp_dir().join(format!("specforge-tag-features-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("names.json");
    let operation = |id: &str, tag: &str| {
        format!(
            r#""get": {{"operationId": "{id}", "tags": ["{tag}"], "responses": {{"204": {{"description": "ok"}}}}}}"#
        )
    };
    let document = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{
            "/a": {{{}}}, "/b": {{{}}}, "/c": {{{}}}, "/d": {{{}}}, "/e": {{{}}}}}}}"#,
        operation("a", "Pull Requests"),
        operation("b", "pull-requests"),
        operation("c", "default"),
        operation("d", "2fa"),
        operation("e", "untagged"),
    );
    std::fs::write(&spec, document).unwrap();
    let names: Vec<String> = generate_with_features(spec)
        .summary
        .features
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(
        names,
        [
            "pull-requests",
            "pull-requests-2",
            "tag-default",
            "tag-2fa",
            "untagged"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn more_tags_than_crates_io_allows_is_a_warning_and_no_features() {
    let dir = std::env::temp_dir().join(format!("specforge-tag-limit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("many.json");
    // 292 tags fit beside the 7 forwarded runtime features and `unreferenced-types`.
    let paths: Vec<String> = (0..293)
        .map(|i| {
            format!(
                r#""/p{i}": {{"get": {{"operationId": "op{i}", "tags": ["t{i}"], "responses": {{"204": {{"description": "ok"}}}}}}}}"#
            )
        })
        .collect();
    let document = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "t", "version": "1"}}, "paths": {{{}}}}}"#,
        paths.join(",")
    );
    std::fs::write(&spec, document).unwrap();
    let generated = generate_with_features(spec);
    assert!(generated.summary.features.is_empty());
    assert!(!generated.code.contains("#[cfg(feature"));
    assert!(
        generated.diagnostics.iter().any(|d| d.code == "SF3005"),
        "{:?}",
        generated.diagnostics
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_builder_sets_tag_features() {
    let out = std::env::temp_dir().join(format!("specforge-tag-builder-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let file = out.join("api.rs");
    Builder::new(example_spec())
        .tag_features(true)
        .generate_to_file(&file)
        .unwrap_or_else(|e| panic!("{e}"));
    let code = std::fs::read_to_string(&file).unwrap();
    assert!(code.contains(r#"#[cfg(feature = "pets")]"#));
    std::fs::remove_dir_all(&out).unwrap();
}
