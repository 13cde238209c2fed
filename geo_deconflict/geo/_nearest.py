"""Nearest points of lines for millions of points at once, and fast geodesic distances.

`Nearest` finds, for each point, the nearest point of a set of lines (zone boundaries, a
river) through a raster of candidate segments in the ellipsoidal Mercator plane, and measures
the geodesic distance to it from the chord in ECEF (`geodesy.chord_geodesic_m`). `PointSet`
holds the points' projections so that every zone's `Nearest` shares them. Longer lines are
measured by `geodesy.geodesic_m` (a vectorised Vincenty).
"""

from __future__ import annotations

import threading
from functools import cached_property

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo_deconflict.geo.geodesy import CHORD_MAX_M, GEOD, chord_geodesic_m, ecef, geodesic_m

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
        self.flat = np.zeros(0, dtype=np.intp)
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
            self.flat = np.asarray(data["segments"], dtype=np.intp)
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
        which, seg, vertex = self._near_enough(which, seg, cx, cy)
        seg = np.where(vertex, seg + len(self._x), seg)  # the foot is its start: a vertex
        order = np.argsort(which, kind="stable")
        which, seg = which[order], seg[order]
        bounds = np.searchsorted(which, np.arange(cells.size + 1))
        self.start[cells] = len(self.flat) + bounds[:-1]
        self.count[cells] = np.diff(bounds)
        self.flat = np.concatenate([self.flat, seg.astype(np.intp)])  # a prefix never moves
        self.done[cells] = True

    def _near_enough(self, which: np.ndarray, seg: np.ndarray, cx: np.ndarray, cy: np.ndarray,
                     samples: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Keep the (cell, segment) pairs where the segment S may be the nearest (by the chord,
        as `_locate` ranks them) to some point of the cell; and whether the foot on S of every
        point of the cell is its start vertex (a cheaper test then does).

        The cell is covered by balls of radius r round `samples` x `samples` sample points p
        (the centres of its sub-cells). Let B be the candidate nearest to p. For q within r of
        p, d_S(q) - d_B(q) >= d_S(p) - d_B(p) - r Λ, with Λ the bound of the difference of
        the two distance gradients (unit vectors from the feet to q): at most 2, and when S and
        B together fit in a diameter L seen from at least m = d_B(p) - r away (L < 0.7 m),
        at most the angle they subtend, asin(L / m) <= π L / 2m. So S cannot be nearest in the
        ball if d_S(p) > d_B(p) + r Λ. Far from the lines, Λ is small: of a boundary seen from
        afar only the segments facing the cell are kept. (+ 1 m: `_feet` is not exact.)
        """
        if not which.size:
            return which, seg, np.zeros(0, bool)
        order = np.argsort(which, kind="stable")
        which, seg = which[order], seg[order]
        first = np.flatnonzero(np.r_[True, which[1:] != which[:-1]])
        sizes = np.diff(np.r_[first, which.size])
        group = np.repeat(np.arange(first.size), sizes)
        step = self.size / samples
        half = step / np.sqrt(2.0)  # a sub-cell's half-diagonal, in the plane
        ground = half / np.cosh(np.maximum(np.abs(cy) - self.size, 0.0) / _A) * 1.005
        radius = np.repeat(ground, sizes)  # r: the chord is shorter than the geodesic
        mx, my, mz, spread = self._hull
        ends = self._followed[seg]
        before = self.prev[seg]
        starts = before >= 0
        before = np.where(starts, before, seg)
        keep = np.zeros(which.size, dtype=bool)
        vertex = np.ones(which.size, dtype=bool)
        offsets = (np.arange(samples) + 0.5) * step - 0.5 * self.size
        for ox in offsets:
            for oy in offsets:
                x, y, z = ecef(*inverse_mercator(cx + ox, cy + oy))
                chord = np.sqrt(self._chord2(seg, x[which], y[which], z[which]))
                best = np.minimum.reduceat(chord, first)
                at = np.flatnonzero(chord == best[group])
                at = at[np.r_[True, group[at[1:]] != group[at[:-1]]]]  # the first best a cell
                b = np.repeat(seg[at], sizes)
                span = (np.sqrt((mx[seg] - mx[b]) ** 2 + (my[seg] - my[b]) ** 2
                                + (mz[seg] - mz[b]) ** 2) + spread[seg] + spread[b])
                m = np.repeat(best, sizes) - radius
                lam = np.full(which.size, 2.0)
                close = span < 0.7 * m
                lam[close] = 0.5 * np.pi * span[close] / m[close]
                near = chord <= (np.repeat(best, sizes) + radius * lam + 1.0) * (1.0 + 1e-9)
                # The foot at the end vertex throughout the ball: the next segment, which
                # starts there, is as near. At the start vertex: the previous one, unless its
                # own foot is at its end throughout the ball (each would defer to the other).
                p = x[which], y[which], z[which]
                past = ends & self._at_end(seg, p, radius)
                at_start = self._at_start(seg, p, radius)
                vertex &= at_start
                early = starts & at_start & ~self._at_end(before, p, radius)
                keep |= near & ~past & ~early
        return which[keep], seg[keep], vertex[keep]

    @cached_property
    def _followed(self) -> np.ndarray:
        """Whether another segment starts where each segment ends."""
        out = np.zeros(len(self.prev), dtype=bool)
        out[self.prev[self.prev >= 0]] = True
        return out

    def _at_end(self, seg: np.ndarray, p: tuple, radius: np.ndarray) -> np.ndarray:
        """Whether the foot on segment `seg` of every point within `radius` (+ 1 m) of p is
        its end B: (q - B) . X'(1) >= 0 with X'(1) = AB - C, the curve's direction there (the
        squared distance along a segment is convex for points nearer than the Earth's radius,
        so the foot is then B)."""
        bx, by, bz, wx, wy, wz, wn = (a[seg] for a in self._tangents[0])
        return ((p[0] - bx) * wx + (p[1] - by) * wy + (p[2] - bz) * wz
                > (radius + 1.0) * wn * (1.0 + 1e-9))

    def _at_start(self, seg: np.ndarray, p: tuple, radius: np.ndarray) -> np.ndarray:
        """Whether the foot on segment `seg` of every point within `radius` (+ 1 m) of p is
        its start A: (q - A) . X'(0) <= 0 with X'(0) = AB + C."""
        ax, ay, az, vx, vy, vz, vn = (a[seg] for a in self._tangents[1])
        return ((p[0] - ax) * vx + (p[1] - ay) * vy + (p[2] - az) * vz
                < -(radius + 1.0) * vn * (1.0 + 1e-9))

    @cached_property
    def _tangents(self) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
        """(B, X'(1), |X'(1)|) and (A, X'(0), |X'(0)|) of each segment, ECEF."""
        out = []
        for sign, (x, y, z) in ((-1.0, (self._x + self._ux, self._y + self._uy,
                                        self._z + self._uz)), (1.0, (self._x, self._y, self._z))):
            wx, wy, wz = self._ux + sign * self._cx, self._uy + sign * self._cy, \
                self._uz + sign * self._cz
            out.append((x, y, z, wx, wy, wz, np.sqrt(wx * wx + wy * wy + wz * wz)))
        return out[0], out[1]

    @cached_property
    def _hull(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each segment's chord midpoint (ECEF) and a radius round it that holds the segment:
        half the chord plus the bend (at most |C| / 4 off the chord)."""
        mx, my, mz = self._x + 0.5 * self._ux, self._y + 0.5 * self._uy, self._z + 0.5 * self._uz
        spread = 0.5 / np.sqrt(self._inv) + 0.25 * np.sqrt(self._cx ** 2 + self._cy ** 2
                                                             + self._cz ** 2)
        return mx, my, mz, spread * (1.0 + 1e-9) + 1e-3

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

    def distance(self, points: PointSet, *, out: np.ndarray | None = None) -> np.ndarray:
        """Geodesic distance in metres from each point to the lines (written into `out`, a
        float array of the points' shape, if given)."""
        if out is None:
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
        does (to a relative 1e-7 at 100 km). A point with one candidate whose foot is its start
        vertex throughout the cell (most points away from the lines) is measured to that vertex;
        other points with one candidate get its foot; the rest, grouped by their number of
        candidates, are ranked as (points, candidates) blocks. On each candidate the foot is
        the chord's projection with one correction for the segment's bend (a lon/lat-straight
        segment is a curve in ECEF: X(t) = A + t AB + t (1 - t) C), see `_feet`.
        """
        px, py = points.merc
        ix = np.floor((px - self.gx0) * (1.0 / self.size))
        iy = np.floor((py - self.gy0) * (1.0 / self.size))
        on = (ix >= 0) & (ix < self.nx) & (iy >= 0) & (iy < self.ny)
        iy *= self.nx
        iy += ix
        cell = np.where(on, iy, 0).astype(np.intp)
        need = on & ~self.done[cell]
        if need.any():
            self._fill(np.unique(cell[need]))
        flat = self.flat
        x, y, z = points.xyz
        n = px.size
        total = len(self._x)
        counts = self.count.take(cell)
        counts[~on] = 0  # off the raster: every segment
        first = (flat.take(self.start.take(cell), mode="clip") if flat.size
                 else np.zeros(n, dtype=np.intp))
        single = counts == 1
        seg = np.empty(n, dtype=np.intp)
        t, rx, ry, rz = (np.empty(n) for _ in range(4))
        vertex = single & (first >= total)
        if vertex.all():
            seg = first - total
            t[:] = 0.0
            return seg, t, (x - self._x.take(seg), y - self._y.take(seg), z - self._z.take(seg))
        if vertex.any():
            i = np.flatnonzero(vertex)
            s = first.take(i) - total
            seg[i] = s
            t[i] = 0.0
            rx[i] = x.take(i) - self._x.take(s)
            ry[i] = y.take(i) - self._y.take(s)
            rz[i] = z.take(i) - self._z.take(s)
        single &= ~vertex
        if single.any():
            i = np.flatnonzero(single)
            s = first.take(i)
            s[s >= total] -= total
            seg[i] = s
            t[i], rx[i], ry[i], rz[i] = self._feet(s, x.take(i), y.take(i), z.take(i))
        many = np.flatnonzero(counts > 1)
        if many.size:  # every (point, candidate) pair at once, then the nearest per point
            k = counts.take(many)
            ends = np.cumsum(k)
            firsts = ends - k
            owner = np.repeat(many, k)
            cand = flat.take(np.arange(ends[-1]) + np.repeat(self.start.take(cell.take(many))
                                                             - firsts, k))
            cand[cand >= total] -= total
            tk, ex, ey, ez = self._feet(cand, x.take(owner), y.take(owner), z.take(owner))
            d2 = ex * ex
            d2 += ey * ey
            d2 += ez * ez
            best = np.minimum.reduceat(d2, firsts)
            at = np.flatnonzero(d2 <= np.repeat(best, k))
            at = at[np.r_[True, owner.take(at[1:]) != owner.take(at[:-1])]]  # the first one
            seg[many] = cand.take(at)
            t[many], rx[many], ry[many], rz[many] = (a.take(at) for a in (tk, ex, ey, ez))
        off = np.flatnonzero(counts == 0)
        if off.size:  # off the raster: every segment, in blocks of points
            every = np.arange(total)
            for lo in range(0, off.size, 256):
                i = off[lo:lo + 256]
                tk, ex, ey, ez = self._feet(every[None, :], x.take(i)[:, None],
                                            y.take(i)[:, None], z.take(i)[:, None])
                d2 = ex * ex
                d2 += ey * ey
                d2 += ez * ez
                j = d2.argmin(axis=1)
                j += np.arange(0, i.size * total, total)
                seg[i] = j % total
                t[i], rx[i], ry[i], rz[i] = (a.ravel().take(j) for a in (tk, ex, ey, ez))
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
