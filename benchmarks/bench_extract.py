"""Quality and speed of `extract` on the seed development set, against a sentence baseline.

Run from the project root::

    python benchmarks/bench_extract.py [--corpus ../shared/seeds] [--published seeds/published.json]

It prints, in one run, recall and precision under the issue's rule (place within 25 km,
an actor in common, date within the gold range; one-to-one; see `evaluate_extract`) for:

* `extract`: triggers, claims, merged repeats, relative dates;
* the peer, the obvious baseline: one draft per sentence that names an actor and a
  (non-metonymic) place, dated by the sentence's first date expression or else the
  publication day; the same geoparser, actor lexicon and date resolver, so that the
  difference is the extraction logic itself;

and the time per document of each, with the ratio. Target (issue 8): recall >= 0.70 at
precision >= 0.60 on the development set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo_deconflict.extract._evidence import _area
from geo_deconflict.extract.core import extract
from geo_deconflict.extract.dates import find_dates
from geo_deconflict.extract.drafts import Draft
from geo_deconflict.extract.evaluate import read_published, score_extraction
from geo_deconflict.geoparse.core import geoparse
from geo_deconflict.incidents.actors import find_actors
from geo_deconflict.incidents.model import Incident
from geo_deconflict.incidents.read import load_incidents


def baseline(text: str, *, published: dt.date | None, doc: str) -> list[Draft]:
    """One draft per sentence with an actor and a place (with its area, as extract)."""
    places = [m for m in geoparse(text) if m.lon is not None and not m.metonymic]
    actors = find_actors(text)
    dates = find_dates(text, published=published)
    out = []
    for n, match in enumerate(re.finditer(r"[^\n.!?؟]+", text)):
        lo, hi = match.span()
        here = [m for m in places if lo <= m.start < hi]
        who = [a.actor for a in actors if lo <= a.start < hi]
        if not here or not who:
            continue
        when = next((d for d in dates if lo <= d.start < hi and d.resolved), None)
        first = when.first if when else published
        last = when.last if when else published
        inc = Incident(id=f"{doc}-B{n}", event_date=first, date_end=last,
                       actors=tuple(dict.fromkeys(who)), longitude=here[0].lon,
                       latitude=here[0].lat, geo_precision=here[0].precision or 3)
        out.append(Draft(inc, _area(here[0])[0]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--published", default=str(ROOT / "seeds" / "published.json"))
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (best is kept)")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    published = read_published(args.published)
    gold = load_incidents(corpus / "incidents.jsonl").incidents
    docs = sorted({g.provenance.doc for g in gold})
    texts = {d: (corpus / f"{d}.txt").read_text(encoding="utf-8") for d in docs}
    extract(texts[docs[0]], published=published.get(docs[0]), doc="warm-up")  # load data

    results = {}
    for name, run in (("extract", extract), ("sentence baseline", baseline)):
        best, drafts = float("inf"), {}
        for _ in range(args.repeat):
            start = time.perf_counter()
            drafts = {d: run(texts[d], published=published.get(d), doc=d) for d in docs}
            best = min(best, time.perf_counter() - start)
        ev = score_extraction(gold, drafts)
        results[name] = (ev, best)
        print(f"{name}:")
        print("  " + ev.format().replace("\n", "\n  "))
        size = sum(len(t.encode("utf-8")) for t in texts.values())
        print(f"  time: {best / len(docs) * 1000:.0f} ms per document "
              f"({sum(map(len, texts.values())) / best / 1e3:.1f} kchar/s, "
              f"{size / best / 1e6:.3f} MB/s on one core)\n")
        results[name] = (ev, best, size / best / 1e6)
    (ev_x, t_x, mb_x), (ev_b, t_b, _) = results["extract"], results["sentence baseline"]
    print(f"recall {ev_x.overall.recall:.3f} vs {ev_b.overall.recall:.3f}; precision "
          f"{ev_x.overall.precision:.3f} vs {ev_b.overall.precision:.3f}; "
          f"time ratio extract/baseline {t_x / t_b:.2f}")
    ok = ev_x.overall.recall >= 0.70 and ev_x.overall.precision >= 0.60
    print(f"target recall >= 0.70 at precision >= 0.60: {'met' if ok else 'NOT met'}")
    print(f"target >= 0.5 MB/s per core: {'met' if mb_x >= 0.5 else 'NOT met'} "
          f"({mb_x:.3f} MB/s)")


if __name__ == "__main__":
    main()
