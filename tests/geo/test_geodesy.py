"""Geodesic circles, buffers and areas, checked against pyproj.Geod directly."""

import numpy as np
import pytest
from shapely.geometry import LineString

from geo_deconflict.geo.geodesy import (
    GEOD,
    buffer_m,
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
