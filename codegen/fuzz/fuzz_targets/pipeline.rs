//! The whole pipeline, bytes to rendered source: never panics, the generated
//! code always parses (`SF9001`, "generated code does not parse", is a
//! generator bug, so it fails the run), and no doc comment of the generated code
//! holds a code block rustdoc would compile or run (checked with pulldown-cmark,
//! rustdoc's Markdown parser, on the rendered source).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(settings) = specforge_codegen_fuzz::settings_for(data) else {
        return;
    };
    match specforge_codegen::generate(&settings) {
        Ok(generated) => {
            let blocks = specforge_codegen_fuzz::runnable_doc_blocks(&generated.code)
                .expect("generated code tokenizes");
            assert!(
                blocks.is_empty(),
                "doc text becomes code rustdoc runs: {blocks:#?}"
            );
        }
        Err(error) => {
            let internal = error.diagnostics().iter().find(|d| d.code == "SF9001");
            assert!(
                internal.is_none(),
                "generated code does not parse: {internal:?}"
            );
        }
    }
});
