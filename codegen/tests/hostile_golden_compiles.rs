//! The client generated from the hostile-names document (`hostile_names.rs`
//! writes `hostile_golden/names.rs`) compiled against the real runtime under
//! `#![deny(warnings)]` (and clippy with `cargo clippy --all-targets`).
//!
//! Run: `cargo test -p specforge-codegen --test hostile_golden_compiles`.

#![deny(warnings)]
// The workspace asks this crate for `missing_docs`; a generated item has docs only
// where the document describes it, which these documents often do not.
#![allow(missing_docs)]

pub mod names {
    include!("hostile_golden/names.rs");
}

#[test]
fn hostile_client_builds() {
    let client = names::Client::new("https://api.example.test");
    assert!(client.is_ok(), "{:?}", client.err());
}

/// Enum values that are prelude names (`Some`, `None`, `Ok`, `Err`), trait items
/// (`from_str`, `fmt`, `Target`, `deserialize`, `default`) and keywords (`type`,
/// `self`, `r#try`) are variants that parse, print and serialize as written.
#[test]
fn prelude_trait_item_and_keyword_enum_values_round_trip() {
    use names::types::Type;
    for (wire, variant) in [
        ("Some", Type::Some),
        ("None", Type::None),
        ("Ok", Type::Ok),
        ("Err", Type::Err),
        ("from_str", Type::FromStr),
        ("fmt", Type::Fmt),
        ("Target", Type::Target),
        ("deserialize", Type::Deserialize),
        ("default", Type::Default2),
        ("type", Type::Type),
        ("self", Type::SelfValue),
        ("r#try", Type::RTry),
    ] {
        assert_eq!(wire.parse::<Type>().ok(), Some(variant.clone()), "{wire}");
        assert_eq!(variant.to_string(), wire);
        let json = specforge::serde_json::to_string(&variant).expect("serialize");
        assert_eq!(json, format!("\"{wire}\""));
        let back: Type = specforge::serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, variant);
    }
}
