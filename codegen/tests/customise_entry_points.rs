//! Settings `replace`, `rename_types`, `rename_operations`, `patch`, `value_builders` and `mock` from the CLI (flags and config file) and the
//! build-script `Builder`; `generate!` is tested with a compiled client in
//! `tests/tests/customise.rs`.

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::{scratch, specforge, text};
use specforge_codegen::{Builder, GenerateError};

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/tests/customise/openapi.yaml")
}

fn patch() -> PathBuf {
    spec().with_file_name("fix.yaml")
}

fn assert_renamed(code: &str) {
    assert!(code.contains("pub struct Item {"), "{code}");
    assert!(!code.contains("pub struct Product"), "{code}");
    assert!(code.contains("pub fn item("), "{code}");
    assert!(!code.contains("pub fn get_product("), "{code}");
}

fn assert_replaced(code: &str) {
    assert!(code.contains("pub type Money = crate::Money;"), "{code}");
    // Properties name it through the alias.
    assert!(code.contains("pub price: Money,"), "{code}");
    assert!(code.contains("crate::Decimal"), "{code}");
    // The schema's own struct is not generated.
    assert!(!code.contains("pub struct Money"), "{code}");
}

#[test]
fn the_cli_flag_and_the_config_file_replace_types() {
    let dir = scratch("replace");
    std::fs::copy(spec(), dir.join("openapi.yaml")).unwrap();
    let out = specforge(
        &dir,
        &[
            "generate",
            "openapi.yaml",
            "--out",
            "flag",
            "--replace",
            "Money=crate::Money",
            "--replace",
            "format:decimal=crate::Decimal",
            "--rename-type",
            "Product=Item",
            "--rename-operation",
            "getProduct=item",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let code = std::fs::read_to_string(dir.join("flag/src/lib.rs")).unwrap();
    assert_replaced(&code);
    assert_renamed(&code);
    let readme = std::fs::read_to_string(dir.join("flag/README.md")).unwrap();
    assert!(
        readme.contains("--replace Money=crate::Money --replace format:decimal=crate::Decimal"),
        "{readme}"
    );

    std::fs::write(
        dir.join("specforge.toml"),
        "spec = \"openapi.yaml\"\nreplace = [\"Money=crate::Money\", \"format:decimal=crate::Decimal\"]\n\
         rename_types = \"Product=Item\"\nrename_operations = [\"getProduct=item\"]\n",
    )
    .unwrap();
    let out = specforge(
        &dir,
        &["generate", "--config", "specforge.toml", "--out", "file"],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert_replaced(&std::fs::read_to_string(dir.join("file/src/lib.rs")).unwrap());

    let out = specforge(
        &dir,
        &["check", "openapi.yaml", "--replace", "Money=not a path"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("replace"), "{}", text(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_builder_replaces_types_and_refuses_a_bad_pair() {
    let dir = scratch("replace-builder");
    let file = Builder::new(spec())
        .replace(["Money=crate::Money", "format:decimal=crate::Decimal"])
        .rename_types(["Product=Item"])
        .rename_operations(["getProduct=item"])
        .generate_to_file(dir.join("shop.rs"))
        .unwrap();
    let code = std::fs::read_to_string(file).unwrap();
    assert_replaced(&code);
    assert_renamed(&code);

    let error = Builder::new(spec())
        .replace(["Money"])
        .generate_to_file(dir.join("bad.rs"))
        .unwrap_err();
    assert!(matches!(error, GenerateError::Settings(_)), "{error}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_patch_setting_fixes_the_document_in_every_entry_point() {
    let dir = scratch("patch");
    std::fs::copy(spec(), dir.join("openapi.yaml")).unwrap();
    std::fs::copy(patch(), dir.join("fix.yaml")).unwrap();
    let out = specforge(
        &dir,
        &[
            "generate",
            "openapi.yaml",
            "--out",
            "flag",
            "--patch",
            "fix.yaml",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let code = std::fs::read_to_string(dir.join("flag/src/lib.rs")).unwrap();
    assert!(code.contains("pub sku: String,"), "{code}");

    std::fs::write(
        dir.join("specforge.toml"),
        "spec = \"openapi.yaml\"\npatch = \"fix.yaml\"\n",
    )
    .unwrap();
    let out = specforge(
        &dir,
        &["generate", "--config", "specforge.toml", "--out", "file"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let code = std::fs::read_to_string(dir.join("file/src/lib.rs")).unwrap();
    assert!(code.contains("pub sku: String,"), "{code}");

    let file = Builder::new(spec())
        .patch(patch())
        .generate_to_file(dir.join("built.rs"))
        .unwrap();
    let code = std::fs::read_to_string(file).unwrap();
    assert!(code.contains("pub sku: String,"), "{code}");

    // An operation that does not apply stops generation with SF0020, naming it.
    std::fs::write(
        dir.join("bad.yaml"),
        "- op: remove\n  path: /components/schemas/Nope\n",
    )
    .unwrap();
    let out = specforge(&dir, &["check", "openapi.yaml", "--patch", "bad.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("SF0020"), "{}", text(&out));
    assert!(
        text(&out).contains("`remove` at `/components/schemas/Nope`"),
        "{}",
        text(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn value_builders_can_be_turned_off_in_the_cli_and_the_builder() {
    let dir = scratch("value-builders");
    std::fs::copy(spec(), dir.join("openapi.yaml")).unwrap();
    let out = specforge(&dir, &["generate", "openapi.yaml", "--out", "on"]);
    assert!(out.status.success(), "{}", text(&out));
    let on = std::fs::read_to_string(dir.join("on/src/lib.rs")).unwrap();
    assert!(on.contains("__object_builders!"), "{on}");
    let out = specforge(
        &dir,
        &[
            "generate",
            "openapi.yaml",
            "--out",
            "off",
            "--no-value-builders",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let off = std::fs::read_to_string(dir.join("off/src/lib.rs")).unwrap();
    assert!(!off.contains("__object_builders!"), "{off}");
    // Object types are not `#[non_exhaustive]` (the mocks' call structs still are).
    let types = off.split("pub mod types").nth(1).unwrap_or_default();
    assert!(!types.contains("#[non_exhaustive]"), "{off}");
    let readme = std::fs::read_to_string(dir.join("off/README.md")).unwrap();
    assert!(readme.contains(" --no-value-builders"), "{readme}");

    let file = Builder::new(spec())
        .value_builders(false)
        .generate_to_file(dir.join("built.rs"))
        .unwrap();
    let built = std::fs::read_to_string(file).unwrap();
    assert!(!built.contains("__object_builders!"), "{built}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn derives_come_from_the_cli_and_the_builder_and_skip_what_cannot_hold() {
    let dir = scratch("derive");
    let spec = spec().with_file_name("derives.yaml");
    std::fs::copy(&spec, dir.join("openapi.yaml")).unwrap();
    let out = specforge(
        &dir,
        &[
            "generate",
            "openapi.yaml",
            "--out",
            "cli",
            "--derive",
            "Hash,Eq",
            "--derive",
            "Tag=Default",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    // Floats: `Point` and `Labelled` (which holds one) are left out, with SF2012.
    assert!(text(&out).contains("SF2012"), "{}", text(&out));
    assert!(text(&out).contains("`Point`, `Labelled`"), "{}", text(&out));
    let code = std::fs::read_to_string(dir.join("cli/src/lib.rs")).unwrap();
    assert_eq!(
        derives_of(&code, "struct Tag"),
        ["Hash, Eq, Default"],
        "{code}"
    );
    assert_eq!(derives_of(&code, "struct Free"), ["Hash, Eq"], "{code}");
    assert!(derives_of(&code, "struct Point").is_empty(), "{code}");
    assert!(derives_of(&code, "struct Labelled").is_empty(), "{code}");
    // Already derived by string enums: not twice.
    assert!(derives_of(&code, "enum Color").is_empty(), "{code}");

    let file = Builder::new(&spec)
        .derive(["Hash", "Eq"])
        .generate_to_file(dir.join("built.rs"))
        .unwrap();
    let built = std::fs::read_to_string(file).unwrap();
    assert_eq!(derives_of(&built, "struct Free"), ["Hash, Eq"], "{built}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn attributes_come_from_the_cli_and_the_builder() {
    let dir = scratch("attribute");
    let spec = spec().with_file_name("derives.yaml");
    std::fs::copy(&spec, dir.join("openapi.yaml")).unwrap();
    let out = specforge(
        &dir,
        &[
            "generate",
            "openapi.yaml",
            "--out",
            "cli",
            "--attribute",
            "non_exhaustive",
            "--attribute",
            "Tag=must_use; Nope=must_use",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("SF2013"), "{}", text(&out));
    let code = std::fs::read_to_string(dir.join("cli/src/lib.rs")).unwrap();
    // Objects have `non_exhaustive` already (value builders, after the extra ones): once.
    assert_eq!(
        attributes_of(&code, "struct Tag"),
        ["must_use", "non_exhaustive"]
    );
    assert_eq!(attributes_of(&code, "enum Color"), ["non_exhaustive"]);
    let readme = std::fs::read_to_string(dir.join("cli/README.md")).unwrap();
    assert!(readme.contains("--attribute non_exhaustive"), "{readme}");

    let out = specforge(
        &dir,
        &[
            "generate",
            "openapi.yaml",
            "--out",
            "bad",
            "--attribute",
            "serde(default)",
        ],
    );
    assert!(!out.status.success(), "serde attributes are refused");
    assert!(text(&out).contains("not `derive(..)`"), "{}", text(&out));

    let file = Builder::new(&spec)
        .attribute(["Color=non_exhaustive"])
        .generate_to_file(dir.join("built.rs"))
        .unwrap();
    let built = std::fs::read_to_string(file).unwrap();
    assert_eq!(attributes_of(&built, "enum Color"), ["non_exhaustive"]);
    assert_eq!(attributes_of(&built, "struct Free"), ["non_exhaustive"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The plain attributes (no derive, serde, doc or lint) of item `item`, in order.
fn attributes_of(code: &str, item: &str) -> Vec<String> {
    attribute_lines(code, item)
        .into_iter()
        .filter_map(|line| {
            line.strip_prefix("#[")?
                .strip_suffix(']')
                .map(str::to_owned)
        })
        .filter(|attr| {
            !["derive", "serde", "doc", "allow"]
                .iter()
                .any(|p| attr.starts_with(p))
        })
        .collect()
}

/// The attribute lines (trimmed) between the previous item and `pub {item} `.
fn attribute_lines<'a>(code: &'a str, item: &str) -> Vec<&'a str> {
    let Some(at) = code.find(&format!("pub {item} ")) else {
        return Vec::new();
    };
    let before = &code[..at];
    let start = before.rfind(['}', ';']).map_or(0, |i| i + 1);
    before[start..].lines().map(str::trim).collect()
}

/// The extra `#[derive(..)]` lists among the attributes of item `item` (`struct Tag`):
/// every derive attribute of it except the generator's own (the one with `Debug`).
fn derives_of(code: &str, item: &str) -> Vec<String> {
    attribute_lines(code, item)
        .into_iter()
        .filter_map(|line| line.strip_prefix("#[derive(")?.strip_suffix(")]"))
        .filter(|list| !list.contains("Debug"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn mocks_are_on_in_the_cli_crate_off_with_the_flag_and_asked_for_in_the_builder() {
    let dir = scratch("mock");
    std::fs::copy(spec(), dir.join("openapi.yaml")).unwrap();
    let out = specforge(&dir, &["generate", "openapi.yaml", "--out", "on"]);
    assert!(out.status.success(), "{}", text(&out));
    let on = std::fs::read_to_string(dir.join("on/src/lib.rs")).unwrap();
    assert!(
        on.contains("::specforge::__mock_client!(Client, SECURITY_SCHEMES);"),
        "{on}"
    );
    assert!(on.contains("#[cfg(any(test, feature = \"mock\"))]"), "{on}");
    let manifest = std::fs::read_to_string(dir.join("on/Cargo.toml")).unwrap();
    assert!(manifest.contains("\nmock = []\n"), "{manifest}");
    let readme = std::fs::read_to_string(dir.join("on/README.md")).unwrap();
    assert!(readme.contains("## Testing with mocks"), "{readme}");

    let out = specforge(
        &dir,
        &["generate", "openapi.yaml", "--out", "off", "--no-mock"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let off = std::fs::read_to_string(dir.join("off/src/lib.rs")).unwrap();
    assert!(!off.contains("mock"), "{off}");
    let manifest = std::fs::read_to_string(dir.join("off/Cargo.toml")).unwrap();
    assert!(!manifest.contains("mock"), "{manifest}");
    let readme = std::fs::read_to_string(dir.join("off/README.md")).unwrap();
    assert!(readme.contains(" --no-mock"), "{readme}");

    let plain = std::fs::read_to_string(
        Builder::new(spec())
            .generate_to_file(dir.join("plain.rs"))
            .unwrap(),
    )
    .unwrap();
    assert!(
        !plain.contains("mock"),
        "off by default in a build script: {plain}"
    );
    let mocked = std::fs::read_to_string(
        Builder::new(spec())
            .mock(true)
            .generate_to_file(dir.join("mocked.rs"))
            .unwrap(),
    )
    .unwrap();
    assert!(mocked.contains("pub struct GetProductCall"), "{mocked}");
    let _ = std::fs::remove_dir_all(&dir);
}
