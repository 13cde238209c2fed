"""Nearest points of lines for millions of points at once, and fast geodesic distances.

`Nearest` finds, for each point, the nearest point of a set of lines (zone boundaries, a
river) through a raster of candidate segments in the ellipsoidal Mercator plane, and measures
the geodesic distance to it from the chord in ECEF (`geodesy.chord_geodesic_m`). `PointSet`
holds the points' projections so that every zone's `Nearest` shares them. `geodesic_m` is a
vectorised Vincenty for longer lines.
"""

from __future__ import annotations

import threading
from functools import cached_property

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo_deconflict.geo.geodesy import CHORD_MAX_M, GEOD, chord_geodesic_m, ecef

# (west, south, east, north) degrees that every `Nearest` raster covers whatever its lines:
# the region the checks are meant for and round it, so that points there never fall back to
# testing every segment.
COVER = (32.0, 29.0, 46.0, 40.0)

_A = GEOD.a
_E = np.sqrt(GEOD.es)


def mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ellipsoidal (WGS84) Mercator x, y in metres: conformal, so locally isotropic."""
    phi = np.radians(lat)
    sin = np.sin(phi)
    psi = np.arctanh(sin) - _E * np.arctanh(_E * sin)
    return _A * np.radians(lon), _A * psi


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


class PointSet:
    """Points (lon, lat) with their Mercator and ECEF coordinates, each computed once when
    first needed (every zone's `Nearest` then shares them)."""

    def __init__(self, lon: np.ndarray, lat: np.ndarray):
        self.lon = np.asarray(lon, dtype=float)
        self.lat = np.asarray(lat, dtype=float)

    @cached_property
    def merc(self) -> tuple[np.ndarray, np.ndarray]:
        return mercator(self.lon, self.lat)

    @cached_property
    def xyz(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return ecef(self.lon, self.lat)

    def take(self, which: np.ndarray) -> PointSet:
        """The points selected by a boolean mask or an index array (computed parts kept)."""
        out = PointSet(self.lon[which], self.lat[which])
        for name in ("merc", "xyz"):
            if name in self.__dict__:
                out.__dict__[name] = tuple(a[which] for a in self.__dict__[name])
        return out

    def chunk(self, sl: slice) -> PointSet:
        """The points of slice `sl`, with both projections."""
        out = PointSet(self.lon[sl], self.lat[sl])
        out.__dict__["merc"] = tuple(a[sl] for a in self.merc)
        out.__dict__["xyz"] = tuple(a[sl] for a in self.xyz)
        return out


_R_MIN = GEOD.b * GEOD.b / GEOD.a  # the ellipsoid's smallest radius of curvature (metres)


def inverse_mercator(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) degrees of ellipsoidal Mercator (x, y): Newton on the isometric latitude."""
    psi = np.asarray(y, dtype=float) / _A
    phi = np.arctan(np.sinh(psi))  # the sphere's answer (the conformal latitude)
    for _ in range(4):
        sin = np.sin(phi)
        f = np.arctanh(sin) - _E * np.arctanh(_E * sin) - psi
        phi = phi - f * (1.0 - _E * _E * sin * sin) * np.cos(phi) / (1.0 - _E * _E)
    return np.degrees(np.asarray(x, dtype=float) / _A), np.degrees(phi)


def _reach(cy: np.ndarray, dist: np.ndarray, size: float) -> np.ndarray:
    """Plane distance from cell centres (Mercator northing `cy`) within which every segment
    that can be nearest (geodesically) to a point of the cell lies; `dist`: the centre's plane
    distance to the lines, `size`: the cell's side.

    The plane stretches lengths by the scale k = cosh(y / a), more towards the pole, so a plane
    distance is no geodesic one: over a few hundred kilometres the nearest segment in the plane
    may not be the nearest on the ellipsoid. With k_lo and k_hi bounding the scale on the way:
    the lines lie within D = dist / k_lo of the centre, the nearest point of any point of the
    cell within D + 2h (h: the cell's half-diagonal on the ellipsoid), and that many metres on
    the ellipsoid are at most (D + 2h) k_hi in the plane. Scales get 0.5 % of slack (the
    ellipsoid's scale differs from the sphere's cosh(y / a) by less than 0.34 %).
    """
    half = size / np.sqrt(2.0)
    y = np.abs(cy)
    k_lo = np.cosh(np.maximum(y - dist - half, 0.0) / _A) / 1.005
    ground = (dist + 2.0 * half) / k_lo
    y_hi = y + 1.5 * ground * np.cosh(y / _A) + half
    return ground * np.cosh(np.minimum(y_hi, 3.0 * _A) / _A) * 1.005


class Nearest:
    """Nearest point of a set of lines, for many points at once (vectorised numpy).

    The lines are cut into segments of at most `max_seg_deg` degrees. A raster of cells in the
    Mercator plane, over the lines' extent (plus `margin_deg`) and `cover`, lists for each cell
    the segments that can hold the nearest point of any point in it, and each point is tested
    against its cell's list only. Points beyond the raster are tested against every segment.
    Candidates are ranked, and distances measured, in ECEF (see `_locate`).

    A segment is listed for a cell if (a) it passes within d + 2h of the cell centre, d the
    centre's distance to the lines and h the cell half-diagonal, and (b) the cell meets the
    region whose nearest point can lie on the segment: the strip swept by its normals, or the
    wedge between the normals at its start vertex (at a convex vertex the nearest point may be
    the vertex itself), or beyond the free end of an open line. (a) alone leaves some dozens of
    segments per cell far from the lines; (b) brings that down to one to three.
    """

    def __init__(self, lines: BaseGeometry, *, max_seg_deg: float = 0.05, margin_deg: float = 4.0,
                 cells: int = 256, cover: tuple[float, float, float, float] | None = COVER,
                 chunk: int = 65_536):
        lines = shapely.segmentize(lines, max_seg_deg)
        ends, prev, open_end = [], [], []
        count = 0
        for part in getattr(lines, "geoms", [lines]):
            coords = np.asarray(part.coords)[:, :2]
            coords = coords[np.r_[True, np.any(coords[1:] != coords[:-1], axis=1)]]
            m = len(coords) - 1
            if m < 1:
                continue
            closed = m > 1 and bool(np.array_equal(coords[0], coords[-1]))
            ends.append(np.stack([coords[:-1], coords[1:]], axis=1))
            before = np.arange(count - 1, count + m - 1)
            before[0] = count + m - 1 if closed else -1  # a ring's first vertex follows its last
            prev.append(before)
            last = np.zeros(m, bool)
            last[-1] = not closed
            open_end.append(last)
            count += m
        segs = np.concatenate(ends)  # (S, 2 ends, lon/lat)
        self.prev = np.concatenate(prev)
        self.open_end = np.concatenate(open_end)
        self.a_ll, self.b_ll = segs[:, 0], segs[:, 1]
        ax, ay = mercator(self.a_ll[:, 0], self.a_ll[:, 1])
        bx, by = mercator(self.b_ll[:, 0], self.b_ll[:, 1])
        self.a = np.column_stack([ax, ay])
        self.ab = np.column_stack([bx - ax, by - ay])
        self.ab2 = np.maximum((self.ab ** 2).sum(axis=1), 1e-18)
        # contiguous copies: gathers from 1-D arrays are much cheaper than from columns
        self._alon, self._alat = self.a_ll[:, 0].copy(), self.a_ll[:, 1].copy()
        self._dlon = self.b_ll[:, 0] - self.a_ll[:, 0]
        self._dlat = self.b_ll[:, 1] - self.a_ll[:, 1]
        self.length = np.sqrt(self.ab2)
        self.unit = self.ab / self.length[:, None]
        self.chunk = chunk
        self._ecef_segments()
        # raster of candidate lists
        lon0, lat0, lon1, lat1 = shapely.bounds(lines)
        lon0, lat0 = lon0 - margin_deg, max(lat0 - margin_deg, -85.0)
        lon1, lat1 = lon1 + margin_deg, min(lat1 + margin_deg, 85.0)
        if cover is not None:
            lon0, lat0 = min(lon0, cover[0]), max(min(lat0, cover[1]), -85.0)
            lon1, lat1 = max(lon1, cover[2]), min(max(lat1, cover[3]), 85.0)
        (self.gx0, self.gx1), (self.gy0, self.gy1) = (
            a.tolist() for a in mercator(np.array([lon0, lon1]), np.array([lat0, lat1])))
        self.size = max(self.gx1 - self.gx0, self.gy1 - self.gy0) / cells
        self.nx = int(np.ceil((self.gx1 - self.gx0) / self.size))
        self.ny = int(np.ceil((self.gy1 - self.gy0) / self.size))
        self.tree = shapely.STRtree(shapely.linestrings(
            np.stack([self.a, self.a + self.ab], axis=1)))
        # Candidate lists are computed for a cell the first time a point falls in it (or loaded,
        # see `export`): cell -> flat[start[cell]:start[cell] + count[cell]].
        self.start = np.zeros(self.nx * self.ny, dtype=np.int64)
        self.count = np.zeros(self.nx * self.ny, dtype=np.int64)
        self.flat = np.zeros(0, dtype=np.int32)
        self.done = np.zeros(self.nx * self.ny, dtype=bool)
        self._lock = threading.Lock()

    def _ecef_segments(self) -> None:
        """Each segment in ECEF as X(t) = A + t AB + t (1 - t) C, through its ends and its
        lon/lat midpoint (the quadratic is within 0.1 mm of the true curve for 0.05 degrees),
        with 1 / |AB|**2 and C's part along AB for the feet."""
        a = np.column_stack(ecef(self.a_ll[:, 0], self.a_ll[:, 1]))
        b = np.column_stack(ecef(self.b_ll[:, 0], self.b_ll[:, 1]))
        mid = 0.5 * (self.a_ll + self.b_ll)
        m = np.column_stack(ecef(mid[:, 0], mid[:, 1]))
        u = b - a
        c = 4.0 * (m - 0.5 * (a + b))
        inv = 1.0 / np.maximum((u * u).sum(axis=1), 1e-18)
        self._x, self._y, self._z = (a[:, i].copy() for i in range(3))
        self._ux, self._uy, self._uz = (u[:, i].copy() for i in range(3))
        self._cx, self._cy, self._cz = (c[:, i].copy() for i in range(3))
        self._inv = inv
        self._q = (u * c).sum(axis=1) * inv  # C's part along AB: a lon/lat step is no even pace

    def export(self, cells: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """The candidate lists of `cells` (default: those computed so far), for `load`."""
        if cells is not None:
            self._fill(np.unique(np.asarray(cells, dtype=np.intp)))
        done = np.flatnonzero(self.done)
        counts = self.count[done]
        parts = [self.flat[a:a + c] for a, c in zip(self.start[done], counts)]
        flat = np.concatenate(parts) if parts else np.zeros(0, np.int32)
        return {"cells": done.astype(np.int64), "counts": counts.astype(np.int32),
                "segments": flat.astype(np.int32), "shape": np.array([self.nx, self.ny,
                                                                        len(self.a)])}

    def load(self, data: dict[str, np.ndarray]) -> bool:
        """Take candidate lists made by `export` for the same lines; False if they do not fit."""
        shape = np.asarray(data["shape"])
        if shape.tolist() != [self.nx, self.ny, len(self.a)]:
            return False
        cells, counts = np.asarray(data["cells"]), np.asarray(data["counts"], dtype=np.int64)
        with self._lock:
            self.start[cells] = np.cumsum(counts) - counts
            self.count[cells] = counts
            self.flat = np.asarray(data["segments"], dtype=np.int32)
            self.done[:] = False
            self.done[cells] = True
        return True

    def cells_of(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Flat raster cells of points (those off the raster left out)."""
        px, py = mercator(np.asarray(lon, float), np.asarray(lat, float))
        ix = np.floor((px - self.gx0) / self.size)
        iy = np.floor((py - self.gy0) / self.size)
        on = (ix >= 0) & (ix < self.nx) & (iy >= 0) & (iy < self.ny)
        return (iy[on] * self.nx + ix[on]).astype(np.intp)

    def _fill(self, cells: np.ndarray) -> None:
        """Compute the candidate segments of `cells` (flat indices) not computed yet."""
        with self._lock:
            cells = cells[~self.done[cells]]
            for start in range(0, cells.size, 4096):  # bounded memory: a few MB a batch
                self._fill_locked(cells[start:start + 4096])

    def _fill_locked(self, cells: np.ndarray) -> None:
        cx = self.gx0 + (cells % self.nx + 0.5) * self.size
        cy = self.gy0 + (cells // self.nx + 0.5) * self.size
        centres = shapely.points(cx, cy)
        _, dist = self.tree.query_nearest(centres, all_matches=False, return_distance=True)
        reach = _reach(cy, dist, self.size) + 1e-6 * self.size
        which, seg = self.tree.query(centres, predicate="dwithin", distance=reach)
        which, seg = self._reachable(which, seg, cx, cy, reach)
        which, seg = self._near_enough(which, seg, cx, cy)
        order = np.argsort(which, kind="stable")
        which, seg = which[order], seg[order]
        bounds = np.searchsorted(which, np.arange(cells.size + 1))
        self.start[cells] = len(self.flat) + bounds[:-1]
        self.count[cells] = np.diff(bounds)
        self.flat = np.concatenate([self.flat, seg.astype(np.int32)])  # a prefix never moves
        self.done[cells] = True

    def _near_enough(self, which: np.ndarray, seg: np.ndarray, cx: np.ndarray, cy: np.ndarray,
                     samples: int = 4) -> tuple[np.ndarray, np.ndarray]:
        """Keep the (cell, segment) pairs where, for some sample point p of the cell, the
        segment lies within D(p) + 2r of p on the ellipsoid: D(p) p's distance to the lines,
        r the farthest any point of the cell is from its nearest sample. (If the segment holds
        the nearest point of q, and p is q's sample: d(p, S) <= d(q, S) + r = D(q) + r <=
        D(p) + 2r.) The samples are the centres of `samples` x `samples` sub-cells. Measured
        by the chord: shorter than the geodesic, by less than c**3 / (20 R**2)."""
        if not which.size:
            return which, seg
        order = np.argsort(which, kind="stable")
        which, seg = which[order], seg[order]
        first = np.flatnonzero(np.r_[True, which[1:] != which[:-1]])
        sizes = np.diff(np.r_[first, which.size])
        step = self.size / samples
        half = step / np.sqrt(2.0)  # a sub-cell's half-diagonal, in the plane
        ground = half / np.cosh(np.maximum(np.abs(cy) - self.size, 0.0) / _A) * 1.005
        slack = np.repeat(2.0 * ground + 1.0, sizes)  # + 1 m: `_feet` is not exact
        keep = np.zeros(which.size, dtype=bool)
        offsets = (np.arange(samples) + 0.5) * step - 0.5 * self.size
        for ox in offsets:
            for oy in offsets:
                x, y, z = ecef(*inverse_mercator(cx + ox, cy + oy))
                chord = np.sqrt(self._chord2(seg, x[which], y[which], z[which]))
                best = np.minimum.reduceat(chord, first)
                best *= 1.0 + best * best / (20.0 * _R_MIN * _R_MIN)  # the geodesic's bound
                keep |= chord <= (np.repeat(best, sizes) + slack) * (1.0 + 1e-9)
        return which[keep], seg[keep]

    def _reachable(self, which: np.ndarray, seg: np.ndarray, cx: np.ndarray, cy: np.ndarray,
                   reach: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Keep the (cell, segment) pairs where the cell meets the segment's region (b).

        The regions are widened along the segment by r * r / R * (1 + tan(lat)), r the reach:
        a geodesic of length r is no straight line in the Mercator plane but bends towards the
        pole by up to r / 2R * tan(lat) radians, and so does the normal at its true foot.
        """
        half = 0.5 * self.size
        r = reach[which]
        tol = (1e-6 * self.size + 1e-3  # metres: points rounded onto a neighbouring cell
               + r * r / _A * (0.75 * np.abs(np.tanh(cy[which] / _A)) + 0.1))
        dx = cx[which] - self.a[seg, 0]
        dy = cy[which] - self.a[seg, 1]
        u = self.unit[seg]
        spread = half * np.abs(u).sum(axis=1) + tol  # half-extent of the box along u
        along = dx * u[:, 0] + dy * u[:, 1]
        lo, hi = along - spread, along + spread
        length = self.length[seg]
        keep = (lo <= length) & (hi >= 0)              # the strip of the normals
        keep |= self.open_end[seg] & (hi >= length)    # beyond the free end
        before = self.prev[seg]
        start = before < 0
        keep |= start & (lo <= 0)                      # before the free start
        joint = ~start & (lo <= 0)
        if joint.any():                                # the wedge at the start vertex
            v = self.unit[before[joint]]
            beyond = (dx[joint] * v[:, 0] + dy[joint] * v[:, 1]
                      + half * np.abs(v).sum(axis=1) + tol[joint])
            keep[np.flatnonzero(joint)[beyond >= 0]] = True
        return which[keep], seg[keep]

    def nearest(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(lon, lat) of the nearest point of the lines to each point."""
        points = PointSet(lon, lat)
        out_lon = np.empty(points.lon.shape)
        out_lat = np.empty(points.lat.shape)
        for start in range(0, points.lon.size, self.chunk):
            sl = slice(start, start + self.chunk)
            seg, t, _ = self._locate(points.chunk(sl))
            out_lon[sl] = self._alon[seg] + t * self._dlon[seg]
            out_lat[sl] = self._alat[seg] + t * self._dlat[seg]
        return out_lon, out_lat

    def distance(self, points: PointSet) -> np.ndarray:
        """Geodesic distance in metres from each point to the lines."""
        out = np.empty(points.lon.shape)
        for start in range(0, points.lon.size, self.chunk):
            sl = slice(start, start + self.chunk)
            part = points.chunk(sl)
            seg, t, (rx, ry, rz) = self._locate(part)
            x, y, z = part.xyz
            d = chord_geodesic_m(rx, ry, rz, 2.0 * x - rx, 2.0 * y - ry, 2.0 * z - rz)
            far = d > CHORD_MAX_M
            if far.any():  # long lines: the full inverse solution on the foot's lon/lat
                s, u = seg[far], t[far]
                d[far] = geodesic_m(part.lon[far], part.lat[far], self._alon[s] + u * self._dlon[s],
                                    self._alat[s] + u * self._dlat[s])
            out[sl] = d
        return out

    def _locate(self, points: PointSet) -> tuple[np.ndarray, np.ndarray, tuple]:
        """(segment, parameter t along it, point minus foot in ECEF) of the nearest point of
        the lines to each point.

        The raster (Mercator) gives each point its candidate segments; they are ranked by the
        chord (ECEF) to the point's foot on each, which orders them as the geodesic distance
        does (to a relative 1e-7 at 100 km). Points with the same number of candidates are
        ranked together, as a (points, candidates) block. On each candidate the foot is the
        chord's projection with one correction for the segment's bend (a lon/lat-straight
        segment is a curve in ECEF: X(t) = A + t AB + t (1 - t) C), see `_feet`.
        """
        px, py = points.merc
        ix = np.floor((px - self.gx0) * (1.0 / self.size))
        iy = np.floor((py - self.gy0) * (1.0 / self.size))
        on = (ix >= 0) & (ix < self.nx) & (iy >= 0) & (iy < self.ny)
        cell = np.where(on, iy * self.nx + ix, 0).astype(np.intp)
        need = on & ~self.done[cell]
        if need.any():
            self._fill(np.unique(cell[need]))
        flat = self.flat
        x, y, z = points.xyz
        counts = np.where(on, self.count[cell], 0)  # 0: off the raster, every segment
        n = px.size
        present = np.flatnonzero(np.bincount(counts))
        if present.size > 1:  # points in order of their number of candidates
            order = np.argsort(counts.astype(np.uint16), kind="stable")  # a radix sort
            x, y, z, cell = x[order], y[order], z[order], cell[order]
            bounds = np.searchsorted(counts[order], np.r_[present, present[-1] + 1])
        else:
            bounds = np.array([0, n])
        seg = np.empty(n, dtype=np.intp)
        t, rx, ry, rz = (np.empty(n) for _ in range(4))
        for k, lo, hi in zip(present.tolist(), bounds[:-1].tolist(), bounds[1:].tolist()):
            sl = slice(lo, hi)
            if k == 1:
                cand = flat.take(self.start.take(cell[sl]))
                seg[sl] = cand
                t[sl], rx[sl], ry[sl], rz[sl] = self._feet(cand, x[sl], y[sl], z[sl])
                continue
            m = hi - lo
            if k == 0:
                k = len(self._x)
                cand = np.broadcast_to(np.arange(k), (m, k))
            else:
                cand = flat.take(self.start.take(cell[sl])[:, None] + np.arange(k))
            tk, ex, ey, ez = self._feet(cand, x[sl, None], y[sl, None], z[sl, None])
            d2 = ex * ex
            d2 += ey * ey
            d2 += ez * ez
            j = d2.argmin(axis=1)
            j += np.arange(0, m * k, k)
            seg[sl] = cand.ravel().take(j)
            t[sl], rx[sl], ry[sl], rz[sl] = (a.ravel().take(j) for a in (tk, ex, ey, ez))
        if present.size > 1:
            back = np.empty(n, dtype=np.intp)
            back[order] = np.arange(n)
            seg, t, rx, ry, rz = (a.take(back) for a in (seg, t, rx, ry, rz))
        return seg, t, (rx, ry, rz)

    def _feet(self, seg, x, y, z) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Parameter t of the foot of points on segments (broadcast) and the point minus the
        foot (ECEF). The foot is the projection on the chord AB moved by the first-order
        (Newton) correction for the bend C of the segment: within 0.2 mm of the exact
        minimum of the chord at up to 700 km (tests/geo/test_grid.py)."""
        ex = x - self._x.take(seg)
        ey = y - self._y.take(seg)
        ez = z - self._z.take(seg)
        ux, uy, uz = self._ux.take(seg), self._uy.take(seg), self._uz.take(seg)
        cx, cy, cz = self._cx.take(seg), self._cy.take(seg), self._cz.take(seg)
        inv = self._inv.take(seg)
        t = ex * ux
        t += ey * uy
        t += ez * uz
        t *= inv
        k = ex * cx
        k += ey * cy
        k += ez * cz
        k *= inv
        k *= 1.0 - 2.0 * t
        k -= self._q.take(seg) * t * (2.0 - 3.0 * t)
        t += k
        np.clip(t, 0.0, 1.0, out=t)
        tt = t - t * t
        ex -= t * ux + tt * cx
        ey -= t * uy + tt * cy
        ez -= t * uz + tt * cz
        return t, ex, ey, ez

    def _chord2(self, seg, x, y, z) -> np.ndarray:
        """Squared chord from points to their feet on segments (broadcast)."""
        _, ex, ey, ez = self._feet(seg, x, y, z)
        return ex * ex + ey * ey + ez * ez
