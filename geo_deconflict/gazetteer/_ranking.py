"""Ranking and filtering for the gazetteer's lookups: the `lookup` filters (countries, kinds),
the tier confidences and the prior-weighted shares that become `Candidate` scores."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from geo_deconflict.errors import CoordinateError
from geo_deconflict.gazetteer.places import KINDS, Candidate, Place

if TYPE_CHECKING:
    from geo_deconflict.gazetteer.index import Gazetteer

_CLASSES = {"A", "P", "H", "L", "S", "T", "V", "R", "U"}
_TIER_CONF = {"exact": 1.0, "normalised": 0.95, "variant": 0.9, "clitic": 0.85, "fuzzy": 0.8}
_EXACT_BONUS = 3.0
_AR_MARKS = re.compile("[\u064b-\u0652]")


class _Filter:
    """Validated `country` and `kinds` arguments of `lookup`."""

    def __init__(self, country, kinds) -> None:
        self.countries = None
        if country is not None:
            codes = [country] if isinstance(country, str) else list(country)
            self.countries = {_country_code(c) for c in codes}
            if not codes or None in self.countries:
                msg = (f"country must be ISO 3166-1 codes such as 'SY' or 'SYR', or "
                       f"country names, not {country!r}")
                raise ValueError(msg)
        self.classes: set[str] = set()
        self.codes: dict[str, set] = {}
        if kinds is None:
            self.classes = set(_CLASSES)
            return
        kinds = [kinds] if isinstance(kinds, str) else list(kinds)
        for kind in kinds:
            k = str(kind)
            if k.upper() in _CLASSES and len(k) == 1:
                self.classes.add(k.upper())
                self.codes[k.upper()] = {None}
            elif k.lower() in KINDS:
                fclass, fcode = KINDS[k.lower()]
                self.classes.add(fclass)
                self.codes.setdefault(fclass, set()).add(fcode)
            else:
                msg = (f"unknown kind {kind!r}; choose GeoNames classes {sorted(_CLASSES)} "
                       f"or one of {sorted(KINDS)}")
                raise ValueError(msg)
        if not self.classes:
            raise ValueError("kinds must name at least one kind of place")

    def ok(self, fclass: str, fcode: str, country: str) -> bool:
        if fclass not in self.classes:
            return False
        if self.countries is not None and country not in self.countries:
            return False
        codes = self.codes.get(fclass)
        return not codes or None in codes or (fcode or "") in codes


_ALL = _Filter(None, None)


def _country_code(code) -> str | None:
    """ISO alpha-2 of an alpha-2 or alpha-3 code or a country name ("Syria"), else None."""
    if not isinstance(code, str) or not code.strip():
        return None
    code = code.strip()
    if code.isalpha() and len(code) == 2:
        return code.upper()
    import pycountry

    if code.isalpha() and len(code) == 3:
        hit = pycountry.countries.get(alpha_3=code.upper())
        return hit.alpha_2 if hit else None
    try:
        return pycountry.countries.lookup(code).alpha_2
    except LookupError:
        return _COUNTRY_NAMES.get(code.casefold())


# names in ACLED/UCDP country columns that pycountry does not know as written
_COUNTRY_NAMES = {"syria": "SY", "turkey": "TR", "iran": "IR", "russia": "RU",
                  "palestine": "PS", "united states": "US", "iraq": "IQ"}


def _rank(found: list[tuple], limit: int, gaz: Gazetteer, *,
          near: tuple[float, float] | None = None) -> list[Candidate]:
    """Candidates from matched rows ``(rank, prior, place, tier, matched, peeled[, sim])``.

    Rows of the best rank share the score: each gets its tier's confidence times its share
    of the weights ``exp(points / 10)``, where the points are the prior, an exact-spelling
    bonus, three times the fuzzy similarity, a bonus for being near `near`, and, for a governorate
    whose capital (or another town in it) bears the same name, a cap just below that town.
    """
    if not found:
        return []
    best_rank = min(r[0] for r in found)
    points = [_points(r, gaz, near) for r in found]
    _towns_before_governorates(found, points, gaz, best_rank)
    order = sorted(range(len(found)), key=lambda k: (found[k][0], -points[k]))
    head = [k for k in order if found[k][0] == best_rank]
    top = max(points[k] for k in head)
    weights = {k: math.exp((points[k] - top) / 10) for k in head}
    total = sum(weights.values())

    def conf(r: tuple) -> float:
        return _TIER_CONF[r[3]] * ((r[6] / 100) if len(r) > 6 else 1.0)

    scores = {k: conf(found[k]) * weights[k] / total for k in head}
    order = sorted(head, key=lambda k: -scores[k]) + order[len(head):]
    out = []
    for k in order[:limit]:
        r = found[k]
        share = weights[k] / total if k in weights else 0.0
        place = r[2] if isinstance(r[2], Place) else gaz.place_at(r[2])
        out.append(Candidate(place=place, score=round(conf(r) * share, 3), match=r[3],
                             matched=r[4], peeled=r[5]))
    return out


def _points(r: tuple, gaz: Gazetteer, near) -> float:
    pts = r[1] + (3 * r[6] if len(r) > 6 else 0)
    if r[3] == "exact":
        # a spelling with its vowel marks (عمّان, not عمان) says which place it is
        pts += _EXACT_BONUS * (6 if _AR_MARKS.search(r[4]) else 1)
    if near is not None:
        place = r[2] if isinstance(r[2], Place) else gaz.place_at(r[2])
        if place.feature_class in ("P", "S", "T", "L", "H") or place.feature_code == "ADM1":
            from geo_deconflict.geo.geodesy import GEOD

            km = GEOD.inv(near[0], near[1], place.lon, place.lat)[2] / 1000
            pts += 25.0 * math.exp(-km / 100.0)
    return pts


def _towns_before_governorates(found: list[tuple], points: list[float], gaz: Gazetteer,
                               best_rank: int) -> None:
    """A bare name shared by a governorate and a town in it (حلب، دير الزور، Raqqa) means
    the town: cap the governorate's points just below the best such town's."""
    c = gaz._cols
    for k, r in enumerate(found):
        if r[0] != best_rank or isinstance(r[2], Place) or c["fcode"][r[2]] != "ADM1":
            continue
        gov = c["id"][r[2]].removeprefix("gov:")
        towns = [points[m] for m, t in enumerate(found) if t[0] == best_rank
                 and not isinstance(t[2], Place) and c["fclass"][t[2]] == "P"
                 and c["admin1"][t[2]] == gov]
        if towns:
            points[k] = min(points[k], max(towns) - 3.0)


def _check_lonlat(lon, lat) -> tuple[float, float]:
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        raise CoordinateError(f"coordinates must be numbers: lon={lon!r}, lat={lat!r}") from None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise CoordinateError(f"coordinates must be finite: lon={lon}, lat={lat}")
    if not -180 <= lon <= 180:
        raise CoordinateError(f"longitude {lon} is outside -180..180")
    if not -90 <= lat <= 90:
        raise CoordinateError(f"latitude {lat} is outside -90..90")
    return lon, lat
