"""Candidate lists of a `Nearest` raster: for each cell, the segments that can hold the
nearest point of the lines to some point of the cell.

Cells are computed when first needed (or loaded, see `CellLists.export`). A cell with several
candidates is split into `SUB` x `SUB` sub-cells with lists of their own (the same tests on
smaller cells: fewer candidates each, and more cells with a single one), again when first
needed.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
import shapely

from geo_deconflict.geo.geodesy import GEOD, ecef

_A = GEOD.a
_E = np.sqrt(GEOD.es)

# `Lists.head` of a cell without one candidate: not computed yet, none listed (test every
# segment), several.
UNKNOWN, EVERY, MANY = -3, -2, -1
# A cell's key in the compiled loop's table (`Nearest._key`) at or below this: the cell is
# split, and its first sub-cell is SPLIT - key.
SPLIT = -8
SUB = 4  # sub-cells a side of a cell with several candidates
_SUB_PARTS = ("sub_cells", "sub_counts", "sub_segments")


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


def mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ellipsoidal (WGS84) Mercator x, y in metres: conformal, so locally isotropic."""
    phi = np.radians(lat)
    sin = np.sin(phi)
    psi = np.arctanh(sin) - _E * np.arctanh(_E * sin)
    return _A * np.radians(lon), _A * psi


class Lists:
    """Candidate lists of cells: cell -> flat[start[cell]:start[cell] + count[cell]], each a
    segment, or a segment + S (S: the number of segments) when the foot of every point of the
    cell on it is its start vertex. `head` tells in one look-up what most points need: the
    candidate of a cell that has one, else MANY, EVERY or UNKNOWN."""

    def __init__(self, n: int, dtype=np.int64):
        self.dtype = dtype
        self.start = np.zeros(n, dtype=dtype)
        self.count = np.zeros(n, dtype=dtype)
        self.head = np.full(n, UNKNOWN, dtype=dtype)
        self.flat = np.zeros(0, dtype=dtype)

    def grow(self, n: int) -> int:
        """Append `n` cells (not computed); the index of the first. Arrays are replaced, never
        changed in place where they were filled: a reader holding them stays right."""
        base = self.start.size
        self.start = np.concatenate([self.start, np.zeros(n, self.dtype)])
        self.count = np.concatenate([self.count, np.zeros(n, self.dtype)])
        self.head = np.concatenate([self.head, np.full(n, UNKNOWN, self.dtype)])
        return base

    def put(self, cells: np.ndarray, which: np.ndarray, seg: np.ndarray) -> None:
        """Store the lists of `cells` from (index into `cells`, candidate) pairs sorted by
        the index; `head` last, so that a cell is used only once its list is there."""
        bounds = np.searchsorted(which, np.arange(cells.size + 1))
        self.start[cells] = len(self.flat) + bounds[:-1]
        self.count[cells] = np.diff(bounds)
        self.flat = np.concatenate([self.flat, seg.astype(self.dtype)])  # a prefix never moves
        self.heads(cells)

    def heads(self, cells: np.ndarray) -> None:
        """Set `head` of `cells` from their lists."""
        counts = self.count[cells]
        first = self.flat.take(self.start[cells], mode="clip") if self.flat.size else counts
        self.head[cells] = np.where(counts == 1, first, np.where(counts > 1, MANY, EVERY))

    def read(self, cells: np.ndarray, counts: np.ndarray, flat: np.ndarray) -> None:
        """Take lists as `CellLists.export` gives them."""
        counts = np.asarray(counts, dtype=np.int64)
        self.start[cells] = np.cumsum(counts) - counts
        self.count[cells] = counts
        self.flat = np.asarray(flat, dtype=self.dtype)
        self.heads(cells)

    def parts(self, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(counts, concatenated lists) of `cells`."""
        counts = self.count[cells].astype(np.int64)
        ends = np.cumsum(counts)
        at = np.arange(ends[-1] if ends.size else 0) + np.repeat(self.start[cells] - ends + counts,
                                                                 counts)
        return counts.astype(np.int32), self.flat[at].astype(np.int32)


class CellLists:
    """The candidate lists of a `Nearest` (a mixin: it needs the raster `gx0`, `gy0`, `size`,
    `nx`, `ny`, the segments and their `tree`)."""

    def _init_lists(self) -> None:
        self.lists = Lists(self.nx * self.ny)
        self.sub = Lists(0, np.int32)  # sub-cells of cells with several candidates
        self.sub_base = np.full(self.nx * self.ny, -1, dtype=np.int64)  # first sub-cell
        self._pending = None  # sub-cell lists loaded but not read yet
        self.changed()

    def changed(self) -> None:
        """Called whenever lists or sub-cells change (tables derived from them are stale)."""

    @property
    def done(self) -> np.ndarray:
        """Whether each cell's list is computed."""
        return self.lists.head != UNKNOWN

    def export(self, cells: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """The candidate lists of `cells` (default: those computed so far), with the sub-cells
        of those with several candidates, for `load`."""
        self._load_sub()
        if cells is not None:
            cells = np.unique(np.asarray(cells, dtype=np.intp))
            self._fill(cells)
            self._refine(cells[self.lists.head[cells] == MANY])
        done = np.flatnonzero(self.lists.head != UNKNOWN)
        counts, flat = self.lists.parts(done)
        split = done[self.sub_base[done] >= 0]
        subs = (self.sub_base[split][:, None] + np.arange(SUB * SUB)).ravel()
        sub_counts, sub_flat = self.sub.parts(subs)
        return {"cells": done.astype(np.int64), "counts": counts, "segments": flat,
                "shape": np.array([self.nx, self.ny, len(self.a)]),
                "sub_cells": split.astype(np.int64), "sub_counts": sub_counts,
                "sub_segments": sub_flat}

    def load(self, data: dict[str, np.ndarray]) -> bool:
        """Take candidate lists made by `export` for the same lines; False if they do not fit."""
        shape = np.asarray(data["shape"])
        if shape.tolist() != [self.nx, self.ny, len(self.a)]:
            return False
        with self._lock:
            self._init_lists()
            self.lists.read(np.asarray(data["cells"]), data["counts"], data["segments"])
            if "sub_cells" in data:  # read when first needed (`_load_sub`)
                self._pending = {part: data[part] for part in _SUB_PARTS}
        return True

    def _load_sub(self) -> None:
        """Take the sub-cell lists given to `load` (arrays, or callables that read them)."""
        with self._lock:
            pending, self._pending = self._pending, None
            if pending is None:
                return
            split, counts, flat = (np.asarray(v() if callable(v) else v)
                                   for v in (pending[part] for part in _SUB_PARTS))
            if self.sub.start.size:  # some split already: append
                base = self.sub.grow(split.size * SUB * SUB)
                self.sub.read(np.arange(base, self.sub.start.size), counts, flat)
            else:  # the arrays at once (no indexing: most of a check's start-up else)
                base, sub = 0, Lists(0, np.int32)
                sub.count = counts.astype(np.int32, copy=False)
                sub.start = np.cumsum(sub.count, dtype=np.int32)
                sub.start -= sub.count
                sub.flat = flat.astype(np.int32, copy=False)
                first = sub.flat.take(sub.start, mode="clip")
                sub.head = np.where(sub.count == 1, first, np.where(sub.count > 1, MANY, EVERY)
                                    ).astype(np.int32)
                self.sub = sub
            self.sub_base[split.astype(np.int64)] = base + np.arange(split.size) * SUB * SUB
            self.changed()

    def cells_of(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Flat raster cells of points (those off the raster left out)."""
        return self._cells_at(*mercator(np.asarray(lon, float), np.asarray(lat, float)))

    def _cells_at(self, px: np.ndarray, py: np.ndarray) -> np.ndarray:
        """Flat raster cells of points in the Mercator plane (those off the raster left out),
        by the same arithmetic as `Nearest._locate` and the compiled loop."""
        ix = np.floor((px - self.gx0) * (1.0 / self.size))
        iy = np.floor((py - self.gy0) * (1.0 / self.size))
        on = (ix >= 0) & (ix < self.nx) & (iy >= 0) & (iy < self.ny)
        return (iy[on] * self.nx + ix[on]).astype(np.intp)

    def _fill(self, cells: np.ndarray) -> None:
        """Compute the candidate segments of `cells` (flat indices) not computed yet."""
        with self._lock:
            cells = cells[self.lists.head[cells] == UNKNOWN]
            for start in range(0, cells.size, 4096):  # bounded memory: a few MB a batch
                part = cells[start:start + 4096]
                cx = self.gx0 + (part % self.nx + 0.5) * self.size
                cy = self.gy0 + (part // self.nx + 0.5) * self.size
                self.lists.put(part, *self._candidates(cx, cy, self.size))
            self.changed()

    def _refine(self, cells: np.ndarray) -> None:
        """Compute the sub-cells of `cells` (flat indices, each with several candidates) not
        split yet."""
        with self._lock:
            self._load_sub()
            cells = cells[self.sub_base[cells] < 0]
            size = self.size / SUB
            j = np.arange(SUB * SUB)
            for start in range(0, cells.size, 256):
                part = cells[start:start + 256]
                col = ((part % self.nx) * SUB)[:, None] + j % SUB
                row = ((part // self.nx) * SUB)[:, None] + j // SUB
                cx = self.gx0 + (col.ravel() + 0.5) * size
                cy = self.gy0 + (row.ravel() + 0.5) * size
                which, seg = self._candidates(cx, cy, size)
                base = self.sub.grow(cx.size)
                self.sub.put(np.arange(base, base + cx.size), which, seg)
                self.sub_base[part] = base + np.arange(part.size) * SUB * SUB
            self.changed()

    def _candidates(self, cx: np.ndarray, cy: np.ndarray, size: float
                    ) -> tuple[np.ndarray, np.ndarray]:
        """(cell, candidate) pairs, sorted by cell, of square cells of side `size` (Mercator
        metres) centred on (cx, cy)."""
        centres = shapely.points(cx, cy)
        _, dist = self.tree.query_nearest(centres, all_matches=False, return_distance=True)
        reach = _reach(cy, dist, size) + 1e-6 * size
        which, seg = self.tree.query(centres, predicate="dwithin", distance=reach)
        which, seg = self._reachable(which, seg, cx, cy, reach, size)
        which, seg, vertex = self._near_enough(which, seg, cx, cy, size)
        seg = np.where(vertex, seg + len(self._x), seg)  # the foot is its start: a vertex
        order = np.argsort(which, kind="stable")
        return which[order], seg[order]

    def _near_enough(self, which: np.ndarray, seg: np.ndarray, cx: np.ndarray, cy: np.ndarray,
                     size: float, samples: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
        step = size / samples
        half = step / np.sqrt(2.0)  # a sub-cell's half-diagonal, in the plane
        ground = half / np.cosh(np.maximum(np.abs(cy) - size, 0.0) / _A) * 1.005
        radius = np.repeat(ground, sizes)  # r: the chord is shorter than the geodesic
        mx, my, mz, spread = self._hull
        ends = self._followed[seg]
        before = self.prev[seg]
        starts = before >= 0
        before = np.where(starts, before, seg)
        keep = np.zeros(which.size, dtype=bool)
        vertex = np.ones(which.size, dtype=bool)
        offsets = (np.arange(samples) + 0.5) * step - 0.5 * size
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
                   reach: np.ndarray, size: float) -> tuple[np.ndarray, np.ndarray]:
        """Keep the (cell, segment) pairs where the cell meets the segment's region (b).

        The regions are widened along the segment by r * r / R * (1 + tan(lat)), r the reach:
        a geodesic of length r is no straight line in the Mercator plane but bends towards the
        pole by up to r / 2R * tan(lat) radians, and so does the normal at its true foot.
        """
        half = 0.5 * size
        r = reach[which]
        tol = (1e-6 * size + 1e-3  # metres: points rounded onto a neighbouring cell
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
