//! What an Anki card shows and expects, as a recall card's faces: a cloze
//! deletion, or a template's question and answer sides with the fields they
//! name, typed answers and the fields no side shows carried as the note.

use crate::anki::html::{self, Inline};
use crate::anki::template::{field_refs, FieldRef};
use crate::anki::{self, cloze, media};
use crate::card::CardKind;

/// A note seen through its note type: its fields by name, as text.
pub(super) struct NoteFields<'a> {
    pub(super) notetype: &'a anki::Notetype,
    pub(super) note: &'a anki::Note,
}

impl NoteFields<'_> {
    /// The raw (HTML) text of field `name`.
    fn raw(&self, name: &str) -> String {
        self.notetype
            .fields
            .iter()
            .position(|f| f == name)
            .and_then(|i| self.note.fields.get(i))
            .cloned()
            .unwrap_or_default()
    }

    /// The text of field `name` as the terminal shows it (code blocks,
    /// lists, emphasis).
    fn text(&self, name: &str) -> String {
        html::to_markup(&media::with_markers(&self.raw(name)), Inline::Marked)
    }

    /// The text of field `name` as an answer is typed: no emphasis marks.
    fn answer(&self, name: &str) -> String {
        html::to_markup(&media::with_markers(&self.raw(name)), Inline::Plain)
    }

    /// The fields besides `shown` that `refs` name, each once, in order, as
    /// the lines of a note: `Name: text` (or the text alone when there is only
    /// one, like a cloze note's Back Extra). Blank fields are left out.
    fn note_of(&self, refs: &[FieldRef], shown: &[&str]) -> Option<String> {
        let mut names: Vec<&str> = Vec::new();
        for r in refs {
            if !shown.contains(&r.name.as_str()) && !names.contains(&r.name.as_str()) {
                names.push(&r.name);
            }
        }
        let filled: Vec<(&str, String)> = names
            .into_iter()
            .map(|n| (n, self.text(n)))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        match filled.as_slice() {
            [] => None,
            [(_, text)] => Some(text.clone()),
            many => Some(
                many.iter()
                    .map(|(n, t)| labelled(n, t))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        }
    }
}

/// `Name: text`, or the name on a line of its own above text of several lines.
fn labelled(name: &str, text: &str) -> String {
    if text.contains('\n') {
        format!("{name}:\n{text}")
    } else {
        format!("{name}: {text}")
    }
}

/// What a card shows and expects, before it has an id and a deck.
pub(super) struct Face {
    pub(super) kind: CardKind,
    pub(super) prompt: String,
    pub(super) code: Option<String>,
    pub(super) answer: String,
    pub(super) alternatives: Vec<String>,
    pub(super) note: Option<String>,
}

fn non_blank(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

/// Every field reference of a note type's templates, question sides first.
fn all_refs(nt: &anki::Notetype) -> Vec<FieldRef> {
    let questions = nt.templates.iter().flat_map(|t| field_refs(&t.qfmt));
    let answers = nt.templates.iter().flat_map(|t| field_refs(&t.afmt));
    questions.chain(answers).collect()
}

/// A card of a Cloze note type: deletion `ord + 1` of its cloze field, and
/// every other field the templates show as its note.
pub(super) fn cloze_face(fields: &NoteFields<'_>, ord: u32) -> Result<Face, String> {
    let nt = fields.notetype;
    let text_field = nt
        .templates
        .first()
        .and_then(|t| {
            field_refs(&t.qfmt)
                .into_iter()
                .find(|r| r.has_filter("cloze"))
        })
        .map_or_else(
            || nt.fields.first().cloned().unwrap_or_default(),
            |r| r.name,
        );
    let (prompt, answer) = cloze::render(&media::with_markers(&fields.raw(&text_field)), ord + 1)
        .ok_or_else(|| format!("it has no deletion c{}", ord + 1))?;
    let mut refs = all_refs(nt);
    if refs.iter().all(|r| r.name == text_field) {
        // A note type whose templates name no other field: its fields in order.
        refs = nt
            .fields
            .iter()
            .map(|f| FieldRef {
                name: f.clone(),
                filters: Vec::new(),
            })
            .collect();
    }
    Ok(Face {
        kind: CardKind::Cloze,
        prompt: html::to_markup(&prompt, Inline::Marked),
        code: None,
        answer: html::to_markup(&answer, Inline::Plain),
        alternatives: Vec::new(),
        note: fields.note_of(&refs, &[text_field.as_str()]),
    })
}

/// Whether a field's HTML holds nothing but media (`<img>`, `[sound:…]`):
/// such a field is carried as a note, not taken as the answer.
fn media_only(raw: &str) -> bool {
    let mut rest = raw.to_string();
    while let Some(at) = rest.find("[sound:") {
        let end = rest[at..].find(']').map_or(rest.len(), |e| at + e + 1);
        rest.replace_range(at..end, "");
    }
    let has_media = raw.contains("<img") || raw.contains("[sound:");
    has_media && html::to_text(&rest).trim().is_empty()
}

/// A card of a standard note type: template `ord`'s question fields (a
/// `{{hint:…}}` field as a `Hint:` line), the typed field or else the first
/// field only the answer side shows as the answer, and every other field the
/// answer side shows, in its order, as the note. Note types recall exported
/// (`recall …`) also carry code, alternatives and a note.
pub(super) fn template_face(fields: &NoteFields<'_>, ord: u32) -> Result<Face, String> {
    let nt = fields.notetype;
    let template = nt
        .templates
        .get(ord as usize)
        .ok_or_else(|| format!("its template {ord} is missing"))?;
    let question = field_refs(&template.qfmt);
    let answer_side = field_refs(&template.afmt);
    let typed = question
        .iter()
        .find(|r| r.has_filter("type"))
        .map(|r| r.name.clone());
    let mut shown: Vec<&str> = Vec::new();
    for r in question.iter().filter(|r| !r.has_filter("type")) {
        if !shown.contains(&r.name.as_str()) {
            shown.push(&r.name);
        }
    }
    let answer_field = typed.clone().or_else(|| {
        let candidates: Vec<&FieldRef> = answer_side
            .iter()
            .filter(|r| !shown.contains(&r.name.as_str()))
            .collect();
        candidates
            .iter()
            .find(|r| !media_only(&fields.raw(&r.name)))
            .or(candidates.first())
            .map(|r| r.name.clone())
    });
    let mine = nt.name.starts_with("recall ");
    let is_eval = mine && nt.fields.iter().any(|f| f == "Code");
    let hints: Vec<&str> = question
        .iter()
        .filter(|r| r.has_filter("hint"))
        .map(|r| r.name.as_str())
        .collect();
    let prompt = shown
        .iter()
        .filter(|f| !(is_eval && **f == "Code"))
        .map(|f| {
            let text = fields.text(f);
            if hints.contains(f) && !text.trim().is_empty() {
                labelled("Hint", &text)
            } else {
                text
            }
        })
        .filter(|t| !t.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let kind = match (is_eval, typed.is_some()) {
        (true, _) => CardKind::Eval,
        (false, true) => CardKind::Typed,
        (false, false) => CardKind::Basic,
    };
    let alternatives = if mine {
        fields
            .answer("Also")
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    } else {
        Vec::new()
    };
    let note = if mine {
        non_blank(fields.text("Note"))
    } else {
        let mut taken = shown.clone();
        taken.extend(answer_field.as_deref());
        fields.note_of(&answer_side, &taken)
    };
    Ok(Face {
        kind,
        prompt,
        code: is_eval.then(|| fields.answer("Code")),
        answer: answer_field.map(|f| fields.answer(&f)).unwrap_or_default(),
        alternatives,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anki::{Note, Notetype, NotetypeKind, Template};

    fn notetype(kind: NotetypeKind, fields: &[&str], qfmt: &str, afmt: &str) -> Notetype {
        Notetype {
            id: 1,
            name: "Vocab".into(),
            kind,
            fields: fields.iter().map(|f| f.to_string()).collect(),
            templates: vec![Template {
                name: "Card 1".into(),
                qfmt: qfmt.into(),
                afmt: afmt.into(),
            }],
            css: String::new(),
            mtime_secs: 0,
        }
    }

    fn note(fields: &[&str]) -> Note {
        Note {
            id: 1,
            guid: "g".into(),
            notetype: 1,
            mtime_secs: 0,
            tags: Vec::new(),
            fields: fields.iter().map(|f| f.to_string()).collect(),
            oversized_bytes: None,
        }
    }

    fn face(nt: &Notetype, n: &Note, ord: u32) -> Face {
        let fields = NoteFields {
            notetype: nt,
            note: n,
        };
        if nt.kind == NotetypeKind::Cloze {
            cloze_face(&fields, ord).unwrap()
        } else {
            template_face(&fields, ord).unwrap()
        }
    }

    #[test]
    fn every_field_a_template_shows_is_carried_in_its_order() {
        let nt = notetype(
            NotetypeKind::Standard,
            &["Front", "Hint", "Back", "Example", "Audio", "Picture"],
            "{{Front}}<br>{{Picture}}<br>{{hint:Hint}}",
            "{{FrontSide}}<hr id=answer>{{Audio}}{{Back}}<br>{{Example}}",
        );
        let n = note(&[
            "What does <code>Vec::push</code> do?",
            "grows",
            "<b>appends</b> an element",
            "<pre><code>v.push(1);\nv.push(2);</code></pre>",
            "[sound:push.mp3]",
            "",
        ]);
        let f = face(&nt, &n, 0);
        assert_eq!(f.kind, CardKind::Basic);
        assert_eq!(f.prompt, "What does `Vec::push` do?\nHint: grows");
        assert_eq!(f.answer, "appends an element");
        assert_eq!(
            f.note.as_deref(),
            Some("Audio: [audio: push.mp3]\nExample:\n```\nv.push(1);\nv.push(2);\n```")
        );
    }

    #[test]
    fn a_typed_template_answers_with_the_typed_field_and_keeps_the_rest() {
        let nt = notetype(
            NotetypeKind::Standard,
            &["Front", "Back", "Example"],
            "{{Front}}<br>{{type:Back}}",
            "{{Front}}<hr id=answer>{{type:Back}}<div>{{Example}}</div>",
        );
        let f = face(&nt, &note(&["to be", "<i>ser</i>", "soy yo"]), 0);
        assert_eq!(
            (f.kind, f.answer.as_str(), f.note.as_deref()),
            (CardKind::Typed, "ser", Some("soy yo"))
        );
    }

    #[test]
    fn cloze_notes_render_nested_and_repeated_deletions_and_every_extra_field() {
        let nt = notetype(
            NotetypeKind::Cloze,
            &["Text", "Back Extra", "Source"],
            "{{cloze:Text}}",
            "{{cloze:Text}}<br>{{Back Extra}}<br>{{Source}}",
        );
        let n = note(&[
            "{{c1::Ownership {{c2::moves}} values}}; a {{c3::Vec}} grows, a {{c3::slice}} borrows",
            "see <b>the book</b>",
            "ch. 4",
        ]);
        let c1 = face(&nt, &n, 0);
        assert_eq!(
            (c1.prompt.as_str(), c1.answer.as_str()),
            (
                "[...]; a Vec grows, a slice borrows",
                "Ownership moves values"
            )
        );
        assert_eq!(
            c1.note.as_deref(),
            Some("Back Extra: see **the book**\nSource: ch. 4")
        );
        let c2 = face(&nt, &n, 1);
        assert_eq!(
            c2.prompt,
            "Ownership [...] values; a Vec grows, a slice borrows"
        );
        let c3 = face(&nt, &n, 2);
        assert_eq!(
            (c3.prompt.as_str(), c3.answer.as_str()),
            (
                "Ownership moves values; a [...] grows, a [...] borrows",
                "Vec, slice"
            )
        );
    }
}
