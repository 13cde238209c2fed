"""Geometries and representative points of the relative expressions found by `geoparse`.

Each relation maps to one constructor of `relative`; geometries depend only on the relation,
the anchor and the parameters, so they are cached (a corpus names the same few anchors again
and again). The representative point depends on the text (the bank opposite the town the
report is about), so it is computed per mention.
"""

from __future__ import annotations

from functools import lru_cache

import shapely
from shapely.geometry import Point
from shapely.ops import nearest_points

from geo_deconflict.geo.geodesy import GEOD, buffer_m, geodesic_circle
from geo_deconflict.geoparse import relative

TOWN_COUNTRYSIDE_M = 30_000.0   # how far a town's countryside (ريف البلدة) reaches

_OPPOSITE = {"east": "west", "west": "east", "north": "south", "south": "north",
             "left": "right", "right": "left"}


def build(doc, rel, build_geometry: bool):
    """(geometry, (lon, lat)) for `rel` (a geo_deconflict.geoparse._relatives._Rel) in `doc` (a geoparse._Doc)."""
    from geo_deconflict.geoparse._places import _DIR_OF_M, _place_geometry

    anchor = rel.anchor
    ax, ay = rel.anchor_point
    relation = rel.relation
    lazy = not build_geometry  # then skip geometries the representative point does not need
    if rel.prev is not None:          # «مناطق قريبة»: near the previous expression's area
        px, py = rel.prev.point if rel.prev.point else (ax, ay)
        if lazy:
            return None, (px, py)
        return _near_point(round(px, 4), round(py, 4), "area"), (px, py)
    if rel.border:   # near a border, within some km of it, or a tripoint
        geom, point = _border(rel.border, doc.gaz, rel.distance_m)
        return geom, point
    if relation == "near":
        if lazy:
            return None, (ax, ay)
        if anchor.feature_class in ("P", "S", "T"):
            kind = "site" if anchor.feature_class == "S" else "town"
            return _near_point(round(ax, 5), round(ay, 5), kind), (ax, ay)
        return _near_area(anchor.id, anchor), (ax, ay)
    if relation in ("within_km", "distance_from") or (rel.distance_m
                                                      and relation.endswith("_of")):
        if rel.direction:
            if lazy:
                return None, _fwd(ax, ay, relative.DIRECTIONS[rel.direction], rel.distance_m)
            point, area = _offset(ax, ay, rel.direction, rel.distance_m)
            return area, (point.x, point.y)
        if lazy:
            return None, (ax, ay)
        if anchor.feature_class in ("P", "S", "T"):
            return _ring(round(ax, 5), round(ay, 5), rel.distance_m, rel.within), (ax, ay)
        return _cached(("within", anchor.id, rel.distance_m), lambda: buffer_m(
            _place_geometry(anchor.id, anchor), rel.distance_m)), (ax, ay)
    if anchor.feature_class == "H" and (relation.endswith(("_of", "_bank"))
                                        or relation == "other_side"):
        river = anchor.layer.split(":", 1)[1] if anchor.layer else anchor.name_en
        if relation == "other_side":
            side = _previous_side(doc, rel)
            if side is None:
                geom = _near_area(anchor.id, anchor)
                return geom, (ax, ay)
        else:
            side = relation.split("_")[0]
        geom = _river_side(river, side)
        return geom, _river_side_point(river, side, round(ax, 6), round(ay, 6))
    if relation.endswith("_of"):     # north of a town or site: a 50 km wedge
        x, y = _fwd(ax, ay, relative.DIRECTIONS[rel.direction], _DIR_OF_M / 2)
        if lazy:
            return None, (x, y)
        geom = _sector(round(ax, 5), round(ay, 5), rel.direction, _DIR_OF_M)
        return geom, (x, y)
    if relation.endswith("_part"):
        geom = _part(anchor.id, anchor, rel.direction, far=rel.far)
        return geom, _centre(geom, (ax, ay))
    if relation.endswith("countryside"):
        town = (round(ax, 5), round(ay, 5)) if anchor.feature_class in ("P", "S", "T") \
            else _capital_of(doc, rel)
        direction = rel.direction
        geom = _countryside(anchor.id, anchor, town, direction)
        if direction is None:
            return geom, (anchor.lon, anchor.lat)
        return geom, _countryside_point(geom, town, direction, (ax, ay))
    return None, (ax, ay)


@lru_cache(maxsize=65_536)
def _fwd(lon: float, lat: float, azimuth: float, distance_m: float) -> tuple[float, float]:
    """The point `distance_m` from (lon, lat) towards `azimuth` (one call of pyproj: a report
    gives the same anchor, direction and distance again and again)."""
    x, y, _ = GEOD.fwd(lon, lat, azimuth, distance_m)
    return x, y


def _countryside_point(geom, town, direction, fallback) -> tuple[float, float]:
    """25 km from the town towards `direction` if that is in the countryside `geom`, else a
    point inside it (once per countryside, town and direction: the areas are cached)."""
    key = (id(geom), town, direction)
    known = _CENTRES.get(key)
    if known is not None and known[0] is geom:
        return known[1]
    x, y, _ = GEOD.fwd(town[0], town[1], relative.DIRECTIONS[direction],
                       25_000.0) if town else (None, None, None)
    found = (x, y) if town and geom.contains(Point(x, y)) else _centre(geom, fallback)
    if not geom.is_empty:
        _CENTRES[key] = (geom, found)
    return found


def _inside(geom, near: Point):
    """A point just inside `geom` next to `near` (nudged 2 km towards the area's inside)."""
    if geom.contains(near):
        return near.x, near.y
    for azimuth in range(0, 360, 30):
        x, y, _ = GEOD.fwd(near.x, near.y, azimuth, 2_000.0)
        if geom.contains(Point(x, y)):
            return x, y
    return near.x, near.y


def _centre(geom, fallback: tuple[float, float]) -> tuple[float, float]:
    """A point inside `geom` (its centroid if inside, else a point on its surface); the
    anchor's point `fallback` when the geometry is empty."""
    if geom is None or geom.is_empty:
        return fallback
    known = _CENTRES.get(id(geom))
    if known is not None and known[0] is geom:
        return known[1]
    c = geom.centroid
    if geom.contains(c):
        found = c.x, c.y
    else:
        p = shapely.point_on_surface(geom)
        found = p.x, p.y
    if len(_CENTRES) > 10_000:
        _CENTRES.clear()
    _CENTRES[id(geom)] = (geom, found)   # the geometry is kept, so its id is not reused
    return found


_CENTRES: dict[int, tuple[object, tuple[float, float]]] = {}   # areas are cached: so are these


def _previous_side(doc, rel) -> str | None:
    for other in reversed(doc.rels):
        if other is rel or other.start >= rel.start or other.anchor is None:
            continue
        if other.anchor.id != rel.anchor.id:
            continue
        side = other.relation.split("_")[0]
        if side in _OPPOSITE and (other.relation.endswith("_of")
                                  or other.relation.endswith("_bank")):
            # «تعمل ... غرب النهر، و ... شرقاً ... على الجانب الآخر»: the other side of the
            # side named last
            return _OPPOSITE[side]
    return None


@lru_cache(maxsize=4096)
def _river_side_point(river: str, side: str, ax: float, ay: float) -> tuple[float, float]:
    """The point of a river side nearest the anchor, nudged inside (anchors repeat a lot)."""
    geom = _river_side(river, side)
    return _inside(geom, nearest_points(geom, Point(ax, ay))[0])


@lru_cache(maxsize=1024)
def _offset(x: float, y: float, direction: str, distance_m: float):
    return relative.offset_area(Point(x, y), direction, distance_m)


@lru_cache(maxsize=256)
def _near_point(x: float, y: float, kind: str):
    return relative.near(Point(x, y), kind=kind)


@lru_cache(maxsize=256)
def _ring(x: float, y: float, distance_m: float, within: bool):
    return relative.distance_from(Point(x, y), distance_m, within=within)


@lru_cache(maxsize=256)
def _sector(x: float, y: float, direction: str, radius_m: float):
    return relative.sector(x, y, direction, radius_m=radius_m)


_AREA_CACHE: dict[tuple, object] = {}


def _cached(key, make):
    if key not in _AREA_CACHE:
        _AREA_CACHE[key] = make()
    return _AREA_CACHE[key]


def _near_area(pid, place):
    from geo_deconflict.geoparse._places import _place_geometry

    return _cached(("near", pid), lambda: relative.near(
        _place_geometry(pid, place).simplify(0.005), kind="area"))


def _river_side(river: str, side: str):
    return _cached(("river", river, side), lambda: relative.river_side(river, side))


def _part(pid, place, direction, *, far=False):
    from geo_deconflict.geoparse._places import _place_geometry

    if far:   # «أقصى شرق سوريا»: the eastern part of the eastern part
        return _cached(("far part", pid, direction), lambda: relative.direction_part(
            _part(pid, place, direction), direction))
    return _cached(("part", pid, direction), lambda: relative.direction_part(
        _place_geometry(pid, place), direction))


def _countryside(pid, place, town, direction):
    from geo_deconflict.geoparse._places import _place_geometry

    def make():
        area = _place_geometry(pid, place)
        centre = Point(*town) if town else None
        if area.geom_type == "Point":
            # «ريف المالكية»: a town's countryside is the ring of villages around it, not
            # the town's point minus the town (which is empty)
            centre = area
            area = geodesic_circle(area.x, area.y, TOWN_COUNTRYSIDE_M)
        return relative.countryside(area, town=centre, direction=direction)

    return _cached(("countryside", pid, town, direction), make)


def _capital_of(doc, rel):
    """The governorate's main town: the same-named town of the text, else its capital."""
    gov = rel.anchor
    options = []
    for top in rel.tops:
        options.extend(c.place for c in top.cands)
        options.append(top.place)
    for place in options:
        if place.feature_class == "P" and _holds(gov.id, gov, place.lon, place.lat):
            return round(place.lon, 5), round(place.lat, 5)
    return _capital(doc.gaz, gov.id, gov)


def _holds(pid: str, place, lon: float, lat: float) -> bool:
    """Whether the area of `place` holds the point (the same towns are tested again and
    again against the same governorates: the answers are kept)."""
    from geo_deconflict.geoparse._lookups import _memo
    from geo_deconflict.geoparse._places import _place_geometry

    return _memo(_HOLDS, 100_000, (pid, lon, lat),
                 lambda: bool(_place_geometry(pid, place).contains(Point(lon, lat))))


_HOLDS: dict[tuple[str, float, float], bool] = {}


_CAPITALS: dict[tuple[int, str], tuple[float, float] | None] = {}


def _capital(gaz, pid: str, gov) -> tuple[float, float] | None:
    """The governorate's capital: its name's first town inside it (once per gazetteer)."""
    from geo_deconflict.geoparse._places import _place_geometry

    key = (id(gaz), pid)
    if key not in _CAPITALS:
        area = _place_geometry(pid, gov)
        name = gov.name_en.replace(" Governorate", "")
        _CAPITALS[key] = next(
            ((round(c.place.lon, 5), round(c.place.lat, 5))
             for c in gaz.lookup(name, kinds=["city"], country="SY", limit=3, fuzzy=False)
             if area.contains(Point(c.place.lon, c.place.lat))), None)
    return _CAPITALS[key]


def _border(ids: tuple[str, ...], gaz, distance_m: float | None = None):
    """Near the common border of the anchors (within `distance_m` of it when given): their
    shared boundary, buffered; for three countries, the point where their borders meet."""
    from geo_deconflict.geoparse._places import _place_geometry

    def make():
        from geo_deconflict.geoparse.relative import NEAR_M

        places = [gaz.get(pid) for pid in ids]
        areas = [(p.id, _place_geometry(p.id, p)) for p in places]
        areas = [(pid, a) for pid, a in areas if a.geom_type in ("Polygon", "MultiPolygon")]
        if not areas:
            return None, None
        if len(areas) == 1:
            shared = areas[0][1].boundary
        else:
            shared = _cached(("shared", ids), lambda: _shared_border(areas))
        geom = buffer_m(shared, distance_m or NEAR_M["border"])
        c = shared.centroid
        return geom, (c.x, c.y)

    return _cached(("border", ids, distance_m), make)


def _shared_border(areas: list[tuple[str, object]]):
    """The common border of areas [(id, polygon)]: where their 2 km boundary bands meet; the
    midpoint of the nearest stretch of the first two when they do not touch."""
    # a country's band is cached: it serves all its borders (Syria's, five)
    bands = [_cached(("band", pid), lambda a=a: buffer_m(a.boundary.simplify(0.002), 2_000.0))
             for pid, a in areas]
    shared = bands[0]
    for band in bands[1:]:
        shared = shared.intersection(band)
    if shared.is_empty:  # no common border: the nearest stretch of the first two
        a, b = nearest_points(areas[0][1].boundary, areas[1][1].boundary)
        shared = Point((a.x + b.x) / 2, (a.y + b.y) / 2)
    return shared
