"""Throughput of the geoparser on the seed corpus, against a naive gazetteer scan.

Run from the project root::

    python benchmarks/bench_geoparse.py [--corpus ../shared/seeds] [--mb 5] [--peer-mb 0.5]

The seed articles (Arabic, read at run time from the development set beside the project)
are repeated until the corpus holds at least ``--mb`` megabytes of UTF-8. It prints, in one
run:

* `geoparse` (toponyms, metonymy, relative expressions and their geodesic geometries):
  MB/s and documents/s on one core, after one warm-up document (gazetteer loaded);
* the peer: the obvious way to find gazetteer names, ``Gazetteer.lookup`` (exact and clitic
  tiers, no fuzzy) on every 1-3-token window of the text, on ``--peer-mb`` of the same
  corpus; it finds names only (no context, no relative expressions);
* the ratio.

Target (issue 4): >= 1 MB/s of Arabic text on one core.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo_deconflict.gazetteer.api import load_gazetteer
from geo_deconflict.geoparse.core import geoparse

_WORD = re.compile(r"[\u0621-\u064a\u0670-\u06d3\u064b-\u065f]+|[A-Za-z]+")


def _corpus(folder: Path, megabytes: float) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt files in {folder}")
    out, size = [], 0
    while size < megabytes * 1e6:
        for text in texts:
            out.append(text)
            size += len(text.encode("utf-8"))
    return out


def _naive(text: str, gaz) -> int:
    words = [m.group() for m in _WORD.finditer(text)]
    found = 0
    for i in range(len(words)):
        for n in (3, 2, 1):
            if i + n <= len(words) and gaz.lookup(" ".join(words[i:i + n]), fuzzy=False,
                                                  limit=1):
                found += 1
                break
    return found


def _rate(docs: list[str], run) -> tuple[float, float, float, float]:
    """(MB/s, docs/s, wall seconds, MB per CPU second of this process)."""
    size = sum(len(t.encode("utf-8")) for t in docs)
    start, cpu = time.perf_counter(), time.process_time()
    for text in docs:
        run(text)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu
    return size / 1e6 / seconds, len(docs) / seconds, seconds, size / 1e6 / cpu_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--peer-mb", type=float, default=0.5)
    args = parser.parse_args()
    docs = _corpus(args.corpus, args.mb)
    gaz = load_gazetteer()
    geoparse(docs[0], gazetteer=gaz)          # warm-up: index, layers, cached geometries
    size = sum(len(t.encode("utf-8")) for t in docs)
    print(f"corpus: {len(docs)} documents, {size / 1e6:.2f} MB (seed articles repeated)")
    mbs, dps, secs, cpu = _rate(docs, lambda t: geoparse(t, gazetteer=gaz))
    n_mentions = sum(len(geoparse(t, gazetteer=gaz)) for t in docs[:5])
    print(f"geoparse:           {mbs:6.2f} MB/s  {dps:8.1f} docs/s  ({secs:.1f} s wall; "
          f"{cpu:.2f} MB per CPU second; {n_mentions} mentions in the first 5 documents)")
    peer_docs = _corpus(args.corpus, args.peer_mb)
    pmbs, pdps, psecs, pcpu = _rate(peer_docs, lambda t: _naive(t, gaz))
    print(f"naive lookup scan:  {pmbs:6.2f} MB/s  {pdps:8.1f} docs/s  ({psecs:.1f} s wall on "
          f"{len(peer_docs)} documents; {pcpu:.2f} MB per CPU second)")
    print(f"ratio geoparse / naive scan: {mbs / pmbs:.1f}x (CPU time: {cpu / pcpu:.1f}x)")
    # one core: the process's CPU time is the fair clock when other jobs share the machine
    print(f"target >= 1 MB/s on one core: {'met' if cpu >= 1.0 else 'NOT met'} "
          f"({cpu:.2f} MB/s of CPU time, {mbs:.2f} MB/s wall clock)")


if __name__ == "__main__":
    main()
