//! Upgrade (Swagger 2.0 / OpenAPI 3.1 → 3.0 shape) of an arbitrary JSON value.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(value) = specforge_codegen_fuzz::json(data) {
        let _ = specforge_codegen::upgrade_value(value);
    }
});
