"""Zone specs: the bundled zones are geodetically right; bad specs fail clearly."""

import csv
import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

from geo_deconflict.errors import InvalidZoneError, SpecError
from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import GEOD, geodesic_area_m2
from geo_deconflict.geo.split import split_by_line
from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.model import zones_frame


@pytest.fixture(scope="module")
def bundled():
    return {z.id: z for z in build_zones()}


def _site(site_id):
    return layers.load_layer("sites").set_index("id").loc[site_id].geometry


def _spec(*zones):
    return {"version": 1, "zones": list(zones)}


def _zone(zid="z", **kw):
    entry = {"id": zid, "name_en": f"zone {zid}",
             "geometry": {"buffer": {"centre": [38.6, 33.5], "radius_m": 1000}}}
    entry.update(kw)
    return entry


# ---------------------------------------------------------------- al-Tanf

def test_tanf_ring_vertices_are_55_km_from_the_garrison(bundled):
    tanf = bundled["tanf_55km"]
    garrison = _site("al_tanf_garrison")
    ring = np.asarray(tanf.geometry.exterior.coords)
    _, _, dist = GEOD.inv(np.full(len(ring), garrison.x), np.full(len(ring), garrison.y),
                          ring[:, 0], ring[:, 1])
    assert np.abs(dist - 55_000).max() <= 1.0
    assert tanf.centre == pytest.approx((garrison.x, garrison.y)) and tanf.radius_m == 55_000


def test_tanf_area_within_half_a_percent_of_a_true_geodesic_circle(bundled):
    garrison = _site("al_tanf_garrison")
    n = 36_000
    lons, lats, _ = GEOD.fwd(np.full(n, garrison.x), np.full(n, garrison.y),
                             np.linspace(0, 360, n, endpoint=False), np.full(n, 55_000.0))
    true_area = abs(GEOD.polygon_area_perimeter(lons, lats)[0])
    assert abs(geodesic_area_m2(bundled["tanf_55km"].geometry) / true_area - 1) < 0.005


def test_rukban_and_tripoint_fall_inside_tanf(bundled):
    tanf = bundled["tanf_55km"].geometry
    assert tanf.contains(_site("rukban_camp")) and tanf.contains(_site("syr_irq_jor_tripoint"))
    assert not tanf.contains(_site("abu_kamal"))


# ---------------------------------------------------------------- Euphrates split

def test_euphrates_split_gives_two_parts_whose_union_is_syria(bundled):
    west, east = bundled["euphrates_west"].geometry, bundled["euphrates_east"].geometry
    syria = layers.find_feature("Syria", layers=("countries",)).geometry
    union = shapely.union_all([west, east])
    assert abs(geodesic_area_m2(union) / geodesic_area_m2(syria) - 1) < 1e-4
    assert geodesic_area_m2(west.intersection(east)) < 1.0  # they share only the river line
    assert geodesic_area_m2(syria.symmetric_difference(union)) / geodesic_area_m2(syria) < 1e-4
    # the west (right) bank is the larger part
    assert geodesic_area_m2(west) > 2 * geodesic_area_m2(east)


def test_towns_fall_on_the_bank_the_reference_gives(bundled, reference_dir):
    west, east = bundled["euphrates_west"].geometry, bundled["euphrates_east"].geometry
    checked = 0
    with (reference_dir / "euphrates_town_check.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            bank = row["expected_bank"] or row["bank_by_ne_line"]
            point = Point(float(row["lon"]), float(row["lat"]))
            if row["name"] == "Al Qā’im":  # in Iraq: outside Syria, neither part holds it
                assert not west.contains(point) and not east.contains(point)
                continue
            part = east if bank == "left" else west
            assert part.contains(point), f"{row['name']} should be on the {bank} bank"
            checked += 1
    assert checked >= 17


def test_split_by_line_left_is_left_of_the_direction():
    square = box(0, 0, 2, 2)
    left, right = split_by_line(square, shapely.LineString([(3, 1), (-1, 1)]))  # westward
    assert left.bounds[1] == 0 and right.bounds[1] == 1  # heading west, left is south


def test_split_by_line_that_does_not_cross_is_an_error():
    with pytest.raises(InvalidZoneError, match="border to border"):
        split_by_line(box(0, 0, 2, 2), shapely.LineString([(1, 1), (1, 3)]))


# ---------------------------------------------------------------- other recipes

def test_admin_union_intersection_difference():
    spec = _spec(
        _zone("dz", geometry={"admin": "Deir ez-Zor"}),
        _zone("dz_east", geometry={"side_of_line": {"area": "dz", "line": "Euphrates", "side": "left"}}),
        _zone("dz_west", geometry={"difference": ["dz", "dz_east"]}),
        _zone("both", geometry={"union": ["dz_east", "dz_west"]}),
        _zone("overlap", geometry={"intersection": ["dz", {"admin": ["Deir ez-Zor", "الرقة"]}]}),
    )
    zones = {z.id: z for z in build_zones(spec)}
    dz = geodesic_area_m2(zones["dz"].geometry)
    assert geodesic_area_m2(zones["both"].geometry) == pytest.approx(dz, rel=1e-6)
    assert geodesic_area_m2(zones["overlap"].geometry) == pytest.approx(dz, rel=1e-6)
    conoco, deir = _site("conoco_gas_plant"), layers.find_feature("Deir ez-Zor", layers=("towns",)).geometry
    assert zones["dz_east"].geometry.contains(conoco) and zones["dz_west"].geometry.contains(deir)


def test_polygon_from_coordinates_and_from_file(tmp_path):
    ring = [[38.0, 35.0], [39.0, 35.0], [39.0, 36.0], [38.0, 36.0]]
    (tmp_path / "area.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
                                                           "coordinates": [ring + [ring[0]]]}}]}))
    spec = _spec(_zone("a", geometry={"polygon": {"coordinates": ring}}),
                 _zone("b", geometry={"polygon": {"file": "area.geojson"}}))
    spec["_base_dir"] = str(tmp_path)
    a, b = build_zones(spec)
    assert a.geometry.equals(b.geometry)
    assert a.centre is None


def test_dates_partial_and_validity():
    zone, = build_zones(_spec(_zone(valid_from="2017-09", valid_to="2019")))
    assert zone.valid_from == dt.date(2017, 9, 1) and zone.valid_to == dt.date(2019, 12, 31)
    assert zone.valid_at(dt.date(2017, 9, 16)) and not zone.valid_at(dt.date(2017, 8, 31))


def test_bundled_zones_have_sources_dates_and_both_names(bundled):
    for zone in bundled.values():
        assert zone.sources and all(s.outlet and s.date for s in zone.sources), zone.id
        assert zone.name_ar and zone.name_en and zone.parties and zone.valid_from, zone.id
    assert bundled["manbij_area.deployment"].approximate


def test_zones_frame_round_trips_through_every_format(tmp_path, bundled):
    from geo_deconflict.geo.io import read_vector, write_vector

    frame = zones_frame(list(bundled.values()))
    for ext in ("geojson", "gpkg", "parquet"):
        back = read_vector(write_vector(frame, tmp_path / f"zones.{ext}"))
        assert list(back["id"]) == list(frame["id"])
        # (GDAL may read ISO date strings back as datetimes)
        assert list(pd.to_datetime(back["valid_from"])) == list(pd.to_datetime(frame["valid_from"]))
        # formats may promote Polygon to MultiPolygon and round to 7 decimals (~1 cm)
        assert shapely.hausdorff_distance(back.geometry.values, frame.geometry.values).max() < 1e-6


# ---------------------------------------------------------------- spec errors

@pytest.mark.parametrize(("zones", "zone_id", "field", "words"), [
    ([_zone("x", geometry={"buffer": {"centre": "Atlantis", "radius_m": 5}})],
     "x", "geometry.buffer.centre", "Atlantis"),
    ([_zone("x", geometry={"buffer": {"centre": "Manbij", "radius_m": -5}})],
     "x", "geometry.buffer.radius_m", "-5"),
    ([_zone("x", geometry={"union": ["x2", "nowhere"]}), _zone("x2")],
     "x", "geometry.union[1]", "nowhere"),
    ([_zone("a", geometry={"union": ["b", "b"]}), _zone("b", geometry={"difference": ["a", "a"]})],
     "a", "geometry", "cycle"),
    ([_zone("x", geometry={"side_of_line": {"area": "Syria", "side": "left",
                                            "line": [[38.0, 35.0], [38.5, 35.5]]}})],
     "x", "geometry.side_of_line.line", "border to border"),
    ([_zone("x", geometry={"side_of_line": {"area": "Syria", "side": "east", "line": "Euphrates"}})],
     "x", "geometry.side_of_line.side", "east"),
    ([_zone("x", geometry={"admin": ["Narnia"]})], "x", "geometry.admin[0]", "Narnia"),
    ([_zone("x", geometry={"circle": {}})], "x", "geometry", "circle"),
    ([_zone("x", radius=4)], "x", "radius", "radius"),
    ([_zone("x", valid_from="2017-13")], "x", "valid_from", "2017-13"),
    ([_zone("x"), _zone("x")], "x", "id", "duplicate"),
])
def test_spec_errors_name_zone_and_field(zones, zone_id, field, words):
    with pytest.raises(SpecError) as info:
        build_zones(_spec(*zones))
    err = info.value
    assert (err.zone_id, err.field) == (zone_id, field)
    assert words in str(err) and "\n" not in str(err)
