"""The private raster and nearest-point helpers: Vincenty against Karney, Nearest against brute force."""

import numpy as np
import pytest
import shapely

from geo_deconflict.geo._grid import Nearest, PointSet, geodesic_m
from geo_deconflict.geo.geodesy import GEOD
from geo_deconflict.geo.layers import river_line


@pytest.mark.parametrize("spread_deg", [1e-5, 0.01, 0.5, 5.0])
def test_vincenty_agrees_with_karney(spread_deg):
    rng = np.random.default_rng(4)
    n = 50_000
    lon, lat = rng.uniform(35.5, 42.5, n), rng.uniform(32.2, 37.5, n)
    lon2 = lon + rng.normal(0, spread_deg, n)
    lat2 = np.clip(lat + rng.normal(0, spread_deg, n), -90, 90)
    exact = GEOD.inv(lon, lat, lon2, lat2)[2]
    assert np.abs(geodesic_m(lon, lat, lon2, lat2) - exact).max() < 1e-4  # 0.1 mm


def test_vincenty_hands_long_and_antipodal_lines_to_pyproj():
    lon1, lat1 = np.array([0.0, 0.0, 38.6, 38.6]), np.array([0.0, 0.0, 33.5, 33.5])
    lon2, lat2 = np.array([0.0, 179.8, 38.6, -141.4]), np.array([0.0, 0.3, 33.5, -33.5])
    exact = GEOD.inv(lon1, lat1, lon2, lat2)[2]
    np.testing.assert_allclose(geodesic_m(lon1, lat1, lon2, lat2), exact, atol=1e-6)


def test_nearest_point_matches_brute_force_geodesic_minimum():
    # the Euphrates line: the returned point is the true (geodesic) nearest point, to a
    # centimetre, for points 0-700 km away, including those beyond its free ends
    line = river_line("euphrates")
    rng = np.random.default_rng(5)
    lon, lat = rng.uniform(33, 46, 150), rng.uniform(30, 41, 150)
    fx, fy = Nearest(line).nearest(lon, lat)
    ours = GEOD.inv(lon, lat, fx, fy)[2]
    coarse = shapely.get_coordinates(shapely.segmentize(line, 0.002))  # ~200 m
    for i in range(lon.size):
        d = GEOD.inv(np.full(len(coarse), lon[i]), np.full(len(coarse), lat[i]), *coarse.T)[2]
        k = int(np.argmin(d))
        fine = shapely.get_coordinates(shapely.segmentize(  # ~2 m round the best sample
            shapely.LineString(coarse[max(k - 2, 0):k + 3]), 0.00002))
        brute = GEOD.inv(np.full(len(fine), lon[i]), np.full(len(fine), lat[i]), *fine.T)[2]
        assert ours[i] == pytest.approx(brute.min(), abs=0.01), (lon[i], lat[i])
    assert shapely.distance(shapely.points(fx, fy), line).max() < 1e-9  # on the line


def _brute_m(line, lon, lat, fine_deg=0.00002):
    """Geodesic distance to a line by sampling: 200 m samples, then `fine_deg` (2 m) round
    the best three."""
    coarse = shapely.get_coordinates(shapely.segmentize(line, 0.002))
    d = GEOD.inv(np.full(len(coarse), lon), np.full(len(coarse), lat), *coarse.T)[2]
    best = np.inf
    for k in np.argsort(d)[:3]:
        fine = shapely.get_coordinates(shapely.segmentize(
            shapely.LineString(coarse[max(k - 2, 0):k + 3]), fine_deg))
        near = GEOD.inv(np.full(len(fine), lon), np.full(len(fine), lat), *fine.T)[2]
        best = min(best, near.min())
    return best


def test_distance_where_the_plane_and_the_ellipsoid_disagree_on_the_nearest_segment():
    # 300+ km north-east of the Euphrates' Syrian course, the upper river in Turkey is the
    # nearest part on the ellipsoid while a Syrian part is nearer in the Mercator plane (its
    # scale differs by 4 % over those latitudes): the candidates must come from the ellipsoid
    line = river_line("euphrates")
    rng = np.random.default_rng(6)
    lon, lat = rng.uniform(42.0, 43.0, 40), rng.uniform(36.8, 37.6, 40)
    ours = Nearest(line).distance(PointSet(lon, lat))
    brute = np.array([_brute_m(line, x, y) for x, y in zip(lon, lat)])
    assert brute.min() > 150_000
    assert np.abs(ours - brute).max() < 0.01


def test_distance_close_to_the_line_matches_brute_force():
    # points 1 m to 3 km off the line, where the foot on a lon/lat-straight segment must be
    # found to well under a metre along it (a lon/lat step is not an even pace in metres)
    line = river_line("euphrates")
    rng = np.random.default_rng(7)
    on = shapely.get_coordinates(shapely.line_interpolate_point(
        line, rng.uniform(0, 1, 60), normalized=True))
    lon, lat, _ = GEOD.fwd(on[:, 0], on[:, 1], rng.uniform(0, 360, 60),
                           10 ** rng.uniform(0, 3.5, 60))
    ours = Nearest(line).distance(PointSet(lon, lat))
    brute = np.array([_brute_m(line, x, y, 2e-7) for x, y in zip(lon, lat)])  # 2 cm samples
    assert np.abs(ours - brute).max() < 0.005


def _bundled_lines():
    """The distinct boundaries of the bundled polygon zones, and the Euphrates."""
    from geo_deconflict.zones.core import build_zones

    seen, out = set(), []
    for geom in [shapely.boundary(z.geometry) for z in build_zones() if not z.radius_m]:
        if shapely.to_wkb(geom) not in seen:
            seen.add(shapely.to_wkb(geom))
            out.append(geom)
    return [*out, river_line("euphrates")]


def test_candidate_lists_hold_the_nearest_segment_of_every_bundled_line():
    # The raster's pruned candidate lists (as shipped in the zones cache, else computed) must
    # hold the nearest segment: every point gets the same chord to the line as a search over
    # every segment, for points over the whole raster and points 1 m to 30 km off the lines.
    from geo_deconflict.check.checker import _nearest

    rng = np.random.default_rng(8)
    for line in _bundled_lines():
        parts = list(getattr(line, "geoms", [line]))
        near = shapely.get_coordinates(shapely.line_interpolate_point(
            parts[0], rng.uniform(0, 1, 1500), normalized=True))
        nlon, nlat, _ = GEOD.fwd(near[:, 0], near[:, 1], rng.uniform(0, 360, 1500),
                                 10 ** rng.uniform(0, 4.5, 1500))
        lon = np.r_[rng.uniform(32, 46, 3000), rng.uniform(35.5, 42.5, 3000), nlon]
        lat = np.r_[rng.uniform(29, 40, 3000), rng.uniform(32.2, 37.4, 3000), nlat]
        nearest = _nearest(line)
        points = PointSet(lon, lat)
        _, _, (rx, ry, rz) = nearest._locate(points)
        ours = np.sqrt(rx * rx + ry * ry + rz * rz)
        x, y, z = points.xyz
        best = np.full(lon.size, np.inf)
        every = np.arange(len(nearest._x))
        for i in range(0, every.size, 256):
            _, ex, ey, ez = nearest._feet(every[None, i:i + 256], x[:, None], y[:, None],
                                          z[:, None])
            best = np.minimum(best, (ex * ex + ey * ey + ez * ez).min(axis=1))
        assert np.abs(ours - np.sqrt(best)).max() < 1e-3  # the same segment (or a tie)


def _brute_chord(nearest, points):
    """The chord from each point to the nearest of every segment (no raster)."""
    x, y, z = points.xyz
    best = np.full(x.size, np.inf)
    every = np.arange(len(nearest._x))
    for i in range(0, every.size, 256):
        _, ex, ey, ez = nearest._feet(every[None, i:i + 256], x[:, None], y[:, None], z[:, None])
        best = np.minimum(best, (ex * ex + ey * ey + ez * ez).min(axis=1))
    return np.sqrt(best)


def test_sub_cells_hold_the_nearest_segment_and_change_no_distance():
    # Cells with several candidates split into sub-cells with lists of their own: computed
    # here (not loaded), they must still hold the nearest segment of every point, and give the
    # distances of the unsplit cells (a tie may pick the other of two equal segments)
    from geo_deconflict.geo._cells import SUB

    rng = np.random.default_rng(9)
    lines = _bundled_lines()
    for line in (lines[0], lines[2], lines[-1]):
        near = shapely.get_coordinates(shapely.line_interpolate_point(
            line, rng.uniform(0, 1, 2000), normalized=True))
        nlon, nlat, _ = GEOD.fwd(near[:, 0], near[:, 1], rng.uniform(0, 360, 2000),
                                 10 ** rng.uniform(0, 4.7, 2000))
        lon = np.r_[rng.uniform(35.5, 42.5, 4000), nlon]
        lat = np.r_[rng.uniform(32.2, 37.4, 4000), nlat]
        points = PointSet(lon, lat)
        plain = Nearest(line)
        split = Nearest(line)
        split.export(split.cells_of(lon, lat))  # computes these cells, and splits them
        assert (split.sub_base >= 0).sum() > 100
        assert (plain.sub_base >= 0).sum() == 0
        head = split.sub.head
        assert head.size == (split.sub_base >= 0).sum() * SUB * SUB
        _, _, (rx, ry, rz) = split._locate(points)
        ours = np.sqrt(rx * rx + ry * ry + rz * rz)
        assert np.abs(ours - _brute_chord(split, points)).max() < 1e-3
        assert np.abs(split.distance(points) - plain.distance(points)).max() < 1e-3
        # more points in their sub-cells have a single candidate than in their cells
        one = int((head >= 0).sum())
        assert one > 0.5 * head.size


def test_a_cell_with_many_points_is_split_at_run_time():
    from geo_deconflict.geo._nearest import REFINE_MIN

    line = river_line("euphrates")
    rng = np.random.default_rng(10)
    plain = Nearest(line)
    # a cloud of points round Raqqa, some kilometres off the river: cells with several
    # candidates that hold more than REFINE_MIN points each get split on the first call
    lon, lat = rng.normal(39.0, 0.02, 4 * REFINE_MIN), rng.normal(35.98, 0.02, 4 * REFINE_MIN)
    points = PointSet(lon, lat)
    before = plain.distance(points)
    assert (plain.sub_base >= 0).sum() > 0
    fresh = Nearest(line)
    fresh.chunk = 1000  # fewer than REFINE_MIN points a call: nothing split
    again = fresh.distance(points)
    assert (fresh.sub_base >= 0).sum() == 0
    assert np.abs(before - again).max() < 1e-3
    exact = np.array([_brute_m(line, x, y) for x, y in zip(lon[:25], lat[:25])])
    assert np.abs(before[:25] - exact).max() < 0.01
