//! A card being read, and how it becomes one or more [`Card`]s.

use super::cloze::{self, ClozeError};
use super::text::Text;
use super::{DeckError, DeckSource};
use crate::card::{Card, CardId, CardKind, SourcePos};

/// The prompt of an `E:` card written without one.
pub(super) const DEFAULT_EVAL_PROMPT: &str = "What does this print?";

/// Which part of the card the next plain line continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Prompt,
    /// After an eval card's code block: only `A:` or `N:` may follow.
    Code,
    Answer,
    Note,
}

#[derive(Debug, Clone, Default)]
pub(super) struct AnswerDraft {
    pub line: u32,
    pub col: u32,
    pub text: Text,
    /// An eval card's output given as a ```` ```text ```` block, verbatim.
    pub fenced: Option<String>,
}

impl AnswerDraft {
    pub(super) fn is_blank(&self) -> bool {
        self.text.is_empty() && self.fenced.is_none()
    }
}

#[derive(Debug, Clone)]
pub(super) struct NoteDraft {
    pub line: u32,
    pub col: u32,
    pub text: Text,
}

#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub kind: CardKind,
    pub line: u32,
    /// Column of the prompt text after the marker.
    pub col: u32,
    pub topic: String,
    pub prompt: Text,
    pub code: Option<String>,
    pub answers: Vec<AnswerDraft>,
    pub note: Option<NoteDraft>,
    pub field: Field,
}

/// Deck-wide values every card of a file shares.
pub(super) struct Shared<'a> {
    pub ctx: &'a DeckSource<'a>,
    pub deck: &'a str,
    pub case_sensitive: bool,
}

/// A card's content before it gets its place in the file.
struct Built {
    key: String,
    prompt: String,
    code: Option<String>,
    answer: String,
    alternatives: Vec<String>,
}

impl Draft {
    pub(super) fn marker(&self) -> &'static str {
        match self.kind {
            CardKind::Basic => "Q:",
            CardKind::Typed => "T:",
            CardKind::Cloze => "C:",
            CardKind::Eval => "E:",
        }
    }

    /// The cards this draft makes (one per deletion for a cloze), `ord` 0.
    pub(super) fn build(self, shared: &Shared) -> Result<Vec<Card>, DeckError> {
        let ctx = shared.ctx;
        let note = match &self.note {
            None => None,
            Some(n) => {
                let text = n.text.joined().trim().to_string();
                if text.is_empty() {
                    return Err(ctx.err(
                        n.line,
                        n.col,
                        "empty note",
                        "write the note after `N:`, or remove the line",
                    ));
                }
                Some(text)
            }
        };
        let built = match self.kind {
            CardKind::Basic | CardKind::Typed => vec![self.plain(ctx)?],
            CardKind::Eval => vec![self.eval(ctx)?],
            CardKind::Cloze => self.cloze(ctx)?,
        };
        Ok(built
            .into_iter()
            .map(|b| Card {
                id: CardId::from_key(&b.key),
                kind: self.kind,
                deck: shared.deck.to_string(),
                topic: self.topic.clone(),
                ord: 0,
                prompt: b.prompt,
                code: b.code,
                answer: b.answer,
                alternatives: b.alternatives,
                note: note.clone(),
                case_sensitive: shared.case_sensitive,
                source: SourcePos {
                    path: ctx.path.to_string(),
                    line: self.line,
                },
            })
            .collect())
    }

    fn plain(&self, ctx: &DeckSource) -> Result<Built, DeckError> {
        let prompt = self.prompt.joined().trim().to_string();
        if prompt.is_empty() {
            return Err(ctx.err(
                self.line,
                self.col,
                format!("`{}` card with an empty prompt", self.marker()),
                "write the question after the marker (it may run over several lines)",
            ));
        }
        let (answer, alternatives) = self.answers(ctx)?;
        Ok(Built {
            key: prompt.clone(),
            prompt,
            code: None,
            answer,
            alternatives,
        })
    }

    fn eval(&self, ctx: &DeckSource) -> Result<Built, DeckError> {
        let code = self.code.clone().ok_or_else(|| {
            ctx.err(
                self.line,
                1,
                "`E:` card without a ```python block",
                "put the snippet in a ```python fenced block right after the `E:` line, then `A:` with what it prints",
            )
        })?;
        let mut prompt = self.prompt.joined().trim().to_string();
        if prompt.is_empty() {
            prompt = DEFAULT_EVAL_PROMPT.to_string();
        }
        let (answer, alternatives) = self.answers(ctx)?;
        Ok(Built {
            key: format!("{prompt}\n{code}"),
            prompt,
            code: Some(code),
            answer,
            alternatives,
        })
    }

    fn answers(&self, ctx: &DeckSource) -> Result<(String, Vec<String>), DeckError> {
        let mut texts = Vec::with_capacity(self.answers.len());
        for a in &self.answers {
            let text = match &a.fenced {
                Some(output) => output.clone(),
                None => a.text.joined().trim().to_string(),
            };
            if text.trim().is_empty() {
                let hint = match self.kind {
                    CardKind::Eval => "write what the snippet prints after `A:`, or `A:` alone followed by a ```text block with the output",
                    _ => "write the answer after `A:`, or remove the line",
                };
                return Err(ctx.err(a.line, a.col, "empty answer", hint));
            }
            texts.push(text);
        }
        let mut texts = texts.into_iter();
        let answer = texts.next().ok_or_else(|| {
            ctx.err(
                self.line,
                1,
                format!("`{}` card without an `A:` answer", self.marker()),
                "add a line `A: <answer>` below the prompt (a blank line ends a card)",
            )
        })?;
        Ok((answer, texts.collect()))
    }

    fn cloze(&self, ctx: &DeckSource) -> Result<Vec<Built>, DeckError> {
        let source = self.prompt.joined();
        let cloze = cloze::parse(&source).map_err(|e| {
            let (offset, message, hint) = match e {
                ClozeError::NoDeletion => {
                    return ctx.err(
                        self.line,
                        self.col,
                        "cloze card without a `{{…}}` deletion",
                        "mark the text to recall as `{{text}}` or `{{text::hint}}`, or make it a `Q:` card",
                    )
                }
                ClozeError::Unclosed(at) => (at, "unclosed `{{`", "close the deletion with `}}`, or write a literal `{{` as `\\{\\{`"),
                ClozeError::Nested(at) => (at, "`{{` inside a deletion", "deletions do not nest: close the first with `}}`, or write a literal `{{` as `\\{\\{`"),
                ClozeError::Empty(at) => (at, "empty deletion", "put the text to recall between the braces: `{{text}}`"),
            };
            let (line, col) = self.prompt.locate(offset);
            ctx.err(line, col, message, hint)
        })?;
        Ok((0..cloze.deletions.len())
            .map(|i| Built {
                key: cloze.key(i),
                prompt: cloze.prompt(i),
                code: None,
                answer: cloze.deletions[i].text.clone(),
                alternatives: Vec::new(),
            })
            .collect())
    }
}
