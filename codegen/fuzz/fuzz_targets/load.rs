//! Load (read, sniff JSON/YAML, parse, bundle, detect version) and upgrade of
//! arbitrary bytes: must never panic, overflow the stack or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(settings) = specforge_codegen_fuzz::settings_for(data) {
        if let Ok(prepared) = specforge_codegen::prepare(&settings) {
            // Locating every diagnostic walks the (lazy) source map too.
            for d in &prepared.diagnostics {
                let _ = prepared.locate(&d.pointer);
            }
        }
    }
});
