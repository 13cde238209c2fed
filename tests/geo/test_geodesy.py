"""Geodesic circles, buffers and areas, checked against pyproj.Geod directly."""

import numpy as np
import pytest
from shapely.geometry import LineString

from geo_deconflict.geo.geodesy import (
    CHORD_MAX_M,
    GEOD,
    buffer_m,
    chord_geodesic_m,
    ecef,
    geodesic_area_m2,
    geodesic_circle,
    geodesic_distance_m,
)

TANF = (38.61778, 33.50583)


def _true_circle_area_m2(lon, lat, radius_m, n=20_000):
    az = np.linspace(0, 360, n, endpoint=False)
    lons, lats, _ = GEOD.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, radius_m))
    area, _ = GEOD.polygon_area_perimeter(lons, lats)
    return abs(area)


@pytest.mark.parametrize("radius_m", [1_000, 55_000, 300_000])
def test_circle_vertices_are_at_the_radius(radius_m):
    ring = np.asarray(geodesic_circle(*TANF, radius_m).exterior.coords)
    _, _, dist = GEOD.inv(np.full(len(ring), TANF[0]), np.full(len(ring), TANF[1]),
                          ring[:, 0], ring[:, 1])
    assert np.abs(dist - radius_m).max() < 1e-3


def test_circle_area_close_to_true_geodesic_circle():
    ratio = geodesic_area_m2(geodesic_circle(*TANF, 55_000)) / _true_circle_area_m2(*TANF, 55_000)
    assert 0.999 < ratio <= 1.0


def test_circle_is_not_a_degree_buffer():
    # A degree buffer would be as wide (in degrees) east-west as north-south; at 33.5 N a
    # geodesic circle spans about 1/cos(33.5) = 1.2 times more degrees of longitude.
    minx, miny, maxx, maxy = geodesic_circle(*TANF, 55_000).bounds
    assert (maxx - minx) / (maxy - miny) == pytest.approx(1 / np.cos(np.radians(33.5)), rel=0.01)


def test_buffer_of_a_line_keeps_metres():
    line = LineString([(40.0, 35.2), (40.3, 35.4)])
    zone = buffer_m(line, 5_000)
    edge = np.asarray(zone.exterior.coords)
    # every boundary vertex is 5 km from the line: the minimum geodesic distance to a dense
    # sampling of the line (1 m steps would be exact; 2,000 samples of ~18 m are close enough)
    n_samples = 2_000
    samples = [line.interpolate(i / (n_samples - 1), normalized=True) for i in range(n_samples)]
    sx, sy = np.array([p.x for p in samples]), np.array([p.y for p in samples])
    d = geodesic_distance_m(edge[:, 0, None], edge[:, 1, None], sx[None, :], sy[None, :]).min(axis=1)
    assert np.abs(d - 5_000).max() < 10  # AEQD over ~40 km: far under 1 %


def test_negative_radius_is_refused():
    with pytest.raises(ValueError, match="-5"):
        geodesic_circle(*TANF, -5)


@pytest.mark.parametrize("lat0", [0.0, 35.0, 70.0])
@pytest.mark.parametrize(("metres", "tol_mm"), [(0.0, 1e-5), (1.0, 1e-5), (20_000.0, 0.01),
                                                 (100_000.0, 0.01), (300_000.0, 0.2),
                                                 (CHORD_MAX_M, 5.0)])
def test_chord_geodesic_agrees_with_karney(lat0, metres, tol_mm):
    # random directions round random points: the circle-of-normal-curvature formula is
    # exact to a tenth of a millimetre up to 300 km and to 5 mm at the 700 km it is used to
    rng = np.random.default_rng(int(lat0) + int(metres) % 97)
    n = 20_000
    lon, lat = rng.uniform(-180, 180, n), np.clip(rng.normal(lat0, 3.0, n), -89.0, 89.0)
    lon2, lat2, _ = GEOD.fwd(lon, lat, rng.uniform(0, 360, n), np.full(n, metres))
    exact = GEOD.inv(lon, lat, lon2, lat2)[2]
    p, q = ecef(lon, lat), ecef(lon2, lat2)
    ours = chord_geodesic_m(*(a - b for a, b in zip(p, q)), *(a + b for a, b in zip(p, q)))
    assert np.abs(ours - exact).max() <= tol_mm / 1000


def test_ecef_matches_pyproj():
    from pyproj import Transformer

    rng = np.random.default_rng(8)
    lon, lat = rng.uniform(-180, 180, 1000), rng.uniform(-90, 90, 1000)
    to_ecef = Transformer.from_crs("EPSG:4326", "EPSG:4978", always_xy=True)
    x, y, z = to_ecef.transform(lon, lat, np.zeros(1000))
    for ours, theirs in zip(ecef(lon, lat), (x, y, z)):
        np.testing.assert_allclose(ours, theirs, atol=1e-6)


def test_geod_is_pyprojs_wgs84_made_on_first_use():
    from pyproj import Geod

    real = Geod(ellps="WGS84")
    for name in ("a", "b", "f", "es"):  # given without pyproj, to the last bit
        assert getattr(GEOD, name) == getattr(real, name), name
    assert GEOD.inv(38.6, 33.5, 40.1, 35.3) == real.inv(38.6, 33.5, 40.1, 35.3)
    assert GEOD.fwd(38.6, 33.5, 45.0, 10_000.0) == real.fwd(38.6, 33.5, 45.0, 10_000.0)
