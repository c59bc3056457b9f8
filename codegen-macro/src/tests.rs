//! Tests of the expansion: errors, file tracking and the expansion cache.

use super::*;

/// A fresh folder for one test (tests run in parallel).
fn scratch_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("specforge-macro-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn scratch(test: &str, name: &str, contents: &str) -> PathBuf {
    let dir = scratch_dir(test);
    std::fs::write(dir.join(name), contents).unwrap();
    dir
}

/// The expansion's text, whether fresh or cached, and whether it was cached.
fn expand_text(
    input: TokenStream,
    manifest_dir: Option<&Path>,
    cache: &ExpansionCache,
) -> (String, bool) {
    match expand(input, manifest_dir, cache) {
        Expansion::Fresh(tokens) => (tokens.to_string(), false),
        Expansion::Cached { tracked, source } => {
            let client: TokenStream = source.parse().expect("cached source parses");
            (quote!(#tracked #client).to_string(), true)
        }
    }
}

/// An expansion without a cache (a cache in a folder of its own per test).
fn expand_uncached(test: &str, input: TokenStream, manifest_dir: Option<&Path>) -> String {
    let cache = ExpansionCache::at(scratch_dir(&format!("{test}-cache")));
    expand_text(input, manifest_dir, &cache).0
}

#[test]
fn option_errors_are_compile_errors() {
    let out = expand_uncached("option", quote!("a.json", modul = x), None);
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("unknown specforge option `modul`"), "{out}");
}

#[test]
fn missing_spec_is_a_compile_error_naming_the_path() {
    let dir = Path::new("/nonexistent-specforge-dir");
    let out = expand_uncached("missing", quote!("nope.yaml"), Some(dir));
    assert!(out.contains("compile_error"), "{out}");
    assert!(
        out.contains("/nonexistent-specforge-dir/nope.yaml"),
        "{out}"
    );
    assert!(!out.contains("include_bytes"), "{out}");
}

#[test]
fn invalid_document_is_a_compile_error_and_still_tracked() {
    let dir = scratch("invalid", "broken.json", "{ this is not json");
    let out = expand_uncached("invalid", quote!("broken.json"), Some(&dir));
    assert!(out.contains("compile_error"), "{out}");
    // One compile_error per error diagnostic, with file:line:col and code.
    assert_eq!(out.matches("compile_error").count(), 1, "{out}");
    assert!(out.contains("broken.json:1:3: error[SF0001]"), "{out}");
    assert!(out.contains("include_bytes"), "{out}");
    assert!(out.contains("broken.json"), "{out}");
}

#[test]
fn valid_document_is_tracked_relative_to_the_manifest_dir() {
    let spec = r#"{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{}}"#;
    let dir = scratch("valid", "ok.json", spec);
    let out = expand_uncached("valid", quote!(spec = "ok.json", module = api), Some(&dir));
    assert!(!out.contains("compile_error"), "{out}");
    let canonical = std::fs::canonicalize(dir.join("ok.json")).unwrap();
    assert!(
        out.contains(&format!("{:?}", canonical.to_str().unwrap())),
        "{out}"
    );
    assert!(out.contains("pub mod api"), "{out}");
}

/// A document whose `Pet` schema lives in `pet.json`, with `property` as its one field.
fn write_split_document(dir: &Path, property: &str) {
    let spec = r#"{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{"/pet":{"get":{"operationId":"getPet","responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"pet.json"}}}}}}}}}"#;
    std::fs::write(dir.join("api.json"), spec).unwrap();
    let pet = format!(r#"{{"type":"object","properties":{{"{property}":{{"type":"string"}}}}}}"#);
    std::fs::write(dir.join("pet.json"), pet).unwrap();
}

#[test]
fn an_unchanged_document_is_served_from_the_cache_with_the_same_expansion() {
    let dir = scratch_dir("cache-hit");
    write_split_document(&dir, "name");
    let cache = ExpansionCache::at(dir.join("cache"));
    let (fresh, fresh_cached) = expand_text(quote!("api.json"), Some(&dir), &cache);
    let (again, again_cached) = expand_text(quote!("api.json"), Some(&dir), &cache);
    assert!(!fresh_cached, "the first expansion is generated");
    assert!(again_cached, "the second expansion is served by the cache");
    assert_eq!(fresh, again, "a cached expansion equals the generated one");
    // The cached expansion still tracks the referenced file.
    let pet = std::fs::canonicalize(dir.join("pet.json")).unwrap();
    assert!(
        again.contains(&format!("{:?}", pet.to_str().unwrap())),
        "{again}"
    );
}

#[test]
fn an_edited_referenced_file_is_never_served_stale() {
    let dir = scratch_dir("cache-edit");
    write_split_document(&dir, "name");
    let cache = ExpansionCache::at(dir.join("cache"));
    let (before, _) = expand_text(quote!("api.json"), Some(&dir), &cache);
    assert!(before.contains("pub name"), "{before}");
    write_split_document(&dir, "nickname");
    let (after, cached) = expand_text(quote!("api.json"), Some(&dir), &cache);
    assert!(!cached, "an edited $ref target invalidates the entry");
    assert!(
        after.contains("pub nickname") && !after.contains("pub name "),
        "{after}"
    );
}

#[test]
fn an_edited_document_or_setting_is_never_served_stale() {
    let dir = scratch_dir("cache-settings");
    write_split_document(&dir, "name");
    let cache = ExpansionCache::at(dir.join("cache"));
    let _ = expand_text(quote!("api.json"), Some(&dir), &cache);
    let (with_module, cached) =
        expand_text(quote!(spec = "api.json", module = api), Some(&dir), &cache);
    assert!(!cached, "another setting is another entry");
    assert!(with_module.contains("pub mod api"), "{with_module}");
    let spec = std::fs::read_to_string(dir.join("api.json")).unwrap();
    std::fs::write(dir.join("api.json"), spec.replace("getPet", "fetchPet")).unwrap();
    let (edited, cached) = expand_text(quote!(spec = "api.json", module = api), Some(&dir), &cache);
    assert!(!cached, "an edited document invalidates the entry");
    assert!(
        edited.contains("fetch_pet") && !edited.contains("get_pet"),
        "{edited}"
    );
}

#[test]
fn errors_and_corrupt_entries_are_never_served() {
    let dir = scratch("cache-errors", "broken.json", "{ this is not json");
    let cache = ExpansionCache::at(dir.join("cache"));
    let _ = expand_text(quote!("broken.json"), Some(&dir), &cache);
    let (_, cached) = expand_text(quote!("broken.json"), Some(&dir), &cache);
    assert!(!cached, "errors are not cached");
    write_split_document(&dir, "name");
    let _ = expand_text(quote!("api.json"), Some(&dir), &cache);
    for entry in std::fs::read_dir(dir.join("cache")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    }
    let (out, cached) = expand_text(quote!("api.json"), Some(&dir), &cache);
    assert!(!cached, "a truncated entry is a miss");
    assert!(out.contains("get_pet"), "{out}");
}

#[test]
fn only_keeps_the_named_operations_and_refuses_unknown_names() {
    let dir = scratch_dir("only");
    write_split_document(&dir, "name");
    let kept = expand_uncached(
        "only-kept",
        quote!(spec = "api.json", only = "getPet"),
        Some(&dir),
    );
    assert!(
        kept.contains("get_pet") && !kept.contains("compile_error"),
        "{kept}"
    );
    let refused = expand_uncached(
        "only-refused",
        quote!(spec = "api.json", only = "getPets"),
        Some(&dir),
    );
    assert!(
        refused.contains("compile_error") && refused.contains("SF3004"),
        "{refused}"
    );
    assert!(
        refused.contains("`getPet`"),
        "the closest id is named: {refused}"
    );
}

#[test]
fn tag_features_gate_operations_by_tag() {
    let dir = scratch_dir("tag-features");
    let operation = |id: &str, tag: &str| {
        format!(
            r#"{{"get":{{"operationId":"{id}","tags":["{tag}"],"responses":{{"204":{{"description":"ok"}}}}}}}}"#
        )
    };
    let spec = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"T","version":"1"}},"paths":{{"/a":{},"/b":{}}}}}"#,
        operation("getA", "alpha"),
        operation("getB", "beta"),
    );
    std::fs::write(dir.join("api.json"), spec).unwrap();
    let gated = expand_uncached(
        "tag-features-on",
        quote!(spec = "api.json", tag_features = true),
        Some(&dir),
    );
    assert!(
        gated.contains(r#"# [cfg (feature = "alpha")]"#)
            && gated.contains(r#"# [cfg (feature = "beta")]"#),
        "{gated}"
    );
    let plain = expand_uncached("tag-features-off", quote!(spec = "api.json"), Some(&dir));
    assert!(!plain.contains("feature ="), "{plain}");
}
