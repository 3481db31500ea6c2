"""The real Anki library for recall's note-shape tests (tests/cli/export_shapes.rs).

    anki_shapes.py build OUT
        Makes a collection with the note shapes recall must carry: a code
        block and a list, nested and repeated cloze numbers, a note type whose
        templates show five fields (a hint, an example, audio on the answer
        side, an image on the question side), and a card in learning. Exports
        it with scheduling to OUT and prints its cards as JSON, with the time
        of its last answer ("answered_ms").
    anki_shapes.py check PACKAGE
        Imports PACKAGE with scheduling into a new collection, runs Anki's
        Check Database, and prints what it had to fix ("problems": its
        message lines but the last, "Database rebuilt and optimized") and the
        cards as Anki holds them, as JSON.
"""

import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from anki_check import answer, describe, import_package, new_collection  # noqa: E402
from anki.collection import ExportAnkiPackageOptions  # noqa: E402

VOCAB_FIELDS = ["Front", "Hint", "Back", "Example", "Audio", "Picture"]


def vocab_notetype(col):
    mm = col.models
    model = mm.new("Vocab")
    for name in VOCAB_FIELDS:
        mm.add_field(model, mm.new_field(name))
    template = mm.new_template("Card 1")
    template["qfmt"] = "{{Front}}<br>{{Picture}}<br>{{hint:Hint}}"
    template["afmt"] = "{{FrontSide}}<hr id=answer>{{Back}}<br>{{Example}}<br>{{Audio}}"
    mm.add_template(model, template)
    mm.add(model)
    return mm.by_name("Vocab")


def add(col, model, deck, fields):
    note = col.new_note(model)
    for name, value in fields.items():
        note[name] = value
    col.add_note(note, deck)
    return note


def cmd_build(args):
    out_path = args[0]
    with tempfile.TemporaryDirectory() as d:
        col = new_collection(d)
        deck = col.decks.id("Shapes")
        basic = col.models.by_name("Basic")
        cloze = col.models.by_name("Cloze")
        add(col, basic, deck, {
            "Front": "What does this print?<pre><code>print(1)\nprint(2)</code></pre>",
            "Back": "1<br>2",
        })
        add(col, basic, deck, {
            "Front": "Name the <b>two</b> kinds:<ul><li>one</li><li>other</li></ul>",
            "Back": "<i>both</i>",
        })
        add(col, cloze, deck, {"Text": "{{c1::Ownership {{c2::moves}} values}}", "Back Extra": ""})
        add(col, cloze, deck, {"Text": "A {{c1::Vec}} grows; a {{c1::slice}} borrows.", "Back Extra": "std"})
        add(col, vocab_notetype(col), deck, {
            "Front": "comer",
            "Hint": "food",
            "Back": "to eat",
            "Example": "Quiero comer.",
            "Audio": "[sound:comer.mp3]",
            "Picture": "",
        })
        # One card answered Good once: still in learning (Anki's steps).
        learning = col.find_cards("Front:comer")[0]
        answer(col, learning, 3)
        out = describe(col)
        out["answered_ms"] = col.db.scalar("select max(id) from revlog")
        opts = ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False
        )
        col.export_anki_package(out_path=out_path, options=opts, limit=None)
        col.close()
    print(json.dumps(out))


def cmd_check(args):
    with tempfile.TemporaryDirectory() as d:
        col = new_collection(d)
        import_package(col, args[0], True)
        message, _ok = col.fix_integrity()
        out = describe(col)
        out["problems"] = [line for line in message.splitlines() if line.strip()][:-1]
        col.close()
    print(json.dumps(out))


if __name__ == "__main__":
    commands = {"build": cmd_build, "check": cmd_check}
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])
