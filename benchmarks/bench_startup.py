"""Benchmark: start-up of the commands analysts run in shell loops, against ``python -c pass``.

    python benchmarks/bench_startup.py [--runs 5]

Times, each as a fresh process (median of --runs, wall clock, and the peak RSS of the
process), in one run:

* ``python -c pass`` (the floor any Python command pays);
* ``geo-deconflict check --lat 33.6 --lon 38.7`` (bundled zones; target < 0.5 s);
* ``geo-deconflict gazetteer lookup Manbij`` (target < 0.4 s);
* ``geo-deconflict --help``.

Prints each figure (and the CPU time of the process, steadier when other jobs share the
machine), its excess over the floor and the ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = {
    "python -c pass": ["-c", "pass"],
    "check --lat 33.6 --lon 38.7": ["-m", "geo_deconflict", "check", "--lat", "33.6",
                                    "--lon", "38.7"],
    "gazetteer lookup Manbij": ["-m", "geo_deconflict", "gazetteer", "lookup", "Manbij"],
    "--help": ["-m", "geo_deconflict", "--help"],
}
TARGETS = {"check --lat 33.6 --lon 38.7": 0.5, "gazetteer lookup Manbij": 0.4}


def run(args: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MB, CPU seconds) of one child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"failed: {' '.join(args)}\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for cmd in COMMANDS.values():  # warm the file cache and the bytecode
        run(cmd)
    results = {}
    for _ in range(args.runs):  # interleaved, so that load from other jobs hits all alike
        for name, cmd in COMMANDS.items():
            results.setdefault(name, []).append(run(cmd))
    floor = statistics.median(t for t, _, _ in results["python -c pass"])
    for name, runs in results.items():
        wall = statistics.median(t for t, _, _ in runs)
        cpu = statistics.median(c for _, _, c in runs)
        rss = max(m for _, m, _ in runs)
        line = f"{name:30s} {wall:6.3f} s (CPU {cpu:5.3f} s)  peak RSS {rss:4.0f} MB"
        if name != "python -c pass":
            line += f"  (+{wall - floor:.3f} s over python -c pass; {wall / floor:.1f}x it)"
        if name in TARGETS:
            line += f"  target < {TARGETS[name]} s: {'met' if wall < TARGETS[name] else 'NOT met'}"
        print(line)


if __name__ == "__main__":
    main()
