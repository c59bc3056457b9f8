//! Emit and render time on a large model (1,210 operations, 1,800 types):
//! the pet store repeated. Not a timed assertion; run
//! `cargo test --release -p specforge-codegen --lib emit::tests::timing -- --ignored --nocapture`.

use std::time::Instant;

use super::petstore;
use crate::Settings;
use crate::model::{Api, TypeId, TypeKind, TypeRef};

fn shift(ty: &mut TypeRef, offset: usize) {
    match ty {
        TypeRef::Named(id) => *id = TypeId(id.0 + offset),
        TypeRef::Array(inner) | TypeRef::Map(inner) => shift(inner, offset),
        _ => {}
    }
}

fn large(copies: usize) -> Api {
    let base = petstore::api();
    let mut api = petstore::api();
    api.operations.clear();
    api.types.defs.clear();
    for copy in 0..copies {
        let offset = api.types.defs.len();
        for mut def in base.types.defs.clone() {
            def.name = format!("{}{copy}", def.name);
            match &mut def.kind {
                TypeKind::Struct(s) => {
                    s.fields.iter_mut().for_each(|f| shift(&mut f.ty, offset));
                    if let Some(ty) = &mut s.additional_properties {
                        shift(ty, offset);
                    }
                }
                TypeKind::Alias(ty) => shift(ty, offset),
                TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| shift(&mut v.ty, offset)),
                TypeKind::StringEnum(_) => {}
            }
            api.types.defs.push(def);
        }
        for mut op in base.operations.clone() {
            op.method_name = format!("{}_{copy}", op.method_name);
            op.type_name = format!("{}{copy}", op.type_name);
            op.params.iter_mut().for_each(|p| shift(&mut p.ty, offset));
            if let Some(crate::model::BodyKind::Json(ty) | crate::model::BodyKind::Form(ty)) =
                op.body.as_mut().map(|b| &mut b.kind)
            {
                shift(ty, offset);
            }
            for response in &mut op.responses {
                if let crate::model::ResponseBody::Json(ty) = &mut response.body {
                    shift(ty, offset);
                }
            }
            api.operations.push(op);
        }
    }
    api
}

#[test]
#[ignore = "timing report, run by hand in release mode"]
fn timing_large_model() {
    let api = large(110);
    let settings = Settings::default();
    let start = Instant::now();
    let tokens = crate::emit::emit(&api, &settings);
    let emitted = start.elapsed();
    let code = crate::render::render(&tokens, &settings).unwrap_or_default();
    let rendered = start.elapsed() - emitted;
    println!(
        "{} operations, {} types: emit {emitted:?}, render {rendered:?}, {} bytes",
        api.operations.len(),
        api.types.defs.len(),
        code.len()
    );
    assert!(code.len() > 1_000_000);
    let start = Instant::now();
    let file: syn::File = syn::parse2(tokens.clone()).unwrap_or_else(|e| panic!("{e}"));
    let parsed = start.elapsed();
    let text = prettyplease::unparse(&file);
    println!(
        "parse {parsed:?}, prettyplease (whole file) {:?}",
        start.elapsed() - parsed
    );
    let start = Instant::now();
    let _ = tokens.to_string();
    println!(
        "tokens to_string {:?} ({} bytes)",
        start.elapsed(),
        text.len()
    );
    let start = Instant::now();
    for op in &api.operations {
        let _ =
            super::super::markdown::sanitize(op.docs.description.as_deref().unwrap_or_default());
    }
    println!("sanitize op docs {:?}", start.elapsed());
    for _ in 0..2 {
        let file: syn::File = syn::parse2(tokens.clone()).unwrap_or_else(|e| panic!("{e}"));
        let start = Instant::now();
        let text = prettyplease::unparse(&file);
        drop(file);
        println!("whole file + drop {:?} {}", start.elapsed(), text.len());
        let file: syn::File = syn::parse2(tokens.clone()).unwrap_or_else(|e| panic!("{e}"));
        let start = Instant::now();
        let mut total = 0;
        for item in file.items {
            if let syn::Item::Mod(m) = item {
                for inner in m.content.map(|c| c.1).unwrap_or_default() {
                    total += prettyplease::unparse(&syn::File {
                        shebang: None,
                        frontmatter: None,
                        attrs: vec![],
                        items: vec![inner],
                    })
                    .len();
                }
            } else {
                total += prettyplease::unparse(&syn::File {
                    shebang: None,
                    frontmatter: None,
                    attrs: vec![],
                    items: vec![item],
                })
                .len();
            }
        }
        println!("per item {:?} {total}", start.elapsed());
    }
}
