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

from geo_deconflict.geo._cells import (
    EVERY,
    MANY,
    SPLIT,
    SUB,
    UNKNOWN,
    CellLists,
    inverse_mercator,
    mercator,
)
from geo_deconflict.geo.geodesy import CHORD_MAX_M, chord_geodesic_m, ecef, geodesic_m

_COARSE = -4  # `_locate`: several candidates, in a cell not split into sub-cells
# Cells with several candidates are split into sub-cells (`geo._cells`) when a call brings at
# least this many points into one (splitting costs about what ranking 4,000 points saves), or
# when loaded so (the bundled zones' lists are shipped split).
REFINE_MIN = 4096
# Shipped sub-cell lists are read once this many points fell in cells with several candidates
# (reading a line's costs about what splitting saves 100,000 points; a lone point needs none).
LOAD_MIN = 1024
# From this many points a call, `Nearest.distance` runs the compiled loop (`geo._kernel`) when
# numba is there: below it, compiling or loading the loop costs more than it saves.
KERNEL_MIN = 20_000
_BLOCK = 1 << 20  # points a pass of the compiled loop (bounds its segment and t arrays)

__all__ = ["COVER", "Nearest", "PointSet", "compiled", "geodesic_m", "inverse_mercator",
           "mercator"]

# (west, south, east, north) degrees that every `Nearest` raster covers whatever its lines:
# the region the checks are meant for and round it, so that points there never fall back to
# testing every segment.
COVER = (32.0, 29.0, 46.0, 40.0)

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


class Nearest(CellLists):
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
    segments per cell far from the lines; (b) brings that down to one to three. A cell left
    with several is split into `SUB` x `SUB` sub-cells listed the same way (`geo._cells`),
    where most points find a single candidate.
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
        # see `export`); see `geo._cells`.
        self._lock = threading.RLock()
        self._init_lists()
        self._waiting = 0  # points that would have used the shipped sub-cells so far

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
        kernel = _kernel() if points.lon.size >= KERNEL_MIN else None
        if kernel is not None:
            for start in range(0, points.lon.size, _BLOCK):
                sl = slice(start, start + _BLOCK)
                self._compiled(kernel, points.chunk(sl), out[sl])
            return out
        for start in range(0, points.lon.size, self.chunk):
            sl = slice(start, start + self.chunk)
            part = points.chunk(sl)
            seg, t, (rx, ry, rz) = self._locate(part)
            x, y, z = part.xyz
            # the sum of the point and its foot: 2 x - (x - foot)
            sx, sy, sz = x * 2.0, y * 2.0, z * 2.0
            sx -= rx
            sy -= ry
            sz -= rz
            d = chord_geodesic_m(rx, ry, rz, sx, sy, sz, out=out[sl])
            far = d > CHORD_MAX_M
            if far.any():  # long lines: the full inverse solution on the foot's lon/lat
                s, u = seg[far], t[far]
                d[far] = geodesic_m(part.lon[far], part.lat[far], self._alon[s] + u * self._dlon[s],
                                    self._alat[s] + u * self._dlat[s])
        return out

    def _compiled(self, kernel, points: PointSet, out: np.ndarray) -> None:
        """`distance` through the compiled loop (`geo._kernel`), into `out`: the points whose
        cells are not computed yet are left by the loop; their cells are computed (and split
        when busy) as `_locate` does, and the loop runs again on those points."""
        if self._pending is not None:
            self._load_sub()
        target = out if out.flags.c_contiguous else np.empty(out.shape)
        seg = np.empty(target.size, dtype=np.intp)
        t = np.empty(target.size)
        px, py = points.merc
        x, y, z = points.xyz
        which = None
        while True:
            args = (px, py, x, y, z) if which is None else (
                tuple(a.take(which) for a in (px, py, x, y, z)))
            d = target if which is None else np.empty(which.size)
            s = seg if which is None else np.empty(which.size, dtype=np.intp)
            u = t if which is None else np.empty(which.size)
            key = self._key()  # first: the lists below are at least as new
            lists, sub = self.lists, self.sub
            left = kernel.distances(*args, self._raster, key, lists.start, lists.count,
                                    lists.flat, sub.head, sub.start, sub.count, sub.flat,
                                    self._segments, d, s, u)
            if which is not None:
                target[which], seg[which], t[which] = d, s, u
            if not left:
                break
            which = np.flatnonzero(target < 0)
            self._ready(px.take(which), py.take(which))
        far = np.flatnonzero(target > CHORD_MAX_M)
        if far.size:  # long lines: the full inverse solution on the foot's lon/lat
            s, u = seg[far], t[far]
            target[far] = geodesic_m(points.lon[far], points.lat[far],
                                     self._alon[s] + u * self._dlon[s],
                                     self._alat[s] + u * self._dlat[s])
        if target is not out:
            out[...] = target

    def _ready(self, px: np.ndarray, py: np.ndarray) -> None:
        """Compute the cells of points (Mercator) not computed yet, and split those with
        several candidates that enough of them fall in (`_split`)."""
        cell = self._cells_at(px, py)
        if not cell.size:
            return
        self._fill(np.unique(cell[self.lists.head.take(cell) == UNKNOWN]))
        many = np.flatnonzero(self.lists.head.take(cell) == MANY)
        if many.size:
            self._split(many, cell.take(many))

    def changed(self) -> None:
        self._keys = None

    def _key(self) -> np.ndarray:
        """Each cell's `head` and, for a split cell, its first sub-cell in one int32 look-up
        (`geo._cells.SPLIT`): the compiled loop's single read per point and raster."""
        key = self._keys
        if key is None:
            with self._lock:
                head, base = self.lists.head, self.sub_base
                key = np.where(base >= 0, SPLIT - base, head).astype(np.int32)
                self._keys = key
        return key

    @cached_property
    def _raster(self) -> np.ndarray:
        return np.array([self.gx0, self.gy0, 1.0 / self.size, SUB / self.size, self.nx,
                         self.ny])

    @cached_property
    def _segments(self) -> tuple[np.ndarray, ...]:
        return (self._x, self._y, self._z, self._ux, self._uy, self._uz, self._cx, self._cy,
                self._cz, self._inv, self._q)

    def _locate(self, points: PointSet) -> tuple[np.ndarray, np.ndarray, tuple]:
        """(segment, parameter t along it, point minus foot in ECEF) of the nearest point of
        the lines to each point.

        The raster (Mercator) gives each point its candidate segments; they are ranked by the
        chord (ECEF) to the point's foot on each, which orders them as the geodesic distance
        does (to a relative 1e-7 at 100 km). A point with one candidate whose foot is its start
        vertex throughout the cell (most points away from the lines) is measured to that vertex;
        other points with one candidate get its foot. A cell with several candidates gives its
        points those of their sub-cell when it is split (see `geo._cells`), which most often
        have one; the points left with several rank them as (point, candidate) pairs
        (`_rank`). On each candidate the foot is
        the chord's projection with one correction for the segment's bend (a lon/lat-straight
        segment is a curve in ECEF: X(t) = A + t AB + t (1 - t) C), see `_feet`.
        """
        px, py = points.merc
        # the cell: floor, then negative indices wrap to huge unsigned ones (off the raster)
        ix = np.floor((px - self.gx0) * (1.0 / self.size)).astype(np.intp)
        iy = np.floor((py - self.gy0) * (1.0 / self.size)).astype(np.intp)
        on = ix.view(np.uintp) < self.nx
        on &= iy.view(np.uintp) < self.ny
        iy *= self.nx
        iy += ix
        cell = iy
        off_raster = not on.all()
        if off_raster:
            cell[~on] = 0
        head = self.lists.head.take(cell)
        need = head == UNKNOWN
        if need.any():
            self._fill(np.unique(cell[need & on]))
            head = self.lists.head.take(cell)
        if off_raster:
            head[~on] = EVERY
        split = np.flatnonzero(head == MANY)
        coarse = split[:0]
        if split.size:  # several candidates: those of the point's sub-cell instead
            split, coarse = self._split(split, cell.take(split))
            head[coarse] = _COARSE
            c = cell.take(split)
            base = self.sub_base.take(c)
            k = SUB / self.size
            sx = np.floor((px.take(split) - self.gx0) * k).astype(np.intp)
            sx -= (c % self.nx) * SUB
            sy = np.floor((py.take(split) - self.gy0) * k).astype(np.intp)
            sy -= (c // self.nx) * SUB
            np.clip(sx, 0, SUB - 1, out=sx)  # rounding: the cell's own sub-cells only
            np.clip(sy, 0, SUB - 1, out=sy)
            sy *= SUB
            sy += sx
            sy += base
            cell[split] = sy  # now a sub-cell
            head[split] = self.sub.head.take(sy)
        x, y, z = points.xyz
        n = px.size
        total = len(self._x)
        vertex = head >= total
        if vertex.all():
            seg = head - total
            t = np.zeros(n)
            return seg, t, (x - self._x.take(seg), y - self._y.take(seg), z - self._z.take(seg))
        most = np.count_nonzero(vertex) > n // 2
        if most:  # every point as if at a vertex, then the others overwritten
            seg = head - total
            t = np.zeros(n)
            rx = x - self._x.take(seg, mode="clip")
            ry = y - self._y.take(seg, mode="clip")
            rz = z - self._z.take(seg, mode="clip")
        else:
            seg = np.empty(n, dtype=np.intp)
            t, rx, ry, rz = (np.empty(n) for _ in range(4))
        if not most and vertex.any():
            i = np.flatnonzero(vertex)
            s = head.take(i) - total
            seg[i] = s
            t[i] = 0.0
            rx[i] = x.take(i) - self._x.take(s)
            ry[i] = y.take(i) - self._y.take(s)
            rz[i] = z.take(i) - self._z.take(s)
        single = head >= 0
        single &= ~vertex
        if single.any():
            i = np.flatnonzero(single)
            s = head.take(i)
            seg[i] = s
            t[i], rx[i], ry[i], rz[i] = self._feet(s, x.take(i), y.take(i), z.take(i))
        # several candidates in the point's sub-cell, or in its cell when that is not split
        for lists, many in ((self.sub, np.flatnonzero(head == MANY)), (self.lists, coarse)):
            if many.size:
                self._rank(lists, many, cell.take(many), (x, y, z), (seg, t, rx, ry, rz))
        off = np.flatnonzero(head == EVERY)
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

    def _split(self, which: np.ndarray, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(points in split cells, the others) of points `which` in cells `cells` with several
        candidates, splitting the cells that hold at least `REFINE_MIN` of them first."""
        if self._pending is not None:  # shipped sub-cells: read once they pay off
            self._waiting += which.size
            if self._waiting >= LOAD_MIN:
                self._load_sub()
        lack = self.sub_base.take(cells) < 0
        if lack.any():
            hit, hits = np.unique(cells[lack], return_counts=True)
            busy = hit[hits >= REFINE_MIN]
            if busy.size:
                self._refine(busy)
                lack = self.sub_base.take(cells) < 0
        return which[~lack], which[lack]

    def _rank(self, lists, many: np.ndarray, cells: np.ndarray, xyz: tuple, out: tuple) -> None:
        """The nearest candidate of points `many` among the lists of their `cells` (several
        each): every (point, candidate) pair at once, then the nearest per point, written into
        `out` (segment, t, point minus foot)."""
        x, y, z = xyz
        seg, t, rx, ry, rz = out
        total = len(self._x)
        k = lists.count.take(cells).astype(np.intp)
        ends = np.cumsum(k)
        firsts = ends - k
        owner = np.repeat(many, k)
        cand = lists.flat.take(np.arange(ends[-1]) + np.repeat(lists.start.take(cells) - firsts,
                                                               k)).astype(np.intp)  # indices
        np.subtract(cand, total, out=cand, where=cand >= total)  # vertex flags off
        tk, ex, ey, ez = self._feet(cand, x.take(owner), y.take(owner), z.take(owner))
        d2 = ex * ex
        d2 += ey * ey
        d2 += ez * ez
        best = np.minimum.reduceat(d2, firsts)
        at = np.flatnonzero(d2 <= np.repeat(best, k))
        who = owner.take(at)
        first = np.empty(at.size, dtype=bool)
        first[0] = True
        np.not_equal(who[1:], who[:-1], out=first[1:])
        at = at[first]  # the first of each point's nearest
        seg[many] = cand.take(at)
        t[many], rx[many], ry[many], rz[many] = (a.take(at) for a in (tk, ex, ey, ez))

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
        # in place, on two scratch arrays (the same operations in the same order as the
        # formulas in the comments: the same bits; fewer passes over fresh memory)
        tmp = np.empty(ex.shape)
        # t = (e . u) / |u|**2
        t = ex * ux
        t += np.multiply(ey, uy, out=tmp)
        t += np.multiply(ez, uz, out=tmp)
        t *= inv
        # k = (e . c) / |u|**2 * (1 - 2 t) - q t (2 - 3 t)
        k = ex * cx
        k += np.multiply(ey, cy, out=tmp)
        k += np.multiply(ez, cz, out=tmp)
        k *= inv
        k *= np.subtract(1.0, np.multiply(2.0, t, out=tmp), out=tmp)
        qt = np.multiply(self._q.take(seg), t)
        qt *= np.subtract(2.0, np.multiply(3.0, t, out=tmp), out=tmp)
        k -= qt
        t += k
        np.clip(t, 0.0, 1.0, out=t)
        # tt = t - t * t; e -= t u + tt c
        tt = np.subtract(t, np.multiply(t, t, out=k), out=k)
        for e, u, c in ((ex, ux, cx), (ey, uy, cy), (ez, uz, cz)):
            np.multiply(t, u, out=tmp)
            tmp += np.multiply(tt, c, out=qt)
            e -= tmp
        return t, ex, ey, ez

    def _chord2(self, seg, x, y, z) -> np.ndarray:
        """Squared chord from points to their feet on segments (broadcast)."""
        _, ex, ey, ez = self._feet(seg, x, y, z)
        return ex * ex + ey * ey + ez * ez


_KERNEL: list = []


def compiled(n: int) -> bool:
    """Whether `Nearest.distance` on `n` points runs the compiled loop: then every distance
    costs little more than bounding it first (callers skip `DistanceFloor` bounds)."""
    return n >= KERNEL_MIN and _kernel() is not None


def _kernel():
    """The compiled loop's module (`geo._kernel`), or None without numba (the numpy path)."""
    if not _KERNEL:
        try:
            from geo_deconflict.geo import _kernel as kernel
        except ImportError:  # numba missing or broken for this Python: numpy does it all
            kernel = None
        _KERNEL.append(kernel)
    return _KERNEL[0]
