//! Roadmap order: every card's `ord` places it by its topic's index in the
//! roadmap, so new cards come in the order the roadmap teaches.

use crate::roadmap::{Roadmap, Section, Topic};

/// The `ord` range of one topic: a card's `ord` is the topic's index in
/// roadmap order times this, plus its place within the topic (from 1), so the order survives adding cards to any
/// topic without renumbering the others.
pub const ORD_STRIDE: i64 = 100_000;

/// Every topic and subtopic with its section, in roadmap order (a topic
/// before its subtopics), paired with their section for error hints.
pub(super) fn topics_in_order(roadmap: &Roadmap) -> Vec<(&Section, &Topic)> {
    fn walk<'r>(
        section: &'r Section,
        topics: &'r [Topic],
        out: &mut Vec<(&'r Section, &'r Topic)>,
    ) {
        for topic in topics {
            out.push((section, topic));
            walk(section, &topic.subtopics, out);
        }
    }
    let mut out = Vec::new();
    for section in &roadmap.sections {
        walk(section, &section.topics, &mut out);
    }
    out
}

/// The first `ord` of the topic at `index` in roadmap order.
pub(super) fn ord_of_topic(index: usize) -> i64 {
    i64::try_from(index)
        .unwrap_or(i64::MAX)
        .saturating_mul(ORD_STRIDE)
}
