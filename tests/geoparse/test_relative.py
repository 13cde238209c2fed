"""Geometries of relative expressions, checked against the annotated points of the seed set."""

import pytest
from shapely.geometry import Point

from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import GEOD
from geo_deconflict.geoparse import relative


def _gov(name):
    return layers.find_feature(name, layers=("governorates",)).geometry


def _town(name):
    return layers.find_feature(name, layers=("towns",)).geometry


SYRIA = layers.find_feature("Syria", layers=("countries",)).geometry

# surface in the seed annotations -> the geometry the expression means
CASES = {
    "شرق الفرات": lambda: relative.river_side("euphrates", "east"),
    "شرق نهر الفرات": lambda: relative.river_side("euphrates", "east"),
    "الضفة اليسرى لنهر الفرات": lambda: relative.river_side("euphrates", "left"),
    "ريف دير الزور الشمالي": lambda: relative.countryside(
        _gov("Deir ez-Zor"), town=_town("Deir ez-Zor"), direction="north"),
    "ريف حماة الشمالي الشرقي": lambda: relative.countryside(
        _gov("Hama"), town=_town("Hama"), direction="northeast"),
    "ريف حلب": lambda: relative.countryside(_gov("Aleppo"), town=_town("Aleppo")),
    "شرق سوريا": lambda: relative.direction_part(SYRIA, "east"),
    "شمال سوريا": lambda: relative.direction_part(SYRIA, "north"),
    "قرب مدينة منبج": lambda: relative.near(_town("Manbij")),
    "قرب منبج": lambda: relative.near(_town("Manbij")),
}


def test_gold_points_of_relative_expressions_fall_in_their_geometry(gold_places):
    checked = 0
    for line in gold_places:
        if line["kind"] == "relative" and line["surface"] in CASES:
            geom = CASES[line["surface"]]()
            assert geom.contains(Point(line["lon"], line["lat"])), line["surface"]
            checked += 1
    assert checked >= 10


def test_west_of_the_euphrates_is_the_right_bank():
    west = relative.river_side("euphrates", "west")
    assert west.equals(relative.river_side("euphrates", "right"))
    assert west.contains(_town("Deir ez-Zor")) and not west.contains(_town("Raqqa"))


def test_countryside_excludes_the_town_and_stays_in_the_governorate():
    gov = _gov("Deir ez-Zor")
    rural = relative.countryside(gov, town=_town("Deir ez-Zor"))
    assert not rural.contains(_town("Deir ez-Zor")) and gov.buffer(1e-9).contains(rural)


def test_distance_ring_is_geodesic():
    tanf = layers.find_feature("al_tanf_garrison").geometry
    ring = relative.distance_from(tanf, 55_000, tolerance=0.05)
    for azimuth in (0, 90, 200):
        inside = Point(*GEOD.fwd(tanf.x, tanf.y, azimuth, 55_000)[:2])
        outside = Point(*GEOD.fwd(tanf.x, tanf.y, azimuth, 61_000)[:2])
        assert ring.contains(inside) and not ring.contains(outside)
    assert relative.distance_from(tanf, 55_000, within=True).contains(tanf)


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="upwards"):
        relative.sector(38, 35, "upwards")
