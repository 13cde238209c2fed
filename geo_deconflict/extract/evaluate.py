"""Score draft incidents (`extract`) against gold incident records, per document and overall.

The gold is a file of incident records with a document id: the seed set's
``incidents.jsonl`` (``doc``, ``date``, ``lat``/``lon``, ``actors``, ``geo_precision``) or
the project's JSONL (``provenance.doc``). The texts are ``<doc>.txt`` in one folder.

A gold event is **found** when a draft of the same document

* names the **same place within 25 km**: the geodesic distance between the two points; where
  both are areas at the same level (the gold's ``geo_precision`` is 2 or 3 and equals the
  draft's, and the draft's place is an area: a governorate, a country, a river, a relative
  expression such as «شرق الفرات»), the distance from the gold point to the draft's area,
  0 inside it, so that "Syria" is not failed for where an annotator put the country's pin
  (``area_aware=False`` measures point to point only);
* shares at least one **actor** (canonical names, `actors.canonical_actor`);
* has a **date** whose interval overlaps the gold's interval, where the gold has a date
  (``strict_dates=True``: the draft's interval must lie inside the gold's).

Matching is one-to-one (a maximum bipartite matching; of those, one with the most pairs of
the gold's kind). Recall = found / gold, precision =
matched drafts / drafts; the **type rate** is the share of matched drafts whose kind is the
gold's (``exchange_of_fire`` and ``clash``, ``movement`` and ``withdrawal`` count as one).
Publication dates come from a ``{doc: "YYYY-MM-DD"}`` mapping, else from the gold records'
own ``published`` field; a document left out of both is dated from a date line in its text,
if any (`published.guess_publication_date`). A document whose extraction fails is reported and
scored as giving no drafts: one bad report does not sink the batch.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from geo_deconflict.errors import InputFileError

__all__ = ["DocScores", "ExtractionEvaluation", "evaluate_extraction", "read_published",
           "score_extraction"]


@dataclass(frozen=True, slots=True)
class DocScores:
    """Counts and rates for one document (or ``all``)."""

    doc: str
    gold: int
    drafts: int
    matched: int
    recall: float | None
    precision: float | None


@dataclass(frozen=True, slots=True)
class ExtractionEvaluation:
    """What `evaluate_extraction` measured; `format` renders it as the CLI prints it."""

    documents: tuple[DocScores, ...]
    overall: DocScores
    max_km: float
    area_aware: bool
    strict_dates: bool
    missed: tuple[str, ...] = ()        # gold ids not found
    unmatched: tuple[str, ...] = ()     # draft ids that found nothing
    type_right: int = 0                 # matched drafts of the gold's kind
    alternatives: tuple[tuple[str, DocScores], ...] = ()   # the stricter matching rules
    failed: tuple[str, ...] = ()        # "doc: message" for reports extraction failed on

    @property
    def type_rate(self) -> float | None:
        """Share of the matched drafts whose event type is the gold's."""
        return self.type_right / self.overall.matched if self.overall.matched else None

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        out = asdict(self)
        out["type_rate"] = self.type_rate
        return out

    def format(self, *, details: bool = False) -> str:
        """A plain-text table: one row per document and the overall row."""
        def rate(x):
            return "-" if x is None else f"{x:.3f}"

        rows = [("doc", "gold", "drafts", "matched", "recall", "precision")]
        for s in (*self.documents, self.overall):
            rows.append((s.doc, str(s.gold), str(s.drafts), str(s.matched), rate(s.recall),
                         rate(s.precision)))
        widths = [max(len(r[c]) for r in rows) for c in range(6)]
        place = "area-aware" if self.area_aware else "point to point"
        dates = "inside the gold range" if self.strict_dates else "overlapping the gold range"
        lines = [(f"place within {self.max_km:g} km ({place}), an actor in common, "
                 f"date {dates}; one-to-one")]
        for k, r in enumerate(rows):
            if k == len(rows) - 1:
                lines.append("  ".join("-" * w for w in widths))
            lines.append("  ".join(v.ljust(w) if c == 0 else v.rjust(w)
                                   for c, (v, w) in enumerate(zip(r, widths))).rstrip())
            if k == 0:
                lines.append("  ".join("-" * w for w in widths))
        lines.append(f"event type right for {self.type_right} of {self.overall.matched} "
                     f"matched drafts ({rate(self.type_rate)}; a denial counts as a statement)")
        for label, row in self.alternatives:
            lines.append(f"{label}: matched {row.matched}, recall {rate(row.recall)}, "
                         f"precision {rate(row.precision)}")
        for failure in self.failed:
            lines.append(f"extraction failed on {failure}")
        if details:
            lines.append(f"missed gold: {', '.join(self.missed) or '-'}")
            lines.append(f"drafts that matched nothing: {', '.join(self.unmatched) or '-'}")
        return "\n".join(lines)


def read_published(path: str | os.PathLike) -> dict[str, dt.date]:
    """Read a ``{"doc": "YYYY-MM-DD", ...}`` JSON file of publication dates.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "pub.json"
    >>> _ = p.write_text('{"002": "2017-09-17"}')
    >>> read_published(p)
    {'002': datetime.date(2017, 9, 17)}
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputFileError(f"publication dates file not found: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputFileError(f"cannot read publication dates from {path}: {err}") from None
    if not isinstance(data, dict):
        raise InputFileError(f"{path}: expected a JSON object {{doc: date}}")
    out = {}
    for doc, value in data.items():
        try:
            out[str(doc)] = dt.date.fromisoformat(str(value))
        except ValueError:
            msg = f"{path}: publication date {value!r} of {doc!r} is not YYYY-MM-DD"
            raise InputFileError(msg) from None
    return out


def evaluate_extraction(gold: str | os.PathLike | Sequence, texts_dir: str | os.PathLike, *,
                        published: Mapping[str, dt.date] | None = None, max_km: float = 25.0,
                        area_aware: bool = True, strict_dates: bool = False
                        ) -> ExtractionEvaluation:
    """Run `extract.extract` on every gold document's text and score the drafts.

    Parameters
    ----------
    gold
        A file of gold incident records (see the module), or the records themselves.
    texts_dir
        The folder holding ``<doc>.txt`` for every gold document.
    published
        Publication dates by document id (`read_published`); others are guessed.
    max_km, area_aware, strict_dates
        The matching rule (see the module).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "r1.txt").write_text("اشتبكت قوات النظام مع مقاتلي داعش قرب تدمر أمس.",
    ...                                    encoding="utf-8")
    >>> gold = [{"doc": "r1", "id": "r1-E1", "date": "2017-05-01", "lat": 34.56, "lon": 38.28,
    ...          "actors": ["ISIS"], "event_type": "exchange_of_fire"}]
    >>> ev = evaluate_extraction(gold, folder, published={"r1": dt.date(2017, 5, 2)})
    >>> ev.overall.recall, ev.overall.precision
    (1.0, 1.0)
    """
    from geo_deconflict.extract.core import extract

    golds = _gold_incidents(gold)
    dates = {**_gold_published(gold), **(published or {})}
    texts_dir = Path(texts_dir)
    drafts: dict[str, list] = {}
    failed = []
    for doc in sorted({_doc_of(g) for g in golds}):
        path = texts_dir / f"{doc}.txt"
        if not path.is_file():
            raise InputFileError(f"text of document {doc!r} not found: {path}")
        text = path.read_text(encoding="utf-8")
        try:
            drafts[doc] = extract(text, published=dates.get(doc), doc=doc)
        except Exception as err:  # noqa: BLE001 - one bad report must not sink the batch
            drafts[doc] = []
            failed.append(f"{doc}: {type(err).__name__}: {str(err).splitlines()[0][:120]}")
    result = score_extraction(golds, drafts, max_km=max_km, area_aware=area_aware,
                              strict_dates=strict_dates)
    alternatives = []
    for label, aware, strict in (("point to point", False, strict_dates),
                                 ("strict dates", area_aware, True)):
        if (aware, strict) != (area_aware, strict_dates):
            alt = score_extraction(golds, drafts, max_km=max_km, area_aware=aware,
                                   strict_dates=strict)
            alternatives.append((label, alt.overall))
    return replace(result, alternatives=tuple(alternatives), failed=tuple(failed))


def score_extraction(gold: Iterable, drafts: Mapping[str, Sequence], *, max_km: float = 25.0,
                     area_aware: bool = True, strict_dates: bool = False
                     ) -> ExtractionEvaluation:
    """Score `drafts` (doc -> list of `Draft` or `Incident`) against gold `Incident` records."""
    golds = list(gold)
    by_doc: dict[str, list] = {}
    for g in golds:
        by_doc.setdefault(_doc_of(g), []).append(g)
    rows, missed, unmatched = [], [], []
    totals = [0, 0, 0]
    type_right = 0
    for doc in sorted(set(by_doc) | set(drafts)):
        gs = by_doc.get(doc, [])
        ds = [(getattr(d, "incident", d), getattr(d, "area", None)) for d in drafts.get(doc, [])]
        edges = [[j for j, (inc, area) in enumerate(ds)
                  if _found(g, inc, area, max_km=max_km, area_aware=area_aware,
                            strict_dates=strict_dates)] for g in gs]
        same = [[j for j in row if _same_kind(gs[i], ds[j][0])] for i, row in enumerate(edges)]
        pairs = _max_matching(edges, len(ds), first=same)
        matched_gold = {i for i, _ in pairs}
        matched_drafts = {j for _, j in pairs}
        missed += [g.id for i, g in enumerate(gs) if i not in matched_gold]
        unmatched += [inc.id for j, (inc, _) in enumerate(ds) if j not in matched_drafts]
        type_right += sum(_same_kind(gs[i], ds[j][0]) for i, j in pairs)
        rows.append(_row(doc, len(gs), len(ds), len(pairs)))
        for k, v in enumerate((len(gs), len(ds), len(pairs))):
            totals[k] += v
    return ExtractionEvaluation(tuple(rows), _row("all", *totals), max_km, area_aware,
                                strict_dates, tuple(missed), tuple(unmatched), type_right)


# ------------------------------------------------------------------------------ internals

def _row(doc: str, gold: int, drafts: int, matched: int) -> DocScores:
    return DocScores(doc, gold, drafts, matched, matched / gold if gold else None,
                     matched / drafts if drafts else None)


def _gold_incidents(gold) -> list:
    from geo_deconflict.incidents.model import Incident
    from geo_deconflict.incidents.read import load_incidents

    if isinstance(gold, (str, os.PathLike)):
        return load_incidents(gold, locate=True).incidents
    return [g if isinstance(g, Incident) else Incident.from_dict(g) for g in gold]


def _gold_published(gold) -> dict[str, dt.date]:
    """The ``published`` dates the gold records carry, by document (the corpus's do)."""
    if isinstance(gold, (str, os.PathLike)):
        path = Path(gold)
        if path.suffix.lower() != ".jsonl":
            return {}
        records = []
        with path.open(encoding="utf-8") as f:
            for line in f:
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    continue   # load_incidents has already named a bad line
    else:
        records = [g for g in gold if isinstance(g, Mapping)]
    out = {}
    for rec in records:
        if not isinstance(rec, Mapping) or not rec.get("published") or rec.get("doc") is None:
            continue
        try:
            out[str(rec["doc"])] = dt.date.fromisoformat(str(rec["published"])[:10])
        except ValueError:
            continue
    return out


# kinds a gold vocabulary names otherwise: the corpus's has no "denial" (a denial is
# annotated as the "statement" it is), nor the older "exchange_of_fire" and "movement"
_SAME_KIND = {"exchange_of_fire": "clash", "movement": "withdrawal", "denial": "statement"}


def _same_kind(gold, draft) -> bool:
    g = gold.kind or gold.event_type
    d = draft.kind or draft.event_type
    return bool(g) and _SAME_KIND.get(g, g) == _SAME_KIND.get(d, d)


def _doc_of(incident) -> str:
    if incident.provenance is not None and incident.provenance.doc:
        return incident.provenance.doc
    return incident.id.rsplit("-", 1)[0]


def _found(g, d, area, *, max_km: float, area_aware: bool, strict_dates: bool) -> bool:
    from geo_deconflict.incidents.actors import canonical_actor

    if not d.located or not g.located:
        return False
    gold_actors = {canonical_actor(a) or a for a in g.actors}
    if not gold_actors & {canonical_actor(a) or a for a in d.actors}:
        return False
    if g.event_date is not None:
        if d.event_date is None:
            return False
        if strict_dates:
            if not (g.event_date <= d.event_date and d.date_end <= g.date_end):
                return False
        elif not (d.event_date <= g.date_end and g.event_date <= d.date_end):
            return False
    return _distance_m(g, d, area, area_aware=area_aware) <= max_km * 1000


def _distance_m(g, d, area, *, area_aware: bool) -> float:
    from geo_deconflict.geo.geodesy import geodesic_distance_m

    dist = float(geodesic_distance_m(g.longitude, g.latitude, d.longitude, d.latitude))
    if area_aware and area is not None and g.geo_precision >= 2 \
            and g.geo_precision == d.geo_precision:
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        point = Point(g.longitude, g.latitude)
        if area.covers(point):
            return 0.0
        near = nearest_points(area, point)[0]
        dist = min(dist, float(geodesic_distance_m(g.longitude, g.latitude, near.x, near.y)))
    return dist


def _max_matching(edges: list[list[int]], n_right: int, *,
                  first: list[list[int]] | None = None) -> list[tuple[int, int]]:
    """A maximum bipartite matching; `edges[i]` lists i's partners.

    With `first` (a subset of the edges: drafts of the gold's kind), the matching is, among
    the maximum ones, one with as many of those pairs as possible (a maximum-weight matching:
    every pair weighs 1, a pair in `first` a little more), by successive shortest augmenting
    paths (Bellman-Ford over the residual graph; the graphs are one report's, small).

    Examples
    --------
    >>> _max_matching([[0, 1], [0]], 2, first=[[0], []])   # 1 needs 0: 0 takes 1
    [(0, 1), (1, 0)]
    >>> _max_matching([[0, 1], [1]], 2, first=[[], [1]])
    [(0, 0), (1, 1)]
    """
    n_left = len(edges)
    bonus = [set(row) for row in first] if first is not None else [set() for _ in edges]
    big = n_left + n_right + 1     # one pair more always beats any number of kinds right
    owner = [-1] * n_right         # right -> left
    partner = [-1] * n_left        # left -> right

    def weight(i: int, j: int) -> int:
        return big + (1 if j in bonus[i] else 0)

    while True:
        # potentials over left nodes (dist) and right nodes, from the free left nodes
        inf = float("inf")
        dist_l = [0.0 if partner[i] == -1 else inf for i in range(n_left)]
        dist_r = [inf] * n_right
        via = [-1] * n_right
        for _ in range(n_left + n_right + 1):
            changed = False
            for i in range(n_left):
                if dist_l[i] == inf:
                    continue
                for j in edges[i]:
                    if partner[i] == j:
                        continue
                    d = dist_l[i] - weight(i, j)
                    if d < dist_r[j]:
                        dist_r[j], via[j], changed = d, i, True
            for j in range(n_right):
                i = owner[j]
                if i != -1 and dist_r[j] != inf and dist_r[j] + weight(i, j) < dist_l[i]:
                    dist_l[i], changed = dist_r[j] + weight(i, j), True
            if not changed:
                break
        free = [j for j in range(n_right) if owner[j] == -1 and dist_r[j] < 0]
        if not free:
            break
        j = min(free, key=lambda k: dist_r[k])
        while j != -1:       # flip the path back to a free left node
            i = via[j]
            previous = partner[i]
            owner[j], partner[i] = i, j
            j = previous
    return sorted((i, j) for i, j in enumerate(partner) if j != -1)
