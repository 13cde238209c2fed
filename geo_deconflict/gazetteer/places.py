"""Gazetteer records: a `Place`, a ranked `Candidate` for a name, a `Nearby` place for a point,
and the prior that ranks places sharing a name (feature class, population, capital, region)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from geo_deconflict.errors import CoordinateError
from geo_deconflict.geo.paths import data_dir

__all__ = ["KINDS", "Candidate", "Nearby", "Place"]


@lru_cache(maxsize=1)
def _world_countries() -> dict:
    """ISO2 -> Natural Earth 1:110m polygon, for countries without a 10m layer polygon."""
    from shapely.geometry import shape

    path = data_dir("layers", "world_countries_110m.geojson") / "world_countries_110m.geojson"
    with path.open(encoding="utf-8") as f:
        return {ft["properties"]["id"]: shape(ft["geometry"]) for ft in json.load(f)["features"]}


KINDS = MappingProxyType({
    "country": ("A", "PCLI"), "admin": ("A", None), "governorate": ("A", "ADM1"),
    "populated": ("P", None), "city": ("P", None), "town": ("P", None),
    "water": ("H", None), "river": ("H", None), "region": ("L", None),
    "site": ("S", None), "mountain": ("T", None), "hill": ("T", None),
})


_SUBJECT, _NEIGHBOURS = "SY", {"IQ", "JO", "LB", "TR", "IL", "PS"}
_WIDER = {"CY", "EG", "SA", "IR", "KW", "QA", "AE", "BH", "OM", "YE", "AZ", "AM", "GE"}


_FLOOR = {"PPLA": 20_000, "PPLA2": 10_000, "PPLA3": 2_000}


def _prior(fclass: str, fcode: str, country: str, population: int, *,
           bundled: bool = True) -> float:
    """How likely a bare mention of a name means this place, before context (a log scale).

    Populated places score 10·log10(population); a tenfold population is one step of 10. A
    bundled place without a population counts as the file's floor, 500, or, for an
    administrative centre (PPLA, PPLA2, PPLA3), as a town of 20,000, 10,000 or 2,000.
    The regional prior is strong because this is a Syrian toolkit: a Syrian town of 500 people
    (27 + 30) outranks a town of 30,000 beyond the neighbours (45 + 8), and a neighbour's city
    (Tripoli, Lebanon) a same-named capital further away.
    """
    fcode = fcode or ""
    if fclass == "P" and bundled and not population:
        # no census figure: an administrative centre is a town, anything else the file's floor
        population = _FLOOR.get(fcode, 500)
    if fclass == "A":
        base = 100.0 if fcode.startswith("PCL") else 92.0 if fcode == "ADM1" else 70.0
    elif fclass == "P":
        base = 10 * math.log10(max(population, 0) + 1)
        base += 12 if fcode == "PPLC" else 4 if fcode in ("PPLA", "PPLG") else 0
        if fcode in ("PPLQ", "PPLH", "PPLW"):  # abandoned, historical, destroyed
            base -= 10
    elif bundled:
        base = {"H": 85.0, "L": 80.0, "S": 80.0, "T": 75.0}.get(fclass, 50.0)
    else:  # imported wells, wadis, hills ... must not outrank towns
        base = 25 + 10 * math.log10(max(population, 0) + 1)
    if country == _SUBJECT:
        base += 30
    elif country in _NEIGHBOURS:
        base += 20
    elif country in _WIDER:
        base += 8
    return base


@dataclass(frozen=True, slots=True)
class Place:
    """A named place: a point (lon, lat, EPSG:4326) with what is known about it.

    ``id`` is ``gn:<geonameid>`` for GeoNames places, ``country:<ISO2>``, ``gov:<ISO 3166-2>``,
    ``river:<id>``, ``site:<id>`` or ``region:<id>`` for the project's own. Area and line
    features (countries, governorates, rivers) keep a reference to their shipped geometry in
    ``layer``; regions of the curated table carry an approximate extent ``radius_m``.
    Syrian towns, villages and sites record their governorate in ``admin1`` (``"SY-DY"``).
    """

    id: str
    name_en: str
    name_ar: str | None
    lon: float
    lat: float
    feature_class: str
    feature_code: str = ""
    country: str = ""
    population: int = 0
    geonameid: int | None = None
    names: tuple[str, ...] = ()
    approximate: bool = False
    radius_m: float | None = None
    layer: str | None = None
    source: str = ""
    admin1: str = ""   # ISO 3166-2 code of the Syrian governorate a point place lies in

    def __post_init__(self) -> None:
        if not (-180 <= self.lon <= 180 and -90 <= self.lat <= 90):
            msg = f"coordinates out of range for {self.id!r}: lon={self.lon}, lat={self.lat}"
            raise CoordinateError(msg)

    def geometry(self):
        """The place's geometry: its shipped polygon or line if it has one, else its point."""
        from shapely.geometry import Point

        if self.layer:
            layer, fid = self.layer.split(":", 1)
            if layer == "world":
                return _world_countries().get(fid, Point(self.lon, self.lat))
            from geo_deconflict.geo.layers import feature_geometry

            geom = feature_geometry(layer, fid)
            if geom is not None:
                return geom
        return Point(self.lon, self.lat)

    def distance_m(self, lon: float, lat: float) -> float:
        """Geodesic distance in metres from (lon, lat) to this place (0 inside its area).

        Uses the shipped polygon or line where there is one, and for curated regions the
        circle of ``radius_m`` around their point.

        Examples
        --------
        >>> from geo_deconflict.gazetteer import resolve
        >>> euphrates = resolve("الفرات")
        >>> euphrates.distance_m(40.1528, 35.3441) < 2_000   # on the river at Deir ez-Zor
        True
        """
        from shapely.geometry import Point

        from geo_deconflict.geo.geodesy import geodesic_distance_m

        geom = self.geometry() if self.layer else None
        if geom is not None and geom.geom_type != "Point":
            pt = Point(lon, lat)
            if geom.covers(pt):
                return 0.0
            near = geom.interpolate(geom.project(pt)) if geom.geom_type.endswith(
                "LineString") else geom.boundary.interpolate(geom.boundary.project(pt))
            return float(geodesic_distance_m(lon, lat, near.x, near.y))
        dist = float(geodesic_distance_m(lon, lat, self.lon, self.lat))
        if self.radius_m:
            return max(0.0, dist - self.radius_m)
        return dist

    def to_dict(self) -> dict:
        """A JSON-ready dict of the place's fields."""
        return {f: (list(v) if isinstance(v, tuple) else v)
                for f in self.__dataclass_fields__ for v in [getattr(self, f)]}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked answer of `lookup`: the place, how sure (0-1) and how it matched."""

    place: Place
    score: float
    match: str      # "exact", "normalised", "clitic" or "fuzzy"
    matched: str    # the stored name (or key) that matched
    peeled: str = ""  # the proclitics removed, for the clitic tier ("و+ب")

    def to_dict(self) -> dict:
        """A JSON-ready dict: the place's fields plus score, match, matched and peeled."""
        return {**self.place.to_dict(), "score": self.score, "match": self.match,
                "matched": self.matched, "peeled": self.peeled}


@dataclass(frozen=True, slots=True)
class Nearby:
    """Answer of `reverse`: the nearest named place, with distance and bearing from it."""

    place: Place
    distance_m: float
    bearing_deg: float  # from the place to the point, clockwise from north
    direction: str      # 8-point compass of ``bearing_deg``

    @property
    def description(self) -> str:
        """``"12 km NE of Deir ez-Zor"``."""
        km = self.distance_m / 1000
        if km < 0.5:
            return f"at {self.place.name_en} ({self.distance_m:.0f} m {self.direction})"
        dist = f"{km:.1f}" if km < 10 else f"{km:.0f}"
        return f"{dist} km {self.direction} of {self.place.name_en}"
