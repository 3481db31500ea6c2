#!/bin/sh
# Makes the benchmark corpora of both shapes, once, under target/bench-data/:
#   anki-N.apkg      the Anki-shaped package (scripts/anki_corpus.py, real Anki)
#   anki-N.sqlite    that package imported by `recall import` into a new collection
#   synthetic-N.sqlite  recall's own synthetic collection (Store::fill_synthetic)
# for N cards and N x 10 reviews. Sizes default to 1000 10000 100000 1000000.
# Needs a release build with the testing feature (for the synthetic example):
#   cargo build --release --features testing --bin recall --example synthetic
set -eu
cd "$(dirname "$0")/.."
PY=${RECALL_ANKI_PYTHON:-/work/main/target/anki-venv/bin/python}
BIN=target/release/recall
DIR=target/bench-data
NOW=2026-11-25T09:00:00+01:00
mkdir -p "$DIR"
for n in ${*:-1000 10000 100000 1000000}; do
  if [ ! -f "$DIR/anki-$n.apkg" ]; then
    "$PY" scripts/anki_corpus.py make "$n" "$DIR/anki-$n.apkg"
  fi
  if [ ! -f "$DIR/anki-$n.sqlite" ] && [ -x "$BIN" ]; then
    rm -f "$DIR/anki-$n.partial.sqlite"*
    "$BIN" --db "$DIR/anki-$n.partial.sqlite" --now "$NOW" import "$DIR/anki-$n.apkg" >/dev/null
    mv "$DIR/anki-$n.partial.sqlite" "$DIR/anki-$n.sqlite"
  fi
  if [ ! -f "$DIR/synthetic-$n.sqlite" ] && [ -x target/release/examples/synthetic ]; then
    rm -f "$DIR/synthetic-$n.partial.sqlite"*
    target/release/examples/synthetic "$DIR/synthetic-$n.partial.sqlite" "$n" $((n * 10))
    mv "$DIR/synthetic-$n.partial.sqlite" "$DIR/synthetic-$n.sqlite"
  fi
done
