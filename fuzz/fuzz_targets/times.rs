//! Instants, due dates, durations, zones and working-time arithmetic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| lienthong::fuzzing::times(data));
