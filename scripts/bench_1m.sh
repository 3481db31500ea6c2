#!/bin/sh
# The 1M-card column of BENCHMARKS.md's scale table: bench_all.sh's commands
# with fewer runs of the slow ones (stats 3, export 1), then one import of
# the 1M-card package (about five minutes, 2.4 GB). JSON lines on stdout.
set -eu
cd "$(dirname "$0")/.."
P="python3 scripts/bench_process.py"
for shape in anki synthetic; do
  db=target/bench-data/$shape-1000000.sqlite
  [ -f "$db" ] || continue
  $P 21 "$db" -- next --json
  $P 21 "$db" -- review
  $P 3 "$db" -- stats
  $P 1 "$db" -- export --format apkg --with-scheduling --force -o /tmp/bench-export.apkg
done
if [ -f target/bench-data/anki-1000000.apkg ]; then
  rm -f /tmp/bench-import.sqlite*
  $P 1 /tmp/bench-import.sqlite -- import target/bench-data/anki-1000000.apkg
fi
