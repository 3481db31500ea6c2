//! See `recall::fuzzing::compile` for what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| recall::fuzzing::compile(data));
