"""Geometries of relative place expressions: "east of the Euphrates", "the northern countryside
of Deir ez-Zor", "near Manbij", "55 km from al-Tanf", "30 km south of Raqqa".

Everything is built geodesically from an anchor (a point, a line or an area, lon/lat EPSG:4326):
directions are azimuth sectors measured on the ellipsoid from the anchor point, distances are
metres. The functions return shapely geometries; `geo_deconflict.geoparse.core` decides which one a
text means.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import GEOD, buffer_m, geodesic_circle
from geo_deconflict.geo.split import split_by_line

__all__ = ["DIRECTIONS", "NEAR_M", "countryside", "direction_part", "distance_from",
           "near", "offset_area", "representative", "river_side", "sector"]

# Compass directions -> centre azimuth in degrees (clockwise from north).
DIRECTIONS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
              "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0}

# What "near" means, by what the anchor is (metres around it).
NEAR_M = {"site": 10_000.0, "town": 10_000.0, "border": 15_000.0, "area": 10_000.0}

# Radius of the sector fans: larger than any area the toolkit reasons about.
_FAN_M = 1_500_000.0


def _check_direction(direction: str) -> float:
    try:
        return DIRECTIONS[direction]
    except KeyError:
        msg = f"unknown direction {direction!r}; expected one of {', '.join(DIRECTIONS)}"
        raise ValueError(msg) from None


def sector(lon: float, lat: float, direction: str, *, half_width_deg: float = 45.0,
           radius_m: float = _FAN_M) -> Polygon:
    """The geodesic wedge around `direction` seen from (lon, lat), out to `radius_m`.

    Examples
    --------
    >>> wedge = sector(38.0, 35.0, "north")
    >>> wedge.contains(Point(38.0, 36.0)), wedge.contains(Point(38.0, 34.0))
    (True, False)
    """
    centre = _check_direction(direction)
    azimuths = np.linspace(centre - half_width_deg, centre + half_width_deg, 91)
    n = len(azimuths)
    lons, lats, _ = GEOD.fwd(np.full(n, lon), np.full(n, lat), azimuths, np.full(n, radius_m))
    ring = np.empty((n + 1, 2))
    ring[0] = lon, lat
    ring[1:, 0], ring[1:, 1] = lons, lats
    return shapely.polygons(ring)   # the apex, then the arc (closed by shapely)


def direction_part(area: BaseGeometry, direction: str, *,
                   origin: Point | None = None) -> BaseGeometry:
    """The `direction` part of an area: the area within the wedge seen from `origin`.

    `origin` defaults to the area's centroid. "شرق سوريا" (eastern Syria) is
    ``direction_part(syria, "east")``.

    Examples
    --------
    >>> syria = layers.find_feature("Syria", layers=("countries",)).geometry
    >>> east = direction_part(syria, "east")
    >>> east.contains(Point(40.14, 35.34)), east.contains(Point(36.29, 33.51))  # Deir ez-Zor, Damascus
    (True, False)
    """
    origin = origin or area.centroid
    return area.intersection(sector(origin.x, origin.y, direction))


def countryside(area: BaseGeometry, *, town: Point | None = None,
                direction: str | None = None, town_radius_m: float = 5_000.0) -> BaseGeometry:
    """The countryside (ريف) of a governorate: the area outside its main town, optionally only
    the part in `direction` as seen from that town.

    Examples
    --------
    >>> gov = layers.find_feature("Deir ez-Zor", layers=("governorates",)).geometry
    >>> city = layers.find_feature("Deir ez-Zor", layers=("towns",)).geometry
    >>> north = countryside(gov, town=city, direction="north")
    >>> north.contains(Point(40.3, 35.55)), north.contains(city)
    (True, False)
    """
    result = area
    if town is not None:
        result = result.difference(geodesic_circle(town.x, town.y, town_radius_m))
    if direction is not None:
        result = direction_part(result, direction, origin=town)
    return result


@lru_cache(maxsize=8)
def _river_sides(river: str, area_name: str) -> tuple[BaseGeometry, BaseGeometry]:
    area = layers.find_feature(area_name, layers=("countries",)).geometry
    return split_by_line(area, layers.river_line(river))


def river_side(river: str, side: str, *, area: str = "Syria",
               within: BaseGeometry | None = None) -> BaseGeometry:
    """The part of `area` on one side of a river: ``left``/``right`` of its downstream flow, or
    ``east``/``west``/``north``/``south`` resolved against the river's general course.

    For the Euphrates in Syria, east and north are its left bank. `within` clips the result
    (for example to one governorate).

    Examples
    --------
    >>> east = river_side("euphrates", "east")
    >>> east.contains(Point(40.30944, 35.33611)), east.contains(Point(40.14084, 35.33588))
    (True, False)
    """
    side = _bank_of(river, side)
    left, right = _river_sides(layers.find_feature(river, layers=("rivers",)).id, area)
    part = left if side == "left" else right
    return part.intersection(within) if within is not None else part


def _bank_of(river: str, side: str) -> str:
    if side in ("left", "right"):
        return side
    if side not in DIRECTIONS:
        msg = f"unknown side {side!r}; expected left, right or a compass direction"
        raise ValueError(msg)
    line = layers.river_line(river)
    (x0, y0), (x1, y1) = line.coords[0], line.coords[-1]
    flow = GEOD.inv(x0, y0, x1, y1)[0]  # the river's general course
    # left of the flow is the flow azimuth minus 90 degrees
    left_azimuth = (flow - 90.0) % 360.0
    diff = abs((DIRECTIONS[side] - left_azimuth + 180.0) % 360.0 - 180.0)
    return "left" if diff < 90.0 else "right"


def near(anchor: BaseGeometry, *, kind: str = "town", distance_m: float | None = None) -> BaseGeometry:
    """The area near an anchor: a geodesic buffer of `distance_m` (default by `kind`, `NEAR_M`).

    Examples
    --------
    >>> manbij = layers.find_feature("Manbij", layers=("towns",)).geometry
    >>> zone = near(manbij)
    >>> zone.contains(Point(38.0, 36.55)), zone.contains(Point(38.3, 36.55))
    (True, False)
    """
    radius = distance_m if distance_m is not None else NEAR_M.get(kind, NEAR_M["town"])
    return buffer_m(anchor, radius)


def distance_from(anchor: Point, distance_m: float, *, tolerance: float = 0.1,
                  within: bool = False) -> BaseGeometry:
    """Places `distance_m` from an anchor point: a ring of ±`tolerance` (a fraction of the
    distance), or the whole disc when `within` ("within 55 km of").

    Examples
    --------
    >>> tanf = layers.find_feature("al_tanf_garrison").geometry
    >>> ring = distance_from(tanf, 55_000)
    >>> ring.contains(tanf), ring.contains(Point(*GEOD.fwd(tanf.x, tanf.y, 10, 55_000)[:2]))
    (False, True)
    """
    if distance_m <= 0:
        msg = f"distance must be positive, got {distance_m!r} m"
        raise ValueError(msg)
    outer = geodesic_circle(anchor.x, anchor.y, distance_m * (1 + tolerance))
    if within:
        return outer
    return outer.difference(geodesic_circle(anchor.x, anchor.y, distance_m * (1 - tolerance)))


def offset_area(anchor: Point, direction: str, distance_m: float, *,
                tolerance: float = 0.2) -> tuple[Point, BaseGeometry]:
    """"30 km south of Raqqa": the point `distance_m` along `direction` from the anchor, and an
    uncertainty disc around it (radius `tolerance` × distance).

    Examples
    --------
    >>> raqqa = layers.find_feature("Raqqa", layers=("towns",)).geometry
    >>> point, area = offset_area(raqqa, "south", 30_000)
    >>> round(GEOD.inv(raqqa.x, raqqa.y, point.x, point.y)[2]), point.y < raqqa.y
    (30000, True)
    """
    azimuth = _check_direction(direction)
    x, y, _ = GEOD.fwd(anchor.x, anchor.y, azimuth, distance_m)
    point = Point(x, y)
    return point, geodesic_circle(x, y, max(distance_m * tolerance, 1_000.0))


def representative(geom: BaseGeometry) -> Point:
    """A point inside an area (or on a line) that stands for it on a map."""
    if geom.is_empty:
        msg = "empty geometry has no representative point"
        raise ValueError(msg)
    return shapely.point_on_surface(geom)
