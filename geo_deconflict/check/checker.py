"""The zone checker: statuses, banks and boundary distances for arrays of points.

A `ZoneChecker` prepares each zone once: a geodesic circle test for buffers, a raster grid
with exact fallback for polygons, and the river's sides for the banks. It then answers for
millions of points at a time, with each point's uncertainty radius deciding 'ambiguous'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import shapely
from numpy.typing import ArrayLike
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry

from geo_deconflict.check._categorical import _join
from geo_deconflict.check._dates import (  # noqa: F401 (_one_date: check.files)
    _dates,
    _mark_dates,
    _one_date,
    _time_precision,
)
from geo_deconflict.check._shapes import _halves, _intersects, _prepare_for_threads
from geo_deconflict.errors import CoordinateError
from geo_deconflict.geo import layers
from geo_deconflict.geo._grid import (
    EDGE,
    IN,
    OUT,
    CellGrid,
    DistanceFloor,
    Nearest,
    PointSet,
    disc_classifier,
    geodesic_m,
    polygon_classifier,
)
from geo_deconflict.geo._nearest import compiled
from geo_deconflict.geo.coords import Location, check_lonlat
from geo_deconflict.geo.geodesy import CHORD_MAX_M, GEOD, buffer_m, chord_geodesic_m, ecef
from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.model import Zone

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AMBIGUOUS", "BANK_TOLERANCE_M", "INACTIVE", "REGION", "STATUS_IN", "STATUS_OUT",
           "ZoneChecker"]


STATUS_IN, STATUS_OUT, AMBIGUOUS, INACTIVE = "in", "out", "ambiguous", "inactive"


_STATUSES = [STATUS_IN, STATUS_OUT, AMBIGUOUS, INACTIVE]


_BANKS = ["left", "right", AMBIGUOUS, ""]


BANK_TOLERANCE_M = 2_000.0


# Region the river line divides and the checks are meant for (the layers' extract box).
REGION = (34.0, 31.0, 43.5, 38.5)


class ZoneChecker:
    """Zones prepared for fast repeated checks (build once, check many chunks).

    Examples
    --------
    >>> checker = ZoneChecker()
    >>> checker.zone_ids[:4]
    ['tanf_55km', 'euphrates_west', 'euphrates_east', 'manbij_area.deployment']
    >>> checker.check([38.61778], [33.50583], distances=False)["zones"].tolist()
    ['tanf_55km;euphrates_west']
    """

    def __init__(self, zones: Sequence[Zone] | None = None, *, at: dt.date | None = None,
                 bank_tolerance_m: float = BANK_TOLERANCE_M, river: str = "euphrates"):
        zones = list(build_zones() if zones is None else zones)
        if at is not None:
            zones = [z for z in zones if z.valid_at(at)]
        if not bank_tolerance_m >= 0:
            msg = f"bank tolerance must be >= 0 metres, got {bank_tolerance_m!r}"
            raise ValueError(msg)
        self.zones = zones
        self.zone_ids = [z.id for z in zones]
        self.bank_tolerance_m = float(bank_tolerance_m)
        river_line = _river_line(river)
        # One lattice for every raster, so that a point's cell is computed once for all zones.
        w, s_, e, n = REGION
        for geom in [z.geometry for z in zones] + [river_line]:
            gw, gs, ge, gn = shapely.bounds(geom)
            w, s_, e, n = min(w, gw - 0.1), min(s_, gs - 0.1), max(e, ge + 0.1), max(n, gn + 0.1)
        self.lattice = (w, s_, e, n)
        # Zones with the same geometry (versions of one arrangement) share one test, evaluated
        # once per call.
        shared: dict[bytes, _BufferTest | _PolygonTest] = {}
        self.tests = []
        for z in zones:
            buffer = z.centre is not None and bool(z.radius_m)
            key = (b"buffer %r %r" % (tuple(z.centre), float(z.radius_m)) if buffer
                   else shapely.to_wkb(z.geometry))
            if key not in shared:
                shared[key] = (_BufferTest(z, self.lattice) if buffer
                               else _PolygonTest(z, self.lattice))
            self.tests.append(shared[key])
        self.river = _RiverTest(river_line, self.lattice, self.bank_tolerance_m)

    def check(self, lon: ArrayLike, lat: ArrayLike, *, uncertainty_m: ArrayLike | float = 0.0,
              dates: ArrayLike | None = None, distances: bool = True,
              distance_max_m: float | None = None,
              time_precision: ArrayLike | None = None) -> pd.DataFrame:
        """Check points (see `check_points`); raises `CoordinateError` on bad coordinates.

        With `distance_max_m`, distances are only computed (and given) up to that many metres
        from each boundary; beyond it they are NaN. Statuses are exact either way.
        """
        import pandas as pd

        x, codes, dists = self._arrays(lon, lat, uncertainty_m, dates, distances,
                                       distance_max_m, time_precision=time_precision)
        cols: dict[str, object] = {}
        for i, zone in enumerate(self.zones):
            cols[f"in_{zone.id}"] = pd.Categorical.from_codes(codes[i], categories=_STATUSES)
            if dists is not None:
                cols[f"dist_{zone.id}_m"] = None
        cols["bank"] = pd.Categorical.from_codes(codes[-1], categories=_BANKS)
        if dists is not None:
            cols["euphrates_offset_m"] = None
        zone_codes = codes[:-1]
        cols["zones"] = _join(self.zone_ids, zone_codes == 0, x.size)
        cols["zones_ambiguous"] = _join(self.zone_ids, zone_codes == 2, x.size)
        if dists is None:
            return pd.DataFrame(cols)
        # The distances as one float block over `dists` itself (rounded in place): building
        # the frame from columns would copy them all into a new block.
        np.round(dists, 3, out=dists)  # millimetres
        names = [name for name, value in cols.items() if value is None]
        frame = pd.DataFrame(dists.T, columns=names, copy=False)
        for at, (name, value) in enumerate(cols.items()):
            if value is not None:
                frame.insert(at, name, value)
        return frame

    def _arrays(self, lon, lat, uncertainty_m, dates, distances, distance_max_m=None, *,
                time_precision=None):
        """(lon array, codes (zones then bank, int8), signed distances or None): the check
        without pandas; the status codes index `_STATUSES` and the bank codes `_BANKS`.
        `time_precision` (ACLED codes per row) widens each row's date (`check._dates`)."""
        x = np.atleast_1d(np.asarray(lon, dtype=float)).ravel()
        y = np.atleast_1d(np.asarray(lat, dtype=float)).ravel()
        if x.shape != y.shape:
            msg = f"{x.size} longitudes but {y.size} latitudes"
            raise CoordinateError(msg)
        check_lonlat(x, y)
        unc = np.asarray(uncertainty_m, dtype=float)
        if unc.ndim:
            unc = np.broadcast_to(unc, x.shape)
            bad = unc < 0
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                msg = f"uncertainty {unc[i]!r} m is negative (row {i + 1})"
                raise CoordinateError(msg)
            unc = np.nan_to_num(unc, nan=0.0)
        elif not unc >= 0:
            msg = f"uncertainty {float(unc)!r} m is not a number >= 0"
            raise CoordinateError(msg)
        if distance_max_m is not None and not distance_max_m >= 0:
            msg = f"the distance band must be >= 0 metres, got {distance_max_m!r}"
            raise ValueError(msg)
        day = _dates(dates, x.size)
        precision = _time_precision(time_precision, x.size) if day is not None else None
        grid_mode = x.size >= _GRID_MIN
        if grid_mode:  # build the lazily made rasters before any thread uses them
            floors = bool(np.any(unc > 0)) or (distances and distance_max_m is not None)
            for test in [*self.tests, self.river]:
                test.prepare(distances, floors)
        codes = np.empty((len(self.tests) + 1, x.size), dtype=np.int8)
        dists = np.empty((len(self.tests) + 1, x.size)) if distances else None
        halves = [slice(0, x.size // 2), slice(x.size // 2, x.size)]
        if x.size < 200_000:
            halves = [slice(0, x.size)]

        def run(sl: slice) -> None:
            u = unc[sl] if unc.ndim else unc
            block = None if dists is None else dists[:, sl]
            self._evaluate(x[sl], y[sl], u, grid_mode, codes[:, sl], block, distance_max_m)
            if block is not None and distance_max_m is not None:  # beyond the band: not given
                np.copyto(block, np.nan, where=~(np.abs(block) <= distance_max_m))

        if len(halves) == 1:
            run(halves[0])
        else:  # numpy, shapely and the rasters release the GIL: use both cores
            with ThreadPoolExecutor(len(halves)) as pool:
                list(pool.map(run, halves))
        if day is not None:  # a zone not in force then: inactive, or ambiguous (in part)
            _mark_dates(codes[:-1], self.zones, day, precision)
        return x, codes, dists

    def _evaluate(self, x, y, unc, grid_mode, codes, dists, max_m=None) -> None:
        """Fill codes (statuses, then bank) and signed distances for one slice of points."""
        index = self.tests[0].grid.index(x, y) if grid_mode and self.tests else None
        if grid_mode and not self.tests:
            index = self.river.grid.index(x, y)
        points = PointSet(x, y)  # projections computed once for every zone
        if dists is None and index is not None and np.ndim(unc):
            self._statuses(points, index, unc, codes)
        else:
            self._zones(points, index, unc, codes, dists, max_m)
        tolerance = np.fmax(unc, self.bank_tolerance_m)
        bank, offset = self.river.evaluate(points, index, tolerance, dists is not None, max_m)
        codes[-1] = bank
        if dists is not None:
            dists[-1] = offset

    def _statuses(self, points, index, unc, codes) -> None:
        """Statuses only, with an uncertainty per point: containment for every point, then
        'ambiguous' decided among the uncertain points alone (their projections and raster
        cell computed once for every zone)."""
        sub = np.flatnonzero(unc > 0)
        few = points.take(sub)
        u = unc[sub]
        cell = None
        polygons = [t for t in self.tests if isinstance(t, _PolygonTest)]
        if sub.size and polygons:  # every floor raster has the same cells (one lattice)
            ref = polygons[0].floor
            cell = _cells_key(ref), ref._cell(few.lon, few.lat)
        done: dict[int, tuple] = {}
        for i, test in enumerate(self.tests):
            if id(test) not in done:
                done[id(test)] = test.statuses(points, index, few, sub, u, cell)
            inside, ambiguous = done[id(test)]
            code = codes[i]
            np.subtract(1, inside, out=code, casting="unsafe")  # 0 in, 1 out
            if ambiguous is not None:
                code[sub[ambiguous]] = 2

    def _zones(self, points, index, unc, codes, dists, max_m) -> None:
        """Statuses and signed distances (or one uncertainty for all points)."""
        done: dict[int, tuple] = {}
        for i, test in enumerate(self.tests):
            row = None if dists is None else dists[i]
            if id(test) in done:
                inside, dist = done[id(test)]
            elif isinstance(test, _PolygonTest):
                inside, dist = test.evaluate(points, index, unc, dists is not None, max_m,
                                             out=row)
            else:
                inside, dist = test.evaluate(points, index, unc, dists is not None)
            done[id(test)] = inside, dist
            code = codes[i]
            np.subtract(1, inside, out=code, casting="unsafe")  # 0 in, 1 out
            if dist is not None:
                if np.ndim(unc) or unc > 0:
                    code[np.abs(dist) < unc] = 2
                if row is not None and dist is not row:
                    row[:] = dist

    def check_location(self, location: Location) -> dict:
        """Describe one location against every zone (see `check_location`)."""
        _, codes, dists = self._arrays([location.lon], [location.lat], location.uncertainty_m,
                                       None, True)
        area = location.area
        zones = []
        for i, (zone, test) in enumerate(zip(self.zones, self.tests)):
            status = _STATUSES[codes[i, 0]]
            if area is not None:
                status = test.area_status(area)
            zones.append({
                "id": zone.id, "name_en": zone.name_en, "name_ar": zone.name_ar,
                "status": status, "distance_m": round(float(dists[i, 0]), 1),
                "valid_from": zone.valid_from.isoformat() if zone.valid_from else None,
                "valid_to": zone.valid_to.isoformat() if zone.valid_to else None,
            })
        bank = _BANKS[codes[-1, 0]]
        if area is not None:
            bank = self.river.area_bank(area)
        return {
            "location": {"lon": location.lon, "lat": location.lat,
                         "uncertainty_m": round(location.uncertainty_m, 1),
                         "area": area is not None, "label": location.label},
            "zones": zones,
            "bank": bank,
            "euphrates_offset_m": round(float(dists[-1, 0]), 1),
        }


# Below this many points, test exactly without building the cell rasters (they pay off later).
_GRID_MIN = 20_000


def _uncertain(unc) -> np.ndarray | bool:
    return unc > 0 if np.ndim(unc) else bool(unc > 0)


class _BufferTest:
    """A plain geodesic buffer: exact distance to the centre."""

    def __init__(self, zone: Zone, lattice: tuple[float, float, float, float]):
        self.lon, self.lat = zone.centre
        self.radius = float(zone.radius_m)
        self.lattice = lattice
        self.xyz = tuple(float(v) for v in ecef(np.array(self.lon), np.array(self.lat)))

    @cached_property
    def grid(self) -> CellGrid:
        return CellGrid(self.lattice, disc_classifier(self.lon, self.lat, self.radius))

    def prepare(self, distances: bool, floors: bool = False) -> None:
        self.grid  # noqa: B018 - builds the cached raster

    def centre_distance(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        _, _, d = GEOD.inv(np.full(x.size, self.lon), np.full(x.size, self.lat), x, y)
        return np.asarray(d)

    def signed(self, points: PointSet) -> np.ndarray:
        """Distance to the centre minus the radius: from the chord (< 2 mm from Karney up to
        700 km, Vincenty beyond), and Karney itself within 1 m of the circle, so that the
        in/out decision is the exact one."""
        x, y, z = points.xyz
        cx, cy, cz = self.xyz
        dist = chord_geodesic_m(x - cx, y - cy, z - cz, x + cx, y + cy, z + cz)
        far = dist > CHORD_MAX_M
        if far.any():
            dist[far] = geodesic_m(np.full(int(far.sum()), self.lon),
                                   np.full(int(far.sum()), self.lat),
                                   points.lon[far], points.lat[far])
        dist -= self.radius
        near = np.abs(dist) < 1.0
        if near.any():
            dist[near] = self.centre_distance(points.lon[near], points.lat[near]) - self.radius
        return dist

    def evaluate(self, points, index, unc, distances):
        """(inside, signed distance or None where not needed)."""
        if distances or index is None:
            dist = self.signed(points)
            return dist <= 0, dist
        x, y = points.lon, points.lat
        code = self.grid.lookup(x, y, index)
        inside = code == IN
        todo = (code == EDGE) | _uncertain(unc)
        if not todo.any():
            return inside, None
        d = self.signed(points.take(todo) if np.ndim(todo) else points)
        inside[todo] = d <= 0
        dist = np.full(x.size, np.inf)
        dist[todo] = d
        return inside, dist

    def statuses(self, points, index, few, sub, unc, cell):
        """(inside, ambiguous among the points `sub` (= `few`, uncertainties `unc`) or None),
        as `evaluate` then ``|distance| < unc`` decide them."""
        code = self.grid.lookup(points.lon, points.lat, index)
        inside = code == IN
        edge = np.flatnonzero(code == EDGE)
        if edge.size:
            inside[edge] = self.signed(points.take(edge)) <= 0
        if not sub.size:
            return inside, None
        d = self.signed(few)
        inside[sub] = d <= 0
        return inside, np.abs(d) < unc

    def area_status(self, area: BaseGeometry) -> str:
        ring = np.asarray(shapely.get_coordinates(shapely.segmentize(shapely.boundary(area),
                                                                     0.002)))
        d = self.centre_distance(ring[:, 0], ring[:, 1])
        if d.max() <= self.radius:
            return STATUS_IN
        if d.min() > self.radius and not area.intersects(Point(self.lon, self.lat)):
            return STATUS_OUT
        return AMBIGUOUS


class _PolygonTest:
    """A polygonal zone: containment (closed), distance to the nearest boundary point."""

    def __init__(self, zone: Zone, lattice: tuple[float, float, float, float]):
        self.geom = zone.geometry
        self.lattice = lattice
        _prepare_for_threads(self.geom)

    @cached_property
    def grid(self) -> CellGrid:
        return CellGrid(self.lattice, polygon_classifier(self.geom))

    @cached_property
    def nearest(self) -> Nearest:
        return _nearest(shapely.boundary(self.geom))

    @cached_property
    def floor(self) -> DistanceFloor:
        return DistanceFloor(self.lattice, self.nearest)

    def prepare(self, distances: bool, floors: bool = False) -> None:
        self.grid  # noqa: B018
        if distances or floors:
            self.nearest  # noqa: B018
        if floors:
            self.floor  # noqa: B018

    def evaluate(self, points, index, unc, distances, max_m=None, out=None):
        """(inside, signed distance or None where not needed); with every distance wanted,
        the distances are written into `out` if given."""
        x, y = points.lon, points.lat
        inside = _intersects(self.geom, self.grid if index is not None else None, x, y, index)
        todo = np.ones(x.size, bool) if distances else _uncertain(unc)
        sure = None
        band = max_m is not None and not compiled(x.size)  # compiled: all at once is cheaper
        if index is not None and (band or not distances) and np.any(todo):
            # no exact distance where the bounds show it beyond the band and the uncertainty,
            # nor (statuses only) where the ceiling shows the uncertainty reaches the boundary
            floor, ceiling = self.floor.bounds(x, y)
            if distances:
                todo = (floor < unc) | (floor <= max_m)
            else:
                sure = ceiling < unc
                todo = (floor < unc) & ~sure
        if not np.any(todo) and sure is None:
            return inside, None
        if out is not None and sure is None and np.all(todo):
            self.nearest.distance(points, out=out)
            np.negative(out, out=out, where=inside)
            return inside, out
        dist = np.full(x.size, np.inf)
        if sure is not None:
            dist[sure] = 0.0  # within the uncertainty of the boundary: ambiguous
        if np.ndim(todo):
            if todo.all():
                dist = self.nearest.distance(points)
            elif todo.any():
                dist[todo] = self.nearest.distance(points.take(todo))
        else:
            dist = self.nearest.distance(points)
        return inside, np.where(inside, -dist, dist)

    def statuses(self, points, index, few, sub, unc, cell):
        """(inside, ambiguous among the points `sub` (= `few`, uncertainties `unc`) or None):
        the raster bounds settle most; the exact distance only where they straddle `unc`."""
        inside = _intersects(self.geom, self.grid, points.lon, points.lat, index)
        if not sub.size:
            return inside, None
        floor = self.floor
        if cell is not None and cell[0] == _cells_key(floor):
            lo, hi = floor._padded.take(cell[1]), floor._ceiling.take(cell[1])
        else:
            lo, hi = floor.bounds(few.lon, few.lat)
        ambiguous = hi < unc  # the boundary is surely within the uncertainty
        todo = np.flatnonzero((lo < unc) & ~ambiguous)
        if todo.size:
            ambiguous[todo] = self.nearest.distance(few.take(todo)) < unc[todo]
        return inside, ambiguous

    def area_status(self, area: BaseGeometry) -> str:
        if self.geom.contains(area):
            return STATUS_IN
        if not self.geom.intersects(area):
            return STATUS_OUT
        return AMBIGUOUS


class _RiverTest:
    """Bank of a river: left/right half-planes of a box split by the line, plus a band."""

    def __init__(self, line: LineString, lattice: tuple[float, float, float, float],
                 tolerance_m: float):
        self.line = line
        self.lattice = lattice
        self.tolerance_m = tolerance_m
        region = box(*REGION)
        coords = np.asarray(line.coords)
        # Prolong both ends outwards so that the line crosses the box from border to border.
        head = coords[0] + (coords[0] - coords[1]) / np.hypot(*(coords[0] - coords[1])) * 0.5
        tail = coords[-1] + (coords[-1] - coords[-2]) / np.hypot(*(coords[-1] - coords[-2])) * 0.5
        self.left, self.right = _halves(region, LineString([head, *coords, tail]))
        _prepare_for_threads(self.left)

    @cached_property
    def grid(self) -> CellGrid:
        return CellGrid(self.lattice, polygon_classifier(self.left))

    @cached_property
    def nearest(self) -> Nearest:
        return _nearest(self.line)

    @cached_property
    def band_grid(self) -> CellGrid:
        """Cells surely farther than the tolerance from the line are OUT (AEQD buffer, padded)."""
        band = buffer_m(self.line, self.tolerance_m * 1.01 + 100.0)
        return CellGrid(self.lattice, polygon_classifier(band))

    @cached_property
    def floor(self) -> DistanceFloor:
        return DistanceFloor(self.lattice, self.nearest)

    def prepare(self, distances: bool, floors: bool = False) -> None:
        self.grid  # noqa: B018
        self.nearest  # noqa: B018
        if not distances:
            self.band_grid  # noqa: B018
        if floors:
            self.floor  # noqa: B018

    def evaluate(self, points, index, tolerance, distances, max_m=None):
        """(bank codes into _BANKS, signed offset or None)."""
        x, y = points.lon, points.lat
        left = _intersects(self.left, self.grid if index is not None else None, x, y, index)
        w, s, e, n = REGION
        known = (x >= w) & (x <= e) & (y >= s) & (y <= n)
        # Only points that may lie within `tolerance` of the line need their distance.
        sure = None
        if index is None or (distances and (max_m is None or compiled(x.size))):
            todo = known
        else:
            wide = np.asarray(tolerance > self.tolerance_m)
            near = self.band_grid.lookup(x, y, index) != OUT if not distances else False
            if np.any(wide) or distances:
                floor, ceiling = self.floor.bounds(x, y)
                if distances:
                    near = near | (floor < tolerance) | (floor <= max_m)
                else:  # a ceiling under the tolerance: surely in the band, no distance needed
                    sure = wide & (ceiling < tolerance)
                    near = (near & ~wide) | (wide & (floor < tolerance) & ~sure)
            todo = known & near
        dist = np.full(x.size, np.inf)
        if todo.all():
            dist = self.nearest.distance(points)
        elif todo.any():
            dist[todo] = self.nearest.distance(points.take(todo))
        if sure is not None:
            dist[known & sure] = 0.0  # surely within the band: ambiguous
        bank = (~left).view(np.int8)  # 0 left, 1 right: indices into _BANKS
        bank[dist < tolerance] = 2
        bank[~known] = 3
        offset = np.where(left, dist, -dist) if distances else None
        if offset is not None:
            offset[~known] = np.nan
        return bank, offset

    def area_bank(self, area: BaseGeometry) -> str:
        sides = [s for s, g in (("left", self.left), ("right", self.right)) if g.intersects(area)]
        if len(sides) != 1:
            return AMBIGUOUS if sides else ""
        return sides[0]


def _river_line(name: str) -> LineString:
    """The river line: from the prebuilt zones cache when fresh, else from the layers."""
    from geo_deconflict.zones.cache import cached_river

    line = cached_river(name)
    return line if line is not None else layers.river_line(name)


def _nearest(lines: BaseGeometry) -> Nearest:
    """`Nearest` for lines, with the candidate lists shipped for the bundled zones if any."""
    from geo_deconflict.zones.cache import cached_candidates

    nearest = Nearest(lines)
    data = cached_candidates(lines)
    if data is not None:
        nearest.load(data)
    return nearest


def _cells_key(floor: DistanceFloor) -> tuple:
    """What decides the cell of a point in a `DistanceFloor` raster."""
    return floor.x0, floor.y0, floor.dx, floor.dy, floor.n
