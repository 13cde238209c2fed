"""The private raster and nearest-point helpers: Vincenty against Karney, Nearest against brute force."""

import numpy as np
import pytest
import shapely

from geo_deconflict.geo._grid import Nearest, geodesic_m
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
