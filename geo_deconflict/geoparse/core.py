"""Geoparser for Arabic and English news: place mentions with offsets, and relative places.

`geoparse` turns a report into `Mention` values, in text order:

* **toponyms** — a place name, its span in the unmodified text (proclitics such as و ب ل
  and generic heads such as نهر / مدينة / محافظة left out), the resolved gazetteer `Place`,
  a score and the runner-up candidates, ACLED's geo-precision code and a `metonymic` flag for
  capitals and countries that stand for their governments («موسكو طلبت من واشنطن»);
* **relative expressions** — «شرق نهر الفرات», «ريف حماة الشمالي الشرقي», «الضفة اليسرى لنهر
  الفرات», «على بعد 55 كم», "30 km south of Raqqa", "near Manbij" — with a `relation`
  (``east_of``, ``north_part``, ``northeast_countryside``, ``left_bank``, ``within_km``,
  ``near`` ...), its anchor place and a geodesic **geometry** (`relative`), not a point.

How it works: the text is tokenised once (offsets kept); token keys (`names.arabic_key`) are
concatenated into n-grams that are looked up in the gazetteer's key index, longest first,
with Arabic proclitics peeled off the first token only. Matches are filtered by stop lists
(organisation names, common words, nisba adjectives) and by context (small or distant places
need a locative preposition or a generic head), then resolved with the context (ريف X and
محافظة X mean the governorate, مدينة X and a bare X the town). Relative expressions are
found around the toponyms with the word lists of `_lexicon`; implicit anchors («شرقاً»,
«شرق المحافظة», «الجانب الآخر من النهر», «على بعد 55 كم», «مناطق قريبة») are taken from
what the text mentioned last.

The parts: `_tokens` (tokens and word-list lookups), `_toponyms` (finding and resolving
names), `_metonymy`, `_relatives` (the scan and the shared builders, with the patterns in
`_relatives_ar` and `_relatives_en`), `_relgeom` (their geometries) and `_places` (place
helpers); `_Doc` below composes the finders and builds the `Mention` values.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, fields
from itertools import repeat
from operator import call

from geo_deconflict.gazetteer.api import load_gazetteer
from geo_deconflict.gazetteer.index import Gazetteer
from geo_deconflict.gazetteer.places import Candidate, Place
from geo_deconflict.geoparse._document import _DocumentContext
from geo_deconflict.geoparse._lookups import _ar_prefixes
from geo_deconflict.geoparse._metonymy import _Metonymy
from geo_deconflict.geoparse._places import (
    _DIR_OF_M as _DIR_OF_M,  # noqa: PLC0414 - re-exported for _relgeom and callers
)
from geo_deconflict.geoparse._places import _nearest_on, _precision
from geo_deconflict.geoparse._places import _place_geometry as _place_geometry  # noqa: PLC0414
from geo_deconflict.geoparse._relatives import (
    _describe,
    _Rel,
    _rel_precision,
    _rel_score,
    _Relatives,
)
from geo_deconflict.geoparse._relatives_ar import _ArabicRelatives
from geo_deconflict.geoparse._relatives_en import _EnglishRelatives
from geo_deconflict.geoparse._tokens import _Tok, _tokenize
from geo_deconflict.geoparse._toponyms import _STARTS, _Top, _ToponymFinder
from geo_deconflict.geoparse._variants import _PlaceCues

__all__ = ["RELATIONS", "Mention", "geoparse"]

# relation names (the seed annotation's vocabulary, extended with the other compass points)
RELATIONS = ("near", "within_km", "distance_from", "tri_border", "countryside", "other_side",
             "left_bank", "right_bank",
             "east_bank", "west_bank", "north_bank", "south_bank",
             *(f"{d}_{kind}" for kind in ("of", "part", "countryside")
               for d in ("north", "northeast", "east", "southeast", "south", "southwest",
                         "west", "northwest")))


# ---------------------------------------------------------------------------------------
# value object
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Mention:
    """A place mention: a toponym or a relative expression, with its span in the text.

    ``lon``/``lat`` are the resolved point (EPSG:4326): the place's point for a toponym, a
    representative point of `geometry` for a relative expression; None when the mention
    could not be resolved (it then abstains on its own). ``precision`` follows ACLED's
    geo_precision (1 town or site; 2 near a town or part of a region; 3 governorate, country
    or larger area). ``candidates`` are the runner-ups, best first. A toponym that anchors a
    relative expression repeats the expression's ``relation``. ``doubtful`` says the
    resolution is unsure: a small place far (over 150 km) from the area the report is about,
    or a name whose best reading wins by a thin margin over a distant namesake.
    """

    start: int
    end: int
    surface: str
    kind: str                        # "toponym" or "relative"
    place: Place | None = None       # the toponym's place, or the relative's anchor
    score: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    precision: int | None = None
    metonymic: bool = False
    relation: str | None = None
    anchor_name: str | None = None
    direction: str | None = None
    distance_m: float | None = None
    geometry: object = field(default=None, compare=False, repr=False)
    lon: float | None = None
    lat: float | None = None
    doubtful: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            msg = f"bad span {self.start}..{self.end} for {self.surface!r}"
            raise ValueError(msg)
        if self.kind not in ("toponym", "relative"):
            msg = f"kind must be 'toponym' or 'relative', not {self.kind!r}"
            raise ValueError(msg)

    @property
    def name(self) -> str | None:
        """English name of the place, or a description of the relative expression."""
        if self.kind == "relative":
            return _describe(self.relation, self.anchor_name, self.distance_m)
        return self.place.name_en if self.place else None

    @property
    def feature_class(self) -> str | None:
        """GeoNames-like class: the place's (P, A, H, L, S, T), ``L`` for relative areas."""
        if self.kind == "relative":
            return "L"
        return self.place.feature_class if self.place else None

    @property
    def is_event_location(self) -> bool:
        """Whether the point may be used as an event location (resolved and not metonymic)."""
        return self.lon is not None and not self.metonymic

    def to_dict(self, *, doc: str | None = None) -> dict:
        """A JSON-ready dict (the fields of ``geo-deconflict geoparse --format jsonl``)."""
        place = self.place
        out = {
            "doc": doc, "start": self.start, "end": self.end, "surface": self.surface,
            "kind": self.kind, "name": self.name,
            "id": place.id if place and self.kind == "toponym" else None,
            "name_ar": place.name_ar if place and self.kind == "toponym" else None,
            "lat": None if self.lat is None else round(self.lat, 6),
            "lon": None if self.lon is None else round(self.lon, 6),
            "feature_class": self.feature_class, "precision": self.precision,
            "score": round(self.score, 3), "metonymic": self.metonymic,
            "doubtful": self.doubtful,
            "relation": self.relation,
            "anchor": self.anchor_name,
            "anchor_id": place.id if place and self.kind == "relative" else None,
            "direction": self.direction,
            "distance_km": None if self.distance_m is None else self.distance_m / 1000,
            "candidates": [{"id": c.place.id, "name": c.place.name_en,
                            "feature_class": c.place.feature_class,
                            "score": round(c.score, 3)} for c in self.candidates],
        }
        if doc is None:
            del out["doc"]
        return out

    def to_feature(self, *, doc: str | None = None) -> dict | None:
        """A GeoJSON Feature: the relative area's polygon, or the toponym's point."""
        import shapely.geometry

        if self.lon is None:
            return None
        geom = self.geometry if self.geometry is not None else shapely.geometry.Point(
            self.lon, self.lat)
        props = self.to_dict(doc=doc)
        props.pop("candidates")
        return {"type": "Feature", "geometry": shapely.geometry.mapping(geom),
                "properties": props}


# A report gives tens of thousands of mentions a megabyte; a frozen dataclass's __init__ sets
# each of its 17 fields through object.__setattr__ (about 3.5 us a mention, a tenth of the
# geoparser's time on relative-heavy text). `_mention` sets the slots through their
# descriptors (about 1.2 us: the calls made by `map`, their None results run through by
# `any`) and makes the same checks as `Mention.__post_init__`; the fields, in `Mention`'s
# order, are positional.
_MENTION_SLOTS = tuple(getattr(Mention, f.name).__set__ for f in fields(Mention))


def _mention(*values) -> Mention:
    if len(values) != len(_MENTION_SLOTS):
        msg = f"{len(_MENTION_SLOTS)} values expected, not {len(values)}"
        raise ValueError(msg)   # not silently shifted
    m = object.__new__(Mention)
    any(map(call, _MENTION_SLOTS, repeat(m), values))
    if not 0 <= m.start <= m.end or m.kind not in ("toponym", "relative"):
        Mention.__post_init__(m)   # raises, naming the bad value
    return m


# ---------------------------------------------------------------------------------------
# public entry point
# ---------------------------------------------------------------------------------------
def geoparse(text: str, *, gazetteer: Gazetteer | None = None,
             relatives: bool = True, geometry: bool = True) -> list[Mention]:
    """Find the places mentioned in a news text (Arabic or English), in text order.

    Parameters
    ----------
    text
        The report; it is not modified, and every offset refers to it.
    gazetteer
        The gazetteer to resolve names with (default: `load_gazetteer()`).
    relatives
        Also find relative expressions (east of, countryside, near, distance ...).
    geometry
        Build the geodesic geometry of each relative expression (slower; without it only
        the relation, anchor and a representative point are given).

    Returns
    -------
    list of Mention
        Toponyms and relative expressions, ordered by start offset (a relative expression
        before the toponym it contains).

    Examples
    --------
    >>> ms = geoparse("قصفت الطائرات مواقع شرق نهر الفرات قرب دير الزور")
    >>> [(m.surface, m.relation) for m in ms]
    [('شرق نهر الفرات', 'east_of'), ('الفرات', 'east_of'), ('قرب دير الزور', 'near'), ('دير الزور', 'near')]
    >>> ms[0].geometry.contains(ms[0].geometry.representative_point())
    True
    >>> m = geoparse("Moscow said Russian jets struck targets north of Manbij.")
    >>> [(x.surface, x.metonymic, x.relation) for x in m]
    [('Moscow', True, None), ('north of Manbij', False, 'north_of'), ('Manbij', False, 'north_of')]
    """
    if not isinstance(text, str):
        msg = f"text must be a str, not {type(text).__name__}"
        raise TypeError(msg)
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    toks = _tokenize(text)
    doc = _Doc(text, toks, gaz)
    doc.find_toponyms()
    if relatives:
        doc.find_relatives(build_geometry=geometry)
    return doc.mentions()


# ---------------------------------------------------------------------------------------
# the document being parsed
# ---------------------------------------------------------------------------------------
def _thin_margin(top: _Top) -> bool:
    """The best reading barely beats a namesake more than 50 km away (not metonymic)."""
    if top.metonymic or top.settled or not top.cands or top.score >= 0.4:
        return False
    from geo_deconflict.geoparse._document import _km

    other = top.cands[0]
    return other.score >= top.score * 0.6 and _km(top.place, other.place) > 50


class _Doc(_ToponymFinder, _PlaceCues, _DocumentContext, _Metonymy, _Relatives,
           _ArabicRelatives, _EnglishRelatives):
    """One document being parsed: its tokens, toponyms (`_Top`) and relative expressions
    (`_Rel`). The finders are mixins, one module each; the output is built here."""

    def __init__(self, text: str, toks: list[_Tok], gaz: Gazetteer) -> None:
        self.text = text
        self.toks = toks
        self.gaz = gaz
        self.tops: list[_Top] = []
        self.rels: list[_Rel] = []
        self.rel_openers: list[int] = []   # tokens that may open one (`find_toponyms`)
        self.top_at: dict[int, _Top] = {}
        self.named_with_head: dict[int, Place] = {}
        self.named_ids: set[str] = set()   # the places named with a cue (`_add_top`)
        self.index = gaz.name_keys
        self.prefixes = _ar_prefixes(gaz)
        self.starts = _STARTS.setdefault(id(gaz), {})
        self.blocked = self._block_organisations()

    # -- output -----------------------------------------------------------------------------
    def mentions(self) -> list[Mention]:
        self._place_line_features()
        out: list[Mention] = []
        for top in self.tops:
            place = top.place
            lon, lat = top.point if top.point else (place.lon, place.lat)
            out.append(_mention(top.start, top.end, self.text[top.start:top.end], "toponym",
                                place, round(top.score, 3), tuple(top.cands),
                                _precision(place), top.metonymic, top.relation, None, None,
                                None, None, lon, lat, top.doubtful or _thin_margin(top)))
        for rel in self.rels:
            lon, lat = rel.point if rel.point else (None, None)
            out.append(_mention(rel.start, rel.end, self.text[rel.start:rel.end], "relative",
                                rel.anchor, _rel_score(rel), (), _rel_precision(rel), False,
                                rel.relation, rel.anchor_name, rel.direction, rel.distance_m,
                                rel.geometry, lon, lat, False))
        out.sort(key=lambda m: (m.start, m.kind != "relative", m.end))
        return out

    def _place_line_features(self) -> None:
        """Rivers and regions: the point nearest to the report's local focus."""
        lines = [top for top in self.tops if top.place is not None and top.point is None
                 and top.place.feature_class == "H"]
        if not lines:
            return
        towns, governorates = self._focuses()
        # the local (Syrian) town or site mentioned nearest to it in the text, else the
        # nearest Syrian governorate (the first in text order on a tie): found by bisection,
        # the toponyms being in text order
        near = towns or governorates
        if not near:
            return
        starts = [start for start, _ in near]
        for top in lines:
            k = bisect_left(starts, top.start)
            if k == len(starts) or k and top.start - starts[k - 1] <= starts[k] - top.start:
                k -= 1
            top.point = _nearest_on(top.place, near[k][1])

    def _focuses(self) -> tuple[list[tuple[int, tuple[float, float]]], ...]:
        """(start, point) of the literal Syrian towns and sites, and of the Syrian
        governorates, among the toponyms, in their order."""
        towns, governorates = [], []
        for other in self.tops:
            place = other.place
            if place is None or other.metonymic:
                continue
            if place.feature_class in ("P", "S", "T") and place.country in ("SY", ""):
                towns.append((other.start, (place.lon, place.lat)))
            elif place.feature_code == "ADM1" and place.country == "SY":
                governorates.append((other.start, (place.lon, place.lat)))
        return towns, governorates
