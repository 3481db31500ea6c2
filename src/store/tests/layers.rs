//! The store sits below the modules that use it: none of its code (tests
//! aside) names them.

use std::path::Path;

/// The modules above the store.
const HIGHER: [&str; 8] = [
    "stats", "session", "import", "export", "commands", "ui", "config", "cli",
];

#[test]
fn store_code_imports_no_higher_layer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // A file's own tests come last, in `mod tests { … }`.
        let code = text.split("#[cfg(test)]\nmod tests {").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            for module in HIGHER {
                if line.contains(&format!("crate::{module}")) {
                    found.push(format!("{}:{}: {line}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
