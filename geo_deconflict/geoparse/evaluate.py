"""Score a geoparser against gold place annotations (the seed set's ``places.jsonl`` format).

Gold lines are ``{"doc", "kind", "start", "end", "lat", "lon", "metonymic", "relative"}``
(``kind`` is ``toponym`` or ``relative``; ``relative`` holds ``relation`` and ``anchor``).
The texts are ``<doc>.txt`` files in one folder.

* **Detection**: a predicted span counts when it overlaps a gold span of the same kind
  (one-to-one, largest overlap first); precision, recall and F1.
* **Resolution**, over matched pairs: the geodesic error from the gold point to the
  prediction's point. Like is compared with like: where the gold is an area or a line (class
  A, H or L: a country, a governorate, a river, a region) *and* the prediction is of the same
  class, or for a relative expression's geometry, the error is to the nearest point of the
  predicted area or line (0 inside it), so that a correct country is not penalised for where
  an annotator put its pin; a governorate predicted for a town (or a town for a governorate)
  is measured point to point, so the wrong level is never excused. Accuracy within 25 km and
  161 km (100 miles), and the mean error in km.
* **Relative expressions**: also the recall of gold expressions found with the right
  relation and the right anchor (same name words, or the anchor within 25 km of the gold
  anchor toponym).
* **Metonymy**: accuracy, precision and recall of the ``metonymic`` flag on matched toponyms.

``include_metonymic=False`` drops metonymic gold toponyms, and predictions that overlap
them or that the parser itself flagged as metonymic, before scoring.

**Proximity.** Annotation guidelines differ on whether mere proximity ("near X", «قرب X»,
«محيط X») is a relative expression: the seed set annotates it (relation ``near``), the
development corpus does not. The parser always reports it (a user mapping "near al-Tanf" wants
the area). ``proximity="auto"`` scores it only when the gold set uses the ``near`` relation at
all; ``"include"`` and ``"exclude"`` force either convention. Excluded means ``near``
expressions are left out on both sides before scoring.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from geo_deconflict.errors import InputFileError

__all__ = ["GeoparseEvaluation", "Scores", "evaluate_geoparse", "read_gold", "score_geoparse"]

_ANCHOR_STOP = {"the", "of", "governorate", "province", "boundary", "border", "borders",
                "tripoint", "river", "city", "town", "area", "areas", "struck", "near", "east",
                "west", "north", "south", "part", "side", "bank", "countryside", "left",
                "right", "other", "within", "km", "from", "de", "al", "el", "ez", "az"}


@dataclass(frozen=True, slots=True)
class Scores:
    """Detection and resolution figures for one kind of mention."""

    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    resolved: int                    # matched pairs with a predicted and a gold point
    acc_25km: float | None
    acc_161km: float | None
    mean_error_km: float | None
    right_relation_anchor: int | None = None   # relatives only
    relation_recall: float | None = None       # ... as a share of the gold relatives


@dataclass(frozen=True, slots=True)
class GeoparseEvaluation:
    """What `evaluate_geoparse` measured; `format` renders it as the CLI prints it."""

    documents: int
    include_metonymic: bool
    toponyms: Scores
    relatives: Scores
    metonymy_accuracy: float | None
    metonymy_precision: float | None
    metonymy_recall: float | None
    proximity: bool = True           # whether "near X" expressions were scored

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)

    def format(self) -> str:
        """A plain-text report (a table and two summary lines)."""
        def pct(x):
            return "-" if x is None else f"{x:.3f}"

        def km(x):
            return "-" if x is None else f"{x:.1f}"

        head = ("kind", "gold", "found", "match", "precision", "recall", "F1", "acc@25km",
                "acc@161km", "mean err km")
        rows = [head]
        for name, s in (("toponyms", self.toponyms), ("relative", self.relatives)):
            rows.append((name, str(s.gold), str(s.predicted), str(s.matched), pct(s.precision),
                         pct(s.recall), pct(s.f1), pct(s.acc_25km), pct(s.acc_161km),
                         km(s.mean_error_km)))
        widths = [max(len(r[c]) for r in rows) for c in range(len(head))]
        which = "included" if self.include_metonymic else "excluded"
        prox = "scored" if self.proximity else "not scored (the gold annotates none)"
        head_line = (f"{self.documents} documents; metonymic mentions {which}; "
                     f"proximity expressions (near X) {prox}")
        lines = [head_line]
        for k, r in enumerate(rows):
            lines.append("  ".join(v.ljust(w) if c == 0 else v.rjust(w)
                                   for c, (v, w) in enumerate(zip(r, widths))).rstrip())
            if k == 0:
                lines.append("  ".join("-" * w for w in widths))
        rel = self.relatives
        if rel.right_relation_anchor is not None:
            lines.append(f"relative expressions with the right relation and anchor: "
                         f"{rel.right_relation_anchor}/{rel.gold} = {pct(rel.relation_recall)}")
        if self.metonymy_accuracy is not None:
            lines.append(f"metonymy flag on matched toponyms: accuracy "
                         f"{pct(self.metonymy_accuracy)}, precision {pct(self.metonymy_precision)},"
                         f" recall {pct(self.metonymy_recall)}")
        return "\n".join(lines)


def read_gold(path: str | os.PathLike) -> list[dict]:
    """The lines of a gold ``places.jsonl`` file, checked for the fields scoring needs."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"gold file not found: {path}")
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputFileError(f"{path}:{n}: not JSON ({err.msg})") from None
            missing = [k for k in ("doc", "kind", "start", "end") if k not in row]
            if missing:
                raise InputFileError(f"{path}:{n}: missing field(s) {', '.join(missing)}")
            out.append(row)
    return out


def evaluate_geoparse(gold: str | os.PathLike | Iterable[Mapping],
                      texts_dir: str | os.PathLike, *, include_metonymic: bool = True,
                      proximity: str = "auto",
                      parse: Callable[[str], list] | None = None,
                      gazetteer=None) -> GeoparseEvaluation:
    """Run the geoparser on every gold document and score it (see the module docstring).

    Parameters
    ----------
    gold
        A ``places.jsonl`` path, or its lines as dicts.
    texts_dir
        Folder with ``<doc>.txt`` for every ``doc`` of the gold lines.
    include_metonymic
        Score metonymic toponyms too (False leaves them, and mentions flagged metonymic, out).
    proximity
        ``"auto"`` (score "near X" expressions when the gold uses the ``near`` relation),
        ``"include"`` or ``"exclude"``.
    parse
        ``text -> list of Mention``; default `geoparse.geoparse` with `gazetteer`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("اشتباكات قرب منبج", encoding="utf-8")
    >>> gold = [{"doc": "a", "kind": "toponym", "start": 13, "end": 17, "lat": 36.528,
    ...          "lon": 37.955, "metonymic": False, "relative": None}]
    >>> ev = evaluate_geoparse(gold, d)
    >>> ev.toponyms.f1, ev.toponyms.acc_25km
    (1.0, 1.0)
    """
    if parse is None:
        from geo_deconflict.geoparse.core import geoparse

        def parse(text):
            return geoparse(text, gazetteer=gazetteer)

    lines = read_gold(gold) if isinstance(gold, (str, os.PathLike)) else [dict(g) for g in gold]
    texts_dir = Path(texts_dir)
    if not texts_dir.is_dir():
        raise InputFileError(f"texts folder not found: {texts_dir}")
    predictions = {}
    for doc in sorted({str(g["doc"]) for g in lines}):
        path = texts_dir / f"{doc}.txt"
        if not path.is_file():
            raise InputFileError(f"no text for document {doc!r}: {path} is missing")
        predictions[doc] = parse(path.read_text(encoding="utf-8"))
    return score_geoparse(lines, predictions, include_metonymic=include_metonymic,
                          proximity=proximity)


_PROXIMITY = ("auto", "include", "exclude")


def score_geoparse(gold: Iterable[Mapping], predictions: Mapping[str, list], *,
                   include_metonymic: bool = True,
                   proximity: str = "auto") -> GeoparseEvaluation:
    """Score `predictions` (doc -> list of Mention or dicts like `Mention.to_dict`)."""
    if proximity not in _PROXIMITY:
        raise ValueError(f"proximity must be one of {', '.join(_PROXIMITY)}: {proximity!r}")
    gold = [dict(g) for g in gold]
    scored = proximity == "include" or (proximity == "auto" and any(
        _is_near(g.get("relative")) for g in gold if g.get("kind") == "relative"))
    if not scored:
        gold = [g for g in gold if not (g.get("kind") == "relative"
                                        and _is_near(g.get("relative")))]
    by_doc: dict[str, list[dict]] = {}
    for g in gold:
        by_doc.setdefault(str(g["doc"]), []).append(g)
    topo_pairs, rel_pairs = [], []
    counts = {"toponym": [0, 0], "relative": [0, 0]}
    right_rel = 0
    for doc in sorted(set(by_doc) | set(predictions)):
        golds = by_doc.get(doc, [])
        preds = [_Pred.of(p) for p in predictions.get(doc, [])]
        if not scored:
            preds = [p for p in preds if not (p.kind == "relative" and p.relation == "near")]
        if not include_metonymic:
            dropped = [g for g in golds if g["kind"] == "toponym" and g.get("metonymic")]
            golds = [g for g in golds if g not in dropped]
            preds = [p for p in preds if not (p.kind == "toponym" and (p.metonymic or any(
                _overlap(p, g) for g in dropped)))]
        for kind, pairs in (("toponym", topo_pairs), ("relative", rel_pairs)):
            gk = [g for g in golds if g["kind"] == kind]
            pk = [p for p in preds if p.kind == kind]
            counts[kind][0] += len(gk)
            counts[kind][1] += len(pk)
            matched = _match(gk, pk)
            pairs.extend(matched)
            if kind == "relative":
                anchors = [g for g in golds if g["kind"] == "toponym" and g.get("relative")]
                right_rel += sum(1 for g, p in matched if _right_relation(g, p, anchors))
    topo = _scores(counts["toponym"], topo_pairs)
    rel = _scores(counts["relative"], rel_pairs, right=right_rel)
    met = [(bool(g.get("metonymic")), p.metonymic) for g, p in topo_pairs]
    acc = prec = rec = None
    if met and include_metonymic:
        acc = sum(a == b for a, b in met) / len(met)
        flagged = [a for a, b in met if b]
        truly = [b for a, b in met if a]
        prec = sum(flagged) / len(flagged) if flagged else None
        rec = sum(truly) / len(truly) if truly else None
    return GeoparseEvaluation(documents=len(by_doc), include_metonymic=include_metonymic,
                              toponyms=topo, relatives=rel, metonymy_accuracy=acc,
                              metonymy_precision=prec, metonymy_recall=rec, proximity=scored)


def _is_near(relative) -> bool:
    return isinstance(relative, Mapping) and relative.get("relation") == "near"


# -- internals ---------------------------------------------------------------------------------
@dataclass(slots=True)
class _Pred:
    start: int
    end: int
    kind: str
    lon: float | None
    lat: float | None
    metonymic: bool
    relation: str | None
    anchor_name: str | None
    anchor_lonlat: tuple[float, float] | None
    error_to: Callable[[float, float], float] | None   # metres from a gold point
    feature_class: str | None = None

    @classmethod
    def of(cls, m) -> _Pred:
        if isinstance(m, Mapping):
            return cls(start=m["start"], end=m["end"], kind=m.get("kind", "toponym"),
                       lon=m.get("lon"), lat=m.get("lat"), metonymic=bool(m.get("metonymic")),
                       relation=m.get("relation"), anchor_name=m.get("anchor"),
                       anchor_lonlat=None, error_to=None, feature_class=m.get("feature_class"))
        place = m.place
        error_to = None
        if m.kind == "toponym" and place is not None and place.layer:
            error_to = place.distance_m
        elif m.kind == "relative" and m.geometry is not None:
            error_to = _geometry_distance(m.geometry)
        anchor = (place.lon, place.lat) if place is not None else None
        return cls(start=m.start, end=m.end, kind=m.kind, lon=m.lon, lat=m.lat,
                   metonymic=m.metonymic, relation=m.relation,
                   anchor_name=m.anchor_name or (place.name_en if place else None),
                   anchor_lonlat=anchor, error_to=error_to,
                   feature_class=place.feature_class if place is not None else None)

    def error_m(self, lon: float, lat: float, gold_class: str | None = None) -> float | None:
        area_gold = gold_class in _AREA_CLASSES and self.feature_class == gold_class
        if self.error_to is not None and (self.kind == "relative" or area_gold):
            return float(self.error_to(lon, lat))
        if self.lon is None or self.lat is None:
            return None
        from geo_deconflict.geo.geodesy import geodesic_distance_m

        return float(geodesic_distance_m(self.lon, self.lat, lon, lat))


# Gold classes whose point stands for an area or a line (the seed set's geonames_like_class).
_AREA_CLASSES = frozenset("AHL")


def _geometry_distance(geom):
    def dist(lon: float, lat: float) -> float:
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        from geo_deconflict.geo.geodesy import geodesic_distance_m

        pt = Point(lon, lat)
        if geom.covers(pt):
            return 0.0
        near = nearest_points(geom, pt)[0]
        return float(geodesic_distance_m(lon, lat, near.x, near.y))

    return dist


def _overlap(p, g) -> int:
    return max(0, min(p.end, g["end"]) - max(p.start, g["start"]))


def _match(golds: list[dict], preds: list[_Pred]) -> list[tuple[dict, _Pred]]:
    pairs = [(_overlap(p, g), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)]
    pairs = sorted((x for x in pairs if x[0] > 0), reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((golds[gi], preds[pi]))
    return out


def _scores(counts: list[int], pairs: list[tuple[dict, _Pred]], *,
            right: int | None = None) -> Scores:
    n_gold, n_pred = counts
    matched = len(pairs)
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    errors = []
    for g, p in pairs:
        if g.get("lat") is None or g.get("lon") is None:
            continue
        err = p.error_m(g["lon"], g["lat"], g.get("geonames_like_class"))
        if err is not None and math.isfinite(err):
            errors.append(err / 1000)
    acc25 = sum(e <= 25 for e in errors) / len(errors) if errors else None
    acc161 = sum(e <= 161 for e in errors) / len(errors) if errors else None
    mean = sum(errors) / len(errors) if errors else None
    return Scores(gold=n_gold, predicted=n_pred, matched=matched, precision=round(precision, 4),
                  recall=round(recall, 4), f1=round(f1, 4), resolved=len(errors),
                  acc_25km=None if acc25 is None else round(acc25, 4),
                  acc_161km=None if acc161 is None else round(acc161, 4),
                  mean_error_km=None if mean is None else round(mean, 2),
                  right_relation_anchor=right,
                  relation_recall=None if right is None else round(
                      right / n_gold if n_gold else 0.0, 4))


def _words(name: str | None) -> set[str]:
    if not name:
        return set()
    return {w for w in re.split(r"[^a-z0-9]+", name.lower()) if w and w not in _ANCHOR_STOP}


def _right_relation(g: dict, p: _Pred, anchors: list[dict]) -> bool:
    rel = g.get("relative") or {}
    if rel.get("relation") != p.relation:
        return False
    if _words(rel.get("anchor")) & _words(p.anchor_name):
        return True
    if p.anchor_lonlat is None:
        return False
    from geo_deconflict.geo.geodesy import geodesic_distance_m

    for a in anchors:
        if a["start"] >= g["start"] and a["end"] <= g["end"] and a.get("lat") is not None:
            d = geodesic_distance_m(p.anchor_lonlat[0], p.anchor_lonlat[1], a["lon"], a["lat"])
            if float(d) <= 25_000:
                return True
    return False
