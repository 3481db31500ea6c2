//! `recall man`: one page per subcommand, each printable, with keys, config,
//! files and environment.

use crate::env::TestEnv;

/// Whether `page` has the section `name` (roff quotes a name with a space).
fn has_section(page: &str, name: &str) -> bool {
    page.lines()
        .any(|l| l == format!(".SH {name}") || l == format!(".SH \"{name}\""))
}

#[test]
fn man_review_prints_the_review_page_with_its_keys() {
    let env = TestEnv::new();
    let page = env.ok(&["man", "review"]);
    assert!(page.contains(".TH recall-review 1"), "{}", &page[..200]);
    for section in [
        "OPTIONS",
        "KEYS",
        "FILES",
        "ENVIRONMENT",
        "EXIT STATUS",
        "SEE ALSO",
    ] {
        assert!(has_section(&page, section), "no {section}");
    }
    for flag in ["\\-\\-deck", "\\-\\-plain", "\\-\\-new"] {
        assert!(page.contains(flag), "no {flag}");
    }
    // The keys the review's own help shows.
    for key in [
        "Space/Enter",
        "undo the last answer",
        "bury this card until tomorrow",
    ] {
        assert!(page.contains(key), "no {key}");
    }
    for var in [
        "RECALL_DB",
        "RECALL_CONFIG",
        "RECALL_SEED",
        "TZ",
        "NO_COLOR",
        "EDITOR",
    ] {
        assert!(page.contains(var), "no {var}");
    }
    assert!(!has_section(&env.ok(&["man", "stats"]), "KEYS"));
}

#[test]
fn the_top_page_names_only_pages_that_exist() {
    let env = TestEnv::new();
    let top = env.ok(&["man"]);
    assert!(has_section(&top, "CONFIG KEYS") && top.contains("rollover_hour"));
    let dir = env.path("man");
    let out = env.ok(&["man", "--all", dir.to_str().unwrap()]);
    let written: usize = out
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out}"));
    // One page per subcommand and the top page; each subcommand has one.
    assert!(out.contains("man pages written to"), "{out}");
    assert!(written >= 20, "{out}");
    let see_also = top
        .split(".SH \"SEE ALSO\"")
        .nth(1)
        .expect("a SEE ALSO section");
    let referred: Vec<&str> = see_also
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| w.starts_with("recall\\-") || w.starts_with("recall-"))
        .collect();
    assert_eq!(referred.len(), written - 1, "{see_also}");
    for page in referred {
        let file = page.replace("\\-", "-").replace("(1)", ".1");
        let path = dir.join(&file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no {file}"));
        let name = file.trim_end_matches(".1");
        assert!(text.contains(&format!(".TH {name} 1")), "{file}");
        // And `recall man <sub>` prints the same page.
        let sub = name.trim_start_matches("recall-");
        assert_eq!(env.ok(&["man", sub]), text, "{sub}");
    }
    assert!(dir.join("recall.1").exists());
}

#[test]
fn an_unknown_page_is_refused_with_the_list() {
    let env = TestEnv::new();
    let (code, err) = env.fails(&["man", "reveiw"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no man page for \"reveiw\"") && err.contains("review, drill"),
        "{err}"
    );
}
