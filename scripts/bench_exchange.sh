#!/bin/sh
# The export and import rows of BENCHMARKS.md only (what round 5 of issue 15
# changed): the apkg export with scheduling on both shapes (3 runs, 1 from 1M
# cards) and the import of the Anki package, for each size given (default
# 1000 10000 100000 1000000), as JSON lines. The table: scripts/bench_table.py.
set -eu
cd "$(dirname "$0")/.."
P="python3 scripts/bench_process.py"
for n in ${*:-1000 10000 100000 1000000}; do
  runs=3; [ "$n" -ge 1000000 ] && runs=1
  for shape in anki synthetic; do
    $P $runs target/bench-data/$shape-$n.sqlite -- export --format apkg --with-scheduling --force -o /tmp/bench-export.apkg
  done
  rm -f /tmp/bench-import.sqlite*
  $P 1 /tmp/bench-import.sqlite -- import target/bench-data/anki-$n.apkg
done
