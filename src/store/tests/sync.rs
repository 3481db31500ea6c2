use super::*;

fn report(added: u32, updated: u32, retired: u32, unretired: u32, unchanged: u32) -> SyncReport {
    SyncReport {
        added,
        updated,
        retired,
        unretired,
        unchanged,
        renamed: 0,
    }
}

/// Every stored card, section and topic.
fn snapshot(store: &Store) -> (Vec<CardRecord>, Vec<SectionInfo>, Vec<TopicInfo>) {
    let all = CardFilter {
        include_retired: true,
        ..CardFilter::default()
    };
    (
        store.cards().list(&all).unwrap(),
        store.cards().sections().unwrap(),
        store.cards().topics().unwrap(),
    )
}

fn updated_ms(store: &Store, id: CardId) -> i64 {
    store
        .conn
        .query_row("SELECT updated_ms FROM cards WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn sync_adds_then_reports_everything_unchanged_and_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let first = store.sync(&roadmap(), &cards(4), 1_000).unwrap();
    assert_eq!(first, report(4, 0, 0, 0, 4 - 4));
    assert_eq!(rows(&store, "card_state"), 4);
    assert_eq!(rows(&store, "sections"), 3);
    assert_eq!(rows(&store, "topics"), 4);

    let (changes, before) = (store.conn.total_changes(), snapshot(&store));
    let second = store.sync(&roadmap(), &cards(4), 2_000).unwrap();
    assert_eq!(second, report(0, 0, 0, 0, 4));
    assert_eq!(
        store.conn.total_changes(),
        changes,
        "an unchanged sync wrote rows"
    );
    assert_eq!(snapshot(&store), before);
    assert_eq!(updated_ms(&store, cards(1)[0].id), 1_000);
}

#[test]
fn sync_counts_updates_retires_and_unretires() {
    let mut store = store_with(4);
    let id1 = cards(1)[0].id;
    let (_, answered) = record_answer(&mut store, review_answer(id1, 5, 5, 10)).unwrap();

    // Card 1 dropped, card 2 edited, card 5 new.
    let mut next = cards(5);
    next.remove(0);
    next[0].answer = "edited".into();
    let r = store.sync(&roadmap(), &next, 2_000).unwrap();
    assert_eq!(r, report(1, 1, 1, 0, 2));
    let retired = store.cards().get(id1).unwrap().unwrap();
    assert!(retired.retired);
    assert_eq!(retired.state, answered, "a retired card keeps its state");
    assert_eq!(store.log().card(id1).unwrap().len(), 1, "and its log");
    assert_eq!(store.cards().count().unwrap(), 4);
    assert_eq!(
        store.cards().get(next[0].id).unwrap().unwrap().card.answer,
        "edited"
    );
    assert_eq!(updated_ms(&store, next[0].id), 2_000);

    // Card 1 comes back, changed; nothing else differs.
    let mut back = cards(5);
    back[0].note = None;
    back[1].answer = "edited".into();
    let r = store.sync(&roadmap(), &back, 3_000).unwrap();
    assert_eq!(r, report(0, 0, 0, 1, 4));
    let record = store.cards().get(id1).unwrap().unwrap();
    assert!(!record.retired);
    assert_eq!(record.card, back[0]);
    assert_eq!(
        record.state, answered,
        "an unretired card resumes its schedule"
    );
}

#[test]
fn sync_detects_a_change_in_every_field() {
    type Edit = fn(&mut Card);
    let edits: [(&str, Edit); 12] = [
        ("kind", |c| c.kind = CardKind::Basic),
        ("deck", |c| c.deck = "track-a".into()),
        ("topic", |c| c.topic = "phase-0/1.2".into()),
        ("ord", |c| c.ord += 1),
        ("prompt", |c| c.prompt.push('?')),
        ("code", |c| c.code = Some("print(1)".into())),
        ("answer", |c| c.answer.push('!')),
        ("alternatives", |c| c.alternatives.push("more".into())),
        ("note", |c| c.note = None),
        ("case", |c| c.case_sensitive = false),
        ("source path", |c| c.source.path = "decks/x.md".into()),
        ("source line", |c| c.source.line += 1),
    ];
    for (field, edit) in edits {
        let mut store = store_with(1);
        let mut changed = cards(1);
        edit(&mut changed[0]);
        let r = store.sync(&roadmap(), &changed, 2).unwrap();
        assert_eq!(r, report(0, 1, 0, 0, 0), "{field}");
        assert_eq!(
            store.cards().get(changed[0].id).unwrap().unwrap().card,
            changed[0],
            "{field}"
        );
    }
}

#[test]
fn sync_with_an_error_writes_nothing() {
    let mut store = store_with(2);
    let before = snapshot(&store);
    let mut input = cards(3);
    input.push(card(3, "phase-0"));
    input[0].answer = "edited".into();
    let err = store.sync(&roadmap(), &input, 2).unwrap_err();
    assert!(
        matches!(err, StoreError::DuplicateCard(id) if id == input[2].id),
        "{err:?}"
    );

    // A roadmap with a duplicate topic id fails inside the transaction.
    let mut bad = roadmap();
    bad.sections[1]
        .topics
        .push(topic("phase-1/1", "1", Vec::new()));
    let err = store.sync(&bad, &cards(3), 2).unwrap_err();
    assert!(matches!(err, StoreError::Sqlite { .. }), "{err:?}");

    assert_eq!(snapshot(&store), before);
}

#[test]
fn sync_replaces_the_roadmap_only_when_it_changes() {
    let mut store = store_with(1);
    let sections = store.cards().sections().unwrap();
    assert_eq!(
        sections.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["phase-0", "phase-1", "track-a"]
    );
    let topics = store.cards().topics().unwrap();
    let sub = topics.iter().find(|t| t.id == "phase-0/1.2").unwrap();
    assert_eq!(sub.parent.as_deref(), Some("phase-0/1"));
    assert_eq!(sub.section, "phase-0");

    let mut next = roadmap();
    next.sections.remove(2);
    next.sections[0].title = "Phase 0 — Renamed".into();
    store.sync(&next, &cards(1), 2).unwrap();
    let sections = store.cards().sections().unwrap();
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[0].title, "Phase 0 — Renamed");
    assert_eq!(store.cards().topics().unwrap().len(), 3);
}

#[test]
fn cards_are_never_deleted() {
    let store = store_with(1);
    let err = store.conn.execute("DELETE FROM cards", []).unwrap_err();
    assert!(err.to_string().contains("never deleted"), "{err}");
}

#[test]
fn get_cards_filters_by_deck_glob_due_and_retired() {
    let mut store = Store::open_in_memory().unwrap();
    let mut input = cards(4);
    input[3].deck = "track-a".into();
    store.sync(&roadmap(), &input, 1).unwrap();
    store.sync(&roadmap(), &input[1..], 2).unwrap(); // card 1 retired
    record_answer(&mut store, review_answer(input[1].id, 5, 3, 10)).unwrap(); // card 2 due on day 11

    let ids = |filter: CardFilter| -> Vec<u64> {
        store
            .cards()
            .list(&filter)
            .unwrap()
            .iter()
            .map(|r| r.card.id.0 - 0x1000_0000_0000)
            .collect()
    };
    let deck = |d: &str| CardFilter {
        deck: DeckPattern::new(d),
        ..CardFilter::default()
    };
    assert_eq!(ids(CardFilter::default()), [2, 3, 4]);
    assert_eq!(
        ids(CardFilter {
            include_retired: true,
            ..CardFilter::default()
        }),
        [1, 2, 3, 4]
    );
    assert_eq!(ids(deck("phase-*")), [2, 3]);
    assert_eq!(ids(deck("phase-0")), [3]);
    assert_eq!(ids(deck("phase")), Vec::<u64>::new());
    assert_eq!(ids(deck("*-a")), [4]);
    assert_eq!(ids(deck("phase-?")), Vec::<u64>::new(), "? is literal");
    let due = |day| CardFilter {
        due_on: Some(Day(day)),
        ..CardFilter::default()
    };
    assert_eq!(ids(due(10)), Vec::<u64>::new());
    assert_eq!(ids(due(11)), [2]);
}

#[test]
fn find_card_by_full_id_or_unique_prefix() {
    let mut store = Store::open_in_memory().unwrap();
    let mut a = card(1, "phase-0");
    a.id = CardId(0xabcd_1234_5678);
    let mut b = card(2, "phase-0");
    b.id = CardId(0xabcd_9999_0000);
    let mut c = card(3, "phase-0");
    c.id = CardId(0x0000_1111_2222);
    store
        .sync(&roadmap(), &[a.clone(), b, c.clone()], 1)
        .unwrap();
    store.sync(&roadmap(), std::slice::from_ref(&a), 2).unwrap(); // c retired, still found

    assert_eq!(store.cards().find("abcd12345678").unwrap().card.id, a.id);
    assert_eq!(store.cards().find(" ABCD1 ").unwrap().card.id, a.id);
    assert_eq!(store.cards().find("00001111").unwrap().card.id, c.id);
    assert!(store.cards().find("0000").unwrap().retired);
    let cases = [
        ("abcd", "ambiguous"),
        ("abc", "unknown"),           // too short
        ("ffff", "unknown"),          // no such card
        ("abcdx", "unknown"),         // not hex
        ("abcd123456789", "unknown"), // too long
    ];
    for (input, expected) in cases {
        let err = store.cards().find(input).unwrap_err();
        let kind = match err {
            StoreError::AmbiguousCard { count, .. } => {
                assert_eq!(count, 2);
                "ambiguous"
            }
            StoreError::UnknownCard(ref s) => {
                assert_eq!(s, input);
                "unknown"
            }
            _ => "other",
        };
        assert_eq!(kind, expected, "{input}: {err:?}");
    }
}

fn renaming() -> SyncOptions {
    SyncOptions::default()
}

/// A card with a text of its own, keyed (like the compiler) by its prompt.
fn worded(prompt: &str) -> Card {
    let mut c = card(1, "phase-0");
    c.prompt = prompt.into();
    c.id = CardId::from_key(prompt);
    c
}

#[test]
fn a_renamed_card_keeps_its_id_state_and_log_and_stays_found() {
    let mut store = Store::open_in_memory().unwrap();
    let original = worded("Which module holds partial, reduce and lru_cache?");
    store
        .sync_with(&roadmap(), std::slice::from_ref(&original), 1, &renaming())
        .unwrap();
    let (_, answered) = record_answer(&mut store, review_answer(original.id, 4, 5, 10)).unwrap();

    let fixed = worded("Which module holds partial, reduce and lru_cache ?");
    let r = store
        .sync_with(&roadmap(), std::slice::from_ref(&fixed), 2, &renaming())
        .unwrap();
    assert_eq!((r.renamed, r.added, r.retired), (1, 0, 0), "{r:?}");
    let record = store.cards().get(original.id).unwrap().unwrap();
    assert_eq!(record.card.prompt, fixed.prompt);
    assert_eq!(record.state, answered);
    assert!(
        store.cards().get(fixed.id).unwrap().is_none(),
        "no card under the new key"
    );
    assert_eq!(rows(&store, "card_keys"), 1);
    // Found again by its new text, with nothing to write.
    let again = store
        .sync_with(&roadmap(), std::slice::from_ref(&fixed), 3, &renaming())
        .unwrap();
    assert_eq!(again.unchanged, 1);
    assert!(store.check().unwrap().is_ok());

    // The old text back beside the new one: the renamed card keeps its id,
    // the old text is a new card under an id of its own; both stay stable.
    let both = [fixed.clone(), original.clone()];
    let r = store.sync_with(&roadmap(), &both, 4, &renaming()).unwrap();
    assert_eq!((r.added, r.unchanged), (1, 1), "{r:?}");
    assert_eq!(
        store.cards().get(original.id).unwrap().unwrap().card.prompt,
        fixed.prompt
    );
    let r = store.sync_with(&roadmap(), &both, 5, &renaming()).unwrap();
    assert_eq!(r.unchanged, 2, "{r:?}");

    // The renamed card's text gone: it retires with its state; the old
    // text stays the card it became beside it.
    let r = store
        .sync_with(&roadmap(), std::slice::from_ref(&original), 6, &renaming())
        .unwrap();
    assert_eq!((r.retired, r.unchanged, r.renamed), (1, 1, 0), "{r:?}");
    let retired = store.cards().get(original.id).unwrap().unwrap();
    assert!(retired.retired);
    assert_eq!(retired.state, answered);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn exact_sync_makes_no_rename() {
    let mut store = Store::open_in_memory().unwrap();
    let a = worded("Which module holds partial, reduce and lru_cache?");
    store.sync(&roadmap(), std::slice::from_ref(&a), 1).unwrap();
    let b = worded("Which module holds partial, reduce and lru_cache ?");
    let r = store.sync(&roadmap(), &[b], 2).unwrap();
    assert_eq!((r.renamed, r.added, r.retired), (0, 1, 1));
}
