//! See `recall::fuzzing::import_tsv` for what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| recall::fuzzing::import_tsv(data));
