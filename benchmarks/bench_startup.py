"""Benchmark: start-up of the commands analysts run in shell loops, against ``python -c pass``.

    python benchmarks/bench_startup.py [--runs 5]

Times, each as a fresh process (median of --runs, wall clock, and the peak RSS of the
process), in one run:

* ``python -c pass`` (the floor any Python command pays);
* ``geo-deconflict check --lat 33.6 --lon 38.7`` (bundled zones; target < 0.5 s);
* ``geo-deconflict gazetteer lookup Manbij`` (target < 0.4 s);
* ``geo-deconflict --help``;
* ``geo-deconflict extract REPORT`` and ``geo-deconflict geoparse REPORT`` on one generated
  report of about 2 KB (`_corpus`, no report text): what an analyst pays per report in a
  shell loop (imports, gazetteer, lexicons, the report's relative geometries).

Prints each figure (and the CPU time of the process, steadier when other jobs share the
machine), its excess over the floor and the ratio.

Bytecode is cached as in an installed package (``pip`` compiles it): in a temporary
``PYTHONPYCACHEPREFIX``, even where ``PYTHONDONTWRITEBYTECODE`` is set, so the checkout is
left as it was. ``--no-bytecode`` measures with every module compiled from source instead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import _corpus

COMMANDS = {
    "python -c pass": ["-c", "pass"],
    "check --lat 33.6 --lon 38.7": ["-m", "geo_deconflict", "check", "--lat", "33.6",
                                    "--lon", "38.7"],
    "gazetteer lookup Manbij": ["-m", "geo_deconflict", "gazetteer", "lookup", "Manbij"],
    "--help": ["-m", "geo_deconflict", "--help"],
}
TARGETS = {"check --lat 33.6 --lon 38.7": 0.5, "gazetteer lookup Manbij": 0.4}


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS MB, CPU seconds) of one child process."""
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
    parser.add_argument("--no-bytecode", action="store_true",
                        help="compile every module from source on every run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-pycache-") as cache:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        if args.no_bytecode:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = cache
        sample = Path(cache) / "report.txt"
        sample.write_text(_corpus.generate(0.002, seed=5)[0], encoding="utf-8")
        COMMANDS["extract REPORT"] = ["-m", "geo_deconflict", "extract", str(sample),
                                      "--published", "2019-10-20"]
        COMMANDS["geoparse REPORT"] = ["-m", "geo_deconflict", "geoparse", str(sample)]
        results = measure(args.runs, env)
    print(f"bytecode: {'none (compiled from source)' if args.no_bytecode else 'cached'}")
    report(results)


def measure(runs: int, env: dict[str, str]) -> dict[str, list[tuple[float, float, float]]]:
    for cmd in COMMANDS.values():  # warm the file cache and the bytecode
        run(cmd, env)
    results = {}
    for _ in range(runs):  # interleaved, so that load from other jobs hits all alike
        for name, cmd in COMMANDS.items():
            results.setdefault(name, []).append(run(cmd, env))
    return results


def report(results: dict[str, list[tuple[float, float, float]]]) -> None:
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
