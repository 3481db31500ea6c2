//! The sync folder's file format (docs/sync.md), pure: one device's events
//! as line-delimited JSON segments, their globally unique ids
//! (`<device>-<seq>`), and what a segment read back holds or where it stops
//! making sense (with the line). No files, no clock: `commands::sync` reads
//! and writes the folder, the store merges.

use crate::card::CardId;
use crate::day::Day;
use crate::history::Effect;
use crate::sched::fsrs::Memory;
use crate::sched::{Ef, Quality, Sm2State};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// The newest format version this recall writes and reads. Version 2 adds
/// the FSRS memory an import carried (`stability`, `difficulty` in its
/// state); a segment without one is still written as version 1, so devices
/// with an older recall keep reading it, and refuse a version-2 segment
/// by its header (asking for an upgrade) instead of at its first line.
pub const FORMAT_VERSION: u32 = 2;

/// The version of a segment none of whose events carries an FSRS memory.
const FORMAT_VERSION_WITHOUT_MEMORY: u32 = 1;

/// The longest device id accepted.
pub const DEVICE_ID_MAX: usize = 32;

/// A collection's device id: lowercase ASCII letters and digits, at most
/// [`DEVICE_ID_MAX`] of them (the folder `devices/<id>/` is named by it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DeviceId(String);

impl DeviceId {
    pub fn parse(s: &str) -> Option<DeviceId> {
        let ok = !s.is_empty()
            && s.len() <= DEVICE_ID_MAX
            && s.bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase());
        ok.then(|| DeviceId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An event's id on every device: its origin and its number there (from 1,
/// without gaps).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GlobalId {
    pub device: DeviceId,
    pub seq: u64,
}

impl fmt::Display for GlobalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.device, self.seq)
    }
}

impl GlobalId {
    pub fn parse(s: &str) -> Option<GlobalId> {
        let (device, seq) = s.rsplit_once('-')?;
        let seq: u64 = seq.parse().ok().filter(|&n| n > 0)?;
        Some(GlobalId {
            device: DeviceId::parse(device)?,
            seq,
        })
    }
}

/// What happened, as the sync files carry it: [`crate::history::Event`]
/// with an undo naming its target by [`GlobalId`].
#[derive(Debug, Clone, PartialEq)]
pub enum SyncKind {
    Answer {
        quality: Quality,
        effect: Effect,
    },
    Undo {
        target: GlobalId,
    },
    Suspend,
    Unsuspend,
    Bury {
        until: Day,
    },
    /// Another program's state, and its FSRS memory if it had one.
    Import {
        state: Sm2State,
        memory: Option<Memory>,
    },
}

/// One event of a device.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncEvent {
    pub id: GlobalId,
    /// The sort key: the origin's wall time made monotonic on that device.
    pub clock_ms: i64,
    /// The origin's wall time (milliseconds since the Unix epoch).
    pub at_ms: i64,
    pub day: Day,
    pub card: CardId,
    /// [`content_fingerprint`] of the card's answer on the origin, when it had the card.
    pub content: Option<String>,
    pub kind: SyncKind,
    pub elapsed_ms: Option<i64>,
    pub typed: Option<String>,
}

/// A short hash of a card's answer: the prompt is the card id already, so
/// this tells decks that are out of step (the same card, another answer).
pub fn content_fingerprint(answer: &str) -> String {
    let digest = Sha256::digest(answer.as_bytes());
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// The first line of a segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    recall_sync: u32,
    device: String,
    first: u64,
    last: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireState {
    reps: u32,
    ef: u16,
    interval: u32,
    due: Option<i32>,
    lapses: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stability: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    difficulty: Option<f32>,
}

/// An event line. Optional fields are left out when empty, so lines diff well.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    id: String,
    clock: i64,
    at: i64,
    day: i32,
    card: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content: Option<String>,
    event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quality: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    effect: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    state: Option<WireState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    elapsed_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    typed: Option<String>,
}

impl Line {
    fn of(e: &SyncEvent) -> Line {
        let mut line = Line {
            id: e.id.to_string(),
            clock: e.clock_ms,
            at: e.at_ms,
            day: e.day.0,
            card: e.card.to_string(),
            content: e.content.clone(),
            event: String::new(),
            quality: None,
            effect: None,
            target: None,
            until: None,
            state: None,
            elapsed_ms: e.elapsed_ms,
            typed: e.typed.clone(),
        };
        line.event = match &e.kind {
            SyncKind::Answer { quality, effect } => {
                line.quality = Some(quality.value());
                line.effect = Some(effect.as_str().to_string());
                "answer"
            }
            SyncKind::Undo { target } => {
                line.target = Some(target.to_string());
                "undo"
            }
            SyncKind::Suspend => "suspend",
            SyncKind::Unsuspend => "unsuspend",
            SyncKind::Bury { until } => {
                line.until = Some(until.0);
                "bury"
            }
            SyncKind::Import { state, memory } => {
                line.state = Some(WireState {
                    reps: state.reps,
                    ef: state.ef.0,
                    interval: state.interval,
                    due: state.due.map(|d| d.0),
                    lapses: state.lapses,
                    stability: memory.map(|m| m.stability),
                    difficulty: memory.map(|m| m.difficulty),
                });
                "import"
            }
        }
        .to_string();
        line
    }

    fn event(self) -> Result<SyncEvent, String> {
        let id = GlobalId::parse(&self.id).ok_or(format!("bad event id {:?}", self.id))?;
        let card = self
            .card
            .parse::<CardId>()
            .map_err(|()| format!("bad card id {:?}", self.card))?;
        let day =
            Day::checked(i64::from(self.day)).ok_or(format!("day {} out of range", self.day))?;
        let extra = |what: &str, present: bool| -> Result<(), String> {
            if present {
                Err(format!("a {} event has no {what}", self.event))
            } else {
                Ok(())
            }
        };
        let kind = match self.event.as_str() {
            "answer" => {
                let quality = self
                    .quality
                    .and_then(Quality::new)
                    .ok_or("an answer needs a quality from 0 to 5")?;
                let effect = self
                    .effect
                    .as_deref()
                    .and_then(Effect::parse)
                    .ok_or("an answer needs an effect (schedule, repeat, drill)")?;
                SyncKind::Answer { quality, effect }
            }
            "undo" => {
                let target = self.target.as_deref().unwrap_or("");
                SyncKind::Undo {
                    target: GlobalId::parse(target)
                        .ok_or(format!("an undo needs a target event id, not {target:?}"))?,
                }
            }
            "suspend" => SyncKind::Suspend,
            "unsuspend" => SyncKind::Unsuspend,
            "bury" => {
                let until = self.until.ok_or("a bury needs an until day")?;
                SyncKind::Bury {
                    until: Day::checked(i64::from(until))
                        .ok_or(format!("until day {until} out of range"))?,
                }
            }
            "import" => {
                let s = self.state.clone().ok_or("an import needs a state")?;
                let due = match s.due {
                    Some(d) => Some(
                        Day::checked(i64::from(d)).ok_or(format!("due day {d} out of range"))?,
                    ),
                    None => None,
                };
                let memory = match (s.stability, s.difficulty) {
                    (None, None) => None,
                    (Some(stability), Some(difficulty))
                        if stability.is_finite()
                            && stability > 0.0
                            && difficulty.is_finite() =>
                    {
                        Some(Memory {
                            stability,
                            difficulty,
                        })
                    }
                    _ => return Err("an import's stability and difficulty must be both set, finite and the stability positive".into()),
                };
                SyncKind::Import {
                    state: Sm2State {
                        reps: s.reps,
                        ef: Ef(s.ef),
                        interval: s.interval,
                        due,
                        lapses: s.lapses,
                    },
                    memory,
                }
            }
            other => return Err(format!("unknown event {other:?}")),
        };
        let is_answer = matches!(kind, SyncKind::Answer { .. });
        extra(
            "quality or effect",
            !is_answer && (self.quality.is_some() || self.effect.is_some()),
        )?;
        extra(
            "elapsed_ms or typed",
            !is_answer && (self.elapsed_ms.is_some() || self.typed.is_some()),
        )?;
        extra(
            "target",
            !matches!(kind, SyncKind::Undo { .. }) && self.target.is_some(),
        )?;
        extra(
            "until",
            !matches!(kind, SyncKind::Bury { .. }) && self.until.is_some(),
        )?;
        extra(
            "state",
            !matches!(kind, SyncKind::Import { .. }) && self.state.is_some(),
        )?;
        if self.elapsed_ms.is_some_and(|ms| ms < 0) {
            return Err("elapsed_ms is negative".into());
        }
        Ok(SyncEvent {
            id,
            clock_ms: self.clock,
            at_ms: self.at,
            day,
            card,
            content: self.content,
            kind,
            elapsed_ms: self.elapsed_ms,
            typed: self.typed,
        })
    }
}

/// One event as its line in a segment (without the newline).
pub fn event_line(event: &SyncEvent) -> String {
    serde_json::to_string(&Line::of(event)).unwrap_or_default()
}

/// An event from its line, as [`event_line`] writes it.
pub fn parse_event_line(text: &str) -> Result<SyncEvent, String> {
    let line: Line = serde_json::from_str(text).map_err(|e| format!("not an event: {e}"))?;
    line.event()
}

/// The file name of the segment whose first event is `first`: sorts by name.
pub fn segment_name(first: u64) -> String {
    format!("{first:012}.jsonl")
}

/// One segment's text: a header line, then one line per event. `events`
/// are one device's, consecutive (`first..=last`), and not empty.
pub fn render_segment(device: &DeviceId, events: &[SyncEvent]) -> String {
    let first = events.first().map_or(0, |e| e.id.seq);
    let last = events.last().map_or(0, |e| e.id.seq);
    let carries_memory = events.iter().any(|e| {
        matches!(
            e.kind,
            SyncKind::Import {
                memory: Some(_),
                ..
            }
        )
    });
    let header = Header {
        recall_sync: if carries_memory {
            FORMAT_VERSION
        } else {
            FORMAT_VERSION_WITHOUT_MEMORY
        },
        device: device.to_string(),
        first,
        last,
    };
    let mut text = json_line(&header);
    for e in events {
        text.push_str(&json_line(&Line::of(e)));
    }
    text
}

fn json_line(value: &impl Serialize) -> String {
    // Serialising these plain structs cannot fail; an empty line would be
    // refused on reading, never taken for an event.
    let mut s = serde_json::to_string(value).unwrap_or_default();
    s.push('\n');
    s
}

/// Where a segment stops making sense, and why; `line` counts from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub line: usize,
    pub kind: FaultKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// Written by a newer recall: left for it, nothing read past the header.
    NewerVersion { found: u32 },
    /// The header names another device than the folder it is in.
    WrongDevice { found: String },
    /// Not a header, not an event, or an event that does not add up.
    Bad { reason: String },
    /// An event out of its device's sequence (numbers run from `first` without gaps).
    OutOfSequence { expected: u64, found: u64 },
    /// Fewer events than the header promised: a truncated file.
    Truncated { expected_last: u64 },
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultKind::NewerVersion { found } => write!(
                f,
                "format version {found} is newer than this recall's ({FORMAT_VERSION}); upgrade recall on this device"
            ),
            FaultKind::WrongDevice { found } => {
                write!(f, "the header names device {found:?}, not its folder's")
            }
            FaultKind::Bad { reason } => f.write_str(reason),
            FaultKind::OutOfSequence { expected, found } => {
                write!(f, "event number {found} where {expected} was due")
            }
            FaultKind::Truncated { expected_last } => write!(
                f,
                "the file ends before event {expected_last} its header promised (truncated)"
            ),
        }
    }
}

/// A segment read back: the events up to the first fault, with their lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Segment {
    pub first: u64,
    pub last: u64,
    pub events: Vec<(usize, SyncEvent)>,
    pub fault: Option<Fault>,
}

/// Reads a segment of `device`. Events after a fault are not returned: a
/// device's events apply in sequence, so the next sync resumes at the fault.
pub fn parse_segment(text: &str, device: &DeviceId) -> Segment {
    let mut lines = text
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l));
    let fail = |line, kind| Segment {
        fault: Some(Fault { line, kind }),
        ..Segment::default()
    };
    let Some((_, head)) = lines.next() else {
        return fail(
            1,
            FaultKind::Bad {
                reason: "an empty file, not a segment".into(),
            },
        );
    };
    let header: Header = match serde_json::from_str::<serde_json::Value>(head.trim_end()) {
        Ok(v) => match v.get("recall_sync").and_then(serde_json::Value::as_u64) {
            Some(found) if found > u64::from(FORMAT_VERSION) => {
                let found = u32::try_from(found).unwrap_or(u32::MAX);
                return fail(1, FaultKind::NewerVersion { found });
            }
            _ => match serde_json::from_value(v) {
                Ok(h) => h,
                Err(e) => return fail(1, bad(format!("not a segment header: {e}"))),
            },
        },
        Err(e) => return fail(1, bad(format!("not a segment header: {e}"))),
    };
    if header.device != device.as_str() {
        return fail(
            1,
            FaultKind::WrongDevice {
                found: header.device,
            },
        );
    }
    if header.first == 0 || header.last < header.first {
        return fail(
            1,
            bad(format!(
                "header range {}..{} is empty",
                header.first, header.last
            )),
        );
    }
    let mut segment = Segment {
        first: header.first,
        last: header.last,
        ..Segment::default()
    };
    let mut expected = header.first;
    for (number, text) in lines {
        let event = if !text.ends_with('\n') {
            Err(bad(
                "the last line is cut off (no newline): truncated".into()
            ))
        } else {
            read_event(text.trim_end(), device, expected)
        };
        match event {
            Ok(event) => {
                segment.events.push((number, event));
                expected += 1;
            }
            Err(kind) => {
                segment.fault = Some(Fault { line: number, kind });
                return segment;
            }
        }
    }
    if expected <= header.last {
        let line = segment.events.last().map_or(1, |(n, _)| *n) + 1;
        segment.fault = Some(Fault {
            line,
            kind: FaultKind::Truncated {
                expected_last: header.last,
            },
        });
    }
    segment
}

fn bad(reason: String) -> FaultKind {
    FaultKind::Bad { reason }
}

fn read_event(text: &str, device: &DeviceId, expected: u64) -> Result<SyncEvent, FaultKind> {
    let event = parse_event_line(text).map_err(bad)?;
    if &event.id.device != device {
        return Err(bad(format!("event {} is not of this device", event.id)));
    }
    if event.id.seq != expected {
        return Err(FaultKind::OutOfSequence {
            expected,
            found: event.id.seq,
        });
    }
    Ok(event)
}

/// Lines of a device's events (in sequence) where its wall clock went back
/// from the event before: reported, and harmless, since events sort by
/// their monotonic clock.
pub fn clock_went_back<'a>(
    events: impl IntoIterator<Item = &'a (usize, SyncEvent)>,
    before_ms: Option<i64>,
) -> Vec<usize> {
    let mut last = before_ms;
    let mut lines = Vec::new();
    for (line, e) in events {
        if last.is_some_and(|l| e.at_ms < l) {
            lines.push(*line);
        }
        last = Some(e.at_ms);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dev(s: &str) -> DeviceId {
        DeviceId::parse(s).unwrap()
    }

    fn event(seq: u64, at_ms: i64, kind: SyncKind) -> SyncEvent {
        SyncEvent {
            id: GlobalId {
                device: dev("a1"),
                seq,
            },
            clock_ms: at_ms,
            at_ms,
            day: Day(20_000),
            card: CardId(0xabc),
            content: Some(content_fingerprint("answer")),
            kind,
            elapsed_ms: None,
            typed: None,
        }
    }

    fn all_kinds() -> Vec<SyncEvent> {
        let answer = SyncKind::Answer {
            quality: Quality::new(4).unwrap(),
            effect: Effect::Schedule,
        };
        let mut typed = event(1, 10, answer);
        typed.elapsed_ms = Some(1200);
        typed.typed = Some("print(\"é\\n\")".into());
        vec![
            typed,
            event(
                2,
                20,
                SyncKind::Undo {
                    target: GlobalId {
                        device: dev("b2"),
                        seq: 7,
                    },
                },
            ),
            event(3, 30, SyncKind::Suspend),
            event(4, 40, SyncKind::Unsuspend),
            event(5, 50, SyncKind::Bury { until: Day(20_001) }),
            event(
                6,
                60,
                SyncKind::Import {
                    state: Sm2State {
                        reps: 3,
                        ef: Ef(236),
                        interval: 13,
                        due: Some(Day(20_013)),
                        lapses: 1,
                    },
                    memory: None,
                },
            ),
        ]
    }

    /// An import carrying Anki's FSRS memory.
    fn import_with_memory(seq: u64) -> SyncEvent {
        event(
            seq,
            70,
            SyncKind::Import {
                state: Sm2State {
                    reps: 2,
                    ef: Ef(250),
                    interval: 6,
                    due: Some(Day(20_006)),
                    lapses: 0,
                },
                memory: Some(Memory {
                    stability: 6.123_4,
                    difficulty: 4.25,
                }),
            },
        )
    }

    #[test]
    fn an_imported_fsrs_memory_reads_back_and_only_then_is_the_segment_version_2() {
        let plain = render_segment(&dev("a1"), &all_kinds());
        assert!(plain.starts_with("{\"recall_sync\":1,"), "{plain}");
        let mut events = all_kinds();
        events.push(import_with_memory(7));
        let text = render_segment(&dev("a1"), &events);
        assert!(text.starts_with("{\"recall_sync\":2,"), "{text}");
        assert!(
            text.contains("\"stability\":6.1234,\"difficulty\":4.25"),
            "{text}"
        );
        let segment = parse_segment(&text, &dev("a1"));
        assert_eq!(segment.fault, None);
        let read: Vec<SyncEvent> = segment.events.into_iter().map(|(_, e)| e).collect();
        assert_eq!(read, events);
    }

    #[test]
    fn half_a_memory_or_a_non_positive_stability_is_a_fault_at_its_line() {
        let text = render_segment(&dev("a1"), &[import_with_memory(1)]);
        for bad in [
            text.replace(",\"difficulty\":4.25", ""),
            text.replace("\"stability\":6.1234", "\"stability\":0.0"),
        ] {
            let segment = parse_segment(&bad, &dev("a1"));
            assert!(segment.events.is_empty());
            let fault = segment.fault.unwrap();
            assert_eq!(fault.line, 2, "{fault:?}");
        }
    }

    #[test]
    fn a_segment_reads_back_as_written() {
        let events = all_kinds();
        let text = render_segment(&dev("a1"), &events);
        assert_eq!(text.lines().count(), 7);
        let segment = parse_segment(&text, &dev("a1"));
        assert_eq!(segment.fault, None);
        assert_eq!((segment.first, segment.last), (1, 6));
        let read: Vec<SyncEvent> = segment.events.into_iter().map(|(_, e)| e).collect();
        assert_eq!(read, events);
    }

    #[test]
    fn ids_parse_and_print() {
        let id = GlobalId::parse("0a1b-42").unwrap();
        assert_eq!((id.device.as_str(), id.seq), ("0a1b", 42));
        assert_eq!(id.to_string(), "0a1b-42");
        for bad in ["", "-1", "a-0", "A-1", "a-x", "a/b-1"] {
            assert_eq!(GlobalId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_truncated_file_yields_the_events_before_the_cut_with_its_line() {
        let text = render_segment(&dev("a1"), &all_kinds());
        let cut = &text[..text.len() - 10];
        let segment = parse_segment(cut, &dev("a1"));
        assert_eq!(segment.events.len(), 5);
        let fault = segment.fault.unwrap();
        assert_eq!(fault.line, 7);
        assert!(
            fault.kind.to_string().contains("truncated"),
            "{}",
            fault.kind
        );
        let whole_lines: String = text.lines().take(4).map(|l| format!("{l}\n")).collect();
        let segment = parse_segment(&whole_lines, &dev("a1"));
        assert_eq!(segment.events.len(), 3);
        assert_eq!(
            segment.fault.unwrap(),
            Fault {
                line: 5,
                kind: FaultKind::Truncated { expected_last: 6 }
            }
        );
    }

    #[test]
    fn hand_edits_stop_the_reading_at_their_line() {
        let text = render_segment(&dev("a1"), &all_kinds());
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[3] = lines[3].replace("\"suspend\"", "\"explode\"");
        let edited = lines.join("\n") + "\n";
        let segment = parse_segment(&edited, &dev("a1"));
        assert_eq!(segment.events.len(), 2);
        let fault = segment.fault.unwrap();
        assert_eq!(fault.line, 4);
        assert!(fault.kind.to_string().contains("explode"), "{}", fault.kind);
        let original: Vec<&str> = text.lines().collect();
        let skipped = [original[0], original[1], original[3]].join("\n") + "\n";
        let segment = parse_segment(&skipped, &dev("a1"));
        assert_eq!(
            segment.fault.unwrap().kind,
            FaultKind::OutOfSequence {
                expected: 2,
                found: 3
            }
        );
    }

    #[test]
    fn a_newer_version_or_another_device_is_refused_at_the_header() {
        let text = render_segment(&dev("a1"), &all_kinds());
        let newer = text.replacen("\"recall_sync\":1", "\"recall_sync\":3", 1);
        let segment = parse_segment(&newer, &dev("a1"));
        assert!(segment.events.is_empty());
        assert_eq!(
            segment.fault.unwrap(),
            Fault {
                line: 1,
                kind: FaultKind::NewerVersion { found: 3 }
            }
        );
        let other = parse_segment(&text, &dev("b2"));
        assert!(matches!(
            other.fault.unwrap().kind,
            FaultKind::WrongDevice { .. }
        ));
    }

    #[test]
    fn a_clock_that_went_back_is_found_by_line() {
        let events: Vec<(usize, SyncEvent)> = [(2, 50), (3, 40), (4, 60), (5, 55)]
            .into_iter()
            .map(|(line, at)| (line, event(line as u64, at, SyncKind::Suspend)))
            .collect();
        assert_eq!(clock_went_back(&events, None), vec![3, 5]);
        assert_eq!(clock_went_back(&events, Some(70)), vec![2, 3, 5]);
    }
}
