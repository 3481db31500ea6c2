"""Whole-process figures for BENCHMARKS.md: the median wall time of RUNS runs
of a recall command, with its peak RSS, its user and system time (medians)
and the load average at the start.

    python3 scripts/bench_process.py RUNS COLLECTION -- ARGS...

e.g. python3 scripts/bench_process.py 21 target/bench-data/anki-100000.sqlite -- next --json
Runs target/release/recall (or $RECALL_BIN) --db COLLECTION --now 2026-11-25T09:00:00+01:00 ARGS,
stdin from /dev/null, output discarded. For `review` the time is to its first
card: until the card's header line (` · review`/` · new`) is printed, stdin
then closed (the summary after it is not timed). A command that writes (export -o) should write to /tmp.
With RUNS > 1 the peak RSS comes from one untimed first run under /usr/bin/time
(which also warms the page cache) and the timed runs start recall directly, so
the wall and CPU figures are recall's alone; a single run is timed under it.
"""

import json
import os
import statistics
import subprocess
import sys
import time

NOW = "2026-11-25T09:00:00+01:00"


def main():
    runs = int(sys.argv[1])
    db = sys.argv[2]
    args = sys.argv[sys.argv.index("--") + 1 :]
    recall = [os.environ.get("RECALL_BIN", "target/release/recall"), "--db", db, "--now", NOW, *args]
    load = os.getloadavg()[0]
    # Peak RSS from /usr/bin/time: a child's own rusage keeps the high-water
    # mark of the Python it was forked from. The wrapper's exec and its own
    # CPU are not recall's, so with several runs it measures the RSS in an
    # untimed first run and the timed runs start recall directly.
    rss_file = "/tmp/bench_process.rss"
    wrapped = ["/usr/bin/time", "-f", "%M", "-o", rss_file, *recall]
    if runs > 1:
        run_once(wrapped, args)
    walls, users, syss, status = [], [], [], 0
    for _ in range(runs):
        wall, usage, status = run_once(wrapped if runs == 1 else recall, args)
        walls.append(wall)
        users.append(usage.ru_utime)
        syss.append(usage.ru_stime)
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    print(json.dumps({
        "cmd": " ".join(args), "db": os.path.basename(db), "runs": runs,
        "median_ms": round(statistics.median(walls) * 1000, 1),
        "min_ms": round(min(walls) * 1000, 1),
        "user_ms": round(statistics.median(users) * 1000, 1),
        "sys_ms": round(statistics.median(syss) * 1000, 1),
        "max_rss_mb": round(rss / 1024, 1), "load": round(load, 1),
        "exit": status,
    }))


def run_once(cmd, args):
    """Wall time (for `review`: to its first card), the child's rusage, exit."""
    first_card = args[0] == "review"
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdin=subprocess.PIPE if first_card else subprocess.DEVNULL,
                             stdout=subprocess.PIPE if first_card else subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    if first_card:
        for line in child.stdout:
            if b" \xc2\xb7 review" in line or b" \xc2\xb7 new" in line:
                break
        shown = time.perf_counter()
        child.stdin.close()
        child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    # review: to the card only (user and sys still cover the whole run)
    wall = (shown if first_card else time.perf_counter()) - start
    return wall, usage, os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    main()
