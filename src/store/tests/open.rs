use super::*;
use rusqlite::Connection;
use std::fs;
use std::time::Duration;

fn pragma(store: &Store, name: &str) -> String {
    store
        .conn
        .query_row(&format!("PRAGMA {name}"), [], |r| {
            r.get::<_, rusqlite::types::Value>(0)
        })
        .map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .unwrap()
}

/// Runs `open` on `bytes` written to a file and returns the error; the file
/// must be byte-identical afterwards.
fn refused(bytes: &[u8], open: fn(&Path) -> Result<Store, StoreError>) -> StoreError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    fs::write(&path, bytes).unwrap();
    let err = open(&path).err().expect("the file was accepted");
    assert_eq!(fs::read(&path).unwrap(), bytes, "the file was changed");
    err
}

/// The bytes of a collection with `n` cards, closed cleanly.
fn collection_bytes(n: u64) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut store = Store::open(&path).unwrap();
    store.sync(&roadmap(), &cards(n), 1).unwrap();
    drop(store);
    fs::read(&path).unwrap()
}

#[test]
fn open_creates_file_and_parent_dirs_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("collection.db");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.path(), Some(path.as_path()));
    store.sync(&roadmap(), &cards(3), 1).unwrap();
    store.set_meta("rollover", "4").unwrap();
    drop(store);

    let store = Store::open_existing(&path).unwrap();
    assert_eq!(store.cards().count().unwrap(), 3);
    assert_eq!(store.get_meta("rollover").unwrap().as_deref(), Some("4"));
    assert_eq!(store.get_meta("missing").unwrap(), None);
}

#[test]
fn open_sets_the_durability_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("c.db")).unwrap();
    let cases = [
        ("journal_mode", "wal"),
        ("synchronous", "2"), // FULL
        ("foreign_keys", "1"),
        ("busy_timeout", "5000"),
        ("application_id", &APPLICATION_ID.to_string()),
        ("user_version", &SCHEMA_VERSION.to_string()),
    ];
    for (name, expected) in cases {
        assert_eq!(pragma(&store, name), expected, "PRAGMA {name}");
    }
}

#[test]
fn in_memory_store_has_no_path_and_enforces_foreign_keys() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.path(), None);
    assert_eq!(pragma(&store, "foreign_keys"), "1");
    assert_eq!(store.cards().count().unwrap(), 0);
}

#[test]
fn open_existing_missing_file_is_no_collection_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.db");
    let err = Store::open_existing(&path).err().unwrap();
    assert!(matches!(err, StoreError::NoCollection { .. }), "{err}");
    assert!(err.hint().unwrap().contains("recall compile"));
    assert!(!path.exists());
}

#[test]
fn an_empty_file_becomes_a_collection_only_when_opened_to_create() {
    for open in [
        Store::open_existing as fn(&Path) -> _,
        Store::open_read_only,
    ] {
        let err = refused(b"", open);
        assert!(matches!(err, StoreError::EmptyFile { .. }), "{err:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(pragma(&store, "application_id"), APPLICATION_ID.to_string());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_before_sqlite_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("c.db");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    for path in [fifo.as_path(), Path::new("/dev/null")] {
        for open in [
            Store::open as fn(&Path) -> _,
            Store::open_existing,
            Store::open_read_only,
        ] {
            let err = open(path).err().expect("accepted");
            assert!(matches!(err, StoreError::NotAFile { .. }), "{err:?}");
        }
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "a journal was left"
    );
}

#[test]
fn foreign_and_damaged_files_are_refused_untouched() {
    let foreign = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');")
            .unwrap();
        drop(conn);
        fs::read(&path).unwrap()
    };
    let other_app = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA application_id = 42; CREATE TABLE t (x);")
            .unwrap();
        drop(conn);
        fs::read(&path).unwrap()
    };
    let garbage: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let collection = collection_bytes(200);
    assert!(
        collection.len() > 8192,
        "the collection should span several pages"
    );
    let cases: [(&str, Vec<u8>); 6] = [
        ("another program's database", foreign),
        ("another application id", other_app),
        ("random bytes", garbage),
        (
            "a text file",
            b"hello, this is not a database\n".repeat(200),
        ),
        (
            "a collection cut to its first half",
            collection[..collection.len() / 2].to_vec(),
        ),
        (
            "a collection cut inside its header",
            collection[..50].to_vec(),
        ),
    ];
    for (what, bytes) in cases {
        for open in [
            Store::open as fn(&Path) -> _,
            Store::open_existing,
            Store::open_read_only,
        ] {
            let err = refused(&bytes, open);
            assert!(
                matches!(err, StoreError::NotACollection { .. }),
                "{what}: {err:?}"
            );
        }
    }
}

#[test]
fn newer_collection_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    let bytes = fs::read(&path).unwrap();
    for open in [
        Store::open as fn(&Path) -> _,
        Store::open_existing,
        Store::open_read_only,
    ] {
        let err = refused(&bytes, open);
        match &err {
            StoreError::TooNew {
                found, supported, ..
            } => {
                assert_eq!((*found, *supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
            }
            other => panic!("expected TooNew, got {other:?}"),
        }
        assert!(err.hint().unwrap().contains("upgrade recall"));
    }
}

#[test]
fn locked_collection_write_is_busy_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut store = Store::open(&path).unwrap();
    store.sync(&roadmap(), &cards(2), 1).unwrap();
    // Another writer holds the write lock; don't wait the full timeout.
    store.conn.busy_timeout(Duration::from_millis(20)).unwrap();
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();

    let id = cards(1)[0].id;
    let err = record_answer(&mut store, review_answer(id, 4, 5, 10)).unwrap_err();
    assert!(matches!(err, StoreError::Busy { .. }), "{err:?}");
    assert!(!err.to_string().contains("database is locked"));
    assert!(err.hint().unwrap().contains("try again"));
    assert!(matches!(
        store.set_meta("k", "v").unwrap_err(),
        StoreError::Busy { .. }
    ));
    // Reads still work while another process writes (WAL).
    assert_eq!(store.cards().count().unwrap(), 2);

    other.execute_batch("ROLLBACK").unwrap();
    record_answer(&mut store, review_answer(id, 4, 5, 10)).unwrap();
    assert_eq!(store.log().card(id).unwrap().len(), 1);
}

#[test]
fn answers_are_durable_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut store = Store::open(&path).unwrap();
    store.sync(&roadmap(), &cards(1), 1).unwrap();
    let id = cards(1)[0].id;
    let (_, state) = record_answer(
        &mut store,
        NewAnswer {
            card: id,
            quality: q(5),
            mode: AnswerMode::Review,
            at_ms: 5,
            day: Day(10),
            elapsed_ms: Some(1200),
            typed: Some("x"),
        },
    )
    .unwrap();
    // A second connection sees the committed answer while the first is open.
    let other = Store::open_existing(&path).unwrap();
    assert_eq!(other.cards().get(id).unwrap().unwrap().state, state);
    assert_eq!(other.log().card(id).unwrap()[0].typed.as_deref(), Some("x"));
}
