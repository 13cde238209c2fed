"""Fast exact point-in-area tests: a cell raster decides most points, exact tests the rest.

A `CellGrid` covers an area's bounding box with a fine raster built coarse-to-fine. Each cell
is certainly OUT, certainly IN, or EDGE (the area's boundary may cross it). Looking a point
up is one array index; only points in EDGE cells need the exact (and slower) test. Cells are
classified with a tiny outward margin so that a point on a cell edge, whichever neighbour
floating point rounding puts it in, is covered by that cell's verdict.

Also here: `DistanceFloor`, bounds of the distance to lines per cell. `Nearest` (the nearest
point of a set of lines for millions of points at once) and the Mercator plane are in
`geo._nearest` and re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo_deconflict.geo._nearest import COVER, Nearest, PointSet, geodesic_m, mercator
from geo_deconflict.geo.geodesy import GEOD

__all__ = ["COVER", "EDGE", "IN", "OUT", "CellGrid", "DistanceFloor", "Nearest", "PointSet",
           "disc_classifier", "geodesic_m", "mercator", "polygon_classifier"]

OUT, IN, EDGE = 0, 1, 2
_EPS_DEG = 1e-9  # outward margin of every classified cell (~0.1 mm)

# Classifier: (west, south, east, north) arrays of cells -> codes OUT / IN / EDGE.
Classifier = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


class CellGrid:
    """Codes OUT / IN / EDGE on a regular lon/lat raster over `bounds`, refined near edges.

    Starts from ``start`` x ``start`` cells and splits every EDGE cell into ``split`` x
    ``split`` children, `levels` times (finest cell = bounds / (start * split**levels)).
    """

    def __init__(self, bounds: tuple[float, float, float, float], classify: Classifier, *,
                 start: int = 32, split: int = 4, levels: int = 2):
        x0, y0, x1, y1 = bounds
        self.x0, self.y0 = x0, y0
        codes = classify(*_cells(x0, y0, (x1 - x0) / start, (y1 - y0) / start, start, start))
        codes = codes.reshape(start, start)
        n = start
        for _ in range(levels):
            n *= split
            dx, dy = (x1 - x0) / n, (y1 - y0) / n
            codes = np.repeat(np.repeat(codes, split, axis=0), split, axis=1)
            rows, cols = np.nonzero(codes == EDGE)
            if rows.size:
                w, s = x0 + cols * dx, y0 + rows * dy
                codes[rows, cols] = classify(w, s, w + dx, s + dy)
        self.codes = codes
        self.n = n
        self.dx, self.dy = (x1 - x0) / n, (y1 - y0) / n
        # A border of OUT cells round the raster: points off it are clipped onto the border.
        self._padded = np.pad(codes, 1).ravel()

    def index(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Flat cell index of each point; grids built on the same bounds share it."""
        n = self.n
        ix = np.clip((lon - self.x0) * (1.0 / self.dx) + 1.0, 0.0, n + 1.0).astype(np.intp)
        iy = np.clip((lat - self.y0) * (1.0 / self.dy) + 1.0, 0.0, n + 1.0).astype(np.intp)
        iy *= n + 2
        iy += ix
        return iy

    def lookup(self, lon: np.ndarray, lat: np.ndarray, index: np.ndarray | None = None
               ) -> np.ndarray:
        """Code of the cell holding each point; OUT for points off the raster."""
        return self._padded.take(self.index(lon, lat) if index is None else index)


class DistanceFloor:
    """Lower and upper bounds of the geodesic distance to a set of lines, on a coarse raster.

    Each cell stores ``d(centre) - r`` and ``d(centre) + r``, d the distance from the cell's
    centre to the lines and r (the cell's longer centre-to-corner geodesic plus 1 % and a
    metre) bounding how far any point of the cell is from its centre: by the triangle
    inequality every point of the cell lies between the two. Points off the raster get
    [0, inf) (no bound). A point whose floor exceeds what the caller needs (an uncertainty
    radius, a distance band), or whose ceiling is below it, needs no exact distance.
    """

    def __init__(self, bounds: tuple[float, float, float, float], nearest: Nearest, *,
                 cells: int = 128, coarse: int = 32, refine_within_m: float = 150_000.0):
        x0, y0, x1, y1 = bounds
        self.x0, self.y0, self.n = x0, y0, cells
        self.dx, self.dy = (x1 - x0) / cells, (y1 - y0) / cells
        # coarse cells first; only those that may lie within `refine_within_m` of the lines
        # are measured again at the fine size (the others keep their coarse, still valid, bounds)
        lo, hi = self._measure(nearest, x0, y0, (x1 - x0) / coarse, (y1 - y0) / coarse,
                               np.arange(coarse * coarse), coarse)
        k = cells // coarse
        floor = np.repeat(np.repeat(lo.reshape(coarse, coarse), k, axis=0), k, axis=1)
        ceiling = np.repeat(np.repeat(hi.reshape(coarse, coarse), k, axis=0), k, axis=1)
        near = np.flatnonzero((floor < refine_within_m).ravel())
        if near.size:
            lo, hi = self._measure(nearest, x0, y0, self.dx, self.dy, near, cells)
            floor.ravel()[near] = lo
            ceiling.ravel()[near] = hi
        self._padded = np.pad(floor, 1).ravel()  # a border of 0 (no bound) round the raster
        self._ceiling = np.pad(ceiling, 1, constant_values=np.inf).ravel()

    @staticmethod
    def _measure(nearest, x0, y0, dx, dy, flat, n):
        """(lower, upper) distance bounds of the cells `flat` of an n x n raster."""
        cx = x0 + (flat % n + 0.5) * dx
        cy = y0 + (flat // n + 0.5) * dy
        d = nearest.distance(PointSet(cx, cy))
        r = np.maximum(geodesic_m(cx, cy, cx + dx / 2, cy + dy / 2),
                       geodesic_m(cx, cy, cx + dx / 2, cy - dy / 2)) * 1.01 + 1.0
        return np.maximum(d - r, 0.0), d + r

    def _cell(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        n = self.n
        ix = np.clip((lon - self.x0) * (1.0 / self.dx) + 1.0, 0.0, n + 1.0).astype(np.intp)
        iy = np.clip((lat - self.y0) * (1.0 / self.dy) + 1.0, 0.0, n + 1.0).astype(np.intp)
        return iy * (n + 2) + ix

    def lookup(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """The lower bound (metres) for each point; 0 off the raster."""
        return self._padded.take(self._cell(lon, lat))

    def bounds(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(lower, upper) bounds in metres for each point; (0, inf) off the raster."""
        cell = self._cell(lon, lat)
        return self._padded.take(cell), self._ceiling.take(cell)


def _cells(x0, y0, dx, dy, nx, ny):
    cols, rows = np.meshgrid(np.arange(nx), np.arange(ny))
    w, s = x0 + cols.ravel() * dx, y0 + rows.ravel() * dy
    return w, s, w + dx, s + dy


def polygon_classifier(geom: BaseGeometry) -> Classifier:
    """Classify cells against a (multi)polygon: EDGE where its boundary touches the cell."""
    coords = [np.asarray(part.coords) for part in _parts(shapely.boundary(geom))]
    segments = shapely.linestrings(np.concatenate([np.stack([c[:-1], c[1:]], axis=1)
                                                   for c in coords if len(c) > 1]))
    tree = shapely.STRtree(segments)  # boxes vs short segments: much faster than vs the ring
    shapely.prepare(geom)

    def classify(w, s, e, n):
        boxes = shapely.box(w - _EPS_DEG, s - _EPS_DEG, e + _EPS_DEG, n + _EPS_DEG)
        edge = np.zeros(len(w), dtype=bool)
        edge[tree.query(boxes, predicate="intersects")[0]] = True
        inside = shapely.intersects_xy(geom, (w + e) / 2, (s + n) / 2)
        return np.where(edge, EDGE, np.where(inside, IN, OUT)).astype(np.uint8)

    return classify


def _parts(geom: BaseGeometry) -> list[BaseGeometry]:
    return list(getattr(geom, "geoms", [geom]))


def disc_classifier(lon: float, lat: float, radius_m: float) -> Classifier:
    """Classify cells against a geodesic disc by the triangle inequality on corner distances.

    Any point of a cell is within the cell's diameter D of each corner, so a cell is IN if
    some corner is within ``radius - D`` of the centre and OUT if every corner is beyond
    ``radius + D``. D is taken as the longer diagonal plus 1 %.
    """

    def classify(w, s, e, n):
        xs = np.stack([w, e, e, w], axis=1).ravel() + np.array([-1, 1, 1, -1] * len(w)) * _EPS_DEG
        ys = np.stack([s, s, n, n], axis=1).ravel() + np.array([-1, -1, 1, 1] * len(w)) * _EPS_DEG
        _, _, d = GEOD.inv(np.full(xs.size, lon), np.full(xs.size, lat), xs, ys)
        d = d.reshape(-1, 4)
        _, _, diag1 = GEOD.inv(w, s, e, n)
        _, _, diag2 = GEOD.inv(e, s, w, n)
        diam = np.maximum(diag1, diag2) * 1.01 + 1.0
        inside = d.min(axis=1) + diam <= radius_m
        outside = d.max(axis=1) - diam > radius_m
        return np.where(inside, IN, np.where(outside, OUT, EDGE)).astype(np.uint8)

    return classify
