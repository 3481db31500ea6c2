//! Roadmap progress: cards by stage per section, per milestone (the cards of
//! the section it closes) and per topic of one section.

use crate::store::{MilestoneInfo, SectionProgress, Stages, TopicInfo};
use serde::Serialize;

/// A topic of a section, its subtopics' cards included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicProgress {
    pub id: String,
    pub number: String,
    pub title: String,
    #[serde(flatten)]
    pub stages: Stages,
}

/// A milestone or capstone and the cards of the section it closes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneProgress {
    #[serde(flatten)]
    pub milestone: MilestoneInfo,
    #[serde(flatten)]
    pub stages: Stages,
}

/// `recall stats --phase N`: one section, its milestones and its topics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseReport {
    pub section: SectionProgress,
    pub milestones: Vec<MilestoneProgress>,
    pub topics: Vec<TopicProgress>,
}

/// Each milestone with the cards of its section (none if the section is gone).
pub fn milestones(
    milestones: &[MilestoneInfo],
    sections: &[SectionProgress],
) -> Vec<MilestoneProgress> {
    milestones
        .iter()
        .map(|m| MilestoneProgress {
            milestone: m.clone(),
            stages: sections
                .iter()
                .find(|s| s.id == m.section)
                .map(|s| s.stages)
                .unwrap_or_default(),
        })
        .collect()
}

/// The topics of `section` (from `topics`, in roadmap order), each with the
/// cards of itself and its subtopics (`stages`: cards by topic id).
pub fn topics(
    topics: &[TopicInfo],
    section: &str,
    stages: &[(String, Stages)],
) -> Vec<TopicProgress> {
    let top_of = |id: &str| -> Option<String> {
        let t = topics.iter().find(|t| t.id == id)?;
        Some(t.parent.clone().unwrap_or_else(|| t.id.clone()))
    };
    let mut out: Vec<TopicProgress> = topics
        .iter()
        .filter(|t| t.section == section && t.parent.is_none())
        .map(|t| TopicProgress {
            id: t.id.clone(),
            number: t.number.clone(),
            title: t.title.clone(),
            stages: Stages::default(),
        })
        .collect();
    for (topic, s) in stages {
        let Some(top) = top_of(topic) else { continue };
        if let Some(p) = out.iter_mut().find(|p| p.id == top) {
            p.stages.add(s);
        }
    }
    out
}

/// Which section `--phase` means: a number is a phase (`2` → `phase-2`), a
/// single letter a track (`b` → `track-b`), anything else a section id.
pub fn section_for(arg: &str) -> String {
    let arg = arg.trim().to_ascii_lowercase();
    if !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit()) {
        format!("phase-{arg}")
    } else if arg.len() == 1 && arg.bytes().all(|b| b.is_ascii_lowercase()) {
        format!("track-{arg}")
    } else {
        arg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_arguments_name_sections() {
        let cases = [
            ("2", "phase-2"),
            (" 10 ", "phase-10"),
            ("b", "track-b"),
            ("B", "track-b"),
            ("Phase-3", "phase-3"),
            ("advanced", "advanced"),
        ];
        for (arg, want) in cases {
            assert_eq!(section_for(arg), want, "{arg}");
        }
    }

    #[test]
    fn subtopic_cards_roll_up_into_their_topic() {
        let info = |id: &str, parent: Option<&str>| TopicInfo {
            id: id.into(),
            section: id.split('/').next().unwrap_or_default().into(),
            parent: parent.map(str::to_string),
            number: id.split('/').nth(1).unwrap_or_default().into(),
            title: format!("T {id}"),
            detail: String::new(),
        };
        let list = [
            info("p/1", None),
            info("p/1.1", Some("p/1")),
            info("p/2", None),
            info("q/1", None),
        ];
        let one = Stages {
            new: 1,
            ..Stages::default()
        };
        let stages = [
            ("p/1".to_string(), one),
            ("p/1.1".to_string(), one),
            ("p/9".to_string(), one),
        ];
        let t = topics(&list, "p", &stages);
        assert_eq!(
            t.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
            ["p/1", "p/2"]
        );
        assert_eq!(t[0].stages.new, 2);
        assert_eq!(t[1].stages.new, 0);
    }

    #[test]
    fn milestones_take_the_cards_of_their_section() {
        let stages = Stages {
            new: 1,
            learning: 2,
            mature: 3,
            suspended: 0,
        };
        let sections = [SectionProgress {
            id: "phase-0".into(),
            title: "P0".into(),
            goal: None,
            stages,
        }];
        let info = |section: &str| MilestoneInfo {
            id: "M0".into(),
            label: "Milestone".into(),
            section: section.into(),
            text: "t".into(),
        };
        let m = milestones(&[info("phase-0"), info("gone")], &sections);
        assert_eq!(m[0].stages, stages);
        assert_eq!(m[1].stages, Stages::default());
        assert_eq!(stages.total(), 6);
        assert!((stages.mature_share() - 0.5).abs() < 1e-9);
    }
}
