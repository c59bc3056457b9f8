//! The whole pipeline, bytes to rendered source: never panics, and the
//! generated code always parses (`SF9001`, "generated code does not parse",
//! is a generator bug, so it fails the run).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(settings) = specforge_codegen_fuzz::settings_for(data) else {
        return;
    };
    if let Err(error) = specforge_codegen::generate(&settings) {
        let internal = error.diagnostics().iter().find(|d| d.code == "SF9001");
        assert!(
            internal.is_none(),
            "generated code does not parse: {internal:?}"
        );
    }
});
