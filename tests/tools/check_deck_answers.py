#!/usr/bin/env python3
"""Verify deck answers against the CPython running this script.

Reads the JSON array printed by `recall cards --json --all` on stdin and checks:
- every eval card: running its code prints exactly its answer (or an alternative);
- every stdlib-name drill card (`T: module: ...`): each accepted answer names an
  attribute of that module (dotted names are followed attribute by attribute).

Prints one line per contradiction and a summary; exits 1 if there is any.
"""

import importlib
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

EVAL_TIMEOUT_S = 20
DRILL_PROMPT = re.compile(r"^([a-z_][a-z0-9_.]*):\s")


def run_eval(card):
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", card["code"]],
            capture_output=True,
            text=True,
            timeout=EVAL_TIMEOUT_S,
            cwd="/",
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


def check_drill(card, module_name):
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None  # not a module prompt (e.g. "Note: ..."), nothing to check
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


def main():
    args = sys.argv[1:]
    if args[:1] == ["--python"] and len(args) == 2:
        wanted = args[1]
        running = "%d.%d" % sys.version_info[:2]
        if running != wanted:
            print(
                f"the decks hold for Python {wanted}, this is Python {running}: "
                f"run the check with python{wanted}"
            )
            return 1
    cards = json.load(sys.stdin)
    evals = [c for c in cards if c["kind"] == "eval"]
    drills = []
    for c in cards:
        if c["kind"] == "typed":
            m = DRILL_PROMPT.match(c["prompt"])
            if m:
                drills.append((c, m.group(1)))
    contradictions = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        for card, problem in zip(evals, pool.map(run_eval, evals)):
            if problem:
                contradictions.append((card, problem))
    checked_drills = 0
    for card, module_name in drills:
        try:
            importlib.import_module(module_name)
        except ImportError:
            continue
        checked_drills += 1
        problem = check_drill(card, module_name)
        if problem:
            contradictions.append((card, problem))
    for card, problem in contradictions:
        print(f"{card['source']}: card {card['id']}: {problem}")
    version = ".".join(map(str, sys.version_info[:3]))
    print(
        f"python {version}: {len(evals)} eval cards run, {checked_drills} stdlib names checked, "
        f"{len(contradictions)} contradictions"
    )
    return 1 if contradictions else 0


if __name__ == "__main__":
    sys.exit(main())
