//! JSON unit, document and event records (split at the first two newlines), then every analysis.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| lienthong::fuzzing::json_records(data));
