"""An Anki-shaped benchmark corpus, made by the real Anki library.

    anki_corpus.py make CARDS OUT.apkg
        Makes a new Anki collection of CARDS Basic notes in 20 decks, with
        CARDS x 10 revlog rows, and exports it with scheduling as OUT.apkg.
    anki_corpus.py time-first-card OUT.apkg
        Imports OUT.apkg into a new Anki collection, then times (in-process,
        warm) what `recall next` does: open the collection, build today's
        queue and fetch the first card. Prints JSON.

The shape is the one of issue 15: a quarter of the cards new, the other three
quarters in review with due days spread evenly over today +- 60 days (so about
38% of all cards are due today, in every deck and on 61 different days), and
ten answers per card in the revlog, spread over the two years before today.

How it is made, honestly: the notes are added through Anki's API
(`col.add_notes`, which makes the cards); the scheduling columns of those
cards and the revlog rows are then written straight into the collection's
SQLite tables through Anki's own `col.db` (answering 1M times through the
scheduler would take hours); Anki then exports the package itself, so the
file is Anki's own. The collection's creation time is pinned so that "today"
is 2026-11-25 (recall day 20782, the day the benchmarks pretend it is), and
the random choices are seeded: the same CARDS give the same package.

Run with the venv the tests use:
    /work/main/target/anki-venv/bin/python scripts/anki_corpus.py make 100000 target/bench-data/anki-100000.apkg
scripts/bench_corpus.sh makes all sizes and caches them under target/bench-data/.
"""

import json
import os
import random
import sys
import tempfile
import time

from anki.collection import AddNoteRequest, Collection, ExportAnkiPackageOptions
from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

DECKS = 20
# 2026-11-25 00:00 UTC is day 20782; the collection is made 1000 days before.
TODAY_UNIX_DAY = 20782
CRT_DAYS_BEFORE = 1000
DAY_SECS = 86_400
SEED = 2026


def make(cards, out):
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as d:
        col = Collection(os.path.join(d, "collection.anki2"))
        crt = (TODAY_UNIX_DAY - CRT_DAYS_BEFORE) * DAY_SECS
        col.db.execute("update col set crt = ?", crt)
        today = CRT_DAYS_BEFORE
        deck_ids = [col.decks.id(f"Corpus::Deck {i:02}") for i in range(DECKS)]
        basic = col.models.by_name("Basic")
        started = time.perf_counter()
        batch = []
        for i in range(cards):
            note = col.new_note(basic)
            note["Front"] = f"question {i}: what is <b>{rng.randrange(10**9)}</b>?"
            note["Back"] = f"answer {i}"
            batch.append(AddNoteRequest(note=note, deck_id=deck_ids[i % DECKS]))
            if len(batch) == 10_000:
                col.add_notes(batch)
                batch = []
        if batch:
            col.add_notes(batch)
        log(f"{cards} notes added in {time.perf_counter() - started:.1f} s")

        # Scheduling and revlog in SQL, inside Anki's own connection: the
        # per-row choices come from a multiplicative hash of the row number
        # (h(x) below), so the same CARDS give the same package.
        h = "((({x}) * 2654435761 + 40503) % 4294967296)"
        col.db.execute(
            "create temp table corpus_cards as select id, row_number() over (order by id) - 1 as n"
            " from cards"
        )
        col.db.execute(
            f"update cards set type = 2, queue = 2, left = 0,"
            f" due = ? + ({h.format(x='c.n + 7')} % 121) - 60,"
            f" ivl = 1 + {h.format(x='c.n + 11')} % 365,"
            f" factor = 1300 + 100 * ({h.format(x='c.n + 13')} % 17),"
            f" reps = 1 + {h.format(x='c.n + 17')} % 20,"
            f" lapses = {h.format(x='c.n + 19')} % 4"
            f" from corpus_cards c where c.id = cards.id and {h.format(x='c.n')} % 4 <> 0",
            today,
        )
        review = col.db.scalar("select count() from cards where type = 2")
        log(f"{review} cards set to review")
        col.db.execute(
            "create temp table corpus_review as select id, row_number() over (order by id) - 1 as n"
            " from cards where type = 2"
        )

        # Ten answers per card, all on the review cards, spread evenly over
        # the 730 days before today (ids, in ms, are unique and ascending).
        total = cards * 10
        start_ms = (TODAY_UNIX_DAY - 730) * DAY_SECS * 1000
        step = 730 * DAY_SECS * 1000 // total
        col.db.execute(
            f"""
            with recursive i(n) as (select 0 union all select n + 1 from i where n < ? - 1)
            insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
            select ? + i.n * ? + {h.format(x='i.n')} % ?, r.id, -1,
                   case when {h.format(x='i.n + 3')} % 100 < 10 then 1
                        when {h.format(x='i.n + 3')} % 100 < 25 then 2
                        when {h.format(x='i.n + 3')} % 100 < 90 then 3 else 4 end,
                   1 + {h.format(x='i.n + 5')} % 200, 1 + {h.format(x='i.n + 5')} % 100,
                   2500, 2000 + {h.format(x='i.n + 9')} % 18000, 1
            from i join corpus_review r on r.n = i.n % ?
            """,
            total, start_ms, step, step, review,
        )
        log(f"{col.db.scalar('select count() from revlog')} revlog rows in {time.perf_counter() - started:.1f} s")

        opts = ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False
        )
        tmp_out = out + ".partial"
        col.export_anki_package(out_path=tmp_out, options=opts, limit=None)
        col.close()
        os.replace(tmp_out, out)
        log(f"exported {out} in {time.perf_counter() - started:.1f} s")


def time_first_card(package):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "collection.anki2")
        col = Collection(path)
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=package,
                options=ImportAnkiPackageOptions(
                    with_scheduling=True, with_deck_configs=False, merge_notetypes=False
                ),
            )
        )
        # The queue is the current deck's: the corpus's parent deck, as a
        # learner studying all of it would pick.
        col.decks.select(col.decks.id_for_name("Corpus"))
        col.close()
        runs = []
        for _ in range(7):
            start = time.perf_counter()
            col = Collection(path)
            queued = col.sched.get_queued_cards(fetch_limit=1)
            card = col.get_card(queued.cards[0].card.id) if queued.cards else None
            took = time.perf_counter() - start
            col.close()
            runs.append(took)
            assert card is not None
        runs.sort()
        print(json.dumps({"median_ms": runs[len(runs) // 2] * 1000, "runs_ms": [r * 1000 for r in runs]}))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "time-first-card":
        time_first_card(sys.argv[2])
    else:
        sys.exit(__doc__)
