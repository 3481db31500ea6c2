//! Anki's text format (`.tsv`, `.txt`, `.csv`): `#key:value` header lines,
//! then one note per record. Understood headers: `#separator:`, `#html:`,
//! `#guid column:`, `#notetype column:`, `#deck column:`, `#tags column:`,
//! `#deck:` and `#notetype:`; Anki's `#tags:`, `#columns:` and
//! `#if matches:` are accepted and change nothing here. Any other `#key:`
//! header is an error at its line: a header that is not understood would
//! otherwise read the whole file wrongly. The remaining columns are the
//! note's fields, the first the question (a cloze text for a Cloze note type)
//! and the second the answer. A note type whose name says "type" makes typed
//! cards. A UTF-8 byte-order mark (Windows editors write one) is skipped. A
//! file that makes no card at all is an error that says why, never an empty
//! import.

use super::{card_id, file_name, section_id, topic_id, ImportError, ImportedCard};
use super::{ImportedDeck, Plan, IMPORTED_ORD_BASE};
use crate::anki::cloze;
use crate::anki::html::{self, Inline};
use crate::card::{Card, CardId, CardKind, SourcePos};
use std::collections::HashSet;
use std::path::Path;

#[derive(Debug, Default)]
struct Header {
    separator: Option<u8>,
    html: bool,
    guid: Option<usize>,
    notetype: Option<usize>,
    deck: Option<usize>,
    tags: Option<usize>,
    default_deck: Option<String>,
    default_notetype: Option<String>,
}

fn separator(value: &str) -> Option<u8> {
    match value.trim().to_ascii_lowercase().as_str() {
        "tab" | "\t" => Some(b'\t'),
        "comma" | "," => Some(b','),
        "semicolon" | ";" => Some(b';'),
        "pipe" | "|" => Some(b'|'),
        "colon" | ":" => Some(b':'),
        "space" | " " => Some(b' '),
        _ => None,
    }
}

/// The headers [`header`] reads, for its message about any other.
const KNOWN_HEADERS: &str = "#separator:, #html:, #guid column:, #notetype column:, \
    #deck column:, #tags column:, #deck:, #notetype:, #tags:, #columns: and #if matches:";

/// The UTF-8 byte-order mark some editors put at the start of a file.
const BOM: char = '\u{feff}';

/// How many reasons a [`ImportError::NoCards`] names one by one.
const REASONS_SHOWN: usize = 5;

/// Parses the header lines; returns it and the byte offset of the body and its first line.
fn header(text: &str, path: &str) -> Result<(Header, usize, u64), ImportError> {
    let mut h = Header::default();
    let mut offset = 0;
    let mut line_no = 1;
    for line in text.split_inclusive('\n') {
        let Some(rest) = line.strip_prefix('#') else {
            break;
        };
        let Some((key, value)) = rest.trim_end().split_once(':') else {
            break;
        };
        let column = || -> Result<Option<usize>, ImportError> {
            value
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .map(Some)
                .ok_or_else(|| ImportError::Text {
                    path: path.into(),
                    line: line_no,
                    col: u64::try_from(key.len() + 3).unwrap_or(1),
                    message: format!("`#{key}:` needs a column number from 1, not {value:?}"),
                })
        };
        match key.trim() {
            "separator" => {
                h.separator = Some(separator(value).ok_or_else(|| ImportError::Text {
                    path: path.into(),
                    line: line_no,
                    col: 12,
                    message: format!("unknown separator {value:?}"),
                })?)
            }
            "html" => h.html = value.trim() == "true",
            "guid column" => h.guid = column()?,
            "notetype column" => h.notetype = column()?,
            "deck column" => h.deck = column()?,
            "tags column" => h.tags = column()?,
            "deck" => h.default_deck = Some(value.trim().to_string()),
            "notetype" => h.default_notetype = Some(value.trim().to_string()),
            "tags" | "columns" | "if matches" => {}
            other => {
                return Err(ImportError::Text {
                    path: path.into(),
                    line: line_no,
                    col: 2,
                    message: format!(
                        "unknown header `#{other}:`; recall understands {KNOWN_HEADERS}"
                    ),
                })
            }
        }
        offset += line.len();
        line_no += 1;
    }
    Ok((h, offset, line_no))
}

/// The text of `bytes`, or where it stops being UTF-8.
fn utf8(bytes: Vec<u8>, path: &str) -> Result<String, ImportError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        ImportError::Text {
            path: path.into(),
            line: u64::try_from(line).unwrap_or(0),
            col: u64::try_from(col).unwrap_or(0),
            message: "the file is not valid UTF-8".into(),
        }
    })
}

/// Reads the file at `path`; `default_separator` unless a header names one.
pub fn read(path: &Path, default_separator: u8) -> Result<Plan, ImportError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: name.clone(),
        source,
    })?;
    parse(
        &utf8(bytes, &name)?,
        &name,
        &file_name(path),
        default_separator,
    )
}

/// One line of the file, read through its header.
struct TextNote {
    deck_name: String,
    /// Lowercased: `basic`, `cloze`, `basic (type in the answer)`.
    notetype: String,
    guid: String,
    /// The tags column's tags, space-separated as Anki writes them.
    tags: Vec<String>,
    /// The first two fields that are not guid, note type, deck or tags.
    front: String,
    /// The first field as it is in the file, where cloze deletions are read
    /// (so that an answer's HTML is read without emphasis marks).
    cloze_source: String,
    html: bool,
    back: String,
    /// The third (recall's note), and the fourth (recall's alternatives of a
    /// typed card, one per line); further fields join the note.
    note: String,
    more: Vec<String>,
}

impl TextNote {
    fn read(h: &Header, record: &::csv::StringRecord, stem: &str) -> TextNote {
        let special: Vec<usize> = [h.guid, h.notetype, h.deck, h.tags]
            .into_iter()
            .flatten()
            .collect();
        let get = |col: Option<usize>| col.and_then(|c| record.get(c - 1)).map(str::trim);
        let mut raw = record
            .iter()
            .enumerate()
            .filter(|(i, _)| !special.contains(&(i + 1)))
            .map(|(_, f)| f);
        // HTML fields as the terminal shows them (answers, which are typed,
        // without emphasis marks), as a package's fields are read.
        let text = |f: &str, inline| {
            if h.html {
                html::to_markup(f, inline)
            } else {
                f.to_string()
            }
        };
        let front_raw = raw.next().unwrap_or_default();
        let front = text(front_raw, Inline::Marked);
        let back = text(raw.next().unwrap_or_default(), Inline::Plain);
        let note = text(raw.next().unwrap_or_default(), Inline::Marked);
        let more: Vec<String> = raw.map(|f| text(f, Inline::Marked)).collect();
        // The guid of a note without one is its plain text, as before fields
        // were read as markup: the same file imported again finds its cards.
        let plain_front = if h.html {
            html::to_text(front_raw)
        } else {
            front_raw.to_string()
        };
        let deck_name = get(h.deck)
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .or_else(|| h.default_deck.clone())
            .unwrap_or_else(|| stem.to_string());
        let notetype = get(h.notetype)
            .map(str::to_string)
            .or_else(|| h.default_notetype.clone())
            .unwrap_or_else(|| "Basic".into())
            .to_ascii_lowercase();
        let guid = get(h.guid).filter(|g| !g.is_empty()).map_or_else(
            || format!("text:{deck_name}\u{1f}{plain_front}"),
            str::to_string,
        );
        let cloze_source = if h.html {
            front_raw.to_string()
        } else {
            front.clone()
        };
        let tags = get(h.tags)
            .map(|t| t.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default();
        TextNote {
            deck_name,
            notetype,
            guid,
            tags,
            front,
            cloze_source,
            html: h.html,
            back,
            note,
            more,
        }
    }

    /// The note of a card: the third field, any fields past the fourth, and
    /// the fourth too unless the card is typed (then it holds alternatives).
    fn extra(&self, typed: bool) -> Option<String> {
        let skip = usize::from(typed);
        let parts: Vec<&str> = std::iter::once(self.note.as_str())
            .chain(self.more.iter().skip(skip).map(String::as_str))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n"))
    }

    fn alternatives(&self) -> Vec<String> {
        self.more
            .first()
            .map(|a| a.lines().map(str::trim).filter(|l| !l.is_empty()))
            .into_iter()
            .flatten()
            .map(str::to_string)
            .collect()
    }

    /// The cards the note makes: `(ord, kind, prompt, answer, note)`; none
    /// when a side is empty.
    fn cards(&self) -> Vec<(u32, CardKind, String, String, Option<String>)> {
        let mut made = Vec::new();
        if self.notetype.contains("cloze") {
            for n in cloze::numbers(&self.cloze_source) {
                if let Some((prompt, answer)) = cloze::render(&self.cloze_source, n) {
                    let (prompt, answer) = if self.html {
                        (
                            html::to_markup(&prompt, Inline::Marked),
                            html::to_markup(&answer, Inline::Plain),
                        )
                    } else {
                        (prompt, answer)
                    };
                    let extra = [Some(self.back.clone()), self.extra(false)]
                        .into_iter()
                        .flatten()
                        .filter(|e| !e.trim().is_empty())
                        .collect::<Vec<_>>();
                    let extra = (!extra.is_empty()).then(|| extra.join("\n"));
                    made.push((n - 1, CardKind::Cloze, prompt, answer, extra));
                }
            }
        } else {
            let typed = self.notetype.contains("type");
            let kind = if typed {
                CardKind::Typed
            } else {
                CardKind::Basic
            };
            let extra = self.extra(typed);
            // recall writes a basic card's note below its answer too, for
            // Anki's eyes: it is the note, not part of the answer.
            let answer = match &extra {
                Some(note) if !typed => self
                    .back
                    .strip_suffix(note.as_str())
                    .and_then(|a| a.strip_suffix(crate::anki::TEXT_NOTE_BREAK))
                    .unwrap_or(&self.back)
                    .to_string(),
                _ => self.back.clone(),
            };
            made.push((0, kind, self.front.clone(), answer, extra));
        }
        if made
            .iter()
            .any(|m| m.2.trim().is_empty() || m.3.trim().is_empty())
        {
            made.clear();
        }
        made
    }
}

/// The plan of a text file's contents.
pub fn parse(
    text: &str,
    path: &str,
    file: &str,
    default_separator: u8,
) -> Result<Plan, ImportError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let (h, body_at, first_line) = header(text, path)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(h.separator.unwrap_or(default_separator))
        .has_headers(false)
        .flexible(true)
        .from_reader(&text.as_bytes()[body_at..]);
    let stem = Path::new(file)
        .file_stem()
        .map_or("Default".into(), |s| s.to_string_lossy().into_owned());
    let mut plan = Plan::default();
    let mut seen: HashSet<CardId> = HashSet::new();
    let mut skipped_lines: HashSet<u64> = HashSet::new();
    for (record, position) in reader.records().zip(0..) {
        let line = first_line
            + record
                .as_ref()
                .ok()
                .and_then(|r| r.position())
                .map_or(0, |p| p.line() - 1);
        let record = record.map_err(|e| ImportError::Text {
            path: path.into(),
            line,
            col: 1,
            message: e.to_string(),
        })?;
        let note = TextNote::read(&h, &record, &stem);
        let made = note.cards();
        if made.is_empty() {
            plan.skipped.push(format!(
                "{path}:{line}: the note has no question or no answer"
            ));
            skipped_lines.insert(line);
            continue;
        }
        let section = section_id(&note.deck_name);
        for (ord, kind, prompt, answer, extra) in made {
            let alternatives = if kind == CardKind::Typed {
                note.alternatives()
            } else {
                Vec::new()
            };
            let mut fields = vec![
                ("question", prompt.as_str()),
                ("answer", answer.as_str()),
                ("note", extra.as_deref().unwrap_or_default()),
            ];
            fields.extend(
                alternatives
                    .iter()
                    .map(|a| ("alternative answer", a.as_str())),
            );
            if let Some(why) = crate::import::oversized_field(&fields) {
                plan.skipped.push(format!("{path}:{line}: {why}"));
                skipped_lines.insert(line);
                continue;
            }
            let id = card_id(&note.guid, ord);
            if !seen.insert(id) {
                plan.skipped
                    .push(format!("{path}:{line}: the same note again"));
                skipped_lines.insert(line);
                continue;
            }
            if !plan.decks.iter().any(|d| d.section == section) {
                plan.decks.push(ImportedDeck {
                    section: section.clone(),
                    name: note.deck_name.clone(),
                });
            }
            plan.cards.push(ImportedCard {
                card: Card {
                    id,
                    kind,
                    deck: section.clone(),
                    topic: topic_id(&section),
                    ord: IMPORTED_ORD_BASE + position,
                    prompt: prompt.trim().to_string(),
                    code: None,
                    answer: answer.trim().to_string(),
                    alternatives,
                    note: extra,
                    case_sensitive: true,
                    exact: false,
                    source: SourcePos {
                        path: file.to_string(),
                        line: u32::try_from(line).unwrap_or(0),
                    },
                },
                events: Vec::new(),
                tags: note.tags.clone(),
                anki: None,
            });
        }
    }
    plan.skipped_notes = skipped_lines.len();
    if plan.cards.is_empty() {
        return Err(no_cards(path, &plan.skipped));
    }
    Ok(plan)
}

/// A file that makes no card: why, note by note (the first few).
fn no_cards(path: &str, skipped: &[String]) -> ImportError {
    let mut reasons: Vec<String> = skipped.iter().take(REASONS_SHOWN).cloned().collect();
    if skipped.len() > REASONS_SHOWN {
        reasons.push(format!("… and {} more", skipped.len() - REASONS_SHOWN));
    }
    ImportError::NoCards {
        path: path.into(),
        notes: skipped.len(),
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "#separator:tab\n#html:false\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:4\n\
        g1\tBasic\tSpanish::Verbs\tt\tto eat\tcomer\n\
        g2\tCloze\tSpanish\t\t{{c1::Hola}}, {{c2::mundo}}\textra\n\
        g3\tBasic (type in the answer)\tSpanish\t\tto be\tser\n";

    #[test]
    fn anki_text_becomes_cards_in_named_decks() {
        let plan = parse(TSV, "t.tsv", "t.tsv", b'\t').unwrap();
        let summary: Vec<(CardKind, &str, &str, &str)> = plan
            .cards
            .iter()
            .map(|c| {
                (
                    c.card.kind,
                    c.card.deck.as_str(),
                    c.card.prompt.as_str(),
                    c.card.answer.as_str(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (CardKind::Basic, "anki-spanish-verbs", "to eat", "comer"),
                (CardKind::Cloze, "anki-spanish", "[...], mundo", "Hola"),
                (CardKind::Cloze, "anki-spanish", "Hola, [...]", "mundo"),
                (CardKind::Typed, "anki-spanish", "to be", "ser"),
            ]
        );
        assert_eq!(plan.decks.len(), 2);
        assert_eq!(plan.cards[0].card.source.line, 7);
    }

    #[test]
    fn html_fields_read_as_the_terminal_shows_them_with_notes_and_alternatives() {
        let tsv = "#separator:tab\n#html:true\n#notetype column:1\n\
            Basic\tWhat does this print?<pre><code>print(1)</code></pre>\t1\n\
            Cloze\t<b>{{c1::Vec}}</b> grows; {{c1::<i>slice</i>}} borrows\t<ul><li>std</li></ul>\n\
            Basic (type in the answer)\tto be\t<b>ser</b>\tirregular\testar\n";
        let plan = parse(tsv, "t.tsv", "t.tsv", b'\t').unwrap();
        let cards: Vec<(&str, &str, Option<&str>, &[String])> = plan
            .cards
            .iter()
            .map(|c| {
                let c = &c.card;
                (
                    c.prompt.as_str(),
                    c.answer.as_str(),
                    c.note.as_deref(),
                    c.alternatives.as_slice(),
                )
            })
            .collect();
        assert_eq!(
            cards,
            [
                (
                    "What does this print?\n```\nprint(1)\n```",
                    "1",
                    None,
                    &[][..]
                ),
                (
                    "**[...]** grows; [...] borrows",
                    "Vec, slice",
                    Some("- std"),
                    &[][..]
                ),
                (
                    "to be",
                    "ser",
                    Some("irregular"),
                    &["estar".to_string()][..]
                ),
            ]
        );
    }

    #[test]
    fn a_bad_header_is_reported_at_its_line() {
        let err = parse(
            "#separator:tab\n#deck column:x\na\tb\n",
            "t.tsv",
            "t.tsv",
            b'\t',
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("t.tsv:2:"), "{err}");
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_the_headers_read() {
        let plan = parse(&format!("\u{feff}{TSV}"), "t.tsv", "t.tsv", b'\t').unwrap();
        assert_eq!(plan.cards.len(), 4);
        assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
        assert_eq!(plan.cards[0].card.deck, "anki-spanish-verbs");
    }

    #[test]
    fn an_unknown_header_is_an_error_at_its_line() {
        let err = parse(
            "#separator:tab\n#seperator:comma\na\tb\n",
            "t.tsv",
            "t.tsv",
            b'\t',
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.tsv:2:2: unknown header `#seperator:`"),
            "{err}"
        );
        // Anki's own headers that change nothing here are accepted.
        let plan = parse(
            "#tags:a b\n#columns:Front\tBack\n#if matches:keep\nq\ta\n",
            "t.tsv",
            "t.tsv",
            b'\t',
        )
        .unwrap();
        assert_eq!(plan.cards.len(), 1);
    }

    #[test]
    fn a_file_that_makes_no_card_is_an_error_that_says_why() {
        let err = parse(
            "#separator:tab\nonly a question\n\tno question\n",
            "t.tsv",
            "t.tsv",
            b'\t',
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.tsv makes no card: none of its 2 notes can be used:\n  \
             t.tsv:2: the note has no question or no answer\n  \
             t.tsv:3: the note has no question or no answer"
        );
        let err = parse("#separator:tab\n", "t.tsv", "t.tsv", b'\t').unwrap_err();
        assert_eq!(err.to_string(), "t.tsv makes no card: it holds no notes");
        // Some cards and some skipped notes: an import that reports the rest.
        let plan = parse("q\ta\nlonely\n", "t.tsv", "t.tsv", b'\t').unwrap();
        assert_eq!((plan.cards.len(), plan.skipped.len()), (1, 1));
    }

    #[test]
    fn bad_utf8_is_reported_at_its_line_and_column() {
        let err = utf8(b"ok\nab\xff".to_vec(), "t.tsv").unwrap_err();
        assert_eq!(err.to_string(), "t.tsv:2:3: the file is not valid UTF-8");
    }
}
