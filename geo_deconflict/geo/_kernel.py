"""`Nearest.distance` as one compiled loop over the points (numba), for large point sets.

The numpy path (`Nearest._locate`, then `geodesy.chord_geodesic_m`) makes a dozen passes over
memory per step and gathers and scatters the points of each case (vertex, one candidate,
several). Here each point goes through the same steps once, in registers: its raster cell and
sub-cell, its candidates, the foot on each (`Nearest._feet`, the same operations in the same
order), the nearest, and the geodesic length of the chord to it
(`geodesy.chord_geodesic_m`, likewise). The two paths agree to the last bit on most points
and within 1e-9 m on all (tests/geo/test_kernel.py).

A point whose cell is not computed yet is left to the caller (`DEFER`), which computes the cell
as `_locate` does and runs the loop again on those points. A cell with several candidates is
read through its sub-cell when it is split, and its own list is ranked otherwise (ranking costs
little here, so the loop never asks for a split).

numba is imported when this module is: `geo._nearest` imports it only for large calls, so
that a single-point check does not pay for it.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from geo_deconflict.geo._cells import EVERY, MANY, SPLIT, SUB, UNKNOWN
from geo_deconflict.geo.geodesy import GEOD, asin_over_x

_asin_over_x = njit(cache=True, nogil=True, inline="always")(asin_over_x)

_IA2 = 1.0 / (GEOD.a * GEOD.a)
_IB2 = 1.0 / (GEOD.b * GEOD.b)
DEFER = -1.0  # a distance is never negative: this one is the caller's


@njit(cache=True, nogil=True, inline="always")
def _foot(s, x, y, z, ax, ay, az, ux, uy, uz, cx, cy, cz, inv, q):
    """(t, point minus foot) on segment s: `Nearest._feet` for one point."""
    ex = x - ax[s]
    ey = y - ay[s]
    ez = z - az[s]
    vx, vy, vz = ux[s], uy[s], uz[s]
    wx, wy, wz = cx[s], cy[s], cz[s]
    i = inv[s]
    t = ex * vx
    t += ey * vy
    t += ez * vz
    t *= i
    k = ex * wx
    k += ey * wy
    k += ez * wz
    k *= i
    k *= 1.0 - 2.0 * t
    qt = q[s] * t
    qt *= 2.0 - 3.0 * t
    k -= qt
    t += k
    t = min(max(t, 0.0), 1.0)
    tt = t - t * t
    ex -= t * vx + tt * wx
    ey -= t * vy + tt * wy
    ez -= t * vz + tt * wz
    return t, ex, ey, ez


@njit(cache=True, nogil=True, inline="always")
def _chord_geodesic(dx, dy, dz, sx, sy, sz):
    """`geodesy.chord_geodesic_m` for one pair (d: difference, s: sum of the ends)."""
    q = dx * dx
    q += dy * dy
    dz2 = dz * dz
    c2 = q + dz2
    q *= _IA2
    dz2 *= _IB2
    q += dz2
    h2 = sx * sx
    h2 += sy * sy
    z2 = sz * sz
    g = h2 * _IA2
    g += z2 * _IB2
    h2 *= _IA2 * _IA2
    z2 *= _IB2 * _IB2
    grad2 = h2 + z2
    x2 = q * q
    x2 *= g
    grad2 *= 4.0
    grad2 *= c2
    grad2 += 1e-300
    x2 /= grad2
    return math.sqrt(c2) * _asin_over_x(x2)


@njit(cache=True, nogil=True)
def distances(px, py, x, y, z, raster, key, start, count, flat, sub_head, sub_start,
              sub_count, sub_flat, segs, out, seg_out, t_out):
    """Distance (metres, by the chord) from each point to its nearest point of the lines,
    written into `out`, with that point's segment and parameter in `seg_out` and `t_out`;
    `DEFER` in `out` where the cell lists are not ready (see the module's docstring).
    `raster`: (gx0, gy0, 1 / size, SUB / size, nx, ny); `segs`: the segments' ECEF arrays
    (A, AB, C, 1 / |AB|**2, q) as `Nearest._ecef_segments` makes them. Returns the number of
    points deferred."""
    gx0, gy0, inv_size, sub_k = raster[0], raster[1], raster[2], raster[3]
    nx, ny = int(raster[4]), int(raster[5])
    ax, ay, az, ux, uy, uz, cx, cy, cz, inv, q = segs
    total = ax.size
    deferred = 0
    for i in range(px.size):
        fx = math.floor((px[i] - gx0) * inv_size)
        fy = math.floor((py[i] - gy0) * inv_size)
        pxi, pyi, pzi = x[i], y[i], z[i]
        h = EVERY
        lo, n = 0, 0
        in_sub = False
        if 0.0 <= fx < nx and 0.0 <= fy < ny:
            ix, iy = int(fx), int(fy)
            cell = iy * nx + ix
            h = key[cell]
            if h == UNKNOWN:
                out[i] = DEFER
                deferred += 1
                continue
            if h <= SPLIT:  # several candidates: those of the point's sub-cell
                sx = math.floor((px[i] - gx0) * sub_k) - ix * SUB
                sy = math.floor((py[i] - gy0) * sub_k) - iy * SUB
                sx = min(max(sx, 0), SUB - 1)
                sy = min(max(sy, 0), SUB - 1)
                c = SPLIT - h + sy * SUB + sx
                if c >= sub_head.size:  # split by another thread since the call
                    out[i] = DEFER
                    deferred += 1
                    continue
                h = sub_head[c]
                if h == MANY:
                    lo, n = sub_start[c], sub_count[c]
                    in_sub = True
            elif h == MANY:  # not split: rank the cell's candidates
                lo, n = start[cell], count[cell]
            if h == MANY and lo + n > (sub_flat.size if in_sub else flat.size):  # listed since
                out[i] = DEFER
                deferred += 1
                continue
        if h >= total:  # the foot is the start vertex throughout the cell
            s = h - total
            t = 0.0
            rx, ry, rz = pxi - ax[s], pyi - ay[s], pzi - az[s]
        elif h >= 0:
            s = h
            t, rx, ry, rz = _foot(s, pxi, pyi, pzi, ax, ay, az, ux, uy, uz, cx, cy, cz, inv, q)
        else:  # several candidates (MANY), or every segment (EVERY: off the raster)
            if h == EVERY:
                lo, n = 0, total
            best = np.inf
            s, t, rx, ry, rz = 0, 0.0, 0.0, 0.0, 0.0
            for j in range(lo, lo + n):
                if h == EVERY:
                    k = j
                else:
                    k = sub_flat[j] if in_sub else flat[j]
                    if k >= total:
                        k -= total
                tk, ex, ey, ez = _foot(k, pxi, pyi, pzi, ax, ay, az, ux, uy, uz, cx, cy, cz,
                                       inv, q)
                d2 = ex * ex
                d2 += ey * ey
                d2 += ez * ez
                if d2 < best:
                    best = d2
                    s, t, rx, ry, rz = k, tk, ex, ey, ez
        seg_out[i] = s
        t_out[i] = t
        out[i] = _chord_geodesic(rx, ry, rz, 2.0 * pxi - rx, 2.0 * pyi - ry, 2.0 * pzi - rz)
    return deferred
