//! Tests of [`crate::deck::parse`] on bad decks: where each error points.

use super::parse::{HEAD, PATH};
use crate::deck::parse;

#[test]
#[rustfmt::skip]
fn bad_decks_are_refused_where_the_fault_is() {
    let h = HEAD; // lines 1–4; the first card is on line 5
    // (name, deck text, line, col, fragment of the message)
    let cases: Vec<(&str, String, u32, u32, &str)> = vec![
        ("no heading", "Q: q\nA: a\n".into(), 1, 1, "before the `#` section heading"),
        ("empty file", String::new(), 1, 1, "no `#` section heading"),
        ("two headings", format!("{h}# Phase 3 — OOP\n"), 5, 1, "second `#` heading (the first is at line 1)"),
        ("unnamed section", "# — x\n".into(), 1, 3, "cannot tell the roadmap section"),
        ("card before topic", "# Phase 2 — x\n\nQ: q\nA: a\n".into(), 3, 1, "card before any topic heading"),
        ("topic before section", "## 1 x\n".into(), 1, 1, "topic heading before the `#` section heading"),
        ("bad topic number", "# Phase 2\n## One thing\n".into(), 2, 4, "\"One\" is not a topic number"),
        ("bad dotted number", "# Phase 2\n### 1..2 x\n".into(), 2, 5, "\"1..2\" is not a topic number"),
        ("missing number", "# Phase 2\n##\n".into(), 2, 3, "topic heading without a number"),
        ("basic without answer", format!("{h}Q: q\n"), 5, 1, "`Q:` card without an `A:` answer"),
        ("typed without answer", format!("{h}T: t\nN: note\n"), 5, 1, "`T:` card without an `A:` answer"),
        ("answer after blank line", format!("{h}Q: q\n\nA: a\n"), 5, 1, "`Q:` card without an `A:` answer"),
        ("note after blank line", format!("{h}Q: q\nA: a\n\nN: n\n"), 8, 1, "`N:` outside a card"),
        ("answer in prose", format!("{h}Some prose.\nA: a\n"), 6, 1, "`A:` outside a card"),
        ("empty answer", format!("{h}Q: q\nA:   \n"), 6, 3, "empty answer"),
        ("empty prompt", format!("{h}Q:\nA: a\n"), 5, 3, "empty prompt"),
        ("two basic answers", format!("{h}Q: q\nA: a\nA: b\n"), 7, 1, "second `A:` on a `Q:` card"),
        ("typed answer continues", format!("{h}T: t\nA: a\nmore\n"), 7, 1, "continues a one-line answer"),
        ("two notes", format!("{h}Q: q\nA: a\nN: x\nN: y\n"), 8, 1, "second `N:` (the first is at line 7)"),
        ("empty note", format!("{h}Q: q\nA: a\nN:\n"), 7, 3, "empty note"),
        ("answer on cloze", format!("{h}C: a {{{{b}}}}\nA: b\n"), 6, 1, "`A:` on a cloze card"),
        ("cloze without deletion", format!("{h}C: plain text\n"), 5, 4, "without a `{{…}}` deletion"),
        ("unclosed cloze", format!("{h}C: a {{{{b}}}}\nand {{{{c\n"), 6, 5, "unclosed `{{`"),
        ("empty deletion", format!("{h}C: a {{{{ }}}}\n"), 5, 6, "empty deletion"),
        ("nested deletion", format!("{h}C: {{{{a {{{{b}}}}}}}}\n"), 5, 8, "`{{` inside a deletion"),
        ("eval without code", format!("{h}E: what?\nA: 1\n"), 5, 1, "`E:` card without a ```python block"),
        ("eval never gets code", format!("{h}E: what?\n"), 5, 1, "`E:` card without a ```python block"),
        ("eval code not python", format!("{h}E: what?\n```rust\nx\n```\nA: 1\n"), 6, 1, "must be a ```python block"),
        ("eval without answer", format!("{h}E:\n```python\nprint(1)\n```\n"), 5, 1, "`E:` card without an `A:` answer"),
        ("text after eval code", format!("{h}E:\n```python\nprint(1)\n```\nprints\nA: 1\n"), 9, 1, "expected `A:` after the code block"),
        ("eval output not text", format!("{h}E:\n```python\nprint(1)\n```\nA:\n```python\n1\n```\n"), 10, 1, "must be a ```text block"),
        ("empty eval output", format!("{h}E:\n```python\nprint()\n```\nA:\n```text\n```\n"), 9, 3, "empty answer"),
        ("unclosed fence", format!("{h}Q: q\n  ```python\nx\n\nA: a\n"), 6, 3, "unclosed code fence"),
        ("unclosed fence in prose", format!("{h}~~~~\nQ: q\n~~~\n"), 5, 1, "unclosed code fence"),
        ("duplicate prompt", format!("{h}Q: same\nA: 1\n\nT: same\nA: 2\n"), 8, 1, "same prompt as the card at line 5"),
        ("duplicate cloze", format!("{h}C: {{{{a}}}} b\n\nC: {{{{c::h}}}} b\n"), 7, 1, "same prompt as the card at line 5"),
        ("unknown front-matter key", "---\npython: 3.11\n  color: red\n---\n# Phase 2\n".into(), 3, 3, "unknown front-matter key \"color\""),
        ("bad case value", "---\ncase:  upper\n---\n# Phase 2\n".into(), 2, 8, "`case` must be `sensitive` or `insensitive`"),
        ("bad case value, spaced key", "---\n case : upper\n---\n".into(), 2, 9, "`case` must be `sensitive` or `insensitive`"),
        ("front matter without colon", "---\npython 3.11\n---\n".into(), 2, 1, "expected `key: value`"),
        ("unclosed front matter", "---\npython: 3.11\n# Phase 2\n".into(), 1, 1, "front matter is not closed"),
        ("duplicate front-matter key", "---\ncase: sensitive\ncase: insensitive\n---\n".into(), 3, 1, "`case` is given twice"),
        ("empty python", "---\npython: \"\"\n---\n".into(), 2, 9, "`python` has no version"),
        ("NUL byte", format!("{h}Q: a\0b\nA: c\n"), 5, 5, "NUL byte"),
    ];
    for (name, text, line, col, fragment) in cases {
        let err = match parse(PATH, &text) {
            Ok(file) => panic!("{name}: parsed to {:?}", file.cards),
            Err(e) => e,
        };
        assert_eq!((err.line, err.col), (line, col), "{name}: {err}");
        assert!(
            err.message.contains(fragment),
            "{name}: {:?} lacks {fragment:?}",
            err.message
        );
        assert!(!err.hint.is_empty(), "{name}: no hint");
        assert_eq!(err.path, PATH);
        assert_eq!(
            err.to_string(),
            format!("{PATH}:{line}:{col}: {}", err.message)
        );
    }
}
