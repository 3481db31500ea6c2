"""Whole-process figures for BENCHMARKS.md: the median wall time of RUNS runs
of a recall command, with its peak RSS (the largest of the runs), user and
system time, and the load average at the start.

    python3 scripts/bench_process.py RUNS COLLECTION -- ARGS...

e.g. python3 scripts/bench_process.py 21 target/bench-data/anki-100000.sqlite -- next --json
Runs target/release/recall --db COLLECTION --now 2026-11-25T09:00:00+01:00 ARGS,
stdin from /dev/null, output discarded. For `review` the time is to its first
card: until the card's header line (` · review`/` · new`) is printed, stdin
then closed (the summary after it is not timed). A command that writes (export -o) should write to /tmp.
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
    rss_file = "/tmp/bench_process.rss"
    # Peak RSS from /usr/bin/time: a fork's own rusage would count the
    # Python it was forked from.
    cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_file,
           "target/release/recall", "--db", db, "--now", NOW, *args]
    load = os.getloadavg()[0]
    walls, users, syss, rss = [], [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        first_card = args[0] == "review"
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
        child.returncode = os.waitstatus_to_exitcode(status)
        # review: to the card only (user, sys and RSS still cover the whole run)
        walls.append((shown if first_card else time.perf_counter()) - start)
        users.append(usage.ru_utime)
        syss.append(usage.ru_stime)
        with open(rss_file) as f:
            rss = max(rss, int(f.read().split()[-1]))
    print(json.dumps({
        "cmd": " ".join(args), "db": os.path.basename(db), "runs": runs,
        "median_ms": round(statistics.median(walls) * 1000, 1),
        "min_ms": round(min(walls) * 1000, 1),
        "user_ms": round(statistics.median(users) * 1000, 1),
        "sys_ms": round(statistics.median(syss) * 1000, 1),
        "max_rss_mb": round(rss / 1024, 1), "load": round(load, 1),
        "exit": child.returncode,
    }))


if __name__ == "__main__":
    main()
