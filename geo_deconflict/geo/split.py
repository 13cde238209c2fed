"""A polygon cut in two by a line, and on which side of the line each piece lies.

Used for the banks of the Euphrates: the zones' ``side_of_line`` recipe, the checker's banks
and the geoparser's «شرق الفرات». Sides are told geodesically, a couple of metres either side
of the line; nothing is measured in degrees.
"""

from __future__ import annotations

import itertools

import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import split

from geo_deconflict.errors import InvalidZoneError
from geo_deconflict.geo.geodesy import GEOD, offset_point

__all__ = ["polygonal", "split_by_line"]


def split_by_line(area: BaseGeometry, line: LineString) -> tuple[BaseGeometry, BaseGeometry]:
    """Split `area` by `line` into the parts left and right of the line's direction.

    Raises `InvalidZoneError` if the line does not cross the area from border to border.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> left, right = split_by_line(box(0, 0, 2, 2), LineString([(1, -1), (1, 3)]))  # northward
    >>> left.bounds, right.bounds
    ((0.0, 0.0, 1.0, 2.0), (1.0, 0.0, 2.0, 2.0))
    """
    parts = [p for p in getattr(area, "geoms", [area]) if isinstance(p, Polygon)]
    pieces = [p for p in split(area, line).geoms if isinstance(p, Polygon) and p.area > 0]
    if len(pieces) <= len(parts):
        msg = "the line does not cross the area from border to border, so it does not split it"
        raise InvalidZoneError(msg)
    sides = [_side_of_piece(piece, line) for piece in pieces]
    left = [p for p, s in zip(pieces, sides) if s == "left"]
    right = [p for p, s in zip(pieces, sides) if s == "right"]
    if not left or not right:
        msg = "the line touches the area but leaves it whole on one side"
        raise InvalidZoneError(msg)
    return polygonal(shapely.union_all(left)), polygonal(shapely.union_all(right))


# Distance of the probe points either side of the line used to tell the sides apart.
_PROBE_M = 2.0


def _side_of_piece(piece: Polygon, line: LineString) -> str:
    """'left' or 'right': on which side of `line` the split piece `piece` lies.

    Each segment of the line that runs along the piece's boundary is probed with a point
    a couple of metres (geodesic) either side of its midpoint; the piece holds one of them.
    The midpoint and the segment's direction are taken in lon/lat, where the split was made.
    """
    votes = {"left": 0, "right": 0}
    shared = piece.boundary.intersection(line)
    segments = [g for g in getattr(shared, "geoms", [shared])
                if isinstance(g, LineString) and not g.is_empty]
    if not segments:  # a piece the line does not touch (an island): side of the nearest point
        return _side_of_point(piece.representative_point(), line)
    for seg in segments:
        coords = list(seg.coords)
        for (x0, y0), (x1, y1) in itertools.pairwise(coords):
            if GEOD.inv(x0, y0, x1, y1)[2] < 4 * _PROBE_M:
                continue
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            # Orientation of the shared segment may be reversed relative to the line: align it.
            if line.project(Point(x1, y1)) < line.project(Point(x0, y0)):
                x0, y0, x1, y1 = x1, y1, x0, y0
            eps = 1e-4  # a step along the segment, as a fraction of it, to get its local azimuth
            azimuth = GEOD.inv(mx - eps * (x1 - x0), my - eps * (y1 - y0),
                               mx + eps * (x1 - x0), my + eps * (y1 - y0))[0]
            for side, turn in (("left", -90), ("right", 90)):
                if piece.contains(Point(offset_point(mx, my, azimuth + turn, _PROBE_M))):
                    votes[side] += 1
            if sum(votes.values()) >= 3:
                break
    if votes["left"] == votes["right"]:
        msg = "cannot tell on which side of the line a part of the area lies"
        raise InvalidZoneError(msg)
    return "left" if votes["left"] > votes["right"] else "right"


def _side_of_point(point: Point, line: LineString) -> str:
    """'left' or 'right' of the line's direction at the line's point nearest to `point`.

    Only the sign of a cross product in lon/lat is used (nothing is measured in degrees).
    """
    at = line.project(point)
    step = line.length * 1e-4
    a = line.interpolate(max(at - step, 0.0))
    b = line.interpolate(min(at + step, line.length))
    cross = (b.x - a.x) * (point.y - a.y) - (b.y - a.y) * (point.x - a.x)
    return "left" if cross > 0 else "right"


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the polygonal part of a geometry, made valid."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    return shapely.union_all(polys) if polys else Polygon()
