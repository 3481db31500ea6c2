//! See `recall::fuzzing::roadmap` for what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| recall::fuzzing::roadmap(data));
