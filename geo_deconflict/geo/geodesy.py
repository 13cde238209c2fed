"""Geodesic building blocks on the WGS84 ellipsoid: circles, buffers, areas, distances.

Nothing here buffers or measures in degrees. Points and polygons are (lon, lat) EPSG:4326;
distances are metres, areas square metres.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import shapely
from numpy.typing import ArrayLike
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    from pyproj import Transformer

__all__ = ["GEOD", "buffer_m", "geodesic_area_m2", "geodesic_circle", "geodesic_distance_m",
           "geodesic_length_m", "offset_point"]


class _Wgs84Geod:
    """pyproj's ``Geod(ellps="WGS84")``, made on first use: importing pyproj takes about
    0.08 s, and checking points without distances never needs it. The ellipsoid's parameters
    (``a``, ``f``, ``b``, ``es``) are given without it, equal to pyproj's to the last bit."""

    a = 6378137.0
    f = 1 / 298.257223563
    b = a * (1 - f)
    es = 1 - (b / a) ** 2
    _geod = None

    def __getattr__(self, name: str):
        geod = _Wgs84Geod._geod
        if geod is None:
            from pyproj import Geod

            geod = _Wgs84Geod._geod = Geod(ellps="WGS84")
        return getattr(geod, name)

    def __repr__(self) -> str:
        return "Geod(ellps='WGS84')"


GEOD = _Wgs84Geod()

# Vertices of a geodesic circle. With 256 the inscribed polygon's area is within 0.01 % of
# the circle's, and the boundary is never more than 0.0075 % of the radius inside it.
CIRCLE_VERTICES = 256


def geodesic_circle(lon: float, lat: float, radius_m: float, *,
                    n_points: int = CIRCLE_VERTICES) -> Polygon:
    """Polygon whose vertices lie exactly `radius_m` metres (geodesic) from (lon, lat).

    Examples
    --------
    >>> ring = geodesic_circle(38.61778, 33.50583, 55_000)
    >>> x, y = ring.exterior.coords[0]
    >>> round(GEOD.inv(38.61778, 33.50583, x, y)[2], 3)
    55000.0
    """
    if not radius_m > 0:
        msg = f"radius must be a positive number of metres, got {radius_m!r}"
        raise ValueError(msg)
    # Clockwise azimuths give a counter-clockwise ring in (lon, lat): azimuth 0 is north.
    azimuths = _azimuths(n_points).copy()
    lons = np.full(n_points, lon, dtype=float)
    lats = np.full(n_points, lat, dtype=float)
    # in place: the arrays are this call's own, and pyproj need not copy them
    GEOD.fwd(lons, lats, azimuths, np.full(n_points, radius_m, dtype=float), inplace=True)
    return shapely.polygons(np.column_stack([lons, lats]))


@lru_cache(maxsize=8)
def _azimuths(n_points: int) -> np.ndarray:
    return np.linspace(360.0, 0.0, n_points, endpoint=False)


def _local_aeqd(geom: BaseGeometry) -> tuple[Transformer, Transformer]:
    centre = geom.centroid
    return _aeqd(centre.x, centre.y)


@lru_cache(maxsize=256)
def _aeqd(lon: float, lat: float) -> tuple[Transformer, Transformer]:
    """The azimuthal equidistant projection centred on (lon, lat), both ways.

    The transformers are built from explicit PROJ pipelines (a fraction of a millisecond)
    rather than by `Transformer.from_crs` (over 10 ms: it searches PROJ's database for an
    operation between the two CRSs). The pipelines are those `from_crs` finds, with the
    centre as the CRS writes it, so coordinates are the same to the last bit.
    """
    from pyproj import CRS, Transformer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)   # "lose projection information"
        definition = CRS.from_proj4(
            f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m").to_proj4()
    params = dict(kv.split("=", 1) for kv in definition.split() if "=" in kv)
    aeqd = (f"+proj=aeqd +lat_0={params['+lat_0']} +lon_0={params['+lon_0']} "
            f"+x_0=0 +y_0=0 +ellps=WGS84")
    fwd = Transformer.from_pipeline(
        f"+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step {aeqd}")
    inv = Transformer.from_pipeline(
        f"+proj=pipeline +step +inv {aeqd} +step +proj=unitconvert +xy_in=rad +xy_out=deg")
    return fwd, inv


def buffer_m(geom: BaseGeometry, distance_m: float) -> BaseGeometry:
    """Buffer any geometry by `distance_m` metres.

    A point gets an exact `geodesic_circle`; lines and polygons are buffered in an azimuthal
    equidistant projection centred on the geometry, which keeps distances true to within
    0.1 % over a few hundred kilometres. Negative distances shrink polygons.

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> river = LineString([(40.0, 35.2), (40.3, 35.4)])
    >>> zone = buffer_m(river, 2_000)
    >>> zone.contains(river)
    True
    """
    if isinstance(geom, Point) and distance_m > 0:
        return geodesic_circle(geom.x, geom.y, distance_m)
    fwd, inv = _local_aeqd(geom)
    projected = shapely.transform(geom, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
    buffered = projected.buffer(distance_m, quad_segs=32)
    return shapely.transform(buffered, lambda xy: np.column_stack(inv.transform(xy[:, 0], xy[:, 1])))


def geodesic_area_m2(geom: BaseGeometry) -> float:
    """Geodesic area of a (multi)polygon in square metres (orientation does not matter).

    Examples
    --------
    >>> circle = geodesic_circle(38.6, 33.5, 55_000)
    >>> round(geodesic_area_m2(circle) / 1e6)    # pi * 55**2 = 9503.3 km2 for the true circle
    9502
    """
    if geom.is_empty:
        return 0.0
    parts = getattr(geom, "geoms", [geom])
    total = 0.0
    for part in parts:
        if isinstance(part, Polygon):
            total += abs(GEOD.geometry_area_perimeter(shapely.geometry.polygon.orient(part))[0])
    return total


def geodesic_length_m(geom: BaseGeometry) -> float:
    """Geodesic length of a (multi)line or a polygon's perimeter, in metres."""
    return float(GEOD.geometry_length(geom))


def geodesic_distance_m(lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike,
                        lat2: ArrayLike) -> np.ndarray:
    """Geodesic distances in metres between paired points (vectorised, broadcasting).

    Examples
    --------
    >>> float(geodesic_distance_m(38.61778, 33.50583, 38.668472, 33.310861).round(-2))
    22100.0
    """
    if all(type(a) in (float, int) for a in (lon1, lat1, lon2, lat2)):   # one pair: no arrays
        return np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[2])
    arrays = np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in (lon1, lat1, lon2, lat2)))
    _, _, dist = GEOD.inv(*(a.ravel() for a in arrays))
    return np.asarray(dist).reshape(arrays[0].shape)


def offset_point(lon: float, lat: float, azimuth_deg: float, distance_m: float) -> tuple[float, float]:
    """The point `distance_m` metres from (lon, lat) along `azimuth_deg` (0 = north, clockwise)."""
    x, y, _ = GEOD.fwd(lon, lat, azimuth_deg, distance_m)
    return float(x), float(y)


# ------------------------------------------------------------ ECEF and short geodesics in numpy

_A = GEOD.a
_E2 = GEOD.es
_IA2 = 1.0 / (GEOD.a * GEOD.a)
_IB2 = 1.0 / (GEOD.b * GEOD.b)
# Up to this chord length (metres) `chord_geodesic_m` is within 2 mm of Karney's algorithm
# (tests/geo/test_geodesy.py measures it); callers hand longer lines to a full inverse solution.
CHORD_MAX_M = 700_000.0


def ecef(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Earth-centred (x, y, z) in metres of points on the WGS84 ellipsoid (height 0)."""
    lam, phi = np.radians(lon), np.radians(lat)
    sin_phi = np.sin(phi)
    n = _A / np.sqrt(1.0 - _E2 * sin_phi * sin_phi)
    r = n * np.cos(phi)
    return r * np.cos(lam), r * np.sin(lam), n * (1.0 - _E2) * sin_phi


def chord_geodesic_m(dx: np.ndarray, dy: np.ndarray, dz: np.ndarray, sx: np.ndarray,
                     sy: np.ndarray, sz: np.ndarray, *, out: np.ndarray | None = None
                     ) -> np.ndarray:
    """Geodesic length in metres between two points on the ellipsoid, from their chord.

    ``d`` is the difference of the points' ECEF coordinates and ``s`` their sum. The line is
    taken as an arc of the circle whose curvature is the ellipsoid's normal curvature in the
    chord's direction at the middle of the line (the ellipsoid's surface point radially above
    the chord's midpoint): length = c asin(x) / x with x = c k / 2. The plane section through
    the two points is an ellipse whose curvature varies along the line only at order e**2 / R,
    which changes the length at the 5th order of c / R: 0.03 mm at 300 km, about 1 mm at
    600 km. Exact (0) for coincident points. No trigonometry: about 10x cheaper than
    Vincenty's iteration in numpy. The result is written into `out` if given (an array of the
    inputs' shape, none of them).

    Every step but the closing series (`asin_over_x`, shared with the compiled loop of
    `geo._kernel`) works in place on a few arrays (each operation is one pass over memory,
    which is what this costs), in the same order as the formulas in the comments, so the
    result is the same to the last bit.
    """
    # c2 = |d|**2; q = (dx**2 + dy**2) / a**2 + dz**2 / b**2: c**2 * (second fundamental form)
    q = dx * dx
    q += dy * dy
    dz2 = dz * dz
    c2 = np.add(q, dz2, out=out)
    q *= _IA2
    dz2 *= _IB2
    q += dz2
    # g = h2 / a**2 + z2 / b**2 (4 * a point on the chord's "height"), grad2 = h2 / a**4 +
    # z2 / b**4, with h2 = sx**2 + sy**2 and z2 = sz**2
    h2 = sx * sx
    h2 += sy * sy
    z2 = np.multiply(sz, sz, out=dz2)
    g = h2 * _IA2
    g += z2 * _IB2
    h2 *= _IA2 * _IA2
    z2 *= _IB2 * _IB2
    grad2 = h2
    grad2 += z2
    # x**2 = (c k / 2)**2 = q**2 g / (4 grad2 c2), with k = q / (c**2 |grad|) and
    # |grad| = sqrt(grad2 / g) on the surface
    x2 = q
    x2 *= q
    x2 *= g
    grad2 *= 4.0
    grad2 *= c2
    grad2 += 1e-300
    x2 /= grad2
    np.sqrt(c2, out=c2)
    c2 *= asin_over_x(x2)
    return c2


def asin_over_x(x2):
    """asin(x) / x from x**2, as its series (x < 0.06 in `chord_geodesic_m`: the 10th power
    term is below 1e-14); for arrays and for the compiled loop's scalars (`geo._kernel`)."""
    return (((x2 * (35.0 / 1152.0) + 5.0 / 112.0) * x2 + 3.0 / 40.0) * x2 + 1.0 / 6.0) * x2 + 1.0


_F = GEOD.f
_B = _A * (1.0 - _F)
_EP2 = (_A * _A - _B * _B) / (_B * _B)
_VINCENTY_MAX_M = 2_000_000.0  # beyond this, or if the iteration has not settled: pyproj


def geodesic_m(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray, *,
               chunk: int = 65_536) -> np.ndarray:
    """Geodesic distance in metres between paired points (WGS84), vectorised in numpy.

    Vincenty's inverse formulae with three fixed iterations on λ: for lines up to 2,000 km
    they agree with Karney's algorithm (pyproj) to well under a millimetre (tests/test_grid.py)
    at about a third of its cost. Longer lines, and any pair whose iteration has not settled
    (nearly antipodal points), are handed to pyproj.
    """
    lon1, lat1, lon2, lat2 = (np.asarray(a, dtype=float) for a in (lon1, lat1, lon2, lat2))
    out = np.empty(lon1.shape)
    for start in range(0, lon1.size, chunk):
        sl = slice(start, start + chunk)
        out[sl] = _vincenty(lon1[sl], lat1[sl], lon2[sl], lat2[sl])
    redo = ~(out <= _VINCENTY_MAX_M)  # NaN (not settled) or long
    if redo.any():
        out[redo] = GEOD.inv(lon1[redo], lat1[redo], lon2[redo], lat2[redo])[2]
    return out


def _vincenty(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Vincenty's inverse on one chunk; NaN where λ has not settled after 3 iterations."""
    big_l = np.radians(lon2 - lon1)
    tan1 = (1.0 - _F) * np.tan(np.radians(lat1))
    cos1 = 1.0 / np.sqrt(1.0 + tan1 * tan1)
    sin1 = tan1 * cos1
    tan2 = (1.0 - _F) * np.tan(np.radians(lat2))
    cos2 = 1.0 / np.sqrt(1.0 + tan2 * tan2)
    sin2 = tan2 * cos2
    cc, ss, cs, sc = cos1 * cos2, sin1 * sin2, cos1 * sin2, sin1 * cos2
    lam = big_l
    with np.errstate(invalid="ignore", divide="ignore"):
        for _ in range(4):
            sin_l, cos_l = np.sin(lam), np.cos(lam)
            a, b = cos2 * sin_l, cs - sc * cos_l
            sin_s = np.sqrt(a * a + b * b)
            cos_s = ss + cc * cos_l
            sigma = np.arctan2(sin_s, cos_s)
            sin_a = np.where(sin_s > 0, cc * sin_l / sin_s, 0.0)
            cos2_a = 1.0 - sin_a * sin_a
            cos_2m = np.where(cos2_a > 0, cos_s - 2.0 * ss / cos2_a, 0.0)
            if _ == 3:  # the 4th pass only evaluates σ etc. at the last λ
                break
            c = _F / 16.0 * cos2_a * (4.0 + _F * (4.0 - 3.0 * cos2_a))
            last = lam
            lam = big_l + (1.0 - c) * _F * sin_a * (
                sigma + c * sin_s * (cos_2m + c * cos_s * (2.0 * cos_2m * cos_2m - 1.0)))
        u2 = cos2_a * _EP2
        k1 = (np.sqrt(1.0 + u2) - 1.0) / (np.sqrt(1.0 + u2) + 1.0)
        big_a = (1.0 + 0.25 * k1 * k1) / (1.0 - k1)
        big_b = k1 * (1.0 - 0.375 * k1 * k1)
        dsigma = big_b * sin_s * (cos_2m + 0.25 * big_b * (
            cos_s * (2.0 * cos_2m * cos_2m - 1.0)
            - big_b / 6.0 * cos_2m * (4.0 * sin_s * sin_s - 3.0) * (4.0 * cos_2m * cos_2m - 3.0)))
        dist = _B * big_a * (sigma - dsigma)
    dist[~(np.abs(lam - last) < 1e-9)] = np.nan  # the next step would be ~f times smaller
    return dist
