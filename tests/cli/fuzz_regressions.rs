//! Every input a fuzzer ever crashed on (`tests/fixtures/fuzz/<target>/`,
//! saved by `scripts/fuzz.sh`), replayed through the same oracle.

use std::fs;
use std::path::Path;

fn replay(target: &str, oracle: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let data = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| oracle(&data));
        assert!(outcome.is_ok(), "{} fails again", path.display());
        count += 1;
    }
    count
}

#[test]
fn saved_fuzz_inputs_pass_their_oracles() {
    let replayed = replay("deck", recall::fuzzing::deck)
        + replay("roadmap", recall::fuzzing::roadmap)
        + replay("compile", recall::fuzzing::compile);
    assert!(replayed > 0, "no saved inputs under tests/fixtures/fuzz");
}
