"""The compiled distance loop (geo._kernel) against the numpy path it replaces for large calls."""

import numpy as np
import pytest
import shapely

import geo_deconflict.geo._nearest as nearest_mod
from geo_deconflict.geo._grid import Nearest, PointSet
from geo_deconflict.geo.geodesy import GEOD
from geo_deconflict.geo.layers import river_line

pytest.importorskip("numba", reason="numba is not installed: only the numpy path runs")


def _numpy(monkeypatch, nearest, points):
    """`Nearest.distance` through the numpy path (`_locate`), on a fresh copy of the lines'
    lists so that the two paths do not share what either filled."""
    with monkeypatch.context() as m:
        m.setattr(nearest_mod, "KERNEL_MIN", 10**12)
        return nearest.distance(points)


def _points(seed, n, box=(30.0, 28.0, 48.0, 41.0)):
    rng = np.random.default_rng(seed)
    return PointSet(rng.uniform(box[0], box[2], n), rng.uniform(box[1], box[3], n))


@pytest.mark.parametrize("which", ["river", "ring"])
def test_compiled_loop_gives_the_numpy_distances(monkeypatch, which):
    line = river_line("euphrates")
    if which == "ring":  # a closed boundary: the 55 km circle's ring round al-Tanf
        line = shapely.Point(38.6178, 33.5058).buffer(0.5).exterior
    # points on and off the raster (the box reaches past the raster's cover), near and far
    points = _points(1, 60_000)
    assert nearest_mod.compiled(points.lon.size)
    fast = Nearest(line).distance(points)  # fresh lists: every cell computed on the way
    slow = _numpy(monkeypatch, Nearest(line), points)
    assert np.isfinite(fast).all()
    assert np.abs(fast - slow).max() <= 1e-9
    assert np.mean(fast == slow) > 0.99  # the same operations in the same order


def test_compiled_loop_agrees_with_pyproj_at_the_nearest_point():
    # the distance is the geodesic one: measured by pyproj to the point the numpy path finds
    line = river_line("euphrates")
    points = _points(2, 40_000, box=(37.0, 34.0, 42.0, 37.0))
    near = Nearest(line)
    fast = near.distance(points)
    fx, fy = near.nearest(points.lon[:500], points.lat[:500])
    exact = GEOD.inv(points.lon[:500], points.lat[:500], fx, fy)[2]
    assert np.abs(fast[:500] - exact).max() < 0.002  # 2 mm (the chord formula's bound)


def test_compiled_loop_measures_far_points_by_the_full_inverse(monkeypatch):
    # beyond CHORD_MAX_M the chord formula is not used: points 800-2,500 km from the river
    line = river_line("euphrates")
    points = _points(3, 30_000, box=(5.0, 10.0, 20.0, 25.0))
    fast = Nearest(line).distance(points)
    assert fast.min() > 800_000
    slow = _numpy(monkeypatch, Nearest(line), points)
    assert np.abs(fast - slow).max() < 1e-6


def test_compiled_loop_writes_into_a_strided_output(monkeypatch):
    line = river_line("euphrates")
    points = _points(4, 25_000)
    block = np.full((points.lon.size, 3), np.nan)
    out = block[:, 1]  # one column of a row-major block: not contiguous
    assert not out.flags.c_contiguous
    Nearest(line).distance(points, out=out)
    assert np.isfinite(block[:, 1]).all()
    assert np.isnan(block[:, 0]).all() and np.isnan(block[:, 2]).all()
    assert np.abs(block[:, 1] - _numpy(monkeypatch, Nearest(line), points)).max() <= 1e-9


def test_loaded_split_lists_give_the_same_distances(monkeypatch):
    # lists exported after a call that split busy cells, loaded into a fresh Nearest:
    # the compiled loop reads the sub-cells through its key table
    line = river_line("euphrates")
    rng = np.random.default_rng(10)
    cloud = PointSet(rng.normal(39.0, 0.05, 30_000), rng.normal(35.98, 0.05, 30_000))
    first = Nearest(line)
    _numpy(monkeypatch, first, cloud)  # the numpy path splits the busy cells
    assert (first.sub_base >= 0).any()
    loaded = Nearest(line)
    assert loaded.load(first.export())
    fast = loaded.distance(cloud)
    assert np.abs(fast - _numpy(monkeypatch, Nearest(line), cloud)).max() <= 1e-9


def test_without_numba_the_numpy_path_runs(monkeypatch):
    monkeypatch.setattr(nearest_mod, "_KERNEL", [None])
    assert not nearest_mod.compiled(10**7)
    line = river_line("euphrates")
    points = _points(5, 25_000)
    got = Nearest(line).distance(points)
    monkeypatch.setattr(nearest_mod, "_KERNEL", [])
    assert np.abs(got - Nearest(line).distance(points)).max() <= 1e-9


@pytest.mark.parametrize("band_m", [None, 25_000.0])
def test_checker_frames_are_the_same_through_either_path(monkeypatch, band_m):
    # the bundled zones and the river: statuses, banks and distances (within a band, the
    # compiled path measures every point and masks; the numpy path bounds first)
    from geo_deconflict.check.checker import ZoneChecker
    from geo_deconflict.zones.core import build_zones

    points = _points(6, 50_000, box=(35.5, 32.0, 42.5, 37.5))
    zones = build_zones()
    fast = ZoneChecker(zones).check(points.lon, points.lat, distance_max_m=band_m)
    with monkeypatch.context() as m:
        m.setattr(nearest_mod, "KERNEL_MIN", 10**12)
        slow = ZoneChecker(zones).check(points.lon, points.lat, distance_max_m=band_m)
    assert list(fast.columns) == list(slow.columns)
    for column in fast.columns:
        a, b = fast[column].to_numpy(), slow[column].to_numpy()
        if a.dtype.kind == "f":
            assert np.array_equal(np.isnan(a), np.isnan(b)), column
            assert np.nanmax(np.abs(a - b)) <= 0.05, column  # rounded to 0.1 m
        else:
            assert (a == b).all(), column
    if band_m is not None:
        d = fast["euphrates_offset_m"].to_numpy()
        assert np.isnan(d).any() and (np.abs(d[~np.isnan(d)]) <= band_m).all()
