//! Prints the IR of one OpenAPI 3.0 JSON document, one line per type and per
//! operation, then the diagnostics: a quick look at the names lowering makes.
//!
//! `cargo run --release -p specforge-codegen --example model_summary -- doc.json`

use specforge_codegen::__internal::{TypeKind, lower};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: model_summary <document.json>")?;
    let document: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)?;
    let (api, diagnostics) = lower(&document, &Default::default());
    for def in &api.types.defs {
        let kind = match &def.kind {
            TypeKind::Struct(s) => format!("struct, {} fields", s.fields.len()),
            TypeKind::StringEnum(e) => {
                let names: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
                format!("enum {names:?}")
            }
            TypeKind::ScalarEnum(e) => {
                let names: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
                format!("{:?} enum {names:?}", e.kind)
            }
            TypeKind::Alias(t) => format!("alias {t:?}").chars().take(100).collect(),
            TypeKind::Union(u) => {
                let names: Vec<&str> = u.variants.iter().map(|v| v.name.as_str()).collect();
                format!("union tag={:?} {names:?}", u.tag)
            }
        };
        println!("type {} = {kind}", def.name);
    }
    for op in &api.operations {
        let params: Vec<&str> = op.params.iter().map(|p| p.name.as_str()).collect();
        println!("operation {} ({}) {params:?}", op.method_name, op.type_name);
    }
    for d in &diagnostics {
        println!("{d}");
    }
    Ok(())
}
