fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let document: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let (api, diags) = specforge_codegen::__internal::lower(&document, &Default::default());
    for d in &api.types.defs {
        let kind = match &d.kind {
            specforge_codegen::__internal::TypeKind::Struct(s) => format!("struct {}", s.fields.len()),
            specforge_codegen::__internal::TypeKind::StringEnum(e) => format!("enum {:?}", e.variants.iter().map(|v| v.name.as_str()).collect::<Vec<_>>()),
            specforge_codegen::__internal::TypeKind::Alias(t) => format!("alias {t:?}").chars().take(80).collect(),
            specforge_codegen::__internal::TypeKind::Union(u) => format!("union tag={:?} {:?}", u.tag, u.variants.iter().map(|v| v.name.as_str()).collect::<Vec<_>>()),
        };
        println!("T {} = {}", d.name, kind);
    }
    for o in &api.operations {
        println!("O {} {} {:?}", o.method_name, o.type_name, o.params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>());
    }
    for d in &diags { println!("D {d}"); }
}
