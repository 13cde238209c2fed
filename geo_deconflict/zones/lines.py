"""Geometry for line-based zone recipes: borders between areas, stretches of a line between
two places, geodesic strips along a line, and hulls of places.

Everything is measured in an azimuthal equidistant projection centred on the geometry at hand
(as `geo_deconflict.geo.geodesy.buffer_m` does), which keeps distances true to within 0.2 %
over a few hundred kilometres. Inputs and outputs are (lon, lat) EPSG:4326; distances metres.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import LineString, MultiLineString, MultiPoint, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, substring

from geo_deconflict.errors import InvalidZoneError
from geo_deconflict.geo.geodesy import buffer_m

__all__ = ["border_line", "hull_of", "stretch_between", "strip_along"]


class _Local:
    """Forward/inverse transforms of an azimuthal equidistant projection centred on (lon, lat)."""

    def __init__(self, lon: float, lat: float):
        crs = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
        self._fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        self._inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)

    @classmethod
    def around(cls, geom: BaseGeometry) -> _Local:
        centre = geom.envelope.centroid
        return cls(centre.x, centre.y)

    def fwd(self, geom: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geom, lambda xy: np.column_stack(self._fwd.transform(xy[:, 0], xy[:, 1])))

    def inv(self, geom: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geom, lambda xy: np.column_stack(self._inv.transform(xy[:, 0], xy[:, 1])))


def border_line(area: BaseGeometry, neighbour: BaseGeometry, *,
                tolerance_m: float = 5_000.0) -> LineString | MultiLineString:
    """The part of `area`'s outline that faces `neighbour` (within `tolerance_m` of it).

    The outline is that of ``area - neighbour``, so where the two overlap (Syria's UN boundary
    and the Israeli-held Golan) the line is the neighbour's edge inside the area; where they
    only touch (Syria and Turkey, from different sources) it is the area's own boundary.

    Examples
    --------
    >>> from geo_deconflict.geo import layers
    >>> syria = layers.find_feature("Syria").geometry
    >>> line = border_line(syria, layers.find_feature("Turkey").geometry)
    >>> from geo_deconflict.geo.geodesy import geodesic_length_m
    >>> round(geodesic_length_m(line) / 1000)     # the Syria-Turkey border (~820 km)
    804
    """
    minx, miny, maxx, maxy = area.bounds
    near = neighbour.intersection(box(minx - 1, miny - 1, maxx + 1, maxy + 1))
    if near.is_empty:
        msg = "the two areas are far apart: they share no border"
        raise InvalidZoneError(msg)
    outline = area.difference(neighbour).boundary
    line = outline.intersection(buffer_m(near, tolerance_m))
    parts = [g for g in getattr(line, "geoms", [line]) if isinstance(g, LineString) and not g.is_empty]
    if not parts:
        raise InvalidZoneError("the two areas share no border")
    merged = linemerge(MultiLineString(parts))
    pieces = list(getattr(merged, "geoms", [merged]))
    open_pieces = [g for g in pieces if not g.is_ring]   # rings are islands of overlap, not border
    if open_pieces and len(open_pieces) < len(pieces):
        merged = open_pieces[0] if len(open_pieces) == 1 else MultiLineString(open_pieces)
    return merged


def _one_line(line: BaseGeometry, start: Point, end: Point) -> LineString:
    """A single LineString from (possibly) several pieces (projected, metres): the piece within
    1 km of both places, or else the pieces chained in order with the gaps bridged."""
    if isinstance(line, LineString):
        return line
    pieces = sorted(line.geoms, key=lambda g: -g.length)
    for piece in pieces:  # one piece holding both places (ignores stray slivers)
        if piece.distance(start) < 1_000 and piece.distance(end) < 1_000:
            return piece
    coords: list[tuple[float, float]] = []
    remaining = list(line.geoms)
    current = min(remaining, key=lambda g: g.distance(start))
    remaining.remove(current)
    seq = list(current.coords)
    if Point(seq[-1]).distance(start) < Point(seq[0]).distance(start):
        seq.reverse()
    coords.extend(seq)
    while remaining:
        tail = Point(coords[-1])
        nxt = min(remaining, key=lambda g: g.distance(tail))
        remaining.remove(nxt)
        seq = list(nxt.coords)
        if Point(seq[-1]).distance(tail) < Point(seq[0]).distance(tail):
            seq.reverse()
        coords.extend(seq)
    return LineString(coords)


def stretch_between(line: BaseGeometry, start: tuple[float, float], end: tuple[float, float], *,
                    extend_m: float = 0.0) -> LineString:
    """The part of `line` between the points nearest `start` and `end` (lon, lat), lengthened
    by `extend_m` metres along the line at both ends (as far as the line goes), from start to end.

    Examples
    --------
    >>> line = LineString([(38.0, 36.8), (39.0, 36.8), (40.0, 36.8)])
    >>> part = stretch_between(line, (38.5, 36.9), (39.5, 36.7), extend_m=1_000)
    >>> [round(x, 2) for x, _ in part.coords]
    [38.49, 39.0, 39.51]
    """
    local = _Local.around(MultiPoint([start, end]))
    p0, p1 = local.fwd(Point(start)), local.fwd(Point(end))
    flat = local.fwd(line)
    if not isinstance(flat, LineString):
        flat = _one_line(flat, p0, p1)
    a, b = flat.project(p0), flat.project(p1)
    reverse = b < a
    lo, hi = sorted((a, b))
    lo, hi = max(0.0, lo - extend_m), min(flat.length, hi + extend_m)
    if hi - lo <= 0:
        raise InvalidZoneError("the two places project onto the same point of the line")
    part = substring(flat, lo, hi)
    if reverse:
        part = LineString(list(part.coords)[::-1])
    return local.inv(part)


def strip_along(line: LineString, distance_m: float, *, ends: str = "round",
                side: str | None = None) -> BaseGeometry:
    """The points within `distance_m` of `line` (a geodesic buffer in a local projection).

    ``ends="flat"`` cuts the strip square at each end of the line, across the line's direction
    over its last `distance_m` (so a jagged last segment does not tilt the cut). ``side``
    ``"left"`` or ``"right"`` keeps one side of the line (of its direction) only.

    Examples
    --------
    >>> from geo_deconflict.geo.geodesy import geodesic_area_m2
    >>> road = LineString([(36.0, 35.8), (36.5, 35.8)])          # about 45 km
    >>> round(geodesic_area_m2(strip_along(road, 6_000, ends="flat")) / 1e6)   # 45.2 x 12
    542
    """
    local = _Local.around(line)
    flat = local.fwd(line)
    if side is not None:
        signed = distance_m if side == "left" else -distance_m
        strip = flat.buffer(signed, quad_segs=16, single_sided=True)
    else:
        strip = flat.buffer(distance_m, quad_segs=16)
    if ends == "flat":
        for tip, back in ((flat.coords[-1], flat.interpolate(max(0.0, flat.length - distance_m))),
                          (flat.coords[0], flat.interpolate(min(flat.length, distance_m)))):
            strip = strip.difference(_beyond(Point(tip), back, distance_m))
    return local.inv(strip)


def _beyond(tip: Point, back: Point, distance_m: float) -> Polygon:
    """The square of side ~2*distance beyond `tip`, looking from `back` to `tip`."""
    u = np.array([tip.x - back.x, tip.y - back.y])
    norm = np.hypot(*u)
    if norm == 0:
        return Polygon()
    u /= norm
    n = np.array([-u[1], u[0]])
    r = distance_m * 1.05
    t = np.array([tip.x, tip.y])
    corners = [t + n * r, t + n * r + u * r, t - n * r + u * r, t - n * r]
    return Polygon(corners)


def hull_of(points: Sequence[tuple[float, float]], margin_m: float) -> BaseGeometry:
    """The convex hull of (lon, lat) points widened by `margin_m` metres (geodesic).

    Examples
    --------
    >>> from geo_deconflict.geo.geodesy import geodesic_area_m2
    >>> round(geodesic_area_m2(hull_of([(36.4, 33.57)], 3_000)) / 1e6, 1)   # pi * 9 = 28.3
    28.2
    """
    multi = MultiPoint(list(points))
    local = _Local.around(multi)
    return local.inv(local.fwd(multi).convex_hull.buffer(margin_m, quad_segs=16))
