//! Lowering of an arbitrary JSON value into the IR, both as given (lowering
//! must survive documents the upgrade never saw) and after the upgrade.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specforge_codegen::Settings;

fuzz_target!(|data: &[u8]| {
    if let Some(value) = specforge_codegen_fuzz::json(data) {
        let settings = Settings::default();
        let _ = specforge_codegen::__internal::lower(&value, &settings);
        let (upgraded, _) = specforge_codegen::upgrade_value(value);
        let _ = specforge_codegen::__internal::lower(&upgraded, &settings);
    }
});
