"""The real Anki library, driven by recall's tests (tests/cli/export.rs).

    anki_check.py import PACKAGE [--with-scheduling] [--again PACKAGE]
        Imports PACKAGE into a new Anki collection and prints what Anki holds
        as JSON (notes, cards, decks, note types, scheduling, revlog); with
        --again, imports a second package into the same collection first.
    anki_check.py export OUT [--legacy] [--cards N]
        Makes a collection with basic, typed and cloze notes, reviews some of
        them with Anki's own scheduler, suspends one, exports it with
        scheduling (a deck package, or the whole collection if OUT ends in
        .colpkg), and prints the cards as Anki holds them, as JSON.
        With --fsrs, Anki schedules with FSRS, so the reviewed cards carry
        its memory (cards.data `s`, `d`).
    anki_check.py time-import PACKAGE
        Prints how long Anki takes to import PACKAGE with scheduling, and to
        export the result again (legacy and current formats).
"""

import json
import os
import sys
import tempfile
import time

from anki.collection import Collection, ExportAnkiPackageOptions
from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest


def new_collection(directory):
    return Collection(os.path.join(directory, "collection.anki2"))


def import_package(col, path, with_scheduling):
    request = ImportAnkiPackageRequest(
        package_path=path,
        options=ImportAnkiPackageOptions(
            with_scheduling=with_scheduling,
            with_deck_configs=False,
            merge_notetypes=False,
            update_notes=ImportAnkiPackageOptions.UPDATE_CONDITION_IF_NEWER
            if hasattr(ImportAnkiPackageOptions, "UPDATE_CONDITION_IF_NEWER")
            else 0,
        ),
    )
    return col.import_anki_package(request)


def describe(col):
    cards = {}
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        note = card.note()
        cards[note.guid + "/" + str(card.ord)] = {
            "type": card.type,
            "queue": card.queue,
            "due": card.due,
            "ivl": card.ivl,
            "factor": card.factor,
            "reps": card.reps,
            "lapses": card.lapses,
            "deck": col.decks.name(card.did),
            "notetype": note.note_type()["name"],
            "fields": list(note.fields),
            "tags": list(note.tags),
            "revlog": col.db.scalar("select count() from revlog where cid = ?", cid),
            # FSRS's memory as Anki holds it (cards.data `s`, `d`), or None.
            "memory": [card.memory_state.stability, card.memory_state.difficulty]
            if card.memory_state
            else None,
        }
    return {
        "notes": col.note_count(),
        "cards": col.card_count(),
        "decks": sorted(d.name for d in col.decks.all_names_and_ids()),
        "notetypes": sorted(n.name for n in col.models.all_names_and_ids()),
        "revlog": col.db.scalar("select count() from revlog"),
        "today": col.sched.today,
        "by_guid": cards,
    }


def cmd_import(args):
    with_scheduling = "--with-scheduling" in args
    paths = [a for a in args if not a.startswith("--")]
    with tempfile.TemporaryDirectory() as d:
        col = new_collection(d)
        for path in paths:
            import_package(col, path, with_scheduling)
        out = describe(col)
        col.close()
    print(json.dumps(out))


def answer(col, cid, ease):
    card = col.get_card(cid)
    card.start_timer()
    col.sched.answerCard(card, ease)


def cmd_export(args):
    out_path = args[0]
    legacy = "--legacy" in args
    n = int(args[args.index("--cards") + 1]) if "--cards" in args else 6
    with tempfile.TemporaryDirectory() as d:
        col = new_collection(d)
        if "--fsrs" in args:
            col.set_config("fsrs", True)
        deck = col.decks.id("Spanish::Verbs")
        basic = col.models.by_name("Basic")
        typed = col.models.by_name("Basic (type in the answer)")
        cloze = col.models.by_name("Cloze")
        for i in range(n):
            model = [basic, typed][i % 2]
            note = col.new_note(model)
            note["Front"] = f"word {i} <b>bold</b> &amp; more"
            note["Back"] = f"answer {i}"
            col.add_note(note, deck)
        note = col.new_note(cloze)
        note["Text"] = "{{c1::Hola}}, {{c2::mundo::world}}"
        col.add_note(note, deck)
        # Answer through Anki's own scheduler, so revlog and scheduling are
        # Anki's: Easy once graduates a card straight to review (4 days);
        # the last basic card is then failed (a lapse, relearning); the
        # first cloze card gets Good once (learning); the second is suspended
        # new. The first card is then set due in 5 days with interval 5.
        cids = sorted(col.find_cards(""))
        for cid in cids[:n]:
            answer(col, cid, 4)
        answer(col, cids[n - 1], 1)
        answer(col, cids[n], 3)
        col.sched.suspend_cards([cids[n + 1]])
        col.sched.set_due_date([cids[0]], "5!")
        out = describe(col)
        if out_path.endswith(".colpkg"):
            # A whole-collection backup; Anki closes the collection for it.
            col.export_collection_package(out_path, include_media=False, legacy=legacy)
        else:
            opts = ExportAnkiPackageOptions(
                with_scheduling=True, with_deck_configs=False, with_media=False, legacy=legacy
            )
            col.export_anki_package(out_path=out_path, options=opts, limit=None)
            col.close()
    print(json.dumps(out))


def cmd_time_import(args):
    with tempfile.TemporaryDirectory() as d:
        col = new_collection(d)
        start = time.perf_counter()
        import_package(col, args[0], True)
        took = time.perf_counter() - start
        cards = col.card_count()
        revlog = col.db.scalar("select count() from revlog")
        timings = {"import_seconds": took, "cards": cards, "revlog": revlog}
        for legacy in (True, False):
            out = os.path.join(d, "out.apkg")
            opts = ExportAnkiPackageOptions(
                with_scheduling=True, with_deck_configs=False, with_media=False, legacy=legacy
            )
            start = time.perf_counter()
            col.export_anki_package(out_path=out, options=opts, limit=None)
            key = "export_legacy_seconds" if legacy else "export_current_seconds"
            timings[key] = time.perf_counter() - start
        col.close()
    print(json.dumps(timings))


if __name__ == "__main__":
    commands = {"import": cmd_import, "export": cmd_export, "time-import": cmd_time_import}
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])
