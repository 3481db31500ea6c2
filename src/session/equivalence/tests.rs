use super::*;
use crate::session::answer::{check, check_with};
use proptest::prelude::*;

fn verdict(typed: &str, expected: &str, alts: &[&str], case_sensitive: bool) -> Option<Rule> {
    let alts: Vec<String> = alts.iter().map(|a| a.to_string()).collect();
    let v = check(typed, expected, &alts, case_sensitive);
    assert_eq!(v.correct, v.rule.is_some(), "{typed:?} vs {expected:?}");
    v.rule
}

/// The issue's examples, and their near misses.
/// Typed, expected, alternatives, case-sensitive, the rule that accepts it.
type Example<'a> = (&'a str, &'a str, &'a [&'a str], bool, Option<Rule>);

#[test]
fn the_issue_s_examples() {
    use Rule::*;
    let table: &[Example] = &[
        (
            "os.path.basename",
            "path.basename",
            &[],
            true,
            Some(QualifiedName),
        ),
        ("basename", "path.basename", &[], true, Some(QualifiedName)),
        (
            "with_suffix",
            "Path.with_suffix",
            &[],
            true,
            Some(QualifiedName),
        ),
        (
            "pathlib.Path.with_suffix",
            "Path.with_suffix",
            &[],
            true,
            Some(QualifiedName),
        ),
        (
            "@field_validator",
            "field_validator",
            &[],
            true,
            Some(Decorator),
        ),
        (
            "field_validator",
            "@field_validator",
            &[],
            true,
            Some(Decorator),
        ),
        (
            "@pydantic.field_validator",
            "field_validator",
            &[],
            true,
            None,
        ),
        ("Uvicorn", "uvicorn", &[], true, Some(ToolName)),
        ("ctrl+shift+p", "Ctrl+Shift+P", &[], true, Some(KeyChord)),
        (
            "Shift + Ctrl + P",
            "Ctrl+Shift+P",
            &[],
            true,
            Some(KeyChord),
        ),
        ("control+shift+p", "Ctrl+Shift+P", &[], true, Some(KeyChord)),
        ("ctrl+p", "Ctrl+Shift+P", &[], true, None),
        ("x=[1,2]", "x = [1, 2]", &[], true, Some(PythonTokens)),
        ("len()", "len", &[], true, Some(Call)),
        ("sorted", "sorted()", &[], true, Some(Call)),
        ("chain", "chain", &[], true, Some(Exact)),
        ("CHAIN", "chain", &[], false, Some(Exact)),
        // Prefixes that differ are different names.
        ("pickle.loads", "json.loads", &[], true, None),
        ("anything.chain", "chain", &[], true, None),
        ("sep", "path.basename", &[], true, None),
        // A bare name two accepted answers end in is ambiguous.
        ("loads", "json.loads", &["pickle.loads"], true, None),
        (
            "getsize",
            "os.path.getsize",
            &["path.getsize"],
            true,
            Some(QualifiedName),
        ),
        // Python names keep their case in a case-sensitive deck.
        ("path.Basename", "path.basename", &[], true, None),
        // A known cost of taking `Uvicorn`: a lower-case answer typed
        // capitalised passes (a deck marks such a card exact).
        ("Path", "path", &[], true, Some(ToolName)),
        // Strings keep their content and case; their quotes may differ.
        (
            "print('hi')",
            "print(\"hi\")",
            &[],
            true,
            Some(PythonTokens),
        ),
        ("print('Hi')", "print('hi')", &[], false, None),
        ("print('h i')", "print('hi')", &[], true, None),
        ("x == 1", "x = 1", &[], true, None),
        ("f'{x}'", "'{x}'", &[], true, None),
    ];
    for (typed, expected, alts, case_sensitive, want) in table {
        assert_eq!(
            verdict(typed, expected, alts, *case_sensitive),
            *want,
            "{typed:?} for {expected:?} (alternatives {alts:?})"
        );
    }
}

#[test]
fn an_exact_card_takes_only_its_text() {
    let v = check_with("basename", "path.basename", &[], true, Matching::Exact);
    assert!(!v.correct);
    let v = check_with(
        " path.basename ",
        "path.basename",
        &[],
        true,
        Matching::Exact,
    );
    assert!(v.correct);
}

#[test]
fn the_verdict_names_the_alternative_that_matched() {
    let alts = vec!["F1".to_string(), "ctrl+shift+p".to_string()];
    let v = check("f1", "Ctrl+Shift+P", &alts, false);
    assert_eq!((v.matched, v.rule), (Some(1), Some(Rule::Exact)));
    let v = check("Ctrl+Shift+P", "Ctrl+Shift+P", &alts, true);
    assert_eq!(v.matched, Some(0));
}

#[test]
fn text_that_is_not_python_is_not_tokenised() {
    for text in ["it's moved", "a ? b", "x # note", "'open", "`x`"] {
        assert_eq!(tokens(text), None, "{text}");
    }
    assert_eq!(
        tokens("r'a\\'b' 1e-5 0xFF ..."),
        Some(vec![
            Token::Str {
                prefix: "r",
                body: "a\\'b"
            },
            Token::Number("1e-5"),
            Token::Number("0xFF"),
            Token::Op("..."),
        ])
    );
    assert_eq!(string_body("'''a'b'''c"), Some(("a'b", "c")));
}

fn identifier() -> impl Strategy<Value = String> {
    "[a-z_][a-z0-9_]{0,8}"
}

fn dotted() -> impl Strategy<Value = String> {
    prop::collection::vec(identifier(), 1..4).prop_map(|p| p.join("."))
}

/// A snippet with a string literal in it.
fn code_with_string() -> impl Strategy<Value = (String, String, String)> {
    (dotted(), identifier(), "[ -~&&[^'\\\\]]{0,12}")
        .prop_map(|(f, arg, content)| (f, arg, content))
}

proptest! {
    #[test]
    fn the_exact_answer_always_matches(answer in "\\PC{0,40}", sensitive in any::<bool>()) {
        let v = check(&answer, &answer, &[], sensitive);
        prop_assert!(v.correct);
        prop_assert_eq!(v.rule, Some(Rule::Exact));
    }

    #[test]
    fn every_alternative_matches(answer in dotted(), alt in "\\PC{1,30}") {
        let v = check(&alt, &answer, std::slice::from_ref(&alt), true);
        prop_assert!(v.correct);
    }

    #[test]
    fn a_different_string_content_is_never_accepted(
        (f, arg, content) in code_with_string(),
        other in "[ -~&&[^'\\\\]]{0,12}",
        sensitive in any::<bool>(),
    ) {
        prop_assume!(other != content);
        let expected = format!("{f}({arg}, '{content}')");
        let typed = format!("{f}( {arg},'{other}' )");
        prop_assert!(!check(&typed, &expected, &[], sensitive).correct, "{} for {}", typed, expected);
        // Spacing alone never matters outside the string.
        let spaced = format!("{f}( {arg},'{content}' )");
        prop_assert!(check(&spaced, &expected, &[], sensitive).correct);
    }

    #[test]
    fn a_name_matches_with_its_prefix_and_without(parts in prop::collection::vec(identifier(), 2..5)) {
        let full = parts.join(".");
        let last = parts.last().cloned().unwrap_or_default();
        let variants = [last, format!("mod.{full}"), format!("@{full}"), format!("{full}()")];
        for typed in variants {
            prop_assert!(check(&typed, &full, &[], true).correct, "{} for {}", typed, full);
        }
    }

    #[test]
    fn a_different_last_name_is_never_accepted(prefix in dotted(), a in identifier(), b in identifier()) {
        prop_assume!(a != b);
        let expected = format!("{prefix}.{a}");
        let typed = format!("{prefix}.{b}");
        prop_assert!(!check(&typed, &expected, &[], false).correct);
        prop_assert!(!check(&b, &expected, &[], false).correct);
    }

    #[test]
    fn exact_matching_accepts_only_what_the_text_compare_did(typed in "\\PC{0,20}", expected in "\\PC{0,20}") {
        let v = check_with(&typed, &expected, &[], true, Matching::Exact);
        prop_assert_eq!(v.correct, crate::session::answer::normalise(&typed) == crate::session::answer::normalise(&expected));
    }
}
