#!/bin/sh
# Every whole-process row of BENCHMARKS.md on both corpus shapes and each size
# given (default 1000 10000 100000), as JSON lines (scripts/bench_process.py);
# from 1M cards the slow rows run fewer times (stats 3, export 1), and the
# 1M-card package's import takes about five minutes and 2.4 GB.
# Needs the corpora: scripts/bench_corpus.sh. The table: scripts/bench_table.py.
set -eu
cd "$(dirname "$0")/.."
P="python3 scripts/bench_process.py"
for n in ${*:-1000 10000 100000}; do
  stats_runs=5 export_runs=3
  if [ "$n" -ge 1000000 ]; then stats_runs=3 export_runs=1; fi
  for shape in anki synthetic; do
    db=target/bench-data/$shape-$n.sqlite
    [ -f "$db" ] || continue
    $P 21 "$db" -- next --json
    $P 21 "$db" -- review
    $P $stats_runs "$db" -- stats
    $P $export_runs "$db" -- export --format apkg --with-scheduling --force -o /tmp/bench-export.apkg
  done
  if [ -f target/bench-data/anki-$n.apkg ]; then
    rm -f /tmp/bench-import.sqlite*
    $P 1 /tmp/bench-import.sqlite -- import target/bench-data/anki-$n.apkg
  fi
done
