//! `recall suspend|unsuspend|bury|unbury CARD...`: take cards out of the
//! reviews and bring them back. Each command is one transaction: every card
//! named is known and not retired, or nothing is written. A card already as
//! asked is said so and gets no log row.

use super::Ctx;
use crate::card::CardId;
use crate::cli::{ChangeArgs, UnsuspendArgs};
use crate::error::Result;
use crate::history::Change;
use crate::store::{CardFilter, CardRecord, Changed, Stage, Store};

pub fn suspend(args: &ChangeArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_existing()?;
    let cards = resolve(&store, &args.cards)?;
    apply(&mut store, &cards, Change::Suspend, ctx)
}

pub fn unsuspend(args: &UnsuspendArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_existing()?;
    let mut cards = resolve(&store, &args.cards)?;
    if args.leeches {
        let leeches = CardFilter {
            stage: Some(Stage::Leech),
            ..CardFilter::default()
        };
        for leech in store.cards().list(&leeches)? {
            if leech.state.suspended && !cards.iter().any(|c| c.card.id == leech.card.id) {
                cards.push(leech);
            }
        }
        if cards.is_empty() {
            return ctx.println("no suspended leeches: nothing to do");
        }
    }
    apply(&mut store, &cards, Change::Unsuspend, ctx)
}

pub fn bury(args: &ChangeArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_existing()?;
    let cards = resolve(&store, &args.cards)?;
    let until = ctx.today().plus(1);
    apply(&mut store, &cards, Change::Bury { until }, ctx)
}

pub fn unbury(args: &ChangeArgs, ctx: &mut Ctx) -> Result<()> {
    let mut store = ctx.open_existing()?;
    let cards = resolve(&store, &args.cards)?;
    apply(&mut store, &cards, Change::Unbury, ctx)
}

/// Every id or prefix as a card: the first unknown or ambiguous one is the
/// error, before anything is written.
fn resolve(store: &Store, ids: &[String]) -> Result<Vec<CardRecord>> {
    ids.iter().map(|id| Ok(store.cards().find(id)?)).collect()
}

fn apply(store: &mut Store, cards: &[CardRecord], change: Change, ctx: &mut Ctx) -> Result<()> {
    let ids: Vec<CardId> = cards.iter().map(|r| r.card.id).collect();
    let changed = store.change(&ids, change, ctx.now_ms(), ctx.today())?;
    let mut out = String::new();
    for (record, done) in cards.iter().zip(&changed) {
        out.push_str(&said(change, done));
        out.push_str("  ");
        out.push_str(record.card.prompt.lines().next().unwrap_or(""));
        out.push('\n');
    }
    ctx.print(&out)
}

fn said(change: Change, done: &Changed) -> String {
    let card = done.card;
    match (change, &done.entry) {
        (Change::Suspend, Some(_)) => format!("suspended {card}"),
        (Change::Suspend, None) => format!("{card} is already suspended"),
        (Change::Unsuspend, Some(_)) => format!("unsuspended {card}"),
        (Change::Unsuspend, None) => format!("{card} is not suspended"),
        (Change::Bury { until }, Some(_)) => format!("buried {card} until {until}"),
        (Change::Bury { .. }, None) => match done.state.buried_until {
            Some(until) => format!("{card} is already buried until {until}"),
            None => format!("{card} is already buried"),
        },
        (Change::Unbury, Some(_)) => format!("unburied {card}"),
        (Change::Unbury, None) => format!("{card} is not buried"),
    }
}
