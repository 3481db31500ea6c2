//! Where a new card goes in a deck file's text (`recall add`): at the end of
//! its topic's block, or under a new topic heading placed in roadmap order.
//! Pure: text in, text out.

use super::heading::topic_number;
use super::line::{classify, Fence, Line};
use super::order::topics_in_order;
use crate::roadmap::Roadmap;

/// A deck text with a card added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    pub text: String,
    /// The line (1-based) of the card's marker.
    pub line: u32,
    /// Whether the topic heading had to be written.
    pub new_heading: bool,
}

/// A topic heading of the file: its line index and its topic's place in
/// roadmap order (`None` for a number the roadmap does not have).
struct HeadingAt {
    index: usize,
    order: Option<usize>,
    number: String,
}

fn topic_headings(lines: &[&str], order_of: impl Fn(&str) -> Option<usize>) -> Vec<HeadingAt> {
    let mut out = Vec::new();
    let mut fence: Option<Fence> = None;
    for (index, line) in lines.iter().enumerate() {
        if let Some(open) = fence {
            if open.is_closed_by(line) {
                fence = None;
            }
            continue;
        }
        match classify(line) {
            Line::Fence(f) => fence = Some(f),
            Line::Heading { level, text, .. } if level == 2 || level == 3 => {
                let token = text.split_whitespace().next().unwrap_or("");
                if let Some(number) = topic_number(token) {
                    out.push(HeadingAt {
                        index,
                        order: order_of(&number),
                        number,
                    });
                }
            }
            Line::Heading { level: 1, .. } => {}
            _ => {}
        }
    }
    out
}

/// `text` with `card` (its lines, without a trailing blank line) added to
/// topic `topic_id` of section `section` (ids as in the roadmap). `None`
/// when the roadmap has no such topic.
pub fn append_card(
    text: &str,
    roadmap: &Roadmap,
    section: &str,
    topic_id: &str,
    card: &str,
) -> Option<Appended> {
    let topics = topics_in_order(roadmap);
    let order_of = |number: &str| {
        let id = format!("{section}/{number}");
        topics.iter().position(|(_, t)| t.id == id)
    };
    let (_, topic) = topics.iter().find(|(_, t)| t.id == topic_id)?;
    let own = order_of(&topic.number)?;
    let lines: Vec<&str> = text.lines().collect();
    let headings = topic_headings(&lines, order_of);
    let card_lines: Vec<&str> = card.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let (insert_at, heading) = match headings.iter().position(|h| h.number == topic.number) {
        Some(i) => {
            // The end of the topic's block: the next topic heading, or the end.
            let end = headings.get(i + 1).map_or(lines.len(), |h| h.index);
            (end, None)
        }
        None => {
            // Before the first heading of a later topic, else at the end.
            let next = headings.iter().find(|h| h.order.is_some_and(|o| o > own));
            let level = if topic.number.contains('.') {
                "###"
            } else {
                "##"
            };
            let heading = format!("{level} {} {}", topic.number, topic.title);
            (next.map_or(lines.len(), |h| h.index), Some(heading))
        }
    };
    // Blank lines before the insertion point stay before the next block.
    let mut at = insert_at;
    while at > 0 && out[at - 1].trim().is_empty() {
        at -= 1;
    }
    let mut block: Vec<String> = vec![String::new()];
    if let Some(h) = &heading {
        block.push(h.clone());
        block.push(String::new());
    }
    let card_offset = block.len();
    block.extend(card_lines.iter().map(|l| l.to_string()));
    if at < out.len() {
        block.push(String::new());
    }
    let line = u32::try_from(at + card_offset + 1).unwrap_or(u32::MAX);
    // Drop the blank lines the block replaces, so spacing stays one line.
    let mut rest_start = at;
    while rest_start < out.len() && out[rest_start].trim().is_empty() {
        rest_start += 1;
    }
    let tail = out.split_off(rest_start);
    out.truncate(at);
    out.extend(block);
    out.extend(tail);
    let mut text = out.join("\n");
    text.push('\n');
    Some(Appended {
        text,
        line,
        new_heading: heading.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROADMAP: &str = "\
# Rust Roadmap

## Stage 1 — Basics

**Goal:** Write small programs.

1. **Ownership** — moves, borrows
   1.1 Moves.
   1.2 Borrows.
2. **Errors** — `Result`, `?`
3. **Traits** — shared behaviour
";

    const DECK: &str = "\
# Stage 1 — Basics

## 1 Ownership

Q: one
A: 1

## 3 Traits

Q: three
A: 3
";

    fn roadmap() -> Roadmap {
        crate::roadmap::parse("roadmap.md", ROADMAP).unwrap()
    }

    #[test]
    fn a_card_goes_at_the_end_of_its_topic() {
        let a = append_card(DECK, &roadmap(), "stage-1", "stage-1/1", "Q: new\nA: n").unwrap();
        assert_eq!(
            a.text,
            "# Stage 1 — Basics\n\n## 1 Ownership\n\nQ: one\nA: 1\n\nQ: new\nA: n\n\n## 3 Traits\n\nQ: three\nA: 3\n"
        );
        assert_eq!(a.line, 8);
        assert!(!a.new_heading);
    }

    #[test]
    fn a_missing_heading_is_written_in_roadmap_order() {
        let a = append_card(DECK, &roadmap(), "stage-1", "stage-1/2", "Q: new\nA: n").unwrap();
        assert!(
            a.text
                .contains("A: 1\n\n## 2 Errors\n\nQ: new\nA: n\n\n## 3 Traits\n"),
            "{}",
            a.text
        );
        assert!(a.new_heading);
        let sub = append_card(DECK, &roadmap(), "stage-1", "stage-1/1.2", "Q: s\nA: s").unwrap();
        assert!(
            sub.text
                .contains("A: 1\n\n### 1.2 Borrows\n\nQ: s\nA: s\n\n## 3 Traits"),
            "{}",
            sub.text
        );
        let last = append_card(DECK, &roadmap(), "stage-1", "stage-1/3", "Q: z\nA: z").unwrap();
        assert!(last.text.ends_with("A: 3\n\nQ: z\nA: z\n"), "{}", last.text);
    }

    #[test]
    fn the_result_parses_with_the_card_at_the_line_said() {
        for topic in ["stage-1/1", "stage-1/1.1", "stage-1/2", "stage-1/3"] {
            let a = append_card(DECK, &roadmap(), "stage-1", topic, "T: added?\nA: yes").unwrap();
            let deck = crate::deck::parse("d.md", &a.text).unwrap();
            let card = deck.cards.iter().find(|c| c.prompt == "added?").unwrap();
            assert_eq!((card.topic.as_str(), card.source.line), (topic, a.line));
        }
    }

    #[test]
    fn an_unknown_topic_is_none() {
        assert!(append_card(DECK, &roadmap(), "stage-1", "stage-1/9", "Q: x\nA: y").is_none());
    }
}
