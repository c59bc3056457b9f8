//! Setting `value_builders` (on by default): constructors, `with_*` setters,
//! `#[non_exhaustive]` object types and union `From` impls, and their absence when off.
//! That the code compiles and behaves is shown by the goldens (`tests/tests/value_builders.rs`).

use std::path::Path;

use specforge_codegen::{Settings, generate};

fn code(fixture: &str, value_builders: bool) -> String {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures")
        .join(fixture)
        .join("openapi.yaml");
    let mut settings = Settings::new(spec);
    settings.value_builders = value_builders;
    generate(&settings).map_err(|e| e.to_string()).unwrap().code
}

#[test]
fn on_by_default() {
    assert!(Settings::default().value_builders);
    let code = code("petstore", true);
    assert!(code.contains("::specforge::__object_builders!"), "{code}");
    assert!(
        code.contains("#[non_exhaustive]\n    pub struct Pet {"),
        "{code}"
    );
    let unions = self::code("types-oneof-untagged", true);
    assert!(unions.contains("::specforge::__union_from!"), "{unions}");
}

#[test]
fn off_leaves_plain_structs() {
    for fixture in ["petstore", "types-oneof-untagged", "types-nullable"] {
        let code = code(fixture, false);
        for made in ["__object_builders!", "__union_from!", "#[non_exhaustive]"] {
            assert!(!code.contains(made), "{fixture}: {made}");
        }
    }
}
