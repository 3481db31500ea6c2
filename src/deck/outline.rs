//! Outline cards: the cards every roadmap yields by itself, one per topic
//! with a detail list (`**Files & Paths** — `pathlib`, `os`, `shutil``).

use super::order::{ord_of_topic, topics_in_order};
use crate::card::{Card, CardId, CardKind, SourcePos};
use crate::roadmap::{Roadmap, Section, Topic};

/// The question when every item of the detail is a backticked module name.
const ASK_MODULES: &str = "which modules?";
/// The question when every item is a backticked name, not all modules.
const ASK_NAMES: &str = "which ones?";
/// The question for any other detail.
const ASK_COVERAGE: &str = "what does it cover?";

/// One basic card per topic (or subtopic) with a non-empty detail, in roadmap
/// order; `ord` is the topic's index in roadmap order times [`super::ORD_STRIDE`], so
/// each comes first among its topic's cards.
pub fn outline_cards(roadmap: &Roadmap, roadmap_path: &str) -> Vec<Card> {
    topics_in_order(roadmap)
        .into_iter()
        .enumerate()
        .filter_map(|(index, (section, topic))| {
            outline_card(section, topic, roadmap_path, ord_of_topic(index))
        })
        .collect()
}

fn outline_card(section: &Section, topic: &Topic, roadmap_path: &str, ord: i64) -> Option<Card> {
    // The roadmap parser keeps the detail after the title's dash; tolerate the
    // dash itself too.
    let detail = topic
        .detail
        .trim()
        .trim_start_matches(['—', '–', '-', ':'])
        .trim();
    if detail.is_empty() {
        return None;
    }
    let prompt = format!(
        "{} · {}: {}",
        short_title(&section.title),
        topic.title.trim(),
        question(detail)
    );
    Some(Card {
        id: CardId::from_key(&prompt),
        kind: CardKind::Basic,
        deck: section.id.clone(),
        topic: topic.id.clone(),
        ord,
        prompt,
        code: None,
        answer: detail.replace('`', ""),
        alternatives: Vec::new(),
        note: None,
        case_sensitive: true,
        source: SourcePos {
            path: roadmap_path.to_string(),
            line: topic.line,
        },
    })
}

/// `Phase 2 — Standard Library Power (…)` → `Phase 2`;
/// `Advanced Topics & Internals (post-specialization)` → `Advanced Topics & Internals`.
fn short_title(title: &str) -> &str {
    let title = title.trim();
    let cut = title
        .find(" — ")
        .or_else(|| title.find(" ("))
        .unwrap_or(title.len());
    title[..cut].trim()
}

fn question(detail: &str) -> &'static str {
    let names: Option<Vec<&str>> = split_items(detail).into_iter().map(backticked).collect();
    match names {
        Some(names) if names.iter().all(|n| is_module_name(n)) => ASK_MODULES,
        Some(_) => ASK_NAMES,
        None => ASK_COVERAGE,
    }
}

/// The comma-separated items of a detail; commas inside parentheses or
/// backticks do not split.
fn split_items(detail: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut in_code, mut start) = (0usize, false, 0);
    for (i, c) in detail.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '(' | '[' if !in_code => depth += 1,
            ')' | ']' if !in_code => depth = depth.saturating_sub(1),
            ',' if !in_code && depth == 0 => {
                items.push(&detail[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&detail[start..]);
    items
}

/// `` `pathlib` `` → `pathlib`; anything but one code span → `None`.
fn backticked(item: &str) -> Option<&str> {
    let inner = item.trim().strip_prefix('`')?.strip_suffix('`')?;
    (!inner.is_empty() && !inner.contains('`')).then_some(inner)
}

/// Looks like an importable module: dotted identifiers, each starting with
/// a lowercase letter or `_` (so `abc.ABC`, `@abstractmethod` and dunders
/// such as `__iter__` are names but not modules).
fn is_module_name(name: &str) -> bool {
    let dunder = name.starts_with("__") && name.ends_with("__");
    !dunder
        && name.split('.').all(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_depends_on_the_detail_items() {
        let cases = [
            ("`pathlib`, `os`, `shutil`", ASK_MODULES),
            ("`cProfile`, `timeit`, `concurrent.futures`", ASK_MODULES),
            ("`abc.ABC`, `@abstractmethod`", ASK_NAMES),
            ("`__iter__`, `__next__`", ASK_NAMES),
            ("`__iter__`, `__next__`, custom iterables", ASK_COVERAGE),
            (
                "`collections` (Counter, deque), `dataclasses`",
                ASK_COVERAGE,
            ),
            ("structured logs, levels, handlers", ASK_COVERAGE),
        ];
        for (detail, want) in cases {
            assert_eq!(question(detail), want, "{detail}");
        }
    }

    #[test]
    fn short_title_cuts_at_dash_or_parenthesis() {
        let cases = [
            (
                "Phase 2 — Standard Library Power (Early-Intermediate)",
                "Phase 2",
            ),
            ("Track B — Data Science & ML", "Track B"),
            (
                "Advanced Topics & Internals (post-specialization)",
                "Advanced Topics & Internals",
            ),
            ("Portfolio", "Portfolio"),
        ];
        for (title, want) in cases {
            assert_eq!(short_title(title), want);
        }
    }
}
