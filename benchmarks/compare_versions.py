"""Two checkouts of the project timed against each other, pass by pass, on the development
reports: how much faster a change made `extract` or `geoparse`.

Run from any folder::

    git worktree add /tmp/before <commit>
    python benchmarks/compare_versions.py /tmp/before . [--passes 40] [--what extract]

On a shared machine the speed of the processor drifts by a factor of two within minutes, so
two benchmark runs a minute apart do not compare. Here each checkout is loaded in a process
of its own (warmed up: gazetteer, lexicons, caches), and the two take turns, one pass over
the 45 reports each (seeds and corpus, beside the project), alternating which goes first. It
prints the best and the median pass of each and the median of the paired ratios (the time
of the first checkout over the second's for each pair of consecutive passes), with its
quartiles: above 1, the second checkout is faster.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# the worker: one checkout's code, one pass over the reports per line read on stdin, its
# CPU time printed back
_WORKER = """
import datetime as dt, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from geo_deconflict.extract.core import extract
from geo_deconflict.geoparse.core import geoparse
shared = Path(sys.argv[3])
texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))
         + sorted((shared / "corpus" / "texts").glob("*.txt"))]
day = dt.date(2018, 6, 1)
if sys.argv[2] == "extract":
    run = lambda: [extract(t, published=day, doc="x") for t in texts]
else:
    run = lambda: [geoparse(t) for t in texts]
run(); run()
print(len(texts), flush=True)
for _ in sys.stdin:
    start = time.process_time()
    run()
    print(time.process_time() - start, flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path, help="a checkout (e.g. a worktree of the old code)")
    parser.add_argument("second", type=Path, help="another checkout (e.g. this one)")
    parser.add_argument("--passes", type=int, default=40)
    parser.add_argument("--what", choices=("extract", "geoparse"), default="extract")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the folder holding seeds/ and corpus/ (default ../shared)")
    args = parser.parse_args()
    if not (args.shared / "corpus" / "texts").is_dir():
        sys.exit(f"Error: development reports not found under {args.shared}")
    procs = [subprocess.Popen([sys.executable, "-c", _WORKER, str(tree.resolve()), args.what,
                               str(args.shared)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
             for tree in (args.first, args.second)]
    try:
        counts = [p.stdout.readline().strip() for p in procs]
        if not all(c.isdigit() for c in counts):
            sys.exit("Error: a checkout failed to load (run it alone to see why)")
        times: list[list[float]] = [[], []]
        for n in range(args.passes):
            for k in ((0, 1) if n % 2 == 0 else (1, 0)):
                procs[k].stdin.write("go\n")
                procs[k].stdin.flush()
                times[k].append(float(procs[k].stdout.readline()))
    finally:
        for p in procs:
            p.stdin.close()
            p.wait()
    ratios = sorted(a / b for a, b in zip(*times))
    q = len(ratios) // 4
    print(f"{args.what}, {counts[0]} reports, {args.passes} passes each, taking turns "
          "(CPU time of one pass):")
    for tree, t in zip((args.first, args.second), times):
        print(f"  {tree!s:40s} best {min(t) * 1000:6.1f} ms, median "
              f"{statistics.median(t) * 1000:6.1f} ms")
    print(f"  first / second, paired: median {statistics.median(ratios):.3f} "
          f"(quartiles {ratios[q]:.3f} to {ratios[-q - 1]:.3f})")


if __name__ == "__main__":
    main()
