//! A card being read, and how it becomes one or more [`Card`]s.

use super::cloze::{self, ClozeError};
use super::text::Text;
use super::{DeckError, DeckSource};
use crate::card::{Card, CardId, CardKind, SourcePos, CARD_ID_DIGITS};

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

/// An `ID:` line: the name the card is known by instead of its prompt.
#[derive(Debug, Clone)]
pub(super) struct IdDraft {
    pub line: u32,
    pub col: u32,
    pub name: String,
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
    pub explicit_id: Option<IdDraft>,
    /// The line of a `Match: exact`, if the card has one.
    pub exact: Option<u32>,
    pub field: Field,
}

/// Deck-wide values every card of a file shares.
pub(super) struct Shared<'a> {
    pub ctx: &'a DeckSource<'a>,
    pub deck: &'a str,
    pub case_sensitive: bool,
}

/// The longest `ID:` name.
pub(super) const MAX_ID_CHARS: usize = 64;

const ID_HINT: &str = "an id is up to 64 letters, digits, `-`, `_` or `.` (`ID: len-returns`), or a card id from `recall cards` (12 hex digits)";

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// What an `ID:` line names.
enum ExplicitId {
    /// A name: the card's id is a hash of it (and of the deletion, for a cloze).
    Name(String),
    /// A card id itself: this card continues that card.
    Card(CardId),
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
        let explicit = self.explicit_id(ctx)?;
        let siblings = built.len();
        Ok(built
            .into_iter()
            .enumerate()
            .map(|(i, b)| Card {
                id: match &explicit {
                    None => CardId::from_key(&b.key),
                    Some(ExplicitId::Card(id)) => *id,
                    Some(ExplicitId::Name(name)) if siblings == 1 => {
                        CardId::from_key(&format!("id:{name}"))
                    }
                    Some(ExplicitId::Name(name)) => CardId::from_key(&format!("id:{name}#{i}")),
                },
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
                exact: self.exact.is_some(),
                source: SourcePos {
                    path: ctx.path.to_string(),
                    line: self.line,
                },
            })
            .collect())
    }

    /// What the `ID:` line says, checked: a name, or a card id of 12 hex
    /// digits (only for a card that makes one card: a cloze's siblings need
    /// ids of their own).
    fn explicit_id(&self, ctx: &DeckSource) -> Result<Option<ExplicitId>, DeckError> {
        let Some(d) = &self.explicit_id else {
            return Ok(None);
        };
        if d.name.is_empty() {
            return Err(ctx.err(d.line, d.col, "empty `ID:`", ID_HINT));
        }
        if d.name.chars().count() > MAX_ID_CHARS || !d.name.chars().all(is_id_char) {
            return Err(ctx.err(
                d.line,
                d.col,
                format!("`ID: {}` is not an id", d.name),
                ID_HINT,
            ));
        }
        if d.name.len() == CARD_ID_DIGITS {
            if let Ok(id) = d.name.parse::<CardId>() {
                if self.kind == CardKind::Cloze {
                    return Err(ctx.err(
                        d.line,
                        d.col,
                        "a cloze card cannot take a card id: it makes one card per deletion",
                        "give it a name instead (`ID: deque-ends`); each deletion gets its own id from it",
                    ));
                }
                return Ok(Some(ExplicitId::Card(id)));
            }
        }
        Ok(Some(ExplicitId::Name(d.name.clone())))
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
