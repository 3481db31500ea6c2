#!/usr/bin/env python3
"""Verify deck answers on every CPython this machine has, and the library cards
in the deck venv.

Reads the JSON array printed by `recall cards --json --all` on stdin and checks:
- every eval card: running its code prints exactly its answer (or an alternative).
  A card that imports a library installed in the deck venv (numpy, pandas, ...)
  runs in the deck venv's python; every other card runs on each CPython found;
- every module-name drill card (`T: module: ...`): each accepted answer names an
  attribute of that module (dotted names are followed attribute by attribute),
  on each CPython for standard modules, in the deck venv for libraries;
- every deck's `libraries:` front matter (`"numpy 2.4, pandas 3.1"`): the deck
  venv has those major.minor versions.

The decks' `python: "3.11"` means "the answers hold on 3.11 and later", so the
CPythons checked are every one of 3.11 or later found on PATH (`python3`,
`python3.N`) and under pyenv (`$PYENV_ROOT/versions/3.N.*`), the newest patch of
each minor version; `--python PATH` (repeatable) names them instead.

    check_deck_answers.py [--min-python 3.11] [--python PATH]... [--venv PATH] < cards.json

Prints one line per contradiction and, per interpreter, a line
`python 3.12.1: N eval cards run, M stdlib names checked in 1.2s`, then
`K contradictions`; exits 1 if there is any or no CPython was found.
"""

import ast
import glob
import importlib
import importlib.util
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

EVAL_TIMEOUT_S = 60
DRILL_PROMPT = re.compile(r"^([a-z_][a-z0-9_.]*):\s")
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_VENV = ROOT / "target" / "deck-venv" / "bin" / "python"
WORKERS = max(2, min(8, (os.cpu_count() or 2) * 2))
VERSION_OF = "import sys; print('%d.%d.%d' % sys.version_info[:3]); print(sys.executable)"


# ---- run inside the interpreter being checked (`--drills`) -------------------

def resolve(module, dotted):
    target = module
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


def exists(module, dotted):
    try:
        resolve(module, dotted)
        return True
    except AttributeError:
        return False


def check_drill(card, module):
    module_name = module.__name__
    problems = []
    answers = [card["answer"], *card.get("alternatives", [])]
    # `@cache` is the decorator form of `cache`; `f()` is the call form of `f`.
    names = [a.strip().removeprefix("@").removesuffix("()") for a in answers]
    # `datetime.now` names datetime.datetime.now; `itertools.chain` names itertools.chain.
    resolved = [n for n in names if exists(module, n) or exists(module, n.removeprefix(module_name + "."))]
    for name in names:
        if name in resolved:
            continue
        # A bare member name (`print_help`) is accepted as the short form of a qualified
        # answer of the same card that resolves (`ArgumentParser.print_help`).
        if "." not in name and any(r.endswith("." + name) for r in resolved):
            continue
        problems.append(f"{module_name}.{name} does not exist")
    return "; ".join(problems) or None


def drills_main(libraries_only):
    """Checks the drill cards on stdin in this interpreter; prints JSON."""
    checked, problems = 0, []
    for card in json.load(sys.stdin):
        module_name = DRILL_PROMPT.match(card["prompt"]).group(1)
        top = module_name.split(".")[0]
        if libraries_only == (top in sys.stdlib_module_names):
            continue
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue  # not a module prompt (e.g. "Note: ..."), nothing to check
        checked += 1
        problem = check_drill(card, module)
        if problem:
            problems.append([card["id"], problem])
    print(json.dumps({"checked": checked, "problems": problems}))
    return 0


# ---- the orchestrator ---------------------------------------------------------

def interpreter(python):
    """(version tuple, the real executable) of `python`, or (None, python).

    The real executable, so a pyenv shim is not run (and its start-up paid) per card."""
    try:
        done = subprocess.run(
            [python, "-I", "-c", VERSION_OF], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None, python
    if done.returncode != 0:
        return None, python
    version, executable = done.stdout.split("\n")[:2]
    return tuple(int(p) for p in version.split(".")), executable or python


def version_of(python):
    return interpreter(python)[0]


def find_pythons(minimum):
    """Newest patch of each CPython minor version >= minimum: {version: path}."""
    candidates = [shutil.which("python3")]
    for minor in range(minimum[1], minimum[1] + 20):
        candidates.append(shutil.which(f"python3.{minor}"))
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    candidates += sorted(glob.glob(os.path.join(pyenv_root, "versions", "3.*", "bin", "python3")))
    candidates = list(dict.fromkeys(c for c in candidates if c))
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        found = list(pool.map(interpreter, candidates))
    best = {}
    for version, path in found:
        if version is None or version[:2] < minimum:
            continue
        if version[:2] not in best or version > best[version[:2]][0]:
            best[version[:2]] = (version, path)
    return [best[k] for k in sorted(best)]


def imported_modules(code):
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def venv_modules(venv_python):
    """Top-level modules the deck venv's packages provide (not the stdlib)."""
    code = (
        "import importlib.metadata as m, json, sys; "
        "print(json.dumps({'modules': sorted(set(m.packages_distributions()) - set(sys.stdlib_module_names)), "
        "'versions': {d.metadata['Name'].lower(): d.version for d in m.distributions()}}))"
    )
    done = subprocess.run([venv_python, "-I", "-c", code], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the deck venv {venv_python} does not run: {done.stderr.strip()}")
    found = json.loads(done.stdout)
    return set(found["modules"]), found["versions"]


def run_eval(python, card):
    try:
        done = subprocess.run(
            [python, "-I", "-c", card["code"]],
            capture_output=True,
            text=True,
            timeout=EVAL_TIMEOUT_S,
            cwd="/",
            env={**os.environ, "MPLBACKEND": "Agg"},
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {EVAL_TIMEOUT_S}s"
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1:] or ["(no message)"]
        return f"exited {done.returncode}: {last[0]}"
    printed = done.stdout.rstrip("\n")
    accepted = [card["answer"], *card.get("alternatives", [])]
    if printed not in accepted:
        return f"prints {printed!r}, card says {card['answer']!r}"
    return None


def run_drills(python, drills, libraries_only):
    args = [python, "-I", __file__, "--drills"] + (["--libraries-only"] if libraries_only else [])
    done = subprocess.run(args, input=json.dumps(drills), capture_output=True, text=True)
    if done.returncode != 0:
        return 0, [[None, f"drill check failed: {done.stderr.strip()[-300:]}"]]
    found = json.loads(done.stdout)
    return found["checked"], found["problems"]


def parse_range(value):
    """`3.11`, `>=3.12`, `<3.12`, `>=3.11,<3.12` -> (since, before), tuples or None."""
    since = before = None
    for part in (p.strip() for p in value.split(",")):
        if part.startswith(">="):
            since = tuple(int(x) for x in part[2:].split(".")[:2])
        elif part.startswith("<"):
            before = tuple(int(x) for x in part[1:].split(".")[:2])
        else:
            since = tuple(int(x) for x in part.split(".")[:2])
    return since, before


def deck_ranges(cards):
    """{deck file: (since, before)} from each deck's `python:` front matter."""
    ranges = {}
    for source, key, value in front_matter_values(cards):
        if key == "python":
            ranges[source] = parse_range(value)
    return ranges


def holds_on(card, ranges, version):
    since, before = ranges.get(card["source"].rsplit(":", 1)[0], (None, None))
    version = tuple(version[:2])
    return (since is None or version >= since) and (before is None or version < before)


def front_matter_values(cards):
    """(deck file, key, unquoted value) of every front-matter line of the cards' decks."""
    for source in sorted({c["source"].rsplit(":", 1)[0] for c in cards}):
        path = ROOT / source
        if not source.startswith("decks/") or not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines or lines[0].strip() != "---":
            continue
        for line in lines[1:]:
            if line.strip() == "---":
                break
            key, _, value = line.partition(":")
            yield source, key.strip(), value.strip().strip("\"'")


def deck_libraries(cards):
    """{deck file: [(name, "2.4"), ...]} from each deck's `libraries:` front matter."""
    stated = {}
    for source, key, value in front_matter_values(cards):
        if key == "libraries":
            stated[source] = [tuple(e.split()) for e in value.split(",") if e.strip()]
    return stated


def main():
    args = sys.argv[1:]
    if args[:1] == ["--drills"]:
        return drills_main("--libraries-only" in args)
    minimum, pythons, venv = (3, 11), [], None
    while args:
        flag, value, args = args[0], args[1] if len(args) > 1 else None, args[2:]
        if value is None:
            sys.exit(f"{flag} needs a value")
        if flag == "--min-python":
            minimum = tuple(int(p) for p in value.split("."))[:2]
        elif flag == "--python":
            pythons.append(value)
        elif flag == "--venv":
            venv = value
        else:
            sys.exit(f"unknown argument {flag}")
    if pythons:
        found = [interpreter(p) for p in pythons]
        missing = [p for v, p in found if v is None]
        if missing:
            sys.exit(f"cannot run {missing}")
    else:
        found = find_pythons(minimum)
    if not found:
        print(
            f"no CPython {minimum[0]}.{minimum[1]} or later found on PATH (python3, python3.N) "
            f"or under pyenv; the deck answers need at least one to be checked"
        )
        return 1

    cards = json.load(sys.stdin)
    evals = [c for c in cards if c["kind"] == "eval"]
    drills = [c for c in cards if c["kind"] == "typed" and DRILL_PROMPT.match(c["prompt"])]
    if venv is None and DEFAULT_VENV.exists():
        venv = str(DEFAULT_VENV)
    if venv:
        lib_modules, lib_versions = venv_modules(venv)
    else:  # no venv: a card importing what is neither stdlib nor installed here is not run
        lib_modules, lib_versions = set(), {}
        for card in evals:
            for name in imported_modules(card["code"]) - set(sys.stdlib_module_names):
                if importlib.util.find_spec(name) is None:
                    lib_modules.add(name)
    library_evals = [c for c in evals if imported_modules(c["code"]) & lib_modules]
    plain_evals = [c for c in evals if not imported_modules(c["code"]) & lib_modules]
    contradictions = []  # (source, id, interpreter, problem)
    by_id = {c["id"]: c for c in cards}

    # Library versions the decks state against the venv.
    if venv:
        for source, entries in deck_libraries(cards).items():
            for entry in entries:
                if len(entry) != 2:
                    contradictions.append((source, None, "venv", f"bad libraries entry {' '.join(entry)!r}"))
                    continue
                name, want = entry
                have = lib_versions.get(name.lower())
                if have is None or have.split(".")[: len(want.split("."))] != want.split("."):
                    contradictions.append(
                        (source, None, "venv",
                         f"states {name} {want}, the deck venv has {have or 'none'} "
                         f"(tests/tools/deck-requirements.txt)"))

    # Every (interpreter, job) pair goes into one pool, so the interpreters run side by side.
    # A card runs on the interpreters its deck's `python:` range holds for.
    ranges = deck_ranges(cards)
    drills_for = {}
    targets = []
    for v, p in found:
        label = f"python {'.'.join(map(str, v))}"
        targets.append((label, p, [c for c in plain_evals if holds_on(c, ranges, v)], False))
        drills_for[label] = [c for c in drills if holds_on(c, ranges, v)]
    if venv:
        v = version_of(venv)
        label = f"deck venv (python {'.'.join(map(str, v))})"
        targets.append((label, venv, [c for c in library_evals if holds_on(c, ranges, v)], True))
        drills_for[label] = [c for c in drills if holds_on(c, ranges, v)]
    queues = [
        [(label, python, "drills", libs_only)] + [(label, python, "eval", c) for c in run_these]
        for label, python, run_these, libs_only in targets
    ]
    # Round robin, so every interpreter is busy from the start to the end.
    jobs = [job for row in itertools.zip_longest(*queues) for job in row if job]
    started, finished, busy = {}, {}, {}

    def run(job):
        label, python, what, arg = job
        start = time.monotonic()
        started.setdefault(label, start)
        result = run_eval(python, arg) if what == "eval" else run_drills(python, drills_for[label], arg)
        finished[label] = time.monotonic()
        busy[label] = busy.get(label, 0) + finished[label] - start
        return result

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(run, jobs))
    checked = {}
    for (label, _, what, arg), result in zip(jobs, results):
        if what == "eval":
            if result:
                contradictions.append((arg["source"], arg["id"], label, result))
        else:
            checked[label] = result[0]
            for card_id, problem in result[1]:
                card = by_id.get(card_id, {"source": "?"})
                contradictions.append((card["source"], card_id, label, problem))

    for source, card_id, label, problem in contradictions:
        card = f" card {card_id}" if card_id else ""
        print(f"{source}:{card} [{label}]: {problem}")
    for label, _, run_these, libs_only in targets:
        names = "library names" if libs_only else "stdlib names"
        seconds = finished.get(label, 0) - started.get(label, 0)
        print(f"{label}: {len(run_these)} eval cards run, {checked.get(label, 0)} {names} checked "
              f"in {seconds:.1f}s ({busy.get(label, 0):.1f}s of subprocess time)")
    if not venv and library_evals:
        print(f"{len(library_evals)} library eval cards not run: no deck venv "
              f"(make {DEFAULT_VENV.parent.parent} or pass --venv)")
    print(f"{len(contradictions)} contradictions")
    return 1 if contradictions else 0


if __name__ == "__main__":
    sys.exit(main())
