//! Typed-array event columns over string dictionaries (`addEventColumns`), then every analysis.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| lienthong::fuzzing::columns(data));
