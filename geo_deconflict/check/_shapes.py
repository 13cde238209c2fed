"""Shape helpers of the zone checker: thread-safe prepared geometries, raster-assisted
containment, and an area's two sides of a line."""

from __future__ import annotations

import numpy as np
import shapely
import shapely.ops
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from geo_deconflict.geo._grid import EDGE, IN
from geo_deconflict.geo.split import split_by_line


def _prepare_for_threads(geom: BaseGeometry) -> None:
    """Prepare `geom` and build its point locator now, in one thread.

    GEOS builds a prepared geometry's indexes lazily, on its first query, and that lazy
    step is not thread-safe. `ZoneChecker.check` queries the same geometry from two threads,
    and so do the dask engine's worker threads, which share one checker. Running one query
    here means those threads only ever read the finished index.
    """
    shapely.prepare(geom)
    x, y = geom.representative_point().coords[0]
    shapely.intersects_xy(geom, np.array([x, x + 1.0]), np.array([y, y + 1.0]))


def _intersects(geom: BaseGeometry, grid, x: np.ndarray, y: np.ndarray, index) -> np.ndarray:
    """True where (x, y) lies in `geom` (its boundary included): the raster answers most
    points and only those in cells the boundary crosses get the exact test."""
    if grid is None:
        return shapely.intersects_xy(geom, x, y)
    code = grid.lookup(x, y, index)
    inside = code == IN
    edge = code == EDGE
    if edge.any():
        inside[edge] = shapely.intersects_xy(geom, x[edge], y[edge])
    return inside


def _halves(area: BaseGeometry, line: LineString) -> tuple[BaseGeometry, BaseGeometry]:
    """The parts of `area` left and right of `line` (which crosses it from border to border).

    Faster than `zones.split_by_line` for this one simple case: the side of each part is told by
    a probe a metre to the left of the middle of the line's middle segment.
    """
    pieces = list(shapely.ops.split(area, line).geoms)
    coords = np.asarray(line.coords)
    i = len(coords) // 2
    (x0, y0), (x1, y1) = coords[i - 1], coords[i]
    norm = np.hypot(x1 - x0, y1 - y0)
    probe = Point((x0 + x1) / 2 - (y1 - y0) / norm * 1e-5, (y0 + y1) / 2 + (x1 - x0) / norm * 1e-5)
    left = [p for p in pieces if p.contains(probe)]
    if len(pieces) != 2 or len(left) != 1:
        return split_by_line(area, line)
    right = [p for p in pieces if p is not left[0]]
    return left[0], right[0]
