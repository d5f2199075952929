//! edXML packages and status messages, read in one piece and in chunks, then every analysis.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| lienthong::fuzzing::edxml(data));
