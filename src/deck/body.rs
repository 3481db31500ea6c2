//! The deck body after the front matter: headings, cards and their fields.

use std::collections::HashMap;

use super::draft::{AnswerDraft, Draft, Field, IdDraft, NoteDraft, Shared};
use super::heading::{HeadingAt, SectionHeading, SECTION_EXAMPLE};
use super::line::{classify, Fence, Line, Marker};
use super::text::{to_u32, Text};
use super::{DeckError, DeckSource};
use crate::card::{Card, CardId, CardKind};

/// Info strings accepted on an eval card's code block.
const CODE_LANGS: [&str; 3] = ["python", "python3", "py"];
/// Info strings accepted on an eval card's output block (none, or `text`).
const OUTPUT_LANGS: [&str; 2] = ["", "text"];

pub(super) struct Body {
    pub section: String,
    pub title: String,
    pub cards: Vec<Card>,
}

pub(super) struct Parser<'a> {
    ctx: &'a DeckSource<'a>,
    lines: &'a [&'a str],
    case_sensitive: bool,
    section: Option<SectionHeading>,
    topic: Option<String>,
    card: Option<Draft>,
    /// The blank line that ended the last card, while nothing else followed.
    ended_by_blank: Option<u32>,
    cards: Vec<Card>,
    /// First line of each card id seen, to name it when a prompt repeats.
    seen: HashMap<CardId, u32>,
}

impl<'a> Parser<'a> {
    pub(super) fn new(ctx: &'a DeckSource<'a>, lines: &'a [&'a str], case_sensitive: bool) -> Self {
        Parser {
            ctx,
            lines,
            case_sensitive,
            section: None,
            topic: None,
            card: None,
            ended_by_blank: None,
            cards: Vec::new(),
            seen: HashMap::new(),
        }
    }

    pub(super) fn run(mut self, start: usize) -> Result<Body, DeckError> {
        let mut i = start;
        while i < self.lines.len() {
            i = self.line(i)?;
        }
        self.finish_card()?;
        let section = self.section.ok_or_else(|| {
            self.ctx.err(
                1,
                1,
                "no `#` section heading",
                format!("name the roadmap section this deck belongs to with a heading such as {SECTION_EXAMPLE}"),
            )
        })?;
        Ok(Body {
            section: section.id,
            title: section.title,
            cards: self.cards,
        })
    }

    /// Handles line `i`; returns the index of the next line to read.
    fn line(&mut self, i: usize) -> Result<usize, DeckError> {
        let line = self.lines[i];
        let no = to_u32(i + 1);
        match classify(line) {
            Line::Blank => {
                if self.card.is_some() {
                    self.finish_card()?;
                    self.ended_by_blank = Some(no);
                }
            }
            Line::Heading {
                level,
                text,
                text_col,
            } => {
                self.finish_card()?;
                self.ended_by_blank = None;
                self.heading(no, level, text, text_col)?;
            }
            Line::Marker {
                marker: Marker::Card(kind),
                rest,
                rest_col,
            } => {
                self.finish_card()?;
                self.ended_by_blank = None;
                self.start_card(no, kind, rest, rest_col)?;
            }
            Line::Marker {
                marker,
                rest,
                rest_col,
            } => self.field(no, marker, rest, rest_col)?,
            Line::Fence(fence) => return self.fence(i, fence),
            Line::Text => self.text(no, line)?,
        }
        Ok(i + 1)
    }

    fn heading(
        &mut self,
        no: u32,
        level: usize,
        text: &str,
        text_col: u32,
    ) -> Result<(), DeckError> {
        let at = HeadingAt {
            ctx: self.ctx,
            no,
            text,
            text_col,
        };
        match level {
            1 => self.section = Some(at.section(self.section.as_ref())?),
            2 | 3 => self.topic = Some(at.topic(self.section.as_ref())?),
            // Deeper headings are commentary for readers.
            _ => {}
        }
        Ok(())
    }

    fn start_card(
        &mut self,
        no: u32,
        kind: CardKind,
        rest: &str,
        rest_col: u32,
    ) -> Result<(), DeckError> {
        let ctx = self.ctx;
        if self.section.is_none() {
            return Err(ctx.err(
                no,
                1,
                "card before the `#` section heading",
                format!("start the file with the roadmap section heading, e.g. {SECTION_EXAMPLE}, then a topic heading"),
            ));
        }
        let topic = self.topic.clone().ok_or_else(|| {
            ctx.err(
                no,
                1,
                "card before any topic heading",
                "add the heading of its roadmap topic above it, e.g. `## 6 Functional Helpers`",
            )
        })?;
        let mut prompt = Text::default();
        if !rest.is_empty() {
            prompt.push(no, rest_col, rest);
        }
        self.card = Some(Draft {
            kind,
            line: no,
            col: rest_col,
            topic,
            prompt,
            code: None,
            answers: Vec::new(),
            note: None,
            explicit_id: None,
            exact: None,
            field: Field::Prompt,
        });
        Ok(())
    }

    fn field(
        &mut self,
        no: u32,
        marker: Marker,
        rest: &str,
        rest_col: u32,
    ) -> Result<(), DeckError> {
        let ctx = self.ctx;
        let Some(card) = self.card.as_mut() else {
            let hint = match self.ended_by_blank {
                Some(blank) => {
                    format!("the card above ended at the blank line {blank}: remove that line")
                }
                None => "start a card with `Q:`, `T:`, `C:` or `E:` above it".to_string(),
            };
            return Err(ctx.err(no, 1, format!("`{}` outside a card", marker.label()), hint));
        };
        if marker == Marker::Id {
            if let Some(first) = &card.explicit_id {
                return Err(ctx.err(
                    no,
                    1,
                    format!("a second `ID:` (the first is at line {})", first.line),
                    "a card has one id: remove one of the lines",
                ));
            }
            // The line stands alone: text after it continues the field above.
            card.explicit_id = Some(IdDraft {
                line: no,
                col: rest_col,
                name: rest.to_string(),
            });
            return Ok(());
        }
        if marker == Marker::Match {
            return match_line(ctx, card, no, rest, rest_col);
        }
        let mut text = Text::default();
        if !rest.is_empty() {
            text.push(no, rest_col, rest);
        }
        if marker == Marker::Note {
            if let Some(first) = &card.note {
                return Err(ctx.err(
                    no,
                    1,
                    format!("a second `N:` (the first is at line {})", first.line),
                    "join the notes into one: a note may run over several lines",
                ));
            }
            card.note = Some(NoteDraft {
                line: no,
                col: rest_col,
                text,
            });
            card.field = Field::Note;
            return Ok(());
        }
        match card.kind {
            CardKind::Cloze => {
                return Err(ctx.err(
                    no,
                    1,
                    "`A:` on a cloze card",
                    "a cloze's answers are its `{{…}}` deletions: remove the `A:` line",
                ))
            }
            CardKind::Basic if !card.answers.is_empty() => {
                return Err(ctx.err(
                    no,
                    1,
                    "a second `A:` on a `Q:` card",
                    "a `Q:` answer may run over several lines without another `A:`; for accepted alternatives make it a `T:` card",
                ))
            }
            CardKind::Eval if card.code.is_none() => {
                return Err(ctx.err(
                    card.line,
                    1,
                    "`E:` card without a ```python block",
                    "put the snippet in a ```python fenced block between the `E:` line and `A:`",
                ))
            }
            _ => {}
        }
        card.answers.push(AnswerDraft {
            line: no,
            col: rest_col,
            text,
            fenced: None,
        });
        card.field = Field::Answer;
        Ok(())
    }

    fn text(&mut self, no: u32, line: &str) -> Result<(), DeckError> {
        let Some(card) = self.card.as_mut() else {
            // Prose between cards is commentary for readers.
            self.ended_by_blank = None;
            return Ok(());
        };
        match card.field {
            Field::Prompt => card.prompt.push(no, 1, line),
            Field::Note => {
                if let Some(note) = card.note.as_mut() {
                    note.text.push(no, 1, line);
                }
            }
            Field::Answer if card.kind == CardKind::Basic => {
                if let Some(answer) = card.answers.last_mut() {
                    answer.text.push(no, 1, line);
                }
            }
            Field::Answer => return Err(one_line_answer(self.ctx, card.kind, no)),
            Field::Code => return Err(after_code(self.ctx, no)),
        }
        Ok(())
    }

    fn fence(&mut self, i: usize, fence: Fence) -> Result<usize, DeckError> {
        let ctx = self.ctx;
        let lines = self.lines;
        let no = to_u32(i + 1);
        let end = (i + 1..lines.len())
            .find(|&j| fence.is_closed_by(lines[j]))
            .ok_or_else(|| {
                ctx.err(
                    no,
                    fence.col,
                    "unclosed code fence",
                    format!(
                        "close the block with a line of {} `{}`",
                        fence.len, fence.ch
                    ),
                )
            })?;
        let Some(card) = self.card.as_mut() else {
            self.ended_by_blank = None;
            return Ok(end + 1);
        };
        let inside = || lines[i + 1..end].join("\n");
        match (card.kind, card.field) {
            (CardKind::Eval, Field::Prompt) => {
                if !CODE_LANGS.contains(&fence.lang) {
                    return Err(ctx.err(
                        no,
                        fence.col,
                        "the code of an `E:` card must be a ```python block",
                        "write ```python on the block's opening line",
                    ));
                }
                card.code = Some(inside());
                card.field = Field::Code;
            }
            (CardKind::Eval, Field::Answer)
                if card.answers.last().is_some_and(AnswerDraft::is_blank) =>
            {
                if !OUTPUT_LANGS.contains(&fence.lang) {
                    return Err(ctx.err(
                        no,
                        fence.col,
                        "the output of an `E:` card must be a ```text block",
                        "write ```text on the block's opening line",
                    ));
                }
                if let Some(answer) = card.answers.last_mut() {
                    answer.fenced = Some(inside());
                }
            }
            (CardKind::Eval, Field::Code) => return Err(after_code(ctx, no)),
            (kind, Field::Answer) if kind != CardKind::Basic => {
                return Err(one_line_answer(ctx, kind, no))
            }
            (_, field) => {
                let target = match field {
                    Field::Prompt => Some(&mut card.prompt),
                    Field::Note => card.note.as_mut().map(|n| &mut n.text),
                    _ => card.answers.last_mut().map(|a| &mut a.text),
                };
                if let Some(target) = target {
                    for (j, line) in lines.iter().enumerate().take(end + 1).skip(i) {
                        target.push(to_u32(j + 1), 1, line);
                    }
                }
            }
        }
        Ok(end + 1)
    }

    fn finish_card(&mut self) -> Result<(), DeckError> {
        let Some(draft) = self.card.take() else {
            return Ok(());
        };
        let deck = self.section.as_ref().map_or("", |s| s.id.as_str());
        let shared = Shared {
            ctx: self.ctx,
            deck,
            case_sensitive: self.case_sensitive,
        };
        let line = draft.line;
        let id_at = draft
            .explicit_id
            .as_ref()
            .map(|d| (d.line, d.col, d.name.clone()));
        for mut card in draft.build(&shared)? {
            if let Some(first) = self.seen.get(&card.id) {
                return Err(match &id_at {
                    Some((id_line, col, name)) => self.ctx.err(
                        *id_line,
                        *col,
                        format!("`ID: {name}` is used twice: the card at line {first} has it too"),
                        "an explicit id names one card: give this card another id, or remove the line",
                    ),
                    None => self.ctx.err(
                        line,
                        1,
                        format!("this card has the same prompt as the card at line {first}"),
                        "cards are known by their prompt: reword one of them, or delete the duplicate",
                    ),
                });
            }
            self.seen.insert(card.id, line);
            card.ord = i64::try_from(self.cards.len()).unwrap_or(i64::MAX);
            self.cards.push(card);
        }
        Ok(())
    }
}

/// A `Match:` line: only `exact` (the review's Python-aware rules are the
/// default). Like `ID:`, it stands alone: text after it continues the field above.
fn match_line(
    ctx: &DeckSource,
    card: &mut Draft,
    no: u32,
    rest: &str,
    rest_col: u32,
) -> Result<(), DeckError> {
    if let Some(first) = card.exact {
        return Err(ctx.err(
            no,
            1,
            format!("a second `Match:` (the first is at line {first})"),
            "a card has one `Match:` line: remove one of them",
        ));
    }
    if rest != "exact" {
        return Err(ctx.err(
            no,
            rest_col,
            format!("unknown `Match: {rest}`"),
            "write `Match: exact` to accept only the same text, or remove the line for the Python-aware comparison",
        ));
    }
    if !card.kind.is_typed() {
        return Err(ctx.err(
            no,
            1,
            "`Match:` on a `Q:` card",
            "a `Q:` card is graded by hand: make it a `T:` card, or remove the line",
        ));
    }
    card.exact = Some(no);
    Ok(())
}

fn one_line_answer(ctx: &DeckSource, kind: CardKind, no: u32) -> DeckError {
    let hint = if kind == CardKind::Eval {
        "for output of several lines write `A:` alone, then the output in a ```text block below it"
    } else {
        "an `A:` of a `T:` card is one line: put each accepted answer on its own `A:` line"
    };
    ctx.err(no, 1, "this line continues a one-line answer", hint)
}

fn after_code(ctx: &DeckSource, no: u32) -> DeckError {
    ctx.err(
        no,
        1,
        "expected `A:` after the code block of an `E:` card",
        "put the prompt above the ```python block and `A:` with the output right below it",
    )
}
