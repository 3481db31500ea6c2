"""The real Anki library for recall's round-trip tests (tests/cli/anki_carry.rs).

    anki_carry.py build DIR
        Makes DIR/col/collection.anki2: notes with tags (hierarchical too),
        an image-only answer and a sound, a "Basic (and reversed card)" note
        (two cards, one note), a cloze, a note with an empty answer; history
        through Anki's scheduler, a card failed today (in learning), a red
        flag, a buried card, a card set due by hand. Exports
        it with scheduling and media to DIR/v1.apkg; prints it as JSON.
    anki_carry.py more DIR
        Answers two more cards, edits one note, exports DIR/v2.apkg; prints JSON.
    anki_carry.py import DIR PACKAGE
        Imports PACKAGE (with scheduling, notes updated if newer) into the
        collection at DIR/col; prints JSON.
"""

import json
import os
import sys
import time

from anki.collection import Collection, ExportAnkiPackageOptions
from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition

IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64


def open_col(d):
    os.makedirs(os.path.join(d, "col"), exist_ok=True)
    return Collection(os.path.join(d, "col", "collection.anki2"))


def answer(col, cid, ease):
    card = col.get_card(cid)
    card.start_timer()
    col.sched.answerCard(card, ease)
    # Revlog ids are milliseconds: keep answers apart.
    time.sleep(0.01)


def export(col, path):
    opts = ExportAnkiPackageOptions(
        with_scheduling=True, with_deck_configs=False, with_media=True, legacy=False
    )
    col.export_anki_package(out_path=path, options=opts, limit=None)


def describe(col):
    notes = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        notes[note.guid] = {
            "id": nid,
            "notetype": note.note_type()["name"],
            "fields": list(note.fields),
            "tags": sorted(note.tags),
            "cards": len(note.cards()),
        }
    cards = {}
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        cards[str(cid)] = {
            "guid": card.note().guid,
            "ord": card.ord,
            "type": card.type,
            "queue": card.queue,
            "flags": card.flags,
        }
    revlog = col.db.list("select id from revlog where ease > 0 order by id")
    media_dir = col.media.dir()
    return {
        "notes": col.note_count(),
        "cards": col.card_count(),
        "by_guid": notes,
        "by_card": cards,
        "revlog": revlog,
        "revlog_rows": col.db.scalar("select count() from revlog"),
        "media": sorted(os.listdir(media_dir)),
        "now": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
    }


def cmd_build(d):
    col = open_col(d)
    deck = col.decks.id("Rust::Ownership")
    basic = col.models.by_name("Basic")
    reverse = col.models.by_name("Basic (and reversed card)")
    cloze = col.models.by_name("Cloze")
    col.media.write_data("diagram.png", PNG)
    col.media.write_data("hello.mp3", MP3)

    def add(model, fields, tags):
        note = col.new_note(model)
        for k, v in fields.items():
            note[k] = v
        note.tags = tags
        col.add_note(note, deck)
        return note

    add(basic, {"Front": "What moves a value?", "Back": "assignment"}, ["rust::ownership", "easy"])
    add(basic, {"Front": "Draw the stack", "Back": '<img src="diagram.png">'}, ["rust::memory"])
    add(basic, {"Front": "Say hello [sound:hello.mp3]", "Back": "hallo"}, ["lang::de"])
    add(reverse, {"Front": "Box", "Back": "a heap pointer"}, ["rust"])
    add(cloze, {"Text": "A {{c1::Vec}} owns its {{c2::buffer}}."}, ["rust::collections"])
    add(basic, {"Front": "Failed today", "Back": "learning"}, [])
    add(basic, {"Front": "Buried", "Back": "until tomorrow"}, [])
    add(basic, {"Front": "No answer", "Back": ""}, ["empty"])
    cids = sorted(col.find_cards(""))
    by_front = {col.get_card(c).note().fields[0]: c for c in cids}
    # History: two graduated cards, the reversed pair answered, a lapse.
    for c in cids[:5]:
        answer(col, c, 4)
    answer(col, cids[0], 3)
    failed = by_front["Failed today"]
    answer(col, failed, 1)
    col.set_user_flag_for_cards(1, [cids[1]])
    # A reschedule by hand: a revlog row that is no answer.
    col.sched.set_due_date([cids[4]], "7")
    col.sched.bury_cards([by_front["Buried"]], manual=True)
    export(col, os.path.join(d, "v1.apkg"))
    out = describe(col)
    out["failed_card"] = failed
    col.close()
    return out


def cmd_more(d):
    col = open_col(d)
    cids = sorted(col.find_cards(""))
    answer(col, cids[2], 3)
    answer(col, cids[3], 2)
    nid = col.find_notes('"Front:What moves a value?"')[0]
    note = col.get_note(nid)
    # Note times are whole seconds and only a later one is newer (to Anki
    # and to recall): a run that reaches the edit within the second the
    # note was last written would make an edit no one can tell from it.
    while int(time.time()) <= note.mod:
        time.sleep(0.05)
    note["Back"] = "assignment (a move)"
    col.update_note(note)
    export(col, os.path.join(d, "v2.apkg"))
    out = describe(col)
    col.close()
    return out


def cmd_import(d, path):
    col = open_col(d)
    request = ImportAnkiPackageRequest(
        package_path=path,
        options=ImportAnkiPackageOptions(
            with_scheduling=True,
            with_deck_configs=False,
            merge_notetypes=False,
            update_notes=IF_NEWER,
            update_notetypes=IF_NEWER,
        ),
    )
    col.import_anki_package(request)
    out = describe(col)
    out["check"] = col.fix_integrity()[0]
    col.close()
    return out


if __name__ == "__main__":
    commands = {
        "build": lambda a: cmd_build(a[0]),
        "more": lambda a: cmd_more(a[0]),
        "import": lambda a: cmd_import(a[0], a[1]),
    }
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    print(json.dumps(commands[sys.argv[1]](sys.argv[2:])))
