//! The roadmap and decks that ship inside the binary, so `recall review`
//! works with no files around. `build.rs` lists `decks/*.md`.

/// (path, text) of the bundled roadmap.
pub const ROADMAP: (&str, &str) = (
    "roadmap/python-roadmap.md",
    include_str!("../../roadmap/python-roadmap.md"),
);

/// (path, text) of every bundled deck, in file-name order.
pub const DECKS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled_decks.rs"));
