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
                TypeKind::StringEnum(_) | TypeKind::ScalarEnum(_) => {}
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

/// CPU time of this thread (Linux), which the machine's load does not inflate.
fn cpu() -> std::time::Duration {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let nanos = text
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    std::time::Duration::from_nanos(nanos)
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
    let t0 = cpu();
    let tokens = crate::emit::emit(&api, &settings);
    let t1 = cpu();
    let file: syn::File = syn::parse2(tokens).unwrap_or_else(|e| panic!("{e}"));
    let t2 = cpu();
    let text = prettyplease::unparse(&file);
    let t3 = cpu();
    drop(file);
    let t4 = cpu();
    println!(
        "CPU time: emit {:?}, syn parse {:?}, prettyplease {:?}, drop {:?} ({} bytes)",
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3,
        text.len()
    );
    for _ in 0..2 {
        let start = Instant::now();
        let threaded = crate::render::render_api(&api, &settings).unwrap_or_default();
        println!("render_api (emit + render, threaded) {:?}", start.elapsed());
        assert_eq!(threaded, code);
    }
}
