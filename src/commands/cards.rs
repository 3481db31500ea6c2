//! `recall cards`: find cards (by deck, topic, text, state) with their SM-2
//! state, as a listing that fits the terminal, paged through `$PAGER` there.

use super::filters::{check_deck, check_topic};
use super::{record_json, scheduler, to_json, Ctx};
use crate::cli::{CardSort as SortArg, CardState as StateArg, CardsArgs};
use crate::day::Day;
use crate::error::{Error, Result};
use crate::store::{tag_matches, CardFilter, CardRecord, CardSort, Stage};
use crate::styled::terminal_safe;
use serde_json::Value;
use std::io::{IsTerminal, Write};

/// The narrowest and widest listing.
const MIN_WIDTH: usize = 60;
const MAX_WIDTH: usize = 200;
/// The width of a listing that is not on a terminal, unless `$COLUMNS` says.
const PIPE_WIDTH: usize = 120;
/// The pager when `$PAGER` is not set: quit if it fits, keep colours, no clearing.
const DEFAULT_PAGER: &str = "less -FRX";
/// The least room a prompt gets before other columns are dropped.
const MIN_PROMPT: usize = 24;

pub fn run(args: &CardsArgs, ctx: &mut Ctx) -> Result<()> {
    let store = ctx.open_existing()?;
    check_deck(&store, args.deck.as_ref())?;
    check_topic(&store, args.topic.as_deref())?;
    let today = ctx.today();
    let filter = CardFilter {
        deck: args.deck.clone(),
        due_on: args.due.then_some(today),
        include_retired: args.all,
        search: args.search.clone(),
        topic: args.topic.clone(),
        stage: args.state.map(|s| stage(s, today)),
        sort: args.sort.map_or(CardSort::Roadmap, sort),
    };
    let tags = store.card_tags()?;
    let no_tags = Vec::new();
    let tags_of = |r: &CardRecord| tags.get(&r.card.id).unwrap_or(&no_tags);
    let mut records = store.cards().list(&filter)?;
    if let Some(pattern) = &args.tag {
        records.retain(|r| tags_of(r).iter().any(|t| tag_matches(t, pattern)));
    }
    if args.json {
        let list: Vec<Value> = records
            .iter()
            .map(|r| {
                let mut v = record_json(r);
                if let Value::Object(map) = &mut v {
                    map.insert("tags".into(), Value::from(tags_of(r).clone()));
                }
                scheduler::insert_memory_json(&mut v, store.scheduler(), &r.state, today);
                v
            })
            .collect();
        return ctx.print(&to_json(&Value::Array(list)));
    }
    let on_terminal = std::io::stdout().is_terminal();
    let width = if on_terminal {
        console::Term::stdout()
            .size_checked()
            .map(|(_, cols)| usize::from(cols))
    } else {
        ctx.settings.columns
    }
    .unwrap_or(PIPE_WIDTH)
    .clamp(MIN_WIDTH, MAX_WIDTH);
    let text = listing(&records, &tags_of, width, today);
    if on_terminal {
        page(&text, ctx)
    } else {
        ctx.print(&text)
    }
}

fn stage(state: StateArg, today: Day) -> Stage {
    match state {
        StateArg::New => Stage::New,
        StateArg::Learning => Stage::Learning,
        StateArg::Review => Stage::Review,
        StateArg::Mature => Stage::Mature,
        StateArg::Suspended => Stage::Suspended,
        StateArg::Buried => Stage::Buried(today),
        StateArg::Leech => Stage::Leech,
        StateArg::Retired => Stage::Retired,
    }
}

fn sort(sort: SortArg) -> CardSort {
    match sort {
        SortArg::Due => CardSort::Due,
        SortArg::Ef => CardSort::Ef,
        SortArg::Lapses => CardSort::Lapses,
        SortArg::Interval => CardSort::Interval,
        SortArg::Added => CardSort::Added,
    }
}

/// The text through `$PAGER` (default `less -FRX`, run by `sh -c` as git
/// does); printed as it is when the pager is empty or cannot start.
fn page(text: &str, ctx: &mut Ctx) -> Result<()> {
    let pager = ctx
        .settings
        .pager
        .clone()
        .unwrap_or_else(|| DEFAULT_PAGER.to_string());
    if pager.trim().is_empty() {
        return ctx.print(text);
    }
    let child = std::process::Command::new("sh")
        .arg("-c")
        .arg(&pager)
        .stdin(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        return ctx.print(text);
    };
    if let Some(mut stdin) = child.stdin.take() {
        match stdin.write_all(terminal_safe(text).as_bytes()) {
            // The learner quit the pager before the end: not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.map_err(Error::Terminal)?,
        }
    }
    child.wait().map_err(Error::Terminal)?;
    Ok(())
}

/// Which optional columns fit.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// The topic column's width (0: left out).
    topic: usize,
    kind: bool,
    prompt: usize,
}

const ID: usize = 12;
const DUE: usize = 10;
const IVL: usize = 5;
const EF: usize = 4;
const FLAGS: usize = 4;
const KIND: usize = 5;

impl Columns {
    /// The widest topic (up to 16) and the kind, while the prompt keeps
    /// [`MIN_PROMPT`] columns; then the prompt takes the rest.
    fn fit(records: &[CardRecord], width: usize) -> Columns {
        let longest_topic = records
            .iter()
            .map(|r| console::measure_text_width(&r.card.topic))
            .max()
            .unwrap_or(0)
            .max("topic".len());
        let mut cols = Columns {
            topic: longest_topic.min(16),
            kind: true,
            prompt: 0,
        };
        if width < cols.used() + MIN_PROMPT {
            cols.topic = 0;
        }
        if width < cols.used() + MIN_PROMPT {
            cols.kind = false;
        }
        cols.prompt = width.saturating_sub(cols.used());
        cols
    }

    fn used(self) -> usize {
        let optional =
            if self.kind { KIND + 1 } else { 0 } + if self.topic > 0 { self.topic + 1 } else { 0 };
        ID + 1 + DUE + 1 + IVL + 1 + EF + 1 + FLAGS + 1 + optional
    }

    /// One line: id, due, interval, ef, flags, kind, topic, prompt.
    fn row(self, cells: [&str; 8]) -> String {
        let [id, due, ivl, ef, flags, kind, topic, prompt] = cells;
        let ivl = fit(ivl, IVL, console::Alignment::Right);
        let mut line = format!(
            "{} {} {ivl} {} {}",
            left(id, ID),
            left(due, DUE),
            left(ef, EF),
            left(flags, FLAGS)
        );
        if self.kind {
            line = format!("{line} {}", left(kind, KIND));
        }
        if self.topic > 0 {
            line = format!("{line} {}", left(topic, self.topic));
        }
        let prompt = cut(prompt, self.prompt);
        format!("{line} {prompt}").trim_end().to_string() + "\n"
    }
}

/// `text` in exactly `width` columns: padded (on the right of it unless
/// `align` says otherwise), or cut with an ellipsis.
fn fit(text: &str, width: usize, align: console::Alignment) -> String {
    console::pad_str(&cut(text, width), width, align, None).into_owned()
}

/// `text` if it fits in `width` columns, else cut to `width` with an
/// ellipsis (console's `truncate_str` also cuts text that just fits).
fn cut(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    if console::measure_text_width(text) <= width || width == 0 {
        return text.into();
    }
    console::truncate_str(text, width, "…")
}

fn left(text: &str, width: usize) -> String {
    fit(text, width, console::Alignment::Left)
}

/// One line per card, each at most `width` columns, then a count and the
/// legend of the flags.
/// `tags_of` gives a card's tags, shown as `#tag` after its prompt (the
/// leech tag is the L flag already).
fn listing<'t>(
    records: &[CardRecord],
    tags_of: &dyn Fn(&CardRecord) -> &'t Vec<String>,
    width: usize,
    today: Day,
) -> String {
    let cols = Columns::fit(records, width);
    let mut out = cols.row(["id", "due", "ivl", "ef", "flag", "kind", "topic", "prompt"]);
    for r in records {
        let sm2 = &r.state.sm2;
        let due = sm2.due.map_or("new".to_string(), |d| d.to_string());
        let buried = r.state.buried_until.is_some_and(|until| until > today);
        let flags: String = [
            (r.state.suspended, 'S'),
            (buried, 'B'),
            (r.leech, 'L'),
            (r.retired, 'R'),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, c)| *c)
        .collect();
        out.push_str(&cols.row([
            &r.card.id.to_string(),
            &due,
            &format!("{}d", sm2.interval),
            &sm2.ef.to_string(),
            &flags,
            r.card.kind.as_str(),
            &r.card.topic,
            &prompt_with_tags(r, tags_of(r)),
        ]));
    }
    let cards = if records.len() == 1 { "card" } else { "cards" };
    out.push_str(&format!(
        "{} {cards} · flags: S suspended · B buried · L leech · R retired\n",
        records.len()
    ));
    out
}

fn prompt_with_tags(r: &CardRecord, tags: &[String]) -> String {
    let mut text = r.card.prompt.lines().next().unwrap_or("").to_string();
    for tag in tags
        .iter()
        .filter(|t| t.as_str() != crate::store::LEECH_TAG)
    {
        text.push_str("  #");
        text.push_str(tag);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::{Card, CardId, CardKind, SourcePos};
    use crate::history::CardState;

    static NO_TAGS: Vec<String> = Vec::new();

    fn record(topic: &str, prompt: &str) -> CardRecord {
        CardRecord {
            card: Card {
                id: CardId(0x1234_5678_9abc),
                kind: CardKind::Typed,
                deck: "phase-2".into(),
                topic: topic.into(),
                ord: 1,
                prompt: prompt.into(),
                code: None,
                answer: "a".into(),
                alternatives: vec![],
                note: None,
                case_sensitive: false,
                exact: false,
                source: SourcePos {
                    path: "decks/phase-2.md".into(),
                    line: 3,
                },
            },
            state: CardState::default(),
            retired: false,
            leech: true,
        }
    }

    #[test]
    fn every_line_fits_the_width_and_long_prompts_are_ellipsized() {
        let long = "Which built-in turns an iterable of pairs into a dictionary, keeping the last value of a repeated key? ".repeat(3);
        let records = [
            record("phase-2/5.1", &long),
            record("a-very-long-topic-id/12.3", "短い"),
        ];
        for width in [MIN_WIDTH, 80, 120, MAX_WIDTH] {
            let text = listing(&records, &|_| &NO_TAGS, width, Day(0));
            for line in text.lines().filter(|l| !l.ends_with("retired")) {
                assert!(
                    console::measure_text_width(line) <= width,
                    "{width}: {line:?}"
                );
            }
            assert!(text.contains('…'), "{text}");
        }
        let narrow = listing(&records, &|_| &NO_TAGS, MIN_WIDTH, Day(0));
        assert!(
            !narrow.contains("phase-2/5.1"),
            "the topic goes first: {narrow}"
        );
        let wide = listing(&records, &|_| &NO_TAGS, MAX_WIDTH, Day(0));
        assert!(
            wide.contains("phase-2/5.1") && wide.contains(" L "),
            "{wide}"
        );
    }
}
