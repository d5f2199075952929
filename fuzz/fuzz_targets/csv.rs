//! CSV import: any bytes, pushed in chunks, against the one-shot import; then every analysis.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| lienthong::fuzzing::csv(data));
