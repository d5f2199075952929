//! The XES importer: one push and random chunks, plain and gzip.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| lienthong::fuzzing::xes(data));
